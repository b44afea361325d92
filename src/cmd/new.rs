//! `bilan new DIR`: another brochure, ready to write and to build. A starter
//! `sources/` (a `bilan.toml` and one chapter file, with the JSON Schemas
//! editors read) that `bilan check` finds clean, and a copy of the layouts
//! and fonts of the project it is run from.

use std::path::Path;

use crate::cli::{NewArgs, SchemaKind};
use crate::cmd::schema::schema;
use crate::cmd::{Failure, copy_files, status, write};
use crate::diag::{Code, Diagnostic, display_path};
use crate::error::Error;
use crate::files::files_under;

/// The starter files of `sources/`: name and text. The chapter file's name
/// is the one `chapters` of the starter `bilan.toml` lists.
const STARTER: [(&str, &str); 2] = [
    ("bilan.toml", include_str!("new/bilan.toml")),
    (
        "01-premiere-partie.toml",
        include_str!("new/01-premiere-partie.toml"),
    ),
];

/// The schemas written beside the starter files, as their `#:schema` lines
/// name them.
const SCHEMAS: [(&str, SchemaKind); 3] = [
    ("bilan.schema.json", SchemaKind::Manifest),
    ("chapter.schema.json", SchemaKind::Chapter),
    ("edition.schema.json", SchemaKind::Edition),
];

/// Writes the new brochure's folder.
///
/// # Errors
/// A folder that is not empty, a project without `layouts/` or `fonts/`, an
/// unwritable folder. Nothing is written before the first two are ruled out.
pub fn run(args: &NewArgs) -> Result<(), Failure> {
    let dir = &args.dir;
    refuse_if_not_empty(dir)?;
    // Listed before anything is written: a root without them writes nothing.
    let mut copied = Vec::new();
    for folder in ["layouts", "fonts"] {
        let from = args.root.join(folder);
        let files = files_under(&from).map_err(|err| {
            Error::CannotRun(err.hint(
                "run `bilan new` from the folder of a brochure, or name it with `--root`: its layouts and fonts are copied",
            ))
        })?;
        copied.push((folder, from, files));
    }
    let sources = dir.join("sources");
    for (name, text) in STARTER {
        write(&sources.join(name), text.as_bytes())?;
    }
    for (name, kind) in SCHEMAS {
        write(
            &sources.join(name),
            format!("{}\n", schema(kind)).as_bytes(),
        )?;
    }
    let mut summary = format!(
        "{}: sources/ ({} files to write in, {} schemas)",
        display_path(dir),
        STARTER.len(),
        SCHEMAS.len()
    );
    for (folder, from, files) in &copied {
        copy_files(files, from, &dir.join(folder))?;
        summary.push_str(&format!(", {folder}/ ({} files)", files.len()));
    }
    status("Created", &summary);
    status(
        "Next",
        &format!(
            "in {}, edit sources/, then `bilan check` and `bilan build` (writes build/bilan-print.pdf)",
            display_path(dir)
        ),
    );
    Ok(())
}

/// Refuses a path that is a file, or a folder with anything in it: `bilan
/// new` never overwrites a file.
fn refuse_if_not_empty(dir: &Path) -> Result<(), Failure> {
    let occupied = if dir.is_dir() {
        std::fs::read_dir(dir)
            .map_err(|err| Error::CannotRun(Diagnostic::unreadable(dir, &err)))?
            .next()
            .is_some()
    } else {
        dir.exists()
    };
    if occupied {
        return Err(Error::CannotRun(
            Diagnostic::new(
                Code::FolderNotEmpty,
                format!("`{}` already exists and is not an empty folder", display_path(dir)),
            )
            .hint("name a new folder: `bilan new` writes a whole brochure there and never overwrites a file"),
        )
        .into());
    }
    Ok(())
}
