//! Every fixture, perturbed the way copy-paste and extractors perturb text,
//! gives the same values (as mail-parser runs every message as LF and CRLF).

mod common;

use common::{record_values, text_fixtures};
use vacancy_ingest::{parse_bytes, parse_text};

fn fixtures() -> Vec<std::path::PathBuf> {
    text_fixtures(&["written"])
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
