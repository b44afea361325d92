//! Watching: build once, then rebuild in the same process whenever a file of
//! `sources/`, `layouts/` or `fonts/` changes. The Typst world is kept alive
//! between builds, so only what changed is typeset again. A failed rebuild
//! keeps the last good PDF; the next good save recovers.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::pipeline::{Options, Pipeline};
use crate::render;

/// What a batch of file events touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// A file of the content folder.
    pub sources: bool,
    /// A layout.
    pub layouts: bool,
    /// A font.
    pub fonts: bool,
    /// The files, for the report.
    pub paths: Vec<PathBuf>,
}

impl Change {
    /// Sorts changed paths into what they touch; paths outside the watched
    /// folders are ignored. Pure, so that it can be tested alone.
    pub fn classify(options: &Options, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        let layouts = options.root.join("layouts");
        let fonts = options.root.join("fonts");
        let mut change = Change::default();
        for path in paths {
            let touched = if path.starts_with(&options.sources) {
                &mut change.sources
            } else if path.starts_with(&layouts) {
                &mut change.layouts
            } else if path.starts_with(&fonts) {
                &mut change.fonts
            } else {
                continue;
            };
            *touched = true;
            if !change.paths.contains(&path) {
                change.paths.push(path);
            }
        }
        change
    }

    /// Whether anything watched changed.
    pub fn is_empty(&self) -> bool {
        !(self.sources || self.layouts || self.fonts)
    }
}

/// The result of one build.
pub enum Outcome {
    /// The PDF was written.
    Built(Build),
    /// The build failed; the previous PDF is untouched.
    Failed(Vec<Diagnostic>),
}

/// A successful build.
pub struct Build {
    /// The typeset pages.
    pub document: PagedDocument,
    /// Numbers (1-based) of the pages that differ from the previous build.
    pub changed_pages: Vec<usize>,
    /// Warnings on the way.
    pub warnings: Vec<Diagnostic>,
    /// Whether the warnings differ from the previous build's.
    pub warnings_changed: bool,
    /// How long it took, from the change to the PDF written.
    pub elapsed: Duration,
}

/// Keeps a pipeline alive between builds and writes the PDF after each.
pub struct Session {
    options: Options,
    out: PathBuf,
    pipeline: Option<Pipeline>,
    page_hashes: Vec<u128>,
    warning_messages: Vec<String>,
}

impl Session {
    /// A session that writes the edition of `options` to `out`.
    pub fn new(options: Options, out: PathBuf) -> Self {
        Self {
            options,
            out,
            pipeline: None,
            page_hashes: Vec::new(),
            warning_messages: Vec::new(),
        }
    }

    /// Where the PDF goes.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Builds after `change` (everything, the first time or after a failed
    /// start), writes the PDF, and evicts old entries of Typst's caches.
    pub fn build(&mut self, change: &Change) -> Outcome {
        let started = Instant::now();
        let result = self.typeset_and_write(change);
        typst::comemo::evict(10);
        match result {
            Ok((document, warnings)) => {
                let hashes: Vec<u128> =
                    document.pages().iter().map(typst::utils::hash128).collect();
                let changed_pages = hashes
                    .iter()
                    .enumerate()
                    .filter(|&(i, hash)| self.page_hashes.get(i) != Some(hash))
                    .map(|(i, _)| i + 1)
                    .collect();
                self.page_hashes = hashes;
                let messages: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
                let warnings_changed = messages != self.warning_messages;
                self.warning_messages = messages;
                Outcome::Built(Build {
                    document,
                    changed_pages,
                    warnings,
                    warnings_changed,
                    elapsed: started.elapsed(),
                })
            }
            Err(err) => Outcome::Failed(err.diagnostics()),
        }
    }

    fn typeset_and_write(
        &mut self,
        change: &Change,
    ) -> Result<(PagedDocument, Vec<Diagnostic>), Error> {
        let pipeline = match &mut self.pipeline {
            Some(pipeline) => {
                if change.sources {
                    pipeline.reload_sources()?;
                }
                if change.layouts {
                    pipeline.reload_layouts()?;
                }
                if change.fonts {
                    pipeline.reload_fonts()?;
                }
                pipeline
            }
            None => self.pipeline.insert(Pipeline::load(self.options.clone())?),
        };
        let built = pipeline.typeset()?;
        let pdf = pipeline.pdf(&built.document)?;
        render::write_atomic(&self.out, &pdf).map_err(Error::CannotRun)?;
        Ok((built.document, built.warnings))
    }
}

/// What ends the wait for changes.
pub enum Event {
    /// Files changed.
    Files(Vec<PathBuf>),
    /// Ctrl-C: stop.
    Stop,
}

/// Watches the project's folders and calls `on_change` with each batch of
/// changed files until Ctrl-C. Events are batched until 100 ms pass without
/// a new one; reads (which Typst and bilan do themselves) are not changes.
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
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(Event::Files(more)) => paths.extend(more),
            Ok(Event::Stop) => return None,
            Err(_) => return Some(paths),
        }
    }
}

fn cannot_watch(path: &Path, err: &dyn std::fmt::Display) -> Error {
    Error::CannotRun(
        Diagnostic::error(
            "watch",
            format!("cannot watch `{}`: {err}", crate::diag::display_path(path)),
        )
        .hint(
            "check that the folder exists; on Linux, raise fs.inotify.max_user_watches if needed",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::ProfileName;

    fn options() -> Options {
        Options {
            root: PathBuf::from("/p"),
            sources: PathBuf::from("/p/sources"),
            profile: ProfileName::Print,
            marks: false,
            departement: None,
        }
    }

    #[test]
    fn changes_are_sorted_by_folder() {
        let change = Change::classify(
            &options(),
            [
                PathBuf::from("/p/sources/01.toml"),
                PathBuf::from("/p/layouts/theme.typ"),
                PathBuf::from("/p/build/bilan-print.pdf"),
            ],
        );
        assert!(change.sources && change.layouts && !change.fonts);
        assert_eq!(change.paths.len(), 2);
    }

    #[test]
    fn the_output_folder_is_not_a_change() {
        let change = Change::classify(&options(), [PathBuf::from("/p/build/bilan-print.pdf")]);
        assert!(change.is_empty());
    }
}
