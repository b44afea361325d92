//! The territories the brochure may cite: the built-in list (the
//! départements, see [`super::departements`]) extended or replaced by the
//! `[territories]` table of `bilan.toml`, and how the text cites them:
//! « Name (code) », « (code) » alone, « du code » in callout labels.
//!
//! One [`Territories`] value is built when the sources are loaded and read
//! by everything that knows codes: the markup parser, validation, the
//! index and its map, the lints and the local editions. Nothing here is
//! global: two projects loaded in one process each have their own list.

use std::collections::{BTreeMap, HashMap, HashSet};

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::departements::{self, CODES, Place};

/// `[territories]` of `bilan.toml`, as written: a list that extends or
/// replaces the built-in one, and an optional map.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TerritoriesTable {
    /// `extend` (default): the départements and these; `replace`: these
    /// alone.
    #[serde(default)]
    pub mode: Mode,
    /// A CSV file under `sources/` whose header is
    /// `code,name,name-with-article`, one territory a line (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
    /// A GeoJSON file under `sources/` (a FeatureCollection of Polygons and
    /// MultiPolygons whose `properties.code` is a territory's code) drawn
    /// as the index's map instead of the map of France (optional).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub map: Option<Spanned<String>>,
    /// Territories written here, after those of `file`
    /// (`[[territories.entry]]`).
    #[serde(default)]
    pub entry: Vec<EntryTable>,
}

/// `[[territories.entry]]`: one territory.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntryTable {
    /// Its code, capital letters and digits: `R84`, `13055`.
    #[schemars(with = "String")]
    pub code: Spanned<String>,
    /// Its name as the text writes it before « (code) »: `Marseille`.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Its name with its article, as the index prints it:
    /// `l'Auvergne-Rhône-Alpes` (default: the name).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name_with_article: Option<Spanned<String>>,
}

/// Whether `[territories]` adds to the built-in list or stands for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// The départements, then these territories.
    #[default]
    Extend,
    /// These territories alone.
    Replace,
}

/// One shape of a map: the rings of a polygon, in longitude and latitude
/// (the first ring its outline, the others its holes).
pub type Polygon = Vec<Vec<(f64, f64)>>;

/// The index's map.
#[derive(Debug, Clone, PartialEq)]
pub enum Map {
    /// The map of France of the layouts (`layouts/data/departements-carte.svg`).
    Builtin,
    /// The shapes of a GeoJSON file, by territory code, in the list's order.
    Drawn(Vec<(String, Vec<Polygon>)>),
    /// No map: the index is its list alone.
    None,
}

/// Where the layouts read the built-in map.
pub const BUILTIN_MAP: &str = "/data/departements-carte.svg";

/// Where the layouts read a map drawn from a GeoJSON file.
pub const DRAWN_MAP: &str = "/territories-map.svg";

/// The territories of a project, in order: the built-in ones in code order
/// (unless replaced), then those of `[territories]` in the order given.
#[derive(Debug, Clone)]
pub struct Territories {
    places: Vec<Place>,
    by_code: HashMap<String, usize>,
    /// Whether the built-in list is part of it.
    builtin: bool,
    /// How many bytes the longest code takes.
    longest_code: usize,
    /// The shapes of the codes of `[territories]` (see [`shape`]): a word
    /// in parentheses of one of these shapes is taken for a code, so that
    /// a mistyped one is told.
    shapes: HashSet<String>,
    /// How many characters before a code hold the longest name and the
    /// character before it.
    name_window: usize,
    map: Map,
}

impl Default for Territories {
    fn default() -> Self {
        Self::builtin()
    }
}

impl Territories {
    /// The built-in list alone, with the map of France.
    pub fn builtin() -> Self {
        Self::new(departements::departements().to_vec(), true, Map::Builtin)
    }

    /// A list of `places` (codes unique: a repeated code keeps its first
    /// place), `builtin` when it holds the built-in list, with its map.
    pub fn new(places: Vec<Place>, builtin: bool, map: Map) -> Self {
        let mut by_code = HashMap::new();
        let mut unique = Vec::with_capacity(places.len());
        for place in places {
            if !by_code.contains_key(&place.code) {
                by_code.insert(place.code.clone(), unique.len());
                unique.push(place);
            }
        }
        let longest_code = unique.iter().map(|p| p.code.len()).max().unwrap_or(0);
        let longest_name = unique
            .iter()
            .map(|p| p.name.chars().count())
            .max()
            .unwrap_or(0);
        let shapes = unique
            .iter()
            .filter(|p| !builtin || departements::by_code(&p.code).is_none())
            .map(|p| shape(&p.code))
            .collect();
        Self {
            places: unique,
            by_code,
            builtin,
            shapes,
            longest_code: longest_code.max(3),
            // « Alpes-de-Haute-Provence » (23) and the character before it
            // fit in the built-in window of 40.
            name_window: (longest_name + 2).max(40),
            map,
        }
    }

    /// Every territory, in the list's order.
    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.places.iter()
    }

    /// How many territories the list holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The index's map.
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// Where the layouts read the index's map, if there is one.
    pub fn map_path(&self) -> Option<&'static str> {
        match self.map {
            Map::Builtin => Some(BUILTIN_MAP),
            Map::Drawn(_) => Some(DRAWN_MAP),
            Map::None => None,
        }
    }

    /// The territory with this code, written exactly.
    pub fn by_code(&self, code: &str) -> Option<&Place> {
        self.by_code.get(code).and_then(|&i| self.places.get(i))
    }

    /// The codes of the list, as hints say them: the built-in list's
    /// description, then (or instead) the codes of `[territories]`.
    pub fn codes_hint(&self) -> String {
        const SHOWN: usize = 12;
        let own: Vec<&str> = self
            .places
            .iter()
            .filter(|p| !self.builtin || departements::by_code(&p.code).is_none())
            .map(|p| p.code.as_str())
            .collect();
        let mut listed: Vec<String> = own.iter().take(SHOWN).map(|c| format!("`{c}`")).collect();
        if own.len() > SHOWN {
            listed.push(format!("… ({} in all)", own.len()));
        }
        match (self.builtin, listed.is_empty()) {
            (true, true) => CODES.to_owned(),
            (true, false) => format!(
                "{CODES}, and those of `[territories]`: {}",
                listed.join(", ")
            ),
            (false, true) => {
                "none: `[territories]` replaces the départements and lists no territory".to_owned()
            }
            (false, false) => format!("those of `[territories]`: {}", listed.join(", ")),
        }
    }

    /// The territory whose name ends `before` at a word boundary (the
    /// longest such name), whatever its hyphens, spaces and case.
    pub fn named_before(&self, before: &str) -> Option<&Place> {
        let before = before.trim_end();
        // Only the end of the text can hold the name: comparing the whole
        // text before every citation would be quadratic in its length.
        let tail_start = before
            .char_indices()
            .rev()
            .nth(self.name_window)
            .map_or(0, |(i, _)| i);
        let before = comparable(before.get(tail_start..).unwrap_or(before));
        self.places
            .iter()
            .filter(|p| {
                let name = comparable(&p.name);
                !name.trim().is_empty()
                    && before.strip_suffix(name.as_str()).is_some_and(|head| {
                        head.chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                    })
            })
            .max_by_key(|p| p.name.len())
    }

    /// The code of a `(31)` at the start of `text`, if one is there: a code
    /// of the list, or a word shaped like a département's code (see
    /// [`departements::looks_like_code`]) or like a code of `[territories]`.
    /// Only the few bytes a code can take are looked at.
    pub fn code_in_parentheses<'t>(&self, text: &'t str) -> Option<&'t str> {
        let rest = text.strip_prefix('(')?;
        let close = rest
            .bytes()
            .take(self.longest_code + 1)
            .position(|b| b == b')')?;
        let code = rest.get(..close)?;
        (departements::looks_like_code(code)
            || self.by_code(code).is_some()
            || self.shapes.contains(&shape(code)))
        .then_some(code)
    }

    /// Codes in parentheses: `(31)`, `(2A)`, `(971)`. Returns the byte range
    /// of the whole `(…)` and the code.
    pub fn parenthesized_codes<'t>(&self, text: &'t str) -> Vec<(std::ops::Range<usize>, &'t str)> {
        text.match_indices('(')
            .filter_map(|(start, _)| {
                let code = self.code_in_parentheses(text.get(start..)?)?;
                Some((start..start + code.len() + 2, code))
            })
            .collect()
    }

    /// The code under which a citation « …before (code) » is indexed: the
    /// territory the name designates when a name precedes the code (even
    /// if the code is wrong), else the code itself when it exists.
    pub fn cited(&self, before: &str, code: &str) -> Option<&str> {
        self.named_before(before)
            .or_else(|| self.by_code(code))
            .map(|p| p.code.as_str())
    }

    /// The codes of « du 81 », « du 33 et du 93 » in a callout label.
    pub fn du_codes(&self, text: &str) -> Vec<&str> {
        text.match_indices("du ")
            .filter_map(|(start, _)| {
                let code = departements::du_code(text, start)?;
                self.by_code(code).map(|p| p.code.as_str())
            })
            .collect()
    }

    /// The territories cited by `units` (each the citations of one block),
    /// in the list's order, with how many units cite each.
    pub fn cited_in(&self, units: &[Vec<String>]) -> Vec<Cited> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for unit in units {
            let mut codes: Vec<&String> = unit.iter().collect();
            codes.sort();
            codes.dedup();
            for code in codes {
                if let Some(place) = self.by_code(code) {
                    *counts.entry(place.code.as_str()).or_default() += 1;
                }
            }
        }
        self.places
            .iter()
            .filter_map(|p| {
                counts.get(p.code.as_str()).map(|&blocks| Cited {
                    code: p.code.clone(),
                    name: p.name.clone(),
                    name_with_article: super::typography::french(&p.name_with_article),
                    blocks,
                })
            })
            .collect()
    }
}

/// The shape of a code: each digit as `9`, each capital letter as `A`
/// (`R84` → `A99`, `13055` → `99999`); anything else as `?`.
fn shape(code: &str) -> String {
    code.chars()
        .map(|c| match c {
            '0'..='9' => '9',
            'A'..='Z' => 'A',
            _ => '?',
        })
        .collect()
}

/// A name as compared: lower case, hyphens, apostrophes and every kind of
/// space (a no-break space typed by Word) as an ordinary space.
fn comparable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '-' | '\'' | '’' => ' ',
            c if c.is_whitespace() => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// A territory the brochure cites, for the index and the map.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Cited {
    /// Its code.
    pub code: String,
    /// Its name, e.g. `Haute-Garonne`.
    pub name: String,
    /// Its name with its article, typeset: `la Haute-Garonne`, `l’Ardèche`.
    pub name_with_article: String,
    /// How many blocks (initiatives, callouts, introductions…) cite it.
    pub blocks: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(code: &str, name: &str) -> Place {
        Place {
            code: code.to_owned(),
            name: name.to_owned(),
            name_with_article: name.to_owned(),
        }
    }

    #[test]
    fn the_builtin_list_has_the_departements_lyon_and_the_overseas_collectivities() {
        let list = Territories::builtin();
        assert_eq!(list.len(), 108);
        assert_eq!(
            list.by_code("2A").map(|d| d.name.as_str()),
            Some("Corse-du-Sud")
        );
        assert!(list.by_code("20").is_none());
        for code in ["69M", "975", "977", "978", "986", "987", "988"] {
            assert!(list.by_code(code).is_some(), "{code}");
        }
        assert_eq!(
            list.named_before("en Nouvelle-Calédonie ")
                .map(|d| d.code.as_str()),
            Some("988")
        );
        assert_eq!(list.codes_hint(), CODES);
    }

    #[test]
    fn names_are_found_before_their_code_whatever_the_hyphens() {
        let list = Territories::builtin();
        let code = |text| list.named_before(text).map(|d| d.code.clone());
        assert_eq!(code("en Haute Garonne ").as_deref(), Some("31"));
        assert_eq!(code("le Lot-et-Garonne").as_deref(), Some("47"));
        assert_eq!(code("l'Ardèche ").as_deref(), Some("07"));
        assert_eq!(code("les collégiens finistériens "), None);
    }

    #[test]
    fn codes_in_parentheses_are_found_without_scanning_the_text() {
        let list = Territories::builtin();
        assert_eq!(list.code_in_parentheses("(31) et"), Some("31"));
        assert_eq!(list.code_in_parentheses("(971)"), Some("971"));
        assert_eq!(list.code_in_parentheses("(1234)"), None);
        assert_eq!(list.code_in_parentheses("(é)"), None);
        let long = format!("{}(31)", "(".repeat(100_000));
        assert_eq!(list.parenthesized_codes(&long).len(), 1);
    }

    #[test]
    fn an_extended_list_finds_its_own_codes_and_names_them_in_hints() {
        let mut places = departements::departements().to_vec();
        places.push(place("13055", "Marseille"));
        places.push(place("R84", "Auvergne-Rhône-Alpes"));
        let list = Territories::new(places, true, Map::Builtin);
        assert_eq!(list.code_in_parentheses("(13055)"), Some("13055"));
        assert_eq!(
            list.code_in_parentheses("(13056)"),
            Some("13056"),
            "shaped like a code"
        );
        assert_eq!(list.code_in_parentheses("(2015)"), None);
        assert_eq!(list.cited("à Marseille ", "13055"), Some("13055"));
        assert_eq!(list.cited("en Auvergne Rhône Alpes ", "R8"), Some("R84"));
        assert!(list.codes_hint().contains("`13055`, `R84`"));
        assert!(list.codes_hint().starts_with(CODES));
    }

    #[test]
    fn a_replaced_list_knows_only_its_codes() {
        let list = Territories::new(vec![place("R84", "Auvergne-Rhône-Alpes")], false, Map::None);
        assert!(list.by_code("31").is_none());
        assert_eq!(list.cited("la Haute-Garonne ", "31"), None);
        assert_eq!(list.codes_hint(), "those of `[territories]`: `R84`");
        assert_eq!(list.map_path(), None);
    }
}
