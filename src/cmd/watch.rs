//! `bilan watch`: build, then rebuild on every change until Ctrl-C.

use std::path::{Path, PathBuf};

use crate::cli::WatchArgs;
use crate::cmd::Failure;
use crate::cmd::status;
use crate::diag::{self, display_path};
use crate::watch::{Builder, Change, Outcome, Report, Session, watch};

/// Builds once, then rebuilds after each change, printing one line per build.
///
/// # Errors
/// Folders that cannot be watched.
pub fn run(args: &WatchArgs) -> Result<(), Failure> {
    let options = args.options();
    let mut session = Session::new(options.clone(), args.out_path());
    if !args.fit.fresh {
        session = session.keep_fittings();
    }
    let mut terminal = Terminal {
        out: args.out_path(),
    };
    let first = Change::default();
    terminal.outcome(&first, &session.build(&first, &|| false, None));
    let builder = Builder::spawn(session, terminal);
    status("Watching", "sources/, layouts/, fonts/ (Ctrl-C to stop)");
    watch(&options, |change| builder.submit(change))?;
    drop(builder);
    status("Stopped", "");
    Ok(())
}

/// Reports each build on the terminal.
pub(crate) struct Terminal {
    /// The PDF kept up to date.
    pub(crate) out: PathBuf,
}

impl Report for Terminal {
    fn outcome(&mut self, change: &Change, outcome: &Outcome) {
        report(outcome, &describe(change), &self.out);
    }
}

/// The changed files, as one line (files that vanished, like an editor's
/// temporary files, are left out when others remain); « first build » when
/// there are none.
pub(crate) fn describe(change: &Change) -> String {
    if change.paths.is_empty() {
        return "first build".to_owned();
    }
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
        Outcome::Superseded => status(
            "Superseded",
            &format!("{what}: a newer edit arrived, its build follows"),
        ),
    }
}
