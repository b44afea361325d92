//! The 101 départements, the Métropole de Lyon and the six collectivités
//! d'outre-mer (INSEE, Code officiel géographique, Licence Ouverte;
//! `departements.csv` beside this file) and how the text cites them:
//! « Name (code) », « (code) » alone, « du code » in callout labels.

use std::sync::OnceLock;

/// One département of the official list.
pub struct Departement {
    /// INSEE code: see [`CODES`].
    pub code: &'static str,
    /// Official name, e.g. `Haute-Garonne`.
    pub name: &'static str,
    /// The name with its article, e.g. `la Haute-Garonne`.
    pub name_with_article: &'static str,
}

/// The codes of the list, as hints say them.
pub const CODES: &str = "`01`…`95` (with `2A` and `2B`, no `20`), `69M` (Métropole de Lyon), `971`…`978` and `986`…`988`";

/// The 101 départements (metropolitan and overseas), the Métropole de Lyon
/// (69M) and the collectivités d'outre-mer (975, 977, 978, 986, 987, 988),
/// in code order, from INSEE's list.
pub fn departements() -> &'static [Departement] {
    static LIST: OnceLock<Vec<Departement>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("departements.csv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut columns = line.split(',');
                let code = columns.next()?;
                let name = columns.next()?;
                let name_with_article = columns.nth(2)?;
                Some(Departement {
                    code,
                    name,
                    name_with_article,
                })
            })
            .collect()
    })
}

/// The département with this code.
pub fn by_code(code: &str) -> Option<&'static Departement> {
    departements().iter().find(|d| d.code == code)
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

/// How many characters before a code are enough to hold the longest name
/// (« Alpes-de-Haute-Provence », 23) and the character before it.
const NAME_WINDOW: usize = 40;

/// The département whose name ends `before` at a word boundary (the longest
/// such name), whatever its hyphens, spaces and case.
pub fn named_before(before: &str) -> Option<&'static Departement> {
    let before = before.trim_end();
    // Only the end of the text can hold the name: comparing the whole text
    // before every citation would be quadratic in the text's length.
    let tail_start = before
        .char_indices()
        .rev()
        .nth(NAME_WINDOW)
        .map_or(0, |(i, _)| i);
    let before = comparable(before.get(tail_start..).unwrap_or(before));
    departements()
        .iter()
        .filter(|d| {
            let name = comparable(d.name);
            before.strip_suffix(name.as_str()).is_some_and(|head| {
                head.chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        })
        .max_by_key(|d| d.name.len())
}

/// Codes in parentheses: `(31)`, `(2A)`, `(971)`. Returns the byte range of
/// the whole `(…)` and the code.
pub fn parenthesized_codes(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    text.match_indices('(')
        .filter_map(|(start, _)| {
            let code = code_in_parentheses(text.get(start..)?)?;
            Some((start..start + code.len() + 2, code))
        })
        .collect()
}

/// The code of a `(31)` at the start of `text`, if one is there. Only the
/// few bytes a code can take are looked at.
pub fn code_in_parentheses(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('(')?;
    // A code is 2 or 3 ASCII characters, so `)` is among the first 4 bytes.
    let close = rest.bytes().take(4).position(|b| b == b')')?;
    let code = rest.get(..close)?;
    looks_like_code(code).then_some(code)
}

/// `01`…`99`, `2A`, `2B`, `69M`, `970`…`989`: the shapes of a territory's
/// code (whether the list has it or not).
pub fn looks_like_code(code: &str) -> bool {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    (code.len() == 2 && (digits || code == "2A" || code == "2B"))
        || code == "69M"
        || (code.len() == 3 && digits && (code.starts_with("97") || code.starts_with("98")))
}

/// The code under which a citation « …before (code) » is indexed: the
/// département the name designates when a name precedes the code (even if
/// the code is wrong), else the code itself when it exists.
pub fn cited(before: &str, code: &str) -> Option<&'static str> {
    named_before(before)
        .or_else(|| by_code(code))
        .map(|d| d.code)
}

/// The codes of « du 81 », « du 33 et du 93 » in a callout label.
pub fn du_codes(text: &str) -> Vec<&'static str> {
    text.match_indices("du ")
        .filter_map(|(start, _)| {
            let code = du_code(text, start)?;
            by_code(code).map(|d| d.code)
        })
        .collect()
}

/// The word after the « du » at byte `start` of `text` (« du » itself at a
/// word boundary), which may be a code: `81` in « Le + du 81 ». `start` is
/// where a match of `"du "` begins, so every slice is at a char boundary.
pub fn du_code(text: &str, start: usize) -> Option<&str> {
    let boundary = !text.get(..start)?.ends_with(char::is_alphanumeric);
    let rest = text.get(start + 3..)?;
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    boundary.then(|| rest.get(..len)).flatten()
}

/// A département the brochure cites, for the index and the map.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Cited {
    /// Its code.
    pub code: &'static str,
    /// Its name, e.g. `Haute-Garonne`.
    pub name: &'static str,
    /// Its name with its article, typeset: `la Haute-Garonne`, `l’Ardèche`.
    pub name_with_article: String,
    /// How many blocks (initiatives, callouts, introductions…) cite it.
    pub blocks: usize,
}

/// The départements cited by `units` (each the citations of one block), in
/// code order, with how many units cite each.
pub fn cited_in(units: &[Vec<String>]) -> Vec<Cited> {
    let mut counts: std::collections::BTreeMap<&'static str, usize> =
        std::collections::BTreeMap::new();
    for unit in units {
        let mut codes: Vec<&String> = unit.iter().collect();
        codes.sort();
        codes.dedup();
        for code in codes {
            if let Some(departement) = by_code(code) {
                *counts.entry(departement.code).or_default() += 1;
            }
        }
    }
    departements()
        .iter()
        .filter_map(|d| {
            counts.get(d.code).map(|&blocks| Cited {
                code: d.code,
                name: d.name,
                name_with_article: super::typography::french(d.name_with_article),
                blocks,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_101_departements_lyon_and_the_overseas_collectivities() {
        assert_eq!(departements().len(), 108);
        assert_eq!(by_code("2A").map(|d| d.name), Some("Corse-du-Sud"));
        assert!(by_code("20").is_none());
        for code in ["69M", "975", "977", "978", "986", "987", "988"] {
            assert!(by_code(code).is_some(), "{code}");
        }
        assert_eq!(
            named_before("en Nouvelle-Calédonie ").map(|d| d.code),
            Some("988")
        );
        assert_eq!(
            named_before("la Métropole de Lyon").map(|d| d.code),
            Some("69M")
        );
    }

    #[test]
    fn names_are_found_before_their_code_whatever_the_hyphens() {
        assert_eq!(
            named_before("en Haute Garonne ").map(|d| d.code),
            Some("31")
        );
        assert_eq!(
            named_before("la Loire-Atlantique ").map(|d| d.code),
            Some("44")
        );
        assert_eq!(
            named_before("le Lot-et-Garonne").map(|d| d.code),
            Some("47")
        );
        assert_eq!(named_before("l'Ardèche ").map(|d| d.code), Some("07"));
        assert_eq!(
            named_before("les collégiens finistériens ").map(|d| d.code),
            None
        );
    }

    #[test]
    fn codes_in_parentheses_are_found_without_scanning_the_text() {
        assert_eq!(code_in_parentheses("(31) et"), Some("31"));
        assert_eq!(code_in_parentheses("(2A)"), Some("2A"));
        assert_eq!(code_in_parentheses("(971)"), Some("971"));
        assert_eq!(code_in_parentheses("(1234)"), None);
        assert_eq!(code_in_parentheses("(é)"), None);
        let long = format!("{}(31)", "(".repeat(100_000));
        assert_eq!(parenthesized_codes(&long).len(), 1);
    }

    #[test]
    fn code_shapes() {
        for code in ["01", "2A", "971", "988", "69M"] {
            assert!(looks_like_code(code));
        }
        for code in ["2020", "7", "A1", "123", "69X", "990"] {
            assert!(!looks_like_code(code));
        }
    }
}
