//! A form sent as an e-mail: RFC 822 headers, MIME parts, bodies in
//! quoted-printable ([`super::qp`]), a signature.
//!
//! Only a document with strong evidence is read so ([`decode`]): a first
//! header block that declares MIME (`MIME-Version`, `Content-Type`,
//! `Content-Transfer-Encoding`), or, with no headers, many lines ending in
//! a soft line break and `=XX` escapes. Any other text is left alone. The
//! output keeps one line per input line: the content lines decoded, every
//! other line (headers, boundaries, part headers, the alternatives of the
//! part read, a signature, attachments) kept for residue. The first text
//! file attached in base64 is the exception: [`decode_attachment`] decodes
//! it, and the normalizer reads it in place of its body's lines.

use encoding_rs::Encoding;

use super::qp;
use crate::record::ResidueKind;

/// The most header lines read before the first blank line: a header block
/// is short, a longer run of `Name: value` lines is the form.
const MAX_HEADER_LINES: usize = 200;

/// The fewest soft line breaks that make a document with no headers
/// quoted-printable, and their least share (percent) of its lines.
const MIN_SOFT_BREAKS: usize = 5;
const MIN_SOFT_SHARE_PERCENT: usize = 5;

/// The fewest `=XX` escapes that go with them.
const MIN_ESCAPES: usize = 2;

/// Multipart entities nested deeper than this are not read (residue).
const MAX_DEPTH: u8 = 8;

/// The document decoded, one line per input line.
#[derive(Debug, Default)]
pub(crate) struct Mime {
    /// The content lines decoded, the other lines empty, joined by `\n`.
    pub text: String,
    /// Per input line, what residue a line that is not content goes to,
    /// with its text.
    pub envelope: Vec<Option<(ResidueKind, String)>>,
    /// Per input line, its decoded text.
    pub decoded: Vec<String>,
    /// Per input line, it ended in a soft line break.
    pub soft: Vec<bool>,
    /// Bytes a body's charset does not allow were replaced.
    pub lossy: bool,
    /// The first text part encoded in base64 (an attached text file):
    /// its lines are marked for residue here, and [`decode_attachment`]
    /// reads them.
    pub attachment: Option<Attachment>,
}

/// A text part encoded in base64 (its body's lines and charset), or a
/// calendar's description ([`super::ical`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attachment {
    /// The body's first and past-the-last input line indices.
    pub start: usize,
    pub end: usize,
    pub encoding: BodyEncoding,
}

/// How an attachment's body is encoded.
#[derive(Debug, Clone, Copy)]
pub(crate) enum BodyEncoding {
    /// Base64, of text in this charset.
    Base64(&'static Encoding),
    /// An iCalendar property's value: folded lines, `\n` and `\,` escapes.
    Ical,
    /// A subtitle file's cues ([`super::subtitles`]).
    Subtitles,
}

/// An attachment decoded ([`decode_attachment`]).
#[derive(Debug)]
pub(crate) struct DecodedAttachment {
    /// The text, in its charset decoded, without a byte order mark.
    pub text: String,
    /// Per body line, and one past the last: the offset in [`Self::text`]
    /// at which the bytes it encodes start.
    pub offsets: Vec<usize>,
    /// Bytes its charset does not allow were replaced.
    pub lossy: bool,
}

/// Decodes an attachment's body (`raw`: the input's lines). `None` when
/// it is not base64 after all.
pub(crate) fn decode_attachment(raw: &[&str], a: &Attachment) -> Option<DecodedAttachment> {
    use base64::Engine;
    let body = raw.get(a.start..a.end)?;
    let charset = match a.encoding {
        BodyEncoding::Base64(c) => c,
        BodyEncoding::Ical => return Some(super::ical::decode_value(body)),
        BodyEncoding::Subtitles => return Some(super::subtitles::decode_value(body)),
    };
    let mut chars = String::new();
    // where each line's characters start in the joined body: 4 characters
    // encode 3 bytes, so a line's bytes start at 3/4 of that
    let mut char_starts = Vec::with_capacity(body.len() + 1);
    for line in body {
        char_starts.push(chars.len());
        chars.extend(line.chars().filter(|c| !c.is_whitespace()));
    }
    char_starts.push(chars.len());
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let bytes = engine.decode(chars.trim_end_matches('=')).ok()?;
    let (text, _, lossy) = charset.decode(&bytes);
    // the charset's decoder drops a byte order mark: the offsets count from
    // after it (they are exact for UTF-8, and near for other charsets)
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        2
    } else {
        0
    };
    let offsets = char_starts.iter().map(|&c| (c * 3 / 4).saturating_sub(bom).min(text.len())).collect();
    Some(DecodedAttachment { text: text.into_owned(), offsets, lossy })
}

/// The name of an RFC 822 header line (`Name: value`): printable ASCII
/// with no space or colon.
fn header_name(line: &str) -> Option<&str> {
    let (name, _) = line.split_once(':')?;
    (!name.is_empty() && name.len() <= 76 && name.bytes().all(|b| (b'!'..=b'~').contains(&b))).then_some(name)
}

/// A header that says the text is MIME.
fn is_mime_header(name: &str) -> bool {
    ["mime-version", "content-type", "content-transfer-encoding"].iter().any(|h| name.eq_ignore_ascii_case(h))
}

/// Whether the text opens with a header block (header lines and their
/// folded continuations, up to a blank line) that declares MIME. Reads
/// the first line only, for a text that does not open with a header.
fn opens_with_mime_headers(text: &str) -> bool {
    let mut mime = false;
    for (i, line) in super::split_lines(text).enumerate().take(MAX_HEADER_LINES) {
        if line.trim().is_empty() {
            return mime && i > 0;
        }
        if i > 0 && line.starts_with([' ', '\t']) {
            continue;
        }
        match header_name(line) {
            Some(name) => mime |= is_mime_header(name),
            None => return false,
        }
    }
    false
}

/// Whether a text with no headers is quoted-printable: enough lines end in
/// a soft line break (an `=` that does not end a run of them) and `=XX`
/// escapes stand in it. One scan for `=`.
fn looks_quoted_printable(text: &str) -> bool {
    let b = text.as_bytes();
    let (mut soft, mut escapes) = (0usize, 0usize);
    for i in memchr::memchr_iter(b'=', b) {
        let next = b.get(i + 1).copied();
        if matches!(next, Some(b'\n' | b'\r')) {
            if i == 0 || b[i - 1] != b'=' {
                soft += 1;
            }
        } else if next.is_some_and(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c))
            && b.get(i + 2).is_some_and(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c))
        {
            escapes += 1;
        }
    }
    if soft < MIN_SOFT_BREAKS || escapes < MIN_ESCAPES {
        return false;
    }
    let lines = memchr::memchr_iter(b'\n', b).count() + 1;
    soft * 100 >= lines * MIN_SOFT_SHARE_PERCENT
}

/// What an entity's headers say.
#[derive(Debug, Clone)]
struct Headers {
    /// The media type, lower case (`text/plain`); empty when not given.
    media: String,
    boundary: Option<String>,
    quoted_printable: bool,
    base64: bool,
    charset: &'static Encoding,
}

impl Default for Headers {
    fn default() -> Self {
        Headers {
            media: String::new(),
            boundary: None,
            quoted_printable: false,
            base64: false,
            charset: encoding_rs::UTF_8,
        }
    }
}

impl Headers {
    /// Text (a body with no type is text).
    fn is_text(&self) -> bool {
        self.media.is_empty() || self.media.starts_with("text/")
    }

    /// Reads one (unfolded) header.
    fn read(&mut self, name: &str, value: &str) {
        if name.eq_ignore_ascii_case("content-transfer-encoding") {
            let v = value.trim();
            self.quoted_printable = v.eq_ignore_ascii_case("quoted-printable");
            self.base64 = v.eq_ignore_ascii_case("base64");
        } else if name.eq_ignore_ascii_case("content-type") {
            let mut params = value.split(';');
            self.media = params.next().unwrap_or("").trim().to_ascii_lowercase();
            for p in params {
                let Some((k, v)) = p.split_once('=') else { continue };
                let v = v.trim().trim_matches('"');
                if k.trim().eq_ignore_ascii_case("boundary") && !v.is_empty() {
                    self.boundary = Some(v.to_string());
                } else if k.trim().eq_ignore_ascii_case("charset") {
                    self.charset = Encoding::for_label(v.as_bytes()).unwrap_or(encoding_rs::UTF_8);
                }
            }
        }
    }
}

/// How the lines of an entity are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The document's content.
    Content,
    /// Residue of this kind.
    Residue(ResidueKind),
}

struct Walker<'a> {
    raw: Vec<&'a str>,
    out: Mime,
}

/// Reads the text as an e-mail when it has strong evidence of one
/// (see the module's documentation); `None` leaves it as plain text.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    let headers = opens_with_mime_headers(text);
    if !headers && !looks_quoted_printable(text) {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    let n = raw.len();
    let mut w = Walker {
        out: Mime {
            envelope: vec![None; n],
            decoded: raw.iter().map(|l| (*l).to_string()).collect(),
            soft: vec![false; n],
            ..Mime::default()
        },
        raw,
    };
    if headers {
        w.entity(0, n, Role::Content, 0);
    } else {
        let h = Headers { quoted_printable: true, ..Headers::default() };
        w.body(&h, 0, n, Role::Content, 0);
    }
    let mut out = w.out;
    out.join_content(text.len());
    Some(out)
}

impl Mime {
    /// Sets [`Mime::text`]: the decoded content lines, the other lines
    /// empty, joined by `\n` (`len` is the input's length, a capacity hint).
    pub(crate) fn join_content(&mut self, len: usize) {
        let mut text = String::with_capacity(len);
        for (i, d) in self.decoded.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            if self.envelope[i].is_none() {
                text.push_str(d);
            }
        }
        self.text = text;
    }
}

impl Walker<'_> {
    fn mark(&mut self, first: usize, end: usize, kind: ResidueKind) {
        for i in first..end {
            if self.out.envelope[i].is_none() {
                let t = self.out.decoded[i].trim().to_string();
                self.out.envelope[i] = Some((kind, t));
            }
        }
    }

    /// Reads the header block at `start` (up to a blank line): the headers
    /// and the first line of the body. A line that is no header ends the
    /// block there (a part with no headers).
    fn headers(&self, start: usize, end: usize) -> (Headers, usize) {
        let mut h = Headers::default();
        let mut current: Option<(&str, String)> = None;
        let mut i = start;
        while i < end {
            let line = self.raw[i];
            if line.trim().is_empty() {
                i += 1;
                break;
            }
            if line.starts_with([' ', '\t']) && current.is_some() {
                if let Some((_, v)) = current.as_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                i += 1;
                continue;
            }
            let Some(name) = header_name(line) else { break };
            if let Some((n, v)) = current.take() {
                h.read(n, &v);
            }
            current = Some((name, line[name.len() + 1..].to_string()));
            i += 1;
        }
        if let Some((n, v)) = current {
            h.read(n, &v);
        }
        (h, i)
    }

    /// An entity (headers and body) over lines `start..end`.
    fn entity(&mut self, start: usize, end: usize, role: Role, depth: u8) {
        let (h, body) = self.headers(start, end);
        let header_kind = match role {
            Role::Residue(k) => k,
            Role::Content => ResidueKind::Unclassified,
        };
        self.mark(start, body, header_kind);
        self.body(&h, body, end, role, depth);
    }

    /// The body of an entity with headers `h` over lines `start..end`.
    fn body(&mut self, h: &Headers, start: usize, end: usize, role: Role, depth: u8) {
        if let Role::Residue(kind) = role {
            self.mark(start, end, kind);
            return;
        }
        if h.media.starts_with("multipart/") {
            if let Some(b) = h.boundary.clone() {
                if depth < MAX_DEPTH && self.multipart(&b, h.media == "multipart/alternative", start, end, depth) {
                    return;
                }
            }
        }
        // the text a content extractor printed after the metadata of the
        // file it read ("Content-Type: application/pdf", as Apache Tika
        // writes it): a body of a type that is not text, not encoded, whose
        // first line reads as words, is text
        if h.base64 && h.is_text() && self.out.attachment.is_none() {
            // an attached text file: read after the e-mail, its lines kept
            // for residue here in case it is not base64 after all
            self.out.attachment = Some(Attachment { start, end, encoding: BodyEncoding::Base64(h.charset) });
        }
        let extracted = depth == 0 && !h.base64 && self.opens_with_words(start, end);
        if (!h.is_text() && !extracted) || h.base64 {
            // attachments, and bodies not decodable line by line
            self.mark(start, end, ResidueKind::Unclassified);
            return;
        }
        let mut decoder = h.quoted_printable.then(|| qp::Decoder::new(h.charset));
        let mut buf = String::new();
        for i in start..end {
            let raw = self.raw[i];
            // the signature delimiter ("-- ") and what follows it
            if raw == "-- " || (h.quoted_printable && raw == "--=20") {
                self.mark(i, end, ResidueKind::Unclassified);
                return;
            }
            if let Some(d) = decoder.as_mut() {
                let r = d.line(raw, &mut buf);
                self.out.soft[i] = r.soft;
                self.out.lossy |= r.lossy;
                if buf.trim().is_empty() && !raw.trim().is_empty() {
                    // a line of encoding alone (a bare soft break, "=20"):
                    // a layout remnant, kept for residue
                    self.out.envelope[i] = Some((ResidueKind::Boilerplate, raw.trim().to_string()));
                }
                std::mem::swap(&mut self.out.decoded[i], &mut buf);
            }
        }
    }

    /// Whether the first non-blank line of `start..end` holds words (a
    /// space between letters), as an encoded body's lines never do.
    fn opens_with_words(&self, start: usize, end: usize) -> bool {
        self.raw[start..end]
            .iter()
            .map(|l| l.trim())
            .find(|l| !l.is_empty())
            .is_some_and(|l| l.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2)
    }

    /// The parts of a multipart body delimited by `--boundary` lines:
    /// returns false when no delimiter is found (the body is read as
    /// text). In `multipart/alternative` only one part is content (the
    /// first `text/plain`, else the first text part); the others repeat
    /// it and go to residue as duplicates.
    fn multipart(&mut self, boundary: &str, alternative: bool, start: usize, end: usize, depth: u8) -> bool {
        let mut delims: Vec<usize> = Vec::new();
        let mut close = None;
        for i in start..end {
            let Some(rest) = self.raw[i].trim_end().strip_prefix("--").and_then(|r| r.strip_prefix(boundary)) else {
                continue;
            };
            if rest.is_empty() {
                delims.push(i);
            } else if rest == "--" {
                close = Some(i);
                break;
            }
        }
        let Some(&first) = delims.first() else { return false };
        let part_end = close.unwrap_or(end);
        // the preamble, the delimiters and the epilogue
        self.mark(start, first, ResidueKind::Unclassified);
        for &d in &delims {
            self.mark(d, d + 1, ResidueKind::Unclassified);
        }
        if let Some(c) = close {
            self.mark(c, end, ResidueKind::Unclassified);
        }
        let ranges: Vec<(usize, usize)> =
            delims.iter().enumerate().map(|(k, &d)| (d + 1, delims.get(k + 1).copied().unwrap_or(part_end))).collect();
        let chosen = alternative.then(|| {
            let types: Vec<Headers> = ranges.iter().map(|&(s, e)| self.headers(s, e).0).collect();
            types
                .iter()
                .position(|h| h.media == "text/plain" && !h.base64)
                .or_else(|| types.iter().position(|h| h.is_text() && !h.base64))
                .unwrap_or(0)
        });
        for (k, (s, e)) in ranges.into_iter().enumerate() {
            let role = match chosen {
                Some(c) if c != k => Role::Residue(ResidueKind::Duplicate),
                _ => Role::Content,
            };
            self.entity(s, e, role, depth + 1);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAIL: &str = "From: =?utf-8?Q?A=2C_B?= <a@example.org>\r\n\
        Subject: Form\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/alternative;\r\n\
        \tboundary=\"XYZ\"\r\n\
        \r\n\
        preamble\r\n\
        --XYZ\r\n\
        Content-Type: text/plain; charset=\"utf-8\"\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Grade:\tP=\r\n\
        3\r\n\
        -- \r\n\
        Sender\r\n\
        --XYZ\r\n\
        Content-Type: text/html; charset=\"utf-8\"\r\n\
        \r\n\
        <p>Grade: P3</p>\r\n\
        --XYZ--\r\n\
        epilogue";

    #[test]
    fn parts_headers_and_signature() {
        let m = decode(MAIL).expect("a MIME mail");
        let kinds: Vec<Option<ResidueKind>> = m.envelope.iter().map(|e| e.as_ref().map(|(k, _)| *k)).collect();
        use ResidueKind::{Duplicate as D, Unclassified as U};
        assert_eq!(
            kinds,
            [
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                Some(U),
                None,
                None,
                Some(U),
                Some(U),
                Some(U),
                Some(D),
                Some(D),
                Some(D),
                Some(U),
                Some(U),
            ]
        );
        assert_eq!(&m.decoded[11..13], ["Grade:\tP", "3"]);
        assert_eq!(&m.soft[11..13], [true, false]);
        assert_eq!(m.text.split('\n').count(), 21, "one line per input line");
        assert_eq!(m.text.split('\n').nth(11), Some("Grade:\tP"));
        assert_eq!(m.envelope[18].as_ref().map(|(_, t)| t.as_str()), Some("<p>Grade: P3</p>"));
    }

    #[test]
    fn plain_text_is_not_mime() {
        let cases = [
            "Title: Junior Professional Officer\nDuty station: Geneva\n",
            "Post number: 2431\nContent-Type: x\n",
            "Subject: x\nTo: y\n\nno MIME header\n",
            // a few lines ending in "=", markdown setext rules
            "Heading\n=======\nx = y =\nz\n",
            "",
        ];
        for c in cases {
            assert!(decode(c).is_none(), "{c:?}");
        }
    }

    #[test]
    fn a_body_with_no_headers_needs_many_soft_breaks() {
        let body = "Education: an advanced degree in economics or a rel=\nated field.\n".repeat(6);
        let m = decode(&format!("{body}Caf=C3=A9 and =E2=80=99\n")).expect("quoted-printable");
        assert_eq!(m.decoded[0], "Education: an advanced degree in economics or a rel");
        assert!(m.soft[0] && !m.soft[1]);
        assert_eq!(m.decoded[12], "Café and ’");
        assert!(decode(&"a line that ends in =\nmore\n".repeat(2)).is_none());
        // a line of encoding alone is not lost: residue
        let m = decode("Content-Transfer-Encoding: quoted-printable\n\ntext\n=\n=20\n").expect("MIME");
        assert_eq!(m.envelope[3], Some((ResidueKind::Boilerplate, "=".to_string())));
        assert_eq!(m.envelope[4], Some((ResidueKind::Boilerplate, "=20".to_string())));
        assert_eq!(m.envelope[2], None);
    }

    #[test]
    fn a_content_extractors_text_after_its_metadata() {
        // Apache Tika: the source file's metadata, then the text it read
        let tika =
            "Content-Type: application/pdf\ndc:title: Vacancy\nxmpTPg:NPages: 2\n\n\nPost number: 4\nGrade: P2\n";
        let m = decode(tika).expect("headers");
        assert_eq!(m.envelope[..3].iter().filter(|e| e.is_some()).count(), 3);
        assert!(m.envelope[5].is_none() && m.envelope[6].is_none());
        assert_eq!(m.decoded[5], "Post number: 4");
        // an attachment's encoded bytes stay out of the content
        let m = decode("Content-Type: application/pdf\n\nJVBERi0xLjQKJcfs\nj6IKMSAwIG9i\n").expect("headers");
        assert!(m.envelope[2].is_some() && m.envelope[3].is_some());
    }

    #[test]
    fn single_part_mail_and_base64_attachment() {
        let mail = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\
            Content-Type: text/plain\n\nGrade: P2\n--b\nContent-Type: application/pdf\n\
            Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b--\n";
        let m = decode(mail).expect("MIME");
        let content: Vec<&str> =
            m.envelope.iter().zip(&m.decoded).filter(|(e, _)| e.is_none()).map(|(_, d)| d.as_str()).collect();
        assert_eq!(content, ["Grade: P2"]);
        // headers with no multipart: the body is the content
        let m = decode("Content-Type: text/plain\n\nGrade: P2").expect("MIME");
        assert!(m.envelope[0].is_some() && m.envelope[1].is_some() && m.envelope[2].is_none());
    }
}
