//! Emoji, as posts in a team's wiki or chat decorate a pasted form with
//! them (`## 🎯 Duties and responsibilities`, `📍 Duty station: Nairobi`,
//! `✅ Support the Unit's work`, `✨✨✨`). They are no text of the form:
//! each is removed, wherever it stands, before the line's markup is read.
//! One that opens a line and is used as a list marker ([`LIST_MARKERS`], a
//! keycap digit `1️⃣`) makes the line a list item, unless a label follows
//! it (`✔️ Minimum: ...`); a line of emoji alone is layout.

/// Emoji used as list markers: a line they open is a list item.
const LIST_MARKERS: &[char] =
    &['✅', '☑', '✔', '👉', '🔹', '🔸', '▪', '➡', '➤', '⭐', '🔘', '▶', '✳', '❇', '🟢', '🔵', '⚫'];

/// Whether a character is an emoji or part of one: a pictograph, a
/// dingbat or symbol used as one, a flag's regional indicator, or a joiner,
/// variation selector, skin tone or keycap mark inside a sequence.
fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF // pictographs, emoticons, transport, flags' letters, symbols
        | 0x2600..=0x27BF // miscellaneous symbols, dingbats
        | 0x2B00..=0x2BFF // stars, squares, arrows used as emoji
        | 0x2300..=0x23FF // hourglass, watch, keyboard
        | 0xFE0F | 0xFE0E // variation selectors
        | 0x200D          // zero-width joiner
        | 0x20E3          // combining keycap
        | 0xE0020..=0xE007F // tag characters (subdivision flags)
    )
}

/// Whether UTF-8 text may hold an emoji ([`is_emoji`]): a character of
/// four bytes (every pictograph from U+1F000 on), one of the symbol blocks
/// from U+2300 (lead byte 0xE2 and a second byte of their ranges; the
/// quotes and dashes of U+2000 to U+203F are not), or the variation
/// selector or keycap mark of a keycap digit. One pass over the lead bytes.
fn may_hold_emoji(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xE2, 0xEF, 0xF0, b).any(|k| match (b[k], b.get(k + 1)) {
        (0xF0, _) => true,
        (0xE2, Some(&s)) => {
            matches!(s, 0x8C..=0x8F | 0x98..=0x9E | 0xAC..=0xAF) || (s == 0x83 && b.get(k + 2) == Some(&0xA3))
        }
        (0xEF, Some(&0xB8)) => matches!(b.get(k + 2), Some(0x8E | 0x8F)),
        _ => false,
    })
}

/// The line without its emoji, or `None` when it has none. A list marker
/// that opens it is written as a bullet (`• `, a keycap digit as `1. `),
/// for the list marker reading that follows; any other emoji stands for a
/// space, so that removing it glues no characters together that could be
/// read anew. Runs before the line's markup is read.
pub(crate) fn strip(text: &str) -> Option<String> {
    // the cheap test first: every emoji is outside ASCII, and is written
    // with bytes a few lead bytes open
    if text.is_ascii() || !may_hold_emoji(text.as_bytes()) || !text.chars().any(is_emoji) {
        return None;
    }
    let t = text.trim_start();
    let first = t.chars().next();
    // a keycap digit ("1️⃣ Good communication skills")
    let keycap = first.is_some_and(|c| c.is_ascii_digit())
        && t.char_indices().nth(1).is_some_and(|(_, c)| c == '\u{FE0F}' || c == '\u{20E3}');
    let marker = keycap || first.is_some_and(|c| LIST_MARKERS.contains(&c));
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let rest = if keycap { t.trim_start_matches(|c: char| c.is_ascii_digit()) } else { t };
    for c in rest.chars() {
        if is_emoji(c) || c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    // a marker before a label ("✔️ Minimum: ...") opens no list item
    let labelled = || crate::segment::labels::at_start(&out, |_| true).is_some_and(|h| h.colon);
    if marker && !out.is_empty() && !labelled() {
        let digit = first.filter(|_| keycap).map(String::from);
        out.insert_str(0, &digit.map_or("• ".to_string(), |d| format!("{d}. ")));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_are_removed_and_markers_become_bullets() {
        let cases = [
            ("🎯 Duties and responsibilities", Some("Duties and responsibilities")),
            ("✅ Support the Unit's work;", Some("• Support the Unit's work;")),
            ("⏳ Duration: 12 months, renewable 🔁", Some("Duration: 12 months, renewable")),
            ("✔️ Minimum: A degree.", Some("Minimum: A degree.")),
            ("✨✨✨", Some("")),
            ("1️⃣ Good communication skills.", Some("1. Good communication skills.")),
            ("?\\🀀!", Some("?\\ !")),
            ("Café au lait – déjà vu", None),
        ];
        for (text, want) in cases {
            assert_eq!(strip(text).as_deref(), want, "{text:?}");
        }
    }
}
