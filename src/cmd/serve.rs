//! `bilan serve`: the watcher plus a live preview in the browser.

use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::cmd::Failure;
use crate::cmd::status;
use crate::cmd::watch::{Terminal, describe};
use crate::error::Error;
use crate::serve::{self, Preview, Shown};
use crate::watch::{Builder, Change, Outcome, Provisional, Report, Session, watch};

/// Serves the preview on 127.0.0.1 and rebuilds on every change until Ctrl-C.
///
/// # Errors
/// A port that cannot be bound, folders that cannot be watched.
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let options = args.watch.options();
    let preview = Preview::new(args.editor.clone());
    serve::start(args.port, Arc::clone(&preview)).map_err(Error::CannotRun)?;
    status(
        "Serving",
        &format!("http://127.0.0.1:{}/ (Ctrl-C to stop)", args.port),
    );
    let mut session = Session::new(options.clone(), args.watch.out_path());
    if !args.watch.fit.fresh {
        session = session.keep_fittings();
    }
    let mut browser = Browser {
        terminal: Terminal {
            out: args.watch.out_path(),
        },
        preview,
    };
    let first = Change::default();
    // The first layout is shown at once, before the fitting.
    let preview = Arc::clone(&browser.preview);
    let show = |provisional: Provisional| {
        preview.show(
            Shown::Provisional,
            provisional.document,
            provisional.project,
        );
    };
    browser.outcome(&first, &session.build(&first, &|| false, Some(&show)));
    let builder = Builder::spawn(session, browser);
    status("Watching", "sources/, layouts/, fonts/ (Ctrl-C to stop)");
    watch(&options, |change| builder.submit(change))?;
    drop(builder);
    status("Stopped", "");
    Ok(())
}

/// Reports each build on the terminal and in the browser.
struct Browser {
    terminal: Terminal,
    preview: Arc<Preview>,
}

impl Report for Browser {
    fn outcome(&mut self, change: &Change, outcome: &Outcome) {
        self.terminal.outcome(change, outcome);
        match outcome {
            Outcome::Built(build) => {
                self.preview
                    .show(Shown::Exact, &build.document, &build.project);
            }
            Outcome::Failed(diagnostics) => self.preview.fail(diagnostics),
            Outcome::Superseded => {}
        }
    }

    fn wants_provisional(&self) -> bool {
        true
    }

    fn provisional(&mut self, change: &Change, provisional: Provisional) {
        self.preview.show(
            Shown::Provisional,
            provisional.document,
            provisional.project,
        );
        status(
            "Provisional",
            &format!(
                "{}: shown in {} ms, laid out with the last fitting (the exact pages follow)",
                describe(change),
                provisional.elapsed.as_millis()
            ),
        );
    }
}
