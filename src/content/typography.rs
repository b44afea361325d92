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
/// - a tab or a line break (pasted from a word processor: see
///   [`prints_as_space`]) becomes a space;
/// - `'` becomes the typographic apostrophe `’`;
/// - the space before `:` becomes a no-break space, the space before `; ! ?`
///   a narrow no-break space;
/// - the spaces inside « » become narrow no-break spaces (added if missing);
/// - `...` becomes `…`;
/// - a space between a digit and a group of three digits (`120 000`) becomes
///   a narrow no-break space, so a number never breaks across lines.
pub fn french(input: &str) -> String {
    let chars: Vec<char> = input
        .replace("\r\n", "\n")
        .replace("...", "…")
        .chars()
        .map(|c| if prints_as_space(c) { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(input.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push('’'),
            ' ' | NBSP | NNBSP => match next {
                Some(':') => out.push(NBSP),
                Some(';' | '!' | '?' | '»') => out.push(NNBSP),
                _ if prev == Some('«') => out.push(NNBSP),
                _ if prev.is_some_and(|p| p.is_ascii_digit())
                    && starts_digit_group(chars.get(i + 1..).unwrap_or_default()) =>
                {
                    out.push(NNBSP);
                }
                _ => out.push(c),
            },
            '«' => {
                out.push(c);
                match next {
                    // The space added is the one a typed space would become.
                    Some(':') => out.push(NBSP),
                    Some(n) if !n.is_whitespace() => out.push(NNBSP),
                    _ => {}
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
            // Cannot fail: `i - 1` only when `i > 0`, and `i < len` so
            // `i + 1 <= len` starts a (maybe empty) slice.
            let after_digit = i > 0 && chars[i - 1].is_ascii_digit();
            if c == '.' && after_digit && starts_digit_group(&chars[i + 1..]) {
                NNBSP
            } else {
                c
            }
        })
        .collect()
}

/// A tab, or a character that would force a line break inside a paragraph
/// (line feed, carriage return, vertical tab, form feed, next line, line
/// and paragraph separators): the typography prints each as a space, since
/// a paragraph is one string (Typst would glue the words at a tab).
pub fn prints_as_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn starts_digit_group(rest: &[char]) -> bool {
    rest.get(..3)
        .is_some_and(|group| group.iter().all(char::is_ascii_digit))
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
    fn spaces_typed_by_word_are_kept_or_set_right() {
        assert_eq!(
            french("«\u{A0}Nièvre Santé\u{A0}»"),
            "«\u{202F}Nièvre Santé\u{202F}»"
        );
        assert_eq!(
            french("Voici\u{202F}: 120\u{A0}000"),
            "Voici\u{A0}: 120\u{202F}000"
        );
        assert_eq!(french("» début"), "» début");
        assert_eq!(french("«:"), "«\u{A0}:");
    }

    #[test]
    fn tabs_and_line_breaks_become_spaces() {
        assert_eq!(french("un\tdeux\r\ntrois\nquatre"), "un deux trois quatre");
    }

    #[test]
    fn guillemets_without_spaces_get_them() {
        assert_eq!(french("«oui»"), "«\u{202F}oui\u{202F}»");
    }
}
