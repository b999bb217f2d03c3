//! A bilingual form: each heading and label carries its translation after
//! a slash (`Duty Station / Lieu d'affectation : Yaoundé`,
//! `SUPERVISION / SUPERVISION`), sometimes on the next line (`Duration of
//! the assignment /` over `Durée de l'affectation : 12 months`), and a
//! heading's translation may stand alone on the line under it. The
//! translations are the form's words, not its content: each such line is
//! written as its own language's heading or label, with its value, and a
//! translation on a line of its own is joined to the line above it
//! ([`Line::joined`]), which takes its line.
//!
//! Only a text with several such lines is read as bilingual, so that a
//! label that holds a slash of its own (`Department / Field Office:`) is
//! read as usual anywhere else.

use super::Line;
use crate::segment::{heading, labels};
use crate::text::fold;

/// The fewest headings and labels with a translation for a text to be read
/// as a bilingual form.
const MIN_TRANSLATED: usize = 3;

/// The longest heading or label before a translation, in bytes: a longer
/// text before a slash is not looked up.
const MAX_OWN_BYTES: usize = 100;

/// The most words of a translation.
const MAX_TRANSLATION_WORDS: usize = 8;

/// The longest translation, in bytes.
const MAX_TRANSLATION_BYTES: usize = 80;

/// What the form's words before a slash are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(crate::template::Section),
    Label(crate::template::Label),
}

/// A line to write as its own language's words: its index, the text to
/// write, and whether the next line is the translation, to be joined.
struct Rewrite {
    at: usize,
    text: String,
    joins_next: bool,
}

/// Writes a bilingual form's headings and labels without their
/// translations. Leaves any other text as it is.
pub(crate) fn mark(lines: &mut [Line]) {
    // the cheap test first: enough lines with a slash after a space near
    // their start, or ending in one
    let slashed = |l: &Line| {
        let head = l.text.get(..l.text.len().min(MAX_OWN_BYTES + 3)).unwrap_or(&l.text);
        head.contains(" / ") || (l.text.ends_with('/') && l.text.len() <= MAX_OWN_BYTES + 1)
    };
    if lines.iter().filter(|l| slashed(l)).take(MIN_TRANSLATED).count() < MIN_TRANSLATED {
        return;
    }
    let mut rewrites = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if l.envelope.is_none() && !l.joined && slashed(l) {
            let next = lines.get(i + 1).filter(|n| n.envelope.is_none() && n.has_text() && n.bullet.is_none());
            if let Some(r) = rewrite(i, &l.text, next.map(|n| n.text.as_str())) {
                i += if r.joins_next { 2 } else { 1 };
                rewrites.push(r);
                continue;
            }
        }
        i += 1;
    }
    if rewrites.len() < MIN_TRANSLATED {
        return;
    }
    for r in rewrites {
        lines[r.at].text = r.text;
        if r.joins_next {
            lines[r.at + 1].join_to_above();
        }
    }
    // a heading's translation alone on the line under it, shaped as a
    // heading: a line that is no other heading or label of the form
    for i in 1..lines.len() {
        let (above, rest) = lines.split_at_mut(i);
        let (prev, l) = (&above[i - 1], &mut rest[0]);
        if !prev.has_text() || prev.joined || l.envelope.is_some() || l.bullet.is_some() || !l.has_text() {
            continue;
        }
        let Some(own @ Kind::Heading(_)) = kind_of(&prev.text) else { continue };
        if is_translation(&l.text) && heading::heading_shaped(l) && kind_of(&l.text).is_none_or(|k| k == own) {
            l.join_to_above();
        }
    }
}

/// The line at `at` written without its translation, or `None` when it is
/// no heading or label with one. `next` is the line under it, when it has
/// text: it may be the translation of a line that ends in a slash.
fn rewrite(at: usize, text: &str, next: Option<&str>) -> Option<Rewrite> {
    if let Some(own) = text.strip_suffix('/').map(str::trim_end).filter(|o| o.len() <= MAX_OWN_BYTES) {
        // the translation on the next line
        let kind = kind_of(own)?;
        let (translation, value) = split_translation(next?, kind)?;
        if translation_kind(translation).is_some_and(|k| k != kind && matches!(kind, Kind::Label(_))) {
            return None;
        }
        return Some(Rewrite { at, text: written(own, kind, value), joins_next: true });
    }
    // the longest own words before a ` / ` that are a heading or label
    let mut best = None;
    for (k, _) in text.match_indices(" / ").take_while(|(k, _)| *k <= MAX_OWN_BYTES) {
        let own = text[..k].trim_end();
        // the cheap test first: a translation's words before its colon
        if !text[k + 3..].split(':').next().is_some_and(is_translation) {
            continue;
        }
        let Some(kind) = kind_of(own) else { continue };
        let Some((translation, value)) = split_translation(&text[k + 3..], kind) else { continue };
        if translation_kind(translation).is_some_and(|t| t != kind && matches!(kind, Kind::Label(_))) {
            continue;
        }
        best = Some(Rewrite { at, text: written(own, kind, value), joins_next: false });
    }
    best
}

/// A heading or label written alone, with its value after a colon.
fn written(own: &str, kind: Kind, value: Option<&str>) -> String {
    match (kind, value) {
        (Kind::Heading(_), _) => own.to_string(),
        (_, None | Some("")) => format!("{own}:"),
        (_, Some(v)) => format!("{own}: {v}"),
    }
}

/// The translation after the slash and the value after its colon. A
/// label's translation ends in a colon; a heading's may, or end the line.
fn split_translation(rest: &str, kind: Kind) -> Option<(&str, Option<&str>)> {
    if rest.contains("://") {
        // a link's colon ends no translation
        return None;
    }
    let (translation, value) = match rest.split_once(':') {
        Some((t, v)) => (t.trim(), Some(v.trim())),
        None if matches!(kind, Kind::Heading(_)) => (rest.trim(), None),
        None => return None,
    };
    if matches!(kind, Kind::Heading(_)) && value.is_some_and(|v| !v.is_empty()) {
        // a heading with text after its colon is read as usual
        return None;
    }
    is_translation(translation).then_some((translation, value))
}

/// Whether a text can be the translation of a heading or label: a few
/// words, with no figures, address or link.
fn is_translation(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= MAX_TRANSLATION_BYTES
        && t.split_whitespace().count() <= MAX_TRANSLATION_WORDS
        && t.chars().any(char::is_alphabetic)
        && !t.bytes().any(|b| b.is_ascii_digit() || b == b'@')
        && !t.contains("://")
}

/// Whether a text is a whole heading or label of the form, and which.
fn kind_of(text: &str) -> Option<Kind> {
    kind_matched(text, true)
}

/// Whether a translation is itself a label of the form, and which. A
/// heading's translation may well spell another heading of the tables
/// (`INTRODUCTION / CONTEXTE`: the French template's word for the
/// background), and is not looked up.
fn translation_kind(text: &str) -> Option<Kind> {
    kind_matched(text, false).filter(|k| matches!(k, Kind::Label(_)))
}

/// [`kind_of`], a heading matched by a typo only when `fuzzy`.
fn kind_matched(text: &str, fuzzy: bool) -> Option<Kind> {
    let probe = Line { text: text.to_string(), ..Line::default() };
    if let Some(m) = heading::match_line(&probe, &fold(text)).filter(|m| fuzzy || !m.fuzzy) {
        return Some(Kind::Heading(m.section));
    }
    labels::at_start(text, |_| true)
        .filter(|h| !h.glued && h.value_start == text.len())
        .map(|h| Kind::Label(h.def.label))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(l: &[Line]) -> Vec<&str> {
        l.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn headings_and_labels_lose_their_translations() {
        let mut l = Line::numbered(&[
            "GENERAL INFORMATION / INFORMATIONS GÉNÉRALES :",
            "Title / Titre : Junior Professional Officer",
            "Duration of the assignment /",
            "Durée de l'affectation : 12 months",
            "SUPERVISION / SUPERVISION",
            "TRAINING COMPONENTS AND LEARNING ELEMENTS",
            "ÉLÉMENTS DE FORMATION ET D'APPRENTISSAGE",
            "Page 1 de 3 / Page 1 of 3",
        ]);
        mark(&mut l);
        assert_eq!(
            texts(&l),
            [
                "GENERAL INFORMATION",
                "Title: Junior Professional Officer",
                "Duration of the assignment: 12 months",
                "",
                "SUPERVISION",
                "TRAINING COMPONENTS AND LEARNING ELEMENTS",
                "",
                "Page 1 de 3 / Page 1 of 3",
            ]
        );
        assert!(l[3].joined && l[6].joined && !l[7].joined);
    }

    #[test]
    fn a_form_with_few_translations_is_read_as_usual() {
        let mut l =
            Line::numbered(&["Department / Field Office: Regional Office", "Title: JPO", "Grade / Niveau : P2"]);
        let before = l.clone();
        mark(&mut l);
        assert_eq!(l, before);
    }

    #[test]
    fn a_value_after_a_slash_is_no_translation() {
        for t in ["Duty station / 2 posts", "Title / see https://ilo.org", "Supervisor / jane@ilo.org"] {
            assert!(rewrite(0, t, None).is_none(), "{t:?}");
        }
    }
}
