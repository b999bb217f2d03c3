//! Support for the fuzz targets: the record's invariants, the
//! structure-aware mutator and the bundled fixtures, each one file shared
//! with `tests/` through `#[path]`.

pub mod invariants;
pub mod mutate;

mod fixtures;
pub use fixtures::FIXTURES;

/// A line rule forced on the checks (`VACANCY_FUZZ_LINES=newline`: split
/// on `'\n'` even in CR-only text), else `None`: the contract's rule
/// (`invariants::rule_for`).
pub fn strict_cr() -> Option<invariants::LineRule> {
    match std::env::var("VACANCY_FUZZ_LINES").as_deref() {
        Ok("newline") => Some(invariants::LineRule::Newline),
        _ => None,
    }
}

/// Which value-contract checks run: `None` when switched off
/// (`VACANCY_FUZZ_NO_VALUES=1`), else the classes of violation to tolerate
/// from `VACANCY_FUZZ_KNOWN` (`|`-separated parts of the descriptions of
/// `invariants::string_violation`, e.g. `markdown link|leading '#'`), to
/// look for other failures past known, unfixed bugs.
pub fn value_checks() -> Option<&'static [&'static str]> {
    static KNOWN: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    if std::env::var_os("VACANCY_FUZZ_NO_VALUES").is_some() {
        return None;
    }
    let known = KNOWN.get_or_init(|| match std::env::var("VACANCY_FUZZ_KNOWN") {
        Ok(k) => k.split('|').filter(|p| !p.is_empty()).map(|p| &*Box::leak(p.to_string().into_boxed_str())).collect(),
        Err(_) => Vec::new(),
    });
    Some(known.as_slice())
}
