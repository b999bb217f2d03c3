//! A form typed as reStructuredText: titles underlined (and overlined)
//! with a run of one punctuation character, `:Label: value` field lists,
//! `.. note::` directives and `..` comments, `#.` auto-numbered items,
//! definition lists (a term, its definition indented under it) and inline
//! markup (``` ``literal`` ```, `` `text <url>`_ ``, `:role:`text``). Each
//! line is rewritten, one output line per input line, as the
//! markdown-like text the normalizer reads (`## Title`, `1. item`,
//! `Label: value`); an adornment, a comment, a directive's own line and
//! its options are layout. An admonition's body (`.. note::`, `..
//! warning::`) is text: a drafter's note or the template's guidance,
//! which the segmenter tells apart.
//!
//! A text is reStructuredText when it has two adorned titles at least and
//! a mark no other markup has: a directive or comment, a field list, an
//! overline, or an adornment character markdown does not use for
//! headings.

use super::wiki::Wiki;

/// The fewest adorned titles that make a text reStructuredText.
const MIN_TITLES: usize = 2;

/// The characters of a title's adornment.
const ADORNMENT: &[u8] = b"=-~^\"'`#*+:._";

/// The shortest adornment line.
const MIN_ADORNMENT: usize = 3;

/// The most words of a definition list's term (a sub-label: "Minimum",
/// "Work experience"); a longer line with an indented one under it is a
/// paragraph.
const MAX_TERM_WORDS: usize = 5;

/// Directives whose body is text (admonitions).
const ADMONITIONS: &[&str] =
    &["note", "warning", "tip", "hint", "important", "attention", "caution", "danger", "error", "admonition"];

/// Whether `t` (trimmed) is an adornment: one punctuation character of
/// [`ADORNMENT`] repeated, at least [`MIN_ADORNMENT`] times.
fn adornment(t: &str) -> Option<u8> {
    let b = t.as_bytes();
    (b.len() >= MIN_ADORNMENT && ADORNMENT.contains(&b[0]) && b.iter().all(|&c| c == b[0])).then(|| b[0])
}

/// A directive's name (`.. note::` -> `note`), or `None`.
fn directive(t: &str) -> Option<&str> {
    let rest = t.strip_prefix(".. ")?;
    let (name, _) = rest.split_once("::")?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':'))
        .then_some(name)
}

/// A field list entry (`:Label: value`): its label and value.
fn field(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let end = rest.find(": ").or_else(|| rest.strip_suffix(':').map(str::len))?;
    let name = &rest[..end];
    let value = rest.get(end + 1..).unwrap_or("").trim();
    (!name.is_empty() && !name.starts_with(' ') && !name.contains('`')).then_some((name, value))
}

/// How far a line is indented (spaces; a tab as one).
fn indent(raw: &str) -> usize {
    raw.len() - raw.trim_start().len()
}

/// Tells reStructuredText from its lines, fed one at a time
/// ([`super::wiki::dialect`]): [`MIN_TITLES`] adorned titles and a mark
/// of its own. A line opening with a letter or digit (most lines) costs a
/// look at its first byte.
#[derive(Default)]
pub(crate) struct Sniff<'a> {
    titles: usize,
    marked: bool,
    /// The two lines before, as they are.
    before: &'a str,
    above: &'a str,
}

impl<'a> Sniff<'a> {
    pub(crate) fn line(&mut self, raw: &'a str) {
        let first = raw.bytes().find(|&b| b != b' ' && b != b'\t');
        if !first.is_some_and(|b| b.is_ascii_alphanumeric() || !b.is_ascii()) {
            let t = raw.trim();
            if t.starts_with("..") && (t == ".." || t.starts_with(".. ")) || field(t).is_some() {
                self.marked = true;
            }
            if let Some(c) = adornment(t) {
                let above = self.above.trim();
                if !above.is_empty() && adornment(above).is_none() && above.chars().count() <= t.len() {
                    self.titles += 1;
                    // an overline, or a character markdown's headings do not use
                    self.marked |= (c != b'=' && c != b'-') || adornment(self.before.trim()) == Some(c);
                }
            }
        }
        (self.before, self.above) = (self.above, raw);
    }

    /// Whether the lines so far are reStructuredText.
    pub(crate) fn found(&self) -> bool {
        self.titles >= MIN_TITLES && self.marked
    }
}

/// What the lines before tell about the next one.
#[derive(Default)]
struct State {
    /// Inside a directive or comment block indented deeper than this: its
    /// lines are layout (`Some(false)`) or text (`Some(true)`, an
    /// admonition).
    block: Option<(usize, bool)>,
}

/// Rewrites reStructuredText line for line ([`super::wiki::dialect`] told
/// it is).
pub(crate) fn rewrite(text: &str) -> Wiki {
    let lines: Vec<&str> = super::split_lines(text).collect();
    let mut out = Wiki { text: String::with_capacity(text.len()), ..Wiki::default() };
    let mut state = State::default();
    for (i, raw) in lines.iter().enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let t = raw.trim();
        let rewritten = if t.is_empty() { Some(String::new()) } else { state.line(&lines, i) };
        let layout = rewritten.is_none() && !t.is_empty();
        let text = rewritten.unwrap_or_default();
        out.changed.push(text != t);
        out.text.push_str(&text);
        out.layout.push(layout);
    }
    out
}

impl State {
    /// Line `i` rewritten, or `None` when it is layout.
    fn line(&mut self, lines: &[&str], i: usize) -> Option<String> {
        let raw = lines[i];
        let t = raw.trim();
        let depth = indent(raw);
        if let Some((base, text)) = self.block {
            if depth > base {
                // a directive's options are layout, an admonition's body text
                return (text && field(t).is_none()).then(|| inline(t));
            }
            self.block = None;
        }
        if let Some(name) = directive(t) {
            let admonition = ADMONITIONS.contains(&name);
            self.block = Some((depth, admonition));
            // `.. note:: text` opens the note on its line
            let rest = t.split_once("::").map_or("", |(_, r)| r.trim());
            return (admonition && !rest.is_empty()).then(|| inline(rest));
        }
        if t == ".." || t.starts_with(".. ") {
            // a comment, a link target (`.. _name: url`), a footnote: with
            // the lines indented under it
            self.block = Some((depth, false));
            return None;
        }
        if adornment(t).is_some() {
            return None;
        }
        let next = lines.get(i + 1).map(|n| n.trim()).unwrap_or("");
        if adornment(next).is_some_and(|_| next.len() >= t.chars().count().min(MIN_ADORNMENT)) {
            return Some(format!("## {}", inline(t)));
        }
        if let Some((label, value)) = field(t) {
            let value = inline(value);
            return Some(if value.is_empty() { format!("{label}:") } else { format!("{label}: {value}") });
        }
        if let Some(rest) = t.strip_prefix("#. ").or_else(|| t.strip_prefix("#) ")) {
            return Some(format!("1. {}", inline(rest)));
        }
        if let Some(rest) = t.strip_prefix("| ") {
            // a line block's line
            return Some(inline(rest));
        }
        // a definition list's term: a short line with its definition
        // indented under it
        let below = lines.get(i + 1).copied().unwrap_or("");
        let is_term = !below.trim().is_empty()
            && indent(below) > depth
            && t.split_whitespace().count() <= MAX_TERM_WORDS
            && !t.ends_with(|c: char| c.is_ascii_punctuation())
            && super::bullets::split(t).0.is_none();
        if is_term {
            return Some(format!("{}:", inline(t)));
        }
        Some(inline(t))
    }
}

/// A line's inline markup removed: ``` ``literal`` ``` as its text, a
/// hyperlink reference (`` `text <url>`_ ``, `` `text`_ ``, `word_`) as
/// its text, an interpreted text (`:role:`text``) as its text, a
/// paragraph's closing `::` as one colon. Emphasis is left for
/// [`super::markup`].
pub(crate) fn inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(k) = rest.find('`') {
        let (before, from) = rest.split_at(k);
        // a role before the text: `:ref:`
        let before = match before.strip_suffix(':').and_then(|b| b.rfind(':').map(|r| (b, r))) {
            Some((b, r)) if b[r + 1..].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') && r + 1 < b.len() => {
                &b[..r]
            }
            _ => before,
        };
        out.push_str(before);
        if let Some(lit) = from.strip_prefix("``") {
            match lit.find("``") {
                Some(e) => {
                    out.push_str(&lit[..e]);
                    rest = &lit[e + 2..];
                }
                None => {
                    out.push_str(lit);
                    rest = "";
                }
            }
            continue;
        }
        let inner = &from[1..];
        let Some(e) = inner.find('`') else {
            out.push_str(inner);
            rest = "";
            break;
        };
        let body = &inner[..e];
        // `text <url>`: the text; `<url>` alone: the url
        let text = match body.rfind(" <").filter(|_| body.ends_with('>')) {
            Some(p) => &body[..p],
            None => body.trim_start_matches('<').trim_end_matches('>'),
        };
        out.push_str(text.trim());
        rest = inner[e + 1..].trim_start_matches('_');
    }
    out.push_str(rest);
    // a paragraph ending in `::` (a literal block follows): one colon
    if let Some(s) = out.strip_suffix("::") {
        let s = s.trim_end().to_string();
        out = if s.is_empty() { s } else { format!("{s}:") };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_rst<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
        let mut sniff = Sniff::default();
        lines.into_iter().for_each(|l| sniff.line(l));
        sniff.found()
    }

    fn lines_of(text: &str) -> Vec<String> {
        assert_eq!(super::super::wiki::dialect(text), Some(super::super::wiki::Dialect::ReStructuredText));
        rewrite(text).shown_lines()
    }

    #[test]
    fn rst_is_told_by_titles_and_a_mark_of_its_own() {
        assert!(is_rst(["A", "~~~", "", "B", "~~~"]));
        assert!(is_rst([".. contents::", "A", "===", "B", "---"]));
        assert!(is_rst(["===", "A", "===", "B", "==="]));
        // markdown's setext headings alone are not reStructuredText
        assert!(!is_rst(["A", "===", "text", "B", "---"]));
        assert!(!is_rst(["A", "~~~", "text"]));
    }

    #[test]
    fn lines() {
        let text = ".. contents:: Table\n   :depth: 2\n\n.. a comment\n   goes on\n\n#####\nOffice\n#####\n\
                    :Post number: 4302\n:Title: Officer on Just Transition and\n    Green Jobs\n\nSUPERVISION\n-----------\n\n\
                    Direct Supervision by\n~~~~~~~~~~~~~~~~~~~~~\n\n**A B**, Specialist, ``a@ilo.org``\n\n.. note::\n\n   \
                    Please describe the role.\n\nText.\n#. One.\n#. Two.\nMinimum\n    A degree.\nSee the `website <https://x.org>`_ \
                    and :ref:`here` now::\n| a line";
        assert_eq!(
            lines_of(text),
            [
                "<layout>",
                "<layout>",
                "",
                "<layout>",
                "<layout>",
                "",
                "<layout>",
                "## Office",
                "<layout>",
                "Post number: 4302",
                "Title: Officer on Just Transition and",
                "Green Jobs",
                "",
                "## SUPERVISION",
                "<layout>",
                "",
                "## Direct Supervision by",
                "<layout>",
                "",
                "**A B**, Specialist, a@ilo.org",
                "",
                "<layout>",
                "",
                "Please describe the role.",
                "",
                "Text.",
                "1. One.",
                "1. Two.",
                "Minimum:",
                "A degree.",
                "See the website and here now:",
                "a line",
            ]
        );
    }

    #[test]
    fn any_line_is_read() {
        for t in ["`", "``", "`a <", ":a:`", "::", "a`_`b`", ":x: `y", ".. ::", "#. "] {
            let _ = inline(t);
            let _ = field(t);
            let _ = directive(t);
        }
    }
}
