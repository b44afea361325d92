//! `Text`: a string of the sources, kept as typed (with its position in the
//! TOML file) and parsed into inline markup as it is read.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::markup::{self, Inline};

/// Ends the message of a markup error, followed by `START:OFFSET`: where the
/// string literal starts in its file, and the byte offset of the faulty mark
/// in the string's value (read back by the loader to point at the mark).
pub(crate) const OFFSET_MARK: &str = "offset in string: ";

/// A text from the sources with inline markup.
///
/// It deserializes from a TOML string; malformed markup is a deserialization
/// error, so it is reported at the string's position like any TOML error. It
/// serializes, for the layouts, as its parsed inline tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The string exactly as written in the source file.
    pub raw: String,
    /// Byte range of the string literal in its TOML file.
    pub span: Range<usize>,
    /// The parsed, typeset inline tree.
    pub inlines: Vec<Inline>,
}

impl Text {
    /// The text a reader sees, without markup.
    pub fn plain(&self) -> String {
        markup::plain_text(&self.inlines)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<String>::deserialize(deserializer)?;
        let span = spanned.span();
        let raw = spanned.into_inner();
        match markup::parse(&raw) {
            Ok(inlines) => Ok(Self { raw, span, inlines }),
            Err(err) => {
                let context: String = raw[err.offset..].chars().take(30).collect();
                Err(serde::de::Error::custom(format!(
                    "{} (at « {context}… »)\nhint: {}\n{OFFSET_MARK}{}:{}",
                    err.message, err.hint, span.start, err.offset
                )))
            }
        }
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inlines.serialize(serializer)
    }
}

impl schemars::JsonSchema for Text {
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
