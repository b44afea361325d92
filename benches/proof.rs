//! The speed of a proof round, measured in one run against one cold build
//! of the brochure, each a fresh `bilan` process:
//!
//! - `bilan build` (the reference), and `bilan build --fresh`;
//! - `bilan diff --against` an older copy of the project that differs by
//!   one paragraph (both versions typeset, the proof PDF written), with the
//!   decisions kept from the last comparison (of both versions: the second
//!   proof of a round) and `--fresh` (both versions fitted from scratch);
//! - `bilan where` a phrase (the sources searched, the brochure typeset to
//!   find its pages).
//!
//! The commands take turns, run after run, so that a change in the
//! machine's load weighs on all of them alike. Prints the median of `RUNS`
//! runs (default 7) of each and the ratios to the cold build. Run with
//! `cargo bench --bench proof`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
#[allow(dead_code, reason = "a bench uses a few of the tests' helpers")]
mod common;
mod support;
use support::{median, ms};

/// The paragraph the newer version rewrites.
const FILE: &str = "sources/02-solidarite-territoriale.toml";
const BEFORE: &str = "a réalisé une opération innovante en matière";
const AFTER: &str = "a réalisé une opération remarquable en matière";

/// Runs `bilan` with `args` in `root` once; how long it took. Exit code 1
/// is `bilan diff`'s « the versions differ ».
fn time_once(root: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_bilan"))
        .current_dir(root)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("bilan runs");
    assert!(
        matches!(status.code(), Some(0 | 1)),
        "bilan {args:?} failed"
    );
    started.elapsed()
}

fn main() {
    let runs = support::runs(7);
    let old = support::project_copy();
    let new = support::project_copy();
    common::replace_in(&new.path().join(FILE), BEFORE, AFTER);
    let root = new.path();
    let against = old.path().to_str().expect("a UTF-8 temp path");

    let commands: [(&str, &[&str]); 5] = [
        ("`bilan build` (cold, decisions kept)", &["build"]),
        (
            "`bilan diff --against DIR`, one paragraph changed",
            &["diff", "--against", against],
        ),
        ("`bilan build --fresh`", &["build", "--fresh"]),
        (
            "`bilan diff --against DIR --fresh`",
            &["diff", "--against", against, "--fresh"],
        ),
        (
            "`bilan where \"balades thermographiques\"`",
            &["where", "balades thermographiques"],
        ),
    ];
    // The decisions kept by a first build and a first comparison, as an
    // editor's machine has them.
    time_once(root, &["build"]);
    time_once(root, &["diff", "--against", against]);
    let mut samples = vec![Vec::new(); commands.len()];
    for _ in 0..runs {
        for (i, (_, args)) in commands.iter().enumerate() {
            samples[i].push(time_once(root, args));
        }
    }
    let medians: Vec<Duration> = samples.into_iter().map(median).collect();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("bilan proof round: real brochure, {cores} core(s), median of {runs} runs each");
    println!("| measure | median | ratio to `bilan build` |");
    println!("|---|---|---|");
    for ((what, _), median) in commands.iter().zip(&medians) {
        println!(
            "| {what} | {} | {:.2}× |",
            ms(*median),
            median.as_secs_f64() / medians[0].as_secs_f64()
        );
    }
}
