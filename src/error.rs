//! The error of the library's operations: what went wrong, as diagnostics.
//! How a failure ends the process (its exit code) is decided by the command
//! line alone, in [`crate::run`].

use crate::diag::Diagnostic;

/// Why an operation failed.
#[derive(Debug, Clone)]
pub enum Error {
    /// The input (sources, layouts) is wrong: every problem found.
    Invalid(Vec<Diagnostic>),
    /// The operation could not run at all: a missing folder, an unreadable
    /// or unwritable file.
    CannotRun(Diagnostic),
    /// A newer edit arrived while `watch` or `serve` was building: the
    /// result would be stale, and the build stopped (no command that builds
    /// once asks for this).
    Superseded,
}

impl Error {
    /// Every diagnostic of the error.
    pub fn diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Error::Invalid(diagnostics) => diagnostics,
            Error::CannotRun(diagnostic) => vec![diagnostic],
            Error::Superseded => Vec::new(),
        }
    }
}
