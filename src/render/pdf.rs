//! PDF export: standards, reproducible metadata, and the print boxes.

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::bleed::add_bleed_boxes;
use super::convert;
use crate::content::model::Date;
use crate::content::model::Standard;
use crate::diag::{Code, Diagnostic};
use crate::world::BilanWorld;

/// One millimetre in PDF points.
const MM: f64 = 72.0 / 25.4;

/// How to export the PDF.
#[derive(Debug, Clone)]
pub struct PdfSettings<'a> {
    /// The publication date: the PDF's creation date and identifier.
    pub date: Date,
    /// The standards to claim (and have Typst validate).
    pub standards: &'a [Standard],
    /// The bleed on every side, in millimetres; when it is not zero, every
    /// page gets a `BleedBox` that large around its `TrimBox`.
    pub bleed_mm: f64,
}

/// Exports the document as PDF bytes; the same document and settings always
/// give the same bytes.
///
/// # Errors
/// The export errors raised by Typst (e.g. a violated standard).
pub fn pdf(
    world: &BilanWorld,
    document: &PagedDocument,
    settings: &PdfSettings,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let date = settings.date;
    let timestamp =
        Datetime::from_ymd_hms(date.year, date.month, date.day, 12, 0, 0).map(Timestamp::new_utc);
    let standards: Vec<PdfStandard> = settings
        .standards
        .iter()
        .map(|s| match s {
            Standard::A2b => PdfStandard::A_2b,
            Standard::Ua1 => PdfStandard::Ua_1,
        })
        .collect();
    let standards = PdfStandards::new(&standards).map_err(|err| {
        vec![
            Diagnostic::new(Code::PdfStandards, err.message().to_string())
                .hint("keep at most one PDF/A and one PDF/UA standard in the profile"),
        ]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(format!("bilan-{date}")),
        creator: Smart::Custom(Some(format!("bilan {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        standards,
        ..PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(document, &options).map_err(|errors| convert(world, &errors))?;
    if settings.bleed_mm > 0.0 {
        add_bleed_boxes(&bytes, settings.bleed_mm * MM).map_err(|err| {
            vec![Diagnostic::new(
                Code::PdfBoxes,
                format!("cannot add the bleed boxes: {err}"),
            )]
        })
    } else {
        Ok(bytes)
    }
}
