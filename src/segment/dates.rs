//! A date standing alone above the form ("12 November 2024",
//! "2024-11-12 09:30:00 +0200", "Date: Nov. 12, 2024"): a page's or a
//! letter's date, which gives the year and month of issue as a guess when
//! no label of theirs does.

use std::sync::LazyLock;

use regex::Regex;

use super::builder::YEARS;
use crate::extract::header::parse_month;
use crate::template::DATE_LABELS;
use crate::text::fold;

/// A date's year, and its month when the date says which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Date {
    pub year: u16,
    pub month: Option<u8>,
}

/// The letters of a month's or a weekday's name: Latin ones, as the
/// template's months are (a class of every letter would make each of these
/// patterns some hundred kilobytes more).
const LETTERS: &str = r"[A-Za-zÀ-ÖØ-öø-ÿ]";

/// An ISO date, with a time and a zone if any.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    )
    .expect("valid regex")
});

/// A day, a month's name and a year ("12 November 2024", "12th Nov. 2024").
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\d{{1,2}}(?:st|nd|rd|th)?\.?\s+({LETTERS}+)\.?,?\s+(\d{{4}})$")).expect("valid regex")
});

/// A month's name, a day and a year ("November 12, 2024"), or a month's
/// name and a year ("November 2024").
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^({LETTERS}+)\.?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(\d{{4}})$")).expect("valid regex")
});

/// Day and month as numbers, and a year ("12/11/2024"): which number is
/// the month is not known.
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[./-]\d{1,2}[./-](\d{4})$").expect("valid regex"));

/// A weekday's name before a date ("Tue, 12 November 2024").
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{LETTERS}{{2,9}}\.?,\s*")).expect("valid regex"));

/// The date a line holds when it holds only a date, alone or after a
/// [`DATE_LABELS`] label.
pub(crate) fn date_line(text: &str) -> Option<Date> {
    let mut t = text.trim();
    // the cheap rejection first: a date has a digit, and is short
    if t.len() > 60 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // a number alone ("2024", "4402") is no date
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some((label, rest)) = t.split_once(':') {
        if DATE_LABELS.contains(&fold(label).as_str()) {
            t = rest.trim();
        }
    }
    if let Some(m) = WEEKDAY.find(t) {
        t = &t[m.end()..];
    }
    let year = |s: &str| s.parse::<u16>().ok().filter(|y| YEARS.contains(y));
    if let Some(c) = ISO.captures(t) {
        let month = c[2].parse::<u8>().ok().filter(|m| (1..=12).contains(m));
        return Some(Date { year: year(&c[1])?, month: Some(month?) });
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(t).or_else(|| MONTH_DAY_YEAR.captures(t)) {
        // the word must be a month's name (not "Geneva 2024")
        let month = parse_month(&c[1])?;
        return Some(Date { year: year(&c[2])?, month: Some(month) });
    }
    if let Some(c) = NUMERIC.captures(t) {
        return Some(Date { year: year(&c[1])?, month: None });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: Option<u8>) -> Option<Date> {
        Some(Date { year, month })
    }

    #[test]
    fn a_line_holding_only_a_date_gives_its_year_and_month() {
        assert_eq!(date_line("2024-11-12 09:30:00 +0200"), d(2024, Some(11)));
        assert_eq!(date_line("2024-11-12T09:30Z"), d(2024, Some(11)));
        assert_eq!(date_line("12 November 2024"), d(2024, Some(11)));
        assert_eq!(date_line("12th Nov. 2024"), d(2024, Some(11)));
        assert_eq!(date_line("Date: November 12, 2024"), d(2024, Some(11)));
        assert_eq!(date_line("Tue, 12 Nov 2024"), d(2024, Some(11)));
        assert_eq!(date_line("Fecha: 3 marzo 2025"), d(2025, Some(3)));
        assert_eq!(date_line("March 2025"), d(2025, Some(3)));
        // which number is the month is not known
        assert_eq!(date_line("12/11/2024"), d(2024, None));
    }

    #[test]
    fn other_lines_are_not_dates() {
        for line in [
            "Geneva 2024",
            "Post number: 4402",
            "2024",
            "2024-13-12",
            "12 November 1850",
            "Deadline: 12 November 2024",
            "Marketing 2024",
            "In 12 November 2024 the office opened",
        ] {
            assert_eq!(date_line(line), None, "{line:?}");
        }
    }
}
