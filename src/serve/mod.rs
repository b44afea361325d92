//! The live preview: a small local web server (tiny_http, one thread per
//! request) showing the pages as PNG, told of each build by server-sent
//! events. Provisional pages (laid out with the last fitting's decisions)
//! are shown at once and marked so, then replaced by the exact ones; a
//! failed build shows its errors over the last good pages. The pictures of
//! the pages are rendered off the build's path: on request, and ahead of
//! requests by a worker thread, once per page (by its hash).

mod http;
mod images;

pub use http::start;

use std::collections::HashSet;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use typst_layout::{Page, PagedDocument};

use crate::diag::Diagnostic;
use images::Images;

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
#[derive(Default)]
pub struct Preview {
    state: Mutex<State>,
    updated: Condvar,
    images: Images,
}

impl Preview {
    /// A preview, with its worker thread rendering pages ahead of requests.
    pub fn new() -> Arc<Self> {
        let preview = Arc::new(Self::default());
        let worker = Arc::clone(&preview);
        std::thread::spawn(move || worker.images.work());
        preview
    }

    /// Shows these pages; the pages that changed are rendered first, ahead
    /// of the browser's requests. Wakes every browser.
    pub fn show(&self, shown: Shown, document: &PagedDocument) {
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

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
