//! Step 1 of the fitting: the callouts taller than a column split, and the
//! callouts and figures that left a white hole at the foot of a column move
//! (anchored at the top of the right-hand column, or floated).

use crate::Error;
use crate::content::model::Layout;
use crate::pagination::marks::{Mark, MarkKind};
use crate::pagination::{ChapterSpan, EPSILON, Pages};
use crate::render::Typeset;
use crate::world::{BlockId, PageFit};

use crate::pagination::Layouts;

/// How many layouts may look for callouts and figures to float or split
/// (each moves every box that left a hole; a move can open a hole further
/// on, which the next layout sees).
const FLOAT_TRIES: usize = 2;

/// Callouts taller than a column split. A callout or figure that
/// left a white hole at the foot of a left-hand column is shown at the
/// top of the right-hand one, anchored where it stands in the text
/// (which reads on in the left-hand column). One that left a hole at
/// the foot of a right-hand column floats to the next column when all
/// that follows it in its chapter fits in that hole (the chapter ends
/// sooner), or when the hole is more than `max-column-white` of the
/// column (what the preflight flags): the lines that fill the hole
/// then read before the box in the PDF's text (not in its tag tree);
/// with `floats`, every one floats. Every box that left a hole moves in
/// the same layout (a move changes the rest of its chapter: the next
/// layout sees the holes that opened further on). An anchored box
/// whose room did not land beside it (its chapter moved under it) is
/// dropped.
///
/// `plan`, `typeset` and `pages` are those of the result.
pub(super) fn place(
    layouts: &Layouts,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
    layout: &Layout,
) -> Result<(), Error> {
    let mut dropped = Vec::new();
    let mut tries = 0;
    loop {
        let misplaced = misplaced_anchors(pages);
        plan.anchors.retain(|id| !misplaced.contains(id));
        dropped.extend(misplaced.iter().copied());
        let explore = tries < FLOAT_TRIES;
        let tall: Vec<BlockId> = if explore {
            tall_callouts(pages)
                .into_iter()
                .filter(|id| !plan.split_callouts.contains(id))
                .collect()
        } else {
            Vec::new()
        };
        let mut moved = 0;
        if explore {
            let pitch = pages.line_pitch();
            for hole in hole_makers(pages, pitch) {
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
        (*typeset, *pages) = layouts.lay_out(plan)?;
    }
    Ok(())
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
pub(super) fn chapters_of_misplaced_anchors(pages: &Pages) -> Vec<usize> {
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
pub(super) fn misplaced_anchors(pages: &Pages) -> Vec<BlockId> {
    let place = |mark: &Mark| (mark.page, pages.column_at(mark.page, mark.x));
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
