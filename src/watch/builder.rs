//! The thread that builds: it takes the batches of changes in order, and a
//! newer batch supersedes the build in progress (which stops at its next
//! step and writes nothing), so that no stale result replaces a newer one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

use super::{Change, Outcome, Provisional, Session};

/// What the builder reports, from its thread.
pub trait Report: Send + 'static {
    /// The end of a build.
    fn outcome(&mut self, change: &Change, outcome: &Outcome);

    /// Whether to lay out provisional pages first: the preview shows them,
    /// a terminal has no use for them.
    fn wants_provisional(&self) -> bool {
        false
    }

    /// Pages laid out with the last fitting's decisions, shown while the
    /// exact fitting runs (asked for only when [`Report::wants_provisional`]).
    fn provisional(&mut self, _change: &Change, _provisional: Provisional) {}
}

/// Builds in a thread of its own; dropping it lets the thread finish the
/// batch in hand and stop.
pub struct Builder {
    changes: Option<Sender<Change>>,
    batches: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Builder {
    /// Starts the thread that builds with `session` and tells `report`.
    pub fn spawn(session: Session, report: impl Report) -> Self {
        let (changes, rx) = channel();
        let batches = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&batches);
        let thread = std::thread::spawn(move || run(session, &rx, &counted, report));
        Self {
            changes: Some(changes),
            batches,
            thread: Some(thread),
        }
    }

    /// Hands a batch of changes to the builder: the build in progress, if
    /// any, is superseded.
    pub fn submit(&self, change: Change) {
        if let Some(changes) = &self.changes {
            // Counted before it is sent: the builder, taking it, never sees
            // a count older than what it took.
            self.batches.fetch_add(1, Ordering::SeqCst);
            let _ = changes.send(change);
        }
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        self.changes = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Takes every batch waiting (one build serves them all), builds, and
/// starts again with the batches that arrived meanwhile.
fn run(mut session: Session, rx: &Receiver<Change>, batches: &AtomicU64, report: impl Report) {
    let report = Mutex::new(report);
    let mut pending: Option<Change> = None;
    loop {
        // A superseded batch waits for the newer one, which is on its way.
        let mut change = match (pending.take(), rx.recv()) {
            (Some(mut change), Ok(later)) => {
                change.merge(later);
                change
            }
            (None, Ok(change)) => change,
            (_, Err(_)) => return,
        };
        while let Ok(later) = rx.try_recv() {
            change.merge(later);
        }
        let taken = batches.load(Ordering::SeqCst);
        let superseded = || batches.load(Ordering::SeqCst) != taken;
        let wants_provisional = lock(&report).wants_provisional();
        let show = |provisional: Provisional| lock(&report).provisional(&change, provisional);
        let outcome = session.build(
            &change,
            &superseded,
            wants_provisional.then_some(&show as &(dyn Fn(Provisional) + Sync)),
        );
        lock(&report).outcome(&change, &outcome);
        if let Outcome::Superseded = outcome {
            // The next build takes this batch too: its files changed.
            pending = Some(change);
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
