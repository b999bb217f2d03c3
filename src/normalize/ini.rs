//! An INI or TOML dump of the form, read as the JSON dump's lines it
//! stands for ([`super::export`]), one output line per input line.
//!
//! - `[section]` opens a table: a heading (`[general_information]`, a
//!   typo of one too, which the segmenter then reads as a guess), or a
//!   label whose parts follow (`[Qualifications and Experience.Education]`
//!   then `minimum = ...`). Tables do not nest by indentation: each header
//!   closes what was open.
//! - `key = value`, the value a bare word, a `"basic"` or `'literal'`
//!   string, a `"""` (or `'''`) string over several lines, whose lines stay
//!   lines of the value, or an array of strings, on one line or on several.
//! - `#` and `;` lines are comments: layout, with the template's guidance
//!   the drafter left in them.
//! - Under a heading, a key that names the section's text (`text = ...`,
//!   [`TEXT_KEYS`]) holds that text: it is the section's content.
//!
//! A key no table names is no field's, as in the other dumps: its value is
//! layout (the template's own text, an identifier) or unplaced residue.

use super::export::{json_line, json_literal, read_as_json, read_key, unlabelled, Export, Key, Out, LATER};
use super::Line;
use crate::text::fold;

/// Keys that hold a section's own text when they stand under its heading
/// (folded).
const TEXT_KEYS: &[&str] = &["text", "content", "body", "value", "description", "paragraphs"];

/// Words of a boolean key that qualifies the value before it
/// (`duration = 12 months` then `duration_renewable = true`): the word, or
/// `not` and the word, is written as a line of that value (folded).
const QUALIFIER_WORDS: &[&str] = &["renewable"];

/// How many lines that are not comments are looked at to recognize a dump.
const SNIFF_LINES: usize = 4;

/// What the lines of a value written over several lines become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Lines of a field's value (or of a section's text).
    Text,
    /// The template's own text, or an identifier: layout.
    Layout,
    /// A value under a key no table names: unplaced residue.
    Unplaced,
}

/// Whether `text` is an INI or TOML dump: its first lines that are not
/// comments are section headers and `key = value` pairs, one header at
/// least and one pair at least. A form's own lines have colons, not `=`,
/// and no line of a form is a lone `[name]`.
pub(super) fn is_ini(text: &str) -> bool {
    let mut headers = 0;
    let mut pairs = 0;
    // the lines as the normalizer will read them: a key behind a control
    // character is a key once it is gone, and must be one the first time
    let lines = super::split_lines(text).map(super::export::without_controls);
    for line in lines.filter(|l| !l.trim().is_empty() && !is_comment(l.trim())).take(SNIFF_LINES) {
        let t = line.trim().trim_start_matches('\u{feff}');
        if header(t).is_some() {
            headers += 1;
        } else if pair(t).is_some() {
            pairs += 1;
        } else {
            return false;
        }
    }
    headers >= 1 && pairs >= 1
}

fn is_comment(t: &str) -> bool {
    t.starts_with('#') || t.starts_with(';')
}

/// The dotted parts of a section header `[a.b]` (or `[[a.b]]`), each
/// unquoted, or `None` when the line is no header.
fn header(t: &str) -> Option<Vec<String>> {
    let t = strip_comment(t);
    let inner = t.strip_prefix("[[").and_then(|r| r.strip_suffix("]]"));
    let inner = inner.or_else(|| t.strip_prefix('[').and_then(|r| r.strip_suffix(']')))?.trim();
    let allowed = |c: char| c.is_alphanumeric() || " _-.'\"/&()".contains(c);
    if inner.is_empty() || inner.len() > 120 || !inner.chars().all(allowed) {
        return None;
    }
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '.') => parts.push(std::mem::take(&mut part).trim().to_string()),
            (_, c) => part.push(c),
        }
    }
    parts.push(part.trim().to_string());
    (quote.is_none() && parts.iter().all(|p| !p.is_empty())).then_some(parts)
}

/// A line without a comment after its value (` # ...`, ` ; ...`), when
/// the comment stands outside quotes.
fn strip_comment(t: &str) -> &str {
    let mut quote: Option<u8> = None;
    let b = t.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), c) if c == q && (q == b'\'' || i == 0 || b[i - 1] != b'\\') => quote = None,
            (None, b'#' | b';') if i > 0 && b[i - 1] == b' ' => return t[..i].trim_end(),
            _ => {}
        }
    }
    t
}

/// The key (unquoted) and the value of a `key = value` line, or `None`.
/// A key is short and has no colon (a form's `Label: a = b` is no pair).
fn pair(t: &str) -> Option<(String, &str)> {
    let (key, rest) = if let Some(body) = t.strip_prefix('"') {
        let end = body.find('"')?;
        (body[..end].to_string(), body[end + 1..].trim_start().strip_prefix('=')?)
    } else {
        let eq = t.find('=')?;
        let key = t[..eq].trim();
        let ok = !key.is_empty()
            && key.len() <= 60
            && key.chars().all(|c| c.is_alphanumeric() || " _-./".contains(c))
            && key.starts_with(|c: char| c.is_alphabetic() || c == '_');
        if !ok {
            return None;
        }
        (key.to_string(), &t[eq + 1..])
    };
    Some((key, rest.trim()))
}

/// The state of the reader between lines.
#[derive(Default)]
struct Reader {
    /// The JSON reader's state.
    stack: Vec<Option<String>>,
    last_label: Option<String>,
    /// The table open is a section's heading alone.
    under_heading: bool,
    /// Inside a string over several lines: its closing quotes, and what
    /// its lines become.
    string: Option<(&'static str, Mode)>,
    /// Inside an array over several lines.
    array: bool,
    /// The key of the pair before (folded), while no other line came.
    prev_key: Option<String>,
}

/// Reads an INI or TOML dump ([`is_ini`]).
pub(super) fn read(text: &str) -> Export {
    let raws: Vec<&str> = super::split_lines(text).collect();
    let mut export = Export::with_capacity(raws.len());
    let mut r = Reader::default();
    for (i, raw) in raws.iter().enumerate() {
        let clean = super::export::without_controls(raw);
        let t = clean.trim().trim_start_matches('\u{feff}');
        let (out, guessed, section) = r.line(t, &raws[i + 1..]);
        export.lines.push(out);
        export.guessed.push(guessed);
        export.sections.push(section);
    }
    export
}

type Read = (Out, bool, Option<(crate::template::Section, bool)>);

impl Reader {
    fn line(&mut self, t: &str, after: &[&str]) -> Read {
        if let Some((close, mode)) = self.string {
            let (part, closed) = match t.find(close) {
                Some(at) => (&t[..at], true),
                None => (t, false),
            };
            if closed {
                self.string = None;
            }
            let part = part.trim().trim_end_matches('\\').trim_end();
            let out = match mode {
                _ if part.is_empty() && closed => Out::Layout(t.to_string()),
                _ if part.is_empty() => Out::Blank,
                Mode::Text => Out::Text(part.to_string()),
                Mode::Layout => Out::Layout(t.to_string()),
                Mode::Unplaced => Out::Unplaced(part.to_string()),
            };
            return (out, false, None);
        }
        if t.is_empty() {
            return (Out::Blank, false, None);
        }
        let prev_key = self.prev_key.take();
        if is_comment(t) {
            return (Out::Layout(t.to_string()), false, None);
        }
        if self.array {
            return (self.array_line(t), false, None);
        }
        if let Some(parts) = header(t) {
            return self.table(&parts, t);
        }
        let Some((key, value)) = pair(t) else {
            // a line the dump's shape does not explain
            return (Out::Unplaced(t.to_string()), false, None);
        };
        let value = strip_comment(value);
        let folded = fold(&key);
        if let Some(word) = qualifier(&folded, value, prev_key.as_deref()) {
            self.prev_key = Some(folded);
            return (Out::Text(word), false, None);
        }
        let (out, guessed, s) = self.pair(&key, value, t, after);
        self.prev_key = Some(folded);
        (out, guessed, s.map(|s| (s, true)))
    }

    /// A section header: what was open is closed, and each of its parts
    /// opens an object.
    fn table(&mut self, parts: &[String], t: &str) -> Read {
        self.stack.clear();
        self.last_label = None;
        let mut outs = Vec::with_capacity(parts.len());
        let mut heading = None;
        let mut guessed = false;
        for (k, part) in parts.iter().enumerate() {
            let key = read_key(part);
            if k == 0 {
                if let Key::Heading(_, s) = key {
                    heading = Some(s);
                } else if key == Key::Unknown && typo_heading(part) {
                    // the segmenter reads the heading, as a guess
                    self.stack.push(None);
                    outs.push(Out::Text(part.replace('_', " ").to_uppercase()));
                    self.under_heading = parts.len() == 1;
                    continue;
                }
            }
            let (out, g, _) = json_line(&format!("{}: {{", json_literal(part)), &mut self.stack, &mut self.last_label);
            // a part read by its words only is a guess
            guessed |= g;
            outs.push(out);
        }
        self.under_heading = parts.len() == 1 && heading.is_some();
        // the last part that reads as text: a sub-table's label, or the
        // heading when the sub-table is no label's
        let text = outs.iter().rposition(|o| matches!(o, Out::Text(_)));
        match text {
            Some(k) => {
                let out = outs.swap_remove(k);
                // a label under a heading named on the same line: the
                // section is entered before the label is read
                let section = heading.filter(|_| k > 0).map(|s| (s, false));
                (out, guessed, section)
            }
            None => (Out::Layout(t.to_string()), false, None),
        }
    }

    /// A `key = value` line.
    fn pair(
        &mut self,
        key: &str,
        value: &str,
        t: &str,
        after: &[&str],
    ) -> (Out, bool, Option<crate::template::Section>) {
        let folded = fold(key);
        let text_key = self.under_heading && TEXT_KEYS.contains(&folded.as_str());
        for close in ["\"\"\"", "'''"] {
            let Some(rest) = value.strip_prefix(close) else { continue };
            if let Some(end) = rest.find(close) {
                // opened and closed on its line: a string
                return self.scalar(key, &rest[..end], text_key, t);
            }
            let first = rest.trim();
            let mode = if text_key {
                Mode::Text
            } else {
                let json = format!("{}: {}", json_literal(key), json_literal(LATER));
                let (out, guessed, section) = read_as_json(&json, t, &mut self.stack, &mut self.last_label);
                if let Out::Text(label) = out {
                    self.string = Some((close, Mode::Text));
                    let out = if first.is_empty() { Out::Text(label) } else { Out::Text(format!("{label} {first}")) };
                    return (out, guessed, section);
                }
                // a key no table names: its value as a whole is layout or
                // unplaced
                let lines = after.iter().take_while(|l| !l.contains(close));
                let whole: Vec<&str> = std::iter::once(first).chain(lines.map(|l| l.trim())).collect();
                match unlabelled(&whole.join(" "), t) {
                    Out::Unplaced(_) => Mode::Unplaced,
                    _ => Mode::Layout,
                }
            };
            self.string = Some((close, mode));
            let out = match mode {
                Mode::Text if !first.is_empty() => Out::Text(first.to_string()),
                Mode::Unplaced if !first.is_empty() => Out::Unplaced(first.to_string()),
                _ => Out::Layout(t.to_string()),
            };
            return (out, false, None);
        }
        if value.starts_with('[') {
            return self.array_open(key, value, t);
        }
        let scalar = match super::export::quoted(value) {
            Some((s, _)) => s,
            None => value.to_string(),
        };
        self.scalar(key, &scalar, text_key, t)
    }

    /// A key with a value on its line.
    fn scalar(
        &mut self,
        key: &str,
        value: &str,
        text_key: bool,
        t: &str,
    ) -> (Out, bool, Option<crate::template::Section>) {
        if text_key {
            let paras = super::export::paragraphs(value);
            return match paras.len() {
                0 => (Out::Layout(t.to_string()), false, None),
                1 => (Out::Text(paras.into_iter().next().unwrap_or_default()), false, None),
                _ => (Out::Paragraphs(paras), false, None),
            };
        }
        let json = format!("{}: {}", json_literal(key), json_literal(value));
        read_as_json(&json, t, &mut self.stack, &mut self.last_label)
    }

    /// An array: its items on this line (`["a", "b"]`), or on the lines
    /// that follow, up to its `]`.
    fn array_open(&mut self, key: &str, value: &str, t: &str) -> (Out, bool, Option<crate::template::Section>) {
        match super::export::inline_items(value) {
            // the JSON reader reads an array written on one line
            Some((items, _)) => {
                let items: Vec<String> = items.iter().map(|i| json_literal(i)).collect();
                let json = format!("{}: [{}]", json_literal(key), items.join(", "));
                read_as_json(&json, t, &mut self.stack, &mut self.last_label)
            }
            None => {
                // the items follow, one or more a line
                self.array = true;
                read_as_json(&format!("{}: [", json_literal(key)), t, &mut self.stack, &mut self.last_label)
            }
        }
    }

    /// A line inside an array: an item (a string, with a `,` after it or
    /// the array's `]`), or the array's `]` alone.
    fn array_line(&mut self, t: &str) -> Out {
        let t = strip_comment(t);
        if t.starts_with(']') {
            self.array = false;
            self.stack.pop();
            return Out::Layout(t.to_string());
        }
        let Some((item, after)) = super::export::quoted(t) else {
            // a bare item (a number, a word): no text of a field
            self.array = !t.ends_with(']');
            return Out::Unplaced(t.to_string());
        };
        let closes = after.trim_start_matches([',', ' ']).starts_with(']');
        let json = format!("{}{}", json_literal(&item), if closes { "]" } else { "," });
        if closes {
            self.array = false;
        }
        read_as_json(&json, t, &mut self.stack, &mut self.last_label).0
    }
}

/// A boolean pair that qualifies the value of the pair before it
/// ([`QUALIFIER_WORDS`]): its key is the word alone or the key before it
/// and the word (`duration_renewable` after `duration`). The words it
/// adds to that value, or `None`.
fn qualifier(folded: &str, value: &str, prev: Option<&str>) -> Option<String> {
    let yes = match value {
        "true" | "yes" => true,
        "false" | "no" => false,
        _ => return None,
    };
    let prev = prev?;
    let word = QUALIFIER_WORDS.iter().find(|w| {
        folded == **w
            || folded.strip_suffix(**w).is_some_and(|k| {
                let k = k.trim_end();
                !k.is_empty() && prev.split(' ').next() == k.split(' ').next()
            })
    })?;
    Some(if yes { (*word).to_string() } else { format!("not {word}") })
}

/// Whether a table's name is a heading with a typo (the heading table's
/// own test, on the name as a heading line).
fn typo_heading(name: &str) -> bool {
    let text = name.replace('_', " ");
    let line = Line { text: text.to_uppercase(), md_heading: true, ..Line::default() };
    crate::segment::heading::match_line(&line, &fold(&text)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(e: &Export) -> Vec<String> {
        e.lines
            .iter()
            .map(|o| match o {
                Out::Text(t) => t.clone(),
                Out::Paragraphs(p) => p.join(" / "),
                Out::Layout(t) => format!("[{t}]"),
                Out::Unplaced(t) => format!("?{t}"),
                Out::Blank => String::new(),
            })
            .collect()
    }

    #[test]
    fn detection() {
        assert!(is_ini("# dump\n[header]\npost_number = \"1\"\n"));
        assert!(is_ini("; dump\n[general]\ngrade = P2\ntitle = x\n"));
        assert!(is_ini("title = \"x\"\n[general_information]\ngrade = \"P2\"\n"));
        // a form, a form with a bracketed line, a sum: no dump
        assert!(!is_ini("GENERAL INFORMATION\nGrade: P2\n"));
        assert!(!is_ini("[Draft]\nTitle: JPO\nGrade: P2\n"));
        assert!(!is_ini("a = b\nc = d\n"));
        assert!(!is_ini(""));
        // a control character is no part of a header or a key
        assert!(is_ini("[n\u{14}]\ni="));
        assert_eq!(
            texts(&read("[gen\0eral_information]\ngr\u{3}ade = P2\n"))[..2],
            ["GENERAL INFORMATION", "Grade: P2"]
        );
    }

    #[test]
    fn tables_pairs_strings_and_arrays() {
        let text = "# form dump\n[general_information]\ntitle = \"JPO in \\\"Care\\\" Policies\"\nDuration = 12 months # as filed\n\
                    duration_renewable = true\n\n[Qualifications and Experience.Education]\nminimum = 'A degree.'\n\
                    [introduction]\ntext = \"\"\"\nFirst line\nwraps here.\n\nSecond.\n\"\"\"\n[duties]\nlead_in = \"The JPO will:\"\n\
                    items = [\n    \"Do one;\",\n    \"Do two.\",\n]\nskills = [\"Excel\", \"R\"]\n";
        let e = read(text);
        assert_eq!(
            texts(&e),
            [
                "[# form dump]",
                "GENERAL INFORMATION",
                "Title: JPO in \"Care\" Policies",
                "Duration: 12 months",
                "renewable",
                "",
                "Education:",
                "Minimum: A degree.",
                "INTRODUCTION",
                "[text = \"\"\"]",
                "First line",
                "wraps here.",
                "",
                "Second.",
                "[\"\"\"]",
                "DUTIES AND RESPONSIBILITIES",
                "The JPO will:",
                "[items = []",
                "- Do one;",
                "- Do two.",
                "[]]",
                "Skills: / - Excel / - R",
                "",
            ]
        );
        // the label under a heading named on its line enters the section
        assert_eq!(e.sections[6], Some((crate::template::Section::Qualifications, false)));
        assert!(e.sections[2].is_none());
    }

    #[test]
    fn unknown_keys_typo_headings_and_stray_lines() {
        let text = "[boilerplate]\nsmoke_free = \"The ILO has a smoke-free environment.\"\nnote = \"\"\"\nKept for the archive\nof the office.\n\"\"\"\n\
                    [Traning components and learning elements]\nstray line\n";
        let e = read(text);
        assert_eq!(
            texts(&e),
            [
                "[[boilerplate]]",
                "[smoke_free = \"The ILO has a smoke-free environment.\"]",
                "[note = \"\"\"]",
                "?Kept for the archive",
                "?of the office.",
                "[\"\"\"]",
                "TRANING COMPONENTS AND LEARNING ELEMENTS",
                "?stray line",
                "",
            ]
        );
    }
}
