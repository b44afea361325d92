//! The speed of the local editions, measured in one run against one full
//! cold build of the brochure, each a fresh `bilan build` process to the
//! PDF written:
//!
//! - the whole brochure (the reference);
//! - one local edition (`--departement 33`);
//! - every local edition of the shipped brochure (`--all-editions`).
//!
//! The three commands take turns, run after run, so that a change in the
//! machine's load weighs on all of them alike. Prints the median of `RUNS`
//! runs (default 7) of each and the ratios. Run with
//! `cargo bench --bench editions`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
#[allow(dead_code, reason = "a bench uses a few of the tests' helpers")]
mod common;
mod support;
use support::{median, ms};

/// Runs `bilan` with `args` in `root` once; how long it took.
fn time_once(root: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_bilan"))
        .current_dir(root)
        .args(args)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("bilan runs");
    assert!(status.success(), "bilan {args:?} failed");
    started.elapsed()
}

fn main() {
    let runs = support::runs(7);
    let work = support::project_copy();
    let root = work.path();

    let commands: [(&str, &[&str]); 3] = [
        ("one full cold build of the brochure", &["build"]),
        (
            "one local edition, cold (`--departement 33`)",
            &["build", "--departement", "33"],
        ),
        (
            "every local edition in one run (`--all-editions`)",
            &["build", "--all-editions"],
        ),
    ];
    let mut samples = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, args)) in commands.iter().enumerate() {
            samples[i].push(time_once(root, args));
        }
    }
    let count = std::fs::read_dir(root.join("build"))
        .expect("the build folder")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("bilan-") && name != "bilan-print.pdf"
        })
        .count();
    let medians: Vec<Duration> = samples.into_iter().map(median).collect();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "bilan local editions: real brochure, {count} local editions, {cores} core(s), median of {runs} runs each"
    );
    println!("| measure | median | ratio to the full build |");
    println!("|---|---|---|");
    for ((what, _), median) in commands.iter().zip(&medians) {
        println!(
            "| {what} | {} | {:.2}× |",
            ms(*median),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
}
