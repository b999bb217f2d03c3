//! Character-level repairs: spaces, invisible characters, ligatures, private
//! use bullets, mojibake, NFC.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The form feed that PDF extraction puts between pages.
pub(crate) const FORM_FEED: char = '\u{000C}';

/// Ligature code points and what they stand for.
pub(crate) const LIGATURES: &[(char, &str)] = &[
    ('\u{FB00}', "ff"),
    ('\u{FB01}', "fi"),
    ('\u{FB02}', "fl"),
    ('\u{FB03}', "ffi"),
    ('\u{FB04}', "ffl"),
    ('\u{FB05}', "st"),
    ('\u{FB06}', "st"),
];

/// Private-use code points that Symbol and Wingdings fonts use for bullets
/// (Word's default bullet is U+F0B7); they become `•`.
pub(crate) const PRIVATE_BULLETS: &[char] = &['\u{F0B7}', '\u{F0A7}', '\u{F076}', '\u{F0D8}', '\u{F0FC}', '\u{F0A8}'];

/// What [`clean`] did to a line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharRepairs {
    /// A ligature, invisible character or mojibake was fixed.
    pub repaired: bool,
    /// The line held a form feed (a page boundary).
    pub page_break: bool,
}

/// The backspace of a terminal's overstrike.
const BACKSPACE: char = '\u{8}';

fn is_space_like(ch: char) -> bool {
    // vertical tab (Word's manual line break), CR inside a line, NEL and the
    // Unicode line and paragraph separators separate words too
    matches!(
        ch,
        '\t' | '\u{000B}' | '\r' | '\u{0085}' | '\u{00A0}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}'
    )
}

fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

/// The vertical lines of box-drawing tables (`│ Title: │ ... │`).
const BOX_VERTICALS: &[char] = &['│', '┃', '║', '╎', '┆', '┊'];

/// Whether a line needs no character repair: printable ASCII (and spaces)
/// only. One pass over the bytes.
pub(crate) fn is_clean(line: &str) -> bool {
    // a fold with no early exit vectorizes; `all` branches on every byte
    !line.bytes().fold(false, |unclean, b| unclean | !(0x20..0x7F).contains(&b))
}

/// Cleans the characters of one line into `out` (cleared first): spaces and
/// tabs to ASCII space, invisible characters and control characters
/// removed, ligatures expanded, private-use bullets to `•`, mojibake
/// repaired, NFC.
pub(crate) fn clean(line: &str, out: &mut String) -> CharRepairs {
    let mut rep = CharRepairs::default();
    out.clear();
    if is_clean(line) {
        out.push_str(line);
        return rep;
    }
    // mojibake first when its bytes decoded to characters the pass below
    // removes ("Ã" + soft hyphen is "í", "â€" + U+009D is "”") or turns
    // into a space ("Â" + NBSP is an NBSP: "24Â months"); other mojibake
    // waits, so that an NBSP stays a space ("Ã" + NBSP could be "à")
    let repaired;
    let removable = |c: char| c == '\u{AD}' || ('\u{80}'..='\u{9F}').contains(&c);
    // all of them are written 0xC2 then one byte: a line with no 0xC2 byte
    // is passed over by one memchr, not decoded a character at a time
    let may_early =
        memchr::memchr(0xC2, line.as_bytes()).is_some() && (line.contains(removable) || line.contains("Â\u{A0}"));
    let early = if may_early { crate::decode::repair_mojibake(line) } else { None };
    let line = match early {
        Some(fixed) => {
            rep.repaired = true;
            repaired = fixed;
            repaired.as_str()
        }
        None => line,
    };
    clean_chars(line, out, &mut rep);
    if let Some(fixed) = crate::decode::repair_mojibake(out) {
        // the repaired characters are cleaned as the line's were: mojibake
        // can stand for a private-use bullet ("ï‚·"), a zero-width space
        // ("â€‹") or a ligature
        out.clear();
        clean_chars(&fixed, out, &mut rep);
        rep.repaired = true;
    }
    nfc_in_place(out);
    rep
}

/// The character pass of [`clean`], appending to `out`.
fn clean_chars(line: &str, out: &mut String, rep: &mut CharRepairs) {
    let mut rest = line;
    loop {
        // printable ASCII passes as it is: a run at a time, not a push per char
        let run = rest.bytes().take_while(|b| (0x20..0x7F).contains(b)).count();
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(ch) = rest.chars().next() else { break };
        rest = &rest[ch.len_utf8()..];
        if ch == FORM_FEED {
            rep.page_break = true;
            out.push(' ');
        } else if is_space_like(ch) {
            out.push(' ');
        } else if is_invisible(ch) {
            rep.repaired = true;
        } else if let Some(c) = c1_as_windows_1252(ch) {
            // Windows-1252 text read as Latin-1: its quotes, dashes and
            // bullets (0x80-0x9F) became C1 controls
            out.push(c);
            rep.repaired = true;
        } else if ch == BACKSPACE {
            // a terminal's overstrike (`nroff`, `man` saved with `col -b`
            // left out): "T\bT" prints a bold "T", "_\bT" an underlined
            // one. The character struck last is the text, unless it is the
            // underline ("T\b_")
            if rest.starts_with('_') && !out.ends_with('_') {
                rest = &rest[1..];
            } else {
                out.pop();
            }
            rep.repaired = true;
        } else if ch.is_control() {
            // other C0/C1 controls carry no text
        } else if let Some((_, s)) = LIGATURES.iter().find(|(l, _)| *l == ch) {
            out.push_str(s);
            rep.repaired = true;
        } else if BOX_VERTICALS.contains(&ch) {
            // a table drawn with box characters: its cell borders are a
            // markdown table's pipes
            out.push('|');
        } else if PRIVATE_BULLETS.contains(&ch) {
            out.push('•');
        } else {
            out.push(ch);
        }
    }
}

/// The Windows-1252 character of a C1 control (U+0080-U+009F) that stands
/// for the byte of the same value, when Windows-1252 defines it (0x92 is
/// `’`, 0x96 `–`, 0x95 `•`); C1 controls are never text of their own.
fn c1_as_windows_1252(ch: char) -> Option<char> {
    let byte = u8::try_from(u32::from(ch)).ok().filter(|b| (0x80..=0x9F).contains(b))?;
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(std::slice::from_ref(&byte));
    // the five bytes Windows-1252 leaves undefined decode to themselves
    decoded.chars().next().filter(|&c| c != ch)
}

/// Puts `s` in NFC, if it is not already (ASCII always is). Returns
/// whether that changed it.
pub(crate) fn nfc_in_place(s: &mut String) -> bool {
    if !s.is_ascii() && !is_nfc_yes(s) {
        let nfc: String = s.nfc().collect();
        if nfc != *s {
            *s = nfc;
            return true;
        }
    }
    false
}

/// The third bytes of the characters led by `E2 80` that are starters the
/// quick check accepts: U+2010-U+2027 and U+2030-U+203F (dashes, quotes,
/// bullets, the ellipsis, primes), the punctuation of most lines that are
/// not ASCII.
fn is_safe_punctuation(third: Option<&u8>) -> bool {
    matches!(third, Some(0x90..=0xA7 | 0xB0..=0xBF))
}

/// Whether `s` is in NFC for sure (the quick check's `Yes`). Characters
/// below U+0300 and the common punctuation of [`is_safe_punctuation`] are
/// starters that the quick check accepts and that nothing before them
/// composes with; a line of only those needs no decoding, and is found
/// by a pass over the bytes that vectorizes. Anything else goes to the
/// quick check.
fn is_nfc_yes(s: &str) -> bool {
    let b = s.as_bytes();
    // a lead byte of U+0300 or above, other than E2 (U+2000-U+2FFF)
    let other = b.iter().fold(false, |found, &c| found | ((c >= 0xCC) & (c != 0xE2)));
    if !other && memchr::memchr_iter(0xE2, b).all(|i| b.get(i + 1) == Some(&0x80) && is_safe_punctuation(b.get(i + 2)))
    {
        return true;
    }
    is_nfc_quick(s.chars()) == IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, CharRepairs) {
        let mut out = String::new();
        let r = clean(s, &mut out);
        (out, r)
    }

    #[test]
    fn quick_check_by_runs_is_the_quick_check() {
        let cases = [
            "",
            "plain",
            "caf\u{e9} \u{2019}s",
            "cafe\u{301}",
            "e\u{301}\u{323}x",
            "e\u{323}\u{301}",
            "a\u{301}b\u{302}",
            "\u{301}lead",
            "x \u{1100}\u{1161} y",
            "\u{212b} \u{f900}",
        ];
        for c in cases {
            assert_eq!(is_nfc_yes(c), is_nfc_quick(c.chars()) == IsNormalized::Yes, "{c:?}");
        }
    }

    #[test]
    fn the_characters_taken_as_safe_are_starters_the_quick_check_accepts() {
        use unicode_normalization::char::canonical_combining_class;
        let safe = ('\u{80}'..'\u{300}').chain('\u{2010}'..='\u{2027}').chain('\u{2030}'..='\u{203F}');
        for ch in safe {
            assert_eq!(canonical_combining_class(ch), 0, "{ch:?}");
            assert_eq!(is_nfc_quick(std::iter::once(ch)), IsNormalized::Yes, "{ch:?}");
            let mut buf = [0u8; 4];
            let enc = ch.encode_utf8(&mut buf).as_bytes();
            // the byte test of `is_nfc_yes` takes exactly these as safe
            let by_bytes = enc[0] < 0xCC || (enc[0] == 0xE2 && enc[1] == 0x80 && is_safe_punctuation(enc.get(2)));
            assert!(by_bytes, "{ch:?}");
        }
        // and the characters just outside are not taken
        for ch in ['\u{300}', '\u{2000}', '\u{200F}', '\u{2028}', '\u{202F}', '\u{2040}'] {
            assert!(!is_nfc_yes(&format!("a{ch}")) || is_nfc_quick(std::iter::once(ch)) == IsNormalized::Yes);
        }
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, bool)] = &[
            ("a\u{00A0}b", "a b", false),
            ("a\tb", "a b", false),
            ("soft\u{00AD}hyphen", "softhyphen", true),
            ("zero\u{200B}width", "zerowidth", true),
            ("\u{FB01}eld of\u{FB02}ow", "field offlow", true),
            ("\u{F0B7} item", "• item", false),
            ("cafe\u{0301}", "café", false),
            ("bell\u{0007}", "bell", false),
            // a terminal's overstrike: bold, underlined, underline struck last
            ("T\u{8}Ti\u{8}it\u{8}tl\u{8}le\u{8}e:", "Title:", true),
            ("_\u{8}G_\u{8}r_\u{8}a_\u{8}d_\u{8}e", "Grade", true),
            ("P\u{8}_2\u{8}_", "P2", true),
            ("_\u{8}_", "_", true),
        ];
        for (input, want, repaired) in cases {
            let (out, rep) = run(input);
            assert_eq!(out, *want, "{input:?}");
            assert_eq!(rep.repaired, *repaired, "{input:?}");
        }
    }

    #[test]
    fn mojibake_is_repaired_before_invisible_characters_go() {
        let mut out = String::new();
        // "í" is C3 AD: as Windows-1252, "Ã" and a soft hyphen
        assert!(clean("Ram\u{C3}\u{AD}rez", &mut out).repaired);
        assert_eq!(out, "Ramírez");
        // "”" is E2 80 9D, and 9D is undefined in Windows-1252: a C1 control
        clean("\u{E2}\u{20AC}\u{9D}quoted\u{E2}\u{20AC}\u{9D}\tend", &mut out);
        assert_eq!(out, "”quoted” end");
        // an NBSP (C2 A0) read as Windows-1252: "Â" and an NBSP, a space
        assert!(clean("24\u{C2}\u{A0}months", &mut out).repaired);
        assert_eq!(out, "24 months");
    }

    #[test]
    fn repaired_mojibake_is_cleaned_as_the_line() {
        // found by fuzzing: a private-use bullet and a zero-width space read
        // back from their mojibake stayed in the line
        let mut out = String::new();
        assert!(clean("\u{EF}\u{201A}\u{B7} \u{C3}\u{FF}", &mut out).repaired);
        assert_eq!(out, "• \u{C3}\u{FF}");
        assert!(clean("a\u{E2}\u{20AC}\u{2039}b \u{C3}\u{A9}", &mut out).repaired);
        assert_eq!(out, "ab é");
    }

    #[test]
    fn c1_controls_are_windows_1252_read_as_latin_1() {
        let mut out = String::new();
        assert!(clean("the ILO\u{92}s \u{93}decent work\u{94} \u{96} agenda\u{80}", &mut out).repaired);
        assert_eq!(out, "the ILO’s “decent work” – agenda€");
        clean("\u{95} item", &mut out);
        assert_eq!(out, "• item");
        // the bytes Windows-1252 leaves undefined carry no text
        clean("a\u{81}b\u{9D}c", &mut out);
        assert_eq!(out, "abc");
    }

    #[test]
    fn form_feed_marks_a_page_break() {
        let (out, rep) = run("\u{000C}Page 2 of 3");
        assert!(rep.page_break);
        assert_eq!(out.trim(), "Page 2 of 3");
    }
}
