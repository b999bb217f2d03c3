//! A form written in a wiki's markup instead of markdown: Confluence/Jira
//! wiki markup (`h2.` headings, `||Label||Value||` table rows, `{panel}`
//! macros, `[text|url]` links, `#` numbered items) or AsciiDoc (`==`
//! headings, `Label:: value` lists, `:name: value` attributes, `//`
//! comments, `NOTE:` admonitions, `link:url[text]` macros, trailing `+`
//! line breaks). Each line is rewritten, one output line per input line,
//! as the markdown-like text the normalizer reads (`## Heading`, `- item`,
//! `1. item`, `Label: value`); a line that is only the markup's structure
//! (a macro, a comment, a block delimiter, an attribute entry) is layout.
//!
//! The dialect is told from the lines' starts: two headings of its kind
//! at least. The same pass tells LaTeX source ([`super::latex`]),
//! reStructuredText ([`super::rst`]), BBCode ([`super::bbcode`]) and Org
//! files ([`super::org`]), the other markups rewritten line for line; a
//! text in none of them costs about one look at each line's first byte.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

/// The fewest headings of a dialect that make a text one of its documents.
const MIN_HEADINGS: usize = 2;

/// The longest run of `=` of an AsciiDoc heading (a level-5 section).
const MAX_ASCIIDOC_LEVEL: usize = 6;

/// A markup read line for line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// Confluence/Jira wiki markup.
    Confluence,
    /// AsciiDoc.
    AsciiDoc,
    /// LaTeX source ([`super::latex`]).
    Latex,
    /// reStructuredText ([`super::rst`]).
    ReStructuredText,
    /// BBCode ([`super::bbcode`]).
    BbCode,
    /// An Emacs Org file ([`super::org`]).
    Org,
}

/// A text in a wiki's markup, rewritten line for line.
#[derive(Debug, Default)]
pub(crate) struct Wiki {
    /// The rewritten lines joined by `\n` (a layout line is empty).
    pub text: String,
    /// Per input line: it is layout only (the raw line goes to residue).
    pub layout: Vec<bool>,
    /// Per input line: the rewrite changed it (markup was removed).
    pub changed: Vec<bool>,
}

#[cfg(test)]
impl Wiki {
    /// The rewritten lines as the tests read them: a layout line as
    /// `<layout>`.
    pub(crate) fn shown_lines(&self) -> Vec<String> {
        self.text
            .split('\n')
            .zip(&self.layout)
            .map(|(l, &lay)| if lay { "<layout>".to_string() } else { l.to_string() })
            .collect()
    }
}

/// A Confluence heading's content (`h2. Title` -> `Title`).
fn confluence_heading(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    (b.len() >= 4 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1]) && b[2] == b'.' && b[3] == b' ')
        .then(|| t[4..].trim())
}

/// An AsciiDoc heading's content (`== Title` -> `Title`): one to
/// [`MAX_ASCIIDOC_LEVEL`] `=`, a space, then text that is not `=` alone.
fn asciidoc_heading(t: &str) -> Option<&str> {
    let n = t.bytes().take_while(|&b| b == b'=').count();
    if !(1..=MAX_ASCIIDOC_LEVEL).contains(&n) || !t[n..].starts_with(' ') {
        return None;
    }
    let rest = t[n..].trim();
    (!rest.is_empty() && !rest.starts_with('=')).then_some(rest)
}

/// The dialect of `text`: a wiki's, when two lines at least open with its
/// headings (AsciiDoc: of level 1 or deeper, `==`, as the document title
/// `=` is one); else LaTeX or reStructuredText, when the same pass found
/// their marks ([`super::latex::Sniff`], [`super::rst::Sniff`]).
pub(crate) fn dialect(text: &str) -> Option<Dialect> {
    dialect_of(super::split_lines(text))
}

/// Whether [`dialect_of`] reads anything of a line for a dialect: a
/// Confluence heading, or a line whose first byte after its leading white
/// space is ASCII and not a letter or digit (every sniffer counts only
/// such lines). Text in which no line does is in no dialect.
pub(crate) fn may_count(raw: &str) -> bool {
    let marked = |b: Option<u8>| b.is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric());
    let t = raw.trim_start();
    // the reStructuredText sniffer skips spaces and tabs only
    marked(t.bytes().next())
        || marked(raw.bytes().find(|&b| b != b' ' && b != b'\t'))
        || confluence_heading(t).is_some()
}

/// [`dialect`] of a text's lines.
pub(crate) fn dialect_of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Dialect> {
    let (mut confluence, mut asciidoc) = (0usize, 0usize);
    let mut latex = super::latex::Sniff::default();
    let mut rst = super::rst::Sniff::default();
    let mut bbcode = super::bbcode::Sniff::default();
    let mut org = super::org::Sniff::default();
    for raw in lines {
        rst.line(raw);
        // trimmed as [`decode`] and the normalizer read the line: an indented
        // heading is one, and is one again in the normalized text
        let raw = raw.trim_start();
        match raw.as_bytes().first() {
            Some(b'h') if confluence_heading(raw).is_some() => confluence += 1,
            Some(b'=') if raw.starts_with("==") && asciidoc_heading(raw).is_some() => asciidoc += 1,
            Some(b'\\') => {
                latex.line(raw);
                continue;
            }
            Some(b'[') => {
                bbcode.line(raw);
                continue;
            }
            Some(b'#') => {
                org.line(raw);
                continue;
            }
            _ => continue,
        }
        if confluence >= MIN_HEADINGS && asciidoc == 0 {
            return Some(Dialect::Confluence);
        }
        if asciidoc >= MIN_HEADINGS && confluence == 0 {
            return Some(Dialect::AsciiDoc);
        }
    }
    if latex.found() {
        Some(Dialect::Latex)
    } else if rst.found() {
        Some(Dialect::ReStructuredText)
    } else if bbcode.found() {
        Some(Dialect::BbCode)
    } else if org.found() {
        Some(Dialect::Org)
    } else {
        None
    }
}

/// Reads `text` as a document in a markup read line for line, or `None`
/// when it is in none ([`dialect`]).
pub(crate) fn decode(text: &str) -> Option<Wiki> {
    let d = dialect(text)?;
    match d {
        Dialect::Latex => return Some(super::latex::rewrite(text)),
        Dialect::ReStructuredText => return Some(super::rst::rewrite(text)),
        Dialect::BbCode => return Some(super::bbcode::rewrite(text)),
        Dialect::Org => return Some(super::org::rewrite(text)),
        Dialect::Confluence | Dialect::AsciiDoc => {}
    }
    let mut out = Wiki { text: String::with_capacity(text.len()), ..Wiki::default() };
    let mut state = State::default();
    for (i, raw) in super::split_lines(text).enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let t = raw.trim();
        let line = if d == Dialect::Confluence { state.confluence(t) } else { state.asciidoc(t) };
        let (layout, changed) = match line {
            Rewrite::Same => {
                out.text.push_str(t);
                (false, false)
            }
            Rewrite::Text(s) if !s.trim().is_empty() => {
                out.text.push_str(&s);
                (false, s != t)
            }
            // a line that was only markup (a row of empty cells, `|`) is
            // layout: the raw line goes to residue
            Rewrite::Text(_) | Rewrite::Layout => (!t.is_empty(), true),
        };
        out.layout.push(layout);
        out.changed.push(changed);
    }
    Some(out)
}

/// What a line is rewritten to.
enum Rewrite {
    /// The line as it is.
    Same,
    /// This text.
    Text(String),
    /// Layout only.
    Layout,
}

/// What the lines before tell about the next one.
#[derive(Default)]
struct State {
    /// The column names of the Confluence table being read (a header row
    /// of three cells or more: its first cell names the rows' labels).
    names: Option<Vec<String>>,
    /// AsciiDoc attributes defined so far (`:name: value`).
    attributes: HashMap<String, String>,
    /// Inside an AsciiDoc comment block (`////`).
    comment: bool,
}

/// A Confluence macro (`{panel:title=X|bgColor=#fff}`, `{info}`,
/// `{anchor:top}`): its name and parameters.
static CONFLUENCE_MACRO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([a-z][a-z-]*)(?::([^{}]*))?\}").expect("valid regex"));

/// A Confluence link: `[text|target]`, `[target]` (a url, an address or
/// an anchor).
static CONFLUENCE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]|]*)\|([^\[\]]*)\]|\[((?:https?://|mailto:|www\.|#)[^\[\]\s|]*)\]").expect("valid regex")
});

/// Confluence's monospace (`{{code}}`) and underline (`+text+`, at word
/// boundaries).
static CONFLUENCE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{([^{}]*)\}\}|(^|[\s(])\+([^\s+](?:[^+]*[^\s+])?)\+($|[\s.,;:)])").expect("valid regex")
});

/// An AsciiDoc link macro: `link:url[text]`, `mailto:addr[text]`, or a url
/// with its text in brackets (`https://x.org[text]`).
static ASCIIDOC_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:link:|(mailto:)|(https?://))([^\s\[\]]+)\[([^\[\]]*)\]").expect("valid regex"));

/// How many bytes the attribute values put in for a line's references
/// may add beyond the line's own length ([`Wiki`] stays linear in size).
const MAX_REFERENCE_GROWTH: usize = 1024;

/// An AsciiDoc attribute reference: `{name}`.
static ASCIIDOC_REFERENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([A-Za-z0-9_][A-Za-z0-9_-]*)\}").expect("valid regex"));

/// An AsciiDoc attribute entry: `:name: value`, `:name!:`.
static ASCIIDOC_ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^:(!?[A-Za-z0-9_][A-Za-z0-9_-]*!?):(?:\s+(.*))?$").expect("valid regex"));

/// AsciiDoc's built-in character attributes.
const ASCIIDOC_CHARACTERS: &[(&str, &str)] = &[
    ("nbsp", " "),
    ("sp", " "),
    ("empty", ""),
    ("zwsp", ""),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("apos", "'"),
    ("quot", "\""),
    ("plus", "+"),
    ("vbar", "|"),
    ("startsb", "["),
    ("endsb", "]"),
    ("brvbar", "¦"),
];

/// AsciiDoc's admonition labels that open a paragraph (`NOTE: text`).
const ASCIIDOC_ADMONITIONS: &[&str] = &["NOTE: ", "TIP: ", "IMPORTANT: ", "WARNING: ", "CAUTION: "];

/// The characters of AsciiDoc's block delimiters (`====`, `----`, `****`, ...).
const ASCIIDOC_DELIMITERS: &[u8] = b"=-*_+./";

/// The fewest characters of an AsciiDoc block delimiter (`--`, an open
/// block, is two; the others four).
const MIN_DELIMITER: usize = 4;

impl State {
    fn confluence(&mut self, t: &str) -> Rewrite {
        if t.is_empty() {
            self.names = None;
            return Rewrite::Same;
        }
        if let Some(h) = confluence_heading(t) {
            self.names = None;
            // a heading of markup only (`h2. \\`, a line break) is layout
            let h = confluence_inline(h);
            let h = h.trim();
            return if h.is_empty() { Rewrite::Layout } else { Rewrite::Text(format!("## {h}")) };
        }
        // the macros: a titled one (a panel) is its title, as a label
        // line; the others are layout
        let mut titled = None;
        let unmacroed = CONFLUENCE_MACRO.replace_all(t, |c: &regex::Captures| {
            if let Some(title) = c.get(2).and_then(|p| p.as_str().split('|').find_map(|kv| kv.strip_prefix("title="))) {
                titled = Some(title.trim().to_string());
            }
            ""
        });
        let rest = unmacroed.trim();
        if rest.is_empty() {
            return match titled {
                Some(title) if !title.is_empty() => {
                    let colon = if title.ends_with(|c: char| c.is_ascii_punctuation()) { "" } else { ":" };
                    Rewrite::Text(format!("{title}{colon}"))
                }
                _ => Rewrite::Layout,
            };
        }
        // a titled macro with text after it on its line: the title labels it
        let text = match titled.filter(|t| !t.is_empty()) {
            Some(title) => format!("{}: {}", title.trim_end_matches(':'), confluence_inline(rest)),
            None => confluence_inline(rest),
        };
        if text.starts_with('|') {
            return self.confluence_row(&text);
        }
        self.names = None;
        // list markers: `*`, `-` (bullets), `#` (numbered), nested (`**`, `#*`)
        let marks = text.bytes().take_while(|b| matches!(b, b'*' | b'#' | b'-')).count();
        if marks > 0 && text[marks..].starts_with(' ') && !text[marks..].trim().is_empty() {
            let numbered = text.as_bytes()[..marks].contains(&b'#');
            let marker = if numbered { "1." } else { "-" };
            return Rewrite::Text(format!("{marker} {}", text[marks..].trim()));
        }
        if text == t {
            Rewrite::Same
        } else {
            Rewrite::Text(text)
        }
    }

    /// A Confluence table row (`||Label||Value||`, `||Label|Value|`,
    /// `|Cell|Cell|`): a header row of three cells or more names the
    /// columns of the rows under it, and is layout; a row of two cells is
    /// `label: value`; a row under column names is its label, then each
    /// cell after its column's name ([`super::table::named_row`]).
    fn confluence_row(&mut self, t: &str) -> Rewrite {
        let header = t.starts_with("||");
        let inner = t.trim_matches('|');
        let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
        // a header row's cells are between `||`: the empty strings between
        // its bars are no cells
        let cells: Vec<&str> = if header && inner.contains("||") {
            let mut v = Vec::with_capacity(cells.len());
            let mut rest = inner;
            loop {
                let (cell, more) = match rest.find('|') {
                    Some(k) => (&rest[..k], Some(&rest[k..])),
                    None => (rest, None),
                };
                v.push(cell.trim());
                match more {
                    Some(m) => rest = m.strip_prefix("||").unwrap_or(&m[1..]),
                    None => break,
                }
            }
            v
        } else {
            cells
        };
        let all_header = header && !inner.split("||").any(|c| c.contains('|'));
        if all_header && cells.len() >= 3 {
            self.names = Some(cells[1..].iter().map(|c| (*c).to_string()).collect());
            return Rewrite::Layout;
        }
        if let Some(names) = &self.names {
            if let Some(row) = super::table::named_row(&cells, names) {
                return Rewrite::Text(row);
            }
            self.names = None;
        }
        if let [label, value] = cells[..] {
            let label = label.trim_end_matches(['*', '_']).trim_end_matches(':');
            return Rewrite::Text(format!("{label}: {value}"));
        }
        Rewrite::Text(cells.iter().filter(|c| !c.is_empty()).copied().collect::<Vec<_>>().join(" "))
    }

    fn asciidoc(&mut self, t: &str) -> Rewrite {
        if t == "////" {
            self.comment = !self.comment;
            return Rewrite::Layout;
        }
        if self.comment {
            return if t.is_empty() { Rewrite::Same } else { Rewrite::Layout };
        }
        if t.is_empty() {
            return Rewrite::Same;
        }
        // a comment line
        if t.starts_with("//") && !t.starts_with("///") {
            return Rewrite::Layout;
        }
        if let Some(c) = ASCIIDOC_ATTRIBUTE.captures(t) {
            let name = c[1].trim_matches('!').to_string();
            let value = c.get(2).map_or("", |v| v.as_str()).trim().to_string();
            self.attributes.insert(name, value);
            return Rewrite::Layout;
        }
        // block delimiters, a thematic break, a page break, block attributes
        let b = t.as_bytes();
        let delimiter = (b.len() >= MIN_DELIMITER || t == "--")
            && ASCIIDOC_DELIMITERS.contains(&b[0])
            && b.iter().all(|&c| c == b[0]);
        let block_attributes = b[0] == b'[' && t.ends_with(']') && !t[1..t.len() - 1].contains([' ', '[', ']'])
            || t.starts_with("[[") && t.ends_with("]]");
        if delimiter || t == "'''" || t == "<<<" || block_attributes {
            return Rewrite::Layout;
        }
        let text = self.asciidoc_inline(t);
        let text = text.trim();
        if let Some(h) = asciidoc_heading(text) {
            return Rewrite::Text(format!("## {h}"));
        }
        // a block title: `.Title`
        if let Some(title) = text.strip_prefix('.').filter(|r| r.starts_with(char::is_alphabetic)) {
            return Rewrite::Text(title.to_string());
        }
        // an admonition paragraph: its label is markup
        let text = ASCIIDOC_ADMONITIONS.iter().find_map(|a| text.strip_prefix(a)).unwrap_or(text).trim_start();
        // numbered list items: `. item`, `.. item`
        let dots = text.bytes().take_while(|&c| c == b'.').count();
        if dots > 0 && text[dots..].starts_with(' ') && !text[dots..].trim().is_empty() {
            return Rewrite::Text(format!("1. {}", text[dots..].trim()));
        }
        let text = description_term(text).unwrap_or_else(|| text.to_string());
        if text == t {
            Rewrite::Same
        } else {
            Rewrite::Text(text)
        }
    }

    /// An AsciiDoc line's inline markup removed: attribute references
    /// replaced, link macros read as their text (or target), a trailing
    /// ` +` (a line break) dropped. Emphasis is left for [`super::markup`].
    fn asciidoc_inline(&self, t: &str) -> String {
        let t = t.strip_suffix(" +").unwrap_or(t);
        // the values put in for references may add at most the line's own
        // length (and a little): a line of many references to one long
        // attribute must not grow the text without bound
        let mut budget = t.len() + MAX_REFERENCE_GROWTH;
        let referenced = ASCIIDOC_REFERENCE.replace_all(t, |c: &regex::Captures| {
            let name = &c[1];
            let value = match self.attributes.get(name) {
                Some(v) => v.as_str(),
                None => ASCIIDOC_CHARACTERS.iter().find(|(n, _)| *n == name).map_or(&c[0], |(_, v)| *v),
            };
            if value.len() > budget {
                return c[0].to_string();
            }
            budget -= value.len();
            value.to_string()
        });
        ASCIIDOC_LINK
            .replace_all(&referenced, |c: &regex::Captures| {
                let text = c[4].trim();
                if !text.is_empty() {
                    return text.to_string();
                }
                let scheme = c.get(2).map_or("", |m| m.as_str());
                format!("{scheme}{}", &c[3])
            })
            .into_owned()
    }
}

/// An AsciiDoc description list entry (`Term:: value`, `Term::: value`,
/// `Term;; value`, `Term::` alone) as `Term: value`; `None` for any other
/// line. The term's marker follows a word and is followed by a space or
/// the line's end.
fn description_term(t: &str) -> Option<String> {
    let (at, len) = t.match_indices("::").next().map(|(k, _)| (k, 2)).or_else(|| t.find(";;").map(|k| (k, 2)))?;
    let end = at + len + t[at + len..].bytes().take_while(|&c| c == b':').count();
    let after = &t[end..];
    let term = t[..at].trim_end();
    if term.is_empty() || term.len() < at || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some(format!("{term}: {}", after.trim()).trim_end().to_string())
}

/// A Confluence line's inline markup removed: links read as their text
/// (or target), monospace and underline dropped, a line break (`\\`) a
/// space. Bold and italic (`*x*`, `_x_`) are left for [`super::markup`].
fn confluence_inline(t: &str) -> String {
    let linked = CONFLUENCE_LINK.replace_all(t, |c: &regex::Captures| {
        if let Some(target) = c.get(3) {
            // a bare target: an anchor is nothing, a url itself
            let target = target.as_str();
            return if target.starts_with('#') { String::new() } else { target.to_string() };
        }
        let text = c[1].trim();
        let target = c[2].trim();
        if !text.is_empty() {
            text.to_string()
        } else if target.starts_with('#') {
            String::new()
        } else {
            target.strip_prefix("mailto:").unwrap_or(target).to_string()
        }
    });
    let inline = CONFLUENCE_INLINE.replace_all(&linked, |c: &regex::Captures| match c.get(1) {
        Some(mono) => mono.as_str().to_string(),
        None => format!("{}{}{}", &c[2], &c[3], &c[4]),
    });
    inline.replace(" \\\\ ", " ").replace("\\\\", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(text: &str) -> Vec<String> {
        decode(text).expect("a wiki document").shown_lines()
    }

    #[test]
    fn the_dialect_is_told_by_two_headings() {
        assert_eq!(dialect("h1. A\ntext\nh2. B\n"), Some(Dialect::Confluence));
        assert_eq!(dialect("= Doc\n== A\ntext\n=== B\n"), Some(Dialect::AsciiDoc));
        assert_eq!(dialect("h1. A\ntext\n"), None);
        assert_eq!(dialect("## A\n## B\n===\n= x\n"), None);
        assert_eq!(dialect("here. A\nhi. B\n"), None);
        // found by fuzzing: an indented heading counts, as the normalized
        // text (trimmed) would count it
        assert_eq!(dialect("h2. A\n  h2. B\n"), Some(Dialect::Confluence));
    }

    #[test]
    fn confluence_lines() {
        let text = "{anchor:top}\nh1. Office\nh2. General\n||Title||Officer on _Green Jobs_||\n||Grade|P2|\n\
                    *Supervisor:* A B, [a@b.org|mailto:a@b.org]\n{panel:title=Content of supervision|x=y}\nText {{CODE}} +under+.\n{panel}\n\
                    * item\n** sub\n# one\n||Requirement||Minimum||Desirable||\n|*Education*|A degree.| |\n|*Skills*|Good. \\\\ Better.|Best.|\n\
                    [Back to top|#top] and [https://x.org]\n{expand:title=Details}Text.\n{color:red}Red{color} {0} stays";
        assert_eq!(
            rewrite(text),
            [
                "<layout>",
                "## Office",
                "## General",
                "Title: Officer on _Green Jobs_",
                "Grade: P2",
                "*Supervisor:* A B, a@b.org",
                "Content of supervision:",
                "Text CODE under.",
                "<layout>",
                "- item",
                "- sub",
                "1. one",
                "<layout>",
                "*Education*: Minimum: A degree.",
                "*Skills*: Minimum: Good. Better. Desirable: Best.",
                "Back to top and https://x.org",
                "Details: Text.",
                "Red {0} stays",
            ]
        );
    }

    #[test]
    fn a_line_of_markup_only_is_layout() {
        // found by fuzzing: a row of empty cells rewritten to no text was lost
        assert_eq!(rewrite("|\nh3. A\nh3. B\n|     |\n||"), ["<layout>", "## A", "## B", "<layout>", "<layout>"]);
        // and a heading whose text was a line break (`\\`): "##" alone was
        // read as text the first time, as a heading the second
        assert_eq!(rewrite("h2. \\\\\nh2. N\nh2. A \\\\ B"), ["<layout>", "## N", "## A B"]);
    }

    #[test]
    fn references_cannot_blow_the_text_up() {
        // a line of 10,000 references to a 1,000-byte attribute
        let line = "{a}".repeat(10_000);
        let text = format!("== One\n== Two\n:a: {}\n{line}", "x".repeat(1000));
        let lines = rewrite(&text);
        let last = &lines[3];
        assert!(last.len() <= 2 * line.len() + MAX_REFERENCE_GROWTH, "{} bytes", last.len());
        assert!(last.starts_with(&"x".repeat(1000)));
        // a few references are all put in
        assert_eq!(rewrite("== One\n== Two\n:a: AB\n{a} and {a}").last().map(String::as_str), Some("AB and AB"));
    }

    #[test]
    fn asciidoc_lines() {
        let text = ":post-number: 4203\n:sectnums!:\n// a comment\n////\nhidden\n////\n== General\nTitle:: Officer\nGrade::\n\
                    Post number: {post-number} +\n[NOTE]\n====\nto mailto:a@b.org[a@b.org] and link:https://x.org[] in{nbsp}Turin\n\
                    .Minimum\n.5 million\n. Good skills.\nNOTE: The JPO travels.\n'''\nC::foo stays\n=== Languages";
        assert_eq!(
            rewrite(text),
            [
                "<layout>",
                "<layout>",
                "<layout>",
                "<layout>",
                "<layout>",
                "<layout>",
                "## General",
                "Title: Officer",
                "Grade:",
                "Post number: 4203",
                "<layout>",
                "<layout>",
                "to a@b.org and https://x.org in Turin",
                "Minimum",
                ".5 million",
                "1. Good skills.",
                "The JPO travels.",
                "<layout>",
                "C::foo stays",
                "## Languages",
            ]
        );
    }
}
