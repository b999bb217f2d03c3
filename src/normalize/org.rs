//! A form written as an Emacs Org file: `#+TITLE:` keywords, headings of
//! stars at the line's start (`* GENERAL INFORMATION`, `** Education`),
//! description lists (`- Title :: value`), property drawers, `#+BEGIN_...`
//! blocks, `[[url][text]]` links, `/italic/` emphasis and tables ruled with
//! `|---+---|`. Each line is rewritten, one output line per input line, as
//! the markdown-like text the normalizer reads (`## Heading`, `Label:
//! value`, `- item`, `|---|---|`); a line that is only the file's structure
//! (a keyword, a block delimiter, a drawer) is layout. `*bold*` is left for
//! [`super::markup`].
//!
//! An Org file is told by its `#+KEYWORD` lines ([`MIN_KEYWORD_LINES`]),
//! counted in the pass of [`super::wiki::dialect_of`].

use std::sync::LazyLock;

use regex::Regex;

use super::wiki::Wiki;

/// The fewest `#+KEYWORD` lines that make a text an Org file.
const MIN_KEYWORD_LINES: usize = 2;

/// The keywords whose value is the document's text (the rest are settings).
const TEXT_KEYWORDS: &[&str] = &["title", "subtitle"];

/// A `#+KEYWORD:` line or a block delimiter (`#+BEGIN_QUOTE`): its keyword
/// and value.
static KEYWORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#\+([A-Za-z_]+)(?::\s*(.*))?$").expect("valid regex"));

/// A link: `[[target][text]]` or `[[target]]`.
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\[([^\]\[]*)\](?:\[([^\]\[]*)\])?\]").expect("valid regex"));

/// A heading's trailing tags (`:urgent:draft:`).
static TAGS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s+:[\w@#%:]+:$").expect("valid regex"));

/// Counts the `#+KEYWORD` lines.
#[derive(Debug, Default)]
pub(crate) struct Sniff {
    keyword_lines: usize,
}

impl Sniff {
    /// A line, trimmed at its start, that opens with `#`.
    pub(crate) fn line(&mut self, t: &str) {
        if t.starts_with("#+") && KEYWORD.is_match(t.trim_end()) {
            self.keyword_lines += 1;
        }
    }

    /// Whether the text is an Org file ([`MIN_KEYWORD_LINES`]).
    pub(crate) fn found(&self) -> bool {
        self.keyword_lines >= MIN_KEYWORD_LINES
    }
}

/// Rewrites an Org file line for line ([`super::wiki::dialect`] told it is).
pub(crate) fn rewrite(text: &str) -> Wiki {
    let mut out = Wiki { text: String::with_capacity(text.len()), ..Wiki::default() };
    let mut drawer = false;
    for (i, raw) in super::split_lines(text).enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let t = raw.trim();
        let rewritten = line(raw, t, &mut drawer);
        let layout = !t.is_empty() && rewritten.is_none();
        let r = rewritten.unwrap_or_default();
        out.text.push_str(&r);
        out.changed.push(r != t);
        out.layout.push(layout);
    }
    out
}

/// One line rewritten (`raw` as read, `t` trimmed), or `None` for layout.
/// `drawer` is set inside a property drawer.
fn line(raw: &str, t: &str, drawer: &mut bool) -> Option<String> {
    if t.is_empty() {
        return Some(String::new());
    }
    // a drawer: `:PROPERTIES:` ... `:END:`
    if *drawer || t.eq_ignore_ascii_case(":properties:") || t.eq_ignore_ascii_case(":logbook:") {
        *drawer = !t.eq_ignore_ascii_case(":end:");
        return None;
    }
    if let Some(c) = KEYWORD.captures(t) {
        let key = c[1].to_ascii_lowercase();
        let value = c.get(2).map_or("", |v| v.as_str()).trim();
        return (TEXT_KEYWORDS.contains(&key.as_str()) && !value.is_empty()).then(|| inline(value));
    }
    // a comment
    if t == "#" || t.starts_with("# ") {
        return None;
    }
    // a heading: stars at the line's very start (indented, `*` is an item)
    let stars = raw.bytes().take_while(|&b| b == b'*').count();
    if stars > 0 && raw[stars..].starts_with(' ') {
        let h = TAGS.replace(raw[stars..].trim(), "");
        return Some(format!("{} {}", "#".repeat(stars.min(6)), inline(&h)));
    }
    // a table's rule: `|---+---|` is a markdown table's `|---|---|`
    if t.starts_with("|-") && t.bytes().all(|b| matches!(b, b'|' | b'-' | b'+' | b':')) {
        return Some(t.replace('+', "|"));
    }
    // a description list's item: `- Term :: value` is the label's line
    if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("+ ")) {
        if let Some((term, value)) = item.split_once(" :: ").or_else(|| item.strip_suffix(" ::").map(|k| (k, ""))) {
            return Some(format!("{}: {}", inline(term.trim()), inline(value.trim())).trim_end().to_string());
        }
    }
    Some(inline(t))
}

/// A line's inline markup removed: links read as their text (or target),
/// `/italic/` marks dropped.
fn inline(t: &str) -> String {
    let linked = if t.contains("[[") {
        LINK.replace_all(t, |c: &regex::Captures| {
            let text = c.get(2).map_or("", |m| m.as_str()).trim();
            if text.is_empty() {
                c[1].trim().trim_start_matches("mailto:").to_string()
            } else {
                text.to_string()
            }
        })
    } else {
        t.into()
    };
    if !linked.contains('/') {
        return linked.into_owned();
    }
    linked.split(' ').map(unitalic).collect::<Vec<_>>().join(" ")
}

/// A word without the marks of `/italic/` at its ends: a `/` opening the
/// word before a letter, or closing it after one (before any
/// punctuation). A word with a `/` inside (`and/or`, a path, an address)
/// keeps its marks.
fn unitalic(word: &str) -> String {
    let core_start = word.find(|c: char| c != '(' && c != '"').unwrap_or(word.len());
    let core_end = word.trim_end_matches(|c: char| ".,;:!?)\"'".contains(c)).len().max(core_start);
    let core = &word[core_start..core_end];
    let inner = core.strip_prefix('/').unwrap_or(core);
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let opens = core.starts_with('/') && inner.starts_with(char::is_alphanumeric);
    let closes = core.ends_with('/') && core.len() > 1 && inner.ends_with(|c: char| !c.is_whitespace());
    if inner.contains('/') || core.contains("://") || !(opens || closes) {
        return word.to_string();
    }
    let inner = if opens { &core[1..] } else { core };
    let inner = if closes { &inner[..inner.len() - 1] } else { inner };
    format!("{}{}{}", &word[..core_start], inner, &word[core_end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_rewritten_as_the_normalizer_reads_them() {
        let text = concat!(
            "#+TITLE: JPO vacancy proposal\n#+AUTHOR: P. de Wolf\n#+BEGIN_QUOTE\n/Note for supervisors:/ Please\n#+END_QUOTE\n",
            "* GENERAL INFORMATION   :form:\n  :PROPERTIES:\n  :CUSTOM_ID: general\n  :END:\n",
            "- Title :: Junior Professional Officer\n|----+----|\n** Education\n  * an item\n",
            "[[mailto:a@ilo.org][a@ilo.org]] and [[https://ilo.org]]\n# a comment\n",
        );
        assert_eq!(
            rewrite(text).shown_lines(),
            [
                "JPO vacancy proposal",
                "<layout>",
                "<layout>",
                "Note for supervisors: Please",
                "<layout>",
                "# GENERAL INFORMATION",
                "<layout>",
                "<layout>",
                "<layout>",
                "Title: Junior Professional Officer",
                "|----|----|",
                "## Education",
                "* an item",
                "a@ilo.org and https://ilo.org",
                "<layout>",
                "",
            ]
        );
    }

    #[test]
    fn italic_marks_go_and_slashes_inside_words_stay() {
        let cases = [
            ("/Technical Specialist on Chemical Safety/,", "Technical Specialist on Chemical Safety,"),
            ("the /Global Strategy", "the Global Strategy"),
            ("2024–2030/.", "2024–2030."),
            ("department/office and LABADMIN/OSH)", "department/office and LABADMIN/OSH)"),
            ("see https://www.ilo.org/ or /jpo/vacancies/", "see https://www.ilo.org/ or /jpo/vacancies/"),
            ("a / b", "a / b"),
        ];
        for (input, want) in cases {
            assert_eq!(inline(input), want, "{input:?}");
        }
    }

    #[test]
    fn a_text_with_keyword_lines_is_an_org_file() {
        let mut s = Sniff::default();
        s.line("#+TITLE: A");
        assert!(!s.found());
        s.line("#+BEGIN_QUOTE");
        assert!(s.found());
    }
}
