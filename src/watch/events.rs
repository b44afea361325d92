//! The file events of the project's folders, batched.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher as _};

use super::Change;
use crate::diag::{Code, Diagnostic};
use crate::error::Error;
use crate::pipeline::Options;

/// How long the events of one save may keep coming: a batch ends when no
/// event arrived for this long. Editors write a file in a few milliseconds
/// (truncate, write, rename); waiting longer only delays the preview.
const QUIET: Duration = Duration::from_millis(25);

/// What ends the wait for changes.
enum Event {
    /// Files changed.
    Files(Vec<PathBuf>),
    /// Ctrl-C: stop.
    Stop,
}

/// Watches the project's folders and calls `on_change` with each batch of
/// changed files until Ctrl-C. A batch ends when no event arrived for
/// `QUIET` (25 ms); reads (which Typst and bilan do themselves) are not
/// changes.
///
/// # Errors
/// A folder that cannot be watched.
pub fn watch(options: &Options, mut on_change: impl FnMut(Change)) -> Result<(), Error> {
    let (tx, rx) = channel();
    let files = tx.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        if let Ok(event) = result
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = files.send(Event::Files(event.paths));
        }
    })
    .map_err(|err| cannot_watch(&options.root, &err))?;
    for dir in [
        options.sources.clone(),
        options.root.join("layouts"),
        options.root.join("fonts"),
    ] {
        watcher
            .watch(&dir, RecursiveMode::Recursive)
            .map_err(|err| cannot_watch(&dir, &err))?;
    }
    // A second Ctrl-C handler cannot be set (tests, embedding): then Ctrl-C
    // simply ends the process, which never leaves a half-written PDF.
    let _ = ctrlc::set_handler(move || {
        let _ = tx.send(Event::Stop);
    });
    let canonical = Options {
        root: std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone()),
        sources: std::fs::canonicalize(&options.sources)
            .unwrap_or_else(|_| options.sources.clone()),
        ..options.clone()
    };
    while let Some(paths) = next_batch(&rx) {
        let change = Change::classify(&canonical, paths);
        if !change.is_empty() {
            on_change(change);
        }
    }
    Ok(())
}

/// Waits for a change, then gathers the events that follow it closely.
/// `None` on Ctrl-C.
fn next_batch(rx: &Receiver<Event>) -> Option<Vec<PathBuf>> {
    let Ok(Event::Files(mut paths)) = rx.recv() else {
        return None;
    };
    loop {
        match rx.recv_timeout(QUIET) {
            Ok(Event::Files(more)) => paths.extend(more),
            Ok(Event::Stop) => return None,
            Err(_) => return Some(paths),
        }
    }
}

fn cannot_watch(path: &Path, err: &dyn std::fmt::Display) -> Error {
    Error::CannotRun(
        Diagnostic::new(
            Code::Watch,
            format!("cannot watch `{}`: {err}", crate::diag::display_path(path)),
        )
        .hint(
            "check that the folder exists; on Linux, raise fs.inotify.max_user_watches if needed",
        ),
    )
}
