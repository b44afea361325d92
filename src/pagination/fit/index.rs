//! The index of the départements set as densely as its entries need: when
//! they run past the page set for them, the layouts are asked for more
//! columns of smaller type (`index-density` of `/layout.json`), chosen from
//! how many there are, and the pages are checked again.

use crate::Error;
use crate::render::Typeset;
use crate::world::PageFit;

use super::{Layouts, Pages};

/// How many entries each density of `layouts/index.typ` holds on the page
/// after the map, measured with names and page lists of the usual length
/// (101 départements cited once or twice: 72 on the page at level 1):
/// two columns as designed, three of smaller type, three where the pages
/// follow the name on its line.
pub const INDEX_HOLDS: [usize; 3] = [40, 70, 120];

/// Raises the index's density while its entries spill past their page,
/// starting from the density whose capacity holds their count; leaves the
/// plan as it was when they do not spill.
///
/// # Errors
/// The errors of a layout.
pub(super) fn fit_index(
    layouts: &Layouts,
    plan: &mut PageFit,
    typeset: &mut Typeset,
    pages: &mut Pages,
) -> Result<(), Error> {
    while let Some(span) = pages.index_span()
        && span.spills()
        && plan.index_density + 1 < INDEX_HOLDS.len()
    {
        let by_count = INDEX_HOLDS
            .iter()
            .position(|&holds| span.count <= holds)
            .unwrap_or(INDEX_HOLDS.len() - 1);
        plan.index_density = by_count.max(plan.index_density + 1);
        (*typeset, *pages) = layouts.lay_out(plan)?;
    }
    Ok(())
}
