//! Step 4 of the fitting, in one layout: the white at the foot of columns
//! shared out between their gaps, « Notes » and blank pages added for the
//! page count, and the two columns of each chapter's last page balanced.

use std::collections::BTreeMap;

use crate::Error;
use crate::content::model::Layout;
use crate::pagination::marks::MarkKind;
use crate::pagination::{ChapterSpan, EPSILON, Pages};
use crate::render::Typeset;
use crate::world::{Balance, BlockId, PageFit, Spread};

use super::boxes::chapters_of_misplaced_anchors;
use super::chapter_spans;
use crate::pagination::Layouts;

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

/// The least room, in lines, a balance that pushed text to a new page must
/// have to be tried again with two lines less (a smaller one is dropped: a
/// page that full gains little from balancing, and a layout costs time).
const SHRINK_FROM: f64 = 8.0;

/// How many layouts may try to balance the chapters (with less room each
/// time for those whose text a balance pushed to a new page).
const BALANCE_TRIES: usize = 3;

/// In one layout: the white at the foot of columns shared out between
/// their gaps, « Notes » pages then blank pages where allowed for what
/// is still missing, and the chapters' last pages balanced. Kept only
/// if no chapter grows by a page; a balance that pushed text to a new
/// page is retried with less room, then dropped.
///
/// `plan` and `typeset` are those of the result.
pub(super) fn finish(
    layouts: &Layouts,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &Pages,
    layout: &Layout,
) -> Result<(), Error> {
    let multiple = layout.pages_multiple.max(1);
    let laid_out = pages.count();
    let missing = (multiple - laid_out % multiple) % multiple;
    plan.notes_pages = missing.min(layout.notes_pages);
    plan.blank_pages = (missing - plan.notes_pages).min(layout.blank_pages);
    let added = plan.notes_pages + plan.blank_pages;
    let pitch = pages.line_pitch();
    let mut spread = if layout.spread {
        spread_points(pages, pitch)
    } else {
        Spread::default()
    };
    let mut wanted: BTreeMap<usize, Balance> = if layout.balance {
        pages
            .chapters()
            .iter()
            .filter_map(|chapter| Some((chapter.index, room(pages, chapter, pitch)?)))
            .collect()
    } else {
        BTreeMap::new()
    };
    let spans = chapter_spans(pages);
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
        let (candidate, landed) = layouts.lay_out(plan)?;
        let (grown, misplaced) = moved_chapters(&spans, &landed);
        if grown.is_empty() && misplaced.is_empty() && landed.count() == laid_out + added {
            fitted = true;
            *typeset = candidate;
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
        let (candidate, landed) = layouts.lay_out(plan)?;
        let (grown, misplaced) = moved_chapters(&spans, &landed);
        if grown.is_empty() && misplaced.is_empty() && landed.count() == laid_out + added {
            fitted = true;
            *typeset = candidate;
        }
    }
    if !fitted {
        plan.balance.clear();
        plan.spread = Spread::default();
        if added > 0 {
            (*typeset, _) = layouts.lay_out(plan)?;
        }
    }
    Ok(())
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
    let misplaced_room = |index: usize| {
        chapters
            .iter()
            .filter(|c| c.index == index)
            .any(|chapter| room_misplaced(landed, chapter))
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
        if pushed || new_end - new_first != end - first || misplaced_room(index) {
            grown.push(index);
        }
        shift = new_end as isize - end as isize;
    }
    (grown, chapters_of_misplaced_anchors(landed))
}

/// Whether the balancing room of `chapter` landed before its last page, or
/// on it with text set under its top (a box given less room than it needs
/// overflows its frame).
pub(super) fn room_misplaced(pages: &Pages, chapter: &ChapterSpan) -> bool {
    let last = chapter.end.page;
    pages.marks.iter().any(|m| {
        m.kind == MarkKind::Balance
            && (chapter.first_page..=last).contains(&m.page)
            && (m.page < last
                || pages.columns(last).is_some_and(|columns| {
                    columns
                        .into_iter()
                        .any(|column| pages.baselines(last, column).any(|b| b > m.y + EPSILON))
                }))
    })
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
