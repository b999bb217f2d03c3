//! A fixed, small slice of the generalization benchmark
//! (`examples/generalize.rs`): every fixture with gold, in every damaged
//! variant, with seed 0, scored by `../shared/eval/score.py`. The
//! thresholds are the level measured when they were set, minus a small
//! margin, so accuracy cannot silently fall.

#[path = "support/degrade.rs"]
#[allow(dead_code)]
mod degrade;

use std::path::{Path, PathBuf};
use std::process::Command;

use degrade::Variant;

/// Fields right over all damaged documents of the slice (measured 99.9%
/// on the 25 fixtures with gold).
const MIN_FIELDS_RIGHT_PCT: f64 = 99.5;
/// High-confidence precision (measured 99.9%).
const MIN_HIGH_PRECISION_PCT: f64 = 99.5;
/// High coverage (measured 95.1%).
const MIN_HIGH_COVERAGE_PCT: f64 = 94.0;

/// The seed of the slice.
const SEED: u64 = 0;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn score_py() -> PathBuf {
    std::env::var_os("VACANCY_SCORE_PY").map(PathBuf::from).unwrap_or_else(|| root().join("../shared/eval/score.py"))
}

/// (input path, gold path) of every fixture with gold.
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (inputs, gold) in [
        (root().join("fixtures"), root().join("../shared/gold")),
        (root().join("fixtures/written"), root().join("fixtures/gold")),
    ] {
        let Ok(rd) = std::fs::read_dir(&inputs) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "txt") {
                let g = gold.join(p.file_stem().unwrap()).with_extension("json");
                if g.exists() {
                    out.push((p, g));
                }
            }
        }
    }
    out.sort();
    out
}

fn summary(json: &serde_json::Value, key: &str) -> f64 {
    json["summary"][key].as_f64().unwrap_or_else(|| panic!("score.py summary has no {key}"))
}

#[test]
fn damaged_fixtures_keep_their_accuracy() {
    let score = score_py();
    assert!(score.exists(), "score.py not found at {} (set VACANCY_SCORE_PY)", score.display());
    let corpus = corpus();
    assert!(corpus.len() >= 10, "fixtures with gold: {}", corpus.len());
    let dir = tempfile::tempdir().unwrap();
    let (inputs, gold, records) = (dir.path().join("inputs"), dir.path().join("gold"), dir.path().join("records"));
    for d in [&inputs, &gold, &records] {
        std::fs::create_dir_all(d).unwrap();
    }
    for (path, gold_path) in &corpus {
        let text = std::fs::read_to_string(path).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy();
        for v in Variant::ALL {
            let name = format!("{stem}-{}", v.name());
            let damaged = degrade::degrade(&text, v, SEED);
            let record = vacancy_ingest::parse_text(&damaged);
            std::fs::write(inputs.join(format!("{name}.txt")), &damaged).unwrap();
            std::fs::copy(gold_path, gold.join(format!("{name}.json"))).unwrap();
            std::fs::write(records.join(format!("{name}.json")), record.to_json_pretty()).unwrap();
        }
    }
    let out_json = dir.path().join("score.json");
    let status = Command::new("python3")
        .arg(&score)
        .args(["--gold".as_ref(), gold.as_os_str(), "--records".as_ref(), records.as_os_str()])
        .args(["--inputs".as_ref(), inputs.as_os_str(), "--json".as_ref(), out_json.as_os_str()])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs");
    assert!(status.success(), "score.py failed");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
    let (right, precision, coverage) =
        (summary(&json, "fields_right_pct"), summary(&json, "high_precision_pct"), summary(&json, "high_coverage_pct"));
    let lost = json["summary"]["lines_lost"].as_u64().unwrap_or(u64::MAX);
    eprintln!(
        "slice: fields right {right}%, high precision {precision}%, high coverage {coverage}%, lines lost {lost}"
    );
    assert!(right >= MIN_FIELDS_RIGHT_PCT, "fields right {right}% < {MIN_FIELDS_RIGHT_PCT}%");
    assert!(precision >= MIN_HIGH_PRECISION_PCT, "high precision {precision}% < {MIN_HIGH_PRECISION_PCT}%");
    assert!(coverage >= MIN_HIGH_COVERAGE_PCT, "high coverage {coverage}% < {MIN_HIGH_COVERAGE_PCT}%");
    assert_eq!(lost, 0, "lines lost");
}
