//! `bilan.toml`: its texts, a real publication date, a document title, and
//! editions whose settings a PDF can have.

use std::ops::{Range, RangeInclusive};

use super::Validator;
use super::picture::Keys;
use crate::content::date::{Date, DateError};
use crate::content::defaults::Defaults;
use crate::content::file;
use crate::content::model::{
    Colophon, ColorModel, Contact, Cover, Edito, Group, IndexPages, LocalContent, Logo, Manifest,
    Metadata, Profile, Signature, Slogan, Social, Standard, Toc, Words,
};
use crate::content::picture::Picture;
use crate::diag::{Code, Diagnostic};
use toml::Spanned;

impl Validator<'_> {
    /// Validates `bilan.toml`.
    pub(crate) fn manifest(&mut self, raw: file::Manifest) -> Manifest {
        let date = self.date(&raw.metadata.date);
        for (name, profile) in [
            ("print", &raw.profiles.print),
            ("screen", &raw.profiles.screen),
        ] {
            self.profile(name, profile);
        }
        // The tables a `bilan.toml` leaves out are the shipped brochure's;
        // what they hold is written nowhere in it (no position).
        let default_callouts = raw.callouts.is_empty();
        let callouts = if default_callouts {
            Defaults::read().callouts
        } else {
            raw.callouts
        };
        let (words, default_words) = match raw.words {
            Some(words) => (words, false),
            None => (Defaults::read().words, true),
        };
        let brand = self.brand(raw.brand);
        let mut callouts = self.callout_families(callouts, &brand);
        if default_callouts {
            for family in callouts.values_mut() {
                family.label.span = 0..0;
            }
        }
        let mut words = Words {
            part: self.text(words.part),
            and_more: self.plain(words.and_more).into_inner(),
            to: self.plain(words.to).into_inner(),
            for_: self.plain(words.for_).into_inner(),
            map_alt: self.plain(words.map_alt).into_inner(),
            local_map_alt: words.local_map_alt.map(|alt| self.plain(alt).into_inner()),
            excerpt: words.excerpt.map_or_else(
                || "Extrait".to_owned(),
                |excerpt| self.plain(excerpt).into_inner(),
            ),
        };
        if default_words {
            words.part.span = 0..0;
        }
        Manifest {
            metadata: Metadata {
                title: self.document_title(raw.metadata.title),
                author: raw.metadata.author,
                subject: raw.metadata.subject,
                keywords: raw.metadata.keywords,
                date,
            },
            callouts,
            words,
            brand,
            logos: raw
                .logo
                .0
                .into_iter()
                .filter_map(|logo| self.logo(logo))
                .collect(),
            cover: Cover {
                years: self.text(raw.cover.years),
                title: self.text(raw.cover.title),
                subtitle: self.texts(raw.cover.subtitle),
                publisher: self.texts(raw.cover.publisher),
                picture: self.cover_picture(raw.cover.image, raw.cover.alt, raw.cover.credit),
            },
            edito: self.edito(raw.edito),
            toc: Toc {
                title: self.text(raw.toc.title),
            },
            index: raw.index.map(|index| IndexPages {
                title: self.text(index.title),
                intro: self.optional(index.intro),
                legend: self.text(index.legend),
                credit: self.text(index.credit),
                map: self.territories.map_path(),
            }),
            slogan: Slogan {
                text: self.text(raw.slogan.text),
            },
            contact: self.contact(raw.contact),
            colophon: raw.colophon.map(|colophon| self.colophon(colophon)),
            profiles: raw.profiles,
            layout: raw.layout,
            local_editions: raw.local_editions,
            editions: raw
                .editions
                .into_iter()
                .map(|(name, group)| {
                    let group = self.group(&name, group);
                    (name, group)
                })
                .collect(),
        }
    }

    /// A local edition's file, `sources/editions/<key>.toml`.
    pub(crate) fn local_edition(&mut self, raw: file::LocalEdition) -> LocalContent {
        LocalContent {
            title: self.optional(raw.title),
            intro: self.texts(raw.intro),
            edito: raw.edito.map(|edito| self.edito(edito)),
            contact: raw.contact.map(|contact| self.contact(contact)),
        }
    }

    /// The édito and its signatories.
    fn edito(&mut self, raw: file::Edito) -> Edito {
        Edito {
            title: self.optional(raw.title),
            paragraphs: self.texts(raw.paragraphs),
            signatories: self.signatories(raw.signature, raw.signatories),
        }
    }

    /// The contact block.
    fn contact(&mut self, raw: file::Contact) -> Contact {
        Contact {
            title: self.text(raw.title),
            email: self.contact_line(raw.email),
            phone: self.contact_line(raw.phone),
            website: self.contact_line(raw.website),
            address: self.texts(raw.address),
            social: raw
                .social
                .into_iter()
                .map(|s| Social {
                    network: self.text(s.network),
                    account: self.text(s.account),
                    url: s.url.and_then(|url| self.contact_line(Some(url))),
                })
                .collect(),
        }
    }

    /// The legal mentions, in print order.
    fn colophon(&mut self, raw: file::Colophon) -> Colophon {
        let has_printer = raw.printer.is_some();
        let single = [
            raw.publisher,
            raw.director,
            raw.printer,
            raw.print_run,
            raw.legal_deposit,
            raw.isbn,
        ];
        let given = single
            .into_iter()
            .flatten()
            .chain(raw.credits)
            .chain(raw.lines);
        Colophon {
            lines: self.texts(given.collect()),
            has_printer,
        }
    }

    /// A line of the contact: none when it is not given or holds no text
    /// (nothing is printed for it).
    fn contact_line(&mut self, raw: Option<Spanned<String>>) -> Option<Spanned<String>> {
        raw.map(|line| self.plain(line))
            .filter(|line| !line.get_ref().trim().is_empty())
    }

    /// A group of `[editions]`: a name that can name a file, real codes.
    fn group(&mut self, name: &str, raw: file::EditionGroup) -> Group {
        let header = self.header_range(&format!("[editions.{name}]"));
        let plain_name = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !plain_name || self.territories.by_code(&name.to_uppercase()).is_some() {
            self.report(
                Diagnostic::new(
                    Code::EditionName,
                    format!("`{name}` cannot name a group of départements"),
                )
                .hint("name it with lower-case letters, digits and `-`, and not like a département's code, e.g. `[editions.nouvelle-aquitaine]`"),
                header.clone(),
            );
        }
        if raw.departements.is_empty() {
            self.report(
                Diagnostic::new(
                    Code::EditionNoDepartement,
                    format!("the group `{name}` lists no département"),
                )
                .hint("list their codes: `departements = [\"33\", \"40\"]`"),
                header.clone(),
            );
        }
        let mut codes = Vec::new();
        for code in raw.departements {
            match self.territories.by_code(&code.get_ref().to_uppercase()) {
                Some(d) if !codes.contains(&d.code) => codes.push(d.code.clone()),
                Some(_) => {}
                None => {
                    let named = self.territories.named_before(code.get_ref());
                    let hint = match named {
                        Some(d) => format!("{} is the territory `{}`", d.name, d.code),
                        None => format!(
                            "write a territory's code: {}",
                            self.territories.codes_hint()
                        ),
                    };
                    self.report(
                        Diagnostic::new(
                            Code::EditionCode,
                            format!(
                                "`{}` in the group `{name}` is not a département's code",
                                code.get_ref()
                            ),
                        )
                        .hint(hint),
                        code.span(),
                    );
                }
            }
        }
        Group {
            codes,
            title: self.optional(raw.title),
            header,
        }
    }

    /// A logo, a picture with its `alt` text.
    fn logo(&mut self, logo: file::Logo) -> Option<Logo> {
        let picture = self.picture(Keys {
            image: Some(logo.image),
            alt: Some(logo.alt),
            caption: None,
            credit: None,
        })?;
        Some(Logo {
            picture,
            on: logo.on,
        })
    }

    /// The cover picture, when `[cover]` gives an `image`.
    fn cover_picture(
        &mut self,
        image: Option<Spanned<String>>,
        alt: Option<file::SourceText>,
        credit: Option<file::SourceText>,
    ) -> Option<Picture> {
        self.picture(Keys {
            image,
            alt,
            caption: None,
            credit,
        })
    }

    /// The édito's signatories: `signature`, then `signatories`; one at least.
    fn signatories(
        &mut self,
        single: Option<file::Signature>,
        more: Vec<file::Signature>,
    ) -> Vec<Signature> {
        let signatories: Vec<Signature> = single
            .into_iter()
            .chain(more)
            .map(|s| Signature {
                name: self.filled_text(s.name, "a signatory's name"),
                roles: self.texts(s.roles),
            })
            .collect();
        if signatories.is_empty() {
            let header = "[edito]";
            let start = self.file.text.find(header).unwrap_or(0);
            self.report(
                Diagnostic::new(Code::MissingKey, "the édito has no signatory")
                    .hint("add `[[edito.signatories]]` with `name = \"…\"` and `roles = [\"…\"]`"),
                start..start + header.len(),
            );
        }
        signatories
    }

    /// The PDF's title, which PDF/UA requires.
    fn document_title(&mut self, title: toml::Spanned<String>) -> String {
        if title.get_ref().trim().is_empty() {
            self.report(
                Diagnostic::new(Code::EmptyText, "the document title is empty")
                    .hint("write the brochure's title in `title` of `[metadata]`"),
                title.span(),
            );
        }
        title.into_inner()
    }

    /// The publication date: a real day of the calendar.
    fn date(&mut self, raw: &toml::Spanned<String>) -> Date {
        let text = raw.get_ref();
        match Date::parse(text) {
            Ok(date) => date,
            Err(DateError::Format) => {
                self.report(
                    Diagnostic::new(Code::DateFormat, format!("`{text}` is not a date"))
                        .hint("write the date as `YYYY-MM-DD`, e.g. `2021-03-01`"),
                    raw.span(),
                );
                Date::PLACEHOLDER
            }
            Err(DateError::NoSuchDay) => {
                self.report(
                    Diagnostic::new(
                        Code::DateInvalid,
                        format!("`{text}` is not a day of the calendar"),
                    )
                    .hint("check the month and the day: months have 28 to 31 days, February 29 only in leap years"),
                    raw.span(),
                );
                Date::PLACEHOLDER
            }
        }
    }

    /// Where a table's header (`[profiles.print]`) stands in the manifest,
    /// or its start when it is not written as such.
    pub(super) fn header_range(&self, header: &str) -> Range<usize> {
        self.file.range_of(header)
    }

    /// The settings of an edition must be numbers a page can have.
    fn profile(&mut self, name: &str, profile: &Profile) {
        let header = format!("[profiles.{name}]");
        let range = self.header_range(&header);
        let mut check = |key: &str, value: f64, allowed: RangeInclusive<f64>| {
            if !(allowed.contains(&value)) {
                self.report(
                    Diagnostic::new(
                        Code::ProfileValue,
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
                Diagnostic::new(
                    Code::ProfileStandards,
                    format!("a standard is listed twice in `standards` of `{header}`"),
                )
                .hint("list each standard once: `[\"a-2b\", \"ua-1\"]`"),
                range.clone(),
            );
        }
        if profile.colors == ColorModel::Cmyk && profile.standards.contains(&Standard::A2b) {
            self.report(
                Diagnostic::new(
                    Code::ProfileStandards,
                    format!("`{header}` claims PDF/A-2b with CMYK colours"),
                )
                .hint("Typst writes no CMYK profile, which PDF/A requires: use `colors = \"rgb\"`, or remove `\"a-2b\"`"),
                range.clone(),
            );
        }
    }
}
