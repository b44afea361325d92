//! `bilan export --typst DIR`: a standalone Typst project of the brochure.

use std::path::Path;

use crate::cli::ExportArgs;
use crate::cmd::{Failure, status};
use crate::diag::{Diagnostic, display_path};
use crate::error::Error;
use crate::files::files_under;
use crate::pipeline::{Options, Pipeline};
use crate::render;
use crate::world::ENTRY_LAYOUT;

/// Writes every file the layouts read (layouts, `content.json`,
/// `edition.json`, pictures), the fonts, and a `main.typ`.
///
/// # Errors
/// Invalid sources, unreadable fonts, an unwritable folder.
pub fn run(args: &ExportArgs) -> Result<(), Failure> {
    let options = Options {
        root: args.project.root.clone(),
        sources: args.project.sources_dir(),
        profile: args.profile.into(),
        marks: false,
        departement: None,
    };
    let mut pipeline = Pipeline::load(options)?;
    // Typeset once, so that the exported /layout.json holds the pagination
    // fitted for these sources (balanced pages, « Notes » pages).
    pipeline.typeset()?;
    let dir = &args.typst;
    let mut count = 0;
    for (virtual_path, bytes) in pipeline.world().files() {
        write(&dir.join(virtual_path.trim_start_matches('/')), &bytes)?;
        count += 1;
    }
    let fonts = args.project.root.join("fonts");
    count += copy_fonts(&fonts, &dir.join("fonts"))?;
    let main = format!(
        "// The brochure, exported by bilan. Compile with:\n// typst compile --ignore-system-fonts --font-path fonts main.typ\n#include \"{ENTRY_LAYOUT}\"\n"
    );
    write(&dir.join("main.typ"), main.as_bytes())?;
    status(
        "Exported",
        &format!(
            "{} files to {} (compile with `typst compile --ignore-system-fonts --font-path fonts main.typ`)",
            count + 1,
            display_path(dir)
        ),
    );
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    Ok(render::write_atomic(path, bytes).map_err(Error::CannotRun)?)
}

/// Copies the font files and their licences; returns how many.
fn copy_fonts(from: &Path, to: &Path) -> Result<usize, Failure> {
    let files = files_under(from).map_err(Error::CannotRun)?;
    for path in &files {
        let relative = path.strip_prefix(from).unwrap_or(path);
        let bytes = std::fs::read(path)
            .map_err(|err| Error::CannotRun(Diagnostic::unreadable(path, &err)))?;
        write(&to.join(relative), &bytes)?;
    }
    Ok(files.len())
}
