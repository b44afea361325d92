//! Pictures as placed on the pages: their effective resolution (preflight
//! for print) and their downsampling (screen edition).

use std::collections::BTreeMap;
use std::io::Cursor;

use image::{ImageFormat, ImageReader, imageops::FilterType};
use typst::layout::{Frame, FrameItem};
use typst::visualize::ImageKind;
use typst_layout::PagedDocument;

use crate::world::BilanWorld;

/// A picture of the sources as placed in the document (at its widest, when
/// it is placed more than once).
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Where the layouts found it.
    pub virtual_path: String,
    /// Its size in pixels.
    pub pixels: (u32, u32),
    /// Its placed width, in points.
    pub width_pt: f64,
}

impl Placement {
    /// Pixels per inch at the placed size.
    pub fn ppi(&self) -> f64 {
        f64::from(self.pixels.0) / (self.width_pt / 72.0)
    }

    /// The width in pixels the picture needs for `ppi` at its placed size.
    pub fn pixels_for(&self, ppi: f64) -> u32 {
        let pixels = (self.width_pt / 72.0 * ppi).ceil();
        if pixels >= f64::from(u32::MAX) {
            u32::MAX
        } else {
            // In range and non-negative: a placed width is positive.
            pixels.max(1.0) as u32
        }
    }
}

/// Every picture of the sources placed in the document, by virtual path.
pub fn placements(world: &BilanWorld, document: &PagedDocument) -> Vec<Placement> {
    let mut found: BTreeMap<String, Placement> = BTreeMap::new();
    for page in document.pages() {
        collect(world, &page.frame, &mut found);
    }
    found.into_values().collect()
}

fn collect(world: &BilanWorld, frame: &Frame, found: &mut BTreeMap<String, Placement>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect(world, &group.frame, found),
            FrameItem::Image(image, size, _) => {
                let ImageKind::Raster(raster) = image.kind() else {
                    continue;
                };
                let Some(virtual_path) = world.path_of_bytes(raster.data()) else {
                    continue;
                };
                let placement = Placement {
                    virtual_path: virtual_path.clone(),
                    pixels: (raster.width(), raster.height()),
                    width_pt: size.x.to_pt(),
                };
                found
                    .entry(virtual_path)
                    .and_modify(|p| {
                        if placement.width_pt > p.width_pt {
                            p.width_pt = placement.width_pt;
                        }
                    })
                    .or_insert(placement);
            }
            _ => {}
        }
    }
}

/// Scales a JPEG or PNG picture down to `width` pixels (keeping its aspect
/// ratio) and encodes it again in its own format.
///
/// # Errors
/// A message when the picture cannot be decoded or encoded.
pub fn downsample(bytes: &[u8], width: u32) -> Result<Vec<u8>, String> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|err| err.to_string())?;
    let format = reader.format().ok_or("unknown picture format")?;
    let picture = reader.decode().map_err(|err| err.to_string())?;
    let height = (u64::from(picture.height()) * u64::from(width)
        / u64::from(picture.width().max(1)))
    .clamp(1, u64::from(u32::MAX));
    let height = u32::try_from(height).unwrap_or(u32::MAX);
    let smaller = picture.resize_exact(width, height, FilterType::Lanczos3);
    let mut out = Cursor::new(Vec::new());
    match format {
        ImageFormat::Jpeg => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            smaller.to_rgb8().write_with_encoder(encoder)
        }
        _ => smaller.write_to(&mut out, ImageFormat::Png),
    }
    .map_err(|err| err.to_string())?;
    Ok(out.into_inner())
}
