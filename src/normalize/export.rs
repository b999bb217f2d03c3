//! Forms exported from other systems, as text the segmenter reads like a
//! form, one output line per input line.
//!
//! - A CSV (or TSV) key-value export: a header row of two to four quoted
//!   cells (`"Section","Field","Value"`), then one row per field. A cell may
//!   run over several lines (its paragraphs and list items). Each row's
//!   first line becomes `Field: value`, a field `Label - Sub-label` becomes
//!   `Label: Sub-label: value`, and the lines of a cell that goes on stay
//!   lines of the value. Doubled quotes are decoded.
//! - A JSON-like dump of the form's keys (`"key": "value",` lines, with or
//!   without comments and trailing commas): a key is read as words (`_`
//!   and `.` as spaces) and matched against the template's headings and
//!   labels; string escapes are decoded; an array's items become list
//!   items; a value holding paragraphs (`\n` escapes) keeps them as
//!   [`Out::Paragraphs`] of its one line.
//!
//! - A YAML dump of the form's keys (`key: value`, nested mappings by
//!   indentation, `- item` lists, `"..."` and `'...'` scalars, `|` and `>`
//!   block scalars, `~` for none, `#` comments, `---`): each line is read
//!   as the JSON dump's line it stands for, nesting closed by indentation,
//!   and the lines of a value that runs over several lines (a block
//!   scalar, a quoted or plain scalar that wraps) stay lines of the value.
//!
//! - An XML export (`<?xml ...?>` first): an element is read as the JSON
//!   dump's key it stands for (`<dutyStation>`: "duty station"; `<field
//!   name="Grade">`: "Grade"), an element holding others as an object, an
//!   `<item>` as a list item, a `<paragraph>` as a paragraph of the value;
//!   references (`&amp;`, `&#8211;`) decoded, CDATA kept as written,
//!   comments and the declaration layout.
//!
//! A key that no table names is not content of a field (a row stands on
//! its own and does not go on with the field before it): its value is
//! layout when it is the template's own text (title, letterhead,
//! boilerplate) or an identifier or a time stamp (no space in it), and
//! unclassified residue otherwise. Structure (the header row, braces,
//! brackets, comments) goes to residue as layout. A key matched only by
//! its words (a shortened label) is a guess ([`Export::guessed`]).

use crate::segment::labels;
use crate::template::{Home, Section, BOILERPLATE, DATE_LABELS, HEADINGS, LETTERHEAD};
use crate::text::fold;

/// What one input line becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Out {
    /// Text to normalize in place of the raw line.
    Text(String),
    /// Several paragraphs on the one line (a JSON value with `\n` escapes).
    Paragraphs(Vec<String>),
    /// Structure of the export, not content: residue, with this text.
    Layout(String),
    /// The value of a key no table names: not a field's (a row of an
    /// export stands on its own, it does not go on with the field before
    /// it), residue the parser could not place, with this text.
    Unplaced(String),
    /// Nothing.
    Blank,
}

/// A document read as an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Export {
    /// One entry per input line.
    pub lines: Vec<Out>,
    /// Per input line: its key was matched to a label by its words only.
    pub guessed: Vec<bool>,
    /// Per input line: the section it belongs to, when the export names
    /// it on the line (a section cell, or a key that is a heading), and
    /// whether the line's text opens with the heading's words and a colon
    /// before the section's text.
    pub sections: Vec<Option<(Section, bool)>>,
}

impl Export {
    pub(super) fn with_capacity(n: usize) -> Export {
        Export { lines: Vec::with_capacity(n), guessed: Vec::with_capacity(n), sections: Vec::with_capacity(n) }
    }

    /// The next input line's output, with no key read for it.
    fn push(&mut self, out: Out) {
        self.push_read((out, false, None));
    }

    /// The next input line's output as [`json_line`] read it: whether its
    /// key was a guess, and the section whose heading opens it.
    fn push_read(&mut self, (out, guessed, section): (Out, bool, Option<Section>)) {
        self.lines.push(out);
        self.guessed.push(guessed);
        self.sections.push(section.map(|s| (s, true)));
    }
}

/// How many lines are looked at to recognize an export.
const SNIFF_LINES: usize = 3;

/// Reads `text` as an export, or `None` when it is none (the common case:
/// only the first non-blank lines are looked at).
pub(crate) fn decode(text: &str) -> Option<Export> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut first = super::split_lines(text).map(str::trim).filter(|l| !l.is_empty()).take(SNIFF_LINES);
    let head = first.next()?;
    if let Some(cells) = csv_header(head) {
        let second = first.next()?;
        return second.starts_with('"').then(|| read_csv(text, cells));
    }
    if is_xml(text) {
        return Some(read_xml(text));
    }
    if super::fields::is_fields(text) {
        return Some(super::fields::read(text));
    }
    if super::ini::is_ini(text) {
        return Some(super::ini::read(text));
    }
    if is_yaml(text) {
        return Some(read_yaml(text));
    }
    let shaped = |l: &str| l == "{" || l.starts_with("//") || json_pair(l).is_some();
    if shaped(head) && first.next().is_some_and(shaped) && first.next().is_none_or(shaped) {
        // one line at least holds a key and a value
        if super::split_lines(text).take(SNIFF_LINES + 2).any(|l| json_pair(l.trim()).is_some()) {
            return Some(read_json(text));
        }
    }
    None
}

/// The separator of a CSV header row of two to four short quoted cells
/// (`"Section","Field","Value"`), or `None`.
fn csv_header(line: &str) -> Option<u8> {
    for sep in [b',', b'\t', b';'] {
        let (cells, open) = csv_cells(line, sep);
        let all_quoted = line.split(char::from(sep)).all(|c| {
            let c = c.trim();
            c.len() >= 2 && c.starts_with('"') && c.ends_with('"')
        });
        if !open
            && all_quoted
            && (2..=4).contains(&cells.len())
            && cells.iter().all(|c| !c.is_empty() && c.len() <= 40 && !c.contains(':'))
            && line.starts_with('"')
        {
            return Some(sep);
        }
    }
    None
}

/// The cells of a CSV line, decoded (doubled quotes undone); `true` when
/// the last cell's quote is still open at the end of the line.
fn csv_cells(line: &str, sep: u8) -> (Vec<String>, bool) {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut in_quotes = false;
    let mut chars = line.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek().is_some_and(|&(_, n)| n == '"') {
                    chars.next();
                    cur.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == '"' && cur.trim().is_empty() && !quoted {
            cur.clear();
            quoted = true;
            in_quotes = true;
        } else if c as u32 == u32::from(sep) {
            cells.push(std::mem::take(&mut cur).trim().to_string());
            quoted = false;
        } else {
            cur.push(c);
        }
    }
    cells.push(cur.trim().to_string());
    (cells, in_quotes)
}

/// The rest of a quoted cell that goes on over lines: its text on this
/// line (decoded) and whether the cell closes here.
fn csv_continued(line: &str) -> (String, bool) {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' {
            if chars.peek() == Some(&'"') {
                chars.next();
                out.push('"');
            } else {
                return (out, true);
            }
        } else {
            out.push(c);
        }
    }
    (out, false)
}

/// How a key or field name reads against the template tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Key {
    /// A section heading (its text).
    Heading(String, Section),
    /// Words of the template's boilerplate (the note for supervisors): kept
    /// before the value, which the boilerplate tables place.
    Boilerplate(String),
    /// A label; `guessed` when only its words matched; `part` when it is
    /// a qualification's sub-label (Minimum, Desirable).
    Label { text: String, guessed: bool, part: bool },
    /// Nothing the tables know.
    Unknown,
}

/// Reads a key: `_`, `.`, `-` and case folded away, then matched whole
/// against the headings, then against the labels, then (a guess) as the
/// opening words of a label, or a label's words with small words left out.
pub(super) fn read_key(key: &str) -> Key {
    let words = fold(key);
    if words.is_empty() {
        return Key::Unknown;
    }
    if let Some(h) = HEADINGS.iter().find(|h| h.aliases.contains(&words.as_str())) {
        return Key::Heading(h.aliases.first().copied().unwrap_or_default().to_uppercase(), h.section);
    }
    if BOILERPLATE.iter().any(|p| p.text == words) {
        return Key::Boilerplate(capitalize(&words));
    }
    if let Some(h) = labels::at_start(&words, |_| true).filter(|h| h.value_start >= words.len() && !h.glued) {
        let part = h.def.home == Home::QualBlock;
        return Key::Label { text: capitalize(&words), guessed: false, part };
    }
    // a label shortened by the form builder: its first words, or its words
    // without the small ones ("duration of assignment")
    let want: Vec<&str> = words.split(' ').filter(|w| !SMALL_WORDS.contains(w)).collect();
    for def in crate::template::LABELS {
        for alias in def.aliases {
            let have: Vec<&str> = alias.split(' ').filter(|w| !SMALL_WORDS.contains(w)).collect();
            let prefix = want.len() >= 2 && have.len() > want.len() && have[..want.len()] == want[..];
            if have == want || prefix {
                return Key::Label { text: capitalize(alias), guessed: true, part: def.home == Home::QualBlock };
            }
        }
    }
    Key::Unknown
}

/// Words a form builder leaves out of a label's key.
const SMALL_WORDS: &[&str] = &["of", "the", "and", "for", "by", "a", "to"];

/// The words that end a key naming the sentence before a list (folded).
const LEAD_IN_SUFFIXES: &[&str] = &["lead in", "leadin", "intro", "introduction text"];

/// The key of a list's items, whose label is the one before it (folded).
const ITEM_KEYS: &[&str] = &["items", "list", "values"];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A value with no label: the template's own text (its title, letterhead
/// or boilerplate) or an identifier or a time stamp (no space) is layout;
/// any other text is unplaced.
pub(super) fn unlabelled(value: &str, raw: &str) -> Out {
    let folded = fold(value);
    let template = LETTERHEAD.contains(&folded.as_str()) || BOILERPLATE.iter().any(|p| folded.starts_with(p.text));
    if template {
        Out::Layout(value.trim().to_string())
    } else if !value.trim().contains(' ') {
        Out::Layout(raw.trim().to_string())
    } else {
        Out::Unplaced(value.trim().to_string())
    }
}

fn read_csv(text: &str, sep: u8) -> Export {
    let mut lines = Vec::new();
    let mut guessed = Vec::new();
    let mut sections = Vec::new();
    let mut open = false;
    let mut header = true;
    // the first line of the row being read
    let mut row = Out::Blank;
    for raw in super::split_lines(text) {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if open {
            let (t, closed) = csv_continued(raw);
            open = !closed;
            // the lines of a cell are what its row's first line is
            lines.push(match &row {
                _ if t.trim().is_empty() => Out::Blank,
                Out::Layout(_) => Out::Layout(raw.trim().to_string()),
                Out::Unplaced(_) => Out::Unplaced(t.trim().to_string()),
                _ => Out::Text(t),
            });
            guessed.push(false);
            sections.push(None);
            continue;
        }
        sections.push(None);
        if raw.trim().is_empty() {
            lines.push(Out::Blank);
            guessed.push(false);
            continue;
        }
        let (cells, still_open) = csv_cells(raw, sep);
        open = still_open;
        if header {
            header = false;
            row = Out::Layout(String::new());
            lines.push(Out::Layout(raw.trim().to_string()));
            guessed.push(false);
            continue;
        }
        let n = cells.len();
        let value = cells.last().cloned().unwrap_or_default();
        let field = match n {
            0 | 1 => String::new(),
            2 | 3 => cells[n - 2].clone(),
            _ => format!("{} - {}", cells[n - 3], cells[n - 2]),
        };
        let (out, g, heading) = labelled(&field, &value, raw);
        // a section cell that names a heading
        let cell = (n >= 3).then(|| read_key(&cells[0])).and_then(|k| match k {
            Key::Heading(_, s) => Some((s, false)),
            _ => None,
        });
        if let Some(last) = sections.last_mut() {
            *last = heading.map(|s| (s, true)).or(cell);
        }
        row = out.clone();
        lines.push(out);
        guessed.push(g);
    }
    Export { lines, guessed, sections }
}

/// A field named `field` holding `value`: `Label: value` (a `Label - Sub`
/// name as `Label: Sub: value`), or the value alone; a field that names a
/// section is `Heading: value`, and its section is returned.
pub(super) fn labelled(field: &str, value: &str, raw: &str) -> (Out, bool, Option<Section>) {
    let (main, sub) = match field.split_once(" - ") {
        Some((m, s)) if matches!(read_key(s), Key::Label { .. }) => (m, Some(s)),
        _ => (field, None),
    };
    let sub = sub.map(|s| format!("{}: ", capitalize(&fold(s)))).unwrap_or_default();
    match read_key(main) {
        Key::Heading(h, s) => (Out::Text(format!("{}: {sub}{value}", capitalize(&h.to_lowercase()))), false, Some(s)),
        Key::Label { text, guessed, .. } => (Out::Text(format!("{text}: {sub}{value}")), guessed, None),
        Key::Boilerplate(text) => (Out::Text(format!("{text}: {value}")), false, None),
        Key::Unknown if value.trim().is_empty() => (Out::Layout(raw.trim().to_string()), false, None),
        Key::Unknown => (unlabelled(value, raw), false, None),
    }
}

/// The key and the rest of a `"key": rest` line, or `None`.
fn json_pair(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start_matches([' ', '\t', '{', ',']).trim_start();
    let (key, rest) = json_string(t)?;
    let rest = rest.trim_start().strip_prefix(':')?;
    Some((key, rest.trim_start()))
}

/// A JSON string at the start of `s`, decoded, and what follows it.
pub(super) fn json_string(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => {}
                'u' => {
                    let hex: String = (0..4).filter_map(|_| chars.next().map(|x| x.1)).collect();
                    let code = u32::from_str_radix(&hex, 16).ok()?;
                    // a surrogate pair: the low half follows as its own escape
                    if (0xD800..0xDC00).contains(&code) {
                        let rest = chars.as_str();
                        let low = rest.strip_prefix("\\u").and_then(|r| r.get(..4));
                        let low =
                            low.and_then(|h| u32::from_str_radix(h, 16).ok()).filter(|l| (0xDC00..0xE000).contains(l));
                        if let Some(l) = low {
                            for _ in 0..6 {
                                chars.next();
                            }
                            out.extend(char::from_u32(0x10000 + ((code - 0xD800) << 10) + (l - 0xDC00)));
                        }
                    } else {
                        out.extend(char::from_u32(code));
                    }
                }
                'b' | 'f' => out.push(' '),
                other => out.push(other),
            },
            _ => out.push(c),
        }
    }
    None
}

/// A string at the start of `s`, `"double-quoted"` (with escapes) or
/// `'single-quoted'`, decoded, and what follows it.
pub(super) fn quoted(s: &str) -> Option<(String, &str)> {
    if let Some(body) = s.strip_prefix('\'') {
        let end = body.find('\'')?;
        return Some((body[..end].to_string(), &body[end + 1..]));
    }
    json_string(s)
}

/// The items of an array written on one line (`["a", "b"]`, `['a']`),
/// and what follows its `]`, or `None` when it is not one.
pub(super) fn inline_items(v: &str) -> Option<(Vec<String>, &str)> {
    let mut rest = v.strip_prefix('[')?.trim_start();
    let mut items = Vec::new();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            return Some((items, after));
        }
        let (item, after) = quoted(rest)?;
        items.push(item);
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest).trim_start();
    }
}

/// A decoded value's paragraphs (split at its line breaks).
pub(super) fn paragraphs(value: &str) -> Vec<String> {
    value.split('\n').map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

fn read_json(text: &str) -> Export {
    let mut out = Export::with_capacity(text.len() / 40 + 1);
    // the label the open list or object belongs to (its text), and whether
    // each open object is a labelled one (its keys are the label's parts)
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut last_label: Option<String> = None;
    for raw in super::split_lines(text) {
        let t = raw.trim().trim_start_matches('\u{feff}');
        out.push_read(json_line(t, &mut stack, &mut last_label));
    }
    out
}

/// One line of a JSON-like dump, whether its key was a guess, and the
/// section whose heading opens it before its text.
pub(super) fn json_line(
    t: &str,
    stack: &mut Vec<Option<String>>,
    last_label: &mut Option<String>,
) -> (Out, bool, Option<Section>) {
    let (out, guessed) = json_line_inner(t, stack, last_label);
    // a key that names a section, with the section's text after it
    let texted = matches!(&out, Out::Text(x) if x.contains(": ")) || matches!(out, Out::Paragraphs(_));
    let section = json_pair(t).filter(|_| texted).and_then(|(key, rest)| match read_key(&key) {
        Key::Heading(_, s) if !rest.starts_with(['{', '[']) => Some(s),
        _ => None,
    });
    (out, guessed, section)
}

fn json_line_inner(t: &str, stack: &mut Vec<Option<String>>, last_label: &mut Option<String>) -> (Out, bool) {
    if t.is_empty() {
        return (Out::Blank, false);
    }
    if t.starts_with("//") || t.starts_with('#') {
        return (Out::Layout(t.to_string()), false);
    }
    let closes = t.bytes().filter(|&b| b == b'}' || b == b']').count();
    let opens_only = |s: &str| s.bytes().all(|b| matches!(b, b'{' | b'}' | b'[' | b']' | b',' | b' '));
    if opens_only(t) {
        for _ in 0..closes {
            stack.pop();
        }
        if t.contains('{') || t.contains('[') {
            stack.push(None);
        }
        return (Out::Layout(t.to_string()), false);
    }
    // an array item
    if t.starts_with('"') && json_pair(t).is_none() {
        let value = json_string(t).map(|(v, _)| v).unwrap_or_default();
        pop_closed(t, stack);
        let p = paragraphs(&value);
        return match p.len() {
            0 => (Out::Layout(t.to_string()), false),
            1 => (Out::Text(format!("- {}", p[0])), false),
            _ => (Out::Paragraphs(p.into_iter().map(|s| format!("- {s}")).collect()), false),
        };
    }
    let Some((key, mut rest)) = json_pair(t) else {
        return (Out::Layout(t.to_string()), false);
    };
    // the key's text, with a parent's label before it ("Education: Minimum")
    let mut prefix = String::new();
    let mut key = key;
    let mut guess = false;
    // an object opened on this line with its first pair: the key is a label
    // of its own and the pair its part
    if let Some(inner) = rest.strip_prefix('{').map(str::trim_start).filter(|r| r.starts_with('"')) {
        if let Some((k2, r2)) = json_pair(inner) {
            match read_key(&key) {
                Key::Label { text, guessed, .. } => {
                    prefix = format!("{text}: ");
                    guess |= guessed;
                    *last_label = Some(text.clone());
                    stack.push(Some(text));
                }
                _ => stack.push(None),
            }
            key = k2;
            rest = r2;
        }
    }
    // the labelled object the key is a part of (one opened on this line too)
    let parent = stack.last().cloned().flatten();
    let folded = fold(&key);
    // a lead-in under its own key: the label of the rest of the key
    let lead = LEAD_IN_SUFFIXES.iter().find_map(|s| {
        if folded == *s {
            Some(String::new())
        } else {
            folded.strip_suffix(s).map(|k| k.trim_end().to_string())
        }
    });
    let kind = match &lead {
        Some(k) if k.is_empty() => Key::Unknown,
        Some(k) => read_key(k),
        None => read_key(&folded),
    };
    let is_lead = lead.is_some();
    // a part of a labelled object that is no sub-label ("name", "email"
    // under the supervisor): its value alone, a line of the label's value
    let part_value = parent.is_some() && !matches!(kind, Key::Label { part: true, .. });
    let label = match (&kind, part_value) {
        (_, true) => None,
        (Key::Label { text, guessed, .. }, _) => {
            guess |= guessed;
            Some(text.clone())
        }
        (Key::Heading(h, _), _) => Some(capitalize(&h.to_lowercase())),
        (Key::Boilerplate(b), _) => Some(b.clone()),
        _ => None,
    };
    if let (Key::Heading(h, _), true) = (&kind, rest.starts_with('{')) {
        *last_label = None;
        stack.push(None);
        return (Out::Text(h.clone()), false);
    }
    if let Some((items, tail)) =
        rest.starts_with('[').then(|| inline_items(rest)).flatten().filter(|(i, _)| !i.is_empty())
    {
        // a list written on one line: the label, then its items
        for _ in tail.bytes().filter(|&b| b == b'}' || b == b']') {
            stack.pop();
        }
        let mut paras: Vec<String> = items.iter().flat_map(|i| paragraphs(i)).map(|i| format!("- {i}")).collect();
        let same = label.is_some() && *last_label == label;
        match &label {
            _ if same || ITEM_KEYS.contains(&folded.as_str()) => {}
            Some(l) => paras.insert(0, format!("{prefix}{l}:")),
            None => return (unlabelled(&items.join(" "), t), false),
        }
        *last_label = label.or(last_label.take());
        let out = if paras.len() == 1 { Out::Text(paras.remove(0)) } else { Out::Paragraphs(paras) };
        return (out, guess);
    }
    if rest.starts_with('{') || rest.starts_with('[') {
        let empty = rest.starts_with("[]") || rest.starts_with("{}");
        if empty {
            return (Out::Layout(t.to_string()), false);
        }
        // an object or a list opens: a heading, a label, or the items of
        // the label just read (`"key_outputs": [` after its lead-in)
        let same = label.is_some() && *last_label == label;
        let items = ITEM_KEYS.contains(&folded.as_str());
        let out = match &label {
            _ if same || items => Out::Layout(t.to_string()),
            Some(l) => Out::Text(format!("{prefix}{l}:")),
            None => Out::Layout(t.to_string()),
        };
        *last_label = label.clone().or(last_label.take());
        stack.push(label);
        return (out, guess);
    }
    let value = json_string(rest).map(|(v, _)| v);
    pop_closed(rest, stack);
    let Some(value) = value else {
        // a number, a boolean or null
        let v = rest.trim_end_matches([',', '}', ']', ' ']);
        return match label {
            Some(l) => (Out::Text(format!("{prefix}{l}: {v}")), guess),
            None => (Out::Layout(t.to_string()), false),
        };
    };
    let mut paras = paragraphs(&value);
    if paras.is_empty() {
        return (Out::Layout(t.to_string()), false);
    }
    match &label {
        Some(l) => {
            paras[0] = format!("{prefix}{l}: {}", paras[0]);
            *last_label = Some(l.clone());
        }
        None if !prefix.is_empty() => paras[0] = format!("{prefix}{}", paras[0]),
        None if part_value => {}
        // a page's date (front matter's `date:`): a date line, which the
        // header reads the issue's date from when no label gives it
        None if DATE_LABELS.contains(&folded.as_str())
            && paras.len() == 1
            && crate::segment::dates::date_line(&paras[0]).is_some() =>
        {
            return (Out::Text(format!("Date: {}", paras[0])), false)
        }
        None if !is_lead => return (unlabelled(&paras.join(" "), t), false),
        None => {}
    }
    let out = if paras.len() == 1 { Out::Text(paras.remove(0)) } else { Out::Paragraphs(paras) };
    (out, guess)
}

/// How many key lines open a YAML dump, at least, for it to be read as
/// one ([`is_yaml`]).
const YAML_SNIFF_KEYS: usize = 3;

/// A YAML mapping key at the start of a (trimmed) line: a key with no
/// space in it (`duty_station`, `title`), then `:` and a space or the
/// line's end. A form's own labels have spaces ("Duty station:"), so a
/// text form is never read as YAML.
fn yaml_key(t: &str) -> Option<(&str, &str)> {
    let end = t.find(':')?;
    let key = &t[..end];
    let rest = &t[end + 1..];
    let keyish = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && (key.as_bytes()[0].is_ascii_alphabetic() || key.starts_with('_'));
    (keyish && (rest.is_empty() || rest.starts_with(' '))).then(|| (key, rest.trim()))
}

/// A line as the normalizer will read it, for the YAML reader: without the
/// control characters it drops (a key hidden behind one is a key once they
/// are gone, and must be one the first time too).
pub(super) fn without_controls(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
        raw.chars().filter(|&c| !c.is_ascii_control() || c == '\t').collect::<String>().into()
    } else {
        raw.into()
    }
}

/// Whether `text` is a YAML dump: its first lines that are not comments
/// (`#`) or document markers (`---`) are [`YAML_SNIFF_KEYS`] keys at
/// least, one of them snake_case (`post_number`) or the text opening with
/// `---`.
fn is_yaml(text: &str) -> bool {
    let mut lines = super::split_lines(text).map(without_controls).filter(|l| {
        let l = l.trim();
        !l.is_empty() && !l.starts_with('#')
    });
    let mut marked = false;
    let mut keys = 0;
    for line in lines.by_ref().take(YAML_SNIFF_KEYS + 1) {
        let t = line.trim();
        if t == "---" || t.starts_with("%YAML") {
            marked = true;
            continue;
        }
        let Some((key, _)) = yaml_key(t) else { return false };
        marked |= key.contains('_');
        keys += 1;
        if keys >= YAML_SNIFF_KEYS {
            return marked;
        }
    }
    false
}

/// The most lines a page's front matter is looked for in.
const MAX_FRONT_MATTER_LINES: usize = 200;

/// A static site's page (Jekyll, Hugo): YAML front matter between two
/// `---` lines at the top, then the page's text. The index of the closing
/// line, or `None`. The front matter holds [`YAML_SNIFF_KEYS`] keys at
/// least (a `---` rule over a few labels is no front matter) and the page
/// goes on after it.
pub(crate) fn front_matter(text: &str) -> Option<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // a field dump's blocks open with `---` too
    if super::fields::is_fields(text) {
        return None;
    }
    let mut lines = super::split_lines(text);
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let mut keys = 0;
    for (i, raw) in lines.by_ref().take(MAX_FRONT_MATTER_LINES).enumerate() {
        let t = raw.trim_end();
        if t == "---" || t == "..." {
            let body = lines.any(|l| !l.trim().is_empty());
            return (keys >= YAML_SNIFF_KEYS && body).then_some(i + 1);
        }
        if !raw.starts_with([' ', '\t', '-', '#']) && !t.is_empty() {
            yaml_key(t)?;
            keys += 1;
        }
    }
    None
}

/// Elements whose text is a paragraph of the value they stand in.
const XML_PARAGRAPHS: &[&str] = &["paragraph", "para", "p", "text"];

/// Elements that hold the template's guidance, kept in the export: layout,
/// as the dump's comments are.
const XML_GUIDANCE: &[&str] = &["guidance", "instructions", "hint"];

/// Whether `text` is an XML export: it opens with an XML declaration, and
/// is not XHTML.
fn is_xml(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<?xml") && !t.get(..t.len().min(4096)).is_some_and(|h| h.contains("<html"))
}

/// An element's name as words ("dutyStation" to "duty Station",
/// "organisational_unit" as it is: the fold makes `_` a space).
pub(super) fn xml_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_uppercase() && prev_lower {
            out.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// The value of attribute `name` in an opening tag's attributes.
fn xml_attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(k) = rest.find(name) {
        let after = &rest[k + name.len()..];
        let boundary = k == 0 || rest[..k].ends_with(char::is_whitespace);
        if let Some(v) = after.trim_start().strip_prefix('=').map(str::trim_start).filter(|_| boundary) {
            let q = v.chars().next().filter(|&q| q == '"' || q == '\'')?;
            return v[1..].find(q).map(|e| &v[1..1 + e]);
        }
        rest = after;
    }
    None
}

/// Text of an element with its references decoded.
fn xml_text(s: &str) -> String {
    let s = s.trim();
    super::html::decode_references(s).unwrap_or_else(|| s.to_string())
}

/// An opening tag at the start of `t`: its name, its attributes, whether
/// it closes itself, and the text after it.
fn xml_open(t: &str) -> Option<(&str, &str, bool, &str)> {
    let rest = t.strip_prefix('<')?;
    let name_len =
        rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))).unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let end = rest.find('>')?;
    if end < name_len {
        return None;
    }
    let name = &rest[..name_len];
    let attrs = &rest[name_len..end];
    let closes = attrs.ends_with('/');
    Some((name, attrs.trim_end_matches('/'), closes, &rest[end + 1..]))
}

fn read_xml(text: &str) -> Export {
    let mut out = Export::with_capacity(text.len() / 40 + 1);
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut last_label: Option<String> = None;
    // inside a comment, a CDATA section, or an element's text that goes on
    // over lines (its name)
    let mut comment = false;
    let mut cdata = false;
    let mut open_text: Option<String> = None;
    for raw in super::split_lines(text) {
        let t = raw.trim().trim_start_matches('\u{feff}');
        if comment {
            comment = !t.contains("-->");
            out.push(if t.is_empty() { Out::Blank } else { Out::Layout(t.to_string()) });
            continue;
        }
        if cdata {
            match t.find("]]>") {
                Some(k) => {
                    cdata = false;
                    let part = t[..k].trim();
                    out.push(if part.is_empty() { Out::Layout(t.to_string()) } else { Out::Text(part.to_string()) });
                }
                None => out.push(if t.is_empty() { Out::Blank } else { Out::Text(t.to_string()) }),
            }
            continue;
        }
        // a tag line ends an element's text that was never closed
        if open_text.as_ref().is_some_and(|n| t.starts_with('<') && !t.starts_with(&format!("</{n}>"))) {
            open_text = None;
        }
        if let Some(name) = &open_text {
            let close = format!("</{name}>");
            let (part, done) = match t.find(&close) {
                Some(k) => (&t[..k], true),
                None => (t, false),
            };
            if done {
                open_text = None;
            }
            let part = xml_text(part);
            out.push(if part.is_empty() { Out::Layout(t.to_string()) } else { Out::Text(part) });
            continue;
        }
        if t.is_empty() {
            out.push(Out::Blank);
            continue;
        }
        if t.starts_with("<?") || t.starts_with("<!DOCTYPE") {
            out.push(Out::Layout(t.to_string()));
            continue;
        }
        if t.starts_with("<!--") {
            comment = !t.contains("-->");
            out.push(Out::Layout(t.to_string()));
            continue;
        }
        if t.starts_with("</") {
            // a closing tag: the object it opened ends
            stack.pop();
            out.push(Out::Layout(t.to_string()));
            continue;
        }
        let Some((name, attrs, closes, rest)) = xml_open(t) else {
            let v = xml_text(t);
            out.push(if v.is_empty() { Out::Layout(t.to_string()) } else { Out::Text(v) });
            continue;
        };
        let key = xml_attribute(attrs, "name").map_or_else(|| xml_words(name), str::to_string);
        if closes {
            out.push(Out::Layout(t.to_string()));
            continue;
        }
        let close = format!("</{name}>");
        let rest_t = rest.trim();
        if rest_t.is_empty() {
            out.push_read(read_as_json(&format!("{}: {{", json_literal(&key)), t, &mut stack, &mut last_label));
            continue;
        }
        let (value, whole) = if let Some(c) = rest_t.strip_prefix("<![CDATA[") {
            match c.find("]]>") {
                Some(k) => (c[..k].trim().to_string(), true),
                None => {
                    cdata = true;
                    (c.trim().to_string(), false)
                }
            }
        } else {
            match rest_t.find(&close) {
                Some(k) => (xml_text(&rest_t[..k]), true),
                None => {
                    open_text = Some(name.to_string());
                    (xml_text(rest_t), false)
                }
            }
        };
        // an acronym given as an attribute goes after the name it stands for
        let value = match xml_attribute(attrs, "acronym").filter(|a| !a.is_empty() && whole) {
            Some(a) if !value.is_empty() => format!("{value} ({a})"),
            _ => value,
        };
        if XML_GUIDANCE.contains(&name) {
            out.push(Out::Layout(if value.is_empty() { t.to_string() } else { value }));
            continue;
        }
        if XML_PARAGRAPHS.contains(&name) {
            out.push(if value.is_empty() { Out::Layout(t.to_string()) } else { Out::Text(value) });
            continue;
        }
        let json = if name == "item" {
            json_literal(if value.is_empty() { LATER } else { &value })
        } else {
            format!("{}: {}", json_literal(&key), json_literal(if value.is_empty() { LATER } else { &value }))
        };
        out.push_read(read_as_json(&json, t, &mut stack, &mut last_label));
    }
    out
}

/// A placeholder for a value that starts on the next line (a block
/// scalar): read with the JSON line's value logic, then taken out.
pub(super) const LATER: &str = "\u{E000}";

/// A YAML scalar written on its line: its text (quotes decoded), and the
/// quote still open when it goes on over the next lines.
fn yaml_scalar(v: &str) -> (String, Option<char>) {
    let Some(q) = v.chars().next().filter(|&c| c == '"' || c == '\'') else {
        // a plain scalar, up to a comment
        let v = v.find(" #").map_or(v, |k| &v[..k]);
        return (v.trim().to_string(), None);
    };
    yaml_quoted(&v[1..], q)
}

/// The rest of a quoted scalar from `s` (after its opening quote, or a
/// line it goes on over): its text, and the quote when it is still open.
fn yaml_quoted(s: &str, q: char) -> (String, Option<char>) {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if q == '"' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push(' '),
                Some(other) => out.push(other),
                None => {}
            },
            '\'' if q == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
                out.push('\'');
            }
            c if c == q => return (out.trim().to_string(), None),
            c => out.push(c),
        }
    }
    (out.trim().to_string(), Some(q))
}

/// A string as a JSON string literal.
pub(super) fn json_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How far a line is indented.
fn indentation(raw: &str) -> usize {
    raw.len() - raw.trim_start().len()
}

/// Whether a YAML value marks a block scalar (`|`, `>`, `|-`, `>+`, ...).
fn block_indicator(v: &str) -> bool {
    let v = v.find(" #").map_or(v, |k| &v[..k]).trim();
    v.starts_with(['|', '>']) && v[1..].bytes().all(|b| matches!(b, b'-' | b'+' | b'0'..=b'9'))
}

/// Reads a YAML dump (or a page's front matter, [`front_matter`]).
pub(crate) fn read_yaml(text: &str) -> Export {
    let raws: Vec<&str> = super::split_lines(text).collect();
    let mut export = Export::with_capacity(raws.len());
    // the JSON reader's state, and the indentation of each open mapping or
    // list's key (closed by a line indented no deeper)
    let mut stack: Vec<Option<String>> = Vec::new();
    let mut opens: Vec<usize> = Vec::new();
    let mut last_label: Option<String> = None;
    // inside a value that goes on over lines: the indentation of its key
    // (or item), and the quote still open
    let mut value_of: Option<(usize, Option<char>)> = None;
    // the next line of a block scalar opens a list item
    let mut item_pending = false;
    // inside a mapping or list under a top-level key no table names (the
    // dump's own metadata, `_migration:`): the indentation of that key.
    // What it holds is no field's, whatever its keys (`warnings:`).
    let mut outside: Option<usize> = None;
    for (i, raw) in raws.iter().enumerate() {
        let clean = without_controls(raw);
        let raw: &str = &clean;
        let t = raw.trim().trim_start_matches('\u{feff}');
        let depth = indentation(raw);
        if let Some(o) = outside {
            if t.is_empty() || depth > o {
                let out = if t.is_empty() {
                    Out::Blank
                } else {
                    let v = yaml_key(t).map_or(t, |(_, v)| v);
                    let v = v.strip_prefix("- ").unwrap_or(v);
                    unlabelled(&yaml_scalar(v).0, t)
                };
                export.push(out);
                continue;
            }
            outside = None;
            value_of = None;
        }
        if let Some((key_depth, quote)) = value_of {
            if let Some(q) = quote {
                let (part, open) = yaml_quoted(t, q);
                value_of = open.map(|q| (key_depth, Some(q)));
                export.push(if part.is_empty() { Out::Blank } else { Out::Text(part) });
                continue;
            }
            if t.is_empty() {
                export.push(Out::Blank);
                continue;
            }
            if depth > key_depth {
                let marker = if std::mem::take(&mut item_pending) { "- " } else { "" };
                export.push(Out::Text(format!("{marker}{t}")));
                continue;
            }
            value_of = None;
            item_pending = false;
        }
        if t.is_empty() {
            export.push(Out::Blank);
            continue;
        }
        if t.starts_with('#') || t == "---" || t == "..." || t.starts_with("%YAML") {
            export.push(Out::Layout(t.to_string()));
            continue;
        }
        let item = t.strip_prefix("- ").or_else(|| (t == "-").then_some(""));
        // a line indented no deeper than an open key closes it (a list's
        // items may stand at its key's indentation)
        while opens.last().is_some_and(|&o| depth < o || (depth == o && item.is_none())) {
            opens.pop();
            stack.pop();
        }
        // the JSON line this one stands for
        let (json, goes_on) = match (item, yaml_key(t)) {
            (Some(v), _) => {
                let (value, quote) = yaml_scalar(v);
                if block_indicator(v) || v.is_empty() {
                    item_pending = true;
                    value_of = Some((depth, None));
                    export.push(Out::Layout(t.to_string()));
                    continue;
                }
                (json_literal(&value), quote.map(|q| (depth, Some(q))).or(Some((depth, None))))
            }
            (None, Some((key, ""))) => {
                // a mapping or a list opens under the key
                let next = raws[i + 1..].iter().map(|r| r.trim()).find(|r| !r.is_empty() && !r.starts_with('#'));
                let list = next.is_some_and(|n| n.starts_with("- ") || n == "-");
                if stack.is_empty() && read_key(key) == Key::Unknown {
                    outside = Some(depth);
                    export.push(Out::Layout(t.to_string()));
                    continue;
                }
                opens.push(depth);
                (format!("{}: {}", json_literal(key), if list { "[" } else { "{" }), None)
            }
            (None, Some((key, v))) if block_indicator(v) => {
                (format!("{}: {}", json_literal(key), json_literal(LATER)), Some((depth, None)))
            }
            (None, Some((key, v))) if v == "~" || v == "null" || v == "Null" || v == "NULL" => {
                // no value: the key alone, as a label with nothing after it
                (format!("{}: \"\"", json_literal(key)), None)
            }
            (None, Some((key, v))) if inline_items(v).is_some_and(|(_, tail)| tail.trim().is_empty()) => {
                // a flow sequence on its line: the JSON dump's array
                let items = inline_items(v).map(|(i, _)| i).unwrap_or_default();
                let items: Vec<String> = items.iter().map(|i| json_literal(i)).collect();
                (format!("{}: [{}]", json_literal(key), items.join(", ")), None)
            }
            (None, Some((key, v))) => {
                let (value, quote) = yaml_scalar(v);
                (format!("{}: {}", json_literal(key), json_literal(&value)), Some((depth, quote)))
            }
            (None, None) => {
                // a line the dump's shape does not explain
                export.push(Out::Unplaced(t.to_string()));
                continue;
            }
        };
        value_of = goes_on;
        // an opener the JSON reader pushed is closed by indentation here
        export.push_read(read_as_json(&json, t, &mut stack, &mut last_label));
    }
    export
}

/// A line of another dump (YAML, XML) read as the JSON dump's line `json`
/// it stands for: [`LATER`] taken out of the text, and layout shown as the
/// line `t` itself.
pub(super) fn read_as_json(
    json: &str,
    t: &str,
    stack: &mut Vec<Option<String>>,
    last_label: &mut Option<String>,
) -> (Out, bool, Option<Section>) {
    let (out, g, s) = json_line(json, stack, last_label);
    let out = match out {
        Out::Text(x) => Out::Text(x.replace(LATER, "").trim_end().to_string()),
        Out::Paragraphs(p) => Out::Paragraphs(p.into_iter().map(|x| x.replace(LATER, "")).collect()),
        Out::Layout(_) => Out::Layout(t.to_string()),
        other => other,
    };
    (out, g, s)
}

/// Pops the objects and lists closed after a value (`... },`).
fn pop_closed(rest: &str, stack: &mut Vec<Option<String>>) {
    // what follows the value's closing quote
    let tail = json_string(rest.trim_start()).map_or(rest, |(_, r)| r);
    for _ in tail.bytes().filter(|&b| b == b'}' || b == b']') {
        stack.pop();
    }
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
    fn arrays_written_on_one_line() {
        let e = decode("{\n  \"grade\": \"P2\",\n  \"learning_elements\": [\"One;\", \"Two.\"],\n  \"tags\": [\"a b\", \"c\"]\n}\n").expect("json");
        assert_eq!(texts(&e)[2], "Learning elements: / - One; / - Two.");
        // a key no table names: its items are no field's
        assert_eq!(texts(&e)[3], "?a b c");
        let e = decode("post_number: 1\ngrade: P2\nskills: ['Excel', \"R\"]\ntitle: x\n").expect("yaml");
        assert_eq!(texts(&e)[2], "Skills: / - Excel / - R");
        assert_eq!(texts(&e)[3], "Title: x");
        assert_eq!(inline_items("[\"a\", 'b'] # c"), Some((vec!["a".to_string(), "b".to_string()], " # c")));
        assert_eq!(inline_items("[a, b]"), None);
    }

    #[test]
    fn detection() {
        assert!(decode("\"Field\",\"Value\"\n\"Grade\",\"P2\"\n").is_some());
        assert!(decode("\u{feff}\"Section\";\"Field\";\"Value\"\r\n\"\";\"Grade\";\"P2\"\r\n").is_some());
        assert!(decode("{\n  \"grade\": \"P2\",\n  \"title\": \"x\"\n}\n").is_some());
        assert!(decode("// dump\n{\n  \"grade\": \"P2\"\n}\n").is_some());
        // a plain form, a quoted sentence, a lone brace in prose: no export
        assert!(decode("GENERAL INFORMATION\nGrade: P2\n").is_none());
        assert!(decode("\"Decent work for all\", she said.\nGrade: P2\n").is_none());
        assert!(decode("\"Title\": Junior Professional Officer\nGrade: P2\n").is_none());
        assert!(decode("{\nGrade: P2\n}\n").is_none());
        assert!(decode("").is_none());
        // YAML: snake_case keys, or a document marker; a form's labels have spaces
        assert!(decode("# dump\n---\ntitle: A\ngrade: P2\nyear: 2024\n").is_some());
        assert!(decode("post_number: 1\ngrade: P2\ntitle: x\n").is_some());
        assert!(decode("Title: A\nGrade: P2\nYear: 2024\n").is_none());
        assert!(decode("Post number: 1\nduty_station: x\ngrade: P2\n").is_none());
    }

    #[test]
    fn xml_elements_attributes_cdata_and_comments() {
        let text = "<?xml version=\"1.0\"?>\n<!-- exported\n  by hand -->\n<vacancy id=\"x\">\n  <dutyStation>Kathmandu &amp; Pokhara</dutyStation>\n\
                    <field name=\"Grade\">P1</field>\n  <department acronym=\"CO-K\">ILO Office</department>\n  <introduction>\n\
                    <paragraph>First &#8211; one.</paragraph>\n    <paragraph>Second\n  goes on.</paragraph>\n  </introduction>\n\
                    <guidance>Indicate which</guidance>\n  <field name=\"Content and methodology of supervision\"><![CDATA[\nA & B.\n]]></field>\n\
                    <skills>\n    <item>One.</item>\n    <desirable/>\n  </skills>\n</vacancy>";
        let e = decode(text).expect("xml");
        assert_eq!(
            texts(&e),
            [
                "[<?xml version=\"1.0\"?>]",
                "[<!-- exported]",
                "[by hand -->]",
                "[<vacancy id=\"x\">]",
                "Duty station: Kathmandu & Pokhara",
                "Grade: P1",
                "Department: ILO Office (CO-K)",
                "INTRODUCTION",
                "First – one.",
                "Second",
                "goes on.",
                "[</introduction>]",
                "[Indicate which]",
                "Content and methodology of supervision:",
                "A & B.",
                "[]]></field>]",
                "Skills:",
                "- One.",
                "[<desirable/>]",
                "[</skills>]",
                "[</vacancy>]",
            ]
        );
        assert_eq!(e.lines.len(), super::super::split_lines(text).count());
        // XHTML is no export
        assert!(decode("<?xml version=\"1.0\"?>\n<html><body>x</body></html>").is_none_or(|e| !is_xml_export(&e)));
    }

    fn is_xml_export(e: &Export) -> bool {
        e.lines.iter().any(|l| matches!(l, Out::Layout(t) if t.starts_with("<?xml")))
    }

    #[test]
    fn a_page_front_matter_ends_at_its_second_rule() {
        let page = "---\nlayout: vacancy\ntitle: \"A\"\ngrade: P2\ntags: [a, b]\n---\n\n## General information\n";
        assert_eq!(front_matter(page), Some(5));
        // a rule over a label or two, a front matter with nothing after it,
        // one that never closes: no page
        assert_eq!(front_matter("---\nTitle: A\n---\ntext\n"), None);
        assert_eq!(front_matter("---\na_b: 1\nc: 2\nd: 3\n---\n\n"), None);
        assert_eq!(front_matter("---\na_b: 1\nc: 2\nd: 3\ntext\n"), None);
        let lines = super::super::normalize(page, false);
        assert_eq!(lines.len(), 9);
        assert_eq!(lines[2].text, "Title: A");
        assert_eq!(lines[7].no, 8);
    }

    #[test]
    fn yaml_keys_scalars_blocks_and_lists() {
        let text = "---\nduty_station: 'Gen\u{e8}ve, l''ONU'\ngeneral_information:\n  title: \"A \\\"quoted\\\" title\"  \n  \
                    organisational_unit: >-\n    Unit of\n    Work (UW)\nqualifications_and_experience:\n  education:\n    \
                    minimum: Degree.\n    desirable: ~\nduties_and_responsibilities:\n  lead_in: \"The JPO will:\"\n  tasks:\n    \
                    - One;\n    - >-\n      Two\n      goes on.\n    - \"Three\n      wraps\"\n_meta:\n  warnings:\n    - \
                    \"x: y\"\nintroduction: Text # a comment\n...";
        let e = decode(text).expect("yaml");
        assert_eq!(
            texts(&e),
            [
                "[---]",
                "Duty station: Genève, l'ONU",
                "GENERAL INFORMATION",
                "Title: A \"quoted\" title",
                "Organisational unit:",
                "Unit of",
                "Work (UW)",
                "QUALIFICATIONS AND EXPERIENCE",
                "Education:",
                "Minimum: Degree.",
                "[desirable: ~]",
                "DUTIES AND RESPONSIBILITIES",
                "The JPO will:",
                "[tasks:]",
                "- One;",
                "[- >-]",
                "- Two",
                "goes on.",
                "- Three",
                "wraps",
                "[_meta:]",
                "[warnings:]",
                "?x: y",
                "Introduction: Text",
                "[...]",
            ]
        );
        assert_eq!(e.lines.len(), super::super::split_lines(text).count());
    }

    #[test]
    fn csv_rows_become_labels_and_values_line_for_line() {
        let text = "\"Section\",\"Field\",\"Value\"\r\n\
\"GENERAL INFORMATION\",\"Grade\",\"P2\"\r\n\
\"QUALIFICATIONS AND EXPERIENCE\",\"Languages - Minimum\",\"Fluent \"\"plain\"\" English.\"\r\n\
\"INTRODUCTION\",\"Introduction\",\"First.\n\nSecond, with a \"\"quote\"\".\"\r\n\
\"\",\"Exported\",\"2024-01-01\"\r\n";
        let e = decode(text).expect("csv");
        assert_eq!(
            texts(&e),
            [
                "[\"Section\",\"Field\",\"Value\"]",
                "Grade: P2",
                "Languages: Minimum: Fluent \"plain\" English.",
                "Introduction: First.",
                "",
                "Second, with a \"quote\".",
                "[\"\",\"Exported\",\"2024-01-01\"]",
                "",
            ]
        );
        assert_eq!(e.lines.len(), super::super::split_lines(text).count());
        assert_eq!(e.sections[1], Some((Section::General, false)));
        assert_eq!(e.sections[3], Some((Section::Introduction, true)));
        assert_eq!(e.sections[5], None);
    }

    #[test]
    fn json_keys_escapes_arrays_and_objects() {
        let text = r#"{
  "duty_station": "Gen\u00e8ve",
  "supervision": {
    "direct_supervision_by": { "name": "A. Person",
      "email": "a@example.org" },
    "content_and_methodology": "One.\n\nTwo \"quoted\" \\ end.",
  },
  "skills_required_for_the_assignment": { "minimum": "Writing.",
    "desirable": "Drawing." },
  "key_outputs_lead_in": "The JPO will deliver:",
  "key_outputs": [
    "A report.",
  ],
  "stamp": "2024-01-01T00:00:00Z",
  "free_text": "Words that no label names.",
}"#;
        let e = decode(text).expect("json");
        assert_eq!(
            texts(&e),
            [
                "[{]",
                "Duty station: Genève",
                "SUPERVISION",
                "Direct supervision by: A. Person",
                "a@example.org",
                "Content and methodology of supervision: One. / Two \"quoted\" \\ end.",
                "[},]",
                "Skills required for the assignment: Minimum: Writing.",
                "Desirable: Drawing.",
                "Key outputs: The JPO will deliver:",
                "[\"key_outputs\": []",
                "- A report.",
                "[],]",
                "[\"stamp\": \"2024-01-01T00:00:00Z\",]",
                "?Words that no label names.",
                "[}]",
            ]
        );
        // the shortened methodology key is a guess; the others are not
        assert_eq!(e.guessed.iter().filter(|&&g| g).count(), 1);
        assert!(e.guessed[5]);
    }

    #[test]
    fn keys_read_as_words() {
        assert!(matches!(read_key("duty_station"), Key::Label { guessed: false, .. }));
        assert!(matches!(read_key("background.information"), Key::Heading(_, Section::Background)));
        assert!(matches!(read_key("duration_of_assignment"), Key::Label { .. }));
        assert!(matches!(read_key("minimum"), Key::Label { part: true, .. }));
        assert_eq!(read_key("form_id"), Key::Unknown);
        assert_eq!(read_key("__"), Key::Unknown);
    }

    #[test]
    fn broken_input_never_panics() {
        for t in [
            "\"a\",\"b\"\n\"x",
            "{\n\"k\": \"\\u12",
            "{\n\"k\": \"\\ud800\\u0041\"\n",
            "{\n\"k\": [\n\"\\",
            "\"a\",\"b\"\n\"\"\"\n",
            "---\na_b: \"x\ny: |\nz: '\n- \"",
            "---\na_b:\nc_d:\n- >\n-\n  - ",
        ] {
            let _ = decode(t);
        }
    }
}
