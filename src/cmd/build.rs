//! `bilan build`: sources → PDF or PNG pages.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::{BuildArgs, Format, ProfileName};
use crate::content::Project;
use crate::content::model::ColorModel;
use crate::diag::{self, Diagnostic, display_path};
use crate::render::{PdfSettings, Placement};
use crate::world::{BilanWorld, Edition};
use crate::{Failure, content, render};

/// Builds the brochure as `args` say, reporting progress on standard error.
///
/// # Errors
/// Invalid sources or layouts, or an output that cannot be written.
pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let sources = args.project.sources_dir();
    status("Loading", &display_path(&sources));
    let project = content::load(&sources)?;

    let profiles = &project.brochure.manifest.profiles;
    let profile = match args.profile {
        ProfileName::Print => &profiles.print,
        ProfileName::Screen => &profiles.screen,
    };
    if args.marks && profile.bleed_mm <= 0.0 {
        diag::print(&[Diagnostic::warning(
            "marks-without-bleed",
            format!(
                "the {} edition has no bleed: `--marks` is ignored",
                args.profile.as_str()
            ),
        )
        .hint("crop marks are for the print edition: `bilan build --profile print --marks`")]);
    }
    let edition = Edition {
        profile: args.profile.as_str().to_owned(),
        bleed_mm: profile.bleed_mm,
        marks: args.marks && profile.bleed_mm > 0.0,
        cmyk: profile.colors == ColorModel::Cmyk,
    };
    let mut world =
        BilanWorld::new(&args.project.root, &project, &edition).map_err(Failure::CannotRun)?;
    status("Typesetting", "layouts/bilan.typ");
    let mut typeset = render::compile(&world).map_err(Failure::Invalid)?;
    let placements = render::placements(&world, &typeset.document);
    if let Some(min_ppi) = profile.min_ppi {
        diag::print(&low_resolution_warnings(&project, &placements, min_ppi));
    }
    if let Some(max_ppi) = profile.max_ppi
        && downsample_pictures(&mut world, &project, &placements, max_ppi)? > 0
    {
        status("Typesetting", "again, with the downsampled pictures");
        typeset = render::compile(&world).map_err(Failure::Invalid)?;
    }
    diag::print(&typeset.warnings);
    let pages = typeset.document.pages().len();
    if pages % 4 != 0 {
        diag::print(&[Diagnostic::warning(
            "page-count",
            format!("the brochure has {pages} pages, not a multiple of 4"),
        )
        .hint(format!(
            "a stapled booklet is printed on sheets of 4 pages: the printer would add {} blank page(s); tighten or loosen the text",
            4 - pages % 4
        ))]);
    }

    let (out, bytes) = match args.format {
        Format::Pdf => {
            let out = args.out.clone().unwrap_or_else(|| {
                PathBuf::from(format!("build/bilan-{}.pdf", args.profile.as_str()))
            });
            let settings = PdfSettings {
                date: project.date,
                standards: &profile.standards,
                bleed_mm: profile.bleed_mm,
            };
            let pdf =
                render::pdf(&world, &typeset.document, &settings).map_err(Failure::Invalid)?;
            render::write_atomic(&out, &pdf).map_err(Failure::CannotRun)?;
            (out, pdf.len())
        }
        Format::Png => {
            let out = args
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("build/pages-{}", args.profile.as_str())));
            let images = render::pngs(&typeset.document, args.ppi).map_err(Failure::CannotRun)?;
            let mut total = 0;
            for (index, png) in images.iter().enumerate() {
                render::write_atomic(&page_file(&out, index), png).map_err(Failure::CannotRun)?;
                total += png.len();
            }
            remove_stale_pages(&out, images.len());
            (out, total)
        }
    };
    status(
        "Finished",
        &format!(
            "{}: {pages} pages, {}, in {:.2} s",
            display_path(&out),
            human_size(bytes),
            started.elapsed().as_secs_f64()
        ),
    );
    Ok(())
}

/// A warning for each picture under `min_ppi` at its placed size, pointing
/// at its `image` key.
fn low_resolution_warnings(
    project: &Project,
    placements: &[Placement],
    min_ppi: f64,
) -> Vec<Diagnostic> {
    let sources = project.pictures();
    placements
        .iter()
        .filter(|p| p.ppi() < min_ppi)
        .map(|placement| {
            let source = sources.iter().find(|s| s.virtual_path == placement.virtual_path);
            let name = source.map_or(placement.virtual_path.clone(), |s| display_path(&s.path));
            let (width, height) = placement.pixels;
            let warning = Diagnostic::warning(
                "picture-resolution",
                format!(
                    "the picture `{name}` ({width}×{height} px) is placed {:.1} cm wide: {:.0} ppi, under the {min_ppi:.0} ppi of print",
                    placement.width_pt / 72.0 * 2.54,
                    placement.ppi()
                ),
            )
            .hint(format!(
                "use a picture at least {} px wide, or place it smaller",
                placement.pixels_for(min_ppi)
            ));
            match source {
                Some(s) => warning.at(s.origin.0.clone(), s.origin.1.clone()),
                None => warning,
            }
        })
        .collect()
}

/// Replaces, in the world, each picture over `max_ppi` at its placed size by
/// a copy downsampled to `max_ppi`; returns how many were replaced.
fn downsample_pictures(
    world: &mut BilanWorld,
    project: &Project,
    placements: &[Placement],
    max_ppi: f64,
) -> Result<usize, Failure> {
    let sources = project.pictures();
    let mut replaced = 0;
    for placement in placements.iter().filter(|p| p.ppi() > max_ppi) {
        let Some(source) = sources
            .iter()
            .find(|s| s.virtual_path == placement.virtual_path)
        else {
            continue;
        };
        let cannot = |reason: String| {
            Failure::CannotRun(Diagnostic::error(
                "picture",
                format!(
                    "cannot downsample `{}`: {reason}",
                    display_path(&source.path)
                ),
            ))
        };
        let bytes = std::fs::read(&source.path).map_err(|err| cannot(err.to_string()))?;
        let smaller = render::downsample(&bytes, placement.pixels_for(max_ppi)).map_err(cannot)?;
        world.replace_file(&placement.virtual_path, smaller);
        replaced += 1;
    }
    Ok(replaced)
}

/// `page-01.png`, `page-02.png`… inside `dir`.
fn page_file(dir: &Path, index: usize) -> PathBuf {
    dir.join(format!("page-{:02}.png", index + 1))
}

/// Removes the `page-NN.png` left by an earlier, longer build, so that the
/// folder holds exactly the pages of this one.
fn remove_stale_pages(dir: &Path, pages: usize) {
    let mut index = pages;
    while page_file(dir, index).is_file() {
        let _ = std::fs::remove_file(page_file(dir, index));
        index += 1;
    }
}

fn status(verb: &str, what: &str) {
    eprintln!("{verb:>12} {what}");
}

#[expect(
    clippy::cast_precision_loss,
    reason = "a file size shown to one decimal"
)]
fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}
