//! Replays fuzz inputs outside libFuzzer and prints what failed.
//!
//! `cargo run --release --example replay -- TARGET FILE...` with TARGET one
//! of `parse_bytes`, `normalize`, `mutate_fixture`. With `--show`, prints
//! the text that is parsed (for `mutate_fixture`, the mutated fixture) as
//! a Rust string literal, ready for a regression test.

use vacancy_ingest_fuzz::{invariants, mutate, strict_cr, value_checks, FIXTURES};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let show = args.iter().any(|a| a == "--show");
    args.retain(|a| a != "--show");
    let Some((target, files)) = args.split_first() else {
        eprintln!("usage: replay [--show] parse_bytes|normalize|mutate_fixture FILE...");
        std::process::exit(2);
    };
    let mut failed = 0;
    for f in files {
        let data = std::fs::read(f).expect("readable input");
        let (input, result): (Vec<u8>, Result<(), String>) = match target.as_str() {
            "parse_bytes" => (data.clone(), invariants::check_bytes(&data, strict_cr(), value_checks())),
            "normalize" => match std::str::from_utf8(&data) {
                Ok(t) => {
                    let r = invariants::check_text(t, strict_cr(), value_checks())
                        .and_then(|()| invariants::check_idempotent(t));
                    (data.clone(), r)
                }
                Err(_) => (data.clone(), Ok(())),
            },
            "mutate_fixture" => match data.split_first() {
                Some((&pick, recipe)) => {
                    let text = mutate::mutate(FIXTURES[usize::from(pick) % FIXTURES.len()], recipe);
                    let r = invariants::check_text(&text, strict_cr(), value_checks());
                    (text.into_bytes(), r)
                }
                None => (Vec::new(), Ok(())),
            },
            other => panic!("unknown target {other}"),
        };
        match &result {
            Ok(()) => println!("{f}: ok"),
            Err(e) => {
                failed += 1;
                println!("{f}: FAIL: {e}");
            }
        }
        if show {
            match std::str::from_utf8(&input) {
                Ok(t) => println!("{t:?}"),
                Err(_) => println!("b{:?}", input.escape_ascii().to_string()),
            }
        }
    }
    println!("{} inputs, {failed} failed", files.len());
    if failed > 0 {
        std::process::exit(1);
    }
}
