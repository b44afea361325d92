//! Typesetting and export: compile the world, write the PDF (or PNG pages)
//! atomically. Nothing here prints; problems come back as diagnostics.

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::syntax::DiagSpan;
use typst::utils::Scalar;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::content::Date;
use crate::diag::{Diagnostic, Severity, SourceFile, display_path};
use crate::world::BilanWorld;

/// A typeset brochure and the warnings Typst raised while typesetting it.
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

/// Exports the document as PDF bytes; the same document and date always give
/// the same bytes.
///
/// # Errors
/// The export errors raised by Typst.
pub fn pdf(
    world: &BilanWorld,
    document: &PagedDocument,
    date: Date,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let timestamp =
        Datetime::from_ymd_hms(date.year, date.month, date.day, 12, 0, 0).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(format!("bilan-{date}")),
        creator: Smart::Custom(Some(format!("bilan {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| convert(world, &errors))
}

/// Renders each page as PNG bytes at `ppi` pixels per inch.
///
/// # Errors
/// A diagnostic when a page cannot be encoded.
pub fn pngs(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &options)
                .encode_png()
                .map_err(|err| {
                    Diagnostic::error("png", format!("cannot encode a page as PNG: {err}"))
                })
        })
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so that `path` is either the old file or the complete new one.
///
/// # Errors
/// A diagnostic when the folder cannot be created or the file written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let failed = |err: std::io::Error| {
        Diagnostic::error(
            "write",
            format!("cannot write `{}`: {err}", display_path(path)),
        )
        .hint("check that the output folder is writable; the previous file was left untouched")
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(failed)?;
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(failed)
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
fn convert(world: &BilanWorld, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                TypstSeverity::Error => Severity::Error,
                TypstSeverity::Warning => Severity::Warning,
            };
            let mut diagnostic = Diagnostic {
                severity,
                code: "layout",
                message: d.message.to_string(),
                location: None,
                hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            };
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
                diagnostic.hints.push(format!("while {}{place}", point.v));
            }
            diagnostic
        })
        .collect()
}
