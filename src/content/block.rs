//! The blocks of a section: initiatives, callouts and highlighted figures.
//!
//! In TOML a block is one `[[sections.blocks]]` table whose `type` says what
//! it is. It is read as one flat table (so that every text keeps its
//! position), then checked: each kind says which keys it needs and which it
//! refuses.

use schemars::JsonSchema;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::departements;
use super::markup::Inline;
use super::picture::Picture;
use super::text::Text;
use super::typography;

/// A block of a section.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(try_from = "RawBlock", tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// An initiative: a title and its paragraphs.
    Initiative(Initiative),
    /// A boxed callout of one of the recurring families.
    Callout(Callout),
    /// A highlighted figure.
    Figure(Figure),
}

impl JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RawBlock::json_schema(generator)
    }
}

impl Block {
    /// The picture of the block, if it has one.
    pub fn picture(&self) -> Option<&Picture> {
        match self {
            Block::Initiative(i) => i.picture.as_ref(),
            Block::Callout(c) => c.picture.as_ref(),
            Block::Figure(_) => None,
        }
    }
}

/// An initiative of a Département.
#[derive(Debug, Clone, Serialize)]
pub struct Initiative {
    /// Its title.
    pub title: Text,
    /// Its paragraphs (there may be none).
    pub paragraphs: Vec<Text>,
    /// A picture shown under the title.
    pub picture: Option<Picture>,
    /// Départements it concerns where the text does not name them (codes).
    pub departements: Vec<String>,
}

/// A callout box.
#[derive(Debug, Clone)]
pub struct Callout {
    /// Which recurring box it is.
    pub family: Family,
    /// The label, when it differs from the family's default.
    pub label: Option<Text>,
    /// A lead line printed before the paragraphs.
    pub lead: Option<Text>,
    /// The paragraphs (at least one).
    pub paragraphs: Vec<Text>,
    /// A picture shown under the label.
    pub picture: Option<Picture>,
    /// Départements it concerns where the text does not name them (codes).
    pub departements: Vec<String>,
}

impl Serialize for Callout {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Callout", 6)?;
        state.serialize_field("family", &self.family)?;
        match &self.label {
            Some(label) => state.serialize_field("label", label)?,
            None => state.serialize_field("label", &[self.family.default_label()])?,
        }
        state.serialize_field("lead", &self.lead)?;
        state.serialize_field("paragraphs", &self.paragraphs)?;
        state.serialize_field("picture", &self.picture)?;
        state.serialize_field("departements", &self.departements)?;
        state.end()
    }
}

/// The recurring callout families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// « Zoom sur... »
    Zoom,
    /// « C'est possible ! »
    Possible,
    /// « La gauche innove dans les territoires »
    Innove,
    /// « Le + du 81 »
    Plus,
    /// « Focus sur … »
    Focus,
}

impl Family {
    /// The label printed when a callout gives none, as the layouts receive it.
    pub fn default_label(self) -> Inline {
        let label = match self {
            Family::Zoom => "Zoom sur...",
            Family::Possible => "C'est possible !",
            Family::Innove => "La gauche innove dans les territoires",
            Family::Plus => "Le + du Département",
            Family::Focus => "Focus sur",
        };
        Inline::Text(typography::french(label))
    }
}

/// A highlighted figure: a big number and its words.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Words printed before the number, if any.
    pub before: Option<Text>,
    /// The number, as written (`50.000`, `120 000`, `7j/7 et 24h/24`).
    pub value: Text,
    /// The words after the number.
    pub text: Text,
}

impl Figure {
    /// The figure as one sentence, as a screen reader says it (the alt text
    /// of its tag): the words before, the number with its thousands written
    /// the French way (`50.000` → `50 000`, read as one number), the words
    /// after.
    pub fn phrase(&self) -> String {
        let value = typography::thousands(&self.value.plain());
        [
            self.before.as_ref().map(Text::plain),
            Some(value),
            Some(self.text.plain()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Figure", 4)?;
        state.serialize_field("before", &self.before)?;
        state.serialize_field("value", &self.value)?;
        state.serialize_field("text", &self.text)?;
        state.serialize_field("phrase", &self.phrase())?;
        state.end()
    }
}

/// Marks « Le + du 81 », « du 33 et du 93 » in a callout label for the index.
fn cite_label_codes(mut label: Text) -> Text {
    for code in departements::du_codes(&label.raw) {
        label.inlines.push(Inline::Cite(code.to_owned()));
    }
    label
}

/// The kinds of block, the `type` key.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum BlockKind {
    Initiative,
    Callout,
    Figure,
}

/// A block as written: every key any kind may use.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBlock {
    /// What the block is: `initiative`, `callout` or `figure`.
    #[serde(rename = "type")]
    kind: BlockKind,
    /// Initiative: its title.
    title: Option<Text>,
    /// Initiative (0 or more) or callout (1 or more): the paragraphs.
    paragraphs: Option<Vec<Text>>,
    /// Callout: `zoom`, `possible`, `innove`, `plus` or `focus`.
    family: Option<Family>,
    /// Callout: the label, when it differs from the family's default.
    label: Option<Text>,
    /// Callout: a lead line before the paragraphs.
    lead: Option<Text>,
    /// Figure: words printed before the number.
    before: Option<Text>,
    /// Figure: the number, as written.
    value: Option<Text>,
    /// Figure: the words after the number.
    text: Option<Text>,
    /// Initiative or callout: a picture, a file inside `sources/`.
    #[schemars(with = "Option<String>")]
    image: Option<toml::Spanned<String>>,
    /// What the picture shows (mandatory with `image`).
    alt: Option<Text>,
    /// A caption under the picture.
    caption: Option<Text>,
    /// Who made the picture.
    credit: Option<Text>,
    /// Initiative or callout: codes of the départements it concerns where the
    /// text does not name them, e.g. `["58"]`, for the index.
    departements: Option<Vec<String>>,
}

impl RawBlock {
    /// The keys given that `kind` does not accept.
    fn unexpected(&self, allowed: &[&str]) -> Vec<&'static str> {
        let given = [
            ("title", self.title.is_some()),
            ("paragraphs", self.paragraphs.is_some()),
            ("family", self.family.is_some()),
            ("label", self.label.is_some()),
            ("lead", self.lead.is_some()),
            ("before", self.before.is_some()),
            ("value", self.value.is_some()),
            ("text", self.text.is_some()),
            ("image", self.image.is_some()),
            ("alt", self.alt.is_some()),
            ("caption", self.caption.is_some()),
            ("credit", self.credit.is_some()),
            ("departements", self.departements.is_some()),
        ];
        given
            .into_iter()
            .filter(|&(key, present)| present && !allowed.contains(&key))
            .map(|(key, _)| key)
            .collect()
    }
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Self, String> {
        let (name, allowed): (&str, &[&str]) = match raw.kind {
            BlockKind::Initiative => (
                "an initiative",
                &[
                    "title",
                    "paragraphs",
                    "image",
                    "alt",
                    "caption",
                    "credit",
                    "departements",
                ],
            ),
            BlockKind::Callout => (
                "a callout",
                &[
                    "family",
                    "label",
                    "lead",
                    "paragraphs",
                    "image",
                    "alt",
                    "caption",
                    "credit",
                ],
            ),
            BlockKind::Figure => ("a figure", &["before", "value", "text"]),
        };
        if let Some(key) = raw.unexpected(allowed).first() {
            return Err(format!(
                "{name} has no key `{key}`\nhint: the keys of {name} are {}",
                allowed
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let picture = Picture::from_keys(raw.image, raw.alt, raw.caption, raw.credit)?;
        let departements = raw.departements.unwrap_or_default();
        if let Some(unknown) = departements
            .iter()
            .find(|c| departements::by_code(c).is_none())
        {
            return Err(format!(
                "no département has the code `{unknown}`\nhint: write INSEE codes: \"01\" to \"95\", \"2A\", \"2B\", \"971\" to \"976\""
            ));
        }
        let missing = |key: &str| {
            format!("{name} needs the key `{key}`\nhint: add `{key} = …` to this block")
        };
        Ok(match raw.kind {
            BlockKind::Initiative => Block::Initiative(Initiative {
                title: raw.title.ok_or_else(|| missing("title"))?,
                paragraphs: raw.paragraphs.unwrap_or_default(),
                picture,
                departements,
            }),
            BlockKind::Callout => Block::Callout(Callout {
                family: raw.family.ok_or_else(|| {
                    format!(
                        "{}, one of `zoom`, `possible`, `innove`, `plus`, `focus`",
                        missing("family")
                    )
                })?,
                label: raw.label.map(cite_label_codes),
                lead: raw.lead,
                paragraphs: raw
                    .paragraphs
                    .filter(|p| !p.is_empty())
                    .ok_or_else(|| missing("paragraphs"))?,
                picture,
                departements,
            }),
            BlockKind::Figure => Block::Figure(Figure {
                before: raw.before,
                value: raw.value.ok_or_else(|| missing("value"))?,
                text: raw.text.ok_or_else(|| missing("text"))?,
            }),
        })
    }
}
