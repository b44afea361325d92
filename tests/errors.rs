//! Bad input: clear errors with file, line and column, a non-zero exit, and
//! the previous PDF left untouched. Also: editors' special characters print
//! as themselves.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::{Minimal, bilan, normalize, root};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn pdf_text(path: &Path) -> String {
    let pdf = lopdf::Document::load(path).expect("a PDF");
    common::page_texts(&pdf).join(" ")
}

#[test]
fn toml_syntax_error_names_file_line_and_column() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "title = \"Une section\"",
        "title = \"Une section",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("01-chapitre.toml:10:"), "{err}");
    assert!(err.contains("error"), "{err}");
}

#[test]
fn unknown_field_is_an_error_that_lists_the_allowed_keys() {
    let minimal = Minimal::new();
    minimal.edit("01-chapitre.toml", "short-title", "shorttitle");
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown field `shorttitle`"), "{err}");
    assert!(err.contains("`short-title`"), "{err}");
    assert!(err.contains("01-chapitre.toml:5:1"), "{err}");
}

#[test]
fn unknown_callout_family_is_an_error() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "family = \"zoom\"",
        "family = \"zooom\"",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("`zooom` is not a callout family"), "{err}");
    assert!(err.contains("01-chapitre.toml:19:"), "{err}");
}

#[test]
fn block_key_of_another_kind_is_an_error() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "value = \"42\"",
        "value = \"42\"\nfamily = \"zoom\"",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("a figure has no key `family`"), "{err}");
    assert!(err.contains("01-chapitre.toml:"), "{err}");
}

#[test]
fn unclosed_bold_is_an_error_with_a_hint() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "du **gras sans fin",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("`**` is opened here but never closed"),
        "{err}"
    );
    // The caret points at the `**` itself, inside the string.
    assert!(err.contains("01-chapitre.toml:15:19"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn missing_sources_folder_cannot_run() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = root().to_str().expect("UTF-8");
    let output = bilan(
        dir.path(),
        &["build", "--root", root, "--sources", "nowhere"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn failed_build_leaves_the_previous_pdf_untouched() {
    let minimal = Minimal::new();
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let before = std::fs::read(minimal.pdf()).expect("a first PDF");

    minimal.edit("01-chapitre.toml", "kind = \"part\"", "kind = [");
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(std::fs::read(minimal.pdf()).expect("still there"), before);
    let leftovers: Vec<_> = std::fs::read_dir(minimal.dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn typst_and_markup_characters_print_as_themselves() {
    let minimal = Minimal::new();
    let typed = r#"Prix #set $x$ ]fin @ref \ barre et 5 \* 3 [crochet]"#;
    let toml_string = typed.replace('\\', "\\\\");
    minimal.edit("01-chapitre.toml", "PARAGRAPH-TO-EDIT", &toml_string);
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = pdf_text(&minimal.pdf());
    assert!(
        text.contains(&normalize(
            r"Prix #set $x$ ]fin @ref \ barre et 5 * 3 [crochet]"
        )),
        "{text}"
    );
}

#[test]
fn layout_error_names_the_typst_file_and_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for folder in ["layouts", "fonts", "sources"] {
        common::copy_dir(&root().join(folder), &dir.path().join(folder));
    }
    let callouts = dir.path().join("layouts/callouts.typ");
    let text = std::fs::read_to_string(&callouts).expect("callouts.typ");
    let line = 1 + text
        .lines()
        .position(|l| l.starts_with("#let picto-size"))
        .expect("the picto-size line");
    std::fs::write(
        &callouts,
        text.replace(
            "#let picto-size = 7.5mm",
            "#let picto-size = undefined-size",
        ),
    )
    .expect("break the layout");

    let output = bilan(dir.path(), &["build"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(&format!("layouts/callouts.typ:{line}:")),
        "{err}"
    );
    assert!(err.contains("unknown variable: undefined-size"), "{err}");
    // The file `bilan build` writes by default: nothing was written.
    assert!(!dir.path().join("build/bilan-print.pdf").exists());
}
