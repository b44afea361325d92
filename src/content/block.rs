//! The blocks of a section, as the layouts receive them: initiatives,
//! callouts and highlighted figures.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::markup::{self, Inline};
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

    /// The codes of the départements the block cites, as the index counts
    /// them: « Name (code) » and « du code » in its texts (the name winning
    /// over a wrong code), its `departements`, and for a figure the
    /// département its words end with (« masques pour la Haute-Saône »).
    pub fn cited(&self) -> Vec<String> {
        let mut codes = Vec::new();
        let texts: Vec<&Text> = match self {
            Block::Initiative(i) => {
                codes.extend(i.departements.iter().cloned());
                std::iter::once(&i.title).chain(&i.paragraphs).collect()
            }
            Block::Callout(c) => {
                codes.extend(c.departements.iter().cloned());
                c.label.iter().chain(&c.lead).chain(&c.paragraphs).collect()
            }
            Block::Figure(f) => {
                codes.extend(f.named.clone());
                f.before.iter().chain([&f.value, &f.text]).collect()
            }
        };
        for text in texts {
            markup::visit(&text.inlines, &mut |node| {
                if let Inline::Cite(code) = node {
                    codes.push(code.clone());
                }
            });
        }
        codes
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
#[derive(Debug, Clone, Serialize)]
pub struct Callout {
    /// Its family, a name declared in `[callouts]` of `bilan.toml`.
    pub family: String,
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

/// A highlighted figure: a big number and its words.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Words printed before the number, if any.
    pub before: Option<Text>,
    /// The number, as written (`50.000`, `120 000`, `7j/7 et 24h/24`).
    pub value: Text,
    /// The words after the number.
    pub text: Text,
    /// The territory its words end with, if any: `70` for « masques pour
    /// la Haute-Saône » (found when the sources are validated).
    pub named: Option<String>,
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
        let mut state = serializer.serialize_struct("Figure", 5)?;
        state.serialize_field("before", &self.before)?;
        state.serialize_field("value", &self.value)?;
        state.serialize_field("text", &self.text)?;
        state.serialize_field("phrase", &self.phrase())?;
        state.serialize_field("cites", &self.named.as_slice())?;
        state.end()
    }
}
