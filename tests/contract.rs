//! The record's promises on the fixtures: the JSON shape of RECORD.md,
//! nothing lost, honest confidence for missing values, robustness on odd
//! inputs.

mod common;

use serde_json::Value;
use vacancy_ingest::{parse_bytes, parse_path, parse_text, Confidence, Flag};

fn fixtures() -> Vec<std::path::PathBuf> {
    let out = common::text_fixtures(&["written", "blind", "malformed"]);
    assert!(out.len() >= 5, "the seed fixtures are there");
    out
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().expect("an object").keys().map(String::as_str).collect()
}

#[test]
fn json_shape_is_the_contract() {
    let record = parse_path(&fixtures()[0]).unwrap();
    let v: Value = serde_json::from_str(&record.to_json_pretty()).unwrap();
    assert_eq!(
        keys(&v),
        [
            "schema_version",
            "source",
            "header",
            "general",
            "supervision",
            "introduction",
            "duties",
            "qualifications",
            "learning",
            "background",
            "residue"
        ]
    );
    assert_eq!(v["schema_version"], 1);
    assert_eq!(keys(&v["source"]), ["name", "format", "sha256"]);
    assert_eq!(keys(&v["header"]), ["post_number", "issue_month", "issue_year", "submission_email"]);
    assert_eq!(
        keys(&v["general"]),
        ["title", "duty_station", "duration", "grade", "department", "organisational_unit"]
    );
    assert_eq!(keys(&v["supervision"]), ["supervisor", "methodology"]);
    assert_eq!(keys(&v["duties"]), ["responsibilities", "key_outputs"]);
    assert_eq!(keys(&v["qualifications"]), ["education", "work_experience", "skills", "languages", "competencies"]);
    assert_eq!(keys(&v["qualifications"]["skills"]), ["minimum", "desirable"]);
    assert_eq!(keys(&v["learning"]), ["training_components", "learning_elements"]);
    assert_eq!(keys(&v["general"]["title"]), ["value", "confidence", "flags", "lines"]);
    assert_eq!(keys(&v["general"]["duration"]["value"]), ["months", "renewable"]);
    assert_eq!(keys(&v["general"]["department"]["value"]), ["name", "acronym"]);
    assert_eq!(keys(&v["supervision"]["supervisor"]["value"]), ["name", "position", "email"]);
    assert_eq!(keys(&v["residue"][0]), ["kind", "text", "lines"]);
    assert_eq!(v["source"]["format"], "text");
    assert!(v["source"]["name"].as_str().unwrap().ends_with(".txt"));
    assert_eq!(v["source"]["sha256"].as_str().unwrap().len(), 64);
}

/// Every `lines` range in a record (fields and residue).
fn ranges(v: &Value, out: &mut Vec<(u64, u64)>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Array(r)) = m.get("lines") {
                if let (Some(a), Some(b)) = (r[0].as_u64(), r[1].as_u64()) {
                    out.push((a, b));
                }
            }
            m.values().for_each(|x| ranges(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| ranges(x, out)),
        _ => {}
    }
}

/// Asserts that every non-blank line of `text` is covered and every range
/// lies inside the text.
pub fn assert_nothing_lost(name: &str, text: &str, json: &str) {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut rs = Vec::new();
    ranges(&v, &mut rs);
    // lines end as the parser ends them: LF, CRLF, or a lone CR (an old
    // Mac file)
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').collect();
    for &(a, b) in &rs {
        assert!(1 <= a && a <= b && b as usize <= lines.len(), "{name}: range {a}-{b} outside 1-{}", lines.len());
    }
    for (i, l) in lines.iter().enumerate() {
        let no = i as u64 + 1;
        if !l.trim().is_empty() {
            assert!(rs.iter().any(|&(a, b)| a <= no && no <= b), "{name}: line {no} lost: {l:?}");
        }
    }
}

#[test]
fn every_line_of_every_fixture_is_accounted_for() {
    for path in fixtures() {
        let text = common::read_text(&path);
        let record = parse_path(&path).unwrap();
        assert_nothing_lost(&path.display().to_string(), &text, &record.to_json_pretty());
    }
}

#[test]
fn missing_values_say_so() {
    for path in fixtures() {
        let v: Value = serde_json::from_str(&parse_path(&path).unwrap().to_json_pretty()).unwrap();
        let mut stack = vec![&v];
        while let Some(n) = stack.pop() {
            match n {
                Value::Object(m) if m.contains_key("confidence") => {
                    if m["value"].is_null() {
                        assert_eq!(m["confidence"], "none", "{}", path.display());
                        assert!(m["flags"].as_array().unwrap().iter().any(|f| f == "missing"));
                        assert!(m["lines"].is_null());
                    } else {
                        assert_ne!(m["confidence"], "none");
                        assert!(!m["lines"].is_null(), "{}: a value without lines", path.display());
                    }
                }
                Value::Object(m) => stack.extend(m.values()),
                Value::Array(a) => stack.extend(a.iter()),
                _ => {}
            }
        }
    }
}

#[test]
fn odd_inputs_give_records() {
    // invalid UTF-8
    let r = parse_bytes(b"Post number: 12\xFF\xFE34\nTitle: caf\xE9 \xC3\n");
    assert!(r.header.post_number.value.is_some());
    // empty input
    let r = parse_bytes(b"");
    assert_eq!(r.general.title.confidence, Confidence::None);
    assert!(r.residue.is_empty());
    // 5 MB of noise
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..5_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let r = parse_bytes(&noise);
    assert!(!r.residue.is_empty());
    // no headings at all: labels still found, their sections inferred
    let r = parse_text(
        "Title: Junior Professional Officer in statistics\nDuty station: Bangkok, Thailand\n\nEducation:\n\nMinimum: A degree.\n",
    );
    assert_eq!(r.general.title.value.as_deref(), Some("Junior Professional Officer in statistics"));
    assert!(r.general.title.has_flag(Flag::HeadingInferred));
    assert_eq!(r.general.title.confidence, Confidence::Medium);
    assert_eq!(r.qualifications.education.minimum.value.as_deref(), Some(&["A degree.".to_string()][..]));
}

/// Field objects of the JSON (those with a `confidence`), in order, with
/// their dotted paths.
fn json_fields<'v>(v: &'v Value, path: &str, out: &mut Vec<(String, &'v Value)>) {
    let Some(map) = v.as_object() else { return };
    if map.contains_key("confidence") {
        out.push((path.to_string(), v));
        return;
    }
    for (k, child) in map {
        if path.is_empty() && (k == "source" || k == "residue") {
            continue;
        }
        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        json_fields(child, &p, out);
    }
}

/// A JSON value on one line, by the rule `FieldValue`'s `Display` states.
fn one_line(v: &Value) -> String {
    let s = match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(one_line).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" | "),
        Value::Object(map) => map.values().map(one_line).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn fields_lists_every_field_of_the_json_in_order() {
    for path in fixtures() {
        let record = parse_path(&path).unwrap();
        let v: Value = serde_json::from_str(&record.to_json_line()).unwrap();
        let mut expected = Vec::new();
        json_fields(&v, "", &mut expected);
        let listed: Vec<_> = record.fields().collect();
        assert_eq!(
            listed.iter().map(|f| f.path).collect::<Vec<_>>(),
            expected.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            "{}",
            path.display()
        );
        for (f, (_, j)) in listed.iter().zip(&expected) {
            let at = format!("{} {}", path.display(), f.path);
            assert_eq!(j["confidence"], f.confidence.as_str(), "{at}");
            let flags: Vec<&str> = f.flags.iter().map(|g| g.as_str()).collect();
            assert_eq!(j["flags"], serde_json::json!(flags), "{at}");
            assert_eq!(j["lines"], serde_json::json!(f.lines), "{at}");
            assert_eq!(j["value"].is_null(), f.value.is_none(), "{at}");
            let shown = f.value.map(|v| v.to_string()).unwrap_or_default();
            assert_eq!(shown, one_line(&j["value"]), "{at}");
        }
    }
}
