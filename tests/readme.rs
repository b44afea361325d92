//! The README says what the code does: the keys of each kind of block, the
//! palette colours and pictograms a callout family may take, and what
//! `bilan build`, `bilan check` and `bilan preflight` print on the shipped
//! sources. (The diagnostic codes are documented by a page generated from
//! their table: see `tests/codes.rs`.)

use crate::common;

use bilan::content::brand::ROLES;
use bilan::content::keys;
use bilan::content::model::PICTOGRAMS;

fn readme() -> String {
    std::fs::read_to_string(common::root().join("README.md")).expect("README.md")
}

#[test]
fn readme_lists_the_keys_of_each_kind_of_block() {
    let readme = readme();
    let open = "<!-- block-keys: generated from src/content/keys.rs -->\n";
    let start = readme.find(open).expect("the block-keys marker") + open.len();
    let end = readme
        .find("<!-- /block-keys -->")
        .expect("the closing marker");
    assert_eq!(
        readme.get(start..end).unwrap_or(""),
        keys::markdown_table(),
        "the README's table of block keys differs from src/content/keys.rs"
    );
}

#[test]
fn readme_names_every_colour_role_and_pictogram() {
    let readme = readme();
    for name in ROLES.iter().chain(PICTOGRAMS) {
        assert!(readme.contains(&format!("`{name}`")), "`{name}`");
    }
}

/// The first line of `output` that starts with `start` (leading spaces
/// trimmed), as printed.
fn printed_line<'a>(output: &'a str, start: &str) -> &'a str {
    output
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with « {start} » in:\n{output}"))
}

/// `text` with every run of whitespace made one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn readme_quotes_the_fitting_line_the_build_prints() {
    let printed = printed_line(&common::brochure().stderr, "Paginated ");
    assert!(
        one_line(&readme()).contains(&format!("`{printed}`")),
        "README.md › Using `bilan` should quote the build's line as printed:\n{printed}"
    );
}

#[test]
fn readme_quotes_the_summary_check_prints_on_the_shipped_sources() {
    let output = common::bilan(common::root(), &["check"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let printed = printed_line(&stderr, "checked sources:");
    assert!(
        readme().lines().any(|line| line == printed),
        "README.md › Proofreading should quote the summary as printed:\n{printed}"
    );
}

#[test]
fn readme_quotes_what_preflight_prints_on_the_shipped_brochure() {
    let output = common::bilan(common::root(), &["preflight"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let readme = readme();
    for start in ["warning[", "Preflight "] {
        let printed = printed_line(&stderr, start);
        assert!(
            readme.lines().any(|line| line.trim() == printed),
            "README.md › Pagination should quote the preflight's line as printed:\n{printed}"
        );
    }
}
