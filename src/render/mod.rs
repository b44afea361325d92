//! Typesetting and export: compile the world, export the PDF (or PNG pages),
//! write files atomically. Nothing here prints; problems come back as
//! diagnostics.

mod bleed;
mod pdf;
mod pictures;
mod png;
mod write;

pub use pdf::{PdfSettings, pdf};
pub use pictures::{Placement, downsample, placements};
pub use png::{pixels, png, pngs, preview_png};
pub use write::write_atomic;

use std::ops::Range;

use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::syntax::DiagSpan;
use typst::{World, WorldExt};
use typst_layout::PagedDocument;

use crate::diag::{Code, Diagnostic, SourceFile};
use crate::world::BilanWorld;

/// A typeset brochure and the warnings Typst raised while typesetting it.
#[derive(Clone)]
pub struct Typeset {
    /// The laid-out pages.
    pub document: PagedDocument,
    /// Warnings from the layouts.
    pub warnings: Vec<Diagnostic>,
}

/// Typesets the brochure.
///
/// # Errors
/// The errors raised by the layouts, mapped to their `.typ` file and line.
pub fn compile(world: &BilanWorld) -> Result<Typeset, Vec<Diagnostic>> {
    let Warned { output, warnings } = typst::compile::<PagedDocument>(world);
    let warnings = convert(world, &warnings);
    match output {
        Ok(document) => Ok(Typeset { document, warnings }),
        Err(errors) => {
            let mut all = convert(world, &errors);
            all.extend(warnings);
            Err(all)
        }
    }
}

/// The file and byte range a Typst span points at.
fn locate(world: &BilanWorld, span: impl Into<DiagSpan>) -> Option<(SourceFile, Range<usize>)> {
    let span = span.into();
    let id = span.id()?;
    let range = world.range(span)?;
    let text = match world.source(id) {
        Ok(source) => source.text().to_owned(),
        Err(_) => String::from_utf8_lossy(world.file(id).ok()?.as_slice()).into_owned(),
    };
    let file = SourceFile {
        name: world.display_name(id),
        text: text.into(),
    };
    Some((file, range))
}

/// Maps Typst diagnostics to ours, with the `.typ` file, line and column.
pub(crate) fn convert(world: &BilanWorld, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let code = match d.severity {
                TypstSeverity::Error => Code::Layout,
                TypstSeverity::Warning => Code::LayoutWarning,
            };
            let mut diagnostic = Diagnostic::new(code, d.message.as_str());
            diagnostic.hints = d.hints.iter().map(|h| h.v.to_string()).collect();
            if let Some((file, range)) = locate(world, d.span) {
                diagnostic = diagnostic.at(file, range);
            }
            for point in &d.trace {
                let place = locate(world, point.span)
                    .map(|(file, range)| {
                        let (line, column) = file.line_column(range.start);
                        format!(" ({}:{line}:{column})", file.name)
                    })
                    .unwrap_or_default();
                diagnostic.hints.push(format!("{}{place}", point.v));
            }
            diagnostic
        })
        .collect()
}
