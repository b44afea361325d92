//! PNG previews, one per page.

use typst::utils::Scalar;
use typst_layout::{Page, PagedDocument};

use crate::diag::Diagnostic;

/// Renders one page (without its bleed) as PNG bytes at `ppi` pixels per inch.
///
/// # Errors
/// A diagnostic when the page cannot be encoded.
pub fn png(page: &Page, ppi: f32) -> Result<Vec<u8>, Diagnostic> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|err| Diagnostic::error("png", format!("cannot encode a page as PNG: {err}")))
}

/// Renders every page as PNG bytes at `ppi` pixels per inch.
///
/// # Errors
/// A diagnostic when a page cannot be encoded.
pub fn pngs(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Diagnostic> {
    document.pages().iter().map(|page| png(page, ppi)).collect()
}
