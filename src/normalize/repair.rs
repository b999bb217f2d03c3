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
    // a line that is still doubled once undoubled ("iiiiiiii...") is a run
    // of one letter, not a fake-bold heading: halving it again on every
    // pass would make normalizing twice change it
    undouble_once(line).filter(|once| undouble_once(once).is_none())
}

/// [`undouble_chars`] without the test of its result.
fn undouble_once(line: &str) -> Option<String> {
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
    // the previous word's start and length, and its first byte in lower case
    let (mut ps, mut pl, mut pfirst) = (0usize, usize::MAX, 0u8);
    for (start, i) in Words::new(b) {
        let len = i - start;
        let first = b[start];
        let lower = first | 0x20;
        // cheap tests with no early exit, so that the one branch below is
        // almost never taken (and so predicted): the lengths of neighbouring
        // words, or whether a word is long, are a coin toss for a branch
        let token = (len >= 2 * MIN_DOUBLED_TOKEN_HALF) & first.is_ascii_uppercase();
        let twin = (len == pl) & (lower == pfirst);
        if token | twin {
            if token && {
                // the halves of the word without trailing punctuation are equal
                let word = &b[start..i];
                let core = word.len() - word.iter().rev().take_while(|c| !c.is_ascii_alphanumeric()).count();
                core % 2 == 0 && word[..core / 2] == word[core / 2..core]
            } {
                return true;
            }
            if twin && b[ps..ps + pl].eq_ignore_ascii_case(&b[start..i]) {
                return true;
            }
        }
        (ps, pl, pfirst) = (start, len, lower);
    }
    false
}

/// The bytes a [`Words`] block covers: one bit of a `u64` each.
const BLOCK: usize = 64;

/// The words of a line (runs of bytes other than the ASCII space) as
/// `(start, end)` byte ranges. The boundaries come from a bit mask of the
/// spaces of each block of [`BLOCK`] bytes, eight bytes at a time: a loop
/// that branches on every byte mispredicts at every word boundary.
struct Words<'a> {
    b: &'a [u8],
    /// Where the current block starts.
    block: usize,
    /// The word starts and ends left in the current block, one bit each.
    edges: u64,
    /// 1 when the byte before the next block is a space (the line starts
    /// after one).
    space_before: u64,
    word_start: Option<usize>,
}

impl<'a> Words<'a> {
    fn new(b: &'a [u8]) -> Self {
        // `block` starts one block early: the first call moves it to 0
        Words { b, block: 0usize.wrapping_sub(BLOCK), edges: 0, space_before: 1, word_start: None }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    // inlined into the loop over the words, the state stays in registers
    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            // the edges alternate: a word's start, then its end
            while self.edges != 0 {
                let at = self.block + self.edges.trailing_zeros() as usize;
                self.edges &= self.edges - 1;
                match self.word_start.take() {
                    Some(start) => return Some((start, at)),
                    None => self.word_start = Some(at),
                }
            }
            let next = self.block.wrapping_add(BLOCK);
            if next >= self.b.len() {
                return self.word_start.take().map(|start| (start, self.b.len()));
            }
            self.block = next;
            let bytes = &self.b[next..self.b.len().min(next + BLOCK)];
            let mut spaces = 0u64;
            for (j, chunk) in bytes.chunks(8).enumerate() {
                let eight = <[u8; 8]>::try_from(chunk).unwrap_or_else(|_| {
                    // the last chunk, padded with spaces (they end the word)
                    let mut padded = [b' '; 8];
                    padded[..chunk.len()].copy_from_slice(chunk);
                    padded
                });
                spaces |= space_bits(eight) << (8 * j);
            }
            // a bit where a byte differs from the one before it in being a space
            self.edges = spaces ^ ((spaces << 1) | self.space_before);
            if bytes.len() < BLOCK {
                self.edges &= (1u64 << bytes.len()) - 1;
            }
            self.space_before = spaces >> (BLOCK - 1);
        }
    }
}

/// Bit `i` set where byte `i` of `eight` is an ASCII space.
fn space_bits(eight: [u8; 8]) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // a space byte becomes zero
    let v = u64::from_le_bytes(eight) ^ 0x2020_2020_2020_2020;
    // 0x80 in each zero byte: the low seven bits plus 0x7F carry into the
    // high bit unless all are zero, and no carry crosses a byte
    let zero = !(((v & LOW7) + LOW7) | v | LOW7);
    // the eight high bits gathered into the top byte, byte 0 lowest
    (zero >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
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
    fn words_are_the_runs_between_spaces() {
        let long = format!("{}x {} y  z", "a".repeat(63), " ".repeat(64));
        let cases = ["", " ", "a", " a ", "in in", "  two  spaces ", "tab\tis a byte", "café au lait", &long];
        for c in cases {
            let want: Vec<&str> = c.split(' ').filter(|w| !w.is_empty()).collect();
            let got: Vec<&str> = Words::new(c.as_bytes()).map(|(s, e)| &c[s..e]).collect();
            assert_eq!(got, want, "{c:?}");
        }
        // every split point around the block boundary
        for n in 56..72 {
            let c = format!("{} {}", "w".repeat(n), "v".repeat(n));
            let got: Vec<(usize, usize)> = Words::new(c.as_bytes()).collect();
            assert_eq!(got, [(0, n), (n + 1, 2 * n + 1)], "{n}");
        }
        assert_eq!(space_bits(*b" a  bcd "), 0b1000_1101);
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
