//! `bilan watch`: build, then rebuild on every change until Ctrl-C.

use std::path::Path;

use crate::cli::WatchArgs;
use crate::cmd::Failure;
use crate::cmd::status;
use crate::diag::{self, display_path};
use crate::watch::{Change, Outcome, Session, watch};

/// Builds once, then rebuilds after each change, printing one line per build.
///
/// # Errors
/// Folders that cannot be watched.
pub fn run(args: &WatchArgs) -> Result<(), Failure> {
    let options = args.options();
    let mut session = Session::new(options.clone(), args.out_path());
    report(
        &session.build(&Change::default()),
        "first build",
        session.out(),
    );
    status("Watching", "sources/, layouts/, fonts/ (Ctrl-C to stop)");
    watch(&options, |change| {
        report(&session.build(&change), &describe(&change), session.out());
    })?;
    status("Stopped", "");
    Ok(())
}

/// The changed files, as one line (files that vanished, like an editor's
/// temporary files, are left out when others remain).
pub(crate) fn describe(change: &Change) -> String {
    let existing: Vec<_> = change.paths.iter().filter(|p| p.exists()).collect();
    let shown = if existing.is_empty() {
        change.paths.iter().collect()
    } else {
        existing
    };
    shown
        .iter()
        .map(|p| display_path(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Prints the one-line summary of a build (or its errors).
pub(crate) fn report(outcome: &Outcome, what: &str, out: &Path) {
    match outcome {
        Outcome::Built(build) => {
            if build.warnings_changed {
                diag::print(&build.warnings);
            }
            let pages = build.document.pages().len();
            let changed = match build.changed_pages.len() {
                0 => "no page changed".to_owned(),
                n if n == pages => format!("all {pages} pages"),
                _ => format!(
                    "pages {} changed",
                    build
                        .changed_pages
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            status(
                "Rebuilt",
                &format!(
                    "{what}: {changed}, {} ms → {}",
                    build.elapsed.as_millis(),
                    display_path(out)
                ),
            );
        }
        Outcome::Failed(diagnostics) => {
            diag::print(diagnostics);
            status("Failed", &format!("{what}: the last good PDF is kept"));
        }
    }
}
