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
    /// Share the white that a callout or a key figure too tall for the room
    /// left at the foot of a column leaves there out between the gaps of
    /// that column (its blocks move apart; nothing changes column).
    pub spread: bool,
    /// Let every callout or key figure that does not fit where it stands
    /// float to the top or the foot of its column (or of the next one), so
    /// that it leaves no white hole. The text then reads around the box
    /// rather than before and after it: the order of the words in the PDF is
    /// no longer that of the sources. (Without it, only a callout followed
    /// by no more than the hole can hold, at the end of a chapter, floats.)
    pub floats: bool,
    /// The vertical gaps of the body (between paragraphs, blocks and
    /// headings) may be tightened down to this factor (e.g. 0.9): those of
    /// the whole brochure to lose the page or two over a multiple, and those
    /// of a chapter that leaves fewer than 6 lines alone on its last page, to
    /// pull them back onto the page before; 1 (the default) never tightens.
    /// Each try is one more layout.
    pub min_spacing: f64,
    /// …or loosened up to this factor (e.g. 1.1) to gain the page or two
    /// missing; 1 (the default) never loosens.
    pub max_spacing: f64,
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
            spread: true,
            floats: false,
            min_spacing: 1.0,
            max_spacing: 1.0,
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
