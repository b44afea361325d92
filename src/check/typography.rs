//! French typography in the sources.
//!
//! The layout already sets no-break spaces before `: ; ! ?` and inside « »,
//! and `…` for `...`: where the editor typed an ordinary space or three dots,
//! the finding is only an `info`. What the layout cannot mend (no space at
//! all, straight quotes, doubled spaces, a paragraph without final
//! punctuation) is a `warning`, to be fixed by the editor.

use super::at;
use crate::content::{Role, TextSite};
use crate::diag::Diagnostic;

/// Characters that take a space before them in French.
const HIGH_PUNCTUATION: [char; 4] = [':', ';', '!', '?'];
/// How a paragraph may end.
const FINAL: [char; 8] = ['.', '!', '?', '…', '»', ')', ':', ';'];

pub(super) fn lint(sites: &[TextSite<'_>], findings: &mut Vec<Diagnostic>) {
    for site in sites {
        let text = site.text.raw.as_str();
        high_punctuation(site, text, findings);
        quotes(site, text, findings);
        for (start, _) in text.match_indices("  ") {
            if start == 0 || !text[..start].ends_with(' ') {
                findings.push(at(
                    site,
                    start..start + 2,
                    Diagnostic::warning("double-space", "two spaces in a row")
                        .hint("keep a single space"),
                ));
            }
        }
        for (start, _) in text.match_indices("...") {
            findings.push(at(
                site,
                start..start + 3,
                Diagnostic::info("ellipsis", "three dots « ... » instead of « … »")
                    .hint("the layout prints « … »; type « … » to make it explicit"),
            ));
        }
        if site.role == Role::Paragraph {
            final_punctuation(site, text, findings);
        }
    }
}

fn high_punctuation(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    for (index, c) in text.char_indices() {
        if !HIGH_PUNCTUATION.contains(&c) {
            continue;
        }
        let before = text[..index].chars().next_back();
        let after = &text[index + c.len_utf8()..];
        let in_address = c == ':' && (after.starts_with("//") || text[..index].ends_with("mailto"));
        let repeated =
            before.is_some_and(|b| HIGH_PUNCTUATION.contains(&b) || b == '»' || b == ')');
        match before {
            Some(' ') => findings.push(at(
                site,
                index - 1..index + 1,
                Diagnostic::info(
                    "ordinary-space",
                    format!("an ordinary space before « {c} »"),
                )
                .hint("the layout sets a no-break space here; nothing to do"),
            )),
            Some(b) if b.is_alphanumeric() && !in_address && !repeated => findings.push(at(
                site,
                index..index + 1,
                Diagnostic::warning("punctuation-space", format!("no space before « {c} »")).hint(
                    format!("French sets a space before « {c} »: write « {b} {c} »"),
                ),
            )),
            _ => {}
        }
    }
}

fn quotes(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    for (index, _) in text.match_indices('"') {
        findings.push(at(
            site,
            index..index + 1,
            Diagnostic::warning("guillemets", "straight quote « \" » instead of guillemets")
                .hint("write « … » (with spaces inside)"),
        ));
    }
    for (index, c) in text.char_indices() {
        let missing_space = match c {
            '«' => text[index + c.len_utf8()..].starts_with(|n: char| !n.is_whitespace()),
            '»' => index > 0 && text[..index].ends_with(|p: char| !p.is_whitespace()),
            _ => false,
        };
        if missing_space {
            findings.push(at(
                site,
                index..index + c.len_utf8(),
                Diagnostic::warning("guillemets", "no space inside « »")
                    .hint("write « mot » with a space inside each guillemet"),
            ));
        } else if c == '«' || c == '»' {
            let space = if c == '«' {
                index + c.len_utf8()
            } else {
                index - 1
            };
            if text[space..].starts_with(' ') {
                findings.push(at(
                    site,
                    space..space + 1,
                    Diagnostic::info("ordinary-space", "an ordinary space inside « »")
                        .hint("the layout sets a narrow no-break space here; nothing to do"),
                ));
            }
        }
    }
}

fn final_punctuation(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    let trimmed = text.trim_end();
    let plain = site.text.plain();
    let last = plain.trim_end().chars().next_back();
    if trimmed.is_empty() || last.is_some_and(|c| FINAL.contains(&c)) {
        return;
    }
    let end = trimmed.len();
    let start = trimmed[..end]
        .char_indices()
        .next_back()
        .map_or(0, |(i, _)| i);
    findings.push(at(
        site,
        start..end,
        Diagnostic::warning(
            "final-punctuation",
            "this paragraph does not end with punctuation",
        )
        .hint("end it with « . », or join it to the paragraph it continues"),
    ));
}
