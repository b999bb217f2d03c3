//! Markdown and HTML remnants: headings, emphasis, links, autolinks, tags,
//! backslash escapes, horizontal rules and pipe-table rows.

use regex::Regex;
use std::sync::LazyLock;

/// The longest run of `#` that starts a markdown heading.
pub(crate) const MAX_HEADING_LEVEL: usize = 6;

/// The fewest rule characters (`-`, `*`, `_`, `=`) that make a horizontal
/// rule; markdown needs three.
const MIN_RULE_CHARS: usize = 3;

/// The longest first cell of a two-cell table row that is read as a label.
const MAX_TABLE_LABEL_CHARS: usize = 48;

static AUTOLINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]{2,})>").expect("valid regex")
});
/// A link's target glued to its text, as a mail client writes a link in
/// plain text (`jpo@ilo.org<mailto:jpo@ilo.org>`, `www.ilo.org<https://...>`):
/// the target is markup.
static GLUED_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([^\s<>])<(?:mailto:|https?://|ftp://)[^<>\s]*>").expect("valid regex"));
/// A comment anchor of a word processor's plain-text export, right after
/// a word: "second year[a]" (the comments themselves come at the end,
/// each line opening with its anchor).
static COMMENT_ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([^\s\[\]])\[[a-z]{1,2}\]([\s.,;:)]|$)").expect("valid regex"));
/// The number a text browser's dump (`lynx -dump`, `w3m -dump`) puts
/// before each link's text, glued to it (`[12]Regional Office website`,
/// `([17]a@ilo.org)`); the numbered list of targets comes at the end.
static LINK_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(])\[\d{1,3}\]([\p{L}\p{N}])").expect("valid regex"));
/// A markdown footnote reference glued to the text before it
/// (`data.[^1]`); a definition at a line's start (`[^1]: ...`) is left for
/// the segmenter.
static FOOTNOTE_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([^\s\[\]])\[\^[A-Za-z0-9_-]{1,12}\]").expect("valid regex"));
/// A pandoc attribute block (`{.underline}`, `{#id .class}`,
/// `{width="1in"}`), as its pattern text.
const ATTRIBUTES: &str = r#"\{(?:[.#][A-Za-z][\w-]*|[A-Za-z][\w-]*=)[^{}]*\}"#;
/// A pandoc span: `[text]{.underline}` -> `text`.
static SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\[([^\[\]]*)\]{ATTRIBUTES}")).expect("valid regex"));
/// The attributes of a pandoc link or image: `[a](x){.external}` -> `[a](x)`.
static LINK_ATTRIBUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\){ATTRIBUTES}")).expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:u|b|i|em|strong|span|br|p|sup|sub|font|div|mark|ins|del|s|small|big|a)\b[^<>]*>")
        .expect("valid regex")
});

/// A footnote's reference in superscript: a number or a mark
/// (`<sup>1</sup>`, `<sup>*</sup>`), as PDF-to-markdown converters write it.
static FOOTNOTE_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)<sup>\s*(?:\d{1,3}|[*†‡§])\s*</sup>").expect("valid regex"));

/// `s` without its footnote references ([`FOOTNOTE_REFERENCE`]).
pub(crate) fn without_footnote_references(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'<', s.as_bytes()).is_some() && (s.contains("<sup>") || s.contains("<SUP>")) {
        FOOTNOTE_REFERENCE.replace_all(s, "")
    } else {
        s.into()
    }
}

/// The anchor of a page's first block, as PDF-to-markdown converters put
/// one before each block a link may point at (`<span id="page-2-0">` is
/// page 2's block 0): a page after the first starts there.
static PAGE_ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)<(?:span|a) (?:id|name)="page-[1-9]\d*(?:-0)?""#).expect("valid regex"));

/// Whether a line holds a page's anchor ([`PAGE_ANCHOR`]): the page starts there.
pub(crate) fn starts_page(line: &str) -> bool {
    // the cheap test first: most lines have no tag
    memchr::memchr(b'<', line.as_bytes()).is_some() && line.contains("=\"page-") && PAGE_ANCHOR.is_match(line)
}

/// A word processor's field code left in exported text: the instruction of
/// a hyperlink field before its display text (`HYPERLINK "mailto:a@b.org"
/// a@b.org`, with switches like `\l "x"`), and the marker of a legacy form
/// field (`FORMTEXT`, `FORMCHECKBOX`, `FORMDROPDOWN`). Field codes are
/// upper case, as Word writes them.
static FIELD_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"\b(?:HYPERLINK(?:\s+\\[a-z])*\s+"[^"]*"(?:\s+\\[a-z](?:\s+"[^"]*")?)*|FORM(?:TEXT|CHECKBOX|DROPDOWN)\b)\s*"#,
    )
    .expect("valid regex")
});

/// The line without its word-processor field codes ([`FIELD_CODE`]), or
/// `None` when it has none.
pub(crate) fn strip_field_codes(s: &str) -> Option<String> {
    // field codes are upper case: only an "H" or "F" can start one
    let b = s.as_bytes();
    let starts =
        memchr::memchr2_iter(b'H', b'F', b).any(|i| b[i..].starts_with(b"HYPERLINK") || b[i..].starts_with(b"FORM"));
    if !starts || !FIELD_CODE.is_match(s) {
        return None;
    }
    Some(FIELD_CODE.replace_all(s, "").into_owned())
}

static GRID_BORDER: LazyLock<Regex> = LazyLock::new(|| {
    // a grid table's border row glued into a line of text by a tool that
    // re-flowed the table ("Lima, Peru +------+------+")
    Regex::new(r"\+(?:[-=:]{3,}\+)+").expect("valid regex")
});

/// The markup characters a text holds, one bit each ([`MarkupBytes::of`]).
/// Markup removal only removes characters, or writes `:` and spaces (a
/// table row's cells), so a character absent from a line before a pass is
/// absent after it: the pass skips the searches for it.
#[derive(Debug, Clone, Copy)]
struct MarkupBytes(u16);

/// The characters [`MarkupBytes`] tracks; a character's bit is its index.
const TRACKED: &[u8] = b"+{[](^<\\*_";

/// Each byte's bit in [`MarkupBytes`] (0 for the bytes not tracked).
const MARKUP_BITS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < TRACKED.len() {
        t[TRACKED[i] as usize] = 1 << i;
        i += 1;
    }
    t
};

impl MarkupBytes {
    fn of(s: &str) -> Self {
        MarkupBytes(s.bytes().fold(0, |m, b| m | MARKUP_BITS[usize::from(b)]))
    }

    /// Whether the text may hold `b` (one of [`TRACKED`]).
    fn has(self, b: u8) -> bool {
        self.0 & MARKUP_BITS[usize::from(b)] != 0
    }
}

/// A line after markup removal.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Stripped {
    /// The text without markup (not yet space-collapsed).
    pub text: String,
    /// The line was a markdown heading (`## ...`).
    pub md_heading: bool,
    /// The line is layout only: a horizontal rule or a table separator row.
    pub rule: bool,
    /// Something was removed.
    pub changed: bool,
}

/// Whether a line is a horizontal rule: only `-`, `*`, `_`, `=` (and spaces),
/// at least [`MIN_RULE_CHARS`] of them; or the border of a grid table
/// (`+------+------+`, `+:=====+`): `+` at both ends, `-`/`=`/`:` between.
pub(crate) fn is_rule(s: &str) -> bool {
    let t = s.trim();
    // a border of a box-drawing table: "┌───┬───┐", "├───┼───┤"
    if t.chars().all(|c| ('\u{2500}'..='\u{257F}').contains(&c) || c == ' ' || c == '|')
        && t.chars().count() >= MIN_RULE_CHARS
    {
        return true;
    }
    let rule_char = |c: char| matches!(c, '-' | '*' | '_' | '=' | '—' | '–');
    // the test of every character first: it stops at the first letter
    let grid = t.starts_with('+') && t.ends_with('+');
    let only_rule_chars = if grid {
        t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
    } else {
        t.chars().all(|c| rule_char(c) || c == ' ')
    };
    only_rule_chars && t.chars().filter(|&c| rule_char(c)).count() >= MIN_RULE_CHARS
}

/// Whether a byte can be part of markup; a line with none of them (and
/// that does not start like a rule) is returned as it is.
fn is_markup_byte(b: u8) -> bool {
    // `|`, not `||` or `matches!`: compares with no branch, which vectorize
    // in the fold of [`may_have_markup`]
    (b == b'#')
        | (b == b'*')
        | (b == b'_')
        | (b == b'[')
        | (b == b']')
        | (b == b'<')
        | (b == b'>')
        | (b == b'\\')
        | (b == b'|')
}

/// Whether the line may hold markup or be a rule.
pub(crate) fn may_have_markup(s: &str) -> bool {
    let starts_like_rule =
        s.starts_with(['-', '=', '—', '–', '+']) || s.starts_with(|c: char| ('\u{2500}'..='\u{257F}').contains(&c));
    // a fold with no early exit: most lines have no markup byte, and are read whole anyway
    starts_like_rule || s.bytes().fold(false, |found, b| found | is_markup_byte(b))
}

/// How many times markup removal is repeated on a line: removing one layer
/// can reveal another (`| INTRODUCTION |<u>` is a table row once the tag
/// is gone). Bounded, so a line costs linear time whatever its nesting.
const MAX_MARKUP_PASSES: usize = 4;

/// Removes markup from one line (already character-cleaned, bullet
/// removed), repeating while a pass changes something.
pub(crate) fn strip(line: &str) -> Stripped {
    let mut out = strip_once(line);
    for _ in 1..MAX_MARKUP_PASSES {
        if !out.changed || out.rule || !may_have_markup(crate::text::trim(&out.text)) {
            break;
        }
        let next = strip_once(&out.text);
        if !next.changed {
            break;
        }
        out = Stripped { md_heading: out.md_heading || next.md_heading, changed: true, ..next };
    }
    out
}

fn strip_once(line: &str) -> Stripped {
    let mut out = Stripped::default();
    let mut s = crate::text::trim(line);
    if !may_have_markup(s) {
        out.text = s.to_string();
        return out;
    }
    if is_rule(s) {
        out.rule = true;
        out.changed = true;
        return out;
    }
    // markdown heading
    if let Some(content) = heading_content(s) {
        s = content;
        out.md_heading = true;
        out.changed = true;
    }
    let held = MarkupBytes::of(s);
    let unbordered;
    if held.has(b'+') && (s.contains("-+") || s.contains("=+")) {
        if let std::borrow::Cow::Owned(o) = GRID_BORDER.replace_all(s, " ") {
            unbordered = o;
            s = unbordered.trim();
            out.changed = true;
        }
    }
    // a table row, possibly inside emphasis ("| **Grade:** | P2 |**")
    let row = s.trim_matches('*').trim();
    let mut text = if row.starts_with('|') && row.ends_with('|') && row.len() > 1 {
        out.changed = true;
        match table_row(row) {
            Some(row) => row,
            None => {
                out.rule = true;
                return out;
            }
        }
    } else {
        s.to_string()
    };
    if held.has(b'{') && (text.contains("]{") || text.contains("){")) {
        if let std::borrow::Cow::Owned(o) = SPAN.replace_all(&text, "$1") {
            text = o;
            out.changed = true;
        }
        if let std::borrow::Cow::Owned(o) = LINK_ATTRIBUTES.replace_all(&text, ")") {
            text = o;
            out.changed = true;
        }
    }
    if held.has(b']') && held.has(b'(') {
        if let Some(o) = strip_links(&text) {
            text = o;
            out.changed = true;
        }
    }
    if held.has(b'[') && text.contains('[') {
        if let std::borrow::Cow::Owned(o) = COMMENT_ANCHOR.replace_all(&text, "$1$2") {
            text = o;
            out.changed = true;
        }
        if let std::borrow::Cow::Owned(o) = LINK_NUMBER.replace_all(&text, "$1$2") {
            text = o;
            out.changed = true;
        }
        if held.has(b'^') && text.contains("[^") {
            if let std::borrow::Cow::Owned(o) = FOOTNOTE_REF.replace_all(&text, "$1") {
                text = o;
                out.changed = true;
            }
        }
    }
    if held.has(b'<') && text.contains('<') {
        if let Some(o) = strip_glued_links(&text) {
            text = o;
            out.changed = true;
        }
        if let std::borrow::Cow::Owned(o) = AUTOLINK.replace_all(&text, "$1") {
            text = o;
            out.changed = true;
        }
        // a footnote's reference (`P2<sup>1</sup>`): no text of the value
        if let std::borrow::Cow::Owned(o) = FOOTNOTE_REFERENCE.replace_all(&text, "") {
            text = o;
            out.changed = true;
        }
        let tags = TAG.replace_all(&text, |c: &regex::Captures| {
            let t = c[0].to_ascii_lowercase();
            if t.starts_with("<br") || t.starts_with("<p") || t.starts_with("</p") || t.starts_with("<div") {
                " "
            } else {
                ""
            }
        });
        if let std::borrow::Cow::Owned(o) = tags {
            text = o;
            out.changed = true;
        }
    }
    if held.has(b'\\') && text.contains('\\') {
        text = unescape(&text);
        out.changed = true;
    }
    if held.has(b'*') && text.contains('*') {
        text.retain(|c| c != '*');
        out.changed = true;
    }
    if held.has(b'_') {
        if text.contains("__") {
            text = text.replace("__", "");
            out.changed = true;
        }
        if let Some(t) = strip_underscore_emphasis(&text) {
            text = t;
            out.changed = true;
        }
    }
    out.text = text;
    out
}

/// The content of an ATX heading (`## Title ##` -> `Title`), or `None`
/// when `s` (trimmed by the caller) does not start with a heading marker: one to
/// [`MAX_HEADING_LEVEL`] `#` followed by a space or the end. A run of
/// markers (`## ## Title`, a heading marked twice) is taken at once:
/// removed one per pass, a run longer than [`MAX_MARKUP_PASSES`] left a
/// marker in the text. `#hashtag` and `C# code` are not headings.
pub(crate) fn heading_content(s: &str) -> Option<&str> {
    let mut rest = s;
    loop {
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        let marker =
            (1..=MAX_HEADING_LEVEL).contains(&hashes) && rest[hashes..].chars().next().is_none_or(|c| c == ' ');
        if !marker {
            break;
        }
        rest = rest[hashes..].trim_start();
    }
    // the optional closing sequence: "## Title ##"
    (rest.len() < s.len()).then(|| rest.trim_end_matches('#').trim_end())
}

/// `text<url>` -> `text` ([`GLUED_LINK`]); `None` when there is none.
/// Also run on re-joined paragraphs, for a target wrapped over two lines.
pub(crate) fn strip_glued_links(text: &str) -> Option<String> {
    if !text.contains('<') {
        return None;
    }
    match GLUED_LINK.replace_all(text, "$1") {
        std::borrow::Cow::Owned(o) => Some(o),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// `[text](url)` -> `text`; an empty text gives the url, unless the url is
/// empty or only a fragment (`[](#)` -> nothing). Nested links
/// (`[[a](x)](y)`, `[[[](#)](#)](#)`) are removed in the same pass. `None`
/// when there is no link. Also run on re-joined paragraphs, for links
/// wrapped over two lines.
///
/// One scan with a stack of open brackets: linear in the line, since a
/// failed destination scan stops at the next parenthesis or whitespace (or,
/// for a title, at the next quote, at most [`MAX_LINK_TITLE`] bytes on).
pub(crate) fn strip_links(text: &str) -> Option<String> {
    // a search for the byte first: a substring search costs a setup per
    // call, and most lines and paragraphs have no `]`
    if memchr::memchr(b']', text.as_bytes()).is_none() || !text.contains("](") {
        return None;
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // open brackets: where each is in `out`, and the non-space count before it
    let mut open: Vec<(usize, usize)> = Vec::new();
    // positions in `out` of the `[` of links removed
    let mut removed: Vec<usize> = Vec::new();
    let mut non_space = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if i + 1 < b.len() && b[i + 1].is_ascii_punctuation() => {
                out.push_str(&text[i..i + 2]);
                non_space += 2;
                i += 2;
                continue;
            }
            b'[' => {
                open.push((out.len(), non_space));
                out.push('[');
                non_space += 1;
            }
            b']' => match (open.last(), link_destination(b, i + 1)) {
                (Some(&(at, before)), Some((url, end))) => {
                    open.pop();
                    removed.push(at);
                    non_space -= 1;
                    let url = &text[url];
                    if non_space == before && !url.is_empty() && !url.starts_with('#') {
                        out.push_str(url);
                        non_space += url.len();
                    }
                    i = end;
                    continue;
                }
                _ => {
                    // a link's text holds no `]`: no bracket before it opens one
                    open.clear();
                    out.push(']');
                    non_space += 1;
                }
            },
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                out.push(c);
                if !c.is_whitespace() {
                    non_space += 1;
                }
                i += c.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    if removed.is_empty() {
        return None;
    }
    removed.sort_unstable();
    let mut kept = String::with_capacity(out.len());
    let mut from = 0;
    for at in removed {
        kept.push_str(&out[from..at]);
        from = at + 1;
    }
    kept.push_str(&out[from..]);
    Some(kept)
}

/// The longest link title (`[text](url "title")`) looked for.
const MAX_LINK_TITLE: usize = 512;

/// A link destination starting at `b[i]`: `(url)`, `( url )`, `(url
/// "title")`, with one balanced pair of parentheses allowed in the url.
/// Returns the url's byte range and the index after the closing `)`.
fn link_destination(b: &[u8], mut i: usize) -> Option<(std::ops::Range<usize>, usize)> {
    let plain = |c: u8| !matches!(c, b'(' | b')') && !c.is_ascii_whitespace();
    let skip = |b: &[u8], mut i: usize, f: &dyn Fn(u8) -> bool| {
        while i < b.len() && f(b[i]) {
            i += 1;
        }
        i
    };
    if b.get(i) != Some(&b'(') {
        return None;
    }
    i = skip(b, i + 1, &|c: u8| c.is_ascii_whitespace());
    let url_start = i;
    i = skip(b, i, &plain);
    if b.get(i) == Some(&b'(') {
        let inner = skip(b, i + 1, &plain);
        if b.get(inner) == Some(&b')') {
            i = skip(b, inner + 1, &plain);
        }
    }
    let url_end = i;
    let spaced = skip(b, i, &|c: u8| c.is_ascii_whitespace());
    i = spaced;
    if spaced > url_end {
        if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
            let limit = b.len().min(i + 1 + MAX_LINK_TITLE);
            if let Some(close) = b[i + 1..limit].iter().position(|&c| c == q) {
                i = skip(b, i + 1 + close + 1, &|c: u8| c.is_ascii_whitespace());
            }
        }
    }
    (b.get(i) == Some(&b')')).then_some((url_start..url_end, i + 1))
}

/// Removes backslash escapes (`\(` -> `(`) and a trailing hard-break
/// backslash; an escaped backslash (`\\`) is kept as it is.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                // an escaped backslash stays as written: unescaping it would
                // make normalizing twice halve a run of backslashes again
                Some('\\') => {
                    out.push_str("\\\\");
                    chars.next();
                }
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    chars.next();
                }
                None => {}
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `_emphasis_` at word boundaries -> `emphasis`. Underscores inside words
/// (`file_name`) stay.
fn strip_underscore_emphasis(s: &str) -> Option<String> {
    if !s.contains('_') {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let opens = before.is_none_or(|b| !b.is_alphanumeric()) && after.is_some_and(|a| !a.is_whitespace());
            let closes = after.is_none_or(|a| !a.is_alphanumeric()) && before.is_some_and(|b| !b.is_whitespace());
            if opens || closes {
                changed = true;
                continue;
            }
        }
        out.push(c);
    }
    changed.then_some(out)
}

/// A pipe-table row as text, or `None` for a separator row (`|---|:--|`,
/// or `|---+---|` with `+` where the columns meet, as Org and Emacs tables
/// rule them). A two-cell row whose first cell is short becomes `label:
/// value`.
fn table_row(s: &str) -> Option<String> {
    let inner = &s[1..s.len() - 1];
    let cells: Vec<&str> = inner.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
    let rule = |c: &&str| {
        c.chars().all(|ch| matches!(ch, '-' | ':' | '=' | ' ' | '+')) && (!c.contains('+') || c.contains(['-', '=']))
    };
    if cells.iter().all(rule) {
        return None;
    }
    if cells.len() == 2 {
        let label = cells[0].trim_end_matches('*').trim_end();
        if label.chars().count() <= MAX_TABLE_LABEL_CHARS && !label.ends_with(':') {
            return Some(format!("{}: {}", cells[0], cells[1]));
        }
    }
    Some(cells.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &str)] = &[
            ("**Title:** Junior Professional Officer", "Title: Junior Professional Officer"),
            ("*Geneva, Switzerland*", "Geneva, Switzerland"),
            ("disseminating their data.[^1] More", "disseminating their data. More"),
            ("[^1]: See in particular", "[^1]: See in particular"),
            // a text browser's link numbers; a citation after a word stays
            ("the Pacific ([17]a@ilo.org)", "the Pacific (a@ilo.org)"),
            ("[10]English [11]Français", "English Français"),
            ("as in the report [3] and", "as in the report [3] and"),
            ("[jpo@ilo.org](mailto:jpo@ilo.org).", "jpo@ilo.org."),
            (
                "[ILO Social Security \\(Minimum Standards\\) Convention](#), 1952",
                "ILO Social Security (Minimum Standards) Convention, 1952",
            ),
            ("see <http://www.ilo.org/x>,", "see http://www.ilo.org/x,"),
            // a mail client's plain-text link: the target glued to the text
            ("to jpo@ilo.org<mailto:jpo@ilo.org>.", "to jpo@ilo.org."),
            ("at www.ilo.org/x<https://www.ilo.org/x>, and", "at www.ilo.org/x, and"),
            ("to <u>jpo@ilo.org</u>.", "to jpo@ilo.org."),
            ("a<br>b", "a b"),
            ("of \\$4.000 per year", "of $4.000 per year"),
            ("line with hard break\\", "line with hard break"),
            ("[](https://example.org)", "https://example.org"),
            ("text[](#)", "text"),
            ("[[[[](#)](#)](#)](#)text", "text"),
            ("[[a](x) b](y)", "a b"),
            ("[a] b](x)", "[a] b](x)"),
            ("[see (this)](https://x.org/a_(b)) now", "see (this) now"),
            ("[ILO](https://ilo.org 'the ILO') x", "ILO x"),
            ("[a\\]b](x)", "a]b"),
            ("[JPO](https://ilo.org \"JPO\") in statistics", "JPO in statistics"),
            ("[addati@ilo.org](mailto:addati@ilo.org )", "addati@ilo.org"),
            ("file_name stays", "file_name stays"),
            ("_italic_ text", "italic text"),
            ("| **Grade:** | P2 |", "Grade: P2"),
            ("| Grade | P2 |", "Grade: P2"),
            ("| **Grade:** | P2 +-------+------+ |", "Grade: P2"),
            // pandoc spans and attributes
            ("# [OVERVIEW]{.underline}", "OVERVIEW"),
            ("write to [[a@b.org]{.underline}](mailto:a@b.org).", "write to a@b.org."),
            ("[[x]{.mark}]{#id .underline} y", "x y"),
            ("[docs](https://x.org){.external} here", "docs here"),
            ("a set {of} [braces] stays", "a set {of} [braces] stays"),
            ("[a]{not attributes}", "[a]{not attributes}"),
            // an escaped `*` is dropped with the emphasis: a value holds no `*`
            ("SPSS \\*.sav and \\-x \\'y\\'", "SPSS .sav and -x 'y'"),
        ];
        for (input, want) in cases {
            assert_eq!(strip(input).text, *want, "{input:?}");
        }
    }

    #[test]
    fn field_codes() {
        let cases: &[(&str, Option<&str>)] = &[
            (r#"see HYPERLINK "https://www.ilo.org/x" www.ilo.org/x."#, Some("see www.ilo.org/x.")),
            (r#"HYPERLINK "mailto:a@ilo.org" a@ilo.org"#, Some("a@ilo.org")),
            (r#"HYPERLINK \l "_Toc1" Part one"#, Some("Part one")),
            ("FORMTEXT Ankara, Türkiye", Some("Ankara, Türkiye")),
            ("FORMCHECKBOX Yes", Some("Yes")),
            ("The FORMAT of the report", None),
            ("a hyperlink to the page", None),
            ("PLATFORM TEXT", None),
        ];
        for (input, want) in cases {
            assert_eq!(strip_field_codes(input).as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn markup_bytes() {
        let markup: Vec<u8> = (0..=255u8).filter(|&b| is_markup_byte(b)).collect();
        assert_eq!(markup, b"#*<>[\\]_|");
    }

    #[test]
    fn headings_and_rules() {
        let h = strip("## **INTRODUCTION**");
        assert!(h.md_heading);
        assert_eq!(h.text, "INTRODUCTION");
        assert!(strip("#### **Minimum:**").md_heading);
        assert!(!strip("#hashtag").md_heading);
        // a run of markers, longer than the pass bound, at once
        let h = strip("## ## ## ## ## ## Background ##");
        assert!(h.md_heading);
        assert_eq!(h.text, "Background");
        assert_eq!(heading_content("# ## #"), Some(""));
        assert_eq!(heading_content("## #hashtag"), Some("#hashtag"));
        assert_eq!(heading_content("####### seven"), None);
        assert_eq!(heading_content("C# code"), None);
        assert!(strip("---").rule);
        assert!(strip("* * *").rule);
        assert!(strip("|---|---|").rule);
        assert!(strip("+-------+--------+").rule);
        assert!(strip("+:======+========+").rule);
        assert!(!strip("+41 22 799 6111").rule);
        assert!(!strip("--").rule);
    }
}
