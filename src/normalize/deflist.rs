//! A definition list (pandoc Markdown, reStructuredText field bodies): a
//! term on its own line, then its definition on the next line after a
//! colon and spaces (`Duty station` / `:   Lusaka, Zambia`). Each term is
//! written as a label, with its colon (`Duty station:`), and its
//! definition without the marker, so that a form's rows read as labels with
//! their values below them.
//!
//! Only a text with several such pairs is read so: a line that opens with
//! a colon anywhere else is left as it is.

use super::Line;

/// The fewest terms with a definition for a text to be read as a
/// definition list.
const MIN_TERMS: usize = 2;

/// The longest term, in bytes.
const MAX_TERM_BYTES: usize = 80;

/// Writes a definition list's terms as labels and their definitions
/// without their markers. Leaves any other text as it is.
pub(crate) fn mark(lines: &mut [Line]) {
    let is_definition = |l: &Line| l.text.strip_prefix(": ").is_some_and(|r| !r.trim().is_empty());
    let is_term = |l: &Line| {
        l.has_text()
            && l.envelope.is_none()
            && l.bullet.is_none()
            && l.text.len() <= MAX_TERM_BYTES
            && !l.text.ends_with([':', '.', ';', ','])
    };
    let pairs: Vec<usize> = (1..lines.len()).filter(|&i| is_definition(&lines[i]) && is_term(&lines[i - 1])).collect();
    if pairs.len() < MIN_TERMS {
        return;
    }
    for i in pairs {
        lines[i - 1].text.push(':');
        lines[i - 1].markup = true;
        let l = &mut lines[i];
        l.text.drain(..2);
        l.markup = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_become_labels_and_definitions_their_values() {
        let mut l =
            Line::numbered(&["Title", ": Junior Professional Officer", "", "Grade", ": P2", "", ": no term above"]);
        mark(&mut l);
        let texts: Vec<&str> = l.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["Title:", "Junior Professional Officer", "", "Grade:", "P2", "", ": no term above"]);
    }

    #[test]
    fn one_line_opening_with_a_colon_is_left_alone() {
        let mut l = Line::numbered(&["Title", ": Junior Professional Officer", "Grade: P2"]);
        let before = l.clone();
        mark(&mut l);
        assert_eq!(l, before);
    }
}
