//! Segment: cleaned lines to the template's sections and fields.
//!
//! [`heading`] matches section headings (known spellings, OCR folding, an
//! edit-distance bound, headings merged onto a line or split over two),
//! [`labels`] the sub-labels, [`pages`] running page headers and footers,
//! [`dates`] a date standing alone above the form,
//! and [`builder`] walks the lines once, as a state machine, collecting
//! each field's lines and everything else as residue.

pub(crate) mod builder;
pub(crate) mod dates;
pub(crate) mod heading;
pub(crate) mod labels;
pub(crate) mod pages;

use crate::normalize::Bullet;
use crate::record::{Flag, ResidueKind};

/// Every field of the record, in record order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FieldId {
    PostNumber,
    IssueMonth,
    IssueYear,
    SubmissionEmail,
    Title,
    DutyStation,
    Duration,
    Grade,
    Department,
    OrgUnit,
    Supervisor,
    Methodology,
    Introduction,
    Responsibilities,
    KeyOutputs,
    EducationMin,
    EducationDes,
    WorkMin,
    WorkDes,
    SkillsMin,
    SkillsDes,
    LanguagesMin,
    LanguagesDes,
    Competencies,
    Training,
    LearningElements,
    Background,
}

impl FieldId {
    /// The number of fields.
    pub(crate) const COUNT: usize = FieldId::Background as usize + 1;

    /// The field a label introduces directly. Labels that need context
    /// (qualification groups, Minimum/Desirable, the supervisor's e-mail)
    /// have none.
    pub(crate) fn of_label(label: crate::template::Label) -> Option<FieldId> {
        use crate::template::Label;
        Some(match label {
            Label::PostNumber => FieldId::PostNumber,
            Label::MonthOfIssue => FieldId::IssueMonth,
            Label::Year => FieldId::IssueYear,
            Label::Title => FieldId::Title,
            Label::DutyStation => FieldId::DutyStation,
            Label::Duration => FieldId::Duration,
            Label::Grade => FieldId::Grade,
            Label::Department => FieldId::Department,
            Label::OrgUnit => FieldId::OrgUnit,
            Label::Supervisor => FieldId::Supervisor,
            Label::Methodology => FieldId::Methodology,
            Label::KeyOutputs => FieldId::KeyOutputs,
            Label::Competencies => FieldId::Competencies,
            Label::TrainingComponents => FieldId::Training,
            Label::LearningElements => FieldId::LearningElements,
            Label::SupervisorEmail
            | Label::Education
            | Label::WorkExperience
            | Label::Skills
            | Label::Languages
            | Label::Minimum
            | Label::Desirable => return None,
        })
    }
}

/// A small set of flags (a bit per [`Flag`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Flags(u32);

/// An internal bit, never serialized: a guess was involved that no public
/// flag names by itself (a heading matched with a real typo); caps
/// confidence at medium.
const GUESS_BIT: u32 = 1 << 31;

impl Flags {
    fn bit(f: Flag) -> u32 {
        1 << (f as u32)
    }

    /// Marks the value as a guess (confidence at most medium).
    pub(crate) fn set_guess(&mut self) {
        self.0 |= GUESS_BIT;
    }

    /// Whether the value is marked as a guess.
    pub(crate) fn is_guess(self) -> bool {
        self.0 & GUESS_BIT != 0
    }

    /// Sets a flag.
    pub(crate) fn set(&mut self, f: Flag) {
        self.0 |= Self::bit(f);
    }

    /// Whether a flag is set.
    pub(crate) fn has(self, f: Flag) -> bool {
        self.0 & Self::bit(f) != 0
    }

    /// Adds all flags of `other`.
    pub(crate) fn merge(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    /// The flags in [`Flag`] order.
    pub(crate) fn to_vec(self) -> Vec<Flag> {
        ALL_FLAGS.iter().copied().filter(|&f| self.has(f)).collect()
    }
}

/// Every flag, in declaration order.
pub(crate) const ALL_FLAGS: &[Flag] = &[
    Flag::Missing,
    Flag::HeadingFuzzy,
    Flag::HeadingInferred,
    Flag::InlineLabel,
    Flag::LabelMissing,
    Flag::MultilineValue,
    Flag::MarkupStripped,
    Flag::Repaired,
    Flag::DuplicateRemoved,
    Flag::TemplateGuidanceRemoved,
    Flag::LabelsMerged,
    Flag::Inferred,
    Flag::Ambiguous,
    Flag::OutOfOrder,
    Flag::NeighbourUnclassified,
    Flag::Unparsed,
    Flag::ValuePicked,
    Flag::OcrRepaired,
    Flag::LabelGlued,
    Flag::MarkupLeft,
    Flag::LabelInValue,
    Flag::LabelFuzzy,
];

/// A piece of a field's text: a whole line or the part of a line after a
/// label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    /// Index into the line vector.
    pub line: usize,
    /// Byte range in that line's text.
    pub start: usize,
    pub end: usize,
    pub bullet: Option<Bullet>,
    pub blank_before: bool,
    pub page_break: bool,
}

/// What was collected for one field.
#[derive(Debug, Clone, Default)]
pub(crate) struct Acc {
    pub parts: Vec<Part>,
    pub flags: Flags,
    /// Input lines (1-based) that are evidence for the field without being
    /// its value: its label, a lead-in sentence, a dropped duplicate.
    pub first_line: Option<u32>,
    pub last_line: Option<u32>,
    /// How many times the field's label was seen.
    pub labels: u8,
}

impl Acc {
    /// Widens the field's line range to include `no`.
    pub(crate) fn touch(&mut self, no: u32) {
        self.first_line = Some(self.first_line.map_or(no, |f| f.min(no)));
        self.last_line = Some(self.last_line.map_or(no, |l| l.max(no)));
    }
}

/// A residue entry before it becomes a [`crate::record::Residue`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawResidue {
    pub kind: ResidueKind,
    pub text: String,
    pub first: u32,
    pub last: u32,
}

/// A candidate for a value that has no label of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub line: usize,
    pub value: u16,
}

/// The segmenter's output: the lines of every field, the residue, and the
/// evidence for values that have no label.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub fields: [Acc; FieldId::COUNT],
    pub residue: Vec<RawResidue>,
    /// E-mail addresses in the note for supervisors: (line index, address).
    pub note_emails: Vec<(usize, String)>,
    /// Four-digit years standing alone above GENERAL INFORMATION.
    pub bare_years: Vec<Candidate>,
    /// Dates standing alone (or labelled as a date) above GENERAL
    /// INFORMATION, [`dates::date_line`].
    pub dates: Vec<(usize, dates::Date)>,
    /// Markdown headings above the form that read as a post's title
    /// ([`crate::template::TITLE_OPENINGS`]): line indices.
    pub title_headings: Vec<usize>,
}

impl Collected {
    /// The accumulator of a field.
    pub(crate) fn acc(&mut self, id: FieldId) -> &mut Acc {
        &mut self.fields[id as usize]
    }
}
