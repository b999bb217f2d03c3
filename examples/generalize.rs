//! Generalization benchmark: how well does the parser hold up on damaged
//! copies of the fixtures it was written against?
//!
//! For every fixture that has a gold record, every damage variant of
//! `tests/support/degrade.rs` and every seed, this writes
//!
//! ```text
//! OUT/<variant>/inputs/<name>-s<seed>.txt    the damaged text
//! OUT/<variant>/gold/<name>-s<seed>.json     the fixture's gold, unchanged
//! OUT/<variant>/records/<name>-s<seed>.json  what vacancy_ingest::parse_text made of it
//! OUT/<variant>/score.txt, score.json        the scorer's report and figures
//! ```
//!
//! plus the undamaged fixtures as variant `clean` (once each: seeds would
//! only copy them), scores each variant with the project's `score.py`, and
//! prints one row per variant, an `all` row over the damaged variants (clean
//! is the baseline, not part of it), and every field that is wrong but
//! marked high confidence.
//!
//! ```text
//! cargo run --example generalize -- --out /tmp/gen [--seeds 3] [--score PATH]
//!     [FIXTURES_DIR[=GOLD_DIR] ...]
//! ```
//!
//! Without fixture directories it reads `fixtures/*.txt` (gold in
//! `../shared/gold`) and `fixtures/written/*.txt` (gold in `fixtures/gold`),
//! relative to the crate root. A `FIXTURES_DIR` without `=GOLD_DIR` has its
//! gold in `FIXTURES_DIR/gold`. Each `OUT/<variant>` directory is emptied
//! before it is written.

#[path = "../tests/support/degrade.rs"]
mod degrade;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use degrade::Variant;

/// Seeds per damaged variant when `--seeds` is not given.
const DEFAULT_SEEDS: u64 = 3;
/// The scorer, relative to the crate root, when `--score` is not given.
const DEFAULT_SCORE: &str = "../shared/eval/score.py";
/// Name of the undamaged baseline variant.
const CLEAN: &str = "clean";

/// What `parse_args` returns for `--help`.
const HELP: &str = "help";

const USAGE: &str = "usage: generalize --out DIR [--seeds N] [--score PATH] [FIXTURES_DIR[=GOLD_DIR] ...]";

/// A directory of fixture texts and the directory of their gold records.
struct Corpus {
    inputs: PathBuf,
    gold: PathBuf,
}

struct Args {
    out: PathBuf,
    seeds: u64,
    score: PathBuf,
    corpora: Vec<Corpus>,
}

/// A fixture that has gold.
struct Fixture {
    /// Unique among all corpora (a clash is prefixed with the directory).
    name: String,
    text: String,
    gold: PathBuf,
}

/// The figures of one table row.
#[derive(Default)]
struct Row {
    docs: u64,
    fields_right: u64,
    fields_total: u64,
    high_right: u64,
    high_total: u64,
    high_right_valued: u64,
    right_valued: u64,
    lines_lost: Option<u64>,
    panics: u64,
}

/// A field the parser got wrong (or invented) yet marked `high`.
struct Overconfident {
    variant: String,
    doc: String,
    field: String,
    detail: String,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(e) if e == HELP => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("generalize: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generalize: {e}");
            ExitCode::FAILURE
        }
    }
}

fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn parse_args(argv: Vec<String>) -> Result<Args, String> {
    let mut out = None;
    let mut seeds = DEFAULT_SEEDS;
    let mut score = crate_root().join(DEFAULT_SCORE);
    let mut corpora = Vec::new();
    let mut it = argv.into_iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seeds" => {
                let v = value("--seeds")?;
                seeds = v.parse().map_err(|_| format!("--seeds {v}: not a number"))?;
            }
            "--score" => score = PathBuf::from(value("--score")?),
            "-h" | "--help" => return Err(HELP.into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}")),
            s => corpora.push(match s.split_once('=') {
                Some((inputs, gold)) => Corpus { inputs: inputs.into(), gold: gold.into() },
                None => Corpus { inputs: s.into(), gold: Path::new(s).join("gold") },
            }),
        }
    }
    if corpora.is_empty() {
        let root = crate_root();
        corpora.push(Corpus { inputs: root.join("fixtures"), gold: root.join("../shared/gold") });
        corpora.push(Corpus { inputs: root.join("fixtures/written"), gold: root.join("fixtures/gold") });
    }
    let out = out.ok_or("--out DIR is required")?;
    Ok(Args { out, seeds, score, corpora })
}

/// Every `*.txt` of every corpus that has `<stem>.json` in its gold
/// directory, in name order per corpus.
fn collect_fixtures(corpora: &[Corpus]) -> Result<Vec<Fixture>, String> {
    let mut fixtures = Vec::new();
    let mut names = BTreeSet::new();
    for corpus in corpora {
        let Ok(entries) = fs::read_dir(&corpus.inputs) else {
            eprintln!("generalize: {}: not readable, skipped", corpus.inputs.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let gold = corpus.gold.join(format!("{stem}.json"));
            if !gold.is_file() {
                continue;
            }
            let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let mut name = stem.clone();
            if names.contains(&name) {
                let dir = corpus.inputs.file_name().unwrap_or_default().to_string_lossy();
                name = format!("{dir}-{stem}");
            }
            names.insert(name.clone());
            fixtures.push(Fixture { name, text, gold });
        }
    }
    Ok(fixtures)
}

fn run(args: &Args) -> Result<(), String> {
    let fixtures = collect_fixtures(&args.corpora)?;
    if fixtures.is_empty() {
        return Err("no fixture with gold found".into());
    }
    if !args.score.is_file() {
        return Err(format!("{}: scorer not found (--score)", args.score.display()));
    }
    // Parser panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));

    let mut variants: Vec<(&str, Option<Variant>)> = vec![(CLEAN, None)];
    variants.extend(Variant::ALL.iter().map(|v| (v.name(), Some(*v))));

    let mut rows = Vec::new();
    let mut overconfident = Vec::new();
    for (name, variant) in variants {
        let dir = args.out.join(name);
        let panics = write_variant(&dir, &fixtures, variant, args.seeds)?;
        let json = score_variant(&dir, &args.score)?;
        let mut row = row_from(&json);
        row.panics = panics;
        overconfident.extend(overconfident_fields(name, &json));
        rows.push((name, row));
    }
    print_report(&rows, &overconfident, args);
    Ok(())
}

/// Writes inputs, gold and records of one variant; returns how many inputs
/// made the parser panic (those get no record: the scorer counts every
/// field missing).
fn write_variant(dir: &Path, fixtures: &[Fixture], variant: Option<Variant>, seeds: u64) -> Result<u64, String> {
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let (inputs, gold, records) = (dir.join("inputs"), dir.join("gold"), dir.join("records"));
    for d in [&inputs, &gold, &records] {
        fs::create_dir_all(d).map_err(|e| io(d, e))?;
    }
    let seeds = if variant.is_some() { seeds } else { 1 };
    let mut panics = 0;
    for fixture in fixtures {
        for seed in 0..seeds {
            let text = match variant {
                Some(v) => degrade::degrade(&fixture.text, v, seed),
                None => fixture.text.clone(),
            };
            let file = format!("{}-s{seed}", fixture.name);
            let input = inputs.join(format!("{file}.txt"));
            fs::write(&input, &text).map_err(|e| io(&input, e))?;
            let g = gold.join(format!("{file}.json"));
            fs::copy(&fixture.gold, &g).map_err(|e| io(&g, e))?;
            let parsed = std::panic::catch_unwind(|| vacancy_ingest::parse_text(&text).to_json_pretty());
            match parsed {
                Ok(json) => {
                    let r = records.join(format!("{file}.json"));
                    fs::write(&r, json).map_err(|e| io(&r, e))?;
                }
                Err(_) => panics += 1,
            }
        }
    }
    Ok(panics)
}

/// Runs score.py on one variant directory; keeps its report in
/// `score.txt` and returns its `--json` figures.
fn score_variant(dir: &Path, score: &Path) -> Result<serde_json::Value, String> {
    let json_path = dir.join("score.json");
    let output = Command::new("python3")
        .arg(score)
        .arg("--gold")
        .arg(dir.join("gold"))
        .arg("--records")
        .arg(dir.join("records"))
        .arg("--inputs")
        .arg(dir.join("inputs"))
        .arg("--json")
        .arg(&json_path)
        .output()
        .map_err(|e| format!("python3 {}: {e}", score.display()))?;
    let report = dir.join("score.txt");
    fs::write(&report, &output.stdout).map_err(|e| format!("{}: {e}", report.display()))?;
    if !output.status.success() {
        return Err(format!(
            "score.py failed on {} ({}):\n{}",
            dir.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let raw = fs::read_to_string(&json_path).map_err(|e| format!("{}: {e}", json_path.display()))?;
    serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", json_path.display()))
}

fn num(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

/// The row figures of one variant, from score.py's `--json`.
fn row_from(json: &serde_json::Value) -> Row {
    let s = &json["summary"];
    let mut row = Row {
        docs: num(&s["documents"]),
        fields_right: num(&s["fields_right"]),
        fields_total: num(&s["fields_total"]),
        high_right: num(&s["high_right"]),
        high_total: num(&s["high_total"]),
        lines_lost: s["lines_lost"].as_u64(),
        ..Row::default()
    };
    if let Some(docs) = json["documents"].as_object() {
        for d in docs.values() {
            row.right_valued += num(&d["right_valued"]);
            row.high_right_valued += num(&d["high_right_valued"]);
        }
    }
    row
}

/// Every field of a variant whose status is not right yet is marked high.
fn overconfident_fields(variant: &str, json: &serde_json::Value) -> Vec<Overconfident> {
    let mut out = Vec::new();
    let Some(docs) = json["documents"].as_object() else { return out };
    for (doc, d) in docs {
        let Some(fields) = d["fields"].as_object() else { continue };
        for (field, f) in fields {
            let status = f["status"].as_str().unwrap_or("?");
            if f["confidence"].as_str() == Some("high") && status != "right" {
                out.push(Overconfident {
                    variant: variant.to_string(),
                    doc: doc.clone(),
                    field: field.clone(),
                    detail: format!("{status}: {}", f["detail"].as_str().unwrap_or("")),
                });
            }
        }
    }
    out
}

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "n/a".into()
    } else {
        format!("{:.1}", 100.0 * n as f64 / d as f64)
    }
}

fn print_report(rows: &[(&str, Row)], overconfident: &[Overconfident], args: &Args) {
    let mut all = Row { lines_lost: Some(0), ..Row::default() };
    for (_, r) in rows.iter().filter(|(n, _)| *n != CLEAN) {
        all.docs += r.docs;
        all.fields_right += r.fields_right;
        all.fields_total += r.fields_total;
        all.high_right += r.high_right;
        all.high_total += r.high_total;
        all.right_valued += r.right_valued;
        all.high_right_valued += r.high_right_valued;
        all.panics += r.panics;
        all.lines_lost = match (all.lines_lost, r.lines_lost) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }
    println!(
        "Generalization benchmark: {} seed(s) per damaged variant; files under {}",
        args.seeds,
        args.out.display()
    );
    println!();
    println!(
        "{:<10} | {:>5} | {:>14} | {:>22} | {:>15} | {:>10}",
        "variant", "docs", "fields right %", "high-conf precision %", "high coverage %", "lines lost"
    );
    println!("{}", "-".repeat(10 + 5 + 14 + 22 + 15 + 10 + 15));
    let print_row = |name: &str, r: &Row| {
        let lost = r.lines_lost.map_or("n/a".to_string(), |n| n.to_string());
        println!(
            "{:<10} | {:>5} | {:>14} | {:>22} | {:>15} | {:>10}",
            name,
            r.docs,
            pct(r.fields_right, r.fields_total),
            pct(r.high_right, r.high_total),
            pct(r.high_right_valued, r.right_valued),
            lost
        );
    };
    for (name, r) in rows {
        print_row(name, r);
    }
    println!("{}", "-".repeat(10 + 5 + 14 + 22 + 15 + 10 + 15));
    print_row("all", &all);
    println!("(all = the damaged variants; clean is the baseline)");
    let panicked: Vec<String> =
        rows.iter().filter(|(_, r)| r.panics > 0).map(|(n, r)| format!("{n} {}", r.panics)).collect();
    if !panicked.is_empty() {
        println!("parser panicked (no record written): {}", panicked.join(", "));
    }
    println!();
    if overconfident.is_empty() {
        println!("No field is wrong but marked high.");
    } else {
        println!("Wrong but high ({}): variant  doc  field  detail", overconfident.len());
        for o in overconfident {
            println!("{}  {}  {}  {}", o.variant, o.doc, o.field, o.detail);
        }
    }
}
