//! The pagination: `bilan preflight` on the real brochure finds none of the
//! defects a print designer sends back, finds each of them in a brochure
//! made bad on purpose, and the page count is fitted to a multiple of 4 for
//! a brochure of any length.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{bilan, copy_dir, root};

/// The codes of the findings of `bilan preflight --format json`.
fn finding_codes(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| {
            let value: serde_json::Value =
                serde_json::from_str(line).expect("one JSON object per line");
            value["code"].as_str().expect("a code").to_owned()
        })
        .collect()
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

/// A temp copy of the project (sources and layouts; fonts are read from the
/// repository), to be spoiled by a test.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        copy_dir(&root().join("sources"), &dir.path().join("sources"));
        copy_dir(&root().join("layouts"), &dir.path().join("layouts"));
        std::os::unix::fs::symlink(root().join("fonts"), dir.path().join("fonts"))
            .expect("link the fonts");
        Self { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces every `from` by `to` in a file of the copy.
    fn edit(&self, file: &str, from: &str, to: &str) {
        common::replace_in(&self.path().join(file), from, to);
    }

    fn run(&self, args: &[&str]) -> Output {
        bilan(self.path(), args)
    }
}

/// The most loose lines a print designer lets through in the brochure.
const MAX_LOOSE_LINES: usize = 10;

#[test]
fn the_shipped_brochure_has_none_of_the_defects_a_print_designer_flags() {
    for profile in ["print", "screen"] {
        let output = bilan(
            root(),
            &["preflight", "--format", "json", "--profile", profile],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let codes = finding_codes(&output);
        for code in [
            "column-white",
            "short-tail",
            "hyphenated-title",
            "title-stranded",
            "widow",
            "orphan",
            "hyphen-ladder",
            "bad-break",
            "overfull-line",
            "callout-split",
            "callout-overflow",
            "page-count",
        ] {
            assert_eq!(count(&codes, code), 0, "{profile}: {code} in {codes:?}");
        }
        let loose = count(&codes, "loose-line");
        assert!(
            loose <= MAX_LOOSE_LINES,
            "{profile}: {loose} loose lines: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn a_word_after_an_elision_is_hyphenated_but_never_cut_from_it() {
    let pdf = root().join("build/test-pagination-elisions.pdf");
    let output = bilan(root(), &["build", "--out", pdf.to_str().expect("UTF-8")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // lopdf reads each run of text on its own line, and a hyphen on a line
    // of its own; the word after an elision is a run of its own.
    let document = lopdf::Document::load(&pdf).expect("a PDF");
    std::fs::remove_file(&pdf).ok();
    let hyphenated: Vec<String> = document
        .get_pages()
        .keys()
        .flat_map(|&n| {
            let text = document.extract_text(&[n]).unwrap_or_default();
            let runs: Vec<String> = text.lines().map(|run| run.trim().to_owned()).collect();
            runs.windows(3)
                .filter(|w| {
                    w[0].ends_with('’')
                        && !w[1].is_empty()
                        && w[1].chars().all(char::is_alphabetic)
                        && w[2] == "\u{ad}"
                })
                .map(|w| format!("{}{}-", w[0], w[1]))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        !hyphenated.is_empty(),
        "no word after an elision (« l’en-tourage ») is hyphenated"
    );

    // Without the word joiner, lines break after the apostrophe, and the
    // preflight says so.
    let codes = codes_with_layout(
        "layouts/rich.typ",
        "#let cut = [#h(0.01pt)#text(tracking: 0pt, sym.wj)]",
        "#let cut = [#h(0.01pt)]",
    );
    assert!(count(&codes, "bad-break") > 0, "{codes:?}");
}

/// The codes of the preflight's findings on a copy of the project where
/// `from` is replaced by `to` in one layout.
fn codes_with_layout(file: &str, from: &str, to: &str) -> Vec<String> {
    let project = Project::new();
    project.edit(file, from, to);
    finding_codes(&project.run(&["preflight", "--format", "json"]))
}

#[test]
fn preflight_finds_loose_lines_and_hyphen_ladders() {
    // No hyphenation in the body: its lines get loose.
    let codes = codes_with_layout("layouts/bilan.typ", "hyphenate: true)", "hyphenate: false)");
    assert!(count(&codes, "loose-line") > MAX_LOOSE_LINES, "{codes:?}");

    // Hyphenation that costs nothing: line after line ends with a hyphen.
    let codes = codes_with_layout(
        "layouts/bilan.typ",
        "costs: (hyphenation: 50%)",
        "costs: (hyphenation: 0%)",
    );
    assert!(count(&codes, "hyphen-ladder") > 0, "{codes:?}");
}

#[test]
fn preflight_finds_each_defect_of_a_spoiled_brochure() {
    let project = Project::new();
    // A heading with a word longer than a column.
    project.edit(
        "sources/02-solidarite-territoriale.toml",
        r#"title = "Le Département : le bon échelon pour une transition écologique de proximité""#,
        r#"title = "Le Département : Agrocampusinterdépartementaux""#,
    );
    // A callout longer than a column.
    let long = ["« Un paragraphe très long, répété pour faire une boîte plus haute qu'une colonne, avec des mots ordinaires, des départements comme la Gironde (33) et des chiffres comme 120 000 euros par an. »"; 14].join("\", \"");
    project.edit(
        "sources/01-solidarite-humaine.toml",
        "family = \"zoom\"\nparagraphs = [",
        &format!("family = \"zoom\"\nparagraphs = [\"{long}\", "),
    );
    // Layouts without the guards: titles hyphenated and not kept with their
    // text, widows and orphans allowed.
    project.edit(
        "layouts/initiatives.typ",
        "block(sticky: true,",
        "block(sticky: false,",
    );
    project.edit(
        "layouts/initiatives.typ",
        "hyphenate: false",
        "hyphenate: true",
    );
    project.edit(
        "layouts/bilan.typ",
        "hyphenate: true)",
        "hyphenate: true, costs: (widow: 0%, orphan: 0%))",
    );
    let output = project.run(&["preflight", "--format", "json", "--deny-warnings"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "--deny-warnings fails on findings"
    );
    let codes = finding_codes(&output);
    for code in [
        "overfull-line",
        "callout-split",
        "hyphenated-title",
        "title-stranded",
    ] {
        assert!(count(&codes, code) > 0, "no {code} in {codes:?}");
    }
    assert!(
        count(&codes, "widow") + count(&codes, "orphan") > 0,
        "no widow nor orphan in {codes:?}"
    );

    let human = project.run(&["preflight"]);
    let stderr = String::from_utf8_lossy(&human.stderr);
    assert!(stderr.contains("warning[overfull-line]: page "), "{stderr}");
    assert!(
        stderr.contains("Agrocampusinterdépartementaux"),
        "the line is quoted: {stderr}"
    );
}

#[test]
fn preflight_finds_a_callout_set_out_of_its_frame() {
    // Layouts that give every callout's box a fixed height, shorter than
    // its text: Typst sets the rest of the text under the box.
    let codes = codes_with_layout(
        "layouts/callouts.typ",
        "  breakable: breakable,\n",
        "  breakable: breakable,\n  height: 20mm,\n",
    );
    assert!(count(&codes, "callout-overflow") > 0, "{codes:?}");
}

/// The shipped sources cut to their first two chapter files.
fn half_brochure() -> Project {
    let project = Project::new();
    project.edit(
        "sources/bilan.toml",
        r#", "02-solidarite-territoriale.toml", "03-laboratoire-egalite.toml"]"#,
        "]",
    );
    project
}

/// Builds a project; returns its page count and what `bilan` printed.
fn build(project: &Project) -> (usize, String) {
    let out = project.path().join("out.pdf");
    let output = project.run(&["build", "--out", out.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    let pages = lopdf::Document::load(&out)
        .expect("a PDF")
        .get_pages()
        .len();
    (pages, stderr)
}

#[test]
fn a_brochure_of_half_the_length_is_fitted_to_a_multiple_of_four() {
    let (pages, stderr) = build(&half_brochure());
    assert!(pages < 30, "half the brochure, {pages} pages");
    assert_eq!(pages % 4, 0, "{pages} pages: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("Paginated"))
        .expect("one line says what the fitting did");
    assert!(
        line.contains(&format!("{pages} pages (a multiple of 4)")),
        "{line}"
    );
    assert!(line.contains("« Notes » page(s) added"), "{line}");

    // The same content with no « Notes » page allowed: the layout alone
    // does not reach the multiple, and both build and preflight say so.
    let strict = half_brochure();
    strict.edit(
        "sources/bilan.toml",
        "[layout]\n",
        "[layout]\nnotes-pages = 0\n",
    );
    let (unfitted, stderr) = build(&strict);
    assert_ne!(unfitted % 4, 0, "{stderr}");
    assert!(unfitted < pages, "the « Notes » pages were what fitted it");
    assert!(stderr.contains("warning[page-count]"), "{stderr}");
    assert!(stderr.contains("NOT a multiple of 4"), "{stderr}");
    let codes = finding_codes(&strict.run(&["preflight", "--format", "json"]));
    assert_eq!(count(&codes, "page-count"), 1, "{codes:?}");
}

#[test]
fn preflight_lists_its_codes() {
    let output = bilan(root(), &["preflight", "--codes"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    for code in [
        "column-white",
        "short-tail",
        "title-stranded",
        "widow",
        "orphan",
        "hyphenated-title",
        "hyphen-ladder",
        "bad-break",
        "loose-line",
        "overfull-line",
        "callout-split",
        "callout-overflow",
        "page-count",
    ] {
        assert!(stdout.contains(code), "{code} missing from {stdout}");
    }
}
