//! Steps 2 and 3 of the fitting: the vertical gaps tightened (or loosened)
//! within the bounds of `[layout]` when that alone brings the page count to
//! its multiple, and the chapters that leave a few lines alone on their last
//! page tightened to pull them back.

use std::collections::BTreeMap;

use crate::Error;
use crate::content::model::Layout;
use crate::pagination::{MIN_TAIL_LINES, Pages};
use crate::render::Typeset;
use crate::world::PageFit;

use super::boxes::{chapters_of_misplaced_anchors, misplaced_anchors};
use super::chapter_spans;
use crate::pagination::Layouts;

/// How many spacings are tried between 1 and the bound of `[layout]`.
const SPACING_STEPS: usize = 2;

/// The layout with the nearest spacing, within the bounds of `[layout]`,
/// that brings the page count of `pages` to the multiple with every
/// anchored box in its room, if one does. The bound is laid out first: when
/// even it misses the multiple, a nearer spacing would too, and none is
/// tried.
pub(super) fn fit_spacing(
    layouts: &Layouts,
    plan: &PageFit,
    pages: &Pages,
    layout: &Layout,
) -> Result<Option<(PageFit, Typeset, Pages)>, Error> {
    let multiple = layout.pages_multiple.max(1);
    let nearest_first = spacings(layout, pages.count() % multiple, multiple);
    let Some((&bound, nearer)) = nearest_first.split_last() else {
        return Ok(None);
    };
    let at = |spacing: f64| PageFit {
        spacing,
        ..plan.clone()
    };
    let (candidate, landed) = layouts.lay_out(&at(bound))?;
    if !landed.count().is_multiple_of(multiple) {
        return Ok(None);
    }
    for &spacing in nearer {
        let (candidate, landed) = layouts.lay_out(&at(spacing))?;
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
pub(super) fn pull_back_tails(
    layouts: &Layouts,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
    layout: &Layout,
) -> Result<Vec<usize>, Error> {
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
    let (candidate, landed) = layouts.lay_out(&trial)?;
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
            (*typeset, *pages) = layouts.lay_out(plan)?;
        }
    }
    Ok(pulled)
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
