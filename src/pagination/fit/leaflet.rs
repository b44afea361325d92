//! The fitting of a local edition that may be a leaflet (see
//! [`LeafletRules`]): the format it takes, whether its flow opens on a
//! Sommaire, and what brings it to its page count before any « Notes »
//! page: the édito excerpt left out, or, in turn, larger text, more of the
//! excerpt, pull quotes, chapters started on a page of their own under
//! taller bands, looser gaps, the whole édito (see [`fill`]).

use std::collections::BTreeMap;

use crate::Error;
use crate::content::model::Layout;
use crate::content::{EditoShown, LeafletRules};
use crate::pagination::marks::MarkKind;
use crate::render::Typeset;
use crate::world::{BlockId, Leaflet, PageFit};

use super::{Layouts, Pages};

mod polish;

pub(super) use polish::polish;

/// The heights, in millimetres, the band of a chapter that starts a page
/// may take, lowest first (0: as tall as its title): the fitting takes, for
/// each, the tallest that keeps the page count.
const OPENER_HEIGHTS: [f64; 12] = [
    0.0, 50.0, 65.0, 80.0, 95.0, 110.0, 125.0, 140.0, 155.0, 175.0, 200.0, 225.0,
];

/// The factor a leaflet's vertical gaps may be loosened to, whatever the
/// `max-spacing` of `[layout]` (a bound for the booklet's full pages).
const MAX_SPACING: f64 = 1.3;

/// The sizes the body text of a leaflet may take, as factors of its size
/// in the booklet, smallest first: a short leaflet is set a little larger
/// rather than left with an empty page.
const TEXT_SCALES: [f64; 7] = [1.0, 1.03, 1.06, 1.09, 1.12, 1.16, 1.2];

/// The rules of `[layout]` and, for a leaflet, its first settings: no
/// Sommaire, the édito's first paragraph when it is an excerpt, the body
/// text as designed, no pull quote, no chapter on a page of its own.
pub fn first_plan(layout: &Layout, rules: Option<&LeafletRules>) -> PageFit {
    PageFit {
        leaflet: rules.map(|rules| Leaflet {
            sommaire: false,
            edito: rules.edito != EditoShown::None,
            edito_paragraphs: (rules.edito == EditoShown::Excerpt).then_some(1),
            breaks: Vec::new(),
            opener_heights: BTreeMap::new(),
            text_scale: TEXT_SCALES[0],
            quotes: Vec::new(),
        }),
        ..PageFit::new(layout)
    }
}

/// Leaves the édito excerpt out when that alone brings the page count
/// down to the multiple: the leaflet is full without it.
///
/// # Errors
/// The errors of a layout.
pub(super) fn drop_excerpt(
    layouts: &Layouts,
    multiple: usize,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    let excerpt = plan
        .leaflet
        .as_ref()
        .is_some_and(|l| l.edito_paragraphs.is_some());
    if !excerpt || pages.count().is_multiple_of(multiple) {
        return Ok(());
    }
    let candidate = with(plan, |l| {
        l.edito = false;
        l.edito_paragraphs = None;
    });
    let (laid_out, landed) = layouts.lay_out(&candidate)?;
    if landed.count().is_multiple_of(multiple) {
        (*plan, *typeset, *pages) = (candidate, laid_out, landed);
    }
    Ok(())
}

/// Sets the edition as a booklet when `auto` allows it and the leaflet
/// takes more than its most pages.
///
/// # Errors
/// The errors of a layout.
pub(super) fn choose_format(
    layouts: &Layouts,
    rules: &LeafletRules,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    if plan.leaflet.is_some() && rules.auto && pages.count() > rules.max_pages {
        plan.leaflet = None;
        (*typeset, *pages) = layouts.lay_out(plan)?;
    }
    Ok(())
}

/// Opens the flow on a Sommaire when the leaflet's page count, rounded up
/// to the multiple, reaches `sommaire-from`.
///
/// # Errors
/// The errors of a layout.
pub(super) fn add_sommaire(
    layouts: &Layouts,
    rules: &LeafletRules,
    multiple: usize,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    let Some(leaflet) = plan.leaflet.as_mut() else {
        return Ok(());
    };
    if pages.count().next_multiple_of(multiple) >= rules.sommaire_from {
        leaflet.sommaire = true;
        (*typeset, *pages) = layouts.lay_out(plan)?;
    }
    Ok(())
}

/// Fills the leaflet up to its page count (the count rounded up to the
/// multiple), each means kept only while the count holds: the body text a
/// little larger; the most paragraphs of an édito excerpt that keep it to
/// the flow's first page; pull quotes of the edition's
/// initiatives, spread evenly;
/// chapters started on a page of their own (the later ones first), under a
/// band across both columns, when the page they leave is half full at
/// least;
/// those bands made taller; the vertical gaps loosened to their bound
/// ([`MAX_SPACING`] at least); and
/// last, the whole édito instead of its opening, over a second page.
///
/// # Errors
/// The errors of a layout.
pub(super) fn fill(
    layouts: &Layouts,
    rules: &LeafletRules,
    layout: &Layout,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    let Some(first) = plan.leaflet.clone() else {
        return Ok(());
    };
    let multiple = layout.pages_multiple.max(1);
    let target = pages.count().next_multiple_of(multiple);
    // Every means keeps the count, the édito on the flow's first page,
    // and the last page of each run but the last at least half full.
    let fits = |landed: &Pages| {
        landed.count() <= target && edito_on_first_page(landed) && tails_full(landed)
    };
    if pages.count() < target {
        let found = largest(0, TEXT_SCALES.len() - 1, |step| {
            let candidate = with(plan, |l| l.text_scale = TEXT_SCALES[step]);
            lay_out_if(layouts, candidate, fits)
        })?;
        keep(found, plan, typeset, pages);
    }
    let mut found = None;
    if let Some(shown) = first.edito_paragraphs {
        found = largest(shown, rules.edito_paragraphs, |count| {
            let candidate = with(plan, |l| l.edito_paragraphs = Some(count));
            lay_out_if(layouts, candidate, fits)
        })?;
    }
    keep(found, plan, typeset, pages);
    let quotable: Vec<BlockId> = rules
        .quotable
        .iter()
        .filter_map(|id| BlockId::parse(id))
        .collect();
    if pages.count() < target && !quotable.is_empty() {
        let found = largest(0, quotable.len(), |count| {
            let candidate = with(plan, |l| l.quotes = evenly(&quotable, count));
            lay_out_if(layouts, candidate, fits)
        })?;
        keep(found, plan, typeset, pages);
    }
    let state = (&mut *plan, &mut *typeset, &mut *pages);
    open_chapters(layouts, rules, target, true, &fits, state)?;
    let loosest = layout.max_spacing.max(MAX_SPACING);
    if pages.count() < target && loosest > plan.spacing {
        let candidate = PageFit {
            spacing: loosest,
            ..plan.clone()
        };
        let found = lay_out_if(layouts, candidate, |landed| {
            landed.count() == target && fits(landed)
        })?;
        keep(found, plan, typeset, pages);
    }
    // The last means before a « Notes » page: the excerpt runs on to the
    // whole édito, over a second page, the first chapter following it.
    if pages.count() < target && first.edito_paragraphs.is_some() {
        let candidate = with(plan, |l| {
            l.edito_paragraphs = Some(rules.edito_paragraphs);
            l.breaks.retain(|&chapter| chapter != 0);
        });
        let long = |landed: &Pages| landed.count() <= target && tails_full(landed);
        let found = lay_out_if(layouts, candidate, long)?;
        if found.is_some() {
            keep(found, plan, typeset, pages);
            let state = (&mut *plan, &mut *typeset, &mut *pages);
            open_chapters(layouts, rules, target, false, &long, state)?;
        }
    }
    Ok(())
}

/// Starts chapters on a page of their own, the later ones first (the first
/// chapter too when `first_too`), then makes their bands taller, each step
/// kept while `fits` passes and the count is short of `target`.
///
/// # Errors
/// The errors of a layout.
fn open_chapters(
    layouts: &Layouts,
    rules: &LeafletRules,
    target: usize,
    first_too: bool,
    fits: &dyn Fn(&Pages) -> bool,
    (plan, typeset, pages): (&mut PageFit, &mut Typeset, &mut Pages),
) -> Result<(), Error> {
    // A break the page before refused may pass once a later one is made:
    // the chapters are tried again while one passes.
    let first = usize::from(!first_too);
    let mut tried = true;
    while tried && pages.count() < target {
        tried = false;
        for chapter in (1..rules.chapters).rev().chain(first..1) {
            if plan
                .leaflet
                .as_ref()
                .is_some_and(|l| l.breaks.contains(&chapter))
            {
                continue;
            }
            let candidate = with(plan, |l| {
                l.breaks.push(chapter);
                l.breaks.sort_unstable();
            });
            let found = lay_out_if(layouts, candidate, fits)?;
            tried |= found.is_some();
            keep(found, plan, typeset, pages);
        }
    }
    // The bands made taller, the last chapter's first: the page it fills
    // is the leaflet's last, which need not be half full.
    let breaks = plan
        .leaflet
        .as_ref()
        .map_or_else(Vec::new, |l| l.breaks.clone());
    for &chapter in breaks.iter().rev() {
        if pages.count() == target {
            break;
        }
        let found = largest(0, OPENER_HEIGHTS.len() - 1, |step| {
            let candidate = with(plan, |l| {
                l.opener_heights.insert(chapter, OPENER_HEIGHTS[step]);
            });
            lay_out_if(layouts, candidate, fits)
        })?;
        keep(found, plan, typeset, pages);
    }
    Ok(())
}

/// A layout of `candidate`, with the plan, if its pages pass `fits`.
fn lay_out_if(
    layouts: &Layouts,
    candidate: PageFit,
    fits: impl Fn(&Pages) -> bool,
) -> Result<Option<(PageFit, Typeset, Pages)>, Error> {
    let (laid_out, landed) = layouts.lay_out(&candidate)?;
    Ok(fits(&landed).then_some((candidate, laid_out, landed)))
}

/// Takes the layout `found`, if any, as the current one.
fn keep(
    found: Option<(PageFit, Typeset, Pages)>,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) {
    if let Some(found) = found {
        (*plan, *typeset, *pages) = found;
    }
}

/// Whether the last page of each run of chapters but the last is half full
/// at least (the run's first page excepted).
fn tails_full(pages: &Pages) -> bool {
    pages.chapters().iter().rev().skip(1).all(|span| {
        pages
            .tail_lines(span)
            .is_none_or(|lines| lines >= pages.lines_per_column())
    })
}

/// What the settings of a leaflet changed from its first layout, in words,
/// for the report of `bilan build`.
pub(super) fn means(leaflet: &Leaflet) -> Vec<String> {
    let mut means = Vec::new();
    if leaflet.sommaire {
        means.push("a Sommaire".to_owned());
    }
    match (leaflet.edito, leaflet.edito_paragraphs) {
        (false, _) => means.push("no édito".to_owned()),
        (true, Some(count)) => means.push(format!("{count} paragraph(s) of the édito")),
        (true, None) => {}
    }
    if leaflet.text_scale > 1.0 {
        means.push(format!("text at {:.0} %", leaflet.text_scale * 100.0));
    }
    if !leaflet.quotes.is_empty() {
        means.push(format!("{} pull quote(s)", leaflet.quotes.len()));
    }
    if !leaflet.breaks.is_empty() {
        means.push(format!(
            "{} chapter(s) on a page of their own",
            leaflet.breaks.len()
        ));
    }
    means
}

/// `count` of `all`, spread evenly, in their order.
fn evenly(all: &[BlockId], count: usize) -> Vec<BlockId> {
    (0..count)
        .filter_map(|k| all.get((2 * k + 1) * all.len() / (2 * count)).copied())
        .collect()
}

/// `plan` with its leaflet settings changed by `change`.
fn with(plan: &PageFit, change: impl FnOnce(&mut Leaflet)) -> PageFit {
    let mut plan = plan.clone();
    if let Some(leaflet) = plan.leaflet.as_mut() {
        change(leaflet);
    }
    plan
}

/// The result of `try_at` for the largest value in `low + 1 ..= high` it
/// accepts, if any, found by halving: `try_at` accepts every value up to
/// some point and none after (more text never takes fewer pages).
fn largest<T>(
    low: usize,
    high: usize,
    mut try_at: impl FnMut(usize) -> Result<Option<T>, Error>,
) -> Result<Option<T>, Error> {
    let (mut accepted, mut refused) = (low, high + 1);
    let mut best = None;
    while refused - accepted > 1 {
        let middle = accepted + (refused - accepted) / 2;
        match try_at(middle)? {
            Some(result) => {
                accepted = middle;
                best = Some(result);
            }
            None => refused = middle,
        }
    }
    Ok(best)
}

/// Whether the édito ends on the page where the flow starts (the page of
/// the body's geometry mark).
fn edito_on_first_page(pages: &Pages) -> bool {
    let page_of = |wanted: fn(&MarkKind) -> bool| {
        pages.marks.iter().find(|m| wanted(&m.kind)).map(|m| m.page)
    };
    match (
        page_of(|kind| matches!(kind, MarkKind::Geometry(_))),
        page_of(|kind| matches!(kind, MarkKind::EditoEnd)),
    ) {
        (Some(start), Some(end)) => end == start,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_accepted_value_is_found_by_halving() {
        let mut tried = Vec::new();
        let found = largest(1, 9, |n| {
            tried.push(n);
            Ok((n <= 6).then_some(n))
        })
        .ok()
        .flatten();
        assert_eq!(found, Some(6));
        assert!(tried.len() <= 4, "{tried:?}");
        assert_eq!(largest(3, 3, |n| Ok(Some(n))).ok().flatten(), None);
    }

    #[test]
    fn quotes_are_spread_evenly() {
        let all: Vec<BlockId> = (0..6)
            .filter_map(|b| BlockId::parse(&format!("0.0.{b}")))
            .collect();
        let blocks = |count| -> Vec<usize> {
            evenly(&all, count)
                .iter()
                .filter_map(|id| id.block)
                .collect()
        };
        assert_eq!(blocks(0), Vec::<usize>::new());
        assert_eq!(blocks(2), vec![1, 4]);
        assert_eq!(blocks(3), vec![1, 3, 5]);
        assert_eq!(blocks(6), vec![0, 1, 2, 3, 4, 5]);
    }
}
