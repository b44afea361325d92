//! Proof rounds: what changed between two versions of the brochure, unit
//! by unit (an édito paragraph, a title, an initiative, a callout, a
//! figure, the contact…), word by word, and on which pages of each version
//! it lands; and the pages whose words did not change but whose layout did.
//!
//! Units are matched by their words, not by their place: a unit with the
//! same words elsewhere has moved; one with most of its words is changed;
//! the others are added or removed.

pub mod against;
mod items;
mod pages;
pub mod proof;
pub mod words;

pub use items::{Item, Kind, Origin, items};
pub use pages::{layout_pages, place};

use std::collections::HashMap;

use words::Step;

/// Units of the same kind this alike (see [`words::likeness`]) are one unit
/// changed; less alike, one removed and one added.
const ALIKE: f64 = 0.5;

/// A unit of one version, and the page where it lands.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The unit.
    pub item: Item,
    /// Its page in that version, when found.
    pub page: Option<usize>,
}

/// What happened to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// Only in the new version.
    Added,
    /// Only in the old version.
    Removed,
    /// In both, with other words (or another family, another value).
    Changed,
    /// The same words, in another section or on another page.
    Moved,
}

impl What {
    /// The word the report uses.
    pub fn name(self) -> &'static str {
        match self {
            What::Added => "added",
            What::Removed => "removed",
            What::Changed => "changed",
            What::Moved => "moved",
        }
    }
}

/// One change between the versions.
#[derive(Debug, Clone)]
pub struct Change {
    /// What happened.
    pub what: What,
    /// The unit in the old version.
    pub old: Option<Placed>,
    /// The unit in the new version.
    pub new: Option<Placed>,
    /// Word by word, for a change.
    pub steps: Vec<Step>,
}

impl Change {
    /// The unit as the new version has it, else as the old one had it.
    pub fn unit(&self) -> &Placed {
        self.new
            .as_ref()
            .or(self.old.as_ref())
            .expect("a change has a unit in one version at least")
    }

    /// What the change did, in words: the words changed, the family or the
    /// section.
    pub fn description(&self) -> String {
        let mut parts = Vec::new();
        if let (Some(old), Some(new)) = (&self.old, &self.new) {
            let described = words::describe(&self.steps);
            if !described.is_empty() {
                parts.push(described);
            }
            if old.item.detail != new.item.detail {
                parts.push(format!(
                    "{} → {}",
                    old.item.detail.as_deref().unwrap_or("none"),
                    new.item.detail.as_deref().unwrap_or("none")
                ));
            }
            if old.item.context != new.item.context {
                parts.push(format!("from {} to {}", old.item.context, new.item.context));
            } else if old.page != new.page {
                parts.push(format!(
                    "from page {} to page {}",
                    page_name(old.page),
                    page_name(new.page)
                ));
            }
        }
        parts.join("; ")
    }
}

fn page_name(page: Option<usize>) -> String {
    page.map_or_else(|| "?".to_owned(), |p| p.to_string())
}

/// Every change from `old` to `new`, in the new version's reading order
/// (removed units where they stood).
pub fn compare(old: &[Placed], new: &[Placed]) -> Vec<Change> {
    let pairs = pair(old, new);
    let mut paired_old = vec![false; old.len()];
    let mut by_new: HashMap<usize, usize> = HashMap::new();
    for &(o, n) in &pairs {
        paired_old[o] = true;
        by_new.insert(n, o);
    }
    let mut unpaired = (0..old.len()).filter(|&o| !paired_old[o]).peekable();
    let mut changes = Vec::new();
    for (n, placed) in new.iter().enumerate() {
        match by_new.get(&n) {
            Some(&o) => {
                // The removed units that stood before this one.
                while let Some(gone) = unpaired.next_if(|&gone| gone < o) {
                    changes.push(removed(&old[gone]));
                }
                changes.extend(between(&old[o], placed));
            }
            None => changes.push(Change {
                what: What::Added,
                old: None,
                new: Some(placed.clone()),
                steps: Vec::new(),
            }),
        }
    }
    changes.extend(unpaired.map(|gone| removed(&old[gone])));
    changes
}

fn removed(placed: &Placed) -> Change {
    Change {
        what: What::Removed,
        old: Some(placed.clone()),
        new: None,
        steps: Vec::new(),
    }
}

/// The change between two paired units, if any.
fn between(old: &Placed, new: &Placed) -> Option<Change> {
    let steps = words::diff(&old.item.words(), &new.item.words());
    let reworded =
        steps.iter().any(|s| !matches!(s, Step::Same(_))) || old.item.detail != new.item.detail;
    let what = if reworded {
        What::Changed
    } else if old.item.context != new.item.context || old.page != new.page {
        What::Moved
    } else {
        return None;
    };
    Some(Change {
        what,
        old: Some(old.clone()),
        new: Some(new.clone()),
        steps,
    })
}

/// The units of both versions that are one: first those with the same
/// words (in order, the same kind), then the most alike of the rest.
fn pair(old: &[Placed], new: &[Placed]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut free_old = vec![true; old.len()];
    let mut free_new = vec![true; new.len()];
    // The same words: each new unit takes the first free old unit of its
    // kind with its words, the nearest in order first.
    let mut by_text: HashMap<(Kind, &[String]), Vec<usize>> = HashMap::new();
    for (o, placed) in old.iter().enumerate() {
        by_text
            .entry((placed.item.kind, placed.item.texts.as_slice()))
            .or_default()
            .push(o);
    }
    for (n, placed) in new.iter().enumerate() {
        let key = (placed.item.kind, placed.item.texts.as_slice());
        if let Some(candidates) = by_text.get_mut(&key)
            && let Some(at) = candidates.iter().position(|&o| free_old[o])
        {
            let o = candidates.remove(at);
            free_old[o] = false;
            free_new[n] = false;
            pairs.push((o, n));
        }
    }
    // The most alike of the rest, of the same kind, best first.
    let mut alike = Vec::new();
    for (n, placed) in new.iter().enumerate().filter(|(n, _)| free_new[*n]) {
        let new_words = placed.item.words();
        for (o, other) in old.iter().enumerate().filter(|(o, _)| free_old[*o]) {
            if other.item.kind != placed.item.kind {
                continue;
            }
            let score = words::likeness(&other.item.words(), &new_words);
            if score >= ALIKE {
                alike.push((score, o, n));
            }
        }
    }
    alike.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in alike {
        if free_old[o] && free_new[n] {
            free_old[o] = false;
            free_new[n] = false;
            pairs.push((o, n));
        }
    }
    pairs.sort_by_key(|&(_, n)| n);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(kind: Kind, text: &str, context: &str, page: usize) -> Placed {
        Placed {
            item: Item {
                kind,
                texts: vec![text.to_owned()],
                detail: None,
                context: context.to_owned(),
                block: None,
                origin: Origin {
                    file: "sources/a.toml".into(),
                    line: 1,
                    column: 1,
                },
            },
            page: Some(page),
        }
    }

    #[test]
    fn added_removed_changed_and_moved() {
        let old = [
            placed(Kind::Initiative, "une initiative qui reste", "I › 1.1", 5),
            placed(Kind::Initiative, "une initiative qui part", "I › 1.1", 5),
            placed(
                Kind::Initiative,
                "une initiative qui change un peu",
                "I › 1.1",
                6,
            ),
            placed(Kind::Callout, "un encadré qui bouge", "I › 1.1", 6),
        ];
        let new = [
            placed(Kind::Initiative, "une initiative qui reste", "I › 1.1", 5),
            placed(
                Kind::Initiative,
                "une initiative qui change beaucoup",
                "I › 1.1",
                6,
            ),
            placed(Kind::Initiative, "une toute nouvelle", "I › 1.1", 6),
            placed(Kind::Callout, "un encadré qui bouge", "I › 1.2", 7),
        ];
        let changes = compare(&old, &new);
        let kinds: Vec<What> = changes.iter().map(|c| c.what).collect();
        assert_eq!(
            kinds,
            [What::Removed, What::Changed, What::Added, What::Moved]
        );
        assert_eq!(changes[1].description(), "« un peu » → « beaucoup »");
        assert_eq!(changes[3].description(), "from I › 1.1 to I › 1.2");
    }

    #[test]
    fn the_same_words_on_another_page_moved_and_nothing_else() {
        let old = [placed(Kind::Figure, "42 choses", "I › 1.1", 5)];
        let new = [placed(Kind::Figure, "42 choses", "I › 1.1", 6)];
        let changes = compare(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].what, What::Moved);
        assert_eq!(changes[0].description(), "from page 5 to page 6");
        let same = compare(&old, &old);
        assert!(same.is_empty());
    }
}
