//! A form table extracted column by column (as some PDF extractors read a
//! table): its labels first, one per line, then its values in the same
//! order.
//!
//! - The form's rows: three or more bare labels (`Title:`, `Duty
//!   station:`, ...) on consecutive lines, then, after a blank line, one
//!   block of value lines. A value may wrap over lines: a line goes on
//!   with the next when the next starts in lower case or is all in
//!   brackets (an acronym under its name), or when it ends with a comma, a
//!   hyphen or a word no sentence ends with. The block is read only when
//!   those breaks leave as many values as labels.
//! - A qualifications table: two or more bare row labels (`Education`,
//!   `Experience`, `Languages`) on consecutive lines, then a column's
//!   label (`Minimum`) and one paragraph per row, then the other column's
//!   (`Desirable`) and as many paragraphs. Read only when every column has
//!   a paragraph for each row.
//!
//! Each value is written on its first line after its labels (`Title:
//! Junior Professional Officer ...`, `Education: Minimum: First level
//! ...`), its other lines joined to it ([`Line::joined`]); the labels' own
//! lines become residue (form text). A value read so was taken from away
//! from its label: [`Line::key_guessed`], a guess.

use super::Line;
use crate::record::ResidueKind;
use crate::segment::{heading, labels};
use crate::template::{Label, LabelDef};
use crate::text::fold;

/// The fewest labels of the form's rows in a column.
const MIN_FORM_LABELS: usize = 3;

/// The longest label alone on its line, in bytes: a longer line is not
/// looked up.
const MAX_LABEL_BYTES: usize = 60;

/// The longest row label of a qualifications table, in bytes.
const MAX_ROW_LABEL_BYTES: usize = 40;

/// The most words of a row label of a qualifications table.
const MAX_ROW_LABEL_WORDS: usize = 3;

/// The fewest row labels of a qualifications table.
const MIN_ROWS: usize = 2;

/// Reads the form tables that were extracted column by column. Leaves any
/// other text as it is.
pub(crate) fn mark(lines: &mut [Line]) {
    // the cheap tests first: how many label-shaped lines start at each
    // line, counted from the end in one pass; only the start of a long
    // enough run is looked up
    let colon = |l: &Line| l.text.len() <= MAX_LABEL_BYTES && l.text.ends_with(':');
    let row = |l: &Line| {
        l.text.len() <= MAX_ROW_LABEL_BYTES
            && !l.text.ends_with(':')
            && l.text.starts_with(char::is_uppercase)
            && l.text.split(' ').count() <= MAX_ROW_LABEL_WORDS
    };
    let mut runs = vec![(0u32, 0u32); lines.len() + 1];
    for k in (0..lines.len()).rev() {
        let (c, r) = runs[k + 1];
        runs[k] = (if colon(&lines[k]) { c + 1 } else { 0 }, if row(&lines[k]) { r + 1 } else { 0 });
    }
    let mut i = 0;
    while i < lines.len() {
        let (c, r) = runs[i];
        // both tables open with a label alone on its line
        let long_enough = c as usize >= MIN_FORM_LABELS || r as usize >= MIN_ROWS;
        if !long_enough || bare_label(&lines[i], false).is_none() {
            i += 1;
            continue;
        }
        let read = if c as usize >= MIN_FORM_LABELS { read_form(lines, i) } else { read_qualifications(lines, i) };
        i = match read {
            Some(end) => end,
            // a run of labels that is no such table: none of its lines
            // starts one either
            None => i + 1 + lines[i + 1..].iter().take_while(|l| bare_label(l, false).is_some()).count(),
        };
    }
}

/// The label of a line that is a label alone: with its colon when `colon`
/// (else with or without one).
fn bare_label(l: &Line, colon: bool) -> Option<&'static LabelDef> {
    if l.text.len() > MAX_LABEL_BYTES || !l.has_text() || l.envelope.is_some() || l.bullet.is_some() || l.joined {
        return None;
    }
    let h = labels::at_start(&l.text, |_| true)?;
    (!h.glued && !h.fuzzy && h.value_start == l.text.len() && (h.colon || !colon)).then_some(h.def)
}

/// Whether a line is a qualification's row label alone, with no colon.
fn is_row_label(l: &Line) -> bool {
    !l.text.ends_with(':')
        && bare_label(l, false).is_some_and(|d| {
            matches!(d.label, Label::Education | Label::WorkExperience | Label::Skills | Label::Languages)
        })
}

/// Whether a line holds value text: not blank, and no label or heading.
fn is_value(l: &Line) -> bool {
    if !l.has_text() || l.envelope.is_some() || l.joined {
        return false;
    }
    let labelled = labels::at_start(&l.text, |_| true).is_some_and(|h| h.colon || h.value_start == l.text.len());
    !labelled && heading::match_line(l, &fold(&l.text)).is_none()
}

/// The next line at or after `i` that is not blank.
fn skip_blank(lines: &[Line], mut i: usize) -> usize {
    while lines.get(i).is_some_and(Line::is_blank) {
        i += 1;
    }
    i
}

/// The form's rows read from `i` on; the index after them.
fn read_form(lines: &mut [Line], i: usize) -> Option<usize> {
    let mut defs = Vec::new();
    let mut j = i;
    while let Some(d) = lines.get(j).and_then(|l| bare_label(l, true)) {
        if defs.iter().any(|&e| std::ptr::eq(e, d)) {
            break;
        }
        defs.push(d);
        j += 1;
    }
    if defs.len() < MIN_FORM_LABELS {
        return None;
    }
    let start = skip_blank(lines, j);
    if start == j {
        return None;
    }
    let mut end = start;
    while lines.get(end).is_some_and(is_value) && lines[end].bullet.is_none() {
        end += 1;
    }
    let groups = group_values(&lines[start..end], defs.len())?;
    for l in &mut lines[i..j] {
        l.envelope = Some(ResidueKind::Boilerplate);
    }
    for (k, (from, to)) in groups.into_iter().enumerate() {
        let label = lines[i + k].text.clone();
        write_value(lines, start + from, start + to, &[&label]);
    }
    Some(end)
}

/// The value lines split into `n` values, as `(from, to)` ranges of
/// `values`: `None` unless the breaks that go on ([`goes_on`]) leave
/// exactly `n`.
fn group_values(values: &[Line], n: usize) -> Option<Vec<(usize, usize)>> {
    if values.len() < n {
        return None;
    }
    let mut groups = Vec::with_capacity(n);
    let mut from = 0;
    for k in 1..=values.len() {
        if k == values.len() || !goes_on(&values[k - 1].text, &values[k].text) {
            groups.push((from, k));
            from = k;
        }
    }
    (groups.len() == n).then_some(groups)
}

/// Whether a value's line goes on with the next one.
fn goes_on(line: &str, next: &str) -> bool {
    next.starts_with(char::is_lowercase)
        || (next.starts_with('(') && next.ends_with(')'))
        || line.ends_with([',', '-', '/', '&'])
        || super::reflow::ends_with_continuing_word(line)
}

/// A qualifications table read from `i` on; the index after it.
fn read_qualifications(lines: &mut [Line], i: usize) -> Option<usize> {
    let mut rows = Vec::new();
    let mut j = i;
    while lines.get(j).is_some_and(is_row_label) {
        rows.push(j);
        j += 1;
    }
    if rows.len() < MIN_ROWS {
        return None;
    }
    // each column: its label's line, then a paragraph per row
    let mut columns: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
    let mut at = skip_blank(lines, j);
    while let Some(d) = lines.get(at).and_then(|l| bare_label(l, false)) {
        if !matches!(d.label, Label::Minimum | Label::Desirable)
            || columns.iter().any(|(c, _)| lines[*c].text == lines[at].text)
        {
            break;
        }
        let head = at;
        let mut paras = Vec::with_capacity(rows.len());
        at = skip_blank(lines, at + 1);
        while paras.len() < rows.len() && lines.get(at).is_some_and(|l| is_value(l) && l.bullet.is_none()) {
            let from = at;
            while lines.get(at).is_some_and(|l| is_value(l) && l.bullet.is_none()) {
                at += 1;
            }
            paras.push((from, at));
            at = skip_blank(lines, at);
        }
        if paras.len() < rows.len() {
            return None;
        }
        columns.push((head, paras));
    }
    if columns.is_empty() {
        return None;
    }
    let names: Vec<String> = rows.iter().map(|&r| lines[r].text.clone()).collect();
    for &r in &rows {
        lines[r].envelope = Some(ResidueKind::Boilerplate);
    }
    for (head, paras) in columns {
        let column = lines[head].text.trim_end_matches(':').to_string();
        lines[head].envelope = Some(ResidueKind::Boilerplate);
        for (name, (from, to)) in names.iter().zip(paras) {
            write_value(lines, from, to, &[&format!("{name}:"), &format!("{column}:")]);
        }
    }
    Some(at)
}

/// Writes the value of lines `from..to` on its first line after `labels`,
/// its other lines joined to it.
fn write_value(lines: &mut [Line], from: usize, to: usize, labels: &[&str]) {
    let mut text = labels.join(" ");
    for (k, l) in lines[from..to].iter().enumerate() {
        if k == 0 || !text.ends_with('-') {
            text.push(' ');
        }
        text.push_str(&l.text);
    }
    for l in &mut lines[from + 1..to] {
        l.join_to_above();
    }
    let first = &mut lines[from];
    first.text = text;
    first.key_guessed = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(l: &[Line]) -> Vec<&str> {
        l.iter().filter(|l| l.envelope.is_none()).map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn the_form_rows_values_are_read_in_their_labels_order() {
        let mut l = Line::numbered(&[
            "Title:",
            "Duty station:",
            "Grade:",
            "Department/ Field Office:",
            "",
            "Junior Professional Officer on Decent Work in",
            "Small Island States",
            "Port of Spain, Trinidad and Tobago",
            "P2",
            "Decent Work Team for the Caribbean",
            "(DWT/O-Port of Spain)",
            "",
            "SUPERVISION",
        ]);
        mark(&mut l);
        assert_eq!(
            texts(&l),
            [
                "",
                "Title: Junior Professional Officer on Decent Work in Small Island States",
                "",
                "Duty station: Port of Spain, Trinidad and Tobago",
                "Grade: P2",
                "Department/ Field Office: Decent Work Team for the Caribbean (DWT/O-Port of Spain)",
                "",
                "",
                "SUPERVISION",
            ]
        );
        assert!(l[5].key_guessed && l[6].joined);
    }

    #[test]
    fn values_that_do_not_match_the_labels_are_left_as_they_are() {
        let mut l = Line::numbered(&["Title:", "Duty station:", "Grade:", "", "Junior Professional Officer", "P2"]);
        let before = l.clone();
        mark(&mut l);
        assert_eq!(l, before);
    }

    #[test]
    fn a_qualifications_table_is_read_row_by_row() {
        let mut l = Line::numbered(&[
            "Education",
            "Languages",
            "",
            "Minimum",
            "",
            "A first university degree in",
            "economics.",
            "",
            "English.",
            "",
            "Desirable",
            "",
            "A master's degree.",
            "",
            "French.",
        ]);
        mark(&mut l);
        let written: Vec<&str> = l.iter().filter(|l| l.key_guessed).map(|l| l.text.as_str()).collect();
        assert_eq!(
            written,
            [
                "Education: Minimum: A first university degree in economics.",
                "Languages: Minimum: English.",
                "Education: Desirable: A master's degree.",
                "Languages: Desirable: French.",
            ]
        );
        assert!(l[..5].iter().all(|l| l.envelope.is_some() || l.is_blank()));
    }
}
