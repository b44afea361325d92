//! Listing the files of a folder, for every stage that reads one: the
//! fonts of `fonts/`, the local editions of `sources/editions/`, the
//! layouts of `layouts/`, and `bilan export`.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// All files under `dir`, recursively, sorted so that the order never
/// depends on the file system.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|err| Diagnostic::unreadable(&current, &err))?;
        for entry in entries {
            let path = entry
                .map_err(|err| Diagnostic::unreadable(&current, &err))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}
