#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod decode;
mod error;
mod extract;
mod normalize;
#[cfg(feature = "pdf")]
mod pdf;
pub mod record;
mod segment;
mod template;
mod text;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use error::{Error, ErrorKind};
pub use record::{
    Confidence, Duration, Field, FieldRef, FieldValue, Flag, Residue, ResidueKind, Source, SourceFormat, Supervisor,
    Unit, Vacancy, SCHEMA_VERSION,
};

/// The default for [`Options::max_input_bytes`]: 64 MiB. The largest real
/// vacancy text is about 20 KB and the largest PDF about 1 MB; anything this
/// big is not a vacancy proposal.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The default for [`Options::max_pdf_pages`]: a vacancy proposal has 3 to
/// 6 pages; 200 leaves room for annexes while bounding the work on a
/// mislabeled book.
pub const DEFAULT_MAX_PDF_PAGES: u32 = 200;

/// Bytes that mark a PDF file.
const PDF_MAGIC: &[u8] = b"%PDF-";

/// How far into a file the PDF marker is looked for (some writers put
/// bytes before it).
const PDF_MAGIC_WINDOW: usize = 1024;

/// Parser settings. Build with [`Options::default`] and adjust fields.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Inputs read by [`Parser::parse_path`] larger than this are refused
    /// with [`ErrorKind::TooLarge`] before they are read.
    pub max_input_bytes: u64,
    /// PDFs with more pages are refused with [`ErrorKind::TooManyPages`].
    pub max_pdf_pages: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_input_bytes: DEFAULT_MAX_INPUT_BYTES, max_pdf_pages: DEFAULT_MAX_PDF_PAGES }
    }
}

/// A configured parser. Cheap to create, `Send + Sync`, reusable across
/// files and threads (its regular expressions are compiled once per
/// process).
#[derive(Debug, Clone, Default)]
pub struct Parser {
    options: Options,
}

impl Parser {
    /// A parser with the given options.
    pub fn new(options: Options) -> Self {
        Parser { options }
    }

    /// The parser's options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Parses extracted text. Never fails: messy text gives a record with
    /// low-confidence fields and residue.
    pub fn parse_text(&self, text: &str) -> Vacancy {
        build(text, false, source(None, SourceFormat::Text, text.as_bytes()))
    }

    /// Parses text given as bytes in any common encoding (UTF-8 with or
    /// without BOM, UTF-16 with BOM, Windows-1252). Invalid bytes are
    /// replaced and the affected fields flagged `repaired`. Never fails.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Vacancy {
        self.parse_bytes_named(bytes, None)
    }

    fn parse_bytes_named(&self, bytes: &[u8], name: Option<String>) -> Vacancy {
        let decoded = decode::decode(bytes);
        build(&decoded.text, decoded.lossy, source(name, SourceFormat::Text, bytes))
    }

    /// Parses a PDF through its text layer.
    ///
    /// # Errors
    /// [`ErrorKind::TooLarge`], [`ErrorKind::TooManyPages`], the `Pdf*`
    /// kinds for files that cannot be read, and [`ErrorKind::PdfUnsupported`]
    /// when built without the `pdf` feature. The call has no timeout of its
    /// own: run it in a separate process to bound its time (the CLI does).
    pub fn parse_pdf(&self, bytes: &[u8]) -> Result<Vacancy, Error> {
        self.parse_pdf_named(bytes, None)
    }

    fn parse_pdf_named(&self, bytes: &[u8], name: Option<String>) -> Result<Vacancy, Error> {
        let text = self.pdf_text(bytes)?;
        Ok(build(&text, false, source(name, SourceFormat::Pdf, bytes)))
    }

    /// The text a PDF's record is parsed from: the text layer, pages
    /// separated by form feeds. Line numbers in a PDF's record refer to this
    /// text.
    ///
    /// # Errors
    /// As [`Parser::parse_pdf`].
    pub fn pdf_text(&self, bytes: &[u8]) -> Result<String, Error> {
        if bytes.len() as u64 > self.options.max_input_bytes {
            return Err(Error::new(
                ErrorKind::TooLarge,
                "reading PDF",
                format!("{} bytes, over the limit of {}", bytes.len(), self.options.max_input_bytes),
            ));
        }
        #[cfg(feature = "pdf")]
        {
            let limits = pdf::PdfLimits {
                max_bytes: usize::try_from(self.options.max_input_bytes).unwrap_or(usize::MAX),
                max_pages: self.options.max_pdf_pages,
            };
            pdf::extract_text(bytes, &limits).map(|t| t.text)
        }
        #[cfg(not(feature = "pdf"))]
        {
            Err(Error::new(
                ErrorKind::PdfUnsupported,
                "reading PDF",
                "this build has no PDF support (the `pdf` feature is off)",
            ))
        }
    }

    /// Reads and parses a file: a PDF when its content starts with `%PDF-`
    /// (whatever its name), text otherwise. The record's `source.name` is the
    /// file name, never the path.
    ///
    /// # Errors
    /// [`ErrorKind::Io`] when the file cannot be read, [`ErrorKind::TooLarge`]
    /// above [`Options::max_input_bytes`], and the PDF kinds of
    /// [`Parser::parse_pdf`].
    pub fn parse_path(&self, path: &Path) -> Result<Vacancy, Error> {
        let bytes = self.read(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if is_pdf(&bytes) {
            self.parse_pdf_named(&bytes, name).map_err(|e| e.with_path(path))
        } else {
            Ok(self.parse_bytes_named(&bytes, name))
        }
    }

    /// Reads a file within the size limit.
    ///
    /// # Errors
    /// [`ErrorKind::Io`], [`ErrorKind::TooLarge`].
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Error> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io("reading input", path, e))?;
        if meta.is_dir() {
            return Err(Error::io(
                "reading input",
                path,
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "is a directory"),
            ));
        }
        if meta.len() > self.options.max_input_bytes {
            return Err(Error::new(
                ErrorKind::TooLarge,
                "reading input",
                format!("{} bytes, over the limit of {}", meta.len(), self.options.max_input_bytes),
            )
            .with_path(path));
        }
        std::fs::read(path).map_err(|e| Error::io("reading input", path, e))
    }
}

/// The normalized text the parser works on: one line per input line, list
/// markers shown as `• `, a line of HTML markup alone empty, the lines of
/// an e-mail joined by soft line breaks on the first of them. For tests of the normalizer (idempotence); not a
/// stable API.
#[doc(hidden)]
pub fn __normalize_text(text: &str) -> String {
    let lines = normalize::normalize(text, false);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // the line of the output that a soft line break continues
    let mut open: Option<usize> = None;
    let mut prev_cut = false;
    for l in &lines {
        let mut t = String::new();
        if !l.markup_only {
            if l.bullet.is_some() {
                t.push_str("• ");
            }
            t.push_str(&l.text);
        }
        // a line that goes on after a soft break is the same line of the
        // document: written there, so that normalizing again reads it so
        match open.filter(|_| !t.is_empty()) {
            Some(at) => {
                if !prev_cut {
                    out[at].push(' ');
                }
                out[at].push_str(&t);
                out.push(String::new());
            }
            None => out.push(t),
        }
        open = if l.continued { open.or(Some(out.len() - 1)) } else { None };
        prev_cut = l.cut;
    }
    out.join("\n")
}

/// The pipeline's stages one by one, for the benchmarks (a regression
/// points at its stage). Not a stable API.
#[doc(hidden)]
pub mod __stages {
    use crate::{extract, normalize, segment};

    /// Normalized lines.
    pub struct Normalized(pub(crate) Vec<normalize::Line>);
    /// Segmented fields.
    pub struct Segmented(pub(crate) segment::Collected);
    /// The extracted record.
    pub struct Extracted(pub crate::Vacancy);

    /// Decode bytes to text; returns the text's length.
    pub fn decode(bytes: &[u8]) -> usize {
        crate::decode::decode(bytes).text.len()
    }

    /// Normalize text into lines.
    pub fn normalize(text: &str) -> Normalized {
        Normalized(normalize::normalize(text, false))
    }

    /// Segment normalized lines.
    pub fn segment(n: &Normalized) -> Segmented {
        Segmented(segment::builder::collect(&n.0))
    }

    /// Extract typed values (consumes the segmentation, as the pipeline
    /// does).
    pub fn extract(n: &Normalized, s: Segmented) -> Extracted {
        let source = crate::Source { name: None, format: crate::SourceFormat::Text, sha256: String::new() };
        Extracted(extract::extract(&n.0, s.0, source))
    }
}

/// Whether bytes are a PDF: `%PDF-` within the first kilobyte.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(PDF_MAGIC_WINDOW)];
    window.windows(PDF_MAGIC.len()).any(|w| w == PDF_MAGIC)
}

/// Parses extracted text with default options. Never fails.
///
/// ```
/// let record = vacancy_ingest::parse_text("Post number: 2431\nMonth of issue: October\n");
/// assert_eq!(record.header.post_number.value.as_deref(), Some("2431"));
/// assert_eq!(record.header.issue_month.value, Some(10));
/// ```
pub fn parse_text(text: &str) -> Vacancy {
    Parser::default().parse_text(text)
}

/// Parses text bytes in any common encoding with default options. Never
/// fails.
pub fn parse_bytes(bytes: &[u8]) -> Vacancy {
    Parser::default().parse_bytes(bytes)
}

/// Parses a PDF with default options.
///
/// # Errors
/// See [`Parser::parse_pdf`].
pub fn parse_pdf(bytes: &[u8]) -> Result<Vacancy, Error> {
    Parser::default().parse_pdf(bytes)
}

/// Reads and parses a text or PDF file with default options.
///
/// # Errors
/// See [`Parser::parse_path`].
pub fn parse_path(path: impl AsRef<Path>) -> Result<Vacancy, Error> {
    Parser::default().parse_path(path.as_ref())
}

fn source(name: Option<String>, format: SourceFormat, bytes: &[u8]) -> Source {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    Source { name, format, sha256: hex }
}

/// The pipeline: normalize, segment, extract, assemble.
fn build(text: &str, lossy: bool, source: Source) -> Vacancy {
    let lines = normalize::normalize(text, lossy);
    let collected = segment::builder::collect(&lines);
    let mut v = extract::extract(&lines, collected, source);
    account_for_every_line(&mut v, &lines);
    v
}

/// Every `lines` range of the record's fields.
fn field_ranges(v: &Vacancy) -> Vec<[u32; 2]> {
    let h = &v.header;
    let g = &v.general;
    let q = &v.qualifications;
    [
        h.post_number.lines,
        h.issue_month.lines,
        h.issue_year.lines,
        h.submission_email.lines,
        g.title.lines,
        g.duty_station.lines,
        g.duration.lines,
        g.grade.lines,
        g.department.lines,
        g.organisational_unit.lines,
        v.supervision.supervisor.lines,
        v.supervision.methodology.lines,
        v.introduction.lines,
        v.duties.responsibilities.lines,
        v.duties.key_outputs.lines,
        q.education.minimum.lines,
        q.education.desirable.lines,
        q.work_experience.minimum.lines,
        q.work_experience.desirable.lines,
        q.skills.minimum.lines,
        q.skills.desirable.lines,
        q.languages.minimum.lines,
        q.languages.desirable.lines,
        q.competencies.lines,
        v.learning.training_components.lines,
        v.learning.learning_elements.lines,
        v.background.lines,
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The safety net of "nothing lost": any non-blank line that no field and
/// no residue entry covers goes to residue as `unclassified`. Residue is
/// then put in input order.
fn account_for_every_line(v: &mut Vacancy, lines: &[normalize::Line]) {
    // the highest line number (lines of an attached file share numbers)
    let n = lines.iter().map(|l| l.no as usize).max().unwrap_or(0);
    let mut covered = vec![false; n + 2];
    let mut mark = |r: [u32; 2]| {
        let (a, b) = (r[0] as usize, (r[1] as usize).min(n));
        for c in covered.iter_mut().take(b + 1).skip(a) {
            *c = true;
        }
    };
    field_ranges(v).into_iter().for_each(&mut mark);
    v.residue.iter().for_each(|r| mark(r.lines));
    let mut extra: Vec<Residue> = Vec::new();
    for l in lines {
        if l.is_blank() || covered[l.no as usize] {
            continue;
        }
        match extra.last_mut() {
            Some(r) if r.lines[1] + 1 == l.no => {
                r.lines[1] = l.no;
                if !l.text.is_empty() {
                    r.text.push(' ');
                    r.text.push_str(&l.text);
                }
            }
            _ => extra.push(Residue { kind: ResidueKind::Unclassified, text: l.text.clone(), lines: [l.no, l.no] }),
        }
    }
    v.residue.extend(extra);
    v.residue.sort_by_key(|r| (r.lines[0], r.lines[1]));
}
