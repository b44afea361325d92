//! Validation: the source files as read ([`super::file`]) become the typed
//! brochure ([`super::model`]), and every problem on the way becomes a
//! diagnostic at its file, line and column. `bilan check` and `bilan build`
//! both run it, so they agree on what is valid.
//!
//! A value that fails is replaced by a placeholder and validation goes on,
//! so that one run reports every problem; any error stops the load, so a
//! placeholder never reaches the layouts.

mod block;
mod glyphs;
mod picture;

use std::ops::Range;
use std::path::Path;

use super::date::{Date, DateError};
use super::file::{self, SourceText};
use super::model::{
    Chapter, ColorModel, Contact, Cover, Edito, IndexPages, Manifest, Metadata, Profile, Section,
    Signature, Slogan, Standard, Toc,
};
use super::text::Text;
use super::{markup, read};
use crate::diag::{Diagnostic, SourceFile};
use crate::fonts::Coverage;

pub(crate) use glyphs::describe;

/// Validates one source file, collecting its diagnostics.
pub(crate) struct Validator<'a> {
    /// The file being validated.
    file: &'a SourceFile,
    /// The sources folder, where pictures are looked for.
    dir: &'a Path,
    /// What the fonts can print.
    coverage: &'a Coverage,
    /// Every problem found so far.
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    /// A validator of `file`, whose pictures are under `dir`, printed with
    /// fonts that cover `coverage`.
    pub(crate) fn new(
        file: &'a SourceFile,
        dir: &'a Path,
        coverage: &'a Coverage,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            file,
            dir,
            coverage,
            diagnostics,
        }
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
        match markup::parse(&raw) {
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
                    Diagnostic::error(err.code, format!("{} (at « {context}… »)", err.message))
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
                Diagnostic::error("empty-text", format!("{what} is empty"))
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

    /// Validates `bilan.toml`.
    pub(crate) fn manifest(&mut self, raw: file::Manifest) -> Manifest {
        let date = self.date(&raw.metadata.date);
        for (name, profile) in [
            ("print", &raw.profiles.print),
            ("screen", &raw.profiles.screen),
        ] {
            self.profile(name, profile);
        }
        Manifest {
            metadata: Metadata {
                title: self.document_title(raw.metadata.title),
                author: raw.metadata.author,
                subject: raw.metadata.subject,
                keywords: raw.metadata.keywords,
                date,
            },
            cover: Cover {
                years: self.text(raw.cover.years),
                title: self.text(raw.cover.title),
                subtitle: self.texts(raw.cover.subtitle),
                publisher: self.texts(raw.cover.publisher),
            },
            edito: Edito {
                title: self.optional(raw.edito.title),
                paragraphs: self.texts(raw.edito.paragraphs),
                signature: Signature {
                    name: self.text(raw.edito.signature.name),
                    roles: self.texts(raw.edito.signature.roles),
                },
            },
            toc: Toc {
                title: self.text(raw.toc.title),
            },
            index: raw.index.map(|index| IndexPages {
                title: self.text(index.title),
                intro: self.optional(index.intro),
                legend: self.text(index.legend),
                credit: self.text(index.credit),
            }),
            slogan: Slogan {
                text: self.text(raw.slogan.text),
            },
            contact: Contact {
                title: self.text(raw.contact.title),
                email: self.plain(raw.contact.email),
                phone: self.plain(raw.contact.phone),
                website: self.plain(raw.contact.website),
            },
            profiles: raw.profiles,
        }
    }

    /// The PDF's title, which PDF/UA requires.
    fn document_title(&mut self, title: toml::Spanned<String>) -> String {
        if title.get_ref().trim().is_empty() {
            self.report(
                Diagnostic::error("empty-text", "the document title is empty")
                    .hint("write the brochure's title in `title` of `[metadata]`"),
                title.span(),
            );
        }
        title.into_inner()
    }

    /// A string printed as it is (in NFC), checked character by character.
    fn plain(&mut self, value: toml::Spanned<String>) -> toml::Spanned<String> {
        let span = value.span();
        let normalized = read::normalize(value.get_ref());
        self.printable_plain(&normalized, span.clone());
        toml::Spanned::new(span, normalized)
    }

    /// The publication date: a real day of the calendar.
    fn date(&mut self, raw: &toml::Spanned<String>) -> Date {
        let text = raw.get_ref();
        match Date::parse(text) {
            Ok(date) => date,
            Err(DateError::Format) => {
                self.report(
                    Diagnostic::error("date-format", format!("`{text}` is not a date"))
                        .hint("write the date as `YYYY-MM-DD`, e.g. `2021-03-01`"),
                    raw.span(),
                );
                Date::PLACEHOLDER
            }
            Err(DateError::NoSuchDay) => {
                self.report(
                    Diagnostic::error(
                        "date-invalid",
                        format!("`{text}` is not a day of the calendar"),
                    )
                    .hint("check the month and the day: months have 28 to 31 days, February 29 only in leap years"),
                    raw.span(),
                );
                Date::PLACEHOLDER
            }
        }
    }

    /// The settings of an edition must be numbers a page can have.
    fn profile(&mut self, name: &str, profile: &Profile) {
        let header = format!("[profiles.{name}]");
        let range = self
            .file
            .text
            .find(&header)
            .map_or(0..0, |start| start..start + header.len());
        let mut check = |key: &str, value: f64, allowed: std::ops::RangeInclusive<f64>| {
            if !(allowed.contains(&value)) {
                self.report(
                    Diagnostic::error(
                        "profile-value",
                        format!("`{key} = {value}` in `{header}` is out of range"),
                    )
                    .hint(format!(
                        "give `{key}` a value from {} to {}",
                        allowed.start(),
                        allowed.end()
                    )),
                    range.clone(),
                );
            }
        };
        check("bleed-mm", profile.bleed_mm, 0.0..=20.0);
        for (key, ppi) in [("min-ppi", profile.min_ppi), ("max-ppi", profile.max_ppi)] {
            if let Some(ppi) = ppi {
                check(key, ppi, 1.0..=10_000.0);
            }
        }
        let repeated = profile
            .standards
            .iter()
            .enumerate()
            .any(|(i, s)| profile.standards.iter().take(i).any(|t| t == s));
        if repeated {
            self.report(
                Diagnostic::error(
                    "profile-standards",
                    format!("a standard is listed twice in `standards` of `{header}`"),
                )
                .hint("list each standard once: `[\"a-2b\", \"ua-1\"]`"),
                range.clone(),
            );
        }
        if profile.colors == ColorModel::Cmyk && profile.standards.contains(&Standard::A2b) {
            self.report(
                Diagnostic::error(
                    "profile-standards",
                    format!("`{header}` claims PDF/A-2b with CMYK colours"),
                )
                .hint("Typst writes no CMYK profile, which PDF/A requires: use `colors = \"rgb\"`, or remove `\"a-2b\"`"),
                range.clone(),
            );
        }
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
