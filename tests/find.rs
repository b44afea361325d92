//! `bilan where TEXT`: the source strings that hold a text as a reader
//! copies it from the PDF or types it from paper, and the pages where it
//! prints.

use crate::common;

use common::{bilan, brochure, normalize, root};

/// The line and column of the string literal holding `phrase` in a source
/// file, as `bilan where` reports it.
fn string_holding(file: &str, phrase: &str) -> String {
    let text = std::fs::read_to_string(root().join("sources").join(file)).expect("read");
    let (index, line) = text
        .lines()
        .enumerate()
        .find(|(_, line)| line.contains(phrase))
        .unwrap_or_else(|| panic!("« {phrase} » not in {file}"));
    let column = line.find('"').expect("a string") + 1;
    format!("sources/{file}:{}:{column}", index + 1)
}

/// The pages of the real brochure whose text holds `phrase` (normalized).
fn pages_holding(phrase: &str) -> Vec<usize> {
    brochure()
        .pages
        .iter()
        .enumerate()
        .filter(|(_, text)| text.contains(&normalize(phrase)))
        .map(|(i, _)| i + 1)
        .collect()
}

fn where_(args: &[&str]) -> (i32, String) {
    let mut all = vec!["where"];
    all.extend_from_slice(args);
    let output = bilan(root(), &all);
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_phrase_copied_from_a_hyphenated_line_end_is_found_with_its_page() {
    let expected = string_holding("01-solidarite-humaine.toml", "« balades thermographiques »");
    let pages = pages_holding("balades thermographiques");
    assert_eq!(pages.len(), 1, "{pages:?}");
    // As copied from the PDF: the word cut at the line end.
    let (code, stdout) = where_(&["balades thermogra-\nphiques"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains(&expected), "{stdout}");
    assert!(
        stdout.contains(&format!("printed on page {}", pages[0])),
        "{stdout}"
    );
}

#[test]
fn straight_quotes_and_spaces_find_guillemets_and_no_break_spaces() {
    let expected = string_holding("01-solidarite-humaine.toml", "« balades thermographiques »");
    let (code, stdout) = where_(&["des \"Balades Thermographiques\" pour", "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let found: serde_json::Value =
        serde_json::from_str(stdout.lines().next().expect("a line")).expect("JSON");
    let place = format!(
        "{}:{}:{}",
        found["file"].as_str().expect("a file"),
        found["line"],
        found["column"]
    );
    assert_eq!(place, expected);
    assert_eq!(found["role"], "paragraph");
    assert_eq!(
        found["pages"],
        serde_json::json!(pages_holding("balades thermographiques"))
    );
}

#[test]
fn nothing_found_exits_1() {
    let (code, stdout) = where_(&["des balades sous-marines"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
    // Accents count: « éte » is not « été ».
    let (code, _) = where_(&["Lozere"]);
    assert_eq!(code, 1);
}
