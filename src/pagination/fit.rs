//! Fitting: after a first layout, let the callouts taller than a column
//! split, balance the two columns of each chapter's last page, and bring the
//! page count to the multiple that `[layout]` asks for, with the means it
//! allows. Each step is one more (incremental) layout, checked on the pages
//! it gives; a step that does nothing costs nothing.

use std::collections::BTreeMap;

use crate::content::model::Layout;
use crate::diag::Diagnostic;
use crate::render::{self, Typeset};
use crate::world::{Balance, BilanWorld, BlockId, PageFit};

use super::marks::MarkKind;
use super::{ChapterSpan, EPSILON, Pages};

/// How many layouts may look for callouts and figures to float or split.
const FLOAT_TRIES: usize = 2;

/// How much of a column's white, in lines, is left at its foot when the
/// rest is shared out between its gaps (a safety margin: the white is
/// measured on the ink, the layout counts line boxes).
const SPREAD_MARGIN: f64 = 0.5;

/// The most extra space one gap may take, in lines: more would open a hole
/// in the middle of a column instead of at its foot.
const SPREAD_MAX: f64 = 2.0;

/// How many spacings are tried between 1 and the bound of `[layout]`.
const SPACING_STEPS: usize = 2;

/// How many layouts may try to balance the chapters (with less room each
/// time for those whose text a balance pushed to a new page).
const BALANCE_TRIES: usize = 3;

/// What the fitting did, for the one-line report of `bilan build`.
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// The factor applied to the vertical gaps (1: as designed).
    pub spacing: f64,
    /// Gaps that share out the white of a column (one per gap).
    pub spread_columns: usize,
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

/// Fits the pagination, starting from a first layout made with
/// `PageFit::new(layout)`. On return, the world holds the plan of the
/// returned layout.
///
/// # Errors
/// The errors of a later layout (the layouts failing on what they are given).
pub fn fit(
    world: &mut BilanWorld,
    first: Typeset,
    layout: &Layout,
) -> Result<(Typeset, FitReport), Vec<Diagnostic>> {
    let mut plan = PageFit::new(layout);
    let mut pages = Pages::read(&first.document);
    let mut typeset = first;
    let multiple = layout.pages_multiple.max(1);
    let mut report = FitReport {
        pages_before: pages.count(),
        multiple,
        ..FitReport::default()
    };

    // 1. Callouts taller than a column split. A callout that left a white
    //    hole floats to the next column when all that follows it in its
    //    chapter fits in that hole (the chapter ends sooner, and only those
    //    few lines read before the box); with `floats`, every callout and
    //    figure that left a hole floats.
    for _ in 0..FLOAT_TRIES {
        let tall: Vec<BlockId> = tall_callouts(&pages)
            .into_iter()
            .filter(|id| !plan.split_callouts.contains(id))
            .collect();
        let pitch = pages.line_pitch();
        let holes: Vec<BlockId> = hole_makers(&pages, pitch)
            .into_iter()
            .filter(|h| layout.floats || h.rest.is_some_and(|rest| rest <= h.hole - pitch))
            .map(|h| h.id)
            .filter(|id| !plan.floats.contains(id) && !plan.split_callouts.contains(id))
            .collect();
        if tall.is_empty() && holes.is_empty() {
            break;
        }
        plan.split_callouts.extend(tall);
        plan.floats.extend(holes);
        (typeset, pages) = lay_out(world, &plan)?;
    }
    report.split_callouts = plan.split_callouts.len();
    report.floats = plan.floats.len();

    // 2. The vertical gaps tightened (or loosened) within their bounds when
    //    that alone reaches the multiple.
    if !pages.count().is_multiple_of(multiple) {
        let count = pages.count();
        for spacing in spacings(layout, count % multiple, multiple) {
            let mut trial = plan.clone();
            trial.spacing = spacing;
            let (candidate, landed) = lay_out(world, &trial)?;
            if landed.count().is_multiple_of(multiple) {
                (plan, typeset, pages) = (trial, candidate, landed);
                break;
            }
        }
        world.set_fit(&plan).map_err(|d| vec![d])?;
    }
    report.spacing = plan.spacing;

    // 3. In one layout: the white at the foot of columns shared out between
    //    their gaps, « Notes » pages then blank pages where allowed for what
    //    is still missing, and the chapters' last pages balanced. Kept only
    //    if no chapter grows by a page; a balance that pushed text to a new
    //    page is retried with less room, then dropped.
    let laid_out = pages.count();
    let missing = (multiple - laid_out % multiple) % multiple;
    plan.notes_pages = missing.min(layout.notes_pages);
    plan.blank_pages = (missing - plan.notes_pages).min(layout.blank_pages);
    let added = plan.notes_pages + plan.blank_pages;
    let pitch = pages.line_pitch();
    let mut spread = if layout.spread {
        spread_points(&pages, pitch)
    } else {
        BTreeMap::new()
    };
    let mut wanted: BTreeMap<usize, Balance> = if layout.balance {
        pages
            .chapters()
            .iter()
            .filter_map(|chapter| Some((chapter.index, room(&pages, chapter, pitch)?)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let lengths = chapter_lengths(&pages);
    let mut fitted = false;
    for _ in 0..BALANCE_TRIES {
        if wanted.is_empty() && spread.is_empty() && added == 0 {
            break;
        }
        plan.spread.clone_from(&spread);
        plan.balance.clone_from(&wanted);
        let (candidate, landed) = lay_out(world, &plan)?;
        let landed_lengths = chapter_lengths(&landed);
        let grown: Vec<usize> = lengths
            .iter()
            .filter(|(index, length)| landed_lengths.get(index) != Some(length))
            .map(|(&index, _)| index)
            .collect();
        if grown.is_empty() && landed.count() == laid_out + added {
            fitted = true;
            typeset = candidate;
            break;
        }
        for index in grown {
            match wanted.get_mut(&index) {
                // Less room for a balance that pushed text to a new page;
                // dropped when too little is left to matter.
                Some(balance) => {
                    balance.reserve -= 2.0 * pitch;
                    if balance.reserve <= pitch {
                        wanted.remove(&index);
                    }
                }
                // Text moved with no balance asked for: the spreading did it.
                None => spread.clear(),
            }
        }
    }
    if !fitted {
        plan.balance.clear();
        plan.spread.clear();
        if added > 0 {
            (typeset, _) = lay_out(world, &plan)?;
        } else {
            world.set_fit(&plan).map_err(|d| vec![d])?;
        }
    }
    report.balanced = plan.balance.keys().copied().collect();
    report.spread_columns = plan.spread.len();
    report.notes_pages = plan.notes_pages;
    report.blank_pages = plan.blank_pages;
    report.pages = typeset.document.pages().len();
    Ok((typeset, report))
}

/// Lays the brochure out with this plan.
fn lay_out(world: &mut BilanWorld, plan: &PageFit) -> Result<(Typeset, Pages), Vec<Diagnostic>> {
    world.set_fit(plan).map_err(|d| vec![d])?;
    let typeset = render::compile(world)?;
    let pages = Pages::read(&typeset.document);
    Ok((typeset, pages))
}

/// The spacings to try, nearest first, to lose the `surplus` pages over a
/// multiple (tighter) or gain the pages that are missing to the next one
/// (looser), whichever is fewer, within `[layout]`'s bounds.
fn spacings(layout: &Layout, surplus: usize, multiple: usize) -> Vec<f64> {
    let (bound, sign) = if surplus <= multiple - surplus {
        (layout.min_spacing, -1.0)
    } else {
        (layout.max_spacing, 1.0)
    };
    if (bound - 1.0).abs() < f64::EPSILON {
        return Vec::new();
    }
    (1..=SPACING_STEPS)
        .map(|step| 1.0 + sign * (bound - 1.0).abs() * step as f64 / SPACING_STEPS as f64)
        .collect()
}

/// The callouts whose box runs past the foot of its column: taller than a
/// column, they must split.
fn tall_callouts(pages: &Pages) -> Vec<BlockId> {
    pages
        .marks
        .iter()
        .filter_map(|mark| match mark.kind {
            MarkKind::CalloutEnd(id) => {
                let columns = pages.columns(mark.page)?;
                (mark.y > columns[0].bottom + EPSILON).then_some(id)
            }
            _ => None,
        })
        .collect()
}

/// A callout or figure that did not fit where it stands and left a white
/// hole at the foot of the column before it.
struct HoleMaker {
    id: BlockId,
    /// The white it left, in points.
    hole: f64,
    /// The height of what follows it to the end of its chapter, in points
    /// (`None` when unknown: a figure, or a box whose end is not found).
    rest: Option<f64>,
}

/// The callouts and figures that did not fit where they stand and left a
/// white hole: each is the first thing of a column that follows a column
/// with more than two empty lines at its foot.
fn hole_makers(pages: &Pages, pitch: f64) -> Vec<HoleMaker> {
    let mut found = Vec::new();
    for chapter in pages.chapters() {
        let end_side = pages.column_at(chapter.end.page, chapter.end.x);
        for page in chapter.first_page..=chapter.end.page {
            let Some(columns) = pages.columns(page) else {
                continue;
            };
            for (side, column) in columns.into_iter().enumerate() {
                let next = if side == 0 { (page, 1) } else { (page + 1, 0) };
                let hole = column.bottom - pages.filled_to(page, column);
                if next > (chapter.end.page, end_side) || hole < 2.0 * pitch {
                    continue;
                }
                let first = pages
                    .marks
                    .iter()
                    .filter(|m| {
                        (m.page, pages.column_at(m.page, m.x)) == next
                            && matches!(
                                m.kind,
                                MarkKind::ParStart
                                    | MarkKind::TitleEnd
                                    | MarkKind::Figure(_)
                                    | MarkKind::CalloutStart(_)
                            )
                    })
                    .min_by(|a, b| a.y.total_cmp(&b.y));
                if let Some(mark) = first
                    && let MarkKind::Figure(id) | MarkKind::CalloutStart(id) = mark.kind
                {
                    found.push(HoleMaker {
                        id,
                        hole,
                        rest: rest_after(pages, &chapter, id, (next.0, next.1, end_side)),
                    });
                }
            }
        }
    }
    found
}

/// The height of what follows the callout `id` (which starts at the top of
/// column `(page, side)`) to the end of its chapter, ending in `end_side` of
/// the chapter's last page.
fn rest_after(
    pages: &Pages,
    chapter: &ChapterSpan,
    id: BlockId,
    (page, side, end_side): (usize, usize, usize),
) -> Option<f64> {
    let end = pages
        .marks
        .iter()
        .find(|m| m.kind == MarkKind::CalloutEnd(id))?;
    if (end.page, pages.column_at(end.page, end.x)) != (page, side) {
        return None;
    }
    let column = pages.columns(page)?[side];
    let mut rest = pages.filled_to(page, column) - end.y;
    let (mut p, mut s) = (page, side);
    loop {
        (p, s) = if s == 0 { (p, 1) } else { (p + 1, 0) };
        if (p, s) > (chapter.end.page, end_side) {
            break;
        }
        let column = pages.columns(p)?[s];
        rest += pages.filled_to(p, column) - pages.shared_top(p, pages.columns(p)?);
    }
    Some(rest.max(0.0))
}

/// How many pages each chapter's body takes, by chapter index (a chapter
/// that grows shifts the ones after it, which do not grow for that).
fn chapter_lengths(pages: &Pages) -> BTreeMap<usize, usize> {
    pages
        .chapters()
        .iter()
        .map(|c| (c.index, c.end.page.saturating_sub(c.first_page)))
        .collect()
}

/// Where to share out the white of each column that ends more than a line
/// short (the last page of a chapter excepted, which is balanced instead),
/// and how much: the white, less a margin, in equal parts before each block
/// that starts in that column, except its first block and a section's first
/// block (which stays with its heading), at most [`SPREAD_MAX`] lines a gap.
fn spread_points(pages: &Pages, pitch: f64) -> BTreeMap<BlockId, f64> {
    let mut points = BTreeMap::new();
    for chapter in pages.chapters() {
        for page in chapter.first_page..chapter.end.page {
            let Some(columns) = pages.columns(page) else {
                continue;
            };
            for (side, column) in columns.into_iter().enumerate() {
                let filled = pages.filled_to(page, column);
                let white = column.bottom - filled;
                if white < pitch {
                    continue;
                }
                let mut starts: Vec<(f64, BlockId)> = pages
                    .marks
                    .iter()
                    .filter_map(|m| match m.kind {
                        MarkKind::Block(id)
                            if m.page == page
                                && pages.column_at(page, m.x) == side
                                && m.y < filled - pitch =>
                        {
                            Some((m.y, id))
                        }
                        _ => None,
                    })
                    .collect();
                starts.sort_by(|a, b| a.0.total_cmp(&b.0));
                let gaps: Vec<BlockId> = starts
                    .iter()
                    .skip(1)
                    .map(|&(_, id)| id)
                    .filter(|id| id.block.is_some_and(|block| block > 0))
                    .collect();
                if gaps.is_empty() {
                    continue;
                }
                let each =
                    ((white - SPREAD_MARGIN * pitch) / gaps.len() as f64).min(SPREAD_MAX * pitch);
                if each > 0.0 {
                    points.extend(gaps.into_iter().map(|id| (id, each)));
                }
            }
        }
    }
    points
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
    // A right column fuller than the left one holds a block too tall to
    // share (a callout that moved there whole): nothing to balance.
    if filled[1] > filled[0] {
        return None;
    }
    // Half the lines in each column, and a line and a half more room: a
    // paragraph breaks only where its widows and orphans allow.
    let target = (filled[0].max(0.0) + filled[1].max(0.0)) / 2.0 + 1.5 * pitch;
    if filled[0] - target < pitch {
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
