//! Characters a character recognizer (OCR) confuses, read back from their
//! context: `l`/`I` for `1` and `O` for `0` inside numbers ("2O23",
//! "l2 months", "l,100"), `0` for `O` inside upper-case words
//! ("INTR0DUCTION", "0SH"), `1` for `l` inside lower-case words
//! ("Desirab1e"), and a comma for the dot of an e-mail's domain
//! ("name@ilo,org"). Each is a guess from the characters around it: lines
//! repaired so are flagged, and their fields are not `high`.

/// The fewest upper-case letters of a word whose `0` or `l` is read as a
/// letter: "0SH" has two; a code like "B0" is left alone.
const MIN_UPPER_LETTERS: usize = 2;

/// The domain endings an e-mail's comma-for-dot repair accepts.
const EMAIL_TLDS: &[&str] = &["org", "int", "com", "net", "edu", "gov"];

/// Repairs OCR confusions in one line. Returns `None` when there are none.
pub(crate) fn repair(line: &str) -> Option<String> {
    let b = line.as_bytes();
    // a fold with no early exit finds the lines without a digit or an "@"
    // (most of them) in a pass that vectorizes
    let (digit, at) = b.iter().fold((false, false), |(d, a), c| (d | c.is_ascii_digit(), a | (*c == b'@')));
    if !(digit | at) {
        return None;
    }
    let mut out: Option<String> = None;
    let mut last = 0;
    // every repair needs a digit (or an e-mail's "@"): only the tokens
    // around digits are looked at, so a line costs one pass for its digits
    let mut i = 0;
    while let Some(d) = b[i..].iter().position(u8::is_ascii_digit) {
        let mut start = i + d;
        while start > 0 && b[start - 1].is_ascii_alphanumeric() {
            start -= 1;
        }
        let mut end = i + d;
        while end < b.len() && b[end].is_ascii_alphanumeric() {
            end += 1;
        }
        i = end;
        // a token glued to a non-ASCII letter is part of a longer word
        let glued = |at: Option<&u8>| at.is_some_and(|c| !c.is_ascii());
        if glued(start.checked_sub(1).and_then(|k| b.get(k))) || glued(b.get(end)) {
            continue;
        }
        // a lone "l" before a thousands group: "l,100"
        let thousands = start >= 2
            && b[start - 1] == b','
            && matches!(b[start - 2], b'l' | b'I')
            && (start < 3 || !b[start - 3].is_ascii_alphanumeric())
            && end - start == 3
            && start - 2 >= last;
        if thousands {
            let o = out.get_or_insert_with(|| String::with_capacity(line.len()));
            o.push_str(&line[last..start - 2]);
            o.push('1');
            last = start - 1;
        }
        if let Some(fixed) = repair_token(&line[start..end]) {
            let o = out.get_or_insert_with(|| String::with_capacity(line.len()));
            o.push_str(&line[last..start]);
            o.push_str(&fixed);
            last = end;
        }
    }
    if let Some(o) = out.as_mut() {
        o.push_str(&line[last..]);
    }
    if !at {
        return out;
    }
    let fixed_email = email_comma(out.as_deref().unwrap_or(line));
    fixed_email.or(out)
}

/// One token (a run of ASCII letters and digits) repaired, or `None`.
fn repair_token(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 || b.len() < 2 {
        return None;
    }
    let number_like = |c: &u8| matches!(c, b'l' | b'I' | b'O' | b'o');
    // a number with letters for digits: "2O23", "l2", "l981"
    if b.iter().any(number_like) && b.iter().all(|c| c.is_ascii_digit() || number_like(c)) {
        return Some(
            t.chars()
                .map(|c| match c {
                    'l' | 'I' => '1',
                    'O' | 'o' => '0',
                    c => c,
                })
                .collect(),
        );
    }
    let upper = b.iter().filter(|c| c.is_ascii_uppercase()).count();
    // an upper-case word with zeros for Os: "INTR0DUCTION", "0SH"
    if upper >= MIN_UPPER_LETTERS && b.iter().all(|&c| c.is_ascii_uppercase() || c == b'0') {
        return Some(t.replace('0', "O"));
    }
    // a lower-case word with a one for an l, between letters: "Desirab1e"
    if digits == 1 {
        let k = b.iter().position(|c| *c == b'1')?;
        let letters_around = k > 0 && k + 1 < b.len() && b[k - 1].is_ascii_lowercase() && b[k + 1].is_ascii_lowercase();
        if letters_around
            && b.iter().all(|&c| c.is_ascii_alphabetic() || c == b'1')
            && b[1..].iter().all(|&c| !c.is_ascii_uppercase())
        {
            return Some(t.replace('1', "l"));
        }
    }
    None
}

/// `name@ilo,org` -> `name@ilo.org`: a comma read for the last dot of an
/// e-mail's domain, before a known ending ([`EMAIL_TLDS`]).
fn email_comma(line: &str) -> Option<String> {
    let at = line.find('@')?;
    let domain_start = at + 1;
    let rest = &line[domain_start..];
    let domain_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.')).unwrap_or(rest.len());
    if domain_len == 0 || !rest[domain_len..].starts_with(',') {
        return None;
    }
    let after = &rest[domain_len + 1..];
    let tld_len = after.find(|c: char| !c.is_ascii_lowercase()).unwrap_or(after.len());
    if !EMAIL_TLDS.contains(&&after[..tld_len]) {
        return None;
    }
    let comma = domain_start + domain_len;
    Some(format!("{}.{}", &line[..comma], &line[comma + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Year: 2O23", Some("Year: 2023")),
            ("l2 months, renewable", Some("12 months, renewable")),
            ("Convention, l981 (No. l55)", Some("Convention, 1981 (No. 155)")),
            ("more than l,100 workers", Some("more than 1,100 workers")),
            ("INTR0DUCTION", Some("INTRODUCTION")),
            ("a national 0SH profile", Some("a national OSH profile")),
            ("Desirab1e:", Some("Desirable:")),
            ("chowdhuryf@ilo,org", Some("chowdhuryf@ilo.org")),
            ("write to a@ilo,org, or call", Some("write to a@ilo.org, or call")),
            // left alone
            ("P2, 12 months", None),
            ("CO2 emissions and G20 members", None),
            ("COVID-19", None),
            ("a@ilo.org, b@ilo.org", None),
            ("Hello, world", None),
            ("1st and 2nd", None),
            ("B0 and ISO 9001", None),
            ("H1N1", None),
            ("a@ilo,fr", None),
        ];
        for (input, want) in cases {
            assert_eq!(repair(input).as_deref(), *want, "{input:?}");
        }
    }
}
