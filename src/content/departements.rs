//! The 101 départements, the Métropole de Lyon and the six collectivités
//! d'outre-mer (INSEE, Code officiel géographique, Licence Ouverte;
//! `departements.csv` beside this file): the built-in list of territories,
//! which `[territories]` extends or replaces (see [`super::territories`]),
//! and the shapes of its codes in the text (« (code) », « du code »).

use std::sync::OnceLock;

/// One territory of a list: a département of the built-in list, or one of
/// `[territories]` (see [`super::territories`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its code: an INSEE code for the built-in list (see [`CODES`]).
    pub code: String,
    /// Official name, e.g. `Haute-Garonne`.
    pub name: String,
    /// The name with its article, e.g. `la Haute-Garonne`.
    pub name_with_article: String,
}

/// The codes of the built-in list, as hints say them.
pub const CODES: &str = "`01`…`95` (with `2A` and `2B`, no `20`), `69M` (Métropole de Lyon), `971`…`978` and `986`…`988`";

/// The built-in list: the 101 départements (metropolitan and overseas), the
/// Métropole de Lyon (69M) and the collectivités d'outre-mer (975, 977,
/// 978, 986, 987, 988), in code order, from INSEE's list. It never changes;
/// a project's own list is a [`super::territories::Territories`].
pub fn departements() -> &'static [Place] {
    static LIST: OnceLock<Vec<Place>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("departements.csv")
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut columns = line.split(',');
                let code = columns.next()?;
                let name = columns.next()?;
                let name_with_article = columns.nth(2)?;
                Some(Place {
                    code: code.to_owned(),
                    name: name.to_owned(),
                    name_with_article: name_with_article.to_owned(),
                })
            })
            .collect()
    })
}

/// The département of the built-in list with this code.
pub fn by_code(code: &str) -> Option<&'static Place> {
    departements().iter().find(|d| d.code == code)
}

/// `01`…`99`, `2A`, `2B`, `69M`, `970`…`989`: the shapes of a territory's
/// code (whether the list has it or not).
pub fn looks_like_code(code: &str) -> bool {
    let digits = code.bytes().all(|b| b.is_ascii_digit());
    (code.len() == 2 && (digits || code == "2A" || code == "2B"))
        || code == "69M"
        || (code.len() == 3 && digits && (code.starts_with("97") || code.starts_with("98")))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shapes() {
        for code in ["01", "2A", "971", "988", "69M"] {
            assert!(looks_like_code(code));
        }
        for code in ["2020", "7", "A1", "123", "69X", "990"] {
            assert!(!looks_like_code(code));
        }
    }

    #[test]
    fn the_builtin_list_is_read_whole() {
        assert_eq!(departements().len(), 108);
        assert_eq!(
            by_code("69M").map(|d| d.name.as_str()),
            Some("Métropole de Lyon")
        );
    }
}
