//! Structure-aware mutation of a vacancy text: a byte string is read as a
//! recipe of line edits (swap, drop, duplicate, inject a heading or a label,
//! garble a character, join, split, markdown-ify, repeat a block,
//! truncate). Any bytes are a valid recipe, so the same function serves the
//! `mutate_fixture` fuzz target (libFuzzer mutates the recipe) and the
//! proptest strategies of `tests/properties.rs` (proptest generates it).
//!
//! Shared as one file through `#[path]`; depends on `std` only. The output
//! is bounded: at most [`MAX_OPS`] edits and [`MAX_LINES`] lines.

#![allow(dead_code)]

/// Edits read from one recipe at most.
pub const MAX_OPS: usize = 64;

/// Lines a mutated text may grow to.
pub const MAX_LINES: usize = 4_000;

/// Section headings as they occur in real and damaged documents.
pub const HEADINGS: &[&str] = &[
    "GENERAL INFORMATION",
    "GENERAL INFORMATION:",
    "General Information",
    "SUPERVISION",
    "Supervision arrangements",
    "INTRODUCTION",
    "DUTIES AND RESPONSIBILITIES",
    "DUTIES AND RESPONSABILITIES",
    "QUALIFICATIONS AND EXPERIENCE",
    "QUALIFICATIONS",
    "TRAINING COMPONENTS AND LEARNING ELEMENTS",
    "BACKGROUND INFORMATION",
    "## INTRODUCTION",
    "**SUPERVISION**",
    "## **DUTIES AND RESPONSIBILITIES**",
    "GENERAL lNFORMATION",
    "QUAL1FICATIONS AND EXPERlENCE",
    "DUTIES AND",
    "RESPONSIBILITIES",
    "BACKGROUND INFORMATlON",
    "1. GENERAL INFORMATION",
    "| INTRODUCTION |",
    "INTRODUCTlON:",
    "TRAINING AND LEARNING",
    "General lnformation and more words that are not a heading",
];

/// Labels of the form, with and without values.
pub const LABELS: &[&str] = &[
    "Title:",
    "Title: Junior Professional Officer in Statistics",
    "Duty station:",
    "Duty station: Geneva, Switzerland",
    "Duration of the assignment: 12 months, renewable",
    "Duration:",
    "Grade: P-2",
    "Grade:",
    "Department/ Field Office: Statistics Department (STATISTICS)",
    "Organisational Unit:",
    "Unit: Gender, Equality, Diversity and Inclusion (GEDI) Branch",
    "Post number: 2431",
    "Post number:",
    "Month of issue: October",
    "Year: 2024",
    "Name and title of supervisor: Laura Addati, Specialist",
    "Supervisor:",
    "E-mail address: addati@ilo.org",
    "Content and methodology of supervision:",
    "Minimum:",
    "Minimum: Minimum: A university degree",
    "Desirable:",
    "Desirable: Knowledge of Spanish",
    "Education:",
    "Work experience:",
    "Skills:",
    "Languages:",
    "ILO competencies:",
    "Training components:",
    "Learning elements:",
    "Key outputs:",
    "The JPO will contribute to the following key outputs:",
    "Title: X Duty station: Y Grade: P2 Duration: 1 year",
    "Minimum: one Desirable: two",
    "**Title:** *Officer*",
    "| **Grade:** | P2 |",
    "Please describe the supervisory role",
    "Describe briefly the main tasks",
    "Page 2 of 5",
    "\u{c}Page 3 of 5",
    "International Labour Office",
    "The ILO has a smoke-free environment",
    "- ",
    "• ",
    "1.",
    "(a)",
];

/// Characters and short strings that normalization has to deal with.
pub const GARBLE: &[&str] = &[
    "\u{00A0}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{00AD}",
    "\u{FEFF}",
    "\u{2060}",
    "\u{FB01}",
    "\u{FB02}",
    "\u{FB03}",
    "\u{0301}",
    "\u{0327}",
    "e\u{0301}",
    "\u{F0B7}",
    "•",
    "▪",
    "*",
    "**",
    "#",
    "## ",
    "\\",
    "\\(",
    "\\*",
    "[",
    "]",
    "](",
    "[x](y)",
    "<u>",
    "</u>",
    "<br>",
    "<",
    ">",
    "_",
    "__",
    "|",
    "---",
    "\r",
    "\t",
    "\u{c}",
    "\u{1}",
    "\u{7f}",
    "\u{85}",
    "\u{b}",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "Ã©",
    "â€™",
    "Ã",
    "Â",
    "\u{FFFD}",
    "l",
    "1",
    "I",
    "rn",
    "m",
    "0",
    "o",
    "-",
    "- ",
    "o ",
    "1. ",
    "(1) ",
    "a) ",
    ":",
    " ",
    "  ",
    "-\n",
    "in in ",
    "WorkingWorking",
    "𝐀",
    "\u{E000}",
    "\u{202E}",
    "ǅ",
    "ß",
    "İ",
    "ﬀ",
];

/// A reader of recipe bytes; past the end it yields zeros.
struct Recipe<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Recipe<'_> {
    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }
    fn u8(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }
    fn u16(&mut self) -> usize {
        usize::from(self.u8()) << 8 | usize::from(self.u8())
    }
    fn index(&mut self, len: usize) -> usize {
        if len == 0 {
            0
        } else {
            self.u16() % len
        }
    }
    fn pick<'t>(&mut self, table: &'t [&'t str]) -> &'t str {
        table[usize::from(self.u8()) % table.len()]
    }
}

/// The byte offset of the `n`-th char boundary of `s` (modulo its length).
fn boundary(s: &str, n: usize) -> usize {
    let count = s.chars().count() + 1;
    let k = n % count;
    s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).nth(k).unwrap_or(s.len())
}

/// Applies the recipe to `text`: edits of its lines (split on `'\n'`),
/// joined again with `'\n'`.
pub fn mutate(text: &str, recipe: &[u8]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut r = Recipe { bytes: recipe, pos: 0 };
    let mut ops = 0;
    while !r.done() && ops < MAX_OPS {
        ops += 1;
        let op = r.u8() % 12;
        let n = lines.len();
        match op {
            0 => {
                // swap two lines
                let (i, j) = (r.index(n), r.index(n));
                if n > 0 {
                    lines.swap(i, j);
                }
            }
            1 => {
                // drop a line
                let i = r.index(n);
                if n > 1 {
                    lines.remove(i);
                }
            }
            2 => {
                // duplicate a line, next to it or elsewhere
                let (i, j) = (r.index(n), r.index(n + 1));
                if n > 0 && n < MAX_LINES {
                    let l = lines[i].clone();
                    lines.insert(j, l);
                }
            }
            3 => {
                // inject a heading
                let (i, h) = (r.index(n + 1), r.pick(HEADINGS));
                if n < MAX_LINES {
                    lines.insert(i, h.to_string());
                }
            }
            4 => {
                // inject a label, alone or at the end of a line
                let (i, l, glue) = (r.index(n + 1), r.pick(LABELS), r.u8());
                if glue % 4 == 0 && i < n {
                    lines[i].push(' ');
                    lines[i].push_str(l);
                } else if n < MAX_LINES {
                    lines.insert(i, l.to_string());
                }
            }
            5 | 6 => {
                // garble: insert or replace a character
                let (i, at, g, replace) = (r.index(n), r.u16(), r.pick(GARBLE), r.u8() % 2 == 0);
                if n > 0 {
                    let line = &mut lines[i];
                    let a = boundary(line, at);
                    let b = if replace { line[a..].chars().next().map_or(a, |c| a + c.len_utf8()) } else { a };
                    line.replace_range(a..b, g);
                }
            }
            7 => {
                // join a line with the next
                let i = r.index(n);
                if i + 1 < n {
                    let next = lines.remove(i + 1);
                    let sep = if r.u8() % 2 == 0 { " " } else { "" };
                    lines[i].push_str(sep);
                    lines[i].push_str(&next);
                }
            }
            8 => {
                // split a line
                let (i, at) = (r.index(n), r.u16());
                if n > 0 && n < MAX_LINES {
                    let a = boundary(&lines[i], at);
                    let tail = lines[i].split_off(a);
                    lines.insert(i + 1, tail);
                }
            }
            9 => {
                // markdown-ify a line
                let (i, how) = (r.index(n), r.u8() % 7);
                if n > 0 {
                    let l = &lines[i];
                    lines[i] = match how {
                        0 => format!("**{l}**"),
                        1 => format!("## {l}"),
                        2 => format!("- {l}"),
                        3 => format!("| {l} | x |"),
                        4 => format!("*{l}*"),
                        5 => format!("[{l}](#)"),
                        _ => format!("<u>{l}</u>"),
                    };
                }
            }
            10 => {
                // repeat a block of lines (page furniture, copy-paste twice)
                let (i, len, times) = (r.index(n), usize::from(r.u8() % 16) + 1, usize::from(r.u8() % 4) + 1);
                let end = (i + len).min(n);
                if n > 0 && n + (end - i) * times <= MAX_LINES {
                    let block: Vec<String> = lines[i..end].to_vec();
                    for _ in 0..times {
                        lines.splice(end..end, block.iter().cloned());
                    }
                }
            }
            _ => {
                // blank lines, or a truncation
                let (i, k) = (r.index(n + 1), r.u8());
                if k == 255 {
                    lines.truncate(i.max(1));
                } else if n + usize::from(k % 8) <= MAX_LINES {
                    for _ in 0..k % 8 {
                        lines.insert(i, String::new());
                    }
                }
            }
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_recipe_is_valid() {
        let text = "a\nbé\n\nc";
        for seed in 0u32..2000 {
            let recipe: Vec<u8> = seed.to_le_bytes().iter().cycle().take((seed % 40) as usize).copied().collect();
            let _ = mutate(text, &recipe);
        }
        assert_eq!(mutate(text, &[]), text);
    }
}
