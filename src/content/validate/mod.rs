//! Validation: the source files as read ([`super::file`]) become the typed
//! brochure ([`super::model`]), and every problem on the way becomes a
//! diagnostic at its file, line and column. `bilan check` and `bilan build`
//! both run it, so they agree on what is valid.
//!
//! A value that fails is replaced by a placeholder and validation goes on,
//! so that one run reports every problem; any error stops the load, so a
//! placeholder never reaches the layouts.

mod block;
mod brand;
mod glyphs;
mod manifest;
mod picture;
mod style;
mod territories;

use std::ops::Range;
use std::path::Path;

use super::file::{self, SourceText};
use super::model::{Chapter, Section};
use super::territories::Territories;
use super::text::Text;
use super::{markup, read};
use crate::diag::{Code, Diagnostic, SourceFile};
use crate::fonts::Coverage;

pub(crate) use glyphs::describe;
pub(crate) use territories::territories;

/// Validates one source file, collecting its diagnostics.
pub(crate) struct Validator<'a> {
    /// The file being validated.
    file: &'a SourceFile,
    /// The sources folder, where pictures are looked for.
    dir: &'a Path,
    /// What the fonts can print.
    coverage: &'a Coverage,
    /// The territories the texts may cite.
    territories: &'a Territories,
    /// Every problem found so far.
    diagnostics: &'a mut Vec<Diagnostic>,
    /// The callout families `bilan.toml` declares.
    families: Vec<String>,
}

impl<'a> Validator<'a> {
    /// A validator of `file`, whose pictures are under `dir`, printed with
    /// fonts that cover `coverage`, whose texts cite `territories`.
    pub(crate) fn new(
        file: &'a SourceFile,
        dir: &'a Path,
        coverage: &'a Coverage,
        territories: &'a Territories,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            file,
            dir,
            coverage,
            territories,
            diagnostics,
            families: Vec::new(),
        }
    }

    /// The same validator, knowing the callout families `bilan.toml`
    /// declares (for the callouts of a chapter).
    pub(crate) fn with_families(mut self, families: Vec<String>) -> Self {
        self.families = families;
        self
    }

    /// Records a problem at `range` of the file.
    fn report(&mut self, diagnostic: Diagnostic, range: Range<usize>) {
        self.diagnostics
            .push(diagnostic.at(self.file.clone(), range));
    }

    /// Parses and typesets a printed text; malformed markup is reported at
    /// its mark, a character that cannot print at that character.
    fn text(&mut self, source: SourceText) -> Text {
        let text = self.unprinted_text(source);
        self.printable(&text);
        text
    }

    /// Parses and typesets a text that is not printed (a picture's `alt`,
    /// read aloud from the PDF's tags): any character will do.
    fn unprinted_text(&mut self, source: SourceText) -> Text {
        let span = source.0.span();
        // The file is NFC already; a `\u0301` escape after a letter is
        // composed only now (positions after it may then be a character off).
        let raw = read::normalize(&source.0.into_inner());
        match markup::parse(&raw, self.territories) {
            Ok(mut inlines) => {
                markup::typeset(&mut inlines);
                Text { raw, span, inlines }
            }
            Err(err) => {
                let text = Text {
                    raw,
                    span,
                    inlines: Vec::new(),
                };
                let context: String = text
                    .raw
                    .get(err.offset..)
                    .unwrap_or("")
                    .chars()
                    .take(30)
                    .collect();
                let range = text.file_range(&self.file.text, err.offset..err.offset + 1);
                self.report(
                    Diagnostic::new(err.code, format!("{} (at « {context}… »)", err.message))
                        .hint(err.hint),
                    range,
                );
                text
            }
        }
    }

    /// A printed text that must show something: a heading (PDF/UA refuses
    /// an empty one) or a figure's number (the layout needs one).
    fn filled_text(&mut self, source: SourceText, what: &str) -> Text {
        let text = self.text(source);
        if text.raw.trim().is_empty() {
            self.report(
                Diagnostic::new(Code::EmptyText, format!("{what} is empty"))
                    .hint(format!("write {what}, or remove what it belongs to")),
                text.span.clone(),
            );
        }
        text
    }

    fn texts(&mut self, sources: Vec<SourceText>) -> Vec<Text> {
        sources.into_iter().map(|s| self.text(s)).collect()
    }

    fn optional(&mut self, source: Option<SourceText>) -> Option<Text> {
        source.map(|s| self.text(s))
    }

    /// A string printed as it is (in NFC), checked character by character.
    fn plain(&mut self, value: toml::Spanned<String>) -> toml::Spanned<String> {
        let span = value.span();
        let normalized = read::normalize(value.get_ref());
        self.printable_plain(&normalized, span.clone());
        toml::Spanned::new(span, normalized)
    }

    /// Validates a chapter file.
    pub(crate) fn chapter(&mut self, raw: file::Chapter) -> Chapter {
        let picture = self.picture(picture::Keys {
            image: raw.image,
            alt: raw.alt,
            caption: raw.caption,
            credit: raw.credit,
        });
        Chapter {
            kind: raw.kind,
            number: raw.number.map(|n| self.plain(n)),
            title: self.filled_text(raw.title, "the chapter's title"),
            toc_title: self.optional(raw.toc_title),
            short_title: self.text(raw.short_title),
            intro: self.texts(raw.intro),
            sections: raw.sections.into_iter().map(|s| self.section(s)).collect(),
            picture,
        }
    }

    fn section(&mut self, raw: file::Section) -> Section {
        Section {
            number: raw.number.map(|n| self.plain(n)),
            title: self.filled_text(raw.title, "the section's title"),
            toc_title: self.optional(raw.toc_title),
            intro: self.texts(raw.intro),
            blocks: raw
                .blocks
                .into_iter()
                .filter_map(|b| self.block(b))
                .collect(),
        }
    }
}
