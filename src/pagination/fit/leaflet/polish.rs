//! The last step of a leaflet's fill: among the settings next to those the
//! fill reached, the one a print designer would flag least, its page count
//! kept.
//!
//! The fill takes each means as far as the page count allows, so that its
//! text may stop a band's height short of a column's foot, or break into
//! loose lines. Each round here lays out every setting one step away (the
//! text a size up or down, a chapter started on a page of its own or no
//! longer, one pull quote more or fewer, the gaps at another scale) and
//! keeps the one with the fewest flaws, until none has fewer.

use crate::Error;
use crate::content::LeafletRules;
use crate::content::model::Layout;
use crate::pagination::preflight;
use crate::render::Typeset;
use crate::world::{BlockId, PageFit};

use super::super::boxes::misplaced_anchors;

use super::{
    Layouts, MAX_SPACING, Pages, TEXT_SCALES, edito_on_first_page, evenly, keep, tails_full, with,
};

/// How many rounds of changes are tried at most.
const ROUNDS: usize = 5;

/// The white share of the body columns a leaflet may leave without flaw.
const WHITE_ALLOWED: f64 = 0.03;

/// How many sizes up or down the body text may move in one change.
const SCALE_STEPS: usize = 2;

/// The scales the vertical gaps may take here, besides the fill's own.
const SPACINGS: [f64; 4] = [1.0, 1.1, 1.2, MAX_SPACING];

/// Moves the leaflet of `plan` to the setting next to it with the fewest
/// flaws (see [`flaws`]), round after round, under the fill's conditions:
/// no more pages than the multiple the count reached, each run's last page
/// half full, the édito on the flow's first page when it was, and the
/// boxes the fitting anchored still at the top of their column.
///
/// # Errors
/// The errors of a layout.
pub(in crate::pagination::fit) fn polish(
    layouts: &Layouts,
    rules: &LeafletRules,
    layout: &Layout,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    if plan.leaflet.is_none() {
        return Ok(());
    }
    let target = pages.count().next_multiple_of(layout.pages_multiple.max(1));
    let edito_first = edito_on_first_page(pages);
    let fits = |landed: &Pages| {
        landed.count() <= target
            && tails_full(landed)
            && (!edito_first || edito_on_first_page(landed))
            && misplaced_anchors(landed).is_empty()
    };
    let quotable: Vec<BlockId> = rules
        .quotable
        .iter()
        .filter_map(|id| BlockId::parse(id))
        .collect();
    let mut least = flaws(pages, layout, target);
    for _ in 0..ROUNDS {
        if least == 0.0 {
            break;
        }
        let mut better = None;
        for candidate in neighbours(plan, rules, &quotable) {
            let (laid_out, landed) = layouts.lay_out(&candidate)?;
            if !fits(&landed) {
                continue;
            }
            let found = flaws(&landed, layout, target);
            if found < least {
                least = found;
                better = Some((candidate, laid_out, landed));
            }
        }
        if better.is_none() {
            break;
        }
        keep(better, plan, typeset, pages);
    }
    Ok(())
}

/// What the preflight would flag in `pages`: a hundred for each page
/// short of `target`, one for each finding, and one for each percent of
/// white in the body columns over [`WHITE_ALLOWED`].
fn flaws(pages: &Pages, layout: &Layout, target: usize) -> f64 {
    let (findings, measures) = preflight::inspect(pages, layout);
    let short = target.saturating_sub(pages.count()) as f64;
    let white = (measures.white - WHITE_ALLOWED).max(0.0) * 100.0;
    100.0 * short + findings.len() as f64 + white
}

/// The leaflet settings one step away from those of `plan`.
fn neighbours(plan: &PageFit, rules: &LeafletRules, quotable: &[BlockId]) -> Vec<PageFit> {
    let Some(leaflet) = plan.leaflet.as_ref() else {
        return Vec::new();
    };
    let mut all = Vec::new();
    let step = TEXT_SCALES
        .iter()
        .position(|&scale| scale >= leaflet.text_scale)
        .unwrap_or(0);
    for scale in TEXT_SCALES
        .iter()
        .enumerate()
        .filter(|&(at, _)| at != step && at.abs_diff(step) <= SCALE_STEPS)
        .map(|(_, scale)| scale)
    {
        all.push(with(plan, |l| l.text_scale = *scale));
    }
    for chapter in 1..rules.chapters {
        all.push(with(plan, |l| {
            if let Some(at) = l.breaks.iter().position(|&c| c == chapter) {
                l.breaks.remove(at);
                l.opener_heights.remove(&chapter);
            } else {
                l.breaks.push(chapter);
                l.breaks.sort_unstable();
            }
        }));
    }
    let quotes = leaflet.quotes.len();
    for count in [quotes.wrapping_sub(1), quotes + 1] {
        if count <= quotable.len() {
            all.push(with(plan, |l| l.quotes = evenly(quotable, count)));
        }
    }
    for spacing in SPACINGS {
        if spacing != plan.spacing {
            all.push(PageFit {
                spacing,
                ..plan.clone()
            });
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::EditoShown;

    fn rules() -> LeafletRules {
        LeafletRules {
            auto: true,
            max_pages: 12,
            sommaire_from: 12,
            edito: EditoShown::Excerpt,
            edito_paragraphs: 8,
            chapters: 3,
            quotable: vec!["0.0.0".to_owned(), "1.0.0".to_owned()],
        }
    }

    #[test]
    fn each_neighbour_changes_one_setting_by_one_step() {
        let rules = rules();
        let mut plan = super::super::first_plan(&Layout::default(), Some(&rules));
        if let Some(leaflet) = plan.leaflet.as_mut() {
            leaflet.text_scale = TEXT_SCALES[5];
            leaflet.breaks = vec![2];
        }
        let quotable: Vec<BlockId> = rules
            .quotable
            .iter()
            .filter_map(|id| BlockId::parse(id))
            .collect();
        let all = neighbours(&plan, &rules, &quotable);
        let leaflet = |fit: &PageFit| fit.leaflet.clone().expect("a leaflet");
        let scales: Vec<f64> = all
            .iter()
            .map(|fit| leaflet(fit).text_scale)
            .filter(|&s| s != TEXT_SCALES[5])
            .collect();
        assert_eq!(scales, [TEXT_SCALES[3], TEXT_SCALES[4], TEXT_SCALES[6]]);
        let breaks: Vec<Vec<usize>> = all
            .iter()
            .map(|fit| leaflet(fit).breaks)
            .filter(|b| b != &[2])
            .collect();
        assert_eq!(
            breaks,
            [vec![1, 2], vec![]],
            "chapter 1 added, chapter 2 taken off"
        );
        let quotes: Vec<usize> = all
            .iter()
            .map(|fit| leaflet(fit).quotes.len())
            .filter(|&q| q != 0)
            .collect();
        assert_eq!(quotes, [1], "one quote more; none fewer than none");
        let spacings: Vec<f64> = all
            .iter()
            .map(|fit| fit.spacing)
            .filter(|&s| s != plan.spacing)
            .collect();
        assert_eq!(spacings.len(), SPACINGS.len() - 1);
    }
}
