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

/// The value of every field of a record's JSON, by path (`.general.title`),
/// without confidence, flags, lines, source or residue: the fuzz targets'
/// walk, shared.
pub fn record_values(json: &str) -> Vec<(String, Value)> {
    invariants::field_values(&serde_json::from_str(json).expect("record JSON"))
}
