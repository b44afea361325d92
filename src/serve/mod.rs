//! The live preview: a small local web server (tiny_http, one thread per
//! request) showing the pages as PNG, told of each build by server-sent
//! events. Provisional pages (laid out with the last fitting's decisions)
//! are shown at once and marked so, then replaced by the exact ones; a
//! failed build shows its errors over the last good pages. The pictures of
//! the pages are rendered off the build's path: on request, and ahead of
//! requests by a worker thread, once per page (by its hash). A click on a
//! page shows where what it prints comes from, with a link that opens it in
//! the editor ([`Editor`]): the regions of the pages and their sources are
//! worked out on the first click after each build (`sources.rs`).

mod editor;
mod http;
mod images;
mod sources;

pub use editor::Editor;
pub use http::start;

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use typst_layout::{Page, PagedDocument};

use crate::content::Project;
use crate::diag::Diagnostic;
use images::Images;
use sources::SourceMap;

/// Which pages the preview shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    /// None yet: the first build is running.
    #[default]
    Nothing,
    /// The new content laid out with the last fitting's decisions; the exact
    /// pages follow.
    Provisional,
    /// The pages of the PDF written.
    Exact,
}

impl Shown {
    fn as_str(self) -> &'static str {
        match self {
            Shown::Nothing => "nothing",
            Shown::Provisional => "provisional",
            Shown::Exact => "exact",
        }
    }
}

/// What the browser shows.
#[derive(Debug, Default)]
struct State {
    /// Bumped at every change of what is shown, good or failed.
    generation: u64,
    /// Which pages these are.
    shown: Shown,
    /// The pages.
    pages: Vec<Page>,
    /// The hash of each page: the version of its picture.
    keys: Vec<u128>,
    /// The pages (indexes) that differ from those shown before.
    changed: Vec<usize>,
    /// The errors of the last build, if it failed.
    error: Option<String>,
    /// The document shown and the sources it was typeset from, for the
    /// regions of its pages.
    shown_from: Option<(PagedDocument, Arc<Project>)>,
    /// Bumped each time other pages are shown.
    version: u64,
    /// The regions of the pages shown (as JSON), once asked for.
    sources: Option<(u64, Arc<String>)>,
}

impl State {
    fn json(&self) -> String {
        let pages: Vec<serde_json::Value> = self
            .pages
            .iter()
            .zip(&self.keys)
            .map(|(page, key)| {
                let size = page.frame.size();
                serde_json::json!({
                    "version": format!("{key:032x}"),
                    "width": size.x.to_pt(),
                    "height": size.y.to_pt(),
                })
            })
            .collect();
        serde_json::json!({
            "generation": self.generation,
            "state": self.shown.as_str(),
            "pages": pages,
            "changed": self.changed.iter().map(|i| i + 1).collect::<Vec<_>>(),
            "error": self.error,
        })
        .to_string()
    }

    /// The page whose hash is `key`, preferably the `number`th (from 1).
    fn page(&self, number: usize, key: u128) -> Option<&Page> {
        let at = number.checked_sub(1)?;
        if self.keys.get(at) == Some(&key) {
            return self.pages.get(at);
        }
        let other = self.keys.iter().position(|&k| k == key)?;
        self.pages.get(other)
    }
}

/// The preview shared between the builder, the request threads and the
/// worker that renders the pages.
pub struct Preview {
    state: Mutex<State>,
    updated: Condvar,
    images: Images,
    editor: Editor,
}

impl Preview {
    /// A preview whose links open sources with `editor`, with its worker
    /// thread rendering pages ahead of requests.
    pub fn new(editor: Editor) -> Arc<Self> {
        let preview = Arc::new(Self {
            state: Mutex::default(),
            updated: Condvar::new(),
            images: Images::default(),
            editor,
        });
        let worker = Arc::clone(&preview);
        std::thread::spawn(move || worker.images.work());
        preview
    }

    /// Shows these pages, typeset from `project`; the pages that changed
    /// are rendered first, ahead of the browser's requests. Wakes every
    /// browser.
    pub fn show(&self, shown: Shown, document: &PagedDocument, project: &Arc<Project>) {
        let pages = document.pages().to_vec();
        let keys: Vec<u128> = pages.iter().map(typst::utils::hash128).collect();
        let mut state = self.lock();
        let changed: Vec<usize> = (0..keys.len())
            .filter(|&i| state.keys.get(i) != Some(&keys[i]))
            .collect();
        let keep: HashSet<u128> = keys.iter().chain(&state.keys).copied().collect();
        let ahead = changed
            .iter()
            .map(|&i| (keys[i], pages[i].clone()))
            .collect();
        state.generation += 1;
        state.shown = shown;
        state.pages = pages;
        state.keys = keys;
        state.changed = changed;
        state.error = None;
        state.shown_from = Some((document.clone(), Arc::clone(project)));
        state.version += 1;
        state.sources = None;
        drop(state);
        self.images.ahead(ahead, &keep);
        self.updated.notify_all();
    }

    /// Shows the errors of a failed build over the last good pages. Wakes
    /// every browser.
    pub fn fail(&self, diagnostics: &[Diagnostic]) {
        let mut state = self.lock();
        state.generation += 1;
        state.changed.clear();
        state.error = Some(
            diagnostics
                .iter()
                .map(Diagnostic::to_plain_string)
                .collect(),
        );
        drop(state);
        self.updated.notify_all();
    }

    /// The regions of the pages shown and their sources, as JSON: worked
    /// out on the first request after each build, outside the lock.
    fn sources_json(&self) -> Arc<String> {
        let (version, shown_from) = {
            let state = self.lock();
            if let Some((version, json)) = &state.sources
                && *version == state.version
            {
                return Arc::clone(json);
            }
            (state.version, state.shown_from.clone())
        };
        let map = shown_from
            .map(|(document, project)| SourceMap::new(&project, &document, &self.editor))
            .unwrap_or_default();
        let json = Arc::new(serde_json::to_string(&map).unwrap_or_default());
        let mut state = self.lock();
        if state.version == version {
            state.sources = Some((version, Arc::clone(&json)));
        }
        json
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
