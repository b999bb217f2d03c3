//! A screen reader's speech log (NVDA's Speech Viewer, JAWS's speech
//! history) of the form read as a web page: what is spoken, one utterance
//! a line or several on a line, separated by two spaces, the page's
//! structure spoken as words among the text (`heading  level 2  GENERAL
//! INFORMATION`, `list  with 8 items  bullet  Support ...`, `out of list`,
//! `table with 6 rows and 2 columns  row 1  column 1  Title:`, `link`,
//! `banner landmark`). The document is the text with the structure written
//! as text again: a heading as a markdown heading of its level, a bullet
//! as `- `, a numbered item as it is spoken; the other roles are dropped.
//! A line that speaks only structure is layout. One output line per input
//! line, so the record's `lines` still refer to the input.

use crate::record::ResidueKind;

use super::mime::Mime;

/// Utterances that speak only the page's structure (folded to lower case).
const ROLES: &[&str] = &[
    "link",
    "visited link",
    "same page link",
    "graphic",
    "image",
    "document",
    "clickable",
    "button",
    "separator",
    "landmark",
    "banner landmark",
    "main landmark",
    "navigation landmark",
    "complementary landmark",
    "contentinfo landmark",
    "region",
    "article",
    "frame",
    "block quote",
    "out of block quote",
    "out of list",
    "out of table",
    "out of frame",
    "out of region",
    "edit",
    "read only",
    "blank",
];

/// The fewest lines that speak a heading's level, a list or a bullet for a
/// text to be read as a speech log.
const MIN_SPOKEN_LINES: usize = 5;

/// What one utterance is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said<'a> {
    /// A heading of this level, the next text its words.
    Heading(usize),
    /// `heading`, with its level in the next utterance.
    HeadingWord,
    /// A list item's bullet: the next text is an item.
    Bullet,
    /// Structure: nothing of the text.
    Role,
    /// The page's text.
    Text(&'a str),
}

/// The number in `s` after `prefix` and before `suffix` (`level 2`).
fn number_between(s: &str, prefix: &str, suffix: &str) -> Option<usize> {
    let n = s.strip_prefix(prefix)?.strip_suffix(suffix)?;
    (!n.is_empty() && n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit())).then(|| n.parse().ok()).flatten()
}

/// Whether `s` speaks a table's, a row's or a column's place (`row 1`,
/// `column 2`, `row 1 column 1`, `table with 6 rows and 2 columns`).
fn table_place(s: &str) -> bool {
    if let Some(rest) = s.strip_prefix("table with ") {
        let words: Vec<&str> = rest.split(' ').collect();
        return matches!(words.as_slice(), [n, "rows" | "columns", "and", m, "rows" | "columns"]
            if n.bytes().all(|b| b.is_ascii_digit()) && m.bytes().all(|b| b.is_ascii_digit()));
    }
    let mut words = s.split(' ');
    let mut any = false;
    while let Some(w) = words.next() {
        if !matches!(w, "row" | "column")
            || !words.next().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return false;
        }
        any = true;
    }
    any
}

/// Reads one utterance.
fn said(u: &str) -> Said<'_> {
    let folded = u.to_ascii_lowercase();
    let f = folded.as_str();
    if f == "heading" {
        return Said::HeadingWord;
    }
    if let Some(level) = number_between(f, "heading level ", "").or_else(|| number_between(f, "level ", "")) {
        return Said::Heading(level);
    }
    if f == "bullet" {
        return Said::Bullet;
    }
    let list = f == "list"
        || number_between(f, "with ", " items").is_some()
        || number_between(f, "list with ", " items").is_some()
        || number_between(f, "list of ", " items").is_some();
    if list || ROLES.contains(&f) || table_place(f) {
        return Said::Role;
    }
    Said::Text(u)
}

/// Whether a line speaks a heading's level, a list or a bullet.
fn speaks_structure(line: &str) -> bool {
    line.contains("  ")
        && line.split("  ").map(str::trim).any(|u| {
            let f = u.to_ascii_lowercase();
            f == "bullet"
                || f.starts_with("level ")
                || f.starts_with("heading level ")
                || f == "out of list"
                || f.starts_with("with ")
        })
        && line.split("  ").any(|u| matches!(said(u.trim()), Said::Heading(_) | Said::Bullet | Said::Role))
}

/// Reads `text` as a speech log, or `None` when it is not one.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    // cheap rejection: a log speaks a heading's level or a bullet
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"  level ").is_none() && memchr::memmem::find(bytes, b"bullet  ").is_none() {
        return None;
    }
    if super::split_lines(text).filter(|l| speaks_structure(l)).take(MIN_SPOKEN_LINES).count() < MIN_SPOKEN_LINES {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    let n = raw.len();
    let mut out =
        Mime { envelope: vec![None; n], decoded: Vec::with_capacity(n), soft: vec![false; n], ..Mime::default() };
    for (i, line) in raw.iter().enumerate() {
        let written = write(line);
        if written.is_empty() && !line.trim().is_empty() {
            out.envelope[i] = Some((ResidueKind::Boilerplate, line.trim().to_string()));
        }
        out.decoded.push(written);
    }
    out.join_content(text.len());
    Some(out)
}

/// A line of the log written as text: its utterances' text joined by a
/// space (a lone mark of punctuation after the word before it), the
/// structure as markdown.
fn write(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut pending: Option<Said<'_>> = None;
    for u in line.split("  ").map(str::trim).filter(|u| !u.is_empty()) {
        let said = said(u);
        match (said, pending) {
            (Said::Heading(level), _) => pending = Some(Said::Heading(level)),
            (Said::HeadingWord, _) => pending = Some(Said::HeadingWord),
            (Said::Bullet, _) => pending = Some(Said::Bullet),
            (Said::Role, _) => {}
            (Said::Text(t), p) => {
                let mark = t.len() == 1 && t.bytes().all(|b| b.is_ascii_punctuation());
                if !s.is_empty() && !mark {
                    s.push(' ');
                }
                match p {
                    Some(Said::Heading(level)) => {
                        s.push_str(&"#".repeat(level.clamp(1, 6)));
                        s.push(' ');
                    }
                    Some(Said::Bullet) => s.push_str("- "),
                    _ => {}
                }
                s.push_str(t);
                pending = None;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_written_as_text() {
        assert_eq!(write("heading  level 2  GENERAL INFORMATION:"), "## GENERAL INFORMATION:");
        assert_eq!(write("out of table  heading  level 2  SUPERVISION"), "## SUPERVISION");
        assert_eq!(write("list  with 8 items  bullet  Support the design"), "- Support the design");
        assert_eq!(write("bullet  Perform other tasks."), "- Perform other tasks.");
        assert_eq!(write("out of list  Desirable:"), "Desirable:");
        assert_eq!(write("table with 6 rows and 2 columns  row 1  column 1  Title:"), "Title:");
        assert_eq!(write("column 2  Dakar, Senegal"), "Dakar, Senegal");
        assert_eq!(write("submission to  link  jpo@ilo.org  ."), "submission to jpo@ilo.org.");
        assert_eq!(write("banner landmark  link  graphic  International Labour Office"), "International Labour Office");
        assert_eq!(write("list  with 3 items  1. Collaboration: Works"), "1. Collaboration: Works");
        assert_eq!(write("main landmark"), "");
        // words that only look like structure are text
        assert_eq!(write("Row 1 of the table"), "Row 1 of the table");
    }

    #[test]
    fn detection_and_layout() {
        let mut text = String::from("Page - Microsoft Edge\nmain landmark  Post number: 1\n");
        for i in 0..5 {
            text.push_str(&format!(
                "heading  level 2  HEADING {i}\nlist  with 2 items  bullet  One.\nbullet  Two.\nout of list\n"
            ));
        }
        let m = decode(&text).expect("a speech log");
        assert_eq!(m.decoded[1], "Post number: 1");
        assert_eq!(m.decoded[2], "## HEADING 0");
        assert_eq!(m.envelope[5], Some((ResidueKind::Boilerplate, "out of list".to_string())));
        assert!(m.envelope[0].is_none());
        // prose with two spaces after its sentences, a form with a level: none
        assert!(decode("One.  Two.  Three.\nGrade level  P2\n").is_none());
        assert!(decode(&"The bullet  points below.\n".repeat(10)).is_none());
    }
}
