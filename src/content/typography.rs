//! French typography for text handed to the layouts.
//!
//! Typst applies no French spacing to strings that come from data, so it is
//! done here, on the way out; the sources keep what the editors typed (and
//! `bilan check` reports what they should fix there).

/// No-break space, before `:`.
const NBSP: char = '\u{00A0}';
/// Narrow no-break space, before `; ! ?`, inside « », between groups of digits.
const NNBSP: char = '\u{202F}';

/// Typesets a run of plain French text:
/// - `'` becomes the typographic apostrophe `’`;
/// - the space before `:` becomes a no-break space, the space before `; ! ?`
///   a narrow no-break space;
/// - the spaces inside « » become narrow no-break spaces (added if missing);
/// - `...` becomes `…`;
/// - a space between a digit and a group of three digits (`120 000`) becomes
///   a narrow no-break space, so a number never breaks across lines.
pub fn french(input: &str) -> String {
    let chars: Vec<char> = input.replace("...", "…").chars().collect();
    let mut out = String::with_capacity(input.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push('’'),
            ' ' | NBSP | NNBSP => match next {
                Some(':') => out.push(NBSP),
                Some(';' | '!' | '?' | '»') => out.push(NNBSP),
                _ if prev == Some('«') => out.push(NNBSP),
                _ if prev.is_some_and(|p| p.is_ascii_digit())
                    && starts_digit_group(&chars[i + 1..]) =>
                {
                    out.push(NNBSP);
                }
                _ => out.push(c),
            },
            '«' => {
                out.push(c);
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NNBSP);
                }
            }
            '»' => {
                if prev.is_some_and(|p| !p.is_whitespace()) && i > 0 {
                    out.push(NNBSP);
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Writes a number's thousands the French way, so that it is read as one
/// number: a dot between a digit and a group of three digits (`50.000`)
/// becomes a narrow no-break space (`50 000`). Everything else is kept.
pub fn thousands(input: &str) -> String {
    let chars: Vec<char> = input.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
            if c == '.' && after_digit && starts_digit_group(&chars[i + 1..]) {
                NNBSP
            } else {
                c
            }
        })
        .collect()
}

fn starts_digit_group(rest: &[char]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(char::is_ascii_digit)
        && rest.get(3).is_none_or(|c| !c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_gets_no_break_spaces() {
        assert_eq!(
            french("Pourquoi ? Voici : « oui » ; non !"),
            "Pourquoi\u{202F}? Voici\u{A0}: «\u{202F}oui\u{202F}»\u{202F}; non\u{202F}!"
        );
    }

    #[test]
    fn apostrophes_ellipses_and_numbers() {
        assert_eq!(
            french("l'État... 120 000 euros"),
            "l’État… 120\u{202F}000 euros"
        );
        assert_eq!(french("en 2020 12 élus"), "en 2020 12 élus");
    }

    #[test]
    fn thousands_are_separated_by_narrow_no_break_spaces() {
        assert_eq!(thousands("50.000"), "50\u{202F}000");
        assert_eq!(
            thousands("1.350.000 euros"),
            "1\u{202F}350\u{202F}000 euros"
        );
        assert_eq!(thousands("3.5 et 2.50 et 1.0000"), "3.5 et 2.50 et 1.0000");
        assert_eq!(thousands("7j/7 et 24h/24."), "7j/7 et 24h/24.");
    }

    #[test]
    fn urls_keep_their_colons() {
        assert_eq!(french("https://a.fr"), "https://a.fr");
    }

    #[test]
    fn guillemets_without_spaces_get_them() {
        assert_eq!(french("«oui»"), "«\u{202F}oui\u{202F}»");
    }
}
