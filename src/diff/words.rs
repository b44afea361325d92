//! Word by word: what a change did to a unit's words.

use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One step of a word diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Words both have.
    Same(usize),
    /// Words of the new version only.
    Inserted {
        /// Where they start among the new version's words.
        at: usize,
        /// The words.
        words: Vec<String>,
    },
    /// Words of the old version only.
    Deleted {
        /// The new version's word they stood before.
        before: usize,
        /// The words.
        words: Vec<String>,
    },
    /// Old words replaced by new ones.
    Replaced {
        /// Where the new words start among the new version's words.
        at: usize,
        /// The old words.
        old: Vec<String>,
        /// The new words.
        new: Vec<String>,
    },
}

/// The steps from `old` to `new`, word by word.
pub fn diff(old: &[&str], new: &[&str]) -> Vec<Step> {
    let owned = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
    capture_diff_slices(Algorithm::Myers, old, new)
        .into_iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => Step::Same(len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => Step::Inserted {
                at: new_index,
                words: owned(&new[new_index..new_index + new_len]),
            },
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => Step::Deleted {
                before: new_index,
                words: owned(&old[old_index..old_index + old_len]),
            },
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => Step::Replaced {
                at: new_index,
                old: owned(&old[old_index..old_index + old_len]),
                new: owned(&new[new_index..new_index + new_len]),
            },
        })
        .collect()
}

/// How alike two lists of words are, from 0 (nothing shared) to 1 (the
/// same): twice the words they share in order over their total.
pub fn likeness(old: &[&str], new: &[&str]) -> f64 {
    let total = old.len() + new.len();
    if total == 0 {
        return 1.0;
    }
    let shared: usize = diff(old, new)
        .iter()
        .map(|step| match step {
            Step::Same(n) => *n,
            _ => 0,
        })
        .sum();
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let ratio = 2.0 * shared as f64 / total as f64;
    ratio
}

/// The steps as a reader reads them: `« old » → « new »`, `+ « new »`,
/// `− « old »`, separated by `; `.
pub fn describe(steps: &[Step]) -> String {
    let quote = |words: &[String]| format!("« {} »", words.join(" "));
    steps
        .iter()
        .filter_map(|step| match step {
            Step::Same(_) => None,
            Step::Inserted { words, .. } => Some(format!("+ {}", quote(words))),
            Step::Deleted { words, .. } => Some(format!("− {}", quote(words))),
            Step::Replaced { old, new, .. } => Some(format!("{} → {}", quote(old), quote(new))),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn a_word_replaced_inserted_and_deleted() {
        let steps = diff(
            &words("une opération innovante en matière de déchets"),
            &words("une opération remarquable en matière de tous les déchets"),
        );
        assert_eq!(
            describe(&steps),
            "« innovante » → « remarquable »; + « tous les »"
        );
        assert!(steps.contains(&Step::Inserted {
            at: 6,
            words: vec!["tous".into(), "les".into()]
        }));
        let steps = diff(&words("a b c d"), &words("a d"));
        assert_eq!(
            steps,
            vec![
                Step::Same(1),
                Step::Deleted {
                    before: 1,
                    words: vec!["b".into(), "c".into()]
                },
                Step::Same(1)
            ]
        );
    }

    #[test]
    fn likeness_runs_from_nothing_shared_to_the_same() {
        assert!((likeness(&words("a b c"), &words("a b c")) - 1.0).abs() < 1e-9);
        assert!(likeness(&words("a b c"), &words("x y z")).abs() < 1e-9);
        assert!((likeness(&words("a b c d"), &words("a b x d")) - 0.75).abs() < 1e-9);
    }
}
