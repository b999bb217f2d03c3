//! Deterministic degradation of clean JPO vacancy-proposal text.
//!
//! `degrade(text, variant, seed)` turns the text of a fixture into a damaged
//! copy that looks like one of the ways real vacancy proposals reach us: a PDF
//! extractor's output, pandoc's Markdown of a `.docx`, a copy-paste out of a
//! browser or Word, or OCR of a scan. The damage never changes what a human
//! reader would extract (the same gold record holds for every variant), and
//! it never touches the post number, month, year, grade or e-mail values.
//!
//! Everything is driven by a small SplitMix64 generator seeded from the
//! caller's seed and a per-variant salt, so `(text, variant, seed)` always
//! gives the same bytes. The file depends on `std` only, so it can be shared
//! by integration tests (`mod support;`), examples
//! (`#[path = "../tests/support/degrade.rs"] mod degrade;`) and a plain
//! `rustc --test` run of its own unit tests.
//!
//! Structure is recognized by simple, robust means:
//! - a *heading* is a line whose letters are all uppercase and which contains
//!   one of the seven template headings ([`HEADINGS`]);
//! - a *label* is one of the known template labels ([`LABELS`]) at the start
//!   of a line, after any markup (`**`, `#`, `|`);
//! - a *bullet* is a line starting with a list marker (`- `, `• `, `1. `,
//!   `(a) ` ...);
//! - everything else is prose.
//!
//! Matching folds case, whitespace (NBSP, tabs), ligatures and invisible
//! characters, so a variant can be applied to the output of another one
//! (see [`Variant::Combined`]).

// ---------------------------------------------------------------------------
// Public API

/// A kind of damage, named after where such text comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// As a PDF text extractor prints it: hard-wrapped lines, end-of-line
    /// hyphenation, running headers and "Page N of M" footers with form
    /// feeds, bullet glyphs, the GENERAL INFORMATION table flattened.
    Pdf,
    /// As pandoc prints a `.docx`: `## ` headings, `**bold**` labels,
    /// `*italic*` values, backslash escapes, `[text](#)` links, `---` rules
    /// and the GENERAL INFORMATION block as a pipe table.
    Pandoc,
    /// As pasted from a browser or Word: CRLF, NBSP, tabs, ligatures, soft
    /// hyphens, zero-width spaces, curly quotes, two general fields on one
    /// line, a heading run onto the previous line.
    CopyPaste,
    /// As OCR of a scan: l/I/1 confusion in headings, rn/m confusion in
    /// prose, doubled spaces, a duplicated line, a heading split in two.
    Ocr,
    /// [`Variant::Pdf`], then [`Variant::CopyPaste`], then [`Variant::Ocr`],
    /// each with the same seed.
    Combined,
}

impl Variant {
    /// Every variant, in a stable order.
    pub const ALL: [Variant; 5] = [Variant::Pdf, Variant::Pandoc, Variant::CopyPaste, Variant::Ocr, Variant::Combined];

    /// A short lowercase name, usable as a directory name.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Pdf => "pdf",
            Variant::Pandoc => "pandoc",
            Variant::CopyPaste => "copypaste",
            Variant::Ocr => "ocr",
            Variant::Combined => "combined",
        }
    }

    /// The salt mixed into the seed, so that two variants given the same
    /// seed make independent choices.
    fn salt(self) -> u64 {
        match self {
            Variant::Pdf => 0x5044_4600,
            Variant::Pandoc => 0x5041_4E44,
            Variant::CopyPaste => 0x434F_5059,
            Variant::Ocr => 0x4F43_5200,
            Variant::Combined => 0x434F_4D42,
        }
    }
}

/// Damages `text` the way `variant` describes. The same `(text, variant,
/// seed)` always gives the same output.
pub fn degrade(text: &str, variant: Variant, seed: u64) -> String {
    let mut rng = Rng::new(seed, variant.salt());
    match variant {
        Variant::Pdf => pdf::degrade(text, &mut rng),
        Variant::Pandoc => pandoc::degrade(text, &mut rng),
        Variant::CopyPaste => copypaste::degrade(text, &mut rng),
        Variant::Ocr => ocr::degrade(text, &mut rng),
        Variant::Combined => {
            let pdf = degrade(text, Variant::Pdf, seed);
            let pasted = degrade(&pdf, Variant::CopyPaste, seed);
            degrade(&pasted, Variant::Ocr, seed)
        }
    }
}

// ---------------------------------------------------------------------------
// Knobs. Every number the generator uses is here, with the reason for it.

/// Narrowest hard-wrap width of the PDF variant: A4 body text in 11pt.
const PDF_WRAP_MIN: usize = 70;
/// Widest hard-wrap width of the PDF variant (and the most columns any PDF
/// line may have, unless it holds one unbreakable token): 10pt narrow fonts.
const PDF_WRAP_MAX: usize = 90;
/// Width of the value column of the flattened GENERAL INFORMATION table. A
/// value wrapped this narrow plus the longest label
/// ("Duration of the assignment:", 27 columns) still fits [`PDF_WRAP_MAX`].
const PDF_GI_CELL_WIDTH: usize = 60;
/// Shortest page, in printed lines, before a page break.
const PDF_PAGE_MIN: usize = 42;
/// Longest page, in printed lines, before a page break ("every ~45 lines").
const PDF_PAGE_MAX: usize = 48;
/// Chance that a long lowercase word which does not fit at a wrap point is
/// hyphenated instead of moved whole ("some" hyphenation, not all).
const PDF_HYPHEN_PROB: f64 = 0.35;
/// Chance that the document prints bullet continuation lines with a hanging
/// indent (pdftotext -layout) rather than flush left (raw mode).
const PDF_HANGING_INDENT_PROB: f64 = 0.5;
/// Chance that page furniture is set off by blank lines.
const PDF_FURNITURE_BLANK_PROB: f64 = 0.5;
/// Chance that the flattened general-information pairs are separated by
/// blank lines.
const PDF_GI_BLANK_BETWEEN_PROB: f64 = 0.3;
/// Chance that the flattened table glues each value to the next label
/// ("Geneva, Switzerland Duration of the assignment:") rather than printing
/// label and value on lines of their own.
const PDF_GI_GLUED_PROB: f64 = 0.5;
/// Bullet glyphs PDF extractors print for Word bullets: the Symbol-font
/// private-use bullet, the real bullet, and Word's "o" (Courier New) bullet.
const PDF_BULLETS: [&str; 3] = ["\u{F0B7}", "\u{2022}", "o"];
/// What extractors print between a bullet glyph and the item's text (the
/// "o" bullet always gets a space).
const PDF_BULLET_SEPS: [&str; 2] = [" ", "\t"];
/// Text of the running page header; the post number follows it.
const PDF_RUNNING_HEADER: &str = "JPO vacancy proposal \u{2013} post";
/// Running header used when the text has no post number.
const PDF_RUNNING_HEADER_BARE: &str = "JPO vacancy proposal";
/// Form feed: pdftotext's page separator.
const FORM_FEED: char = '\x0c';

/// Shortest word (in letters) that may be hyphenated at a line end.
const HYPHEN_MIN_WORD: usize = 8;
/// Fewest letters left before a hyphenation point.
const HYPHEN_MIN_PREFIX: usize = 3;
/// Fewest letters carried to the next line after a hyphenation point.
const HYPHEN_MIN_SUFFIX: usize = 3;

/// pandoc's default `--columns`, used when the document is wrapped.
const PANDOC_WRAP_WIDTH: usize = 72;
/// Chance that the pandoc output is wrapped (`--wrap=auto`, pandoc's
/// default) rather than one paragraph per line (`--wrap=none`).
const PANDOC_WRAP_PROB: f64 = 0.5;
/// Chance that a heading is also bold (`## **INTRODUCTION**`), as when the
/// drafter bolded a heading-styled paragraph.
const PANDOC_BOLD_HEADING_PROB: f64 = 0.3;
/// Chance that a label's value is italic (`**Title:** *value*`).
const PANDOC_ITALIC_VALUE_PROB: f64 = 0.35;
/// Chance that a whole prose paragraph is italic.
const PANDOC_ITALIC_PARA_PROB: f64 = 0.12;
/// Chance that the document escapes parentheses (`\(`, `\)`).
const PANDOC_ESCAPE_PARENS_PROB: f64 = 0.6;
/// Chance that the document escapes apostrophes (`\'`).
const PANDOC_ESCAPE_APOS_PROB: f64 = 0.6;
/// Chance that a horizontal rule is pandoc's 72-dash form rather than `---`.
const PANDOC_LONG_RULE_PROB: f64 = 0.4;
/// Length of pandoc's long horizontal rule.
const PANDOC_LONG_RULE_WIDTH: usize = 72;
/// Chance that the pipe table has an empty header row (pandoc's form for a
/// headerless table) rather than using the first pair as header.
const PANDOC_EMPTY_TABLE_HEADER_PROB: f64 = 0.5;
/// Most `[text](#)` links added to prose (cross-references in the .docx).
const PANDOC_LINKS_MAX: usize = 2;
/// Fewest words in an added link's text.
const PANDOC_LINK_MIN_WORDS: usize = 2;
/// Most words in an added link's text.
const PANDOC_LINK_MAX_WORDS: usize = 4;
/// Chance that lists use pandoc's older wide markers (`-   `, `1.  `).
const PANDOC_WIDE_MARKER_PROB: f64 = 0.5;

/// Chance that a space becomes a no-break space.
const COPY_NBSP_PROB: f64 = 0.05;
/// Chance that a document has ligatures at all (text that went through a
/// PDF viewer's copy keeps them; a browser's does not).
const COPY_LIGATURE_DOC_PROB: f64 = 0.8;
/// Chance that each ff/fi/fl/ffi/ffl of such a document is a ligature.
const COPY_LIGATURE_PROB: f64 = 0.7;
/// Shortest word that may get a soft hyphen (Word's optional hyphen).
const COPY_SHY_MIN_WORD: usize = 8;
/// Chance that such a word gets a soft hyphen.
const COPY_SHY_PROB: f64 = 0.05;
/// Shortest word that may get a zero-width space.
const COPY_ZWSP_MIN_WORD: usize = 4;
/// Chance that such a word gets a zero-width space.
const COPY_ZWSP_PROB: f64 = 0.015;
/// Chance that a document separates labels from values with a tab (a Word
/// table pasted as text).
const COPY_TAB_LABEL_PROB: f64 = 0.5;
/// Chance that a document separates bullets from their text with a tab.
const COPY_TAB_BULLET_PROB: f64 = 0.5;
/// Chance that a line keeps a trailing space.
const COPY_TRAILING_SPACE_PROB: f64 = 0.08;
/// Fewest words the line before a heading needs for the heading to be run
/// onto it (so the heading never lands on a bare bullet or a label).
const COPY_MERGE_MIN_WORDS: usize = 3;

/// Chance that each heading gets an l/I/1 confusion (at least one does).
const OCR_HEADING_CONFUSION_PROB: f64 = 0.6;
/// Chance that a confused `I` reads as `1` rather than `l`.
const OCR_ONE_FOR_I_PROB: f64 = 0.25;
/// How many prose words get an rn/m confusion: "a few", each in a
/// different paragraph or list item.
const OCR_RNM_SWAPS: usize = 4;
/// Fewest words a paragraph needs to take an rn/m confusion: one wrong word
/// in 40 keeps its word-level F1 at 0.975, above the scorer's 0.97 for prose
/// (a reader fixes "rnanagement" at sight; a parser without a dictionary
/// cannot, and the gold is the same).
const OCR_RNM_MIN_PARAGRAPH_WORDS: usize = 40;
/// Fewest words a list item needs to take an rn/m confusion: one wrong word
/// in 10 keeps its F1 at 0.9, above the scorer's 0.85 for list items.
const OCR_RNM_MIN_ITEM_WORDS: usize = 10;
/// Shortest word that may get an rn/m confusion.
const OCR_RNM_MIN_LETTERS: usize = 4;
/// Chance that a space is doubled.
const OCR_DOUBLE_SPACE_PROB: f64 = 0.04;
/// Chance that a word with both "rn" and "m" gets "rn" -> "m" rather
/// than "m" -> "rn".
const OCR_RN_TO_M_PROB: f64 = 0.5;
/// Shortest prose line that may be duplicated.
const OCR_DUP_MIN_CHARS: usize = 30;

// ---------------------------------------------------------------------------
// Random numbers

/// SplitMix64: tiny, fast, and good enough to pick damage deterministically.
struct Rng(u64);

impl Rng {
    /// A generator for `seed`, decorrelated from other uses by `salt`.
    fn new(seed: u64, salt: u64) -> Self {
        let mut r = Rng(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// `k` distinct elements of `xs`, in their original order.
    fn sample<T: Copy>(&mut self, xs: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..xs.len()).collect();
        let k = k.min(xs.len());
        for i in 0..k {
            let j = i + self.below(idx.len() - i);
            idx.swap(i, j);
        }
        let mut chosen = idx[..k].to_vec();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| xs[i]).collect()
    }
}

// ---------------------------------------------------------------------------
// Lines

/// A text split into lines, remembering how it ended them.
struct Doc {
    lines: Vec<String>,
    crlf: bool,
    trailing_newline: bool,
}

fn split_lines(text: &str) -> Doc {
    let crlf = text.contains("\r\n");
    let trailing_newline = text.ends_with('\n');
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines = if text.is_empty() {
        Vec::new()
    } else {
        body.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l).to_string()).collect()
    };
    Doc { lines, crlf, trailing_newline }
}

fn join_lines(lines: &[String], crlf: bool, trailing_newline: bool) -> String {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut out = lines.join(eol);
    if trailing_newline && !lines.is_empty() {
        out.push_str(eol);
    }
    out
}

/// Horizontal whitespace as this file splits words on it.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == FORM_FEED
}

fn columns(s: &str) -> usize {
    s.chars().count()
}

// ---------------------------------------------------------------------------
// Matching text the way a tolerant reader does

/// Characters a reader does not see: soft hyphen, zero-width space and
/// joiners, byte-order mark.
const INVISIBLE: [char; 5] = ['\u{ad}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{feff}'];

/// Typographic ligatures and the letters they stand for.
const LIGATURES: [(char, &str); 7] = [
    ('\u{fb00}', "ff"),
    ('\u{fb01}', "fi"),
    ('\u{fb02}', "fl"),
    ('\u{fb03}', "ffi"),
    ('\u{fb04}', "ffl"),
    ('\u{fb05}', "st"),
    ('\u{fb06}', "st"),
];

/// One character of a line as matching sees it: lowercased, whitespace as
/// `' '`, ligatures expanded; with the byte span it came from.
#[derive(Clone, Copy, Debug)]
struct Folded {
    c: char,
    start: usize,
    end: usize,
}

fn fold(s: &str) -> Vec<Folded> {
    let mut out = Vec::with_capacity(s.len());
    for (start, ch) in s.char_indices() {
        let end = start + ch.len_utf8();
        if INVISIBLE.contains(&ch) {
            continue;
        }
        if ch.is_whitespace() {
            out.push(Folded { c: ' ', start, end });
        } else if let Some((_, exp)) = LIGATURES.iter().find(|(l, _)| *l == ch) {
            out.extend(exp.chars().map(|c| Folded { c, start, end }));
        } else {
            out.extend(ch.to_lowercase().map(|c| Folded { c, start, end }));
        }
    }
    out
}

/// Matches `needle` (case- and whitespace-insensitively) in `h` starting at
/// index `i`; returns the index just past the match.
fn match_at(h: &[Folded], i: usize, needle: &str) -> Option<usize> {
    let mut j = i;
    for nc in needle.chars().filter(|c| !c.is_whitespace()) {
        while j < h.len() && h[j].c == ' ' {
            j += 1;
        }
        if j >= h.len() || nc.to_lowercase().ne(std::iter::once(h[j].c)) {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn folded_contains(h: &[Folded], needle: &str) -> bool {
    (0..h.len()).any(|i| h[i].c != ' ' && match_at(h, i, needle).is_some())
}

// ---------------------------------------------------------------------------
// The template's structure

/// The seven template headings, as they must appear in a heading line.
/// "DUTIES AND RESPONS" covers the template's own misspelling
/// "RESPONSABILITIES".
const HEADINGS: [&str; 7] = [
    "GENERAL INFORMATION",
    "SUPERVISION",
    "INTRODUCTION",
    "DUTIES AND RESPONS",
    "QUALIFICATIONS AND EXPERIENCE",
    "TRAINING COMPONENTS",
    "BACKGROUND INFORMATION",
];

/// What a label introduces; decides what damage its value may take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Group {
    /// Post number, month, year: values are never touched.
    Header,
    /// The GENERAL INFORMATION table.
    General,
    /// "Direct Supervision by:": the supervisor's name, position, e-mail.
    Supervisor,
    /// Sub-headings of the sections ("Minimum:", "Education:" ...).
    Other,
}

/// A template label.
struct LabelDef {
    text: &'static str,
    group: Group,
    /// The value must come through byte for byte (post number, month,
    /// year, grade).
    keep_value: bool,
}

const fn label(text: &'static str, group: Group, keep_value: bool) -> LabelDef {
    LabelDef { text, group, keep_value }
}

/// Every label of the template, with the spellings seen in real documents.
/// When several match, the longest wins ("Duration of the assignment:" over
/// "Duration:").
const LABELS: [LabelDef; 26] = [
    label("Post number:", Group::Header, true),
    label("Month of issue:", Group::Header, true),
    label("Year:", Group::Header, true),
    label("Note for supervisors:", Group::Other, false),
    label("Title:", Group::General, false),
    label("Duty station:", Group::General, false),
    label("Duration of the assignment:", Group::General, false),
    label("Duration:", Group::General, false),
    label("Grade:", Group::General, true),
    label("Department/ Field Office:", Group::General, false),
    label("Department/Office:", Group::General, false),
    label("Department:", Group::General, false),
    label("Organisational unit:", Group::General, false),
    label("Organizational unit:", Group::General, false),
    label("Direct Supervision by:", Group::Supervisor, false),
    label("Direct supervisor:", Group::Supervisor, false),
    label("Content and methodology of supervision:", Group::Other, false),
    label("Education:", Group::Other, false),
    label("Work experience:", Group::Other, false),
    label("Skills required for the assignment:", Group::Other, false),
    label("Languages:", Group::Other, false),
    label("ILO competencies:", Group::Other, false),
    label("Minimum:", Group::Other, false),
    label("Desirable:", Group::Other, false),
    label("Training components:", Group::Other, false),
    label("Learning elements:", Group::Other, false),
];

/// Markup that may precede a label at the start of a line.
const LEAD_MARKUP: [char; 5] = ['*', '#', '|', '_', '>'];

/// A label found in a line: its definition, its byte span (up to and with
/// the colon) and where its value starts.
struct LabelMatch {
    def: &'static LabelDef,
    start: usize,
    end: usize,
    value: usize,
}

/// The longest label matching at folded index `i` of `line`.
fn label_at(line: &str, h: &[Folded], i: usize, group: Option<Group>) -> Option<LabelMatch> {
    let mut best: Option<(usize, &'static LabelDef)> = None;
    for def in LABELS.iter() {
        if group.is_some_and(|g| g != def.group) {
            continue;
        }
        if let Some(j) = match_at(h, i, def.text) {
            if best.is_none() || best.is_some_and(|(bj, _)| j > bj) {
                best = Some((j, def));
            }
        }
    }
    let (j, def) = best?;
    let mut k = j;
    while k < h.len() && matches!(h[k].c, ' ' | '*' | '_' | '|') {
        k += 1;
    }
    Some(LabelMatch {
        def,
        start: h[i].start,
        end: h[j - 1].end,
        value: if k < h.len() { h[k].start } else { line.len() },
    })
}

/// The label at the start of `line`, after whitespace and markup.
fn label_at_start(line: &str) -> Option<LabelMatch> {
    let h = fold(line);
    let i = h.iter().position(|f| f.c != ' ' && !LEAD_MARKUP.contains(&f.c))?;
    label_at(line, &h, i, None)
}

/// Every label of `group` (or any group) in `line`, left to right, not
/// overlapping, each starting at a word boundary.
fn find_labels(line: &str, group: Option<Group>) -> Vec<LabelMatch> {
    let h = fold(line);
    let mut out = Vec::new();
    let mut i = 0;
    while i < h.len() {
        let boundary = i == 0 || !h[i - 1].c.is_alphanumeric();
        if h[i].c != ' ' && boundary {
            if let Some(m) = label_at(line, &h, i, group) {
                let end = m.end;
                out.push(m);
                while i < h.len() && h[i].start < end {
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    out
}

/// A heading: all its letters uppercase, and it contains a template heading.
fn is_heading(line: &str) -> bool {
    let mut letters = 0;
    for ch in line.chars() {
        if ch.is_alphabetic() {
            if ch.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters > 0 && {
        let h = fold(line);
        HEADINGS.iter().any(|hd| folded_contains(&h, hd))
    }
}

fn is_general_heading(line: &str) -> bool {
    is_heading(line) && folded_contains(&fold(line), "GENERAL INFORMATION")
}

/// A horizontal rule: three or more of `-`, `*` or `_` and nothing else.
fn is_rule(t: &str) -> bool {
    let marks = t.chars().filter(|c| matches!(c, '-' | '*' | '_')).count();
    marks >= 3 && t.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '))
}

/// Page furniture this generator prints: running headers and footers.
fn is_furniture(t: &str) -> bool {
    if t.starts_with(PDF_RUNNING_HEADER_BARE) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    words.len() == 4
        && words[0] == "Page"
        && words[2] == "of"
        && [words[1], words[3]].iter().all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

/// List markers that stand for "unordered item".
const UNORDERED: [char; 7] = ['-', '*', '\u{2022}', '\u{25aa}', '\u{f0b7}', '\u{25e6}', '\u{b7}'];

/// A list marker at the start of a line.
struct Bullet {
    /// Byte span of the marker itself.
    start: usize,
    end: usize,
    /// Where the item's text starts.
    content: usize,
    ordered: bool,
}

fn bullet_marker(line: &str) -> Option<Bullet> {
    let start = line.len() - line.trim_start_matches(is_space).len();
    let rest = &line[start..];
    let first = rest.chars().next()?;
    let spaced = |s: &str| s.is_empty() || s.starts_with(is_space);
    let mut ordered = false;
    let len = if UNORDERED.contains(&first) && spaced(&rest[first.len_utf8()..]) {
        first.len_utf8()
    } else if first == 'o'
        && rest[1..].starts_with(is_space)
        && rest[1..].trim_start_matches(is_space).starts_with(|c: char| c.is_uppercase())
    {
        1
    } else {
        ordered = true;
        ordered_marker_len(rest)?
    };
    let end = start + len;
    let content = end + (line[end..].len() - line[end..].trim_start_matches(is_space).len());
    Some(Bullet { start, end, content, ordered })
}

/// Length of `1.`, `12)`, `(3)`, `a)` or `(b)` at the start of `s`, when a
/// space follows.
fn ordered_marker_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let open = usize::from(b.first() == Some(&b'('));
    let digits = b[open..].iter().take_while(|c| c.is_ascii_digit()).count();
    let body = if digits > 0 && digits <= 2 {
        digits
    } else if b.len() > open && b[open].is_ascii_lowercase() {
        1
    } else {
        return None;
    };
    let close = open + body;
    let ok_close = match b.get(close) {
        Some(b')') => true,
        Some(b'.') => open == 0 && digits > 0,
        _ => false,
    };
    let next = b.get(close + 1);
    (ok_close && next.is_some_and(|c| *c == b' ' || *c == b'\t')).then_some(close + 1)
}

/// What a line is, structurally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Furniture,
    Rule,
    Heading,
    Label(Group),
    Bullet,
    Prose,
}

fn classify(line: &str) -> Kind {
    let t = line.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        Kind::Blank
    } else if is_furniture(t) {
        Kind::Furniture
    } else if is_rule(t) {
        Kind::Rule
    } else if is_heading(t) {
        Kind::Heading
    } else if let Some(m) = label_at_start(t) {
        Kind::Label(m.def.group)
    } else if bullet_marker(line).is_some() {
        Kind::Bullet
    } else {
        Kind::Prose
    }
}

/// The lines of the GENERAL INFORMATION block, as `start..end`: after its
/// heading (or from its first label when the heading is missing) up to the
/// next heading. `None` when the block holds no general label.
fn general_block(lines: &[String]) -> Option<(usize, usize)> {
    let start = match lines.iter().position(|l| is_general_heading(l)) {
        Some(h) => h + 1,
        None => lines.iter().position(|l| label_at_start(l).is_some_and(|m| m.def.group == Group::General))?,
    };
    let has_label = |l: &String| !find_labels(l, Some(Group::General)).is_empty();
    let end = match (start..lines.len()).find(|&i| is_heading(&lines[i])) {
        Some(e) => e,
        None => {
            // No heading follows: stop at the paragraph of the last label.
            let last = (start..lines.len()).rev().find(|&i| has_label(&lines[i]))?;
            (last..lines.len()).find(|&i| lines[i].trim().is_empty()).unwrap_or(lines.len())
        }
    };
    lines[start..end].iter().any(has_label).then_some((start, end))
}

/// The post number, from "Post number: NNNN".
fn post_number(lines: &[String]) -> Option<String> {
    lines.iter().find_map(|l| {
        let m = find_labels(l, Some(Group::Header)).into_iter().find(|m| m.def.text == "Post number:")?;
        let digits: String = l[m.value..].chars().take_while(|c| c.is_ascii_digit()).collect();
        (!digits.is_empty()).then_some(digits)
    })
}

/// Lines whose words carry record values that damage must not touch: the
/// letterhead and header before the first heading, the GENERAL INFORMATION
/// block, the supervisor's lines, every label line, every line with an
/// e-mail, and page furniture.
fn protected_lines(lines: &[String], kinds: &[Kind]) -> Vec<bool> {
    let first_heading = kinds.iter().position(|k| *k == Kind::Heading).unwrap_or(lines.len());
    let mut out: Vec<bool> = (0..lines.len()).map(|i| i < first_heading).collect();
    if let Some((s, e)) = general_block(lines) {
        out[s..e].iter_mut().for_each(|p| *p = true);
    }
    let mut in_supervisor = false;
    for (i, kind) in kinds.iter().enumerate() {
        match kind {
            Kind::Label(Group::Supervisor) => in_supervisor = true,
            Kind::Label(_) | Kind::Heading => in_supervisor = false,
            _ => {}
        }
        if in_supervisor || matches!(kind, Kind::Label(_) | Kind::Furniture) || lines[i].contains('@') {
            out[i] = true;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Words

/// Calls `f(index, token)` for each whitespace-separated token of `line` and
/// rebuilds the line with the whitespace untouched.
fn map_tokens(line: &str, mut f: impl FnMut(usize, &str) -> String) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut index = 0;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start_matches(is_space).len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        if rest.is_empty() {
            break;
        }
        let len = rest.find(is_space).unwrap_or(rest.len());
        out.push_str(&f(index, &rest[..len]));
        index += 1;
        rest = &rest[len..];
    }
    out
}

/// Splits a token into leading punctuation, the word, trailing punctuation.
fn word_parts(tok: &str) -> (&str, &str, &str) {
    let Some(start) = tok.find(char::is_alphanumeric) else {
        return (tok, "", "");
    };
    let last = tok.rfind(char::is_alphanumeric).unwrap_or(start);
    let end = last + tok[last..].chars().next().map_or(0, char::len_utf8);
    (&tok[..start], &tok[start..end], &tok[end..])
}

/// A token carrying a value that must come through byte for byte: e-mails,
/// URLs, numbers, escapes.
fn is_sensitive(tok: &str) -> bool {
    tok.contains('@')
        || tok.contains("://")
        || tok.contains("www.")
        || tok.contains('\\')
        || tok.bytes().any(|b| b.is_ascii_digit())
}

fn is_lower_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_alpha_word(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Consonant pairs a typesetter never splits ("ma-chine", not "mac-hine").
const DIGRAPHS: [&[u8; 2]; 8] = [b"th", b"ch", b"sh", b"ph", b"wh", b"ck", b"qu", b"gh"];

/// Byte offsets `k` where an ASCII word may be broken as a typesetter
/// would, with at least [`HYPHEN_MIN_PREFIX`] and [`HYPHEN_MIN_SUFFIX`]
/// letters each side: before a single consonant between vowels
/// ("supervi-sor") or between two consonants between vowels
/// ("respon-sibilities"), never inside a digraph.
fn syllable_points(word: &str) -> Vec<usize> {
    let b = word.as_bytes();
    let vowel = |c: u8| b"aeiouy".contains(&c.to_ascii_lowercase());
    let digraph = |k: usize| DIGRAPHS.iter().any(|d| b[k - 1..=k].eq_ignore_ascii_case(&d[..]));
    if b.len() < HYPHEN_MIN_PREFIX + HYPHEN_MIN_SUFFIX {
        return Vec::new();
    }
    (HYPHEN_MIN_PREFIX..=b.len() - HYPHEN_MIN_SUFFIX)
        .filter(|&k| {
            let cv = !vowel(b[k]) && vowel(b[k + 1]) && !digraph(k + 1);
            let v_c = vowel(b[k - 1]);
            let vc_c = !vowel(b[k - 1]) && vowel(b[k - 2]) && !digraph(k);
            cv && (v_c || vc_c)
        })
        .collect()
}

/// Greedy word wrap at `width` columns (prefixes included). With
/// `hyphenate`, a lowercase word of at least [`HYPHEN_MIN_WORD`] letters
/// that does not fit may be split at a syllable point with a hyphen, with
/// probability [`PDF_HYPHEN_PROB`]. A token longer than the line goes on a
/// line of its own.
fn wrap(
    text: &str,
    width: usize,
    first_prefix: &str,
    cont_prefix: &str,
    mut hyphenate: Option<&mut Rng>,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = first_prefix.to_string();
    let mut has_word = false;
    for word in text.split([' ', '\t']).filter(|w| !w.is_empty()) {
        let cur_cols = columns(&cur);
        let wlen = columns(word);
        let need = if has_word { 1 + wlen } else { wlen };
        if cur_cols + need <= width {
            if has_word {
                cur.push(' ');
            }
            cur.push_str(word);
            has_word = true;
            continue;
        }
        if has_word {
            if let Some(rng) = hyphenate.as_deref_mut() {
                if let Some(k) = hyphen_split(word, width.saturating_sub(cur_cols + 2), rng) {
                    cur.push(' ');
                    cur.push_str(&word[..k]);
                    cur.push('-');
                    lines.push(std::mem::replace(&mut cur, cont_prefix.to_string()));
                    cur.push_str(&word[k..]);
                    continue;
                }
            }
            lines.push(std::mem::replace(&mut cur, cont_prefix.to_string()));
        }
        cur.push_str(word);
        has_word = true;
    }
    if has_word || lines.is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    lines
}

/// Where to hyphenate `word` so that its head and the hyphen fit in `room`
/// columns; `None` when it should move whole.
fn hyphen_split(word: &str, room: usize, rng: &mut Rng) -> Option<usize> {
    let (lead, core, _) = word_parts(word);
    if columns(core) < HYPHEN_MIN_WORD || !is_lower_word(core) || is_sensitive(word) {
        return None;
    }
    if !rng.chance(PDF_HYPHEN_PROB) {
        return None;
    }
    syllable_points(core).into_iter().map(|k| lead.len() + k).filter(|&k| k < room).max()
}

// ---------------------------------------------------------------------------
// Markup

/// Removes Markdown and HTML markup from one line, as a PDF of the document
/// would show it: rules and table separator rows become blank, `#` heading
/// marks, `*`/`**` emphasis, `<u>` tags and backslash escapes go,
/// `[text](url)` becomes `text`, `<url>` becomes `url`, pipe-table rows
/// become their cells, and a `* ` bullet becomes `- `.
fn strip_markdown_line(line: &str) -> String {
    let t = line.trim();
    if is_rule(t) {
        return String::new();
    }
    if t.starts_with('|') {
        if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            return String::new();
        }
        let cells: Vec<String> =
            t.split('|').map(|c| strip_inline_markup(c.trim())).filter(|c| !c.is_empty()).collect();
        return cells.join(" ");
    }
    let mut body = line.trim_end();
    let indent = &body[..body.len() - body.trim_start().len()];
    body = body.trim_start();
    let hashes = body.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
        body = body[hashes..].trim_start();
    }
    let mut out = String::from(indent);
    if let Some(rest) = body.strip_prefix("* ") {
        out.push_str("- ");
        body = rest;
    }
    out.push_str(&strip_inline_markup(body));
    out
}

/// Inline part of [`strip_markdown_line`].
fn strip_inline_markup(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '*' => i += 1,
            '[' => match link_at(&chars, i) {
                Some((close, url_end)) => {
                    let inner: String = chars[i + 1..close].iter().collect();
                    out.push_str(&strip_inline_markup(&inner));
                    i = url_end + 1;
                }
                None => {
                    out.push('[');
                    i += 1;
                }
            },
            '<' => match chars[i + 1..].iter().position(|&c| c == '>') {
                Some(len) => {
                    let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                    let tag = inner.trim_start_matches('/').trim_end_matches('/').to_ascii_lowercase();
                    if matches!(tag.as_str(), "u" | "b" | "i" | "em" | "strong" | "sup" | "sub" | "span") {
                        i += len + 2;
                    } else if tag == "br" {
                        out.push(' ');
                        i += len + 2;
                    } else if !inner.contains(' ') && (inner.contains("://") || inner.contains('@')) {
                        out.push_str(&inner);
                        i += len + 2;
                    } else {
                        out.push('<');
                        i += 1;
                    }
                }
                None => {
                    out.push('<');
                    i += 1;
                }
            },
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// A Markdown link `[text](url)` starting at `chars[i]`: the index of its
/// `]` and of its closing `)`.
fn link_at(chars: &[char], i: usize) -> Option<(usize, usize)> {
    let close =
        i + 1 + chars[i + 1..].iter().position(|&c| c == ']' || c == '[').filter(|&p| chars[i + 1 + p] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let url_end = close
        + 2
        + chars[close + 2..].iter().position(|&c| c == ')' || c == ' ').filter(|&p| chars[close + 2 + p] == ')')?;
    Some((close, url_end))
}

// ---------------------------------------------------------------------------
// General information pairs

/// The GENERAL INFORMATION block read as text before the first label and
/// `(label, value)` pairs, whatever its layout (one field a line, all on one
/// line, values continued on the next line).
fn general_pairs(block: &[String]) -> Option<(String, Vec<(String, String)>)> {
    let joined = block.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
    let found = find_labels(&joined, Some(Group::General));
    let first = found.first()?;
    let prefix = joined[..first.start].trim().to_string();
    let pairs = found
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let end = found.get(k + 1).map_or(joined.len(), |n| n.start);
            let value = joined[m.value.min(end)..end].trim();
            (joined[m.start..m.end].trim().to_string(), value.to_string())
        })
        .collect();
    Some((prefix, pairs))
}

/// True for labels whose value must not even be wrapped in markup.
fn keeps_value(label_text: &str) -> bool {
    let h = fold(label_text);
    label_at(label_text, &h, 0, None).is_some_and(|m| m.def.keep_value)
}

// ---------------------------------------------------------------------------
// PDF

mod pdf {
    use super::*;

    /// A printed line, and whether a page break may follow it.
    struct Printed {
        text: String,
        keep_with_next: bool,
    }

    impl Printed {
        fn new(text: impl Into<String>) -> Self {
            Printed { text: text.into(), keep_with_next: false }
        }
    }

    /// How the general-information table comes out of the extractor.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum TableStyle {
        /// "Duty station:" then "Geneva, Switzerland" on the next line.
        Separate,
        /// "Geneva, Switzerland Duration of the assignment:".
        Glued,
    }

    /// The choices made once per document.
    struct Layout {
        width: usize,
        bullet: &'static str,
        bullet_sep: &'static str,
        hanging: bool,
        table: TableStyle,
        table_blanks: bool,
        furniture_blanks: bool,
    }

    impl Layout {
        fn choose(rng: &mut Rng) -> Self {
            let bullet = *rng.pick(&PDF_BULLETS);
            let bullet_sep = if bullet == "o" { " " } else { *rng.pick(&PDF_BULLET_SEPS) };
            Layout {
                width: rng.range(PDF_WRAP_MIN, PDF_WRAP_MAX),
                bullet,
                bullet_sep,
                hanging: rng.chance(PDF_HANGING_INDENT_PROB),
                table: if rng.chance(PDF_GI_GLUED_PROB) { TableStyle::Glued } else { TableStyle::Separate },
                table_blanks: rng.chance(PDF_GI_BLANK_BETWEEN_PROB),
                furniture_blanks: rng.chance(PDF_FURNITURE_BLANK_PROB),
            }
        }
    }

    /// Markup stripped, structure printed line by line, then paginated.
    pub(super) fn degrade(text: &str, rng: &mut Rng) -> String {
        let doc = split_lines(text);
        let lines: Vec<String> = doc.lines.iter().map(|l| strip_markdown_line(l)).collect();
        let layout = Layout::choose(rng);
        let block = general_block(&lines);
        let mut printed = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if let Some((s, e)) = block.filter(|(s, _)| *s == i) {
                printed.extend(flatten_table(&lines[s..e], &layout));
                i = e;
                continue;
            }
            printed.extend(print_line(&lines[i], &layout, rng).into_iter().map(Printed::new));
            i += 1;
        }
        let pages = paginate(printed, &layout, post_number(&lines), rng);
        join_lines(&pages, false, doc.trailing_newline)
    }

    /// Wraps one logical line: bullets get the document's glyph and unbulleted
    /// continuation lines; prose may be hyphenated; labels never are.
    fn print_line(line: &str, layout: &Layout, rng: &mut Rng) -> Vec<String> {
        match classify(line) {
            Kind::Blank | Kind::Rule => vec![String::new()],
            Kind::Heading => vec![line.trim().to_string()],
            Kind::Label(_) => wrap(line.trim(), layout.width, "", "", None),
            Kind::Bullet => {
                let b = bullet_marker(line).expect("classified as bullet");
                let marker = if b.ordered { &line[b.start..b.end] } else { layout.bullet };
                let first = format!("{marker}{}", layout.bullet_sep);
                let cont = match (layout.hanging, layout.bullet_sep) {
                    (false, _) => String::new(),
                    (true, "\t") => "\t".to_string(),
                    (true, _) => " ".repeat(columns(&first)),
                };
                wrap(line[b.content..].trim(), layout.width, &first, &cont, Some(rng))
            }
            Kind::Prose | Kind::Furniture => wrap(line.trim(), layout.width, "", "", Some(rng)),
        }
    }

    /// The GENERAL INFORMATION table as an extractor flattens it: labels and
    /// values on lines of their own, or each value glued to the next label.
    /// Values wrap at [`PDF_GI_CELL_WIDTH`]; no page break falls inside.
    fn flatten_table(block: &[String], layout: &Layout) -> Vec<Printed> {
        let Some((prefix, pairs)) = general_pairs(block) else {
            return block.iter().map(|l| Printed::new(l.trim())).collect();
        };
        let cell = |v: &str| -> Vec<String> {
            if v.is_empty() {
                Vec::new()
            } else {
                wrap(v, PDF_GI_CELL_WIDTH, "", "", None)
            }
        };
        let mut out: Vec<String> = vec![String::new()];
        if !prefix.is_empty() {
            out.extend(wrap(&prefix, layout.width, "", "", None));
        }
        match layout.table {
            TableStyle::Separate => {
                for (k, (label, value)) in pairs.iter().enumerate() {
                    if k > 0 && layout.table_blanks {
                        out.push(String::new());
                    }
                    out.push(label.clone());
                    out.extend(cell(value));
                }
            }
            TableStyle::Glued => {
                out.push(pairs[0].0.clone());
                for (k, (_, value)) in pairs.iter().enumerate() {
                    let mut value_lines = cell(value);
                    if let Some((next, _)) = pairs.get(k + 1) {
                        match value_lines.last_mut() {
                            Some(last) => {
                                last.push(' ');
                                last.push_str(next);
                            }
                            None => value_lines.push(next.clone()),
                        }
                    }
                    out.extend(value_lines);
                }
            }
        }
        let mut printed: Vec<Printed> = out.into_iter().map(|text| Printed { text, keep_with_next: true }).collect();
        printed.push(Printed::new(""));
        printed
    }

    /// Cuts the printed lines into pages of [`PDF_PAGE_MIN`] to
    /// [`PDF_PAGE_MAX`] lines: each page ends with a "Page N of M" footer,
    /// each later page starts with a form feed and the running header.
    fn paginate(lines: Vec<Printed>, layout: &Layout, post: Option<String>, rng: &mut Rng) -> Vec<String> {
        let mut breaks = Vec::new();
        let mut on_page = 0;
        let mut page_len = rng.range(PDF_PAGE_MIN, PDF_PAGE_MAX);
        for (i, line) in lines.iter().enumerate() {
            on_page += 1;
            if on_page >= page_len && !line.keep_with_next && i + 1 < lines.len() {
                breaks.push(i);
                on_page = 0;
                page_len = rng.range(PDF_PAGE_MIN, PDF_PAGE_MAX);
            }
        }
        let total = breaks.len() + 1;
        let header = match post {
            Some(p) => format!("{PDF_RUNNING_HEADER} {p}"),
            None => PDF_RUNNING_HEADER_BARE.to_string(),
        };
        let mut out = Vec::with_capacity(lines.len() + 5 * total);
        let mut page = 1;
        let mut next_break = breaks.iter().peekable();
        let footer = |out: &mut Vec<String>, page: usize| {
            if layout.furniture_blanks {
                out.push(String::new());
            }
            out.push(format!("Page {page} of {total}"));
        };
        for (i, line) in lines.into_iter().enumerate() {
            out.push(line.text);
            if next_break.peek() == Some(&&i) {
                next_break.next();
                footer(&mut out, page);
                page += 1;
                out.push(format!("{FORM_FEED}{header}"));
                if layout.furniture_blanks {
                    out.push(String::new());
                }
            }
        }
        footer(&mut out, page);
        out.push(FORM_FEED.to_string());
        out
    }
}

// ---------------------------------------------------------------------------
// Pandoc

mod pandoc {
    use super::*;

    /// The choices made once per document.
    struct Style {
        wrap: bool,
        rule: String,
        bullet: &'static str,
        wide_numbers: bool,
        escape_parens: bool,
        escape_apos: bool,
        empty_table_header: bool,
    }

    impl Style {
        fn choose(rng: &mut Rng) -> Self {
            let wide = rng.chance(PANDOC_WIDE_MARKER_PROB);
            let escape_parens = rng.chance(PANDOC_ESCAPE_PARENS_PROB);
            // Every document escapes something, so the variant always tests it.
            let escape_apos = !escape_parens || rng.chance(PANDOC_ESCAPE_APOS_PROB);
            Style {
                wrap: rng.chance(PANDOC_WRAP_PROB),
                rule: if rng.chance(PANDOC_LONG_RULE_PROB) {
                    "-".repeat(PANDOC_LONG_RULE_WIDTH)
                } else {
                    "---".to_string()
                },
                bullet: if wide { "-   " } else { "- " },
                wide_numbers: wide,
                escape_parens,
                escape_apos,
                empty_table_header: rng.chance(PANDOC_EMPTY_TABLE_HEADER_PROB),
            }
        }
    }

    /// Existing markup stripped, then every block printed as pandoc would.
    pub(super) fn degrade(text: &str, rng: &mut Rng) -> String {
        let doc = split_lines(text);
        let lines: Vec<String> = doc.lines.iter().map(|l| strip_markdown_line(l)).collect();
        let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
        let protected = protected_lines(&lines, &kinds);
        let style = Style::choose(rng);
        let block = general_block(&lines);
        let linked: Vec<usize> = {
            let candidates: Vec<usize> = (0..lines.len())
                .filter(|&i| kinds[i] == Kind::Prose && !protected[i] && link_span(&lines[i]).is_some())
                .collect();
            let n = rng.range(1, PANDOC_LINKS_MAX);
            rng.sample(&candidates, n)
        };

        let mut out: Vec<String> = Vec::new();
        let mut seen_heading = false;
        let mut i = 0;
        while i < lines.len() {
            if let Some((s, e)) = block.filter(|(s, _)| *s == i) {
                blank(&mut out);
                out.extend(pipe_table(&lines[s..e], &style, rng));
                blank(&mut out);
                i = e;
                continue;
            }
            let line = &lines[i];
            match kinds[i] {
                Kind::Blank | Kind::Rule => blank(&mut out),
                Kind::Heading => {
                    blank(&mut out);
                    if seen_heading {
                        out.push(style.rule.clone());
                        out.push(String::new());
                    }
                    seen_heading = true;
                    let core = line.trim();
                    out.push(if rng.chance(PANDOC_BOLD_HEADING_PROB) {
                        format!("## **{core}**")
                    } else {
                        format!("## {core}")
                    });
                    out.push(String::new());
                }
                Kind::Label(_) => out.extend(label_line(line.trim(), &style, rng)),
                Kind::Bullet => {
                    let b = bullet_marker(line).expect("classified as bullet");
                    let marker = if b.ordered {
                        let m = &line[b.start..b.end];
                        if style.wide_numbers {
                            format!("{m:<4}")
                        } else {
                            format!("{m} ")
                        }
                    } else {
                        style.bullet.to_string()
                    };
                    let body = escape(line[b.content..].trim(), &style);
                    let indent = " ".repeat(columns(&marker));
                    let lines = fill(&body, &style, &marker, &indent);
                    out.extend(lines.into_iter().map(|l| l.trim_end().to_string()));
                }
                Kind::Prose | Kind::Furniture => {
                    let mut body = escape(line.trim(), &style);
                    if linked.contains(&i) {
                        body = add_link(&body, rng);
                    }
                    if !protected[i] && !body.contains('@') && rng.chance(PANDOC_ITALIC_PARA_PROB) {
                        body = format!("*{body}*");
                    }
                    out.extend(fill(&body, &style, "", ""));
                }
            }
            i += 1;
        }
        while out.first().is_some_and(|l| l.is_empty()) {
            out.remove(0);
        }
        while out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        join_lines(&out, false, doc.trailing_newline)
    }

    /// Pushes a blank line unless the output already ends with one: pandoc
    /// separates blocks by exactly one blank line.
    fn blank(out: &mut Vec<String>) {
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
    }

    /// Wraps at [`PANDOC_WRAP_WIDTH`] when the document is wrapped.
    fn fill(body: &str, style: &Style, first: &str, cont: &str) -> Vec<String> {
        if style.wrap {
            wrap(body, PANDOC_WRAP_WIDTH, first, cont, None)
        } else {
            vec![format!("{first}{body}")]
        }
    }

    /// Backslash escapes as pandoc writes them: `\$` always, `\(` `\)` and
    /// `\'` when the document does; never inside e-mails, URLs or numbers'
    /// tokens that must stay byte for byte.
    fn escape(s: &str, style: &Style) -> String {
        map_tokens(s, |_, tok| {
            if tok.contains('@') || tok.contains("://") || tok.contains("www.") {
                return tok.to_string();
            }
            let mut out = String::with_capacity(tok.len() + 2);
            for c in tok.chars() {
                let esc = match c {
                    '$' | '[' | ']' => true,
                    '(' | ')' => style.escape_parens,
                    '\'' => style.escape_apos,
                    _ => false,
                };
                if esc {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
    }

    /// A run of plain words in `s` that could become a link: token indices.
    fn link_span(s: &str) -> Option<Vec<(usize, usize)>> {
        let tokens: Vec<&str> = s.split(' ').collect();
        let mut spans = Vec::new();
        for start in 0..tokens.len() {
            let run = tokens[start..].iter().take_while(|t| is_alpha_word(t)).count();
            if run >= PANDOC_LINK_MIN_WORDS {
                spans.push((start, run.min(PANDOC_LINK_MAX_WORDS)));
            }
        }
        (!spans.is_empty()).then_some(spans)
    }

    /// Wraps a few plain words of `s` in `[...](#)`, as pandoc prints an
    /// internal cross-reference.
    fn add_link(s: &str, rng: &mut Rng) -> String {
        let Some(spans) = link_span(s) else { return s.to_string() };
        let (start, max_len) = *rng.pick(&spans);
        let len = rng.range(PANDOC_LINK_MIN_WORDS, max_len);
        let mut tokens: Vec<String> = s.split(' ').map(str::to_string).collect();
        tokens[start].insert(0, '[');
        tokens[start + len - 1].push_str("](#)");
        tokens.join(" ")
    }

    /// A label line with every label in bold (`**Title:** value`) and, when
    /// it has a single label whose value may be touched, maybe an italic value.
    fn label_line(line: &str, style: &Style, rng: &mut Rng) -> Vec<String> {
        let escaped = escape(line, style);
        let found = find_labels(&escaped, None);
        let mut out = String::new();
        let mut at = 0;
        for m in &found {
            out.push_str(&escaped[at..m.start]);
            out.push_str("**");
            out.push_str(&escaped[m.start..m.end]);
            out.push_str("**");
            at = m.end;
        }
        let rest = escaped[at..].trim();
        if !rest.is_empty() {
            out.push(' ');
            let italic = found.len() == 1
                && !found[0].def.keep_value
                && !rest.contains('@')
                && rng.chance(PANDOC_ITALIC_VALUE_PROB);
            if italic {
                out.push_str(&format!("*{rest}*"));
            } else {
                out.push_str(rest);
            }
        }
        fill(&out, style, "", "")
    }

    /// The GENERAL INFORMATION block as a pipe table of `| **Label:** |
    /// value |` rows with a `|---|---|` separator.
    fn pipe_table(block: &[String], style: &Style, rng: &mut Rng) -> Vec<String> {
        let Some((prefix, pairs)) = general_pairs(block) else {
            return block.iter().map(|l| escape(l.trim(), style)).collect();
        };
        let mut out = Vec::new();
        if !prefix.is_empty() {
            out.push(escape(&prefix, style));
            out.push(String::new());
        }
        let rows: Vec<String> = pairs
            .iter()
            .map(|(label, value)| {
                let mut v = escape(value, style).replace('|', "\\|");
                if !v.is_empty() && !keeps_value(label) && !v.contains('@') && rng.chance(PANDOC_ITALIC_VALUE_PROB) {
                    v = format!("*{v}*");
                }
                format!("| **{label}** | {v} |")
            })
            .collect();
        if style.empty_table_header {
            out.push("|   |   |".to_string());
            out.push("|---|---|".to_string());
            out.extend(rows);
        } else {
            out.push(rows[0].clone());
            out.push("|---|---|".to_string());
            out.extend(rows[1..].iter().cloned());
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Copy-paste

mod copypaste {
    use super::*;

    /// The choices made once per document.
    struct Style {
        ligatures: bool,
        tab_after_label: bool,
        tab_after_bullet: bool,
    }

    /// Structure picked on the clean lines, then character damage line by
    /// line, then the two merges, then CRLF.
    pub(super) fn degrade(text: &str, rng: &mut Rng) -> String {
        let doc = split_lines(text);
        let lines = doc.lines;
        let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
        let style = Style {
            ligatures: rng.chance(COPY_LIGATURE_DOC_PROB),
            tab_after_label: rng.chance(COPY_TAB_LABEL_PROB),
            tab_after_bullet: rng.chance(COPY_TAB_BULLET_PROB),
        };
        let field_merge = pick_field_merge(&lines, &kinds, rng);
        let heading_merge = pick_heading_merge(&lines, &kinds, rng);

        let mut damaged: Vec<String> =
            lines.iter().zip(&kinds).map(|(line, kind)| damage_line(line, *kind, &style, rng)).collect();

        // Merges: `(into, from)`; lines strictly between are blanks or rules
        // and go.
        let mut drop = vec![false; damaged.len()];
        // A merged heading comes as the reader saw it: without `#`/`**`.
        if let Some((_, h)) = heading_merge {
            damaged[h] = strip_markdown_line(&damaged[h]);
        }
        for (into, from) in [field_merge, heading_merge].into_iter().flatten() {
            let tail = damaged[from].trim_start_matches(is_space).to_string();
            let head = damaged[into].trim_end_matches(is_space).to_string();
            damaged[into] = format!("{head} {tail}");
            drop[into + 1..=from].iter_mut().for_each(|d| *d = true);
        }
        let kept: Vec<String> = damaged.into_iter().zip(drop).filter_map(|(l, d)| (!d).then_some(l)).collect();
        join_lines(&kept, true, doc.trailing_newline)
    }

    /// Index of the next non-blank line after `i`, when only blanks lie
    /// between.
    fn next_nonblank(kinds: &[Kind], i: usize) -> Option<usize> {
        (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank)
    }

    /// Two general-information fields, each on its own line, to run together:
    /// the pasted table lost its row break.
    fn pick_field_merge(lines: &[String], kinds: &[Kind], rng: &mut Rng) -> Option<(usize, usize)> {
        let general = |i: usize| {
            kinds[i] == Kind::Label(Group::General) && find_labels(&lines[i], Some(Group::General)).len() == 1
        };
        let candidates: Vec<(usize, usize)> = (0..lines.len())
            .filter(|&i| general(i))
            .filter_map(|i| next_nonblank(kinds, i).filter(|&j| general(j)).map(|j| (i, j)))
            .collect();
        (!candidates.is_empty()).then(|| *rng.pick(&candidates))
    }

    /// A heading to run onto the end of the previous line of text (past
    /// blanks and rules, which go), when that line is prose or a list item of
    /// a few words and carries no scalar value (not in the header, the
    /// general-information block or the supervisor's lines).
    fn pick_heading_merge(lines: &[String], kinds: &[Kind], rng: &mut Rng) -> Option<(usize, usize)> {
        let protected = protected_lines(lines, kinds);
        let candidates: Vec<(usize, usize)> = (0..lines.len())
            .filter(|&h| kinds[h] == Kind::Heading)
            .filter_map(|h| {
                let prev = (0..h).rev().find(|&p| !matches!(kinds[p], Kind::Blank | Kind::Rule))?;
                let ok = matches!(kinds[prev], Kind::Prose | Kind::Bullet)
                    && !protected[prev]
                    && lines[prev].split_whitespace().count() >= COPY_MERGE_MIN_WORDS;
                ok.then_some((prev, h))
            })
            .collect();
        (!candidates.is_empty()).then(|| *rng.pick(&candidates))
    }

    /// The character damage of one line: tabs after labels and bullets,
    /// curly quotes, soft hyphens, zero-width spaces and ligatures inside
    /// words of the text (never in a label, a heading, or a kept value),
    /// NBSP for some spaces, sometimes a trailing space.
    fn damage_line(line: &str, kind: Kind, style: &Style, rng: &mut Rng) -> String {
        let (head, body, words_ok) = match kind {
            Kind::Label(_) => {
                let m = label_at_start(line).expect("classified as label");
                let mut head = line[..m.end].to_string();
                let sep = &line[m.end..m.value];
                if style.tab_after_label && !sep.is_empty() && sep.chars().all(is_space) {
                    head.push('\t');
                } else {
                    head.push_str(sep);
                }
                (head, &line[m.value..], !m.def.keep_value)
            }
            Kind::Bullet => {
                let b = bullet_marker(line).expect("classified as bullet");
                let mut head = line[..b.end].to_string();
                if style.tab_after_bullet && b.content > b.end {
                    head.push('\t');
                } else {
                    head.push_str(&line[b.end..b.content]);
                }
                (head, &line[b.content..], true)
            }
            Kind::Heading | Kind::Furniture | Kind::Rule | Kind::Blank => (String::new(), line, false),
            Kind::Prose => (String::new(), line, true),
        };
        let body = map_tokens(body, |_, tok| {
            if is_sensitive(tok) {
                return tok.to_string();
            }
            let tok = curly_quotes(tok);
            if words_ok {
                damage_word(&tok, style, rng)
            } else {
                tok
            }
        });
        let mut out = nbsp(&head, rng);
        out.push_str(&nbsp(&body, rng));
        if !out.trim().is_empty() && rng.chance(COPY_TRAILING_SPACE_PROB) {
            out.push(' ');
        }
        out
    }

    /// Some spaces between words become NBSP (never leading indentation).
    fn nbsp(s: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(s.len());
        let mut seen_text = false;
        for c in s.chars() {
            if c == ' ' && seen_text && rng.chance(COPY_NBSP_PROB) {
                out.push('\u{a0}');
            } else {
                out.push(c);
            }
            seen_text |= !c.is_whitespace();
        }
        out
    }

    /// Straight quotes turned typographic: `"` opening at the start of a
    /// token, closing elsewhere; `'` an apostrophe after a letter.
    fn curly_quotes(tok: &str) -> String {
        let mut out = String::with_capacity(tok.len() + 4);
        let mut prev: Option<char> = None;
        for c in tok.chars() {
            let opening = match prev {
                None => true,
                Some(p) => matches!(p, '(' | '[' | '\u{201c}' | '\u{2018}'),
            };
            out.push(match (c, opening) {
                ('"', true) => '\u{201c}',
                ('"', false) => '\u{201d}',
                ('\'', true) => '\u{2018}',
                ('\'', false) => '\u{2019}',
                _ => c,
            });
            prev = Some(c);
        }
        out
    }

    /// Invisible characters and ligatures inside the word of a token.
    fn damage_word(tok: &str, style: &Style, rng: &mut Rng) -> String {
        let (lead, core, trail) = word_parts(tok);
        if !is_alpha_word(core) {
            return tok.to_string();
        }
        let mut word = core.to_string();
        if core.len() >= COPY_SHY_MIN_WORD && rng.chance(COPY_SHY_PROB) {
            let points = syllable_points(core);
            if !points.is_empty() {
                word.insert(*rng.pick(&points), '\u{ad}');
            }
        } else if core.len() >= COPY_ZWSP_MIN_WORD && rng.chance(COPY_ZWSP_PROB) {
            word.insert(rng.range(1, core.len() - 1), '\u{200b}');
        }
        if style.ligatures {
            word = ligatures(&word, rng);
        }
        format!("{lead}{word}{trail}")
    }

    /// ff, fi, fl, ffi, ffl replaced by their ligature characters, longest
    /// first, each with probability [`COPY_LIGATURE_PROB`].
    fn ligatures(word: &str, rng: &mut Rng) -> String {
        const ORDER: [(&str, char); 5] =
            [("ffi", '\u{fb03}'), ("ffl", '\u{fb04}'), ("ff", '\u{fb00}'), ("fi", '\u{fb01}'), ("fl", '\u{fb02}')];
        let mut out = String::with_capacity(word.len());
        let mut rest = word;
        'scan: while !rest.is_empty() {
            for (seq, lig) in ORDER {
                if rest.starts_with(seq) && rng.chance(COPY_LIGATURE_PROB) {
                    out.push(lig);
                    rest = &rest[seq.len()..];
                    continue 'scan;
                }
            }
            let c = rest.chars().next().expect("non-empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
}

// ---------------------------------------------------------------------------
// OCR

mod ocr {
    use super::*;

    /// All choices are made on the input's structure first (which headings
    /// get an l/I/1 confusion, which heading is split over two lines, which
    /// [`OCR_RNM_SWAPS`] prose words get an rn/m confusion, which prose line
    /// is printed twice), then applied in one pass, with doubled spaces
    /// sprinkled over every line but headings. The header, the general
    /// block, the supervisor's lines and labels keep their words intact.
    pub(super) fn degrade(text: &str, rng: &mut Rng) -> String {
        let doc = split_lines(text);
        let lines = doc.lines;
        let kinds: Vec<Kind> = lines.iter().map(|l| classify(l)).collect();
        let protected = protected_lines(&lines, &kinds);

        let headings: Vec<usize> = (0..lines.len()).filter(|&i| kinds[i] == Kind::Heading).collect();
        let confusable: Vec<usize> = headings.iter().copied().filter(|&i| lines[i].contains('I')).collect();
        let mut confused: Vec<usize> =
            confusable.iter().copied().filter(|_| rng.chance(OCR_HEADING_CONFUSION_PROB)).collect();
        if confused.is_empty() && !confusable.is_empty() {
            confused.push(*rng.pick(&confusable));
        }
        let splittable: Vec<usize> =
            headings.iter().copied().filter(|&i| !split_points(&lines[i]).is_empty()).collect();
        let split = (!splittable.is_empty()).then(|| *rng.pick(&splittable));

        // One confusion per paragraph or list item, and only in long ones.
        let rnm_units: Vec<Vec<(usize, usize)>> = text_units(&lines, &kinds)
            .into_iter()
            .filter(|u| u.lines.iter().all(|&i| !protected[i]) && u.words >= u.min_words())
            .map(|u| {
                let mut found = Vec::new();
                for &i in &u.lines {
                    map_tokens(&lines[i], |t, tok| {
                        if rnm_eligible(tok) {
                            found.push((i, t));
                        }
                        String::new()
                    });
                }
                found
            })
            .filter(|found| !found.is_empty())
            .collect();
        let units: Vec<usize> = (0..rnm_units.len()).collect();
        let rnm: Vec<(usize, usize)> =
            rng.sample(&units, OCR_RNM_SWAPS).into_iter().map(|u| *rng.pick(&rnm_units[u])).collect();
        let dup_candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| kinds[i] == Kind::Prose && !protected[i] && columns(lines[i].trim()) >= OCR_DUP_MIN_CHARS)
            .collect();
        let dup = (!dup_candidates.is_empty()).then(|| *rng.pick(&dup_candidates));

        let mut out = Vec::with_capacity(lines.len() + 2);
        for (i, line) in lines.iter().enumerate() {
            let mut l = line.clone();
            if confused.contains(&i) {
                l = confuse_heading(&l, rng);
            }
            if rnm.iter().any(|(li, _)| *li == i) {
                l = map_tokens(&l, |t, tok| if rnm.contains(&(i, t)) { swap_rn_m(tok, rng) } else { tok.to_string() });
            }
            if kinds[i] != Kind::Heading {
                l = double_spaces(&l, rng);
            }
            match split.filter(|&s| s == i) {
                Some(_) => {
                    let points = split_points(&l);
                    let p = *rng.pick(&points);
                    out.push(l[..p].to_string());
                    out.push(l[p + 1..].to_string());
                }
                None => out.push(l.clone()),
            }
            if dup == Some(i) {
                out.push(l);
            }
        }
        join_lines(&out, doc.crlf, doc.trailing_newline)
    }

    /// A paragraph or a list item: its lines and how many words it has.
    struct Unit {
        lines: Vec<usize>,
        words: usize,
        item: bool,
    }

    impl Unit {
        /// Fewest words the unit needs for one wrong word to keep it right
        /// for the scorer.
        fn min_words(&self) -> usize {
            if self.item {
                OCR_RNM_MIN_ITEM_WORDS
            } else {
                OCR_RNM_MIN_PARAGRAPH_WORDS
            }
        }
    }

    /// The paragraphs and list items of the text: a unit starts at a list
    /// marker or after a line that is not prose, and runs over the prose
    /// lines that follow (a wrapped paragraph or item).
    fn text_units(lines: &[String], kinds: &[Kind]) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut open = false;
        for (i, kind) in kinds.iter().enumerate() {
            let words = lines[i].split_whitespace().count();
            match kind {
                Kind::Bullet => {
                    units.push(Unit { lines: vec![i], words, item: true });
                    open = true;
                }
                Kind::Prose if open => {
                    let u = units.last_mut().expect("open unit");
                    u.lines.push(i);
                    u.words += words;
                }
                Kind::Prose => {
                    units.push(Unit { lines: vec![i], words, item: false });
                    open = true;
                }
                _ => open = false,
            }
        }
        units
    }

    /// Byte offsets of the spaces between a heading's words (not in its
    /// leading markup), where it may be split over two lines.
    fn split_points(line: &str) -> Vec<usize> {
        let lead = line.len() - line.trim_start_matches(|c: char| c == '#' || c == '*' || c.is_whitespace()).len();
        let body_end = line.trim_end().len();
        line.char_indices()
            .filter(|&(p, c)| c == ' ' && p > lead && p < body_end && !line[..p].ends_with(' '))
            .map(|(p, _)| p)
            .collect()
    }

    /// One `I` of a heading read as `l` (or `1`): "QUALIFICATlONS".
    fn confuse_heading(line: &str, rng: &mut Rng) -> String {
        let positions: Vec<usize> = line.match_indices('I').map(|(p, _)| p).collect();
        let p = *rng.pick(&positions);
        let with = if rng.chance(OCR_ONE_FOR_I_PROB) { "1" } else { "l" };
        format!("{}{with}{}", &line[..p], &line[p + 1..])
    }

    /// A lowercase word of prose where "m" may read as "rn" or back.
    fn rnm_eligible(tok: &str) -> bool {
        let (_, core, _) = word_parts(tok);
        !is_sensitive(tok)
            && is_lower_word(core)
            && core.len() >= OCR_RNM_MIN_LETTERS
            && (core.contains('m') || core.contains("rn"))
    }

    /// "government" -> "govemment", "information" -> "inforrnation".
    fn swap_rn_m(tok: &str, rng: &mut Rng) -> String {
        let (lead, core, trail) = word_parts(tok);
        let rn: Vec<usize> = core.match_indices("rn").map(|(p, _)| p).collect();
        let m: Vec<usize> = core.match_indices('m').map(|(p, _)| p).collect();
        let word = if !rn.is_empty() && (m.is_empty() || rng.chance(OCR_RN_TO_M_PROB)) {
            let p = *rng.pick(&rn);
            format!("{}m{}", &core[..p], &core[p + 2..])
        } else {
            let p = *rng.pick(&m);
            format!("{}rn{}", &core[..p], &core[p + 1..])
        };
        format!("{lead}{word}{trail}")
    }

    /// Some single spaces between words doubled.
    fn double_spaces(line: &str, rng: &mut Rng) -> String {
        let mut out = String::with_capacity(line.len() + 4);
        let mut seen_text = false;
        for c in line.chars() {
            out.push(c);
            if c == ' ' && seen_text && rng.chance(OCR_DOUBLE_SPACE_PROB) {
                out.push(' ');
            }
            seen_text |= !c.is_whitespace();
        }
        out
    }
}

// ---------------------------------------------------------------------------
// Tests

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Where the project's real sample inputs live when this file is built
    /// without cargo (`rustc --test`); under cargo they are found next to
    /// the crate, in `../shared/seeds`.
    const SEEDS_DIR: &str = "/work/shared/seeds";
    /// Directory, under the system's temporary directory, that receives the
    /// sample outputs for reading by eye.
    const SAMPLES_DIR: &str = "degrade-samples";
    /// Share of the input's words a reader must find in any variant: the
    /// scorer's word-level F1 threshold for prose.
    const READER_RECALL_MIN: f64 = 0.97;
    /// Seeds the tests run every variant with.
    const TEST_SEEDS: [u64; 3] = [0, 1, 42];

    /// A compact document with every structure the generator knows.
    const SAMPLE: &str = "International\nLabour\nOffice\n\n2024\n\nPost number: 2431\nMonth of issue: October\n\n\
Note for supervisors: Please complete the form and submit it to jpo@ilo.org.\n\n\
GENERAL INFORMATION:\n\nTitle: Junior Professional Officer in *Care Policies and the Care Economy*\n\n\
Duty station: Geneva, Switzerland\n\nDuration of the assignment: 12 months, renewable\n\nGrade: P2\n\n\
Department/ Field Office: Conditions of Work and Equality Department\n(WORKQUALITY)\n\n\
Organisational unit: Gender, Equality, Diversity and Inclusion (GEDI) Branch\n\nSUPERVISION\n\n\
Direct Supervision by:\n\nLaura Addati Maternity Protection and Work-Family Specialist, addati@ilo.org.\n\n\
Content and methodology of supervision:\n\n\
A time-bound work plan will be agreed between the JPO and the supervisor on GEDI's work on care policies to support the implementation of the ILO Plan of Action on the follow-up to the Resolution concerning decent work and the care economy.\n\n\
INTRODUCTION\n\n\
The position is located in the Gender, Equality, Diversity and Inclusion (GEDI) Branch within the Conditions of Work and Equality Department (WORKQUALITY). GEDI is responsible for promoting gender equality and respect for diversity in the world of work, and managing the ILO's programme on HIV and AIDS, with \"effective\" and efficient information management.\n\n\
DUTIES AND RESPONSIBILITIES\n\n\
Under the direct supervision of the supervisor, the JPO will perform the following duties and responsibilities:\n\n\
- Undertake quantitative and qualitative research on care policies and gender equality at work, with a particular focus on maternity, paternity and parental protection, work-family policies and the care economy.\n\
- Update, maintain and expand the ILO Care Policy Portal and Investment Simulator.\n\n\
QUALIFICATIONS AND EXPERIENCE\n\nEducation:\n\nMinimum:\n\nFirst level university degree in economics or public policy studies or a related field.\n\n\
ILO competencies:\n\n1. Good communication skills, both written and verbal.\n2. Capacity to work on own initiative as well as cooperate as a team member.\n\n\
TRAINING COMPONENTS AND LEARNING ELEMENTS\n\nTraining components:\n\n\
Through guidance of the supervisor and senior colleagues, the JPO will be trained on care economy, gender equality and diversity issues from a multidisciplinary and intersectional perspective.\n\n\
BACKGROUND INFORMATION\n\n\
Paid and unpaid care work is essential to all other work. A well-functioning and robust care economy contributes to a healthier present and future workforce, creates jobs, supports businesses, enhances productivity and promotes gender equality.\n";

    /// The sample plus every seed document found on disk: `(name, text)`.
    fn corpus() -> Vec<(String, String)> {
        let mut docs = vec![("sample".to_string(), SAMPLE.to_string())];
        let seeds = match option_env!("CARGO_MANIFEST_DIR") {
            Some(root) => Path::new(root).join("../shared/seeds"),
            None => Path::new(SEEDS_DIR).to_path_buf(),
        };
        if let Ok(entries) = std::fs::read_dir(seeds) {
            let mut paths: Vec<_> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let name = p.file_stem().unwrap().to_string_lossy().into_owned();
                docs.push((name, std::fs::read_to_string(&p).unwrap()));
            }
        }
        docs
    }

    /// What a careful reader does to damaged text before reading it: drops
    /// invisible characters, page furniture and markup, expands ligatures,
    /// rejoins hyphenated words, folds quotes, collapses whitespace. Returns
    /// the lowercase words.
    fn reader_words(text: &str) -> Vec<String> {
        let mut joined = String::new();
        for raw in text.split('\n') {
            let line: String = raw
                .chars()
                .filter(|c| !INVISIBLE.contains(c) && *c != '\r' && *c != FORM_FEED)
                .map(|c| LIGATURES.iter().find(|(l, _)| *l == c).map_or(c.to_string(), |(_, e)| e.to_string()))
                .collect();
            if is_furniture(line.trim()) {
                continue;
            }
            let line = strip_markdown_line(&line);
            if joined.ends_with('-') && joined[..joined.len() - 1].ends_with(|c: char| c.is_ascii_lowercase()) {
                joined.pop();
                joined.push_str(line.trim_start());
            } else {
                joined.push(' ');
                joined.push_str(&line);
            }
        }
        joined.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    }

    /// Share of the input's words (as a multiset) that the reader finds in
    /// the output.
    fn recall(input: &str, output: &str) -> f64 {
        let mut have = std::collections::BTreeMap::<String, usize>::new();
        for w in reader_words(output) {
            *have.entry(w).or_default() += 1;
        }
        let want = reader_words(input);
        let mut found = 0;
        for w in &want {
            if let Some(n) = have.get_mut(w).filter(|n| **n > 0) {
                *n -= 1;
                found += 1;
            }
        }
        found as f64 / want.len().max(1) as f64
    }

    /// Text with invisible characters gone, NBSP/tabs as spaces, ligatures
    /// expanded, emphasis removed and whitespace collapsed.
    fn plain(text: &str) -> String {
        let s: String = text
            .chars()
            .filter(|c| !INVISIBLE.contains(c) && *c != '*')
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        s.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn same_input_same_output() {
        for (_, text) in corpus() {
            for v in Variant::ALL {
                for seed in TEST_SEEDS {
                    assert_eq!(degrade(&text, v, seed), degrade(&text, v, seed), "{v:?} {seed}");
                }
            }
        }
    }

    #[test]
    fn seeds_and_variants_differ() {
        let a = degrade(SAMPLE, Variant::Pdf, 1);
        let b = degrade(SAMPLE, Variant::Pdf, 2);
        assert_ne!(a, b);
        let outputs: Vec<String> = Variant::ALL.iter().map(|v| degrade(SAMPLE, *v, 7)).collect();
        for i in 0..outputs.len() {
            for j in i + 1..outputs.len() {
                assert_ne!(outputs[i], outputs[j], "{:?} vs {:?}", Variant::ALL[i], Variant::ALL[j]);
            }
        }
    }

    #[test]
    fn every_variant_changes_the_input() {
        for (name, text) in corpus() {
            for v in Variant::ALL {
                for seed in TEST_SEEDS {
                    assert_ne!(degrade(&text, v, seed), text, "{name} {v:?} {seed}");
                }
            }
        }
    }

    #[test]
    fn pdf_lines_fit_except_unbreakable_tokens() {
        for (name, text) in corpus() {
            for seed in TEST_SEEDS {
                for line in degrade(&text, Variant::Pdf, seed).lines() {
                    if columns(line) <= PDF_WRAP_MAX {
                        continue;
                    }
                    let body = match bullet_marker(line) {
                        Some(b) => &line[b.content..],
                        None => line,
                    };
                    assert!(!body.trim().contains(is_space), "{name} seed {seed}: {} columns: {line:?}", columns(line));
                }
            }
        }
    }

    #[test]
    fn pdf_has_pages_bullets_and_flattened_table() {
        let out = degrade(SAMPLE, Variant::Pdf, 3);
        assert!(out.contains("Page 1 of "), "{out}");
        assert!(out.ends_with(&format!("{FORM_FEED}\n")));
        assert!(!out.contains("- Undertake"));
        assert!(PDF_BULLETS
            .iter()
            .any(|b| out.contains(&format!("{b} Undertake")) || out.contains(&format!("{b}\tUndertake"))));
        assert!(out.lines().any(|l| l.trim() == "Title:" || l.trim_end().ends_with("Duty station:")), "{out}");
        assert!(!out.contains('*'));
    }

    #[test]
    fn pdf_running_header_carries_post_number_and_spares_the_table() {
        for (name, text) in corpus() {
            for seed in TEST_SEEDS {
                let out = degrade(&text, Variant::Pdf, seed);
                let lines: Vec<String> = out.lines().map(str::to_string).collect();
                if let Some(post) = post_number(&lines) {
                    for l in lines.iter().filter(|l| l.starts_with(FORM_FEED) && l.len() > 1) {
                        assert!(l.ends_with(&post), "{name}: {l:?}");
                    }
                }
                if let Some((s, e)) = general_block(&lines) {
                    // Within the table, no furniture until its last label's value.
                    let last_label =
                        (s..e).rev().find(|&i| !find_labels(&lines[i], Some(Group::General)).is_empty()).unwrap();
                    assert!(lines[s..last_label].iter().all(|l| !is_furniture(l.trim())), "{name} seed {seed}");
                }
            }
        }
    }

    #[test]
    fn pdf_hyphenates_only_long_words_at_line_ends() {
        let mut seen = 0;
        for (name, text) in corpus() {
            for seed in TEST_SEEDS {
                let out = degrade(&text, Variant::Pdf, seed);
                let lines: Vec<&str> = out.lines().collect();
                for (i, l) in lines.iter().enumerate() {
                    let Some(head) = l.strip_suffix('-') else { continue };
                    let Some(last) = head
                        .split(' ')
                        .next_back()
                        .filter(|w| w.chars().last().is_some_and(|c| c.is_ascii_lowercase()))
                    else {
                        continue;
                    };
                    // The word goes on at the next line of text, past any page break.
                    let Some(next) = lines[i + 1..]
                        .iter()
                        .map(|l| l.trim_start_matches(|c: char| c.is_whitespace()))
                        .find(|l| !l.is_empty() && !is_furniture(l))
                        .and_then(|l| l.split(' ').next())
                    else {
                        continue;
                    };
                    let word = format!("{last}{next}");
                    let (_, core, _) = word_parts(&word);
                    if text.contains(&format!("{last}-")) {
                        continue; // a real hyphen of the input
                    }
                    assert!(core.len() >= HYPHEN_MIN_WORD, "{name}: {word}");
                    assert!(text.contains(core), "{name}: {core} not in input");
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "no hyphenation at all");
    }

    #[test]
    fn pandoc_markup() {
        let out = degrade(SAMPLE, Variant::Pandoc, 5);
        assert!(out.contains("## ") && out.contains("INTRODUCTION"));
        assert!(out.contains("| **Title:** |"), "{out}");
        assert!(out.contains("|---|---|"));
        assert!(out.contains("**Direct Supervision by:**"));
        assert!(out.contains("](#)"), "{out}");
        assert!(out.lines().any(|l| l == "---" || l == "-".repeat(PANDOC_LONG_RULE_WIDTH)));
        // Escapes show up across seeds.
        let all: String = TEST_SEEDS.iter().map(|s| degrade(SAMPLE, Variant::Pandoc, *s)).collect();
        assert!(all.contains("\\(") && all.contains("\\'"));
    }

    #[test]
    fn copypaste_damage() {
        let outs: Vec<String> = TEST_SEEDS.iter().map(|s| degrade(SAMPLE, Variant::CopyPaste, *s)).collect();
        for out in &outs {
            assert!(out.contains("\r\n") && !out.replace("\r\n", "").contains('\n'));
            assert!(out.contains('\u{201c}'));
            // a heading follows text on the same line
            assert!(
                out.lines().any(|l| {
                    let t = plain(l);
                    HEADINGS.iter().any(|h| t.contains(h)) && !is_heading(&t)
                }),
                "{out}"
            );
            // two general fields on one line
            assert!(out.lines().any(|l| find_labels(l, Some(Group::General)).len() == 2), "{out}");
        }
        let all = outs.concat();
        for c in ['\u{a0}', '\u{ad}', '\t'] {
            assert!(all.contains(c), "no {c:?}");
        }
        assert!(LIGATURES.iter().any(|(l, _)| all.contains(*l)));
    }

    #[test]
    fn ocr_damage() {
        for seed in TEST_SEEDS {
            let out = degrade(SAMPLE, Variant::Ocr, seed);
            assert!(
                out.lines().any(|l| l.contains("lNFORMATION")
                    || l.contains("1NFORMATION")
                    || l.contains("QUALIFICATlONS")
                    || l.contains("SUPERVlSION")
                    || l.contains('1') && l.chars().filter(|c| c.is_uppercase()).count() > 6
                    || l.contains("lON")
                    || l.contains("1ON")
                    || l.contains("lN")
                    || l.contains("Il")
                    || l.contains("lT")),
                "seed {seed}: {out}"
            );
            assert!(out.contains("  "));
            let lines: Vec<&str> = out.lines().collect();
            assert!(lines.windows(2).any(|w| w[0] == w[1] && !w[0].trim().is_empty()), "no duplicated line");
            assert!(lines.len() > SAMPLE.lines().count() + 1);
        }
    }

    #[test]
    fn values_survive() {
        for (name, text) in corpus() {
            let lines: Vec<String> = text.lines().map(str::to_string).collect();
            let post = post_number(&lines);
            let emails: Vec<String> = text
                .split(|c: char| c.is_whitespace() || "()[]<>,;*:".contains(c))
                .filter(|t| t.contains('@'))
                .map(|t| t.trim_end_matches('.').to_string())
                .collect();
            for v in Variant::ALL {
                for seed in TEST_SEEDS {
                    let out = degrade(&text, v, seed);
                    let flat = plain(&out);
                    if let Some(p) = &post {
                        assert!(flat.contains(&format!("Post number: {p}")), "{name} {v:?} {seed}");
                    }
                    for e in &emails {
                        assert!(out.contains(e.as_str()), "{name} {v:?} {seed}: {e}");
                    }
                    assert!(flat.contains("P2") || !text.contains("P2"));
                }
            }
        }
    }

    #[test]
    fn a_reader_recovers_the_words() {
        for (name, text) in corpus() {
            for v in Variant::ALL {
                for seed in TEST_SEEDS {
                    let r = recall(&text, &degrade(&text, v, seed));
                    assert!(r >= READER_RECALL_MIN, "{name} {v:?} seed {seed}: recall {r:.3}");
                }
            }
        }
    }

    /// Pieces odd inputs are built from: structure, markup, non-ASCII.
    const ODD_PIECES: [&str; 24] = [
        "GENERAL INFORMATION:",
        "Title:",
        "Duty station:",
        "Grade: P2",
        "Post number: 12",
        "SUPERVISION",
        "QUALIFICATIONS AND EXPERIENCE",
        "- ",
        "o ",
        "1. ",
        "(a) ",
        "**",
        "*",
        "[x](#)",
        "|",
        "---",
        "\u{f0b7}",
        "é",
        "ﬁ",
        "\u{ad}",
        "\u{a0}",
        "\t",
        "\r\n",
        "\n",
    ];

    #[test]
    fn odd_inputs_never_panic() {
        let mut rng = Rng::new(99, 0);
        let mut inputs = vec![String::new(), "\n".into(), "x".into(), "INTRODUCTION".into()];
        for _ in 0..200 {
            let n = rng.range(1, 60);
            let mut t = String::new();
            for _ in 0..n {
                t.push_str(ODD_PIECES[rng.below(ODD_PIECES.len())]);
                if rng.chance(0.5) {
                    let filler = [" ", "word ", "information management ", "Geneva "];
                    t.push_str(filler[rng.below(filler.len())]);
                }
            }
            inputs.push(t);
        }
        for t in &inputs {
            for v in Variant::ALL {
                assert_eq!(degrade(t, v, 1), degrade(t, v, 1));
            }
        }
    }

    #[test]
    fn structure_helpers() {
        assert!(is_heading("## **QUALIFICATIONS AND EXPERIENCE**"));
        assert!(is_heading("GENERAL\u{a0}INFORMATION:"));
        assert!(is_heading("DUTIES AND RESPONSABILITIES"));
        assert!(!is_heading("VACANCY PROPOSAL FOR JUNIOR PROFESSIONAL OFFICERS (JPO)"));
        assert!(!is_heading("QUALIFICATlONS AND EXPERIENCE"));
        let m = label_at_start("**Duty station:** *Geneva*").unwrap();
        assert_eq!(m.def.text, "Duty station:");
        assert_eq!(&"**Duty station:** *Geneva*"[m.value..], "Geneva*");
        assert_eq!(label_at_start("Duration of the assignment: 12").unwrap().def.text, "Duration of the assignment:");
        assert_eq!(find_labels("Title: X Duty station: Y Grade: P2", Some(Group::General)).len(), 3);
        assert!(label_at_start("Duty\u{a0}sta\u{ad}tion:\tGeneva").is_some());
        assert!(bullet_marker("- item").is_some());
        assert!(bullet_marker(" - item").is_some());
        assert!(bullet_marker("-").is_some());
        assert!(bullet_marker("1. item").unwrap().ordered);
        assert!(bullet_marker("(a) item").unwrap().ordered);
        assert!(bullet_marker("\u{f0b7}\titem").is_some());
        assert!(bullet_marker("o Become familiar").is_some());
        assert!(bullet_marker("5.2 of the ILO").is_none());
        assert!(bullet_marker("**Title:**").is_none());
        assert!(is_rule("---") && !is_rule("-"));
        assert!(is_furniture("Page 2 of 5"));
        assert_eq!(strip_markdown_line("### **GENERAL INFORMATION:**"), "GENERAL INFORMATION:");
        assert_eq!(
            strip_markdown_line("- [ILO \\(Minimum\\) Convention](#), 1952"),
            "- ILO (Minimum) Convention, 1952"
        );
        assert_eq!(strip_markdown_line("to [jpo@ilo.org](mailto:jpo@ilo.org)."), "to jpo@ilo.org.");
        assert_eq!(strip_markdown_line("to <u>jpo@ilo.org</u>"), "to jpo@ilo.org");
        assert_eq!(strip_markdown_line("| **Grade:** | *P2* |"), "Grade: P2");
        assert!(syllable_points("responsibilities").contains(&8)); // responsi-bilities
        assert!(!syllable_points("supervisor").contains(&4)); // not supe-rvisor
        assert_eq!(wrap("aaa bbb ccc", 7, "", "", None), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("x", 10, "- ", "  ", None), vec!["- x"]);
        assert_eq!(wrap("", 10, "- ", "  ", None), vec!["-"]);
    }

    /// Writes every variant of every seed document to [`SAMPLES_DIR`] for
    /// reading by eye.
    #[test]
    fn write_samples() {
        for (name, text) in corpus() {
            for v in Variant::ALL {
                let dir = std::env::temp_dir().join(SAMPLES_DIR).join(v.name());
                std::fs::create_dir_all(&dir).unwrap();
                for seed in [0u64, 1] {
                    std::fs::write(dir.join(format!("{name}-s{seed}.txt")), degrade(&text, v, seed)).unwrap();
                }
            }
        }
    }
}
