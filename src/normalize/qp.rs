//! Quoted-printable (RFC 2045) decoding, one input line at a time, so
//! that the decoded lines stay one-to-one with the input lines.
//!
//! A line ending in `=` (a soft line break) goes on at the next line with
//! no space; the caller marks it ([`QpLine::soft`]). `=XX` (either case of
//! hex) decodes to the byte `XX`; an `=` followed by anything else is
//! kept as it is. A UTF-8 sequence split over a soft break is carried to
//! the next line whole.

use encoding_rs::Encoding;

/// What decoding one line found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct QpLine {
    /// The line ended in a soft line break: the next line continues it.
    pub soft: bool,
    /// Bytes that are not valid in the charset were replaced.
    pub lossy: bool,
}

/// Decodes the lines of one quoted-printable body in order.
pub(crate) struct Decoder {
    charset: &'static Encoding,
    /// The bytes of a character not yet complete at a soft break.
    carry: Vec<u8>,
    bytes: Vec<u8>,
}

/// The value of an ASCII hex digit.
fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The length of an incomplete UTF-8 sequence at the end of `b` (0 when
/// `b` ends on a character boundary or in bytes that are invalid anyway).
fn incomplete_utf8_tail(b: &[u8]) -> usize {
    // a sequence is at most 4 bytes: its lead byte is among the last 3
    for back in 1..=3.min(b.len()) {
        let lead = b[b.len() - back];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let len = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        return if len > back { back } else { 0 };
    }
    0
}

impl Decoder {
    /// A decoder for a body in `charset`.
    pub(crate) fn new(charset: &'static Encoding) -> Self {
        Decoder { charset, carry: Vec::new(), bytes: Vec::new() }
    }

    /// Decodes one line (without its line ending) into `out` (cleared
    /// first). Line breaks decoded from `=0D` / `=0A` become spaces: the
    /// output stays one line.
    pub(crate) fn line(&mut self, raw: &str, out: &mut String) -> QpLine {
        out.clear();
        // white space at a line's end is transport padding (RFC 2045 6.7)
        let line = raw.trim_end_matches([' ', '\t']).as_bytes();
        let (line, soft) = match line.strip_suffix(b"=") {
            Some(l) => (l, true),
            None => (line, false),
        };
        self.bytes.clear();
        self.bytes.append(&mut self.carry);
        let mut i = 0;
        while i < line.len() {
            let b = line[i];
            if b == b'=' {
                if let (Some(h), Some(l)) =
                    (line.get(i + 1).copied().and_then(hex), line.get(i + 2).copied().and_then(hex))
                {
                    let d = h << 4 | l;
                    self.bytes.push(if d == b'\r' || d == b'\n' { b' ' } else { d });
                    i += 3;
                    continue;
                }
            }
            self.bytes.push(b);
            i += 1;
        }
        let utf8 = self.charset == encoding_rs::UTF_8;
        if soft && utf8 {
            let tail = incomplete_utf8_tail(&self.bytes);
            self.carry.extend_from_slice(&self.bytes[self.bytes.len() - tail..]);
            self.bytes.truncate(self.bytes.len() - tail);
        }
        let (text, lossy) = if utf8 {
            match std::str::from_utf8(&self.bytes) {
                Ok(s) => (std::borrow::Cow::Borrowed(s), false),
                Err(_) => (String::from_utf8_lossy(&self.bytes), true),
            }
        } else {
            let (t, errors) = self.charset.decode_without_bom_handling(&self.bytes);
            (t, errors)
        };
        out.push_str(&text);
        QpLine { soft, lossy }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `lines` as one UTF-8 body: the decoded lines and which
    /// ended in a soft break.
    fn decode(lines: &[&str]) -> Vec<(String, bool)> {
        let mut d = Decoder::new(encoding_rs::UTF_8);
        let mut out = String::new();
        lines
            .iter()
            .map(|l| {
                let r = d.line(l, &mut out);
                (out.clone(), r.soft)
            })
            .collect()
    }

    #[test]
    fn soft_breaks_keep_one_output_line_per_input_line() {
        let got = decode(&["Please complete the for=", "m and send it.", "", "Next"]);
        assert_eq!(
            got,
            [
                ("Please complete the for".to_string(), true),
                ("m and send it.".to_string(), false),
                (String::new(), false),
                ("Next".to_string(), false),
            ]
        );
    }

    #[test]
    fn utf8_split_over_a_soft_break_is_carried_whole() {
        let got = decode(&["Gen=C3=", "=A8ve and the world=E2=80=", "=99s"]);
        assert_eq!(got[0], ("Gen".to_string(), true));
        assert_eq!(got[1], ("ève and the world".to_string(), true));
        assert_eq!(got[2], ("’s".to_string(), false));
    }

    #[test]
    fn escapes_padding_and_invalid_sequences() {
        let cases = [
            // an encoded space before a soft break is kept, padding is not
            ("Programme=20=", "Programme ", true),
            ("trailing padding   ", "trailing padding", false),
            ("tab=09", "tab\t", false),
            // lowercase hex
            ("caf=c3=a9 ok", "café ok", false),
            // not an escape: kept as it is
            ("x =ZZ y = z", "x =ZZ y = z", false),
            ("1 EUR =3D 0.9", "1 EUR = 0.9", false),
            ("end=4", "end=4", false),
            // an encoded line break stays on the line
            ("a=0D=0Ab", "a  b", false),
            ("=", "", true),
        ];
        for (raw, want, soft) in cases {
            let mut d = Decoder::new(encoding_rs::UTF_8);
            let mut out = String::new();
            let r = d.line(raw, &mut out);
            assert_eq!((out.as_str(), r.soft), (want, soft), "{raw:?}");
        }
    }

    #[test]
    fn invalid_bytes_are_replaced_and_other_charsets_decoded() {
        let mut d = Decoder::new(encoding_rs::UTF_8);
        let mut out = String::new();
        assert!(d.line("bad =FF byte", &mut out).lossy);
        assert_eq!(out, "bad \u{FFFD} byte");
        // an incomplete character at a hard line end is not carried
        assert!(d.line("cut =C3", &mut out).lossy);
        assert!(!d.line("next", &mut out).lossy);
        assert_eq!(out, "next");
        let mut d = Decoder::new(encoding_rs::WINDOWS_1252);
        assert!(!d.line("caf=E9 =93x=94", &mut out).lossy);
        assert_eq!(out, "café “x”");
    }
}
