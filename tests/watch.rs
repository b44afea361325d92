//! `bilan watch` on a temporary copy of the sources: an edit gives a new
//! PDF, a broken file keeps the previous PDF and prints the error, a fix
//! recovers.

use crate::common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bilan::content::model::ProfileName;
use bilan::pipeline::{Options, Pipeline};
use common::{Minimal, root};

/// The watcher, killed when dropped.
struct Watcher(Child);

impl Watcher {
    /// Starts `bilan watch` in `dir` on the repository's layouts and fonts
    /// and `dir/sources`, with `extra` arguments, its standard error in
    /// `log`.
    fn start(dir: &Path, extra: &[&str], log: &Path) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(dir)
            .args(["watch", "--root", root().to_str().expect("UTF-8")])
            .args(["--sources", "sources"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(log).expect("a log file"))
            .spawn()
            .expect("bilan watch starts");
        Self(child)
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until `done` holds, for at most `seconds`.
fn wait_until(seconds: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn pdf_text(path: &Path) -> String {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| lopdf::Document::load_mem(&bytes).ok())
        .map(|pdf| common::page_texts(&pdf).join(" "))
        .unwrap_or_default()
}

#[test]
fn watch_rebuilds_keeps_the_last_good_pdf_and_recovers() {
    let minimal = Minimal::new();
    let log = minimal.dir.path().join("watch.log");
    let _watcher = Watcher::start(minimal.dir.path(), &["--out", "out.pdf"], &log);
    let pdf = minimal.pdf();
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();

    wait_until(120, "the first build", || stderr().contains("Watching"));
    assert!(pdf_text(&pdf).contains("paragraph-to-edit"), "{}", stderr());

    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "Un texte tout neuf.",
    );
    wait_until(60, "the rebuild", || {
        pdf_text(&pdf).contains("un texte tout neuf.")
    });
    let good = std::fs::read(&pdf).expect("the PDF");

    minimal.edit("01-chapitre.toml", "kind = \"part\"", "kind = [");
    wait_until(60, "the error", || stderr().contains("Failed"));
    assert!(
        stderr().contains("sources/01-chapitre.toml:"),
        "{}",
        stderr()
    );
    assert_eq!(
        std::fs::read(&pdf).expect("the PDF"),
        good,
        "a failed build changed the PDF"
    );

    minimal.edit("01-chapitre.toml", "kind = [", "kind = \"part\"");
    minimal.edit(
        "01-chapitre.toml",
        "Un texte tout neuf.",
        "Un texte réparé.",
    );
    wait_until(60, "the recovery", || {
        pdf_text(&pdf).contains("un texte réparé.")
    });
}

#[test]
fn watch_keeps_a_local_edition_up_to_date() {
    let (dir, sources) = common::copy_sources();
    let log = dir.path().join("watch.log");
    let _watcher = Watcher::start(dir.path(), &["--departement", "48"], &log);
    // The default output of the Lozère's edition.
    let pdf = dir.path().join("build/bilan-48-print.pdf");
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();

    wait_until(180, "the first build", || stderr().contains("Watching"));
    let text = pdf_text(&pdf);
    assert!(text.contains("balades thermographiques"), "{}", stderr());
    assert!(
        !text.contains("haute-garonne (31)"),
        "not the Lozère's edition"
    );

    // An edit of a Lozère initiative reaches the edition; the edition stays
    // the Lozère's.
    let chapter = sources.join("01-solidarite-humaine.toml");
    let old = std::fs::read_to_string(&chapter).expect("read");
    assert!(old.contains("balades thermographiques"));
    std::fs::write(
        &chapter,
        old.replace("balades thermographiques", "balades nocturnes"),
    )
    .expect("write");
    wait_until(120, "the rebuild", || {
        pdf_text(&pdf).contains("balades nocturnes")
    });
    assert!(!pdf_text(&pdf).contains("haute-garonne (31)"));
}

/// What a rebuild in the watcher's process writes is what a fresh build of
/// the same sources writes, byte for byte: nothing a rebuild keeps from the
/// one before (Typst's caches, the ink read of unchanged pages) changes the
/// PDF.
#[test]
fn a_rebuild_writes_the_pdf_of_a_fresh_build() {
    let (_dir, sources) = common::copy_sources();
    let options = Options {
        root: root().to_path_buf(),
        sources: sources.clone(),
        profile: ProfileName::Print,
        marks: false,
        departement: Some("33".to_owned()),
    };
    let pdf = |pipeline: &mut Pipeline| {
        let built = pipeline.typeset().expect("typeset");
        pipeline.pdf(&built.document).expect("export")
    };
    let fresh = pdf(&mut Pipeline::load(options.clone()).expect("the sources load"));

    // The watcher first builds the sources with a sentence of a Gironde
    // initiative told ten times (its chapter takes a page more and is
    // fitted otherwise), then the sources as they were.
    let chapter = sources.join("01-solidarite-humaine.toml");
    let original = std::fs::read_to_string(&chapter).expect("read");
    let told = "La Gironde (33) finance des chèques APTIC";
    assert!(original.contains(told));
    let longer = original.replace(told, &[told; 10].join(", "));
    std::fs::write(&chapter, longer).expect("write");
    let mut watcher = Pipeline::load(options).expect("the sources load");
    let before = pdf(&mut watcher);
    std::fs::write(&chapter, original).expect("write");
    watcher.reload_sources().expect("reload");
    let rebuilt = pdf(&mut watcher);

    assert!(before != fresh, "the edit changed nothing");
    assert!(rebuilt == fresh, "the rebuild differs from a fresh build");
}
