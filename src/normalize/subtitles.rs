//! A subtitle file (SubRip `.srt`, WebVTT `.vtt`) of a video that reads
//! the form aloud: numbered cues, each a timing line (`00:00:04,037 -->
//! 00:00:06,637`) and one or two short lines of text, a blank line after
//! it. Sentences and list items run over cues. The document is the cues'
//! text: the numbers, the timings, the `WEBVTT` header and the sound cues
//! of the hard of hearing (`[soft music]`) are layout, and a cue's
//! position tag (`{\an8}`, a title card) is dropped. The blank line after
//! a cue stands among the layout of the next one, as a page break's
//! does: it ends no paragraph by itself. One output line per input line.

use crate::record::ResidueKind;

use super::mime::{Attachment, BodyEncoding, DecodedAttachment, Mime};

/// The fewest timing lines that make a subtitle file.
const MIN_CUES: usize = 3;

/// Whether a line is a cue's timing (`00:00:01,000 --> 00:00:04,000`,
/// WebVTT's `00:01.000 --> 00:04.000 align:start`).
fn timing(t: &str) -> bool {
    let Some((from, to)) = t.split_once(" --> ") else { return false };
    let stamp = |s: &str| {
        let s = s.split(' ').next().unwrap_or("");
        s.len() >= 9 && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b':' | b',' | b'.')) && s.contains(':')
    };
    stamp(from.trim()) && stamp(to.trim())
}

/// Whether a line is a sound cue alone (`[music swells]`, `(applause)`, `♪`).
fn sound(t: &str) -> bool {
    (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('(') && t.ends_with(')'))
        || t.chars().all(|c| c == '♪' || c == ' ')
}

/// A cue's text without its position tags (`{\an8}`).
fn without_tags(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find("{\\") {
        out.push_str(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Reads `text` as a subtitle file, or `None` when it is none: every line
/// is the body of an attachment ([`decode_value`] reads it).
pub(crate) fn decode(text: &str) -> Option<Mime> {
    // cheap rejection: a file's first lines are a number, a header or a timing
    let first = super::split_lines(text).map(|l| l.trim().trim_start_matches('\u{feff}')).find(|l| !l.is_empty())?;
    let numbered = first.bytes().all(|b| b.is_ascii_digit());
    if !(numbered || first.starts_with("WEBVTT") || timing(first)) {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    if raw.iter().filter(|l| timing(l.trim())).take(MIN_CUES).count() < MIN_CUES {
        return None;
    }
    let n = raw.len();
    // the cues' text is read from its first line on; the numbers, timings
    // and sound cues before it are layout as they are
    let start = decode_value(&raw).offsets.iter().position(|&o| o > 0).map_or(n, |k| k.saturating_sub(1));
    let mut out = Mime {
        envelope: raw
            .iter()
            .map(|l| (!l.trim().is_empty()).then(|| (ResidueKind::Boilerplate, l.trim().to_string())))
            .collect(),
        decoded: raw.iter().map(|l| (*l).to_string()).collect(),
        soft: vec![false; n],
        attachment: Some(Attachment { start, end: n, encoding: BodyEncoding::Subtitles }),
        ..Mime::default()
    };
    out.join_content(text.len());
    Some(out)
}

/// Whether a cue's text ends a paragraph: it ends a sentence, a clause of
/// a list or a label (`.`, `;`, `:`, `!`, `?`), or it is a title card.
fn ends_paragraph(last: &str, card: bool) -> bool {
    card || last.trim_end().ends_with(['.', ';', ':', '!', '?'])
}

/// The cues' text as a document, with where each line's text starts in
/// it: a cue's lines are lines of one paragraph; the next cue goes on
/// with it unless the cue ends a paragraph ([`ends_paragraph`]) or the
/// next is a title card. Numbers, timings, headers and sound cues are no
/// text.
pub(crate) fn decode_value(body: &[&str]) -> DecodedAttachment {
    let mut text = String::with_capacity(body.iter().map(|l| l.len()).sum());
    let mut offsets = Vec::with_capacity(body.len() + 1);
    // the text of the cue before, and whether it was a title card
    let mut before: Option<(String, bool)> = None;
    let mut in_cue = false;
    for (i, line) in body.iter().enumerate() {
        offsets.push(text.len());
        let t = line.trim().trim_start_matches('\u{feff}');
        let number =
            !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && body.get(i + 1).is_some_and(|l| timing(l.trim()));
        if t.is_empty() || number || timing(t) || t.starts_with("WEBVTT") || sound(t) {
            in_cue = false;
            continue;
        }
        let card = t.contains("{\\an") || t.contains("{\\pos");
        let words = without_tags(t);
        if !text.is_empty() {
            let starts_cue = !in_cue;
            let breaks = starts_cue && (card || before.as_ref().is_none_or(|(last, c)| ends_paragraph(last, *c)));
            // a title card's lines are one heading
            let in_card = !starts_cue && before.as_ref().is_some_and(|(_, c)| *c);
            text.push_str(if breaks {
                "\n\n"
            } else if in_card {
                " "
            } else {
                "\n"
            });
        }
        text.push_str(&words);
        before = Some((words, card || (in_cue && before.as_ref().is_some_and(|(_, c)| *c))));
        in_cue = true;
    }
    offsets.push(text.len());
    DecodedAttachment { text, offsets, lossy: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_numbers_timings_and_sounds() {
        let text = "1\n00:00:00,400 --> 00:00:03,600\n[soft music]\n\n2\n00:00:04,037 --> 00:00:06,637\n{\\an8}GENERAL INFORMATION\n\n\
                    3\n00:00:07,111 --> 00:00:08,211\nUnit: Team for East\nAsia\n\n4\n00:00:08,300 --> 00:00:09,000\nand the Pacific.\n\n\
                    5\n00:00:09,100 --> 00:00:10,000\nGrade: P2\n";
        let m = decode(text).expect("subtitles");
        assert!(m.envelope.iter().enumerate().all(|(i, e)| e.is_some() != m.decoded[i].trim().is_empty()));
        let lines: Vec<&str> = text.lines().collect();
        let d = decode_value(&lines);
        assert_eq!(d.text, "GENERAL INFORMATION\n\nUnit: Team for East\nAsia\nand the Pacific.\n\nGrade: P2");
        assert_eq!(d.offsets[6], 0);
        assert_eq!(&d.text[d.offsets[15]..d.offsets[16]], "\nand the Pacific.");
        assert!(timing("00:01.000 --> 00:04.000 align:start"));
        assert!(decode("1\nTitle: x\n2\nGrade: P2\n").is_none());
    }
}
