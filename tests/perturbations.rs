//! Every fixture, perturbed the way copy-paste and extractors perturb text,
//! gives the same values (as mail-parser runs every message as LF and CRLF).

use std::path::{Path, PathBuf};

use serde_json::Value;
use vacancy_ingest::{parse_bytes, parse_text};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out: Vec<PathBuf> = [root.clone(), root.join("written")]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|rd| rd.flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

/// The values of every field, by path, without confidence, flags or lines.
fn values(v: &Value, path: String, out: &mut Vec<(String, Value)>) {
    if let Value::Object(m) = v {
        if m.contains_key("confidence") && m.contains_key("value") {
            out.push((path, m["value"].clone()));
            return;
        }
        for (k, x) in m {
            if k != "residue" && k != "source" {
                values(x, format!("{path}.{k}"), out);
            }
        }
    }
}

fn record_values(json: &str) -> Vec<(String, Value)> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out = Vec::new();
    values(&v, String::new(), &mut out);
    out
}

/// (name, perturbation)
type Perturbation = (&'static str, fn(&str) -> String);

const PERTURBATIONS: &[Perturbation] = &[
    ("crlf", |t| t.replace('\n', "\r\n")),
    ("nbsp", |t| t.replace(" the ", "\u{00A0}the\u{00A0}")),
    ("tabs", |t| t.replace(": ", ":\t")),
    ("ligatures", |t| t.replace("fi", "\u{FB01}").replace("fl", "\u{FB02}")),
    ("soft hyphens", |t| t.replace("tion", "\u{00AD}tion")),
    ("zero-width spaces", |t| t.replace("ment", "me\u{200B}nt")),
    ("trailing spaces", |t| t.replace('\n', "  \n")),
    ("bom", |t| format!("\u{FEFF}{t}")),
];

#[test]
fn perturbed_fixtures_give_the_same_values() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let want = record_values(&parse_text(&text).to_json_pretty());
        for (name, perturb) in PERTURBATIONS {
            let got = record_values(&parse_bytes(perturb(&text).as_bytes()).to_json_pretty());
            for ((p, a), (_, b)) in want.iter().zip(&got) {
                assert_eq!(a, b, "{}: {name}: {p} differs", path.display());
            }
        }
    }
}

#[test]
fn utf16_and_windows_1252_give_the_same_values() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).unwrap();
        let want = record_values(&parse_text(&text).to_json_pretty());
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(record_values(&parse_bytes(&utf16).to_json_pretty()), want, "{}: utf-16", path.display());
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        if !unmappable {
            assert_eq!(record_values(&parse_bytes(&cp1252).to_json_pretty()), want, "{}: windows-1252", path.display());
        }
    }
}
