//! The content model: what `sources/*.toml` may contain.
//!
//! Every struct refuses unknown keys, so a misspelt key is an error that names
//! the file, the line and the keys allowed there. The same types serialize to
//! the JSON data file that the layouts read.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use super::block::{Block, Callout, Family, Figure, Initiative};
pub use super::layout::{Layout, Openers};
pub use super::picture::Picture;
pub use super::profile::{ColorModel, Profile, Profiles, Standard};
use super::text::Text;

/// `sources/bilan.toml`: the brochure's metadata, its fixed pages and the
/// order of its chapter files.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifest {
    /// The chapter files, relative to `sources/`, in reading order.
    #[serde(skip_serializing)]
    #[schemars(with = "Vec<String>")]
    pub chapters: Vec<toml::Spanned<String>>,
    /// Document metadata (PDF title, author…).
    pub metadata: Metadata,
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
    /// The print and screen editions.
    #[serde(default, skip_serializing)]
    pub profiles: Profiles,
    /// The pagination rules: page count, openers, balancing, preflight.
    #[serde(default, skip_serializing)]
    pub layout: Layout,
}

/// Document metadata, written into the PDF.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Metadata {
    /// The document title.
    pub title: String,
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
    pub date: toml::Spanned<String>,
}

/// The front cover.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Cover {
    /// The period covered, e.g. `2015-2021`.
    pub years: Text,
    /// The main title.
    pub title: Text,
    /// The subtitle, one entry per line.
    pub subtitle: Vec<Text>,
    /// The publisher block, one entry per line.
    pub publisher: Vec<Text>,
}

/// The editorial.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Edito {
    /// A small heading over the editorial (the original has none).
    #[serde(default)]
    pub title: Option<Text>,
    /// Its paragraphs.
    pub paragraphs: Vec<Text>,
    /// Who signs it.
    pub signature: Signature,
}

/// The signature under the editorial.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Signature {
    /// Name of the signatory.
    pub name: Text,
    /// Their roles, one per line.
    pub roles: Vec<Text>,
}

/// The table of contents page.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Toc {
    /// Its heading, e.g. `SOMMAIRE`.
    pub title: Text,
}

/// The index of the départements cited and its map of France.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IndexPages {
    /// Its heading, e.g. `Les Départements cités`.
    pub title: Text,
    /// A sentence under the heading.
    #[serde(default)]
    pub intro: Option<Text>,
    /// The legend's caption, e.g. `Nombre d'initiatives citant le département`.
    pub legend: Text,
    /// The sources and licences of the map, in small print.
    pub credit: Text,
}

/// The full-page slogan before the back cover.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Slogan {
    /// The slogan.
    pub text: Text,
}

/// The contact block of the back cover.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contact {
    /// Its heading, e.g. `CONTACT`.
    pub title: Text,
    /// E-mail address.
    #[schemars(with = "String")]
    pub email: toml::Spanned<String>,
    /// Telephone number.
    #[schemars(with = "String")]
    pub phone: toml::Spanned<String>,
    /// Web site.
    #[schemars(with = "String")]
    pub website: toml::Spanned<String>,
}

/// One chapter file: the opening chapter or a numbered part.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Chapter {
    /// `chapter` (unnumbered) or `part` (numbered I, II, III…).
    pub kind: ChapterKind,
    /// The part's roman numeral, shown in the table of contents and the opener.
    #[serde(default)]
    pub number: Option<String>,
    /// The title as printed on the opener.
    pub title: Text,
    /// The title in the table of contents, when it differs.
    #[serde(default)]
    pub toc_title: Option<Text>,
    /// A short title for the running footer.
    pub short_title: Text,
    /// Introduction paragraphs.
    #[serde(default)]
    pub intro: Vec<Text>,
    /// Sub-chapters, sections and sub-sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// A picture for the opener: the file, inside `sources/`.
    #[serde(default, skip_serializing)]
    #[schemars(with = "Option<String>")]
    pub image: Option<toml::Spanned<String>>,
    /// What the opener's picture shows.
    #[serde(default, skip_serializing)]
    pub alt: Option<Text>,
    /// A caption under the opener's picture.
    #[serde(default, skip_serializing)]
    pub caption: Option<Text>,
    /// Who made the opener's picture.
    #[serde(default, skip_serializing)]
    pub credit: Option<Text>,
    /// The opener's picture, built by the loader from the four keys above.
    #[serde(skip_deserializing)]
    #[schemars(skip)]
    pub picture: Option<Picture>,
}

/// The two kinds of chapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChapterKind {
    /// An unnumbered chapter (the opening one on the health crisis).
    Chapter,
    /// A numbered part.
    Part,
}

/// A sub-chapter, section (`1.1`) or sub-section (`1.4.1`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    /// `1.1`, `1.4.1`…; absent for the sub-chapters of the opening chapter.
    /// The number of dots gives the depth: `1.4.1` is a sub-section.
    #[serde(default)]
    pub number: Option<String>,
    /// The title, without its number.
    pub title: Text,
    /// The title in the table of contents, when it differs.
    #[serde(default)]
    pub toc_title: Option<Text>,
    /// Introduction paragraphs.
    #[serde(default)]
    pub intro: Vec<Text>,
    /// Initiatives, callouts and figures, in reading order.
    #[serde(default)]
    pub blocks: Vec<Block>,
}
