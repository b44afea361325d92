//! PNG pictures of the pages: well compressed for `bilan build --format png`,
//! fast for the live preview.

use typst::utils::Scalar;
use typst_layout::{Page, PagedDocument};

use crate::diag::{Code, Diagnostic};

/// Renders one page (without its bleed) as PNG bytes at `ppi` pixels per
/// inch, compressed as well as `tiny-skia` does by default.
///
/// # Errors
/// A diagnostic when the page cannot be encoded.
pub fn png(page: &Page, ppi: f32) -> Result<Vec<u8>, Diagnostic> {
    typst_render::render(page, &options(ppi))
        .encode_png()
        .map_err(cannot_encode)
}

/// Renders one page as PNG bytes for the preview: opaque (on white), with
/// the fast compression of the `png` crate, about ten times faster to
/// encode than [`png()`] for a third more bytes (measured on the brochure's
/// text pages at 110 ppi: 10 ms against 100 ms).
///
/// # Errors
/// A diagnostic when the page cannot be encoded.
pub fn preview_png(page: &Page, ppi: f32) -> Result<Vec<u8>, Diagnostic> {
    let pixmap = typst_render::render(page, &options(ppi));
    // Premultiplied RGBA over white: each channel plus the white that the
    // missing coverage lets through.
    let mut rgb = Vec::with_capacity(pixmap.data().len() / 4 * 3);
    for pixel in pixmap.data().chunks_exact(4) {
        let white = 255 - pixel[3];
        rgb.extend(pixel[..3].iter().map(|c| c.saturating_add(white)));
    }
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(::png::ColorType::Rgb);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Fast);
    encoder.set_filter(::png::Filter::Adaptive);
    encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&rgb))
        .map_err(cannot_encode)?;
    Ok(bytes)
}

/// The page's pixels (premultiplied RGBA) at `ppi` pixels per inch, for
/// comparing how two pages look.
pub fn pixels(page: &Page, ppi: f32) -> Vec<u8> {
    typst_render::render(page, &options(ppi)).take()
}

/// Renders every page as PNG bytes at `ppi` pixels per inch.
///
/// # Errors
/// A diagnostic when a page cannot be encoded.
pub fn pngs(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Diagnostic> {
    document.pages().iter().map(|page| png(page, ppi)).collect()
}

/// The page without its bleed, at `ppi` pixels per inch.
fn options(ppi: f32) -> typst_render::RenderOptions {
    typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    }
}

fn cannot_encode(err: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(Code::Png, format!("cannot encode a page as PNG: {err}"))
}
