//! HTML sources: a vacancy saved as a web page's source (a CMS page, a
//! word processor's "save as web page"). Line by line, with a little state
//! carried from line to line:
//!
//! - character references are decoded (`&#8211;`, `&#x2013;`, `&rsquo;`,
//!   `&nbsp;` as a no-break space, which later becomes a space), only when
//!   well formed: `&` and a known name or a valid number, and `;`. A bare
//!   `&` ("M&E", "AT&T") stays as it is;
//! - tags of known HTML elements are removed, with their attributes: a block
//!   or cell tag (`<p>`, `<td>`, `<li>`, `<br>`) stands for a space, an inline
//!   one (`<b>`, `<span style=...>`, `<a href=...>`) for nothing. An `<li>`
//!   before the line's text is a list marker, an `<h1>`-`<h6>` a heading
//!   marker, an `<hr>` a rule. A `<` that opens no known tag is text;
//! - the text of `<head>`, `<title>`, `<style>`, `<script>` and of
//!   `<!-- comments -->` is not content: it is left out of the line's text
//!   ([`HtmlLine::hidden`]). Such a region is entered only when its end is
//!   in the document: an unclosed `<style>` or `<!--` hides nothing.
//!
//! A line is never split: `<br>` is a space, and line numbers stay the
//! input's. A line left with no text (only tags, spacers, hidden text) is
//! layout.

use super::Bullet;

/// What an element's tag does to the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Inline markup: removed, nothing in its place.
    Inline,
    /// A block or a cell: a space in its place.
    Block,
    /// A line break: a space in its place.
    Break,
    /// A list item: a list marker when it opens the line.
    Item,
    /// A list: `true` when ordered (its items are numbered).
    List(bool),
    /// A heading, `<h1>` to `<h6>`.
    Heading,
    /// A horizontal rule.
    Rule,
    /// The document's head: metadata, no content.
    Head,
    /// The body: the head (if open) is over.
    Body,
    /// An element whose text is not content and holds no tags: `<style>`,
    /// `<script>`, `<title>`.
    Raw(Raw),
}

/// A region whose text is not content, up to its closer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raw {
    Comment,
    Style,
    Script,
    Title,
}

impl Raw {
    /// What ends the region (ASCII, matched ignoring case).
    fn closer(self) -> &'static str {
        match self {
            Raw::Comment => "-->",
            Raw::Style => "</style",
            Raw::Script => "</script",
            Raw::Title => "</title",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// HTML elements by name (lower case), and what their tags do. Names
/// outside the table are not tags: `<Name>`, `<jpo@ilo.org>` stay text.
const ELEMENTS: &[(&str, Kind)] = &[
    ("a", Kind::Inline),
    ("abbr", Kind::Inline),
    ("address", Kind::Block),
    ("article", Kind::Block),
    ("aside", Kind::Block),
    ("b", Kind::Inline),
    ("base", Kind::Block),
    ("basefont", Kind::Inline),
    ("big", Kind::Inline),
    ("blockquote", Kind::Block),
    ("body", Kind::Body),
    ("br", Kind::Break),
    ("caption", Kind::Block),
    ("center", Kind::Block),
    ("cite", Kind::Inline),
    ("code", Kind::Inline),
    ("col", Kind::Block),
    ("colgroup", Kind::Block),
    ("dd", Kind::Block),
    ("del", Kind::Inline),
    ("dfn", Kind::Inline),
    ("div", Kind::Block),
    ("dl", Kind::Block),
    ("dt", Kind::Block),
    ("em", Kind::Inline),
    ("figcaption", Kind::Block),
    ("figure", Kind::Block),
    ("font", Kind::Inline),
    ("footer", Kind::Block),
    ("h1", Kind::Heading),
    ("h2", Kind::Heading),
    ("h3", Kind::Heading),
    ("h4", Kind::Heading),
    ("h5", Kind::Heading),
    ("h6", Kind::Heading),
    ("head", Kind::Head),
    ("header", Kind::Block),
    ("hr", Kind::Rule),
    ("html", Kind::Block),
    ("i", Kind::Inline),
    ("img", Kind::Inline),
    ("ins", Kind::Inline),
    ("kbd", Kind::Inline),
    ("li", Kind::Item),
    ("link", Kind::Block),
    ("main", Kind::Block),
    ("mark", Kind::Inline),
    ("meta", Kind::Block),
    ("nav", Kind::Block),
    ("nobr", Kind::Inline),
    ("ol", Kind::List(true)),
    ("p", Kind::Block),
    ("pre", Kind::Block),
    ("q", Kind::Inline),
    ("s", Kind::Inline),
    ("samp", Kind::Inline),
    ("script", Kind::Raw(Raw::Script)),
    ("section", Kind::Block),
    ("small", Kind::Inline),
    ("span", Kind::Inline),
    ("strike", Kind::Inline),
    ("strong", Kind::Inline),
    ("style", Kind::Raw(Raw::Style)),
    ("sub", Kind::Inline),
    ("sup", Kind::Inline),
    ("table", Kind::Block),
    ("tbody", Kind::Block),
    ("td", Kind::Block),
    ("tfoot", Kind::Block),
    ("th", Kind::Block),
    ("thead", Kind::Block),
    ("title", Kind::Raw(Raw::Title)),
    ("tr", Kind::Block),
    ("tt", Kind::Inline),
    ("u", Kind::Inline),
    ("ul", Kind::List(false)),
    ("var", Kind::Inline),
    ("wbr", Kind::Inline),
];

/// Namespace prefixes of a word processor's HTML (`<o:p>`, `<w:Sdt>`,
/// `<st1:place>`): any element in them is inline markup.
const NAMESPACES: &[&str] = &["o", "w", "v", "m", "x", "st1"];

/// The deepest list nesting tracked (deeper lists count as the deepest).
const MAX_LIST_DEPTH: usize = 32;

/// The longest element name looked up (`blockquote`, `figcaption`) and
/// the longest namespaced one.
const MAX_NAME_BYTES: usize = 24;

/// Bytes that start HTML: a tag or a character reference.
fn has_html_bytes(s: &str) -> bool {
    memchr::memchr2(b'<', b'&', s.as_bytes()).is_some()
}

/// Whether a document may hold HTML at all (one pass over its bytes).
pub(crate) fn may_have_html(text: &str) -> bool {
    has_html_bytes(text)
}

/// One line after the HTML pass.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct HtmlLine {
    /// The visible text: tags replaced, references decoded, hidden text out.
    pub text: String,
    /// A tag, comment or reference was removed or decoded.
    pub changed: bool,
    /// Text that is not content (head, title, style, script, a comment)
    /// was left out.
    pub hidden: bool,
    /// An `<li>` opened the line's text.
    pub bullet: Option<Bullet>,
    /// An `<h1>`-`<h6>` opened on the line.
    pub heading: bool,
}

impl HtmlLine {
    /// The line held no text of its own (only tags, spacers, hidden text):
    /// layout.
    pub(crate) fn is_layout(&self) -> bool {
        (self.changed || self.hidden) && self.text.trim().is_empty()
    }
}

/// The state carried from line to line.
#[derive(Debug, Default)]
pub(crate) struct HtmlState {
    /// Inside `<head>`.
    head: bool,
    /// Inside a raw region, up to its closer.
    raw: Option<Raw>,
    /// The open lists, innermost last: ordered or not.
    lists: Vec<bool>,
    /// A region whose closer was looked for in the rest of the document and
    /// not found (so it is not looked for again: the rest only shrinks).
    unclosed: [bool; 4],
    /// `<head>` whose end was not found.
    head_unclosed: bool,
    /// A tag of a known element that goes on on the next line: its kind,
    /// whether it closes, and how many more lines it may take.
    open_tag: Option<(Kind, bool, usize)>,
    /// An `<li>` that stood on a line with no text: the marker of the next
    /// line with text.
    pending_bullet: Option<Bullet>,
    /// Lines with text still inside an `<h1>`-`<h6>` (a heading on its own
    /// lines between its tags): at most [`MAX_HEADING_LINES`].
    heading_lines: u8,
}

/// The most lines of text an open heading element marks as heading: a
/// heading wraps over two or three, an unclosed one marks no more.
const MAX_HEADING_LINES: u8 = 3;

/// The first occurrence of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while from + n.len() <= h.len() {
        let at = from + memchr::memchr2(lo, up, &h[from..])?;
        if h.len() - at >= n.len() && h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A tag at the start of `s` (which starts with `<`): whether it closes,
/// the element's name, and its length. Attribute values in quotes may hold
/// `>`.
struct Tag<'a> {
    close: bool,
    name: &'a str,
    len: usize,
}

/// How a tag at the start of a line's text was read.
enum Parsed<'a> {
    /// A whole tag.
    Whole(Tag<'a>),
    /// A tag whose attributes go on past the end of the line (a word
    /// processor wraps long tags): its closing state and name.
    Open { close: bool, name: &'a str },
}

/// The end of a tag's attributes in `b` from `i`, with `quote` open: the
/// index after its `>`, or `Err` with the quote open at the end. `None` at
/// a `<` outside quotes (no tag).
fn tag_end(b: &[u8], mut i: usize, mut quote: Option<u8>) -> Option<Result<usize, Option<u8>>> {
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b[i]),
            (None, b'>') => return Some(Ok(i + 1)),
            (None, b'<') => return None,
            (None, _) => {}
        }
        i += 1;
    }
    Some(Err(quote))
}

fn parse_tag(s: &str) -> Option<Parsed<'_>> {
    let b = s.as_bytes();
    let mut i = 1;
    let close = b.get(i) == Some(&b'/');
    if close {
        i += 1;
    }
    let name_start = i;
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    // a namespaced name: "o:p", "st1:place"
    if b.get(i) == Some(&b':') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
        i += 1;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
    }
    let name = &s[name_start..i];
    if name.len() > MAX_NAME_BYTES {
        return None;
    }
    // the name ends at a space, a slash or the end of the tag; an opening
    // tag may go on on the next line after its name and a space
    match b.get(i) {
        Some(b'>' | b'/') => {}
        Some(c) if c.is_ascii_whitespace() => {}
        None if !close => return Some(Parsed::Open { close, name }),
        _ => return None,
    }
    match tag_end(b, i, None)? {
        Ok(len) => Some(Parsed::Whole(Tag { close, name, len })),
        Err(_) => Some(Parsed::Open { close, name }),
    }
}

/// The most lines a tag may go on over after its line: a wrapped tag's
/// attributes, not a `<` in text that some `>` far below would close.
/// Counted in lines, which normalizing keeps, so that a tag is read the
/// same in normalized text.
const MAX_OPEN_TAG_LINES: usize = 3;

/// Whether a tag left open at a line's end ends in the next
/// [`MAX_OPEN_TAG_LINES`] lines of `rest` (the text after the line, from
/// its line break): at the first `>`, as a browser reads it (a quote or a
/// `<` in wrapped attributes does not hide it), a reference to one counted.
fn tag_ends_below(rest: &str) -> bool {
    super::split_lines(rest)
        .skip(1)
        .take(MAX_OPEN_TAG_LINES)
        .any(|l| l.contains('>') || decode_references(l).is_some_and(|d| d.contains('>')))
}

/// What a tag's element does, or `None` for a name that is no HTML element.
fn kind_of(name: &str) -> Option<Kind> {
    if let Some((ns, _)) = name.split_once(':') {
        return NAMESPACES.iter().any(|n| n.eq_ignore_ascii_case(ns)).then_some(Kind::Inline);
    }
    ELEMENTS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, k)| k)
}

/// A declaration, processing instruction or conditional comment at the
/// start of `s` (`<!DOCTYPE html>`, `<?xml ...?>`, `<![if !supportLists]>`):
/// its length. Not a comment (`<!--`).
fn declaration(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let ok = match b.get(1) {
        Some(b'!') => b.get(2).is_some_and(|&c| c.is_ascii_alphabetic() || c == b'['),
        Some(b'?') => b.get(2).is_some_and(u8::is_ascii_alphabetic),
        _ => false,
    };
    if !ok {
        return None;
    }
    let end = memchr::memchr2(b'>', b'<', &b[1..])? + 1;
    (b[end] == b'>').then_some(end + 1)
}

/// The longest character reference name looked up (`thetasym`).
const MAX_ENTITY_NAME: usize = 8;

/// The longest numeric reference looked up (`#x10FFFF`, `#1114111`).
const MAX_ENTITY_NUMBER: usize = 8;

/// Named character references: the ones word processors and editors
/// write (HTML's Latin-1 set, typographic punctuation, a few symbols).
/// Names are case-sensitive (`&Eacute;` is not `&eacute;`).
const NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("AMP", "&"),
    ("Aacute", "Á"),
    ("Acirc", "Â"),
    ("Agrave", "À"),
    ("Aring", "Å"),
    ("Atilde", "Ã"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Dagger", "‡"),
    ("ETH", "Ð"),
    ("Eacute", "É"),
    ("Ecirc", "Ê"),
    ("Egrave", "È"),
    ("Euml", "Ë"),
    ("GT", ">"),
    ("Iacute", "Í"),
    ("Icirc", "Î"),
    ("Igrave", "Ì"),
    ("Iuml", "Ï"),
    ("LT", "<"),
    ("Ntilde", "Ñ"),
    ("OElig", "Œ"),
    ("Oacute", "Ó"),
    ("Ocirc", "Ô"),
    ("Ograve", "Ò"),
    ("Oslash", "Ø"),
    ("Otilde", "Õ"),
    ("Ouml", "Ö"),
    ("Prime", "″"),
    ("QUOT", "\""),
    ("Scaron", "Š"),
    ("THORN", "Þ"),
    ("Uacute", "Ú"),
    ("Ucirc", "Û"),
    ("Ugrave", "Ù"),
    ("Uuml", "Ü"),
    ("Yacute", "Ý"),
    ("Yuml", "Ÿ"),
    ("Zcaron", "Ž"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cedil", "¸"),
    ("cent", "¢"),
    ("circ", "ˆ"),
    ("copy", "©"),
    ("curren", "¤"),
    ("dagger", "†"),
    ("deg", "°"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("emsp", "\u{2003}"),
    ("ensp", "\u{2002}"),
    ("eth", "ð"),
    ("euml", "ë"),
    ("euro", "€"),
    ("fnof", "ƒ"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gt", ">"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("igrave", "ì"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("laquo", "«"),
    ("larr", "←"),
    ("ldquo", "“"),
    ("lrm", "\u{200E}"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("macr", "¯"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("minus", "−"),
    ("nbsp", "\u{A0}"),
    ("ndash", "–"),
    ("not", "¬"),
    ("ntilde", "ñ"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("oelig", "œ"),
    ("ograve", "ò"),
    ("ordf", "ª"),
    ("ordm", "º"),
    ("oslash", "ø"),
    ("otilde", "õ"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("permil", "‰"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("prime", "′"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rarr", "→"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rlm", "\u{200F}"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("scaron", "š"),
    ("sect", "§"),
    ("shy", "\u{AD}"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("szlig", "ß"),
    ("thinsp", "\u{2009}"),
    ("thorn", "þ"),
    ("tilde", "˜"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("ucirc", "û"),
    ("ugrave", "ù"),
    ("uml", "¨"),
    ("uuml", "ü"),
    ("yacute", "ý"),
    ("yen", "¥"),
    ("yuml", "ÿ"),
    ("zcaron", "ž"),
    ("zwj", "\u{200D}"),
    ("zwnj", "\u{200C}"),
];

/// The characters HTML reads numeric references 128-159 as (Windows-1252,
/// as browsers do: `&#150;` is an en dash); `None` where that code page has
/// no character.
const C1_AS_1252: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// What a reference stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoded {
    Char(char),
    Str(&'static str),
}

/// A well-formed character reference at the start of `s` (the text after
/// the `&`): what it stands for and its length (with the `;`). A control
/// character (a line break, a tab) stands for a space: a line is never
/// split. `&#0;`, surrogates and numbers past U+10FFFF are not
/// well formed.
fn reference(s: &str) -> Option<(Decoded, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let start = if hex { 2 } else { 1 };
        let digits = b[start..]
            .iter()
            .take(MAX_ENTITY_NUMBER + 1)
            .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
            .count();
        let end = start + digits;
        if digits == 0 || digits > MAX_ENTITY_NUMBER || b.get(end) != Some(&b';') {
            return None;
        }
        let n = u32::from_str_radix(&s[start..end], if hex { 16 } else { 10 }).ok()?;
        let c = match n {
            0 => return None,
            0x80..=0x9F => C1_AS_1252[(n - 0x80) as usize]?,
            _ => char::from_u32(n)?,
        };
        let c = if c.is_control() { ' ' } else { c };
        return Some((Decoded::Char(c), end + 1));
    }
    let len = b.iter().take(MAX_ENTITY_NAME + 1).take_while(|c| c.is_ascii_alphanumeric()).count();
    if len == 0 || len > MAX_ENTITY_NAME || b.get(len) != Some(&b';') {
        return None;
    }
    let name = &s[..len];
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, v)| (Decoded::Str(v), len + 1))
}

/// Decodes the well-formed character references of `s`; `None` when
/// there are none. `&amp;` before what would be a reference again
/// (`&amp;lt;`, the text "&lt;" written for a page) stays as it is, so
/// that decoding decoded text changes nothing.
pub(crate) fn decode_references(s: &str) -> Option<String> {
    memchr::memchr(b'&', s.as_bytes())?;
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut rest = s;
    while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((d, len)) if !(d == Decoded::Str("&") && reference(&after[len..]).is_some()) => {
                match d {
                    Decoded::Char(c) => out.push(c),
                    Decoded::Str(v) => out.push_str(v),
                }
                changed = true;
                rest = &after[len..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

impl HtmlState {
    /// Whether the HTML pass has anything to do on `raw`: it holds a `<` or
    /// a `&`, or a region, tag or marker goes on from a line above.
    pub(crate) fn wants(&self, raw: &str) -> bool {
        !self.neutral() || has_html_bytes(raw)
    }

    /// Whether no region is open: a line with no `<` or `&` needs no work.
    fn neutral(&self) -> bool {
        !self.head
            && self.raw.is_none()
            && self.open_tag.is_none()
            && self.pending_bullet.is_none()
            && self.heading_lines == 0
    }

    /// Whether the region's closer is in `line` (from its position) or in
    /// the rest of the document.
    fn closes(&mut self, raw: Raw, line: &str, rest: &str) -> bool {
        if find_ci(line, raw.closer()).is_some() {
            return true;
        }
        if self.unclosed[raw.index()] {
            return false;
        }
        let found = find_ci(rest, raw.closer()).is_some();
        self.unclosed[raw.index()] = !found;
        found
    }

    /// Whether the head ends (`</head>` or `<body>`) in `line` or `rest`.
    fn head_closes(&mut self, line: &str, rest: &str) -> bool {
        let ends = |s: &str| find_ci(s, "</head").is_some() || find_ci(s, "<body").is_some();
        if ends(line) {
            return true;
        }
        if self.head_unclosed {
            return false;
        }
        let found = ends(rest);
        self.head_unclosed = !found;
        found
    }

    /// Runs one line through the HTML pass. `rest` is the document after
    /// the line (where a region opened on it may end). `None`: nothing to
    /// do (no tag, no reference, no region open).
    pub(crate) fn line(&mut self, raw: &str, rest: &str) -> Option<HtmlLine> {
        if self.neutral() && !has_html_bytes(raw) {
            return None;
        }
        let mut out = HtmlLine { text: String::with_capacity(raw.len()), ..HtmlLine::default() };
        // references first: "&lt;td&gt;" is then the tag it spells, as it
        // would be in the normalized text read again
        let decoded = decode_references(raw);
        out.changed = decoded.is_some();
        let raw = decoded.as_deref().unwrap_or(raw);
        let b = raw.as_bytes();
        let mut i = 0;
        // where each `<` that opened no tag stands in the text, innermost last
        let mut literal_lt: Vec<usize> = Vec::new();
        if let Some((kind, close, left)) = self.open_tag {
            // the rest of a tag begun on a line above, to its first `>`
            out.changed = true;
            match memchr::memchr(b'>', b) {
                Some(at) => {
                    self.open_tag = None;
                    self.tag(kind, close, &raw[at + 1..], rest, &mut out);
                    i = at + 1;
                }
                None => {
                    // the end was seen within the bound when the tag began
                    self.open_tag = left.checked_sub(1).filter(|&l| l > 0).map(|l| (kind, close, l));
                    i = b.len();
                }
            }
        }
        while i < b.len() {
            if let Some(region) = self.raw {
                let closer = region.closer();
                let (inside, next) = match find_ci(&raw[i..], closer) {
                    Some(at) => {
                        let after = i + at + closer.len();
                        // a tag closer ends at its `>`
                        let end = if region == Raw::Comment {
                            after
                        } else {
                            memchr::memchr(b'>', &b[after..]).map_or(b.len(), |j| after + j + 1)
                        };
                        self.raw = None;
                        (&raw[i..i + at], end)
                    }
                    None => (&raw[i..], b.len()),
                };
                out.hidden |= !inside.trim().is_empty();
                out.changed = true;
                i = next;
                continue;
            }
            let next = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |j| i + j);
            let text = &raw[i..next];
            if self.head {
                out.hidden |= !text.trim().is_empty();
            } else if let Some(gt) = memchr::memchr(b'>', text.as_bytes()).filter(|_| !literal_lt.is_empty()) {
                // a `>` after a `<` that opened no tag: with the tags
                // between them removed, the two may make one (normalizing
                // the normalized text would read it so)
                out.text.push_str(&text[..gt]);
                let top = literal_lt.last().copied().unwrap_or(0);
                let candidate = format!("{}>", &out.text[top..]);
                let joined = match parse_tag(&candidate) {
                    Some(Parsed::Whole(t)) if t.len == candidate.len() => kind_of(t.name).map(|k| (k, t.close)),
                    _ => None,
                };
                let declared = declaration(&candidate) == Some(candidate.len());
                if joined.is_some() || declared {
                    out.text.truncate(top);
                    literal_lt.pop();
                    out.changed = true;
                    if let Some((kind, close)) = joined {
                        self.tag(kind, close, &raw[i + gt + 1..], rest, &mut out);
                    }
                } else {
                    out.text.push('>');
                    literal_lt.clear();
                }
                i += gt + 1;
                continue;
            } else {
                out.text.push_str(text);
            }
            i = next;
            if i == b.len() {
                break;
            }
            let s = &raw[i..];
            if let Some(comment) = s.strip_prefix("<!--") {
                if self.closes(Raw::Comment, comment, rest) {
                    self.raw = Some(Raw::Comment);
                    out.changed = true;
                    i += 4;
                    continue;
                }
            } else if let Some(len) = declaration(s) {
                out.changed = true;
                i += len;
                continue;
            } else {
                match parse_tag(s) {
                    Some(Parsed::Whole(tag)) => {
                        if let Some(kind) = kind_of(tag.name) {
                            let after = &s[tag.len..];
                            self.tag(kind, tag.close, after, rest, &mut out);
                            out.changed = true;
                            i += tag.len;
                            continue;
                        }
                    }
                    Some(Parsed::Open { close, name }) => {
                        if let Some(kind) = kind_of(name).filter(|_| tag_ends_below(rest)) {
                            // the tag's effect comes where it ends
                            self.open_tag = Some((kind, close, MAX_OPEN_TAG_LINES));
                            out.changed = true;
                            out.text.push(' ');
                            break;
                        }
                    }
                    None => {}
                }
            }
            literal_lt.push(out.text.len());
            out.text.push('<');
            i += 1;
        }
        // the same at the line's end, for a tag that goes on below
        if let (Some(&top), None) = (literal_lt.last(), self.open_tag) {
            if let Some(Parsed::Open { close, name }) = parse_tag(&out.text[top..]) {
                if let Some(kind) = kind_of(name).filter(|_| tag_ends_below(rest)) {
                    out.text.truncate(top);
                    out.text.push(' ');
                    out.changed = true;
                    self.open_tag = Some((kind, close, MAX_OPEN_TAG_LINES));
                }
            }
        }
        let has_text = !out.text.trim().is_empty();
        if has_text {
            if let Some(b) = self.pending_bullet.take() {
                out.bullet = out.bullet.or(Some(b));
            }
        } else if out.bullet.is_some() {
            // "<li>" alone: its text is on the next line
            self.pending_bullet = out.bullet;
        }
        if self.heading_lines > 0 {
            out.heading |= has_text;
            self.heading_lines -= u8::from(has_text);
        }
        (out.changed || out.hidden || out.bullet.is_some() || out.heading).then_some(out)
    }

    /// The effect of one known tag.
    fn tag(&mut self, kind: Kind, close: bool, after: &str, rest: &str, out: &mut HtmlLine) {
        let at_start = out.text.trim().is_empty();
        match (kind, close) {
            (Kind::Inline, _) => {}
            (Kind::Break, _) => out.text.push(' '),
            (Kind::Block | Kind::Rule, _) => {
                // a heading holds no paragraph, table or rule: it is over
                self.heading_lines = 0;
                out.text.push(' ');
            }
            (Kind::Item, false) => {
                self.heading_lines = 0;
                if at_start && out.bullet.is_none() {
                    let ordered = self.lists.last().copied().unwrap_or(false);
                    out.bullet = Some(if ordered { Bullet::Number } else { Bullet::Symbol });
                }
                out.text.push(' ');
            }
            (Kind::Item, true) => {
                self.pending_bullet = None;
                out.text.push(' ');
            }
            (Kind::List(ordered), false) => {
                self.heading_lines = 0;
                if self.lists.len() < MAX_LIST_DEPTH {
                    self.lists.push(ordered);
                }
                out.text.push(' ');
            }
            (Kind::List(_), true) => {
                self.lists.pop();
                out.text.push(' ');
            }
            (Kind::Heading, false) => {
                out.heading = true;
                self.heading_lines = MAX_HEADING_LINES;
                out.text.push(' ');
            }
            (Kind::Heading, true) => {
                out.heading |= self.heading_lines > 0;
                self.heading_lines = 0;
                out.text.push(' ');
            }
            (Kind::Head, false) => {
                if !self.head && self.head_closes(after, rest) {
                    self.head = true;
                }
            }
            (Kind::Head, true) | (Kind::Body, _) => self.head = false,
            (Kind::Raw(region), false) => {
                if self.closes(region, after, rest) {
                    self.raw = Some(region);
                }
            }
            (Kind::Raw(_), true) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("ILO&rsquo;s", Some("ILO’s")),
            ("2024&#8211;25", Some("2024–25")),
            ("2024&#x2013;25 &#X2013;", Some("2024–25 –")),
            ("&ldquo;Green works&rdquo;", Some("“Green works”")),
            ("M&amp;E", Some("M&E")),
            ("ILO&#39;s", Some("ILO's")),
            ("Addis&nbsp;Ababa", Some("Addis\u{A0}Ababa")),
            ("&Eacute;quipe &eacute;t&eacute;", Some("Équipe été")),
            ("&#150; windows", Some("– windows")),
            ("a&#10;b&#9;c", Some("a b c")),
            // not references: left as they are
            ("M&E and AT&T", None),
            ("R&D; costs", None),
            ("&amp", None),
            ("&nbsp no semicolon", None),
            ("&unknown;", None),
            ("&#;", None),
            ("&#x;", None),
            ("&#0;", None),
            ("&#xD800;", None),
            ("&#x110000;", None),
            ("&#99999999999;", None),
            ("&NBSP;", None),
            ("& amp;", None),
            // the text "&lt;" written for a page stays, so decoding twice
            // changes nothing
            ("&amp;lt;b&amp;gt;", None),
            ("&amp;amp;", None),
            ("&amp;&lt;", Some("&<")),
        ];
        for (input, want) in cases {
            assert_eq!(decode_references(input).as_deref(), *want, "{input:?}");
        }
        // decoding decoded text changes nothing
        for (input, _) in cases {
            let once = decode_references(input).unwrap_or_else(|| input.to_string());
            let twice = decode_references(&once).unwrap_or_else(|| once.clone());
            assert_eq!(once, twice, "{input:?}");
        }
    }

    fn run(lines: &[&str]) -> Vec<Option<HtmlLine>> {
        let doc = lines.join("\n");
        let mut st = HtmlState::default();
        let mut at = 0;
        lines
            .iter()
            .map(|l| {
                // as `normalize` gives it: the text after the line, from its line break
                at += l.len();
                let got = st.line(l, doc.get(at..).unwrap_or(""));
                at += 1;
                got
            })
            .collect()
    }

    fn text(l: &Option<HtmlLine>) -> String {
        l.as_ref().map(|l| crate::text::collapse_spaces(&l.text)).unwrap_or_else(|| "(untouched)".into())
    }

    #[test]
    fn tag_table() {
        let cases: &[(&str, &str)] = &[
            ("<td width=\"34%\"><b>Title:</b></td>", "Title:"),
            ("<td>Junior Officer on Employment-Intensive<br>", "Junior Officer on Employment-Intensive"),
            ("a<br>b<br/>c<br />d", "a b c d"),
            ("<td>a</td><td>b</td>", "a b"),
            ("<b>W</b>ord", "Word"),
            ("<span style=\"font-family:Arial\">P2</span>", "P2"),
            ("<a href=\"mailto:x@ilo.org\">x@ilo.org</a>.", "x@ilo.org."),
            ("<a href='a>b'>link</a>", "link"),
            ("<P CLASS=x>Upper case</P>", "Upper case"),
            ("<o:p></o:p>Word export", "Word export"),
            ("<![if !supportLists]>x<![endif]>", "x"),
            ("<!DOCTYPE html>", ""),
            ("<?xml version=\"1.0\"?>", ""),
            ("&lt;b&gt; as text", "as text"),
            ("&lt; 5000", "< 5000"),
            // not tags: left as they are
            ("salary < 5000 and > 10", "(untouched)"),
            ("write to <jpo@ilo.org>", "(untouched)"),
            ("see <http://www.ilo.org/x>", "(untouched)"),
            ("a <Name> here", "(untouched)"),
            ("<td unclosed", "(untouched)"),
            ("<1> item", "(untouched)"),
            ("M&E plain text", "(untouched)"),
        ];
        for (input, want) in cases {
            assert_eq!(text(&run(&[input])[0]), *want, "{input:?}");
        }
    }

    #[test]
    fn markers_from_tags() {
        let got = run(&["<ul>", "  <li>Item one;</li>", "</ul>", "<ol type=\"a\">", "<li>First</li>", "</ol>"]);
        assert_eq!(got[1].as_ref().map(|l| l.bullet), Some(Some(Bullet::Symbol)));
        assert_eq!(got[4].as_ref().map(|l| l.bullet), Some(Some(Bullet::Number)));
        // an item that does not open the line is no marker
        assert_eq!(run(&["text <li>more"])[0].as_ref().map(|l| l.bullet), Some(None));
        let h = run(&["<h2>GENERAL INFORMATION:</h2>"]);
        assert!(h[0].as_ref().is_some_and(|l| l.heading && l.text.trim() == "GENERAL INFORMATION:"));
    }

    #[test]
    fn only_tags_is_layout() {
        for l in ["<tr>", "</td>", "<p>&nbsp;</p>", "<td>&nbsp;</td>", "<hr>", "<table class=\"form\" border=\"1\">"] {
            assert!(run(&[l])[0].as_ref().is_some_and(HtmlLine::is_layout), "{l:?}");
        }
        assert!(!run(&["<td>3601</td>"])[0].as_ref().is_some_and(HtmlLine::is_layout));
    }

    #[test]
    fn hidden_regions() {
        let got = run(&[
            "<html><head>",
            "<title>A page title</title>",
            "<style>",
            "td { padding: 2px; }",
            "</style>",
            "</head>",
            "<body>text <!-- a note --> more",
            "<!-- a comment",
            "over lines -->",
            "after",
        ]);
        assert!(got[1].as_ref().is_some_and(|l| l.hidden && l.is_layout()));
        assert!(got[3].as_ref().is_some_and(|l| l.hidden && l.is_layout()));
        assert_eq!(text(&got[6]), "text more");
        assert!(got[7].as_ref().is_some_and(|l| l.hidden && l.is_layout()));
        assert!(got[8].as_ref().is_some_and(|l| l.hidden && l.is_layout()));
        assert_eq!(text(&got[9]), "(untouched)");
        // a title outside a head is not content either
        assert!(run(&["<title>t</title>"])[0].as_ref().is_some_and(|l| l.hidden && l.is_layout()));
    }

    #[test]
    fn tags_over_lines() {
        // a word processor wraps a long tag's attributes
        let got = run(&[
            "<TD width=\"34%\"",
            " valign=top><b>Title:</b></TD>",
            "<p class=MsoNormal style='margin:0;",
            "mso-list:l0 level1 lfo1'>Text",
        ]);
        assert!(got[0].as_ref().is_some_and(HtmlLine::is_layout));
        assert_eq!(text(&got[1]), "Title:");
        assert!(got[2].as_ref().is_some_and(HtmlLine::is_layout));
        assert_eq!(text(&got[3]), "Text");
        // an opening "<" with no end below, or a name that is no element, is text
        assert_eq!(text(&run(&["a <td", "b", "c", "d", "e >"])[0]), "(untouched)");
        assert_eq!(text(&run(&["x <word", "y>"])[0]), "(untouched)");
    }

    #[test]
    fn markers_on_lines_of_their_own() {
        let got = run(&[
            "<ol>",
            "<li>",
            "First item",
            "goes on",
            "</li>",
            "</ol>",
            "<h3>",
            "Training components:",
            "</h3>",
            "Prose",
        ]);
        assert!(got[1].as_ref().is_some_and(HtmlLine::is_layout));
        assert_eq!(got[2].as_ref().map(|l| l.bullet), Some(Some(Bullet::Number)));
        assert_eq!(text(&got[3]), "(untouched)");
        assert!(got[7].as_ref().is_some_and(|l| l.heading));
        assert_eq!(text(&got[9]), "(untouched)");
        // a heading that is not closed marks a few lines, not the rest
        let got = run(&["<h2>A", "b", "c", "d", "e"]);
        let marked: Vec<bool> = got.iter().map(|l| l.as_ref().is_some_and(|l| l.heading)).collect();
        assert_eq!(marked, [true, true, true, false, false]);
        let got = run(&["<h2>A", "<p>b</p>"]);
        assert!(got[1].as_ref().is_some_and(|l| !l.heading));
    }

    #[test]
    fn unclosed_regions_hide_nothing() {
        let got = run(&["<style>", "Title: Officer", "<!-- never closed", "Grade: P2", "<head>", "Duty station: Lima"]);
        assert_eq!(text(&got[1]), "(untouched)");
        assert_eq!(text(&got[2]), "(untouched)");
        assert_eq!(text(&got[3]), "(untouched)");
        assert_eq!(text(&got[5]), "(untouched)");
    }
}
