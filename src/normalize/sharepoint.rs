//! A SharePoint (or Access) list exported as text: each item's fields as
//! `Name;#Value` pairs run together on a few long lines
//! (`Title;#Junior Professional Officer;#Duty station;#Bangkok;#...`), a
//! list's items separated by `;#` too, and a multi-line value's breaks
//! written `<div>...</div>` or `&#10;`.
//!
//! The pairs are written out as the form's lines (`Title: Junior ...`, a
//! value's paragraphs and items on lines of their own), each of them
//! numbered as the input line it came from, and normalized as text. A
//! name is a name when the template's tables know it (a label, a heading,
//! boilerplate, or a qualification's label and part: `Education -
//! Minimum`); any other text is a value. Fields the tables do not know
//! (`ID`, `Modified`) are written as they are, for residue.

use super::export::{read_key, Key};
use super::Line;

/// The fewest lines with two `;#` or more for a text to be such an export.
const MIN_PAIR_LINES: usize = 3;

/// Whether `text` is a list export of `;#` pairs.
fn is_export(text: &str) -> bool {
    // the cheap test first, over the whole text at once: most texts have
    // no `;#` at all
    if memchr::memmem::find_iter(text.as_bytes(), b";#").nth(2 * MIN_PAIR_LINES - 1).is_none() {
        return false;
    }
    super::split_lines(text).filter(|l| l.matches(";#").count() >= 2).take(MIN_PAIR_LINES).count() >= MIN_PAIR_LINES
}

/// A field's name the tables know, as the form's label or heading text,
/// and whether it is a heading: `Education - Minimum` is two
/// (`Education:`, `Minimum:`).
fn known_name(token: &str) -> Option<(Vec<String>, bool)> {
    let t = token.trim();
    if t.is_empty() || t.len() > 80 {
        return None;
    }
    let one = |k: &str| match read_key(k) {
        Key::Heading(h, _) => Some((h, true)),
        Key::Label { text, .. } => Some((format!("{text}:"), false)),
        Key::Boilerplate(b) => Some((format!("{b}:"), false)),
        Key::Unknown => None,
    };
    if let Some((n, heading)) = one(t) {
        return Some((vec![n], heading));
    }
    let (a, b) = t.split_once(" - ")?;
    Some((vec![one(a)?.0, one(b)?.0], false))
}

/// The longest value written on its name's line when the tables do not
/// know the name (`ID ; 118`); a longer one stands on lines of its own.
const MAX_JOINED_VALUE: usize = 40;

/// The most words of a field's name.
const MAX_NAME_WORDS: usize = 4;

/// Whether a token reads as a field's name, not a list's item: a few
/// words, a capital first, no sentence punctuation (`Content type`,
/// `Created by`).
fn is_name_like(token: &str) -> bool {
    token.split_whitespace().count() <= MAX_NAME_WORDS
        && token.len() <= MAX_JOINED_VALUE
        && token.starts_with(|c: char| c.is_uppercase())
        && !token.contains(['.', ',', ';', ':', '('])
}

/// A value's paragraphs: its `<div>`s, its `&#10;` breaks, its `<br>`s.
fn paragraphs(value: &str) -> Vec<String> {
    let v = value.replace("&#10;", "\n").replace("&#13;", "");
    let v = v.replace("</div>", "\n").replace("<div>", "\n").replace("<br>", "\n").replace("<br/>", "\n");
    let v = super::html::decode_references(&v).unwrap_or(v);
    super::export::paragraphs(&v)
}

/// Reads a `;#` list export, or `None` when `text` is none.
pub(crate) fn read(text: &str, lossy: bool) -> Option<Vec<Line>> {
    if !is_export(text) {
        return None;
    }
    // the form's lines written out, and the input line of each
    let mut w = Written { text: String::with_capacity(text.len() + text.len() / 8), from: Vec::new() };
    for (i, raw) in super::split_lines(text).enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let start = w.from.len();
        let text_start = w.text.len();
        let tokens: Vec<&str> = raw.split(";#").map(str::trim).collect();
        // the field being written: its name (until written), whether it is
        // a heading, and how many values it has had
        let mut open: Option<(String, bool, usize)> = None;
        let mut k = 0;
        while k < tokens.len() {
            let token = tokens[k];
            k += 1;
            if let Some((names, heading)) = known_name(token) {
                if let Some((name, _, _)) = open.take().filter(|(n, _, _)| !n.is_empty()) {
                    w.push(&name, no);
                }
                w.push("", no);
                let (last, first) = names.split_last().map_or((String::new(), &[][..]), |(l, f)| (l.clone(), f));
                for n in first {
                    w.push(n, no);
                }
                if heading {
                    w.push(&last, no);
                    open = Some((String::new(), true, 0));
                } else {
                    open = Some((last, false, 0));
                }
                continue;
            }
            if token.is_empty() {
                continue;
            }
            // a field the tables do not know, after a known field's value
            // (`Content type;#JPO Vacancy Proposal`): its name and value
            // as they are
            let unknown = match &open {
                None => true,
                Some((_, _, values)) => *values > 0 && is_name_like(token),
            };
            if unknown {
                if let Some((name, _, _)) = open.take().filter(|(n, _, _)| !n.is_empty()) {
                    w.push(&name, no);
                }
                match tokens.get(k).filter(|v| known_name(v).is_none() && !v.is_empty()) {
                    // a long value stands apart (the note for supervisors)
                    Some(v) if v.len() > MAX_JOINED_VALUE => {
                        w.push(token, no);
                        for p in paragraphs(v) {
                            w.push(&p, no);
                        }
                        k += 1;
                    }
                    Some(v) => {
                        w.push(&format!("{token} ; {v}"), no);
                        k += 1;
                    }
                    None => w.push(token, no),
                }
                continue;
            }
            let Some((name, _, values)) = open.as_mut() else { continue };
            let paras = paragraphs(token);
            if *values == 0 && paras.len() == 1 && !name.is_empty() {
                w.push(&format!("{name} {}", paras[0]), no);
                name.clear();
            } else {
                if !name.is_empty() {
                    w.push(name, no);
                    name.clear();
                }
                for p in &paras {
                    // a list's items (a value after the first), or a
                    // value's paragraphs
                    if *values > 0 {
                        w.push(&format!("- {p}"), no);
                    } else {
                        w.push(p, no);
                        w.push("", no);
                    }
                }
            }
            *values += 1;
        }
        if let Some((name, _, _)) = open.take().filter(|(n, _, _)| !n.is_empty()) {
            w.push(&name, no);
        }
        // a line that wrote no text (`;#;#`, separators alone) is kept as
        // it is, for residue: no input line is lost
        let wrote = !w.text[text_start..].trim().is_empty();
        if !wrote && !raw.trim().is_empty() {
            w.push(&raw.trim().replace(";#", " ; "), no);
        } else if w.from.len() == start {
            w.push("", no);
        }
    }
    // the lines written hold no `;#` (they were split there), so reading
    // them does not come back here; a text that still did (`;` ending one
    // token, `#` opening the next) is kept from it all the same
    let written = if w.text.contains(";#") { w.text.replace(";#", "; #") } else { w.text };
    let mut lines = super::decode_and_normalize(&written, lossy);
    if lines.len() < w.from.len() {
        return None;
    }
    for (l, &no) in lines.iter_mut().zip(&w.from) {
        l.no = no;
    }
    lines.truncate(w.from.len());
    Some(lines)
}

/// The form's lines written out of an export, and the input line of each.
struct Written {
    text: String,
    from: Vec<u32>,
}

impl Written {
    fn push(&mut self, s: &str, no: u32) {
        self.text.push_str(s);
        self.text.push('\n');
        self.from.push(no);
    }
}
