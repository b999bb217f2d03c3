//! Running page headers and footers: lines that repeat next to page breaks,
//! and "Page N of M".

use std::collections::HashMap;

/// The maps here are only counted and looked up, never iterated in an
/// order that shows: a fast hash, not SipHash.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::Line;
use crate::text::fold;

/// How many non-blank lines after (and before) a page break are looked at
/// for running headers (and footers).
const PAGE_EDGE_LINES: usize = 3;

/// How many lines after (and before) a page break are scanned for the
/// [`PAGE_EDGE_LINES`] text lines of the page edge: bounded, so that many
/// page breaks with no text between them cost linear time.
const PAGE_EDGE_WINDOW: usize = 12;

/// The longest line (in bytes) that can be a running header or footer: a
/// header may hold a long post title ("Vacancy proposal – Junior
/// Professional Officer in ... and Digital Tools"); repeating at the page
/// edges is what tells it from prose.
const MAX_RUNNING_CHARS: usize = 160;

/// The fewest page edges a line must repeat on to be taken for a running
/// header or footer.
const MIN_REPEATS: usize = 2;

/// Share of the pages a running header or footer must stand on: a line
/// that repeats at only a few page edges ("Desirable:") is content.
const RUNNING_PAGE_SHARE: f32 = 0.5;

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:page|p\.|pg\.?)?\s*\d{1,4}\s*(?:(?:of|/|de|sur)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$")
        .expect("valid regex")
});

/// Whether a line is a page number: "Page 2 of 5", "2/5", "- 3 -".
pub(crate) fn is_page_number(text: &str) -> bool {
    // a digit before the pattern: most short lines (labels, headings) have none
    text.len() <= 24 && text.bytes().any(|b| b.is_ascii_digit()) && PAGE_NUMBER.is_match(text.trim()) && {
        let t = text.trim();
        // a bare number is a page number only in a "page" shape; a bare year is not
        !t.chars().all(|c| c.is_ascii_digit())
    }
}

/// "Page N of M" at the end of a line, after the footer's other text.
static TRAILING_PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\S\s+(?:page|p\.|pg\.?)\s*\d{1,4}\s*(?:of|/|de|sur)\s*\d{1,4}$").expect("valid regex")
});

/// Whether a line is a footer that ends with its page number
/// ("H:\\JPO\\VP_final.doc   Page 2 of 5", "ILO - Vacancy proposal Page 2 of
/// 5"): a short line, and the number in its "Page N of M" shape, which
/// prose does not end with.
pub(crate) fn ends_with_page_number(text: &str) -> bool {
    let t = text.trim_end();
    // the shape ends in a digit: most lines are passed over on their last byte
    text.len() <= MAX_RUNNING_CHARS && t.ends_with(|c: char| c.is_ascii_digit()) && TRAILING_PAGE_NUMBER.is_match(t)
}

/// Whether a line is a page number ([`is_page_number`]) or a footer that
/// ends with one ([`ends_with_page_number`]): a page edge either way.
pub(crate) fn is_page_or_footer_number(text: &str) -> bool {
    is_page_number(text) || ends_with_page_number(text)
}

/// The most non-blank lines between a page's bare number and the page
/// break after it (a footer such as a scanner's watermark may follow it).
const BARE_NUMBER_REACH: usize = 3;

/// The most digits of a bare page number.
const MAX_BARE_NUMBER_DIGITS: usize = 3;

/// Marks bare numbers ("2") as page numbers where the page break shows
/// them to be: a number standing alone between blank lines within
/// [`BARE_NUMBER_REACH`] non-blank lines (and a few blank ones) before a
/// form feed. Elsewhere a
/// bare number may be a value (a year, a post number), and is not one.
pub(crate) fn mark_bare_page_numbers(lines: &[Line], numbered: &mut [bool]) {
    let alone = |i: usize| {
        let blank = |j: Option<usize>| j.and_then(|j| lines.get(j)).is_none_or(|l| l.is_blank());
        let t = lines[i].text.as_str();
        (1..=MAX_BARE_NUMBER_DIGITS).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && blank(i.checked_sub(1))
            && blank(Some(i + 1))
    };
    for b in (0..lines.len()).filter(|&i| lines[i].page_break) {
        // within a bounded window, so a run of form feeds costs linear time
        let window = b.saturating_sub(4 * BARE_NUMBER_REACH)..b;
        let before = window.rev().filter(|&i| !lines[i].is_blank()).take(BARE_NUMBER_REACH);
        for i in before {
            if alone(i) {
                numbered[i] = true;
            }
        }
    }
    // with no page break to show them, bare numbers that count pages in
    // order (1, 2, 3, ...), a page's length apart, are page numbers: the
    // chains of them, each extended by the number after its last, in one
    // pass (a number that fits no chain starts one)
    let mut chains: Vec<Vec<usize>> = Vec::new();
    // the chains by the number they wait for
    let mut waiting: Map<u32, usize> = Map::default();
    for i in (0..lines.len()).filter(|&i| alone(i)) {
        let Ok(v) = lines[i].text.parse::<u32>() else { continue };
        let fits = waiting.get(&v).copied().filter(|&c| chains[c].last().is_some_and(|&l| i - l >= MIN_PAGE_LINES));
        let c = match fits {
            Some(c) => {
                waiting.remove(&v);
                chains[c].push(i);
                c
            }
            None => {
                chains.push(vec![i]);
                chains.len() - 1
            }
        };
        waiting.insert(v.saturating_add(1), c);
    }
    for chain in chains.iter().filter(|c| c.len() >= MIN_PAGE_SEQUENCE) {
        for &i in chain {
            numbered[i] = true;
        }
    }
}

/// The fewest bare numbers counting pages in order for them to be read as
/// page numbers where no page break shows them to be.
const MIN_PAGE_SEQUENCE: usize = 3;

/// The fewest lines from one such page number to the next: a page holds
/// more.
const MIN_PAGE_LINES: usize = 15;

/// Marks running headers and footers: returns, per line index, whether the
/// line is one. Only meaningful when the text has page breaks: form feeds,
/// and page numbers ("Page 3 of 5"), which mark a page edge in a text that
/// lost its form feeds (or lost some: a document printed, re-typed and
/// extracted again has two sets of page edges).
///
/// `numbered[i]` says whether line `i` is a page number ([`is_page_number`]),
/// computed once by the caller, which needs it too.
pub(crate) fn running_lines(lines: &[Line], numbered: &[bool]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    let feeds = lines.iter().filter(|l| l.page_break).count();
    // pages by their numbers, in the most frequent shape of page number
    // ("Page N of M", "N / M"): two sets of them do not double the pages
    let mut shapes: Map<String, usize> = Map::default();
    for (l, _) in lines.iter().zip(numbered).filter(|(_, &n)| n) {
        let shape: String = l.text.chars().filter(|c| !c.is_ascii_digit()).collect();
        *shapes.entry(shape).or_default() += 1;
    }
    let numbers = shapes.values().copied().max().unwrap_or(0);
    let breaks: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| l.page_break || numbered.get(i).copied().unwrap_or(false))
        .map(|(i, _)| i)
        .collect();
    if breaks.is_empty() {
        return out;
    }
    // candidate lines at page edges, by folded text
    let mut seen: Map<String, Vec<usize>> = Map::default();
    let edge = |idx: usize, seen: &mut Map<String, Vec<usize>>| {
        let l = &lines[idx];
        if l.has_text() && l.text.len() <= MAX_RUNNING_CHARS {
            let key: String = fold(&l.text).chars().filter(|c| !c.is_ascii_digit()).collect();
            if !key.trim().is_empty() {
                seen.entry(key).or_default().push(idx);
            }
        }
    };
    // the start and the end of the text are page edges too
    for &b in std::iter::once(&0).chain(&breaks) {
        lines[b..]
            .iter()
            .enumerate()
            .take(PAGE_EDGE_WINDOW)
            .filter(|(_, l)| l.has_text())
            .take(PAGE_EDGE_LINES)
            .for_each(|(k, _)| edge(b + k, &mut seen));
    }
    for &b in breaks.iter().chain(std::iter::once(&lines.len())) {
        lines[..b]
            .iter()
            .enumerate()
            .rev()
            .take(PAGE_EDGE_WINDOW)
            .filter(|(_, l)| l.has_text())
            .take(PAGE_EDGE_LINES)
            .for_each(|(k, _)| edge(k, &mut seen));
    }
    for idxs in seen.values() {
        let mut distinct = idxs.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // a page has a form feed or a page number, or both
        let pages = feeds.max(numbers) + 1;
        let needed = MIN_REPEATS.max((pages as f32 * RUNNING_PAGE_SHARE).ceil() as usize);
        if distinct.len() >= needed {
            for i in distinct {
                out[i] = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["Page 2 of 5", "page 3", "2/5", "- 3 -", "Page 10 of 12"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024", "Grade: P2", "Page turner", "12 months"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn footers_ending_with_a_page_number() {
        for t in
            ["H:\\HRD\\JPO\\VP_final.doc   Page 2 of 5", "ILO - Vacancy proposal Page 3/4", "Proposition p. 2 sur 3"]
        {
            assert!(ends_with_page_number(t), "{t}");
        }
        for t in ["Page 2 of 5", "See page 2", "The report runs to page 2 and more", "Page 2 of 5 follows"] {
            assert!(!ends_with_page_number(t), "{t}");
        }
        let long = format!("{} page 2 of 5", "word ".repeat(30));
        assert!(!ends_with_page_number(&long));
    }

    #[test]
    fn bare_numbers_before_a_form_feed() {
        let lines = vec![
            mk("Minimum: At least one year in", false),
            mk("", false),
            mk("2", false),
            mk("", false),
            mk("Scanned with a scanner", false),
            mk("health, labour inspection", true),
            mk("", false),
            mk("3602", false),
            mk("", false),
        ];
        let mut n = numbered(&lines);
        mark_bare_page_numbers(&lines, &mut n);
        assert_eq!(n, vec![false, false, true, false, false, false, false, false, false]);
    }

    #[test]
    fn bare_numbers_counting_pages_with_no_form_feed() {
        // pages of 20 lines, each ending in its number between blank lines
        let page = |n: &str, lines: &mut Vec<Line>| {
            lines.extend((0..20).map(|k| mk(&format!("text {k}"), false)));
            lines.extend([mk("", false), mk(n, false), mk("", false)]);
        };
        let mut lines = Vec::new();
        for n in ["1", "2", "2025", "3"] {
            page(n, &mut lines);
        }
        let mut n = numbered(&lines);
        mark_bare_page_numbers(&lines, &mut n);
        let marked: Vec<&str> = (0..lines.len()).filter(|&i| n[i]).map(|i| lines[i].text.as_str()).collect();
        assert_eq!(marked, ["1", "2", "3"]);
        // two numbers are not a count of pages, nor numbers close together
        let mut short = Vec::new();
        page("1", &mut short);
        page("2", &mut short);
        let mut n = numbered(&short);
        mark_bare_page_numbers(&short, &mut n);
        assert!(n.iter().all(|&b| !b));
        let close: Vec<Line> = ["1", "", "2", "", "3", ""].iter().flat_map(|t| [mk("", false), mk(t, false)]).collect();
        let mut n = numbered(&close);
        mark_bare_page_numbers(&close, &mut n);
        assert!(n.iter().all(|&b| !b));
    }

    /// A line of `text`, after a form feed when `pb`.
    fn mk(text: &str, pb: bool) -> Line {
        Line { text: text.into(), page_break: pb, ..Line::default() }
    }

    fn numbered(lines: &[Line]) -> Vec<bool> {
        lines.iter().map(|l| l.has_text() && is_page_number(&l.text)).collect()
    }

    #[test]
    fn repeated_header_at_page_edges() {
        let lines = vec![
            mk("JPO vacancy proposal – post 2431", false),
            mk("Body one", false),
            mk("JPO vacancy proposal – post 2431", true),
            mk("Body two", false),
            mk("JPO vacancy proposal – post 2431", true),
            mk("Body three", false),
        ];
        let r = running_lines(&lines, &numbered(&lines));
        assert_eq!(r, vec![true, false, true, false, true, false]);
        // no form feeds: the page numbers mark the page edges
        let lines: Vec<Line> = [
            "Body one",
            "Page 1 of 3",
            "JPO vacancy proposal – post 2431",
            "Body two",
            "Page 2 of 3",
            "JPO vacancy proposal – post 2431",
            "Body three",
        ]
        .iter()
        .map(|t| mk(t, false))
        .collect();
        let r = running_lines(&lines, &numbered(&lines));
        assert_eq!(r, vec![false, true, true, false, true, true, false]);
        // a header holding a long post title, past 100 bytes
        let long =
            "Vacancy proposal – Junior Professional Officer in Occupational Safety and Health Data and Digital Tools";
        assert!(long.len() > 100);
        let lines = vec![mk(long, false), mk("Body one", false), mk(long, true), mk("Body two", false)];
        let r = running_lines(&lines, &numbered(&lines));
        assert_eq!(r, vec![true, false, true, false]);
    }
}
