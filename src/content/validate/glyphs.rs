//! Characters that cannot print: a control character, or a character no
//! font of `fonts/` has (an emoji, Chinese, Arabic…). Typst would draw an
//! empty box and the PDF/UA export would fail with no position; here the
//! character is named at its file, line and column.

use std::ops::Range;

use super::Validator;
use crate::content::text::Text;
use crate::diag::{Code, Diagnostic};

impl Validator<'_> {
    /// Checks every character a text prints (its typeset plain text, which
    /// includes what the typography adds, such as `’` or no-break spaces).
    pub(super) fn printable(&mut self, text: &Text) {
        let printed = text.plain();
        let mut reported: Vec<char> = Vec::new();
        for c in printed.chars() {
            if reported.contains(&c) {
                continue;
            }
            let Some(diagnostic) = self.unprintable(c) else {
                continue;
            };
            reported.push(c);
            // Point at the character where it was typed; one the typography
            // added is not in the source: point at the whole text then.
            let range = match text.raw.find(c) {
                Some(at) => text.file_range(&self.file.text, at..at + c.len_utf8()),
                None => text.span.clone(),
            };
            self.report(diagnostic, range);
        }
    }

    /// Checks a plain string printed as it is (a number, an address).
    pub(super) fn printable_plain(&mut self, value: &str, span: Range<usize>) {
        let text = Text {
            raw: value.to_owned(),
            span,
            inlines: vec![crate::content::markup::Inline::Text(value.to_owned())],
        };
        self.printable(&text);
    }

    /// The error for a character that cannot print, if it cannot.
    fn unprintable(&self, c: char) -> Option<Diagnostic> {
        // Tabs and line breaks are controls too, but print as spaces.
        let control = c.is_control() && !c.is_whitespace();
        if !control && self.coverage.prints(c) {
            return None;
        }
        let name = describe(c);
        if control {
            return Some(
                Diagnostic::new(
                    Code::ControlCharacter,
                    format!("the control character {name} cannot be printed"),
                )
                .hint("delete it: it was probably pasted with the text; it is invisible in most editors"),
            );
        }
        Some(
            Diagnostic::new(
                Code::GlyphMissing,
                format!(
                    "no font of the brochure has the character « {c} » ({name})"
                ),
            )
            .hint(format!(
                "remove it, or add a font that has it under `fonts/` and name it in `layouts/theme.typ` (the fonts now: {})",
                self.coverage.families().join(", ")
            )),
        )
    }
}

/// `U+1F3E5 HOSPITAL`: a character's code point and its Unicode name.
pub(crate) fn describe(c: char) -> String {
    let code = format!("U+{:04X}", u32::from(c));
    match unicode_names2::name(c) {
        Some(name) => format!("{code} {name}"),
        None => code,
    }
}
