//! `bilan serve`: the watcher plus a live preview in the browser.

use std::sync::Arc;

use crate::cli::ServeArgs;
use crate::cmd::Failure;
use crate::cmd::status;
use crate::cmd::watch::{describe, report};
use crate::diag::{self, Diagnostic};
use crate::error::Error;
use crate::serve::{self, Shared};
use crate::watch::{Change, Session, watch};

/// Serves the preview on 127.0.0.1 and rebuilds on every change until Ctrl-C.
///
/// # Errors
/// A port that cannot be bound, folders that cannot be watched.
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    let options = args.watch.options();
    let address = format!("127.0.0.1:{}", args.port);
    let shared = Arc::new(Shared::default());
    serve::start(&address, Arc::clone(&shared)).map_err(|err| {
        Error::CannotRun(
            Diagnostic::error("serve", format!("cannot listen on {address}: {err}"))
                .hint("another program uses this port: pick another one with `--port`"),
        )
    })?;
    let mut session = Session::new(options.clone(), args.watch.out_path());
    let mut rebuild = |change: &Change, what: &str| {
        let outcome = session.build(change);
        report(&outcome, what, session.out());
        if let Err(diagnostic) = shared.update(&outcome) {
            diag::print(&[diagnostic]);
        }
    };
    rebuild(&Change::default(), "first build");
    status("Serving", &format!("http://{address}/ (Ctrl-C to stop)"));
    watch(&options, |change| rebuild(&change, &describe(&change)))?;
    status("Stopped", "");
    Ok(())
}
