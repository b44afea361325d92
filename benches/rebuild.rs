//! The edit loop and the cold build of `bilan`, measured in one run against
//! Typst alone (the yardstick): the project `bilan export --typst` writes,
//! its fitted decisions frozen in `layout.json`, compiled and exported by the
//! typst crates directly.
//!
//! - (a) the yardstick's warm compile + PDF export after an edit (one word
//!   of a paragraph of part II), in a process of its own kept warm;
//! - (b) `bilan`'s provisional pages and its exact rebuild (PDF written)
//!   after the same edit, through the session `bilan watch` and `bilan
//!   serve` run, in this process;
//! - (c) edit → browser: `bilan serve` in headless Chromium, from the file
//!   written to the provisional pages shown, then to the exact ones, and
//!   the first view (page 1 shown after `bilan serve` starts), when
//!   Chromium and ChromeDriver are installed;
//! - (d) cold: `bilan build` against a cold compile of the exported project,
//!   each a fresh process, in turn, for the brochure and for its chapters
//!   repeated 4 and 8 times, with the peak memory of each;
//! - (e) the resident memory of the warm process after 100 edits.
//!
//! Prints medians of `RUNS` runs (default 11; 3 for the larger cold builds)
//! and the ratios to the yardstick. Run with `cargo bench --bench rebuild`;
//! `PARTS=ab` (or any of `abcde`) measures only those parts.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
#[allow(dead_code, reason = "a bench uses a few of the tests' helpers")]
mod common;
#[path = "support/exported.rs"]
mod exported;
mod support;

use bilan::content::model::ProfileName;
use bilan::pipeline::Options;
use bilan::watch::{Change, Outcome, Provisional, Session, Steps};
use common::browser::{self, Browser, Killed};
use exported::Exported;
use support::{median, ms};

/// The paragraph of part II whose word each run rewrites, as it is in the
/// sources and in `content.json`.
const CHAPTER: &str = "sources/02-solidarite-territoriale.toml";
const BEFORE: &str = "opération ";
const WORD: &str = "innovante";
const AFTER: &str = " en matière de prévention";

/// The words that take turns in the paragraph: each run writes a word the
/// one before did not, of another length (the paragraph's lines change).
const WORDS: [&str; 12] = [
    "remarquable",
    "novatrice",
    "inédite",
    "audacieuse",
    "pionnière",
    "exemplaire",
    "originale",
    "ambitieuse",
    "efficace",
    "utile",
    "neuve",
    "singulière",
];

/// How many edits `bilan serve` and the warm session take before their
/// memory is read.
const EDITS: usize = 100;

/// Set in the environment of this benchmark run again as a child: compile
/// the exported project in that folder, cold, in a fresh process, and exit.
const COMPILE_CHILD: &str = "BILAN_BENCH_TYPST_COMPILE";

/// Set in the environment of this benchmark run again as a child: the
/// yardstick's warm loop (a) on the exported project in that folder, `RUNS`
/// edits, each one's time printed in microseconds on a line. A process of
/// its own, so that Typst's caches hold only what Typst alone would keep.
const WARM_CHILD: &str = "BILAN_BENCH_TYPST_WARM";

fn main() {
    if let Some(dir) = std::env::var_os(COMPILE_CHILD) {
        Exported::open(Path::new(&dir)).compile_and_export();
        return;
    }
    if let Some(dir) = std::env::var_os(WARM_CHILD) {
        for took in typst_edit_loop(Path::new(&dir), support::runs(11)) {
            println!("{}", took.as_micros());
        }
        return;
    }
    let runs = support::runs(11);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("bilan benchmark: the real brochure, {cores} core(s), medians of {runs} runs");
    let parts = std::env::var("PARTS").unwrap_or_else(|_| "abcde".to_owned());
    // The cold builds first, while this process is small: a child's peak
    // memory counts the pages it shared with its parent when it started.
    let cold = parts.contains('d').then(|| cold_builds_by_size(runs));
    let work = support::project_copy();
    let root = work.path().to_path_buf();
    let export = export_project(&root, "typst-project");

    let warm = edit_loop(&root, &export, runs);
    println!("\n(a, b) after one word of a paragraph of part II rewritten, in one process:\n");
    println!("| measure | median | ratio to (a) |");
    println!("|---|---|---|");
    let row = |what: &str, took: Duration| {
        println!(
            "| {what} | {} | {:.2}× |",
            ms(took),
            took.as_secs_f64() / warm.typst.as_secs_f64()
        );
    };
    row(
        "(a) Typst: warm compile + PDF export of the exported project",
        warm.typst,
    );
    row(
        "(b) bilan: provisional pages (reload, one layout)",
        warm.provisional,
    );
    row(
        "(b) bilan: exact pages, PDF written (reload, fitting, export, write)",
        warm.exact,
    );
    let [reload, typeset, export] = warm.steps;
    println!(
        "\n(b) in steps (medians of each): reload {}, typeset (every layout of the fitting) {}, export and write {}",
        ms(reload),
        ms(typeset),
        ms(export)
    );

    if parts.contains('c') && !browser::installed() {
        println!(
            "\n(c) skipped: no Chromium or ChromeDriver (apt-get install chromium chromium-driver)"
        );
    } else if parts.contains('c') {
        let seen = in_browser(runs);
        println!(
            "\n(c) edit → browser (`bilan serve` in headless Chromium), from the file written:\n"
        );
        println!("| measure | median | ratio to (a) |");
        println!("|---|---|---|");
        row(
            "(c) provisional pages shown (their pictures loaded)",
            seen.provisional,
        );
        row("(c) exact pages shown", seen.exact);
        println!(
            "\nfirst view of `bilan serve --fresh`: page 1 shown {} after the start, {:.2}× a cold `bilan build --fresh` ({}), medians of {} starts",
            ms(seen.first_view),
            seen.first_view.as_secs_f64() / seen.cold_build.as_secs_f64(),
            ms(seen.cold_build),
            seen.starts
        );
        println!(
            "resident memory of `bilan serve` after {EDITS} edits: {:.0} MiB",
            seen.resident
        );
    }

    if let Some(cold) = cold {
        cold_table(&cold);
    }
    if parts.contains('e') {
        let resident = after_edits(&root, EDITS);
        println!(
            "\n(e) resident memory of the warm process after {EDITS} edits: {resident:.0} MiB"
        );
    }
}

/// Prints (d).
fn cold_table(measured: &[(usize, Cold)]) {
    println!(
        "\n(d) cold, each a fresh process, the three in turn: Typst alone, `bilan build --fresh` (fitted), `bilan build` (the decisions kept in build/.fitting/ by the last build of the same sources):\n"
    );
    println!(
        "| document | pages | Typst | bilan, fitted | ratio | bilan, decisions kept | ratio |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (times, cold) in measured {
        let ratio = |run: &Run| run.took.as_secs_f64() / cold.typst.took.as_secs_f64();
        println!(
            "| chapters ×{times} | {} | {} | {} | {:.2}× | {} | {:.2}× |",
            cold.pages,
            ms(cold.typst.took),
            ms(cold.fitted.took),
            ratio(&cold.fitted),
            ms(cold.kept.took),
            ratio(&cold.kept),
        );
    }
    println!("\n| peak memory | Typst | bilan, fitted | ratio | bilan, decisions kept | ratio |");
    println!("|---|---|---|---|---|---|");
    for (times, cold) in measured {
        let ratio = |run: &Run| run.peak_mib / cold.typst.peak_mib;
        println!(
            "| chapters ×{times} | {:.0} MiB | {:.0} MiB | {:.2}× | {:.0} MiB | {:.2}× |",
            cold.typst.peak_mib,
            cold.fitted.peak_mib,
            ratio(&cold.fitted),
            cold.kept.peak_mib,
            ratio(&cold.kept),
        );
    }
}

/// (d) for the brochure and for its chapters repeated 4 and 8 times (3 runs
/// each at most for those).
fn cold_builds_by_size(runs: usize) -> Vec<(usize, Cold)> {
    [(1, runs), (4, runs.min(3)), (8, runs.min(3))]
        .into_iter()
        .map(|(times, cold_runs)| (times, cold_builds(times, cold_runs)))
        .collect()
}

/// `bilan export --typst` of the project at `root`, into `root/name`.
fn export_project(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    let status = Command::new(env!("CARGO_BIN_EXE_bilan"))
        .arg("export")
        .arg("--root")
        .arg(root)
        .arg("--typst")
        .arg(&dir)
        .stderr(Stdio::null())
        .status()
        .expect("bilan export runs");
    assert!(status.success(), "bilan export failed");
    dir
}

/// Replaces the first `from` by `to` in a file.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "`{from}` not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// The edited sentence with this word.
fn sentence(word: &str) -> String {
    format!("{BEFORE}{word}{AFTER}")
}

/// The medians of (a) and (b).
struct Warm {
    typst: Duration,
    provisional: Duration,
    exact: Duration,
    /// Of the exact rebuild: reload, typeset, export and write.
    steps: [Duration; 3],
}

/// (a): the yardstick's warm compile + export after each edit, in this
/// process (a child of the benchmark's).
fn typst_edit_loop(export: &Path, runs: usize) -> Vec<Duration> {
    let mut typst = Exported::open(export);
    typst.compile_and_export();
    let mut word = WORD;
    (0..runs)
        .map(|run| {
            let next = WORDS[run % WORDS.len()];
            typst.edit("/content.json", &sentence(word), &sentence(next));
            word = next;
            let started = Instant::now();
            typst.compile_and_export();
            let took = started.elapsed();
            // As `typst watch` does after each compilation.
            typst::comemo::evict(10);
            took
        })
        .collect()
}

/// (a) in a child process, then (b) in this one, with the same words.
fn edit_loop(root: &Path, export: &Path, runs: usize) -> Warm {
    let me = std::env::current_exe().expect("this benchmark's path");
    let output = Command::new(me)
        .env(WARM_CHILD, export)
        .env("RUNS", runs.to_string())
        .output()
        .expect("the yardstick runs");
    assert!(output.status.success(), "the yardstick failed");
    let yardstick: Vec<Duration> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .map(Duration::from_micros)
        .collect();
    let mut session = Session::new(options(root), root.join("build/warm.pdf"));
    let never = || false;
    assert!(matches!(
        session.build(&Change::default(), &never, None),
        Outcome::Built(_)
    ));
    let sources = Change {
        sources: true,
        ..Change::default()
    };
    let (mut provisional, mut exact) = (Vec::new(), Vec::new());
    let mut steps: [Vec<Duration>; 3] = Default::default();
    let mut word = WORD;
    for run in 0..runs {
        let next = WORDS[run % WORDS.len()];
        edit(&root.join(CHAPTER), &sentence(word), &sentence(next));
        word = next;
        let shown = Mutex::new(None);
        let show = |p: Provisional| *shown.lock().expect("a lock") = Some(p.elapsed);
        let outcome = session.build(&sources, &never, Some(&show));
        let Outcome::Built(build) = outcome else {
            panic!("the rebuild failed");
        };
        provisional.push(
            shown
                .into_inner()
                .expect("a lock")
                .expect("provisional pages"),
        );
        exact.push(build.elapsed);
        let Steps {
            reload,
            typeset,
            export,
        } = build.steps;
        for (step, took) in steps.iter_mut().zip([reload, typeset, export]) {
            step.push(took);
        }
    }
    Warm {
        typst: median(yardstick),
        provisional: median(provisional),
        exact: median(exact),
        steps: steps.map(median),
    }
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        sources: root.join("sources"),
        profile: ProfileName::Print,
        marks: false,
        departement: None,
    }
}

/// The medians of (c).
struct Seen {
    provisional: Duration,
    exact: Duration,
    first_view: Duration,
    /// A cold `bilan build --fresh` of the same copy, for the first view.
    cold_build: Duration,
    starts: usize,
    /// The resident memory of `bilan serve` after the edits, in MiB.
    resident: f64,
}

/// (c): `bilan serve` on a copy of the project, in headless Chromium.
fn in_browser(runs: usize) -> Seen {
    let copy = support::project_copy();
    let dir = copy.path();
    let chapter = dir.join(CHAPTER);
    let starts = runs.min(5);
    let (mut first_views, mut cold_builds) = (Vec::new(), Vec::new());
    let (mut provisional, mut exact) = (Vec::new(), Vec::new());
    let mut resident = 0.0;
    for start in 0..starts {
        // A cold build first, on a quiet machine, for comparison.
        let mut build = Command::new(env!("CARGO_BIN_EXE_bilan"));
        build
            .current_dir(dir)
            .args(["build", "--fresh", "--out", "cold.pdf"])
            .stderr(Stdio::null());
        cold_builds.push(run_child(build).0);
        let profile = tempfile::tempdir().expect("a temp dir");
        let chromium = Browser::open(profile.path());
        let port = browser::free_port();
        let started = browser::epoch_ms();
        let serve = Killed(
            Command::new(env!("CARGO_BIN_EXE_bilan"))
                .current_dir(dir)
                .args(["serve", "--fresh", "--port", &port.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("bilan serve starts"),
        );
        // The page is asked for at once: it answers while the first build
        // runs, and shows page 1 when it can.
        browser::wait_until(
            60,
            "bilan serve to answer",
            || std::net::TcpStream::connect(("127.0.0.1", port)).ok(),
            String::new,
        );
        chromium.go(&format!("http://127.0.0.1:{port}/"));
        let first = browser::wait_until(
            120,
            "page 1",
            || {
                chromium
                    .preview_log()
                    .into_iter()
                    .find(|e| e.event == "shown")
            },
            String::new,
        );
        first_views.push(Duration::from_millis(first.at.saturating_sub(started)));
        if start > 0 {
            continue;
        }
        let pid = serve.0.id();
        // The edits, in the first session only: `runs` timed, then more up
        // to 100 for the memory.
        let mut word = WORD.to_owned();
        for run in 0..runs.max(EDITS) {
            let plural = if (run / WORDS.len()).is_multiple_of(2) {
                ""
            } else {
                "s"
            };
            let next = format!("{}{plural}", WORDS[(run + 5) % WORDS.len()]);
            let last = chromium.preview_log().last().map_or(0, |e| e.generation);
            let written = browser::epoch_ms();
            edit(&chapter, &sentence(&word), &sentence(&next));
            word = next;
            let log = browser::wait_until(
                60,
                "the exact pages",
                || {
                    let log = chromium.preview_log();
                    log.iter()
                        .any(|e| e.generation > last && e.state == "exact" && e.event == "shown")
                        .then_some(log)
                },
                String::new,
            );
            if run >= runs {
                continue;
            }
            let after = |state: &str| {
                log.iter()
                    .find(|e| e.generation > last && e.event == "shown" && e.state == state)
                    .map(|e| Duration::from_millis(e.at.saturating_sub(written)))
            };
            let exact_at = after("exact").expect("exact pages shown");
            // No provisional pages when the exact ones came first.
            provisional.push(after("provisional").unwrap_or(exact_at));
            exact.push(exact_at);
        }
        resident = resident_mib_of(&format!("/proc/{pid}/status"));
    }
    Seen {
        provisional: median(provisional),
        exact: median(exact),
        first_view: median(first_views),
        cold_build: median(cold_builds),
        starts,
        resident,
    }
}

/// One command of (d): the median time and the largest peak memory.
struct Run {
    took: Duration,
    peak_mib: f64,
}

/// The runs of (d) for one size.
struct Cold {
    pages: usize,
    typst: Run,
    fitted: Run,
    kept: Run,
}

/// (d): a copy of the project whose chapters are listed `times` times in
/// `bilan.toml`, built cold by Typst alone (exported), by `bilan build
/// --fresh`, and by `bilan build` with the decisions the export kept.
fn cold_builds(times: usize, runs: usize) -> Cold {
    let copy = support::project_copy();
    let dir = copy.path();
    if times > 1 {
        let manifest = dir.join("sources/bilan.toml");
        let text = std::fs::read_to_string(&manifest).expect("read bilan.toml");
        let line = text
            .lines()
            .find(|l| l.starts_with("chapters = ["))
            .expect("the chapters line");
        let list = line
            .trim_start_matches("chapters = [")
            .trim_end_matches(']');
        let repeated = vec![list; times].join(", ");
        std::fs::write(
            &manifest,
            text.replace(line, &format!("chapters = [{repeated}]")),
        )
        .expect("write bilan.toml");
    }
    // The export fits the pages, and keeps the decisions.
    let export = export_project(dir, "typst-project");
    let pdf = dir.join("cold.pdf");
    let me = std::env::current_exe().expect("this benchmark's path");
    let build = |fresh: bool| {
        let mut build = Command::new(env!("CARGO_BIN_EXE_bilan"));
        build
            .current_dir(dir)
            .arg("build")
            .arg("--out")
            .arg(&pdf)
            .stderr(Stdio::null());
        if fresh {
            build.arg("--fresh");
        }
        build
    };
    let mut samples: [(Vec<Duration>, f64); 3] = Default::default();
    for _ in 0..runs {
        let mut compile = Command::new(&me);
        compile.env(COMPILE_CHILD, &export);
        for (command, (times, peak)) in [compile, build(true), build(false)]
            .into_iter()
            .zip(samples.iter_mut())
        {
            let (took, peak_mib) = run_child(command);
            times.push(took);
            *peak = peak.max(peak_mib);
        }
    }
    let pages = lopdf::Document::load(&pdf).map_or(0, |d| d.get_pages().len());
    let [typst, fitted, kept] = samples.map(|(times, peak_mib)| Run {
        took: median(times),
        peak_mib,
    });
    Cold {
        pages,
        typst,
        fitted,
        kept,
    }
}

/// Runs a command to its end: how long it took and its peak resident
/// memory, in MiB.
fn run_child(mut command: Command) -> (Duration, f64) {
    let started = Instant::now();
    #[expect(
        clippy::zombie_processes,
        reason = "reaped below by wait4, which also gives its peak memory"
    )]
    let child = command
        .stdout(Stdio::null())
        .spawn()
        .expect("the command starts");
    let pid = i32::try_from(child.id()).expect("a pid");
    let mut status = 0;
    // SAFETY: wait4 writes into the zeroed struct and the status we own; the
    // child is ours and reaped here, once.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &raw mut status, 0, &raw mut usage);
        usage
    };
    let took = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    (took, usage.ru_maxrss as f64 / 1024.0)
}

/// (e): the resident memory of a warm session after `edits` edits (with
/// provisional pages, as `bilan serve` makes them), in MiB.
fn after_edits(root: &Path, edits: usize) -> f64 {
    let chapter = root.join(CHAPTER);
    let text = std::fs::read_to_string(&chapter).expect("read");
    let mut word = WORDS
        .iter()
        .chain([&WORD])
        .find(|w| text.contains(&sentence(w)))
        .expect("the edited paragraph")
        .to_string();
    let mut session = Session::new(options(root), root.join("build/memory.pdf"));
    let sources = Change {
        sources: true,
        ..Change::default()
    };
    let never = || false;
    session.build(&Change::default(), &never, None);
    for run in 0..edits {
        // Twice as many words as WORDS: an edit comes back after 23 others.
        let plural = if (run / WORDS.len()).is_multiple_of(2) {
            ""
        } else {
            "s"
        };
        let next = format!("{}{plural}", WORDS[run % WORDS.len()]);
        edit(&chapter, &sentence(&word), &sentence(&next));
        session.build(&sources, &never, Some(&|_: Provisional| {}));
        word = next;
    }
    resident_mib()
}

/// This process's resident memory now, in MiB.
fn resident_mib() -> f64 {
    resident_mib_of("/proc/self/status")
}

/// The resident memory of a process now, from its `/proc/…/status`, in MiB.
fn resident_mib_of(status: &str) -> f64 {
    let status = std::fs::read_to_string(status).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}
