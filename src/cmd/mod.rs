//! One module per subcommand: options in, library calls, `Result` out.

pub mod build;
pub mod check;
pub mod completions;
pub mod diff;
pub mod editions;
pub mod export;
pub mod find;
pub mod new;
pub mod preflight;
pub mod schema;
pub mod serve;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::cli::DiagnosticFormat;
use crate::diag::{Code, Diagnostic, codes};
use crate::error::Error;
use crate::files::files_under;
use crate::render;

/// How a command failed; [`crate::run`] prints it and picks the exit code.
#[derive(Debug)]
pub enum Failure {
    /// An error of the library, not printed yet.
    Error(Error),
    /// The command already printed its findings; they are of this kind.
    Reported(Reported),
}

/// What a command that printed its own findings found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// Invalid input (or warnings denied).
    Invalid,
    /// The command could not run.
    CannotRun,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Error(err)
    }
}

/// Prints a progress line on standard error, cargo-style.
pub(crate) fn status(verb: &str, what: &str) {
    eprintln!("{verb:>12} {what}");
}

/// Prints `codes` on standard output, as `--codes` does: one aligned line
/// each (code, severity, what it finds), or one JSON object each.
pub(crate) fn print_codes(codes: &[Code], format: DiagnosticFormat) {
    match format {
        DiagnosticFormat::Human => print!("{}", codes::listing(codes)),
        DiagnosticFormat::Json => {
            for code in codes {
                println!("{}", code.to_json());
            }
        }
    }
}

/// A file size for people: KiB or MiB.
#[expect(
    clippy::cast_precision_loss,
    reason = "a file size shown to one decimal"
)]
pub(crate) fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Writes a file atomically (see [`render::write_atomic`]).
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    Ok(render::write_atomic(path, bytes).map_err(Error::CannotRun)?)
}

/// Copies every file under `from` to the same place under `to`; returns how
/// many.
pub(crate) fn copy_tree(from: &Path, to: &Path) -> Result<usize, Failure> {
    let files = files_under(from).map_err(Error::CannotRun)?;
    copy_files(&files, from, to)?;
    Ok(files.len())
}

/// Copies `files`, listed under `from`, to the same places under `to`.
pub(crate) fn copy_files(files: &[PathBuf], from: &Path, to: &Path) -> Result<(), Failure> {
    for path in files {
        let relative = path.strip_prefix(from).unwrap_or(path);
        let bytes = std::fs::read(path)
            .map_err(|err| Error::CannotRun(Diagnostic::unreadable(path, &err)))?;
        write(&to.join(relative), &bytes)?;
    }
    Ok(())
}
