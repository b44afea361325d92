//! The index of the départements cited and its map, read back from the PDF.

use crate::common;

use std::collections::BTreeSet;

use bilan::content::Project;
use bilan::pipeline::load_project;
use common::{Minimal, brochure, normalize};

fn project() -> Project {
    let root = common::root();
    load_project(root, &root.join("sources"))
        .expect("the shipped sources load")
        .0
}

/// The 1-based number of the first page containing `needle`.
fn page_with(needle: &str) -> usize {
    brochure()
        .pages
        .iter()
        .position(|p| p.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no page holds « {needle} »"))
}

#[test]
fn the_index_lists_the_31_departements_cited_with_wrong_codes_under_their_name() {
    let project = project();
    let cited: Vec<&str> = project
        .brochure
        .departements
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(cited.len(), 31, "{cited:?}");
    // The original's 208 « (code) » citations, plus the 10 codes of the
    // « Le + du 81 » callout labels and the 4 figures whose words end with
    // a département (« masques pour la Haute-Saône »).
    let marks: usize = project.brochure.citation_units().iter().map(Vec::len).sum();
    assert_eq!(marks, 208 + 10 + 4);
    assert!(
        cited.contains(&"35") && cited.contains(&"48"),
        "Ille-et-Vilaine and Lozère: {cited:?}"
    );
    assert!(
        !cited.contains(&"53") && !cited.contains(&"42"),
        "the wrong codes are not indexed: {cited:?}"
    );

    let list = &brochure().pages[list_page()];
    for departement in &project.brochure.departements {
        let name = normalize(&departement.name_with_article);
        assert!(list.contains(&name), "« {name} » not in the index:\n{list}");
    }
}

/// The 0-based index of the page that lists the départements: the one after
/// the map.
fn list_page() -> usize {
    page_with(&normalize("Les Départements cités"))
}

/// The page numbers the index gives for a département.
fn index_pages(code: &str, name_with_article: &str) -> BTreeSet<usize> {
    let list = &brochure().pages[list_page()];
    common::listed_pages(list, code, name_with_article)
        .unwrap_or_else(|| panic!("no « {code} {name_with_article} » in the index"))
}

/// The pages whose text holds one of `needles`, before the index.
fn pages_citing(needles: &[&str]) -> BTreeSet<usize> {
    let index = page_with(&normalize("Les Départements cités"));
    brochure().pages[..index - 1]
        .iter()
        .enumerate()
        .filter(|(_, text)| needles.iter().any(|n| text.contains(n)))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn index_page_numbers_are_the_pages_of_the_citations() {
    let project = project();
    for (code, needles) in [
        ("31", &["(31)"][..]),
        ("48", &["(48)", "lozère (42)"][..]),
        ("35", &["(35)", "ille-et-vilaine (53)"][..]),
        ("971", &["(971)"][..]),
    ] {
        let name = &project
            .brochure
            .departements
            .iter()
            .find(|d| d.code == code)
            .expect("a cited département")
            .name_with_article;
        let listed = index_pages(code, name);
        assert!(!listed.is_empty(), "no pages for {code}");
        assert_eq!(listed, pages_citing(needles), "pages of {code} {name}");
    }
}

#[test]
fn the_map_shades_exactly_the_departements_cited() {
    let project = project();
    let map_page = page_with(&normalize("Les Départements cités"));
    let pdf = &brochure().pdf;
    let page_id = pdf.get_pages()[&u32::try_from(map_page).expect("a page number")];
    let content =
        lopdf::content::Content::decode(&pdf.get_page_content(page_id)).expect("operators");
    // Each département is one path, filled and stroked (`B`); the others are
    // grey (one component), the cited ones shades of red (three).
    let mut fill_components = 0;
    let (mut shaded, mut paths) = (0, 0);
    for operation in &content.operations {
        match operation.operator.as_str() {
            "scn" | "sc" => fill_components = operation.operands.len(),
            "B" => {
                paths += 1;
                if fill_components == 3 {
                    shaded += 1;
                }
            }
            _ => {}
        }
    }
    assert_eq!(paths, 101, "the map draws the 101 départements");
    assert_eq!(shaded, project.brochure.departements.len());
}

#[test]
fn an_explicit_departements_list_is_indexed() {
    let minimal = Minimal::new();
    minimal.add_index();
    minimal.edit(
        "01-chapitre.toml",
        "title = \"Une initiative\"",
        "title = \"Une initiative\"\ndepartements = [\"58\"]",
    );
    let text = minimal.built_pages(&[]).0.join(" ");
    assert!(text.contains("58 la nièvre"), "{text}");

    minimal.edit(
        "01-chapitre.toml",
        "departements = [\"58\"]",
        "departements = [\"20\"]",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no territory has the code `20`"));
}

#[test]
fn lyon_and_the_overseas_collectivities_are_cited_indexed_and_have_editions() {
    let minimal = Minimal::new();
    minimal.add_index();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "En Nouvelle-Calédonie (988), à Saint-Pierre-et-Miquelon (975) et dans la Métropole de Lyon (69M), des collèges ouverts.",
    );
    minimal.edit(
        "01-chapitre.toml",
        "family = \"zoom\"",
        "family = \"zoom\"\ndepartements = [\"987\"]",
    );
    let check = minimal.check(&["--format", "json"]);
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(!findings.contains("departement-"), "{findings}");
    let text = minimal.built_pages(&[]).0.join(" ");
    for entry in [
        "69m la métropole de lyon",
        "975 saint-pierre-et-miquelon",
        "987 la polynésie française",
        "988 la nouvelle-calédonie",
    ] {
        assert!(text.contains(entry), "« {entry} » not in the index: {text}");
    }
    let edition = minimal.build(&["--departement", "988", "--out", "988.pdf"]);
    assert!(
        edition.status.success(),
        "{}",
        String::from_utf8_lossy(&edition.stderr)
    );
    let pdf = lopdf::Document::load(minimal.dir.path().join("988.pdf")).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ");
    assert!(text.contains("nouvelle-calédonie (988)"), "{text}");
}

#[test]
fn an_unknown_code_is_told_the_real_codes() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "Aux îles (979), rien.",
    );
    let output = minimal.check(&[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("departement-unknown"), "{stderr}");
    assert!(
        stderr.contains("`971`…`978` and `986`…`988`"),
        "the hint names the real codes: {stderr}"
    );
}
