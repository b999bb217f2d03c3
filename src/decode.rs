//! Decode: input bytes to text.
//!
//! UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such.
//! Bytes that are not valid UTF-8 are read as Windows-1252 when the input
//! looks like a single-byte legacy encoding, otherwise replaced with U+FFFD.
//! Either way the record's affected fields get the `repaired` flag, never an
//! error.

use std::borrow::Cow;

/// Share of invalid UTF-8 sequences, among non-ASCII bytes, above which the
/// input is taken for a single-byte legacy encoding (Windows-1252) rather
/// than damaged UTF-8. Real UTF-8 with a few broken bytes stays far below.
const LEGACY_INVALID_SHARE: f32 = 0.5;

/// The decoded text and what decoding had to do.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// Bytes were replaced or re-read as Windows-1252.
    pub lossy: bool,
}

/// Decodes input bytes; never fails.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return from_utf8(rest);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        return Decoded { text: Cow::Owned(text.into_owned()), lossy: had_errors };
    }
    from_utf8(bytes)
}

fn from_utf8(bytes: &[u8]) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded { text: Cow::Borrowed(s), lossy: false },
        Err(_) => {
            if looks_legacy(bytes) {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Decoded { text: Cow::Owned(text.into_owned()), lossy: true }
            } else {
                Decoded { text: Cow::Owned(String::from_utf8_lossy(bytes).into_owned()), lossy: true }
            }
        }
    }
}

/// Whether invalid UTF-8 is so common among the non-ASCII bytes that the
/// input is a single-byte encoding.
fn looks_legacy(bytes: &[u8]) -> bool {
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    if non_ascii == 0 {
        return false;
    }
    let mut invalid = 0usize;
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                invalid += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[skip.min(rest.len())..];
            }
        }
    }
    invalid as f32 >= non_ascii as f32 * LEGACY_INVALID_SHARE
}

/// Repairs UTF-8 that was decoded as Windows-1252 somewhere upstream
/// (`Ã©` for `é`, `â€™` for `’`): re-encodes the line as Windows-1252 and
/// decodes it as UTF-8, keeping the result only when that is valid and
/// shorter. Returns `None` when nothing was repaired.
pub(crate) fn repair_mojibake(line: &str) -> Option<String> {
    // each of these letters is written 0xC3 then one byte: a line with no
    // 0xC3 byte (most lines that are not ASCII) is passed over by one
    // memchr, not decoded a character at a time
    if memchr::memchr(0xC3, line.as_bytes()).is_none() || !line.contains(['Ã', 'Â', 'â', 'Å', 'Ä']) {
        return None;
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(line);
    if unmappable {
        return repair_mojibake_runs(line);
    }
    match String::from_utf8(bytes.into_owned()) {
        // a repair that yields control characters was not mojibake
        Ok(fixed) if fixed.chars().count() < line.chars().count() && !fixed.chars().any(is_stray_control) => {
            Some(fixed)
        }
        _ => repair_mojibake_runs(line),
    }
}

/// A control character that is not white space (tab, form feed, CR):
/// repaired text that holds one was not mojibake.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !c.is_ascii_whitespace()
}

/// Fallback for lines mixing real non-Latin-1 text with mojibake: repairs
/// each maximal run of Windows-1252-encodable non-ASCII characters alone.
fn repair_mojibake_runs(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut run = String::new();
    let mut changed = false;
    let flush = |run: &mut String, out: &mut String, changed: &mut bool| {
        if run.is_empty() {
            return;
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(run);
        match (unmappable, std::str::from_utf8(&bytes)) {
            (false, Ok(fixed))
                if fixed.chars().count() < run.chars().count() && !fixed.chars().any(is_stray_control) =>
            {
                out.push_str(fixed);
                *changed = true;
            }
            _ => out.push_str(run),
        }
        run.clear();
    };
    for ch in line.chars() {
        let encodable = !ch.is_ascii() && {
            let mut buf = [0u8; 4];
            let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(ch.encode_utf8(&mut buf));
            !unmappable
        };
        if encodable {
            run.push(ch);
        } else {
            flush(&mut run, &mut out, &mut changed);
            out.push(ch);
        }
    }
    flush(&mut run, &mut out, &mut changed);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(b"caf\xC3\xA9").text, "café");
        assert_eq!(decode(b"\xEF\xBB\xBFcaf\xC3\xA9").text, "café");
        assert!(!decode(b"plain").lossy);
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Grade: P2".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&le).text, "Grade: P2");
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Grade: P2".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode(&be).text, "Grade: P2");
    }

    #[test]
    fn windows_1252() {
        let d = decode(b"Organisation \x93internationale\x94 caf\xE9");
        assert_eq!(d.text, "Organisation “internationale” café");
        assert!(d.lossy);
    }

    #[test]
    fn broken_utf8_is_replaced() {
        let d = decode(b"ok \xC3\xA9 \xC3\xA9 \xC3\xA9 bad \xFF");
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.text.contains('é'));
        assert!(d.lossy);
    }

    #[test]
    fn mojibake_table() {
        let cases = [
            ("cafÃ©", Some("café")),
            ("ILOâ€™s mandate", Some("ILO’s mandate")),
            ("â€œSouth4Careâ€\u{9d}", Some("“South4Care”")),
            ("plain", None),
            ("Ã alone", None),
            ("Â•!", None),
        ];
        for (input, want) in cases {
            assert_eq!(repair_mojibake(input).as_deref(), want, "{input:?}");
        }
    }
}
