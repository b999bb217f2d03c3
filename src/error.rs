//! Errors: only for I/O, configured limits and PDFs that cannot be read.
//!
//! Messy text is never an error: [`crate::parse_text`] and
//! [`crate::parse_bytes`] always return a record. An [`Error`] means there was
//! no text to parse at all.

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong, so that a caller can decide what to do next.
///
/// New kinds may be added in minor releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read (missing, permission denied, a directory).
    /// Check the path; retrying only helps for transient I/O failures.
    Io,
    /// The input is larger than [`crate::Options::max_input_bytes`]. Raise the
    /// limit if the file is genuine.
    TooLarge,
    /// The PDF has more pages than [`crate::Options::max_pdf_pages`].
    TooManyPages,
    /// The bytes start like a PDF but its structure cannot be parsed
    /// (truncated, corrupt cross-reference table, broken page tree).
    /// Re-export the document or run it through a PDF repair tool.
    PdfMalformed,
    /// The PDF has no pages.
    PdfNoPages,
    /// The PDF is encrypted; supply an unencrypted copy.
    PdfEncrypted,
    /// The PDF was read but its text layer is empty or unusable (a scanned
    /// image, or fonts without a Unicode map). The document needs OCR.
    PdfNoText,
    /// The PDF extractor panicked on this file. The file is reported as
    /// failed; other files are unaffected.
    PdfPanic,
    /// PDF input was given but the crate was built without the `pdf` feature.
    PdfUnsupported,
}

impl ErrorKind {
    /// A stable snake_case name, used in the CLI's error reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TooManyPages => "too_many_pages",
            ErrorKind::PdfMalformed => "pdf_malformed",
            ErrorKind::PdfNoPages => "pdf_no_pages",
            ErrorKind::PdfEncrypted => "pdf_encrypted",
            ErrorKind::PdfNoText => "pdf_no_text",
            ErrorKind::PdfPanic => "pdf_panic",
            ErrorKind::PdfUnsupported => "pdf_unsupported",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error from reading or decoding an input. Its message reads
/// "context: path: problem".
#[derive(Debug, thiserror::Error)]
#[error("{context}: {}{message}", path_prefix(.path.as_deref()))]
pub struct Error {
    kind: ErrorKind,
    context: &'static str,
    path: Option<PathBuf>,
    message: String,
    #[source]
    source: Option<std::io::Error>,
}

fn path_prefix(path: Option<&Path>) -> String {
    match path {
        Some(p) => format!("{}: ", p.display()),
        None => String::new(),
    }
}

impl Error {
    /// Builds an error of `kind` with a context ("reading input",
    /// "extracting PDF text") and a message.
    pub(crate) fn new(kind: ErrorKind, context: &'static str, message: impl Into<String>) -> Self {
        Error { kind, context, path: None, message: message.into(), source: None }
    }

    /// Wraps an I/O error.
    pub(crate) fn io(context: &'static str, path: &Path, err: std::io::Error) -> Self {
        Error {
            kind: ErrorKind::Io,
            context,
            path: Some(path.to_path_buf()),
            message: err.to_string(),
            source: Some(err),
        }
    }

    /// Attaches the path of the file the error is about.
    pub(crate) fn with_path(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file the error is about, when known.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The problem, without context or path.
    pub fn message(&self) -> &str {
        &self.message
    }
}
