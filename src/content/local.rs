//! Local editions: a booklet per département, or per group of départements,
//! holding what the brochure says of that territory. The rules of
//! `[local-editions]` and the groups of `[editions]` come from `bilan.toml`,
//! the optional local texts from `sources/editions/<key>.toml`; the
//! [`Territory`] of an edition filters the brochure ([`Brochure::local`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::markup::Inline;
use super::model::{Block, Chapter, Contact, Edito, Section};
use super::project::Brochure;
use super::territories::Territories;
use super::text::Text;
use super::typography;
use crate::diag::{Code, Diagnostic, SourceFile};

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
    /// A `leaflet` (one flow between the covers), a `booklet` (the
    /// national brochure's structure), or `auto`: a leaflet when it holds
    /// in `leaflet-pages` pages.
    pub format: Format,
    /// The most pages of a leaflet chosen by `auto`.
    pub leaflet_pages: usize,
    /// The édito of a leaflet: the edition's `local` one (none without
    /// it), an `excerpt` of the national one (the local one when given),
    /// the `full` one, or `none`.
    pub edito: EditoChoice,
    /// The fewest pages of a leaflet that has a Sommaire.
    pub sommaire_from: usize,
}

impl Default for LocalRules {
    fn default() -> Self {
        Self {
            intros: Intros::All,
            index: LocalIndex::Reduced,
            min_blocks: 0,
            format: Format::Auto,
            leaflet_pages: 12,
            edito: EditoChoice::Excerpt,
            sommaire_from: 12,
        }
    }
}

/// The format of the local editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A leaflet when it holds in `leaflet-pages` pages, else a booklet.
    Auto,
    /// Always a leaflet: the cover, one flow, the back cover.
    Leaflet,
    /// Always a booklet: the structure of the national brochure.
    Booklet,
}

/// Which édito a leaflet prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EditoChoice {
    /// The edition's own (`[edito]` of `sources/editions/<key>.toml`), or
    /// none.
    Local,
    /// The edition's own when given, else the national one's opening
    /// paragraphs and its signatories, marked as an excerpt.
    Excerpt,
    /// The edition's own when given, else the national one, in full.
    Full,
    /// No édito.
    None,
}

/// How a local edition may be set as a leaflet (see [`LocalRules`]):
/// what the fitting starts from and decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafletRules {
    /// Whether the fitting may choose the booklet instead, when the
    /// leaflet takes more than `max_pages` pages.
    pub auto: bool,
    /// The most pages of a leaflet chosen by `auto`.
    pub max_pages: usize,
    /// The fewest pages of a leaflet with a Sommaire.
    pub sommaire_from: usize,
    /// What the leaflet shows of the édito of the data file.
    pub edito: EditoShown,
    /// How many paragraphs that édito has.
    pub edito_paragraphs: usize,
    /// How many chapters the edition keeps.
    pub chapters: usize,
    /// The initiatives that may be quoted (`chapter.section.block`, in
    /// reading order): those whose first sentence reads well alone (see
    /// [`LocalData::quotes`]).
    pub quotable: Vec<String>,
}

/// What a leaflet shows of the édito it is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditoShown {
    /// Nothing.
    None,
    /// All of it.
    Full,
    /// Its first paragraphs (as many as the fitting chooses) and its
    /// signatories.
    Excerpt,
}

impl LocalRules {
    /// The leaflet rules of an edition, `None` when it is a booklet;
    /// `local_edito`: whether the edition has its own édito, of
    /// `edito_paragraphs` paragraphs (the national one's otherwise), and
    /// it keeps `chapters` chapters, of which the initiatives `quotable`
    /// may be quoted.
    pub fn leaflet(
        &self,
        local_edito: bool,
        edito_paragraphs: usize,
        chapters: usize,
        quotable: Vec<String>,
    ) -> Option<LeafletRules> {
        let edito = match (self.edito, local_edito) {
            (EditoChoice::None, _) | (EditoChoice::Local, false) => EditoShown::None,
            (EditoChoice::Excerpt, false) => EditoShown::Excerpt,
            _ => EditoShown::Full,
        };
        (self.format != Format::Booklet).then_some(LeafletRules {
            auto: self.format == Format::Auto,
            max_pages: self.leaflet_pages,
            sommaire_from: self.sommaire_from,
            edito,
            edito_paragraphs,
            chapters,
            quotable,
        })
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
            Ok(codes) if codes.is_empty() => Err(Diagnostic::new(
                Code::EditionUnknown,
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
                Err(Diagnostic::new(
                    Code::EditionUnknown,
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
    /// How it may be set as a leaflet; `None`: a booklet.
    #[serde(skip)]
    pub leaflet: Option<LeafletRules>,
    /// The first sentence of the initiatives that may be quoted in large
    /// type in a leaflet (a pull quote), by block (`chapter.section.block`).
    pub quotes: BTreeMap<String, String>,
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
        let quotes = quotes_of(&chapters);
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
            leaflet: rules.leaflet(
                local.is_some_and(|l| l.edito.is_some()),
                brochure.manifest.edito.paragraphs.len(),
                brochure.chapters.len(),
                quotes.iter().map(|(id, _)| id.clone()).collect(),
            ),
            quotes: quotes.into_iter().collect(),
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

/// The shortest and longest pull quote, in characters.
const QUOTE_LENGTH: std::ops::RangeInclusive<usize> = 60..=200;

/// The first sentence of each initiative that reads well alone (it starts
/// with a capital, of [`QUOTE_LENGTH`]), by block id, in reading order.
fn quotes_of(chapters: &[Chapter]) -> Vec<(String, String)> {
    let mut quotes = Vec::new();
    for (c, chapter) in chapters.iter().enumerate() {
        for (s, section) in chapter.sections.iter().enumerate() {
            for (b, block) in section.blocks.iter().enumerate() {
                let Block::Initiative(initiative) = block else {
                    continue;
                };
                let sentence = initiative.paragraphs.iter().find_map(|paragraph| {
                    sentences(&paragraph.plain()).find(|sentence| {
                        QUOTE_LENGTH.contains(&sentence.chars().count())
                            && sentence.starts_with(char::is_uppercase)
                    })
                });
                if let Some(sentence) = sentence {
                    quotes.push((format!("{c}.{s}.{b}"), sentence));
                }
            }
        }
    }
    quotes
}

/// The sentences of a text: each up to a full stop, an exclamation or a
/// question mark followed by a space (a last one without its stop is left
/// out).
fn sentences(text: &str) -> impl Iterator<Item = String> + '_ {
    let ends = text
        .char_indices()
        .filter(|&(_, c)| matches!(c, '.' | '!' | '?' | '…'))
        .map(|(at, c)| at + c.len_utf8())
        .filter(|&end| text[end..].is_empty() || text[end..].starts_with(' '));
    let mut start = 0;
    ends.map(move |end| {
        let sentence = text[start..end].trim().to_owned();
        start = end;
        sentence
    })
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

    #[test]
    fn sentences_end_at_a_stop_followed_by_a_space() {
        let all: Vec<String> =
            sentences("Il verse 1.000 € aux familles. C'est possible\u{a0}! Et sans fin").collect();
        assert_eq!(
            all,
            ["Il verse 1.000 € aux familles.", "C'est possible\u{a0}!"]
        );
    }
}
