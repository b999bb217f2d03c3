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
    let mut copies: Vec<&[usize]> = Vec::new();
    {
        let text = |p: usize| lines[seq[p]].text.as_str();
        // where each text first stands (its position in `seq`)
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(seq.len());
        // the run being read: where its earlier copy starts, where the
        // later starts, and its length
        let mut run: Option<(usize, usize, usize)> = None;
        for p in 0..seq.len() {
            let t = text(p);
            // the run goes on while this line is the next of its earlier
            // copy, and the copies do not overlap
            run = match run {
                Some((e, l, n)) if e + n < l && text(e + n) == t => Some((e, l, n + 1)),
                ended => {
                    copies.extend(ended.filter(|&r| is_block(lines, &seq, r)).map(|(_, l, n)| &seq[l..l + n]));
                    first.get(t).map(|&e| (e, p, 1))
                }
            };
            first.entry(t).or_insert(p);
        }
        copies.extend(run.filter(|&r| is_block(lines, &seq, r)).map(|(_, l, n)| &seq[l..l + n]));
    }
    for &i in copies.iter().flat_map(|c| c.iter()) {
        lines[i].envelope = Some(ResidueKind::Duplicate);
    }
}

/// Whether a run's later copy is a block of the document pasted again.
fn is_block(lines: &[Line], seq: &[usize], (_, later, n): (usize, usize, usize)) -> bool {
    if n < MIN_RUN_LINES {
        return false;
    }
    let copy = &seq[later..later + n];
    let bytes: usize = copy.iter().map(|&i| lines[i].text.len()).sum();
    let longest = copy.iter().map(|&i| lines[i].text.len()).max().unwrap_or(0);
    bytes >= MIN_RUN_BYTES && longest >= MIN_LONGEST_LINE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line { no: i as u32 + 1, text: t.to_string(), ..Line::default() })
            .collect()
    }

    fn marked(l: &[Line]) -> Vec<u32> {
        l.iter().filter(|l| l.envelope.is_some()).map(|l| l.no).collect()
    }

    const PARA: &str =
        "The JPO will support the analysis of value chains and the design of interventions with partners.";

    #[test]
    fn a_block_pasted_twice_keeps_its_first_copy() {
        let mut l = lines(&[
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
        let mut l = lines(&[
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
        let mut l = lines(&[PARA, PARA, PARA, PARA, PARA]);
        mark(&mut l);
        // a line repeated after itself is the segmenter's to drop
        assert!(marked(&l).is_empty());
    }
}
