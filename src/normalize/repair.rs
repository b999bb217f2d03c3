//! Token repairs: doubled words (`in in`), doubled tokens
//! (`WorkingWorking`), doubled labels (`Minimum: Minimum:`).

/// Words that are legitimately written twice in a row in English prose.
const LEGIT_DOUBLES: &[&str] = &["had", "that", "is", "do", "bye", "no"];

/// The shortest half of a doubled token that is repaired; shorter repeats
/// ("mama", "bonbon") are real words.
const MIN_DOUBLED_TOKEN_HALF: usize = 4;

/// Repairs doubled words and tokens in a line. Returns `None` when nothing
/// changed.
pub(crate) fn dedupe(line: &str) -> Option<String> {
    if !may_need_repair(line) {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut prev: Option<&str> = None;
    let mut changed = false;
    for word in line.split(' ') {
        if word.is_empty() {
            continue;
        }
        let mut word_now = word;
        // "WorkingWorkingWorkingWorking" halves until it is no longer doubled
        while let Some(half) = undouble_token(word_now) {
            word_now = half;
            changed = true;
        }
        if let Some(p) = prev {
            if is_doubled(p, word_now) {
                changed = true;
                continue;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word_now);
        prev = Some(word_now);
    }
    changed.then_some(out)
}

/// The fewest letters of a line typed with every character doubled for it
/// to be undoubled: "GGEENNEERRAALL" (a fake-bold PDF artefact that prints
/// each glyph twice); a short line like "AA" or "Mmm" is left alone.
const MIN_DOUBLED_LINE_LETTERS: usize = 8;

/// The longest line looked at for doubled characters: it is a heading or
/// label, never prose.
const MAX_DOUBLED_LINE_BYTES: usize = 200;

/// Undoes a line in which every character is printed twice
/// ("DDUUTTIIEESS  AANNDD" to "DUTIES AND"). Returns `None` when the line
/// is not one.
pub(crate) fn undouble_chars(line: &str) -> Option<String> {
    let b = line.as_bytes();
    // cheap rejections first: most lines start with two different bytes
    if b.len() > MAX_DOUBLED_LINE_BYTES || b.len() < 2 * MIN_DOUBLED_LINE_LETTERS || b[0] != b[1] {
        return None;
    }
    let mut out = String::with_capacity(line.len() / 2);
    let mut letters = 0;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if !out.is_empty() {
            out.push(' ');
        }
        while let Some(c) = chars.next() {
            if chars.next() != Some(c) {
                return None;
            }
            letters += usize::from(c.is_alphabetic());
            out.push(c);
        }
    }
    (letters >= MIN_DOUBLED_LINE_LETTERS).then_some(out)
}

/// A first pass that allocates nothing, over bytes: is any word the same as
/// the one before it (ASCII case ignored), or a long capitalized token?
/// Most lines need no repair.
fn may_need_repair(line: &str) -> bool {
    let b = line.as_bytes();
    let mut prev: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        if start == i {
            break;
        }
        let len = i - start;
        if len >= 2 * MIN_DOUBLED_TOKEN_HALF && b[start].is_ascii_uppercase() && {
            // the halves of the word without trailing punctuation are equal
            let word = &b[start..i];
            let core = word.len() - word.iter().rev().take_while(|c| !c.is_ascii_alphanumeric()).count();
            core % 2 == 0 && word[..core / 2] == word[core / 2..core]
        } {
            return true;
        }
        if let Some((ps, pl)) = prev {
            if pl == len && b[ps..ps + pl].eq_ignore_ascii_case(&b[start..i]) {
                return true;
            }
        }
        prev = Some((start, len));
    }
    false
}

pub(crate) fn is_doubled(prev: &str, word: &str) -> bool {
    if !prev.eq_ignore_ascii_case(word) || !word.chars().any(char::is_alphabetic) {
        return false;
    }
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    // a doubled word carries no sentence punctuation between the two copies
    let prev_clean = !prev.ends_with(['.', ',', ';', '!', '?']) || prev.ends_with(':');
    prev_clean && !LEGIT_DOUBLES.contains(&bare.as_str())
}

/// `WorkingWorking` -> `Working` (trailing punctuation kept).
fn undouble_token(word: &str) -> Option<&str> {
    // cheap tests first: a doubled token starts with a capital and is long
    if word.len() < 2 * MIN_DOUBLED_TOKEN_HALF || !word.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    let core_end = word.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    let core = &word[..core_end];
    if !core.is_ascii() || core.len() < 2 * MIN_DOUBLED_TOKEN_HALF || core.len() % 2 != 0 {
        return None;
    }
    let half = core.len() / 2;
    let (a, b) = core.split_at(half);
    let capital = a.chars().next().is_some_and(|c| c.is_ascii_uppercase());
    if a == b && capital && a.chars().all(|c| c.is_ascii_alphabetic()) {
        // return the first half and the punctuation: "WorkingWorking," -> "Working,"
        // (the caller re-joins, so slicing cannot keep the tail; handled below)
        if core_end == word.len() {
            return Some(a);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_characters() {
        let cases: &[(&str, Option<&str>)] = &[
            ("DDUUTTIIEESS AANNDD RREESSPPOONNSSIIBBIILLIITTIIEESS", Some("DUTIES AND RESPONSIBILITIES")),
            ("GGEENNEERRAALL IINNFFOORRMMAATTIIOONN::", Some("GENERAL INFORMATION:")),
            ("AAAA", None),
            ("aabbccdd and more", None),
            ("Eeeek", None),
            ("book keeper", None),
        ];
        for (input, want) in cases {
            assert_eq!(undouble_chars(input).as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Officer in in decent work", Some("Officer in decent work")),
            ("the WorkingWorking for Health", Some("the Working for Health")),
            ("Minimum: Minimum: Proficiency", Some("Minimum: Proficiency")),
            ("that that is fine", None),
            ("no change here", None),
            ("bonbon mama", None),
            ("end. End of it", None),
            ("Work experience in in international studies", Some("Work experience in international studies")),
        ];
        for (input, want) in cases {
            assert_eq!(dedupe(input).as_deref(), *want, "{input:?}");
        }
    }
}
