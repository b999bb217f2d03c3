//! A bundled fixture mutated by a recipe (the fuzzer's bytes: the first
//! picks the fixture, the rest are line edits, see `src/mutate.rs`): no
//! panic, nothing lost, the same JSON twice, values that obey the contract.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vacancy_ingest_fuzz::{invariants, mutate, strict_cr, value_checks, FIXTURES};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, recipe)) = data.split_first() else { return };
    let text = mutate::mutate(FIXTURES[usize::from(pick) % FIXTURES.len()], recipe);
    if let Err(e) = invariants::check_text(&text, strict_cr(), value_checks()) {
        panic!("{e}");
    }
});
