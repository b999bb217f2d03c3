//! The label matcher: which template sub-label a line starts with, and the
//! labels that run together on one line.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::template::{Home, LabelDef, Section, LABELS};
use crate::text::{match_folded_prefix, match_prefix_end, PrefixEnd};

/// The longest label value that may precede an inline label on the same
/// line: a run-together form row, not a paragraph that happens to contain
/// "Grade:".
const MAX_INLINE_VALUE_CHARS: usize = 200;

/// A label found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LabelHit {
    pub def: &'static LabelDef,
    /// Byte offset of the value after the label and its colon.
    pub value_start: usize,
    /// The label was followed by a colon.
    pub colon: bool,
    /// The label ran into its value, or the value before it into the
    /// label, with no separator ("TitleJunior ...", "P1Duration of the
    /// assignment: ..."): where one ends is read from a change of case, a
    /// guess.
    pub glued: bool,
    /// The label's words were followed by words the table does not have,
    /// up to the colon that ends the line ("Skills required for the
    /// assigment:"): a variant or a typo, read as the label, a guess.
    pub fuzzy: bool,
}

impl LabelHit {
    /// A label read from the table's own words, not glued to its value.
    pub(crate) fn plain(def: &'static LabelDef, value_start: usize, colon: bool) -> Self {
        LabelHit { def, value_start, colon, glued: false, fuzzy: false }
    }
}

/// Whether `label` may stand in `section` (`None`: above the first
/// heading). A label that implies a later section is accepted too: the
/// caller turns that into an inferred heading.
pub(crate) fn allowed(def: &LabelDef, section: Option<Section>, seen: impl Fn(Section) -> bool) -> bool {
    match def.home {
        Home::Header => matches!(section, None | Some(Section::General)),
        Home::QualBlock => section == Some(Section::Qualifications),
        Home::In(home) => {
            section == Some(home) || (def.implies && !seen(home) && section.is_none_or(|s| s.order() < home.order()))
        }
    }
}

/// The labels, each with its aliases, that can match a line by its first
/// letter: for each ASCII character, the labels with an alias that starts
/// with it and those aliases, in table order.
type Candidates = Vec<(&'static LabelDef, Vec<&'static str>)>;

/// [`Candidates`] per ASCII character: a line is compared with the aliases
/// that start with its first letter only, not with the whole table.
static BY_FIRST: LazyLock<Vec<Candidates>> = LazyLock::new(|| {
    (0..128u8)
        .map(|c| {
            LABELS
                .iter()
                .map(|d| (d, d.aliases.iter().copied().filter(|a| a.starts_with(char::from(c))).collect::<Vec<_>>()))
                .filter(|(_, aliases)| !aliases.is_empty())
                .collect()
        })
        .collect()
});

/// How far before a colon [`holds_sub_label`] looks for the start of the
/// word before it: longer than any sub-label's alias.
const MAX_SUB_LABEL_BYTES: usize = 24;

/// Whether a value holds a Minimum/Desirable sub-label with its colon
/// after its first word ("Skills required for the Minimum: assignment: ..."):
/// a label that was not split off, so the value under it is not one field's.
/// Only a bounded window before each colon is looked at: linear in the value.
pub(crate) fn holds_sub_label(value: &str) -> bool {
    let sub = |d: &LabelDef| d.home == crate::template::Home::QualBlock;
    value.match_indices(':').any(|(k, _)| {
        let mut lo = k.saturating_sub(MAX_SUB_LABEL_BYTES);
        while !value.is_char_boundary(lo) {
            lo += 1;
        }
        let before = value[lo..k].trim_end();
        // the word before the colon, when a space starts it within the window
        before.rfind(' ').is_some_and(|s| at_start(&value[lo + s + 1..], sub).is_some_and(|h| h.colon))
    })
}

/// The opening two words of every form-row label of two words or more
/// ("duration of", "duty station", "department field"), folded, each with
/// a space before and after: one automaton finds them all in a pass.
static FORM_LABEL_OPENINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let mut v: Vec<String> = LABELS
        .iter()
        .filter(|d| d.glued)
        .flat_map(|d| d.aliases.iter())
        .filter_map(|a| {
            let mut w = a.split(' ');
            Some(format!(" {} {} ", w.next()?, w.next()?))
        })
        .collect();
    v.sort();
    v.dedup();
    AhoCorasick::new(v).expect("valid openings")
});

/// Whether a form row's value holds, after its first word, the opening
/// words of a form label ("Lima, Peru Duration of the 12 months"): a label
/// the value ran into and that was not split off, so where the value ends
/// is unknown. `folded` is the value folded.
pub(crate) fn holds_form_label_opening(folded: &str) -> bool {
    let padded = format!("{folded} ");
    // overlapping: an opening at the start (the value's own label) must not
    // hide one that shares its space
    FORM_LABEL_OPENINGS.find_overlapping_iter(&padded).any(|m| m.start() > 0)
}

/// The most words of a field name the template does not know.
const MAX_KEY_WORDS: usize = 3;

/// The longest such name, in bytes.
const MAX_KEY_BYTES: usize = 30;

/// Whether a line opens with a field name the template does not know, its
/// colon and a value (`Created: October 14, 2025`, `Tags: JPO 2026`): a
/// row of another system's form (a page's properties), not the line after
/// it of a form row's value. A name is a few words of letters, a capital
/// first. The caller has found no label of the table at the start.
pub(crate) fn opens_with_unknown_key(text: &str) -> bool {
    let Some(colon) = text.bytes().take(MAX_KEY_BYTES + 1).position(|b| b == b':') else { return false };
    let (key, rest) = (&text[..colon], &text[colon + 1..]);
    rest.starts_with(' ')
        && !rest.trim().is_empty()
        && key.starts_with(|c: char| c.is_uppercase())
        && key.split(' ').count() <= MAX_KEY_WORDS
        && key.chars().all(|c| c.is_alphabetic() || c == ' ')
}

/// Matches the start of a line against the label table. The label must be
/// followed by a colon, or be the whole line.
pub(crate) fn at_start(text: &str, accept: impl Fn(&LabelDef) -> bool) -> Option<LabelHit> {
    // a label numbered like a sub-section ("5.1 Education", "2.3. Languages:")
    // stands whole on its line or before its colon
    if let Some(off) = section_number_len(text) {
        let rest = &text[off..];
        return at_start_unnumbered(rest, accept)
            .filter(|h| !h.glued && (h.colon || h.value_start == rest.len()))
            .map(|h| LabelHit { value_start: off + h.value_start, ..h });
    }
    at_start_unnumbered(text, accept)
}

/// The length of a sub-section number that opens `text`, with the spaces
/// after it ("5.1 ", "2.3. "): two or more numbers of one or two digits
/// joined by dots, then a capital letter. A list marker ("1.") is not one;
/// a figure ("2.5 Million") may be, and the label match after it decides.
fn section_number_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        if i == start {
            return None;
        }
        parts += 1;
        match b.get(i) {
            Some(b'.') if b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
            Some(b'.') => {
                i += 1;
                break;
            }
            _ => break,
        }
    }
    let spaces = b[i..].iter().take_while(|&&c| c == b' ').count();
    (parts >= 2 && spaces > 0 && b.get(i + spaces).is_some_and(u8::is_ascii_uppercase)).then_some(i + spaces)
}

/// [`at_start`] for a text without a sub-section number.
fn at_start_unnumbered(text: &str, accept: impl Fn(&LabelDef) -> bool) -> Option<LabelHit> {
    // aliases start with a letter: compare first letters before anything else
    let mut chars = text.chars().skip_while(|c| !c.is_alphanumeric());
    let first = chars.next()?.to_lowercase().next()?;
    // the second char as an alias spells it (a separator folds to a space),
    // to pass over most candidates without matching them
    let second = chars.next().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' });
    // one pass over the candidates: the first label with its separator
    // wins; else the first one glued to its value (see LabelDef::glued)
    let mut glued = None;
    let mut try_prefix = |def: &'static LabelDef, alias: &str| match match_prefix_end(text, alias)? {
        PrefixEnd::Word(end) => hit_after(text, def, end),
        PrefixEnd::Glued(end) => {
            if def.glued && glued.is_none() {
                glued = Some(LabelHit { def, value_start: end, colon: false, glued: true, fuzzy: false });
            }
            None
        }
    };
    let mut try_alias = |def: &'static LabelDef, alias: &str| {
        if second.is_some_and(|c| alias.chars().nth(1).is_some_and(|a| a != c)) {
            return None;
        }
        try_prefix(def, alias)
    };
    let separated = if first.is_ascii() {
        BY_FIRST[usize::from(first as u8)]
            .iter()
            .filter(|(def, _)| accept(def))
            .find_map(|(def, aliases)| aliases.iter().find_map(|alias| try_alias(def, alias)))
    } else {
        LABELS
            .iter()
            .filter(|d| accept(d))
            .find_map(|def| def.aliases.iter().filter(|a| a.starts_with(first)).find_map(|alias| try_alias(def, alias)))
    };
    separated.or(glued)
}

/// A label wrapped in its column beside its value, in a two-column layout
/// ("Skills required for the   Minimum:" / "assignment:   Good analytical
/// skills"): `text` starts with the label's first words and `tail`
/// (folded) is its last words, which open the next line before a colon.
/// Returns the label and the byte offset in `text` of what follows its
/// first words (the value column). Only the exact words of a label of two
/// words or more, split between words, match.
pub(crate) fn wrapped_at_start(
    text: &str,
    tail: &str,
    accept: impl Fn(&LabelDef) -> bool,
) -> Option<(&'static LabelDef, usize)> {
    if tail.is_empty() {
        return None;
    }
    LABELS.iter().filter(|d| accept(d)).find_map(|def| {
        def.aliases.iter().find_map(|alias| {
            let head = alias.strip_suffix(tail)?.strip_suffix(' ')?;
            let end = match_folded_prefix(text, head)?;
            // a table's cells joined may leave a separator after the label's
            // first words ("Department/ Field: ILO ...")
            let rest = text[end..].trim_start().trim_start_matches([':', '|']).trim_start();
            Some((def, text.len() - rest.len()))
        })
    })
}

/// An alias of `def` that opens `text` and ends at `end` (a word
/// boundary), followed by what makes it a label: a colon (or a leader),
/// the end of the line, or, for a header label, a value.
fn hit_after(text: &str, def: &'static LabelDef, end: usize) -> Option<LabelHit> {
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    // an abbreviated label keeps its dot: "Dept.:"
    let undotted = trimmed.strip_prefix('.').map_or(trimmed, str::trim_start);
    if let Some(after) = undotted.strip_prefix(':') {
        // a doubled colon ("Title:: value", a description list's term) is
        // one separator: a value opens with no colon
        let after = after.trim_start_matches(':').trim_start();
        // a table's cell border between the label's cell and the value's
        // ("Title: | Junior Professional Officer")
        let after =
            after.strip_prefix('|').filter(|v| v.is_empty() || v.starts_with(' ')).map_or(after, str::trim_start);
        let value = skip_leader(after).unwrap_or(after);
        return Some(LabelHit::plain(def, text.len() - value.len(), true));
    }
    // dot leaders stand for the colon ("Duty station ...... Nairobi")
    if let Some(value) = skip_leader(trimmed) {
        return Some(LabelHit::plain(def, text.len() - value.len(), true));
    }
    if trimmed.is_empty() {
        return Some(LabelHit::plain(def, text.len(), false));
    }
    // a qualification's Minimum/Desirable typed with a dash for its colon
    // ("Minimum – An advanced degree"): these sub-labels open no sentence;
    // nor do the form's rows ("Duty station — Nairobi, Kenya")
    if (def.home == Home::QualBlock || family(def) == Some(Family::Form)) && rest.starts_with(' ') {
        // or a table's cell border ("Duty station | Nairobi, Kenya")
        let separated = trimmed.strip_prefix(DASHES).or_else(|| trimmed.strip_prefix('|'));
        if let Some(value) = separated.filter(|v| v.starts_with(' ')) {
            let value = value.trim_start();
            return Some(LabelHit::plain(def, text.len() - value.len(), true));
        }
    }
    // a qualification's label with its Minimum/Desirable after a dash
    // ("Education – minimum: ..."): the sub-label opens the value, as after
    // a colon ("Education: Minimum: ...")
    if def.home == Home::In(Section::Qualifications) && rest.starts_with(' ') {
        if let Some(value) = trimmed.strip_prefix(DASHES).filter(|v| v.starts_with(' ')) {
            let value = value.trim_start();
            if at_start_unnumbered(value, |d| d.home == Home::QualBlock).is_some_and(|h| h.colon && !h.glued) {
                return Some(LabelHit::plain(def, text.len() - value.len(), true));
            }
        }
    }
    // a label of two words or more, then a few words more up to a colon
    // that ends the line: the label in words of the drafter's
    if let Some(words) = trimmed.strip_suffix(':').filter(|_| rest.starts_with(' ')) {
        let tail_words = words.split_whitespace().count();
        // words of another label in the tail are that label's (a label in a
        // column beside this one: "Skills required for the Minimum:")
        let holds_label = || {
            words
                .char_indices()
                .filter(|&(k, c)| c != ' ' && (k == 0 || words[..k].ends_with(' ')))
                .any(|(k, _)| at_start_unnumbered(&words[k..], |_| true).is_some())
        };
        if (1..=MAX_LABEL_TAIL_WORDS).contains(&tail_words)
            && words.chars().all(|c| c == ' ' || c.is_alphabetic())
            && text[..end].split_whitespace().nth(1).is_some()
            && !holds_label()
        {
            return Some(LabelHit { def, value_start: text.len(), colon: true, glued: false, fuzzy: true });
        }
    }
    // the header holds no prose: its labels may be followed by the
    // value without a colon ("Post No. 3304", "Post number 2431",
    // "Post No - 2431")
    if def.home == Home::Header && !rest.starts_with(char::is_alphanumeric) {
        let value = trimmed.trim_start_matches(HEADER_SEPARATORS).trim_start();
        if !value.is_empty() {
            return Some(LabelHit::plain(def, text.len() - value.len(), false));
        }
    }
    None
}

/// The longest line read as a label typed with a typo ([`typo_label`]).
const MAX_TYPO_LABEL_BYTES: usize = 64;

/// The shortest label spelling a typo is tolerated in: shorter labels
/// ("Grade", "Minimum") are words of prose as often.
const MIN_TYPO_LABEL_CHARS: usize = 12;

/// The shortest label spelling in which two letters typed the wrong way
/// round are tolerated ("Langauges", "Educaiton"): the one typo that
/// seldom makes another word of a long word.
const MIN_SWAP_LABEL_CHARS: usize = 8;

/// Whether `typed` is `word` with two neighbouring characters swapped.
fn swapped(typed: &str, word: &str) -> bool {
    let (t, w) = (typed.as_bytes(), word.as_bytes());
    if t.len() != w.len() {
        return false;
    }
    let Some(i) = t.iter().zip(w).position(|(a, b)| a != b) else { return false };
    i + 1 < t.len() && t[i] == w[i + 1] && t[i + 1] == w[i] && t[i + 2..] == w[i + 2..]
}

/// How many edits a label spelling of `chars` characters tolerates.
fn typo_bound(chars: usize) -> usize {
    if chars <= 24 {
        1
    } else {
        2
    }
}

/// A line that is a label alone, typed with a typo ("Skills required for
/// the asignment", "Work experiance:"): within [`typo_bound`] edits of a
/// label's spelling of [`MIN_TYPO_LABEL_CHARS`] characters or more, or
/// two letters swapped in one of [`MIN_SWAP_LABEL_CHARS`], with its colon
/// or none. A guess ([`LabelHit::fuzzy`]). The caller looks
/// only at lines that stand as a label would (a markdown heading, a line
/// ending in a colon).
pub(crate) fn typo_label(text: &str, accept: impl Fn(&LabelDef) -> bool) -> Option<LabelHit> {
    if text.len() > MAX_TYPO_LABEL_BYTES {
        return None;
    }
    let (words, colon) = match text.trim_end().strip_suffix(':') {
        Some(w) => (w, true),
        None => (text, false),
    };
    let folded = crate::text::fold(words);
    LABELS.iter().filter(|d| accept(d)).find_map(|def| {
        def.aliases
            .iter()
            .find(|a| {
                let n = a.chars().count();
                if n >= MIN_TYPO_LABEL_CHARS {
                    crate::text::bounded_distance(&folded, a, typo_bound(n)).is_some_and(|d| d > 0)
                } else {
                    n >= MIN_SWAP_LABEL_CHARS && swapped(&folded, a)
                }
            })
            .map(|_| LabelHit { def, value_start: text.len(), colon, glued: false, fuzzy: true })
    })
}

/// The most words after a label's own words, before the colon that ends
/// its line, for the line to be read as the label ([`LabelHit::fuzzy`]).
const MAX_LABEL_TAIL_WORDS: usize = 3;

/// Leader characters between a label and its value, as a form laid out
/// with tab leaders prints them: "Title: ........ value".
const LEADER_CHARS: &[char] = &['.', '_', '·', '…'];

/// How many leader characters make a leader (an ellipsis counts as three):
/// fewer are punctuation.
const MIN_LEADER: usize = 3;

/// The text after a leader at the start of `s` (spaces between the dots
/// allowed), trimmed; `None` when `s` does not start with one.
pub(crate) fn skip_leader(s: &str) -> Option<&str> {
    let mut dots = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if c == '…' {
            dots += 3;
        } else if LEADER_CHARS.contains(&c) {
            dots += 1;
        } else if c != ' ' {
            break;
        }
        end = i + c.len_utf8();
    }
    (dots >= MIN_LEADER).then(|| s[end..].trim_start())
}

/// The dashes that may stand for a colon after a sub-label.
const DASHES: &[char] = &['-', '–', '—'];

/// What may stand between a header label and its value instead of a colon.
const HEADER_SEPARATORS: &[char] = &['.', '#', '-', '–', '—', ' '];

/// Labels that run together on one line belong to one family: the form's
/// rows (header and GENERAL INFORMATION) or a qualification block
/// ("Minimum: ... Desirable: ..."). Only labels of the same family split a
/// value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Form,
    Qualification,
}

/// The family of a label, if its values can hold other labels.
pub(crate) fn family(def: &LabelDef) -> Option<Family> {
    match def.home {
        Home::Header | Home::In(Section::General) => Some(Family::Form),
        Home::QualBlock | Home::In(Section::Qualifications) => Some(Family::Qualification),
        Home::In(_) => None,
    }
}

/// Whether label `d` may start inside a value of family `fam`: an inline
/// label of the family, or, inside the form's rows, an inline label of the
/// supervision table that follows them ("... Unit (X) Direct Supervision
/// by: ...").
pub(crate) fn splits_value(d: &LabelDef, fam: Family) -> bool {
    d.inline && (family(d) == Some(fam) || (fam == Family::Form && d.home == Home::In(Section::Supervision)))
}

/// The aliases of the labels that split a value of `fam` and pass `keep`,
/// as regex alternatives with their words joined by `word_sep`, longest
/// first, so "duration of the assignment" wins over "duration".
fn alternatives(fam: Family, keep: impl Fn(&LabelDef) -> bool, word_sep: &str) -> Vec<String> {
    let mut alts: Vec<String> = LABELS
        .iter()
        .filter(|d| splits_value(d, fam) && keep(d))
        .flat_map(|d| d.aliases.iter())
        .map(|a| a.split(' ').map(regex::escape).collect::<Vec<_>>().join(word_sep))
        .collect();
    alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
    alts
}

fn inline_regex(fam: Family) -> Regex {
    let alts = alternatives(fam, |_| true, r"[\s/]*");
    // a sub-label typed with a dash for its colon splits only after the end
    // of a clause ("... a related field. ; Desirable – ..."): inside prose
    // "minimum - " is words
    let dashed = alternatives(fam, |d| d.home == Home::QualBlock, " ");
    let dashed =
        if dashed.is_empty() { String::new() } else { format!(r"|[.;]\s*(?:{})\s+[-–—]\s", dashed.join("|")) };
    Regex::new(&format!(r"(?i)(?:^|\s)(?:{})\.?\s*:{dashed}", alts.join("|"))).expect("valid regex")
}

static INLINE_FORM: LazyLock<Regex> = LazyLock::new(|| inline_regex(Family::Form));
static INLINE_QUAL: LazyLock<Regex> = LazyLock::new(|| inline_regex(Family::Qualification));

/// The labels of `fam` that may be glued ([`LabelDef::glued`]) right after
/// the value before them, with their colon ("P1Duration of the
/// assignment:", "3704Month of issue:"); the label is the first group.
/// `None` when no label of the family may be glued.
fn glued_regex(fam: Family) -> Option<Regex> {
    let alts = alternatives(fam, |d| d.glued, r"[\s/]*");
    (!alts.is_empty())
        .then(|| Regex::new(&format!(r"(?i)[\p{{L}}\p{{Nd}})]((?:{}))\.?\s*:", alts.join("|"))).expect("valid regex"))
}

static GLUED_FORM: LazyLock<Option<Regex>> = LazyLock::new(|| glued_regex(Family::Form));
static GLUED_QUAL: LazyLock<Option<Regex>> = LazyLock::new(|| glued_regex(Family::Qualification));

/// Whether a label starting with `next` is glued to a value ending in
/// `prev`: a capital right after a lower-case letter, a digit or a closing
/// bracket ("NovemberYear:", "P1Duration", "(renewable)Grade:").
fn glued_split(prev: char, next: char) -> bool {
    next.is_uppercase() && (prev.is_lowercase() || prev.is_ascii_digit() || prev == ')')
}

/// Whether the split of `value` at `at` (one of [`inline_splits`]) is a
/// label glued to the value before it, with no separator: a guess.
pub(crate) fn glued_at(value: &str, at: usize) -> bool {
    let (Some(prev), Some(next)) = (value.get(..at).and_then(|v| v.chars().next_back()), value.get(at..)) else {
        return false;
    };
    next.chars().next().is_some_and(|n| glued_split(prev, n))
}

/// Byte offsets in `value` where another inline label starts (a run-together
/// row: "Geneva, Switzerland Duration of the assignment: 12 months").
pub(crate) fn inline_splits(value: &str, fam: Family) -> Vec<usize> {
    // only a qualification's sub-labels may go without a colon
    if value.len() > MAX_INLINE_VALUE_CHARS * 8 || (!value.contains(':') && fam != Family::Qualification) {
        return Vec::new();
    }
    let re = match fam {
        Family::Form => &*INLINE_FORM,
        Family::Qualification => &*INLINE_QUAL,
    };
    // the split is at the label's first letter (after the space, or the
    // clause end before a dashed sub-label)
    let mut splits: Vec<usize> = re
        .find_iter(value)
        .map(|m| m.start() + m.as_str().find(char::is_alphanumeric).unwrap_or(0))
        .filter(|&i| i > 0)
        .collect();
    let glued = match fam {
        Family::Form => GLUED_FORM.as_ref(),
        Family::Qualification => GLUED_QUAL.as_ref(),
    };
    if let Some(glued) = glued {
        // a label run into the value before it: at a change of case only
        let before = splits.len();
        splits.extend(
            glued.captures_iter(value).filter_map(|c| c.get(1)).map(|m| m.start()).filter(|&i| glued_at(value, i)),
        );
        if splits.len() > before {
            splits.sort_unstable();
            splits.dedup();
        }
    }
    splits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::Label;

    #[test]
    fn unknown_keys() {
        for (t, want) in [
            ("Created: October 14, 2025 3:12 PM", true),
            ("Tags: JPO 2026, CO-Beijing", true),
            ("Content type: Vacancy", true),
            ("Tags:", false),
            ("see the note: it says", false),
            ("Note 2: text", false),
            ("A very long name of four words: x", false),
            ("https://ilo.org", false),
        ] {
            assert_eq!(opens_with_unknown_key(t), want, "{t:?}");
        }
    }

    #[test]
    fn sub_labels_inside_a_value() {
        for (v, want) in [
            ("Skills required for the Minimum: assignment: Good analytical skills", true),
            ("A degree in law. Desirable: a master's degree", true),
            ("Minimum: a degree", false),
            ("A degree in law or economics.", false),
            ("Note: the minimum is two years", false),
            ("", false),
            ("a long run of text with no spaces:Minimum:x", false),
        ] {
            assert_eq!(holds_sub_label(v), want, "{v:?}");
        }
        // colons without spaces cost a bounded look-back each
        assert!(!holds_sub_label(&"a:".repeat(100_000)));
    }

    fn hit(text: &str) -> Option<(Label, &str)> {
        at_start(text, |_| true).map(|h| (h.def.label, &text[h.value_start..]))
    }

    #[test]
    fn a_label_in_the_drafters_words_is_a_guess() {
        let h = at_start("Skills required for the assigment:", |_| true).expect("a label");
        assert_eq!(h.def.label, Label::Skills);
        assert!(h.fuzzy && h.colon);
        assert_eq!(h.value_start, "Skills required for the assigment:".len());
        // the table's own words are no guess
        assert!(!at_start("Skills required for the assignment:", |_| true).expect("a label").fuzzy);
        // another label in the tail is that label's; a one-word label with
        // more words is a sentence; a tail with a value is not a label
        assert!(at_start("Skills required for the Minimum:", |_| true).is_none_or(|h| !h.fuzzy));
        assert!(at_start("Education of girls:", |_| true).is_none_or(|h| !h.fuzzy));
        assert!(at_start("Skills required for the post: good drafting", |_| true).is_none_or(|h| !h.fuzzy));
        assert!(at_start("Skills required in four of the areas:", |_| true).is_none_or(|h| !h.fuzzy));
        // a label alone with a typo in it
        let h = typo_label("Skills required for the asignment", |_| true).expect("a label");
        assert!(h.fuzzy && !h.colon && h.value_start == "Skills required for the asignment".len());
        assert!(typo_label("Work experiance:", |_| true).is_some_and(|h| h.colon));
        assert!(typo_label("Skills required for the post", |_| true).is_none());
        assert!(typo_label("Minimun:", |_| true).is_none());
        // a short label: two letters swapped, and nothing else
        assert!(typo_label("Langauges:", |_| true)
            .is_some_and(|h| h.fuzzy && h.def.label == crate::template::Label::Languages));
        assert!(typo_label("Lamguages", |_| true).is_none());
        assert!(typo_label("Languagse", |_| true).is_some());
        assert!(typo_label("Grdae:", |_| true).is_none());
        assert!(!swapped("ab", "ab") && swapped("ba", "ab") && !swapped("abc", "bca"));
    }

    #[test]
    fn form_values_holding_a_label_opening() {
        assert!(holds_form_label_opening("lima peru duration of the 12 months renewable assignment"));
        assert!(holds_form_label_opening("p2 department field ilo decent work team"));
        assert!(!holds_form_label_opening("lima peru"));
        assert!(!holds_form_label_opening("junior professional officer in labour statistics"));
        // at the start the label is the value's own, matched elsewhere
        assert!(!holds_form_label_opening("duty station lima"));
    }

    #[test]
    fn a_doubled_colon_is_one_separator() {
        assert_eq!(hit("Title:: Junior Officer"), Some((Label::Title, "Junior Officer")));
        assert_eq!(hit("Grade::: P1"), Some((Label::Grade, "P1")));
        assert_eq!(hit("Grade: P1"), Some((Label::Grade, "P1")));
    }

    #[test]
    fn labels_numbered_as_sub_sections() {
        use Label::*;
        assert_eq!(hit("5.1 Education"), Some((Education, "")));
        assert_eq!(hit("2.3. Languages: English"), Some((Languages, "English")));
        // a number that is not a sub-section's, or a label in a sentence
        assert_eq!(hit("5.1 Education of girls is a priority"), None);
        assert_eq!(hit("2.5 Languages are spoken"), None);
        assert_eq!(section_number_len("5 Education"), None);
        assert_eq!(section_number_len("5.1education"), None);
        assert_eq!(section_number_len("10.2.1 Skills"), Some(7));
    }

    #[test]
    fn dot_leaders_separate_label_and_value() {
        use Label::*;
        assert_eq!(hit("Title: ............ Junior Officer"), Some((Title, "Junior Officer")));
        assert_eq!(hit("Duty station ...... Nairobi"), Some((DutyStation, "Nairobi")));
        assert_eq!(hit("Grade: . . . . P2"), Some((Grade, "P2")));
        assert_eq!(hit("Grade:… P2"), Some((Grade, "P2")));
        assert_eq!(hit("Grade: ________"), Some((Grade, "")));
        // two dots are punctuation, not a leader
        assert_eq!(hit("Title: .. x"), Some((Title, ".. x")));
    }

    #[test]
    fn start_table() {
        use Label::*;
        let cases: &[(&str, Option<(Label, &str)>)] = &[
            ("Title: Junior Professional Officer", Some((Title, "Junior Professional Officer"))),
            ("Duty station: Geneva, Switzerland", Some((DutyStation, "Geneva, Switzerland"))),
            ("Duration of the assignment: 12 months", Some((Duration, "12 months"))),
            ("Department/ Field Office: SECTOR", Some((Department, "SECTOR"))),
            ("Organizational unit : GEDI", Some((OrgUnit, "GEDI"))),
            ("Direct Supervision by:", Some((Supervisor, ""))),
            ("Content and methodology of supervision:", Some((Methodology, ""))),
            ("Skills required for the assignment:", Some((Skills, ""))),
            ("Minimum: An advanced degree", Some((Minimum, "An advanced degree"))),
            ("Desirable", Some((Desirable, ""))),
            ("Minimum – An advanced degree", Some((Minimum, "An advanced degree"))),
            ("Desirable - None.", Some((Desirable, "None."))),
            ("Minimum-wage policies", None),
            // a table's cell border for the colon, or after it
            ("Title: | Junior Professional Officer", Some((Title, "Junior Professional Officer"))),
            ("Duty station | Lima, Peru", Some((DutyStation, "Lima, Peru"))),
            ("Grade: |P2", Some((Grade, "|P2"))),
            // a qualification's sub-label after a dash opens its value
            ("Education – minimum: A degree", Some((Education, "minimum: A degree"))),
            ("Skills required for the assignment - desirable – R", Some((Skills, "desirable – R"))),
            ("Education – a degree", None),
            ("Languages - minimumish: x", None),
            ("ILO competencies:", Some((Competencies, ""))),
            ("Post number: 2431", Some((PostNumber, "2431"))),
            ("Title of the report is long", None),
            ("Education and employment", None),
            ("Unity is strength", None),
        ];
        for (text, want) in cases {
            assert_eq!(hit(text), *want, "{text:?}");
        }
    }

    #[test]
    fn portuguese_labels() {
        use Label::*;
        let cases: &[(&str, Option<(Label, &str)>)] = &[
            ("Número do posto: 4205", Some((PostNumber, "4205"))),
            ("Mês de emissão: junho de 2025", Some((MonthOfIssue, "junho de 2025"))),
            ("Duração da missão: 12 meses", Some((Duration, "12 meses"))),
            ("Departamento/ Escritório no terreno: X", Some((Department, "X"))),
            ("Supervisão direta por:", Some((Supervisor, ""))),
            // "Competências" opens both the skills and the ILO competencies
            ("Competências exigidas para a missão:", Some((Skills, ""))),
            ("Competências da OIT:", Some((Competencies, ""))),
            ("Competências:", Some((Competencies, ""))),
            ("Desejável:", Some((Desirable, ""))),
            // a sentence that opens with a label's word is not the label
            ("Mínimo de dois anos de experiência profissional", None),
            ("Experiência em projetos de cooperação", None),
        ];
        for (text, want) in cases {
            assert_eq!(hit(text), *want, "{text:?}");
        }
    }

    #[test]
    fn inline_table() {
        let v = "Junior Professional Officer on migration Duty station: Geneva, Switzerland Grade: P2";
        let splits = inline_splits(v, Family::Form);
        let starts: Vec<&str> = splits.iter().map(|&i| &v[i..i + 5]).collect();
        assert_eq!(starts, ["Duty ", "Grade"]);
        assert!(inline_splits("no labels here: at all", Family::Form).is_empty());
        let v = "Advanced degree in economics. Desirable: Specialization in finance.";
        assert_eq!(inline_splits(v, Family::Qualification).len(), 1);
        assert!(inline_splits(v, Family::Form).is_empty());
        let v = "An advanced degree in law. ; Desirable – Training in statistics.";
        let splits = inline_splits(v, Family::Qualification);
        assert_eq!(splits.iter().map(|&i| &v[i..i + 9]).collect::<Vec<_>>(), ["Desirable"]);
        assert!(inline_splits("at a minimum - two years: of work", Family::Qualification).is_empty());
        let v = "2373 Month of issue: September 2023";
        assert_eq!(inline_splits(v, Family::Form).len(), 1);
    }

    #[test]
    fn labels_glued_to_their_values() {
        use Label::*;
        let glued = |t: &'static str| at_start(t, |_| true).map(|h| (h.def.label, &t[h.value_start..], h.glued));
        assert_eq!(glued("TitleJPO in statistics"), Some((Title, "JPO in statistics", true)));
        assert_eq!(glued("Duty stationLima, Peru"), Some((DutyStation, "Lima, Peru", true)));
        assert_eq!(glued("Organizational unitYEP"), Some((OrgUnit, "YEP", true)));
        assert_eq!(glued("Year2031"), Some((Year, "2031", true)));
        // a separator wins: no guess
        assert_eq!(glued("Title: JPO"), Some((Title, "JPO", false)));
        // only the form's rows: a prose label glued to a capital is a word
        assert_eq!(glued("EducationMinimum: a degree"), None);
        assert_eq!(glued("Minimumwage"), None);
        // no change of case, no boundary
        assert_eq!(glued("Titled reports"), None);
        assert_eq!(glued("TITLEJPO"), None);
    }

    #[test]
    fn values_glued_to_the_next_label() {
        let v = "P3Duration of the assignment:24 months";
        let splits = inline_splits(v, Family::Form);
        assert_eq!(splits.iter().map(|&i| &v[i..i + 8]).collect::<Vec<_>>(), ["Duration"]);
        assert!(glued_at(v, splits[0]));
        let v = "2950Month of issue:MarchYear:2031";
        let splits = inline_splits(v, Family::Form);
        assert_eq!(splits.iter().map(|&i| &v[i..i + 4]).collect::<Vec<_>>(), ["Mont", "Year"]);
        assert!(splits.iter().all(|&i| glued_at(v, i)));
        // a split after a space is no guess
        let v = "JPO in statistics Grade: P2";
        assert_eq!(inline_splits(v, Family::Form).iter().filter(|&&i| glued_at(v, i)).count(), 0);
        // a label's word inside another word, or in lower case, splits nothing
        assert!(inline_splits("the Payyear: x", Family::Form).is_empty());
        assert!(inline_splits("Subunit: x", Family::Form).is_empty());
        // a qualification's sub-labels are never glued
        assert!(inline_splits("A degree.Desirable: x", Family::Qualification).is_empty());
        assert!(!glued_at("", 0));
        assert!(!glued_at("ab", 5));
    }

    #[test]
    fn labels_wrapped_beside_their_values() {
        use Label::*;
        let wrapped =
            |t: &'static str, tail: &str| wrapped_at_start(t, tail, |_| true).map(|(d, at)| (d.label, &t[at..]));
        assert_eq!(wrapped("Skills required for the Minimum:", "assignment"), Some((Skills, "Minimum:")));
        assert_eq!(
            wrapped("Content and methodology of The JPO will", "supervision"),
            Some((Methodology, "The JPO will"))
        );
        assert_eq!(wrapped("Duration of the 12 months", "assignment"), Some((Duration, "12 months")));
        assert_eq!(wrapped("Department/ Field: ILO Office", "office"), Some((Department, "ILO Office")));
        // the label's words may wrap after any of them
        assert_eq!(wrapped("Skills required for Minimum:", "the assignment"), Some((Skills, "Minimum:")));
        // but only its exact words: the tail must end the label, the head
        // start the line
        assert_eq!(wrapped("Skills for the Minimum:", "assignment"), None);
        assert_eq!(wrapped("Skills required for the Minimum:", "the job"), None);
        assert_eq!(wrapped("The skills required for the", "assignment"), None);
        assert_eq!(wrapped("Skills required for the", ""), None);
        // a tail that is a whole one-word label has no head
        assert_eq!(wrapped("Grade P2", "grade"), None);
    }

    #[test]
    fn header_labels_without_a_colon() {
        let value = |t: &'static str| at_start(t, |_| true).map(|h| (h.def.label, &t[h.value_start..]));
        assert_eq!(value("Post No. 3304"), Some((crate::template::Label::PostNumber, "3304")));
        assert_eq!(value("Post number 2431"), Some((crate::template::Label::PostNumber, "2431")));
        // other labels need their colon
        assert_eq!(value("Title Junior Professional Officer"), None);
        assert_eq!(value("Posting of staff"), None);
    }
}
