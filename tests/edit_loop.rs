//! The edit loop of `bilan watch` and `bilan serve`: whatever was kept
//! between builds (Typst's caches, the last fitting's decisions, the
//! provisional pages laid out with them), the PDF written at rest is the
//! one a fresh `bilan build` writes for the same sources, byte for byte; a
//! provisional page is never written; a newer edit supersedes the build in
//! progress; a hundred rebuilds keep the memory bounded.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst_layout::PagedDocument;

use bilan::content::model::{Block, ProfileName};
use bilan::pipeline::{Options, Pipeline};
use bilan::watch::{Change, Outcome, Provisional, Session};
use common::browser::{Killed, wait_until};
use common::{bilan, copy_dir, replace_in, root};

/// The second brochure with its own copy of the layouts and fonts, in a
/// temp folder that the test edits.
fn second_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_dir(
        &root().join("tests/fixtures/second"),
        &dir.path().join("sources"),
    );
    for folder in ["layouts", "fonts"] {
        copy_dir(&root().join(folder), &dir.path().join(folder));
    }
    dir
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

/// The PDF a fresh `bilan build` writes for the project in `dir` (fitted
/// anew, whatever `build/.fitting/` keeps).
fn fresh_build(dir: &Path) -> Vec<u8> {
    let output = bilan(
        dir,
        &["build", "--root", ".", "--out", "fresh.pdf", "--fresh"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(dir.join("fresh.pdf")).expect("the fresh PDF")
}

fn changed(sources: bool, layouts: bool) -> Change {
    Change {
        sources,
        layouts,
        ..Change::default()
    }
}

#[test]
fn at_rest_the_pdf_is_a_fresh_builds_after_every_kind_of_edit() {
    let project = second_project();
    let dir = project.path();
    let out = dir.join("watched.pdf");
    let mut session = Session::new(options(dir), out.clone());
    let never = || false;
    assert!(matches!(
        session.build(&Change::default(), &never, None),
        Outcome::Built(_)
    ));
    let edits: [(&str, &str, &str, &str, Change); 5] = [
        (
            "a word",
            "sources/1-mer.toml",
            "qui retiennent le sable",
            "qui retiennent tout le sable",
            changed(true, false),
        ),
        (
            "a paragraph added",
            "sources/1-mer.toml",
            "ne piétinent plus la dune.\",",
            "ne piétinent plus la dune.\", \"Un paragraphe ajouté, assez long pour prendre deux ou trois lignes de la colonne où il tombe, et changer la suite.\",",
            changed(true, false),
        ),
        (
            "a callout removed",
            "sources/2-iles.toml",
            "[[sections.blocks]]\ntype = \"callout\"\nfamily = \"en-pratique\"\nlabel = \"Le + du 976\"\nparagraphs = [\"À Mayotte, une ligne téléphonique gratuite répond aux familles en shimaoré, en kibushi et en français.\"]\n",
            "",
            changed(true, false),
        ),
        (
            "chapters reordered in bilan.toml",
            "sources/bilan.toml",
            "chapters = [\"1-mer.toml\", \"2-iles.toml\"",
            "chapters = [\"2-iles.toml\", \"1-mer.toml\"",
            changed(true, false),
        ),
        (
            "a layout colour",
            "layouts/theme.typ",
            "#let primary = role(\"primary\")",
            "#let primary = role(\"accent\")",
            changed(false, true),
        ),
    ];
    let provisional_shown = AtomicUsize::new(0);
    for (what, file, from, to, change) in edits {
        let before = std::fs::read(&out).expect("the PDF");
        replace_in(&dir.join(file), from, to);
        let show = |_: Provisional| {
            provisional_shown.fetch_add(1, Ordering::SeqCst);
            // Provisional pages are never written where the PDF goes.
            assert!(
                std::fs::read(&out).expect("the PDF") == before,
                "provisional pages written after {what}"
            );
        };
        let outcome = session.build(&change, &never, Some(&show));
        let Outcome::Built(_) = outcome else {
            panic!("the rebuild after {what} failed");
        };
        let rebuilt = std::fs::read(&out).expect("the PDF");
        assert!(rebuilt != before, "{what} changed nothing");
        assert!(
            rebuilt == fresh_build(dir),
            "after {what}, the PDF differs from a fresh build's"
        );
    }
    assert_eq!(
        provisional_shown.into_inner(),
        5,
        "provisional pages before each build"
    );
}

/// The text of a PDF, normalized as the tests compare it (empty while it
/// cannot be read).
fn pdf_text(path: &Path) -> String {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| lopdf::Document::load_mem(&bytes).ok())
        .map(|pdf| common::page_texts(&pdf).join(" "))
        .unwrap_or_default()
}

#[test]
fn a_newer_edit_supersedes_the_build_in_progress() {
    let project = second_project();
    let dir = project.path();
    let log = dir.join("watch.log");
    let _watch = Killed(
        Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(dir)
            .args(["watch", "--root", ".", "--out", "watched.pdf"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log"))
            .spawn()
            .expect("bilan watch starts"),
    );
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_until(
        180,
        "the first build",
        || stderr().contains("Watching").then_some(()),
        stderr,
    );
    let rebuilt = || stderr().matches("Rebuilt").count();
    let first = rebuilt();
    // Four saves, each well before the build it starts can end: each
    // supersedes the one before, which writes nothing.
    let chapter = dir.join("sources/1-mer.toml");
    let words = ["premières", "deuxièmes", "troisièmes", "dernières"];
    let mut current = "Des ganivelles";
    let titles: Vec<String> = words
        .iter()
        .map(|w| format!("Des {w} ganivelles"))
        .collect();
    for title in &titles {
        replace_in(&chapter, current, title);
        current = title;
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    let pdf = dir.join("watched.pdf");
    wait_until(
        180,
        "the last edit's PDF",
        || {
            pdf_text(&pdf)
                .contains("des dernières ganivelles")
                .then_some(())
        },
        stderr,
    );
    assert!(
        std::fs::read(&pdf).expect("the PDF") == fresh_build(dir),
        "at rest, the PDF differs from a fresh build's\n{}",
        stderr()
    );
    assert!(
        stderr().contains("Superseded") && rebuilt() - first < words.len(),
        "no build was superseded:\n{}",
        stderr()
    );
}

#[test]
fn a_kept_decision_is_not_reused_for_content_that_changed() {
    // The Gironde's edition as a booklet, where its anchored box is known.
    let (_dir, sources) = crate::local_editions::booklet_sources();
    let options = Options {
        root: root().to_path_buf(),
        sources: sources.clone(),
        profile: ProfileName::Print,
        marks: false,
        departement: Some("33".to_owned()),
    };
    let mut watched = Pipeline::load(options.clone()).expect("the sources load");
    let before = watched.typeset().expect("typeset");
    let [anchored] = before.plan.anchors[..] else {
        panic!(
            "the Gironde's edition has one anchored box: {:?}",
            before.plan
        );
    };
    // The anchored box, made much longer: it no longer fits where it was.
    let block = &watched.project().brochure.chapters[anchored.chapter].sections[anchored.section]
        .blocks[anchored.block.expect("a block")];
    let Block::Callout(callout) = block else {
        panic!("the anchored box is a callout: {block:?}");
    };
    let words = plain_words(&callout.paragraphs[0].plain());
    let file = std::fs::read_dir(&sources)
        .expect("sources/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(&words)))
        .unwrap_or_else(|| panic!("no source holds « {words} »"));
    let longer = format!("{words} {}", "et bien plus encore, ".repeat(60));
    replace_in(&file, &words, &longer);

    watched.reload_sources().expect("reload");
    // The preview's provisional pages reuse the kept decisions…
    let provisional = Mutex::new(None);
    let show = |document: &PagedDocument| {
        *provisional.lock().expect("a lock") = Some(document.pages().len());
    };
    let after = watched
        .typeset_unless(&|| false, Some(&show))
        .expect("typeset");
    assert!(
        provisional.into_inner().expect("a lock").is_some(),
        "no provisional pages"
    );
    let rebuilt = watched.pdf(&after.document).expect("export");
    // … the exact pages never do.
    assert!(after.plan != before.plan, "the edit changed no decision");
    let mut fresh = Pipeline::load(options).expect("the sources load");
    let fresh_built = fresh.typeset().expect("typeset");
    assert!(
        after.plan == fresh_built.plan,
        "the rebuild kept a stale decision"
    );
    assert!(
        rebuilt == fresh.pdf(&fresh_built.document).expect("export"),
        "the rebuild differs from a fresh build"
    );
}

/// Four words in a row of a text that the sources spell as it prints
/// them (letters alone: no apostrophe or no-break space that typography
/// changed).
fn plain_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    words
        .windows(4)
        .find(|w| {
            w.iter()
                .all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        })
        .map(|w| w.join(" "))
        .unwrap_or_else(|| panic!("no four plain words in « {text} »"))
}

/// Set in the environment of the test binary run again as a child by
/// [`a_hundred_rebuilds_keep_the_memory_bounded`].
const MEMORY_CHILD: &str = "BILAN_TEST_MEMORY_CHILD";

/// How many rebuilds the memory test makes.
const REBUILDS: usize = 100;

/// The bound on the resident memory after the rebuilds, in MiB: generous
/// (a debug build, a small brochure); the benchmark measures the real one.
const RESIDENT_BOUND_MIB: f64 = 600.0;

/// After how many rebuilds the memory should stay level.
const SETTLED_AFTER: usize = 20;

/// How much the resident memory may grow from [`SETTLED_AFTER`] rebuilds to
/// [`REBUILDS`], in MiB. Measured on the minimal brochure in a debug build:
/// 74 MiB after 100 rebuilds, level after 20, against 168 MiB and about one
/// more a rebuild when Typst's caches are never evicted.
const GROWTH_BOUND_MIB: f64 = 30.0;

#[test]
fn a_hundred_rebuilds_keep_the_memory_bounded() {
    // A process of its own: the other tests of this binary run beside this
    // one and would weigh on its memory.
    let output = Command::new(std::env::current_exe().expect("the test binary"))
        .args([
            "--exact",
            "edit_loop::rebuilds_in_a_child",
            "--ignored",
            "--nocapture",
        ])
        .env(MEMORY_CHILD, "1")
        .output()
        .expect("the child runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let figure = |name: &str| -> f64 {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no `{name}` in {stdout}"))
    };
    let (settled, resident) = (figure("settled MiB: "), figure("resident MiB: "));
    assert!(
        resident < RESIDENT_BOUND_MIB,
        "{resident:.0} MiB after {REBUILDS} rebuilds"
    );
    assert!(
        resident - settled < GROWTH_BOUND_MIB,
        "{settled:.0} MiB after {SETTLED_AFTER} rebuilds, {resident:.0} MiB after {REBUILDS}"
    );
}

/// The child of [`a_hundred_rebuilds_keep_the_memory_bounded`]: rebuilds the
/// minimal brochure after each of a hundred edits, with provisional pages,
/// then prints its resident memory.
#[test]
#[ignore = "run by a_hundred_rebuilds_keep_the_memory_bounded, in a process of its own"]
fn rebuilds_in_a_child() {
    if std::env::var_os(MEMORY_CHILD).is_none() {
        return;
    }
    let minimal = common::Minimal::new();
    let options = Options {
        root: root().to_path_buf(),
        sources: minimal.sources(),
        profile: ProfileName::Print,
        marks: false,
        departement: None,
    };
    let mut session = Session::new(options, minimal.pdf());
    let never = || false;
    session.build(&Change::default(), &never, None);
    let mut current = "PARAGRAPH-TO-EDIT".to_owned();
    for run in 0..REBUILDS {
        let next = format!("Un texte ({run}) qui change à chaque fois.");
        minimal.edit("01-chapitre.toml", &current, &next);
        current = next;
        let outcome = session.build(&changed(true, false), &never, Some(&|_: Provisional| {}));
        assert!(matches!(outcome, Outcome::Built(_)), "rebuild {run} failed");
        if run + 1 == SETTLED_AFTER {
            println!("settled MiB: {:.1}", resident_mib());
        }
    }
    println!("resident MiB: {:.1}", resident_mib());
}

/// This process's resident memory, in MiB.
fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

#[test]
fn a_broken_save_during_a_rebuild_shows_its_error_keeps_the_pdf_and_recovers() {
    let project = second_project();
    let dir = project.path();
    let log = dir.join("watch.log");
    let _watch = Killed(
        Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(dir)
            .args(["watch", "--root", ".", "--out", "watched.pdf"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log"))
            .spawn()
            .expect("bilan watch starts"),
    );
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_until(
        180,
        "the first build",
        || stderr().contains("Watching").then_some(()),
        stderr,
    );
    let pdf = dir.join("watched.pdf");
    let good = std::fs::read(&pdf).expect("the PDF");
    let chapter = dir.join("sources/1-mer.toml");
    // A good save starts a rebuild; a half-written one follows while it
    // runs.
    replace_in(&chapter, "Des ganivelles", "Des ganivelles neuves");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let text = std::fs::read_to_string(&chapter).expect("read");
    std::fs::write(&chapter, &text[..text.len() / 2]).expect("write half");
    wait_until(
        180,
        "the error",
        || stderr().contains("Failed").then_some(()),
        stderr,
    );
    assert!(stderr().contains("sources/1-mer.toml:"), "{}", stderr());
    assert!(
        std::fs::read(&pdf).expect("the PDF") == good,
        "the PDF changed before a good build:\n{}",
        stderr()
    );
    // The next good save recovers.
    std::fs::write(&chapter, &text).expect("write whole");
    wait_until(
        180,
        "the recovery",
        || {
            pdf_text(&pdf)
                .contains("des ganivelles neuves")
                .then_some(())
        },
        stderr,
    );
    assert!(std::fs::read(&pdf).expect("the PDF") == fresh_build(dir));
}
