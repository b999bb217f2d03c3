//! A unified diff pasted in place of the document (`git diff -U10000`
//! copied from a review page): every line of the form opens with ` `
//! (kept), `+` (added) or `-` (removed), under `diff --git`, `---`/`+++`
//! and `@@ ... @@` lines. The document is its new version: the kept and
//! added lines without their first character. Removed lines, the headers
//! and anything before the first hunk are residue, one output line per
//! input line, so the record's `lines` still refer to the input.

use std::sync::LazyLock;

use regex::Regex;

use crate::record::ResidueKind;

/// A hunk header: `@@ -1,120 +1,121 @@`.
static HUNK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@").expect("valid regex"));

/// How many lines the first hunk header is looked for in.
const MAX_PREAMBLE_LINES: usize = 40;

/// The share (in percent) of the non-blank lines after the first hunk
/// header that must be diff lines for the text to be read as a diff.
const MIN_DIFF_LINE_PERCENT: usize = 90;

/// The fewest lines after the first hunk header: a short text with an
/// `@@` line is not a diff of a form.
const MIN_HUNK_LINES: usize = 10;

/// The new version of a diff, one line per input line.
#[derive(Debug, Default)]
pub(crate) struct Diff {
    /// The kept and added lines without their marker, the other lines
    /// empty, joined by `\n`.
    pub text: String,
    /// Per input line, what residue a line that is not the new version's
    /// goes to, with its text.
    pub envelope: Vec<Option<(ResidueKind, String)>>,
}

/// Whether a line after the first hunk header is one of a diff's.
fn is_diff_line(l: &str) -> bool {
    l.is_empty() || l.starts_with([' ', '+', '-', '\\']) || l.starts_with("@@") || l.starts_with("diff ")
}

/// Reads `text` as a unified diff, or `None` when it is not one.
pub(crate) fn decode(text: &str) -> Option<Diff> {
    // a cheap rejection first: most documents hold no "@@ -"
    if !text.contains("@@ -") {
        return None;
    }
    let lines: Vec<&str> = super::split_lines(text).map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let first = lines.iter().take(MAX_PREAMBLE_LINES).position(|l| HUNK.is_match(l))?;
    let body = &lines[first + 1..];
    let non_blank = body.iter().filter(|l| !l.trim().is_empty()).count();
    let diff_lines = body.iter().filter(|l| !l.trim().is_empty() && is_diff_line(l)).count();
    if body.len() < MIN_HUNK_LINES || diff_lines * 100 < non_blank * MIN_DIFF_LINE_PERCENT {
        return None;
    }
    let mut out = Diff { text: String::with_capacity(text.len()), envelope: Vec::with_capacity(lines.len()) };
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let residue = |kind| Some((kind, l.trim().to_string()));
        let envelope = if l.trim().is_empty() {
            None
        } else if i <= first || l.starts_with("@@") || l.starts_with("diff ") || l.starts_with('\\') {
            // the diff's own headers, and what the review page put above
            residue(ResidueKind::Boilerplate)
        } else if l.starts_with("---") || l.starts_with("+++") {
            residue(ResidueKind::Boilerplate)
        } else if let Some(removed) = l.strip_prefix('-') {
            // the old version's text: not the document's
            Some((ResidueKind::Unclassified, removed.trim().to_string()))
        } else if let Some(kept) = l.strip_prefix([' ', '+']) {
            out.text.push_str(kept);
            None
        } else {
            // not a diff line: kept as it stands
            out.text.push_str(l);
            None
        };
        out.envelope.push(envelope);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff_of(body: &[&str]) -> String {
        let mut t = String::from("diff --git a/vp.txt b/vp.txt\nindex 1..2 100644\n--- a/vp.txt\n+++ b/vp.txt\n");
        t.push_str("@@ -1,20 +1,20 @@\n");
        for l in body {
            t.push_str(l);
            t.push('\n');
        }
        t
    }

    #[test]
    fn the_new_version_line_for_line() {
        let body = [
            " GENERAL INFORMATION",
            "",
            "-Title: Junior Professional Officer in Rural Roads",
            "+Title: Junior Professional Officer in Investment",
            " Duty station: Harare",
            "-Grade: P1",
            "+Grade: P2",
            " ",
            " DUTIES AND RESPONSIBILITIES",
            "+- Support the team.",
            " - Draft notes.",
        ];
        let d = decode(&diff_of(&body)).expect("a diff");
        let lines: Vec<&str> = d.text.split('\n').collect();
        assert_eq!(d.envelope.len(), lines.len());
        // five header lines, then the body
        assert!(lines[..5].iter().all(|l| l.is_empty()));
        assert!(d.envelope[..5].iter().all(|e| e.as_ref().is_some_and(|(k, _)| *k == ResidueKind::Boilerplate)));
        assert_eq!(
            &lines[5..],
            &[
                "GENERAL INFORMATION",
                "",
                "",
                "Title: Junior Professional Officer in Investment",
                "Duty station: Harare",
                "",
                "Grade: P2",
                "",
                "DUTIES AND RESPONSIBILITIES",
                "- Support the team.",
                "- Draft notes.",
                "",
            ]
        );
        assert_eq!(
            d.envelope[7],
            Some((ResidueKind::Unclassified, "Title: Junior Professional Officer in Rural Roads".into()))
        );
    }

    #[test]
    fn not_a_diff() {
        assert!(decode("Title: JPO\n@@ -1 +1 @@\n").is_none());
        let prose: Vec<String> = (0..20).map(|i| format!("Line {i} of prose")).collect();
        assert!(decode(&format!("@@ -1,2 +1,2 @@\n{}", prose.join("\n"))).is_none());
        assert!(decode("GENERAL INFORMATION\nTitle: JPO\n").is_none());
    }
}
