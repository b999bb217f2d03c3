//! Any bytes: no panic, nothing lost, the same JSON twice, values that obey
//! the contract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vacancy_ingest_fuzz::{invariants, strict_cr, value_checks};

fuzz_target!(|data: &[u8]| {
    if let Err(e) = invariants::check_bytes(data, strict_cr(), value_checks()) {
        panic!("{e}");
    }
});
