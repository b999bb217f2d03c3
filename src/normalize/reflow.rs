//! Reflow: wrapped lines re-joined into paragraphs, line-end hyphenation
//! undone where the document itself gives evidence.

use std::collections::HashSet;

use crate::text::{ends_clause, starts_lowercase};

/// The widest hard wrap seen in extracted text (PDF extractors and e-mail
/// wrap at 70 to 90 columns); a document whose long lines are mostly
/// narrower than this is taken as hard-wrapped.
pub(crate) const MAX_WRAP_COLUMNS: usize = 100;

/// Lines shorter than this say nothing about wrapping (headings, labels,
/// the last line of a paragraph).
const MIN_WRAP_EVIDENCE_CHARS: usize = 40;

/// Share of the long lines that must be within [`MAX_WRAP_COLUMNS`] for
/// the text to count as hard-wrapped.
const WRAPPED_SHARE: f32 = 0.9;

/// Whether a document is hard-wrapped, from the lengths of its lines.
pub(crate) fn is_wrapped<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    // a line of fewer bytes than the evidence needs has fewer characters
    // too, and counts for nothing whatever its length: its characters are
    // not counted
    is_wrapped_lengths(lines.map(|l| if l.len() < MIN_WRAP_EVIDENCE_CHARS { l.len() } else { l.chars().count() }))
}

/// [`is_wrapped`] from the lengths (in characters) of the lines.
pub(crate) fn is_wrapped_lengths(lengths: impl Iterator<Item = usize>) -> bool {
    let (mut long, mut within) = (0usize, 0usize);
    for n in lengths {
        if n >= MIN_WRAP_EVIDENCE_CHARS {
            long += 1;
            if n <= MAX_WRAP_COLUMNS {
                within += 1;
            }
        }
    }
    long > 0 && within as f32 >= long as f32 * WRAPPED_SHARE
}

/// Columns a list marker and its indent may take before a line's text
/// ("•   "): the text of a piece is without them.
const MARKER_COLUMNS: usize = 4;

/// Share (percent) of the wrap width that a line and the next line's first
/// word must fit in for the line break to be a real one: greedy wrapping
/// breaks a line only when the next word does not fit, and the margin
/// covers proportional fonts and indents.
const FIT_SHARE_PERCENT: usize = 85;

/// Whether the first word of `next` would have fitted on the line `prev`
/// in text hard-wrapped at `width`: then the break was not made by the
/// wrapping.
fn next_word_fits(prev: &str, next: &str, width: usize) -> bool {
    let first = next.split(' ').next().unwrap_or(next);
    prev.chars().count() + 1 + first.chars().count() + MARKER_COLUMNS <= width * FIT_SHARE_PERCENT / 100
}

/// Whether a line ends in a way that a list item goes on after: a comma,
/// a hyphen or dash, an opening bracket, a slash or ampersand, a word no
/// sentence ends with, or a capitalized word or acronym (a name that may
/// go on: "the Global Employment" / "Trends for Youth report").
fn ends_mid_phrase(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or(s);
    s.ends_with([',', '-', '–', '—', '(', '[', '/', '&'])
        || ends_with_continuing_word(s)
        || last.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

/// In a list field, whether the line `next` starts a new item after the
/// line `prev`, although no list marker or blank line says so (items
/// given one per line): `next` starts with a capital letter (not a
/// bracket or a quote), and `prev` ends with `;` or `:`, or does not end
/// mid-phrase and, in hard-wrapped text (`width`: the widest line of the
/// field), is short enough that `next`'s first word would have fitted.
fn starts_unmarked_item(prev: &str, next: &str, width: Option<usize>) -> bool {
    if !next.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let t = prev.trim_end_matches([')', ']', '"', '\'', '”', '’']);
    if t.ends_with([';', ':']) {
        return true;
    }
    !ends_mid_phrase(prev) && width.is_none_or(|w| next_word_fits(prev, next, w))
}

/// How a field's text is laid out, for [`build`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The document is hard-wrapped ([`is_wrapped`]); if not, it has a
    /// paragraph per line, as word processors export.
    pub wrapped: bool,
    /// The field is a list: items may stand one per line without markers.
    pub list: bool,
}

/// Whether the text ends a sentence: `.`, `!` or `?`, possibly followed by
/// closing quotes or brackets.
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches([')', ']', '"', '\'', '”', '’']);
    matches!(t.chars().last(), Some('.' | '!' | '?'))
}

/// Words a sentence does not end with: text that ends with one goes on
/// after a blank line or a page break, whatever the case of what follows
/// ("in response to the" / "Committee's recommendations").
const CONTINUING_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "at", "as", "into", "its",
    "their", "between", "within", "through",
];

/// [`CONTINUING_WORDS`] in lower case, or in capitals when the text has
/// no lower-case letter (a text typed in capitals: "... PAID BY SHARE OF
/// THE CATCH, AND" / "ARE FREQUENTLY EXCLUDED"). In mixed case a word in
/// capitals is a name or a letter ("Annex A"), not the article.
pub(crate) fn ends_with_continuing_word(s: &str) -> bool {
    s.rsplit(' ').next().is_some_and(|w| {
        CONTINUING_WORDS.contains(&w)
            || (w.bytes().all(|b| b.is_ascii_uppercase())
                && !s.chars().any(char::is_lowercase)
                && CONTINUING_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
    })
}

/// A paragraph mark of a text sent by fax or telex: "//" standing alone,
/// between spaces or at either end of the line ("... EVERY SIX MONTHS. //
/// THE SUPERVISOR WILL ...": the sender runs paragraphs together on one
/// line, marking each break so). `//` inside a token (`https://`, `a//b`)
/// is no mark.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SlashMarks<'a> {
    /// The text between the marks, trimmed, empty pieces left out.
    pub parts: Vec<&'a str>,
    /// A mark opens the text: a new paragraph starts with it.
    pub leading: bool,
    /// A mark ends the text: the next line starts a new paragraph.
    pub trailing: bool,
}

/// Splits `text` at its paragraph marks ([`SlashMarks`]); `None` when it
/// has none.
pub(crate) fn slash_marks(text: &str) -> Option<SlashMarks<'_>> {
    // a search for the byte first: a substring search costs a setup per
    // call, and most pieces have no slash
    if memchr::memchr(b'/', text.as_bytes()).is_none() || !text.contains("//") {
        return None;
    }
    let b = text.as_bytes();
    let mut marks = text.match_indices("//").map(|(i, _)| i).filter(|&i| {
        let before = i == 0 || b[i - 1] == b' ';
        let after = b.get(i + 2).is_none_or(|&c| c == b' ');
        before && after
    });
    let first = marks.next()?;
    let mut parts = Vec::new();
    let mut from = 0;
    let mut last = first;
    for m in std::iter::once(first).chain(marks) {
        let t = text[from..m].trim();
        if !t.is_empty() {
            parts.push(t);
        }
        from = m + 2;
        last = m;
    }
    let tail = text[from..].trim();
    if !tail.is_empty() {
        parts.push(tail);
    }
    Some(SlashMarks { leading: text[..first].trim().is_empty(), trailing: text[last + 2..].trim().is_empty(), parts })
}

/// Whether the text starts with a word broken by a line-end hyphen
/// ("Employ-" / "ment"): the page before it did not end a paragraph.
fn starts_with_broken_word(s: &str) -> bool {
    let first = s.split(' ').next().unwrap_or("");
    first.len() > 2 && first.ends_with('-') && first[..first.len() - 1].chars().all(char::is_alphabetic)
}

/// Whether a text has letters and none of them in lower case.
fn all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn starts_uppercase(s: &str) -> bool {
    s.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

/// One line (or part of a line) of a field's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece<'a> {
    pub text: &'a str,
    pub line: u32,
    pub bullet: bool,
    /// A blank line (or layout line) stood before it.
    pub blank_before: bool,
    /// A page boundary stood before it.
    pub page_break: bool,
    /// Its line is cut at the width of a fixed-width capture, or at a soft
    /// line break with no space ([`Line::cut`]).
    ///
    /// [`Line::cut`]: crate::normalize::Line
    pub cut: bool,
    /// Its line goes on at the next line, as one line of the document (a
    /// soft line break, [`Line::continued`]): the next piece joins it.
    ///
    /// [`Line::continued`]: crate::normalize::Line
    pub continued: bool,
    /// Its raw line started with white space.
    pub indented: bool,
}

/// A paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Paragraph {
    pub text: String,
    pub first: u32,
    pub last: u32,
    /// It started with a list marker.
    pub bullet: bool,
}

/// What reflowing did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReflowNotes {
    /// Text was re-joined across a blank line or a page break, or a broken
    /// hyphenation was undone.
    pub repaired: bool,
    /// Several lines made one paragraph.
    pub multiline: bool,
}

/// The words of a document, for hyphenation evidence: whether a word
/// occurs in it, case ignored. Built on first use. A word is kept as a
/// 64-bit hash of its lower-cased bytes, not as text, so that building it
/// copies and allocates nothing per word; two words of one document share a
/// hash with a chance of about one in 10^13, and then a hyphen is kept or
/// undone on the other word's evidence.
#[derive(Default)]
pub(crate) struct Vocabulary {
    words: HashSet<u64, foldhash::fast::RandomState>,
}

/// The bytes of an ASCII word for [`Vocabulary::from_texts`]: letters,
/// digits and `-`. Indexed by any byte (a table look-up, not three range
/// tests, per byte of the document).
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'-';
        b += 1;
    }
    t
};

impl Vocabulary {
    /// Collects the words (and hyphenated compounds) of `texts`. The first
    /// word of a line that follows a line ending in a hyphen is not
    /// counted: it may be the tail of a broken word, not evidence. A text
    /// marked as furniture (a page header between "poli-" and "cies.")
    /// does not end that: the line after it is still the tail's.
    pub(crate) fn from_texts<'a>(texts: impl Iterator<Item = (&'a str, bool)> + Clone) -> Self {
        // about one distinct word per 16 bytes of prose: sized once, not
        // rehashed as it grows
        let bytes: usize = texts.clone().map(|(t, _)| t.len()).sum();
        let mut words = HashSet::with_capacity_and_hasher(bytes / 16, Default::default());
        let mut after_hyphen = false;
        for (t, furniture) in texts {
            let mut first = true;
            let mut add = |w: &str| {
                let w = if w.starts_with('-') || w.ends_with('-') { w.trim_matches('-') } else { w };
                if w.is_empty() {
                    return;
                }
                let skip = first && after_hyphen;
                first = false;
                if w.len() > 2 && !skip {
                    words.insert(word_key(w));
                }
            };
            if t.is_ascii() {
                // the same split over bytes: a run of letters, digits and
                // hyphens is a word (a generic `split` by a char predicate
                // decodes every char, and was most of this function's time)
                let b = t.as_bytes();
                let mut start = None;
                for (i, &c) in b.iter().enumerate() {
                    let word = WORD_BYTE[usize::from(c)];
                    match (word, start) {
                        (true, None) => start = Some(i),
                        (false, Some(s)) => {
                            add(&t[s..i]);
                            start = None;
                        }
                        _ => {}
                    }
                }
                if let Some(s) = start {
                    add(&t[s..]);
                }
            } else {
                t.split(|c: char| !(c.is_alphanumeric() || c == '-')).for_each(&mut add);
            }
            if !furniture {
                after_hyphen = t.ends_with('-');
            }
        }
        Vocabulary { words }
    }

    /// Whether `w` (any case) occurs in the document.
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.words.contains(&word_key(w))
    }
}

/// The hash of `w` in lower case, the same for every case of one word
/// (FNV-1a, 64 bits: the same in every document and run). An ASCII word,
/// most of them, is lower-cased byte by byte as it is hashed, with no copy.
fn word_key(w: &str) -> u64 {
    fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
        const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        bytes.fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME))
    }
    if w.is_ascii() {
        fnv1a(w.bytes().map(|b| b.to_ascii_lowercase()))
    } else {
        fnv1a(w.to_lowercase().bytes())
    }
}

/// Groups pieces into paragraphs:
/// - a list marker starts a new paragraph;
/// - a blank line starts one, unless the text before it does not end a
///   clause and the text after starts in lower case, or the text before
///   ends with a word no sentence ends with ("the", "of", or "THE", "OF"
///   in a text typed in capitals: a paragraph broken by an extraction
///   artefact);
/// - a page break is treated the same way, and a list item or a word
///   broken by a hyphen also goes on over it when the text before does
///   not end a clause;
/// - in a list field (`layout.list`), a line that starts with a capital
///   after a line ending with `;` or `:`, or after a line that does not
///   end mid-phrase and (in hard-wrapped text) had room for its first
///   word within the field's widest line, starts a new item (items one
///   per line, without markers); but in hard-wrapped capitals, where
///   every line starts with one, a line after a marked item goes on with it;
/// - in text that is not hard-wrapped (`layout.wrapped` false: one paragraph
///   per line, as word processors export), a line after a finished
///   sentence that starts with a capital starts a new paragraph;
/// - a piece after a soft line break ([`Piece::continued`]) is the same
///   line of the document: it is joined, with no space after a cut;
/// - otherwise lines are joined (hard-wrapped text), undoing a line-end
///   hyphen when `known` (whether a word occurs in the document) says
///   the hyphen broke a word.
pub(crate) fn build(
    pieces: &[Piece<'_>],
    layout: Layout,
    known: &dyn Fn(&str) -> bool,
) -> (Vec<Paragraph>, ReflowNotes) {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut notes = ReflowNotes::default();
    // the text of the piece before, for the list-item rule (a line's own
    // length, not its paragraph's), and the field's widest line: the wrap
    // width as this field shows it (the document's widest line may be a
    // table row or a long token, and is no bound)
    let mut prev_line = "";
    // the piece before was cut at a fixed width ([`Piece::cut`])
    let mut prev_cut = false;
    // the piece before goes on at this one ([`Piece::continued`])
    let mut prev_continued = false;
    let width = (layout.wrapped && layout.list)
        .then(|| pieces.iter().map(|p| p.text.chars().count()).filter(|&n| n <= MAX_WRAP_COLUMNS).max().unwrap_or(0));
    for p in pieces {
        if p.text.is_empty() {
            continue;
        }
        let join = match out.last() {
            None => false,
            Some(_) if prev_continued => true,
            Some(_) if p.bullet => false,
            Some(prev) if p.blank_before || p.page_break => {
                let cont = !ends_clause(&prev.text)
                    && (starts_lowercase(p.text)
                        || ends_with_continuing_word(&prev.text)
                        || (p.page_break && (prev.bullet || starts_with_broken_word(p.text))));
                if cont {
                    notes.repaired = true;
                }
                cont
            }
            // in hard-wrapped capitals every line "starts with a capital":
            // after an item that has a marker, a line without one goes on
            // with it (the line before, not the whole item, is looked at)
            Some(prev) if layout.list && layout.wrapped && prev.bullet && all_caps(prev_line) && all_caps(p.text) => {
                true
            }
            Some(_) if layout.list && starts_unmarked_item(prev_line, p.text, width) => false,
            // unwrapped text has a paragraph per line: a line after a
            // finished sentence starts a new one
            Some(prev) if !layout.wrapped => !(ends_sentence(&prev.text) && starts_uppercase(p.text)),
            Some(_) => true,
        };
        prev_line = p.text;
        if join {
            let prev = out.last_mut().expect("checked above");
            notes.multiline = true;
            if prev_cut && !p.indented && !p.bullet && (prev_continued || p.text.starts_with(char::is_alphanumeric)) {
                // a word cut at the width of a fixed-width capture, or at a
                // soft line break (whatever the character there)
                prev.text.push_str(p.text);
                notes.repaired = true;
            } else if join_hyphenated(&mut prev.text, p.text, known) {
                notes.repaired = true;
            }
            prev.last = p.line;
        } else {
            out.push(Paragraph { text: p.text.to_string(), first: p.line, last: p.line, bullet: p.bullet });
        }
        prev_cut = p.cut;
        prev_continued = p.continued;
    }
    // joining lines can bring a combining mark next to a new base letter,
    // or the two halves of a wrapped markdown link together
    for p in &mut out {
        if let Some(t) = super::markup::strip_links(&p.text) {
            p.text = crate::text::collapse_spaces(&t);
            notes.repaired = true;
        }
        if let Some(t) = super::markup::strip_glued_links(&p.text) {
            p.text = t;
            notes.repaired = true;
        }
        super::unicode::nfc_in_place(&mut p.text);
    }
    (out, notes)
}

/// Appends `next` to `prev` with a space, or without one when an e-mail
/// address broke there, or without the line-end hyphen when the hyphen
/// broke a word, or without its first word when that word
/// doubles the last one of `prev`. Returns whether a hyphen or a doubled
/// word was removed.
/// An e-mail address broken across lines: "name@il" / "o.org",
/// "name@" / "ilo.org", "name" / "@ilo.org".
fn email_broken(prev: &str, next: &str) -> bool {
    let last = prev.rsplit(' ').next().unwrap_or("");
    let first = next.split(' ').next().unwrap_or("");
    let domain_chars =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    let domain_end = |s: &str| {
        let s = s.trim_end_matches(['.', ',', ';', ')']);
        s.rsplit_once('.').is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
    };
    let local = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
    match last.split_once('@') {
        // the domain goes on: the part before the break has no dot yet
        Some((user, dom)) => {
            local(user)
                && (dom.is_empty() || domain_chars(dom))
                && !dom.contains('.')
                && domain_chars(first.trim_end_matches(['.', ',', ';', ')']))
                && domain_end(first)
        }
        None => {
            local(last)
                && first
                    .strip_prefix('@')
                    .is_some_and(|d| domain_chars(d.trim_end_matches(['.', ',', ';', ')'])) && domain_end(d))
        }
    }
}

fn join_hyphenated(prev: &mut String, next: &str, known: &dyn Fn(&str) -> bool) -> bool {
    // a letter and a hyphen end the line
    let hyphen_after_letter =
        prev.strip_suffix('-').is_some_and(|p| p.chars().next_back().is_some_and(char::is_alphabetic));
    let broken = hyphen_after_letter && next.chars().next().is_some_and(char::is_lowercase);
    if broken {
        let left_start = prev[..prev.len() - 1]
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + prev[i..].chars().next().map_or(1, char::len_utf8));
        let left = &prev[left_start..prev.len() - 1];
        let right_end = next.find(|c: char| !c.is_alphabetic()).unwrap_or(next.len());
        let right = &next[..right_end];
        let joined = format!("{left}{right}");
        let compound = format!("{left}-{right}");
        // evidence first: the joined word or the compound elsewhere in the
        // document; else a right part that is a word of its own elsewhere
        // ("socio-" / "economic") keeps the hyphen, a fragment ("responsi-" /
        // "bilities", found only after line-end hyphens) loses it
        let remove = known(&joined) || !(known(&compound) || known(right));
        if remove {
            prev.pop();
            prev.push_str(next);
            return true;
        }
        prev.push_str(next);
        return false;
    }
    if email_broken(prev, next) {
        prev.push_str(next);
        return true;
    }
    // a word doubled across the line break ("on the the" wrapped after the
    // first "the"), by the same rule as inside a line
    let last = prev.rsplit(' ').next().unwrap_or("");
    let (first, rest) = next.split_once(' ').unwrap_or((next, ""));
    if super::repair::is_doubled(last, first) {
        if !rest.is_empty() {
            prev.push(' ');
            prev.push_str(rest);
        }
        return true;
    }
    // a compound broken after its hyphen before a capital ("Asia-" /
    // "Pacific", "(DWT/CO-" / "San José)"): the hyphen stays, no space
    if hyphen_after_letter && next.chars().next().is_some_and(char::is_uppercase) {
        prev.push_str(next);
        return false;
    }
    prev.push(' ');
    prev.push_str(next);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRAPPED: Layout = Layout { wrapped: true, list: false };
    const UNWRAPPED: Layout = Layout { wrapped: false, list: false };

    #[test]
    fn vocabulary_knows_words_in_any_case_and_only_those() {
        let long = "Internationalisation".repeat(4); // past the stack buffer
        let text = format!("Socio-economic Policies of {long}\nresponsi-\nbilities Ünïcode");
        let v = Vocabulary::from_texts(text.lines().map(|t| (t, false)));
        for w in ["policies", "POLICIES", "Policies", "socio-economic", "SOCIO-ECONOMIC", "ünïcode", "ÜNÏCODE"] {
            assert!(v.contains(w), "{w}");
        }
        assert!(v.contains(&long.to_uppercase()));
        // "of" is too short; "economic" only occurs inside the compound;
        // "bilities" follows a line-end hyphen; "responsibilities" is nowhere
        for w in ["of", "economic", "bilities", "responsibilities", "polic"] {
            assert!(!v.contains(w), "{w}");
        }
        // a page header between the halves of a broken word does not make
        // the tail a word of the document
        let lines = [("social poli-", false), ("Vacancy proposal - Post 1", true), ("cies and more", false)];
        let v = Vocabulary::from_texts(lines.into_iter());
        assert!(!v.contains("cies"));
        assert!(v.contains("more"));
        // one key for one word whichever path folds it
        assert_eq!(word_key("ABC"), word_key("abc"));
        assert_eq!(word_key(&long), word_key(&long.to_lowercase()));
    }

    fn piece(text: &str, line: u32, bullet: bool, blank_before: bool) -> Piece<'_> {
        Piece { text, line, bullet, blank_before, page_break: false, cut: false, continued: false, indented: false }
    }

    fn texts(pieces: &[Piece<'_>], vocab: &[&str]) -> Vec<String> {
        // the document's vocabulary holds the pieces themselves too
        let v = Vocabulary::from_texts(
            vocab.iter().copied().chain(std::iter::once("")).chain(pieces.iter().map(|p| p.text)).map(|t| (t, false)),
        );
        build(pieces, WRAPPED, &|w| v.contains(w)).0.into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn wrapped_lines_join() {
        let p = [
            piece("Inclusive Labour Markets and Working", 1, false, false),
            piece("Conditions Branch (INWORK)", 2, false, false),
        ];
        assert_eq!(texts(&p, &[]), ["Inclusive Labour Markets and Working Conditions Branch (INWORK)"]);
    }

    #[test]
    fn blank_line_splits_unless_mid_sentence() {
        let p = [
            piece("As Convention 189 on decent work for", 1, false, false),
            piece("domestic workers celebrates.", 3, false, true),
            piece("New paragraph.", 5, false, true),
        ];
        assert_eq!(
            texts(&p, &[]),
            ["As Convention 189 on decent work for domestic workers celebrates.", "New paragraph."]
        );
    }

    #[test]
    fn page_breaks_and_blank_lines_inside_a_sentence() {
        let after_page = |text| Piece { page_break: true, ..piece(text, 3, false, true) };
        let p = [piece("o Follow up in response to the", 1, true, false), after_page("Committee's recommendations;")];
        assert_eq!(texts(&p, &[]), ["o Follow up in response to the Committee's recommendations;"]);
        let p = [
            piece("in line with the Private", 1, false, false),
            after_page("Employ-"),
            piece("ment Agencies", 4, false, false),
        ];
        assert_eq!(texts(&p, &["employment"]), ["in line with the Private Employment Agencies"]);
        // a list item goes on over the page break when it has not ended
        let p = [piece("Support the Social Dialogue", 1, true, false), after_page("Report, chapter 2;")];
        assert_eq!(texts(&p, &[]), ["Support the Social Dialogue Report, chapter 2;"]);
        // items without punctuation stay apart
        let p = [piece("Develop knowledge of labour policies", 1, false, false), after_page("Strengthen skills")];
        assert_eq!(texts(&p, &[]).len(), 2);
        let p = [piece("Key resources", 1, false, false), piece("The ILO report", 3, false, true)];
        assert_eq!(texts(&p, &[]).len(), 2);
    }

    #[test]
    fn a_page_break_after_a_continuing_word_in_capitals() {
        let after_page = |text| Piece { page_break: true, ..piece(text, 3, false, true) };
        // in a text typed in capitals the word is in capitals too
        let p = [piece("ARE PAID BY SHARE OF THE CATCH, AND", 1, false, false), after_page("ARE FREQUENTLY EXCLUDED.")];
        assert_eq!(texts(&p, &[]), ["ARE PAID BY SHARE OF THE CATCH, AND ARE FREQUENTLY EXCLUDED."]);
        // in mixed case a capital word is a name or a letter
        let p = [piece("The report is in Annex A", 1, false, false), after_page("Another paragraph.")];
        assert_eq!(texts(&p, &[]).len(), 2);
        let p = [piece("SEE ANNEX B", 1, false, false), after_page("NEW PARAGRAPH.")];
        assert_eq!(texts(&p, &[]).len(), 2);
    }

    #[test]
    fn slash_marks_split_run_together_paragraphs() {
        let m = slash_marks("REVIEWED EVERY SIX MONTHS. // THE SUPERVISOR WILL").unwrap();
        assert_eq!(m.parts, ["REVIEWED EVERY SIX MONTHS.", "THE SUPERVISOR WILL"]);
        assert!(!m.leading && !m.trailing);
        let m = slash_marks("ON LABOUR MIGRATION. //").unwrap();
        assert_eq!(m.parts, ["ON LABOUR MIGRATION."]);
        assert!(m.trailing && !m.leading);
        let m = slash_marks("// THE JPO WILL").unwrap();
        assert_eq!(m.parts, ["THE JPO WILL"]);
        assert!(m.leading && !m.trailing);
        let m = slash_marks("//").unwrap();
        assert!(m.parts.is_empty() && m.leading && m.trailing);
        // inside a token "//" is no mark
        assert_eq!(slash_marks("AVAILABLE AT HTTPS://WWW.ILO.ORG/ASIA."), None);
        assert_eq!(slash_marks("a//b and c ///"), None);
        assert_eq!(slash_marks("no marks here"), None);
    }

    #[test]
    fn marked_items_in_capitals_go_on_over_unmarked_lines() {
        let items = |pieces: &[Piece<'_>]| -> Vec<String> {
            build(pieces, Layout { wrapped: true, list: true }, &|_| false).0.into_iter().map(|p| p.text).collect()
        };
        let p = [
            piece("THE ABILITY TO WORK IN A MULTICULTURAL ENVIRONMENT;", 1, true, false),
            piece("GENDER-SENSITIVE BEHAVIOUR IS ALSO REQUIRED.", 2, false, false),
            piece("GOOD COMMUNICATION SKILLS.", 3, true, false),
        ];
        assert_eq!(
            items(&p),
            [
                "THE ABILITY TO WORK IN A MULTICULTURAL ENVIRONMENT; GENDER-SENSITIVE BEHAVIOUR IS ALSO REQUIRED.",
                "GOOD COMMUNICATION SKILLS."
            ]
        );
        // in mixed case the capital still starts an unmarked item
        let p = [piece("Draft reports;", 1, true, false), piece("Organize meetings.", 2, false, false)];
        assert_eq!(items(&p), ["Draft reports;", "Organize meetings."]);
        // without markers, lines in capitals are still told apart
        let p = [piece("DRAFT REPORTS;", 1, false, false), piece("ORGANIZE MEETINGS.", 2, false, false)];
        assert_eq!(items(&p), ["DRAFT REPORTS;", "ORGANIZE MEETINGS."]);
    }

    #[test]
    fn bullets_start_items_and_continuations_join() {
        let p = [
            piece("Undertake research on care policies and", 1, true, false),
            piece("gender equality at work.", 2, false, false),
            piece("Update the portal.", 3, true, false),
        ];
        assert_eq!(
            texts(&p, &[]),
            ["Undertake research on care policies and gender equality at work.", "Update the portal."]
        );
    }

    #[test]
    fn unwrapped_text_has_a_paragraph_per_sentence_line() {
        let p = [
            piece("Good communication skills.", 1, false, false),
            piece("Excellent computer skills.", 2, false, false),
        ];
        let paras: Vec<String> = build(&p, UNWRAPPED, &|_| false).0.into_iter().map(|p| p.text).collect();
        assert_eq!(paras, ["Good communication skills.", "Excellent computer skills."]);
        let joined: Vec<String> = build(&p, WRAPPED, &|_| false).0.into_iter().map(|p| p.text).collect();
        assert_eq!(joined, ["Good communication skills. Excellent computer skills."]);
        let wrapped = "x".repeat(80);
        assert!(is_wrapped(std::iter::repeat_n(wrapped.as_str(), 10)));
        let long = "x".repeat(400);
        assert!(!is_wrapped([long.as_str(), wrapped.as_str()].into_iter()));
    }

    #[test]
    fn list_items_one_per_line_without_markers() {
        let items = |pieces: &[Piece<'_>], wrapped: bool| -> Vec<String> {
            build(pieces, Layout { wrapped, list: true }, &|_| false).0.into_iter().map(|p| p.text).collect()
        };
        // items ending with ";", wrapped or not
        let p = [
            piece("A global overview of national activities for the promotion of the MNE", 1, false, false),
            piece("Declaration, based on the reports of national focal points;", 2, false, false),
            piece("Updated Q&As on wages.", 3, false, false),
        ];
        assert_eq!(items(&p, true).len(), 2);
        assert_eq!(items(&p[1..], false).len(), 2);
        // items without punctuation: in unwrapped text each line is one
        let p = [
            piece("Become familiar with the international social security standards", 1, false, false),
            piece("Acquire practical experience of actuarial valuations", 2, false, false),
            piece("Get acquainted with the work of a multi-cultural team", 3, false, false),
        ];
        assert_eq!(items(&p, false).len(), 3);
        // in wrapped text, a short line whose next word would have fitted
        let p = [
            piece("Become familiar with the international social security standards and", 1, false, false),
            piece("their financing principles", 2, false, false),
            piece("Acquire practical experience of actuarial valuations", 3, false, false),
        ];
        assert_eq!(
            items(&p, true),
            [
                "Become familiar with the international social security standards and their financing principles",
                "Acquire practical experience of actuarial valuations"
            ]
        );
        // a full line before a capital is a wrap; so is a line ending mid-phrase
        let p = [
            piece("Contribute to the preparation of reports for the sessions of the International", 1, false, false),
            piece("Labour Conference and of the Governing Body", 2, false, false),
        ];
        assert_eq!(items(&p, true).len(), 1);
        let p = [piece("Work with the", 1, false, false), piece("Governing Body", 2, false, false)];
        assert_eq!(items(&p, false).len(), 1);
        // a name going on, a bracket: not a new item
        let p =
            [piece("Contribute to the biennial Global", 1, false, false), piece("Employment Trends", 2, false, false)];
        assert_eq!(items(&p, false).len(), 1);
        let p = [piece("A training allowance", 1, false, false), piece("(DTTA) of $4.000", 2, false, false)];
        assert_eq!(items(&p, false).len(), 1);
        // prose keeps its wrapped lines together
        let p = [piece("their financing principles", 1, false, false), piece("Acquire practice", 2, false, false)];
        assert_eq!(build(&p, WRAPPED, &|_| false).0.len(), 1);
    }

    #[test]
    fn hyphenation_table() {
        let cases: &[(&str, &str, &[&str], &str)] = &[
            ("the responsi-", "bilities of", &[], "the responsibilities of"),
            ("Manager, waqa@il", "o.org", &[], "Manager, waqa@ilo.org"),
            ("write to jpo@", "ilo.org.", &[], "write to jpo@ilo.org."),
            ("write to jpo", "@ilo.org", &[], "write to jpo@ilo.org"),
            ("write to jpo@ilo.org", "and more", &[], "write to jpo@ilo.org and more"),
            ("the @ sign", "is. used", &[], "the @ sign is. used"),
            ("socio-", "economic policy", &["socio-economic"], "socio-economic policy"),
            ("care-", "giving", &["caregiving"], "caregiving"),
            ("multi-", "disciplinary team", &["disciplinary"], "multi-disciplinary team"),
            ("employ-", "ment of", &[], "employment of"),
            ("years -", "and more", &[], "years - and more"),
            ("Office (DWT/CO-", "San José)", &[], "Office (DWT/CO-San José)"),
            ("the Asia-", "Pacific region", &[], "the Asia-Pacific region"),
            // a word doubled across the break, by the in-line rule
            ("Officer on the", "the Labour Integration", &[], "Officer on the Labour Integration"),
            ("we know that", "that works", &[], "we know that that works"),
        ];
        for (a, b, vocab, want) in cases {
            let p = [piece(a, 1, false, false), piece(b, 2, false, false)];
            assert_eq!(texts(&p, vocab), [*want], "{a:?} + {b:?}");
        }
    }
}
