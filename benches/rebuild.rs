//! The speed of `bilan` on the real brochure, measured in one run:
//!
//! - cold build: `bilan build` as a fresh process, to the PDF written;
//! - warm rebuild after a one-paragraph edit, in one process (the watcher's
//!   path: reload the sources, typeset, export, write), and the median of
//!   each of these phases;
//! - warm rebuild after a change of the brand colour in `layouts/theme.typ`;
//! - peak memory of a cold build and of the warm process;
//! - when the official `typst` CLI is at hand (`TYPST=/path/to/typst`, or
//!   `typst` on the PATH), `typst compile` of the exported project.
//!
//! Prints the median of `RUNS` runs (default 15, at most 35) of each. Run with
//! `cargo bench --bench rebuild`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use bilan::content::model::ProfileName;

#[path = "../tests/common/mod.rs"]
#[allow(dead_code, reason = "a bench uses a few of the tests' helpers")]
mod common;
mod support;
use bilan::pipeline::{Options, Pipeline};
use support::{median, ms};

/// Replaces `from` by `to` in a file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "`{from}` not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The peak resident memory of this process, in MiB.
fn own_peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

/// The largest peak resident memory of the children waited for, in MiB.
fn children_peak_mib() -> f64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &raw mut usage);
        usage
    };
    usage.ru_maxrss as f64 / 1024.0
}

fn time_command(runs: usize, mut command: impl FnMut() -> Command) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = command().status().expect("the command runs");
            assert!(status.success());
            started.elapsed()
        })
        .collect();
    median(samples)
}

fn main() {
    let runs = support::runs(15);
    let work = support::project_copy();
    let root = work.path().to_path_buf();
    let bilan = env!("CARGO_BIN_EXE_bilan");
    println!("bilan benchmark: real brochure, median of {runs} runs each");

    let cold_pdf = root.join("cold.pdf");
    let cold = time_command(runs, || {
        let mut command = Command::new(bilan);
        command
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--out")
            .arg(&cold_pdf);
        command.stderr(std::process::Stdio::null());
        command
    });
    let cold_peak = children_peak_mib();

    let options = Options {
        root: root.clone(),
        sources: root.join("sources"),
        profile: ProfileName::Print,
        marks: false,
        departement: None,
    };
    let mut pipeline = Pipeline::load(options).expect("the sources load");
    let warm_pdf = root.join("warm.pdf");
    // Typesets (every compilation of the fitting), exports, writes and
    // trims Typst's caches as the watcher does; returns how long the first
    // three took.
    let rebuild = |pipeline: &mut Pipeline| {
        let started = Instant::now();
        let built = pipeline.typeset().expect("typeset");
        let typeset = started.elapsed();
        let pdf = pipeline.pdf(&built.document).expect("export");
        let export = started.elapsed() - typeset;
        bilan::render::write_atomic(&warm_pdf, &pdf).expect("write");
        let write = started.elapsed() - typeset - export;
        typst::comemo::evict(10);
        [typeset, export, write]
    };
    rebuild(&mut pipeline);

    // Every run makes a change never seen before, so that no run is served
    // from the caches of an earlier one.
    let chapter = root.join("sources/02-solidarite-territoriale.toml");
    let mut paragraph = Vec::new();
    // Each phase of the paragraph rebuilds: reload, typeset, export, write.
    let mut phases: [Vec<Duration>; 4] = Default::default();
    let mut current = "sont tous engagés dans la transition".to_owned();
    for run in 0..runs {
        let next = format!("sont tous engagés ({run}) dans la transition");
        edit(&chapter, &current, &next);
        current = next;
        let started = Instant::now();
        pipeline.reload_sources().expect("reload");
        let reload = started.elapsed();
        let [typeset, export, write] = rebuild(&mut pipeline);
        paragraph.push(started.elapsed());
        for (phase, took) in phases.iter_mut().zip([reload, typeset, export, write]) {
            phase.push(took);
        }
    }

    let theme = root.join("layouts/theme.typ");
    let mut colour = Vec::new();
    let mut current = "paint(\"#c8102e\", 0%, 95%".to_owned();
    for run in 0..runs {
        let next = format!("paint(\"#c8102e\", 0%, {}%", 60 + run);
        edit(&theme, &current, &next);
        current = next;
        let started = Instant::now();
        pipeline.reload_layouts().expect("reload");
        rebuild(&mut pipeline);
        colour.push(started.elapsed());
    }
    let warm_peak = own_peak_mib();

    println!("| measure | median |");
    println!("|---|---|");
    println!(
        "| cold build, fresh process, to the PDF written | {} |",
        ms(cold)
    );
    println!(
        "| warm rebuild after a one-paragraph edit of the sources | {} |",
        ms(median(paragraph))
    );
    let [reload, typeset, export, write] = phases.map(median);
    println!(
        "| … of which reload {}, typeset (every compilation of the fitting) {}, export {}, write {} (medians of each phase) | |",
        ms(reload),
        ms(typeset),
        ms(export),
        ms(write)
    );
    println!(
        "| warm rebuild after a brand colour change in the theme | {} |",
        ms(median(colour))
    );
    println!("| peak memory, cold build | {cold_peak:.0} MiB |");
    println!(
        "| peak memory, warm process after {} rebuilds | {warm_peak:.0} MiB |",
        2 * runs + 1
    );

    let typst = std::env::var("TYPST").ok().map(PathBuf::from).or_else(|| {
        Command::new("typst")
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| "typst".into())
    });
    match typst {
        Some(typst) => {
            let export = root.join("typst-project");
            let status = Command::new(bilan)
                .arg("export")
                .arg("--root")
                .arg(&root)
                .arg("--typst")
                .arg(&export)
                .stderr(std::process::Stdio::null())
                .status()
                .expect("bilan export runs");
            assert!(status.success());
            let cli = time_command(runs, || {
                let mut command = Command::new(&typst);
                command.current_dir(&export).args([
                    "compile",
                    "--ignore-system-fonts",
                    "--font-path",
                    "fonts",
                    "main.typ",
                    "out.pdf",
                ]);
                command
            });
            println!(
                "| `typst compile` of the exported project, fresh process | {} |",
                ms(cli)
            );
            println!(
                "\ncold `bilan build` / `typst compile`: {:.2}",
                cold.as_secs_f64() / cli.as_secs_f64()
            );
        }
        None => {
            println!("\n(no typst CLI: set TYPST=/path/to/typst to compare with `typst compile`)")
        }
    }
}
