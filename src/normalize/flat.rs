//! Lines that lost their line breaks: a form copied out of a PDF viewer
//! that joins a whole section into one line ("GENERAL INFORMATION: Title:
//! ... Duty station: ... Grade: P2"). Such a line is cut where the
//! template's structure stands inside it: before a heading in capitals, a
//! label with its colon, a phrase of the template's (the note for
//! supervisors, a lead-in, the closing lines), a bullet glyph, and each
//! item of a run of numbered items ("1. ... 2. ..."). Each piece is
//! normalized as a line of its own, with the input line's number, and is
//! marked [`Line::split`]: where a piece ends is read from the text, a
//! guess the fields built from it say (`inline_label`, medium).
//!
//! Only a text of long lines on average ([`MIN_BYTES_PER_LINE`]) is looked
//! at, and in it only a long line ([`MIN_FLAT_BYTES`]) that holds a heading or the
//! template's title in capitals is cut: a paragraph of the template's phrases or of prose, or a row of
//! labels run together (which the segmenter splits), is left whole.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use super::Line;
use crate::template::{BOILERPLATE, COMPETENCIES_LEAD_INS, GUIDANCE, HEADINGS, KEY_OUTPUTS_LEAD_INS, LABELS};

/// The fewest bytes per line of a text that lost its line breaks: a form
/// has about 60 to 160 (its headings and labels stand on short lines).
const MIN_BYTES_PER_LINE: usize = 200;

/// The shortest line looked at: several rows or paragraphs of a form.
const MIN_FLAT_BYTES: usize = 300;

/// The fewest items of a run of numbered items cut apart.
const MIN_NUMBERED_RUN: usize = 2;

/// The template's headings (folded), found in a folded line anywhere.
static HEADING_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let alts = HEADINGS.iter().flat_map(|h| h.aliases.iter());
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(alts).expect("valid automaton")
});

/// The template's phrases that open a sentence of their own (folded): the
/// boilerplate, the guidance, the lead-ins of the key outputs and the
/// competencies.
static PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let texts = BOILERPLATE
        .iter()
        .chain(GUIDANCE)
        .map(|p| p.text)
        .chain(KEY_OUTPUTS_LEAD_INS.iter().copied())
        .chain(COMPETENCIES_LEAD_INS.iter().copied());
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(texts).expect("valid automaton")
});

/// The template's labels (folded): cut before where one stands with its
/// colon.
static LABEL_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let alts = LABELS.iter().flat_map(|d| d.aliases.iter());
    AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(alts).expect("valid automaton")
});

/// A line folded as the tables are (runs of letters and digits, lower
/// case, one space between them), with the byte offset in the line of
/// each folded byte.
fn fold_with_offsets(t: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(t.len());
    let mut at = Vec::with_capacity(t.len());
    for (k, c) in t.char_indices() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let before = folded.len();
                folded.push(l);
                at.extend(std::iter::repeat_n(k, folded.len() - before));
            }
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
            at.push(k);
        }
    }
    (folded, at)
}

/// Where the phrases of `automaton` stand in `t`, as whole words: the
/// line's byte ranges.
fn find_words(automaton: &AhoCorasick, folded: &str, at: &[usize], t: &str) -> Vec<(usize, usize)> {
    let bytes = folded.as_bytes();
    automaton
        .find_iter(folded)
        .filter(|m| {
            (m.start() == 0 || bytes[m.start() - 1] == b' ') && (m.end() == bytes.len() || bytes[m.end()] == b' ')
        })
        .map(|m| (at[m.start()], at.get(m.end()).copied().unwrap_or(t.len())))
        .collect()
}

/// A numbered item's marker inside a line: ` 2. Capital`.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(\d{1,2})[.)]\s+\p{Lu}").expect("valid regex"));

/// Where a sentence holding a phrase found at `at` starts: after the last
/// `. `, `: `, `; `, `! ` or `? ` before it, not before `floor`.
fn sentence_start(t: &str, at: usize, floor: usize) -> usize {
    let head = &t[floor..at];
    head.rmatch_indices(['.', ':', ';', '!', '?'])
        .find(|(k, _)| head[k + 1..].starts_with(' '))
        .map_or(floor, |(k, _)| floor + k + 2)
}

/// The fewest letters of a word in capitals looked up among
/// [`HEADING_CAPITALS`].
const MIN_CAPITAL_WORD: usize = 5;

/// The words of the headings and of the template's title in capitals
/// ("SUPERVISION", "TRAINING", "VACANCY"), of [`MIN_CAPITAL_WORD`] letters
/// or more: every heading and the title have one.
static HEADING_CAPITALS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let title = BOILERPLATE.iter().map(|p| p.text).filter(|t| t.starts_with("vacancy proposal"));
    HEADINGS
        .iter()
        .flat_map(|h| h.aliases.iter().copied())
        .chain(title)
        .flat_map(|a| a.split(' '))
        .filter(|w| w.chars().count() >= MIN_CAPITAL_WORD)
        .map(str::to_uppercase)
        .collect()
});

/// Whether `t` holds a word of a heading or the title in capitals
/// ([`HEADING_CAPITALS`]): a look at the bytes that lets a line of prose
/// (most long lines) skip the search for headings.
fn has_capital_word(t: &str) -> bool {
    let b = t.as_bytes();
    // first, with no branch per byte: is there a run of capitals at all
    let mut run = 0usize;
    let mut longest = 0usize;
    for &c in b {
        run = (run + 1) * usize::from(c.is_ascii_uppercase());
        longest = longest.max(run);
    }
    if longest < MIN_CAPITAL_WORD {
        return false;
    }
    // a word: a run of ASCII capitals and non-ASCII bytes (the accented
    // capitals of "INFORMACIÓN"); only such a run is looked up
    let mut start = 0;
    let mut capitals = true;
    for k in 0..=b.len() {
        let c = b.get(k).copied().unwrap_or(b' ');
        if c.is_ascii_uppercase() || c >= 0x80 {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            capitals = false;
            continue;
        }
        let word = &t[start..k];
        if capitals && word.len() >= MIN_CAPITAL_WORD && HEADING_CAPITALS.contains(word) {
            return true;
        }
        start = k + 1;
        capitals = true;
    }
    false
}

/// The byte offsets where a long line is cut, in order; empty when it is
/// not one to cut.
fn cuts(t: &str) -> Vec<usize> {
    if t.len() < MIN_FLAT_BYTES || !has_capital_word(t) {
        return Vec::new();
    }
    let mut at: Vec<usize> = Vec::new();
    let (folded, offsets) = fold_with_offsets(t);
    // a heading in capitals (in lower case it is words of a sentence),
    // cut before and after: it stands on a line of its own. A line with
    // none is left to the segmenter, which splits the labels of a row
    for (a, b) in find_words(&HEADING_WORDS, &folded, &offsets, t) {
        // a heading that ends the line is the segmenter's to read (a
        // paragraph run into the heading after it)
        let ends_line = t[b..].trim_start_matches([':', ' ']).is_empty();
        if t[a..b].chars().any(char::is_lowercase) || (ends_line && a > 0) {
            continue;
        }
        let rest = &t[b..];
        let after = rest.strip_prefix(':').unwrap_or(rest);
        at.extend([a, t.len() - after.len()]);
    }
    // or the template's title in capitals ("VACANCY PROPOSAL FOR ...")
    let phrases = find_words(&PHRASES, &folded, &offsets, t);
    let title = phrases.iter().any(|&(a, b)| !t[a..b].chars().any(char::is_lowercase));
    if at.is_empty() && !title {
        return Vec::new();
    }
    // a label with its colon, written with a capital
    for (a, b) in find_words(&LABEL_WORDS, &folded, &offsets, t) {
        let colon = t[b..].trim_start().trim_start_matches('.').trim_start().starts_with(':');
        if colon && t[a..].starts_with(char::is_uppercase) {
            at.push(a);
        }
    }
    for (a, _) in phrases {
        at.push(sentence_start(t, a, 0));
    }
    at.extend(t.match_indices(" • ").map(|(k, _)| k + 1));
    // the numbered items of a run counting from 1
    let mut run: Vec<usize> = Vec::new();
    let mut want = 1;
    for c in NUMBERED.captures_iter(t) {
        let Some(m) = c.get(1) else { continue };
        let n: usize = m.as_str().parse().unwrap_or(0);
        if n == 1 {
            if run.len() >= MIN_NUMBERED_RUN {
                at.append(&mut run);
            }
            run.clear();
            want = 1;
        }
        if n == want {
            run.push(m.start());
            want += 1;
        }
    }
    if run.len() >= MIN_NUMBERED_RUN {
        at.append(&mut run);
    }
    at.retain(|&k| k > 0 && k < t.len() && t.is_char_boundary(k));
    at.sort_unstable();
    at.dedup();
    at
}

/// The lines with each long line that holds several of the form's parts
/// cut into one line per part ([`cuts`]), or `None` when no line is cut.
pub(crate) fn unflatten(text: &str, lines: &[Line], lossy: bool) -> Option<Vec<Line>> {
    // a text of the usual shape, with line breaks, costs nothing more
    if text.len() < MIN_BYTES_PER_LINE * lines.len() {
        return None;
    }
    let cut_at: Vec<(usize, Vec<usize>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.text.len() >= MIN_FLAT_BYTES && !l.markup_only && !l.rule)
        .map(|(i, l)| (i, cuts(&l.text)))
        .filter(|(_, at)| !at.is_empty())
        .collect();
    if cut_at.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len() + cut_at.iter().map(|(_, at)| at.len()).sum::<usize>());
    let mut buf = String::new();
    let mut next = cut_at.into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let Some((_, at)) = next.next_if(|(k, _)| *k == i) else {
            out.push(line.clone());
            continue;
        };
        let bounds = std::iter::once(0).chain(at.iter().copied()).zip(at.iter().copied().chain([line.text.len()]));
        for (k, (a, b)) in bounds.enumerate() {
            let piece = line.text[a..b].trim();
            if piece.is_empty() {
                continue;
            }
            let mut l = super::normalize_line(line.no, piece, lossy, &mut buf);
            if k == 0 {
                l.bullet = l.bullet.or(line.bullet);
                l.md_heading |= line.md_heading;
                l.page_break = line.page_break;
                l.indented = line.indented;
            }
            l.markup |= line.markup;
            l.repaired |= line.repaired;
            l.ocr |= line.ocr;
            l.split = true;
            out.push(l);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        let at = cuts(t);
        let bounds = std::iter::once(0).chain(at.iter().copied()).zip(at.iter().copied().chain([t.len()]));
        bounds.map(|(a, b)| t[a..b].trim()).filter(|p| !p.is_empty()).collect()
    }

    #[test]
    fn a_section_on_one_line_is_cut_at_its_parts() {
        let t = "GENERAL INFORMATION: Title: Junior Professional Officer on Wages and Industrial Relations \
                 Duty station: Hanoi, Viet Nam Duration of the assignment: 12 months, renewable Grade: P2 \
                 SUPERVISION Direct Supervision by: A Person, Specialist. The JPO will contribute to the \
                 following key outputs: 1. One report. 2. Two notes. • A bullet • Another";
        assert_eq!(
            pieces(t),
            [
                "GENERAL INFORMATION:",
                "Title: Junior Professional Officer on Wages and Industrial Relations",
                "Duty station: Hanoi, Viet Nam",
                "Duration of the assignment: 12 months, renewable",
                "Grade: P2",
                "SUPERVISION",
                "Direct Supervision by: A Person, Specialist.",
                "The JPO will contribute to the following key outputs:",
                "1. One report.",
                "2. Two notes.",
                "• A bullet",
                "• Another",
            ]
        );
    }

    #[test]
    fn only_a_text_of_long_lines_is_cut() {
        let section = "GENERAL INFORMATION: Title: Junior Professional Officer on Wages and Industrial \
                       Relations Duty station: Hanoi, Viet Nam Duration of the assignment: 12 months, \
                       renewable for a second year subject to funding Grade: P2 Department/ Field Office: \
                       ILO Country Office for Viet Nam (CO-Hanoi)";
        let flat = format!(
            "{section} Organisational unit: Industrial Relations and Labour Law Project (IRLL) SUPERVISION \
             Direct Supervision by: A Person, Specialist, a@ilo.org"
        );
        let lines = super::super::normalize(&flat, false);
        assert!(lines.iter().filter(|l| l.split).count() >= 6, "{lines:?}");
        assert!(lines.iter().any(|l| l.text == "Grade: P2"));
        // the same line among the short lines of a usual form is left whole
        let usual = format!("{}{section}\n", "Post number: 1\nGrade: P2\nTitle: x\n".repeat(20));
        assert!(super::super::normalize(&usual, false).iter().all(|l| !l.split));
    }

    #[test]
    fn prose_is_left_whole() {
        // long, but no heading in capitals, no label, no run of items
        let t = "The JPO will support the office in its work on general information systems and on the \
                 supervision of projects, and will contribute to 1 report on the duties and responsibilities \
                 of labour inspectors, in line with the programme and budget of the Organization for the \
                 biennium, working with constituents and partners across the region and beyond it.";
        assert!(t.len() >= MIN_FLAT_BYTES);
        assert!(cuts(t).is_empty());
        assert!(has_capital_word("x GENERAL INFORMATION: y"));
        assert!(has_capital_word("SUPERVISION"));
        assert!(!has_capital_word("the ILO (MIGRANT) and Supervision of WORKQUALITY"));
        // short lines are never cut, nor a row of labels with no heading
        assert!(cuts("Title: A Grade: P2 Duty station: B").is_empty());
        let row = format!("Title: {} Duty station: Geneva Grade: P2", "Officer ".repeat(40));
        assert!(cuts(&row).is_empty());
    }
}
