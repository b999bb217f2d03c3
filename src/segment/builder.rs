//! The section builder: one pass over the cleaned lines, a state machine
//! that knows the current section, the current field and the current
//! qualification block, and sends every line to a field or to residue.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use regex::Regex;

use super::heading;
use super::labels::{self, LabelHit};
use super::pages;
use super::{Candidate, Collected, FieldId, Flags, Part, RawResidue};
use crate::normalize::{Bullet, Line};
use crate::record::{Flag, ResidueKind};
use crate::template::{
    Label, Phrase, Section, BOILERPLATE, FOREIGN_SECTION_WORDS, FORM_END, GUIDANCE, KEY_OUTPUTS_LEAD_INS, LETTERHEAD,
    PLACEHOLDER_OPENERS, SUBMISSION_NOTES, SUPERVISOR_NAME_LABELS, SUPERVISOR_POSITION_LABELS, TITLE_OPENINGS,
    WEB_CHROME, WEB_CHROME_SIGNS,
};
use crate::text::{fold_into, fold_prefix_into};

/// The shortest line that is dropped as a duplicate of the line before it;
/// short lines ("-", "Minimum:") repeat legitimately.
const MIN_DUPLICATE_CHARS: usize = 12;

/// How much of a line is folded to classify it (headings, labels,
/// boilerplate and guidance phrases all stand in a line's first words).
/// The most lines a value printed before its label may take (a title
/// wrapped over three lines).
const MAX_VALUE_FIRST_LINES: usize = 3;

/// The longest first line of a label split over two lines
/// ([`Builder::split_label`]): the first words of a label, not a sentence.
const MAX_SPLIT_LABEL_HEAD_CHARS: usize = 48;

/// The most bytes before the colon of a label's last words wrapped onto
/// the next line in a two-column layout ([`Builder::column_label`]): a
/// label's last words ("assignment:", "supervision:"), not a sentence.
const MAX_COLUMN_TAIL_BYTES: usize = 40;

/// The most lines a label interleaved with its value's lines may take
/// ([`Builder::interleaved_label`]): "Content and" / "methodology of" /
/// "supervision:".
const MAX_INTERLEAVED_FRAGMENTS: usize = 3;

/// Long paragraphs are not folded whole.
const MAX_CLASSIFY_BYTES: usize = 120;

/// The first and last year accepted for a year of issue.
pub(super) const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}").expect("valid regex")
});

/// Whether a text is an e-mail address and nothing else (an "E-mail:"
/// label and brackets allowed).
fn is_only_email(text: &str) -> bool {
    if !text.contains('@') || text.len() > MAX_CLASSIFY_BYTES {
        return false;
    }
    let mut f = String::new();
    fold_into(text, &mut f);
    let rest = f.strip_prefix("e mail").or_else(|| f.strip_prefix("email")).unwrap_or(&f);
    emails(text).count() == 1 && {
        let e = emails(text).next().map(|m| fold_email(m.as_str())).unwrap_or_default();
        rest.trim() == e
    }
}

fn fold_email(e: &str) -> String {
    let mut f = String::new();
    fold_into(e, &mut f);
    f
}

/// E-mail addresses in a text.
pub(crate) fn emails(text: &str) -> impl Iterator<Item = regex::Match<'_>> {
    EMAIL.find_iter(text)
}

/// The section a field belongs to (`None`: the header block).
pub(crate) fn section_of(id: FieldId) -> Option<Section> {
    use FieldId::*;
    Some(match id {
        PostNumber | IssueMonth | IssueYear | SubmissionEmail => return None,
        Title | DutyStation | Duration | Grade | Department | OrgUnit => Section::General,
        Supervisor | Methodology => Section::Supervision,
        Introduction => Section::Introduction,
        Responsibilities | KeyOutputs => Section::Duties,
        EducationMin | EducationDes | WorkMin | WorkDes | SkillsMin | SkillsDes | LanguagesMin | LanguagesDes
        | Competencies => Section::Qualifications,
        Training | LearningElements => Section::Learning,
        Background => Section::Background,
    })
}

/// Fields whose value is one short value (a label's line and its
/// continuation), as opposed to blocks of paragraphs.
fn is_scalar(id: FieldId) -> bool {
    use FieldId::*;
    matches!(
        id,
        PostNumber
            | IssueMonth
            | IssueYear
            | Title
            | DutyStation
            | Duration
            | Grade
            | Department
            | OrgUnit
            | Supervisor
    )
}

/// One automaton over every boilerplate and guidance phrase: a single pass
/// over a folded line finds all of them.
struct PhraseTable {
    automaton: AhoCorasick,
    /// For each pattern: its kind.
    meta: Vec<ResidueKind>,
}

static PHRASES: LazyLock<PhraseTable> = LazyLock::new(|| {
    let all: Vec<(&Phrase, ResidueKind)> = BOILERPLATE
        .iter()
        .map(|p| (p, ResidueKind::Boilerplate))
        .chain(WEB_CHROME.iter().map(|p| (p, ResidueKind::Boilerplate)))
        .chain(GUIDANCE.iter().map(|p| (p, ResidueKind::TemplateGuidance)))
        .collect();
    // anchored at the start of the line; among phrases that match there,
    // the first in table order wins (boilerplate before guidance)
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .start_kind(StartKind::Anchored)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(all.iter().map(|(p, _)| p.text))
        .expect("valid phrases");
    PhraseTable { automaton, meta: all.iter().map(|(_, k)| *k).collect() }
});

/// The lead-ins of a key outputs list ([`KEY_OUTPUTS_LEAD_INS`]), found
/// anywhere in a folded line in one pass ([`holds_key_outputs_lead_in`]).
static KEY_OUTPUTS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .prefilter(false)
        .build(KEY_OUTPUTS_LEAD_INS)
        .expect("valid phrases")
});

/// Whether a text opens as a post's title does ([`TITLE_OPENINGS`]).
fn opens_as_title(text: &str) -> bool {
    let folded = crate::text::fold(text);
    TITLE_OPENINGS.iter().any(|o| folded.strip_prefix(o).is_some_and(|r| r.is_empty() || r.starts_with(' ')))
}

/// Whether a folded text holds a key outputs lead-in anywhere.
pub(crate) fn holds_key_outputs_lead_in(folded: &str) -> bool {
    KEY_OUTPUTS.is_match(folded)
}

/// A bracketed text that opens `text` and closes on the line ("[Insert
/// name ...] value"): the byte offset just after its `]`.
fn leading_bracket(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find(']')?;
    // "[x](y)" is a link, "[]" nothing
    (close > 0 && !inner[close + 1..].starts_with('(')).then_some(close + 2)
}

/// Whether a bracket on a label's line holds template guidance: words in
/// square brackets beside (or instead of) a form's answer ("Duty station:
/// [City, Country]", "Grade: P2 [JPO posts are normally ...]") are the
/// template's hint to the drafter, never the answer: words, with a space
/// between them. A footnote mark (`[^1]`, `[12]`), a ticked box (`[x]`),
/// an acronym (`[CO-Lima]`), an address or a link in brackets is not.
fn is_label_bracket(inner: &str) -> bool {
    let inner = inner.trim();
    !inner.starts_with('^')
        && inner.contains(' ')
        && inner.chars().filter(|c| c.is_alphabetic()).take(2).count() == 2
        && !inner.contains('@')
        && !inner.contains("://")
        && !inner.contains("www.")
}

/// A bracketed text that closes `text` after the value ("Employment Unit
/// [Branch / Unit / Project ...]"): the byte offset of its `[`, when text
/// stands before it. The bracket holds no other bracket.
fn trailing_bracket(text: &str) -> Option<usize> {
    let inner = text.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let ok = !inner[open + 1..].contains(']')
        && is_label_bracket(&inner[open + 1..])
        && text[..open].ends_with(char::is_whitespace)
        && !text[..open].trim().is_empty();
    ok.then_some(open)
}

/// The most bytes before the colon of a supervisor's sub-label.
const MAX_SUB_LABEL_BYTES: usize = 24;

/// Whether `text` opens with one of `labels` (folded) and its colon.
fn opens_with_sub_label(text: &str, labels: &[&str]) -> bool {
    let Some(colon) = text.bytes().take(MAX_SUB_LABEL_BYTES).position(|b| b == b':') else { return false };
    let head = crate::text::fold(&text[..colon]);
    labels.contains(&head.as_str())
}

/// Whether a bracketed text is template guidance: a guidance phrase, or a
/// placeholder that opens with an instruction ([`PLACEHOLDER_OPENERS`]).
fn is_bracket_guidance(inner: &str) -> bool {
    let mut folded = String::new();
    opens_with_guidance(inner, &mut folded)
        || PLACEHOLDER_OPENERS
            .iter()
            .any(|w| folded.strip_prefix(w).is_some_and(|r| r.is_empty() || r.starts_with(' ')))
}

/// Whether `text` opens with a template guidance phrase; `folded` is left
/// holding its folded opening words.
fn opens_with_guidance(text: &str, folded: &mut String) -> bool {
    fold_prefix_into(text, MAX_CLASSIFY_BYTES, folded);
    phrase_kind(folded) == Some(ResidueKind::TemplateGuidance)
}

/// The kind of the first phrase (in table order) that `folded` starts with.
fn phrase_kind(folded: &str) -> Option<ResidueKind> {
    let t = &*PHRASES;
    let m = t.automaton.find(Input::new(folded).anchored(Anchored::Yes))?;
    Some(t.meta[m.pattern().as_usize()])
}

/// The qualification fields of a group label: (minimum, desirable).
fn group_fields(group: Label) -> Option<(FieldId, FieldId)> {
    Some(match group {
        Label::Education => (FieldId::EducationMin, FieldId::EducationDes),
        Label::WorkExperience => (FieldId::WorkMin, FieldId::WorkDes),
        Label::Skills => (FieldId::SkillsMin, FieldId::SkillsDes),
        Label::Languages => (FieldId::LanguagesMin, FieldId::LanguagesDes),
        _ => return None,
    })
}

/// Number of sections, for per-section tables.
const SECTIONS: usize = Section::Background as usize + 1;

struct Builder<'a> {
    lines: &'a [Line],
    out: Collected,
    section: Option<Section>,
    /// Flags that apply to every field of a section.
    section_flags: [Flags; SECTIONS],
    seen: [bool; SECTIONS],
    /// The sections in the order they were first entered.
    entered: Vec<Section>,
    target: Option<FieldId>,
    /// The current target's label had no value on its line: the next
    /// paragraph is its value, even after a blank line.
    awaiting: bool,
    group: Option<Label>,
    blank: bool,
    page_pending: bool,
    /// A page break (furniture, or blank lines around it) stood between the
    /// previous line and this one.
    crossed_page: bool,
    /// A boilerplate or guidance block that continues on the next line.
    carry: Option<ResidueKind>,
    /// The block being carried is the note for supervisors.
    carry_note: bool,
    prev_content: Option<usize>,
    pending_guidance: bool,
    pending_neighbour: bool,
    /// Inside a part of the document the template does not have (after a
    /// heading of [`FOREIGN_SECTION_WORDS`], or after the form's last line,
    /// [`FORM_END`]): content is residue.
    foreign: bool,
    /// The word that numbers the template's headings in this document
    /// ("PARA 1. GENERAL INFORMATION": [`heading::number_word`]).
    heading_word: Option<&'static str>,
    /// A desirable label stacked under its bare minimum label: the field
    /// the paragraph after the minimum's goes to.
    stacked: Option<FieldId>,
    /// The field and line index of the last part collected.
    last_part: Option<(FieldId, usize)>,
    /// The line before was e-mail structure ([`Line::envelope`]).
    in_envelope: bool,
    /// The label of the current qualification block was read as a guess
    /// ([`LabelHit::fuzzy`]): so are its Minimum and Desirable.
    group_fuzzy: bool,
}

/// A comment of a word processor's plain-text export: "[a]Confirm the
/// funding" (its anchor, then the text, no space between).
fn is_comment_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('[') else { return false };
    let letters = rest.bytes().take_while(u8::is_ascii_lowercase).count();
    (1..=2).contains(&letters)
        && rest[letters..].strip_prefix(']').is_some_and(|r| r.starts_with(|c: char| !c.is_whitespace()))
}

/// The most bytes of a markdown footnote's label (`[^1]`, `[^note-2]`).
const MAX_FOOTNOTE_LABEL_BYTES: usize = 12;

/// A markdown footnote's definition: `[^1]: See in particular ...`. The
/// drafter's note to a sentence, not a field's text.
fn is_footnote_line(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("[^") else { return false };
    let label = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')).count();
    (1..=MAX_FOOTNOTE_LABEL_BYTES).contains(&label) && rest[label..].starts_with("]:")
}

/// Runs the builder over normalized lines.
pub(crate) fn collect(lines: &[Line]) -> Collected {
    let mut b = Builder {
        lines,
        out: Collected::default(),
        section: None,
        section_flags: [Flags::default(); SECTIONS],
        seen: [false; SECTIONS],
        entered: Vec::new(),
        target: None,
        awaiting: false,
        group: None,
        blank: true,
        page_pending: false,
        crossed_page: false,
        carry: None,
        carry_note: false,
        prev_content: None,
        pending_guidance: false,
        pending_neighbour: false,
        foreign: false,
        heading_word: None,
        stacked: None,
        last_part: None,
        in_envelope: false,
        group_fuzzy: false,
    };
    b.run();
    b.finish()
}

impl<'a> Builder<'a> {
    fn run(&mut self) {
        let (furniture, gap) = self.page_furniture();
        let (order, value_first) = self.value_first_order(&furniture);
        let mut folded = String::new();
        let mut skip = 0usize;
        // the second line of a label split over two, already read
        let mut consumed: Option<usize> = None;
        // the later words of a label interleaved with its value's lines
        // ([`Builder::interleaved_label`]), already read
        let mut tails: Vec<usize> = Vec::new();
        for i in order {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if consumed == Some(i) {
                continue;
            }
            if let Some(k) = tails.iter().position(|&t| t == i) {
                tails.swap_remove(k);
                self.claim_label_tail(i);
                continue;
            }
            if value_first[i] {
                // the label of values printed before it: it is processed
                // first, and the value is taken from above it
                if let Some(hit) = labels::at_start(&self.lines[i].text, |_| true) {
                    self.label(i, hit, 0);
                    if let Some(t) = self.target {
                        self.out.acc(t).flags.set(Flag::Inferred);
                    }
                    continue;
                }
            }
            let line = &self.lines[i];
            if let Some(kind) = line.envelope {
                self.envelope(kind, i);
                continue;
            }
            if line.joined {
                self.claim_joined(i);
                continue;
            }
            if line.has_text() {
                self.in_envelope = false;
                if i > 0 && self.lines[i - 1].continued && self.continue_line(i) {
                    continue;
                }
            }
            if let Some((section, start)) = line.section_key {
                // an export names the line's section: entered, and the
                // heading's words before the text are not content
                self.carry = None;
                if self.section != Some(section) {
                    self.enter(section, false, false, false);
                }
                if start > 0 {
                    let end = self.lines[i].text.len();
                    self.content(i, start.min(end), end);
                    continue;
                }
            }
            if line.page_break {
                self.page_pending = true;
            }
            if line.is_blank() {
                // blank lines around page furniture do not end a paragraph
                if gap[i] {
                    self.crossed_page = true;
                } else {
                    self.blank = true;
                    if let (Some(des), Some(t)) = (self.stacked, self.target) {
                        if !self.out.fields[t as usize].parts.is_empty() {
                            self.stacked = None;
                            self.target = Some(des);
                            self.awaiting = true;
                            self.out.acc(des).flags.set(Flag::Inferred);
                        }
                    }
                }
                continue;
            }
            if furniture[i] {
                self.crossed_page = true;
                // a page header or footer interrupts a paragraph; it does not end it
                self.residue(ResidueKind::Boilerplate, i, i);
                self.page_pending = true;
                continue;
            }
            if line.rule {
                self.residue(ResidueKind::Boilerplate, i, i);
                self.blank = true;
                continue;
            }
            fold_prefix_into(&line.text, MAX_CLASSIFY_BYTES, &mut folded);
            // a heading's words in lower case that go on with the sentence
            // of the line before ("... will perform the following" /
            // "duties and responsibilities:") are that sentence, not a
            // heading; nor is a label's without its colon ("At least two
            // years of relevant" / "professional experience")
            let goes_on_sentence = !line.md_heading
                && crate::text::starts_lowercase(&line.text)
                && i > 0
                && self.lines[i - 1].has_text()
                && !crate::text::ends_clause(&self.lines[i - 1].text);
            let heading = heading::match_line(line, &folded).filter(|_| !goes_on_sentence);
            let label = if heading.is_none() {
                self.label_at(&line.text).filter(|h| h.colon || !goes_on_sentence).or_else(|| {
                    // a label alone with a typo, standing as a label would:
                    // a heading, a line ending in a colon, or a numbered
                    // sub-part's title with a blank line after it ("c) Skills
                    // required for the assigment")
                    let numbered_alone = line.bullet == Some(Bullet::Number)
                        && !line.text.ends_with(['.', ';', ','])
                        && self.lines.get(i + 1).is_none_or(Line::is_blank);
                    let stands = line.md_heading || line.text.ends_with(':') || numbered_alone;
                    stands.then(|| labels::typo_label(&line.text, self.allowed_labels())).flatten()
                })
            } else {
                None
            };

            let crossed_page = std::mem::take(&mut self.crossed_page);
            if let Some(kind) = self.carry {
                // across a page break only a sentence that visibly goes on
                let goes_on = !crossed_page || crate::text::starts_lowercase(&line.text);
                if !self.blank && goes_on && heading.is_none() && label.is_none() && phrase_kind(&folded).is_none() {
                    self.extend_residue(kind, i);
                    if self.carry_note {
                        self.note_emails(i);
                    }
                    continue;
                }
            }
            // the note for supervisors goes on over a line of boilerplate
            // of its own ("Note for supervisors:" / "Please complete the
            // vacancy proposal form ... to jpo@ilo.org.")
            let note_goes_on = self.carry_note && !self.blank && !crossed_page;
            self.carry = None;
            self.carry_note = false;
            if let Some(h) = heading {
                self.heading_word = self.heading_word.or_else(|| heading::number_word(&folded));
                self.residue(ResidueKind::Boilerplate, i, i);
                self.enter(h.section, h.fuzzy, h.typo, false);
                continue;
            }
            if let Some((n, section)) = self.split_heading(i, &folded) {
                self.residue(ResidueKind::Boilerplate, i, n);
                self.enter(section, true, false, false);
                skip = n - i;
                continue;
            }
            if self.section.is_none() && LETTERHEAD.contains(&folded.as_str()) {
                self.residue(ResidueKind::Boilerplate, i, i);
                continue;
            }
            if let Some(end) = leading_bracket(&line.text) {
                let rest = line.text[end..].trim_start();
                if is_bracket_guidance(&line.text[1..end - 1]) {
                    // guidance in brackets ends at its bracket: what follows
                    // on the line is text
                    let bracket = line.text[..end].to_string();
                    let rest_start = line.text.len() - rest.len();
                    let len = line.text.len();
                    self.residue_text(ResidueKind::TemplateGuidance, i, bracket);
                    self.guidance_seen();
                    if rest_start < len {
                        self.content(i, rest_start, len);
                    } else {
                        self.blank = false;
                    }
                    continue;
                }
                if rest.is_empty() && line.text[1..end - 1].split_whitespace().nth(1).is_some() {
                    // a drafter's note in brackets ("[Note to HR: ...]"): not
                    // the template's text, and not the field's
                    self.residue(ResidueKind::Unclassified, i, i);
                    self.blank = false;
                    continue;
                }
            }
            let chrome = line.text.trim_start().starts_with(WEB_CHROME_SIGNS).then_some(ResidueKind::Boilerplate);
            if let Some(kind) = chrome.or_else(|| phrase_kind(&folded)) {
                self.residue(kind, i, i);
                self.carry = Some(kind);
                if kind == ResidueKind::Boilerplate
                    && (note_goes_on || SUBMISSION_NOTES.iter().any(|n| folded.starts_with(n)))
                {
                    self.carry_note = true;
                    self.note_emails(i);
                }
                if kind == ResidueKind::TemplateGuidance {
                    self.guidance_seen();
                }
                if kind == ResidueKind::Boilerplate && FORM_END.iter().any(|p| folded.starts_with(p)) {
                    // what follows, up to a heading, is outside the form
                    self.foreign = true;
                    self.target = None;
                    self.group = None;
                }
                self.blank = false;
                continue;
            }
            if let Some(hit) = label {
                self.label(i, hit, 0);
                continue;
            }
            if let Some((next, hit)) = self.split_label(i, &value_first) {
                self.label(next, hit, 0);
                self.claim_label_head(i, next);
                consumed = Some(next);
                continue;
            }
            if let Some((hit, tail_end)) = self.column_label(i, &value_first) {
                self.label(i, hit, 0);
                self.column_rest(i + 1, tail_end);
                consumed = Some(i + 1);
                continue;
            }
            if let Some((hit, last)) = self.interleaved_label(i, &value_first) {
                self.label(i, hit, 0);
                tails.extend((i + 2..=last).step_by(2));
                continue;
            }
            if self.section == Some(Section::Duties) && holds_key_outputs_lead_in(&folded) {
                self.take_lead_in_start();
                self.set_target(FieldId::KeyOutputs, i);
                self.awaiting = false;
                self.blank = true;
                continue;
            }
            if let Some((pos, section)) = heading::trailing_heading(&line.text) {
                self.content(i, 0, pos);
                self.enter(section, false, false, false);
                continue;
            }
            // a heading of the document's own numbering is read as a heading
            // (boilerplate), another foreign heading is unclassified; what
            // follows either is outside the record
            let foreign = if self.numbered_foreign_heading(i, &folded) {
                Some(ResidueKind::Boilerplate)
            } else if self.foreign_heading(i, &folded) {
                Some(ResidueKind::Unclassified)
            } else {
                None
            };
            if let Some(kind) = foreign {
                self.residue(kind, i, i);
                self.foreign = true;
                self.target = None;
                self.group = None;
                self.blank = true;
                continue;
            }
            if is_comment_line(&line.text) {
                // a reviewer's comment exported with the text: not content
                self.residue(ResidueKind::Unclassified, i, i);
                continue;
            }
            if is_footnote_line(&line.text) {
                // a footnote and the lines it goes on over
                self.residue(ResidueKind::Unclassified, i, i);
                self.carry = Some(ResidueKind::Unclassified);
                self.blank = false;
                continue;
            }
            if self.foreign {
                self.residue(ResidueKind::Unclassified, i, i);
                self.blank = false;
                continue;
            }
            self.content(i, 0, line.text.len());
        }
    }

    /// The order the lines are read in, and which labels come after their
    /// values. A form exported column by column prints each value before its
    /// label ("Suva, Fiji" / "Duty station:"). A block of lines (up to a
    /// blank line) is read so when it holds two bare form labels or more,
    /// no label with a value, one to [`MAX_VALUE_FIRST_LINES`] lines before
    /// each label, and ends with a bare label: in the usual layout the
    /// block would start with a label (or heading) and end with a value.
    /// Such a label is then read before its values.
    fn value_first_order(&self, furniture: &[bool]) -> (Vec<usize>, Vec<bool>) {
        let n = self.lines.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut value_first = vec![false; n];
        let form = |d: &crate::template::LabelDef| {
            matches!(d.home, crate::template::Home::Header | crate::template::Home::In(Section::General))
        };
        let mut folded = String::new();
        // what a value line cannot be: a heading, letterhead, page furniture
        let mut stop = |i: usize| {
            let l = &self.lines[i];
            fold_prefix_into(&l.text, MAX_CLASSIFY_BYTES, &mut folded);
            furniture[i] || heading::match_line(l, &folded).is_some() || LETTERHEAD.contains(&folded.as_str())
        };
        let mut start = 0;
        while start < n {
            let end = (start..n).find(|&i| self.lines[i].is_blank()).unwrap_or(n);
            let block = start..end;
            start = end + 1;
            if block.len() < 4 {
                continue;
            }
            let label = |i: usize| {
                let hit = labels::at_start(&self.lines[i].text, |_| true)?;
                Some(hit.value_start >= self.lines[i].text.len() && form(hit.def))
            };
            // the block must end with a bare label: its last line is looked
            // at first, so that a block of prose costs one lookup, not one
            // a line
            if label(block.end - 1) != Some(true) {
                continue;
            }
            let mut bare = Vec::new();
            let mut other_label = false;
            for i in block.clone() {
                match label(i) {
                    Some(true) => bare.push(i),
                    Some(false) => other_label = true,
                    None => {}
                }
            }
            if other_label || bare.len() < 2 || bare.last() != Some(&(block.end - 1)) {
                continue;
            }
            // the values of each label: the lines since the label before it
            // (for the first, back to a line that cannot be a value)
            let first = bare[0];
            let lead = (block.start..first).rev().take_while(|&i| !stop(i)).count();
            let spans_ok = (1..=MAX_VALUE_FIRST_LINES).contains(&lead)
                && bare.windows(2).all(|w| {
                    let gap = w[1] - w[0] - 1;
                    (1..=MAX_VALUE_FIRST_LINES).contains(&gap) && (w[0] + 1..w[1]).all(|i| !stop(i))
                });
            if !spans_ok {
                continue;
            }
            let mut from = first - lead;
            for &l in &bare {
                // order[from..=l] becomes l, from, ..., l - 1
                order[from..=l].rotate_right(1);
                value_first[l] = true;
                from = l + 1;
            }
        }
        (order, value_first)
    }

    /// A heading the template does not have that starts a part outside the
    /// record: a heading-shaped line of two words or more standing alone
    /// inside a section, not a sentence, not a list item, not the value a
    /// label waits for, holding a word of [`FOREIGN_SECTION_WORDS`]. Other
    /// unknown headings are the drafter's sub-headings: content.
    fn foreign_heading(&self, i: usize, folded: &str) -> bool {
        let line = &self.lines[i];
        let alone = self.blank && self.lines.get(i + 1).is_none_or(|l| l.is_blank());
        let text = line.text.trim_end_matches(':').trim_end();
        let shaped = self.section.is_some()
            && !self.awaiting
            && alone
            && line.bullet.is_none()
            && !text.ends_with(['.', ',', ';'])
            && heading::heading_shaped(line)
            && folded.split(' ').filter(|w| w.chars().any(char::is_alphabetic)).count() >= 2;
        shaped && folded.split(' ').any(|w| FOREIGN_SECTION_WORDS.contains(&w))
    }

    /// A heading the template does not have, numbered as the document
    /// numbers the template's headings ("PARA 8. GENERAL" after "PARA 7.
    /// BACKGROUND INFORMATION"): a section of the document at the level of
    /// the template's, outside the record: what follows it is residue up
    /// to the next template heading or label, as after a
    /// [`Self::foreign_heading`]; the line itself is a heading the
    /// document's numbering marks as one (boilerplate). Only a heading-shaped line with no list marker, inside a section,
    /// whose number word ([`heading::number_word`]) numbered a template
    /// heading before it.
    fn numbered_foreign_heading(&self, i: usize, folded: &str) -> bool {
        let line = &self.lines[i];
        self.section.is_some()
            && line.bullet.is_none()
            && self.heading_word.is_some()
            && heading::heading_shaped(line)
            && heading::number_word(folded) == self.heading_word
    }

    /// A label split over two lines ("Duty station of the" / "assignment:
    /// 24 months", a cell wrapped by a word processor): line `i` holds the
    /// label's first words and no label of its own, line `i + 1` the rest of
    /// it (and the value, if any). Returns the second line and the label as
    /// found on it (its value's offset in that line). Only the exact label
    /// words are taken: the value itself is never guessed.
    fn split_label(&self, i: usize, value_first: &[bool]) -> Option<(usize, LabelHit)> {
        let line = &self.lines[i];
        let next = i + 1;
        let n = self.lines.get(next)?;
        // the byte length bounds the char count: most lines fail it cheaply
        let head_ok = line.bullet.is_none()
            && line.text.len() <= 4 * MAX_SPLIT_LABEL_HEAD_CHARS
            && line.text.chars().count() <= MAX_SPLIT_LABEL_HEAD_CHARS
            && !line.text.ends_with([':', '.', ';', ','])
            && line.text.starts_with(char::is_alphabetic);
        if !head_ok || !n.has_text() || n.bullet.is_some() || value_first[i] || value_first[next] {
            return None;
        }
        let joined = format!("{} {}", line.text, n.text);
        let hit = self.label_at(&joined)?;
        // the value (or the end of a bare label) is on the second line
        let on_next = hit.value_start.checked_sub(line.text.len() + 1)?;
        (on_next > 0).then_some((next, LabelHit { value_start: on_next, ..hit }))
    }

    /// A label wrapped in its column beside the first line of its value, in
    /// a two-column layout read line by line ("Skills required for the
    /// Minimum:" / "assignment: Good analytical skills ..."): line `i`
    /// starts with the label's first words and holds no label, line `i + 1`
    /// starts with its last words and a colon, and is no label itself.
    /// Returns the label as found on line `i` (its value: the rest of the
    /// line, the right column) and the offset in line `i + 1` after the
    /// colon, where that line's right column starts. Only the exact words of
    /// a label match (see [`labels::wrapped_at_start`]).
    fn column_label(&self, i: usize, value_first: &[bool]) -> Option<(LabelHit, usize)> {
        let line = &self.lines[i];
        let n = self.lines.get(i + 1)?;
        if line.bullet.is_some() || n.bullet.is_some() || !n.has_text() || value_first[i] || value_first[i + 1] {
            return None;
        }
        let colon = n.text.bytes().take(MAX_COLUMN_TAIL_BYTES).position(|b| b == b':')?;
        let tail = &n.text[..colon];
        if !tail.contains(char::is_alphabetic) || self.label_at(&n.text).is_some() {
            return None;
        }
        let tail = crate::text::fold(tail);
        let (def, value_start) = labels::wrapped_at_start(&line.text, &tail, self.allowed_labels())?;
        let rest = &n.text[colon + 1..];
        let rest_start = n.text.len() - rest.trim_start().len();
        Some((LabelHit::plain(def, value_start, true), rest_start))
    }

    /// A label wrapped in its column beside its value's lines, in a
    /// two-column layout whose columns were read one line each in turn
    /// ("Duration of the" / "12 months, renewable" / "assignment:"): line
    /// `i` holds the label's first words and no label, and the label's
    /// later words stand on every other line after it, the last ending in
    /// the colon; the lines between are the value's. Returns the label as
    /// found on line `i` (with no value there) and the line of its last
    /// words. Only the exact words of a label, over at most
    /// [`MAX_INTERLEAVED_FRAGMENTS`] lines, match.
    fn interleaved_label(&self, i: usize, value_first: &[bool]) -> Option<(LabelHit, usize)> {
        let line = &self.lines[i];
        let short = |l: &Line| {
            l.bullet.is_none()
                && l.text.len() <= 4 * MAX_SPLIT_LABEL_HEAD_CHARS
                && l.text.chars().count() <= MAX_SPLIT_LABEL_HEAD_CHARS
        };
        if !short(line) || line.text.ends_with([':', '.', ';', ',']) || !line.text.starts_with(char::is_alphabetic) {
            return None;
        }
        let mut joined = String::new();
        for k in 1..MAX_INTERLEAVED_FRAGMENTS {
            let (v, f) = (i + 2 * k - 1, i + 2 * k);
            let (value, frag) = (self.lines.get(v)?, self.lines.get(f)?);
            if !value.has_text() || !frag.has_text() || !short(frag) || value_first[v] || value_first[f] {
                return None;
            }
            if !frag.text.ends_with(':') {
                // a fragment of the middle: words only, and no label
                if frag.text.ends_with(['.', ';', ',']) || self.label_at(&frag.text).is_some() {
                    return None;
                }
                continue;
            }
            if self.label_at(&frag.text).is_some() {
                return None;
            }
            joined.clear();
            joined.push_str(&line.text);
            for j in (i + 2..=f).step_by(2) {
                joined.push(' ');
                joined.push_str(&self.lines[j].text);
            }
            let hit = self.label_at(&joined).filter(|h| h.colon && !h.glued && h.value_start == joined.len())?;
            return Some((LabelHit { value_start: line.text.len(), ..hit }, f));
        }
        None
    }

    /// A line holding the later words of a label interleaved with its
    /// value ([`Builder::interleaved_label`]): evidence for the field the
    /// label opened.
    fn claim_label_tail(&mut self, i: usize) {
        match self.target {
            Some(t) => {
                let no = self.lines[i].no;
                self.out.acc(t).touch(no);
            }
            None => self.residue(ResidueKind::Boilerplate, i, i),
        }
    }

    /// The right column of the second line of a label wrapped in its column
    /// ([`Builder::column_label`]): a label of its own, or more of the
    /// value; the line is evidence for the field when the column is empty.
    fn column_rest(&mut self, next: usize, start: usize) {
        let text = &self.lines[next].text;
        if start >= text.len() {
            match self.target {
                Some(t) => {
                    let no = self.lines[next].no;
                    self.out.acc(t).touch(no);
                }
                None => self.residue(ResidueKind::Boilerplate, next, next),
            }
            return;
        }
        match self.label_at(&text[start..]) {
            Some(hit) => self.label(next, hit, start),
            None => self.content(next, start, text.len()),
        }
    }

    /// The first line of a label split over two lines goes to the field
    /// that took the label's second line (or to residue, for a label that
    /// starts no field's range).
    fn claim_label_head(&mut self, head: usize, label_line: usize) {
        let (no, at) = (self.lines[head].no, self.lines[label_line].no);
        let owner = self
            .out
            .fields
            .iter_mut()
            .find(|a| a.first_line.is_some_and(|f| f <= at) && a.last_line.is_some_and(|l| l >= at));
        match owner {
            Some(acc) => acc.touch(no),
            None => self.residue(ResidueKind::Boilerplate, head, head),
        }
    }

    /// A line whose text was joined to the line above ([`Line::joined`]):
    /// it goes with that line, to the field whose range holds it or to the
    /// residue entry that ends with it.
    fn claim_joined(&mut self, i: usize) {
        let no = self.lines[i].no;
        let Some(at) = i.checked_sub(1).map(|p| self.lines[p].no) else {
            self.residue(ResidueKind::Unclassified, i, i);
            return;
        };
        let owner = self
            .out
            .fields
            .iter_mut()
            .find(|a| a.first_line.is_some_and(|f| f <= at) && a.last_line.is_some_and(|l| l >= at));
        if let Some(acc) = owner {
            acc.touch(no);
            return;
        }
        match self.out.residue.last_mut() {
            Some(r) if r.first <= at && r.last >= at => r.last = r.last.max(no),
            _ => self.residue(ResidueKind::Unclassified, i, i),
        }
    }

    fn label_at(&self, text: &str) -> Option<LabelHit> {
        labels::at_start(text, self.allowed_labels())
    }

    /// Which labels may stand here: those of the section being read, and
    /// the others [`labels::allowed`] lets in after what was seen.
    fn allowed_labels(&self) -> impl Fn(&crate::template::LabelDef) -> bool {
        let (section, seen) = (self.section, self.seen);
        move |d| labels::allowed(d, section, |s| seen[s as usize])
    }

    /// Page furniture (running headers and footers that are not template
    /// lines, page numbers) and the blank lines around it (the gap of a page
    /// break), per line.
    fn page_furniture(&self) -> (Vec<bool>, Vec<bool>) {
        let mut numbered: Vec<bool> =
            self.lines.iter().map(|l| l.has_text() && pages::is_page_or_footer_number(&l.text)).collect();
        pages::mark_bare_page_numbers(self.lines, &mut numbered);
        let running = pages::running_lines(self.lines, &numbered);
        let mut folded = String::new();
        let furniture: Vec<bool> = self
            .lines
            .iter()
            .zip(running.iter().zip(&numbered))
            .map(|(l, (&r, &numbered))| {
                if !l.has_text() {
                    return false;
                }
                if numbered {
                    return true;
                }
                if !r {
                    return false;
                }
                fold_prefix_into(&l.text, MAX_CLASSIFY_BYTES, &mut folded);
                let template = heading::match_line(l, &folded).is_some()
                    || labels::at_start(&l.text, |d| d.home != crate::template::Home::Header).is_some();
                !template
            })
            .collect();
        // blank lines joined to furniture (or to a form feed) by other blank lines
        let n = self.lines.len();
        let edge = |i: usize| furniture[i] || (self.lines[i].page_break && self.lines[i].is_blank());
        let mut gap = vec![false; n];
        // one sweep forward, one backward: a blank line is in a gap when only
        // blank lines separate it from furniture on either side
        let mut sweep = |order: &mut dyn Iterator<Item = usize>| {
            let mut near = false;
            for i in order {
                if edge(i) {
                    near = true;
                } else if self.lines[i].is_blank() {
                    gap[i] |= near;
                } else {
                    near = false;
                }
            }
        };
        sweep(&mut (0..n));
        sweep(&mut (0..n).rev());
        (furniture, gap)
    }

    /// A heading split over two lines: returns the index of the second line
    /// and the section.
    fn split_heading(&self, i: usize, folded: &str) -> Option<(usize, Section)> {
        if !heading::heading_shaped(&self.lines[i]) {
            return None;
        }
        let next = (i + 1..self.lines.len().min(i + 3)).find(|&j| !self.lines[j].is_blank())?;
        if !heading::heading_shaped(&self.lines[next]) {
            return None;
        }
        let second = crate::text::fold(&self.lines[next].text);
        heading::split_heading(folded, &second).map(|s| (next, s))
    }

    fn residue(&mut self, kind: ResidueKind, first: usize, last: usize) {
        let text = self.lines[first..=last]
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.out.residue.push(RawResidue { kind, text, first: self.lines[first].no, last: self.lines[last].no });
        if kind == ResidueKind::Unclassified {
            if let Some(t) = self.target {
                self.out.acc(t).flags.set(Flag::NeighbourUnclassified);
            }
            self.pending_neighbour = self.section.is_some();
        }
    }

    /// A line of the e-mail around the document: residue of its kind,
    /// one entry per run of such lines. It is known not to be content, so
    /// it does not lower the confidence of the fields around it.
    fn envelope(&mut self, kind: ResidueKind, i: usize) {
        let line = &self.lines[i];
        match self.out.residue.last_mut() {
            Some(r) if self.in_envelope && r.kind == kind => {
                r.last = line.no;
                r.text.push(' ');
                r.text.push_str(&line.text);
            }
            _ => self.out.residue.push(RawResidue { kind, text: line.text.clone(), first: line.no, last: line.no }),
        }
        self.in_envelope = true;
        self.carry = None;
        self.blank = true;
    }

    /// A line that goes on with the line before it (a soft line break of
    /// a quoted-printable body, [`Line::continued`]) goes where that line
    /// went: the field that took its end, or its residue entry. Returns
    /// false when the line before went elsewhere (a label with no value):
    /// the line is then read as any line.
    fn continue_line(&mut self, i: usize) -> bool {
        let prev = i - 1;
        if let Some((id, line)) = self.last_part {
            if line == prev {
                let len = self.lines[i].text.len();
                self.push_part(id, i, 0, len);
                self.prev_content = None;
                return true;
            }
        }
        let prev_no = self.lines[prev].no;
        let line = &self.lines[i];
        match self.out.residue.last_mut() {
            Some(r) if r.last == prev_no => {
                r.last = line.no;
                if !self.lines[prev].cut {
                    r.text.push(' ');
                }
                r.text.push_str(&line.text);
            }
            _ => return false,
        }
        if self.carry_note {
            self.note_emails(i);
        }
        true
    }

    fn extend_residue(&mut self, kind: ResidueKind, i: usize) {
        let line = &self.lines[i];
        match self.out.residue.last_mut() {
            Some(r) if r.kind == kind => {
                r.last = line.no;
                r.text.push(' ');
                r.text.push_str(&line.text);
            }
            _ => self.residue(kind, i, i),
        }
    }

    fn note_emails(&mut self, i: usize) {
        for m in emails(&self.lines[i].text) {
            self.out.note_emails.push((i, m.as_str().to_string()));
        }
    }

    /// A residue entry for part of line `i`.
    fn residue_text(&mut self, kind: ResidueKind, i: usize, text: String) {
        let no = self.lines[i].no;
        self.out.residue.push(RawResidue { kind, text, first: no, last: no });
    }

    fn guidance_seen(&mut self) {
        match self.target {
            Some(t) if !is_scalar(t) => self.out.acc(t).flags.set(Flag::TemplateGuidanceRemoved),
            _ => self.pending_guidance = true,
        }
    }

    /// Enters a section.
    fn enter(&mut self, section: Section, fuzzy: bool, typo: bool, inferred: bool) {
        let idx = section as usize;
        // the heading repeated on a new page is not the section out of order
        if self.seen[idx] && self.section != Some(section) {
            self.section_flags[idx].set(Flag::OutOfOrder);
        } else if !self.seen[idx] {
            // once per section: the order check is over first entries only
            // (a heading repeated on every line must not make it quadratic)
            self.entered.push(section);
        }
        if fuzzy {
            self.section_flags[idx].set(Flag::HeadingFuzzy);
        }
        if typo {
            self.section_flags[idx].set_guess();
        }
        if inferred {
            self.section_flags[idx].set(Flag::HeadingInferred);
        }
        self.seen[idx] = true;
        self.section = Some(section);
        self.foreign = false;
        self.stacked = None;
        self.target = None;
        self.group = None;
        self.awaiting = false;
        self.blank = true;
        self.pending_neighbour = false;
    }

    fn set_target(&mut self, id: FieldId, i: usize) {
        self.stacked = None;
        let no = self.lines[i].no;
        let acc = self.out.acc(id);
        if acc.labels > 0 {
            acc.flags.set(Flag::LabelsMerged);
            // one value under two labels: which of them is right is a guess
            if is_scalar(id) {
                acc.flags.set(Flag::Ambiguous);
            }
        }
        acc.labels = acc.labels.saturating_add(1);
        acc.touch(no);
        if self.pending_guidance && !is_scalar(id) {
            self.out.acc(id).flags.set(Flag::TemplateGuidanceRemoved);
            self.pending_guidance = false;
        }
        self.target = Some(id);
    }

    /// A label at `offset` in line `i`.
    fn label(&mut self, i: usize, hit: LabelHit, offset: usize) {
        let def = hit.def;
        self.foreign = false;
        if let crate::template::Home::In(home) = def.home {
            if self.section != Some(home) {
                self.enter(home, false, false, true);
            }
        }
        let text = &self.lines[i].text;
        let value_start = offset + hit.value_start;
        let mut value_end = text.len();
        let mut next_label: Option<usize> = None;
        let mut glued_next = false;
        let fam = labels::family(def);
        if let (Some(fam), true) = (fam, value_start < text.len()) {
            // only a label that can be placed here splits the value: the
            // text after the split goes to that label's field
            let allowed = self.allowed_labels();
            let placeable =
                |at: usize| labels::at_start(&text[at..], |d| labels::splits_value(d, fam) && allowed(d)).is_some();
            if let Some(&split) =
                labels::inline_splits(&text[value_start..], fam).first().filter(|&&at| placeable(value_start + at))
            {
                // the separator before the next label (" ; Desirable: ...")
                // belongs to neither value
                let before = text[value_start..value_start + split].trim_end_matches([' ', ';', ',', '|']);
                value_end = value_start + before.len();
                next_label = Some(value_start + split);
                // "P1Duration of the assignment: ...": where the value
                // before the label ends is a guess, for both
                glued_next = labels::glued_at(&text[value_start..], split);
                // the heading of the next label's section may stand between
                if let Some(end) = heading::heading_at_end(&text[value_start..value_end]) {
                    value_end = value_start + end;
                }
            }
        }
        // a list or heading marker after the label ("Minimum: • A degree",
        // "...supervision:## INTRODUCTION") is not part of the value
        let value_start = {
            let v = &text[value_start..value_end];
            let (_, rest) = crate::normalize::bullets::split(v);
            let rest = rest.trim_start_matches('#').trim_start();
            value_end - rest.len()
        };
        // the template's placeholder left before the value ("Supervisor:
        // [Insert name, title ...] Ms. ..."): guidance, not value
        let guidance_end = leading_bracket(&text[value_start..value_end])
            .filter(|&end| is_label_bracket(&text[value_start + 1..value_start + end - 1]));
        let value_start = match guidance_end {
            Some(end) => {
                let bracket = text[value_start..value_start + end].to_string();
                self.residue_text(ResidueKind::TemplateGuidance, i, bracket);
                let rest = text[value_start + end..value_end].trim_start();
                value_end - rest.len()
            }
            None => value_start,
        };
        // the template's guidance sentence left after the label, unbracketed
        // ("Content and methodology of supervision:Please describe the
        // supervisory role ..."): the rest of the line is guidance, as it
        // would be on a line of its own, and the value follows it
        let sentence = guidance_end.is_none()
            && value_start < value_end
            && opens_with_guidance(&text[value_start..value_end], &mut String::new());
        let value_start = if sentence {
            let guidance = text[value_start..value_end].to_string();
            // a sentence that visibly goes on (a cell wrapped under its
            // label: no clause ends it, and the next line goes on in lower
            // case) goes on over the next lines, as guidance on a line of
            // its own would; a capital after it starts the value
            let goes_on = self.lines.get(i + 1).is_some_and(|l| crate::text::starts_lowercase(l.text.trim_start()));
            if !crate::text::ends_clause(&guidance) && goes_on {
                self.carry = Some(ResidueKind::TemplateGuidance);
            }
            self.residue_text(ResidueKind::TemplateGuidance, i, guidance);
            value_end
        } else {
            value_start
        };
        // guidance in brackets after a form's answer ("Grade: P2 [JPO posts
        // are normally classified ...]"): the answer is what stands before it
        let lines = self.lines;
        let trailing = match FieldId::of_label(def.label) {
            Some(id) if is_scalar(id) => trailing_bracket(&lines[i].text[value_start..value_end]),
            _ => None,
        };
        if let Some(open) = trailing {
            let t = &lines[i].text;
            self.residue_text(ResidueKind::TemplateGuidance, i, t[value_start + open..value_end].to_string());
            value_end = value_start + t[value_start..value_start + open].trim_end().len();
        }
        let guidance_end = guidance_end.or(sentence.then_some(0)).or(trailing);
        let text = &self.lines[i].text;
        let inline_flag = offset > 0 || next_label.is_some();
        let id = match def.label {
            Label::SupervisorEmail => {
                // "E-mail: x@ilo.org" under the supervisor: more of the same value
                let id = FieldId::Supervisor;
                let no = self.lines[i].no;
                self.out.acc(id).touch(no);
                self.target = Some(id);
                self.push_part(id, i, value_start, value_end);
                self.awaiting = value_start >= value_end;
                self.blank = false;
                return;
            }
            Label::KeyOutputs => {
                self.take_lead_in_start();
                FieldId::KeyOutputs
            }
            Label::Competencies => {
                self.group = None;
                FieldId::Competencies
            }
            Label::Education | Label::WorkExperience | Label::Skills | Label::Languages => {
                self.group = Some(def.label);
                self.group_fuzzy = hit.fuzzy;
                let Some((min, _)) = group_fields(def.label) else { return };
                let no = self.lines[i].no;
                let quals = |d: &crate::template::LabelDef| d.home == crate::template::Home::QualBlock;
                if let Some(sub) = labels::at_start(&text[value_start..], quals) {
                    // "Education: Minimum: ..." on one line
                    self.out.acc(min).touch(no);
                    self.label(i, sub, value_start);
                    return;
                }
                if value_start < value_end {
                    // "Education: <text>" with no Minimum/Desirable label
                    self.set_target(min, i);
                    self.out.acc(min).flags.set(Flag::LabelMissing);
                    if hit.fuzzy {
                        self.out.acc(min).flags.set(Flag::LabelFuzzy);
                    }
                    self.push_part(min, i, value_start, value_end);
                } else {
                    // the group label is evidence for its minimum block
                    self.out.acc(min).touch(no);
                    self.target = None;
                }
                self.awaiting = false;
                self.blank = true;
                return;
            }
            Label::Minimum | Label::Desirable => match self.group.and_then(group_fields) {
                Some((min, des)) => {
                    let bare = value_start >= value_end || text[value_start..value_end].trim().is_empty();
                    let min_waits =
                        self.target == Some(min) && self.awaiting && self.out.fields[min as usize].parts.is_empty();
                    if def.label == Label::Desirable && bare && min_waits {
                        // "Minimum:" / "Desirable:" stacked, the two values
                        // below (a table exported column by column): the
                        // first paragraph is the minimum, the next the
                        // desirable
                        let no = self.lines[i].no;
                        self.out.acc(min).flags.set(Flag::Inferred);
                        self.out.acc(des).touch(no);
                        self.stacked = Some(des);
                        self.blank = false;
                        return;
                    }
                    if def.label == Label::Minimum {
                        min
                    } else {
                        des
                    }
                }
                None => {
                    // a Minimum/Desirable label outside any block cannot be placed
                    self.residue(ResidueKind::Unclassified, i, i);
                    self.target = None;
                    return;
                }
            },
            // every other label names its field directly
            other => match FieldId::of_label(other) {
                Some(id) => id,
                None => return,
            },
        };
        self.set_target(id, i);
        if guidance_end.is_some() {
            // the placeholder removed from this field's value
            if is_scalar(id) {
                self.out.acc(id).flags.set(Flag::TemplateGuidanceRemoved);
            } else {
                self.guidance_seen();
            }
        }
        if inline_flag {
            self.out.acc(id).flags.set(Flag::InlineLabel);
        }
        if hit.glued || glued_next {
            self.out.acc(id).flags.set(Flag::LabelGlued);
        }
        let in_fuzzy_group = matches!(def.label, Label::Minimum | Label::Desirable) && self.group_fuzzy;
        if hit.fuzzy || in_fuzzy_group {
            self.out.acc(id).flags.set(Flag::LabelFuzzy);
        }
        let has_value = value_start < value_end && !text[value_start..value_end].trim().is_empty();
        if has_value {
            self.push_part(id, i, value_start, value_end);
        }
        self.awaiting = !has_value;
        self.blank = false;
        if let Some(at) = next_label {
            let rest = &self.lines[i].text[at..];
            let allowed = self.allowed_labels();
            if let Some(hit) = labels::at_start(rest, |d| fam.is_some_and(|f| labels::splits_value(d, f)) && allowed(d))
            {
                self.label(i, LabelHit { glued: hit.glued || glued_next, ..hit }, at);
            }
        }
    }

    fn push_part(&mut self, id: FieldId, i: usize, start: usize, end: usize) {
        let text = &self.lines[i].text;
        // trim the range
        let slice = &text[start..end];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        let (start, end) = (start + lead, end - trail);
        if start >= end {
            return;
        }
        let part = Part {
            line: i,
            start,
            end,
            bullet: if start == 0 { self.lines[i].bullet } else { None },
            blank_before: self.blank,
            page_break: self.page_pending,
        };
        let no = self.lines[i].no;
        self.last_part = Some((id, i));
        let acc = self.out.acc(id);
        acc.parts.push(part);
        acc.touch(no);
        self.page_pending = false;
    }

    /// The field that takes content with no label in the current section.
    fn default_target(&mut self) -> Option<(FieldId, bool)> {
        Some(match self.section? {
            Section::General => return None,
            Section::Supervision => {
                if self.out.fields[FieldId::Supervisor as usize].parts.is_empty()
                    && self.out.fields[FieldId::Methodology as usize].parts.is_empty()
                {
                    (FieldId::Supervisor, true)
                } else {
                    (FieldId::Methodology, true)
                }
            }
            Section::Introduction => (FieldId::Introduction, false),
            Section::Duties => (FieldId::Responsibilities, false),
            Section::Qualifications => {
                let (min, _) = self.group.and_then(group_fields)?;
                (min, true)
            }
            Section::Learning => (FieldId::Training, true),
            Section::Background => (FieldId::Background, false),
        })
    }

    fn content(&mut self, i: usize, start: usize, end: usize) {
        let line = &self.lines[i];
        let text = &line.text[start..end];
        if text.trim().is_empty() {
            return;
        }
        // a line repeated right after itself (a repeated paragraph is found
        // later, by the extractor)
        if text.len() >= MIN_DUPLICATE_CHARS && !self.blank {
            if let Some(p) = self.prev_content {
                if self.lines[p].text == text {
                    self.residue(ResidueKind::Duplicate, i, i);
                    if let Some(t) = self.target {
                        let acc = self.out.acc(t);
                        acc.flags.set(Flag::DuplicateRemoved);
                        acc.touch(line.no);
                    }
                    return;
                }
            }
        }
        // a markdown heading among the qualifications that is no heading or
        // label of the form (a sub-part's title with a typo, "### Langauges"):
        // a part was missed, and the values beside it are a guess
        if line.md_heading && start == 0 && self.section == Some(Section::Qualifications) {
            // the text after it goes on in the same part's fields
            let group = self.group.and_then(group_fields).map(|(min, des)| [min, des]);
            for t in self.target.into_iter().chain(group.into_iter().flatten()) {
                self.out.acc(t).flags.set(Flag::NeighbourUnclassified);
            }
            self.pending_neighbour = true;
            self.target = None;
            self.residue(ResidueKind::Unclassified, i, i);
            return;
        }
        self.prev_content = (start == 0 && end == line.text.len()).then_some(i);
        // a supervisor's e-mail on a line of its own
        if self.section == Some(Section::Supervision) && is_only_email(text) {
            let sup = FieldId::Supervisor;
            if !self.out.fields[sup as usize].parts.is_empty() {
                self.target = Some(sup);
                self.awaiting = true;
            }
        }
        // a supervisor given as labelled lines with blank lines between
        // ("Name: ..." / "Title: ..." / "E-mail: ..."): a position sub-label
        // after the name's goes on with it
        let sub_row = self.target == Some(FieldId::Supervisor) && self.blank && self.supervisor_sub_row(text);
        // a date above the form or among its rows (unless it is the value
        // of a label that stood alone): the page's or letter's date, no
        // field's line
        if matches!(self.section, None | Some(Section::General)) && !self.awaiting && start == 0 {
            if let Some(date) = super::dates::date_line(text) {
                self.out.dates.push((i, date));
                self.target = None;
                return;
            }
        }
        // a scalar value ends at a blank line, unless its label stood alone,
        // and, among the form's rows, at a row of a name the template does
        // not know (a page's properties: "Created: October 14, 2025")
        if let Some(t) = self.target {
            let foreign_row = matches!(self.section, None | Some(Section::General))
                && start == 0
                && labels::opens_with_unknown_key(text);
            if is_scalar(t) && !self.awaiting && ((self.blank && !sub_row) || foreign_row) {
                self.target = None;
            }
        }
        if self.target.is_none() {
            if self.section.is_none() {
                if line.md_heading && start == 0 && opens_as_title(text) {
                    self.out.title_headings.push(i);
                    return;
                }
                if let Ok(y) = text.trim().parse::<u16>() {
                    if YEARS.contains(&y) && text.trim().len() == 4 {
                        self.out.bare_years.push(Candidate { line: i, value: y });
                        return;
                    }
                }
            }
            match self.default_target() {
                Some((id, label_missing)) => {
                    self.target = Some(id);
                    if label_missing {
                        self.out.acc(id).flags.set(Flag::LabelMissing);
                    }
                }
                None => {
                    self.residue(ResidueKind::Unclassified, i, i);
                    return;
                }
            }
        }
        let Some(id) = self.target else { return };
        if self.pending_neighbour {
            self.out.acc(id).flags.set(Flag::NeighbourUnclassified);
            self.pending_neighbour = false;
        }
        if self.pending_guidance && !is_scalar(id) {
            self.out.acc(id).flags.set(Flag::TemplateGuidanceRemoved);
            self.pending_guidance = false;
        }
        self.push_part(id, i, start, end);
        self.awaiting = false;
        self.blank = false;
    }

    /// Whether `text` is a position row of a supervisor given as labelled
    /// rows ("Title: Senior Specialist"), under a first row that holds the
    /// name's sub-label ("Name: Jane Doe").
    fn supervisor_sub_row(&self, text: &str) -> bool {
        let Some(first) = self.out.fields[FieldId::Supervisor as usize].parts.first() else { return false };
        let first = &self.lines[first.line].text[first.start..first.end];
        opens_with_sub_label(text, SUPERVISOR_POSITION_LABELS) && opens_with_sub_label(first, SUPERVISOR_NAME_LABELS)
    }

    /// The key-outputs lead-in may be wrapped ("... will contribute to the"
    /// / "following key outputs:"): its first line, already taken as the
    /// last responsibility, is moved out of the value into the lead-in.
    fn take_lead_in_start(&mut self) {
        if self.blank || self.target != Some(FieldId::Responsibilities) {
            return;
        }
        let lines = self.lines;
        let acc = self.out.acc(FieldId::Responsibilities);
        let text = |p: &Part| &lines[p.line].text[p.start..p.end];
        // the lines of an unfinished sentence just before, with no list
        // marker, on consecutive lines (`self.blank` is false: only page
        // furniture can stand between)
        let open = |p: &Part| p.bullet.is_none() && !crate::text::ends_clause(text(p));
        let parts = &acc.parts;
        let mut from = parts.len();
        while from > 0
            && parts.len() - from < MAX_LEAD_IN_LINES
            && open(&parts[from - 1])
            && (from == parts.len() || !parts[from].blank_before)
        {
            from -= 1;
        }
        // a sentence wrapped over several lines is taken whole when it
        // starts a paragraph; else only its last line, as a line of its
        // own ("During the period of" / "assignment, the JPO will ...")
        let whole = |from: usize| from == 0 || parts[from].blank_before || !open(&parts[from - 1]);
        let from = if parts.len() - from > 1 && whole(from) { from } else { parts.len().saturating_sub(1).max(from) };
        let taken: Vec<u32> = parts[from..].iter().map(|p| lines[p.line].no).collect();
        acc.parts.truncate(from);
        for no in taken {
            self.out.acc(FieldId::KeyOutputs).touch(no);
        }
    }

    fn finish(mut self) -> Collected {
        for s in out_of_order(&self.entered) {
            self.section_flags[s as usize].set(Flag::OutOfOrder);
        }
        for (idx, acc) in self.out.fields.iter_mut().enumerate() {
            let id = FIELD_IDS[idx];
            if let Some(s) = section_of(id) {
                acc.flags.merge(self.section_flags[s as usize]);
            }
        }
        self.out
    }
}

/// The most lines of a key outputs lead-in taken back from the
/// responsibilities before its label ([`Builder::take_lead_in_start`]).
const MAX_LEAD_IN_LINES: usize = 4;

/// Every field id, indexed by `FieldId as usize`.
pub(crate) const FIELD_IDS: [FieldId; FieldId::COUNT] = [
    FieldId::PostNumber,
    FieldId::IssueMonth,
    FieldId::IssueYear,
    FieldId::SubmissionEmail,
    FieldId::Title,
    FieldId::DutyStation,
    FieldId::Duration,
    FieldId::Grade,
    FieldId::Department,
    FieldId::OrgUnit,
    FieldId::Supervisor,
    FieldId::Methodology,
    FieldId::Introduction,
    FieldId::Responsibilities,
    FieldId::KeyOutputs,
    FieldId::EducationMin,
    FieldId::EducationDes,
    FieldId::WorkMin,
    FieldId::WorkDes,
    FieldId::SkillsMin,
    FieldId::SkillsDes,
    FieldId::LanguagesMin,
    FieldId::LanguagesDes,
    FieldId::Competencies,
    FieldId::Training,
    FieldId::LearningElements,
    FieldId::Background,
];
/// The sections that stand out of the template's order, given the order in
/// which they were first entered: those outside every longest run that
/// keeps the template's order. One section moved (BACKGROUND before
/// INTRODUCTION) flags that section alone, not every section after it; when
/// two sections are swapped, both are flagged (either could be the one
/// that moved). At most one entry per section, so the quadratic search is
/// over a handful of entries.
fn out_of_order(entered: &[Section]) -> Vec<Section> {
    let n = entered.len();
    let order: Vec<u8> = entered.iter().map(|s| s.order()).collect();
    // the longest increasing run ending at i, and starting at i
    let mut ending = vec![1usize; n];
    for i in 0..n {
        for j in 0..i {
            if order[j] < order[i] {
                ending[i] = ending[i].max(ending[j] + 1);
            }
        }
    }
    let mut starting = vec![1usize; n];
    for i in (0..n).rev() {
        for j in i + 1..n {
            if order[i] < order[j] {
                starting[i] = starting[i].max(starting[j] + 1);
            }
        }
    }
    let longest = ending.iter().copied().max().unwrap_or(0);
    let on_some_run = |i: usize| ending[i] + starting[i] - 1 == longest;
    // a section is in order when it is on every longest run: on one, and
    // alone there at its position in the run
    (0..n)
        .filter(|&i| !on_some_run(i) || (0..n).any(|j| j != i && on_some_run(j) && ending[j] == ending[i]))
        .map(|i| entered[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_repeated_in_its_section_is_not_out_of_order() {
        let text = "DUTIES AND RESPONSIBILITIES\n- Draft notes.\n\nDUTIES AND RESPONSIBILITIES (cont'd)\n- Assist missions.\n\nBACKGROUND INFORMATION\nThe office.\n";
        let r = crate::parse_text(text);
        assert!(
            !r.duties.responsibilities.flags.contains(&crate::Flag::OutOfOrder),
            "{:?}",
            r.duties.responsibilities.flags
        );
        // a section entered again after another one is
        let again = format!("{text}DUTIES AND RESPONSIBILITIES\n- Report.\n");
        let r = crate::parse_text(&again);
        assert!(r.duties.responsibilities.flags.contains(&crate::Flag::OutOfOrder));
    }
    use Section::*;

    #[test]
    fn a_key_outputs_lead_in_wrapped_over_lines_is_taken_whole() {
        let text = "DUTIES AND RESPONSIBILITIES\n- Draft notes.\n- Assist missions.\n\nDuring the period of\n\
                    assignment, the JPO will contribute to the following\nkey outputs:\n- A report.\n";
        let r = crate::parse_text(text);
        let items = r.duties.responsibilities.value.expect("responsibilities");
        assert_eq!(items, ["Draft notes.", "Assist missions."]);
        assert_eq!(r.duties.key_outputs.value, Some(vec!["A report.".to_string()]));
        assert_eq!(r.duties.key_outputs.lines, Some([5, 8]));
    }

    #[test]
    fn a_labels_words_going_on_with_a_sentence_are_no_label() {
        let text = "QUALIFICATIONS AND EXPERIENCE\nWork experience:\nMinimum:\nAt least two years of relevant\n\
                    professional experience\nin labour rights.\n";
        let r = crate::parse_text(text);
        assert_eq!(
            r.qualifications.work_experience.minimum.value,
            Some(vec!["At least two years of relevant professional experience in labour rights.".to_string()])
        );
    }

    #[test]
    fn a_markdown_title_above_the_form_is_the_title_as_a_guess() {
        let text = "# Junior Professional Officer on Social Protection\n\nDuty station: Lima, Peru\n\
                    Organisational unit: Social Protection Team (SPT)\nCreated: October 14, 2025 3:12 PM\n";
        let r = crate::parse_text(text);
        assert_eq!(r.general.title.value.as_deref(), Some("Junior Professional Officer on Social Protection"));
        assert_eq!(r.general.title.confidence, crate::Confidence::Medium);
        assert!(r.general.title.flags.contains(&crate::Flag::Inferred));
        let unit = r.general.organisational_unit.value.expect("unit");
        assert_eq!(unit.name, "Social Protection Team");
        assert!(r.residue.iter().any(|x| x.text.starts_with("Created:")));
        // a heading that does not open as a title is none
        assert!(!opens_as_title("Junior Professional Officers Programme"));
        assert!(opens_as_title("Associate Expert in Labour Statistics"));
    }

    #[test]
    fn merge_fields_dashes_and_unknown_headings_of_a_pasted_form() {
        let text = "GENERAL INFORMATION\nDuty station: «Duty_Station»\nTitle — Junior Professional Officer\n\
                    QUALIFICATIONS AND EXPERIENCE\n### Skills required for the assignment\nMinimum: Drafting.\n\
                    ### Travel\nMinimum: English.\n";
        let r = crate::parse_text(text);
        // a merge field not merged holds the value's place
        assert!(r.general.duty_station.value.is_none());
        assert_eq!(r.general.title.value.as_deref(), Some("Junior Professional Officer"));
        // the heading with a typo is no label: the skills' values are a guess
        let skills = &r.qualifications.skills.minimum;
        assert_eq!(skills.confidence, crate::Confidence::Medium);
        assert!(skills.flags.contains(&crate::Flag::NeighbourUnclassified));
        // a short label with two letters swapped is that label, as a guess
        let r = crate::parse_text(&text.replace("Travel", "Langauges"));
        let languages = &r.qualifications.languages.minimum;
        assert_eq!(languages.value.as_ref().map(|v| v.join(" ")).as_deref(), Some("English."));
        assert_ne!(languages.confidence, crate::Confidence::High);
    }

    #[test]
    fn label_brackets() {
        for (inner, want) in [
            ("City, Country", true),
            ("JPO posts are normally classified at P2 level", true),
            ("e.g. knowledge of specific software", true),
            ("Branch / Unit / Project, with acronym where applicable", true),
            ("^1", false),
            ("12", false),
            ("x", false),
            ("CO-Lima", false),
            ("TBC", false),
            ("see doe@ilo.org", false),
            ("see https://www.ilo.org/lima", false),
            ("see www.ilo.org", false),
        ] {
            assert_eq!(is_label_bracket(inner), want, "{inner:?}");
        }
        assert_eq!(trailing_bracket("P2 [posts are at P2]"), Some(3));
        assert_eq!(trailing_bracket("[City, Country]"), None);
        assert_eq!(trailing_bracket("Jane Doe [doe@ilo.org]"), None);
        assert_eq!(trailing_bracket("Unit [a] b]"), None);
        assert_eq!(trailing_bracket("Unit[a b]"), None);
    }

    #[test]
    fn footnote_lines() {
        for (text, want) in [
            ("[^1]: See in particular", true),
            ("[^note-2]: text", true),
            ("[^1] no colon", false),
            ("[a]Confirm the funding", false),
            ("[^]: empty label", false),
            ("data.[^1]", false),
        ] {
            assert_eq!(is_footnote_line(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_heading_of_the_documents_numbering_ends_the_record_part() {
        let text = "PARA 1. GENERAL INFORMATION\n1.1 TITLE: JUNIOR OFFICER\n\
                    PARA 7. BACKGROUND INFORMATION\nTHE OFFICE WORKS IN 20 COUNTRIES.\n\
                    PARA 8. GENERAL\nREGARDS\n";
        let r = crate::parse_text(text);
        assert_eq!(r.background.value, Some(vec!["THE OFFICE WORKS IN 20 COUNTRIES.".to_string()]));
        assert_eq!(r.background.lines, Some([4, 4]));
        let kinds: Vec<(ResidueKind, u32)> = r.residue.iter().map(|x| (x.kind, x.lines[0])).collect();
        assert!(kinds.contains(&(ResidueKind::Boilerplate, 5)), "{kinds:?}");
        assert!(kinds.contains(&(ResidueKind::Unclassified, 6)), "{kinds:?}");
        // without template headings numbered so, "PARA 8." is text
        let text = "BACKGROUND INFORMATION\nTHE OFFICE WORKS IN 20 COUNTRIES.\nPARA 8. GENERAL\n";
        let r = crate::parse_text(text);
        assert_eq!(r.background.lines, Some([2, 3]));
    }

    #[test]
    fn out_of_order_table() {
        let cases: &[(&[Section], &[Section])] = &[
            (&[General, Supervision, Introduction, Duties], &[]),
            // one section moved: that one alone
            (&[General, Supervision, Background, Introduction, Duties, Qualifications, Learning], &[Background]),
            (&[Duties, General, Supervision, Introduction, Qualifications], &[Duties]),
            // two swapped: either could have moved
            (&[General, Supervision, Duties, Introduction, Qualifications], &[Duties, Introduction]),
            (&[Background, Learning, Qualifications], &[Background, Learning, Qualifications]),
            (&[], &[]),
        ];
        for (entered, want) in cases {
            assert_eq!(out_of_order(entered), *want, "{entered:?}");
        }
    }
}
