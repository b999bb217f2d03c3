//! A PDF form's fields dumped by `pdftk dump_data_fields`: one block a
//! field, `---` between blocks, each a few `FieldName: value` lines
//! (`FieldType`, `FieldName` with the field's path, `FieldNameAlt` its
//! tooltip, `FieldFlags`, `FieldValue`, `FieldStateOption` for each option
//! of a choice). The form's printed text is not in the dump: a field is
//! read as the label its path's last part names (`...Supervision[0].
//! Methodology[0]`), or its tooltip when that part names nothing
//! (`TextField7[0]`), under the heading an earlier part names; its value
//! is written as `Label: value`, its lines after the first lines of the
//! value, the rest of the block layout. A tooltip's unit (`Duration of the
//! assignment (months)`) is written after the value, and a check box
//! that qualifies the field before it (`Renewable`) is written after that
//! value (the box's lines layout). A field no label names, under a
//! heading's part of the path, is the section's text; character
//! references in values are decoded.

use super::export::{labelled, read_key, xml_words, Export, Key, Out};
use crate::template::Section;
use crate::text::fold;

/// The fewest field blocks that make a dump.
const MIN_FIELDS: usize = 3;

/// Units a tooltip names in brackets after its label (folded).
const UNITS: &[&str] = &["months", "years", "weeks"];

/// Words of a check box that qualifies the field before it (folded).
const QUALIFIERS: &[&str] = &["renewable"];

/// Values of a checked box.
const CHECKED: &[&str] = &["Yes", "On", "1", "True"];

/// The dump's own keys, opening its lines.
fn dump_key(t: &str) -> Option<(&str, &str)> {
    let (k, v) = t.split_once(':')?;
    (k.starts_with("Field") && k.len() <= 24 && k.bytes().all(|b| b.is_ascii_alphabetic())).then(|| (k, v.trim()))
}

/// Whether `text` is a field dump.
pub(super) fn is_fields(text: &str) -> bool {
    let mut lines = super::split_lines(text).map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    let opens = first == "---" || dump_key(first).is_some_and(|(k, _)| k == "FieldType");
    opens && super::split_lines(text).filter(|l| l.starts_with("FieldName: ")).take(MIN_FIELDS).count() >= MIN_FIELDS
}

/// A field's path as the words of its parts, without indices, the form's
/// root and its pages (`form1[0].Page2[0].Duties[0].TextField9[0]`: duties,
/// text field).
fn path_words(path: &str) -> Vec<String> {
    path.split('.')
        .map(|p| p.split('[').next().unwrap_or(p))
        .filter(|p| !p.is_empty())
        .map(|p| fold(&xml_words(p.trim_end_matches(|c: char| c.is_ascii_digit()))))
        .filter(|w| !matches!(w.as_str(), "" | "form" | "page" | "subform"))
        .collect()
}

/// One block's keys.
#[derive(Default)]
struct Block<'a> {
    kind: &'a str,
    path: Vec<String>,
    alt: &'a str,
    /// The line of the tooltip.
    alt_line: Option<usize>,
}

/// What the field is: the name to write it with (for [`labelled`]), the
/// section a part of its path names, and the unit to write after its value.
fn resolve(b: &Block<'_>) -> (Option<String>, Option<Section>, Option<&'static str>) {
    let section = b.path.iter().find_map(|p| match read_key(p) {
        Key::Heading(_, s) => Some(s),
        _ => None,
    });
    let alt = fold(b.alt);
    let unit = UNITS.iter().find(|u| alt.ends_with(*u) && b.alt.trim_end().ends_with(')')).copied();
    let alt_name = match (unit, b.alt.rfind('(')) {
        (Some(_), Some(k)) => b.alt[..k].trim().to_string(),
        _ => b.alt.trim().to_string(),
    };
    let last = b.path.last().cloned().unwrap_or_default();
    let mut names = vec![last.clone()];
    if let Some(parent) = b.path.len().checked_sub(2).map(|k| b.path[k].clone()) {
        names.insert(0, format!("{parent} - {last}"));
    }
    // the tooltip, whole, or up to its first sentence's end or colon (the
    // template's guidance after the label: "Training components. Indicate
    // which ...", "Direct Supervision by: name")
    let first_sentence = alt_name.split(". ").next().unwrap_or("").trim_end_matches('.').to_string();
    let before_colon = alt_name.split(':').next().unwrap_or("").to_string();
    names.extend([alt_name, first_sentence, before_colon]);
    let name = names.into_iter().find(|n| {
        let main = n.split(" - ").next().unwrap_or(n);
        match read_key(main) {
            Key::Unknown => false,
            // a label's part under it ("Education - Minimum") is read only
            // when the part is one
            _ if n.contains(" - ") => {
                matches!(read_key(n.rsplit(" - ").next().unwrap_or("")), Key::Label { part: true, .. })
            }
            _ => true,
        }
    });
    (name, section, unit)
}

/// A value's text with its character references decoded (`&#8217;`).
fn decoded(v: &str) -> String {
    super::html::decode_references(v).unwrap_or_else(|| v.to_string())
}

/// Reads a field dump ([`is_fields`]).
pub(super) fn read(text: &str) -> Export {
    let raws: Vec<&str> = super::split_lines(text).collect();
    let mut export = Export::with_capacity(raws.len());
    let mut block = Block::default();
    // inside a value that goes on over lines: what its lines are
    let mut value: Option<Out> = None;
    // the line of the value written before, when it was a line of text
    let mut before_text: Option<usize> = None;
    for raw in &raws {
        let t = raw.trim();
        let key = dump_key(t);
        if let Some(kind) = &value {
            if key.is_none() && t != "---" {
                let out = match kind {
                    _ if t.is_empty() => Out::Blank,
                    Out::Text(_) | Out::Paragraphs(_) => Out::Text(decoded(t)),
                    Out::Unplaced(_) => Out::Unplaced(t.to_string()),
                    _ => Out::Layout(t.to_string()),
                };
                export.lines.push(out);
                export.guessed.push(false);
                export.sections.push(None);
                continue;
            }
            value = None;
        }
        if t.is_empty() {
            export.lines.push(Out::Blank);
            export.guessed.push(false);
            export.sections.push(None);
            continue;
        }
        if t == "---" {
            block = Block::default();
        }
        let (out, guessed, section) = match key {
            Some(("FieldType", v)) => {
                block.kind = v;
                (Out::Layout(t.to_string()), false, None)
            }
            Some(("FieldName", v)) => {
                block.path = path_words(v);
                (Out::Layout(t.to_string()), false, None)
            }
            Some(("FieldNameAlt", v)) => {
                block.alt = v;
                block.alt_line = Some(export.lines.len());
                (Out::Layout(t.to_string()), false, None)
            }
            Some(("FieldValue", v)) => {
                let (name, section, unit) = resolve(&block);
                let last = block.path.last().map(String::as_str).unwrap_or("");
                let checked = CHECKED.contains(&v);
                let (out, guessed, heading) =
                    if let Some(k) = before_text.filter(|_| block.kind == "Button" && QUALIFIERS.contains(&last)) {
                        // a checked box that qualifies the field before it: its
                        // word is written after that value, the box is layout
                        if let Some(Out::Text(x)) = export.lines.get_mut(k) {
                            x.push_str(if checked { ", " } else { ", not " });
                            x.push_str(last);
                        }
                        (Out::Layout(t.to_string()), false, None)
                    } else if block.kind == "Button" {
                        (Out::Layout(t.to_string()), false, None)
                    } else {
                        let v = match unit {
                            Some(u) if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => format!("{v} {u}"),
                            _ => decoded(v),
                        };
                        match (name, section) {
                            (Some(n), _) => labelled(&n, &v, t),
                            // a field no label names, under a heading: the
                            // section's text
                            (None, Some(_)) if !v.is_empty() => {
                                // a tooltip that is the sentence before the
                                // value ("... the following key outputs:") is
                                // the value's lead-in
                                if block.alt.trim_end().ends_with(':') {
                                    if let Some(line) = block.alt_line.and_then(|k| export.lines.get_mut(k)) {
                                        *line = Out::Text(decoded(block.alt));
                                    }
                                }
                                (Out::Text(v), false, None)
                            }
                            (None, _) => labelled("", &v, t),
                        }
                    };
                before_text = matches!(out, Out::Text(_)).then_some(export.lines.len());
                value = Some(out.clone());
                let section = heading.map(|s| (s, true)).or(section.map(|s| (s, false)));
                (out, guessed, section)
            }
            _ => (Out::Layout(t.to_string()), false, None),
        };
        export.lines.push(out);
        export.guessed.push(guessed);
        export.sections.push(section);
    }
    export
}

#[cfg(test)]
mod tests {
    use super::*;

    const DUMP: &str = "---\nFieldType: Text\nFieldName: form1[0].Page1[0].GeneralInformation[0].DurationMonths[0]\n\
        FieldNameAlt: Duration of the assignment (months)\nFieldFlags: 0\nFieldValue: 12\n---\nFieldType: Button\n\
        FieldName: form1[0].Page1[0].GeneralInformation[0].Renewable[0]\nFieldNameAlt: Renewable\nFieldValue: Yes\n\
        FieldStateOption: Off\n---\nFieldType: Text\nFieldName: form1[0].Page3[0].Qualifications[0].Education[0].Minimum[0]\n\
        FieldNameAlt: Minimum\nFieldValue: A degree\nin economics.\n\nOr statistics.\nFieldJustification: Left\n---\n\
        FieldType: Text\nFieldName: form1[0].Page2[0].TextField7[0]\nFieldNameAlt: INTRODUCTION\nFieldValue: The unit.\n---\n\
        FieldType: Text\nFieldName: form1[0].Page2[0].Duties[0].TextField9[0]\nFieldNameAlt: The JPO will contribute to:\n\
        FieldValue: &#8226; A report.\n";

    #[test]
    fn fields_as_labels_and_values() {
        assert!(is_fields(DUMP));
        assert!(!is_fields("Title: x\n---\nFieldName: a\n"));
        let e = read(DUMP);
        let at = |k: usize| match &e.lines[k] {
            Out::Text(t) => t.clone(),
            Out::Layout(t) => format!("[{t}]"),
            other => format!("{other:?}"),
        };
        assert_eq!(e.sections[5], Some((Section::General, false)));
        assert_eq!(at(5), "Duration of the assignment: 12 months, renewable");
        assert_eq!(at(10), "[FieldValue: Yes]");
        assert_eq!(at(11), "[FieldStateOption: Off]");
        assert_eq!(at(16), "Education: Minimum: A degree");
        assert_eq!(at(17), "in economics.");
        assert_eq!(at(19), "Or statistics.");
        assert_eq!(at(20), "[FieldJustification: Left]");
        assert_eq!(at(25), "Introduction: The unit.");
        // a field no label names under a heading: its tooltip the lead-in
        assert_eq!(at(29), "The JPO will contribute to:");
        assert_eq!(at(30), "• A report.");
        assert_eq!(e.sections[30], Some((Section::Duties, false)));
        assert_eq!(path_words("form1[0].Page2[0].Duties[0].TextField9[0]"), ["duties", "text field"]);
    }
}
