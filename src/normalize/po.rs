//! A gettext catalogue of the form (a PO template made by po4a or a
//! translation tool): each paragraph of the document is an entry's
//! `msgid`, a long one split into quoted chunks on the lines after
//! `msgid ""`; the entry's comments say what the paragraph was (`#. type:
//! Bullet: '- '`) and where it stood (`#: form.txt:85`). The document is
//! the msgids, in order: chunks joined as they were split (a chunk keeps
//! the space it ends with), escapes decoded, a bullet's marker put back
//! before its item. Comments, `msgstr` (empty in a template, a
//! translation otherwise) and the catalogue's header entry are layout.
//!
//! gettext keeps one entry for a paragraph that occurs several times
//! (`Minimum:`, with four references). The occurrences after its first are
//! put back where their references place them: on the first comment line
//! of the entry that follows them in the document. One output line per
//! input line, so the record's `lines` still refer to the input.

use crate::record::ResidueKind;

use super::mime::Mime;

/// The fewest entries that make a catalogue.
const MIN_ENTRIES: usize = 3;

/// The opening of a po4a comment that names a list item's marker.
const BULLET_TYPE: &str = "#. type: Bullet: ";

/// One entry of the catalogue, as far as the document needs it.
#[derive(Debug, Default)]
struct Entry {
    /// Its first comment line, when it has one.
    comment: Option<usize>,
    /// The document lines its references name.
    refs: Vec<u64>,
    /// The marker of a list item (`- `, `1. `).
    marker: Option<String>,
    /// The lines of its msgid (`msgid` line first).
    msgid: Vec<usize>,
}

/// Whether a line opens with a gettext keyword.
fn keyword(t: &str) -> Option<(&'static str, &str)> {
    for k in ["msgid_plural", "msgid", "msgstr", "msgctxt"] {
        if let Some(rest) = t.strip_prefix(k) {
            // `msgstr[0]`
            let rest = rest.strip_prefix(|c: char| c == '[').map_or(rest, |r| r.split_once(']').map_or(r, |(_, x)| x));
            if rest.starts_with(' ') {
                return Some((k, rest.trim_start()));
            }
        }
    }
    None
}

/// A quoted chunk (`"text"`), decoded, or `None`.
fn chunk(t: &str) -> Option<String> {
    let body = t.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 't') => out.push(' '),
            Some('r') | None => {}
            Some(other) => out.push(other),
        }
    }
    Some(out)
}

/// Reads `text` as a gettext catalogue, or `None` when it is not one.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    // cheap rejection: a catalogue's entries open with `msgid "`
    let bytes = text.as_bytes();
    memchr::memmem::find(bytes, b"msgid \"")?;
    let raw: Vec<&str> = super::split_lines(text).collect();
    // counted on the lines as the normalizer will read them (a control
    // character gone, spaces trimmed), so that a text read as no catalogue
    // is none once normalized either
    let shown = |l: &&str| super::export::without_controls(l).trim_start().to_string();
    let ids =
        raw.iter().map(shown).filter(|l| keyword(l).is_some_and(|(k, r)| k == "msgid" && r.starts_with('"'))).count();
    let strs = raw.iter().map(shown).filter(|l| l.starts_with("msgstr")).count();
    if ids < MIN_ENTRIES || strs < MIN_ENTRIES {
        return None;
    }
    let n = raw.len();
    let mut out =
        Mime { envelope: vec![None; n], decoded: vec![String::new(); n], soft: vec![false; n], ..Mime::default() };
    let layout = |out: &mut Mime, i: usize| {
        if !raw[i].trim().is_empty() {
            out.envelope[i] = Some((ResidueKind::Boilerplate, raw[i].trim().to_string()));
        }
    };
    let mut entries: Vec<Entry> = Vec::new();
    let mut entry = Entry::default();
    // the keyword whose chunks the next `"..."` lines are
    let mut open: Option<&'static str> = None;
    for (i, line) in raw.iter().enumerate() {
        let clean = super::export::without_controls(line);
        let t = clean.trim();
        if t.is_empty() {
            open = None;
            if !entry.msgid.is_empty() || entry.comment.is_some() {
                entries.push(std::mem::take(&mut entry));
            }
            continue;
        }
        if t.starts_with('#') {
            if !entry.msgid.is_empty() {
                // an entry with no blank line after it
                entries.push(std::mem::take(&mut entry));
            }
            entry.comment.get_or_insert(i);
            if let Some(refs) = t.strip_prefix("#:") {
                let nums =
                    refs.split_whitespace().filter_map(|r| r.rsplit_once(':').and_then(|(_, n)| n.parse::<u64>().ok()));
                entry.refs.extend(nums);
            } else if let Some(m) = t.strip_prefix(BULLET_TYPE) {
                entry.marker = m.strip_prefix('\'').and_then(|m| m.strip_suffix('\'')).map(str::to_string);
            }
            layout(&mut out, i);
            continue;
        }
        let (key, rest) = match keyword(t) {
            Some((k, rest)) => {
                open = Some(k);
                (k, rest)
            }
            None => (open.unwrap_or(""), t),
        };
        match (key, chunk(rest)) {
            ("msgid", Some(c)) => {
                entry.msgid.push(i);
                out.decoded[i] = c;
            }
            _ => layout(&mut out, i),
        }
    }
    if !entry.msgid.is_empty() || entry.comment.is_some() {
        entries.push(entry);
    }
    for e in &entries {
        let text_lines: Vec<usize> = e.msgid.iter().copied().filter(|&i| !out.decoded[i].is_empty()).collect();
        if text_lines.is_empty() {
            // the header entry, an empty msgid
            for &i in &e.msgid {
                layout(&mut out, i);
            }
            continue;
        }
        for &i in &e.msgid {
            if out.decoded[i].is_empty() {
                layout(&mut out, i);
            }
        }
        if let Some(m) = &e.marker {
            out.decoded[text_lines[0]].insert_str(0, m);
        }
        for w in text_lines.windows(2) {
            out.soft[w[0]] = true;
        }
    }
    put_back_repeats(&entries, &mut out);
    out.join_content(text.len());
    Some(out)
}

/// Writes each occurrence of a merged entry after its first on the first
/// comment line of the entry whose first reference follows it.
fn put_back_repeats(entries: &[Entry], out: &mut Mime) {
    let mut firsts: Vec<(u64, usize)> =
        entries.iter().enumerate().filter_map(|(k, e)| e.refs.iter().min().map(|&r| (r, k))).collect();
    firsts.sort_unstable();
    for e in entries.iter().filter(|e| e.refs.len() > 1) {
        let text: String = e.msgid.iter().map(|&i| out.decoded[i].as_str()).collect();
        if text.trim().is_empty() {
            continue;
        }
        let first = e.refs.iter().min().copied().unwrap_or(0);
        for &r in e.refs.iter().filter(|&&r| r != first) {
            let after = firsts.partition_point(|&(f, _)| f <= r);
            let Some(&(_, k)) = firsts.get(after) else { continue };
            let Some(c) = entries[k].comment else { continue };
            // one occurrence a comment line
            if out.envelope[c].is_none() {
                continue;
            }
            out.envelope[c] = None;
            out.decoded[c] = format!("{}{}", e.marker.as_deref().unwrap_or(""), text.trim());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOGUE: &str = "# SOME TITLE\nmsgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n\
        #. type: Plain text\n#: f.txt:1\nmsgid \"Grade: P2\"\nmsgstr \"\"\n\n\
        #. type: Plain text\n#: f.txt:3 f.txt:9\nmsgid \"Minimum:\"\nmsgstr \"\"\n\n\
        #. type: Bullet: '- '\n#: f.txt:5\nmsgid \"\"\n\"Say \\\"yes\\\" and \"\n\"go on.\"\nmsgstr \"\"\n\n\
        #. type: Plain text\n#: f.txt:7\nmsgid \"Work experience:\"\nmsgstr \"\"\n\n\
        #. type: Plain text\n#: f.txt:11\nmsgid \"Two years.\"\nmsgstr \"Deux ans.\"\n";

    #[test]
    fn msgids_are_the_document() {
        let m = decode(CATALOGUE).expect("a catalogue");
        let content: Vec<(usize, &str)> = (0..m.decoded.len())
            .filter(|&i| m.envelope[i].is_none() && !m.decoded[i].is_empty())
            .map(|i| (i, m.decoded[i].as_str()))
            .collect();
        assert_eq!(
            content,
            [
                (7, "Grade: P2"),
                (12, "Minimum:"),
                (18, "- Say \"yes\" and "),
                (19, "go on."),
                (24, "Work experience:"),
                // the merged `Minimum:` put back before the entry after it
                (27, "Minimum:"),
                (29, "Two years."),
            ]
        );
        assert!(m.soft[18] && !m.soft[19]);
        // comments, msgstr and the header are layout
        assert_eq!(m.envelope[0], Some((ResidueKind::Boilerplate, "# SOME TITLE".to_string())));
        assert!(m.envelope[1..4].iter().all(Option::is_some));
        assert!(m.envelope[30].is_some());
    }

    #[test]
    fn a_text_that_quotes_gettext_is_no_catalogue() {
        assert!(decode("Grade: P2\nmsgid \"x\" is how gettext starts an entry.\n").is_none());
        assert!(decode("").is_none());
        // counted as the normalizer will show the lines: a control character
        // or an indent hides no entry
        let hidden = CATALOGUE.replacen("msgid \"Grade", "msgid\u{1a} \"Grade", 1).replacen(
            "msgid \"Minimum",
            "  msgid \"Minimum",
            1,
        );
        assert_eq!(decode(&hidden).map(|m| m.decoded[7].clone()).as_deref(), Some("Grade: P2"));
    }
}
