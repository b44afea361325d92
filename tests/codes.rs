//! The table of diagnostic codes: `bilan check --codes` and `bilan
//! preflight --codes` print it, and `docs/src/reference/codes.md` is
//! generated from it (`UPDATE=1` rewrites the page).

use crate::common;

use bilan::diag::codes::{REFERENCE_PAGE, reference_markdown};
use common::{bilan, root};

/// `page` differs from the committed reference page: the message to fail
/// with, or `None` when they are the same.
fn stale(page: &str, committed: Option<&str>) -> Option<String> {
    (committed != Some(page)).then(|| {
        format!("{REFERENCE_PAGE} is not the table of codes: `UPDATE=1 cargo test --test integration codes::` rewrites it")
    })
}

#[test]
fn the_reference_page_is_generated_from_the_table() {
    let path = root().join(REFERENCE_PAGE);
    let page = reference_markdown();
    if std::env::var_os("UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("docs/src/reference/");
        std::fs::write(&path, &page).expect("the reference page");
    }
    let committed = std::fs::read_to_string(&path).ok();
    if let Some(message) = stale(&page, committed.as_deref()) {
        panic!("{message}");
    }
}

#[test]
fn an_edited_reference_page_is_stale() {
    let page = reference_markdown();
    assert!(stale(&page, Some(&page)).is_none());
    assert!(stale(&page, Some(&page.replacen("warning", "error", 1))).is_some());
    assert!(stale(&page, None).is_some());
}

#[test]
fn the_reference_page_has_every_code_by_stage() {
    let page = reference_markdown();
    for heading in [
        "## Content validation",
        "## Lints of `bilan check`",
        "## Layout preflight",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert!(page.contains(
        "### `departement-code`\n\n**warning**: a « Name (code) » whose code is not that département's\n\n- Fix: "
    ));
    assert!(page.contains("- Example: `La Lozère (42) innove.`"));
}

/// What `bilan <args>` prints on standard output, having succeeded.
fn stdout(args: &[&str]) -> String {
    let output = bilan(root(), args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// The line of `listing` that lists `code`, its columns split.
fn listed<'a>(listing: &'a str, code: &str) -> Vec<&'a str> {
    listing
        .lines()
        .map(|line| {
            line.split("  ")
                .filter(|c| !c.is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
        })
        .find(|columns| columns.first() == Some(&code))
        .unwrap_or_else(|| panic!("no line for `{code}` in:\n{listing}"))
}

#[test]
fn check_lists_the_validation_codes_and_the_lints_with_their_severity() {
    let listing = stdout(&["check", "--codes"]);
    assert_eq!(
        listed(&listing, "departement-code"),
        [
            "departement-code",
            "warning",
            "a « Name (code) » whose code is not that département's"
        ]
    );
    assert_eq!(listed(&listing, "ellipsis")[1], "info");
    assert_eq!(listed(&listing, "markup-unclosed")[1], "error");
    assert!(!listing.contains("column-white"), "{listing}");
}

#[test]
fn preflight_lists_its_codes_with_their_severity() {
    let listing = stdout(&["preflight", "--codes"]);
    assert_eq!(listed(&listing, "widow")[..2], ["widow", "warning"]);
    assert_eq!(
        listed(&listing, "page-count")[..2],
        ["page-count", "warning"]
    );
    assert!(!listing.contains("departement-code"), "{listing}");
}

#[test]
fn codes_are_listed_in_json_too() {
    let listing = stdout(&["check", "--codes", "--format", "json"]);
    let codes: Vec<serde_json::Value> = listing
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    let lint = codes
        .iter()
        .find(|c| c["code"] == "departement-code")
        .expect("departement-code");
    assert_eq!(lint["severity"], "warning");
    assert_eq!(lint["stage"], "lint");
    assert_eq!(lint["example"], "La Lozère (42) innove.");
    assert!(
        codes
            .iter()
            .all(|c| c["fix"].as_str().is_some_and(|f| !f.is_empty()))
    );
}
