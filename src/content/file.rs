//! The source files as written: serde types that mirror `sources/*.toml`
//! key for key, with the position of every value, and nothing else. They
//! hold no logic: `content::validate` turns them into the typed brochure of
//! [`super::model`] and reports every problem.
//!
//! Every table refuses unknown keys, so a misspelt key is an error that
//! names the file, the line and the keys allowed there. The JSON Schemas of
//! `bilan schema` are derived from these types.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::keys::{self, BlockKind};
use super::layout::Layout;
use super::local::LocalRules;
use super::profile::Profiles;
use super::style::{FrameKind, PictogramName};

/// A text as written: a string with inline markup, and its position.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct SourceText(pub Spanned<String>);

impl JsonSchema for SourceText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Text with inline markup: **bold**, *italic*, ^{superscript}, <https://links>; everything else prints as typed."
        })
    }
}

/// `sources/bilan.toml`: the brochure's metadata, its fixed pages and the
/// order of its chapter files.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    /// The chapter files, relative to `sources/`, in reading order.
    #[schemars(with = "Vec<String>")]
    pub chapters: Vec<Spanned<String>>,
    /// Document metadata (PDF title, author…).
    pub metadata: Metadata,
    /// The callout families, by the name callouts give in `family`
    /// (default: the five families of the shipped brochure).
    #[serde(default)]
    pub callouts: std::collections::BTreeMap<String, CalloutFamily>,
    /// The words the layouts print around the content (default: the French
    /// words of the shipped brochure).
    #[serde(default)]
    pub words: Option<Words>,
    /// The brand: colours, the colour of each role, fonts, the map's shades
    /// (default: the shipped brochure's).
    #[serde(default)]
    pub brand: Option<super::brand::BrandFile>,
    /// The publisher's logo, on the front and back covers: `[logo]` for
    /// one, `[[logo]]` for each of several (a co-publisher's), side by side
    /// in their order (optional).
    #[serde(default)]
    pub logo: super::one_or_many::OneOrMany<Logo>,
    /// The front cover.
    pub cover: Cover,
    /// The editorial and its signature.
    pub edito: Edito,
    /// The table of contents.
    pub toc: Toc,
    /// The index of the départements cited, with its map (optional).
    #[serde(default)]
    pub index: Option<IndexPages>,
    /// The closing slogan page.
    pub slogan: Slogan,
    /// The contact page (back cover).
    pub contact: Contact,
    /// The legal mentions printed in small type on the back cover: the
    /// publisher, the printer, the legal deposit… (optional).
    #[serde(default)]
    pub colophon: Option<Colophon>,
    /// The print and screen editions.
    #[serde(default)]
    pub profiles: Profiles,
    /// The pagination rules: page count, openers, balancing, preflight.
    #[serde(default)]
    pub layout: Layout,
    /// What the local editions (one per département or group) hold.
    #[serde(default)]
    pub local_editions: LocalRules,
    /// Named groups of départements, each with its own local edition
    /// (`[editions.nouvelle-aquitaine]`).
    #[serde(default)]
    pub editions: std::collections::BTreeMap<String, EditionGroup>,
    /// The territories the text may cite, beside or instead of the
    /// départements, and the index's map (optional).
    #[serde(default)]
    pub territories: Option<super::territories::TerritoriesTable>,
}

/// A named group of départements, `[editions.<name>]`: one local edition
/// holds what cites any of them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EditionGroup {
    /// Their codes, e.g. `["33", "40", "47"]`.
    #[schemars(with = "Vec<String>")]
    pub departements: Vec<Spanned<String>>,
    /// The territory named on the cover, e.g. `La Nouvelle-Aquitaine`
    /// (default: the départements' names).
    #[serde(default)]
    pub title: Option<SourceText>,
}

/// `sources/editions/<code or group>.toml`: what a local edition prints of
/// its own, instead of the brochure's (every key is optional).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LocalEdition {
    /// The territory named on the cover, e.g. `La Gironde`.
    #[serde(default)]
    pub title: Option<SourceText>,
    /// A short introduction, printed above the Sommaire.
    #[serde(default)]
    pub intro: Vec<SourceText>,
    /// A local editorial with its signatories, instead of the brochure's.
    #[serde(default)]
    pub edito: Option<Edito>,
    /// A local contact block for the back cover, instead of the brochure's.
    #[serde(default)]
    pub contact: Option<Contact>,
}

/// Document metadata, written into the PDF.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Metadata {
    /// The document title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The author or publisher.
    pub author: String,
    /// What the document is about.
    pub subject: String,
    /// Search keywords.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Publication date, `YYYY-MM-DD`; it is also the PDF's creation date,
    /// so that the same sources always give the same bytes.
    #[schemars(with = "String")]
    pub date: Spanned<String>,
}

/// A callout family, `[callouts.zoom]`: its default label and its look.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CalloutFamily {
    /// The label printed when a callout of the family gives none.
    pub label: SourceText,
    /// The colour of the label, the frame and the pictogram: a colour of
    /// `[brand.colors]`.
    #[schemars(with = "String")]
    pub color: Spanned<String>,
    /// The background: a colour of `[brand.colors]` (default: the colour of
    /// the role `paper`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tint: Option<Spanned<String>>,
    /// The pictogram: a built-in one, or an SVG file inside `sources/`
    /// (`images/temoin.svg`).
    #[schemars(with = "PictogramName")]
    pub pictogram: Spanned<String>,
    /// `left`: a rule on the left side (the default); `full`: a frame.
    #[serde(default)]
    pub frame: FrameKind,
}

/// The words the layouts print around the content (no word is written in
/// the layouts).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Words {
    /// Before a part's numeral on its opener, e.g. `PARTIE` (« PARTIE I »).
    pub part: SourceText,
    /// After the lowest count of the index's darkest shade, e.g. `et plus`
    /// (« 7 et plus »).
    #[schemars(with = "String")]
    pub and_more: Spanned<String>,
    /// Between two counts in the map's alternative text, e.g. `à` (« 2 à 3 »).
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    /// Before the départements of a shade in the map's alternative text,
    /// e.g. `pour` (« 7 et plus pour l'Ardèche (07) »).
    #[serde(rename = "for")]
    #[schemars(with = "String")]
    pub for_: Spanned<String>,
    /// The first sentence of the map's alternative text; `{count}` stands
    /// for the number of départements cited.
    #[schemars(with = "String")]
    pub map_alt: Spanned<String>,
    /// The first words of the map's alternative text in a local edition,
    /// before the names of its départements, e.g. `Carte de France où
    /// figure en rouge :` (default: `map-alt`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub local_map_alt: Option<Spanned<String>>,
    /// Beside the title of an édito cut short in a leaflet, e.g. `Extrait`
    /// (the default).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub excerpt: Option<Spanned<String>>,
}

/// A logo: an SVG or PNG file inside `sources/`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Logo {
    /// The file, inside `sources/`.
    #[schemars(with = "String")]
    pub image: Spanned<String>,
    /// What the logo shows (read aloud to readers who cannot see it).
    pub alt: SourceText,
    /// Where it is printed: `both` covers (the default), the `cover` only
    /// or the `back` cover only.
    #[serde(default)]
    pub on: LogoPlace,
}

/// The covers a logo is printed on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LogoPlace {
    /// The front and the back cover.
    #[default]
    Both,
    /// The front cover only.
    Cover,
    /// The back cover only.
    Back,
}

/// The front cover.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Cover {
    /// The period covered, e.g. `2015-2021`.
    pub years: SourceText,
    /// The main title.
    pub title: SourceText,
    /// The subtitle, one entry per line.
    pub subtitle: Vec<SourceText>,
    /// The publisher block, one entry per line.
    pub publisher: Vec<SourceText>,
    /// A picture for the cover, inside `sources/` (optional), printed in
    /// the brand's ring at the top right; at least 300 ppi for print.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// What the cover picture shows (required with `image`).
    #[serde(default)]
    pub alt: Option<SourceText>,
    /// Who made the cover picture, printed small beside it.
    #[serde(default)]
    pub credit: Option<SourceText>,
}

/// The editorial.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Edito {
    /// A small heading over the editorial (the original has none).
    #[serde(default)]
    pub title: Option<SourceText>,
    /// Its paragraphs.
    pub paragraphs: Vec<SourceText>,
    /// One signatory (the same as a single `[[edito.signatories]]`).
    #[serde(default)]
    pub signature: Option<Signature>,
    /// The signatories, in order (after `signature`, if given).
    #[serde(default)]
    pub signatories: Vec<Signature>,
}

/// A signatory of the editorial.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Signature {
    /// Name of the signatory.
    pub name: SourceText,
    /// Their roles, one per line.
    pub roles: Vec<SourceText>,
}

/// The table of contents page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Toc {
    /// Its heading, e.g. `SOMMAIRE`.
    pub title: SourceText,
}

/// The index of the départements cited and its map of France.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexPages {
    /// Its heading, e.g. `Les Départements cités`.
    pub title: SourceText,
    /// A sentence under the heading.
    #[serde(default)]
    pub intro: Option<SourceText>,
    /// The legend's caption, e.g. `Nombre d'initiatives citant le département`.
    pub legend: SourceText,
    /// The sources and licences of the map, in small print.
    pub credit: SourceText,
}

/// The full-page slogan before the back cover.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Slogan {
    /// The slogan.
    pub text: SourceText,
}

/// The contact block of the back cover.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contact {
    /// Its heading, e.g. `CONTACT`.
    pub title: SourceText,
    /// E-mail address (optional, as every line of the contact).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// Telephone number (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// Web site, without `https://` (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
    /// The postal address, one entry per line (optional).
    #[serde(default)]
    pub address: Vec<SourceText>,
    /// Accounts on social networks (optional).
    #[serde(default)]
    pub social: Vec<Social>,
}

/// The legal mentions, `[colophon]`: each key one line, printed as written
/// (« Imprimé par … »), in this order. The keys say what each line is, so
/// that `bilan check` can tell a brochure without its printer.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Colophon {
    /// The publisher and its address, e.g. `Édité par le Groupe…, 6 rue…`.
    #[serde(default)]
    pub publisher: Option<SourceText>,
    /// The publication director, e.g. `Directeur de la publication : …`.
    #[serde(default)]
    pub director: Option<SourceText>,
    /// The printer's name and address, which French law requires on printed
    /// matter, e.g. `Imprimé par Imprimerie Exemple, 12 rue…, 33000 Bordeaux`.
    #[serde(default)]
    pub printer: Option<SourceText>,
    /// The print run, e.g. `Tirage : 2 000 exemplaires`.
    #[serde(default)]
    pub print_run: Option<SourceText>,
    /// The legal deposit, e.g. `Dépôt légal : mars 2021`.
    #[serde(default)]
    pub legal_deposit: Option<SourceText>,
    /// The ISBN or ISSN line, e.g. `ISBN 978-2-…`.
    #[serde(default)]
    pub isbn: Option<SourceText>,
    /// Who took or lent the pictures, one entry per line.
    #[serde(default)]
    pub credits: Vec<SourceText>,
    /// Free lines, last, e.g. `Ne pas jeter sur la voie publique`.
    #[serde(default)]
    pub lines: Vec<SourceText>,
}

/// An account on a social network, `[[contact.social]]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Social {
    /// The network, e.g. `Mastodon`.
    pub network: SourceText,
    /// The account, e.g. `@groupe@piaille.fr`.
    pub account: SourceText,
    /// The address the account links to, e.g.
    /// `https://piaille.fr/@groupe` (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Spanned<String>>,
}

/// One chapter file: the opening chapter or a numbered part.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Chapter {
    /// `chapter` (unnumbered) or `part` (numbered I, II, III…).
    pub kind: ChapterKind,
    /// The part's roman numeral, shown in the table of contents and the opener.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub number: Option<Spanned<String>>,
    /// The title as printed on the opener.
    pub title: SourceText,
    /// The title in the table of contents, when it differs.
    #[serde(default)]
    pub toc_title: Option<SourceText>,
    /// A short title for the running footer.
    pub short_title: SourceText,
    /// Introduction paragraphs.
    #[serde(default)]
    pub intro: Vec<SourceText>,
    /// Sub-chapters, sections and sub-sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// A picture for the opener: the file, inside `sources/`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// What the opener's picture shows.
    #[serde(default)]
    pub alt: Option<SourceText>,
    /// A caption under the opener's picture.
    #[serde(default)]
    pub caption: Option<SourceText>,
    /// Who made the opener's picture.
    #[serde(default)]
    pub credit: Option<SourceText>,
}

/// The two kinds of chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterKind {
    /// An unnumbered chapter (the opening one on the health crisis).
    Chapter,
    /// A numbered part.
    Part,
}

/// A sub-chapter, section (`1.1`) or sub-section (`1.4.1`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    /// `1.1`, `1.4.1`…; absent for the sub-chapters of the opening chapter.
    /// The number of dots gives the depth: `1.4.1` is a sub-section.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub number: Option<Spanned<String>>,
    /// The title, without its number.
    pub title: SourceText,
    /// The title in the table of contents, when it differs.
    #[serde(default)]
    pub toc_title: Option<SourceText>,
    /// Introduction paragraphs.
    #[serde(default)]
    pub intro: Vec<SourceText>,
    /// Initiatives, callouts and figures, in reading order.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// A block as written: one flat table holding every key any kind may use.
/// Which kind accepts or needs which key is the table [`keys::BLOCK_KEYS`];
/// the schema's descriptions and per-kind rules come from it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(
    description = "A block as written: every key any kind may use; `type` decides which ones it takes and needs.",
    transform = keys::block_schema
)]
pub struct Block {
    #[serde(rename = "type")]
    #[schemars(with = "BlockKind")]
    pub(crate) kind: Spanned<BlockKind>,
    pub(crate) title: Option<SourceText>,
    #[schemars(with = "Option<Vec<SourceText>>")]
    pub(crate) paragraphs: Option<Spanned<Vec<SourceText>>>,
    #[schemars(with = "Option<String>")]
    pub(crate) family: Option<Spanned<String>>,
    pub(crate) label: Option<SourceText>,
    pub(crate) lead: Option<SourceText>,
    pub(crate) before: Option<SourceText>,
    pub(crate) value: Option<SourceText>,
    pub(crate) text: Option<SourceText>,
    #[schemars(with = "Option<String>")]
    pub(crate) image: Option<Spanned<String>>,
    pub(crate) alt: Option<SourceText>,
    pub(crate) caption: Option<SourceText>,
    pub(crate) credit: Option<SourceText>,
    #[schemars(with = "Option<Vec<String>>")]
    pub(crate) departements: Option<Spanned<Vec<Spanned<String>>>>,
}

impl Block {
    /// The keys given in this block, each with the byte range of its value.
    pub(crate) fn given(&self) -> Vec<(&'static str, std::ops::Range<usize>)> {
        let span = |present: Option<std::ops::Range<usize>>, key| present.map(|s| (key, s));
        [
            span(self.title.as_ref().map(|t| t.0.span()), "title"),
            span(self.paragraphs.as_ref().map(Spanned::span), "paragraphs"),
            span(self.family.as_ref().map(Spanned::span), "family"),
            span(self.label.as_ref().map(|t| t.0.span()), "label"),
            span(self.lead.as_ref().map(|t| t.0.span()), "lead"),
            span(self.before.as_ref().map(|t| t.0.span()), "before"),
            span(self.value.as_ref().map(|t| t.0.span()), "value"),
            span(self.text.as_ref().map(|t| t.0.span()), "text"),
            span(self.image.as_ref().map(Spanned::span), "image"),
            span(self.alt.as_ref().map(|t| t.0.span()), "alt"),
            span(self.caption.as_ref().map(|t| t.0.span()), "caption"),
            span(self.credit.as_ref().map(|t| t.0.span()), "credit"),
            span(
                self.departements.as_ref().map(Spanned::span),
                "departements",
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
