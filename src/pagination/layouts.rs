//! The layouts the fitting asks for, each made once: by the fitting's own
//! thread when it asks, or ahead of it by a worker thread on the other core,
//! which lays out the plans the last fitting asked for. An edit usually
//! leaves most decisions as they were, so the fitting then finds its
//! layouts made, or being made. A layout is a pure function of the world
//! and the plan (`/layout.json`, byte for byte): who made it, and when,
//! changes nothing in the result.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use typst_layout::PagedDocument;

use super::{InkCache, Pages};
use crate::Error;
use crate::render::{self, Typeset};
use crate::world::{BilanWorld, PageFit};

/// How many layouts a result of Typst's caches stays unused before it is
/// dropped, in a fitting with nothing laid out ahead (a fresh process):
/// each layout starts from the one before. Measured on the brochure with
/// its chapters repeated 8 times (268 pages): peak memory 1.78 GB → 1.20 GB,
/// 4 % slower; on the brochure, 166 → 144 MB, 5 % slower.
const CACHE_LAYOUTS: usize = 3;

/// How many fittings are running in this process. Typst's caches are the
/// process's: evicting after each layout of one fitting while others run
/// (the local editions, built side by side) would age their results too
/// (`--all-editions` took 66 % longer), so a fitting evicts only alone.
static FITTINGS: AtomicUsize = AtomicUsize::new(0);

/// A layout and what the pagination read of it.
#[derive(Clone)]
struct Laid {
    typeset: Typeset,
    pages: Pages,
}

/// A layout, made once by whichever thread asks first (the others wait).
type Slot = Arc<OnceLock<Result<Laid, Error>>>;

/// Shows the first layout made: ahead, the new content with the last
/// fitting's decisions; with nothing ahead (a first build), the fitting's
/// first layout, made with the rules alone. The preview's provisional pages.
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
    /// Shown the first layout made ahead, or with nothing ahead the first
    /// one the fitting asks for.
    show_first: Option<ShowFirst<'a>>,
    /// Whether it was shown.
    shown: AtomicBool,
    /// The plans asked for, in order.
    asked: Mutex<Vec<PageFit>>,
    /// Whether nothing is laid out ahead (a first build, a fresh process):
    /// then Typst's caches are evicted after each layout (see
    /// [`CACHE_LAYOUTS`]; `watch` and `serve` evict after each build
    /// instead), and the fitting's first layout is the one shown.
    nothing_ahead: bool,
}

impl Drop for Layouts<'_> {
    fn drop(&mut self) {
        FITTINGS.fetch_sub(1, Ordering::SeqCst);
    }
}

impl<'a> Layouts<'a> {
    /// The layouts of `world`; `ahead` are the plans the worker lays out
    /// ahead of the fitting's requests, in order. The first is shown to
    /// `show_first`, or with nothing ahead the first the fitting asks for.
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
            // Nothing ahead: the fitting's first layout is the one shown.
            shown: AtomicBool::new(false),
            asked: Mutex::default(),
            nothing_ahead: ahead.is_empty(),
        })
        .inspect(|_| {
            FITTINGS.fetch_add(1, Ordering::SeqCst);
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
        let (slot, elsewhere) = {
            let mut ahead = lock(&self.ahead);
            // Asked for now: the worker need not start it.
            ahead.retain(|(k, _)| *k != key);
            let mut slots = lock(&self.slots);
            let existed = slots.contains_key(&key);
            let slot = Arc::clone(slots.entry(key.clone()).or_default());
            let elsewhere = existed && slot.get().is_none();
            (slot, elsewhere)
        };
        if elsewhere && let Some((next, next_slot)) = self.next_ahead() {
            // The worker is making it: make the next plan ahead meanwhile,
            // rather than wait idle.
            next_slot.get_or_init(|| self.make(&next));
        }
        let laid = slot.get_or_init(|| self.make(plan)).clone();
        if self.nothing_ahead {
            self.show_once(&laid);
        }
        // Taken: the fitting keeps what it needs of it.
        lock(&self.slots).remove(&key);
        let laid = laid?;
        Ok((laid.typeset, laid.pages))
    }

    /// The worker's loop: lays out the plans ahead, in order, until none
    /// is left, the fitting ended or a newer edit arrived.
    pub fn work_ahead(&self) {
        loop {
            if self.stopped.load(Ordering::SeqCst) || (self.superseded)() {
                return;
            }
            let Some((plan, slot)) = self.next_ahead() else {
                return;
            };
            let laid = slot.get_or_init(|| self.make(&plan)).clone();
            self.show_once(&laid);
        }
    }

    /// Shows this layout to `show_first`, unless one was shown or a newer
    /// edit arrived.
    fn show_once(&self, laid: &Result<Laid, Error>) {
        if let (Some(show), Ok(laid)) = (self.show_first, laid)
            && !(self.superseded)()
            && !self.shown.swap(true, Ordering::SeqCst)
        {
            show(&laid.typeset.document);
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

    /// The next plan ahead and its slot, taken from the queue at once, so
    /// that the fitting, asking for it, knows it is being made.
    fn next_ahead(&self) -> Option<(PageFit, Slot)> {
        let mut ahead = lock(&self.ahead);
        let (key, plan) = ahead.pop_front()?;
        let slot = Arc::clone(lock(&self.slots).entry(key).or_default());
        Some((plan, slot))
    }

    fn make(&self, plan: &PageFit) -> Result<Laid, Error> {
        let mut world = self.world.clone();
        world.set_fit(plan).map_err(Error::CannotRun)?;
        let typeset = render::compile(&world).map_err(Error::Invalid)?;
        let pages = Pages::read(&typeset.document, &mut lock(self.inks));
        if self.nothing_ahead && FITTINGS.load(Ordering::SeqCst) == 1 {
            typst::comemo::evict(CACHE_LAYOUTS);
        }
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
