//! Reading the text layer of a PDF, safely (the `pdf` feature).
//!
//! Every call into `pdf-extract` and `lopdf` lives in this module. The
//! pipeline of [`extract_text`] is:
//!
//! 1. **Size**: inputs over [`PdfLimits::max_bytes`] are refused before any
//!    parsing ([`ErrorKind::TooLarge`]).
//! 2. **Load** the document from memory with `lopdf`. A file that cannot be
//!    parsed is [`ErrorKind::PdfMalformed`], unless it declares `/Encrypt`, in
//!    which case it is [`ErrorKind::PdfEncrypted`] (an unsupported security
//!    handler fails to load too).
//! 3. **Encryption policy**: `lopdf` tries the empty user password while
//!    loading. A file that opens with it (an "owner password only" file,
//!    restricting printing or copying) is decrypted and extracted like any
//!    other. A file that still carries `/Encrypt` in its trailer after loading
//!    needs a user password and is [`ErrorKind::PdfEncrypted`]: we never guess
//!    passwords.
//! 4. **Page tree**: the pages are listed in document order. No pages is
//!    [`ErrorKind::PdfNoPages`]; more distinct pages than
//!    [`PdfLimits::max_pages`] is [`ErrorKind::TooManyPages`]. A tree that
//!    visits the same page object twice (a `Kids` array pointing back up the
//!    tree) is flattened to the distinct pages in first-visit order, so the
//!    repetition is dropped before extraction.
//! 5. **Structure checks** for shapes that would make `pdf-extract` recurse
//!    without end (a stack overflow aborts the process and cannot be caught):
//!    a cyclic or very deep `/Parent` chain, and form XObjects that draw
//!    themselves or nest deeper than [`MAX_XOBJECT_DEPTH`]. Both are
//!    [`ErrorKind::PdfMalformed`].
//! 6. **Extraction** through [`pdf_extract::output_doc`] into our own
//!    [`OutputDev`], which rebuilds lines and paragraphs from glyph positions.
//!    Steps 2 to 6 run inside [`std::panic::catch_unwind`]: a panic in the
//!    extractor becomes [`ErrorKind::PdfPanic`] with the panic message. (The
//!    default panic hook still prints the message to stderr; installing a
//!    process-wide hook is the application's business, not this module's.)
//! 7. **Clean-up**: a page whose text is identical to an earlier page's is
//!    dropped; text that is empty or mostly not letters is
//!    [`ErrorKind::PdfNoText`].
//!
//! # Output format
//!
//! * One line per visual line, except that a paragraph wrapped over several
//!   lines is joined back into one line (see [`PARAGRAPH_GAP_EM`]).
//!   Table cells on one visual line stay on one line, separated by a space, so
//!   a Word form's `Title:` cell and its value read `Title: value`.
//! * A blank line where the vertical gap between lines is wider than a normal
//!   line pitch (between paragraphs).
//! * **Pages are separated by a line holding only a form feed**:
//!   `page1 + "\n\x0c\n" + page2` (see [`PAGE_SEPARATOR`]), so
//!   `text.split(PAGE_SEPARATOR)` gives the pages back. An empty page gives an
//!   empty string between two form feeds. The text has no trailing newline.
//! * Symbol/Wingdings bullets, which fonts map to the Private Use Area, are
//!   turned into their Unicode look-alikes (see [`map_symbol_glyph`]); every
//!   other character is kept as the font maps it.
//!
//! # Limits that cannot be enforced here
//!
//! `pdf-extract` cannot be interrupted, so there is no wall-clock timeout;
//! the byte limit bounds the work. `lopdf` inflates streams without a size
//! cap, so a compression bomb inside the byte limit can still use much memory.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::error::{Error, ErrorKind};

/// Default for [`PdfLimits::max_bytes`]: 50 MiB. The JPO vacancy proposals
/// are well under 1 MiB; anything near this size is not a form.
pub(crate) const DEFAULT_MAX_PDF_BYTES: usize = 50 * 1024 * 1024;

/// Default for [`PdfLimits::max_pages`]: 500 pages. The proposals have 3 to 6.
pub(crate) const DEFAULT_MAX_PDF_PAGES: u32 = 500;

/// The separator between two pages in [`PdfText::text`]: a line that holds
/// only a form feed.
pub(crate) const PAGE_SEPARATOR: &str = "\n\x0c\n";

/// The context of every [`Error`] raised here.
const CONTEXT: &str = "extracting PDF text";

/// The message of [`ErrorKind::PdfNoText`].
const NO_TEXT_MESSAGE: &str = "no usable text layer (scanned or unmapped fonts; needs OCR)";

/// A new line starts when the baseline moves vertically by more than this
/// fraction of the font size. Half an em keeps superscripts and subscripts
/// (raised or lowered about a third of an em) on their line.
const LINE_BREAK_EM: f64 = 0.5;

/// A space is inserted when the horizontal gap between two glyphs on a line is
/// wider than this fraction of the font size. Kerning is a few hundredths of
/// an em; the narrowest word space in justified text is about a fifth.
const SPACE_GAP_EM: f64 = 0.15;

/// A gap wider than this fraction of the font size is a tab stop or a table
/// cell boundary: where text resumes after it is remembered as an alignment
/// anchor for the wrapped lines below (a value column, the text after a bullet).
const CELL_GAP_EM: f64 = 0.8;

/// A glyph further left than the end of the previous one by more than this
/// fraction of the font size starts a separate run on the same line (text
/// drawn out of order); a space keeps the two runs apart.
const BACKTRACK_EM: f64 = 1.0;

/// Lines whose baselines are at most this many ems apart belong to the same
/// paragraph (single spacing is 1.15 to 1.3 em, a Word form's table rows
/// about 1.5 em); a wider gap is a paragraph break and becomes a blank line.
const PARAGRAPH_GAP_EM: f64 = 1.6;

/// How far (in ems) a wrapped line's left edge may be from the alignment
/// anchor of the line above and still continue its paragraph.
const ALIGN_TOLERANCE_EM: f64 = 0.5;

/// The width of a word space, in ems, used to decide whether the first word of
/// a line would have fitted at the end of the line above.
const WORD_SPACE_EM: f64 = 0.25;

/// How close (in ems) to the page's right text edge a line that does not end
/// in sentence punctuation must reach to count as wrapped even though the next
/// line's first word would seem to fit: the right edge is estimated from the
/// widest line on the page, which can stick out past the wrapping margin
/// (a right-aligned header, a wider table).
const FIT_SLACK_EM: f64 = 2.0;

/// Wrapped lines are only looked for on a page whose widest line reaches
/// this share of the page width: on a page of short lines, the widest line is
/// no evidence of a right margin, and every line is kept as it is.
const MIN_RIGHT_EDGE_RATIO: f64 = 0.6;

/// Two lines whose font sizes differ by more than this ratio are not joined
/// (a heading and the body text under it).
const MAX_SIZE_RATIO: f64 = 1.2;

/// Extracted text whose non-whitespace characters are less than this share
/// letters is garbage (glyph ids or symbols from fonts without a Unicode map).
const MIN_LETTER_RATIO: f64 = 0.5;

/// Extracted text whose non-whitespace characters are more than this share
/// control characters is garbage (unmapped fonts often yield U+0000..U+001F).
const MAX_CONTROL_RATIO: f64 = 0.05;

/// The deepest `/Parent` chain accepted above a page. `lopdf` walks page trees
/// at most 256 levels deep; real documents use fewer than ten.
const MAX_PAGE_TREE_DEPTH: usize = 256;

/// The deepest nesting of form XObjects accepted. `pdf-extract` recurses once
/// per level; real documents nest a few levels at most.
const MAX_XOBJECT_DEPTH: usize = 16;

/// Bounds on the PDFs [`extract_text`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PdfLimits {
    /// The largest input, in bytes ([`DEFAULT_MAX_PDF_BYTES`] by default).
    pub max_bytes: usize,
    /// The most distinct pages ([`DEFAULT_MAX_PDF_PAGES`] by default).
    pub max_pages: u32,
}

impl Default for PdfLimits {
    /// 50 MiB and 500 pages.
    fn default() -> Self {
        PdfLimits { max_bytes: DEFAULT_MAX_PDF_BYTES, max_pages: DEFAULT_MAX_PDF_PAGES }
    }
}

/// The text layer of a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PdfText {
    /// The pages' text, separated by [`PAGE_SEPARATOR`].
    pub text: String,
    /// How many pages `text` holds (repeated pages dropped).
    pub pages: u32,
}

/// Extracts the text layer of the PDF in `bytes`, within `limits`.
///
/// See the module documentation for the steps, the output format and the
/// error kinds. Never panics: a panic inside the extractor is returned as
/// [`ErrorKind::PdfPanic`].
pub(crate) fn extract_text(bytes: &[u8], limits: &PdfLimits) -> Result<PdfText, Error> {
    if bytes.len() > limits.max_bytes {
        let message = format!("the PDF is {} bytes, over the limit of {} bytes", bytes.len(), limits.max_bytes);
        return Err(fail(ErrorKind::TooLarge, message));
    }
    match catch_unwind(AssertUnwindSafe(|| extract_unguarded(bytes, limits))) {
        Ok(result) => result,
        Err(payload) => {
            Err(fail(ErrorKind::PdfPanic, format!("the PDF extractor panicked: {}", panic_message(payload.as_ref()))))
        }
    }
}

/// Steps 2 to 7 of [`extract_text`], which may panic.
fn extract_unguarded(bytes: &[u8], limits: &PdfLimits) -> Result<PdfText, Error> {
    let mut doc = load(bytes)?;
    let tree = list_pages(&doc)?;
    if tree.pages.len() > limits.max_pages as usize {
        let message = format!("the PDF has {} pages, over the limit of {}", tree.pages.len(), limits.max_pages);
        return Err(fail(ErrorKind::TooManyPages, message));
    }
    if tree.visits > tree.pages.len() {
        flatten_page_tree(&mut doc, &tree)?;
    }
    for &page in &tree.pages {
        check_parent_chain(&doc, page)?;
        check_xobjects(&doc, page)?;
    }
    let pages = drop_repeated_pages(run_extractor(&doc)?);
    let text = pages.join(PAGE_SEPARATOR);
    check_text_quality(&text)?;
    Ok(PdfText { text: strip_control_chars(&text), pages: u32::try_from(pages.len()).unwrap_or(u32::MAX) })
}

/// Builds an error of `kind` in this module's context.
fn fail(kind: ErrorKind, message: impl Into<String>) -> Error {
    Error::new(kind, CONTEXT, message)
}

/// The message of a caught panic (a `&str` or `String` payload).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// Loads the document from memory and applies the encryption policy (see the
/// module documentation).
fn load(bytes: &[u8]) -> Result<Document, Error> {
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(err) if declares_encryption(bytes) => {
            let message = format!("the PDF is encrypted and cannot be opened ({err})");
            return Err(fail(ErrorKind::PdfEncrypted, message));
        }
        Err(err) => {
            let message = format!("cannot parse the PDF structure: {err}");
            return Err(fail(ErrorKind::PdfMalformed, message));
        }
    };
    if doc.trailer.has(b"Encrypt") {
        let message = "the PDF is encrypted and does not open without a password; supply an unencrypted copy";
        return Err(fail(ErrorKind::PdfEncrypted, message));
    }
    Ok(doc)
}

/// Whether the raw bytes carry an `/Encrypt` key (used only when loading
/// failed, to tell an unsupported encryption from corruption).
fn declares_encryption(bytes: &[u8]) -> bool {
    bytes.windows(b"/Encrypt".len()).any(|w| w == b"/Encrypt")
}

/// The pages of a document, as the page tree lists them.
struct PageTree {
    /// The page tree's root node.
    root: ObjectId,
    /// Distinct page objects, in first-visit order.
    pages: Vec<ObjectId>,
    /// How many page visits the tree walk made (more than `pages.len()` when
    /// the tree repeats pages).
    visits: usize,
}

/// Lists the pages; a missing page tree is malformed, an empty one has no pages.
fn list_pages(doc: &Document) -> Result<PageTree, Error> {
    let root = doc
        .catalog()
        .and_then(|catalog| catalog.get(b"Pages"))
        .and_then(Object::as_reference)
        .map_err(|err| fail(ErrorKind::PdfMalformed, format!("no page tree: {err}")))?;
    doc.get_dictionary(root).map_err(|err| fail(ErrorKind::PdfMalformed, format!("unreadable page tree: {err}")))?;
    let mut seen = HashSet::new();
    let mut pages = Vec::new();
    let mut visits = 0;
    for page in doc.page_iter() {
        visits += 1;
        if seen.insert(page) {
            pages.push(page);
        }
    }
    if pages.is_empty() {
        return Err(fail(ErrorKind::PdfNoPages, "the PDF has no pages"));
    }
    Ok(PageTree { root, pages, visits })
}

/// Rewrites the page tree's root to list each distinct page once, so that
/// `pdf-extract` does not visit repeated pages. The pages keep their
/// `/Parent`, so inherited resources and media boxes still resolve.
fn flatten_page_tree(doc: &mut Document, tree: &PageTree) -> Result<(), Error> {
    let kids: Vec<Object> = tree.pages.iter().map(|&id| Object::Reference(id)).collect();
    let root = doc
        .get_dictionary_mut(tree.root)
        .map_err(|err| fail(ErrorKind::PdfMalformed, format!("unreadable page tree: {err}")))?;
    root.set("Kids", Object::Array(kids));
    root.set("Count", Object::Integer(tree.pages.len() as i64));
    Ok(())
}

/// Refuses a page whose `/Parent` chain loops or is deeper than
/// [`MAX_PAGE_TREE_DEPTH`]: `pdf-extract` climbs it recursively to find
/// inherited attributes and would overflow the stack.
fn check_parent_chain(doc: &Document, page: ObjectId) -> Result<(), Error> {
    let mut seen = HashSet::from([page]);
    let mut node = page;
    while let Some(parent) = parent_of(doc, node) {
        if !seen.insert(parent) {
            return Err(fail(ErrorKind::PdfMalformed, "the page tree's /Parent chain loops"));
        }
        if seen.len() > MAX_PAGE_TREE_DEPTH {
            return Err(fail(ErrorKind::PdfMalformed, "the page tree is too deep"));
        }
        node = parent;
    }
    Ok(())
}

/// The `/Parent` of a page tree node, when it names a readable dictionary.
fn parent_of(doc: &Document, node: ObjectId) -> Option<ObjectId> {
    let parent = doc.get_dictionary(node).ok()?.get(b"Parent").ok()?.as_reference().ok()?;
    doc.get_dictionary(parent).ok().map(|_| parent)
}

/// The resources a page uses: its own or the nearest ancestor's, as
/// `pdf-extract` resolves them. Call after [`check_parent_chain`].
fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = Some(page);
    while let Some(id) = node {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(resources) = dict.get(b"Resources") {
            return resolve(doc, resources).and_then(|o| o.as_dict().ok());
        }
        node = parent_of(doc, id);
    }
    None
}

/// Follows a reference (if `obj` is one) to the object it names.
fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// Refuses a page whose form XObjects draw themselves (directly or through
/// others) or nest deeper than [`MAX_XOBJECT_DEPTH`]: `pdf-extract` follows
/// each `Do` recursively and would overflow the stack.
fn check_xobjects(doc: &Document, page: ObjectId) -> Result<(), Error> {
    let Some(resources) = page_resources(doc, page) else {
        return Ok(());
    };
    let mut walk = XObjectWalk { doc, path: Vec::new(), done: HashSet::new() };
    for id in xobject_ids(doc, resources) {
        walk.visit(id, resources)?;
    }
    Ok(())
}

/// A depth-first walk over the form XObjects reachable from a page.
struct XObjectWalk<'a> {
    /// The document.
    doc: &'a Document,
    /// The forms being drawn, outermost first.
    path: Vec<ObjectId>,
    /// Forms already checked, with the address of the resources they were
    /// checked under (a form without resources of its own uses its caller's).
    done: HashSet<(ObjectId, usize)>,
}

impl<'a> XObjectWalk<'a> {
    /// Checks the form `id`, drawn with `inherited` resources, and every form
    /// its content draws.
    fn visit(&mut self, id: ObjectId, inherited: &'a Dictionary) -> Result<(), Error> {
        if self.path.contains(&id) {
            return Err(fail(ErrorKind::PdfMalformed, "a form XObject draws itself"));
        }
        if self.path.len() >= MAX_XOBJECT_DEPTH {
            return Err(fail(ErrorKind::PdfMalformed, "form XObjects are nested too deeply"));
        }
        let Some(stream) = self.doc.get_object(id).ok().and_then(|o| o.as_stream().ok()) else {
            return Ok(());
        };
        let own = stream.dict.get(b"Resources").ok().and_then(|r| resolve(self.doc, r));
        let resources = own.and_then(|r| r.as_dict().ok()).unwrap_or(inherited);
        if !self.done.insert((id, resources as *const Dictionary as usize)) {
            return Ok(());
        }
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
            return Ok(());
        }
        let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let names = drawn_xobject_names(&content);
        let xobjects = xobject_dict(self.doc, resources);
        self.path.push(id);
        for name in names {
            let child = xobjects.and_then(|d| d.get(&name).ok()).and_then(|o| o.as_reference().ok());
            if let Some(child) = child {
                self.visit(child, resources)?;
            }
        }
        self.path.pop();
        Ok(())
    }
}

/// The `/XObject` dictionary of a resource dictionary.
fn xobject_dict<'a>(doc: &'a Document, resources: &'a Dictionary) -> Option<&'a Dictionary> {
    let obj = resources.get(b"XObject").ok()?;
    resolve(doc, obj)?.as_dict().ok()
}

/// The object ids of the XObjects a resource dictionary names.
fn xobject_ids(doc: &Document, resources: &Dictionary) -> Vec<ObjectId> {
    let Some(dict) = xobject_dict(doc, resources) else {
        return Vec::new();
    };
    dict.iter().filter_map(|(_, o)| o.as_reference().ok()).collect()
}

/// The names that the `Do` operators of a content stream draw.
fn drawn_xobject_names(content: &[u8]) -> Vec<Vec<u8>> {
    let Ok(content) = Content::decode(content) else {
        return Vec::new();
    };
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// Runs `pdf-extract` over the document; one string per page.
fn run_extractor(doc: &Document) -> Result<Vec<String>, Error> {
    let mut collector = TextCollector::default();
    pdf_extract::output_doc(doc, &mut collector)
        .map_err(|err| fail(ErrorKind::PdfMalformed, format!("cannot read the page content: {err}")))?;
    Ok(collector.pages)
}

/// Drops every page whose text (ignoring surrounding whitespace) repeats an
/// earlier non-empty page's text.
fn drop_repeated_pages(pages: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    pages
        .into_iter()
        .filter(|page| {
            let key = page.trim();
            key.is_empty() || seen.insert(key.to_string())
        })
        .collect()
}

/// Refuses text that is empty, less than [`MIN_LETTER_RATIO`] letters, or more
/// than [`MAX_CONTROL_RATIO`] control characters.
fn check_text_quality(text: &str) -> Result<(), Error> {
    let (mut total, mut letters, mut controls) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if c.is_alphabetic() {
            letters += 1;
        } else if c.is_control() {
            controls += 1;
        }
    }
    let usable = total > 0
        && letters as f64 >= MIN_LETTER_RATIO * total as f64
        && controls as f64 <= MAX_CONTROL_RATIO * total as f64;
    if usable {
        Ok(())
    } else {
        Err(fail(ErrorKind::PdfNoText, NO_TEXT_MESSAGE))
    }
}

/// Removes control characters other than the newline and the form feed.
fn strip_control_chars(text: &str) -> String {
    text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\x0c').collect()
}

/// Maps the Private Use Area code points that Symbol and Wingdings bullets
/// decode to (Word's list bullets) onto the Unicode characters they look
/// like; returns `None` for every other string.
fn map_symbol_glyph(text: &str) -> Option<&'static str> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Some(match c {
        '\u{F0B7}' | '\u{F09F}' => "\u{2022}", // Symbol bullet, Wingdings small bullet
        '\u{F0A7}' | '\u{F06E}' => "\u{25AA}", // Wingdings small/black square
        '\u{F0D8}' => "\u{27A2}",              // Wingdings arrowhead
        '\u{F0FC}' => "\u{2713}",              // Wingdings check mark
        '\u{F076}' => "\u{2756}",              // Wingdings diamond
        '\u{F0A8}' => "\u{25E6}",              // Wingdings white bullet
        '\u{F02D}' => "-",                     // Symbol minus
        _ => return None,
    })
}

/// Whether a line starts with a list bullet (it is never joined onto the
/// line above).
fn starts_with_bullet(text: &str) -> bool {
    text.starts_with([
        '\u{2022}', '\u{25AA}', '\u{27A2}', '\u{2713}', '\u{2756}', '\u{25E6}', '\u{25CF}', '-', '*', '\u{2013}',
    ])
}

/// One glyph as placed on the page, in top-down page coordinates.
struct Glyph<'s> {
    /// Left edge of the glyph's origin.
    x: f64,
    /// Baseline, measured down from the top of the page.
    y: f64,
    /// Where the glyph's advance ends.
    end: f64,
    /// The effective font size (font size times the text matrix's scale).
    size: f64,
    /// The decoded text.
    text: &'s str,
    /// Whether the text is whitespace only.
    blank: bool,
}

impl<'s> Glyph<'s> {
    /// Places a glyph from `pdf-extract`'s text rendering matrix `trm` (which
    /// excludes the font size), its advance `width` in text space units per
    /// unit of font size, and the character/word `spacing` applied after it.
    /// `None` for glyphs with non-finite or zero geometry (invisible text).
    fn place(
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        page_height: f64,
        text: &'s str,
    ) -> Option<Self> {
        let scale_x = trm.m11.hypot(trm.m12);
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size.abs() * scale;
        let x = trm.m31;
        let y = page_height - trm.m32;
        let end = x + (width * font_size + spacing) * scale_x;
        let finite = [x, y, end, size].iter().all(|v| v.is_finite());
        if !finite || size <= 0.0 || text.is_empty() {
            return None;
        }
        let text = map_symbol_glyph(text).unwrap_or(text);
        let blank = text.chars().all(char::is_whitespace);
        Some(Glyph { x, y, end, size, text, blank })
    }
}

/// A visual line being assembled from glyphs.
#[derive(Debug, Clone, Default)]
struct Line {
    /// The text, words separated by single spaces.
    text: String,
    /// The baseline of the line's first glyph.
    y: f64,
    /// The largest effective font size on the line.
    size: f64,
    /// Left edge of the first visible glyph (`None` while only spaces).
    start_x: Option<f64>,
    /// Where the last glyph's advance ends, spaces included.
    end_x: f64,
    /// Where the last visible glyph's advance ends.
    ink_end_x: f64,
    /// Where the first word ends (`None` while the first word is open).
    first_word_end: Option<f64>,
    /// Where text resumes after each gap wider than [`CELL_GAP_EM`].
    anchors: Vec<f64>,
}

impl Line {
    /// A new line at the glyph's baseline, holding the glyph.
    fn starting_with(glyph: &Glyph) -> Self {
        let mut line = Line { y: glyph.y, size: glyph.size, end_x: glyph.x, ..Line::default() };
        line.add(glyph);
        line
    }

    /// Whether the glyph sits on this line's baseline.
    fn holds(&self, glyph: &Glyph) -> bool {
        (glyph.y - self.y).abs() <= LINE_BREAK_EM * glyph.size.max(self.size)
    }

    /// Appends a glyph, with a space before it when the gap calls for one.
    fn add(&mut self, glyph: &Glyph) {
        let gap = glyph.x - self.end_x;
        let separated = gap > SPACE_GAP_EM * glyph.size || gap < -BACKTRACK_EM * glyph.size;
        if glyph.blank || separated {
            self.push_space();
        }
        if !glyph.blank {
            if self.start_x.is_none() {
                self.start_x = Some(glyph.x);
            } else if gap > CELL_GAP_EM * glyph.size {
                self.anchors.push(glyph.x);
            }
            self.text.push_str(glyph.text);
            self.ink_end_x = glyph.end;
        }
        self.end_x = glyph.end;
        self.size = self.size.max(glyph.size);
    }

    /// Appends one space unless the line is empty or already ends with one;
    /// the first space closes the first word.
    fn push_space(&mut self) {
        if self.text.is_empty() || self.text.ends_with(' ') {
            return;
        }
        if self.first_word_end.is_none() {
            self.first_word_end = Some(self.ink_end_x);
        }
        self.text.push(' ');
    }

    /// The width of the first word.
    fn first_word_width(&self) -> f64 {
        self.first_word_end.unwrap_or(self.ink_end_x) - self.start_x.unwrap_or(self.ink_end_x)
    }
}

/// A paragraph being assembled from lines.
struct Paragraph<'l> {
    /// The joined text.
    text: String,
    /// The last line joined in.
    last: &'l Line,
    /// Left edges a continuation line may align with: the first line's start
    /// and every cell/tab anchor of the joined lines.
    anchors: Vec<f64>,
}

impl<'l> Paragraph<'l> {
    /// A paragraph holding one line.
    fn new(line: &'l Line) -> Self {
        let mut anchors = line.anchors.clone();
        anchors.extend(line.start_x);
        Paragraph { text: line.text.trim_end().to_string(), last: line, anchors }
    }

    /// Whether `next` continues this paragraph: it follows at a normal line
    /// pitch, in a similar font size, aligned with one of the anchors, is not
    /// a list item or a row of cells, and its first word would not have fitted
    /// at the end of the line above (so the line above was wrapped).
    fn continues_with(&self, next: &Line, right_edge: f64) -> bool {
        let prev = self.last;
        let size = prev.size.max(next.size);
        let pitch = next.y - prev.y;
        let Some(start) = next.start_x else {
            return false;
        };
        pitch > 0.0
            && pitch <= PARAGRAPH_GAP_EM * size
            && size <= MAX_SIZE_RATIO * prev.size.min(next.size)
            && next.anchors.is_empty()
            && !starts_with_bullet(&next.text)
            && self.anchors.iter().any(|a| (a - start).abs() <= ALIGN_TOLERANCE_EM * size)
            && is_wrapped(prev, next, right_edge)
    }

    /// Joins `next` on: a word hyphenated at the line end is closed up (the
    /// hyphen kept, a soft hyphen removed), otherwise a space separates.
    fn join(&mut self, next: &'l Line) {
        if self.text.ends_with('\u{AD}') {
            self.text.pop();
        } else if !ends_with_word_hyphen(&self.text) {
            self.text.push(' ');
        }
        self.text.push_str(next.text.trim_end());
        self.anchors.extend(next.start_x);
        self.last = next;
    }
}

/// Whether `prev` was wrapped before `next`: the first word of `next` would
/// not have fitted at its end (within [`FIT_SLACK_EM`] when `prev` does not
/// end a sentence or a label).
fn is_wrapped(prev: &Line, next: &Line, right_edge: f64) -> bool {
    let size = prev.size.max(next.size);
    let ends_clause = prev.text.trim_end().ends_with(['.', ':', ';', '!', '?']);
    let slack = if ends_clause { 0.0 } else { FIT_SLACK_EM * size };
    prev.ink_end_x + WORD_SPACE_EM * size + next.first_word_width() > right_edge - slack
}

/// Whether the text ends with a hyphen right after a letter ("by-").
fn ends_with_word_hyphen(text: &str) -> bool {
    let mut rev = text.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

/// Whether the gap from `prev` down to `next` is wider than a line pitch.
fn is_paragraph_gap(prev: &Line, next: &Line) -> bool {
    next.y - prev.y > PARAGRAPH_GAP_EM * prev.size.max(next.size)
}

/// Turns a page's lines into text: wrapped lines joined into paragraphs, a
/// blank line at each paragraph gap. `left` and `width` are the media box's.
fn lay_out_page(lines: &[Line], left: f64, width: f64) -> String {
    let lines: Vec<&Line> = lines.iter().filter(|l| l.start_x.is_some()).collect();
    let widest = lines.iter().map(|l| l.ink_end_x).fold(f64::MIN, f64::max);
    // With no credible right margin, no line counts as wrapped.
    let right_edge = if widest - left >= MIN_RIGHT_EDGE_RATIO * width { widest } else { f64::INFINITY };
    let mut out: Vec<String> = Vec::new();
    let mut current: Option<Paragraph> = None;
    for line in lines {
        match current.as_mut() {
            Some(para) if para.continues_with(line, right_edge) => para.join(line),
            Some(para) => {
                let gap = is_paragraph_gap(para.last, line);
                out.push(std::mem::take(&mut para.text));
                if gap {
                    out.push(String::new());
                }
                current = Some(Paragraph::new(line));
            }
            None => current = Some(Paragraph::new(line)),
        }
    }
    out.extend(current.map(|p| p.text));
    out.iter().map(|l| collapse_spaces(l)).collect::<Vec<_>>().join("\n")
}

/// Trims a line and collapses runs of spaces inside it.
fn collapse_spaces(line: &str) -> String {
    line.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Our [`OutputDev`]: collects glyphs into lines and lines into page text.
#[derive(Default)]
struct TextCollector {
    /// The current page's media box, as (left, width, height); the height
    /// flips y downwards.
    media: (f64, f64, f64),
    /// The current page's lines, in content-stream order.
    lines: Vec<Line>,
    /// The text of each finished page.
    pages: Vec<String>,
}

impl TextCollector {
    /// Adds a glyph to the current line, or starts a new line when the
    /// baseline moved.
    fn add_glyph(&mut self, glyph: &Glyph) {
        match self.lines.last_mut() {
            Some(line) if line.holds(glyph) => line.add(glyph),
            _ if glyph.blank => {}
            _ => self.lines.push(Line::starting_with(glyph)),
        }
    }
}

impl OutputDev for TextCollector {
    /// Starts a page: remembers its height and clears the lines.
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.media = (media_box.llx, media_box.urx - media_box.llx, media_box.ury - media_box.lly);
        self.lines.clear();
        Ok(())
    }

    /// Finishes a page: lays its lines out as text.
    fn end_page(&mut self) -> Result<(), OutputError> {
        let (left, width, _) = self.media;
        self.pages.push(lay_out_page(&self.lines, left, width));
        self.lines.clear();
        Ok(())
    }

    /// Places one decoded character.
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if let Some(glyph) = Glyph::place(trm, width, spacing, font_size, self.media.2, text) {
            self.add_glyph(&glyph);
        }
        Ok(())
    }

    /// Word boundaries come from glyph positions instead.
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    /// Word boundaries come from glyph positions instead.
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    /// Line boundaries come from glyph positions instead (`Td` also moves
    /// between words on one line).
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, EncryptionState, EncryptionVersion, Permissions, Stream};
    use std::time::{Duration, Instant};

    /// Every extraction in these tests must finish within this bound: a
    /// guard against hangs and quadratic blow-ups, not a benchmark. Release
    /// builds extract the real PDFs in ~3 ms/page and the largest generated
    /// case in ~0.25 s; unoptimized builds running tests in parallel on two
    /// cores (and symbolizing backtraces of caught panics when
    /// `RUST_BACKTRACE` is set) are up to 30 times slower.
    const TIME_BOUND: Duration = Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 5 });

    /// Extracts with `limits`, checking the time bound and printing the time
    /// (see it with `cargo test -- --nocapture`).
    fn timed_with(label: &str, bytes: &[u8], limits: &PdfLimits) -> Result<PdfText, Error> {
        let start = Instant::now();
        let result = extract_text(bytes, limits);
        let elapsed = start.elapsed();
        let outcome = match &result {
            Ok(t) => format!("ok, {} pages", t.pages),
            Err(e) => format!("{}: {}", e.kind(), e.message()),
        };
        eprintln!("[pdf timing] {label}: {elapsed:?} ({outcome})");
        assert!(elapsed < TIME_BOUND, "{label} took {elapsed:?}");
        result
    }

    /// [`timed_with`] under the default limits.
    fn timed(label: &str, bytes: &[u8]) -> Result<PdfText, Error> {
        timed_with(label, bytes, &PdfLimits::default())
    }

    /// The kind of a failed extraction; panics with the text if it succeeded.
    fn err_kind(result: Result<PdfText, Error>) -> ErrorKind {
        match result {
            Ok(t) => panic!("expected an error, got {} pages: {:?}", t.pages, t.text),
            Err(e) => e.kind(),
        }
    }

    /// A real vacancy proposal from fixtures/pdf.
    fn fixture(name: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf").join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// A content stream drawing `lines` in 11 pt Helvetica (/F1), one per
    /// visual line, 14 pt apart from the top of an A4 page.
    fn text_page(lines: &[&str]) -> Vec<u8> {
        let mut out = String::from("BT /F1 11 Tf 14 TL 72 770 Td\n");
        for line in lines {
            let escaped = line.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
            out.push_str(&format!("({escaped}) Tj T*\n"));
        }
        out.push_str("ET\n");
        out.into_bytes()
    }

    /// A PDF built in memory: a catalog, a page tree root carrying the A4
    /// media box and resources (/F1 = Helvetica), and pages added in order.
    struct TestPdf {
        /// The document being built.
        doc: Document,
        /// The page tree root.
        root: ObjectId,
        /// The shared resource dictionary.
        resources: ObjectId,
    }

    impl TestPdf {
        /// An empty document (zero pages).
        fn new() -> Self {
            let mut doc = Document::with_version("1.5");
            let root = doc.new_object_id();
            let font = doc.add_object(dictionary! {
                "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
                "Encoding" => "WinAnsiEncoding",
            });
            let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
            doc.objects.insert(
                root,
                Object::Dictionary(dictionary! {
                    "Type" => "Pages", "Kids" => Vec::<Object>::new(), "Count" => 0,
                    "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                    "Resources" => resources,
                }),
            );
            let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => root });
            doc.trailer.set("Root", catalog);
            TestPdf { doc, root, resources }
        }

        /// A document with one page per entry, each drawing its lines.
        fn with_pages(pages: &[&[&str]]) -> Self {
            let mut pdf = TestPdf::new();
            for lines in pages {
                pdf.add_page(&text_page(lines));
            }
            pdf
        }

        /// Adds a page drawing `content` and returns its id.
        fn add_page(&mut self, content: &[u8]) -> ObjectId {
            let stream = self.doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
            let page = self.doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => self.root, "Contents" => stream,
            });
            let root = self.dict(self.root);
            root.get_mut(b"Kids").unwrap().as_array_mut().unwrap().push(page.into());
            let count = root.get(b"Count").unwrap().as_i64().unwrap();
            root.set("Count", count + 1);
            page
        }

        /// The dictionary `id`, to edit.
        fn dict(&mut self, id: ObjectId) -> &mut Dictionary {
            self.doc.get_dictionary_mut(id).unwrap()
        }

        /// The saved file.
        fn bytes(mut self) -> Vec<u8> {
            let mut out = Vec::new();
            self.doc.save_to(&mut out).unwrap();
            out
        }
    }

    /// A tiny deterministic generator (xorshift64) for random bytes.
    fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect()
    }

    /// Checks what both real proposals must give.
    fn check_real(name: &str, post: &str) -> PdfText {
        let text = timed(name, &fixture(name)).expect("real PDF extracts");
        assert!(text.pages > 0);
        assert_eq!(text.text.matches(PAGE_SEPARATOR).count() as u32, text.pages - 1);
        assert!(text.text.contains(&format!("Post number: {post}")), "{}", text.text);
        assert!(text.text.lines().any(|l| l == "GENERAL INFORMATION:"));
        assert!(text.text.lines().any(|l| l == "Duty station: Geneva, Switzerland"));
        assert!(text.text.lines().any(|l| l.starts_with("Title: Junior Professional Officer")));
        assert!(text.text.lines().any(|l| l == "Grade: P2"));
        assert!(text.text.lines().any(|l| l.starts_with("\u{2022} ")), "bullets kept");
        assert!(!text.text.contains('\u{F0B7}'));
        text
    }

    #[test]
    fn real_proposal_2431_extracts() {
        let text = check_real("post-2431.pdf", "2431");
        assert_eq!(text.pages, 5);
        assert!(text.text.contains("Page 5 of 5"));
        let wrapped = "Department/ Field Office: Conditions of Work and Equality Department (WORKQUALITY)";
        assert!(text.text.lines().any(|l| l == wrapped));
    }

    #[test]
    fn real_proposal_2040_extracts() {
        let text = check_real("post-2040.pdf", "2040");
        assert_eq!(text.pages, 4);
        let wrapped =
            "Organisational unit: Inclusive Labour Markets, Labour Relations and Working Conditions Branch (INWORK)";
        assert!(text.text.lines().any(|l| l == wrapped), "value cell wrapped onto one line");
    }

    #[test]
    fn generated_pages_are_separated_by_form_feed_lines() {
        let pdf = TestPdf::with_pages(&[&["Post number: 1234", "Grade: P2"], &["Second page"]]);
        let text = timed("two pages", &pdf.bytes()).unwrap();
        assert_eq!(text.pages, 2);
        assert_eq!(text.text, "Post number: 1234\nGrade: P2\n\x0c\nSecond page");
    }

    #[test]
    fn over_the_byte_limit_is_too_large_before_parsing() {
        let bytes = TestPdf::with_pages(&[&["Hello world"]]).bytes();
        let limits = PdfLimits { max_bytes: bytes.len() - 1, ..PdfLimits::default() };
        assert_eq!(err_kind(timed_with("too large", &bytes, &limits)), ErrorKind::TooLarge);
        let garbage = vec![0u8; 100];
        let limits = PdfLimits { max_bytes: 99, ..PdfLimits::default() };
        assert_eq!(err_kind(timed_with("too large garbage", &garbage, &limits)), ErrorKind::TooLarge);
    }

    #[test]
    fn over_the_page_limit_is_too_many_pages() {
        let bytes = TestPdf::with_pages(&[&["One"], &["Two"], &["Three"]]).bytes();
        let limits = PdfLimits { max_pages: 2, ..PdfLimits::default() };
        assert_eq!(err_kind(timed_with("too many pages", &bytes, &limits)), ErrorKind::TooManyPages);
        let limits = PdfLimits { max_pages: 3, ..PdfLimits::default() };
        assert_eq!(timed_with("at the page limit", &bytes, &limits).unwrap().pages, 3);
    }

    #[test]
    fn truncated_files_are_malformed() {
        let bytes = fixture("post-2431.pdf");
        let n = bytes.len();
        for cut in [0, 9, 100, 1000, n / 4, n / 2, 3 * n / 4, n - 200, n - 30] {
            let result = timed(&format!("truncated at {cut}/{n}"), &bytes[..cut]);
            assert_eq!(err_kind(result), ErrorKind::PdfMalformed, "cut at {cut}");
        }
    }

    #[test]
    fn truncated_generated_file_never_panics() {
        let bytes = TestPdf::with_pages(&[&["Hello world"], &["Second page"]]).bytes();
        let start = Instant::now();
        for cut in 0..bytes.len() {
            match extract_text(&bytes[..cut], &PdfLimits::default()) {
                Ok(t) => assert!(t.text.contains("Hello")),
                Err(e) => assert_ne!(e.kind(), ErrorKind::PdfPanic, "cut {cut}: {e}"),
            }
        }
        eprintln!("[pdf timing] every truncation of a {} byte PDF: {:?}", bytes.len(), start.elapsed());
    }

    #[test]
    fn random_bytes_after_a_header_are_malformed() {
        for seed in 1..=8 {
            let mut bytes = b"%PDF-1.4\n".to_vec();
            bytes.extend(random_bytes(seed, 64 * 1024));
            let kind = err_kind(timed(&format!("random bytes, seed {seed}"), &bytes));
            assert_eq!(kind, ErrorKind::PdfMalformed, "seed {seed}");
        }
    }

    #[test]
    fn not_a_pdf_is_malformed() {
        assert_eq!(err_kind(timed("empty input", b"")), ErrorKind::PdfMalformed);
        assert_eq!(err_kind(timed("plain text", b"Post number: 1234\n")), ErrorKind::PdfMalformed);
    }

    #[test]
    fn zero_pages_is_no_pages() {
        let bytes = TestPdf::new().bytes();
        assert_eq!(err_kind(timed("zero pages", &bytes)), ErrorKind::PdfNoPages);
    }

    #[test]
    fn missing_page_tree_is_malformed() {
        let mut pdf = TestPdf::with_pages(&[&["Hello world"]]);
        let catalog = pdf.doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
        pdf.dict(catalog).remove(b"Pages");
        assert_eq!(err_kind(timed("no /Pages", &pdf.bytes())), ErrorKind::PdfMalformed);
    }

    /// Encrypts a one-page document with the standard security handler.
    fn encrypted(user_password: &str) -> Vec<u8> {
        let mut pdf = TestPdf::with_pages(&[&["Post number: 1234 encrypted"]]);
        let id = Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal);
        pdf.doc.trailer.set("ID", vec![id.clone(), id]);
        let version = EncryptionVersion::V2 {
            document: &pdf.doc,
            owner_password: "owner",
            user_password,
            key_length: 128,
            permissions: Permissions::PRINTABLE,
        };
        let state = EncryptionState::try_from(version).unwrap();
        pdf.doc.encrypt(&state).unwrap();
        pdf.bytes()
    }

    #[test]
    fn user_password_encryption_is_encrypted() {
        let bytes = encrypted("secret");
        assert_eq!(err_kind(timed("RC4 user password", &bytes)), ErrorKind::PdfEncrypted);
    }

    #[test]
    fn owner_password_only_encryption_is_extracted() {
        let bytes = encrypted("");
        let text = timed("RC4 owner password only", &bytes).unwrap();
        assert_eq!(text.text, "Post number: 1234 encrypted");
    }

    #[test]
    fn bogus_encrypt_dictionary_is_encrypted() {
        let unsupported = dictionary! { "Filter" => "FancyHandler", "V" => 9, "R" => 9 };
        let mut pdf = TestPdf::with_pages(&[&["Hello world"]]);
        let id = pdf.doc.add_object(unsupported.clone());
        pdf.doc.trailer.set("Encrypt", id);
        assert_eq!(err_kind(timed("unknown security handler", &pdf.bytes())), ErrorKind::PdfEncrypted);
        let mut pdf = TestPdf::with_pages(&[&["Hello world"]]);
        pdf.doc.trailer.set("Encrypt", unsupported);
        assert_eq!(err_kind(timed("direct /Encrypt dictionary", &pdf.bytes())), ErrorKind::PdfEncrypted);
    }

    #[test]
    fn missing_font_resource_is_caught_as_a_panic() {
        let mut pdf = TestPdf::new();
        pdf.add_page(b"BT /F9 11 Tf 72 770 Td (Hello) Tj ET");
        let err = timed("missing font resource", &pdf.bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PdfPanic);
        assert!(err.message().starts_with("the PDF extractor panicked: "), "{}", err.message());
        let mut pdf = TestPdf::with_pages(&[&["Hello world"]]);
        let resources = pdf.resources;
        pdf.dict(resources).remove(b"Font");
        assert_eq!(err_kind(timed("no font dictionary", &pdf.bytes())), ErrorKind::PdfPanic);
    }

    #[test]
    fn kids_pointing_back_to_the_parent_drop_the_repeats() {
        let mut pdf = TestPdf::with_pages(&[&["Only page"]]);
        let root = pdf.root;
        pdf.dict(root).get_mut(b"Kids").unwrap().as_array_mut().unwrap().push(root.into());
        let text = timed("Kids cycle to the root", &pdf.bytes()).unwrap();
        assert_eq!((text.pages, text.text.as_str()), (1, "Only page"));
    }

    #[test]
    fn the_same_page_listed_twice_is_dropped() {
        let mut pdf = TestPdf::with_pages(&[&["First"], &["Second"]]);
        let root = pdf.root;
        let kids = pdf.dict(root).get_mut(b"Kids").unwrap().as_array_mut().unwrap();
        let first = kids[0].clone();
        kids.push(first);
        let text = timed("page listed twice", &pdf.bytes()).unwrap();
        assert_eq!((text.pages, text.text.as_str()), (2, "First\n\x0c\nSecond"));
    }

    #[test]
    fn identical_page_text_is_dropped() {
        let pdf = TestPdf::with_pages(&[&["Same text"], &["Other text"], &["Same text"]]);
        let text = timed("identical page text", &pdf.bytes()).unwrap();
        assert_eq!((text.pages, text.text.as_str()), (2, "Same text\n\x0c\nOther text"));
    }

    #[test]
    fn a_looping_parent_chain_is_malformed() {
        let mut pdf = TestPdf::new();
        let page = pdf.add_page(&text_page(&["Hello"]));
        let root = pdf.root;
        let node = pdf.doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 });
        pdf.dict(node).set("Parent", node);
        pdf.dict(page).set("Parent", node);
        pdf.dict(root).set("Kids", vec![Object::from(node)]);
        pdf.dict(root).remove(b"MediaBox");
        assert_eq!(err_kind(timed("/Parent cycle", &pdf.bytes())), ErrorKind::PdfMalformed);
    }

    #[test]
    fn a_very_deep_page_tree_is_malformed() {
        let mut pdf = TestPdf::new();
        let page = pdf.add_page(&text_page(&["Hello"]));
        let mut child = page;
        for _ in 0..300 {
            let node =
                pdf.doc.add_object(dictionary! { "Type" => "Pages", "Kids" => vec![child.into()], "Count" => 1 });
            pdf.dict(child).set("Parent", node);
            child = node;
        }
        let root = pdf.root;
        pdf.dict(child).set("Parent", root);
        pdf.dict(root).set("Kids", vec![Object::from(child)]);
        assert_eq!(err_kind(timed("300-level page tree", &pdf.bytes())), ErrorKind::PdfMalformed);
    }

    /// Adds a form XObject drawing `content` under resources `xobjects`.
    fn add_form(pdf: &mut TestPdf, content: &[u8]) -> ObjectId {
        let dict = dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] };
        pdf.doc.add_object(Stream::new(dict, content.to_vec()))
    }

    #[test]
    fn a_form_drawing_itself_is_malformed() {
        let mut pdf = TestPdf::new();
        let form = add_form(&mut pdf, b"/X1 Do");
        let resources = pdf.resources;
        pdf.dict(resources).set("XObject", dictionary! { "X1" => form });
        pdf.add_page(b"/X1 Do");
        assert_eq!(err_kind(timed("self-drawing form", &pdf.bytes())), ErrorKind::PdfMalformed);
    }

    #[test]
    fn deeply_nested_forms_are_malformed_and_shallow_ones_extract() {
        let cases = [(3, None), (MAX_XOBJECT_DEPTH, None), (MAX_XOBJECT_DEPTH + 1, Some(ErrorKind::PdfMalformed))];
        for (depth, expected) in cases {
            let mut pdf = TestPdf::new();
            let mut inner = add_form(&mut pdf, &text_page(&["Deep text"]));
            for level in 1..depth {
                let outer = add_form(&mut pdf, format!("/X{level} Do").as_bytes());
                let mut resources = pdf.doc.get_dictionary(pdf.resources).unwrap().clone();
                resources.set("XObject", dictionary! { format!("X{level}") => inner });
                let stream = pdf.doc.get_object_mut(outer).unwrap().as_stream_mut().unwrap();
                stream.dict.set("Resources", resources);
                inner = outer;
            }
            let resources = pdf.resources;
            pdf.dict(resources).set("XObject", dictionary! { "Top" => inner });
            pdf.add_page(b"/Top Do");
            let result = timed(&format!("forms nested {depth} deep"), &pdf.bytes());
            match expected {
                None => assert_eq!(result.unwrap().text, "Deep text"),
                Some(kind) => assert_eq!(err_kind(result), kind),
            }
        }
    }

    #[test]
    fn corrupt_content_streams_never_escape() {
        let cases: [(&str, Vec<u8>); 7] = [
            ("random content bytes", random_bytes(7, 16 * 1024)),
            ("unterminated string", b"BT /F1 11 Tf 72 770 Td (Hello Tj ET".to_vec()),
            ("operators without operands", b"BT Tf Td Tj TJ ET cm Tm".to_vec()),
            ("deeply nested arrays", [vec![b'['; 100_000], b" Tj".to_vec()].concat()),
            ("Tj of a number", b"BT /F1 11 Tf 72 770 Td 42 Tj ET".to_vec()),
            ("Tm with exponent numbers", b"BT /F1 11 Tf 1e308 0 0 1e308 1e308 1e308 Tm (Hello) Tj ET".to_vec()),
            ("huge text matrix", b"BT /F1 11 Tf 99999999999 0 0 99999999999 99999999999 9 Tm (Hello) Tj ET".to_vec()),
        ];
        for (label, content) in cases {
            let mut pdf = TestPdf::new();
            pdf.add_page(&content);
            match timed(label, &pdf.bytes()) {
                Ok(text) => assert!(!text.text.is_empty(), "{label}"),
                Err(e) => assert!(
                    matches!(e.kind(), ErrorKind::PdfNoText | ErrorKind::PdfPanic | ErrorKind::PdfMalformed),
                    "{label}: {e}"
                ),
            }
        }
    }

    #[test]
    fn corrupt_compressed_content_is_no_text() {
        let mut pdf = TestPdf::new();
        let page = pdf.add_page(b"");
        let contents = pdf.doc.get_dictionary(page).unwrap().get(b"Contents").unwrap().as_reference().unwrap();
        let stream = pdf.doc.get_object_mut(contents).unwrap().as_stream_mut().unwrap();
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(random_bytes(3, 4096));
        assert_eq!(err_kind(timed("corrupt FlateDecode content", &pdf.bytes())), ErrorKind::PdfNoText);
    }

    #[test]
    fn an_image_only_page_is_no_text() {
        let mut pdf = TestPdf::new();
        let image = dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 64, "Height" => 64,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        };
        let image = pdf.doc.add_object(Stream::new(image, random_bytes(5, 64 * 64)));
        let resources = pdf.resources;
        pdf.dict(resources).set("XObject", dictionary! { "Im1" => image });
        pdf.add_page(b"q 595 0 0 842 0 0 cm /Im1 Do Q");
        let err = timed("scanned page (image only)", &pdf.bytes()).unwrap_err();
        assert_eq!((err.kind(), err.message()), (ErrorKind::PdfNoText, NO_TEXT_MESSAGE));
    }

    #[test]
    fn vector_graphics_only_is_no_text() {
        let mut pdf = TestPdf::new();
        pdf.add_page(b"0 0 1 rg 72 72 200 100 re f");
        assert_eq!(err_kind(timed("vector graphics only", &pdf.bytes())), ErrorKind::PdfNoText);
    }

    #[test]
    fn text_that_is_mostly_not_letters_is_no_text() {
        let pdf = TestPdf::with_pages(&[&["#### 1234 5678 90 %%% *** ,,, ... Ok"]]);
        assert_eq!(err_kind(timed("mostly symbols", &pdf.bytes())), ErrorKind::PdfNoText);
        let mut pdf = TestPdf::new();
        pdf.add_page(b"BT /F1 11 Tf 72 770 Td <0102030405060708090a0b0c0d0e0f> Tj (ab) Tj ET");
        assert_eq!(err_kind(timed("control characters", &pdf.bytes())), ErrorKind::PdfNoText);
    }

    #[test]
    fn many_objects_extract_within_bounds() {
        let mut pdf = TestPdf::with_pages(&[&["Post number: 1234"]]);
        for i in 0..200_000 {
            pdf.doc.add_object(Object::Integer(i));
        }
        let bytes = pdf.bytes();
        let text = timed(&format!("200000 objects, {} bytes", bytes.len()), &bytes).unwrap();
        assert_eq!(text.text, "Post number: 1234");
    }

    #[test]
    fn many_pages_extract_within_bounds() {
        let body = ["Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod."; 10];
        let pages: Vec<Vec<String>> =
            (1..=200).map(|n| std::iter::once(format!("Page {n}")).chain(body.map(String::from)).collect()).collect();
        let pages: Vec<Vec<&str>> = pages.iter().map(|p| p.iter().map(String::as_str).collect()).collect();
        let pages: Vec<&[&str]> = pages.iter().map(Vec::as_slice).collect();
        let pdf = TestPdf::with_pages(&pages);
        let text = timed("200 pages of 11 lines", &pdf.bytes()).unwrap();
        assert_eq!(text.pages, 200);
    }

    #[test]
    fn huge_object_numbers_in_the_xref_are_malformed_or_read() {
        let body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
                    2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n";
        let xref_at = body.len();
        let cases = [
            format!("xref\n0 4000000000\n0000000000 65535 f \ntrailer << /Size 4000000000 /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"),
            format!("xref\n4294967290 3\n0000000009 00000 n \n0000000009 00000 n \n0000000009 00000 n \ntrailer << /Size 4294967293 /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n"),
            "trailer << /Size 2147483647 /Root 1 0 R >>\nstartxref\n999999999999\n%%EOF\n".to_string(),
        ];
        for (i, tail) in cases.iter().enumerate() {
            let bytes = format!("{body}{tail}").into_bytes();
            let kind = err_kind(timed(&format!("huge xref numbers, case {i}"), &bytes));
            assert!(matches!(kind, ErrorKind::PdfMalformed | ErrorKind::PdfNoPages), "case {i}: {kind}");
        }
    }

    /// A collector fed glyphs directly: `(text, x, baseline from the top,
    /// font size)`, on an A4 page, each glyph 0.5 em wide.
    fn lay_out(glyphs: &[(&str, f64, f64, f64)]) -> String {
        let media = MediaBox { llx: 0.0, lly: 0.0, urx: 595.0, ury: 842.0 };
        let mut collector = TextCollector::default();
        collector.begin_page(1, &media, None).unwrap();
        for &(text, x, y, size) in glyphs {
            let mut x = x;
            for c in text.chars() {
                let trm = Transform::row_major(1.0, 0.0, 0.0, 1.0, x, 842.0 - y);
                collector.output_character(&trm, 0.5, 0.0, size, &c.to_string()).unwrap();
                x += 0.5 * size;
            }
        }
        collector.end_page().unwrap();
        collector.pages.pop().unwrap()
    }

    #[test]
    fn cells_on_one_baseline_read_label_space_value() {
        let text = lay_out(&[
            ("Title:", 62.5, 100.0, 10.0),
            ("Junior", 209.9, 100.0, 10.0),
            ("Grade:", 62.5, 115.0, 10.0),
            ("P2", 209.9, 115.0, 10.0),
        ]);
        assert_eq!(text, "Title: Junior\nGrade: P2");
    }

    #[test]
    fn superscripts_stay_on_their_line_and_small_gaps_add_no_space() {
        let text = lay_out(&[("1", 62.5, 100.0, 10.0), ("st", 67.5, 96.5, 6.0), ("of", 77.0, 100.0, 10.0)]);
        assert_eq!(text, "1st of");
    }

    #[test]
    fn wrapped_lines_join_and_paragraph_gaps_become_blank_lines() {
        let long = "x".repeat(90); // 90 glyphs of 5 pt from 62.5: ends at 512.5
        let item = "y".repeat(86); // from the text indent 80.5: ends at 510.5
        let text = lay_out(&[
            (&long, 62.5, 100.0, 10.0),
            ("wrapped", 62.5, 112.0, 10.0),
            ("Next paragraph", 62.5, 140.0, 10.0),
            ("\u{F0B7}", 62.5, 152.0, 10.0),
            (&item, 80.5, 152.0, 10.0),
            ("continued", 80.5, 164.0, 10.0),
            ("\u{F0B7}", 62.5, 176.0, 10.0),
            ("Second", 80.5, 176.0, 10.0),
        ]);
        let expected = format!("{long} wrapped\n\nNext paragraph\n\u{2022} {item} continued\n\u{2022} Second");
        assert_eq!(text, expected);
    }

    #[test]
    fn hyphenated_line_ends_close_up_when_joined() {
        let text = lay_out(&[
            ("word ".repeat(18).as_str(), 62.5, 100.0, 10.0),
            ("by-", 512.5, 100.0, 10.0),
            ("product", 62.5, 112.0, 10.0),
        ]);
        assert!(text.ends_with(" by-product"), "{text}");
    }

    #[test]
    fn short_line_pages_are_never_joined() {
        let text = lay_out(&[("Post number: 1234", 62.5, 100.0, 10.0), ("Grade: P2", 62.5, 112.0, 10.0)]);
        assert_eq!(text, "Post number: 1234\nGrade: P2");
    }
}
