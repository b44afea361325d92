//! Fitting: after a first layout, balance the two columns of each
//! chapter's last page, then bring the page count to the multiple that
//! `[layout]` asks for, with the means it allows. Each step is one more
//! (incremental) layout; each is checked on the pages it gives.

use std::collections::BTreeMap;

use crate::content::model::Layout;
use crate::diag::Diagnostic;
use crate::render::{self, Typeset};
use crate::world::{Balance, BilanWorld, PageFit};

use super::marks::MarkKind;
use super::{ChapterSpan, Pages};

/// How many times a chapter's balance is tried with less room before it is
/// given up.
const BALANCE_TRIES: usize = 3;

/// What the fitting did, for the one-line report of `bilan build`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FitReport {
    /// Pages after the first layout.
    pub pages_before: usize,
    /// Pages of the result.
    pub pages: usize,
    /// The page count's required multiple.
    pub multiple: usize,
    /// Chapters whose last page was balanced (indexes).
    pub balanced: Vec<usize>,
    /// « Notes » pages added.
    pub notes_pages: usize,
    /// Blank pages added.
    pub blank_pages: usize,
}

impl FitReport {
    /// Whether the page count is the multiple asked for.
    pub fn fitted(&self) -> bool {
        self.multiple <= 1 || self.pages.is_multiple_of(self.multiple)
    }

    /// One line: the page count and what was adjusted to reach it.
    pub fn summary(&self) -> String {
        let mut done = Vec::new();
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
        format!(
            "{} pages (a multiple of {}: {}) from {} laid out: {what}",
            self.pages,
            self.multiple,
            if self.fitted() { "yes" } else { "no" },
            self.pages_before
        )
    }
}

/// Balances the chapters' last pages and fits the page count, starting from
/// a first layout made with `PageFit::new(layout)`.
///
/// # Errors
/// The errors of a later layout (the layouts failing on what they are given).
pub fn fit(
    world: &mut BilanWorld,
    first: Typeset,
    layout: &Layout,
) -> Result<(Typeset, FitReport), Vec<Diagnostic>> {
    let mut plan = PageFit::new(layout);
    let mut report = FitReport {
        pages_before: first.document.pages().len(),
        multiple: layout.pages_multiple.max(1),
        ..FitReport::default()
    };
    let mut typeset = first;
    if layout.balance {
        typeset = balance(world, typeset, &mut plan, &mut report)?;
    }
    let pages = typeset.document.pages().len();
    let missing = (report.multiple - pages % report.multiple) % report.multiple;
    plan.notes_pages = missing.min(layout.notes_pages);
    plan.blank_pages = (missing - plan.notes_pages).min(layout.blank_pages);
    if plan.notes_pages + plan.blank_pages > 0 {
        world.set_fit(&plan);
        typeset = render::compile(world)?;
    }
    report.notes_pages = plan.notes_pages;
    report.blank_pages = plan.blank_pages;
    report.pages = typeset.document.pages().len();
    Ok((typeset, report))
}

/// Asks for the room that balances each chapter's last page, lays out
/// again, and keeps only the balances that did not push text to a new page
/// (retrying those with less room).
fn balance(
    world: &mut BilanWorld,
    first: Typeset,
    plan: &mut PageFit,
    report: &mut FitReport,
) -> Result<Typeset, Vec<Diagnostic>> {
    let pages = Pages::read(&first.document);
    let pitch = pages.line_pitch();
    let wanted: BTreeMap<usize, (Balance, usize)> = pages
        .chapters()
        .iter()
        .filter_map(|chapter| {
            let balance = room(&pages, chapter, pitch)?;
            Some((chapter.index, (balance, chapter.end.page)))
        })
        .collect();
    let mut trying: BTreeMap<usize, Balance> = wanted.iter().map(|(&i, &(b, _))| (i, b)).collect();
    for _ in 0..BALANCE_TRIES {
        if trying.is_empty() {
            break;
        }
        plan.balance = trying.clone();
        world.set_fit(plan);
        let candidate = render::compile(world)?;
        let landed = Pages::read(&candidate.document);
        let ends: BTreeMap<usize, usize> = landed
            .chapters()
            .iter()
            .map(|c| (c.index, c.end.page))
            .collect();
        let overflowed: Vec<usize> = trying
            .keys()
            .copied()
            .filter(|i| ends.get(i) != wanted.get(i).map(|(_, page)| page))
            .collect();
        if overflowed.is_empty() && landed.count() == pages.count() {
            report.balanced = trying.keys().copied().collect();
            return Ok(candidate);
        }
        for index in overflowed {
            if let Some(balance) = trying.get_mut(&index) {
                balance.reserve -= 2.0 * pitch;
                if balance.reserve <= pitch {
                    trying.remove(&index);
                }
            }
        }
    }
    // No balance held: the first layout stands.
    plan.balance.clear();
    world.set_fit(plan);
    Ok(first)
}

/// The room to reserve at the foot of a chapter's last page so that its
/// columns end at the same height, if they are not balanced already.
fn room(pages: &Pages, chapter: &ChapterSpan, pitch: f64) -> Option<Balance> {
    let page = chapter.end.page;
    let columns = pages.columns(page)?;
    let top = pages.shared_top(page, columns);
    let [left, right] = columns;
    let filled = [
        pages.filled_to(page, left) - top,
        pages.filled_to(page, right) - top,
    ];
    let target = (filled[0].max(0.0) + filled[1].max(0.0)) / 2.0 + pitch / 2.0;
    if filled[0].max(filled[1]) - target < pitch {
        return None;
    }
    let before = pages.marks.iter().find_map(|m| match m.kind {
        MarkKind::Block(id) if m.page == page && id.chapter == chapter.index => Some(id),
        _ => None,
    })?;
    Some(Balance {
        before,
        reserve: left.bottom - top - target,
    })
}
