//! Atomic file writes: a failed build never leaves a truncated file.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, display_path};

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so that `path` is either the old file or the complete new one.
///
/// # Errors
/// A diagnostic when the folder cannot be created or the file written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let failed = |err: std::io::Error| {
        Diagnostic::new(
            Code::Write,
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
