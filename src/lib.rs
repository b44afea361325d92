//! `bilan` typesets the brochure « 2015-2021 Changer la vie des territoires »
//! from structured content.
//!
//! Data flows one way, one module per stage:
//! [`content`] (load and validate `sources/`, with the [`fonts`] of
//! `fonts/`) → [`check`] (the lints of `bilan check`) → [`world`] (the
//! Typst world: layouts, fonts, content as data) → [`render`] (compile,
//! export, write) → [`pagination`] (the fitting and the preflight, read from
//! the laid-out pages), driven by [`pipeline`], [`cli`] and [`cmd`].
//! [`diag`] renders every problem the same way; library operations fail
//! with an [`Error`], and only [`run`] turns a failure into an exit code.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod content;
pub mod diag;
pub mod diff;
mod error;
mod files;
pub mod fonts;
pub mod pagination;
pub mod pipeline;
pub mod render;
pub mod serve;
pub mod watch;
pub mod world;

use std::ffi::OsString;
use std::process::ExitCode;

use clap::Parser;

use cmd::Failure;

pub use error::Error;

/// Runs `bilan` with these arguments; the only place that prints errors.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    let result = match cli.command {
        cli::Command::Build(args) => cmd::build::run(&args),
        cli::Command::Check(args) => cmd::check::run(&args),
        cli::Command::Preflight(args) => cmd::preflight::run(&args),
        cli::Command::Schema(args) => cmd::schema::run(&args),
        cli::Command::Watch(args) => cmd::watch::run(&args),
        cli::Command::Serve(args) => cmd::serve::run(&args),
        cli::Command::Export(args) => cmd::export::run(&args),
        cli::Command::New(args) => cmd::new::run(&args),
        cli::Command::Where(args) => cmd::find::run(&args),
        cli::Command::Diff(args) => cmd::diff::run(&args),
        cli::Command::Completions(args) => cmd::completions::run(&args),
        cli::Command::Man => cmd::completions::man(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Error(Error::Invalid(diagnostics))) => {
            diag::print(&diagnostics);
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity() == diag::Severity::Error)
                .count();
            eprintln!("error: the build failed with {errors} error(s); nothing was written");
            ExitCode::from(1)
        }
        Err(Failure::Error(Error::CannotRun(diagnostic))) => {
            diag::print(&[diagnostic]);
            ExitCode::from(2)
        }
        // Only `watch` and `serve` stop a build for a newer edit, and they
        // go on with it: no command ends with this.
        Err(Failure::Error(Error::Superseded)) => ExitCode::SUCCESS,
        Err(Failure::Reported(cmd::Reported::Invalid)) => ExitCode::from(1),
        Err(Failure::Reported(cmd::Reported::CannotRun)) => ExitCode::from(2),
    }
}
