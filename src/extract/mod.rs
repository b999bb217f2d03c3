//! Extract: each field's collected lines to its typed value, flags,
//! confidence and line range.

mod form;
mod general;
pub(crate) mod header;
mod supervision;

use std::cell::{OnceCell, RefCell};

use crate::normalize::reflow::{self, Layout, Paragraph, Piece, Vocabulary};
use crate::normalize::{Line, PARAGRAPH_BREAK};
use crate::record::{
    Confidence, Duties, Field, Flag, Learning, Qualifications, Requirement, Residue, ResidueKind, Source, Supervision,
    Vacancy, SCHEMA_VERSION,
};
use crate::segment::{Acc, Collected, FieldId, Flags, Part, RawResidue};
use crate::template::{COMPETENCIES_LEAD_INS, MERGE_FIELD_BRACKETS, NONE_VALUES, NOT_YET_VALUES, PLACEHOLDER_WORDS};
use crate::text::fold_prefix_into;

/// How much of a paragraph is folded to recognize a lead-in sentence.
const LEAD_IN_BYTES: usize = 160;

/// The longest sentence that is looked up among the values not written
/// yet ([`NOT_YET_VALUES`]): one sentence, not a paragraph.
const MAX_NOT_YET_BYTES: usize = 160;

/// The longest value that is looked up among the "none" values (the
/// longest of them is far shorter): a paragraph is not folded whole.
const MAX_NONE_VALUE_BYTES: usize = 40;

/// Whether a whole value only says the field is not filled in: there is
/// none ("None", "N/A", [`NONE_VALUES`]), it comes later (one sentence of
/// [`NOT_YET_VALUES`]: "To be determined with the supervisor"), or it only
/// holds the field's place ("TBD", "XXX", [`PLACEHOLDER_WORDS`], a mail-merge
/// field not merged: "«Grade»").
pub(crate) fn unfilled(value: &str) -> bool {
    // a value longer than the longest of them is none of them: not folded
    if value.len() > MAX_NOT_YET_BYTES.max(MAX_NONE_VALUE_BYTES) {
        return false;
    }
    let mut head = String::new();
    fold_prefix_into(value, MAX_NOT_YET_BYTES, &mut head);
    if head.is_empty() {
        return false;
    }
    let none = value.len() <= MAX_NONE_VALUE_BYTES && NONE_VALUES.contains(&head.as_str());
    let placeholder = value.len() <= MAX_NONE_VALUE_BYTES && head.split(' ').all(|w| PLACEHOLDER_WORDS.contains(&w));
    // one sentence saying the value comes later
    let not_yet = value.len() <= MAX_NOT_YET_BYTES
        && !value.trim_end_matches('.').contains(". ")
        && NOT_YET_VALUES
            .iter()
            .any(|v| head.strip_prefix(v).is_some_and(|rest| rest.is_empty() || rest.starts_with(' ')));
    none || placeholder || not_yet || is_merge_field(value)
}

/// Whether a value is one mail-merge field that was not merged
/// ([`MERGE_FIELD_BRACKETS`]).
fn is_merge_field(value: &str) -> bool {
    let v = value.trim();
    MERGE_FIELD_BRACKETS.iter().any(|(open, close)| {
        v.strip_prefix(open)
            .and_then(|r| r.strip_suffix(close))
            .is_some_and(|inner| !inner.trim().is_empty() && !inner.contains(close) && !inner.contains(open))
    })
}

/// Flags that make a value a guess: any of them caps confidence at medium.
/// (`heading_fuzzy` alone does not: a heading that differs from a known
/// spelling only by OCR confusions, `l`/`I`/`1`, `0`/`o`, `rn`/`m`, is
/// matched with no guess; one with a real typo carries an internal guess
/// mark, see `Flags::set_guess`.)
const MEDIUM_FLAGS: &[Flag] = &[
    Flag::HeadingInferred,
    Flag::LabelMissing,
    Flag::Inferred,
    Flag::OutOfOrder,
    Flag::NeighbourUnclassified,
    Flag::ValuePicked,
    Flag::OcrRepaired,
    Flag::LabelGlued,
    Flag::MarkupLeft,
    Flag::LabelInValue,
    Flag::LabelFuzzy,
];

/// Flags that make a value a weak guess: confidence low.
const LOW_FLAGS: &[Flag] = &[Flag::Ambiguous, Flag::Unparsed];

/// Confidence from flags: high only when no guess was involved.
pub(crate) fn confidence(flags: Flags) -> Confidence {
    if flags.has(Flag::Missing) {
        Confidence::None
    } else if LOW_FLAGS.iter().any(|&f| flags.has(f)) {
        Confidence::Low
    } else if flags.is_guess() || MEDIUM_FLAGS.iter().any(|&f| flags.has(f)) {
        Confidence::Medium
    } else {
        Confidence::High
    }
}

/// Builds a field: a missing one when `value` is `None`.
pub(crate) fn field<T>(value: Option<T>, flags: Flags, lines: Option<[u32; 2]>) -> Field<T> {
    match value {
        None => Field::missing(),
        Some(v) => Field { value: Some(v), confidence: confidence(flags), flags: flags.to_vec(), lines },
    }
}

/// The lines and the document vocabulary, shared by the extractors.
pub(crate) struct Ctx<'a> {
    pub lines: &'a [Line],
    vocab: OnceCell<Vocabulary>,
    /// Residue found while extracting (repeated paragraphs).
    residue: RefCell<Vec<RawResidue>>,
    /// The text is hard-wrapped (see [`reflow::is_wrapped`]).
    wrapped: bool,
    /// Per line: form text the segmenter sent to residue as boilerplate
    /// (page headers and footers, headings), which a word broken by a
    /// hyphen may be split around ([`Vocabulary::from_texts`]).
    furniture: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(lines: &'a [Line]) -> Self {
        let text_lines = lines.iter().filter(|l| l.has_text());
        let wrapped = if lines.iter().any(|l| l.continued) {
            // lines joined by soft line breaks are one line of the
            // document: their lengths add up
            let mut run = 0usize;
            reflow::is_wrapped_lengths(text_lines.filter_map(move |l| {
                run += l.text.chars().count() + usize::from(!l.cut);
                (!l.continued).then(|| std::mem::take(&mut run))
            }))
        } else {
            reflow::is_wrapped(text_lines.map(|l| l.text.as_str()))
        };
        Ctx { lines, vocab: OnceCell::new(), residue: RefCell::new(Vec::new()), wrapped, furniture: Vec::new() }
    }

    /// The text of a part.
    pub(crate) fn text(&self, p: &Part) -> &'a str {
        &self.lines[p.line].text[p.start..p.end]
    }

    /// The flags of a field: its own, plus what normalization did to its
    /// lines.
    pub(crate) fn flags(&self, acc: &Acc) -> Flags {
        let mut f = acc.flags;
        for p in &acc.parts {
            let l = &self.lines[p.line];
            if l.markup {
                f.set(Flag::MarkupStripped);
            }
            if l.repaired {
                f.set(Flag::Repaired);
            }
            if l.ocr {
                f.set(Flag::OcrRepaired);
            }
            if l.key_guessed {
                f.set(Flag::Inferred);
            }
            if l.split {
                // the line was cut out of a longer one at a label or
                // heading: where it ends is a guess
                f.set(Flag::InlineLabel);
                f.set_guess();
            }
        }
        f
    }

    /// Marks the lines of the segmenter's boilerplate residue (see
    /// [`Ctx::furniture`]): each range adds one at its first line and takes
    /// it off after its last, so one running sum covers them all, linear
    /// in the lines and the ranges however they overlap.
    fn mark_furniture(&mut self, residue: &[RawResidue]) {
        let max = self.lines.iter().map(|l| l.no as usize).max().unwrap_or(0);
        let mut step = vec![0i32; max + 2];
        for r in residue.iter().filter(|r| r.kind == ResidueKind::Boilerplate) {
            let (first, last) = (r.first as usize, (r.last as usize).min(max));
            if first <= last {
                step[first] += 1;
                step[last + 1] -= 1;
            }
        }
        let mut depth = 0;
        let covered: Vec<bool> = step
            .iter()
            .map(|d| {
                depth += d;
                depth > 0
            })
            .collect();
        self.furniture = self.lines.iter().map(|l| covered[l.no as usize]).collect();
    }

    /// The input line range of a field.
    pub(crate) fn range(&self, acc: &Acc) -> Option<[u32; 2]> {
        Some([acc.first_line?, acc.last_line?])
    }

    /// The field's text as paragraphs (wrapped lines re-joined); in a
    /// `list` field, items may stand one per line without markers.
    pub(crate) fn paragraphs(&self, acc: &Acc, list: bool, flags: &mut Flags) -> Vec<Paragraph> {
        let mut pieces: Vec<Piece<'_>> = Vec::with_capacity(acc.parts.len());
        // the piece before ended with a paragraph mark ("... MONTHS. //")
        let mut mark_before = false;
        for p in &acc.parts {
            let mut piece = Piece {
                text: self.text(p),
                line: self.lines[p.line].no,
                bullet: p.bullet.is_some(),
                blank_before: p.blank_before,
                page_break: p.page_break,
                // the cut is at the line's end: a part that ends there
                cut: self.lines[p.line].cut && p.end == self.lines[p.line].text.len(),
                continued: self.lines[p.line].continued && p.end == self.lines[p.line].text.len(),
                indented: self.lines[p.line].indented && p.start == 0,
            };
            piece.blank_before |= std::mem::take(&mut mark_before);
            // a line holding several paragraphs (an export's escaped line
            // breaks): one piece each, as if blank lines stood between them
            // (the mark is not ASCII: an ASCII piece, most of them, is not
            // searched for it)
            if !piece.text.is_ascii() && piece.text.contains(PARAGRAPH_BREAK) {
                for (k, t) in piece.text.split(PARAGRAPH_BREAK).enumerate() {
                    let (bullet, t) = match t.strip_prefix("- ") {
                        Some(r) if k > 0 => (true, r),
                        _ => (piece.bullet && k == 0, t),
                    };
                    pieces.push(Piece { text: t.trim(), bullet, blank_before: piece.blank_before || k > 0, ..piece });
                }
            } else if let Some(marks) = reflow::slash_marks(piece.text) {
                // paragraphs run together on a line, "//" between them (a
                // fax or telex): one piece each, as if blank lines stood
                // between them
                let n = marks.parts.len();
                for (k, t) in marks.parts.into_iter().enumerate() {
                    let at_end = k + 1 == n && !marks.trailing;
                    pieces.push(Piece {
                        text: t,
                        bullet: piece.bullet && k == 0,
                        blank_before: piece.blank_before || k > 0 || marks.leading,
                        cut: piece.cut && at_end,
                        continued: piece.continued && at_end,
                        indented: piece.indented && k == 0,
                        ..piece
                    });
                }
                mark_before = marks.trailing;
                flags.set(Flag::Repaired);
            } else {
                pieces.push(piece);
            }
        }
        let needs_vocab = pieces.iter().any(|p| p.text.ends_with('-'));
        let layout = Layout { wrapped: self.wrapped, list };
        let (paras, notes) = if needs_vocab {
            let vocab = self.vocab.get_or_init(|| {
                Vocabulary::from_texts(
                    self.lines
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (l.text.as_str(), self.furniture.get(i).copied().unwrap_or(false))),
                )
            });
            reflow::build(&pieces, layout, &|w| vocab.contains(w))
        } else {
            reflow::build(&pieces, layout, &|_| false)
        };
        if notes.repaired {
            flags.set(Flag::Repaired);
        }
        if notes.multiline && pieces.len() > 1 {
            flags.set(Flag::MultilineValue);
        }
        paras
    }

    /// The field's text as one string.
    pub(crate) fn joined(&self, acc: &Acc, flags: &mut Flags) -> Option<String> {
        let paras = self.paragraphs(acc, false, flags);
        if paras.is_empty() {
            return None;
        }
        let s = paras.into_iter().map(|p| p.text).collect::<Vec<_>>().join(" ");
        // a markdown link whose halves stood in two paragraphs is whole now
        match crate::normalize::markup::strip_links(&s) {
            Some(t) => Some(crate::text::collapse_spaces(&t)),
            None => Some(s),
        }
    }

    /// A prose or list field: one string per paragraph or item. A paragraph
    /// that repeats the one before it is dropped (to residue, as
    /// `duplicate`); `drop_lead_ins` paragraphs are left out of the value
    /// (their lines stay in the field's range). A value that only says
    /// there is none ("None", "N/A", [`NONE_VALUES`]) is no value: the
    /// field is missing and its lines go to residue as form text.
    pub(crate) fn block_without(&self, acc: &Acc, kind: Block, drop_lead_ins: &[&str]) -> Field<Vec<String>> {
        let mut flags = self.flags(acc);
        let paras = self.paragraphs(acc, kind == Block::List, &mut flags);
        self.block_of(acc, paras, flags, drop_lead_ins)
    }

    /// [`Ctx::block_without`] from the field's paragraphs and flags, as
    /// [`Ctx::paragraphs`] left them (a caller that has read them already
    /// does not build them again).
    fn block_of(
        &self,
        acc: &Acc,
        paras: Vec<Paragraph>,
        mut flags: Flags,
        drop_lead_ins: &[&str],
    ) -> Field<Vec<String>> {
        let mut value: Vec<String> = Vec::with_capacity(paras.len());
        // the paragraph before, when it was a lead-in dropped from the value
        // (else the value's last item is)
        let mut dropped: Option<String> = None;
        for p in paras {
            if !p.text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let prev = dropped.as_deref().or(value.last().map(String::as_str));
            if prev.is_some_and(|q| q.eq_ignore_ascii_case(&p.text)) {
                flags.set(Flag::DuplicateRemoved);
                self.residue.borrow_mut().push(RawResidue {
                    kind: ResidueKind::Duplicate,
                    text: p.text,
                    first: p.first,
                    last: p.last,
                });
                continue;
            }
            if !drop_lead_ins.is_empty() {
                let mut head = String::new();
                fold_prefix_into(&p.text, LEAD_IN_BYTES, &mut head);
                if drop_lead_ins.iter().any(|l| head.starts_with(l)) {
                    dropped = Some(p.text);
                    continue;
                }
            }
            dropped = None;
            value.push(p.text);
        }
        if value.is_empty() {
            return Field::missing();
        }
        if flags.has(Flag::LabelsMerged) && value.iter().any(|v| crate::segment::labels::holds_sub_label(v)) {
            // two labels' contents merged, and a sub-label still stands
            // inside: a label was missed, and which text is this field's
            // is a guess
            flags.set_guess();
        }
        if let [only] = value.as_slice() {
            if unfilled(only) {
                self.to_residue(acc, ResidueKind::Boilerplate);
                return Field::missing();
            }
        }
        field(Some(value), flags, self.range(acc))
    }

    /// Adds a residue entry.
    pub(crate) fn push_residue(&self, kind: ResidueKind, text: String, first: u32, last: u32) {
        self.residue.borrow_mut().push(RawResidue { kind, text, first, last });
    }

    /// Sends the input lines of a field's range to residue, as one entry.
    fn to_residue(&self, acc: &Acc, kind: ResidueKind) {
        let Some([first, last]) = self.range(acc) else { return };
        let text = self
            .lines
            .iter()
            .filter(|l| (first..=last).contains(&l.no) && l.has_text())
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.residue.borrow_mut().push(RawResidue { kind, text, first, last });
    }

    /// DUTIES: responsibilities, and the key outputs after their lead-in.
    /// When the lead-in was not seen line by line (hyphenated or wrapped
    /// mid-phrase), it is looked for again in the re-joined paragraphs.
    pub(crate) fn duties(&self, resp: &Acc, outputs: &Acc) -> Duties {
        if !outputs.parts.is_empty() {
            return Duties { responsibilities: self.list(resp), key_outputs: self.list(outputs) };
        }
        let mut flags = self.flags(resp);
        let paras = self.paragraphs(resp, true, &mut flags);
        let lead_in = paras.iter().position(|p| {
            let mut head = String::new();
            fold_prefix_into(&p.text, LEAD_IN_BYTES, &mut head);
            !p.bullet && crate::segment::builder::holds_key_outputs_lead_in(&head)
        });
        match lead_in {
            Some(k) if k + 1 < paras.len() => {
                let first_out = paras[k].first;
                let split = |range: std::ops::Range<usize>, lines: [u32; 2]| {
                    let parts = resp
                        .parts
                        .iter()
                        .filter(|p| range.contains(&(self.lines[p.line].no as usize)))
                        .copied()
                        .collect();
                    let mut acc = Acc { parts, flags: resp.flags, ..Acc::default() };
                    acc.touch(lines[0]);
                    acc.touch(lines[1]);
                    self.list(&acc)
                };
                let [first, last] = self.range(resp).unwrap_or([paras[0].first, paras[paras.len() - 1].last]);
                let before = split(first as usize..first_out as usize, [first, first_out.saturating_sub(1).max(first)]);
                let after = split(paras[k].last as usize + 1..last as usize + 1, [first_out, last]);
                Duties { responsibilities: before, key_outputs: after }
            }
            // no lead-in inside: the paragraphs just read are the list's
            _ => Duties { responsibilities: self.block_of(resp, paras, flags, &[]), key_outputs: Field::missing() },
        }
    }

    /// A prose field; see [`Ctx::block_without`].
    pub(crate) fn block(&self, acc: &Acc) -> Field<Vec<String>> {
        self.block_without(acc, Block::Prose, &[])
    }

    /// A list field; see [`Ctx::block_without`].
    pub(crate) fn list(&self, acc: &Acc) -> Field<Vec<String>> {
        self.block_without(acc, Block::List, &[])
    }
}

/// Whether a block field holds prose (paragraphs) or a list (items).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    Prose,
    List,
}

/// Runs every extractor: the record, with the segmenter's residue and the
/// extractors' own (repeated paragraphs) in it, not yet checked for lines
/// that no field or residue entry covers.
pub(crate) fn extract(lines: &[Line], c: Collected, source: Source) -> Vacancy {
    let mut ctx = Ctx::new(lines);
    ctx.mark_furniture(&c.residue);
    let acc = |id: FieldId| &c.fields[id as usize];
    let block = |id: FieldId| ctx.block(acc(id));
    let form = form::form_values(&ctx, &c);
    let req = |min: FieldId, des: FieldId| Requirement { minimum: block(min), desirable: block(des) };
    let mut v = Vacancy {
        schema_version: SCHEMA_VERSION,
        source,
        header: header::header(&ctx, &c, &form),
        general: general::general(&ctx, &c, &form),
        supervision: Supervision {
            supervisor: supervision::supervisor(&ctx, acc(FieldId::Supervisor)),
            methodology: block(FieldId::Methodology),
        },
        introduction: block(FieldId::Introduction),
        duties: ctx.duties(acc(FieldId::Responsibilities), acc(FieldId::KeyOutputs)),
        qualifications: Qualifications {
            education: req(FieldId::EducationMin, FieldId::EducationDes),
            work_experience: req(FieldId::WorkMin, FieldId::WorkDes),
            skills: req(FieldId::SkillsMin, FieldId::SkillsDes),
            languages: req(FieldId::LanguagesMin, FieldId::LanguagesDes),
            competencies: ctx.block_without(acc(FieldId::Competencies), Block::List, COMPETENCIES_LEAD_INS),
        },
        learning: Learning {
            training_components: block(FieldId::Training),
            learning_elements: ctx.list(acc(FieldId::LearningElements)),
        },
        background: block(FieldId::Background),
        residue: Vec::new(),
    };
    v.residue = c
        .residue
        .into_iter()
        .chain(ctx.residue.take())
        .map(|r| Residue { kind: r.kind, text: r.text, lines: [r.first, r.last] })
        .collect();
    v
}
