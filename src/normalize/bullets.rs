//! List markers: `-`, `•`, `▪`, `o`, U+F0B7 (already mapped to `•`),
//! `1.`, `(1)`, `a)`, and markdown's `- 1.` double markers.

/// The symbol characters that mark a bullet when followed by a space.
pub(crate) const SYMBOL_BULLETS: &[char] = &[
    '-', '–', '—', '•', '▪', '■', '●', '◦', '○', '·', '*', '+', '➢', '►', '▶', '✓', '✔', '❖', '◆', '□', '→', '⁃', '°',
];

/// Whether `c` is a list marker glyph that is never text next to a
/// separator: a non-ASCII [`SYMBOL_BULLETS`] entry (`•`, `▪`, `➢`, ...; the
/// ASCII ones, `-`, `*`, `+`, can be text or markup).
pub(crate) fn is_glyph(c: char) -> bool {
    !c.is_ascii() && SYMBOL_BULLETS.contains(&c)
}

/// The most digits a list number has (`12.`); longer numbers are years or
/// amounts, not markers.
const MAX_NUMBER_DIGITS: usize = 2;

/// How a line was marked as a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bullet {
    /// A symbol: `-`, `•`, `o` ...
    Symbol,
    /// A number or letter: `1.`, `(1)`, `a)`.
    Number,
}

/// A page number between dashes ("- 2 -", "– 12 –"): not a list item.
fn is_dashed_number(line: &str) -> bool {
    let dash = |c: char| c == '-' || c == '–';
    let Some(inner) = crate::text::trim(line).strip_prefix(dash).and_then(|s| s.strip_suffix(dash)) else {
        return false;
    };
    let n = inner.trim();
    (1..=4).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit())
}

/// Splits a leading list marker off a (character-cleaned) line. Returns the
/// marker kind and the rest. A line that is only a marker returns
/// `(Some(_), "")`.
pub(crate) fn split(line: &str) -> (Option<Bullet>, &str) {
    if is_dashed_number(line) {
        return (None, crate::text::trim_start(line));
    }
    let mut rest = crate::text::trim_start(line);
    let mut found = None;
    // every leading marker: "- 1. text", "• (a) text" (all of them, so that
    // normalizing is idempotent)
    loop {
        if let Some(r) = symbol(rest) {
            found = Some(found.unwrap_or(Bullet::Symbol));
            rest = r;
        } else if let Some(r) = number(rest) {
            found = Some(match found {
                Some(Bullet::Symbol) | None => Bullet::Number,
                Some(b) => b,
            });
            rest = r;
        } else {
            break;
        }
    }
    (found, rest)
}

fn symbol(s: &str) -> Option<&str> {
    // a doubled hyphen or an ASCII arrow typed for a dash or arrow bullet
    // ("-- item", "-> item"): never text before a space
    if let Some(r) = s.strip_prefix("--").or_else(|| s.strip_prefix("->")) {
        if r.starts_with([' ', '\t']) && !r.trim_start().starts_with('-') {
            return Some(r.trim_start());
        }
    }
    let mut chars = s.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    if SYMBOL_BULLETS.contains(&first) {
        // "**bold**" and "*italic*" are emphasis, not bullets
        if first == '*' && !rest.starts_with(' ') {
            return None;
        }
        if rest.is_empty() {
            return Some(rest);
        }
        if rest.starts_with([' ', '\t']) {
            return Some(rest.trim_start());
        }
        return None;
    }
    // a bullet glyph read by OCR as a lower-case "e" or a guillemet: "e
    // Support the ...", "« Support the ..." (English has no word "e"; a
    // quotation would close its guillemet)
    if first == 'e' || first == '«' {
        let r = rest.strip_prefix([' ', '\t'])?.trim_start();
        let capital = r.chars().next().is_some_and(char::is_uppercase);
        if capital && !r.contains('»') {
            return Some(r);
        }
        return None;
    }
    // the Wingdings bullet of a word processor's plain-text export, read as
    // "§" ("§\tConduct research ..."); before a number it is a section sign
    // ("§ 3 of the Act")
    if first == '§' {
        let tab = rest.starts_with('\t');
        let r = rest.trim_start_matches([' ', '\t']);
        let space_capital = rest.starts_with(' ') && r.starts_with(char::is_uppercase);
        return (tab && !r.starts_with(|c: char| c.is_ascii_digit()) || space_capital).then_some(r);
    }
    // a lower-case "o" used as a bullet glyph: "o Become familiar",
    // "o (1) Compile", "o general outline" (English has no word "o")
    if first == 'o' {
        let r = rest.strip_prefix([' ', '\t'])?.trim_start();
        if r.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '(') {
            return Some(r);
        }
    }
    None
}

/// A short lower-case roman numeral: "i", "iv", "viii".
fn roman_numeral(word: &str) -> bool {
    !word.is_empty() && word.len() <= 4 && word.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

fn number(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let (open, start) = if b.first() == Some(&b'(') { (true, 1) } else { (false, 0) };
    let digits = b[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    let end = if digits > 0 {
        if digits > MAX_NUMBER_DIGITS {
            return None;
        }
        start + digits
    } else {
        // one letter (a-z) or a short roman numeral (i, ii, iii, iv, ...)
        let letters = b[start..].iter().take_while(|c| c.is_ascii_lowercase()).count();
        let word = &s[start..start + letters];
        let roman = roman_numeral(word);
        if letters == 0 && open {
            // in brackets, in capitals too: "(A) CONTRIBUTE", "(IV) DRAFT"
            // (a text typed in capitals numbers its items so; a bracket
            // opening a line of prose holds a word or an acronym of more
            // letters, which is not a numeral)
            let upper = b[start..].iter().take_while(|c| c.is_ascii_uppercase()).count();
            let word = &s[start..start + upper];
            if upper == 1 || roman_numeral(&word.to_ascii_lowercase()) {
                start + upper
            } else {
                return None;
            }
        } else {
            if !(letters == 1 || roman) {
                return None;
            }
            start + letters
        }
    };
    let close = *b.get(end)?;
    let ok = if open {
        close == b')'
    } else if digits > 0 {
        close == b'.' || close == b')'
    } else {
        // "a)" but not "a." (a wrapped sentence may go on "a. ..."); a
        // roman numeral takes a dot too ("ii. text"): no line of prose
        // starts with one
        close == b')' || (close == b'.' && roman_numeral(&s[start..end]))
    };
    if !ok {
        return None;
    }
    let rest = &s[end + 1..];
    if rest.is_empty() {
        return Some(rest);
    }
    // a number marker must be followed by a space: "5.2 of" is not a list
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        use Bullet::*;
        let cases: &[(&str, Option<Bullet>, &str)] = &[
            ("- Support the team", Some(Symbol), "Support the team"),
            ("      - 2 -", None, "- 2 -"),
            ("ii.\tA training package", Some(Number), "A training package"),
            ("iv. Draft", Some(Number), "Draft"),
            ("i.e. the team", None, "i.e. the team"),
            ("a. the team", None, "a. the team"),
            ("– 12 –", None, "– 12 –"),
            ("- 2 - items", Some(Symbol), "2 - items"),
            ("  - *Assist*", Some(Symbol), "*Assist*"),
            ("• Item", Some(Symbol), "Item"),
            ("▪ Item", Some(Symbol), "Item"),
            ("o Become familiar", Some(Symbol), "Become familiar"),
            ("-- Support the team", Some(Symbol), "Support the team"),
            ("e Support the team", Some(Symbol), "Support the team"),
            ("« Support the team", Some(Symbol), "Support the team"),
            ("° Become familiar", Some(Symbol), "Become familiar"),
            ("« Green works » are", None, "« Green works » are"),
            ("e the team", None, "e the team"),
            ("e.g. the team", None, "e.g. the team"),
            ("-> Support the team", Some(Symbol), "Support the team"),
            ("-- -- x", None, "-- -- x"),
            ("--x", None, "--x"),
            ("1. Good communication", Some(Number), "Good communication"),
            ("(1) Compile", Some(Number), "Compile"),
            ("- (1) Compile", Some(Number), "Compile"),
            ("- 1. Sensitivity", Some(Number), "Sensitivity"),
            ("a) first", Some(Number), "first"),
            ("(iv) fourth", Some(Number), "fourth"),
            // capitals in brackets: an item of a text typed in capitals
            ("(A) CONTRIBUTE TO RESEARCH", Some(Number), "CONTRIBUTE TO RESEARCH"),
            ("(IV) DRAFT", Some(Number), "DRAFT"),
            ("(ILO) and partners", None, "(ILO) and partners"),
            ("(UN) agencies", None, "(UN) agencies"),
            ("(A)B", None, "(A)B"),
            ("A) first", None, "A) first"),
            ("* item", Some(Symbol), "item"),
            ("-", Some(Symbol), ""),
            ("**Title:** x", None, "**Title:** x"),
            ("*italic*", None, "*italic*"),
            ("2024", None, "2024"),
            ("5.2 of the ILO", None, "5.2 of the ILO"),
            ("-30% growth", None, "-30% growth"),
            ("or else", None, "or else"),
            ("o (1) Compile", Some(Number), "Compile"),
            ("o general outline", Some(Symbol), "general outline"),
            ("o  (4) Contribute", Some(Number), "Contribute"),
            ("a. sentence", None, "a. sentence"),
            ("2024. A year", None, "2024. A year"),
            ("§\tConduct research", Some(Symbol), "Conduct research"),
            ("§\thttps://www.ilo.org", Some(Symbol), "https://www.ilo.org"),
            ("§ Support the team", Some(Symbol), "Support the team"),
            ("§ 3 of the Act", None, "§ 3 of the Act"),
            ("§\t3 of the Act", None, "§\t3 of the Act"),
            ("§ of the Act", None, "§ of the Act"),
        ];
        for (input, kind, rest) in cases {
            assert_eq!(split(input), (*kind, *rest), "{input:?}");
        }
        assert!(is_glyph('•') && is_glyph('➢') && is_glyph('–'));
        assert!(!is_glyph('-') && !is_glyph('*') && !is_glyph('+') && !is_glyph('o'));
    }
}
