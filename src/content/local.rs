//! Local editions: a booklet per département, or per group of départements,
//! holding what the brochure says of that territory. The rules of
//! `[local-editions]` and the groups of `[editions]` come from `bilan.toml`,
//! the optional local texts from `sources/editions/<key>.toml`; the
//! [`Territory`] of an edition filters the brochure ([`Brochure::local`]).

use std::collections::BTreeSet;
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::markup::Inline;
use super::model::{Block, Chapter, Contact, Edito, Section};
use super::project::Brochure;
use super::territories::Territories;
use super::text::Text;
use super::typography;
use crate::diag::{Diagnostic, SourceFile};

/// `[local-editions]` of `bilan.toml`: what a local edition holds besides
/// its initiatives, callouts and figures.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct LocalRules {
    /// The introductions of the chapters, parts and sections a local
    /// edition keeps: `all` of them, or `none`.
    pub intros: Intros,
    /// The index of the départements: `reduced` to the edition's own, on
    /// the page of the map, or `none` (no map, no index).
    pub index: LocalIndex,
    /// `bilan check` warns about a département (or group) whose edition
    /// would hold fewer blocks than this (0: never).
    pub min_blocks: usize,
}

impl Default for LocalRules {
    fn default() -> Self {
        Self {
            intros: Intros::All,
            index: LocalIndex::Reduced,
            min_blocks: 0,
        }
    }
}

/// Which introductions a local edition keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Intros {
    /// Every introduction of the chapters and sections kept.
    All,
    /// None: the headings alone give the context.
    None,
}

/// What is left of the index in a local edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LocalIndex {
    /// The map with the edition's départements highlighted, and their
    /// pages, on one page.
    Reduced,
    /// No map and no index.
    None,
}

/// A named group of départements, `[editions.<name>]`, validated.
#[derive(Debug, Clone)]
pub struct Group {
    /// Its départements, in the order given.
    pub codes: Vec<String>,
    /// The territory as the cover names it, if `title` gives it.
    pub title: Option<Text>,
    /// The byte range of `[editions.<name>]` in `bilan.toml`.
    pub header: Range<usize>,
}

/// `sources/editions/<key>.toml`, validated.
#[derive(Debug, Clone)]
pub struct LocalContent {
    /// The territory as the cover names it.
    pub title: Option<Text>,
    /// A short introduction above the Sommaire.
    pub intro: Vec<Text>,
    /// A local editorial.
    pub edito: Option<Edito>,
    /// A local contact block.
    pub contact: Option<Contact>,
}

/// A local edition's file and what it holds.
#[derive(Debug, Clone)]
pub struct LocalFile {
    /// The edition: a département's code or a group's name.
    pub key: String,
    /// The source file.
    pub file: SourceFile,
    /// Its validated content.
    pub content: LocalContent,
}

/// The territory of one local edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Territory {
    /// What names the edition and its file: a code (`33`), a group's name
    /// (`nouvelle-aquitaine`), or codes joined by `-` (`33-40-47`).
    pub key: String,
    /// Its départements.
    pub codes: Vec<String>,
}

impl Territory {
    /// The edition of the group `name` of `[editions]`.
    pub fn of_group(name: &str, group: &Group) -> Self {
        Self {
            key: name.to_owned(),
            codes: group.codes.clone(),
        }
    }

    /// Reads `--departement`: a code, a group of `[editions]`, or codes
    /// separated by commas (`33,40,47`).
    ///
    /// # Errors
    /// A word that is neither a département's code nor a group's name.
    pub fn parse(spec: &str, brochure: &Brochure) -> Result<Self, Diagnostic> {
        let spec = spec.trim();
        if let Some(group) = brochure.manifest.editions.get(spec) {
            return Ok(Self::of_group(spec, group));
        }
        match codes_in(spec, &brochure.territories) {
            Ok(codes) if codes.is_empty() => Err(Diagnostic::error(
                "edition-unknown",
                "`--departement` names no département",
            )
            .hint("give a département's code (`33`), several separated by commas (`33,40,47`), or a group of `[editions]`")),
            Ok(codes) => Ok(Self {
                key: codes.join("-"),
                codes,
            }),
            Err(word) => {
                let groups: Vec<&str> = brochure
                    .manifest
                    .editions
                    .keys()
                    .map(String::as_str)
                    .collect();
                let codes = brochure.territories.codes_hint();
                let hint = if groups.is_empty() {
                    format!("give a territory's code, or several separated by commas (`33,40,47`); the codes are {codes}")
                } else {
                    format!(
                        "give a territory's code, several separated by commas, or a group of `[editions]`: {}; the codes are {codes}",
                        groups.join(", ")
                    )
                };
                Err(Diagnostic::error(
                    "edition-unknown",
                    format!("`{word}` is neither a département's code nor a group of `[editions]` in bilan.toml"),
                )
                .hint(hint))
            }
        }
    }

    /// The key `parse` gives `spec`, known before the sources are read: a
    /// group's name as it is, codes in their official spelling joined by
    /// `-` (`2a,33` → `2A-33`).
    pub fn key_of(spec: &str) -> String {
        match codes_in(spec, &Territories::builtin()) {
            Ok(codes) if !codes.is_empty() => codes.join("-"),
            _ => spec.trim().to_owned(),
        }
    }

    /// Every local edition of the brochure: each département cited by a
    /// block, in code order, then each group of `[editions]`.
    pub fn all(brochure: &Brochure) -> Vec<Self> {
        let cited: BTreeSet<String> = brochure
            .blocks()
            .flat_map(Block::cited)
            .filter_map(|code| brochure.territories.by_code(&code).map(|d| d.code.clone()))
            .collect();
        let departements = brochure
            .territories
            .iter()
            .filter(|d| cited.contains(&d.code))
            .map(|d| Self {
                key: d.code.clone(),
                codes: vec![d.code.clone()],
            });
        let groups = brochure
            .manifest
            .editions
            .iter()
            .map(|(name, group)| Self::of_group(name, group));
        departements.chain(groups).collect()
    }

    /// How many blocks of the brochure cite one of its départements.
    pub fn blocks_in(&self, brochure: &Brochure) -> usize {
        brochure.blocks().filter(|b| self.holds(b)).count()
    }

    /// Whether a block cites one of its départements.
    fn holds(&self, block: &Block) -> bool {
        block.cited().iter().any(|code| self.codes.contains(code))
    }

    /// The names with their article in the list of `territories`: « la
    /// Gironde, les Landes et le Lot-et-Garonne ».
    pub fn names(&self, territories: &Territories) -> String {
        let names: Vec<&str> = self
            .codes
            .iter()
            .filter_map(|code| territories.by_code(code))
            .map(|d| d.name_with_article.as_str())
            .collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} et {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// The territories of `spec`, codes separated by commas, in their official
/// spelling and without repeats (empty words skipped); the first word that
/// is no territory's code otherwise.
fn codes_in<'s>(spec: &'s str, territories: &Territories) -> Result<Vec<String>, &'s str> {
    let mut codes = Vec::new();
    for word in spec.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let place = territories.by_code(&word.to_uppercase()).ok_or(word)?;
        if !codes.contains(&place.code) {
            codes.push(place.code.clone());
        }
    }
    Ok(codes)
}

/// What the layouts know of a local edition (`local` in the data file).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct LocalData {
    /// The PDF's title: the brochure's, then the territory's name. `bilan`
    /// writes it into the document after the layout: a `set document` rule
    /// that differs between editions would keep them from sharing Typst's
    /// caches.
    #[serde(skip)]
    pub document_title: String,
    /// The territory as the cover names it: « La Gironde ».
    pub name: Text,
    /// Its départements' codes.
    pub codes: Vec<String>,
    /// The names with article and code, for the map's alternative text:
    /// « la Gironde (33) ».
    pub names: Vec<String>,
    /// A short introduction above the Sommaire.
    pub intro: Vec<Text>,
}

impl Brochure {
    /// The local edition of `territory`: every block that cites one of its
    /// départements, under its chapter and section headings (a sub-section
    /// keeps its section's heading), the introductions and the index as
    /// `[local-editions]` says, and the local texts of `local`; with the
    /// indices of the chapters kept.
    pub fn local(
        &self,
        territory: &Territory,
        local: Option<&LocalContent>,
    ) -> (Brochure, Vec<usize>) {
        let rules = &self.manifest.local_editions;
        let keep_intros = rules.intros == Intros::All;
        let (kept, chapters): (Vec<usize>, Vec<Chapter>) = self
            .chapters
            .iter()
            .enumerate()
            .filter_map(|(index, chapter)| {
                let sections = local_sections(&chapter.sections, territory, keep_intros);
                (!sections.is_empty()).then(|| {
                    let chapter = Chapter {
                        intro: intro_if(&chapter.intro, keep_intros),
                        sections,
                        ..chapter.clone()
                    };
                    (index, chapter)
                })
            })
            .unzip();
        let mut manifest = self.manifest.clone();
        let group = manifest.editions.get(&territory.key);
        let name = local
            .and_then(|l| l.title.clone())
            .or_else(|| group.and_then(|g| g.title.clone()))
            .unwrap_or_else(|| generated_text(&capitalized(&territory.names(&self.territories))));
        if let Some(local) = local {
            if let Some(edito) = &local.edito {
                manifest.edito = edito.clone();
            }
            if let Some(contact) = &local.contact {
                manifest.contact = contact.clone();
            }
        }
        if rules.index == LocalIndex::None {
            manifest.index = None;
        }
        let mut brochure = Brochure::new(manifest, chapters, self.territories.clone());
        brochure
            .departements
            .retain(|d| territory.codes.contains(&d.code));
        brochure.local = Some(LocalData {
            document_title: format!("{} — {}", brochure.manifest.metadata.title, name.plain()),
            name,
            codes: territory.codes.clone(),
            names: territory
                .codes
                .iter()
                .filter_map(|code| self.territories.by_code(code))
                .map(|d| typography::french(&format!("{} ({})", d.name_with_article, d.code)))
                .collect(),
            intro: local.map(|l| l.intro.clone()).unwrap_or_default(),
        });
        (brochure, kept)
    }
}

/// The sections that hold a block citing the territory, with only those
/// blocks, and the sections whose sub-sections are kept (their heading
/// alone, with their introduction when `keep_intros`).
fn local_sections(sections: &[Section], territory: &Territory, keep_intros: bool) -> Vec<Section> {
    let kept: Vec<Option<Section>> = sections
        .iter()
        .map(|section| {
            let blocks: Vec<Block> = section
                .blocks
                .iter()
                .filter(|b| territory.holds(b))
                .cloned()
                .collect();
            (!blocks.is_empty()).then(|| Section {
                intro: intro_if(&section.intro, keep_intros),
                blocks,
                ..section.clone()
            })
        })
        .collect();
    sections
        .iter()
        .zip(&kept)
        .enumerate()
        .filter_map(|(i, (section, kept_section))| {
            if let Some(kept_section) = kept_section {
                return Some(kept_section.clone());
            }
            let prefix = format!("{}.", section.number.as_ref()?.get_ref());
            let parent_of_kept = sections.iter().zip(&kept).skip(i + 1).any(|(s, k)| {
                k.is_some()
                    && s.number
                        .as_ref()
                        .is_some_and(|n| n.get_ref().starts_with(&prefix))
            });
            parent_of_kept.then(|| Section {
                intro: intro_if(&section.intro, keep_intros),
                blocks: Vec::new(),
                ..section.clone()
            })
        })
        .collect()
}

/// The introduction, or none.
fn intro_if(intro: &[Text], keep: bool) -> Vec<Text> {
    if keep { intro.to_vec() } else { Vec::new() }
}

/// « la Gironde » → « La Gironde ».
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A text made by `bilan`, not written in a source file: plain words in
/// French typography, at no position.
fn generated_text(words: &str) -> Text {
    let typeset = typography::french(words);
    Text {
        raw: words.to_owned(),
        span: 0..0,
        inlines: vec![Inline::Text(typeset)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_with_their_articles() {
        let territory = Territory {
            key: "33-40-47".to_owned(),
            codes: ["33", "40", "47"].map(str::to_owned).to_vec(),
        };
        assert_eq!(
            territory.names(&Territories::builtin()),
            "la Gironde, les Landes et le Lot-et-Garonne"
        );
        assert_eq!(capitalized("l'Ardèche"), "L'Ardèche");
        assert_eq!(Territory::key_of("2a, 33,33"), "2A-33");
        assert_eq!(Territory::key_of("sud-ouest"), "sud-ouest");
    }
}
