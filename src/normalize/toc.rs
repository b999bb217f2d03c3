//! A table of contents left in the document (Word's automatic one): its
//! entries, each a heading or a label, dot leaders and a page number
//! (`DUTIES AND RESPONSIBILITIES ........ 3`), and its title ("Table of
//! Contents") become [`Line::envelope`] lines of kind
//! [`ResidueKind::Boilerplate`], for residue: an entry names a heading or
//! label that stands again, with its content, where the page says.

use super::Line;
use crate::record::ResidueKind;
use crate::template::TOC_TITLES;
use crate::text::fold;

/// The fewest entries of a table of contents.
const MIN_ENTRIES: usize = 3;

/// The fewest dots of a leader (`....`, `. . . .`, `…` counts three).
const MIN_LEADER_DOTS: usize = 4;

/// The longest page number (a year after a leader is no page).
const MAX_PAGE_DIGITS: usize = 3;

/// The most non-blank lines between a table's title and its first entry.
const MAX_TITLE_GAP: usize = 1;

/// Whether a line is an entry of a table of contents: text, a leader of
/// dots, then a page number (digits or a roman numeral).
fn is_entry(text: &str) -> bool {
    let t = text.trim_end();
    // a digit or a roman numeral's letter (a match, not a search of a
    // string of them for each character)
    let page_char = |c: char| matches!(c, '0'..='9' | 'i' | 'v' | 'x' | 'l' | 'c' | 'I' | 'V' | 'X' | 'L' | 'C');
    // the cheap test first: a page number at the end
    if !t.ends_with(page_char) {
        return false;
    }
    let number = t.trim_end_matches(page_char);
    if number.len() == t.len() || t.len() - number.len() > MAX_PAGE_DIGITS {
        return false;
    }
    let before = number.trim_end();
    let leader = before.trim_end_matches(['.', '…', '·', ' ']);
    let dots: usize =
        before[leader.len()..].chars().map(|c| if c == '…' { 3 } else { usize::from(c == '.' || c == '·') }).sum();
    // the leader read from the end is looked at before the whole line is
    // searched for one (most lines that end in a digit, or in `l` or `c`,
    // have no dots before it)
    dots >= MIN_LEADER_DOTS
        && (t.contains("..") || t.contains(". .") || t.contains('…') || t.contains('·'))
        && leader.chars().any(char::is_alphabetic)
}

/// Marks a table of contents' entries and title.
pub(crate) fn mark(lines: &mut [Line]) {
    let entries: Vec<usize> =
        (0..lines.len()).filter(|&i| lines[i].envelope.is_none() && is_entry(&lines[i].text)).collect();
    if entries.len() < MIN_ENTRIES {
        return;
    }
    for &i in &entries {
        lines[i].envelope = Some(ResidueKind::Boilerplate);
    }
    // the title above the first entry
    let mut gap = 0;
    for i in (0..entries[0]).rev() {
        if !lines[i].has_text() {
            continue;
        }
        if TOC_TITLES.contains(&fold(&lines[i].text).as_str()) {
            lines[i].envelope = Some(ResidueKind::Boilerplate);
            break;
        }
        gap += 1;
        if gap > MAX_TITLE_GAP {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_have_a_leader_and_a_page_number() {
        for t in ["SUPERVISION .......... 2", "Key outputs: ....... 14", "Annex . . . . . iv", "Education……4"] {
            assert!(is_entry(t), "{t:?}");
        }
        for t in ["Grade: P2", "2024 .... 2025", "..... 3", "Title: JPO ... 2", "Budget ..... 2025"] {
            assert!(!is_entry(t), "{t:?}");
        }
    }

    #[test]
    fn a_table_of_contents_and_its_title_are_marked() {
        let mut l = Line::numbered(&[
            "Table of Contents",
            "",
            "GENERAL INFORMATION ..... 2",
            "SUPERVISION ..... 2",
            "INTRODUCTION ..... 3",
            "",
            "GENERAL INFORMATION",
            "Title: JPO",
        ]);
        mark(&mut l);
        let marked: Vec<u32> = l.iter().filter(|l| l.envelope.is_some()).map(|l| l.no).collect();
        assert_eq!(marked, [1, 3, 4, 5]);
    }
}
