//! `bilan new`: another brochure, started in a new folder, checks clean and
//! builds with the copied layouts and fonts; a folder that is not empty, or
//! a project without layouts, is refused before anything is written.

use std::path::Path;

use crate::common;

use common::{bilan, normalize, page_texts, root};

/// Runs `bilan new <dir>` from `cwd`, copying the layouts and fonts of
/// `from`.
fn new_from(from: &Path, cwd: &Path, dir: &Path) -> std::process::Output {
    let utf8 = |path: &Path| path.to_str().expect("a UTF-8 path").to_owned();
    bilan(cwd, &["new", &utf8(dir), "--root", &utf8(from)])
}

/// Runs `bilan new <dir>` from `cwd`, copying the repository's layouts and
/// fonts.
fn new(cwd: &Path, dir: &Path) -> std::process::Output {
    new_from(root(), cwd, dir)
}

#[test]
fn a_new_brochure_checks_clean_and_builds() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = temp.path().join("notre-bilan");
    let output = new(temp.path(), &dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("Created"), "{stderr}");

    let output = bilan(&dir, &["check", "--format", "json"]);
    let findings = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{findings}");
    assert!(
        !findings.contains(r#""severity":"warning""#)
            && !findings.contains(r#""severity":"error""#),
        "the starter must check clean:\n{findings}"
    );

    let output = bilan(&dir, &["build"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = lopdf::Document::load(dir.join("build/bilan-print.pdf")).expect("the PDF");
    let text = page_texts(&pdf).join(" ");
    for words in [
        "titre de la brochure",
        "le titre de la première partie",
        "le titre d'une initiative",
        "lieux d'accueil en gironde",
        "zoom sur",
        "témoignage",
        "la gironde",
        "contact@example.fr",
    ] {
        assert!(
            text.contains(&normalize(words)),
            "« {words} » not in the PDF"
        );
    }
}

#[test]
fn the_new_brochure_has_the_schemas_bilan_schema_prints() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = temp.path().join("b");
    assert!(new(temp.path(), &dir).status.success());
    for (kind, file) in common::SCHEMAS {
        let printed = bilan(root(), &["schema", kind]).stdout;
        let written = std::fs::read(dir.join("sources").join(file)).expect("the schema");
        assert_eq!(written, printed, "sources/{file}");
    }
    for file in ["layouts/bilan.typ", "fonts/source-sans-3/OFL.txt"] {
        assert_eq!(
            std::fs::read(dir.join(file)).expect("copied"),
            std::fs::read(root().join(file)).expect("the original"),
            "{file}"
        );
    }
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = temp.path().join("occupied");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("notes.txt"), "à garder").expect("write");
    let output = new(temp.path(), &dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error[folder-not-empty]"), "{stderr}");
    assert!(stderr.contains("occupied"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).expect("kept"),
        "à garder"
    );
    assert!(!dir.join("sources").exists(), "nothing may be written");
}

#[test]
fn new_without_layouts_to_copy_writes_nothing() {
    let temp = tempfile::tempdir().expect("a temp dir");
    let empty_root = temp.path().join("nowhere");
    std::fs::create_dir(&empty_root).expect("mkdir");
    let dir = temp.path().join("b");
    let output = new_from(&empty_root, temp.path(), &dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("layouts"), "{stderr}");
    assert!(stderr.contains("--root"), "{stderr}");
    assert!(!dir.exists(), "nothing may be written");
}
