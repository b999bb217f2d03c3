//! A slide deck's text dumped shape by shape (a PowerPoint or Impress
//! export tool): a separator line for each slide (`==== Slide 3 ====`),
//! then each shape's name in brackets (`[Title 1]`, `[Content Placeholder
//! 2]`, `[Table 2]`) and its text, list levels as leading tabs. The
//! document is the shapes' text; the separators and the shape names are
//! layout, the slide furniture repeated on every slide (date, footer,
//! slide number, [`FURNITURE_SHAPES`]) is layout, a slide's title that is
//! no heading of the template is layout, and the speaker notes and the
//! text boxes beside the body ([`ASIDE_SHAPES`]) are residue the parser
//! could not place. One output line per input line,
//! so the record's `lines` still refer to the input.

use crate::record::ResidueKind;

use super::mime::Mime;

/// Shapes whose text is the slide's furniture, not its content (folded,
/// without the shape's number).
const FURNITURE_SHAPES: &[&str] =
    &["date placeholder", "footer placeholder", "slide number placeholder", "header placeholder"];

/// Shapes whose text is the presenter's, not the slide's.
const NOTES_SHAPES: &[&str] = &["notes", "speaker notes", "notes placeholder"];

/// Shapes drawn beside the slide's body (a sidebar, a sticky note): not
/// the form's text, residue the parser could not place.
const ASIDE_SHAPES: &[&str] = &["textbox", "text box", "rectangle", "callout", "sticky note"];

/// Shapes that hold the slide's title: a heading of the template, or the
/// deck's own words ("Thank you"), layout.
const TITLE_SHAPES: &[&str] = &["title", "title placeholder"];

/// The fewest slide separators that make a deck.
const MIN_SLIDES: usize = 3;

/// The longest shape name line.
const MAX_SHAPE_NAME: usize = 60;

/// Whether a line separates slides: `Slide N` between runs of `=`, `-` or
/// `#` (`==== Slide 3 ====`, `--- Slide 3 ---`).
fn separator(t: &str) -> bool {
    let inner = t.trim_matches(|c| c == '=' || c == '-' || c == '#').trim();
    inner.len() + 4 <= t.len()
        && inner
            .strip_prefix("Slide ")
            .or_else(|| inner.strip_prefix("SLIDE "))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A shape's name line (`[Content Placeholder 2]`, `[Picture 7] (picture)`):
/// the name without its number, folded to lower case, or `None`.
fn shape(t: &str) -> Option<String> {
    if t.len() > MAX_SHAPE_NAME {
        return None;
    }
    let (name, after) = t.strip_prefix('[')?.split_once(']')?;
    let after = after.trim();
    if !(after.is_empty() || (after.starts_with('(') && after.ends_with(')'))) {
        return None;
    }
    let words = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let ok = !words.is_empty() && words.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-');
    ok.then(|| words.to_lowercase())
}

/// What the lines under the shape named last are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Under {
    Content,
    Title,
    Furniture,
    Notes,
}

/// Reads `text` as a deck's dump, or `None` when it is not one.
pub(crate) fn decode(text: &str) -> Option<Mime> {
    // cheap rejection: a dump opens with a slide's separator or a shape
    let first = super::split_lines(text).map(str::trim).find(|l| !l.is_empty())?;
    if !separator(first) && shape(first).is_none() {
        return None;
    }
    let raw: Vec<&str> = super::split_lines(text).collect();
    if raw.iter().filter(|l| separator(l.trim())).take(MIN_SLIDES).count() < MIN_SLIDES {
        return None;
    }
    let n = raw.len();
    let mut out =
        Mime { envelope: vec![None; n], decoded: Vec::with_capacity(n), soft: vec![false; n], ..Mime::default() };
    let mut under = Under::Content;
    for (i, line) in raw.iter().enumerate() {
        let t = line.trim();
        let kind = if t.is_empty() {
            None
        } else if separator(t) {
            under = Under::Content;
            Some(ResidueKind::Boilerplate)
        } else if let Some(name) = shape(t) {
            under = if FURNITURE_SHAPES.contains(&name.as_str()) {
                Under::Furniture
            } else if NOTES_SHAPES.contains(&name.as_str()) || ASIDE_SHAPES.contains(&name.as_str()) {
                Under::Notes
            } else if TITLE_SHAPES.contains(&name.as_str()) {
                Under::Title
            } else {
                Under::Content
            };
            Some(ResidueKind::Boilerplate)
        } else {
            match under {
                Under::Content => None,
                Under::Title if is_heading(t) => None,
                Under::Title | Under::Furniture => Some(ResidueKind::Boilerplate),
                Under::Notes => Some(ResidueKind::Unclassified),
            }
        };
        if let Some(k) = kind {
            out.envelope[i] = Some((k, t.to_string()));
        }
        // a list level's tabs are no text
        out.decoded.push(line.trim_start_matches('\t').to_string());
    }
    out.join_content(text.len());
    Some(out)
}

/// Whether a slide's title is a heading of the template.
fn is_heading(t: &str) -> bool {
    let line = super::Line { text: t.to_string(), ..super::Line::default() };
    crate::segment::heading::match_line(&line, &crate::text::fold(t)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_furniture_and_notes() {
        let mut text = String::new();
        for k in 1..=3 {
            text.push_str(&format!(
                "==================== Slide {k} ====================\n[Title 1]\nSUPERVISION\n[Content Placeholder 2]\n\tA plan.\n\
                 [Footer Placeholder 4]\nInternational Labour Office\n[Slide Number Placeholder 5]\n{k}\n[Notes]\nSay hello.\n\n"
            ));
        }
        let m = decode(&text).expect("a deck");
        assert_eq!(
            m.envelope[0],
            Some((ResidueKind::Boilerplate, "==================== Slide 1 ====================".to_string()))
        );
        assert!(m.envelope[1].is_some() && m.envelope[2].is_none());
        assert_eq!(m.decoded[4], "A plan.");
        assert!(m.envelope[4].is_none());
        assert_eq!(m.envelope[6], Some((ResidueKind::Boilerplate, "International Labour Office".to_string())));
        assert_eq!(m.envelope[8], Some((ResidueKind::Boilerplate, "1".to_string())));
        assert_eq!(m.envelope[10], Some((ResidueKind::Unclassified, "Say hello.".to_string())));
        assert_eq!(shape("[Picture 7] (picture)").as_deref(), Some("picture"));
        // a title that is no heading, a text box beside the body
        let m = decode(&text.replace("SUPERVISION", "Thank you").replace("[Notes]", "[TextBox 6]")).expect("a deck");
        assert_eq!(m.envelope[2], Some((ResidueKind::Boilerplate, "Thank you".to_string())));
        assert_eq!(m.envelope[10], Some((ResidueKind::Unclassified, "Say hello.".to_string())));
        assert_eq!(shape("[Draft] Title: x"), None);
    }

    #[test]
    fn a_form_with_slides_named_is_no_deck() {
        assert!(decode("GENERAL INFORMATION\nTitle: x\n==== Slide 1 ====\n").is_none());
        assert!(decode("==== Slide 1 ====\nTitle: x\n").is_none());
        assert!(!separator("Slide 3"));
    }
}
