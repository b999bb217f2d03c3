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
    // removes ("Ã" + soft hyphen is "í", "â€" + U+009D is "”"); other
    // mojibake waits, so that an NBSP stays a space ("Ã" + NBSP could be "à")
    let repaired;
    let removable = |c: char| c == '\u{AD}' || ('\u{80}'..='\u{9F}').contains(&c);
    let early = if line.contains(removable) { crate::decode::repair_mojibake(line) } else { None };
    let line = match early {
        Some(fixed) => {
            rep.repaired = true;
            repaired = fixed;
            repaired.as_str()
        }
        None => line,
    };
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
    if let Some(fixed) = crate::decode::repair_mojibake(out) {
        *out = fixed;
        rep.repaired = true;
    }
    nfc_in_place(out);
    rep
}

/// Puts `s` in NFC, if it is not already (ASCII always is).
pub(crate) fn nfc_in_place(s: &mut String) {
    if !s.is_ascii() && is_nfc_quick(s.chars()) != IsNormalized::Yes {
        let nfc: String = s.nfc().collect();
        *s = nfc;
    }
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
    }

    #[test]
    fn form_feed_marks_a_page_break() {
        let (out, rep) = run("\u{000C}Page 2 of 3");
        assert!(rep.page_break);
        assert_eq!(out.trim(), "Page 2 of 3");
    }
}
