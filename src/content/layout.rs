//! `[layout]` of `sources/bilan.toml`: the pagination rules, kept in one
//! place. `bilan` applies them after a first layout (see
//! [`crate::pagination`]) and the preflight checks the result against them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How the pages are fitted and what the preflight tolerates.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Layout {
    /// The page count is made a multiple of this number (4 for a stapled
    /// booklet printed on folded sheets; 1 for no constraint).
    pub pages_multiple: usize,
    /// Where chapter and part openers start: on `any` page, or always on a
    /// `recto` (right-hand, odd) page, with an empty page before when needed.
    pub openers: Openers,
    /// Balance the two columns of each chapter's last page.
    pub balance: bool,
    /// At most this many « Notes » pages (ruled, before the slogan page) may
    /// be added to reach the multiple.
    pub notes_pages: usize,
    /// The title printed on the « Notes » pages.
    pub notes_title: String,
    /// At most this many blank pages may be added, as a last resort, when
    /// the « Notes » pages are not enough (0: never).
    pub blank_pages: usize,
    /// The preflight flags a body column more empty than this share of its
    /// height (the last page of a chapter excepted).
    pub max_column_white: f64,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            pages_multiple: 4,
            openers: Openers::Any,
            balance: true,
            notes_pages: 3,
            notes_title: "Notes".to_owned(),
            blank_pages: 0,
            max_column_white: 0.25,
        }
    }
}

/// Where chapter and part openers start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Openers {
    /// On the next page, whichever side it is.
    Any,
    /// On the next right-hand (odd) page.
    Recto,
}
