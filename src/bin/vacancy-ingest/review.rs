//! The review report (`--review`) and the per-record statistics of the
//! summary, read off the record's JSON so that every field is covered,
//! including fields the library adds later.
//!
//! The JSON is read into [`Node`], which keeps the record's key order
//! (`serde_json::Value` sorts keys unless a feature is on), so the report's
//! rows come in the order of RECORD.md.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::args::Level;

/// A JSON value whose objects keep their key order.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    /// A boolean or a number, as JSON text.
    Scalar(String),
    Str(String),
    Arr(Vec<Node>),
    Obj(Vec<(String, Node)>),
}

impl Node {
    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Scalar(s) => s.parse().ok(),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Scalar(b.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Scalar(n.to_string()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(Node::Scalar(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Node, E> {
                Ok(Node::Scalar(n.to_string()))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::Str(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::Str(s))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Arr(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Node>()? {
                    entries.push(entry);
                }
                Ok(Node::Obj(entries))
            }
        }
        d.deserialize_any(V)
    }
}

/// How many characters of a value the report shows.
const VALUE_CHARS: usize = 80;

/// The report's header row.
pub const CSV_HEADER: &str = "input,field,confidence,flags,value,lines";

/// One field of a record: an object with `value`, `confidence`, `flags`, `lines`.
pub struct FieldView<'a> {
    /// Dotted path, e.g. `qualifications.education.minimum`.
    pub path: String,
    pub confidence: &'a str,
    pub flags: Vec<&'a str>,
    pub value: &'a Node,
    pub lines: Option<(u64, u64)>,
}

/// Every field of a record, in the record's order.
pub fn fields(record: &Node) -> Vec<FieldView<'_>> {
    let mut out = Vec::new();
    walk(record, String::new(), &mut out);
    out
}

fn walk<'a>(v: &'a Node, path: String, out: &mut Vec<FieldView<'a>>) {
    let Node::Obj(map) = v else { return };
    if let (Some(Node::Str(confidence)), Some(Node::Arr(flags)), Some(value)) =
        (v.get("confidence"), v.get("flags"), v.get("value"))
    {
        let lines = match v.get("lines") {
            Some(Node::Arr(a)) => match a.as_slice() {
                [a, b] => a.as_u64().zip(b.as_u64()),
                _ => None,
            },
            _ => None,
        };
        let flags = flags.iter().filter_map(Node::as_str).collect();
        out.push(FieldView { path, confidence, flags, value, lines });
        return;
    }
    for (k, child) in map {
        // `source` and `residue` hold no fields.
        if path.is_empty() && (k == "source" || k == "residue") {
            continue;
        }
        let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
        walk(child, p, out);
    }
}

/// What the summary counts of one record.
#[derive(Debug, Default)]
pub struct RecordStats {
    /// Every field has confidence `high`.
    pub all_high: bool,
    /// Each flag once per field that carries it.
    pub flags: Vec<String>,
}

/// The statistics and review rows of one record.
pub fn inspect(input: &str, record: &Node, min: Option<Level>) -> (RecordStats, Vec<String>) {
    let fields = fields(record);
    let all_high = fields.iter().all(|f| f.confidence == "high");
    let flags = fields.iter().flat_map(|f| f.flags.iter().map(|s| s.to_string())).collect();
    let rows = match min {
        Some(min) => fields.iter().filter(|f| Level::from_name(f.confidence) < min).map(|f| row(input, f)).collect(),
        None => Vec::new(),
    };
    (RecordStats { all_high, flags }, rows)
}

/// One CSV row (no line end).
fn row(input: &str, f: &FieldView<'_>) -> String {
    let value: String = render(f.value).chars().take(VALUE_CHARS).collect();
    let lines = match f.lines {
        Some((a, b)) if a == b => a.to_string(),
        Some((a, b)) => format!("{a}-{b}"),
        None => String::new(),
    };
    [input, &f.path, f.confidence, &f.flags.join(";"), &value, &lines].map(csv_cell).join(",")
}

/// A value as one line of text: lists joined with ` | `, objects' values with `, `.
fn render(v: &Node) -> String {
    let s = match v {
        Node::Null => String::new(),
        Node::Str(s) | Node::Scalar(s) => s.clone(),
        Node::Arr(items) => items.iter().map(render).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" | "),
        Node::Obj(map) => map.iter().map(|(_, v)| render(v)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
    };
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// RFC 4180 quoting.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_below_the_level() {
        let record: Node = serde_json::from_str(
            r#"{
            "schema_version": 1,
            "source": {"name": "a.txt", "format": "text", "sha256": "00"},
            "header": {
                "post_number": {"value": "2431", "confidence": "high", "flags": [], "lines": [3, 3]},
                "issue_year": {"value": 2024, "confidence": "medium", "flags": ["label_missing"], "lines": [9, 9]}
            },
            "general": {
                "department": {"value": {"name": "Dept, \"X\"", "acronym": "D"}, "confidence": "low",
                               "flags": ["ambiguous", "multiline_value"], "lines": [30, 31]},
                "title": {"value": null, "confidence": "none", "flags": ["missing"], "lines": null}
            },
            "residue": [{"kind": "unclassified", "text": "x", "lines": [1, 1]}]
        }"#,
        )
        .unwrap();
        let (stats, rows) = inspect("in/a.txt", &record, Some(Level::High));
        assert!(!stats.all_high);
        assert_eq!(stats.flags, ["label_missing", "ambiguous", "multiline_value", "missing"]);
        assert_eq!(
            rows,
            [
                "in/a.txt,header.issue_year,medium,label_missing,2024,9",
                "in/a.txt,general.department,low,ambiguous;multiline_value,\"Dept, \"\"X\"\", D\",30-31",
                "in/a.txt,general.title,none,missing,,",
            ]
        );
        let (_, rows) = inspect("in/a.txt", &record, Some(Level::Low));
        assert_eq!(rows.len(), 1);
        let (_, rows) = inspect("in/a.txt", &record, None);
        assert!(rows.is_empty());
    }

    #[test]
    fn long_values_are_cut() {
        let long = "word ".repeat(40);
        let json =
            format!(r#"{{"f": {{"value": ["{long}", "b"], "confidence": "low", "flags": [], "lines": [1, 2]}}}}"#);
        let record: Node = serde_json::from_str(&json).unwrap();
        let (_, rows) = inspect("x", &record, Some(Level::High));
        let value = rows[0].split(',').nth(4).unwrap();
        assert_eq!(value.chars().count(), 80);
    }
}
