//! The callout families as `bilan.toml` declares them: a default label and a
//! look made of the brand's colours and a pictogram. The pictograms the
//! layouts draw are listed here once; a unit test checks that the layouts
//! define each of them.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::text::Text;

/// The built-in pictograms (`pictograms` in `layouts/callouts.typ`).
pub const PICTOGRAMS: &[&str] = &["magnifier", "check", "bulb", "plus", "target", "quote"];

/// The frame of a callout box.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FrameKind {
    /// A rule on the left side.
    #[default]
    Left,
    /// A frame all around.
    Full,
}

/// A callout family, validated, as the layouts receive it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct CalloutStyle {
    /// The label printed when a callout gives none.
    pub label: Text,
    /// The brand colour of the label, frame and pictogram.
    pub color: String,
    /// The brand colour of the background.
    pub tint: String,
    /// The pictogram.
    pub pictogram: Pictogram,
    /// The frame.
    pub frame: FrameKind,
}

/// The pictogram of a callout family.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pictogram {
    /// One of [`PICTOGRAMS`].
    Builtin(String),
    /// An SVG file inside `sources/`, as written (with its position).
    Svg(#[serde(serialize_with = "virtual_path")] toml::Spanned<String>),
}

fn virtual_path<S: serde::Serializer>(
    path: &toml::Spanned<String>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&super::picture::virtual_path_of(path.get_ref()))
}

/// A pictogram of [`PICTOGRAMS`] or an SVG file, for the JSON Schema.
pub(super) struct PictogramName;

impl schemars::JsonSchema for PictogramName {
    fn schema_name() -> Cow<'static, str> {
        "Pictogram".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A built-in pictogram, or an SVG file inside `sources/`.",
            "anyOf": [
                { "type": "string", "enum": PICTOGRAMS },
                { "type": "string", "pattern": "\\.svg$" },
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::PICTOGRAMS;

    fn layout(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("layouts")
            .join(name);
        std::fs::read_to_string(path).expect("a layout file")
    }

    #[test]
    fn the_layouts_draw_every_pictogram() {
        let callouts = layout("callouts.typ");
        let table = callouts
            .split("#let pictograms = (")
            .nth(1)
            .expect("a table of pictograms");
        for name in PICTOGRAMS {
            assert!(table.contains(&format!("{name}: ")), "{name}");
        }
    }
}
