//! The typed brochure: what the sources mean once validated, as the layouts
//! receive it (serialized to the JSON data file) and as the lints read it.
//! Texts are parsed and typeset; every text keeps its position in its file.

use serde::Serialize;
use toml::Spanned;

use std::collections::BTreeMap;

pub use super::block::{Block, Callout, Figure, Initiative};
pub use super::brand::Brand;
pub use super::date::Date;
pub use super::file::ChapterKind;
pub use super::layout::{Layout, Openers};
pub use super::local::{Group, Intros, LocalContent, LocalIndex, LocalRules};
pub use super::picture::Picture;
pub use super::profile::{ColorModel, Profile, ProfileName, Profiles, Standard};
pub use super::style::{CalloutStyle, FrameKind, PICTOGRAMS, Pictogram};
use super::text::Text;

/// `sources/bilan.toml`: the brochure's metadata and its fixed pages.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Manifest {
    /// Document metadata (PDF title, author…).
    pub metadata: Metadata,
    /// The callout families, by name.
    pub callouts: BTreeMap<String, CalloutStyle>,
    /// The words the layouts print around the content.
    pub words: Words,
    /// The brand (served apart, as `/brand.json`).
    #[serde(skip_serializing)]
    pub brand: Brand,
    /// The logos, side by side on the covers each is for.
    pub logos: Vec<Logo>,
    /// The front cover.
    pub cover: Cover,
    /// The editorial and its signature.
    pub edito: Edito,
    /// The table of contents.
    pub toc: Toc,
    /// The index of the départements cited, with its map (optional).
    pub index: Option<IndexPages>,
    /// The closing slogan page.
    pub slogan: Slogan,
    /// The contact page (back cover).
    pub contact: Contact,
    /// The legal mentions, if given.
    pub colophon: Option<Colophon>,
    /// The print and screen editions.
    #[serde(skip_serializing)]
    pub profiles: Profiles,
    /// The pagination rules: page count, openers, balancing, preflight.
    #[serde(skip_serializing)]
    pub layout: Layout,
    /// What the local editions hold.
    #[serde(skip_serializing)]
    pub local_editions: LocalRules,
    /// The named groups of départements, each a local edition.
    #[serde(skip_serializing)]
    pub editions: BTreeMap<String, Group>,
}

/// Document metadata, written into the PDF.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Metadata {
    /// The document title.
    pub title: String,
    /// The author or publisher.
    pub author: String,
    /// What the document is about.
    pub subject: String,
    /// Search keywords.
    pub keywords: Vec<String>,
    /// Publication date; it is also the PDF's creation date, so that the
    /// same sources always give the same bytes.
    pub date: Date,
}

/// The words the layouts print around the content.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Words {
    /// Before a part's numeral on its opener (« PARTIE I »).
    pub part: Text,
    /// After the lowest count of the index's darkest shade (« 7 et plus »).
    pub and_more: String,
    /// Between two counts in the map's alternative text (« 2 à 3 »).
    pub to: String,
    /// Before the départements of a shade in the map's alternative text.
    #[serde(rename = "for")]
    pub for_: String,
    /// The first sentence of the map's alternative text; `{count}` stands
    /// for the number of départements cited.
    pub map_alt: String,
    /// The first words of the map's alternative text in a local edition.
    pub local_map_alt: Option<String>,
    /// Beside the title of an édito cut short in a leaflet (« Extrait »).
    pub excerpt: String,
}

/// The front cover.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Cover {
    /// The period covered, e.g. `2015-2021`.
    pub years: Text,
    /// The main title.
    pub title: Text,
    /// The subtitle, one entry per line.
    pub subtitle: Vec<Text>,
    /// The publisher block, one entry per line.
    pub publisher: Vec<Text>,
    /// The cover picture, if any.
    pub picture: Option<Picture>,
}

/// A logo and the covers it is printed on.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Logo {
    /// The picture and its alt text.
    #[serde(flatten)]
    pub picture: Picture,
    /// `both`, `cover` or `back`.
    pub on: super::file::LogoPlace,
}

/// The editorial.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Edito {
    /// A small heading over the editorial (the original has none).
    pub title: Option<Text>,
    /// Its paragraphs.
    pub paragraphs: Vec<Text>,
    /// Who signs it: one signatory or more, in order.
    pub signatories: Vec<Signature>,
}

/// A signatory of the editorial.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Signature {
    /// Name of the signatory.
    pub name: Text,
    /// Their roles, one per line.
    pub roles: Vec<Text>,
}

/// The table of contents page.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Toc {
    /// Its heading, e.g. `SOMMAIRE`.
    pub title: Text,
}

/// The index of the départements cited and its map of France.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct IndexPages {
    /// Its heading, e.g. `Les Départements cités`.
    pub title: Text,
    /// A sentence under the heading.
    pub intro: Option<Text>,
    /// The legend's caption.
    pub legend: Text,
    /// The sources and licences of the map, in small print.
    pub credit: Text,
    /// Where the layouts read the map (`/data/departements-carte.svg`, or
    /// the map drawn from `[territories]`); `None`: no map, the list alone.
    pub map: Option<&'static str>,
}

/// The full-page slogan before the back cover.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Slogan {
    /// The slogan.
    pub text: Text,
}

/// The contact block of the back cover.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Contact {
    /// Its heading, e.g. `CONTACT`.
    pub title: Text,
    /// E-mail address, if given.
    pub email: Option<Spanned<String>>,
    /// Telephone number, if given.
    pub phone: Option<Spanned<String>>,
    /// Web site, if given.
    pub website: Option<Spanned<String>>,
    /// The postal address, one entry per line (may be empty).
    pub address: Vec<Text>,
    /// Accounts on social networks (may be empty).
    pub social: Vec<Social>,
}

/// The legal mentions: the lines of `[colophon]`, in print order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Colophon {
    /// Every line given, in the order the layout prints them: publisher,
    /// director, printer, print run, legal deposit, ISBN, credits, then the
    /// free lines.
    pub lines: Vec<Text>,
    /// Whether a printer's line is among them.
    #[serde(skip)]
    pub has_printer: bool,
}

/// An account on a social network.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Social {
    /// The network, e.g. `Mastodon`.
    pub network: Text,
    /// The account.
    pub account: Text,
    /// The address the account links to, if given.
    pub url: Option<Spanned<String>>,
}

/// One chapter file: the opening chapter or a numbered part.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Chapter {
    /// `chapter` (unnumbered) or `part` (numbered I, II, III…).
    pub kind: ChapterKind,
    /// The part's roman numeral.
    pub number: Option<Spanned<String>>,
    /// The title as printed on the opener.
    pub title: Text,
    /// The title in the table of contents, when it differs.
    pub toc_title: Option<Text>,
    /// A short title for the running footer.
    pub short_title: Text,
    /// Introduction paragraphs.
    pub intro: Vec<Text>,
    /// Sub-chapters, sections and sub-sections, in order.
    pub sections: Vec<Section>,
    /// The opener's picture.
    pub picture: Option<Picture>,
}

/// A sub-chapter, section (`1.1`) or sub-section (`1.4.1`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Section {
    /// `1.1`, `1.4.1`…; absent for the sub-chapters of the opening chapter.
    pub number: Option<Spanned<String>>,
    /// The title, without its number.
    pub title: Text,
    /// The title in the table of contents, when it differs.
    pub toc_title: Option<Text>,
    /// Introduction paragraphs.
    pub intro: Vec<Text>,
    /// Initiatives, callouts and figures, in reading order.
    pub blocks: Vec<Block>,
}
