//! Small text helpers shared by the stages: folding for table look-ups,
//! bounded edit distance, character classes.

use unicode_normalization::UnicodeNormalization;

/// Folds text for matching against the template tables: NFKC, lower case,
/// every run of characters that are not letters or digits replaced by one
/// space, trimmed. `"**Department/ Field Office:**"` folds to
/// `"department field office"`.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Each ASCII byte folded: a letter or digit lower-cased, anything else a
/// space.
/// Indexed by any byte (the upper half is a space and never read), so that a
/// look-up needs no bounds check.
static ASCII_FOLD: [u8; 256] = {
    let mut t = [b' '; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// [`fold`] into a reused buffer (cleared first).
pub(crate) fn fold_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        // the common case: the runs of letters and digits, lower-cased, one
        // space between them, in one pass over the bytes. The output is never
        // longer than the input (a space stands for at least one byte).
        if s.len() <= SHORT {
            // a line's opening words: written into an array by an index
            // masked to its size, so that no write is bounds-checked
            let mut buf = [0u8; SHORT];
            let n = fold_ascii(s.as_bytes(), &mut buf, SHORT - 1);
            out.push_str(std::str::from_utf8(&buf[..n]).unwrap_or_default());
        } else {
            // `out` was cleared above: the buffer starts empty
            let mut buf = std::mem::take(out).into_bytes();
            buf.resize(s.len(), 0);
            let n = fold_ascii(s.as_bytes(), &mut buf, usize::MAX);
            buf.truncate(n);
            // only ASCII bytes were written
            *out = String::from_utf8(buf).unwrap_or_default();
        }
        return;
    }
    fold_chars(s, out);
}

/// The longest text [`fold_into`] folds into an array on the stack (a
/// power of two, so that an index masked by `SHORT - 1` stays inside it).
const SHORT: usize = 128;

/// The ASCII fold of [`fold_into`] written by index into `buf` (at least
/// as long as `s`); returns the length written. Every index is masked by
/// `mask`, which leaves it unchanged (it never passes the bytes read so
/// far) but lets the compiler drop the bounds checks of an array.
#[inline(always)]
fn fold_ascii(s: &[u8], buf: &mut [u8], mask: usize) -> usize {
    // branch-free: a branch on "letter or not" is mispredicted at every
    // word boundary. Every byte is written (a letter or digit folded,
    // anything else as a space) and kept when it is a letter or digit or
    // the first byte of a gap after one, so that a run of separators
    // leaves one space and the ones before the first word leave none.
    // `n` never passes the bytes read so far, so every write is in bounds.
    let mut n = 0;
    let mut after_alnum = false;
    let mut chunks = s.chunks_exact(8);
    for chunk in &mut chunks {
        // eight letters, digits and single spaces fold as one word of
        // eight bytes ([`fold_eight`]); any other chunk byte by byte
        let eight: [u8; 8] = chunk.try_into().unwrap_or([0; 8]);
        if let Some((folded, ends_alnum)) = fold_eight(eight, after_alnum) {
            let at = n & mask;
            if let Some(dst) = buf.get_mut(at..at + 8) {
                dst.copy_from_slice(&folded);
                n += 8;
                after_alnum = ends_alnum;
                continue;
            }
        }
        for &b in chunk {
            fold_byte(b, buf, mask, &mut n, &mut after_alnum);
        }
    }
    for &b in chunks.remainder() {
        fold_byte(b, buf, mask, &mut n, &mut after_alnum);
    }
    // a gap at the end left its one space
    n - usize::from(n > 0 && !after_alnum)
}

/// One byte of [`fold_ascii`]: written folded (a separator as a space)
/// at `n`, and kept when it is a letter or digit or the first separator
/// after one.
#[inline(always)]
fn fold_byte(b: u8, buf: &mut [u8], mask: usize, n: &mut usize, after_alnum: &mut bool) {
    let f = ASCII_FOLD[usize::from(b)];
    let alnum = f != b' ';
    buf[*n & mask] = f;
    *n += usize::from(alnum | *after_alnum);
    *after_alnum = alnum;
}

/// Eight bytes that fold to themselves lower-cased, all kept: each an
/// ASCII letter, digit or space, no two spaces side by side, and no space
/// first unless a letter or digit came before (`after_alnum`). Returns
/// them folded and whether the last is a letter or digit; `None` for any
/// other eight bytes. Tested on the eight at once (SWAR): a byte `x`
/// below 0x80 is at least `a` when `x + 0x80 - a` has its high bit, more
/// than `b` when `x + 0x7F - b` has it, and no sum carries into the next
/// byte.
fn fold_eight(eight: [u8; 8], after_alnum: bool) -> Option<([u8; 8], bool)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let v = u64::from_le_bytes(eight);
    if v & HIGH != 0 {
        return None;
    }
    let in_range = |x: u64, a: u8, b: u8| {
        let at_least = x.wrapping_add(ONES * u64::from(0x80 - a));
        let above = x.wrapping_add(ONES * u64::from(0x7F - b));
        at_least & !above & HIGH
    };
    let lower = v | (ONES * 0x20);
    let letters = in_range(lower, b'a', b'z');
    let digits = in_range(v, b'0', b'9');
    let spaces = in_range(v, b' ', b' ');
    let doubled = spaces & (spaces << 8);
    let leading = spaces & 0x80 != 0 && !after_alnum;
    if letters | digits | spaces != HIGH || doubled != 0 || leading {
        return None;
    }
    // a letter lower-cased; a digit and a space have the 0x20 bit already
    Some((lower.to_le_bytes(), spaces >> 56 == 0))
}

/// The general path of [`fold_into`], for any text (`out` is cleared).
fn fold_chars(s: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    let mut push = |ch: char, out: &mut String| {
        // the ASCII characters of the text (most of them) as the ASCII path
        // folds them, by the table: no Unicode look-up, no case iterator
        if ch.is_ascii() {
            let f = ASCII_FOLD[usize::from(ch as u8)];
            if f == b' ' {
                pending_space = true;
            } else {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(char::from(f));
            }
            return;
        }
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for lc in ch.to_lowercase() {
                out.push(lc);
            }
        } else {
            pending_space = true;
        }
    };
    // the lines are NFC already; most are NFKC too, and need no pass
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        for ch in s.chars() {
            push(ch, out);
        }
    } else {
        for ch in s.nfkc() {
            push(ch, out);
        }
    }
}

/// [`fold_into`] of at most the first `max` bytes of `s` (cut at a char
/// boundary): enough to classify a line by its opening words.
pub(crate) fn fold_prefix_into(s: &str, max: usize, out: &mut String) {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    fold_into(&s[..end], out);
}

/// Matches `alias` (folded) against the start of `text` (not folded),
/// ignoring case and punctuation, and requiring the alias to end at a word
/// boundary. Returns the byte offset in `text` just after the last matched
/// character.
pub(crate) fn match_folded_prefix(text: &str, alias: &str) -> Option<usize> {
    folded_prefix_end(text, alias, true)
}

/// Where a folded alias matched at the start of a text ends
/// ([`match_prefix_end`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PrefixEnd {
    /// At a word boundary, as [`match_folded_prefix`] finds it.
    Word(usize),
    /// Run into the next word with no separator: the alias's last letter
    /// is lower case and the next character a capital ("TitleJunior"), or
    /// it is a letter and the next a digit ("Year2023"); the offset is that
    /// next character's.
    Glued(usize),
}

/// Where `alias` (folded) matched at the start of `text` ends: at a word
/// boundary ([`match_folded_prefix`]) or glued to the next word. One pass
/// finds either; they never both hold, since a glued end continues a word.
pub(crate) fn match_prefix_end(text: &str, alias: &str) -> Option<PrefixEnd> {
    let end = folded_prefix_end(text, alias, false)?;
    match text[end..].chars().next() {
        Some(c) if c.is_alphanumeric() => {
            let last = text[..end].chars().next_back()?;
            glued_boundary(last, c).then_some(PrefixEnd::Glued(end))
        }
        _ => Some(PrefixEnd::Word(end)),
    }
}

/// Whether `next` starts a new word glued to a word ending in `last`: a
/// capital after a lower-case letter, a digit after a letter.
pub(crate) fn glued_boundary(last: char, next: char) -> bool {
    (last.is_lowercase() && next.is_uppercase()) || (last.is_alphabetic() && next.is_ascii_digit())
}

/// The end of `alias` matched at the start of `text`: with `word_end`, only
/// at a word boundary; without, whatever follows it.
fn folded_prefix_end(text: &str, alias: &str, word_end: bool) -> Option<usize> {
    let mut want = alias.chars().peekable();
    let mut need_space = false;
    let mut started = false;
    for (i, ch) in text.char_indices() {
        let Some(&next) = want.peek() else {
            // an empty alias: the next text char must not continue a word
            return (!word_end || !ch.is_alphanumeric()).then_some(i);
        };
        if ch.is_alphanumeric() {
            if need_space {
                if next != ' ' {
                    return None;
                }
                want.next();
                need_space = false;
            }
            let &w = want.peek()?;
            let l = if ch.is_ascii() {
                // the common case, without the Unicode case tables
                ch.to_ascii_lowercase()
            } else {
                let mut lower = ch.to_lowercase();
                let l = lower.next().unwrap_or(ch);
                if lower.next().is_some() {
                    return None;
                }
                l
            };
            if l != w {
                return None;
            }
            want.next();
            started = true;
        } else if started {
            need_space = true;
        }
        if want.peek().is_none() {
            let end = i + ch.len_utf8();
            let continues = text[end..].chars().next().is_some_and(char::is_alphanumeric);
            return (!word_end || !continues).then_some(end);
        }
    }
    None
}

/// Levenshtein distance between `a` and `b`, or `None` when it exceeds
/// `bound`. Works on chars; O(len * bound).
pub(crate) fn bounded_distance(a: &str, b: &str, bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound * 4 {
        // even in 4-byte characters the lengths differ by more than `bound`
        return None;
    }
    if a.is_ascii() && b.is_ascii() {
        // one byte a char: lengths further apart than `bound` are too
        return if a.len().abs_diff(b.len()) > bound {
            None
        } else {
            bounded_distance_of(a.as_bytes(), b.as_bytes(), bound)
        };
    }
    // counted before anything is allocated: most pairs differ in length
    let (na, nb) = (a.chars().count(), b.chars().count());
    if na.abs_diff(nb) > bound {
        return None;
    }
    // the chars of short texts (every heading) on the stack
    const STACK: usize = 64;
    let (mut ca, mut cb) = (['\0'; STACK], ['\0'; STACK]);
    if na <= STACK && nb <= STACK {
        for (slot, c) in ca.iter_mut().zip(a.chars()) {
            *slot = c;
        }
        for (slot, c) in cb.iter_mut().zip(b.chars()) {
            *slot = c;
        }
        return bounded_distance_of(&ca[..na], &cb[..nb], bound);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance_of(&a, &b, bound)
}

fn bounded_distance_of<T: PartialEq>(a: &[T], b: &[T], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    // two rows of the table; short texts (every heading) on the stack
    const STACK: usize = 64;
    let n = b.len();
    if n < STACK {
        let mut rows = [[0usize; STACK]; 2];
        let [prev, cur] = &mut rows;
        banded_distance(a, b, bound, &mut prev[..=n], &mut cur[..=n])
    } else {
        banded_distance(a, b, bound, &mut vec![0; n + 1], &mut vec![0; n + 1])
    }
}

/// The Levenshtein table of [`bounded_distance_of`] computed only in the
/// band of cells within `bound` of its diagonal: a cell outside it holds a
/// distance above `bound` (at least the difference of the prefixes'
/// lengths), which is all the answer needs to know of it. `prev` and `cur`
/// hold `b.len() + 1` cells each.
fn banded_distance<T: PartialEq>(
    a: &[T],
    b: &[T],
    bound: usize,
    prev: &mut [usize],
    cur: &mut [usize],
) -> Option<usize> {
    let n = b.len();
    // any distance above the bound, as one value
    let over = bound + 1;
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j.min(over);
    }
    let (mut prev, mut cur) = (prev, cur);
    for (i, ca) in a.iter().enumerate() {
        let row = i + 1;
        // the band's columns in this row, at least 1 (column 0 is set apart)
        let lo = row.saturating_sub(bound).max(1);
        let hi = (row + bound).min(n);
        cur[0] = row.min(over);
        // the cell left of the band was written two rows ago
        cur[lo - 1] = if lo == 1 { cur[0] } else { over };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(*ca != b[j - 1]);
            let d = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1).min(over);
            cur[j] = d;
            row_min = row_min.min(d);
        }
        // the cell right of the band, read by the next row
        if hi < n {
            cur[hi + 1] = over;
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[n];
    (d <= bound).then_some(d)
}

/// Share of letters that are upper case, or `None` when there are fewer than
/// `min_letters` letters.
pub(crate) fn upper_ratio(s: &str, min_letters: usize) -> Option<f32> {
    let (mut letters, mut upper) = (0usize, 0usize);
    if s.is_ascii() {
        // the same counts over bytes, with no Unicode look-up; range tests
        // on the byte (`| 0x20` lower-cases a letter) compile to no branch
        for b in s.bytes() {
            letters += usize::from((b | 0x20).is_ascii_lowercase());
            upper += usize::from(b.is_ascii_uppercase());
        }
        return (letters >= min_letters).then(|| upper as f32 / letters as f32);
    }
    for ch in s.chars() {
        if ch.is_alphabetic() {
            letters += 1;
            if ch.is_uppercase() {
                upper += 1;
            }
        }
    }
    (letters >= min_letters).then(|| upper as f32 / letters as f32)
}

/// Whether the text ends a sentence or a clause: `.`, `!`, `?`, `:` or `;`,
/// possibly followed by closing quotes or brackets.
pub(crate) fn ends_clause(s: &str) -> bool {
    let t = s.trim_end_matches([')', ']', '"', '\'', '”', '’', '*']);
    matches!(t.chars().last(), Some('.' | '!' | '?' | ':' | ';'))
}

/// Whether the first letter-or-digit of `s` is a lower-case letter.
pub(crate) fn starts_lowercase(s: &str) -> bool {
    s.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_lowercase())
}

/// Whether `t` is already collapsed: no white space but single spaces
/// (no control white space, no double space, no Unicode space).
fn is_collapsed(t: &str) -> bool {
    let b = t.as_bytes();
    // folds with no early exit: they vectorize, where a per-byte branch on
    // the data (and a state carried from byte to byte) does not
    let (control, non_ascii) =
        b.iter().fold((false, false), |(ws, na), &c| (ws | (b'\t'..=b'\r').contains(&c), na | !c.is_ascii()));
    let double_space = b.iter().zip(b.iter().skip(1)).fold(false, |bad, (&x, &y)| bad | ((x == b' ') & (y == b' ')));
    // a line with letters beyond ASCII is collapsed too when none of its
    // characters is a Unicode space (NBSP, em space, ...): no copy for it
    let unicode_space = non_ascii && t.chars().any(|c| !c.is_ascii() && c.is_whitespace());
    !(control || double_space || unicode_space)
}

/// `s.trim()`, with no char decoded when both ends are printable ASCII
/// (nearly every line): `str::trim` decodes a char at each end and looks
/// it up, which the per-line stages paid several times per line.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// `s.trim_start()`, with no char decoded when `s` starts with printable
/// ASCII ([`trim`]).
#[inline]
pub(crate) fn trim_start(s: &str) -> &str {
    if s.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        s
    } else {
        s.trim_start()
    }
}

/// [`collapse_spaces`] that reuses `s` when it needs no change.
pub(crate) fn collapse_spaces_owned(s: String) -> String {
    if s.len() == trim(&s).len() && is_collapsed(&s) {
        s
    } else {
        collapse_spaces(&s)
    }
}

/// Collapses runs of whitespace into one space and trims.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let t = trim(s);
    if is_collapsed(t) {
        return t.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn fast_trims_are_the_trims_of_std() {
        for s in
            ["", " ", "a", " a", "a ", "\u{a0}a\u{a0}", "é", " é ", "ab", "a\t", "\u{2003}x", "x\u{85}", "\x7f", "a b"]
        {
            assert_eq!(trim(s), s.trim(), "{s:?}");
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
        }
    }

    #[test]
    fn collapsing_is_joining_the_words_of_std() {
        for s in [
            "",
            "a b",
            "a  b",
            " a b ",
            "a\tb",
            "déjà vu",
            "déjà  vu",
            "déjà\u{a0}vu",
            "em\u{2003}space",
            "x\u{85}y",
            "\u{3000}ideographic",
            "naïve café – “quoted” • bullet",
            "\u{a0}",
        ] {
            let want = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_spaces(s), want, "{s:?}");
            assert_eq!(collapse_spaces_owned(s.to_string()), want, "{s:?}");
        }
    }

    /// The whole Levenshtein table, as [`bounded_distance_of`] must agree.
    fn full_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn banded_distance_is_the_full_table_within_the_bound() {
        use proptest::prelude::*;
        let cfg = proptest::test_runner::Config { cases: 3000, ..Default::default() };
        proptest::proptest!(cfg, |(a in "[abc ]{0,30}", b in "[abc ]{0,30}", bound in 0usize..5)| {
            let full = full_distance(a.as_bytes(), b.as_bytes());
            let want = (full <= bound).then_some(full);
            prop_assert_eq!(bounded_distance(&a, &b, bound), want);
        });
        // chars, not bytes, on the path for text that is not ASCII
        proptest::proptest!(cfg, |(a in "[aé ]{0,30}", b in "[aé ]{0,30}", bound in 0usize..5)| {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = full_distance(&ca, &cb);
            prop_assert_eq!(bounded_distance(&a, &b, bound), (full <= bound).then_some(full));
        });
        // longer than the stack rows, and one row shorter than the other
        let long_a = "duties and responsibilities ".repeat(4);
        let long_b = long_a.replacen("duties", "dutties", 1);
        assert_eq!(bounded_distance(&long_a, &long_b, 3), Some(1));
        assert_eq!(bounded_distance("responsabilities", "responsibilities", 2), Some(1));
        assert_eq!(bounded_distance("qualifications", "qualificatons", 0), None);
    }
    use super::*;

    #[test]
    fn fold_table() {
        let cases = [
            ("**Department/ Field Office:**", "department field office"),
            ("  DUTIES AND RESPONSABILITIES  ", "duties and responsabilities"),
            ("Title:", "title"),
            ("ﬁeld", "field"),
            ("", ""),
            ("---", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "{input:?}");
        }
    }

    #[test]
    fn ascii_fold_is_the_general_fold() {
        let cases = [
            "",
            " ",
            "a",
            "A-",
            "-a",
            "--a--b--",
            "Title: Junior  Officer",
            "x1 2y",
            "**Dept./ Field Office:**",
            "end.",
            "   lead",
            "trail   ",
            "a\tb\nc",
            "1990-2100",
            "e-mail: a.b@ilo.org",
        ];
        // both sides of the array path's limit ([`SHORT`] bytes), with
        // runs of separators that the fold drops
        let long: Vec<String> = [SHORT - 1, SHORT, SHORT + 1, 3 * SHORT]
            .iter()
            .flat_map(|&n| ["Ab-".repeat(n).chars().take(n).collect(), ".-- x".repeat(n).chars().take(n).collect()])
            .collect();
        let (mut fast, mut general) = (String::new(), String::new());
        for c in cases.iter().copied().chain(long.iter().map(String::as_str)) {
            fold_into(c, &mut fast);
            fold_chars(c, &mut general);
            assert_eq!(fast, general, "{c:?}");
        }
    }

    #[test]
    fn eight_bytes_at_once_fold_as_one_at_a_time() {
        // every kind of byte at every place of a chunk, and chunks that
        // the fast path takes and leaves: the general fold must agree
        let alphabet = ["a", "Z", "0", "9", " ", "  ", "-", "@", "`", "{", "[", "/", ":", "\x7f", "\t"];
        let mut cases: Vec<String> = Vec::new();
        for a in alphabet {
            for b in alphabet {
                for lead in ["", " ", "x", "xx ", "Hello W"] {
                    cases.push(format!("{lead}{a}bcdefg{b}HIJKLMN{a}{b} opq rs"));
                }
            }
        }
        cases.push("Under the direct supervision of the Director, the JPO will".to_string());
        cases.push(" Leading space then words of text here".to_string());
        let (mut fast, mut general) = (String::new(), String::new());
        for c in &cases {
            fold_into(c, &mut fast);
            fold_chars(c, &mut general);
            assert_eq!(fast, general, "{c:?}");
        }
    }

    #[test]
    fn folded_prefix_table() {
        let cases: &[(&str, &str, Option<usize>)] = &[
            ("Title: Junior", "title", Some(5)),
            ("Department/ Field Office: X", "department field office", Some(24)),
            ("Titles: x", "title", None),
            ("Duty station: Geneva", "duty station", Some(12)),
            ("Duty  station", "duty station", Some(13)),
            ("Grade", "grade", Some(5)),
            ("Gra", "grade", None),
            ("DURÉE du contrat", "durée", Some(6)),
        ];
        for (text, alias, want) in cases {
            assert_eq!(match_folded_prefix(text, alias), *want, "{text:?} / {alias:?}");
        }
    }

    #[test]
    fn glued_prefix_table() {
        let cases: &[(&str, &str, Option<usize>)] = &[
            // a capital after the label's last lower-case letter
            ("GradeP3 level", "grade", Some(5)),
            ("Duty stationLima, Peru", "duty station", Some(12)),
            // a digit after its last letter
            ("Year2031", "year", Some(4)),
            // a word boundary is not a glued label: that is the plain match
            ("Grade: P3", "grade", None),
            ("Grade", "grade", None),
            // a lower-case letter continues the word
            ("Gradебук", "grade", None),
            ("Graded work", "grade", None),
            // capitals throughout show no boundary
            ("GRADEP3", "grade", None),
            ("", "grade", None),
            ("Year", "", None),
        ];
        for (text, alias, want) in cases {
            let glued = match match_prefix_end(text, alias) {
                Some(PrefixEnd::Glued(end)) => Some(end),
                _ => None,
            };
            assert_eq!(glued, *want, "{text:?} / {alias:?}");
        }
    }

    #[test]
    fn distance_table() {
        assert_eq!(bounded_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(bounded_distance("kitten", "sitting", 2), None);
        assert_eq!(bounded_distance("abc", "abc", 0), Some(0));
        assert_eq!(bounded_distance("qualificatlons", "qualifications", 1), Some(1));
    }

    #[test]
    fn ascii_upper_ratio_is_the_general_one() {
        for s in ["", "ABC", "Duties And Responsibilities", "DUTIES AND RESPONSIBILITIES:", "a1 B2 c3", "x"] {
            // the same text with one non-ASCII character that is not a letter
            let general = format!("{s}\u{2013}");
            for min in [0, 1, 3, 10] {
                let bits = |t: &str| upper_ratio(t, min).map(f32::to_bits);
                assert_eq!(bits(s), bits(&general), "{s:?} {min}");
            }
        }
    }

    #[test]
    fn clause_ends() {
        assert!(ends_clause("the end."));
        assert!(ends_clause("as follows:"));
        assert!(ends_clause("(see above.)"));
        assert!(!ends_clause("decent work for"));
    }
}
