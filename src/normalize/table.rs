//! Tables whose rows go on over several lines, as text the segmenter reads
//! like a form: `label: value`.
//!
//! - A grid table (pandoc's `+------+------+` borders) wraps its cells: a
//!   row spans from one border to the next, and each cell's text is that
//!   column's fragments over the row's lines. A first cell wrapped over
//!   several lines ("Duration of the" / "assignment:") is a label the
//!   segmenter cannot read in pieces: its fragments are joined on the
//!   row's first line, before the value's first fragment. The value's
//!   fragments stay on their own lines (reflow joins them later, as any
//!   wrapped value), and a line left with nothing of its own is
//!   [`Line::joined`](super::Line::joined): its text went to the line
//!   above.
//! - A pipe table whose header row names the columns and leaves the first
//!   (the rows' labels) empty (`| | Minimum | Desirable |`): each body row
//!   is read as its label followed by each column's name as a sub-label
//!   (`Education: Minimum: ... Desirable: ...`), and the header row itself
//!   is layout.
//!
//! A table is found by its border or separator row first: lines of a text
//! with no table are only looked at for their first byte.

/// The column boundaries of a grid table's border (`+----+-----+`, `+:===+`):
/// the character columns of its `+`, from the line's start. `None` when the
/// line is no border.
pub(crate) fn grid_border(raw: &str) -> Option<Vec<usize>> {
    let t = raw.trim_end();
    let lead = t.len() - t.trim_start().len();
    let b = t.as_bytes();
    // only '+' can start a border: most lines stop here
    if b.get(lead) != Some(&b'+') || !t.ends_with('+') || !t.is_ascii() {
        return None;
    }
    let body = &b[lead..];
    if body.len() < 3 || !body.iter().all(|c| matches!(c, b'+' | b'-' | b'=' | b':')) {
        return None;
    }
    let cols: Vec<usize> = body.iter().enumerate().filter(|&(_, &c)| c == b'+').map(|(i, _)| lead + i).collect();
    // every column has a width: no "++"
    (cols.len() >= 2 && cols.windows(2).all(|w| w[1] > w[0] + 1)).then_some(cols)
}

/// The cells of a grid table's row under the border `cols`: `|` at each
/// boundary's character column (or, when wide characters shift them, as
/// many `|` as boundaries), the text between them untrimmed. `None` when
/// the line is not such a row.
pub(crate) fn grid_cells<'a>(raw: &'a str, cols: &[usize]) -> Option<Vec<&'a str>> {
    let t = raw.trim_end();
    let mut bounds = Vec::with_capacity(cols.len());
    let mut want = cols.iter().copied().peekable();
    for (n, (i, c)) in t.char_indices().enumerate() {
        match want.peek() {
            Some(&w) if w == n => {
                if c != '|' {
                    bounds.clear();
                    break;
                }
                bounds.push(i);
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if bounds.len() != cols.len() || t.len() != bounds.last().map_or(0, |&b| b + 1) {
        // the columns shifted: split at the bars, when there is one per boundary
        let lead = t.len() - t.trim_start().len();
        if !t[lead..].starts_with('|') || !t.ends_with('|') {
            return None;
        }
        bounds = t.match_indices('|').map(|(i, _)| i).collect();
        if bounds.len() != cols.len() {
            return None;
        }
    }
    Some(bounds.windows(2).map(|w| &t[w[0] + 1..w[1]]).collect())
}

/// The column boundaries of a bar table's rule: a line of `-` or `=` cut
/// by `|` or `+` at each boundary between columns, with no bar at either
/// end (`=======|=======`, `------+------`, as plain-text tables with no
/// outer border and psql print them): the character columns of its bars,
/// and whether the rule is of `=` (it closes the table's header). `None`
/// when the line is no such rule.
pub(crate) fn bar_rule(raw: &str) -> Option<(Vec<usize>, bool)> {
    let t = raw.trim_end();
    let b = t.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    // only '-' or '=' can start such a rule: most lines stop here
    if !matches!(b.get(lead), Some(b'-' | b'=')) || memchr::memchr2(b'|', b'+', b).is_none() {
        return None;
    }
    let body = &b[lead..];
    if !body.iter().all(|c| matches!(c, b'-' | b'=' | b'|' | b'+' | b':' | b' ')) {
        return None;
    }
    let is_bar = |c: &u8| matches!(c, b'|' | b'+');
    // every column has a rule of its own: three rule characters at least
    let ruled = body.split(is_bar).all(|seg| seg.iter().filter(|&&c| matches!(c, b'-' | b'=')).count() >= 3);
    if !ruled || body.last().is_some_and(is_bar) {
        return None;
    }
    let cols: Vec<usize> = body.iter().enumerate().filter(|&(_, c)| is_bar(c)).map(|(i, _)| lead + i).collect();
    Some((cols, body.contains(&b'=')))
}

/// The fewest dashes of a pandoc table's full rule (its top or bottom).
const MIN_FULL_RULE: usize = 10;

/// Whether a line is a rule of dashes alone, as pandoc's multiline
/// tables open and close with (`  ----------------------`).
pub(crate) fn is_full_dash_rule(raw: &str) -> bool {
    let t = raw.trim();
    t.len() >= MIN_FULL_RULE && t.bytes().all(|b| b == b'-')
}

/// The columns of a pandoc table's column rule: two groups of dashes or
/// more, spaces between them (`  ---------- ----------------`), as pandoc's
/// plain output rules a table's header off. Returns each column's first
/// character column; `None` for any other line.
pub(crate) fn dash_rule(raw: &str) -> Option<Vec<usize>> {
    let t = raw.trim_end();
    let b = t.as_bytes();
    // only a dash can start such a rule, and it has a space: most lines stop here
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    if b.get(lead) != Some(&b'-') || !b.iter().all(|&c| c == b'-' || c == b' ') || !t.is_ascii() {
        return None;
    }
    let mut starts = Vec::new();
    let mut run = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'-' {
            if run == 0 {
                starts.push(i);
            }
            run += 1;
        } else {
            if run > 0 && run < 3 {
                return None;
            }
            run = 0;
        }
    }
    (starts.len() >= 2 && run >= 3).then_some(starts)
}

/// The cells of a line under a pandoc table's columns (`starts`, their
/// first character columns): the text from each column's start to the
/// next's, trimmed.
pub(crate) fn column_cells<'a>(raw: &'a str, starts: &[usize]) -> Vec<&'a str> {
    // each column's byte offset, in one pass over the characters (`starts`
    // ascend): a column found by counting from the start each time would
    // make a line of many columns cost their square
    let mut bounds = Vec::with_capacity(starts.len());
    let mut chars = raw.char_indices().map(|(i, _)| i).chain(std::iter::repeat(raw.len()));
    let mut col = 0;
    for &start in starts {
        let skip = start.saturating_sub(col);
        let at = chars.nth(skip).unwrap_or(raw.len());
        bounds.push(at);
        col = start + 1;
    }
    bounds
        .iter()
        .enumerate()
        .map(|(k, &from)| {
            let to = bounds.get(k + 1).copied().unwrap_or(raw.len());
            // the first column takes what stands before it (a cell less indented)
            let from = if k == 0 { 0 } else { from };
            raw.get(from..to.max(from)).unwrap_or("").trim()
        })
        .collect()
}

/// The cells of a bar table's row under the rule's boundaries `cols`: the
/// text before the first bar, between the bars and after the last,
/// untrimmed; a bar at each boundary's character column or, when wide
/// characters shift them, as many bars as boundaries. `None` when the line
/// is not such a row (a line that stops short of the last bar is none).
pub(crate) fn bar_cells<'a>(raw: &'a str, cols: &[usize]) -> Option<Vec<&'a str>> {
    let t = raw.trim_end();
    let mut bounds = Vec::with_capacity(cols.len());
    let mut want = cols.iter().copied().peekable();
    for (n, (i, c)) in t.char_indices().enumerate() {
        match want.peek() {
            Some(&w) if w == n => {
                if c != '|' && c != '+' {
                    break;
                }
                bounds.push(i);
                want.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if bounds.len() != cols.len() {
        // the columns shifted: split at the bars, when there is one per boundary
        bounds = t.match_indices('|').map(|(i, _)| i).collect();
        if bounds.len() != cols.len() {
            return None;
        }
    }
    let mut cells = Vec::with_capacity(bounds.len() + 1);
    let mut from = 0;
    for b in bounds {
        cells.push(&t[from..b]);
        from = b + 1;
    }
    cells.push(&t[from..]);
    Some(cells)
}

/// How a row of a grid table is rewritten: per line of the row, the text to
/// normalize in place of the raw line, or `None` for a line left with
/// nothing of its own (joined to the line above).
///
/// `rows` holds each line's cells. Only a row whose first cell goes on over
/// several lines is rewritten (`None` returned otherwise), unless `always`
/// (a bar table, whose lines are no pipe rows as they are): the first
/// cell's fragments, joined, open the row's first line as one cell.
pub(crate) fn grid_row_texts(rows: &[Vec<&str>], always: bool) -> Option<Vec<Option<String>>> {
    let label_lines = rows.iter().filter(|c| c.first().is_some_and(|f| !f.trim().is_empty())).count();
    if label_lines < 2 && !always {
        return None;
    }
    let label = column_text(rows, 0);
    let texts = rows
        .iter()
        .enumerate()
        .map(|(k, cells)| {
            let rest = cells.get(1..).unwrap_or(&[]);
            let moved = cells.first().is_some_and(|f| !f.trim().is_empty());
            if k > 0 && moved && rest.iter().all(|c| c.trim().is_empty()) {
                return None;
            }
            let first = if k == 0 { label.as_str() } else { "" };
            let mut s = String::with_capacity(label.len() + rest.iter().map(|c| c.len() + 3).sum::<usize>() + 4);
            s.push_str("| ");
            s.push_str(first);
            for c in rest {
                s.push_str(" | ");
                s.push_str(c.trim());
            }
            s.push_str(" |");
            Some(s)
        })
        .collect();
    Some(texts)
}

/// A table cell's text over several lines: column `k`'s non-empty
/// fragments in `rows` (each a line's cells), trimmed and joined by spaces.
pub(crate) fn column_text(rows: &[Vec<&str>], k: usize) -> String {
    rows.iter().filter_map(|c| c.get(k)).map(|f| f.trim()).filter(|f| !f.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The cells of a pipe-table row (`| a | b |`), trimmed, empty ones kept.
/// `None` when the line is no such row.
pub(crate) fn pipe_cells(raw: &str) -> Option<Vec<&str>> {
    let t = raw.trim();
    // only '|' can start a row: most lines stop here
    if !t.starts_with('|') || !t.ends_with('|') || t.len() < 3 {
        return None;
    }
    Some(t[1..t.len() - 1].split('|').map(str::trim).collect())
}

/// Whether the cells are a pipe table's separator row (`|---|:--:|`, or
/// with `+` where the columns meet, as Org and Emacs tables rule them:
/// `|---+---|`).
pub(crate) fn is_pipe_separator(cells: &[&str]) -> bool {
    cells.iter().all(|c| !c.is_empty() && c.bytes().all(|b| matches!(b, b'-' | b':' | b' ' | b'+')) && c.contains('-'))
}

/// The column names of a header row that names every column after its
/// first (the rows' labels): one that leaves the first cell empty, or one
/// of three columns or more that names it too ("Requirement | Minimum |
/// Desirable"; in a row of two, "Field | Details", the second name is no
/// sub-label). `None` for any other row.
pub(crate) fn column_names(cells: &[&str]) -> Option<Vec<String>> {
    let (first, rest) = cells.split_first()?;
    ((first.is_empty() || rest.len() >= 2) && !rest.is_empty() && rest.iter().all(|c| !c.is_empty()))
        .then(|| rest.iter().map(|c| c.to_string()).collect())
}

/// The longest column name [`named_row`] repeats in each row.
const MAX_COLUMN_NAME_BYTES: usize = 64;

/// A body row of a pipe table with column names, as one `label: value`
/// line: the row's label, then each non-empty cell after its column's
/// name as a sub-label (`Education: Minimum: A degree. Desirable: A
/// course.`). `None` when the row does not have the header's columns.
pub(crate) fn named_row(cells: &[&str], names: &[String]) -> Option<String> {
    let (label, rest) = cells.split_first()?;
    // a column name is a few words: one that is not is no name, and the
    // rows below it, each repeating the names, cannot grow the text more
    // than a constant factor
    if rest.len() != names.len() || names.iter().any(|n| n.len() > MAX_COLUMN_NAME_BYTES) {
        return None;
    }
    let mut s = String::with_capacity(cells.iter().map(|c| c.len() + 2).sum::<usize>() + 16 * names.len());
    push_label(&mut s, label);
    for (cell, name) in rest.iter().zip(names) {
        if cell.is_empty() {
            continue;
        }
        s.push(' ');
        push_label(&mut s, name);
        s.push(' ');
        s.push_str(cell);
    }
    Some(s)
}

/// Appends `label` with a colon after it, unless it has one (inside
/// emphasis: `**Minimum:**`).
fn push_label(s: &mut String, label: &str) {
    s.push_str(label);
    if !label.is_empty() && !label.trim_end_matches(['*', '_']).ends_with(':') {
        s.push(':');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pandoc_column_rules_give_the_columns_starts() {
        assert_eq!(dash_rule("  -------------- ------------ ----"), Some(vec![2, 17, 30]));
        assert_eq!(dash_rule("----------"), None);
        assert_eq!(dash_rule("-- ----------"), None);
        assert_eq!(dash_rule("---- text ----"), None);
        assert!(is_full_dash_rule("  ----------------------"));
        assert!(!is_full_dash_rule("  -------- -------------"));
        assert_eq!(
            column_cells("  Work           At least two years   Experience with", &[2, 17, 38]),
            ["Work", "At least two years", "Experience with"]
        );
        assert_eq!(column_cells("                 in economics", &[2, 17, 38]), ["", "in economics", ""]);
        // columns past the line's end are empty; wide characters count one
        assert_eq!(column_cells("é ab", &[0, 2, 9]), ["é", "ab", ""]);
    }

    #[test]
    fn borders() {
        assert_eq!(grid_border("+----+------+"), Some(vec![0, 5, 12]));
        assert_eq!(grid_border("  +:===+===+  "), Some(vec![2, 7, 11]));
        assert_eq!(grid_border("+41 22 799 6111"), None);
        assert_eq!(grid_border("+ Strong skills;"), None);
        assert_eq!(grid_border("++"), None);
        assert_eq!(grid_border("+--++--+"), None);
        assert_eq!(grid_border("---"), None);
    }

    #[test]
    fn bar_rules() {
        assert_eq!(bar_rule("=====|========"), Some((vec![5], true)));
        assert_eq!(bar_rule(" ----+-----+---  "), Some((vec![5, 11], false)));
        assert_eq!(bar_rule("--- | ---"), Some((vec![4], false)));
        assert_eq!(bar_rule("-----------"), None, "a rule with no column");
        assert_eq!(bar_rule("|----|----|"), None, "a pipe table's separator");
        assert_eq!(bar_rule("-----|-----|"), None, "a bar at the end");
        assert_eq!(bar_rule("--|-----"), None, "a column of two");
        assert_eq!(bar_rule("- item | other"), None);
        assert_eq!(bar_rule("+----+----+"), None, "a grid border starts with '+'");
    }

    #[test]
    fn bar_cells_at_the_rule_columns() {
        let (cols, _) = bar_rule("======|=======").unwrap();
        assert_eq!(bar_cells("Name  | Lisbon", &cols), Some(vec!["Name  ", " Lisbon"]));
        assert_eq!(bar_cells("      |", &cols), Some(vec!["      ", ""]));
        assert_eq!(bar_cells("Név   | Győr", &cols), Some(vec!["Név   ", " Győr"]), "characters, not bytes");
        // a wide cell pushes the bar on: one bar per boundary still splits
        assert_eq!(bar_cells("A longer name | Oslo", &cols), Some(vec!["A longer name ", " Oslo"]));
        assert_eq!(bar_cells("a| b | c", &cols), None, "two bars, none in the column");
        assert_eq!(bar_cells("Some prose", &cols), None);
        assert_eq!(bar_cells("", &cols), None);
        let (cols, _) = bar_rule("---+---+---").unwrap();
        assert_eq!(bar_cells(" a | b | c", &cols), Some(vec![" a ", " b ", " c"]));
    }

    #[test]
    fn cells_at_the_border_columns() {
        let cols = grid_border("+------+--------+").unwrap();
        assert_eq!(grid_cells("| Name | Lisbon |", &cols), Some(vec![" Name ", " Lisbon "]));
        // a wide or accented character shifts nothing the bars do not show
        assert_eq!(grid_cells("| Név  | Győr   |", &cols), Some(vec![" Név  ", " Győr   "]));
        assert_eq!(grid_cells("| a | b | c |", &cols), None, "three cells under two columns");
        assert_eq!(grid_cells("Some prose", &cols), None);
        assert_eq!(grid_cells("|      |", &cols), None);
    }

    #[test]
    fn a_wrapped_first_cell_is_joined_on_the_first_line() {
        let rows = vec![vec![" **Length of the ", " 6 months, "], vec![" stay:** ", " renewable "]];
        let got = grid_row_texts(&rows, false).unwrap();
        assert_eq!(
            got,
            vec![Some("| **Length of the stay:** | 6 months, |".to_string()), Some("|  | renewable |".to_string())]
        );
        // the label's last fragment alone on its line: the line is joined
        let rows = vec![vec![" Place of ", " Oslo "], vec![" work: ", "  "]];
        assert_eq!(grid_row_texts(&rows, false).unwrap(), vec![Some("| Place of work: | Oslo |".to_string()), None]);
        // a first cell on one line: nothing to rewrite
        let rows = vec![vec![" Place: ", " Oslo, "], vec!["  ", " Norway "]];
        assert_eq!(grid_row_texts(&rows, false), None);
        // unless always (a bar table's lines are no pipe rows)
        assert_eq!(
            grid_row_texts(&rows, true).unwrap(),
            vec![Some("| Place: | Oslo, |".to_string()), Some("|  | Norway |".to_string())]
        );
    }

    #[test]
    fn named_columns() {
        let header = pipe_cells("|   | **Needed** | Wished |").unwrap();
        let names = column_names(&header).unwrap();
        assert_eq!(names, vec!["**Needed**", "Wished"]);
        assert!(column_names(&pipe_cells("| Title: | Officer |").unwrap()).is_none(), "a first row with a label");
        assert!(column_names(&pipe_cells("| Field | Details |").unwrap()).is_none(), "two columns named");
        let three = column_names(&pipe_cells("| Requirement | Minimum | Desirable |").unwrap());
        assert_eq!(three, Some(vec!["Minimum".to_string(), "Desirable".to_string()]));
        assert!(is_pipe_separator(&pipe_cells("|---|:---:|--|").unwrap()));
        assert!(!is_pipe_separator(&pipe_cells("| a | --- |").unwrap()));
        let row = pipe_cells("| **Studies:** | A degree. | |").unwrap();
        assert_eq!(named_row(&row, &names).as_deref(), Some("**Studies:** **Needed**: A degree."));
        let row = pipe_cells("| Tools | R. | Python. |").unwrap();
        assert_eq!(named_row(&row, &names).as_deref(), Some("Tools: **Needed**: R. Wished: Python."));
        assert_eq!(named_row(&pipe_cells("| a | b |").unwrap(), &names), None);
        // a "name" of a paragraph's length is no column name
        let long = vec!["x".repeat(MAX_COLUMN_NAME_BYTES + 1), "Wished".to_string()];
        assert_eq!(named_row(&["Tools", "R.", "Python."], &long), None);
    }
}
