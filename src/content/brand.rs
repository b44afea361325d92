//! The publisher's brand, `[brand]` of `bilan.toml`: its named colours (each
//! with a screen and a print value), the colour each role of the layouts
//! takes (primary, secondary, accent, ink, tints…), its two font families
//! and the four shades of the index's map. The layouts read it all from
//! `/brand.json`; what a `bilan.toml` leaves out is the shipped brochure's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The roles of the layouts, each given a colour of the brand.
pub const ROLES: &[&str] = &[
    "primary",
    "primary-dark",
    "secondary",
    "secondary-mid",
    "accent",
    "accent-dark",
    "ink",
    "muted",
    "paper",
    "primary-tint",
    "secondary-tint",
    "accent-tint",
    "neutral-tint",
];

/// How many shades the index's map has (lightest first).
pub const MAP_SHADES: usize = 4;

/// `[brand]` as written: every key optional.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BrandFile {
    /// The brand's colours by name, e.g. `green = { screen = "#2f6b3a",
    /// cmyk = [70, 20, 85, 30] }` (default: the shipped brochure's).
    #[serde(default)]
    pub colors: Option<BTreeMap<String, ColorFile>>,
    /// The colour each role of the layouts takes, by name, e.g.
    /// `primary = "green"` (a role not given keeps the shipped colour's name).
    #[serde(default)]
    #[schemars(with = "Option<BTreeMap<String, String>>")]
    pub roles: Option<BTreeMap<String, Spanned<String>>>,
    /// The family of the titles, a font of `fonts/` (default `Montserrat`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub display_font: Option<Spanned<String>>,
    /// The family of the text, a font of `fonts/` (default `Source Sans 3`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text_font: Option<Spanned<String>>,
    /// A folder inside `sources/` holding more font files (with their
    /// licences), beside those of the project's `fonts/`, e.g. `polices`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub fonts: Option<Spanned<String>>,
    /// The four shades of the index's map, lightest first, as `#rrggbb`
    /// (the map is an SVG picture: sRGB in both editions).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub map: Option<Spanned<Vec<Spanned<String>>>>,
}

/// A colour as written: its screen value and its print value.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ColorFile {
    /// The screen (sRGB) value, `#rrggbb`.
    #[schemars(with = "String")]
    pub screen: Spanned<String>,
    /// The print value, cyan, magenta, yellow and black in percent, e.g.
    /// `[0, 95, 80, 15]`.
    #[schemars(with = "[f64; 4]")]
    pub cmyk: Spanned<Vec<f64>>,
}

/// The brand, validated, as the layouts read it (`/brand.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Brand {
    /// The colours by name.
    pub colors: BTreeMap<String, Color>,
    /// The colour of each role of [`ROLES`], by name.
    pub roles: BTreeMap<String, String>,
    /// The family of the titles.
    pub display_font: String,
    /// The family of the text.
    pub text_font: String,
    /// The map's shades, lightest first, `#rrggbb`.
    pub map: Vec<String>,
}

/// A colour of the brand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Color {
    /// `#rrggbb`, for the screen edition.
    pub screen: String,
    /// Cyan, magenta, yellow, black in percent, for the print edition.
    pub cmyk: [f64; 4],
}

/// The folder of more fonts that `[brand] fonts` of `sources/bilan.toml`
/// names, when it is a folder inside `sources`: read before the sources are
/// validated, since the fonts decide which characters and families they
/// may use (the validation reports a wrong `fonts`).
pub fn fonts_dir(sources: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(sources.join(super::MANIFEST_FILE)).ok()?;
    let manifest: toml::Table = toml::from_str(&text).ok()?;
    let name = manifest.get("brand")?.get("fonts")?.as_str()?;
    let dir = sources.join(name);
    (super::picture::path_problem(name).is_none() && dir.is_dir()).then_some(dir)
}

/// Whether `value` is a colour as `#rrggbb`.
pub fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_hex_color;

    #[test]
    fn hex_colours_have_six_digits() {
        assert!(is_hex_color("#2f6b3A"));
        for wrong in ["#12345", "2f6b3a", "#2f6b3g", "#2f6b3a0", "green"] {
            assert!(!is_hex_color(wrong), "{wrong}");
        }
    }
}
