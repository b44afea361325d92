//! Watching: build once, then rebuild in the same process whenever a file of
//! `sources/`, `layouts/` or `fonts/` changes. The Typst world is kept alive
//! between builds, so only what changed is typeset again. Builds run in a
//! thread of their own ([`Builder`]): a newer edit supersedes the build in
//! progress, and a provisional layout can be shown before the exact one. A
//! failed rebuild keeps the last good PDF; the next good save recovers.

mod builder;
mod change;
mod events;
mod session;

pub use builder::{Builder, Report};
pub use change::Change;
pub use events::watch;
pub use session::{Build, Outcome, Provisional, Session, Steps};
