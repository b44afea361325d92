//! One pipeline kept alive between builds: reload what changed, show a
//! provisional layout at once when asked, then fit the pages exactly and
//! write the PDF, unless a newer edit arrived meanwhile.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use super::Change;
use crate::content::Project;
use crate::diag::Diagnostic;
use crate::error::Error;
use crate::pipeline::{Options, Pipeline};
use crate::render;

/// How many builds a result of Typst's caches stays unused before it is
/// dropped: an edit usually leaves most of the brochure as the last build
/// laid it out, rarely as the one before.
const CACHE_BUILDS: usize = 2;

/// The result of one build.
pub enum Outcome {
    /// The PDF was written.
    Built(Box<Build>),
    /// The build failed; the previous PDF is untouched.
    Failed(Vec<Diagnostic>),
    /// A newer edit arrived before the end: nothing was written, the newer
    /// edit's build follows.
    Superseded,
}

/// A successful build.
pub struct Build {
    /// The typeset pages.
    pub document: PagedDocument,
    /// The sources they were typeset from.
    pub project: Arc<Project>,
    /// Numbers (1-based) of the pages that differ from the previous build.
    pub changed_pages: Vec<usize>,
    /// Warnings on the way.
    pub warnings: Vec<Diagnostic>,
    /// Whether the warnings differ from the previous build's.
    pub warnings_changed: bool,
    /// How long it took, from the change to the PDF written.
    pub elapsed: Duration,
    /// How long each step took.
    pub steps: Steps,
}

/// How long each step of a build took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Steps {
    /// Reading the changed files again (or everything, the first time).
    pub reload: Duration,
    /// Typesetting: every layout of the fitting.
    pub typeset: Duration,
    /// Exporting the PDF and writing it.
    pub export: Duration,
}

/// The new content laid out at once with the last fitting's decisions,
/// while the exact fitting runs (see [`Pipeline::typeset_unless`]); never
/// written to disk.
pub struct Provisional<'a> {
    /// The pages.
    pub document: &'a PagedDocument,
    /// The sources they were typeset from.
    pub project: &'a Arc<Project>,
    /// How long they took, from the change.
    pub elapsed: Duration,
}

/// Keeps a pipeline alive between builds and writes the PDF after each.
pub struct Session {
    options: Options,
    out: PathBuf,
    pipeline: Option<Pipeline>,
    page_hashes: Vec<u128>,
    warning_messages: Vec<String>,
    keeps: bool,
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
            keeps: false,
        }
    }

    /// Keeps the decisions of each fitting on disk, and starts from those
    /// kept when the first build's inputs are the last fitting's (see
    /// [`crate::pipeline::KeptFitting`]).
    pub fn keep_fittings(mut self) -> Self {
        self.keeps = true;
        self
    }

    /// Where the PDF goes.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Builds after `change` (everything, the first time or after a failed
    /// start) and writes the PDF. When `provisional` is given, it gets the
    /// new content laid out with the last fitting's decisions (the first
    /// time, with the rules alone) as soon as it is, from another thread,
    /// while the exact fitting runs. `superseded` is asked between the
    /// steps: when it
    /// says a newer edit arrived, the build stops and writes nothing. Old
    /// entries of Typst's caches are evicted after each build.
    pub fn build(
        &mut self,
        change: &Change,
        superseded: &(dyn Fn() -> bool + Sync),
        provisional: Option<&(dyn Fn(Provisional) + Sync)>,
    ) -> Outcome {
        let started = Instant::now();
        let result = self.typeset_and_write(change, superseded, provisional, started);
        typst::comemo::evict(CACHE_BUILDS);
        release_freed_memory();
        match result {
            Ok((document, project, warnings, steps)) => {
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
                Outcome::Built(Box::new(Build {
                    document,
                    project,
                    changed_pages,
                    warnings,
                    warnings_changed,
                    elapsed: started.elapsed(),
                    steps,
                }))
            }
            Err(Error::Superseded) => Outcome::Superseded,
            Err(err) => Outcome::Failed(err.diagnostics()),
        }
    }

    fn typeset_and_write(
        &mut self,
        change: &Change,
        superseded: &(dyn Fn() -> bool + Sync),
        provisional: Option<&(dyn Fn(Provisional) + Sync)>,
        started: Instant,
    ) -> Result<(PagedDocument, Arc<Project>, Vec<Diagnostic>, Steps), Error> {
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
            None => {
                let mut pipeline = Pipeline::load(self.options.clone())?;
                if self.keeps {
                    pipeline.keep_fittings();
                }
                self.pipeline.insert(pipeline)
            }
        };
        let reloaded = started.elapsed();
        let project = Arc::new(pipeline.project().clone());
        let show = provisional.map(|show| {
            let project = &project;
            move |document: &PagedDocument| {
                show(Provisional {
                    document,
                    project,
                    elapsed: started.elapsed(),
                });
            }
        });
        let built = pipeline.typeset_unless(
            superseded,
            show.as_ref()
                .map(|show| show as &(dyn Fn(&PagedDocument) + Sync)),
        )?;
        let typeset = started.elapsed();
        let pdf = pipeline.pdf(&built.document)?;
        if superseded() {
            return Err(Error::Superseded);
        }
        render::write_atomic(&self.out, &pdf).map_err(Error::CannotRun)?;
        let steps = Steps {
            reload: reloaded,
            typeset: typeset - reloaded,
            export: started.elapsed() - typeset,
        };
        Ok((built.document, project, built.warnings, steps))
    }
}

/// Gives the memory freed by the build back to the system. glibc keeps
/// freed memory in each thread's arena; the builder, the worker that lays
/// out ahead and the preview's threads each have theirs, and `bilan serve`
/// grew to 413 MiB over 100 edits without this.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of glibc's heaps to the
    // system; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
