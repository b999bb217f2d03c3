//! Post number, month and year of issue, submission e-mail.

use std::sync::LazyLock;

use regex::Regex;

use super::form::FormValues;
use super::{field, Ctx};
use crate::record::{Field, Flag, Header};
use crate::segment::dates::Date;
use crate::segment::{Collected, FieldId, Flags};
use crate::template::MONTHS;
use crate::text::fold;

/// The shortest month abbreviation accepted ("Sep", "Sept").
const MIN_MONTH_PREFIX: usize = 3;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|\D)(\d{2,7})(?:\D|$)").expect("valid regex"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19[89]\d|20\d\d|2100)\b").expect("valid regex"));

/// A month name (or abbreviation, or number 1-12) at the start of a word.
pub(crate) fn parse_month(text: &str) -> Option<u8> {
    let folded = fold(text);
    for word in folded.split(' ') {
        if word.len() >= MIN_MONTH_PREFIX {
            if let Some(&(_, n)) = MONTHS.iter().find(|(name, _)| name.starts_with(word) || *name == word) {
                return Some(n);
            }
        }
    }
    let first = folded.split(' ').next()?;
    let n: u8 = first.parse().ok()?;
    (1..=12).contains(&n).then_some(n)
}

pub(super) fn header(ctx: &Ctx<'_>, c: &Collected, form: &FormValues) -> Header {
    // post number
    let post_number = match form.get(FieldId::PostNumber) {
        Some(v) => {
            let n = NUMBER.captures(&v.text).map(|c| c[1].to_string());
            let mut flags = v.flags;
            // "JPO-2431", "2431 (revised)": the number was picked out of more
            if n.as_deref().is_some_and(|n| n != v.text.trim().trim_end_matches('.')) {
                flags.set(Flag::ValuePicked);
            }
            field(n, flags, v.lines)
        }
        None => Field::missing(),
    };
    // month, and a year written after it
    let mut year_from_month = None;
    let issue_month = match form.get(FieldId::IssueMonth) {
        Some(v) => {
            year_from_month = YEAR.find(&v.text).and_then(|m| m.as_str().parse::<u16>().ok()).map(|y| (y, v.lines));
            field(parse_month(&v.text), v.flags, v.lines)
        }
        None => dated(ctx, c, |d| d.month),
    };
    // year: its own label, else after the month, else a bare year line
    let labelled = form.get(FieldId::IssueYear).and_then(|v| {
        let y = YEAR.find(&v.text).and_then(|m| m.as_str().parse::<u16>().ok())?;
        Some((y, v))
    });
    let issue_year = if let Some((y, v)) = labelled {
        field(Some(y), v.flags, v.lines)
    } else if let Some((y, lines)) = year_from_month {
        // the month's lines, whether or not a month was read from them
        // ("Month of issue: XXX 2025")
        let mut f = Flags::default();
        f.set(Flag::Inferred);
        field(Some(y), f, lines)
    } else if let Some(first) = c.bare_years.first() {
        let mut f = Flags::default();
        f.set(Flag::LabelMissing);
        if c.bare_years.iter().any(|y| y.value != first.value) {
            f.set(Flag::Ambiguous);
        }
        let no = ctx.lines[first.line].no;
        field(Some(first.value), f, Some([no, no]))
    } else {
        dated(ctx, c, |d| Some(d.year))
    };
    // submission e-mail from the note for supervisors
    let submission_email = match c.note_emails.first() {
        Some((line, email)) => {
            let mut f = Flags::default();
            if c.note_emails.iter().any(|(_, e)| !e.eq_ignore_ascii_case(email)) {
                f.set(Flag::Ambiguous);
            }
            let no = ctx.lines[*line].no;
            field(Some(email.clone()), f, Some([no, no]))
        }
        None => Field::missing(),
    };
    Header { post_number, issue_month, issue_year, submission_email }
}

/// A value of the first date standing above the form (a page's or a
/// letter's date), when no label gives it: the issue's date is a guess
/// (flag `inferred`), and an ambiguous one when the dates differ in it.
fn dated<T: PartialEq>(ctx: &Ctx<'_>, c: &Collected, value: impl Fn(&Date) -> Option<T>) -> Field<T> {
    let mut values = c.dates.iter().filter_map(|(line, d)| Some((*line, value(d)?)));
    let Some((line, first)) = values.next() else { return Field::missing() };
    let mut f = Flags::default();
    f.set(Flag::Inferred);
    if values.any(|(_, v)| v != first) {
        f.set(Flag::Ambiguous);
    }
    let no = ctx.lines[line].no;
    field(Some(first), f, Some([no, no]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_table() {
        let cases: &[(&str, Option<u8>)] = &[
            ("October", Some(10)),
            ("September 2023", Some(9)),
            ("Sept. 2023", Some(9)),
            ("mars", Some(3)),
            ("marzo 2025", Some(3)),
            ("décembre", Some(12)),
            ("junho de 2025", Some(6)),
            ("novembro", Some(11)),
            ("Março 2024", Some(3)),
            ("marble", None),
            ("10/2024", Some(10)),
            ("13", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_month(text), *want, "{text:?}");
        }
    }
}
