//! A listing with line numbers pasted from a terminal (`cat -n`, `nl`):
//! every line of the document opens with its number, right-aligned, and a
//! tab. A line longer than the terminal is cut at its width and goes on
//! on the next screen line, with no number; the shell's prompt stands
//! before and after the listing. The document is the lines without their
//! numbers, each cut line joined to its continuation as a soft line break
//! joins an e-mail's (with no separator: the cut is at a column, inside a
//! word as often as not); the prompts are residue, and a numbered line
//! printed again with its number (two screens pasted with an overlap) is
//! a duplicate. One output line per input line, so the record's `lines`
//! still refer to the input.
//!
//! A `git blame` view is such a listing too: every line opens with the
//! commit that last changed it, and in brackets its author, date and line
//! number (`^3f9c2a1 (Elena Marchetti 2025-04-02  12) text`, the path
//! after the commit when blame names it, the number alone and a closing
//! bracket with `-s`).

use crate::record::ResidueKind;

use super::mime::Mime;

/// The fewest numbered lines that make a listing.
const MIN_NUMBERED_LINES: usize = 10;

/// The least share (percent) of the non-blank lines that are numbered.
const MIN_NUMBERED_PERCENT: usize = 60;

/// The least share (percent) of the numbered lines whose number is the
/// one after the number before it.
const MIN_SEQUENTIAL_PERCENT: usize = 90;

/// The fewest lines cut at the widest width for that width to be read as
/// the terminal's (a listing with no line as long as the terminal has no
/// cut lines).
const MIN_CUT_LINES: usize = 2;

/// The first non-blank lines looked at before the rest, and how many of
/// them must be numbered (a prompt or a cut line may stand among them).
const OPENING_LINES: usize = 8;
const MIN_OPENING_NUMBERED: usize = 3;

/// The longest line number (`cat -n` pads to six digits).
const MAX_NUMBER_DIGITS: usize = 9;

/// A listing line: its number and its text after the tab, or after a
/// blame prefix ([`blamed`]).
fn numbered(line: &str) -> Option<(u64, &str)> {
    let t = line.trim_start_matches(' ');
    if t.as_bytes().first().is_some_and(|&b| b == b'^' || b.is_ascii_hexdigit()) {
        if let Some(hit) = blamed(t) {
            return Some(hit);
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_NUMBER_DIGITS {
        return None;
    }
    let rest = t[digits..].strip_prefix('\t')?;
    Some((t[..digits].parse().ok()?, rest))
}

/// The shortest and longest commit a blame view names (abbreviated to
/// seven hexadecimal digits or more, `^` before a boundary commit).
const MIN_COMMIT_DIGITS: usize = 7;
const MAX_COMMIT_DIGITS: usize = 40;

/// The longest bracket of a blame line (author, date, time, zone, number).
const MAX_BLAME_BRACKET: usize = 120;

/// A `git blame` line: its number (the last word in its bracket, or the
/// number before a `)` with `-s`) and its text after the bracket, or
/// `None`.
fn blamed(t: &str) -> Option<(u64, &str)> {
    let t = t.strip_prefix('^').unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_hexdigit).count();
    if !(MIN_COMMIT_DIGITS..=MAX_COMMIT_DIGITS).contains(&digits) {
        return None;
    }
    let mut rest = t[digits..].strip_prefix(' ')?.trim_start();
    // `-s`: the number alone, and its closing bracket
    let n = rest.bytes().take_while(u8::is_ascii_digit).count();
    if n > 0 && n <= MAX_NUMBER_DIGITS && rest[n..].starts_with(')') {
        let text = &rest[n + 1..];
        return Some((rest[..n].parse().ok()?, text.strip_prefix(' ').unwrap_or(text)));
    }
    if !rest.starts_with('(') {
        // the file's path, when blame follows a file over renames
        let path = rest.find(' ').filter(|&k| k > 0 && !rest[..k].contains('('))?;
        rest = rest[path..].trim_start();
    }
    let inner = rest.strip_prefix('(')?;
    let close = inner.bytes().take(MAX_BLAME_BRACKET).position(|b| b == b')')?;
    let number = inner[..close].trim_end().rsplit(' ').next()?;
    if number.is_empty() || number.len() > MAX_NUMBER_DIGITS || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = &inner[close + 1..];
    Some((number.parse().ok()?, text.strip_prefix(' ').unwrap_or(text)))
}

/// The width of a line on a terminal: tabs to the next multiple of 8.
fn display_width(line: &str) -> usize {
    line.chars().fold(0, |w, c| if c == '\t' { (w / 8 + 1) * 8 } else { w + 1 })
}

/// Reads `text` as a numbered listing, or `None` when it is not one.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    // cheap rejection: a listing's first lines are numbered
    let opening = super::split_lines(text).filter(|l| !l.trim().is_empty()).take(OPENING_LINES);
    if opening.filter(|l| numbered(l).is_some()).count() < MIN_OPENING_NUMBERED {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    let nums: Vec<Option<(u64, &str)>> = raw.iter().map(|l| numbered(l)).collect();
    let non_blank = raw.iter().filter(|l| !l.trim().is_empty()).count();
    let count = nums.iter().flatten().count();
    if count < MIN_NUMBERED_LINES || count * 100 < non_blank * MIN_NUMBERED_PERCENT {
        return None;
    }
    let mut sequential = 0;
    let mut prev: Option<u64> = None;
    for &(n, _) in nums.iter().flatten() {
        sequential += usize::from(prev.is_some_and(|p| p.checked_add(1) == Some(n)));
        prev = Some(n);
    }
    if (sequential + 1) * 100 < count * MIN_SEQUENTIAL_PERCENT {
        return None;
    }
    let n = raw.len();
    let first = nums.iter().position(Option::is_some)?;
    let mut last = nums.iter().rposition(Option::is_some)?;
    // the terminal's width: the widest line, when lines are cut at it
    let widths: Vec<usize> = raw.iter().map(|l| display_width(l)).collect();
    let widest = widths[first..].iter().copied().max().unwrap_or(0);
    let goes_on = |i: usize| i + 1 < n && nums[i + 1].is_none() && !raw[i + 1].is_empty();
    let cut_at_widest = (first..n).filter(|&i| widths[i] == widest && goes_on(i)).count();
    let width = (cut_at_widest >= MIN_CUT_LINES).then_some(widest);
    // the last numbered line's continuations are the listing's too
    while width.is_some_and(|w| widths[last] == w) && goes_on(last) {
        last += 1;
    }

    let mut out = Mime {
        envelope: vec![None; n],
        decoded: raw.iter().map(|l| (*l).to_string()).collect(),
        soft: vec![false; n],
        ..Mime::default()
    };
    // the text of each number seen, for a line printed again
    let mut seen: std::collections::HashMap<u64, &str> = std::collections::HashMap::new();
    for i in 0..n {
        let line = raw[i];
        if i < first || i > last {
            // the prompt and the command around the listing
            if !line.trim().is_empty() {
                out.envelope[i] = Some((ResidueKind::Boilerplate, line.trim().to_string()));
            }
            continue;
        }
        match nums[i] {
            Some((no, rest)) => {
                out.decoded[i] = rest.to_string();
                if rest.trim().is_empty() {
                    // the number of a blank line: layout, kept for residue
                    out.envelope[i] = Some((ResidueKind::Boilerplate, line.trim().to_string()));
                } else if seen.get(&no).is_some_and(|t| *t == rest) {
                    out.envelope[i] = Some((ResidueKind::Duplicate, rest.trim().to_string()));
                }
                seen.entry(no).or_insert(rest);
            }
            None => {
                // a continuation after a line cut at the terminal's width
                if i > first && width.is_some_and(|w| widths[i - 1] == w) && !line.is_empty() {
                    out.soft[i - 1] = true;
                }
            }
        }
    }
    out.join_content(text.len());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(lines: &[&str]) -> String {
        lines.iter().enumerate().map(|(i, l)| format!("{:6}\t{l}\n", i + 1)).collect()
    }

    #[test]
    fn numbers_removed_prompts_residue() {
        let body: Vec<String> = (0..12).map(|i| format!("line {i}")).collect();
        let refs: Vec<&str> = body.iter().map(String::as_str).collect();
        let text = format!("me@host:~$ cat -n x.txt\n{}me@host:~$ \n", listing(&refs));
        let m = decode(&text).expect("a listing");
        assert_eq!(m.decoded[1], "line 0");
        assert_eq!(m.decoded[12], "line 11");
        assert_eq!(m.envelope[0], Some((ResidueKind::Boilerplate, "me@host:~$ cat -n x.txt".to_string())));
        assert_eq!(m.envelope[13], Some((ResidueKind::Boilerplate, "me@host:~$".to_string())));
        assert!(m.envelope[1..13].iter().all(Option::is_none));
        // the number of a blank line is layout
        let m = decode(&listing(&["a", "", "b", "c", "d", "e", "f", "g", "h", "i", "j"])).expect("a listing");
        assert_eq!(m.envelope[1], Some((ResidueKind::Boilerplate, "2".to_string())));
        assert!(m.soft.iter().all(|s| !s));
    }

    #[test]
    fn lines_cut_at_the_terminal_width_go_on() {
        // "     1\t" is 8 columns wide: the text's first 12 characters fill 20
        let mut text = String::new();
        for i in 1..=12 {
            text.push_str(&format!("{i:6}\t"));
            if i % 4 == 0 {
                text.push_str("abcdefghijkl\nmnop\n");
            } else {
                text.push_str("short\n");
            }
        }
        let m = decode(&text).expect("a listing");
        let cut: Vec<usize> = (0..m.soft.len()).filter(|&i| m.soft[i]).collect();
        assert_eq!(cut, [3, 8, 13]);
        assert_eq!(m.decoded[3], "abcdefghijkl");
        assert_eq!(m.decoded[4], "mnop");
        // the continuation of the last numbered line is not a prompt
        assert!(m.envelope[14].is_none());
    }

    #[test]
    fn a_line_printed_again_is_a_duplicate() {
        let mut text = listing(&["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]);
        text.push_str("    11\tk\n    12\tl\n    13\tm\n");
        let m = decode(&text).expect("a listing");
        assert_eq!(m.envelope[12], Some((ResidueKind::Duplicate, "k".to_string())));
        assert_eq!(m.envelope[13], Some((ResidueKind::Duplicate, "l".to_string())));
        assert!(m.envelope[14].is_none());
    }

    #[test]
    fn a_blame_view_is_a_listing() {
        let mut text = String::new();
        for i in 1..=12 {
            let commit = if i % 3 == 0 { "b27c5e90" } else { "^3f9c2a1" };
            let body = if i == 5 { String::new() } else { format!("line {i}") };
            text.push_str(&format!("{commit} (Elena Marchetti   2025-04-02 {i:3}) {body}\n"));
        }
        text.push_str("00000000 notes/jpo.txt (Not Committed Yet 2025-06-10 14:02:11 +0200  13) last\n");
        let m = decode(&text).expect("a blame view");
        assert_eq!(m.decoded[0], "line 1");
        assert_eq!(m.decoded[11], "line 12");
        assert_eq!(m.decoded[12], "last");
        assert!(m.envelope[4].is_some());
        assert!(m.envelope.iter().enumerate().all(|(i, e)| i == 4 || e.is_none()));
        // `-s`: the number alone in the bracket
        assert_eq!(blamed("3f9c2a1e  7) Grade: P2"), Some((7, "Grade: P2")));
        // a word in hexadecimal digits, a bracket with no number: no blame
        assert_eq!(blamed("deadbeef (see below) text"), None);
        assert_eq!(blamed("accede (Geneva 2) x"), None);
        // an author's name in any script
        let (name, text) = ("É".repeat(40), "é".repeat(20));
        assert_eq!(blamed(&format!("1234567 ({name} 2025-01-01 3) {text}")), Some((3, text.as_str())));
    }

    #[test]
    fn text_with_tabs_is_not_a_listing() {
        assert!(decode("Grade:\tP2\nDuty station:\tLima\n").is_none());
        // numbered paragraphs, not every line
        let text = "1\tIntroduction\n".to_string() + &"prose line\n".repeat(20);
        assert!(decode(&text).is_none());
        // numbers out of order: a table of figures
        let table: String = (0..20).map(|i| format!("{}\tvalue\n", (i * 7) % 13)).collect();
        assert!(decode(&table).is_none());
    }
}
