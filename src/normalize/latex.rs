//! A form typed as LaTeX source: `\section*{...}` headings,
//! `\textbf{Label:} value \\` rows, `itemize`/`enumerate` lists with
//! `\item`, `%` comments, and TeX's spellings of characters (`\&`, `\%`,
//! `--`, ``` ``quotes'' ```, `~`). Each line is rewritten, one output line
//! per input line, as the markdown-like text the normalizer reads
//! (`## Heading`, `- item`, `1. item`, `Label: value`); a line that is only
//! commands (the preamble, `\begin{...}`, `\vspace{...}`) or a comment is
//! layout.
//!
//! A text is LaTeX when two lines at least open with a sectioning command,
//! `\documentclass` or `\begin{document}` ([`Sniff`], in the pass of
//! [`super::wiki::dialect`]).

use super::wiki::Wiki;

/// The fewest lines opening with a LaTeX structure command that make a
/// text LaTeX source.
const MIN_STRUCTURE_LINES: usize = 2;

/// The commands that open a structure line ([`Sniff`]).
const STRUCTURE: &[&str] = &["\\section", "\\subsection", "\\chapter", "\\documentclass", "\\begin{document}"];

/// Sectioning commands whose argument is a heading of the template.
const HEADINGS: &[&str] = &["part", "chapter", "section"];

/// Sectioning commands whose argument is a sub-label or a title inside a
/// section: plain text.
const SUB_HEADINGS: &[&str] = &["subsection", "subsubsection", "paragraph", "subparagraph"];

/// Commands whose arguments are not text (layout, set-up, references):
/// dropped with every argument that follows them.
const DROPPED: &[&str] = &[
    "documentclass",
    "usepackage",
    "setlength",
    "addtolength",
    "setcounter",
    "pagestyle",
    "thispagestyle",
    "vspace",
    "hspace",
    "label",
    "ref",
    "pageref",
    "cite",
    "begin",
    "end",
    "includegraphics",
    "newcommand",
    "renewcommand",
    "definecolor",
    "geometry",
    "hypersetup",
    "input",
    "include",
    "bibliography",
    "bibliographystyle",
];

/// Commands that are words: their text.
const WORDS: &[(&str, &str)] = &[
    ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
    ("ldots", "…"),
    ("dots", "…"),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("euro", "€"),
    ("texteuro", "€"),
    ("pounds", "£"),
    ("S", "§"),
    ("textquoteright", "’"),
    ("textquoteleft", "‘"),
    ("textbullet", "•"),
];

/// Commands that put space between words (`\hfill` between two fields of
/// one line, `\quad`).
const SPACES: &[&str] = &["hfill", "quad", "qquad", "hspace", "enspace", "newline", "linebreak", "par"];

/// Counts the lines that open with a structure command ([`STRUCTURE`]),
/// fed the lines that open with a backslash ([`super::wiki::dialect`]).
#[derive(Default)]
pub(crate) struct Sniff {
    structure_lines: usize,
}

impl Sniff {
    /// A line, trimmed at its start, that opens with a backslash.
    pub(crate) fn line(&mut self, t: &str) {
        if STRUCTURE.iter().any(|s| t.starts_with(s)) {
            self.structure_lines += 1;
        }
    }

    /// Whether the text is LaTeX source ([`MIN_STRUCTURE_LINES`]).
    pub(crate) fn found(&self) -> bool {
        self.structure_lines >= MIN_STRUCTURE_LINES
    }
}

/// Rewrites LaTeX source line for line ([`super::wiki::dialect`] told it is).
pub(crate) fn rewrite(text: &str) -> Wiki {
    let mut out = Wiki { text: String::with_capacity(text.len()), ..Wiki::default() };
    // the open lists, innermost last: numbered or not
    let mut lists: Vec<bool> = Vec::new();
    for (i, raw) in super::split_lines(text).enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let t = raw.trim();
        if t.is_empty() {
            out.layout.push(false);
            out.changed.push(false);
            continue;
        }
        // the line's code, without its comment
        let code = comment_start(t).map_or(t, |k| &t[..k]).trim();
        track_lists(code, &mut lists);
        let rewritten = line(code, lists.last().copied());
        let layout = rewritten.trim().is_empty();
        if !layout {
            out.text.push_str(&rewritten);
        }
        out.changed.push(rewritten != t);
        out.layout.push(layout);
    }
    out
}

/// Opens and closes the lists of a line's `\begin{itemize}`,
/// `\begin{enumerate}` and their `\end`s (`code`: the line without its
/// comment).
fn track_lists(code: &str, lists: &mut Vec<bool>) {
    for (at, _) in code.match_indices('\\') {
        let rest = &code[at + 1..];
        if let Some(env) = rest.strip_prefix("begin{") {
            if env.starts_with("itemize}") || env.starts_with("description}") {
                lists.push(false);
            } else if env.starts_with("enumerate}") {
                lists.push(true);
            }
        } else if let Some(env) = rest.strip_prefix("end{") {
            if ["itemize}", "description}", "enumerate}"].iter().any(|e| env.starts_with(e)) {
                lists.pop();
            }
        }
    }
}

/// Where a line's comment starts: its first `%` not escaped by a
/// backslash (`\%` is a percent sign).
fn comment_start(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'%' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// One line's code (without its comment, trimmed) rewritten: a heading as
/// `## text`, an item with its marker (`numbered` is the kind of the
/// innermost open list), anything else as its text.
fn line(code: &str, numbered: Option<bool>) -> String {
    if code.is_empty() {
        return String::new();
    }
    if let Some(rest) = code.strip_prefix('\\') {
        let name: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        let after = rest[name.len()..].trim_start_matches('*');
        if HEADINGS.contains(&name.as_str()) || SUB_HEADINGS.contains(&name.as_str()) {
            let title = inline(after);
            let title = title.trim();
            if title.is_empty() {
                return String::new();
            }
            return if HEADINGS.contains(&name.as_str()) { format!("## {title}") } else { title.to_string() };
        }
        if name == "item" {
            // `\item[label] text`: the label opens the item
            let (label, body) = match after.strip_prefix('[').and_then(|r| r.split_once(']')) {
                Some((label, body)) => (Some(label), body),
                None => (None, after),
            };
            let body = inline(body);
            // a label of its own (`\item[a)]`, `\item[Minimum:]`) is the marker
            if let Some(label) = label {
                return format!("{} {}", inline(label).trim(), body.trim());
            }
            let marker = if numbered == Some(true) { "1." } else { "-" };
            return format!("{marker} {}", body.trim());
        }
    }
    inline(code)
}

/// The text of LaTeX source without its commands: escapes read as their
/// characters, formatting commands and braces dropped (their argument is
/// text), set-up commands dropped with their arguments, `\href{url}{text}`
/// as its text, TeX's ligatures of dashes and quotes as the characters,
/// `~` as a space, a comment dropped.
pub(crate) fn inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'%' => break,
            b'\\' => i = command(t, i, &mut out),
            b'{' | b'}' => i += 1,
            b'~' => {
                out.push(' ');
                i += 1;
            }
            b'-' if t[i..].starts_with("---") => {
                out.push('—');
                i += 3;
            }
            b'-' if t[i..].starts_with("--") => {
                out.push('–');
                i += 2;
            }
            b'`' if t[i..].starts_with("``") => {
                out.push('“');
                i += 2;
            }
            b'`' => {
                out.push('‘');
                i += 1;
            }
            b'\'' if t[i..].starts_with("''") => {
                out.push('”');
                i += 2;
            }
            b'$' => i += 1,
            _ => {
                // a whole character: the text is UTF-8
                let ch = t[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// Reads the command at `t[at]` (a backslash) into `out`; returns where
/// the text goes on.
fn command(t: &str, at: usize, out: &mut String) -> usize {
    let rest = &t[at + 1..];
    let Some(first) = rest.chars().next() else {
        return t.len();
    };
    if !first.is_ascii_alphabetic() {
        // a control symbol: `\\` a line break, `\,` a thin space, `\&` a character
        let next = at + 1 + first.len_utf8();
        match first {
            '\\' => {
                out.push(' ');
                // `\\[6pt]`, `\\*`
                let r = &t[next..];
                let r = r.strip_prefix('*').unwrap_or(r);
                let skip = r.strip_prefix('[').and_then(|x| x.find(']').map(|k| k + 2)).unwrap_or(0);
                return t.len() - r.len() + skip;
            }
            ',' | ';' | ':' | ' ' => out.push(' '),
            '!' | '/' | '-' => {}
            c => out.push(c),
        }
        return next;
    }
    let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
    let name = &rest[..name_len];
    let mut next = at + 1 + name_len;
    if t[next..].starts_with('*') {
        next += 1;
    }
    if DROPPED.contains(&name) {
        return skip_arguments(t, next);
    }
    if name == "href" {
        // the target, then the text (read on as text)
        return skip_group(t, skip_optional(t, next)).unwrap_or(next);
    }
    if let Some((_, word)) = WORDS.iter().find(|(n, _)| *n == name) {
        out.push_str(word);
        // `\LaTeX{}`: the empty group that ends the word
        return if t[next..].starts_with("{}") { next + 2 } else { next };
    }
    if SPACES.contains(&name) {
        out.push(' ');
        return next;
    }
    // a formatting command (`\textbf`, `\emph`, `\Large`) or one not
    // known: its name is dropped, its argument read on as text; the space
    // that ends a command word is TeX's, not the text's
    if t[next..].starts_with(' ') && !out.ends_with(' ') && !out.is_empty() {
        out.push(' ');
    }
    if t[next..].starts_with(' ') {
        next += 1;
    }
    next
}

/// Skips a command's arguments: optional `[...]` and `{...}` groups, as
/// many as follow one another.
fn skip_arguments(t: &str, mut at: usize) -> usize {
    loop {
        let opt = skip_optional(t, at);
        match skip_group(t, opt) {
            Some(end) => at = end,
            None => return opt,
        }
    }
}

/// Skips an optional argument `[...]` at `at`, if there is one.
fn skip_optional(t: &str, at: usize) -> usize {
    match t[at..].strip_prefix('[').and_then(|r| r.find(']')) {
        Some(k) => at + k + 2,
        None => at,
    }
}

/// Skips a brace group `{...}` (nested groups in it) at `at`; `None` when
/// none starts there. A group left open at the line's end runs to it.
fn skip_group(t: &str, at: usize) -> Option<usize> {
    if !t[at..].starts_with('{') {
        return None;
    }
    let b = t.as_bytes();
    let mut depth = 0usize;
    let mut i = at;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some(b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_latex(text: &str) -> bool {
        super::super::wiki::dialect(text) == Some(super::super::wiki::Dialect::Latex)
    }

    fn lines_of(text: &str) -> Vec<String> {
        assert!(is_latex(text), "LaTeX source");
        rewrite(text).shown_lines()
    }

    #[test]
    fn latex_is_told_by_two_structure_lines() {
        assert!(is_latex("\\documentclass{article}\n\\begin{document}\n"));
        assert!(is_latex("text\n  \\section*{A}\n\\subsection{B}\n"));
        assert!(!is_latex("\\section*{A}\ntext\n"));
        assert!(!is_latex("A \\section{x}\nB \\section{y}\n"));
    }

    #[test]
    fn lines() {
        let text = "% a comment\n\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n\
                    {\\Large\\textbf{International Labour Office}}\n\
                    \\textbf{Post number:} 4303 \\hfill \\textbf{Month of issue:} November 2023\n\
                    \\section*{GENERAL INFORMATION:}\n\\textbf{Title:} Officer on Platforms \\& AI \\\\\n\
                    \\subsection*{Direct Supervision by:}\nA B -- Economist (\\href{mailto:a@ilo.org}{a@ilo.org})\n\
                    \\begin{itemize}\n  \\item One;\n  %\\item Dropped;\n\\end{itemize}\n\\begin{enumerate}\n\\item[a)] First\n\
                    \\end{enumerate}\nAround 25\\% of ``work'' in 2024--25 --- see Output~A.1, \\url{https://x.org}.\n\
                    Knowledge of \\LaTeX{} and \\emph{World\nEmployment} \\vspace{6pt} here.\n\\end{document}";
        assert_eq!(
            lines_of(text),
            [
                "<layout>",
                "<layout>",
                "<layout>",
                "<layout>",
                "International Labour Office",
                "Post number: 4303   Month of issue: November 2023",
                "## GENERAL INFORMATION:",
                "Title: Officer on Platforms & AI  ",
                "Direct Supervision by:",
                "A B – Economist (a@ilo.org)",
                "<layout>",
                "- One;",
                "<layout>",
                "<layout>",
                "<layout>",
                "a) First",
                "<layout>",
                "Around 25% of “work” in 2024–25 — see Output A.1, https://x.org.",
                "Knowledge of LaTeX and World",
                "Employment  here.",
                "<layout>",
            ]
        );
    }

    #[test]
    fn unbalanced_and_truncated_source_is_read() {
        // whatever the bytes, no panic and one output line per input line
        for text in ["\\section{A\n\\section{B}}}\n\\", "\\section*{\n\\section\\\\\\", "\\chapter{é}\n\\section{\\é{é"]
        {
            assert!(is_latex(text));
            let w = rewrite(text);
            assert_eq!(w.layout.len(), text.split('\n').count());
        }
    }
}
