//! The colophon: the legal mentions of `[colophon]` on the back cover, as
//! text a screen reader reads, and `check` asking for the printer's name
//! and address.

use crate::common::{self, Minimal, structure};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The lines of the minimal brochure's `[colophon]`, in the order written
/// (the order the layout prints them in).
fn colophon_lines(minimal: &Minimal) -> Vec<String> {
    let text = std::fs::read_to_string(minimal.sources().join("bilan.toml")).expect("read");
    let table = &text[text.find("[colophon]").expect("a [colophon]")..];
    let value: toml::Table = toml::from_str(table).expect("TOML");
    let colophon = value["colophon"].as_table().expect("a table");
    ["publisher", "printer", "legal-deposit"]
        .iter()
        .map(|key| colophon[*key].as_str().expect("a line").to_owned())
        .chain(
            colophon["lines"]
                .as_array()
                .expect("lines")
                .iter()
                .map(|line| line.as_str().expect("a line").to_owned()),
        )
        .collect()
}

#[test]
fn the_colophon_prints_on_the_back_cover_in_order_as_tagged_text() {
    let minimal = Minimal::new();
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let pages = common::page_texts(&pdf);
    let back = pages.last().expect("a back cover");
    let lines = colophon_lines(&minimal);
    let mut from = back
        .find(&common::normalize("CONTACT"))
        .expect("the contact first");
    for line in &lines {
        let line = common::normalize(line);
        let at = back[from..]
            .find(&line)
            .unwrap_or_else(|| panic!("« {line} » after the contact, in order: {back}"));
        from += at + line.len();
    }
    let tagged = structure::read(&pdf);
    let text = common::normalize(&tagged.root.text());
    assert!(
        text.contains(&common::normalize(&lines[1])),
        "the printer's line is not in the tag tree"
    );
}

/// `check --format json`'s findings of one code.
fn findings(minimal: &Minimal, code: &str) -> Vec<String> {
    let output = minimal.check(&["--format", "json"]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter(|finding| finding.contains(&format!("\"code\":\"{code}\"")))
        .map(str::to_owned)
        .collect()
}

/// The line of `bilan.toml` that starts with `start`, from 1.
fn line_of(minimal: &Minimal, start: &str) -> usize {
    std::fs::read_to_string(minimal.sources().join("bilan.toml"))
        .expect("read")
        .lines()
        .position(|line| line.starts_with(start))
        .expect("the line")
        + 1
}

#[test]
fn check_asks_for_the_printer_at_the_colophon_or_the_contact() {
    let minimal = Minimal::new();
    assert_eq!(findings(&minimal, "colophon-printer"), Vec::<String>::new());
    minimal.edit("bilan.toml", "printer = ", "# printer = ");
    let found = findings(&minimal, "colophon-printer");
    let line = line_of(&minimal, "[colophon]");
    assert!(
        found.len() == 1 && found[0].contains(&format!("\"line\":{line},")),
        "{found:?}"
    );
    minimal.edit("bilan.toml", "[colophon]", "[colophon-gone]\n[x]");
    let text = std::fs::read_to_string(minimal.sources().join("bilan.toml")).expect("read");
    let without = &text[..text.find("[colophon-gone]").expect("marked")];
    std::fs::write(minimal.sources().join("bilan.toml"), without).expect("write");
    let found = findings(&minimal, "colophon-printer");
    let line = line_of(&minimal, "[contact]");
    assert!(
        found.len() == 1 && found[0].contains(&format!("\"line\":{line},")),
        "{found:?}"
    );
}
