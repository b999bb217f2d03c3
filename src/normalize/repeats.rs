//! A block of lines pasted twice: the later copy of a run of lines that
//! already stood, line for line, earlier in the document ("sending again"
//! in a chat log, a section a drafter pasted twice) becomes
//! [`Line::envelope`] lines of kind [`ResidueKind::Duplicate`], for
//! residue. A line repeated right after itself is the segmenter's
//! business; this is for the blocks.

use std::collections::HashMap;

use super::Line;
use crate::record::ResidueKind;

/// The fewest lines of a repeated block.
const MIN_RUN_LINES: usize = 3;

/// The fewest bytes of a repeated block: short lines repeated together
/// are form rows ("Minimum: N/A" / "Desirable: N/A") or page furniture.
const MIN_RUN_BYTES: usize = 200;

/// The longest line of a repeated block must be this long at least: a
/// block of prose, not of labels.
const MIN_LONGEST_LINE: usize = 60;

/// Marks the later copy of every block repeated line for line.
pub(crate) fn mark(lines: &mut [Line]) {
    // the content lines, blank lines skipped: a copy may be spaced apart
    // differently
    let seq: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].has_text() && lines[i].envelope.is_none()).collect();
    let mut copies: Vec<(usize, usize)> = Vec::new();
    {
        let text = |p: usize| lines[seq[p]].text.as_str();
        // a block holds a long line: only those are looked up (where each
        // first stands, by its position in `seq`), and a run is grown from
        // a long line repeated, both ways
        let mut first: HashMap<&str, usize, foldhash::fast::RandomState> = HashMap::default();
        // where the last run found ends: a long line inside it is no new run
        let mut covered = 0;
        for p in 0..seq.len() {
            let t = text(p);
            if t.len() < MIN_LONGEST_LINE {
                continue;
            }
            let Some(&e) = first.get(t) else {
                first.insert(t, p);
                continue;
            };
            if p < covered {
                continue;
            }
            // grown back while the lines before match, and the copies do
            // not overlap or reach into the run before
            let mut back = 0;
            while back < e && p - back > covered.max(e + 1) && text(e - back - 1) == text(p - back - 1) {
                back += 1;
            }
            let (e0, l0) = (e - back, p - back);
            let mut n = back + 1;
            while l0 + n < seq.len() && e0 + n < l0 && text(e0 + n) == text(l0 + n) {
                n += 1;
            }
            covered = l0 + n;
            if is_block(lines, &seq, l0, n) {
                copies.push((l0, n));
            }
        }
    }
    for (l0, n) in copies {
        for &i in &seq[l0..l0 + n] {
            lines[i].envelope = Some(ResidueKind::Duplicate);
        }
    }
}

/// Whether the later copy of a run (`n` lines from `later` in `seq`) is a
/// block of the document pasted again.
fn is_block(lines: &[Line], seq: &[usize], later: usize, n: usize) -> bool {
    if n < MIN_RUN_LINES {
        return false;
    }
    let copy = &seq[later..later + n];
    let bytes: usize = copy.iter().map(|&i| lines[i].text.len()).sum();
    bytes >= MIN_RUN_BYTES
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(l: &[Line]) -> Vec<u32> {
        l.iter().filter(|l| l.envelope.is_some()).map(|l| l.no).collect()
    }

    const PARA: &str =
        "The JPO will support the analysis of value chains and the design of interventions with partners.";

    #[test]
    fn a_block_pasted_twice_keeps_its_first_copy() {
        let mut l = Line::numbered(&[
            "QUALIFICATIONS",
            "Education:",
            PARA,
            "Skills:",
            PARA,
            "",
            "QUALIFICATIONS",
            "Education:",
            PARA,
            "Skills:",
            PARA,
            "End.",
        ]);
        mark(&mut l);
        assert_eq!(marked(&l), [7, 8, 9, 10, 11]);
    }

    #[test]
    fn short_rows_repeated_are_no_block() {
        let mut l = Line::numbered(&[
            "Minimum: N/A",
            "Desirable: N/A",
            "Other: N/A",
            "Languages:",
            "Minimum: N/A",
            "Desirable: N/A",
            "Other: N/A",
        ]);
        mark(&mut l);
        assert!(marked(&l).is_empty());
    }

    #[test]
    fn a_run_that_overlaps_its_copy_is_no_block() {
        let mut l = Line::numbered(&[PARA, PARA, PARA, PARA, PARA]);
        mark(&mut l);
        // a line repeated after itself is the segmenter's to drop
        assert!(marked(&l).is_empty());
    }
}
