//! Fitting: after a first layout, let the callouts taller than a column
//! split, move the boxes that left a white hole, pull back the few lines a
//! chapter leaves alone on its last page, balance the two columns of each
//! chapter's last page, and bring the page count to the multiple that
//! `[layout]` asks for, with the means it allows. Each step is one more
//! (incremental) layout, checked on the pages it gives; a step that does
//! nothing costs nothing.

use std::collections::BTreeMap;

use crate::content::model::Layout;
use crate::diag::Diagnostic;
use crate::render::{self, Typeset};
use crate::world::{Balance, BilanWorld, BlockId, PageFit, Spread};

use super::marks::MarkKind;
use super::{ChapterSpan, EPSILON, InkCache, MIN_TAIL_LINES, Pages};

/// How many layouts may look for callouts and figures to float or split
/// (each moves every box that left a hole; a move can open a hole further
/// on, which the next layout sees).
const FLOAT_TRIES: usize = 2;

/// How much of a column's white, in lines, is left at its foot when the
/// rest is shared out between its gaps (a safety margin: the white is
/// measured on the ink, the layout counts line boxes).
const SPREAD_MARGIN: f64 = 0.5;

/// The most extra space one gap between blocks may take, in lines: more
/// would open a hole in the middle of a column instead of at its foot.
const SPREAD_MAX: f64 = 2.0;

/// The most extra space one gap between the paragraphs of an initiative or
/// of a section's introduction may take, in lines: they read as one text.
const SPREAD_PARAGRAPH_MAX: f64 = 1.0;

/// How many spacings are tried between 1 and the bound of `[layout]`.
const SPACING_STEPS: usize = 2;

/// The least room, in lines, a balance that pushed text to a new page must
/// have to be tried again with two lines less (a smaller one is dropped: a
/// page that full gains little from balancing, and a layout costs time).
const SHRINK_FROM: f64 = 8.0;

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

/// Fits the pagination, starting from a first layout made with
/// `PageFit::new(layout)`. On return, the world holds the plan of the
/// returned layout. `inks` keeps what was read of the pages, for the pages
/// that later layouts (and later builds) leave as they were.
///
/// # Errors
/// The errors of a later layout (the layouts failing on what they are given).
pub fn fit(
    world: &mut BilanWorld,
    inks: &mut InkCache,
    first: Typeset,
    layout: &Layout,
) -> Result<(Typeset, FitReport), Vec<Diagnostic>> {
    let mut plan = PageFit::new(layout);
    let mut pages = Pages::read(&first.document, inks);
    let layouter = &mut Layouter { world, inks };
    let mut typeset = first;
    let multiple = layout.pages_multiple.max(1);
    let mut report = FitReport {
        pages_before: pages.count(),
        multiple,
        ..FitReport::default()
    };

    // 1. Callouts taller than a column split. A callout or figure that
    //    left a white hole at the foot of a left-hand column is shown at the
    //    top of the right-hand one, anchored where it stands in the text
    //    (which reads on in the left-hand column). One that left a hole at
    //    the foot of a right-hand column floats to the next column when all
    //    that follows it in its chapter fits in that hole (the chapter ends
    //    sooner), or when the hole is more than `max-column-white` of the
    //    column (what the preflight flags): the lines that fill the hole
    //    then read before the box in the PDF's text (not in its tag tree);
    //    with `floats`, every one floats. Every box that left a hole moves in
    //    the same layout (a move changes the rest of its chapter: the next
    //    layout sees the holes that opened further on). An anchored box
    //    whose room did not land beside it (its chapter moved under it) is
    //    dropped.
    let mut dropped = Vec::new();
    let mut tries = 0;
    loop {
        let misplaced = misplaced_anchors(&pages);
        plan.anchors.retain(|id| !misplaced.contains(id));
        dropped.extend(misplaced.iter().copied());
        let explore = tries < FLOAT_TRIES;
        let tall: Vec<BlockId> = if explore {
            tall_callouts(&pages)
                .into_iter()
                .filter(|id| !plan.split_callouts.contains(id))
                .collect()
        } else {
            Vec::new()
        };
        let mut moved = 0;
        if explore {
            let pitch = pages.line_pitch();
            for hole in hole_makers(&pages, pitch) {
                let id = hole.id;
                let planned = [&plan.floats, &plan.anchors, &plan.split_callouts, &dropped]
                    .iter()
                    .any(|ids| ids.contains(&id));
                let fits = layout.floats
                    || hole.hole > layout.max_column_white * hole.column
                    || hole.rest.is_some_and(|rest| rest <= hole.hole - pitch);
                let anchor = hole.left && !hole.last_page;
                // A box that ends its chapter leaves nothing to fill the
                // hole: moved, it would only stand apart from the text.
                let ends_chapter = hole.rest.is_some_and(|rest| rest < pitch);
                if planned || ends_chapter || !(anchor || fits) {
                    continue;
                }
                moved += 1;
                if hole.left {
                    plan.anchors.push(id);
                } else {
                    plan.floats.push(id);
                }
            }
        }
        if tall.is_empty() && moved == 0 && misplaced.is_empty() {
            break;
        }
        plan.split_callouts.extend(tall);
        tries += 1;
        (typeset, pages) = layouter.lay_out(&plan)?;
    }
    report.split_callouts = plan.split_callouts.len();
    report.floats = plan.floats.len();
    report.anchors = plan.anchors.len();

    // 2. The vertical gaps tightened (or loosened) within their bounds when
    //    that alone reaches the multiple.
    if !pages.count().is_multiple_of(multiple) {
        if let Some(fitted) = fit_spacing(layouter, &plan, &pages, layout)? {
            (plan, typeset, pages) = fitted;
        }
        layouter.set_fit(&plan)?;
    }
    report.spacing = plan.spacing;

    // 3. The chapters whose last page holds only a few lines have their
    //    gaps tightened down to `min-spacing`.
    report.pulled_tails = pull_back_tails(layouter, &mut plan, &mut typeset, &mut pages, layout)?;

    // 4. In one layout: the white at the foot of columns shared out between
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
        Spread::default()
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
    let spans = chapter_spans(&pages);
    let mut fitted = false;
    let mut failing = Vec::new();
    // How many times the balance of each chapter was made smaller.
    let mut shrunk = BTreeMap::<usize, usize>::new();
    for _ in 0..BALANCE_TRIES {
        if wanted.is_empty() && spread.is_empty() && added == 0 {
            break;
        }
        plan.spread.clone_from(&spread);
        plan.balance.clone_from(&wanted);
        let (candidate, landed) = layouter.lay_out(&plan)?;
        let (grown, misplaced) = moved_chapters(&spans, &landed);
        if grown.is_empty() && misplaced.is_empty() && landed.count() == laid_out + added {
            fitted = true;
            typeset = candidate;
            break;
        }
        // Each chapter apart (the others keep theirs): a balance that moved
        // an anchored box away from its room is dropped; one that pushed
        // text to a new page gets less room, then is dropped; without a
        // balance, the spreading did it.
        for &index in &misplaced {
            if wanted.remove(&index).is_none() {
                spread.drop_chapter(index);
            }
        }
        for &index in grown.iter().filter(|index| !misplaced.contains(index)) {
            let tries = shrunk.entry(index).or_insert(0);
            *tries += 1;
            match wanted.get_mut(&index) {
                Some(balance) if *tries == 1 && balance.reserve > SHRINK_FROM * pitch => {
                    balance.reserve -= 2.0 * pitch;
                }
                Some(_) => {
                    wanted.remove(&index);
                }
                None => spread.drop_chapter(index),
            }
        }
        failing = grown.into_iter().chain(misplaced).collect();
    }
    if !fitted && !failing.is_empty() {
        // The chapters that still moved lose their balance and spreading;
        // the others keep what was checked.
        for index in &failing {
            plan.balance.remove(index);
            plan.spread.drop_chapter(*index);
        }
        let (candidate, landed) = layouter.lay_out(&plan)?;
        let (grown, misplaced) = moved_chapters(&spans, &landed);
        if grown.is_empty() && misplaced.is_empty() && landed.count() == laid_out + added {
            fitted = true;
            typeset = candidate;
        }
    }
    if !fitted {
        plan.balance.clear();
        plan.spread = Spread::default();
        if added > 0 {
            (typeset, _) = layouter.lay_out(&plan)?;
        } else {
            layouter.set_fit(&plan)?;
        }
    }
    report.balanced = plan.balance.keys().copied().collect();
    report.spread_columns = plan.spread.len();
    report.notes_pages = plan.notes_pages;
    report.blank_pages = plan.blank_pages;
    report.pages = typeset.document.pages().len();
    Ok((typeset, report))
}

/// The layout with the nearest spacing, within the bounds of `[layout]`,
/// that brings the page count of `pages` to the multiple with every
/// anchored box in its room, if one does. The bound is laid out first: when
/// even it misses the multiple, a nearer spacing would too, and none is
/// tried.
fn fit_spacing(
    layouter: &mut Layouter,
    plan: &PageFit,
    pages: &Pages,
    layout: &Layout,
) -> Result<Option<(PageFit, Typeset, Pages)>, Vec<Diagnostic>> {
    let multiple = layout.pages_multiple.max(1);
    let nearest_first = spacings(layout, pages.count() % multiple, multiple);
    let Some((&bound, nearer)) = nearest_first.split_last() else {
        return Ok(None);
    };
    let at = |spacing: f64| PageFit {
        spacing,
        ..plan.clone()
    };
    let (candidate, landed) = layouter.lay_out(&at(bound))?;
    if !landed.count().is_multiple_of(multiple) {
        return Ok(None);
    }
    for &spacing in nearer {
        let (candidate, landed) = layouter.lay_out(&at(spacing))?;
        if landed.count().is_multiple_of(multiple) && misplaced_anchors(&landed).is_empty() {
            return Ok(Some((at(spacing), candidate, landed)));
        }
    }
    Ok(misplaced_anchors(&landed)
        .is_empty()
        .then(|| (at(bound), candidate, landed)))
}

/// Tightens the gaps of the chapters whose last page holds fewer than
/// [`MIN_TAIL_LINES`] lines down to `min-spacing`, all in one layout, and
/// keeps it for those it shortened by a page with every anchored box still
/// in its room (laying out again when it is not kept for all). Returns the
/// chapters pulled back; `plan`, `typeset` and `pages` are those of the
/// result.
fn pull_back_tails(
    layouter: &mut Layouter,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
    layout: &Layout,
) -> Result<Vec<usize>, Vec<Diagnostic>> {
    let tails: Vec<usize> = pages
        .chapters()
        .iter()
        .filter(|chapter| {
            pages
                .tail_lines(chapter)
                .is_some_and(|n| n < MIN_TAIL_LINES)
        })
        .map(|chapter| chapter.index)
        .collect();
    let scale = layout.min_spacing / plan.spacing;
    if tails.is_empty() || scale >= 1.0 {
        return Ok(Vec::new());
    }
    let mut trial = plan.clone();
    trial.chapter_spacing = tails.iter().map(|&index| (index, scale)).collect();
    let (candidate, landed) = layouter.lay_out(&trial)?;
    let (before, after) = (chapter_spans(pages), chapter_spans(&landed));
    let misplaced = chapters_of_misplaced_anchors(&landed);
    let length = |spans: &BTreeMap<usize, (usize, usize)>, index| {
        spans.get(&index).map(|&(first, end)| end - first)
    };
    let pulled: Vec<usize> = tails
        .iter()
        .copied()
        .filter(|index| {
            let shorter = matches!(
                (length(&after, *index), length(&before, *index)),
                (Some(now), Some(then)) if now < then
            );
            shorter && !misplaced.contains(index)
        })
        .collect();
    if pulled == tails && misplaced.is_empty() {
        (*plan, *typeset, *pages) = (trial, candidate, landed);
    } else {
        plan.chapter_spacing = pulled.iter().map(|&index| (index, scale)).collect();
        if !pulled.is_empty() {
            (*typeset, *pages) = layouter.lay_out(plan)?;
        }
    }
    Ok(pulled)
}

/// The chapters of a layout that do not take the pages they took in
/// `spans`, start later than the chapters before them moved, whose
/// balancing room landed before their last page or has text set under its
/// top (all treated as grown: less room), and those with an anchored box
/// away from its room.
fn moved_chapters(
    spans: &BTreeMap<usize, (usize, usize)>,
    landed: &Pages,
) -> (Vec<usize>, Vec<usize>) {
    let landed_spans = chapter_spans(landed);
    let chapters = landed.chapters();
    // A balancing room that landed before the chapter's last page, or on it
    // with text set under its top (a box given less room than it needs
    // overflows its frame).
    let room_misplaced = |index: usize| {
        chapters.iter().filter(|c| c.index == index).any(|chapter| {
            let last = chapter.end.page;
            landed.marks.iter().any(|m| {
                m.kind == MarkKind::Balance
                    && (chapter.first_page..=last).contains(&m.page)
                    && (m.page < last
                        || landed.columns(last).is_some_and(|columns| {
                            columns.into_iter().any(|column| {
                                landed.baselines(last, column).any(|b| b > m.y + EPSILON)
                            })
                        }))
            })
        })
    };
    // How far the previous chapter's end moved: a chapter that starts
    // later than that was pushed by its own first page (its room did not
    // fit under its introduction).
    let mut shift = 0isize;
    let mut grown = Vec::new();
    for (&index, &(first, end)) in spans {
        let Some(&(new_first, new_end)) = landed_spans.get(&index) else {
            grown.push(index);
            continue;
        };
        let pushed = new_first as isize - first as isize > shift;
        if pushed || new_end - new_first != end - first || room_misplaced(index) {
            grown.push(index);
        }
        shift = new_end as isize - end as isize;
    }
    (grown, chapters_of_misplaced_anchors(landed))
}

/// Where the fitting lays the brochure out, and what it read of the pages
/// of earlier layouts.
struct Layouter<'a> {
    world: &'a mut BilanWorld,
    inks: &'a mut InkCache,
}

impl Layouter<'_> {
    /// Lays the brochure out with this plan.
    fn lay_out(&mut self, plan: &PageFit) -> Result<(Typeset, Pages), Vec<Diagnostic>> {
        self.set_fit(plan)?;
        let typeset = render::compile(self.world)?;
        let pages = Pages::read(&typeset.document, self.inks);
        Ok((typeset, pages))
    }

    /// Hands this plan to the layouts, for the next layout.
    fn set_fit(&mut self, plan: &PageFit) -> Result<(), Vec<Diagnostic>> {
        self.world.set_fit(plan).map_err(|d| vec![d])
    }
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
    /// Whether the hole is at the foot of a left-hand column (the box starts
    /// the right-hand column of the same page).
    left: bool,
    /// Whether the box is on the last page of its chapter (whose columns
    /// are balanced instead).
    last_page: bool,
    /// The white it left, in points.
    hole: f64,
    /// The height of its column, in points.
    column: f64,
    /// The height of what follows it to the end of its chapter, in points
    /// (`None` when unknown: a figure, or a box whose end is not found).
    rest: Option<f64>,
}

/// The callouts and figures that did not fit where they stand and left a
/// white hole: each is the first thing of a column that follows a column
/// with more than two empty lines at its foot.
fn hole_makers(pages: &Pages, pitch: f64) -> Vec<HoleMaker> {
    let anchored = anchored_marks(pages);
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
                    .zip(&anchored)
                    .filter(|&(_, &anchored)| !anchored)
                    .map(|(m, _)| m)
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
                        left: side == 0,
                        last_page: next.0 == chapter.end.page,
                        hole,
                        column: column.height(),
                        rest: rest_after(pages, &chapter, id, (next.0, next.1, end_side)),
                    });
                }
            }
        }
    }
    found
}

/// Which marks are those of a box shown away from its anchor (from its
/// block's mark to its room's): the first thing of a column is the first
/// of the others.
fn anchored_marks(pages: &Pages) -> Vec<bool> {
    let mut anchored = vec![false; pages.marks.len()];
    for (end, mark) in pages.marks.iter().enumerate() {
        let MarkKind::Room(id) = mark.kind else {
            continue;
        };
        if let Some(start) = pages.marks[..end]
            .iter()
            .rposition(|m| m.kind == MarkKind::Block(id))
        {
            anchored[start..=end].fill(true);
        }
    }
    anchored
}

/// The chapters (indexes, each once) of the [`misplaced_anchors`].
fn chapters_of_misplaced_anchors(pages: &Pages) -> Vec<usize> {
    let mut chapters: Vec<usize> = misplaced_anchors(pages)
        .iter()
        .map(|id| id.chapter)
        .collect();
    chapters.dedup();
    chapters
}

/// The anchored boxes whose room did not land at the head of the
/// right-hand column of the page where they are anchored, in a left-hand
/// column: the text moved under them since they were anchored.
fn misplaced_anchors(pages: &Pages) -> Vec<BlockId> {
    let place = |mark: &super::marks::Mark| (mark.page, pages.column_at(mark.page, mark.x));
    pages
        .marks
        .iter()
        .filter_map(|anchor| match anchor.kind {
            MarkKind::Anchor(id) => {
                let room = pages.marks.iter().find(|m| m.kind == MarkKind::Room(id));
                let beside = room.is_some_and(|room| {
                    place(anchor) == (anchor.page, 0) && place(room) == (anchor.page, 1)
                });
                (!beside).then_some(id)
            }
            _ => None,
        })
        .collect()
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

/// The first and last page of each chapter's body, by chapter index.
fn chapter_spans(pages: &Pages) -> BTreeMap<usize, (usize, usize)> {
    pages
        .chapters()
        .iter()
        .map(|c| (c.index, (c.first_page, c.end.page)))
        .collect()
}

/// Where to share out the white of each column that ends more than a line
/// short (the last page of a chapter excepted, which is balanced instead),
/// and how much: the white, less a margin, in equal parts before each block
/// or section heading that starts in that column, except its first one and a
/// section's first block (which stays with its heading), at most
/// [`SPREAD_MAX`] lines a gap; and, in a column with no such gap, before each
/// paragraph of an initiative that starts in it, at most
/// [`SPREAD_PARAGRAPH_MAX`] lines a gap.
fn spread_points(pages: &Pages, pitch: f64) -> Spread {
    let mut spread = Spread::default();
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
                // The marks that start in this column, above its last line.
                let mut starts: Vec<(f64, MarkKind)> = pages
                    .marks
                    .iter()
                    .filter(|m| {
                        m.page == page && pages.column_at(page, m.x) == side && m.y < filled - pitch
                    })
                    .map(|m| (m.y, m.kind))
                    .collect();
                starts.sort_by(|a, b| a.0.total_cmp(&b.0));
                let blocks: Vec<BlockId> = starts
                    .iter()
                    .filter_map(|&(_, kind)| match kind {
                        MarkKind::Block(id) => Some(id),
                        _ => None,
                    })
                    .skip(1)
                    .filter(|id| id.block != Some(0))
                    .collect();
                // Each gap's part of the white, when there are gaps and white.
                let share = |gaps: usize, most: f64| {
                    let each = ((white - SPREAD_MARGIN * pitch) / gaps as f64).min(most * pitch);
                    (gaps > 0 && each > 0.0).then_some(each)
                };
                if !blocks.is_empty() {
                    if let Some(each) = share(blocks.len(), SPREAD_MAX) {
                        spread
                            .blocks
                            .extend(blocks.into_iter().map(|id| (id, each)));
                    }
                    continue;
                }
                let top = pages.shared_top(page, columns);
                let paragraphs: Vec<(BlockId, usize)> = starts
                    .iter()
                    .filter_map(|&(y, kind)| match kind {
                        MarkKind::Paragraph(id, index) if y > top + pitch => Some((id, index)),
                        _ => None,
                    })
                    .collect();
                if let Some(each) = share(paragraphs.len(), SPREAD_PARAGRAPH_MAX) {
                    spread
                        .paragraphs
                        .extend(paragraphs.into_iter().map(|gap| (gap, each)));
                }
            }
        }
    }
    spread
}

/// The room to reserve at the foot of a chapter's last page so that its
/// columns end at the same height, if they are not balanced already.
fn room(pages: &Pages, chapter: &ChapterSpan, pitch: f64) -> Option<Balance> {
    let page = chapter.end.page;
    let columns = pages.columns(page)?;
    let [left, right] = columns;
    // The columns start under the chapter's introduction, when this page
    // has it, and its clearance: at the top of the first ink under it.
    let shared = pages.shared_top(page, columns);
    let top = pages
        .ink_in(page, left)
        .map(|ink| ink.y0)
        .filter(|&y0| y0 > shared - EPSILON)
        .fold(f64::INFINITY, f64::min)
        .min(left.bottom)
        .max(shared);
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
    // Any block of the page will do (the room floats to its foot), but not
    // the first thing of the chapter's flow: a float there, under the
    // introduction's, pushes the chapter to the next page.
    let mut on_page = pages.marks.iter().filter_map(|m| match m.kind {
        MarkKind::Block(id) if m.page == page && id.chapter == chapter.index => Some(id),
        _ => None,
    });
    let first = on_page.next()?;
    let before = if page == chapter.first_page {
        on_page.next()?
    } else {
        first
    };
    Some(Balance {
        before,
        reserve: left.bottom - top - target,
    })
}
