//! Territories cited in the text: « Name (code) » must agree with the
//! project's list (the départements, INSEE's Code officiel géographique
//! shipped in `src/content/departements.csv`, extended or replaced by
//! `[territories]`), « du NN » must be a real code, and names keep their
//! hyphens.

use super::at;
use crate::content::departements::{du_code, looks_like_code};
use crate::content::territories::Territories;
use crate::content::{Role, TextSite};
use crate::diag::{Code, Diagnostic};

pub(super) fn lint(sites: &[TextSite<'_>], list: &Territories, findings: &mut Vec<Diagnostic>) {
    for site in sites.iter().filter(|s| s.role != Role::Alt) {
        let text = site.text.raw.as_str();
        check_parenthesized(site, text, list, findings);
        check_du_codes(site, text, list, findings);
        check_hyphens(site, text, list, findings);
    }
}

fn check_parenthesized(
    site: &TextSite<'_>,
    text: &str,
    list: &Territories,
    findings: &mut Vec<Diagnostic>,
) {
    for (range, code) in list.parenthesized_codes(text) {
        let named = list.named_before(text.get(..range.start).unwrap_or(""));
        match (list.by_code(code), named) {
            (None, _) => findings.push(unknown_code(site, range, code, list)),
            (Some(cited), Some(named)) if cited.code != named.code => findings.push(at(
                site,
                range,
                Diagnostic::new(
                    Code::DepartementCode,
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

fn unknown_code(
    site: &TextSite<'_>,
    range: std::ops::Range<usize>,
    code: &str,
    list: &Territories,
) -> Diagnostic {
    at(
        site,
        range,
        Diagnostic::new(
            Code::DepartementUnknown,
            format!("no territory has the code {code}"),
        )
        .hint(format!("the codes are {}", list.codes_hint())),
    )
}

/// « Le + du 81 », « du 33 et du 93 »: the code must exist.
fn check_du_codes(
    site: &TextSite<'_>,
    text: &str,
    list: &Territories,
    findings: &mut Vec<Diagnostic>,
) {
    for (start, _) in text.match_indices("du ") {
        let Some(code) = du_code(text, start) else {
            continue;
        };
        if looks_like_code(code) && list.by_code(code).is_none() {
            let code_start = start + 3;
            findings.push(unknown_code(
                site,
                code_start..code_start + code.len(),
                code,
                list,
            ));
        }
    }
}

/// « Haute Garonne » for « Haute-Garonne ».
fn check_hyphens(
    site: &TextSite<'_>,
    text: &str,
    list: &Territories,
    findings: &mut Vec<Diagnostic>,
) {
    for departement in list.iter().filter(|d| d.name.contains('-')) {
        let unhyphenated = departement.name.replace('-', " ");
        for (start, found) in text.match_indices(&unhyphenated) {
            let end = start + found.len();
            // `start..end` is a match of the name: both are char boundaries.
            let bounded = !text[..start].ends_with(char::is_alphanumeric)
                && !text[end..].starts_with(char::is_alphanumeric);
            if bounded {
                findings.push(at(
                    site,
                    start..end,
                    Diagnostic::new(
                        Code::DepartementName,
                        format!("« {found} » is written without its hyphens"),
                    )
                    .hint(format!("write `{}`", departement.name)),
                ));
            }
        }
    }
}
