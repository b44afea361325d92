//! Output profiles: how the print and the screen editions differ, kept in one
//! place, `[profiles.print]` and `[profiles.screen]` of `sources/bilan.toml`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The two editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileName {
    /// For the commercial printer.
    Print,
    /// For the web site and e-mails.
    Screen,
}

impl ProfileName {
    /// The name used in file names and in `[profiles.<name>]`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileName::Print => "print",
            ProfileName::Screen => "screen",
        }
    }
}

/// The settings of both editions.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profiles {
    /// The file for the commercial printer.
    #[serde(default = "Profile::print")]
    pub print: Profile,
    /// The file for the web site and e-mails.
    #[serde(default = "Profile::screen")]
    pub screen: Profile,
}

impl Profiles {
    /// The settings of one edition.
    pub fn get(&self, name: ProfileName) -> &Profile {
        match name {
            ProfileName::Print => &self.print,
            ProfileName::Screen => &self.screen,
        }
    }
}

impl Default for Profiles {
    fn default() -> Self {
        Self {
            print: Profile::print(),
            screen: Profile::screen(),
        }
    }
}

/// The settings of one edition.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profile {
    /// Bleed on every side of the A4 trim, in millimetres (0: none).
    pub bleed_mm: f64,
    /// The colour model of the brand colours.
    pub colors: ColorModel,
    /// The PDF standards the file claims; Typst validates them at export.
    pub standards: Vec<Standard>,
    /// A picture under this resolution at its placed size gives a warning.
    #[serde(default)]
    pub min_ppi: Option<f64>,
    /// A picture over this resolution at its placed size is downsampled to it.
    #[serde(default)]
    pub max_ppi: Option<f64>,
}

impl Profile {
    /// Defaults of the print edition: 3 mm bleed, CMYK, tagged PDF/UA-1,
    /// pictures of at least 300 ppi.
    pub fn print() -> Self {
        Self {
            bleed_mm: 3.0,
            colors: ColorModel::Cmyk,
            standards: vec![Standard::Ua1],
            min_ppi: Some(300.0),
            max_ppi: None,
        }
    }

    /// Defaults of the screen edition: no bleed, RGB, PDF/A-2b and PDF/UA-1,
    /// pictures downsampled to 150 ppi.
    pub fn screen() -> Self {
        Self {
            bleed_mm: 0.0,
            colors: ColorModel::Rgb,
            standards: vec![Standard::A2b, Standard::Ua1],
            min_ppi: None,
            max_ppi: Some(150.0),
        }
    }
}

/// How colours are written into the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ColorModel {
    /// DeviceCMYK, for offset printing.
    Cmyk,
    /// sRGB, for screens.
    Rgb,
}

/// PDF standards `bilan` can claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Standard {
    /// PDF/A-2b: archivable.
    #[serde(rename = "a-2b")]
    A2b,
    /// PDF/UA-1: accessible.
    #[serde(rename = "ua-1")]
    Ua1,
}
