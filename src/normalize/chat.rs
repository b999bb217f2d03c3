//! A chat log (Teams, Slack) in which the drafter pasted the document over
//! several messages: each message opens with a line naming its time and
//! sender (`[10:32] Maria Keller`, `Maria Keller  10:32 AM`). Those lines
//! are the log's, not the document's; so are the messages of conversation
//! between the pasted parts ("here is the rest"), read as such when a
//! message is a few short lines and opens with no heading, label or list
//! item of the form. Both become [`Line::envelope`] lines, for residue.

use std::sync::LazyLock;

use regex::Regex;

use super::Line;
use crate::record::ResidueKind;
use crate::segment::{heading, labels};
use crate::text::fold;

/// The fewest message lines for a text to be read as a chat log.
const MIN_MESSAGES: usize = 3;

/// The most lines a message of conversation has.
const MAX_CHAT_LINES: usize = 4;

/// The longest line of a message of conversation: a pasted paragraph of
/// the document is a longer line.
const MAX_CHAT_LINE_BYTES: usize = 160;

/// A message's opening line: its time in brackets, then its sender
/// (`[10:32] Maria Keller`), or its sender, then its time
/// (`Maria Keller  10:32 AM`).
static MESSAGE: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"\p{Lu}[\p{L}'’.-]*(?:\s[\p{L}'’.-]+){0,4}";
    let am = r"\s?[AaPp]\.?[Mm]\.?";
    let time = format!(r"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:{am})?");
    Regex::new(&format!(
        // "[10:32] Maria Keller", "Maria Keller, 10:32", "Maria Keller  10:32",
        // "Maria Keller 10:32 AM", "Maria Keller 6/17/2025 10:32 AM"
        r"^(?:\[{time}\]\s+{name}|{name}(?:,\s*|\s{{2,}}){time}|{name}\s+(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}},?\s+)?\d{{1,2}}:\d{{2}}{am})$"
    ))
    .expect("valid regex")
});

/// Whether a line opens a chat message.
fn opens_message(text: &str) -> bool {
    // the cheap tests first: a short line (a longer one is not searched at
    // all), then a time, a digit then `:` then two digits
    if text.len() > 80 {
        return false;
    }
    let b = text.as_bytes();
    let has_time = memchr::memchr_iter(b':', b).any(|k| {
        k > 0 && b[k - 1].is_ascii_digit() && b.get(k + 1..k + 3).is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    });
    has_time && MESSAGE.is_match(text)
}

/// Marks the lines of a chat log that are the log's: the message lines and
/// the messages of conversation. Leaves any other text as it is.
pub(crate) fn mark(lines: &mut [Line]) {
    let opens: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.envelope.is_none() && l.bullet.is_none() && opens_message(&l.text))
        .map(|(i, _)| i)
        .collect();
    if opens.len() < MIN_MESSAGES {
        return;
    }
    for (k, &open) in opens.iter().enumerate() {
        let end = opens.get(k + 1).copied().unwrap_or(lines.len());
        lines[open].envelope = Some(ResidueKind::Boilerplate);
        let body: Vec<usize> = (open + 1..end).filter(|&i| lines[i].has_text()).collect();
        if body.is_empty() || body.len() > MAX_CHAT_LINES {
            continue;
        }
        let first = &lines[body[0]];
        let form = first.bullet.is_some()
            || heading::match_line(first, &fold(&first.text)).is_some()
            || labels::at_start(&first.text, |_| true).is_some();
        if form || body.iter().any(|&i| lines[i].text.len() > MAX_CHAT_LINE_BYTES) {
            continue;
        }
        for i in body {
            lines[i].envelope = Some(ResidueKind::Unclassified);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_lines_name_a_time_and_a_sender() {
        for line in ["[09:14] Sofie Lindqvist", "[9:14 AM] Sofie", "Maria Keller  10:32 AM", "Maria Keller, 10:32"] {
            assert!(opens_message(line), "{line:?}");
        }
        for line in ["Grade: P2", "[1] Terms of reference", "Meeting at 10:32", "Title: JPO 10:32 AM"] {
            assert!(!opens_message(line), "{line:?}");
        }
    }

    fn lines(text: &str) -> Vec<Line> {
        Line::numbered(&text.lines().collect::<Vec<_>>())
    }

    #[test]
    fn messages_of_conversation_are_the_logs_and_pasted_parts_are_text() {
        let mut l = lines(concat!(
            "[09:14] Ana\nhi, pasting the proposal here\n\n",
            "[09:15] Ana\nGENERAL INFORMATION\nTitle: JPO\n\n",
            "[09:16] Ben\nthanks!\n\n",
            "[09:17] Ana\nGrade: P2\n",
        ));
        mark(&mut l);
        let kinds: Vec<_> = l.iter().filter(|l| l.has_text()).map(|l| (l.text.as_str(), l.envelope)).collect();
        use ResidueKind::{Boilerplate as B, Unclassified as U};
        assert_eq!(
            kinds,
            [
                ("[09:14] Ana", Some(B)),
                ("hi, pasting the proposal here", Some(U)),
                ("[09:15] Ana", Some(B)),
                ("GENERAL INFORMATION", None),
                ("Title: JPO", None),
                ("[09:16] Ben", Some(B)),
                ("thanks!", Some(U)),
                ("[09:17] Ana", Some(B)),
                ("Grade: P2", None),
            ]
        );
    }

    #[test]
    fn fewer_messages_are_no_chat_log() {
        let mut l = lines("[09:14] Ana\nhi\n\n[09:15] Ana\nthanks\n");
        mark(&mut l);
        assert!(l.iter().all(|l| l.envelope.is_none()));
    }
}
