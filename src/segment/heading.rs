//! The heading matcher: which section heading, if any, a line is.

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::normalize::Line;
use crate::template::{Section, HEADINGS, HEADING_CONTINUED, HEADING_NUMBER_WORDS};
use crate::text::{bounded_distance, upper_ratio};

/// The longest folded line that is tried as a heading; headings are short.
const MAX_HEADING_CHARS: usize = 64;

/// Share of upper-case letters from which a line "looks like" a heading
/// typed in capitals (OCR may turn a few letters to lower case).
const HEADING_UPPER_RATIO: f32 = 0.8;

/// The fewest letters for [`HEADING_UPPER_RATIO`] to be meaningful.
const MIN_HEADING_LETTERS: usize = 5;

/// How far (in edits, after OCR folding) a line may be from a known heading
/// spelling and still match it, by the spelling's length: short words need
/// an exact match, long phrases tolerate more typos.
fn distance_bound(alias_chars: usize) -> usize {
    match alias_chars {
        0..=6 => 0,
        7..=11 => 1,
        12..=24 => 2,
        _ => 3,
    }
}

/// How a heading was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadingMatch {
    pub section: Section,
    /// Not a known spelling: matched after OCR folding or within the
    /// edit-distance bound.
    pub fuzzy: bool,
    /// A real typo remained after OCR folding (edit distance > 0): the
    /// match is a guess.
    pub typo: bool,
}

/// OCR folding: characters that OCR confuses are mapped to one
/// representative (`l`, `1`, `|`, `!` to `i`; `0` to `o`; `5` to `s`;
/// `rn` to `m`; `vv` to `w`), applied to both sides before comparing.
/// A letter's diacritics are dropped too (`ç` to `c`, `õ` to `o`): an
/// accent lost in extraction or typed without ("QUALIFICAÇOES") leaves
/// the same letters, not a typo.
pub(crate) fn ocr_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if !c.is_ascii() => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
            'l' | '1' | '|' | '!' => out.push('i'),
            '0' => out.push('o'),
            '5' => out.push('s'),
            'r' if chars.peek() == Some(&'n') => {
                chars.next();
                out.push('m');
            }
            'v' if chars.peek() == Some(&'v') => {
                chars.next();
                out.push('w');
            }
            _ => out.push(c),
        }
    }
    out
}

struct Alias {
    section: Section,
    folded: &'static str,
    ocr: String,
    /// The chars of `ocr`, so that most aliases are passed over on length.
    ocr_chars: usize,
    /// How far a typo of it may be ([`distance_bound`] of its chars).
    bound: usize,
    upper: String,
}

static ALIASES: LazyLock<Vec<Alias>> = LazyLock::new(|| {
    HEADINGS
        .iter()
        .flat_map(|h| {
            h.aliases.iter().map(move |a| {
                let ocr = ocr_fold(a);
                Alias {
                    section: h.section,
                    folded: a,
                    ocr_chars: ocr.chars().count(),
                    bound: distance_bound(a.chars().count()),
                    ocr,
                    upper: a.to_uppercase(),
                }
            })
        })
        .collect()
});

/// The section of each known spelling (of the first heading in table order
/// that has it), for the exact match every line is tried for: one look-up,
/// not a comparison with each of [`ALIASES`].
static SPELLINGS: LazyLock<HashMap<&'static str, Section, foldhash::fast::RandomState>> = LazyLock::new(|| {
    let mut by_spelling = HashMap::default();
    for a in ALIASES.iter() {
        by_spelling.entry(a.folded).or_insert(a.section);
    }
    by_spelling
});

/// Strips a leading section number ("1", "IV", "A") from a folded line.
/// A folded heading without a "(cont'd)" after it ([`HEADING_CONTINUED`]).
/// A heading split over parts ("INTRODUCTION (1/2)", folded "introduction 1
/// 2") without its part and count.
fn strip_continued(folded: &str) -> &str {
    if let Some(h) = HEADING_CONTINUED.iter().find_map(|c| folded.strip_suffix(c).and_then(|h| h.strip_suffix(' '))) {
        return h;
    }
    strip_part_of(folded).unwrap_or(folded)
}

/// The most parts a heading is split over ([`strip_part_of`]).
const MAX_HEADING_PARTS: u32 = 20;

/// A folded heading without the part `n m` ("1 2", of "(1/2)") after it,
/// `n` no greater than `m`, or `None`.
fn strip_part_of(folded: &str) -> Option<&str> {
    let (rest, m) = folded.rsplit_once(' ')?;
    let (head, n) = rest.rsplit_once(' ')?;
    let num =
        |s: &str| (s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    let (n, m) = (num(n)?, num(m)?);
    (n >= 1 && n <= m && m <= MAX_HEADING_PARTS && head.chars().any(char::is_alphabetic)).then_some(head)
}

/// "A" is stripped only when `lettered` (the line starts "A." or "A)"):
/// otherwise it is the article ("A general outline").
fn strip_numbering(folded: &str, lettered: bool) -> &str {
    // "Section A - General information", "Part 2: Supervision": after such
    // a word the next token numbers the heading, even the letter "a"
    let after_word = HEADING_NUMBER_WORDS.iter().find_map(|w| folded.strip_prefix(w).and_then(|r| r.strip_prefix(' ')));
    after_word.and_then(|rest| strip_number(rest, true)).or_else(|| strip_number(folded, lettered)).unwrap_or(folded)
}

/// The word of [`HEADING_NUMBER_WORDS`] that numbers a folded line ("para
/// 8 general", "section 3 annexes"): the word, followed by a section
/// number and a heading's words.
pub(crate) fn number_word(folded: &str) -> Option<&'static str> {
    HEADING_NUMBER_WORDS.iter().copied().find(|w| {
        folded
            .strip_prefix(w)
            .and_then(|r| r.strip_prefix(' '))
            .and_then(|r| strip_number(r, true))
            .is_some_and(|r| r.chars().any(char::is_alphabetic))
    })
}

/// `folded` without its first word, when that word numbers it.
fn strip_number(folded: &str, lettered: bool) -> Option<&str> {
    let (first, rest) = folded.split_once(' ')?;
    let numeric = first.chars().all(|c| c.is_ascii_digit()) && first.len() <= 2;
    let roman = first.len() <= 4 && first.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = first.len() == 1 && first.chars().all(|c| c.is_ascii_lowercase()) && (first != "a" || lettered);
    (numeric || roman || letter).then_some(rest)
}

/// Whether a line starts with a single letter numbering it, followed by a
/// dot or a bracket ("A. General information", "a) Supervision").
fn starts_lettered(text: &str) -> bool {
    matches!(text.as_bytes(), [l, b'.' | b')', b' ', ..] if l.is_ascii_alphabetic())
}

/// Whether a line has the shape of a heading: short, and typed in capitals
/// or marked as a markdown heading.
pub(crate) fn heading_shaped(line: &Line) -> bool {
    line.text.len() <= MAX_HEADING_CHARS
        && (line.md_heading || upper_ratio(&line.text, MIN_HEADING_LETTERS).is_some_and(|r| r >= HEADING_UPPER_RATIO))
}

/// Matches a whole line against the heading table. `folded` is the line's
/// folded text. A known spelling matches whatever the case; a typo matches
/// only on a heading-shaped line, within [`distance_bound`], and only when
/// no other heading is as close.
pub(crate) fn match_line(line: &Line, folded: &str) -> Option<HeadingMatch> {
    if folded.is_empty() || folded.len() > MAX_HEADING_CHARS {
        return None;
    }
    let key = strip_continued(strip_numbering(folded, starts_lettered(&line.text)));
    if let Some(&section) = SPELLINGS.get(key) {
        return Some(HeadingMatch { section, fuzzy: false, typo: false });
    }
    if !heading_shaped(line) {
        return None;
    }
    let ocr = ocr_fold(key);
    let ocr_chars = ocr.chars().count();
    let mut best: Option<(usize, Section)> = None;
    let mut tie = false;
    for a in ALIASES.iter() {
        let bound = a.bound;
        // the distance is at least the difference in length
        if ocr_chars.abs_diff(a.ocr_chars) > bound {
            continue;
        }
        if let Some(d) = bounded_distance(&ocr, &a.ocr, bound) {
            match best {
                Some((bd, bs)) if d == bd && bs != a.section => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, a.section));
                    tie = false;
                }
            }
        }
    }
    match (best, tie) {
        (Some((d, section)), false) => Some(HeadingMatch { section, fuzzy: true, typo: d > 0 }),
        _ => None,
    }
}

/// The most words of a heading looked for at the end of a value.
const MAX_HEADING_WORDS: usize = 6;

/// A known heading, in any case, ending a value that runs into a label of
/// the next section ("... Services Unit Supervision" before "Direct
/// Supervision by:"): the byte offset where the value before it ends.
pub(crate) fn heading_at_end(text: &str) -> Option<usize> {
    let t = text.trim_end();
    let mut starts: Vec<usize> = t.match_indices(' ').map(|(i, _)| i + 1).collect();
    starts.insert(0, 0);
    let mut folded = String::new();
    for &start in starts.iter().rev().take(MAX_HEADING_WORDS) {
        crate::text::fold_into(&t[start..], &mut folded);
        if start > 0 && SPELLINGS.contains_key(folded.as_str()) {
            return Some(start);
        }
    }
    None
}

/// The shortest one-word heading recognized at the end of a line of text;
/// shorter words in capitals are too often acronyms.
const MIN_TRAILING_WORD_HEADING: usize = 10;

/// A heading typed in capitals at the end of a line of text ("... end of
/// the paragraph. DUTIES AND RESPONSIBILITIES", or as a markdown heading
/// glued on, "...@ilo.org## INTRODUCTION"). Returns the byte offset where
/// the text before the heading (and its `#` marker) ends, and the section.
/// Only known spellings of two or more words or one long word, in
/// capitals, after a space.
pub(crate) fn trailing_heading(text: &str) -> Option<(usize, Section)> {
    let t = text.trim_end_matches([':', ' ']);
    // a heading in capitals ends in a capital letter
    if !t.chars().next_back().is_some_and(char::is_uppercase) {
        return None;
    }
    for a in ALIASES.iter().filter(|a| a.folded.contains(' ') || a.folded.len() >= MIN_TRAILING_WORD_HEADING) {
        if t.len() > a.upper.len() + 1 && t.ends_with(&a.upper) {
            let start = t.len() - a.upper.len();
            let before = &t[..start];
            if before.ends_with(' ') && before.chars().any(char::is_lowercase) {
                let text_end = before.trim_end();
                let hashes = text_end.len() - text_end.trim_end_matches('#').len();
                let end = if (1..=crate::normalize::markup::MAX_HEADING_LEVEL).contains(&hashes) {
                    text_end.len() - hashes
                } else {
                    start
                };
                return Some((end, a.section));
            }
        }
    }
    None
}

/// Whether a folded line is the first part of a known heading split over two
/// lines ("qualifications and" + "experience"): returns the sections whose
/// spelling starts with it.
pub(crate) fn split_heading(first: &str, second: &str) -> Option<Section> {
    if first.is_empty() || second.is_empty() {
        return None;
    }
    let joined = format!("{first} {second}");
    let joined = ocr_fold(strip_numbering(&joined, false));
    ALIASES
        .iter()
        .filter(|a| a.folded.contains(' '))
        .find(|a| a.ocr == joined || bounded_distance(&joined, &a.ocr, distance_bound(a.folded.len()).min(1)).is_some())
        .map(|a| a.section)
}

#[cfg(test)]
mod tests {
    #[test]
    fn heading_ending_a_value() {
        let t = "Public Finance Unit (SOC/PFACTS) Supervision ";
        assert_eq!(heading_at_end(t), Some(t.find("Supervision").unwrap()));
        assert_eq!(heading_at_end("Unit TRAINING COMPONENTS AND LEARNING ELEMENTS"), Some(5));
        assert_eq!(heading_at_end("Supervision"), None);
        assert_eq!(heading_at_end("Public Finance Unit"), None);
    }

    use super::*;
    use crate::text::fold;

    fn line(text: &str, md: bool) -> Line {
        Line { text: text.to_string(), md_heading: md, ..Line::default() }
    }

    fn m(text: &str) -> Option<(Section, bool)> {
        match_line(&line(text, false), &fold(text)).map(|h| (h.section, h.typo))
    }

    #[test]
    fn a_heading_split_over_parts() {
        assert_eq!(m("INTRODUCTION (1/2)"), Some((Section::Introduction, false)));
        assert_eq!(m("DUTIES AND RESPONSIBILITIES (2/2)"), Some((Section::Duties, false)));
        assert_eq!(strip_part_of("introduction 3 2"), None);
        assert_eq!(strip_part_of("1 2"), None);
    }

    #[test]
    fn table() {
        use Section::*;
        let cases: &[(&str, Option<(Section, bool)>)] = &[
            ("GENERAL INFORMATION:", Some((General, false))),
            ("General Information", Some((General, false))),
            ("DUTIES AND RESPONSABILITIES", Some((Duties, false))),
            ("QUALIFICATlONS AND EXPERIENCE", Some((Qualifications, false))),
            ("QUALIFICATONS AND EXPERIENCE", Some((Qualifications, true))),
            ("1. INTRODUCTION", Some((Introduction, false))),
            // a lettered heading: "A." numbers it, a bare "A" is the article
            ("A. General information", Some((General, false))),
            ("a) SUPERVISION", Some((Supervision, false))),
            ("A Supervision", None),
            ("F. Training components & learning elements", Some((Learning, false))),
            ("IV. BACKGROUND INFORMATION", Some((Background, false))),
            ("IV - Supervision", Some((Supervision, false))),
            // after "Section" or "Part", a letter numbers the heading
            ("Section A – GENERAL INFORMATION", Some((General, false))),
            ("Section B - Introduction", Some((Introduction, false))),
            ("Part 2: Supervision", Some((Supervision, false))),
            // a fax's numbered paragraphs
            ("PARA 4. DUTIES AND RESPONSIBILITIES", Some((Duties, false))),
            ("PARAGRAPH 2 - SUPERVISION", Some((Supervision, false))),
            ("PARA 8. GENERAL", None),
            ("Section on supervision", None),
            ("TRAINING COMPONENTS AND LEARNING ELEMENTS", Some((Learning, false))),
            ("SUPERVISlON", Some((Supervision, false))),
            ("SUPERV1SION", Some((Supervision, false))),
            // a lost diacritic is no typo, a changed letter is
            ("QUALIFICAÇOES E EXPERIÊNCIA", Some((Qualifications, false))),
            ("QUALIFICACOES E EXPERIENCIA", Some((Qualifications, false))),
            ("QUALIFICAÇÕES E EXPERIENCIAS", Some((Qualifications, true))),
            ("INTRODUCAO", Some((Introduction, false))),
            ("Introduction of the new tool", None),
            ("The supervision will be done weekly.", None),
            ("GENERAL ASSEMBLY", None),
            ("EDUCATION", None),
        ];
        for (text, want) in cases {
            assert_eq!(m(text), *want, "{text:?}");
        }
    }

    #[test]
    fn ocr_fold_drops_diacritics() {
        assert_eq!(ocr_fold("qualificações e experiência"), "quaiificacoes e experiencia");
        assert_eq!(ocr_fold("informações"), ocr_fold("informacoes"));
        assert_ne!(ocr_fold("informações"), ocr_fold("informaçães"));
    }

    #[test]
    fn trailing_table() {
        assert_eq!(
            trailing_heading("end of the paragraph. DUTIES AND RESPONSIBILITIES").map(|x| x.1),
            Some(Section::Duties)
        );
        assert_eq!(trailing_heading("DUTIES AND RESPONSIBILITIES"), None);
        assert_eq!(
            trailing_heading("as applicable to Officers* INTRODUCTION").map(|x| x.1),
            Some(Section::Introduction)
        );
        assert_eq!(trailing_heading("a report by the ILO"), None);
        assert_eq!(
            trailing_heading("Specialist, addati@ilo.org## INTRODUCTION"),
            Some(("Specialist, addati@ilo.org".len(), Section::Introduction))
        );
        assert_eq!(trailing_heading("we list duties and responsibilities"), None);
    }

    #[test]
    fn number_words() {
        assert_eq!(number_word("para 8 general"), Some("para"));
        assert_eq!(number_word("para 1 general information"), Some("para"));
        assert_eq!(number_word("section b annexes"), Some("section"));
        assert_eq!(number_word("part 2"), None);
        assert_eq!(number_word("paragraph of the report"), None);
        assert_eq!(number_word("general information"), None);
        assert_eq!(number_word("parallel 3 sessions"), None);
    }

    #[test]
    fn split_table() {
        assert_eq!(split_heading("qualifications and", "experience"), Some(Section::Qualifications));
        assert_eq!(split_heading("training components and", "learning elements"), Some(Section::Learning));
        assert_eq!(split_heading("the", "end"), None);
    }
}
