//! An iCalendar file (an Outlook meeting invitation saved as `.ics`)
//! whose event's DESCRIPTION holds the form, pasted into the invitation.
//! The calendar's other properties (time zones, attendees, alarms) are
//! layout; the description's value is the document: its lines unfolded
//! (a line that opens with a space or a tab goes on with the line before,
//! RFC 5545 folds at 75 octets, inside words and escapes as often as not),
//! its escapes decoded (`\n` a line break, `\,` `\;` `\\` the character).
//! The value is read as a document of its own and its lines spliced in
//! place of the property's lines, each numbered as the input line where
//! it starts (as a base64 attachment's, [`super::mime::Attachment`]).

use crate::record::ResidueKind;

use super::mime::{Attachment, BodyEncoding, DecodedAttachment, Mime};

/// The property whose value is the document.
const DOCUMENT_PROPERTY: &str = "DESCRIPTION";

/// Lines that open a calendar.
const OPENINGS: &[&str] = &["BEGIN:VCALENDAR", "BEGIN:VEVENT"];

/// Whether a line holds `name`'s property: the name, then its parameters
/// (`;`) or its value (`:`).
fn is_property(line: &str, name: &str) -> bool {
    line.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && matches!(line.as_bytes().get(name.len()), Some(b':' | b';'))
}

/// Whether a line goes on with the line before (folded).
fn folded(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// Reads `text` as a calendar whose description holds the document, or
/// `None` when it is none.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    let first = super::split_lines(text).map(|l| l.trim().trim_start_matches('\u{feff}')).find(|l| !l.is_empty())?;
    if !OPENINGS.iter().any(|o| first.eq_ignore_ascii_case(o)) {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    let start = raw.iter().position(|l| is_property(l, DOCUMENT_PROPERTY))?;
    let end = start + 1 + raw[start + 1..].iter().take_while(|l| folded(l)).count();
    let n = raw.len();
    let mut out = Mime {
        envelope: raw
            .iter()
            .map(|l| (!l.trim().is_empty()).then(|| (ResidueKind::Boilerplate, l.trim().to_string())))
            .collect(),
        decoded: raw.iter().map(|l| (*l).to_string()).collect(),
        soft: vec![false; n],
        attachment: Some(Attachment { start, end, encoding: BodyEncoding::Ical }),
        ..Mime::default()
    };
    out.join_content(text.len());
    Some(out)
}

/// The value of a property written over `body`'s lines (its first line
/// the property's), unfolded and unescaped, with where each line's part
/// starts in it.
pub(crate) fn decode_value(body: &[&str]) -> DecodedAttachment {
    // the value opens after the first colon outside a quoted parameter
    let first = body.first().copied().unwrap_or("");
    let mut quoted = false;
    let colon = first.char_indices().find_map(|(i, c)| {
        if c == '"' {
            quoted = !quoted;
        }
        (c == ':' && !quoted).then_some(i + 1)
    });
    let mut joined = String::with_capacity(body.iter().map(|l| l.len()).sum());
    let mut starts = Vec::with_capacity(body.len() + 1);
    for (k, line) in body.iter().enumerate() {
        starts.push(joined.len());
        let part = if k == 0 { &first[colon.unwrap_or(first.len())..] } else { line.get(1..).unwrap_or("") };
        joined.push_str(part);
    }
    starts.push(joined.len());
    let mut text = String::with_capacity(joined.len());
    let mut offsets = Vec::with_capacity(starts.len());
    let mut next_start = starts.iter().peekable();
    let mut chars = joined.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        while next_start.next_if(|&&s| s <= i).is_some() {
            offsets.push(text.len());
        }
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next().map(|(_, e)| e) {
            Some('n' | 'N') => text.push('\n'),
            Some(e) => text.push(e),
            None => text.push('\\'),
        }
    }
    offsets.resize(starts.len(), text.len());
    DecodedAttachment { text, offsets, lossy: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_unfolded_and_unescaped() {
        let body = [
            "DESCRIPTION;ALTREP=\"cid:a:b\":Dear all\\,\\n\\nGrade: P",
            " 2\\nDuty station: Gen",
            " eva\\",
            " , Switzerland",
        ];
        let d = decode_value(&body);
        assert_eq!(d.text, "Dear all,\n\nGrade: P2\nDuty station: Geneva, Switzerland");
        // an escape cut by a fold is the line before's
        assert_eq!(d.offsets, [0, 19, 38, 42, d.text.len()]);
    }

    #[test]
    fn the_calendar_around_it_is_layout() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nATTENDEE;CN=\"A\":mailto:a@ilo.\r\n org\r\nDESCRIPTION:Grade: P2\\n\r\n Title: x\r\nEND:VEVENT\r\n";
        let m = decode(text).expect("a calendar");
        let a = m.attachment.expect("the description");
        assert_eq!((a.start, a.end), (4, 6));
        assert!(m.envelope[..7].iter().all(Option::is_some));
        assert!(decode("Title: x\nBEGIN:VCALENDAR\n").is_none());
        assert!(decode("BEGIN:VCALENDAR\nSUMMARY:x\nEND:VCALENDAR\n").is_none());
    }
}
