//! The README says what the code does: the keys of each kind of block, the
//! palette colours and pictograms a callout family may take, and every
//! diagnostic code `bilan` can print, and what `bilan build`, `bilan check`
//! and `bilan preflight` print on the shipped sources.

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

/// Every code given to a diagnostic in `src/`: the string after
/// `Diagnostic::error(`, `::warning(`, `::info(` or `code: `.
fn codes_in_sources() -> Vec<String> {
    let mut codes = Vec::new();
    let mut pending = vec![common::root().join("src")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                for marker in [
                    "Diagnostic::error(",
                    "Diagnostic::warning(",
                    "Diagnostic::info(",
                    "code: ",
                ] {
                    for (at, _) in text.match_indices(marker) {
                        let rest = text[at + marker.len()..].trim_start();
                        if let Some(literal) = rest.strip_prefix('"')
                            && let Some(end) = literal.find('"')
                        {
                            codes.push(literal[..end].to_owned());
                        }
                    }
                }
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn readme_documents_every_diagnostic_code() {
    let readme = readme();
    let codes = codes_in_sources();
    assert!(codes.len() > 30, "{codes:?}");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| *code != "test" && !readme.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes the README does not name: {missing:?}"
    );
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
