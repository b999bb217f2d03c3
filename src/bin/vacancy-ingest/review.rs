//! The review report (`--review`) and the per-record statistics of the
//! summary, read off [`Vacancy::fields`], which lists every field of the
//! record in the order of RECORD.md.

use vacancy_ingest::{FieldRef, Flag, Vacancy};

use crate::args::Level;

/// How many characters of a value the report shows.
const VALUE_CHARS: usize = 80;

/// The report's header row.
pub const CSV_HEADER: &str = "input,field,confidence,flags,value,lines";

/// What the summary counts of one record.
#[derive(Debug, Default)]
pub struct RecordStats {
    /// Every field has confidence `high`.
    pub all_high: bool,
    /// Each flag once per field that carries it.
    pub flags: Vec<Flag>,
}

/// The statistics and review rows of one record.
pub fn inspect(input: &str, record: &Vacancy, min: Option<Level>) -> (RecordStats, Vec<String>) {
    let mut stats = RecordStats { all_high: true, flags: Vec::new() };
    let mut rows = Vec::new();
    for f in record.fields() {
        stats.all_high &= f.confidence == vacancy_ingest::Confidence::High;
        stats.flags.extend_from_slice(f.flags);
        if min.is_some_and(|min| Level::of(f.confidence) < min) {
            rows.push(row(input, &f));
        }
    }
    (stats, rows)
}

/// One CSV row (no line end).
fn row(input: &str, f: &FieldRef<'_>) -> String {
    let value: String = f.value.map(|v| v.to_string()).unwrap_or_default().chars().take(VALUE_CHARS).collect();
    let lines = match f.lines {
        Some([a, b]) if a == b => a.to_string(),
        Some([a, b]) => format!("{a}-{b}"),
        None => String::new(),
    };
    let flags = f.flags.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(";");
    [input, f.path, f.confidence.as_str(), &flags, &value, &lines].map(csv_cell).join(",")
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
    use vacancy_ingest::{Confidence, Field, Unit};

    use super::*;

    fn field<T>(value: T, confidence: Confidence, flags: &[Flag], lines: [u32; 2]) -> Field<T> {
        Field { value: Some(value), confidence, flags: flags.to_vec(), lines: Some(lines) }
    }

    /// A record with every field high except the ones a test sets.
    fn all_high() -> Vacancy {
        let mut r = vacancy_ingest::parse_text("");
        let text = |s: &str| field(s.to_string(), Confidence::High, &[], [1, 1]);
        let paras = || field(vec!["p".to_string()], Confidence::High, &[], [1, 1]);
        let unit = || field(Unit { name: "U".into(), acronym: None }, Confidence::High, &[], [1, 1]);
        r.header.post_number = text("2431");
        r.header.issue_month = field(5, Confidence::High, &[], [1, 1]);
        r.header.issue_year = field(2024, Confidence::High, &[], [1, 1]);
        r.header.submission_email = text("a@b.org");
        r.general.title = text("T");
        r.general.duty_station = text("D");
        r.general.duration =
            field(vacancy_ingest::Duration { months: 12, renewable: true }, Confidence::High, &[], [1, 1]);
        r.general.grade = text("P2");
        r.general.department = unit();
        r.general.organisational_unit = unit();
        r.supervision.supervisor = field(
            vacancy_ingest::Supervisor { name: "N".into(), position: None, email: None },
            Confidence::High,
            &[],
            [1, 1],
        );
        r.supervision.methodology = paras();
        r.introduction = paras();
        r.duties.responsibilities = paras();
        r.duties.key_outputs = paras();
        let q = &mut r.qualifications;
        for req in [&mut q.education, &mut q.work_experience, &mut q.skills, &mut q.languages] {
            req.minimum = paras();
            req.desirable = paras();
        }
        q.competencies = paras();
        r.learning.training_components = paras();
        r.learning.learning_elements = paras();
        r.background = paras();
        r
    }

    #[test]
    fn rows_below_the_level() {
        let (stats, rows) = inspect("in/a.txt", &all_high(), Some(Level::High));
        assert!(stats.all_high);
        assert!(stats.flags.is_empty());
        assert!(rows.is_empty());

        let mut record = all_high();
        record.header.issue_year = field(2024, Confidence::Medium, &[Flag::LabelMissing], [9, 9]);
        record.general.department = field(
            Unit { name: "Dept, \"X\"".into(), acronym: Some("D".into()) },
            Confidence::Low,
            &[Flag::Ambiguous, Flag::MultilineValue],
            [30, 31],
        );
        record.general.title = Field::missing();
        let (stats, rows) = inspect("in/a.txt", &record, Some(Level::High));
        assert!(!stats.all_high);
        assert_eq!(stats.flags, [Flag::LabelMissing, Flag::Missing, Flag::Ambiguous, Flag::MultilineValue]);
        assert_eq!(
            rows,
            [
                "in/a.txt,header.issue_year,medium,label_missing,2024,9",
                "in/a.txt,general.title,none,missing,,",
                "in/a.txt,general.department,low,ambiguous;multiline_value,\"Dept, \"\"X\"\", D\",30-31",
            ]
        );
        let (_, rows) = inspect("in/a.txt", &record, Some(Level::Low));
        assert_eq!(rows, ["in/a.txt,general.title,none,missing,,"]);
        let (_, rows) = inspect("in/a.txt", &record, None);
        assert!(rows.is_empty());
    }

    #[test]
    fn long_values_are_cut() {
        let mut record = all_high();
        record.background = field(vec!["word ".repeat(40), "b".into()], Confidence::Low, &[], [1, 2]);
        let (_, rows) = inspect("x", &record, Some(Level::High));
        assert_eq!(rows.len(), 1);
        let value = rows[0].split(',').nth(4).unwrap();
        assert_eq!(value.chars().count(), 80);
        assert!(value.starts_with("word word "));
    }
}
