//! The PDF path: each bundled PDF gives the record of its text twin (a
//! differential test on every value) and has a snapshot of its own.
#![cfg(feature = "pdf")]

mod common;

use common::{record_values, root};
use vacancy_ingest::{parse_path, ErrorKind, Parser, SourceFormat};

#[test]
fn pdf_records_equal_their_text_twins() {
    for name in ["post-2431", "post-2040"] {
        let pdf = parse_path(root().join(format!("fixtures/pdf/{name}.pdf"))).unwrap();
        let txt = parse_path(root().join(format!("fixtures/{name}.txt"))).unwrap();
        assert_eq!(pdf.source.format, SourceFormat::Pdf);
        assert_eq!(pdf.source.name.as_deref(), Some(format!("{name}.pdf").as_str()));
        let (a, b) = (record_values(&pdf.to_json_pretty()), record_values(&txt.to_json_pretty()));
        assert_eq!(a.len(), b.len());
        for ((path, va), (_, vb)) in a.iter().zip(&b) {
            assert_eq!(va, vb, "{name}: {path}");
        }
    }
}

#[test]
fn pdf_lines_refer_to_the_extracted_text() {
    let parser = Parser::default();
    for name in ["post-2431", "post-2040"] {
        let bytes = std::fs::read(root().join(format!("fixtures/pdf/{name}.pdf"))).unwrap();
        let text = parser.pdf_text(&bytes).unwrap();
        let record = parser.parse_pdf(&bytes).unwrap();
        let lines: Vec<&str> = text.split('\n').collect();
        let [a, b] = record.general.title.lines.unwrap();
        let span = lines[a as usize - 1..b as usize].join(" ");
        assert!(span.contains("Title"), "{name}: title lines {a}-{b} do not hold the title: {span:?}");
        // running page headers and footers are residue, not content
        assert!(record.residue.iter().any(|r| r.text.contains("Page 1 of")), "{name}: page footer not in residue");
    }
}

#[test]
fn pdf_fixture_records() {
    insta::glob!("../fixtures/pdf", "*.pdf", |path| {
        insta::assert_json_snapshot!(parse_path(path).unwrap());
    });
}

#[test]
fn content_not_name_decides_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let disguised = dir.path().join("report.txt");
    std::fs::copy(root().join("fixtures/pdf/post-2431.pdf"), &disguised).unwrap();
    let record = parse_path(&disguised).unwrap();
    assert_eq!(record.source.format, SourceFormat::Pdf);
    assert_eq!(record.header.post_number.value.as_deref(), Some("2431"));
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.4\nnot really").unwrap();
    let err = parse_path(&broken).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PdfMalformed);
    assert!(err.to_string().contains("broken.pdf"), "the message names the file: {err}");
}
