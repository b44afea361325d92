//! Other outputs than the PDF: one PNG per page.

use crate::common;

use common::Minimal;

#[test]
fn png_export_writes_one_file_per_page_and_no_stale_ones() {
    let minimal = Minimal::new();
    let output = minimal.build(&[]);
    assert!(output.status.success());
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let pages = pdf.get_pages().len();

    let dir = minimal.dir.path().join("pages");
    std::fs::create_dir(&dir).expect("pages/");
    let stale = dir.join(format!("page-{:02}.png", pages + 1));
    std::fs::write(&stale, b"left by a longer build").expect("a stale page");

    let output = minimal.build(&["--format", "png", "--ppi", "20", "--out", "pages"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list pages/")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let expected: Vec<String> = (1..=pages).map(|n| format!("page-{n:02}.png")).collect();
    assert_eq!(names, expected);
    let first = std::fs::read(dir.join("page-01.png")).expect("page 1");
    assert!(first.starts_with(b"\x89PNG"), "not a PNG");
}

#[test]
fn typst_export_writes_a_standalone_project() {
    let minimal = Minimal::new();
    let root = common::root().to_str().expect("UTF-8");
    let output = common::bilan(
        minimal.dir.path(),
        &[
            "export",
            "--root",
            root,
            "--sources",
            "sources",
            "--typst",
            "typst",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let dir = minimal.dir.path().join("typst");
    let main = std::fs::read_to_string(dir.join("main.typ")).expect("main.typ");
    assert!(main.contains("#include \"bilan.typ\""), "{main}");
    for file in [
        "bilan.typ",
        "theme.typ",
        "edition.json",
        "fonts/montserrat/OFL.txt",
    ] {
        assert!(dir.join(file).is_file(), "no {file}");
    }
    let content: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("content.json")).expect("content.json"))
            .expect("valid JSON");
    assert_eq!(content["chapters"][0]["number"], "I");

    // With the official CLI at hand, the project compiles to the same pages.
    let Ok(typst) = std::env::var("TYPST") else {
        println!("not compiled with the typst CLI: set TYPST=/path/to/typst to do it");
        return;
    };
    let compiled = std::process::Command::new(typst)
        .current_dir(&dir)
        .args([
            "compile",
            "--ignore-system-fonts",
            "--font-path",
            "fonts",
            "main.typ",
            "out.pdf",
        ])
        .status()
        .expect("typst runs");
    assert!(compiled.success());
    assert!(minimal.build(&[]).status.success());
    let theirs = lopdf::Document::load(dir.join("out.pdf")).expect("typst's PDF");
    let ours = lopdf::Document::load(minimal.pdf()).expect("bilan's PDF");
    assert_eq!(common::page_texts(&theirs), common::page_texts(&ours));
}
