//! `bilan export --typst DIR`: a standalone Typst project of the brochure.

use crate::cli::ExportArgs;
use crate::cmd::{Failure, copy_tree, status, write};
use crate::diag::display_path;
use crate::pipeline::{Options, Pipeline};
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
    pipeline.keep_fittings();
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
    count += copy_tree(&fonts, &dir.join("fonts"))?;
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
