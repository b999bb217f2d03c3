//! Helpers shared by the integration tests and the benchmarks.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

#[path = "../../fuzz/src/invariants.rs"]
mod invariants;

/// The crate's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The text fixtures in `fixtures/` and in the given sub-folders, sorted.
pub fn text_fixtures(subdirs: &[&str]) -> Vec<PathBuf> {
    let base = root().join("fixtures");
    let mut out: Vec<PathBuf> = std::iter::once(base.clone())
        .chain(subdirs.iter().map(|d| base.join(d)))
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|rd| rd.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

/// A fixture's text: UTF-8, or UTF-16 after its byte-order mark (a
/// Windows "Unicode" save), as the parser reads it; its lines are the
/// lines the record numbers.
pub fn read_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("a fixture");
    let utf16 = |b: &[u8], le: bool| {
        let units =
            b.chunks_exact(2)
                .map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
        char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect()
    };
    match bytes.get(..2) {
        Some([0xFF, 0xFE]) => utf16(&bytes[2..], true),
        Some([0xFE, 0xFF]) => utf16(&bytes[2..], false),
        _ => String::from_utf8(bytes).expect("a UTF-8 fixture"),
    }
}

/// The value of every field of a record's JSON, by path (`.general.title`),
/// without confidence, flags, lines, source or residue: the fuzz targets'
/// walk, shared.
pub fn record_values(json: &str) -> Vec<(String, Value)> {
    invariants::field_values(&serde_json::from_str(json).expect("record JSON"))
}
