//! Départements cited in the text: « Name (code) » must agree with the
//! official list, « du NN » must be a real code, and names keep their hyphens.
//!
//! The list is INSEE's Code officiel géographique (Licence Ouverte), shipped
//! in `departements.csv` beside this file.

use std::sync::OnceLock;

use super::at;
use crate::content::TextSite;
use crate::diag::Diagnostic;

/// One département of the official list.
struct Departement {
    code: &'static str,
    name: &'static str,
}

/// The 101 départements (metropolitan and overseas), from INSEE's list.
fn departements() -> &'static [Departement] {
    static LIST: OnceLock<Vec<Departement>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("departements.csv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut columns = line.split(',');
                Some(Departement {
                    code: columns.next()?,
                    name: columns.next()?,
                })
            })
            .collect()
    })
}

fn by_code(code: &str) -> Option<&'static Departement> {
    departements().iter().find(|d| d.code == code)
}

/// A name as compared: lower case, hyphens and apostrophes as spaces.
fn comparable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '-' | '\'' | '’' => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The département whose name ends `before` at a word boundary (the longest
/// such name), whatever its hyphens and case.
fn named_before(before: &str) -> Option<&'static Departement> {
    let before = comparable(before.trim_end());
    departements()
        .iter()
        .filter(|d| {
            let name = comparable(d.name);
            before.ends_with(&name)
                && before[..before.len() - name.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|d| d.name.len())
}

/// Codes in parentheses: `(31)`, `(2A)`, `(971)`. Returns the byte range of
/// the whole `(…)` and the code.
fn parenthesized_codes(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices('(') {
        let Some(len) = text[start + 1..].find(')') else {
            continue;
        };
        let code = &text[start + 1..start + 1 + len];
        if looks_like_code(code) {
            found.push((start..start + len + 2, code));
        }
    }
    found
}

/// `01`…`95`, `2A`, `2B`, `971`…`979`: the shapes of a département code.
fn looks_like_code(code: &str) -> bool {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    (code.len() == 2 && (digits || code == "2A" || code == "2B"))
        || (code.len() == 3 && digits && code.starts_with("97"))
}

pub(super) fn lint(sites: &[TextSite<'_>], findings: &mut Vec<Diagnostic>) {
    for site in sites {
        let text = site.text.raw.as_str();
        check_parenthesized(site, text, findings);
        check_du_codes(site, text, findings);
        check_hyphens(site, text, findings);
    }
}

fn check_parenthesized(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    for (range, code) in parenthesized_codes(text) {
        let named = named_before(&text[..range.start]);
        match (by_code(code), named) {
            (None, _) => findings.push(unknown_code(site, range, code)),
            (Some(cited), Some(named)) if cited.code != named.code => findings.push(at(
                site,
                range,
                Diagnostic::warning(
                    "departement-code",
                    format!(
                        "{} is the département {}, not {code} ({code} is {})",
                        named.name, named.code, cited.name
                    ),
                )
                .hint(format!("write `{} ({})`", named.name, named.code)),
            )),
            _ => {}
        }
    }
}

fn unknown_code(site: &TextSite<'_>, range: std::ops::Range<usize>, code: &str) -> Diagnostic {
    at(
        site,
        range,
        Diagnostic::warning(
            "departement-unknown",
            format!("no département has the code {code}"),
        )
        .hint("département codes are 01 to 95 (with 2A and 2B, no 20) and 971 to 976"),
    )
}

/// « Le + du 81 », « du 33 et du 93 »: the code must exist.
fn check_du_codes(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    for (start, _) in text.match_indices("du ") {
        let code_start = start + 3;
        let code: String = text[code_start..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let boundary = start == 0 || !text[..start].ends_with(char::is_alphanumeric);
        if boundary && looks_like_code(&code) && by_code(&code).is_none() {
            findings.push(unknown_code(
                site,
                code_start..code_start + code.len(),
                &code,
            ));
        }
    }
}

/// « Haute Garonne » for « Haute-Garonne ».
fn check_hyphens(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    for departement in departements().iter().filter(|d| d.name.contains('-')) {
        let unhyphenated = departement.name.replace('-', " ");
        for (start, found) in text.match_indices(&unhyphenated) {
            let end = start + found.len();
            let bounded = !text[..start].ends_with(char::is_alphanumeric)
                && !text[end..].starts_with(char::is_alphanumeric);
            if bounded {
                findings.push(at(
                    site,
                    start..end,
                    Diagnostic::warning(
                        "departement-name",
                        format!("« {found} » is written without its hyphens"),
                    )
                    .hint(format!("write `{}`", departement.name)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_101_departements() {
        assert_eq!(departements().len(), 101);
        assert_eq!(by_code("2A").map(|d| d.name), Some("Corse-du-Sud"));
        assert!(by_code("20").is_none());
    }

    #[test]
    fn names_are_found_before_their_code_whatever_the_hyphens() {
        assert_eq!(
            named_before("en Haute Garonne ").map(|d| d.code),
            Some("31")
        );
        assert_eq!(
            named_before("la Loire-Atlantique ").map(|d| d.code),
            Some("44")
        );
        assert_eq!(
            named_before("le Lot-et-Garonne").map(|d| d.code),
            Some("47")
        );
        assert_eq!(named_before("l'Ardèche ").map(|d| d.code), Some("07"));
        assert_eq!(
            named_before("les collégiens finistériens ").map(|d| d.code),
            None
        );
    }

    #[test]
    fn code_shapes() {
        for code in ["01", "2A", "971"] {
            assert!(looks_like_code(code));
        }
        for code in ["2020", "7", "A1", "123"] {
            assert!(!looks_like_code(code));
        }
    }
}
