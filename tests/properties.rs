//! Property tests of the record's promises: any input gives a record
//! without panicking, nothing is lost, the same bytes give the same JSON,
//! values obey RECORD.md's "Text values", perturbations that a reader does
//! not see do not change the values, normalization is idempotent, and time
//! grows linearly with the input.
//!
//! The checks themselves are shared with the fuzz targets:
//! `fuzz/src/invariants.rs` (the contract) and `fuzz/src/mutate.rs` (the
//! structure-aware fixture mutator). Every property has an explicit case
//! count, chosen so that the whole file runs in well under a minute in a
//! debug build on a 2-core machine. `PROPTEST_CASES` does not override
//! them; raise a count locally by editing it.
//!
//! Every property checks the whole value contract: the three adversarial
//! shapes that once left a heading marker `#` in a value (tolerated here
//! until they were fixed) are regression tests in `tests/regressions.rs`.

#[path = "../fuzz/src/invariants.rs"]
mod invariants;
#[path = "../fuzz/src/mutate.rs"]
mod mutate;

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::Config;
use vacancy_ingest::{parse_bytes, parse_text, Parser};

// ---------------------------------------------------------------------------
// Configuration

/// A proptest config with `cases` cases. Failures are not persisted to a
/// file: a found case goes into `tests/regressions.rs` by hand, named
/// after its root cause.
fn cases(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        // shrinking a large input in a debug build can take minutes
        max_shrink_iters: 2_000,
        // a fixed seed: CI runs the same cases every time (no flaky runs);
        // PROPTEST_RNG_SEED=<n> explores others
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PROPTEST_RNG_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5EED_2026),
        ),
        ..Config::default()
    }
}

fn ok(r: Result<(), String>) -> Result<(), TestCaseError> {
    r.map_err(TestCaseError::fail)
}

/// Every check but the value contract.
fn check_core_text(text: &str) -> Result<(), TestCaseError> {
    ok(invariants::check_text(text, None, None))
}

/// Every check including the whole value contract.
fn check_all_text(text: &str) -> Result<(), TestCaseError> {
    ok(invariants::check_text(text, None, Some(&[])))
}

fn check_all_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    ok(invariants::check_bytes(bytes, None, Some(&[])))
}

// ---------------------------------------------------------------------------
// Strategies

/// Characters the pipeline treats specially, plus anything.
fn nasty_char() -> impl Strategy<Value = String> {
    let special: Vec<&'static str> = mutate::GARBLE.to_vec();
    prop_oneof![
        8 => (0x20u8..0x7F).prop_map(|b| char::from(b).to_string()),
        3 => Just("\n".to_string()),
        2 => Just(" ".to_string()),
        3 => proptest::sample::select(special).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Arbitrary text biased towards the characters normalization handles.
fn nasty_text(max_chars: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(nasty_char(), 0..max_chars).prop_map(|v| v.concat())
}

/// Words and values that fill the template's fields.
const WORDS: &[&str] = &[
    "Junior Professional Officer",
    "in",
    "the",
    "Geneva, Switzerland",
    "12 months, renewable",
    "One year",
    "two years (non-renewable)",
    "P-2",
    "P2",
    "2024",
    "October",
    "addati@ilo.org",
    "jpo@ilo.org",
    "Laura Addati",
    "Specialist",
    "(GEDI)",
    "Branch",
    "socio-",
    "economic",
    "research;",
    "analysis.",
    "and",
    "Working",
    "WorkingWorking",
    "in in",
    "fi",
    "x",
];

/// Line-level glue.
const GLUE: &[&str] = &["\n", "\n", "\n\n", " ", "\t", "\r\n", "\u{c}", "\n- ", "\n• ", "\n1. ", "\n(a) ", "\no "];

/// Markdown and HTML pieces.
const MARKUP: &[&str] = &[
    "**",
    "*",
    "_",
    "__",
    "## ",
    "# ",
    "###### ",
    "[",
    "]",
    "](",
    "(",
    ")",
    "[x](y)",
    "[](#)",
    "<u>",
    "</u>",
    "<br>",
    "\\",
    "\\(",
    "\\*",
    "|",
    " | ",
    "---",
    "<http://x.org>",
    "```",
    ">",
];

/// One token of a template-like document.
fn token() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        3 => proptest::sample::select(mutate::HEADINGS),
        4 => proptest::sample::select(mutate::LABELS),
        4 => proptest::sample::select(WORDS),
        5 => proptest::sample::select(GLUE),
        2 => proptest::sample::select(MARKUP),
        1 => proptest::sample::select(mutate::GARBLE),
    ]
}

/// Mixes of headings, labels, bullets, markdown and words.
fn template_text(max_tokens: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(token(), 0..max_tokens).prop_map(|v| v.concat())
}

/// Pieces of an HTML source: tags of every kind the HTML pass reads, ones
/// it does not, regions, character references well formed or not.
const HTML: &[&str] = &[
    "<td>",
    "</td>",
    "<td width=\"34%\">",
    "<tr>",
    "</tr>",
    "<p>",
    "</p>",
    "<br>",
    "<li>",
    "</li>",
    "<ul>",
    "</ul>",
    "<ol type=\"a\">",
    "<h2>",
    "</h2>",
    "<b>",
    "</b>",
    "<span style='x'>",
    "<a href=\"mailto:x@ilo.org\">",
    "</a>",
    "<hr>",
    "<head>",
    "</head>",
    "<title>",
    "</title>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<o:p>",
    "<td valign=top",
    ">",
    "<",
    "&nbsp;",
    "&amp;",
    "&rsquo;",
    "&#8211;",
    "&#x2013;",
    "&lt;",
    "&gt;",
    "&",
    "&#0;",
    "&bogus;",
];

/// One token of an HTML source of the template.
fn html_token() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        2 => proptest::sample::select(mutate::HEADINGS),
        3 => proptest::sample::select(mutate::LABELS),
        4 => proptest::sample::select(WORDS),
        3 => proptest::sample::select(GLUE),
        5 => proptest::sample::select(HTML),
        1 => proptest::sample::select(MARKUP),
    ]
}

/// Mixes of HTML, headings, labels and words.
fn html_text(max_tokens: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(html_token(), 0..max_tokens).prop_map(|v| v.concat())
}

/// Bytes, sometimes behind a BOM (UTF-8, UTF-16 LE or BE) so every branch
/// of the decoder is reached.
fn any_bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop_oneof![
        6 => Just(&b""[..]),
        1 => Just(&b"\xEF\xBB\xBF"[..]),
        1 => Just(&b"\xFF\xFE"[..]),
        1 => Just(&b"\xFE\xFF"[..]),
    ];
    (prefix, proptest::collection::vec(any::<u8>(), 0..max)).prop_map(|(p, b)| [p, &b[..]].concat())
}

/// The fixtures the mutator starts from: the seeds, the written ones and
/// the malformed ones.
fn fixture_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut paths: Vec<_> = [root.clone(), root.join("written"), root.join("malformed")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|rd| rd.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "the fixtures are there");
    paths.iter().map(|p| std::fs::read_to_string(p).expect("UTF-8 fixture")).collect()
}

static FIXTURES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(fixture_texts);

/// A fixture mutated by a generated recipe (see `fuzz/src/mutate.rs`).
fn mutated_fixture() -> impl Strategy<Value = String> {
    (any::<u8>(), proptest::collection::vec(any::<u8>(), 0..160)).prop_map(|(pick, recipe)| {
        let fixtures = &*FIXTURES;
        mutate::mutate(&fixtures[usize::from(pick) % fixtures.len()], &recipe)
    })
}

// ---------------------------------------------------------------------------
// No panic, nothing lost, deterministic: random inputs

proptest! {
    #![proptest_config(cases(192))]

    /// Any bytes (sometimes behind a BOM): a record, every content line
    /// covered, ranges inside the input, the same JSON twice.
    #[test]
    fn any_bytes_nothing_lost_and_deterministic(bytes in any_bytes(3_000)) {
        ok(invariants::check_bytes(&bytes, None, None))?;
    }

    /// Any text biased to special characters.
    #[test]
    fn any_text_nothing_lost_and_deterministic(text in nasty_text(1_500)) {
        check_core_text(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(192))]

    /// Mixes of headings, labels, bullets, markdown and words.
    #[test]
    fn template_mix_nothing_lost_and_deterministic(text in template_text(300)) {
        check_core_text(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(128))]

    /// Real fixtures with lines swapped, dropped, duplicated, headings and
    /// labels injected, characters garbled.
    #[test]
    fn mutated_fixtures_nothing_lost_and_deterministic(text in mutated_fixture()) {
        check_core_text(&text)?;
    }
}

// ---------------------------------------------------------------------------
// The value contract

proptest! {
    #![proptest_config(cases(192))]

    /// Every string of every value: NFC, no markup, no invisible characters
    /// or ligatures, whitespace collapsed, trimmed.
    #[test]
    fn values_obey_the_contract_on_any_text(text in nasty_text(1_500)) {
        check_all_text(&text)?;
    }

    #[test]
    fn values_obey_the_contract_on_any_bytes(bytes in any_bytes(3_000)) {
        check_all_bytes(&bytes)?;
    }
}

proptest! {
    #![proptest_config(cases(192))]

    #[test]
    fn values_obey_the_contract_on_template_mixes(text in template_text(300)) {
        check_all_text(&text)?;
    }

    /// The same on HTML sources: nothing lost, no markup in a value.
    /// (Normalizing twice is not checked here: a `<` that opened no tag,
    /// with markdown between it and a `>`, can make a tag once the markdown
    /// is gone; `normalizing_twice_changes_nothing` covers the HTML that
    /// exports write.)
    #[test]
    fn values_obey_the_contract_on_html_mixes(text in html_text(300)) {
        check_all_text(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn values_obey_the_contract_on_mutated_fixtures(text in mutated_fixture()) {
        check_all_text(&text)?;
    }
}

// ---------------------------------------------------------------------------
// Adversarial shapes: big, repetitive inputs

/// Units repeated into one very long line.
const LONG_LINE_UNITS: &[&str] = &[
    "word ",
    "*",
    "**a** ",
    "\\",
    "\\(",
    "[a](b) ",
    "[",
    "](",
    "<u>",
    "<",
    "_a_ ",
    "- ",
    "Title: ",
    "Minimum: x Desirable: y ",
    "e\u{301}",
    "\u{200B}",
    "Ã©",
    "in in ",
    "WorkingWorking ",
    "GENERAL INFORMATION ",
    "|",
    "#",
    "\u{c}",
];

/// Lines repeated many times.
const REPEATED_LINES: &[&str] = &[
    "GENERAL INFORMATION",
    "## **SUPERVISION**",
    "DUTIES AND RESPONSABILITIES",
    "GENERAL lNFORMATION",
    "- ",
    "- item",
    "• item;",
    "1. item",
    "(a)",
    "Title:",
    "Minimum:",
    "Title: x",
    "Duty station:",
    "Page 2 of 3",
    "International Labour Office",
    "---",
    "| a | b |",
    "\u{200B}",
    "Please describe the supervisory role",
];

proptest! {
    #![proptest_config(cases(6))]

    /// One line of about 200 KB.
    #[test]
    fn one_huge_line(unit in proptest::sample::select(LONG_LINE_UNITS)) {
        let line = unit.repeat(200_000 / unit.len() + 1);
        check_all_text(&line)?;
        check_all_text(&format!("GENERAL INFORMATION\nTitle: {line}\n"))?;
    }

    /// 10,000 copies of one heading, label or bullet line, with or without
    /// blank lines between.
    #[test]
    fn ten_thousand_repeated_lines(line in proptest::sample::select(REPEATED_LINES), blank in any::<bool>()) {
        let sep = if blank { "\n\n" } else { "\n" };
        let text = format!("{line}{sep}").repeat(10_000);
        check_all_text(&text)?;
    }

    /// 100,000 blank (or whitespace-only, or invisible-only) lines around a
    /// little content. Form-feed-only lines are left out: page furniture
    /// detection is quadratic in them (`tests/regressions.rs`:
    /// `page_edge_scan_is_quadratic_in_form_feeds_without_text`).
    #[test]
    fn a_hundred_thousand_blank_lines(blank in proptest::sample::select(&["", " ", "\t", "\r", "\u{A0}", "\u{200B}", "\u{3000}"][..])) {
        let filler = format!("{blank}\n").repeat(100_000);
        let text = format!("{filler}Title: Officer\n{filler}GENERAL INFORMATION\n{filler}");
        check_all_text(&text)?;
    }
}

proptest! {
    #![proptest_config(cases(24))]

    /// Long mixes of template tokens: deep nesting of headings, labels and
    /// bullets.
    #[test]
    fn long_template_mixes(text in template_text(4_000)) {
        check_all_text(&text)?;
    }
}

#[test]
fn only_labels_only_bullets_only_headings() {
    let labels: String = mutate::LABELS.iter().map(|l| format!("{l}\n")).collect::<String>().repeat(50);
    let bare_labels: String = mutate::LABELS
        .iter()
        .filter_map(|l| l.find(':').map(|i| format!("{}\n", &l[..=i])))
        .collect::<String>()
        .repeat(50);
    let headings: String = mutate::HEADINGS.iter().map(|h| format!("{h}\n")).collect::<String>().repeat(100);
    let bullets: String = ["- ", "• ", "1. ", "(a) ", "o ", "\u{F0B7}\t", "▪ ", "- 1. "]
        .iter()
        .map(|b| format!("{b}\n{b}x\n"))
        .collect::<String>()
        .repeat(200);
    for text in [labels, bare_labels, headings, bullets] {
        invariants::check_text(&text, None, Some(&[])).unwrap();
    }
}

// ---------------------------------------------------------------------------
// Perturbations a reader does not see

proptest! {
    #![proptest_config(cases(128))]

    /// CRLF line ends, NBSP for every space, a UTF-8 BOM (as bytes, and as
    /// a U+FEFF character in the text) give the same values.
    #[test]
    fn invisible_perturbations_keep_the_values(text in template_text(200)) {
        let text = text.replace('\r', "");
        let want = invariants::field_values(&invariants::json(&parse_text(&text).to_json_pretty()).unwrap());
        let perturbed: [(&str, Vec<u8>, bool); 4] = [
            ("crlf", text.replace('\n', "\r\n").into_bytes(), true),
            ("nbsp", text.replace(' ', "\u{A0}").into_bytes(), false),
            ("bom bytes", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(), true),
            ("bom char", format!("\u{FEFF}{text}").into_bytes(), false),
        ];
        for (name, input, as_bytes) in perturbed {
            let record = if as_bytes {
                parse_bytes(&input)
            } else {
                parse_text(std::str::from_utf8(&input).unwrap())
            };
            let got = invariants::field_values(&invariants::json(&record.to_json_pretty()).unwrap());
            prop_assert_eq!(&got, &want, "{}", name);
        }
    }
}

// ---------------------------------------------------------------------------
// Idempotent normalization

proptest! {
    #![proptest_config(cases(512))]

    /// Normalizing normalized text changes nothing. Lines holding a line
    /// or paragraph separator are left out
    /// (`line_separator_after_a_list_marker_keeps_the_marker` in
    /// `tests/regressions.rs`).
    #[test]
    fn normalizing_twice_changes_nothing(text in prop_oneof![nasty_text(400), template_text(100)]) {
        let text: String = text
            .split('\n')
            .filter(|l| !l.contains(['\u{2028}', '\u{2029}', '\u{85}']))
            .collect::<Vec<_>>()
            .join("\n");
        ok(invariants::check_idempotent(&text))?;
    }
}

// ---------------------------------------------------------------------------
// Determinism across parsers and threads

#[test]
fn same_bytes_same_json_across_parsers_and_threads() {
    let texts: Vec<String> = FIXTURES.iter().take(6).cloned().collect();
    let want: Vec<String> = texts.iter().map(|t| parse_bytes(t.as_bytes()).to_json_pretty()).collect();
    let parser = Parser::default();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for (t, w) in texts.iter().zip(&want) {
                    assert_eq!(&parser.parse_bytes(t.as_bytes()).to_json_pretty(), w);
                    assert_eq!(&parse_text(t).to_json_pretty(), w);
                }
            });
        }
    });
}

// ---------------------------------------------------------------------------
// Linear time

/// Ratio allowed between the time of a 10x input and the time of the 1x
/// input: linear is 10, quadratic 100. The slack covers cache effects and a
/// machine shared with other jobs.
const MAX_RATIO_FOR_10X: f64 = 30.0;

/// Runs per size; the minimum is taken.
const RUNS: usize = 5;

/// The minimum time of `RUNS` parses of each input, measured alternately
/// so that both see the same load.
fn min_times(small: &str, large: &str) -> (Duration, Duration) {
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(parse_text(std::hint::black_box(small)));
        a = a.min(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(parse_text(std::hint::black_box(large)));
        b = b.min(t.elapsed());
    }
    (a, b)
}

/// Measurements per check: a ratio over the limit is measured again, so
/// that one burst of load from other jobs does not fail the test, while a
/// quadratic step (about 100x) fails every time.
const ATTEMPTS: usize = 3;

fn assert_linear(name: &str, unit: &str, times_small: usize) {
    let small = unit.repeat(times_small);
    let large = unit.repeat(times_small * 10);
    let mut seen = Vec::new();
    for _ in 0..ATTEMPTS {
        let (a, b) = min_times(&small, &large);
        // below a millisecond the clock's granularity and scheduling dominate
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-3);
        if ratio <= MAX_RATIO_FOR_10X {
            return;
        }
        seen.push(format!("{ratio:.1}x ({a:?} -> {b:?})"));
    }
    panic!("{name}: 10x the input took {} the time; linear would be about 10x", seen.join(", then "));
}

#[test]
fn time_is_linear_in_a_fixture_repeated() {
    let fixture = FIXTURES.iter().max_by_key(|t| t.len()).unwrap();
    assert_linear("fixture", &format!("{fixture}\n"), 1);
}

#[test]
fn time_is_linear_in_one_huge_line() {
    assert_linear("one line of words", "word *x* [a](b) \\( ", 1_000);
    assert_linear("one line of labels", "Title: x Duty station: y Minimum: a Desirable: b ", 400);
}

#[test]
fn time_is_linear_in_heading_like_lines() {
    assert_linear("headings", "GENERAL INFORMATION\nQUALIFICATlONS AND EXPERlENCE\n## **SUPERVISION**\n", 300);
    assert_linear("labels", "Title:\nMinimum:\nDesirable:\n", 300);
    // one heading repeated: the section is entered once, not once a line
    assert_linear("one heading", "DUTIES AND RESPONSIBILITIES\n", 900);
    assert_linear("bullets", "- item\n• item;\n(a)\n", 300);
    assert_linear("repeated paragraph", "Junior Professional Officer in care\n\n", 300);
}
