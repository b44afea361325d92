//! Content: the sources as written ([`file`](mod@file)), validated into the typed
//! brochure ([`model`]) in one pass that `bilan check` and `bilan build`
//! share, and the inline markup and French typography of its texts.

mod block;
pub mod brand;
mod date;
mod defaults;
pub mod departements;
pub mod file;
mod geojson;
pub mod keys;
mod layout;
mod local;
pub mod markup;
pub mod model;
pub mod one_or_many;
mod picture;
mod profile;
mod project;
mod read;
pub mod search;
mod style;
pub mod territories;
mod text;
pub mod typography;
mod validate;
mod walk;

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

pub use local::{EditoShown, LeafletRules, LocalData, LocalFile, Territory};
pub use picture::PICTURES_ROOT;
pub use project::{Brochure, PictureSource, Project};
pub use text::Text;
pub use walk::{Role, TextSite};

pub(crate) use validate::describe;

use crate::diag::{Code, Diagnostic, display_path};
use crate::error::Error;
use crate::fonts::Coverage;
use validate::Validator;

/// The name of the main source file inside `sources/`.
pub const MANIFEST_FILE: &str = "bilan.toml";

/// The folder of the local editions' own texts, inside `sources/`.
pub const EDITIONS_DIR: &str = "editions";

/// Reads and validates every source file under `dir`: `bilan.toml`, then
/// each chapter file it lists. Every file is read even when an earlier one
/// failed, so that one run reports every problem; each names its file, line
/// and column. `coverage` says which characters the fonts can print.
///
/// # Errors
/// [`Error::CannotRun`] when a file cannot be read, [`Error::Invalid`] with
/// every problem found.
pub fn load(dir: &Path, coverage: &Coverage) -> Result<Project, Error> {
    sources_exist(dir)?;
    let (manifest_file, manifest) = read::parse_file::<file::Manifest>(&dir.join(MANIFEST_FILE))?;
    let mut diagnostics = Vec::new();
    let mut manifest = match manifest {
        Ok(manifest) => manifest,
        Err(diagnostic) => return Err(Error::Invalid(vec![diagnostic])),
    };
    let chapter_names = manifest.chapters.clone();
    let territories = Arc::new(validate::territories(
        &manifest_file,
        dir,
        coverage,
        manifest.territories.take(),
        &mut diagnostics,
    ));
    let manifest = Validator::new(
        &manifest_file,
        dir,
        coverage,
        &territories,
        &mut diagnostics,
    )
    .manifest(manifest);
    let families: Vec<String> = manifest.callouts.keys().cloned().collect();

    let mut chapters = Vec::new();
    let mut chapter_files = Vec::new();
    for entry in &chapter_names {
        let Some(path) = chapter_path(dir, entry.get_ref()) else {
            diagnostics.push(
                Diagnostic::new(
                    Code::ChapterPath,
                    format!("`{}` is not a file name inside `sources/`", entry.get_ref()),
                )
                .at(manifest_file.clone(), entry.span())
                .hint("list chapter files by their name, e.g. `\"01-solidarite-humaine.toml\"`"),
            );
            continue;
        };
        if !path.is_file() {
            diagnostics.push(
                Diagnostic::new(
                    Code::ChapterMissing,
                    format!("the chapter file `{}` does not exist", display_path(&path)),
                )
                .at(manifest_file.clone(), entry.span())
                .hint("create the file, or remove it from `chapters` in bilan.toml"),
            );
            continue;
        }
        let (file, chapter) = read::parse_file::<file::Chapter>(&path)?;
        match chapter {
            Ok(chapter) => {
                let chapter = Validator::new(&file, dir, coverage, &territories, &mut diagnostics)
                    .with_families(families.clone())
                    .chapter(chapter);
                chapters.push(chapter);
                chapter_files.push(file);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let brochure = Brochure::new(manifest, chapters, territories);
    if brochure.manifest.index.is_some() && brochure.departements.is_empty() {
        let header = manifest_file.text.find("[index]").unwrap_or(0);
        diagnostics.push(
            Diagnostic::new(
                Code::IndexEmpty,
                "the index of the départements has nothing to list: no text cites one",
            )
            .at(manifest_file.clone(), header..header + "[index]".len())
            .hint("cite départements as « Haute-Garonne (31) » or with `departements = [\"31\"]`, or remove `[index]`"),
        );
    }
    let local_files = load_local_files(dir, &brochure, coverage, &mut diagnostics)?;
    if diagnostics.is_empty() {
        Ok(Project {
            brochure,
            manifest_file,
            chapter_files,
            dir: dir.to_path_buf(),
            local_files,
        })
    } else {
        Err(Error::Invalid(diagnostics))
    }
}

/// Reads and validates the local editions' files, `sources/editions/*.toml`,
/// each named after a département's code or a group of `[editions]`.
fn load_local_files(
    dir: &Path,
    brochure: &Brochure,
    coverage: &Coverage,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<LocalFile>, Error> {
    let folder = dir.join(EDITIONS_DIR);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut local_files = Vec::new();
    let paths = crate::files::files_under(&folder).map_err(Error::CannotRun)?;
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let (file, raw) = read::parse_file::<file::LocalEdition>(path)?;
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let key = if brochure.manifest.editions.contains_key(&stem) {
            Some(stem.clone())
        } else {
            brochure
                .territories
                .by_code(&stem.to_uppercase())
                .map(|d| d.code.clone())
        };
        let Some(key) = key else {
            diagnostics.push(
                Diagnostic::new(
                    Code::EditionFile,
                    format!("`{stem}` is neither a département's code nor a group of `[editions]`"),
                )
                .at(file.clone(), 0..0)
                .hint("name the file after the edition it belongs to: `33.toml` for la Gironde, or `<group>.toml` for a group declared in bilan.toml"),
            );
            continue;
        };
        match raw {
            Ok(raw) => {
                let content =
                    Validator::new(&file, dir, coverage, &brochure.territories, diagnostics)
                        .local_edition(raw);
                local_files.push(LocalFile { key, file, content });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    Ok(local_files)
}

/// Whether the sources folder exists, the first thing to know.
///
/// # Errors
/// [`Error::CannotRun`] when it does not.
pub fn sources_exist(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::CannotRun(
            Diagnostic::new(
                Code::SourcesMissing,
                format!("the sources folder `{}` does not exist", display_path(dir)),
            )
            .hint("run `bilan` from the repository root, or pass `--sources <DIR>`"),
        ))
    }
}

/// The path of a chapter file named in `chapters`, if the name is a plain
/// file name inside `sources/`.
fn chapter_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (plain && !name.is_empty()).then(|| dir.join(relative))
}
