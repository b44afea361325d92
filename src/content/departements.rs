//! The 101 départements (INSEE, Code officiel géographique, Licence Ouverte;
//! `departements.csv` beside this file) and how the text cites them:
//! « Name (code) », « (code) » alone, « du code » in callout labels.

use std::sync::OnceLock;

/// One département of the official list.
pub struct Departement {
    /// INSEE code: `01`…`95`, `2A`, `2B`, `971`…`976`.
    pub code: &'static str,
    /// Official name, e.g. `Haute-Garonne`.
    pub name: &'static str,
    /// The name with its article, e.g. `la Haute-Garonne`.
    pub name_with_article: &'static str,
}

/// The 101 départements (metropolitan and overseas), from INSEE's list.
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

/// A name as compared: lower case, hyphens and apostrophes as spaces.
fn comparable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '-' | '\'' | '’' => ' ',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// The département whose name ends `before` at a word boundary (the longest
/// such name), whatever its hyphens and case.
pub fn named_before(before: &str) -> Option<&'static Departement> {
    let before = comparable(before.trim_end());
    departements()
        .iter()
        .filter(|d| {
            let name = comparable(d.name);
            before.ends_with(&name)
                && before[..before.len() - name.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .max_by_key(|d| d.name.len())
}

/// Codes in parentheses: `(31)`, `(2A)`, `(971)`. Returns the byte range of
/// the whole `(…)` and the code.
pub fn parenthesized_codes(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices('(') {
        let Some(len) = text[start + 1..].find(')') else {
            continue;
        };
        let code = &text[start + 1..start + 1 + len];
        if looks_like_code(code) {
            found.push((start..start + len + 2, code));
        }
    }
    found
}

/// `01`…`95`, `2A`, `2B`, `971`…`979`: the shapes of a département code.
pub fn looks_like_code(code: &str) -> bool {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    (code.len() == 2 && (digits || code == "2A" || code == "2B"))
        || (code.len() == 3 && digits && code.starts_with("97"))
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
        .filter(|(start, _)| *start == 0 || !text[..*start].ends_with(char::is_alphanumeric))
        .filter_map(|(start, _)| {
            let code: String = text[start + 3..]
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            by_code(&code).map(|d| d.code)
        })
        .collect()
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
    fn the_list_has_101_departements() {
        assert_eq!(departements().len(), 101);
        assert_eq!(by_code("2A").map(|d| d.name), Some("Corse-du-Sud"));
        assert!(by_code("20").is_none());
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
    fn code_shapes() {
        for code in ["01", "2A", "971"] {
            assert!(looks_like_code(code));
        }
        for code in ["2020", "7", "A1", "123"] {
            assert!(!looks_like_code(code));
        }
    }
}
