//! Other outputs than the PDF: one PNG per page.

mod common;

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
