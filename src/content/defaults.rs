//! What a `bilan.toml` that does not write them gets: the callout families
//! of `[callouts]`, the words of `[words]` and the brand of `[brand]` of the
//! shipped brochure, read
//! from `defaults.toml` (a `bilan.toml` written before these tables existed
//! builds as it did).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::brand::BrandFile;
use super::file::{CalloutFamily, Words};

/// The tables a `bilan.toml` may leave out.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Defaults {
    /// The five callout families of the shipped brochure.
    pub(crate) callouts: BTreeMap<String, CalloutFamily>,
    /// The French words of the layouts.
    pub(crate) words: Words,
    /// The brand of the shipped brochure, every key given.
    pub(crate) brand: BrandFile,
}

impl Defaults {
    /// The defaults, read from `defaults.toml` (shipped inside `bilan`).
    pub(crate) fn read() -> Self {
        toml::from_str(include_str!("defaults.toml"))
            .unwrap_or_else(|err| unreachable!("defaults.toml is checked by a test: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::Defaults;

    #[test]
    fn the_defaults_are_the_shipped_brochure_s_tables() {
        let defaults = Defaults::read();
        let shipped = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources/bilan.toml"),
        )
        .expect("the shipped bilan.toml");
        let shipped: toml::Table = toml::from_str(&shipped).expect("TOML");
        let ours: toml::Table = toml::from_str(include_str!("defaults.toml")).expect("TOML");
        assert_eq!(shipped["callouts"], ours["callouts"]);
        assert_eq!(shipped["words"], ours["words"]);
        assert_eq!(shipped["brand"], ours["brand"]);
        let brand = defaults.brand;
        assert!(brand.colors.is_some() && brand.roles.is_some() && brand.map.is_some());
        assert!(brand.display_font.is_some() && brand.text_font.is_some());
        assert_eq!(defaults.callouts.len(), 5);
    }
}
