//! The form's rows (header and GENERAL INFORMATION) as text values.
//!
//! Rows can run together across lines ("Title: ... work Duty" / "station:
//! Geneva ... Duration of the" / "assignment: 12 months"): the builder then
//! gives the whole run to the first label. Here each form field's joined
//! text is split again at the labels of the form, and the pieces go to
//! their own fields (flag `inline_label`) unless those have a value of
//! their own.

use super::Ctx;
use crate::record::Flag;
use crate::segment::labels::{self, Family};
use crate::segment::{Collected, FieldId, Flags};

/// The form fields, in form order.
pub(crate) const FORM_FIELDS: [FieldId; 9] = [
    FieldId::PostNumber,
    FieldId::IssueMonth,
    FieldId::IssueYear,
    FieldId::Title,
    FieldId::DutyStation,
    FieldId::Duration,
    FieldId::Grade,
    FieldId::Department,
    FieldId::OrgUnit,
];

/// A form field's text, flags and line range.
#[derive(Debug, Clone, Default)]
pub(crate) struct FormValue {
    pub text: String,
    pub flags: Flags,
    pub lines: Option<[u32; 2]>,
}

/// The text values of the form fields, indexed like [`FORM_FIELDS`].
pub(crate) struct FormValues([Option<FormValue>; 9]);

impl FormValues {
    /// The value of a form field.
    pub(crate) fn get(&self, id: FieldId) -> Option<&FormValue> {
        let i = FORM_FIELDS.iter().position(|&f| f == id)?;
        self.0[i].as_ref()
    }
}

/// Joins every form field's lines and splits run-together rows.
pub(crate) fn form_values(ctx: &Ctx<'_>, c: &Collected) -> FormValues {
    let mut own: [Option<FormValue>; 9] = Default::default();
    let mut split_off: [Option<FormValue>; 9] = Default::default();
    for (i, &id) in FORM_FIELDS.iter().enumerate() {
        let acc = &c.fields[id as usize];
        let mut flags = ctx.flags(acc);
        let Some(mut text) = ctx.joined(acc, &mut flags) else { continue };
        // dot leaders left at the start of a value that was wrapped below
        // its label ("Title:" / "........ Junior Officer")
        if let Some(rest) = labels::skip_leader(&text) {
            text = rest.to_string();
        }
        let lines = ctx.range(acc);
        let cuts = labels::inline_splits(&text, Family::Form);
        let Some(&first) = cuts.first() else {
            own[i] = Some(FormValue { text, flags, lines });
            continue;
        };
        flags.set(Flag::InlineLabel);
        if cuts.iter().any(|&at| labels::glued_at(&text, at)) {
            // where the value before a glued label ends is a guess
            flags.set(Flag::LabelGlued);
        }
        for (k, &start) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).copied().unwrap_or(text.len());
            let segment = &text[start..end];
            let Some(hit) = labels::at_start(segment, |d| labels::splits_value(d, Family::Form)) else {
                continue;
            };
            let Some(j) = FieldId::of_label(hit.def.label).and_then(|t| FORM_FIELDS.iter().position(|&f| f == t))
            else {
                // a label of a later table (the supervision row): its text
                // is in no form field, so it is residue, and the value
                // before it was cut by a guess
                if let Some([first_no, last_no]) = lines {
                    ctx.push_residue(
                        crate::record::ResidueKind::Unclassified,
                        segment.trim().to_string(),
                        first_no,
                        last_no,
                    );
                }
                flags.set(Flag::NeighbourUnclassified);
                continue;
            };
            // a list or heading marker after the label is not part of the
            // value, as on a label's own line
            let (_, value) = crate::normalize::bullets::split(&segment[hit.value_start..]);
            let value = value.trim_start_matches('#').trim_start();
            let value =
                value[..crate::segment::heading::heading_at_end(value).unwrap_or(value.len())].trim().to_string();
            if !value.is_empty() && split_off[j].is_none() {
                split_off[j] = Some(FormValue { text: value, flags, lines });
            }
        }
        // the heading of the next label's section may stand between
        let first = crate::segment::heading::heading_at_end(&text[..first]).unwrap_or(first);
        let head = text[..first].trim().to_string();
        if !head.is_empty() {
            own[i] = Some(FormValue { text: head, flags, lines });
        }
    }
    // a field's own label wins over a value split off another row
    for (o, s) in own.iter_mut().zip(split_off) {
        if o.is_none() {
            *o = s;
        }
        // "Lima, Peru Duration of the 12 months": the value ran into a
        // label that was not split off (wrapped, or its columns interleaved)
        if let Some(v) = o.as_mut() {
            if labels::holds_form_label_opening(&crate::text::fold(&v.text)) {
                v.flags.set(Flag::LabelInValue);
            }
        }
        // "Grade: TBD": the field is not filled in; its text is form text
        if let Some(v) = o.take_if(|v| super::unfilled(&v.text)) {
            if let Some([first, last]) = v.lines {
                ctx.push_residue(crate::record::ResidueKind::Boilerplate, v.text, first, last);
            }
        }
    }
    FormValues(own)
}
