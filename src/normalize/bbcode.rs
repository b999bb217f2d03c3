//! A form posted to a forum or an intranet in BBCode: `[b]Title:[/b]`,
//! `[u]HEADING[/u]`, `[size=4]`, `[color=#003399]`, `[url=...]text[/url]`,
//! `[quote]`, `[list][*]item[/list]`. Each line is rewritten, one output
//! line per input line, without its tags: a `[*]` item is a `- ` item, a
//! link its text (or its address when it has no text), an image nothing; a
//! line that is only tags (`[list]`, `[/quote]`) is layout.
//!
//! The markup is told by lines opening with one of its tags
//! ([`MIN_TAG_LINES`]), counted in the pass of [`super::wiki::dialect_of`].

use std::sync::LazyLock;

use regex::Regex;

use super::wiki::Wiki;

/// The fewest lines opening with a BBCode tag that make a text BBCode.
const MIN_TAG_LINES: usize = 3;

/// The tags that carry no text of their own (their content is kept).
const TAGS: &[&str] = &[
    "b",
    "i",
    "u",
    "s",
    "size",
    "color",
    "colour",
    "font",
    "quote",
    "center",
    "left",
    "right",
    "list",
    "code",
    "email",
    "url",
    "spoiler",
    "indent",
    "highlight",
    "h1",
    "h2",
    "h3",
    "table",
    "tr",
    "td",
    "th",
];

/// An opening or closing tag: its name and value (`[size=4]`, `[/b]`,
/// `[url=https://...]`, `[quote="name"]`) or a list item (`[*]`).
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(/?)([A-Za-z][A-Za-z0-9]*|\*)(?:=([^\]\n]*))?\]").expect("valid regex"));

/// An image, which holds no text: `[img]...[/img]`.
static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\[img[^\]]*\][^\[]*\[/img\]").expect("valid regex"));

/// Whether `name` is a BBCode tag's.
fn is_tag(name: &str) -> bool {
    name == "*" || TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) || name.eq_ignore_ascii_case("img")
}

/// Counts the lines that open with a BBCode tag.
#[derive(Debug, Default)]
pub(crate) struct Sniff {
    tag_lines: usize,
}

impl Sniff {
    /// A line, trimmed at its start, that opens with `[`.
    pub(crate) fn line(&mut self, t: &str) {
        if TAG.find(t).is_some_and(|m| m.start() == 0 && TAG.captures(t).is_some_and(|c| is_tag(&c[2]))) {
            self.tag_lines += 1;
        }
    }

    /// Whether the text is BBCode ([`MIN_TAG_LINES`]).
    pub(crate) fn found(&self) -> bool {
        self.tag_lines >= MIN_TAG_LINES
    }
}

/// Rewrites a BBCode text line for line ([`super::wiki::dialect`] told it is).
pub(crate) fn rewrite(text: &str) -> Wiki {
    let mut out = Wiki { text: String::with_capacity(text.len()), ..Wiki::default() };
    for (i, raw) in super::split_lines(text).enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let t = raw.trim();
        let rewritten = line(t);
        let layout = !t.is_empty() && rewritten.trim().is_empty();
        out.text.push_str(rewritten.trim());
        out.changed.push(rewritten.trim() != t);
        out.layout.push(layout);
    }
    out
}

/// One line without its tags.
fn line(t: &str) -> String {
    if !t.contains('[') {
        return t.to_string();
    }
    let t = IMAGE.replace_all(t, "");
    let mut out = String::with_capacity(t.len());
    let mut last = 0;
    // a link's address, written when the link shows no text of its own
    let mut link: Option<(usize, String)> = None;
    for c in TAG.captures_iter(&t) {
        let m = c.get(0).map_or(0..0, |m| m.range());
        let name = &c[2];
        if !is_tag(name) {
            continue;
        }
        out.push_str(&t[last..m.start]);
        last = m.end;
        let closing = !c[1].is_empty();
        if name == "*" {
            // a list item: its marker, at the line's start or after text
            if !out.trim().is_empty() {
                out.push(' ');
            }
            out.push_str("- ");
        } else if name.eq_ignore_ascii_case("url") || name.eq_ignore_ascii_case("email") {
            if closing {
                if let Some((at, address)) = link.take() {
                    if out[at..].trim().is_empty() {
                        out.push_str(address.trim_start_matches("mailto:"));
                    }
                }
            } else {
                link = c.get(3).map(|v| (out.len(), v.as_str().trim_matches('"').to_string()));
            }
        }
    }
    out.push_str(&t[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_their_text_stays() {
        let cases = [
            ("[b]Title:[/b] Junior Professional Officer", "Title: Junior Professional Officer"),
            ("[color=#003399][size=4][b][u]SUPERVISION[/u][/b][/size][/color]", "SUPERVISION"),
            ("[*]Support the analysis", "- Support the analysis"),
            ("Contact ([url=mailto:a@ilo.org]a@ilo.org[/url])", "Contact (a@ilo.org)"),
            ("see [url=https://www.ilo.org][/url]", "see https://www.ilo.org"),
            ("[url]https://www.ilo.org[/url]", "https://www.ilo.org"),
            ("[quote=\"dmora\"][b]Note:[/b] text", "Note: text"),
            ("[img]https://x/logo.png[/img] Logo", " Logo"),
            ("[list]", ""),
            ("a [1] footnote and [x] box", "a [1] footnote and [x] box"),
        ];
        for (input, want) in cases {
            assert_eq!(line(input), want, "{input:?}");
        }
    }

    #[test]
    fn a_text_with_lines_opening_with_tags_is_bbcode() {
        let mut s = Sniff::default();
        for l in ["[b]Title:[/b] A", "[size=4]B[/size]", "[1] a reference"] {
            s.line(l);
        }
        assert!(!s.found());
        s.line("[list]");
        assert!(s.found());
    }
}
