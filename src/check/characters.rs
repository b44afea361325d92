//! Characters pasted from a word processor that do not print as they look:
//! tabs and line breaks (the layout prints them as a space), and invisible
//! characters such as the zero width space or the byte order mark (Typst
//! prints nothing for them). Control characters and characters no font has
//! are errors of the loader (`control-character`, `glyph-missing`).

use super::at;
use crate::content::typography::prints_as_space;
use crate::content::{Role, TextSite, describe};
use crate::diag::{Code, Diagnostic};

/// The soft hyphen: invisible too, but a deliberate hyphenation point that
/// Typst honours.
const SOFT_HYPHEN: char = '\u{AD}';

pub(super) fn lint(sites: &[TextSite<'_>], findings: &mut Vec<Diagnostic>) {
    for site in sites.iter().filter(|s| s.role != Role::Alt) {
        for (index, c) in site.text.raw.char_indices() {
            let range = index..index + c.len_utf8();
            if prints_as_space(c) {
                findings.push(at(
                    site,
                    range,
                    Diagnostic::new(
                        Code::WhitespaceCharacter,
                        format!("a {} in the text ({})", whitespace_name(c), describe(c)),
                    )
                    .hint("the layout prints it as a space; write a space, or split the text into two paragraphs"),
                ));
            } else if c != SOFT_HYPHEN && typst::text::is_default_ignorable(c) {
                findings.push(at(
                    site,
                    range,
                    Diagnostic::new(
                        Code::InvisibleCharacter,
                        format!("an invisible character, {}", describe(c)),
                    )
                    .hint("delete it: pasted with the text, it prints nothing (a zero width space may also break a word at the end of a line)"),
                ));
            }
        }
    }
}

fn whitespace_name(c: char) -> &'static str {
    match c {
        '\t' => "tab",
        _ => "line break",
    }
}
