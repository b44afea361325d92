//! The blocks of a section, as the layouts receive them: initiatives,
//! callouts and highlighted figures; and the callout families, named once
//! in [`FAMILIES`].

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::markup::Inline;
use super::picture::Picture;
use super::text::Text;
use super::typography;

/// A block of a section.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// An initiative: a title and its paragraphs.
    Initiative(Initiative),
    /// A boxed callout of one of the recurring families.
    Callout(Callout),
    /// A highlighted figure.
    Figure(Figure),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Every family, in declaration order: its name in the sources
/// (`family = "zoom"`) and the label printed when a callout gives none.
/// The only place the names are written.
pub const FAMILIES: [(Family, &str, &str); 5] = [
    (Family::Zoom, "zoom", "Zoom sur..."),
    (Family::Possible, "possible", "C'est possible !"),
    (
        Family::Innove,
        "innove",
        "La gauche innove dans les territoires",
    ),
    (Family::Plus, "plus", "Le + du Département"),
    (Family::Focus, "focus", "Focus sur"),
];

impl Family {
    /// The family named `name` in the sources.
    pub fn from_name(name: &str) -> Option<Family> {
        FAMILIES
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|&(family, _, _)| family)
    }

    /// Its name in the sources, e.g. `zoom`.
    pub fn name(self) -> &'static str {
        self.entry().1
    }

    /// The label printed when a callout gives none, as the layouts receive it.
    pub fn default_label(self) -> Inline {
        Inline::Text(typography::french(self.entry().2))
    }

    /// The names of every family, for messages: `` `zoom`, `possible`… ``.
    pub fn names() -> String {
        FAMILIES
            .iter()
            .map(|(_, name, _)| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn entry(self) -> (Family, &'static str, &'static str) {
        // Cannot panic: FAMILIES has one row per variant, in declaration
        // order (a unit test checks it), so every discriminant is an index.
        FAMILIES[self as usize]
    }
}

impl Serialize for Family {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl schemars::JsonSchema for Family {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Family".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let variants: Vec<serde_json::Value> = FAMILIES
            .iter()
            .map(|(_, name, label)| {
                serde_json::json!({
                    "description": format!("« {label} »"),
                    "type": "string",
                    "const": name,
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "The recurring callout families.",
            "oneOf": variants,
        })
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

#[cfg(test)]
mod tests {
    use super::{FAMILIES, Family};

    #[test]
    fn every_family_is_in_the_table_in_order() {
        for family in [
            Family::Zoom,
            Family::Possible,
            Family::Innove,
            Family::Plus,
            Family::Focus,
        ] {
            assert_eq!(FAMILIES[family as usize].0, family, "{family:?}");
            assert_eq!(Family::from_name(family.name()), Some(family));
        }
    }

    #[test]
    fn the_layouts_style_every_family() {
        let callouts =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/callouts.typ");
        let layout = std::fs::read_to_string(callouts).expect("layouts/callouts.typ");
        for (_, name, _) in FAMILIES {
            assert!(
                layout.contains(&format!("{name}: (")),
                "no style for `{name}`"
            );
        }
    }
}
