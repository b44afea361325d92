//! `bilan build`: sources → PDF or PNG pages.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::{BuildArgs, Format};
use crate::cmd::editions;
use crate::cmd::{Failure, human_size, status};
use crate::content::model::ProfileName;
use crate::diag::{self, display_path};
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::render;

/// Builds the brochure as `args` say, reporting progress on standard error.
///
/// # Errors
/// Invalid sources or layouts, or an output that cannot be written.
pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    if args.all_editions {
        return editions::run(args);
    }
    let started = Instant::now();
    let options = args.options();
    status("Loading", &display_path(&options.sources));
    let mut pipeline = Pipeline::load(options)?;
    if !args.fit.fresh {
        pipeline.keep_fittings();
    }
    let territory = pipeline.territory().map(|t| t.key.clone());
    status("Typesetting", "layouts/bilan.typ");
    let built = pipeline.typeset()?;
    diag::print(&built.warnings);
    status("Paginated", &built.fit.summary());
    let pages = built.document.pages().len();

    let (out, bytes) = match args.format {
        Format::Pdf => {
            let out = args.out.clone().unwrap_or_else(|| match &territory {
                Some(key) => args.profile.local_pdf(key),
                None => args.profile.default_pdf(),
            });
            let pdf = pipeline.pdf(&built.document)?;
            render::write_atomic(&out, &pdf).map_err(Error::CannotRun)?;
            (out, pdf.len())
        }
        Format::Png => {
            let out = args.out.clone().unwrap_or_else(|| {
                let profile = ProfileName::from(args.profile).as_str();
                PathBuf::from(match &territory {
                    Some(key) => format!("build/pages-{key}-{profile}"),
                    None => format!("build/pages-{profile}"),
                })
            });
            let images = render::pngs(&built.document, args.ppi).map_err(Error::CannotRun)?;
            let mut total = 0;
            for (index, png) in images.iter().enumerate() {
                render::write_atomic(&page_file(&out, index), png).map_err(Error::CannotRun)?;
                total += png.len();
            }
            remove_stale_pages(&out, images.len());
            (out, total)
        }
    };
    status(
        "Finished",
        &format!(
            "{}: {pages} pages, {}, in {:.2} s{}",
            display_path(&out),
            human_size(bytes),
            started.elapsed().as_secs_f64(),
            if built.kept {
                " (the pages fitted as the last build of these sources, checked)"
            } else {
                ""
            }
        ),
    );
    Ok(())
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
