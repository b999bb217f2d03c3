//! Normalize: decoded text to cleaned lines that keep their input line
//! numbers.
//!
//! One pass over the input lines, one repair per file: [`html`] (an HTML
//! source's tags, hidden regions and character references), [`unicode`]
//! (characters), [`bullets`] (list markers), [`markup`] (markdown and HTML),
//! [`repair`] (doubled words). Re-joining wrapped lines and hyphenation is
//! [`reflow`], run later on the lines of each field. A document sent as an
//! e-mail is first read by [`mime`] (headers, parts, quoted-printable
//! bodies decoded by [`qp`]), one line per input line.

pub(crate) mod bbcode;
mod bilingual;
pub(crate) mod bullets;
pub(crate) mod chat;
mod columns;
mod deflist;
pub(crate) mod diff;
mod emoji;
pub(crate) mod export;
mod fields;
pub(crate) mod flat;
pub(crate) mod html;
mod ical;
mod ini;
pub(crate) mod latex;
pub(crate) mod markup;
pub(crate) mod mime;
pub(crate) mod numbered;
pub(crate) mod ocr;
pub(crate) mod org;
mod po;
pub(crate) mod qp;
pub(crate) mod reflow;
pub(crate) mod repair;
pub(crate) mod repeats;
pub(crate) mod rst;
pub(crate) mod sharepoint;
mod slides;
mod speech;
mod subtitles;
pub(crate) mod table;
pub(crate) mod toc;
pub(crate) mod unicode;
pub(crate) mod wiki;

pub(crate) use bullets::Bullet;

use std::collections::HashMap;

/// One input line after normalization.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Line {
    /// 1-based line number in the input text.
    pub no: u32,
    /// Clean text: NFC, no markup, no list marker, spaces collapsed, trimmed.
    pub text: String,
    /// The list marker the line started with.
    pub bullet: Option<Bullet>,
    /// A markdown heading (`## ...`).
    pub md_heading: bool,
    /// Layout only: a horizontal rule, a table separator, a lone bullet.
    pub rule: bool,
    /// Layout made of HTML alone (tags, spacers, the text of a comment,
    /// a head or a style sheet): [`Line::text`] is the raw line, for
    /// residue, and holds no text the parser reads.
    pub markup_only: bool,
    /// The line started a new page (a form feed).
    pub page_break: bool,
    /// Markup was removed.
    pub markup: bool,
    /// Characters or tokens were repaired.
    pub repaired: bool,
    /// Characters a character recognizer confused were read back from
    /// their context ([`ocr`]): a guess.
    pub ocr: bool,
    /// In a fixed-width capture (every line padded to one width), the line
    /// fills the width and ends in a letter or digit: its last word may go
    /// on at the start of the next line, cut with no hyphen.
    pub cut: bool,
    /// The raw line started with white space.
    pub indented: bool,
    /// The line ends in a soft line break of a quoted-printable body: the
    /// next input line goes on with it, as one line of the document (with
    /// no space between them when [`Line::cut`] is set too).
    pub continued: bool,
    /// E-mail structure around the document ([`mime`]: headers, part
    /// boundaries, an alternative part, a signature): not content, it goes
    /// to residue of this kind; [`Line::text`] is its text.
    pub envelope: Option<crate::record::ResidueKind>,
    /// The line's text was joined to the line above it (the last words of
    /// a grid-table label wrapped over several lines, see [`table`]): it
    /// has no text of its own, and belongs to whatever took that line.
    pub joined: bool,
    /// Read from a form exported by another system ([`export`]) under a
    /// key matched to a label by its words only: a guess.
    pub key_guessed: bool,
    /// The line belongs to this section, which the export it was read
    /// from names on it ([`export`]: a section cell, a key that is a
    /// heading), and the section's own text starts at this byte offset (0
    /// when the line is read as usual once in the section; after the
    /// heading's words and colon when they open it).
    pub section_key: Option<(crate::template::Section, usize)>,
    /// The line is a piece of a longer input line that held several of
    /// the form's parts ([`flat`]): where it ends is a guess.
    pub split: bool,
}

/// Separates the paragraphs of a line that holds several ([`export`]: a
/// value with line breaks escaped): U+2029 PARAGRAPH SEPARATOR, which the
/// normalizer makes a space in any other text, so that no other line holds
/// it.
pub(crate) const PARAGRAPH_BREAK: char = '\u{2029}';

impl Line {
    /// Whether the line has no text. Layout lines ([`Line::rule`]) keep
    /// their raw text for residue and are not blank; nor is a line whose
    /// text was joined to the line above ([`Line::joined`]).
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && !self.rule && !self.joined
    }

    /// Whether the line has content text (not blank, not layout).
    pub fn has_text(&self) -> bool {
        !self.rule && !self.text.is_empty()
    }

    /// Makes this a line whose text was joined to the line above it
    /// ([`Line::joined`]): it keeps its number and its page break, and
    /// nothing else.
    pub(crate) fn join_to_above(&mut self) {
        *self = Line { no: self.no, joined: true, page_break: self.page_break, ..Line::default() };
    }

    /// Lines of the given texts, numbered from 1 and otherwise default: the
    /// input of the whole-document passes' unit tests.
    #[cfg(test)]
    pub(crate) fn numbered(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line { no: i as u32 + 1, text: t.to_string(), ..Line::default() })
            .collect()
    }
}

/// Splits text into lines the way the input's line numbers count them:
/// `\n`, `\r\n` and a lone `\r` each end a line.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    // lines end at "\n" (a "\r" before it belongs to the ending), as the
    // input's line numbers count them; only a file with no "\n" at all (old
    // Mac line ends) is split at "\r". A lone "\r" inside a line is a space.
    let end = if !text.contains('\n') && text.contains('\r') { b'\r' } else { b'\n' };
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr(end, s.as_bytes()) {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(s[..i].strip_suffix('\r').unwrap_or(&s[..i]))
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// A line of structure around the document (an e-mail's headers, a diff's
/// removed lines): residue of `kind` with `text`, or a blank line when it
/// has none.
fn envelope_line(no: u32, kind: crate::record::ResidueKind, text: &str) -> Line {
    if text.is_empty() {
        return Line { no, ..Line::default() };
    }
    Line { no, text: text.to_string(), rule: true, markup_only: true, envelope: Some(kind), ..Line::default() }
}

/// Normalizes every line of `text`. `lossy` marks every line that holds a
/// replacement character as repaired (the decoder replaced bytes there).
/// A unified diff ([`diff::decode`]) is read as its new version, and an
/// e-mail ([`mime::decode`]) or a numbered listing ([`numbered::decode`]) is
/// decoded; their lines that are not content
/// become [`Line::envelope`] lines.
pub(crate) fn normalize(text: &str, lossy: bool) -> Vec<Line> {
    let mut lines = decode_and_normalize(text, lossy);
    chat::mark(&mut lines);
    toc::mark(&mut lines);
    repeats::mark(&mut lines);
    deflist::mark(&mut lines);
    columns::mark(&mut lines);
    bilingual::mark(&mut lines);
    lines
}

/// [`normalize`] before the passes over the whole document's lines.
pub(super) fn decode_and_normalize(text: &str, lossy: bool) -> Vec<Line> {
    if let Some(d) = diff::decode(text) {
        // a diff's new version; its other lines are residue
        let mut lines = normalize_text(&d.text, lossy);
        for (line, e) in lines.iter_mut().zip(&d.envelope) {
            if let Some((kind, text)) = e {
                *line = envelope_line(line.no, *kind, text);
            }
        }
        return lines;
    }
    // an e-mail, a listing with line numbers, a screen reader's speech log,
    // a gettext catalogue, a slide deck's dump, a calendar's description or
    // subtitles:
    // decoded alike, line by line
    let Some(m) = mime::decode(text)
        .or_else(|| numbered::decode(text))
        .or_else(|| speech::decode(text))
        .or_else(|| po::decode(text))
        .or_else(|| slides::decode(text))
        .or_else(|| ical::decode(text))
        .or_else(|| subtitles::decode(text))
    else {
        if let Some(end) = export::front_matter(text) {
            return normalize_page(text, end, lossy);
        }
        if let Some(lines) = sharepoint::read(text, lossy) {
            return lines;
        }
        return match export::decode(text) {
            Some(e) => normalize_export(&e, lossy),
            None => normalize_plain(text, lossy),
        };
    };
    let mut lines = normalize_text(&m.text, lossy || m.lossy);
    let ends_space = |s: &str| s.ends_with(char::is_whitespace);
    let starts_space = |s: &str| s.starts_with(char::is_whitespace);
    for i in 0..lines.len() {
        let no = lines[i].no;
        match m.envelope.get(i) {
            Some(Some((kind, text))) => lines[i] = envelope_line(no, *kind, text),
            _ => {
                // a line that goes on after a soft break does not start a
                // list item: what looked like a marker is text
                // ("non =E2=80=93 or under=" / " - represented")
                if i > 0 && lines[i - 1].continued && lines[i].bullet.is_some() {
                    let t = m.decoded[i].trim();
                    let (_, rest) = bullets::split(t);
                    let marker = t.get(..t.len().saturating_sub(rest.len())).unwrap_or("").trim_end();
                    lines[i].text = format!("{marker} {}", lines[i].text);
                    lines[i].bullet = None;
                }
                // a soft break joins the line to the next content line, with
                // no space unless the text has one there
                let next = m
                    .decoded
                    .get(i + 1)
                    .filter(|n| !n.trim().is_empty() && m.envelope.get(i + 1).is_some_and(Option::is_none));
                if let (true, Some(next)) = (m.soft.get(i).copied().unwrap_or(false), next) {
                    lines[i].continued = true;
                    lines[i].cut = !ends_space(&m.decoded[i]) && !starts_space(next);
                }
            }
        }
    }
    rejoin_soft_chains(&m.text, &mut lines, lossy || m.lossy);
    if let Some(a) = m.attachment {
        splice_attachment(text, &a, &mut lines, lossy);
    }
    lines
}

/// Puts an attached text file's lines ([`mime::Attachment`], base64) in
/// place of its body's lines: the file normalized as a document of its
/// own, each of its lines numbered as the body line that encodes its
/// first byte. A body line in which no line of the file starts holds the
/// middle of the line before: a [`Line::joined`] line, which belongs to
/// whatever took that line, so that every input line is accounted for.
fn splice_attachment(text: &str, a: &mime::Attachment, lines: &mut Vec<Line>, lossy: bool) {
    let raw: Vec<&str> = split_lines(text).collect();
    if raw.len() != lines.len() || a.end > lines.len() {
        return;
    }
    let Some(d) = mime::decode_attachment(&raw, a) else { return };
    let inner = decode_and_normalize(&d.text, lossy || d.lossy);
    // where each of the file's lines starts in its text
    let mut starts = Vec::with_capacity(inner.len());
    let mut at = 0;
    for l in split_lines(&d.text) {
        starts.push(at);
        at += l.len() + 1;
    }
    if starts.len() != inner.len() {
        return;
    }
    let mut body = Vec::with_capacity(inner.len() + (a.end - a.start));
    let mut next = inner.into_iter().zip(starts).peekable();
    for j in a.start..a.end {
        let no = lines[j].no;
        if raw[j].trim().is_empty() {
            // a blank line between subtitles' cues is no break of the
            // document's: the decoded text says where paragraphs end
            let joined = matches!(a.encoding, mime::BodyEncoding::Subtitles) && !body.is_empty();
            body.push(Line { no, joined, ..Line::default() });
            continue;
        }
        let end = d.offsets.get(j + 1 - a.start).copied().unwrap_or(usize::MAX);
        let last = j + 1 == a.end;
        let first = body.len();
        while let Some((mut l, _)) = next.next_if(|(_, s)| *s < end || last) {
            l.no = no;
            body.push(l);
        }
        if body[first..].iter().all(Line::is_blank) {
            // the middle of the line before: it belongs to that line
            body.insert(first, Line { no, joined: true, ..Line::default() });
        }
    }
    lines.splice(a.start..a.end, body);
}

/// [`normalize`] for a static site's page: its front matter (lines up to
/// `end`, [`export::front_matter`]) read as a YAML dump, the page's text
/// after it as any text, each line keeping its number.
fn normalize_page(text: &str, end: usize, lossy: bool) -> Vec<Line> {
    let head: Vec<&str> = split_lines(text).take(end + 1).collect();
    let front = export::read_yaml(&head.join("\n"));
    let rest = split_lines(text).skip(end + 1).collect::<Vec<_>>().join("\n");
    // the front matter's lines blank, so that the page's keep their numbers
    let page = format!("{}{rest}", "\n".repeat(end + 1));
    let mut lines = normalize_plain(&page, lossy);
    let front = normalize_export(&front, lossy);
    let n = front.len().min(lines.len());
    lines.splice(..n, front.into_iter().take(n));
    lines
}

/// How many times the normalized text is read again in the markup it
/// shows ([`normalize_plain`]).
const MAX_REREADS: usize = 3;

/// [`normalize`] for a text that is not an export, an e-mail or a diff:
/// in a markup read line for line ([`wiki`]) or plain. Cleaning its lines
/// (a control character, a tag dropped), or rewriting them out of one
/// markup, may leave text in a markup the raw lines did not show
/// ("\\sec\0tion{A}", a LaTeX line of `####` under a title): the
/// normalized text is read again in that markup, as normalizing it again
/// would read it, so that normalizing twice changes nothing. Lines that
/// lost their line breaks are then cut apart ([`flat`]).
fn normalize_plain(text: &str, lossy: bool) -> Vec<Line> {
    let mut lines = match wiki::decode(text) {
        Some(w) => normalize_wiki(text, &w, lossy),
        None => normalize_text(text, lossy),
    };
    for _ in 0..MAX_REREADS {
        // most texts have no line a dialect could count (a line with a
        // bullet is shown opening with `•`, not ASCII, and a layout line
        // blank): no text to show, nor to read
        if !lines.iter().any(|l| !l.markup_only && l.bullet.is_none() && wiki::may_count(&l.text)) {
            break;
        }
        let read: Vec<std::borrow::Cow<'_, str>> = lines.iter().map(shown).collect();
        if wiki::dialect_of(read.iter().map(AsRef::as_ref)).is_none() {
            break;
        }
        let again = read.join("\n");
        drop(read);
        let Some(w) = wiki::decode(&again) else { break };
        let next = normalize_wiki(&again, &w, lossy);
        // a line that was layout stays the line it was: the text read again
        // shows it blank, and its raw text is the residue's
        if next.len() == lines.len() {
            lines = next.into_iter().zip(lines).map(|(n, old)| if old.markup_only { old } else { n }).collect();
        } else {
            lines = next;
        }
    }
    let Some(cut) = flat::unflatten(text, &lines, lossy) else {
        return lines;
    };
    // lines cut apart must not make a markup of the text either (a heading
    // cut out onto its own line above a row of `---`): then they stay whole
    let read: Vec<std::borrow::Cow<'_, str>> = cut.iter().map(shown).collect();
    if wiki::dialect_of(read.iter().map(AsRef::as_ref)).is_some() {
        return lines;
    }
    drop(read);
    cut
}

/// A line as [`crate::__normalize_text`] writes it, borrowed unless it has
/// a bullet.
fn shown(l: &Line) -> std::borrow::Cow<'_, str> {
    match (l.markup_only, l.bullet.is_some()) {
        (true, _) => "".into(),
        (false, true) => format!("• {}", l.text).into(),
        (false, false) => l.text.as_str().into(),
    }
}

/// Lines joined by soft line breaks ([`Line::continued`]) are one line of
/// the document, but each was normalized alone: markup, a link or a token
/// that a soft break cuts in two (`www.x.org<https://www.x.or=` /
/// `g>`) was read in neither half. Each such run is normalized again as
/// the one line it is, in its place in the text; where that reads
/// otherwise than its pieces put together, the run's first line takes
/// the whole line and the lines after it are [`Line::joined`] to it.
fn rejoin_soft_chains(text: &str, lines: &mut [Line], lossy: bool) {
    if !lines.iter().any(|l| l.continued) {
        return;
    }
    let raw: Vec<&str> = split_lines(text).collect();
    if raw.len() != lines.len() {
        return;
    }
    // the runs: first line, last line (the one that does not go on)
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].continued {
            let mut e = i;
            while e < lines.len() && lines[e].continued {
                e += 1;
            }
            runs.push((i, e.min(lines.len() - 1)));
            i = e + 1;
        } else {
            i += 1;
        }
    }
    let mut joined: Vec<String> = raw.iter().map(|r| (*r).to_string()).collect();
    for &(s, e) in &runs {
        let whole: String = raw[s..=e].concat();
        joined[s] = whole;
        for j in &mut joined[s + 1..=e] {
            j.clear();
        }
    }
    let again = normalize_text(&joined.join("\n"), lossy);
    if again.len() != lines.len() {
        return;
    }
    for (s, e) in runs {
        // the pieces put together, as the builder joins them
        let mut pieces = shown(&lines[s]).into_owned();
        for k in s + 1..=e {
            let t = shown(&lines[k]);
            if t.is_empty() {
                continue;
            }
            if !lines[k - 1].cut {
                pieces.push(' ');
            }
            pieces.push_str(&t);
        }
        if pieces == shown(&again[s]) {
            continue;
        }
        let mut first = again[s].clone();
        first.continued = false;
        first.cut = lines[e].cut;
        first.envelope = None;
        first.page_break |= lines[s].page_break;
        lines[s] = first;
        for l in &mut lines[s + 1..=e] {
            l.join_to_above();
        }
    }
}

/// [`normalize`] for a document in a wiki's markup ([`wiki`]): its
/// rewritten lines normalized as any text's; a line that is only the
/// markup's structure is layout, its raw text kept for residue.
fn normalize_wiki(text: &str, w: &wiki::Wiki, lossy: bool) -> Vec<Line> {
    let mut lines = normalize_text(&w.text, lossy);
    for (line, raw) in lines.iter_mut().zip(split_lines(text)) {
        let i = line.no as usize - 1;
        if w.layout.get(i).copied().unwrap_or(false) {
            let text = crate::text::trim(raw).to_string();
            *line = Line { no: line.no, text, rule: true, markup: true, markup_only: true, ..Line::default() };
        } else if w.changed.get(i).copied().unwrap_or(false) && line.has_text() {
            line.markup = true;
        }
    }
    lines
}

/// [`normalize`] for a form exported by another system: each input line's
/// rewritten text normalized as a line of its own; the export's structure
/// becomes layout residue (as an e-mail's envelope), and a line holding
/// several paragraphs keeps them apart with [`PARAGRAPH_BREAK`].
fn normalize_export(e: &export::Export, lossy: bool) -> Vec<Line> {
    let mut buf = String::new();
    let mut lines = Vec::with_capacity(e.lines.len());
    for (i, out) in e.lines.iter().enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut line = match out {
            export::Out::Blank => Line { no, ..Line::default() },
            export::Out::Text(t) => normalize_line(no, t, lossy, &mut buf),
            export::Out::Layout(t) | export::Out::Unplaced(t) => Line {
                no,
                text: t.clone(),
                rule: true,
                markup_only: true,
                envelope: Some(if matches!(out, export::Out::Layout(_)) {
                    crate::record::ResidueKind::Boilerplate
                } else {
                    crate::record::ResidueKind::Unclassified
                }),
                ..Line::default()
            },
            export::Out::Paragraphs(ps) => {
                let mut first: Option<Line> = None;
                for p in ps {
                    let l = normalize_line(no, p, lossy, &mut buf);
                    match first.as_mut() {
                        None => first = Some(l),
                        Some(f) if !l.text.is_empty() => {
                            f.text.push(PARAGRAPH_BREAK);
                            f.text.push_str(&l.text);
                            f.repaired |= l.repaired;
                        }
                        Some(_) => {}
                    }
                }
                first.unwrap_or(Line { no, ..Line::default() })
            }
        };
        line.key_guessed = e.guessed.get(i).copied().unwrap_or(false);
        line.section_key = match e.sections.get(i).copied().flatten() {
            Some((s, true)) => line.text.find(": ").map(|at| (s, at + 2)),
            Some((s, false)) => Some((s, 0)),
            None => None,
        };
        lines.push(line);
    }
    lines
}

/// [`normalize`] for a text that is not an e-mail.
fn normalize_text(text: &str, lossy: bool) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut buf = String::new();
    let width = fixed_width(text);
    // a text with no `<` and no `&` has no HTML: no line is looked at for it
    let mut html = html::may_have_html(text).then(html::HtmlState::default);
    let mut pre = String::new();
    let mut prev_cut = false;
    let mut tables = Tables::default();
    for (i, raw) in split_lines(text).enumerate() {
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        // a row of a named pipe table is the table's, a `<br>` in a cell
        // and all: the markup removal of its cells reads it
        let table_row = tables.names.is_some() && table::pipe_cells(raw).is_some();
        let marked = html.as_mut().filter(|h| !table_row && h.wants(raw)).and_then(|h| {
            let rest = after_line(text, raw);
            // a footnote's reference is no text of the value (`P2<sup>1</sup>`)
            let raw = &markup::without_footnote_references(raw);
            if unicode::is_clean(raw) {
                return h.line(raw, rest).map(|m| (m, unicode::CharRepairs::default()));
            }
            // the HTML pass reads the characters the line will have: a
            // control character must not hide a tag that normalizing the
            // normalized text would find
            let rep = unicode::clean(raw, &mut pre);
            h.line(&pre, rest).map(|m| (m, rep))
        });
        let html_line = marked.is_some();
        let mut line = match marked {
            Some((h, rep)) => {
                let mut l = normalize_html_line(no, raw, &h, lossy, &mut buf);
                l.page_break |= rep.page_break || markup::starts_page(raw);
                l.repaired |= rep.repaired;
                l
            }
            None => normalize_line(no, raw, lossy, &mut buf),
        };
        // after a line cut at the width, a letter read as a bullet glyph
        // ("e JPO ...", "o f the") is the tail of the cut word
        if prev_cut && line.bullet == Some(Bullet::Symbol) {
            let t = raw.trim_start();
            if let Some(letter) = ["e", "o"].into_iter().find(|l| t.starts_with(l) && t[1..].starts_with([' ', '\t'])) {
                line.bullet = None;
                line.text = format!("{letter} {}", line.text);
            }
        }
        line.indented = raw.starts_with(char::is_whitespace);
        line.cut = width
            .is_some_and(|w| raw.chars().next_back().is_some_and(char::is_alphanumeric) && raw.chars().count() == w);
        prev_cut = line.cut;
        tables.line(&mut lines, &mut line, (!html_line).then_some(raw), lossy, &mut buf);
        lines.push(line);
    }
    tables.flush_row(&mut lines, lossy, &mut buf, false);
    lines
}

/// The tables being read by [`normalize`] ([`table`]).
#[derive(Default)]
struct Tables<'t> {
    /// The column boundaries of the grid table being read.
    grid: Option<Vec<usize>>,
    /// The column boundaries of the bar table being read (`====|====`,
    /// [`table::bar_rule`]).
    bar: Option<Vec<usize>>,
    /// The bar table being read rules its rows apart (a rule ended a row).
    bar_ruled: bool,
    /// The line before, raw, when it may be a bar table's header row.
    prev_raw: Option<&'t str>,
    /// The lines of the grid row being read: their index and their cells.
    row_lines: Vec<usize>,
    row_cells: Vec<Vec<&'t str>>,
    /// The column names of the pipe table being read.
    names: Option<Vec<String>>,
    /// The line before and its cells, when it was a pipe-table row.
    prev_pipe: Option<(&'t str, Vec<&'t str>)>,
    /// The row of the named pipe table being read: the index of its first
    /// line and its cells so far (a row whose first cell is empty goes on
    /// with the row above, each cell with its column's).
    named_row: Option<(usize, Vec<String>)>,
    /// The pandoc table being read ([`table::dash_rule`]): its columns'
    /// starts, whether its rows are blocks of lines (a multiline table,
    /// opened by a full rule) or a line each, and its column names.
    dashed: Option<Dashed>,
    /// Since a full rule of dashes (a pandoc multiline table's top): the
    /// lines read, which are its header when a column rule follows.
    dash_head: Option<Vec<(usize, &'t str)>>,
}

/// A pandoc table being read.
struct Dashed {
    starts: Vec<usize>,
    multiline: bool,
    names: Option<Vec<String>>,
}

impl<'t> Tables<'t> {
    /// Reads the next line, `line` (normalized, not yet pushed after
    /// `lines`); `raw` is `None` for a line of HTML, which no table holds.
    fn line(&mut self, lines: &mut [Line], line: &mut Line, raw: Option<&'t str>, lossy: bool, buf: &mut String) {
        let Some(raw) = raw else {
            self.flush_row(lines, lossy, buf, false);
            self.grid = None;
            self.bar = None;
            self.names = None;
            self.named_row = None;
            self.prev_pipe = None;
            self.prev_raw = None;
            return;
        };
        let prev_raw = self.prev_raw.replace(raw);
        if self.dashed_line(lines, line, raw, prev_raw, lossy, buf) {
            return;
        }
        if let Some(cols) = table::grid_border(raw) {
            self.flush_row(lines, lossy, buf, true);
            self.grid = Some(cols);
            self.bar = None;
            return;
        }
        if let Some((cols, header)) = table::bar_rule(raw) {
            self.flush_row(lines, lossy, buf, true);
            // the row just above a table's first rule: above a rule of `=`,
            // the header, which names the columns (layout, as a pipe table's
            // header row); else the table's first row
            let opens = self.bar.is_none() && self.grid.is_none();
            if opens {
                self.bar_ruled = false;
                let above = prev_raw.and_then(|p| Some((p, table::bar_cells(p, &cols)?)));
                let at = lines.len().checked_sub(1).filter(|&at| lines[at].has_text());
                if let (Some((prev, cells)), Some(at)) = (above, at) {
                    if header && cells.iter().all(|c| !c.trim().is_empty()) {
                        let no = lines[at].no;
                        lines[at] =
                            Line { no, text: prev.trim().to_string(), rule: true, markup: true, ..Line::default() };
                    } else {
                        rewrite_row(lines, &[at], &[cells], true, lossy, buf);
                    }
                }
            }
            *line = Line {
                no: line.no,
                text: raw.trim().to_string(),
                rule: true,
                markup: true,
                page_break: line.page_break,
                indented: line.indented,
                ..Line::default()
            };
            self.grid = None;
            self.bar = Some(cols);
            return;
        }
        if let Some(cols) = &self.bar {
            match table::bar_cells(raw, cols) {
                Some(cells) => {
                    self.row_lines.push(lines.len());
                    self.row_cells.push(cells);
                    return;
                }
                None => {
                    self.flush_row(lines, lossy, buf, false);
                    self.bar = None;
                }
            }
        }
        if let Some(cols) = &self.grid {
            match table::grid_cells(raw, cols) {
                Some(cells) => {
                    self.row_lines.push(lines.len());
                    self.row_cells.push(cells);
                }
                None => {
                    self.flush_row(lines, lossy, buf, false);
                    self.grid = None;
                }
            }
            if self.grid.is_some() {
                return;
            }
        }
        let pipe = table::pipe_cells(raw);
        match &pipe {
            Some(cells) if table::is_pipe_separator(cells) => {
                self.names = None;
                self.named_row = None;
                if let Some((header_raw, header)) = &self.prev_pipe {
                    self.names = table::column_names(header);
                    if let (Some(_), Some(l)) = (&self.names, lines.last_mut()) {
                        // the header row is layout: its names now label every row's cells
                        *l = Line {
                            no: l.no,
                            text: header_raw.trim().to_string(),
                            rule: true,
                            markup: true,
                            ..Line::default()
                        };
                    }
                }
            }
            Some(cells) => {
                if let Some(names) = &self.names {
                    let goes_on = cells.first().is_some_and(|c| c.trim().is_empty()) && cells.len() == names.len() + 1;
                    match self.named_row.as_mut().filter(|(_, row)| goes_on && row.len() == cells.len()) {
                        Some((at, row)) => {
                            // the row's first line takes its cells joined
                            // column by column; this line is joined to it
                            for (have, more) in row.iter_mut().zip(cells).filter(|(_, c)| !c.trim().is_empty()) {
                                if !have.is_empty() {
                                    have.push(' ');
                                }
                                have.push_str(more.trim());
                            }
                            let texts: Vec<&str> = row.iter().map(String::as_str).collect();
                            if let (Some(text), Some(first)) = (table::named_row(&texts, names), lines.get_mut(*at)) {
                                let mut named = normalize_line(first.no, &text, lossy, buf);
                                named.markup = true;
                                named.indented = first.indented;
                                named.page_break = first.page_break;
                                *first = named;
                            }
                            line.join_to_above();
                        }
                        None => match table::named_row(cells, names) {
                            Some(text) => {
                                let mut named = normalize_line(line.no, &text, lossy, buf);
                                named.markup = true;
                                named.indented = line.indented;
                                named.cut = line.cut;
                                named.page_break |= line.page_break;
                                *line = named;
                                self.named_row =
                                    Some((lines.len(), cells.iter().map(|c| c.trim().to_string()).collect()));
                            }
                            None => self.names = None,
                        },
                    }
                }
            }
            None => self.names = None,
        }
        if self.names.is_none() {
            self.named_row = None;
        }
        self.prev_pipe = pipe.map(|c| (raw, c));
    }

    /// Reads a line of a pandoc table (plain output: columns ruled off by
    /// groups of dashes, a multiline table's rows blocks of lines between
    /// blank lines, a simple table's a line each). Returns whether the line
    /// was the table's.
    fn dashed_line(
        &mut self,
        lines: &mut [Line],
        line: &mut Line,
        raw: &'t str,
        prev_raw: Option<&'t str>,
        lossy: bool,
        buf: &mut String,
    ) -> bool {
        // the cheap test first: outside a table, only a rule of dashes
        // opens one
        let first = raw.bytes().find(|&b| b != b' ');
        if self.dashed.is_none() && self.dash_head.is_none() && first != Some(b'-') {
            return false;
        }
        let blank = first.is_none() || raw.trim().is_empty();
        if let Some(starts) = table::dash_rule(raw) {
            let (multiline, head) = match self.dash_head.take() {
                Some(head) => (true, head),
                // a simple table: its header is the line above
                None => (
                    false,
                    prev_raw.filter(|p| !p.trim().is_empty()).map(|p| vec![(lines.len() - 1, p)]).unwrap_or_default(),
                ),
            };
            let mut names = None;
            if self.dashed.is_none() && !head.is_empty() {
                let cells: Vec<Vec<&str>> = head.iter().map(|(_, r)| table::column_cells(r, &starts)).collect();
                let columns = |k: usize| {
                    cells
                        .iter()
                        .filter_map(|c| c.get(k))
                        .filter(|c| !c.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                if cells.iter().all(|c| c.first().is_none_or(|f| f.is_empty())) {
                    // a header naming the columns after the rows' labels: layout
                    let named: Vec<String> = (1..starts.len()).map(columns).collect();
                    if named.iter().all(|n| !n.is_empty()) {
                        names = Some(named);
                        for &(at, _) in &head {
                            if let Some(l) = lines.get_mut(at) {
                                *l = Line {
                                    no: l.no,
                                    text: l.text.clone(),
                                    rule: true,
                                    markup: true,
                                    markup_only: true,
                                    ..Line::default()
                                };
                            }
                        }
                    }
                } else {
                    // the first row, as pandoc puts a table with no header
                    let at: Vec<usize> = head.iter().map(|(at, _)| *at).collect();
                    write_dashed_row(lines, &at, &cells, None, lossy, buf);
                }
            }
            // layout only: the rows under it are written out whole, and
            // the text read again must not cut them into columns
            *line = Line {
                no: line.no,
                text: raw.trim().to_string(),
                rule: true,
                markup: true,
                markup_only: true,
                ..Line::default()
            };
            self.row_lines.clear();
            self.row_cells.clear();
            self.dashed = Some(Dashed { starts, multiline, names });
            return true;
        }
        if let Some(d) = &self.dashed {
            let full = table::is_full_dash_rule(raw);
            if blank || full {
                let (at, cells) = (std::mem::take(&mut self.row_lines), std::mem::take(&mut self.row_cells));
                write_dashed_row(lines, &at, &cells, d.names.as_deref(), lossy, buf);
                // a simple table ends at a blank line, a multiline one at its rule
                if full || !d.multiline {
                    self.dashed = None;
                }
                return full;
            }
            let cells = table::column_cells(raw, &d.starts);
            if d.multiline {
                self.row_lines.push(lines.len());
                self.row_cells.push(cells);
            } else {
                // a simple table's row is its line (not pushed yet: written
                // in place)
                write_dashed_line(line, &cells, d.names.as_deref(), lossy, buf);
            }
            return true;
        }
        if table::is_full_dash_rule(raw) {
            self.dash_head = Some(Vec::new());
        } else if blank {
            self.dash_head = None;
        } else if let Some(head) = self.dash_head.as_mut() {
            head.push((lines.len(), raw));
        }
        false
    }

    /// Rewrites the lines of the grid or bar row read so far
    /// ([`table::grid_row_texts`]); `closed` when a rule ends it.
    ///
    /// A bar table that rules its rows apart (`----|----`) may wrap a row's
    /// label over its lines, so a row is what lies between two rules; in
    /// one that does not (psql's output: rules under the header only),
    /// each line with a label opens a row. Which kind a table is shows at
    /// its first row's end: a rule, or the table's end.
    fn flush_row(&mut self, lines: &mut [Line], lossy: bool, buf: &mut String, closed: bool) {
        let bar = self.bar.is_some();
        let per_line = bar && !closed && !self.bar_ruled;
        self.bar_ruled |= bar && closed && !self.row_cells.is_empty();
        let n = self.row_cells.len();
        let mut start = 0;
        while start < n {
            let end = if per_line {
                (start + 1..n).find(|&k| self.row_cells[k].first().is_some_and(|f| !f.trim().is_empty())).unwrap_or(n)
            } else {
                n
            };
            rewrite_row(lines, &self.row_lines[start..end], &self.row_cells[start..end], bar, lossy, buf);
            start = end;
        }
        self.row_lines.clear();
        self.row_cells.clear();
    }
}

/// Writes one row of a pandoc table (`at`: its lines, each with its
/// `cells`) on its first line: each column's fragments joined, the row's
/// label then its cells (after their column's name, when the header named
/// the columns: `Education: Minimum: ... Desirable: ...`); its other lines
/// are joined to it.
fn write_dashed_row(
    lines: &mut [Line],
    at: &[usize],
    cells: &[Vec<&str>],
    names: Option<&[String]>,
    lossy: bool,
    buf: &mut String,
) {
    let Some(&first) = at.first() else { return };
    let width = cells.iter().map(Vec::len).max().unwrap_or(0);
    let joined: Vec<String> = (0..width).map(|k| table::column_text(cells, k)).collect();
    if joined.iter().all(String::is_empty) {
        return;
    }
    let refs: Vec<&str> = joined.iter().map(String::as_str).collect();
    let Some(old) = lines.get_mut(first) else { return };
    let mut new = Line { no: old.no, ..Line::default() };
    write_dashed_line(&mut new, &refs, names, lossy, buf);
    new.page_break = old.page_break;
    new.indented = old.indented;
    *old = new;
    for &k in &at[1..] {
        if let Some(l) = lines.get_mut(k) {
            *l = Line { no: l.no, joined: true, markup: true, page_break: l.page_break, ..Line::default() };
        }
    }
}

/// Writes a pandoc table's row, its cells joined, as the text of `line`.
fn write_dashed_line(line: &mut Line, cells: &[&str], names: Option<&[String]>, lossy: bool, buf: &mut String) {
    let text = match names.and_then(|n| table::named_row(cells, n)) {
        Some(t) => t,
        None => {
            let (label, rest) = cells.split_first().map_or(("", &[][..]), |(l, r)| (*l, r));
            let rest: Vec<&str> = rest.iter().filter(|c| !c.is_empty()).copied().collect();
            match (label.is_empty(), rest.is_empty()) {
                (_, true) => label.to_string(),
                (true, false) => rest.join(" "),
                (false, false) if label.ends_with(':') => format!("{label} {}", rest.join(" ")),
                (false, false) => format!("{label}: {}", rest.join(" ")),
            }
        }
    };
    let mut new = normalize_line(line.no, &text, lossy, buf);
    new.markup = true;
    new.page_break |= line.page_break;
    *line = new;
}

/// Rewrites the lines of one grid or bar row: at `at`, lines with `cells`
/// ([`table::grid_row_texts`]; every line of a bar row, whose lines are no
/// pipe rows as they are).
fn rewrite_row(lines: &mut [Line], at: &[usize], cells: &[Vec<&str>], bar: bool, lossy: bool, buf: &mut String) {
    let Some(texts) = table::grid_row_texts(cells, bar) else { return };
    for ((&at, cells), text) in at.iter().zip(cells).zip(texts) {
        let Some(old) = lines.get_mut(at) else { continue };
        if cells.iter().all(|c| c.trim().is_empty()) {
            // a line of empty cells (between a cell's paragraphs) is layout:
            // a grid table's is a rule already, a bar table's lone bar is
            // made one
            if bar {
                old.rule = true;
                old.markup = true;
                old.bullet = None;
            }
            continue;
        }
        let mut new = match text {
            Some(t) => normalize_line(old.no, &t, lossy, buf),
            None => Line { no: old.no, joined: true, markup: true, ..Line::default() },
        };
        new.markup = true;
        new.indented = old.indented;
        new.cut = old.cut;
        new.page_break |= old.page_break;
        lines[at] = new;
    }
}

/// The text after `line`, a line of `text` (as [`split_lines`] gives it).
fn after_line<'t>(text: &'t str, line: &str) -> &'t str {
    let end = (line.as_ptr() as usize).saturating_sub(text.as_ptr() as usize) + line.len();
    text.get(end..).unwrap_or("")
}

/// Normalizes a line that the HTML pass changed: its visible text as any
/// line's, with the pass's list and heading markers. A line left with no
/// text (only tags, spacers, hidden text) is layout, its raw text kept for
/// residue.
fn normalize_html_line(no: u32, raw: &str, h: &html::HtmlLine, lossy: bool, buf: &mut String) -> Line {
    if h.is_layout() {
        let text = raw.trim();
        return Line { no, text: text.to_string(), rule: true, markup: true, markup_only: true, ..Line::default() };
    }
    let mut line = normalize_line(no, &h.text, lossy, buf);
    line.markup |= h.changed || h.hidden;
    if line.has_text() {
        line.bullet = h.bullet.or(line.bullet);
        line.md_heading |= h.heading;
    }
    line
}

/// The narrowest width of a fixed-width capture.
const MIN_FIXED_WIDTH: usize = 40;

/// The share of non-blank lines that must have the same length (in
/// characters, trailing spaces included) for the text to be a fixed-width
/// capture: padding makes nearly every line that long.
const FIXED_WIDTH_SHARE: f32 = 0.6;

/// Line lengths below this are counted in an array by [`fixed_width`]:
/// the lengths of nearly every line.
const ARRAY_WIDTHS: usize = 256;

/// The line width of a fixed-width capture (lines padded with spaces to
/// one width, long ones cut at it), or `None`.
fn fixed_width(text: &str) -> Option<usize> {
    // the lines per length: most lengths index an array, longer ones (few)
    // go to a map
    let mut short = [0usize; ARRAY_WIDTHS];
    let mut long: HashMap<usize, usize, foldhash::fast::RandomState> = HashMap::default();
    let mut non_blank = 0usize;
    for raw in split_lines(text) {
        if crate::text::trim(raw).is_empty() {
            continue;
        }
        non_blank += 1;
        // in a padded capture nearly every line has the one length
        let chars = if raw.is_ascii() { raw.len() } else { raw.chars().count() };
        match short.get_mut(chars) {
            Some(n) => *n += 1,
            None => *long.entry(chars).or_default() += 1,
        }
    }
    let counted = short.iter().enumerate().filter(|&(_, &n)| n > 0).map(|(w, &n)| (n, w));
    let (n, w) = counted.chain(long.iter().map(|(&w, &n)| (n, w))).max()?;
    (w >= MIN_FIXED_WIDTH && n as f32 >= FIXED_WIDTH_SHARE * non_blank as f32).then_some(w)
}

/// Splits off every list marker and heading marker that `s` starts with,
/// in any order ("- ## - ## item"): the first list marker's kind, whether
/// there was a heading marker, and the rest. Each round takes a prefix, so
/// the cost is linear however many markers alternate.
fn leading_markers(s: &str) -> (Option<Bullet>, bool, &str) {
    let (mut bullet, mut rest) = bullets::split(s);
    let mut heading = false;
    while let Some(content) = markup::heading_content(rest) {
        heading = true;
        let (b, r) = bullets::split(content);
        bullet = bullet.or(b);
        rest = r;
    }
    (bullet, heading, rest)
}

/// The line without its e-mail quote markers ("> > text", a lone ">"):
/// a run of `>` and spaces that ends in a space or ends the line. `None`
/// when the line is not quoted.
fn strip_quote(s: &str) -> Option<&str> {
    if !s.starts_with('>') {
        return None;
    }
    let rest = s.trim_start_matches(['>', ' ']);
    let run = &s[..s.len() - rest.len()];
    (rest.is_empty() || run.ends_with(' ')).then_some(rest)
}

/// Normalizes one line; `buf` is scratch space reused across lines.
pub(crate) fn normalize_line(no: u32, raw: &str, lossy: bool, buf: &mut String) -> Line {
    let mut line = Line { no, ..Line::default() };
    // most lines are printable ASCII: no copy for them
    let cleaned: &str = if unicode::is_clean(raw) {
        raw
    } else {
        let rep = unicode::clean(raw, buf);
        line.page_break = rep.page_break;
        line.repaired = rep.repaired || (lossy && buf.contains('\u{FFFD}'));
        buf
    };
    // emoji are decoration: removed before the markup is read
    let unemojied = emoji::strip(cleaned);
    line.markup |= unemojied.is_some();
    let trimmed = crate::text::trim(unemojied.as_deref().unwrap_or(cleaned));
    line.page_break |= markup::starts_page(trimmed);
    // e-mail quoting ("> > text"): the markers are layout
    let unquoted = strip_quote(trimmed);
    let quoted = unquoted.is_some();
    let trimmed = unquoted.unwrap_or(trimmed);
    if trimmed.is_empty() {
        // only invisible characters: not blank for a reader counting lines
        line.rule = raw.chars().any(|c| !c.is_whitespace());
        if line.rule {
            // trimmed of ASCII white space only: a space that the line's
            // characters made sense with stays (an NBSP after `Â` is the
            // mojibake of one NBSP, read so again when the text is read again)
            line.text = raw.trim_matches(|c: char| c.is_ascii_whitespace()).to_string();
        }
        return line;
    }
    let (bullet, rest) = bullets::split(trimmed);
    // a word processor's field codes ("HYPERLINK \"mailto:...\" ...") are markup too
    let unfielded = markup::strip_field_codes(rest);
    let stripped = markup::strip(unfielded.as_deref().unwrap_or(rest));
    line.md_heading = stripped.md_heading;
    line.markup = stripped.changed || quoted || unfielded.is_some();
    if stripped.rule {
        line.rule = true;
        line.text = trimmed.to_string();
        return line;
    }
    // markup may hide a marker: "*- item*", "**1.** item", "- **- item**",
    // and a list marker a heading marker: "**## - item**", "- ## - ## item"
    // (a line that markup removal left as it was, with no marker, has none
    // to find again: the split above found none in the same text)
    let (bullet2, heading2, rest2) = if stripped.changed || bullet.is_some() {
        leading_markers(crate::text::trim(&stripped.text))
    } else {
        (None, false, stripped.text.as_str())
    };
    line.bullet = bullet.or(bullet2);
    line.md_heading |= heading2;
    let text = if rest2.len() == stripped.text.len() {
        // no second marker: collapse in place
        crate::text::collapse_spaces_owned(stripped.text)
    } else if markup::may_have_markup(rest2) {
        // the marker that markup hid may hide markup in turn: "<u>- ## X"
        let again = markup::strip(rest2);
        line.md_heading |= again.md_heading;
        crate::text::collapse_spaces_owned(again.text)
    } else {
        crate::text::collapse_spaces(rest2)
    };
    // quoting that markup hid ("*> text*")
    let text = match strip_quote(&text) {
        Some(rest) if markup::may_have_markup(rest) => crate::text::collapse_spaces_owned(markup::strip(rest).text),
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.is_empty() {
        // a lone marker: layout only
        line.rule = line.bullet.is_some() || line.markup;
        line.bullet = None;
        if line.rule {
            line.text = trimmed.to_string();
        }
        return line;
    }
    // whether a repair changed the text (a repair that finds nothing to do
    // returns `None`; one that returns the same text changed nothing)
    let mut changed = false;
    // a heading printed with every character twice (fake bold)
    let text = match repair::undouble_chars(&text) {
        Some(fixed) => {
            line.repaired = true;
            changed |= fixed != text;
            fixed
        }
        None => text,
    };
    match repair::dedupe(&text) {
        Some(fixed) => {
            changed |= fixed != text;
            line.text = fixed;
            line.repaired = true;
        }
        None => line.text = text,
    }
    if let Some(fixed) = ocr::repair(&line.text) {
        changed |= fixed != line.text;
        line.text = fixed;
        line.ocr = true;
        // a repaired address may be an autolink now (`<a@b,org>` to
        // `<a@b.org>`), which markup removal before could not see
        if line.text.contains('<') && markup::may_have_markup(&line.text) {
            let again = markup::strip(&line.text);
            if again.changed && !again.rule {
                line.text = crate::text::collapse_spaces_owned(again.text);
                line.markup = true;
            }
        }
    }
    // mojibake is repaired before markup removal (which depends on the
    // characters around `_` and `*`) and again after it, since markup
    // between its bytes ("Ã*•") hides it
    if !line.text.is_ascii() {
        if let Some(fixed) = crate::decode::repair_mojibake(&line.text) {
            changed |= fixed != line.text;
            line.text = fixed;
            line.repaired = true;
        }
    }
    // removing markup can bring a combining mark next to a new base letter
    changed |= unicode::nfc_in_place(&mut line.text);
    // a repair can make a list or heading marker of the line's start ("l2.
    // Capacity" read "12. Capacity", mojibake read back to "• "): it is read
    // as one, as reading the repaired line again would
    if changed {
        let (b, h, rest) = leading_markers(&line.text);
        let rest = rest.trim_start();
        if rest.len() != line.text.len() && !rest.is_empty() {
            line.bullet = line.bullet.or(b);
            line.md_heading |= h;
            line.text = rest.to_string();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_pipe_row_goes_on_over_rows_with_no_label() {
        let text = "| Requirement | Minimum | Desirable |\n|:--|:--|:--|\n| Skills | Good drafting | Knowledge of |\n\
                    |  | skills.<br>Stata. | R. |\n| Languages | English. | |\n";
        let lines = normalize_text(text, false);
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts[2], "Skills: Minimum: Good drafting skills. Stata. Desirable: Knowledge of R.");
        assert!(lines[3].joined && lines[3].text.is_empty());
        assert_eq!(texts[4], "Languages: Minimum: English.");
    }

    #[test]
    fn normalizing_twice_changes_nothing() {
        let cases = [
            "- 1. (a) (b) Sensitivity to diversity*",
            "WorkingWorkingWorkingWorking for Health",
            "in in in decent work",
            "**Title:** [x](y) \\(escaped\\)",
            "## **INTRODUCTION**",
            "\u{F0B7}\to Become familiar",
            "---",
            // found by the property tests: markup hiding a table row, a
            // second marker inside emphasis, a mark combining after `*`
            "| INTRODUCTION |<u>",
            "| INTRODUCTION |**",
            "- **- GENERAL INFORMATION",
            "**Title:** *Officer*\u{301}General",
            "Â\u{f0b7}!",
            "Ã*\u{f0b7}",
            // found by fuzzing: a run of one letter is not fake bold
            "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
            "GGEENNEERRAALL IINNFFOORRMMAATTIIOONN",
            "0_â€™ ",
            "<u>- ## GENERAL INFORMATION",
            // markers hiding markers, more than markup removal's passes
            "**## ## ## ## - item**",
            "• ## • ## • ## item",
            // HTML: a tag that a control character or a removed tag hid,
            // a tag going on over lines, regions over lines
            "<I\0\n>a",
            "<P<u>\0>",
            "<A\n<u>> ",
            "<I\n''#<u>> ",
            "<td width=1\n*x*\n>a",
            "<style>\n*x*\n</style>",
            "<!-- *a*\nb --> t",
            "&lt;td&gt;x &amp;lt; &amp;amp;",
            "<ul>\n<li>\n*item*\n</li>",
            // an e-mail: its envelope and soft line breaks are read once
            "MIME-Version: 1.0\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nfrom non- or under=\r\n - represented=\r\n States, Gen=C3=\r\n=A8ve\r\n-- \r\nA. B.",
            // found by fuzzing: a markup that cleaning the lines reveals (a
            // NUL, a tag or a control character inside its marks), one that
            // rewriting out of another makes (LaTeX lines of `#` under
            // titles: reStructuredText), an address that OCR repair makes
            // an autolink
            "\\secti\0on\n\\section",
            "\\beg<u>in{document}\n\\begin{document}",
            "N\n---\x13\nr\n---",
            "0\n\x01===\n-\n:::",
            "International Labour Office\n#####\n\\subsection*{A:}\n\\section*{DUTIES AND RESPONSIBILITIES}\n#####",
            "<k@l,org>",
            // a YAML key behind a control character; an XML element's text
            // left open before a closing tag
            "\u{1f}e_n:\nn:\nn:",
            "<?xml version=\"1.0\"?>\n<a>\n  <field name=\"Grade\">P1</fi x\n  </a>\n",
        ];
        for c in cases {
            let once = crate::__normalize_text(c);
            assert_eq!(crate::__normalize_text(&once), once, "{c:?}");
        }
    }

    #[test]
    fn quoted_printable_lines_stay_one_to_one_and_mark_soft_breaks() {
        let text = "Content-Transfer-Encoding: quoted-printable\r\n\r\nWomen and men from non- or under=\r\n - represented States=\r\n; the Offi=\r\nce=E2=80=99s staff\r\n";
        let lines = normalize(text, false);
        let got: Vec<(u32, &str, bool, bool, bool)> =
            lines.iter().map(|l| (l.no, l.text.as_str(), l.continued, l.cut, l.envelope.is_some())).collect();
        assert_eq!(
            got,
            [
                (1, "Content-Transfer-Encoding: quoted-printable", false, false, true),
                (2, "", false, false, false),
                (3, "Women and men from non- or under", true, false, false),
                // the marker after a soft break is text, not a list item
                (4, "- represented States", true, true, false),
                (5, "; the Offi", true, true, false),
                (6, "ce’s staff", false, false, false),
                (7, "", false, false, false),
            ]
        );
        assert!(lines.iter().all(|l| l.bullet.is_none()));
        // a plain text with the same words is left alone
        let plain = normalize("Content and methodology: x=\nnext\n", false);
        assert!(plain.iter().all(|l| !l.continued && l.envelope.is_none()));
        assert_eq!(plain[0].text, "Content and methodology: x=");
    }

    #[test]
    fn fixed_width_is_the_length_of_most_lines() {
        let padded = |w: usize| format!("{:<w$}\n", "Some text of the capture").repeat(5) + "short\n";
        assert_eq!(fixed_width(&padded(60)), Some(60));
        // longer than the array of counts
        assert_eq!(fixed_width(&padded(300)), Some(300));
        assert_eq!(fixed_width(&padded(30)), None, "too narrow");
        assert_eq!(fixed_width("é".repeat(45).as_str()), Some(45), "characters, not bytes");
        assert_eq!(fixed_width("a\nbb\nccc\n\n"), None);
        assert_eq!(fixed_width(""), None);
    }

    #[test]
    fn line_numbers_follow_the_input() {
        let lines = normalize("a\r\nb\rc\n\nd", false);
        let got: Vec<(u32, &str)> = lines.iter().map(|l| (l.no, l.text.as_str())).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b c"), (3, ""), (4, "d")]);
        let lines = normalize("a\rb\rc", false);
        assert_eq!(lines.len(), 3, "a file with only CR line ends");
    }

    #[test]
    fn tables_become_label_value_lines() {
        let text =
            "+--------+-------+\n| **Place | Oslo, |\n| of      | Norway|\n| work:** |       |\n+--------+-------+\n\n\
                    |   | Needed | Wished |\n|---|---|---|\n| Tools: | R. | Python. |\nafter\n| x | y | z |";
        let lines = normalize(text, false);
        let got: Vec<(&str, bool, bool)> = lines.iter().map(|l| (l.text.as_str(), l.rule, l.joined)).collect();
        assert_eq!(
            got,
            vec![
                ("+--------+-------+", true, false),
                ("Place of work: Oslo,", false, false),
                ("Norway", false, false),
                ("", false, true),
                ("+--------+-------+", true, false),
                ("", false, false),
                ("|   | Needed | Wished |", true, false),
                ("|---|---|---|", true, false),
                ("Tools: Needed: R. Wished: Python.", false, false),
                ("after", false, false),
                ("x y z", false, false),
            ]
        );
        assert!(!lines[3].is_blank(), "a joined line is not blank");
    }

    #[test]
    fn bar_tables_become_label_value_lines() {
        let text = "Item      | Details\n==========|==========\nPlace of  | Oslo,\nwork      | Norway\n          |\n          | Two sites.\n\
                    ----------|----------\nGrade     | P2\n----------|----------\n\n\
                    a   | b\n----+----\nx   | y\n    | z\nw   | v\nafter";
        let lines = normalize(text, false);
        let got: Vec<(&str, bool, bool)> = lines.iter().map(|l| (l.text.as_str(), l.rule, l.joined)).collect();
        assert_eq!(
            got,
            vec![
                // the header above the `=` rule is layout
                ("Item      | Details", true, false),
                ("==========|==========", true, false),
                ("Place of work: Oslo,", false, false),
                ("Norway", false, false),
                ("|", true, false),
                ("Two sites.", false, false),
                ("----------|----------", true, false),
                ("Grade: P2", false, false),
                ("----------|----------", true, false),
                ("", false, false),
                // no `=` rule: a row; no rule between rows: a row per label
                ("a: b", false, false),
                ("----+----", true, false),
                ("x: y", false, false),
                ("z", false, false),
                ("w: v", false, false),
                ("after", false, false),
            ]
        );
    }

    #[test]
    fn line_table() {
        let cases: &[(&str, &str, Option<Bullet>, bool)] = &[
            ("  - *Assist in the coordination;*", "Assist in the coordination;", Some(Bullet::Symbol), false),
            ("#### **Minimum:**", "Minimum:", None, false),
            ("\u{F0B7}\tBecome familiar", "Become familiar", Some(Bullet::Symbol), false),
            ("**Title:** Junior Officer in in care", "Title: Junior Officer in care", None, false),
            ("- 1. Sensitivity to diversity*", "Sensitivity to diversity", Some(Bullet::Number), false),
            ("---", "---", None, true),
            ("-", "-", None, true),
            ("Duty\u{00A0}station:\u{00A0} Geneva", "Duty station: Geneva", None, false),
            ("the ILOâ€™s **mandate**", "the ILO’s mandate", None, false),
            ("**## ## ## ## - A regional brief.**", "A regional brief.", Some(Bullet::Symbol), false),
            ("## ## ## ## ## The Singapore Statement", "The Singapore Statement", None, false),
            ("• ## • ## • ## item", "item", Some(Bullet::Symbol), false),
            ("**- ## Weekly meetings ##**", "Weekly meetings", Some(Bullet::Symbol), false),
        ];
        let mut buf = String::new();
        for (input, text, bullet, rule) in cases {
            let l = normalize_line(1, input, false, &mut buf);
            assert_eq!((l.text.as_str(), l.bullet, l.rule), (*text, *bullet, *rule), "{input:?}");
        }
    }
}
