//! The pictures of the pages, rendered once each: by the hash of the page,
//! on the first request or ahead of it by a worker thread (the pages that
//! changed first), never on the rebuild's path.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};

use typst_layout::Page;

use crate::diag::Diagnostic;
use crate::render;

/// Resolution of the preview pages, in pixels per inch: 909 pixels across
/// an A4 page, the width the preview shows it at (at most 900 CSS pixels).
const PREVIEW_PPI: f32 = 110.0;

/// A page's picture, rendered once (or the reason it could not be).
type Picture = Arc<OnceLock<Result<Arc<Vec<u8>>, String>>>;

/// The pictures of the pages, by the hash of the page.
#[derive(Default)]
pub(super) struct Images {
    pictures: Mutex<HashMap<u128, Picture>>,
    /// The pages to render ahead of the browser's requests, in order.
    queue: Mutex<VecDeque<(u128, Page)>>,
    queued: Condvar,
}

impl Images {
    /// The PNG of `page`, whose hash is `key`: rendered now unless it was
    /// already (or is being rendered by another thread, then waited for).
    ///
    /// # Errors
    /// A page that cannot be encoded.
    pub(super) fn png(&self, key: u128, page: &Page) -> Result<Arc<Vec<u8>>, String> {
        let picture = Arc::clone(
            self.pictures
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(key)
                .or_default(),
        );
        picture
            .get_or_init(|| {
                render::preview_png(page, PREVIEW_PPI)
                    .map(Arc::new)
                    .map_err(|d: Diagnostic| d.message)
            })
            .clone()
    }

    /// Renders these pages ahead of the requests, in this order, instead of
    /// what was still waiting; forgets the pictures of pages that are in
    /// none of `keep`.
    pub(super) fn ahead(&self, pages: Vec<(u128, Page)>, keep: &HashSet<u128>) {
        self.pictures
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|key, _| keep.contains(key));
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        *queue = pages.into();
        self.queued.notify_all();
    }

    /// Renders what [`Images::ahead`] queued, forever: the body of the
    /// worker thread.
    pub(super) fn work(&self) {
        loop {
            let (key, page) = {
                let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
                loop {
                    if let Some(job) = queue.pop_front() {
                        break job;
                    }
                    queue = self
                        .queued
                        .wait(queue)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            let _ = self.png(key, &page);
        }
    }
}
