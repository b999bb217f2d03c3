//! GENERAL INFORMATION: title, duty station, duration, grade, department
//! and organisational unit.

use std::sync::LazyLock;

use regex::Regex;

use super::form::FormValues;
use super::{field, Ctx};
use crate::record::{Duration, Field, Flag, General, Unit};
use crate::segment::{Collected, FieldId, Flags};
use crate::template::{DURATION_UNITS, NOT_RENEWABLE_WORDS, NUMBER_WORDS, PLACE_NAME_PARTICLES, RENEWABLE_WORDS};
use crate::text::{collapse_spaces, fold};

/// The longest assignment accepted, in months; more is a misreading.
const MAX_MONTHS: u16 = 120;

/// Letters of acronyms and place names: ASCII and Latin-1 ("San José",
/// "Genève"), not all of Unicode, whose classes make the regex costly to
/// build in every process.
const UPPER: &str = "[A-Z\u{C0}-\u{D6}\u{D8}-\u{DE}]";
const LOWER: &str = "[a-z\u{DF}-\u{F6}\u{F8}-\u{FF}]";
const LETTER: &str = "[A-Za-z0-9\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{FF}]";

static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    // "GEDI", "SOC/POLICY", "CO-Dakar", "DWT/CO-New Delhi", "CO-Dar es
    // Salaam": capitals, then parts after "/", "-", "&" or "."; a part after
    // a separator may be a place name of several capitalized words, with
    // the particles of place names between them
    let particles = PLACE_NAME_PARTICLES.join("|");
    Regex::new(&format!(
        r"\(\s*({UPPER}{LETTER}*(?:\s*[/&\-.]\s*{LETTER}+(?: (?:(?:{particles}) )*{UPPER}{LOWER}+)*)*)\s*\)"
    ))
    .expect("valid regex")
});
static ACRONYM_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*([/\-])\s*").expect("valid regex"));
static GRADE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([PpGgDd])\s*[-–]?\s*(\d)$").expect("valid regex"));
/// A number and a unit of [`DURATION_UNITS`] ("24 months", "2-year").
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    let mut units: Vec<&str> = DURATION_UNITS.iter().map(|(w, _)| *w).collect();
    // the longest first, so that "months" is not read as "mo"
    units.sort_by_key(|w| std::cmp::Reverse(w.len()));
    Regex::new(&format!(r"(\d{{1,3}})\s*(?:-|\s)?\s*({})\b", units.join("|"))).expect("valid regex")
});

/// The months one unit of [`DURATION_UNITS`] stands for.
fn unit_months(unit: &str) -> u16 {
    DURATION_UNITS.iter().find(|(w, _)| *w == unit).map_or(1, |&(_, m)| m)
}

/// Whether a parenthesized token is an acronym: at least two capitals and
/// mostly capitals ("GEDI", "SOC/POLICY", "CO-Dakar"), not a word ("(Geneva)").
fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && (upper * 2 >= letters || s.contains(['-', '/']))
}

/// Splits "Gender, Equality, Diversity and Inclusion (GEDI) Branch" into the
/// name without the acronym and the acronym. Returns the unit and whether
/// it is in doubt: several acronyms were found (the last one is taken), or
/// none was, but the name ends in a parenthesized group that may be one
/// ("(Social Protection)", "(Bureau-Genève)").
pub(crate) fn parse_unit(text: &str) -> (Unit, bool) {
    let found: Vec<regex::Captures<'_>> = ACRONYM.captures_iter(text).filter(|c| is_acronym(&c[1])).collect();
    let Some(last) = found.last() else {
        let trailing_group = text.trim_end_matches(['.', ',', ';', ' ']).ends_with(')');
        return (Unit { name: clean_value(text), acronym: None }, trailing_group);
    };
    let whole = last.get(0).expect("match");
    // "DWT/CO- San José" (a line break after the hyphen): no space
    // around an acronym's separators
    let acronym = ACRONYM_SEPARATOR.replace_all(&last[1], "$1").into_owned();
    let mut name = String::with_capacity(text.len());
    name.push_str(&text[..whole.start()]);
    name.push(' ');
    name.push_str(&text[whole.end()..]);
    let name = clean_value(&name);
    let name = name.replace(" ,", ",");
    (Unit { name, acronym: Some(acronym) }, found.len() > 1)
}

/// Collapses spaces and trims punctuation that separates a value from the
/// next one.
pub(crate) fn clean_value(text: &str) -> String {
    collapse_spaces(text).trim_matches(|c: char| c == ',' || c == ';' || c == ' ').to_string()
}

/// Parses "12 months, renewable", "24 months", "One year, renewable",
/// "two years (non-renewable)". `None` when no length is found.
pub(crate) fn parse_duration(text: &str) -> Option<Duration> {
    let folded = fold(text);
    let mut months: Option<u16> = None;
    if let Some(c) = AMOUNT.captures(&folded) {
        let n: u16 = c[1].parse().ok()?;
        months = Some(n.saturating_mul(unit_months(&c[2])));
    } else {
        // number words: "one year", "eighteen months"
        for (word, n) in NUMBER_WORDS {
            // the phrases are built only for the units the text holds
            for &(unit, per) in DURATION_UNITS.iter().filter(|(unit, _)| folded.contains(unit)) {
                let phrase = format!("{word} {unit}");
                let hit = folded == phrase
                    || folded.starts_with(&format!("{phrase} "))
                    || folded.contains(&format!(" {phrase} "))
                    || folded.ends_with(&format!(" {phrase}"));
                if hit {
                    months = Some(n.saturating_mul(per));
                    break;
                }
            }
            if months.is_some() {
                break;
            }
        }
    }
    let months = months.filter(|m| (1..=MAX_MONTHS).contains(m))?;
    let renewable = !NOT_RENEWABLE_WORDS.iter().any(|w| folded.contains(w))
        && RENEWABLE_WORDS.iter().any(|w| folded.split(' ').any(|t| t == *w) || folded.contains(w));
    Some(Duration { months, renewable })
}

/// "P-2", "p 2" -> "P2"; anything else is kept as written.
pub(crate) fn parse_grade(text: &str) -> String {
    let t = clean_value(text);
    match GRADE.captures(&t) {
        Some(c) => format!("{}{}", c[1].to_uppercase(), &c[2]),
        None => t,
    }
}

/// The post's title read from a markdown heading above the form, when no
/// label gives it: a guess (flag `inferred`), an ambiguous one when the
/// headings differ.
fn title_heading(ctx: &Ctx<'_>, c: &Collected) -> Option<Field<String>> {
    let (&first, rest) = c.title_headings.split_first()?;
    let text = clean_value(&ctx.lines[first].text);
    let mut f = Flags::default();
    f.set(Flag::Inferred);
    if rest.iter().any(|&k| clean_value(&ctx.lines[k].text) != text) {
        f.set(Flag::Ambiguous);
    }
    let no = ctx.lines[first].no;
    Some(field(Some(text), f, Some([no, no])))
}

fn string_field(form: &FormValues, id: FieldId, parse: impl Fn(&str) -> String) -> Field<String> {
    match form.get(id) {
        Some(v) => {
            let text = parse(&v.text);
            field((!text.is_empty()).then_some(text), v.flags, v.lines)
        }
        None => Field::missing(),
    }
}

fn unit_field(form: &FormValues, id: FieldId) -> Field<Unit> {
    match form.get(id) {
        Some(v) => {
            let (unit, in_doubt) = parse_unit(&v.text);
            let mut flags = v.flags;
            if in_doubt {
                flags.set(Flag::Ambiguous);
            }
            field((!unit.name.is_empty()).then_some(unit), flags, v.lines)
        }
        None => Field::missing(),
    }
}

pub(super) fn general(ctx: &Ctx<'_>, c: &Collected, form: &FormValues) -> General {
    let duration = match form.get(FieldId::Duration) {
        Some(v) => match parse_duration(&v.text) {
            Some(d) => {
                let mut flags = v.flags;
                // "1+1 years", "12 months, extendable by 12": more than one
                // length, the first was taken
                if v.text.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).count() > 1 {
                    flags.set(Flag::ValuePicked);
                }
                field(Some(d), flags, v.lines)
            }
            None => {
                let mut f = Field::missing();
                f.flags.push(Flag::Unparsed);
                f
            }
        },
        None => Field::missing(),
    };
    General {
        title: match string_field(form, FieldId::Title, clean_value) {
            f if f.value.is_none() => title_heading(ctx, c).unwrap_or(f),
            f => f,
        },
        duty_station: string_field(form, FieldId::DutyStation, clean_value),
        duration,
        grade: string_field(form, FieldId::Grade, parse_grade),
        department: unit_field(form, FieldId::Department),
        organisational_unit: unit_field(form, FieldId::OrgUnit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_table() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "Gender, Equality, Diversity and Inclusion (GEDI) Branch",
                "Gender, Equality, Diversity and Inclusion Branch",
                Some("GEDI"),
            ),
            (
                "Conditions of Work and Equality Department (WORKQUALITY)",
                "Conditions of Work and Equality Department",
                Some("WORKQUALITY"),
            ),
            ("Social Policy Unit (SOC/POLICY)", "Social Policy Unit", Some("SOC/POLICY")),
            ("ILO Country Office for Senegal (CO-Dakar)", "ILO Country Office for Senegal", Some("CO-Dakar")),
            ("Country Office for Ethiopia (CO-Addis Ababa)", "Country Office for Ethiopia", Some("CO-Addis Ababa")),
            ("Team for South Asia (DWT/CO-New Delhi)", "Team for South Asia", Some("DWT/CO-New Delhi")),
            ("Office for Tanzania (CO-Dar es Salaam)", "Office for Tanzania", Some("CO-Dar es Salaam")),
            ("Team for Central America (DWT/CO-San José)", "Team for Central America", Some("DWT/CO-San José")),
            ("Office for Peru (CO-Lima) Unit", "Office for Peru Unit", Some("CO-Lima")),
            ("Team for Central America (DWT / CO- San José)", "Team for Central America", Some("DWT/CO-San José")),
            ("Unit (Social Protection)", "Unit (Social Protection)", None),
            ("Conditions of Work and Equality Department", "Conditions of Work and Equality Department", None),
            ("Office in (Geneva)", "Office in (Geneva)", None),
        ];
        for (text, name, acronym) in cases {
            let (u, _) = parse_unit(text);
            assert_eq!((u.name.as_str(), u.acronym.as_deref()), (*name, *acronym), "{text:?}");
        }
        // a trailing group that is not taken as the acronym leaves doubt
        assert!(parse_unit("Unit (Social Protection)").1);
        assert!(!parse_unit("Conditions of Work and Equality Department").1);
        assert!(!parse_unit("Social Policy Unit (SOC/POLICY)").1);
    }

    #[test]
    fn duration_table() {
        let d = |m, r| Some(Duration { months: m, renewable: r });
        let cases: &[(&str, Option<Duration>)] = &[
            ("12 months, renewable", d(12, true)),
            ("24 months", d(24, false)),
            ("One year, renewable", d(12, true)),
            ("two years", d(24, false)),
            ("12 months with possibility of extension", d(12, true)),
            ("1 year (non-renewable)", d(12, false)),
            ("18-months", d(18, false)),
            ("24 mois, renouvelable", d(24, true)),
            ("2 ans (non renouvelable)", d(24, false)),
            ("12 meses, renovable", d(12, true)),
            ("1 año", d(12, false)),
            // Portuguese
            ("12 meses, renovável", d(12, true)),
            ("2 anos (não renovável)", d(24, false)),
            ("1 ano", d(12, false)),
            ("to be decided", None),
            ("999 months", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_duration(text), *want, "{text:?}");
        }
    }

    #[test]
    fn grade_table() {
        for (text, want) in [("P2", "P2"), ("P-2", "P2"), ("p 1", "P1"), ("P2 step 1", "P2 step 1")] {
            assert_eq!(parse_grade(text), want, "{text:?}");
        }
    }
}
