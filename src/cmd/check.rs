//! `bilan check`: load the sources as `bilan build` does (the same
//! validation, fonts included) and run the lints, without typesetting.

use crate::check;
use crate::cli::{CheckArgs, DiagnosticFormat};
use crate::cmd::{Failure, Reported};
use crate::diag::codes::Stage;
use crate::diag::{self, Code, Diagnostic, Severity};
use crate::error::Error;
use crate::pipeline::load_project;

/// Checks the sources as `args` say; prints every finding.
///
/// # Errors
/// [`Reported::Invalid`] when there are errors (or warnings with
/// `--deny-warnings`), a [`Error::CannotRun`] when the sources cannot be read.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    if args.lints || args.codes {
        let stages: &[Stage] = if args.codes {
            &[Stage::Validation, Stage::Lint]
        } else {
            &[Stage::Lint]
        };
        let codes: Vec<Code> = Code::at(stages).collect();
        super::print_codes(&codes, args.format);
        return Ok(());
    }
    let sources = args.project.sources_dir();
    let findings = match load_project(&args.project.root, &sources) {
        Ok((project, _)) => check::lint(&project),
        Err(Error::Invalid(errors)) => errors,
        // Loading is never superseded (only builds in `watch` are).
        Err(Error::Superseded) => Vec::new(),
        Err(Error::CannotRun(diagnostic)) => {
            if args.format == DiagnosticFormat::Json {
                println!("{}", diagnostic.to_json());
                return Err(Failure::Reported(Reported::CannotRun));
            }
            return Err(Failure::Error(Error::CannotRun(diagnostic)));
        }
    };
    let count = |severity| findings.iter().filter(|d| d.severity() == severity).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    match args.format {
        DiagnosticFormat::Json => {
            for finding in &findings {
                println!("{}", finding.to_json());
            }
        }
        DiagnosticFormat::Human => {
            let shown: Vec<Diagnostic> = findings
                .into_iter()
                .filter(|d| args.verbose || d.severity() > Severity::Info)
                .collect();
            diag::print(&shown);
            let hidden = if args.verbose || infos == 0 {
                ""
            } else {
                " (shown with --verbose)"
            };
            eprintln!(
                "checked {}: {errors} error(s), {warnings} warning(s), {infos} info(s){hidden}",
                diag::display_path(&sources)
            );
        }
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        Err(Failure::Reported(Reported::Invalid))
    } else {
        Ok(())
    }
}
