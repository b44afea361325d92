//! Fitting: after a first layout, let the callouts taller than a column
//! split, move the boxes that left a white hole, pull back the few lines a
//! chapter leaves alone on its last page, balance the two columns of each
//! chapter's last page, and bring the page count to the multiple that
//! `[layout]` asks for, with the means it allows. Each step is one more
//! (incremental) layout, checked on the pages it gives; a step that does
//! nothing costs nothing.

mod balance;
mod boxes;
mod index;
mod leaflet;
mod spacing;

pub use index::INDEX_HOLDS;
pub use leaflet::first_plan;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::content::LeafletRules;
use crate::content::model::Layout;
use crate::render::Typeset;
use crate::world::PageFit;

use super::{Layouts, Pages};

/// What the fitting did, for the one-line report of `bilan build`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// Pages after the first layout.
    pub pages_before: usize,
    /// Pages of the result.
    pub pages: usize,
    /// The page count's required multiple.
    pub multiple: usize,
    /// Callouts taller than a column, split across columns.
    pub split_callouts: usize,
    /// Callouts and figures floated to the top or foot of a column.
    pub floats: usize,
    /// Callouts and figures shown at the top of the right-hand column,
    /// anchored where they stand in the text.
    pub anchors: usize,
    /// The factor applied to the vertical gaps (1: as designed).
    pub spacing: f64,
    /// Chapters whose gaps were tightened to pull the few lines of their
    /// last page back onto the page before (indexes).
    pub pulled_tails: Vec<usize>,
    /// Gaps that share out the white of a column (one per gap).
    pub spread_columns: usize,
    /// Chapters whose last page was balanced (indexes).
    pub balanced: Vec<usize>,
    /// « Notes » pages added.
    pub notes_pages: usize,
    /// Blank pages added.
    pub blank_pages: usize,
    /// How densely the index sets its entries (0: as designed).
    #[serde(default)]
    pub index_density: usize,
    /// Whether the edition was set as a leaflet.
    #[serde(default)]
    pub leaflet: bool,
    /// What filled the leaflet, in words (see `leaflet::fill`).
    #[serde(default)]
    pub leaflet_means: Vec<String>,
}

impl FitReport {
    /// Whether the page count is the multiple asked for.
    pub fn fitted(&self) -> bool {
        self.multiple <= 1 || self.pages.is_multiple_of(self.multiple)
    }

    /// `leaflet` or `booklet`: how the edition was set.
    pub fn format(&self) -> &'static str {
        if self.leaflet { "leaflet" } else { "booklet" }
    }

    /// One line: the page count and what was adjusted to reach it.
    pub fn summary(&self) -> String {
        let mut done = Vec::new();
        if self.leaflet {
            done.push("set as a leaflet".to_owned());
            done.extend(self.leaflet_means.iter().cloned());
        }
        if self.index_density > 0 {
            done.push(format!(
                "the index's entries set denser (level {} of {}) to hold on their page",
                self.index_density,
                INDEX_HOLDS.len() - 1
            ));
        }
        if self.split_callouts > 0 {
            done.push(format!(
                "{} callout(s) taller than a column split",
                self.split_callouts
            ));
        }
        if self.floats > 0 {
            done.push(format!(
                "{} callout(s) or figure(s) floated to a column's top or foot",
                self.floats
            ));
        }
        if self.anchors > 0 {
            done.push(format!(
                "{} callout(s) or figure(s) moved to the top of the right-hand column, anchored in the text",
                self.anchors
            ));
        }
        if (self.spacing - 1.0).abs() > f64::EPSILON && self.spacing > 0.0 {
            done.push(format!(
                "vertical gaps {} to {:.0} %",
                if self.spacing < 1.0 {
                    "tightened"
                } else {
                    "loosened"
                },
                self.spacing * 100.0
            ));
        }
        if !self.pulled_tails.is_empty() {
            done.push(format!(
                "the gaps of {} chapter(s) tightened to pull the last lines of their last page back",
                self.pulled_tails.len()
            ));
        }
        if self.spread_columns > 0 {
            done.push(format!(
                "the white of some columns shared out between {} gap(s)",
                self.spread_columns
            ));
        }
        if !self.balanced.is_empty() {
            done.push(format!(
                "last page of {} chapter(s) balanced",
                self.balanced.len()
            ));
        }
        if self.notes_pages > 0 {
            done.push(format!("{} « Notes » page(s) added", self.notes_pages));
        }
        if self.blank_pages > 0 {
            done.push(format!("{} blank page(s) added", self.blank_pages));
        }
        let what = if done.is_empty() {
            "nothing adjusted".to_owned()
        } else {
            done.join(", ")
        };
        let fitted = if self.fitted() {
            format!("a multiple of {}", self.multiple)
        } else {
            format!("NOT a multiple of {}", self.multiple)
        };
        format!(
            "{} pages ({fitted}), {} laid out: {what}",
            self.pages, self.pages_before
        )
    }
}

/// The result of the fitting: the pages, the plan that gives them, and
/// what was done.
pub struct Fitted {
    /// The fitted pages.
    pub typeset: Typeset,
    /// The decisions that give them (the world holds them too).
    pub plan: PageFit,
    /// What the fitting did.
    pub report: FitReport,
    /// Whether the decisions were kept from an earlier fitting of the same
    /// inputs rather than made by this one.
    pub kept: bool,
}

/// Whether decisions kept from an earlier fitting hold on the pages they
/// give (`pages`): as many pages as `report` says, every anchored box beside
/// its room, every balancing room on its chapter's last page with no text
/// under it.
pub fn holds(pages: &Pages, report: &FitReport) -> bool {
    pages.count() == report.pages
        && boxes::misplaced_anchors(pages).is_empty()
        && pages
            .chapters()
            .iter()
            .all(|chapter| !balance::room_misplaced(pages, chapter))
}

/// Fits the pagination, starting from `first`, the layout made with
/// `first_plan(layout, leaflet)`; every later layout comes from `layouts`.
///
/// # Errors
/// The errors of a later layout (the layouts failing on what they are
/// given), or [`Error::Superseded`] when a newer edit arrived.
pub fn fit(
    layouts: &Layouts,
    first: (Typeset, Pages),
    layout: &Layout,
    leaflet: Option<&LeafletRules>,
) -> Result<Fitted, Error> {
    let mut plan = first_plan(layout, leaflet);
    let (mut typeset, mut pages) = first;
    let multiple = layout.pages_multiple.max(1);
    let mut report = FitReport {
        pages_before: pages.count(),
        multiple,
        ..FitReport::default()
    };
    if let Some(rules) = leaflet {
        leaflet::choose_format(layouts, rules, &mut plan, &mut typeset, &mut pages)?;
    }

    // 0. The index's entries set denser when they spill past their page.
    index::fit_index(layouts, &mut plan, &mut typeset, &mut pages)?;
    report.index_density = plan.index_density;

    // 1. Callouts taller than a column split; boxes that left a white
    //    hole move (in a leaflet, once it is filled: its fill moves them).
    let is_leaflet = plan.leaflet.is_some();
    if !is_leaflet {
        boxes::place(layouts, &mut plan, &mut typeset, &mut pages, layout)?;
    }
    if let Some(rules) = leaflet {
        leaflet::add_sommaire(
            layouts,
            rules,
            multiple,
            &mut plan,
            &mut typeset,
            &mut pages,
        )?;
        leaflet::drop_excerpt(layouts, multiple, &mut plan, &mut typeset, &mut pages)?;
    }

    // 2. The vertical gaps tightened (or loosened) within their bounds when
    //    that alone reaches the multiple.
    if !pages.count().is_multiple_of(multiple)
        && let Some(fitted) = spacing::fit_spacing(layouts, &plan, &pages, layout)?
    {
        (plan, typeset, pages) = fitted;
    }
    report.spacing = plan.spacing;

    // 3. A leaflet filled up to its page count (see `leaflet::fill`); a booklet's
    //    chapters whose last page holds only a few lines have their gaps
    //    tightened down to `min-spacing`.
    match leaflet {
        Some(rules) if is_leaflet => {
            leaflet::fill(layouts, rules, layout, &mut plan, &mut typeset, &mut pages)?;
            // The boxes stay where they are if moving one into a hole
            // would take a page off the count the fill reached.
            let (filled, count) = (plan.clone(), pages.count());
            boxes::place(layouts, &mut plan, &mut typeset, &mut pages, layout)?;
            if pages.count() < count {
                (typeset, pages) = layouts.lay_out(&filled)?;
                plan = filled;
            }
            leaflet::polish(layouts, rules, layout, &mut plan, &mut typeset, &mut pages)?;
        }
        _ => {
            report.pulled_tails =
                spacing::pull_back_tails(layouts, &mut plan, &mut typeset, &mut pages, layout)?;
        }
    }
    report.split_callouts = plan.split_callouts.len();
    report.floats = plan.floats.len();
    report.anchors = plan.anchors.len();

    // 4. The white of columns shared out, pages added for the count, and
    //    the chapters' last pages balanced.
    balance::finish(layouts, &mut plan, &mut typeset, &pages, layout)?;
    report.balanced = plan.balance.keys().copied().collect();
    report.spread_columns = plan.spread.len();
    report.notes_pages = plan.notes_pages;
    report.blank_pages = plan.blank_pages;
    report.pages = typeset.document.pages().len();
    report.leaflet = plan.leaflet.is_some();
    report.leaflet_means = plan.leaflet.as_ref().map_or_else(Vec::new, leaflet::means);
    Ok(Fitted {
        typeset,
        plan,
        report,
        kept: false,
    })
}

/// The first and last page of each chapter's body, by chapter index.
fn chapter_spans(pages: &Pages) -> BTreeMap<usize, (usize, usize)> {
    pages
        .chapters()
        .iter()
        .map(|c| (c.index, (c.first_page, c.end.page)))
        .collect()
}
