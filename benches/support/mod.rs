//! What both benchmarks need: how many runs, a copy of the project to edit,
//! and the median of the timings.

use crate::common::{copy_dir, root};

/// How many runs a benchmark times: `RUNS` from the environment, or
/// `default`.
pub(crate) fn runs(default: usize) -> usize {
    std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// A temp copy of the project (sources, layouts and fonts) that a benchmark
/// may edit.
pub(crate) fn project_copy() -> tempfile::TempDir {
    let work = tempfile::tempdir().expect("a temp dir");
    for folder in ["sources", "layouts", "fonts"] {
        copy_dir(&root().join(folder), &work.path().join(folder));
    }
    work
}

/// The median of timings (the upper one of an even count).
pub(crate) fn median(mut samples: Vec<std::time::Duration>) -> std::time::Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// A duration in milliseconds, to a tenth.
pub(crate) fn ms(duration: std::time::Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
