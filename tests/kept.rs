//! The decisions kept in `build/.fitting/`: a build whose inputs are those
//! of the last fitting lays out once with them and writes the PDF a fresh
//! fitting writes, byte for byte; other inputs, an unreadable file or kept
//! decisions that do not hold on their pages mean a fresh fitting.

use crate::common;

use std::path::Path;

use common::{bilan, copy_dir, replace_in, root};

/// What `bilan build` prints when the pages were fitted with kept decisions.
const KEPT: &str = "fitted as the last build of these sources";

/// The second brochure with a copy of the layouts and fonts, in a temp
/// folder that is its own project root.
fn project() -> tempfile::TempDir {
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

/// Runs `bilan build` in `dir` with `extra` arguments: what it printed, and
/// the PDF it wrote to `name`.
fn build(dir: &Path, name: &str, extra: &[&str]) -> (String, Vec<u8>) {
    let mut args = vec!["build", "--root", ".", "--out", name];
    args.extend_from_slice(extra);
    let output = bilan(dir, &args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (stderr, std::fs::read(dir.join(name)).expect("the PDF"))
}

/// The line `bilan build` prints about the fitting.
fn paginated(stderr: &str) -> &str {
    stderr
        .lines()
        .find(|l| l.trim_start().starts_with("Paginated"))
        .expect("a Paginated line")
}

#[test]
fn kept_decisions_give_the_pdf_of_a_fresh_fitting() {
    let project = project();
    let dir = project.path();
    let (first, _) = build(dir, "first.pdf", &[]);
    assert!(!first.contains(KEPT), "nothing was kept yet:\n{first}");
    assert!(dir.join("build/.fitting/print.json").is_file());
    let (again, kept) = build(dir, "again.pdf", &[]);
    assert!(again.contains(KEPT), "{again}");
    let (fresh, fitted) = build(dir, "fresh.pdf", &["--fresh"]);
    assert!(!fresh.contains(KEPT), "{fresh}");
    assert!(kept == fitted, "the kept decisions gave another PDF");
    assert_eq!(paginated(&again), paginated(&fresh));
}

#[test]
fn decisions_kept_for_other_inputs_are_not_reused() {
    let project = project();
    let dir = project.path();
    build(dir, "first.pdf", &[]);
    // The content, a layout, then the rules of [layout]: each a new fitting.
    let edits = [
        (
            "sources/1-mer.toml",
            "qui retiennent le sable",
            "qui retiennent tout le sable",
        ),
        (
            "layouts/theme.typ",
            "#let column-gutter = 7mm",
            "#let column-gutter = 6mm",
        ),
        (
            "sources/bilan.toml",
            "[metadata]",
            "[layout]\nbalance = false\n\n[metadata]",
        ),
    ];
    for (file, from, to) in edits {
        replace_in(&dir.join(file), from, to);
        let (edited, pdf) = build(dir, "edited.pdf", &[]);
        assert!(!edited.contains(KEPT), "after editing {file}:\n{edited}");
        let (_, fresh) = build(dir, "fresh.pdf", &["--fresh"]);
        assert!(
            pdf == fresh,
            "after editing {file}, not the PDF of a fresh fitting"
        );
    }
}

#[test]
fn kept_decisions_that_do_not_hold_on_their_pages_are_fitted_anew() {
    let project = project();
    let dir = project.path();
    let (_, first) = build(dir, "first.pdf", &[]);
    // The key still matches, but the pages the decisions give no longer
    // agree with what was kept.
    let kept = dir.join("build/.fitting/print.json");
    let text = std::fs::read_to_string(&kept).expect("the kept file");
    let pages = serde_json::from_str::<serde_json::Value>(&text).expect("JSON")["report"]["pages"]
        .as_u64()
        .expect("a page count");
    replace_in(
        &kept,
        &format!("\"pages\":{pages}"),
        &format!("\"pages\":{}", pages + 4),
    );
    let (stderr, pdf) = build(dir, "again.pdf", &[]);
    assert!(!stderr.contains(KEPT), "{stderr}");
    assert!(pdf == first, "not the PDF of a fresh fitting");
    // The fitting kept its own decisions again.
    let (stderr, _) = build(dir, "third.pdf", &[]);
    assert!(stderr.contains(KEPT), "{stderr}");

    // A file that does not read is a fresh fitting too.
    std::fs::write(&kept, "{ not JSON").expect("write");
    let (stderr, pdf) = build(dir, "fourth.pdf", &[]);
    assert!(!stderr.contains(KEPT) && pdf == first, "{stderr}");
}

#[test]
fn each_edition_keeps_its_own_decisions() {
    let project = project();
    let dir = project.path();
    build(dir, "national.pdf", &[]);
    build(dir, "corse.pdf", &["--departement", "2A"]);
    build(dir, "screen.pdf", &["--profile", "screen"]);
    for slot in ["print", "2A-print", "screen"] {
        assert!(
            dir.join(format!("build/.fitting/{slot}.json")).is_file(),
            "no decisions kept for {slot}"
        );
    }
    let (stderr, _) = build(dir, "corse-again.pdf", &["--departement", "2A"]);
    assert!(stderr.contains(KEPT), "{stderr}");
}
