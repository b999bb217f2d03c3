//! The record of `RECORD.md` (schema version 1) as serde types.
//!
//! The JSON shape is the contract: field names and their order here are the
//! order of `RECORD.md`, and every collection is ordered, so the same input
//! always serializes to the same bytes.

use serde::{Deserialize, Serialize};

/// The version of the JSON shape. A change to the shape bumps it.
pub const SCHEMA_VERSION: u32 = 1;

/// How sure the parser is that a value is right and complete.
///
/// Ordered from `None` (lowest) to `High`, so `conf >= Confidence::Medium`
/// works as a filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// No value was found.
    None,
    /// A value was found by a guess that may well be wrong; check it.
    Low,
    /// A value was found, but a heuristic was involved (an inferred boundary,
    /// a missing label, a fuzzy heading). Usually right; worth a look.
    Medium,
    /// Found under its own label or heading, with no guess involved.
    High,
}

impl Confidence {
    /// The snake_case name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::None => "none",
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Why a field's confidence is not high, or what was done to its text.
///
/// Serialized as snake_case strings. The vocabulary of `RECORD.md`, plus
/// `pdf_page_break` for text re-joined across a PDF page boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Flag {
    /// No value was found.
    Missing,
    /// The section heading was found with a typo (matched within an edit
    /// distance bound, not from the table of known variants).
    HeadingFuzzy,
    /// The section heading was absent; the boundary was inferred from the
    /// sub-labels that follow.
    HeadingInferred,
    /// Several labels stood on one line and were split apart.
    InlineLabel,
    /// The value was found where its label should be, without the label.
    LabelMissing,
    /// The value continued on following lines.
    MultilineValue,
    /// Markup (markdown, HTML, escapes) was removed from the value.
    MarkupStripped,
    /// A doubled word or token, broken hyphenation, ligature, mojibake or an
    /// undecodable byte was fixed.
    Repaired,
    /// A repeated line was dropped (it is in `residue` as `duplicate`).
    DuplicateRemoved,
    /// Template guidance left in by the drafter was removed (it is in
    /// `residue` as `template_guidance`).
    TemplateGuidanceRemoved,
    /// The same label occurred twice; the contents were merged.
    LabelsMerged,
    /// Taken from elsewhere in the document than its own label.
    Inferred,
    /// Several candidates were found; the one given may not be the right one.
    Ambiguous,
    /// The section stood outside the template's order.
    OutOfOrder,
    /// A line next to the value could not be placed (it is in `residue` as
    /// `unclassified`); the value may be incomplete or include too much.
    NeighbourUnclassified,
    /// The value could not be parsed into its type (for example a duration
    /// with no number of months); the text is in `residue`.
    Unparsed,
    /// The value was picked out of a longer text by a rule that may not be
    /// what a reader means: a number out of "JPO-2431", the first of
    /// several lengths ("1+1 years"), a name without its title ("Dr.").
    ValuePicked,
    /// A character that OCR confuses was read back from its context: a
    /// letter for a digit in a number ("2O23", "l2 months"), a zero in an
    /// upper-case word ("0SH"), a one in a lower-case word ("Desirab1e"),
    /// a comma for the dot of an e-mail's domain. A guess.
    OcrRepaired,
    /// A label ran into its value, or a value into the next label, with no
    /// separator ("TitleJunior Professional Officer", "Grade:P1Duration of
    /// the assignment: 18 months"): where the label or the value ends was
    /// read from a change of case. A guess.
    LabelGlued,
    /// Brackets or braces of link or span markup that was not understood
    /// are left in the value ("Senior Actuary, [[ ]{.underline}]"): where
    /// the value ends is a guess.
    MarkupLeft,
    /// A form row's value holds the opening words of another form label
    /// ("Lima, Peru Duration of the 12 months"): it ran into a label that
    /// was not split off, so where it ends is a guess.
    LabelInValue,
    /// The label was read from a known label's words followed by words the
    /// template does not have, up to the colon that ends its line ("Skills
    /// required for the assigment:"): a variant or a typo, read as the
    /// label. A guess.
    LabelFuzzy,
}

impl Flag {
    /// The snake_case name used in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Missing => "missing",
            Flag::HeadingFuzzy => "heading_fuzzy",
            Flag::HeadingInferred => "heading_inferred",
            Flag::InlineLabel => "inline_label",
            Flag::LabelMissing => "label_missing",
            Flag::MultilineValue => "multiline_value",
            Flag::MarkupStripped => "markup_stripped",
            Flag::Repaired => "repaired",
            Flag::DuplicateRemoved => "duplicate_removed",
            Flag::TemplateGuidanceRemoved => "template_guidance_removed",
            Flag::LabelsMerged => "labels_merged",
            Flag::Inferred => "inferred",
            Flag::Ambiguous => "ambiguous",
            Flag::OutOfOrder => "out_of_order",
            Flag::NeighbourUnclassified => "neighbour_unclassified",
            Flag::Unparsed => "unparsed",
            Flag::ValuePicked => "value_picked",
            Flag::OcrRepaired => "ocr_repaired",
            Flag::LabelGlued => "label_glued",
            Flag::MarkupLeft => "markup_left",
            Flag::LabelInValue => "label_in_value",
            Flag::LabelFuzzy => "label_fuzzy",
        }
    }
}

/// One extracted value with its confidence, flags and source lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    /// The value, or `None` when it was not found.
    pub value: Option<T>,
    /// How sure the parser is of the value.
    pub confidence: Confidence,
    /// Why confidence is not high, or what was done to the text. Sorted, no
    /// repeats.
    pub flags: Vec<Flag>,
    /// First and last 1-based input line the value came from.
    pub lines: Option<[u32; 2]>,
}

impl<T> Default for Field<T> {
    fn default() -> Self {
        Field::missing()
    }
}

impl<T> Field<T> {
    /// A field with no value: confidence `none`, flag `missing`.
    pub fn missing() -> Self {
        Field { value: None, confidence: Confidence::None, flags: vec![Flag::Missing], lines: None }
    }

    /// Whether the field has a value.
    pub fn is_present(&self) -> bool {
        self.value.is_some()
    }

    /// Whether `flag` is set.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }
}

/// A department or organisational unit: its name and the acronym that was
/// given in parentheses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// The name without the parenthesized acronym.
    pub name: String,
    /// The acronym, e.g. `"GEDI"`.
    pub acronym: Option<String>,
}

/// The direct supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supervisor {
    /// The person's name.
    pub name: String,
    /// Title or position, as written.
    pub position: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// The duration of the assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duration {
    /// Length in months ("One year" is 12).
    pub months: u16,
    /// Whether the text says it is renewable or extendable.
    pub renewable: bool,
}

/// Where the input came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file name only, never a path; `None` for in-memory input.
    pub name: Option<String>,
    /// What the input was.
    pub format: SourceFormat,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
}

/// The input's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SourceFormat {
    /// Extracted text.
    Text,
    /// A PDF file, read through its text layer.
    Pdf,
}

/// Post number and issue date, from the top of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Header {
    /// "Post number", e.g. `"2431"`.
    pub post_number: Field<String>,
    /// Month of issue, 1..=12.
    pub issue_month: Field<u8>,
    /// Year of issue.
    pub issue_year: Field<u16>,
    /// The address proposals are submitted to, from the note for supervisors.
    pub submission_email: Field<String>,
}

/// GENERAL INFORMATION.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct General {
    /// "Title".
    pub title: Field<String>,
    /// "Duty station".
    pub duty_station: Field<String>,
    /// "Duration of the assignment".
    pub duration: Field<Duration>,
    /// "Grade", e.g. `"P2"`.
    pub grade: Field<String>,
    /// "Department/ Field Office".
    pub department: Field<Unit>,
    /// "Organisational unit".
    pub organisational_unit: Field<Unit>,
}

/// SUPERVISION.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Supervision {
    /// "Direct Supervision by".
    pub supervisor: Field<Supervisor>,
    /// "Content and methodology of supervision", one string per paragraph.
    pub methodology: Field<Vec<String>>,
}

/// DUTIES AND RESPONSIBILITIES.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Duties {
    /// The duties: prose before the list first, then one entry per item.
    pub responsibilities: Field<Vec<String>>,
    /// The items after "... contribute to the following key outputs:".
    pub key_outputs: Field<Vec<String>>,
}

/// A "Minimum" / "Desirable" pair of a qualification block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Requirement {
    /// "Minimum".
    pub minimum: Field<Vec<String>>,
    /// "Desirable".
    pub desirable: Field<Vec<String>>,
}

/// QUALIFICATIONS AND EXPERIENCE.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Qualifications {
    /// "Education".
    pub education: Requirement,
    /// "Work experience".
    pub work_experience: Requirement,
    /// "Skills required for the assignment".
    pub skills: Requirement,
    /// "Languages".
    pub languages: Requirement,
    /// "ILO competencies": the numbered items, without the lead-in sentence.
    pub competencies: Field<Vec<String>>,
}

/// TRAINING COMPONENTS AND LEARNING ELEMENTS.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Learning {
    /// "Training components".
    pub training_components: Field<Vec<String>>,
    /// "Learning elements".
    pub learning_elements: Field<Vec<String>>,
}

/// What a residue entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResidueKind {
    /// Form text that is not content: letterhead, the note for supervisors,
    /// the diversity statement, the smoke-free line, the fraud warning, page
    /// headers, section headings and layout remnants (rules, lone bullets).
    Boilerplate,
    /// Template guidance left in by the drafter.
    TemplateGuidance,
    /// A line dropped as a repeat of the line before it.
    Duplicate,
    /// A line the parser could not place.
    Unclassified,
}

/// Input text that is in no field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residue {
    /// What it is.
    pub kind: ResidueKind,
    /// The text, normalized.
    pub text: String,
    /// First and last 1-based input line.
    pub lines: [u32; 2],
}

/// A parsed vacancy proposal: the record of `RECORD.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Vacancy {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the input came from.
    pub source: Source,
    /// Post number and issue date.
    pub header: Header,
    /// GENERAL INFORMATION.
    pub general: General,
    /// SUPERVISION.
    pub supervision: Supervision,
    /// INTRODUCTION, one string per paragraph.
    pub introduction: Field<Vec<String>>,
    /// DUTIES AND RESPONSIBILITIES.
    pub duties: Duties,
    /// QUALIFICATIONS AND EXPERIENCE.
    pub qualifications: Qualifications,
    /// TRAINING COMPONENTS AND LEARNING ELEMENTS.
    pub learning: Learning,
    /// BACKGROUND INFORMATION, one string per paragraph.
    pub background: Field<Vec<String>>,
    /// Every non-blank input line that is in no field, in input order.
    pub residue: Vec<Residue>,
}

impl Vacancy {
    /// The record as pretty-printed JSON (two-space indent, RECORD.md order).
    pub fn to_json_pretty(&self) -> String {
        // Serializing these plain types cannot fail: no maps with non-string
        // keys, no custom serializers.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The record as compact single-line JSON (for JSON Lines output).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every field of the record, in the order of `RECORD.md`, with its
    /// dotted path (`"qualifications.education.minimum"`). `source` and
    /// `residue` hold no fields and are not listed.
    ///
    /// ```
    /// let record = vacancy_ingest::parse_text("Title: Junior Officer\n");
    /// let low: Vec<_> = record
    ///     .fields()
    ///     .filter(|f| f.value.is_some() && f.confidence < vacancy_ingest::Confidence::High)
    ///     .map(|f| f.path)
    ///     .collect();
    /// assert!(record.fields().any(|f| f.path == "general.title"));
    /// # let _ = low;
    /// ```
    pub fn fields(&self) -> impl ExactSizeIterator<Item = FieldRef<'_>> + '_ {
        let (h, g, s, d, q, l) =
            (&self.header, &self.general, &self.supervision, &self.duties, &self.qualifications, &self.learning);
        [
            FieldRef::of("header.post_number", &h.post_number),
            FieldRef::of("header.issue_month", &h.issue_month),
            FieldRef::of("header.issue_year", &h.issue_year),
            FieldRef::of("header.submission_email", &h.submission_email),
            FieldRef::of("general.title", &g.title),
            FieldRef::of("general.duty_station", &g.duty_station),
            FieldRef::of("general.duration", &g.duration),
            FieldRef::of("general.grade", &g.grade),
            FieldRef::of("general.department", &g.department),
            FieldRef::of("general.organisational_unit", &g.organisational_unit),
            FieldRef::of("supervision.supervisor", &s.supervisor),
            FieldRef::of("supervision.methodology", &s.methodology),
            FieldRef::of("introduction", &self.introduction),
            FieldRef::of("duties.responsibilities", &d.responsibilities),
            FieldRef::of("duties.key_outputs", &d.key_outputs),
            FieldRef::of("qualifications.education.minimum", &q.education.minimum),
            FieldRef::of("qualifications.education.desirable", &q.education.desirable),
            FieldRef::of("qualifications.work_experience.minimum", &q.work_experience.minimum),
            FieldRef::of("qualifications.work_experience.desirable", &q.work_experience.desirable),
            FieldRef::of("qualifications.skills.minimum", &q.skills.minimum),
            FieldRef::of("qualifications.skills.desirable", &q.skills.desirable),
            FieldRef::of("qualifications.languages.minimum", &q.languages.minimum),
            FieldRef::of("qualifications.languages.desirable", &q.languages.desirable),
            FieldRef::of("qualifications.competencies", &q.competencies),
            FieldRef::of("learning.training_components", &l.training_components),
            FieldRef::of("learning.learning_elements", &l.learning_elements),
            FieldRef::of("background", &self.background),
        ]
        .into_iter()
    }
}

/// One field of a [`Vacancy`], borrowed, whatever its value's type: what
/// [`Vacancy::fields`] lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldRef<'a> {
    /// The dotted path of the field in the JSON, e.g. `"general.department"`.
    pub path: &'static str,
    /// The value, or `None` when it was not found.
    pub value: Option<FieldValue<'a>>,
    /// How sure the parser is of the value.
    pub confidence: Confidence,
    /// The field's flags.
    pub flags: &'a [Flag],
    /// First and last 1-based input line the value came from.
    pub lines: Option<[u32; 2]>,
}

impl<'a> FieldRef<'a> {
    fn of<T: AsFieldValue>(path: &'static str, f: &'a Field<T>) -> Self {
        FieldRef {
            path,
            value: f.value.as_ref().map(AsFieldValue::as_field_value),
            confidence: f.confidence,
            flags: &f.flags,
            lines: f.lines,
        }
    }
}

/// A field's value, borrowed. Its [`Display`](std::fmt::Display) is the
/// value on one line: white space runs as one space, paragraphs joined by
/// `" | "`, the parts of a unit, supervisor or duration by `", "`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldValue<'a> {
    /// A string: post number, title, grade, e-mail.
    Text(&'a str),
    /// A number: the month or year of issue.
    Number(u16),
    /// Paragraphs or list items.
    Paragraphs(&'a [String]),
    /// A department or organisational unit.
    Unit(&'a Unit),
    /// The supervisor.
    Supervisor(&'a Supervisor),
    /// The duration.
    Duration(&'a Duration),
}

trait AsFieldValue {
    fn as_field_value(&self) -> FieldValue<'_>;
}

impl AsFieldValue for String {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Text(self)
    }
}

impl AsFieldValue for u8 {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Number(u16::from(*self))
    }
}

impl AsFieldValue for u16 {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Number(*self)
    }
}

impl AsFieldValue for Vec<String> {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Paragraphs(self)
    }
}

impl AsFieldValue for Unit {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Unit(self)
    }
}

impl AsFieldValue for Supervisor {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Supervisor(self)
    }
}

impl AsFieldValue for Duration {
    fn as_field_value(&self) -> FieldValue<'_> {
        FieldValue::Duration(self)
    }
}

impl std::fmt::Display for FieldValue<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Writes the non-blank parts, each with its white space runs as
        /// one space, `sep` between them.
        fn parts<'s>(
            f: &mut std::fmt::Formatter<'_>,
            sep: &str,
            parts: impl IntoIterator<Item = &'s str>,
        ) -> std::fmt::Result {
            let mut first = true;
            for part in parts {
                let mut words = part.split_whitespace().peekable();
                if words.peek().is_none() {
                    continue;
                }
                if !first {
                    f.write_str(sep)?;
                }
                first = false;
                for (i, w) in words.enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str(w)?;
                }
            }
            Ok(())
        }
        match *self {
            FieldValue::Text(s) => parts(f, "", [s]),
            FieldValue::Number(n) => write!(f, "{n}"),
            FieldValue::Paragraphs(p) => parts(f, " | ", p.iter().map(String::as_str)),
            FieldValue::Unit(u) => parts(f, ", ", [u.name.as_str()].into_iter().chain(u.acronym.as_deref())),
            FieldValue::Supervisor(s) => {
                parts(f, ", ", [s.name.as_str()].into_iter().chain(s.position.as_deref()).chain(s.email.as_deref()))
            }
            FieldValue::Duration(d) => write!(f, "{}, {}", d.months, d.renewable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_json_names() {
        for &f in crate::segment::ALL_FLAGS {
            assert_eq!(serde_json::to_value(f).unwrap(), f.as_str());
        }
        for c in [Confidence::None, Confidence::Low, Confidence::Medium, Confidence::High] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
    }
}
