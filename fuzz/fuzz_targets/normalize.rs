//! Any text through `parse_text`: the value contract (NFC, no markup, no
//! invisible characters, whitespace collapsed), nothing lost, determinism;
//! and normalization is idempotent (`__normalize_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vacancy_ingest_fuzz::{invariants, strict_cr, value_checks};

fuzz_target!(|text: &str| {
    if let Err(e) =
        invariants::check_text(text, strict_cr(), value_checks()).and_then(|()| invariants::check_idempotent(text))
    {
        panic!("{e}");
    }
});
