//! The promises of a vacancy record, as checks that return the first
//! violation found instead of panicking.
//!
//! Shared, as one file, by the fuzz targets (`fuzz/src/lib.rs`) and the
//! integration tests (`tests/properties.rs`, `tests/regressions.rs` through
//! `#[path = "../fuzz/src/invariants.rs"]`), so the fuzzers and the test
//! suite check exactly the same contract. Depends on `std`, `regex`,
//! `serde_json`, `encoding_rs` and `unicode-normalization` only (all
//! dependencies of the main crate, so the tests need no new ones).
//!
//! What "a line" is: the contract counts lines by splitting the input text
//! on `"\n"` (so `"\r\n"` ends a line too, the `'\r'` being trailing
//! whitespace, and a lone `'\r'` inside a line is whitespace). The one
//! exception, in the parser (`src/normalize/mod.rs`, `split_lines`) and so
//! here: a text with no `'\n'` at all but some `'\r'` (old Mac line ends)
//! is split at `'\r'`. [`LineRule::Newline`] is the contract,
//! [`LineRule::CarriageReturn`] the exception; [`rule_for`] picks.

#![allow(dead_code)]

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use unicode_normalization::is_nfc;

/// A markdown inline link or image as CommonMark renders it: `[text](dest)`
/// or `[text](dest "title")`, `dest` without spaces or in `<...>`. A bare
/// `"]("` in prose is not markup and not flagged.
static MD_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\[[^\]]*\]\(\s*(?:<[^<>\n]*>|[^\s()]*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)"#)
        .expect("valid regex")
});

/// List marker glyphs that are never content at the start of a value
/// when followed by a space (`-`, `o`, `*` and numbers can be).
const LIST_GLYPHS: &[char] = &['•', '▪', '■', '●', '◦', '○', '➢', '►', '▶', '❖', '◆', '\u{F0B7}', '\u{F0A7}'];

/// An ATX heading marker at the start of a string: one to six `#` followed
/// by a space or the end. `#hashtag` and `C#` are content.
static ATX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}(?:\s|$)").expect("valid regex"));

/// How lines are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRule {
    /// Split on `'\n'` only: the contract.
    Newline,
    /// Split on `'\r'`: text with old Mac line ends (no `'\n'` at all).
    CarriageReturn,
}

/// The lines of `text` under `rule`.
pub fn lines_of(text: &str, rule: LineRule) -> Vec<&str> {
    match rule {
        LineRule::Newline => text.split('\n').collect(),
        LineRule::CarriageReturn => text.split('\r').collect(),
    }
}

/// The rule the contract gives for `text`: `'\n'`, unless the text has no
/// `'\n'` and some `'\r'`.
pub fn rule_for(text: &str) -> LineRule {
    if !text.contains('\n') && text.contains('\r') {
        LineRule::CarriageReturn
    } else {
        LineRule::Newline
    }
}

/// Whether a line must be accounted for. Python's `line.strip()` and Rust's
/// `str::trim` differ only on U+001C..U+001F (Python strips them); a line
/// of only those, or of only invisible characters (U+200B, U+FEFF, U+00AD,
/// controls), counts as non-blank here, which is the stricter reading: the
/// parser keeps such lines as layout residue.
pub fn is_content_line(line: &str) -> bool {
    !line.trim().is_empty()
}

/// Every `[first, last]` of the record: any object with a `"lines"` array
/// of two integers (fields and residue entries).
pub fn ranges(v: &Value) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    while let Some(n) = stack.pop() {
        match n {
            Value::Object(m) => {
                if let Some(Value::Array(r)) = m.get("lines") {
                    if let [a, b] = r.as_slice() {
                        if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
                            out.push((a, b));
                        }
                    }
                }
                stack.extend(m.values());
            }
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    out
}

/// Parses the record's JSON.
pub fn json(record_json: &str) -> Result<Value, String> {
    serde_json::from_str(record_json).map_err(|e| format!("the record is not JSON: {e}"))
}

/// Nothing lost, for text given as `&str`: every range lies in
/// `1..=lines`, and every content line is inside some range.
pub fn check_nothing_lost(text: &str, record: &Value, rule: LineRule) -> Result<(), String> {
    let lines = lines_of(text, rule);
    let must: Vec<bool> = lines.iter().map(|l| is_content_line(l)).collect();
    check_coverage(&must, record, &|no| format!("{:?}", truncate(lines[no - 1], 120)))
}

/// Nothing lost, for bytes as [`vacancy_ingest::parse_bytes`] reads them.
/// UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded exactly;
/// other bytes are checked conservatively: line breaks are the same under
/// every decoding the parser may pick (lossy UTF-8 or Windows-1252 keep
/// ASCII), and a line must be covered when it holds a visible ASCII
/// character (`!`..`~`), which no decoding can blank.
pub fn check_nothing_lost_bytes(bytes: &[u8], record: &Value, rule: Option<LineRule>) -> Result<(), String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !bytes.starts_with(b"\xEF\xBB\xBF") && (bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")) {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _) = enc.decode_without_bom_handling(&bytes[2..]);
        return check_nothing_lost(&text, record, rule.unwrap_or_else(|| rule_for(&text)));
    }
    if let Ok(text) = std::str::from_utf8(body) {
        return check_nothing_lost(text, record, rule.unwrap_or_else(|| rule_for(text)));
    }
    let lossy = String::from_utf8_lossy(body);
    let rule = rule.unwrap_or_else(|| rule_for(&lossy));
    let lines = lines_of(&lossy, rule);
    let must: Vec<bool> = lines.iter().map(|l| l.bytes().any(|b| b.is_ascii_graphic())).collect();
    check_coverage(&must, record, &|no| format!("{:?}", truncate(lines[no - 1], 120)))
}

/// The text of `bytes` as the parser reads it, up to the choice between
/// lossy UTF-8 and Windows-1252 (which agree on ASCII).
pub fn decode_roughly(bytes: &[u8]) -> String {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        return enc.decode_without_bom_handling(&bytes[2..]).0.into_owned();
    }
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).into_owned()
}

fn check_coverage(must: &[bool], record: &Value, show: &dyn Fn(usize) -> String) -> Result<(), String> {
    let n = must.len() as u64;
    let mut rs = ranges(record);
    for &(a, b) in &rs {
        if !(1 <= a && a <= b && b <= n) {
            return Err(format!("range {a}-{b} outside 1-{n}"));
        }
    }
    rs.sort_unstable();
    // sweep: covered[no] for every line, O(lines + ranges)
    let mut covered = vec![false; must.len() + 2];
    let mut reach = 0u64;
    for &(a, b) in &rs {
        let from = a.max(reach + 1);
        for no in from..=b {
            covered[no as usize] = true;
        }
        reach = reach.max(b);
    }
    for (i, &m) in must.iter().enumerate() {
        if m && !covered[i + 1] {
            return Err(format!("line {} lost: {}", i + 1, show(i + 1)));
        }
    }
    Ok(())
}

fn truncate(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The value of every field, by JSON path, without confidence, flags and
/// lines (and without `source` and `residue`).
pub fn field_values(record: &Value) -> Vec<(String, Value)> {
    fn walk(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
        if let Value::Object(m) = v {
            if m.contains_key("confidence") && m.contains_key("value") {
                out.push((path, m["value"].clone()));
                return;
            }
            for (k, x) in m {
                if k != "residue" && k != "source" {
                    walk(x, format!("{path}.{k}"), out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(record, String::new(), &mut out);
    out
}

/// Every string inside a field's value, with its JSON path.
pub fn value_strings(record: &Value) -> Vec<(String, String)> {
    fn strings(v: &Value, path: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::String(s) => out.push((path, s.clone())),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
            Value::Object(m) => m.iter().for_each(|(k, x)| strings(x, format!("{path}.{k}"), out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (path, value) in field_values(record) {
        strings(&value, path, &mut out);
    }
    out
}

/// What is wrong with one value string under RECORD.md's "Text values"
/// (NFC, no markup, no invisible characters or ligatures, whitespace
/// collapsed, trimmed), or `None`. Markup is what a markdown reader would
/// render as markup: any `*`, a leading ATX marker (`# `, not `#hashtag`),
/// a complete inline link (not a stray `"]("`), `<u>`/`</u>`, a backslash
/// before ASCII punctuation.
pub fn string_violation(s: &str) -> Option<&'static str> {
    string_violation_with(s, true)
}

/// [`string_violation`], with the backslash check optional: where the input
/// itself holds an escaped backslash (`\\`), a literal backslash before
/// punctuation in a value is the faithful reading of the markdown
/// (`\\(` is `\(`), not a left-over escape.
pub fn string_violation_with(s: &str, backslashes: bool) -> Option<&'static str> {
    if s.contains('*') {
        return Some("'*' (emphasis) left in");
    }
    if ATX.is_match(s) {
        return Some("leading '#' (heading marker) left in");
    }
    if s.contains("](") && MD_LINK.is_match(s) {
        return Some("markdown link [text](url) left in");
    }
    if s.starts_with(LIST_GLYPHS) && s[s.chars().next().map_or(0, char::len_utf8)..].starts_with(' ') {
        return Some("list marker glyph left at the start");
    }
    let lower = s.to_ascii_lowercase();
    if lower.contains("<u>") || lower.contains("</u>") {
        return Some("<u> tag left in");
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if backslashes && c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            return Some("backslash escape of punctuation left in");
        }
        if c == '\u{00AD}' {
            return Some("soft hyphen U+00AD left in");
        }
        if matches!(c, '\u{200B}'..='\u{200D}') {
            return Some("zero-width character U+200B..U+200D left in");
        }
        if c == '\u{FEFF}' {
            return Some("U+FEFF left in");
        }
        if matches!(c, '\u{FB00}'..='\u{FB06}') {
            return Some("ligature U+FB00..U+FB06 left in");
        }
        if c.is_whitespace() && c != ' ' {
            return Some("whitespace other than U+0020 (tab, NBSP, line separator) left in");
        }
    }
    if s.trim() != s {
        return Some("leading or trailing whitespace");
    }
    if s.contains("  ") {
        return Some("run of two spaces");
    }
    if !is_nfc(s) {
        return Some("not NFC");
    }
    None
}

/// The value contract over every string of every field value. `input` is
/// the text parsed (lossy for bytes); it decides only whether the
/// backslash check applies (see [`string_violation_with`]).
pub fn check_values(record: &Value, input: &str) -> Result<(), String> {
    check_values_except(record, input, &[])
}

/// Whether `input` has an escaped backslash (`\\`) as the parser reads
/// it: with the characters that carry no text (C0/C1 controls but the
/// line and word separators, U+00AD, the zero-width characters) dropped,
/// as `normalize::unicode::clean` drops them, so a NUL between two
/// backslashes does not hide the pair.
fn has_escaped_backslash(input: &str) -> bool {
    if input.contains("\\\\") {
        return true;
    }
    let dropped = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{000B}' | '\u{000C}' | '\u{0085}'))
            || matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
    };
    input.chars().any(dropped) && input.chars().filter(|&c| !dropped(c)).collect::<String>().contains("\\\\")
}

/// [`check_values`], tolerating the violations whose description (as
/// [`string_violation`] words it) contains one of `known`: classes of
/// known, not yet fixed bugs, so that a check can go on looking for others.
pub fn check_values_except(record: &Value, input: &str, known: &[&str]) -> Result<(), String> {
    let backslashes = !has_escaped_backslash(input);
    for (path, s) in value_strings(record) {
        if let Some(why) = string_violation_with(&s, backslashes).filter(|w| !known.iter().any(|k| w.contains(k))) {
            return Err(format!("{path}: {why}: {:?}", excerpt(&s)));
        }
    }
    Ok(())
}

/// The start of a long string and, when a markdown link is in it, the
/// link with some context.
fn excerpt(s: &str) -> String {
    let head = truncate(s, 160);
    match MD_LINK.find(s) {
        Some(m) if m.end() > head.len() => {
            let from = s[..m.start()].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
            format!("{head} [...] {}", truncate(&s[from..], 80 + m.as_str().chars().count()))
        }
        _ => head.to_string(),
    }
}

/// The checks on one parse of `bytes`: a second parse gives the same
/// bytes, the record is JSON, nothing is lost, and (with `values`) the
/// values obey the contract except for the `known` classes given
/// ([`check_values_except`]). `rule` forces a line rule (`None`:
/// [`rule_for`]).
pub fn check_bytes(bytes: &[u8], rule: Option<LineRule>, values: Option<&[&str]>) -> Result<(), String> {
    let a = vacancy_ingest::parse_bytes(bytes).to_json_pretty();
    let b = vacancy_ingest::parse_bytes(bytes).to_json_pretty();
    if a != b {
        return Err("two parses of the same bytes differ".into());
    }
    let v = json(&a)?;
    check_nothing_lost_bytes(bytes, &v, rule)?;
    if let Some(known) = values {
        check_values_except(&v, &decode_roughly(bytes), known)?;
    }
    Ok(())
}

/// [`check_bytes`] for text given to [`vacancy_ingest::parse_text`].
pub fn check_text(text: &str, rule: Option<LineRule>, values: Option<&[&str]>) -> Result<(), String> {
    let a = vacancy_ingest::parse_text(text).to_json_pretty();
    let b = vacancy_ingest::Parser::default().parse_text(text).to_json_pretty();
    if a != b {
        return Err("two parses of the same text differ".into());
    }
    let v = json(&a)?;
    check_nothing_lost(text, &v, rule.unwrap_or_else(|| rule_for(text)))?;
    if let Some(known) = values {
        check_values_except(&v, text, known)?;
    }
    Ok(())
}

/// Normalizing normalized text changes nothing
/// (`vacancy_ingest::__normalize_text`).
pub fn check_idempotent(text: &str) -> Result<(), String> {
    let once = vacancy_ingest::__normalize_text(text);
    let twice = vacancy_ingest::__normalize_text(&once);
    if twice == once {
        return Ok(());
    }
    let (a, b) = (once.split('\n'), twice.split('\n'));
    let (no, x, y) = a.zip(b).enumerate().find(|(_, (x, y))| x != y).map_or((0, "", ""), |(i, (x, y))| (i + 1, x, y));
    Err(format!("normalizing twice changes line {no}: {:?} -> {:?}", truncate(x, 160), truncate(y, 160)))
}
