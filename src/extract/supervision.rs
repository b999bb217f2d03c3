//! The supervisor: name, position and e-mail from "Direct Supervision by".

use super::{field, Ctx};
use crate::normalize::bullets;
use crate::record::{Field, Flag, Supervisor};
use crate::segment::builder::emails;
use crate::segment::Acc;
use std::sync::LazyLock;

use regex::Regex;

use crate::template::{
    HONORIFICS, NAME_PARTICLES, ROLE_WORDS, SUPERVISOR_EMAIL_LABELS, SUPERVISOR_NAME_LABELS, SUPERVISOR_POSITION_LABELS,
};
use crate::text::collapse_spaces;

/// The most words a person's name has ("Maria de la Cruz Gomez" is 5).
const MAX_NAME_WORDS: usize = 5;

/// The fewest words of a name: a given name and a family name.
const MIN_NAME_WORDS: usize = 2;

/// How the name was told apart from the position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    /// By punctuation (a comma or a dash) after a name-shaped phrase.
    Delimited,
    /// By the e-mail's local part, which repeats the family name.
    Email,
    /// The whole text is a name.
    NameOnly,
    /// The name-shaped words before the first job-title word ("Gabriela
    /// Quispe Montalvo Regional ... Specialist"): a heuristic.
    RoleWord,
    /// A guess: the first two capitalized words.
    Guess,
}

fn is_name_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| c == '.' || c == ',');
    if NAME_PARTICLES.contains(&w) {
        return true;
    }
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
}

/// Whether a phrase looks like a person's name: 2 to 5 capitalized words,
/// none of them a job-title word.
pub(crate) fn looks_like_name(s: &str) -> bool {
    if s.contains([',', ';', ':', '(', '/']) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    (MIN_NAME_WORDS..=MAX_NAME_WORDS).contains(&words.len())
        && words.iter().all(|w| is_name_word(w))
        && !words.iter().any(|w| ROLE_WORDS.contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphanumeric())))
        && words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Characters of link or span markup (`[text](url)`, `[text]{.class}`)
/// that no name or job title holds.
const LEFT_MARKUP: &[char] = &['[', ']', '{', '}'];

/// `s` without the separators around it: punctuation, a stray heading
/// marker (`Name #`), and list glyphs, which the text may be split next to
/// (`Name,• Position`: normalization splits a marker off only at the start
/// of a line).
fn trim_sep(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '.' | '#') || bullets::is_glyph(c)
    })
}

/// Splits a supervisor line into name, position and e-mail. Returns the
/// supervisor and how sure the split is.
/// The text without its e-mail addresses (and the brackets they leave
/// empty), trimmed of separators; and the first address.
fn strip_emails(text: &str) -> (String, Option<String>) {
    let email = emails(text).next().map(|m| m.as_str().to_string());
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for m in emails(text) {
        rest.push_str(&text[last..m.start()]);
        rest.push(' ');
        last = m.end();
    }
    rest.push_str(&text[last..]);
    // a markdown link around the address ("[Name](mailto:\nname@ilo.org)",
    // wrapped) is a link again once the address is out: strip it now
    let rest = crate::normalize::markup::strip_links(&rest).unwrap_or(rest);
    let rest = collapse_spaces(&rest.replace("()", " ").replace("( )", " ").replace("[]", " ").replace("<>", " "));
    (trim_sep(&rest).to_string(), email)
}

fn split(text: &str) -> Option<(Supervisor, Split)> {
    let (rest, email) = strip_emails(text);
    let rest = rest.as_str();
    if rest.is_empty() {
        return None;
    }
    let position = |s: &str| {
        let p = trim_sep(s).to_string();
        (!p.is_empty()).then_some(p)
    };
    // "Name, Position" or "Name – Position"
    for sep in [",", " – ", " - ", " — ", ":"] {
        if let Some((name, pos)) = rest.split_once(sep) {
            let name = trim_sep(name);
            if looks_like_name(name) {
                return Some((Supervisor { name: name.to_string(), position: position(pos), email }, Split::Delimited));
            }
        }
    }
    if looks_like_name(rest) {
        return Some((Supervisor { name: rest.to_string(), position: None, email }, Split::NameOnly));
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    // the e-mail's local part names the family name: "Laura Addati Specialist ..., addati@ilo.org"
    if let Some(e) = &email {
        let local = e.split('@').next().unwrap_or("").to_lowercase();
        let parts: Vec<&str> = local.split(['.', '_', '-']).filter(|p| p.len() > 1).collect();
        for k in (MIN_NAME_WORDS - 1..words.len().min(MAX_NAME_WORDS)).rev() {
            let w = trim_sep(words[k]).to_lowercase();
            if w.len() > 1 && parts.iter().any(|p| *p == w || (p.len() > w.len() && p.ends_with(&w))) {
                let name = words[..=k].join(" ");
                if looks_like_name(&name) {
                    return Some((
                        Supervisor { name, position: position(&words[k + 1..].join(" ")), email },
                        Split::Email,
                    ));
                }
            }
        }
    }
    // the name ends where the position's first job-title word begins
    if let Some(k) = words.iter().position(|w| ROLE_WORDS.contains(&trim_sep(w).to_lowercase().as_str())) {
        let name = words[..k].join(" ");
        if k >= MIN_NAME_WORDS && looks_like_name(&name) {
            return Some((Supervisor { name, position: position(&words[k..].join(" ")), email }, Split::RoleWord));
        }
    }
    // a guess: the leading capitalized words, at most two
    let n = words.iter().take(MIN_NAME_WORDS).take_while(|w| is_name_word(w)).count();
    if n == 0 {
        return Some((Supervisor { name: rest.to_string(), position: None, email }, Split::Guess));
    }
    Some((Supervisor { name: words[..n].join(" "), position: position(&words[n..].join(" ")), email }, Split::Guess))
}

/// What a supervisor sub-label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Name,
    Position,
    Email,
}

/// The supervisor sub-labels ("Name:", "Title:", "E-mail:"), each followed
/// by a colon, at the start of the text or after a space or separator; one
/// capture group per [`Part`].
static SUB_LABELS: LazyLock<Regex> = LazyLock::new(|| {
    let alts = |aliases: &[&str]| {
        aliases
            .iter()
            .map(|a| a.split(' ').map(regex::escape).collect::<Vec<_>>().join(r"[\s\-/]*"))
            .collect::<Vec<_>>()
            .join("|")
    };
    Regex::new(&format!(
        r"(?i)(?:^|[\s,;])(?:({})|({})|({}))\s*:",
        alts(SUPERVISOR_NAME_LABELS),
        alts(SUPERVISOR_POSITION_LABELS),
        alts(SUPERVISOR_EMAIL_LABELS)
    ))
    .expect("valid regex")
});

/// A supervisor given as labelled parts ("Name: Jane Doe Title: Senior
/// Specialist Email: doe@ilo.org", on one line or several): the labels
/// tell the name from the position. `None` unless a name label starts the
/// text and each part is labelled once.
fn split_labelled(text: &str) -> Option<(Supervisor, Split)> {
    let re = &*SUB_LABELS;
    let mut found: Vec<(Part, usize, usize)> = Vec::new();
    for c in re.captures_iter(text) {
        let (part, g) = if let Some(g) = c.get(1) {
            (Part::Name, g)
        } else if let Some(g) = c.get(2) {
            (Part::Position, g)
        } else {
            (Part::Email, c.get(3)?)
        };
        let end = c.get(0).map_or(g.end(), |m| m.end());
        if found.iter().any(|(p, _, _)| *p == part) {
            return None;
        }
        found.push((part, g.start(), end));
    }
    // the text starts with the name's label: nothing unlabelled before it
    match found.first() {
        Some((Part::Name, start, _)) if trim_sep(&text[..*start]).is_empty() => {}
        _ => return None,
    }
    let value = |k: usize| {
        let from = found[k].2;
        let to = found.get(k + 1).map_or(text.len(), |n| n.1);
        strip_emails(&text[from..to]).0
    };
    let name = value(0);
    if name.is_empty() {
        return None;
    }
    let position = found.iter().position(|(p, _, _)| *p == Part::Position).map(value).filter(|p| !p.is_empty());
    let email = emails(text).next().map(|m| m.as_str().to_string());
    // a labelled name that does not look like one is not trusted blindly
    let how = if looks_like_name(&name) { Split::Delimited } else { Split::Guess };
    Some((Supervisor { name, position, email }, how))
}

/// Parses a supervisor text; the flag says whether the split was a guess.
#[cfg(test)]
pub(crate) fn parse_supervisor(text: &str) -> Option<(Supervisor, bool)> {
    split(text).map(|(s, how)| (s, how == Split::Guess))
}

/// "Name" on a line of its own, the position on the next: the line break
/// is the delimiter.
fn split_by_lines(first: &str, rest: &str) -> Option<(Supervisor, Split)> {
    let (name, email1) = strip_emails(first);
    if !looks_like_name(&name) {
        return None;
    }
    let (position, email2) = strip_emails(rest);
    Some((
        Supervisor { name, position: (!position.is_empty()).then_some(position), email: email1.or(email2) },
        Split::Delimited,
    ))
}

pub(super) fn supervisor(ctx: &Ctx<'_>, acc: &Acc) -> Field<Supervisor> {
    let mut flags = ctx.flags(acc);
    let Some(text) = ctx.joined(acc, &mut flags) else {
        return Field::missing();
    };
    let by_lines = match acc.parts.as_slice() {
        [first, rest @ ..] if !rest.is_empty() => {
            let rest_text = rest.iter().map(|p| ctx.text(p)).collect::<Vec<_>>().join(" ");
            split_by_lines(ctx.text(first), &rest_text)
        }
        _ => None,
    };
    match split_labelled(&text).or(by_lines).or_else(|| split(&text)) {
        Some((mut s, how)) => {
            match how {
                Split::Guess => flags.set(Flag::Ambiguous),
                Split::RoleWord => flags.set(Flag::ValuePicked),
                Split::Delimited | Split::Email | Split::NameOnly => {}
            }
            // "Ms. Jane Doe": whether a record keeps the title is a matter of
            // convention; the name is given without it, marked as a guess
            if let Some(rest) = strip_honorific(&s.name) {
                s.name = rest.to_string();
                flags.set(Flag::ValuePicked);
            }
            // brackets left in a name or position are markup that was not
            // understood (a link whose text was the address, taken out):
            // the split around them is a guess
            if [Some(&s.name), s.position.as_ref()].into_iter().flatten().any(|t| t.contains(LEFT_MARKUP)) {
                flags.set(Flag::MarkupLeft);
            }
            field(Some(s), flags, ctx.range(acc))
        }
        None => Field::missing(),
    }
}

/// The name without a leading courtesy or academic title, when it has one
/// and something is left.
fn strip_honorific(name: &str) -> Option<&str> {
    let (first, rest) = name.split_once(' ')?;
    let bare = first.trim_end_matches('.').to_lowercase();
    (HONORIFICS.contains(&bare.as_str()) && looks_like_name(rest.trim())).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// text, name, position, e-mail, guessed
    type Case<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, bool);

    #[test]
    fn table() {
        let cases: &[Case<'_>] = &[
            (
                "Laura Addati Maternity Protection and Work-Family Specialist, addati@ilo.org.",
                "Laura Addati",
                Some("Maternity Protection and Work-Family Specialist"),
                Some("addati@ilo.org"),
                false,
            ),
            (
                "Claire Hobden, technical officer on vulnerable workers: hobden@ilo.org",
                "Claire Hobden",
                Some("technical officer on vulnerable workers"),
                Some("hobden@ilo.org"),
                false,
            ),
            (
                "Oliver Liang, Head, Public and Private Services Unit, liang@ilo.org",
                "Oliver Liang",
                Some("Head, Public and Private Services Unit"),
                Some("liang@ilo.org"),
                false,
            ),
            ("Ana María de la Cruz", "Ana María de la Cruz", None, None, false),
            ("Somchai Prasert – Senior Specialist", "Somchai Prasert", Some("Senior Specialist"), None, false),
            ("Senior Specialist on Migration", "Senior Specialist", Some("on Migration"), None, true),
            (
                "Dr. Layla Mansour, Gender Specialist, DWT/CO-Cairo (mansour@ilo.org)",
                "Dr. Layla Mansour",
                Some("Gender Specialist, DWT/CO-Cairo"),
                Some("mansour@ilo.org"),
                false,
            ),
        ];
        // a list glyph glued to the separator is not part of either side
        for text in
            ["Sabina Shrestha,• National Programme Coordinator", "Sabina Shrestha •, National Programme Coordinator"]
        {
            let (s, how) = split(text).unwrap();
            assert_eq!(how, Split::Delimited, "{text:?}");
            assert_eq!(
                (s.name.as_str(), s.position.as_deref()),
                ("Sabina Shrestha", Some("National Programme Coordinator")),
                "{text:?}"
            );
        }
        let (s, how) = split("Gabriela Quispe Montalvo Regional Migration Specialist, ROLAC quispem@ilo.org").unwrap();
        assert_eq!(how, Split::RoleWord);
        assert_eq!(s.name, "Gabriela Quispe Montalvo");
        assert_eq!(s.position.as_deref(), Some("Regional Migration Specialist, ROLAC"));
        let (s, how) = split_by_lines("Rina Kusumawardani", "Programme Officer, Green Jobs rina@ilo.org").unwrap();
        assert_eq!(how, Split::Delimited);
        assert_eq!(s.name, "Rina Kusumawardani");
        assert_eq!(s.position.as_deref(), Some("Programme Officer, Green Jobs"));
        assert_eq!(s.email.as_deref(), Some("rina@ilo.org"));
        assert!(!looks_like_name("Rina Kusumawardani Programme Officer"));
        assert_eq!(strip_honorific("Dr. Layla Mansour"), Some("Layla Mansour"));
        assert_eq!(strip_honorific("Ms Jane Doe"), Some("Jane Doe"));
        assert_eq!(strip_honorific("Drew Barrymore"), None);
        assert_eq!(strip_honorific("Mr. Smith"), None);
        let (s, how) =
            split_labelled("Name: Henrik Aalstad Title: Senior Actuary, SOC/PFACTS E-mail: aalstad@ilo.org").unwrap();
        assert_eq!(how, Split::Delimited);
        assert_eq!(s.name, "Henrik Aalstad");
        assert_eq!(s.position.as_deref(), Some("Senior Actuary, SOC/PFACTS"));
        assert_eq!(s.email.as_deref(), Some("aalstad@ilo.org"));
        let (s, _) = split_labelled("Name: Jane Doe aalstad@ilo.org").unwrap();
        assert_eq!((s.name.as_str(), s.position), ("Jane Doe", None));
        // unlabelled text before the name, or no name label: not this form
        assert!(split_labelled("Jane Doe, Title: Specialist").is_none());
        assert!(split_labelled("Jane Doe, Senior Specialist, doe@ilo.org").is_none());
        for (text, name, pos, email, guess) in cases {
            let (s, g) = parse_supervisor(text).expect("a supervisor");
            assert_eq!(
                (s.name.as_str(), s.position.as_deref(), s.email.as_deref(), g),
                (*name, *pos, *email, *guess),
                "{text:?}"
            );
        }
    }
}
