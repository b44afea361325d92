//! One module per subcommand: options in, library calls, `Result` out.

pub mod build;
pub mod check;
pub mod export;
pub mod preflight;
pub mod schema;
pub mod serve;
pub mod watch;

/// Prints a progress line on standard error, cargo-style.
pub(crate) fn status(verb: &str, what: &str) {
    eprintln!("{verb:>12} {what}");
}

/// A file size for people: KiB or MiB.
#[expect(
    clippy::cast_precision_loss,
    reason = "a file size shown to one decimal"
)]
pub(crate) fn human_size(bytes: usize) -> String {
    if bytes < 1024 * 1024 {
        format!("{:.0} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}
