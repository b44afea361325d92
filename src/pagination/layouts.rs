//! The layouts the fitting asks for, each made once: by the fitting's own
//! thread when it asks, or ahead of it by a worker thread on the other core,
//! which lays out the plans the last fitting asked for. An edit usually
//! leaves most decisions as they were, so the fitting then finds its
//! layouts made, or being made. A layout is a pure function of the world
//! and the plan (`/layout.json`, byte for byte): who made it, and when,
//! changes nothing in the result.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use typst_layout::PagedDocument;

use super::{InkCache, Pages};
use crate::Error;
use crate::render::{self, Typeset};
use crate::world::{BilanWorld, PageFit};

/// A layout and what the pagination read of it.
#[derive(Clone)]
struct Laid {
    typeset: Typeset,
    pages: Pages,
}

/// A layout, made once by whichever thread asks first (the others wait).
type Slot = Arc<OnceLock<Result<Laid, Error>>>;

/// Shows the first layout made ahead: the new content with the last
/// fitting's decisions (the preview's provisional pages).
pub type ShowFirst<'a> = &'a (dyn Fn(&PagedDocument) + Sync);

/// The layouts of one world (one content, one set of layouts and pictures),
/// by plan.
pub struct Layouts<'a> {
    /// The world every layout starts from (each sets its own plan).
    world: BilanWorld,
    /// What was read of the pages of earlier layouts.
    inks: &'a Mutex<InkCache>,
    /// The layouts made or being made, by the plan's `/layout.json`.
    slots: Mutex<HashMap<Vec<u8>, Slot>>,
    /// The plans to lay out ahead, in order.
    ahead: Mutex<VecDeque<(Vec<u8>, PageFit)>>,
    /// Whether the worker should stop.
    stopped: AtomicBool,
    /// Whether the result is still wanted (a newer edit supersedes it).
    superseded: &'a (dyn Fn() -> bool + Sync),
    /// Shown the first layout made ahead.
    show_first: Option<ShowFirst<'a>>,
    /// The plans asked for, in order.
    asked: Mutex<Vec<PageFit>>,
}

impl<'a> Layouts<'a> {
    /// The layouts of `world`; `ahead` are the plans the worker lays out
    /// ahead of the fitting's requests, in order (the first is shown to
    /// `show_first`).
    pub fn new(
        world: &BilanWorld,
        inks: &'a Mutex<InkCache>,
        ahead: &[PageFit],
        superseded: &'a (dyn Fn() -> bool + Sync),
        show_first: Option<ShowFirst<'a>>,
    ) -> Result<Self, Error> {
        let mut queue = VecDeque::new();
        for plan in ahead {
            let key = key(plan)?;
            if !queue.iter().any(|(k, _)| *k == key) {
                queue.push_back((key, plan.clone()));
            }
        }
        Ok(Self {
            world: world.clone(),
            inks,
            slots: Mutex::default(),
            ahead: Mutex::new(queue),
            stopped: AtomicBool::new(false),
            superseded,
            show_first,
            asked: Mutex::default(),
        })
    }

    /// The brochure laid out with `plan`: made now, or waited for while
    /// the worker makes it, or taken as the worker made it.
    ///
    /// # Errors
    /// The layouts' errors, or [`Error::Superseded`] when a newer edit
    /// arrived.
    pub fn lay_out(&self, plan: &PageFit) -> Result<(Typeset, Pages), Error> {
        if (self.superseded)() {
            return Err(Error::Superseded);
        }
        let key = key(plan)?;
        lock(&self.asked).push(plan.clone());
        // Asked for now: the worker need not start it.
        lock(&self.ahead).retain(|(k, _)| *k != key);
        let laid = self.slot(key).get_or_init(|| self.make(plan)).clone()?;
        Ok((laid.typeset, laid.pages))
    }

    /// The worker's loop: lays out the plans ahead, in order, until none
    /// is left, the fitting ended or a newer edit arrived.
    pub fn work_ahead(&self) {
        let mut first = true;
        loop {
            if self.stopped.load(Ordering::SeqCst) || (self.superseded)() {
                return;
            }
            let Some((key, plan)) = lock(&self.ahead).pop_front() else {
                return;
            };
            let laid = self.slot(key).get_or_init(|| self.make(&plan)).clone();
            if let (true, Some(show), Ok(laid)) = (first, self.show_first, &laid)
                && !(self.superseded)()
            {
                show(&laid.typeset.document);
            }
            first = false;
        }
    }

    /// Tells the worker to stop after the layout in hand.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        lock(&self.ahead).clear();
    }

    /// The plans the fitting asked for, in order: what to lay out ahead
    /// for the next content.
    pub fn asked(&self) -> Vec<PageFit> {
        lock(&self.asked).clone()
    }

    fn slot(&self, key: Vec<u8>) -> Slot {
        Arc::clone(lock(&self.slots).entry(key).or_default())
    }

    fn make(&self, plan: &PageFit) -> Result<Laid, Error> {
        let mut world = self.world.clone();
        world.set_fit(plan).map_err(Error::CannotRun)?;
        let typeset = render::compile(&world).map_err(Error::Invalid)?;
        let pages = Pages::read(&typeset.document, &mut lock(self.inks));
        Ok(Laid { typeset, pages })
    }
}

/// A plan's identity: the `/layout.json` the layouts read.
fn key(plan: &PageFit) -> Result<Vec<u8>, Error> {
    crate::world::fit_json(plan).map_err(Error::CannotRun)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
