//! French typography in the sources.
//!
//! The layout already sets no-break spaces before `: ; ! ?` and inside « »,
//! and `…` for `...`: where the editor typed an ordinary space or three dots,
//! the finding is only an `info`; the no-break spaces Word types are right
//! as they are. What the layout cannot mend (no space at all, straight
//! or English quotes, doubled spaces, a paragraph without final punctuation) is a
//! `warning`, to be fixed by the editor.
//!
//! Every position is a char boundary: the lints walk the text by
//! characters, never by byte arithmetic across a character.

use super::at;
use crate::content::{Role, TextSite};
use crate::diag::{Code, Diagnostic};

/// Characters that take a space before them in French.
const HIGH_PUNCTUATION: [char; 4] = [':', ';', '!', '?'];
/// How a paragraph may end.
const FINAL: [char; 8] = ['.', '!', '?', '…', '»', ')', ':', ';'];
/// The spaces of running text: ordinary, no-break, narrow no-break.
const SPACES: [char; 3] = [' ', '\u{A0}', '\u{202F}'];

pub(super) fn lint(sites: &[TextSite<'_>], findings: &mut Vec<Diagnostic>) {
    for site in sites.iter().filter(|s| s.role != Role::Alt) {
        let text = site.text.raw.as_str();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        // How many « are open: inside them, “ ” are the quotes of a quote.
        let mut open_guillemets = 0usize;
        for (i, &(index, c)) in chars.iter().enumerate() {
            let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i + 1).copied();
            if HIGH_PUNCTUATION.contains(&c) {
                high_punctuation(site, text, (index, c), before, findings);
            }
            match c {
                '"' => findings.push(at(
                    site,
                    index..index + 1,
                    Diagnostic::new(
                        Code::Guillemets,
                        "straight quote « \" » instead of guillemets",
                    )
                    .hint("write « … » (with spaces inside)"),
                )),
                '“' | '”' | '„' if open_guillemets == 0 => findings.push(at(
                    site,
                    index..index + c.len_utf8(),
                    Diagnostic::new(
                        Code::Guillemets,
                        format!("English quote « {c} » instead of guillemets"),
                    )
                    .hint("write « … » (with spaces inside); “ ” are only for a quote within « »"),
                )),
                '«' => {
                    open_guillemets += 1;
                    guillemet_space(site, (index, c), after, findings);
                }
                '»' => {
                    open_guillemets = open_guillemets.saturating_sub(1);
                    guillemet_space(site, (index, c), before, findings);
                }
                _ => {}
            }
            let starts_run = before.is_none_or(|(_, b)| !SPACES.contains(&b));
            if SPACES.contains(&c) && starts_run {
                // `i` is a position of `chars`, so the slice is not empty.
                double_space(site, &chars[i..], findings);
            }
        }
        for (start, _) in text.match_indices("...") {
            findings.push(at(
                site,
                start..start + 3,
                Diagnostic::new(Code::Ellipsis, "three dots « ... » instead of « … »")
                    .hint("the layout prints « … »; type « … » to make it explicit"),
            ));
        }
        if site.role == Role::Paragraph {
            final_punctuation(site, text, findings);
        }
    }
}

fn high_punctuation(
    site: &TextSite<'_>,
    text: &str,
    (index, c): (usize, char),
    before: Option<(usize, char)>,
    findings: &mut Vec<Diagnostic>,
) {
    let after = text.get(index + c.len_utf8()..).unwrap_or("");
    let in_address = c == ':'
        && (after.starts_with("//") || text.get(..index).is_some_and(|b| b.ends_with("mailto")));
    match before {
        Some((space, ' ')) => findings.push(at(
            site,
            space..index + c.len_utf8(),
            Diagnostic::new(
                Code::OrdinarySpace,
                format!("an ordinary space before « {c} »"),
            )
            .hint("the layout sets a no-break space here; nothing to do"),
        )),
        Some((_, b)) if b.is_alphanumeric() && !in_address && !HIGH_PUNCTUATION.contains(&b) => {
            findings.push(at(
                site,
                index..index + c.len_utf8(),
                Diagnostic::new(Code::PunctuationSpace, format!("no space before « {c} »")).hint(
                    format!("French sets a space before « {c} »: write « {b} {c} »"),
                ),
            ));
        }
        _ => {}
    }
}

/// The space inside « or »: `neighbour` is the character after « or before ».
fn guillemet_space(
    site: &TextSite<'_>,
    (index, c): (usize, char),
    neighbour: Option<(usize, char)>,
    findings: &mut Vec<Diagnostic>,
) {
    match neighbour {
        // « at the very end, » at the very start: nothing to pair with.
        None => {}
        Some((space, ' ')) => findings.push(at(
            site,
            space..space + 1,
            Diagnostic::new(Code::OrdinarySpace, "an ordinary space inside « »")
                .hint("the layout sets a narrow no-break space here; nothing to do"),
        )),
        Some((_, n)) if n.is_whitespace() => {}
        Some(_) => findings.push(at(
            site,
            index..index + c.len_utf8(),
            Diagnostic::new(Code::Guillemets, "no space inside « »")
                .hint("write « mot » with a space inside each guillemet"),
        )),
    }
}

/// Two spaces or more in a row, from the start of a run of spaces.
fn double_space(site: &TextSite<'_>, run: &[(usize, char)], findings: &mut Vec<Diagnostic>) {
    let spaces = run.iter().take_while(|(_, c)| SPACES.contains(c)).count();
    if spaces < 2 {
        return;
    }
    // `spaces` ≥ 2 elements of `run` exist: they were just counted.
    let (start, _) = run[0];
    let (last, c) = run[spaces - 1];
    findings.push(at(
        site,
        start..last + c.len_utf8(),
        Diagnostic::new(Code::DoubleSpace, "two spaces in a row").hint("keep a single space"),
    ));
}

fn final_punctuation(site: &TextSite<'_>, text: &str, findings: &mut Vec<Diagnostic>) {
    let trimmed = text.trim_end();
    let plain = site.text.plain();
    let last = plain.trim_end().chars().next_back();
    if trimmed.is_empty() || last.is_some_and(|c| FINAL.contains(&c)) {
        return;
    }
    let start = trimmed.char_indices().next_back().map_or(0, |(i, _)| i);
    findings.push(at(
        site,
        start..trimmed.len(),
        Diagnostic::new(
            Code::FinalPunctuation,
            "this paragraph does not end with punctuation",
        )
        .hint("end it with « . », or join it to the paragraph it continues"),
    ));
}
