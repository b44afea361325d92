//! The index holds its entries on the page set for them, however many
//! départements are cited; the preflight says when a list spills past its
//! page; a short édito is balanced over its two columns.

use crate::common;

use std::collections::BTreeSet;

use bilan::content::departements::{Place, departements};
use common::{Minimal, normalize};

/// The first `count` départements, in the order of INSEE's list.
fn first(count: usize) -> &'static [Place] {
    &departements()[..count]
}

/// A minimal brochure with an index, whose one section holds an
/// initiative citing each of `cited` in its text.
fn citing(cited: &[Place]) -> Minimal {
    let minimal = Minimal::new();
    minimal.add_index();
    let mut blocks = String::new();
    for d in cited {
        blocks.push_str(&format!(
            "\n[[sections.blocks]]\ntype = \"initiative\"\ntitle = \"Action {code}\"\nparagraphs = [\"Une action menée avec {name} ({code}) pour les habitants, dans les collèges et les services du Département, depuis 2016.\"]\n",
            code = d.code,
            name = d.name_with_article,
        ));
    }
    let path = minimal.sources().join("01-chapitre.toml");
    let mut text = std::fs::read_to_string(&path).expect("the chapter");
    text.push_str(&blocks);
    std::fs::write(&path, text).expect("write the chapter");
    minimal
}

#[test]
fn ninety_departements_cited_hold_on_the_index_page_after_the_map() {
    let cited = first(90);
    let minimal = citing(cited);
    let (pages, stderr) = minimal.built_pages(&[]);
    let map = pages
        .iter()
        .position(|p| p.contains("citations :"))
        .unwrap_or_else(|| panic!("no map page:\n{pages:#?}"));
    let list = &pages[map + 1];
    let next = &pages[map + 2];
    for d in cited {
        let name = normalize(&d.name_with_article);
        let listed = common::listed_pages(list, &d.code, &d.name_with_article)
            .unwrap_or_else(|| panic!("« {} {name} » not on the index page:\n{list}", d.code));
        let citing: BTreeSet<usize> = pages[..map]
            .iter()
            .enumerate()
            .filter(|(_, text)| text.contains(&normalize(&format!("({})", d.code))))
            .map(|(i, _)| i + 1)
            .collect();
        assert!(!citing.is_empty(), "no page cites {}", d.code);
        assert_eq!(listed, citing, "the pages of {} {name}", d.code);
        assert!(
            common::listed_pages(next, &d.code, &d.name_with_article).is_none(),
            "{} again on the page after the index",
            d.code
        );
    }
    // The « Notes » pages after it are the body's, for the multiple of 4:
    // none holds an entry (checked above).
    assert!(
        stderr.contains("the index's entries set denser"),
        "{stderr}"
    );
}

#[test]
fn the_preflight_reports_an_index_or_a_sommaire_that_spills() {
    // A local edition of the 101 départements: its map shares the page
    // with their entries, which cannot all hold there (the whole
    // brochure's index holds them on the page after the map).
    let cited = first(101);
    let minimal = citing(cited);
    let codes: Vec<String> = cited.iter().map(|d| format!("\"{}\"", d.code)).collect();
    minimal.edit(
        "bilan.toml",
        "[slogan]",
        &format!(
            "[editions.grande]\ndepartements = [{}]\n\n[slogan]",
            codes.join(", ")
        ),
    );
    // Sections enough for the Sommaire to run past its page.
    let path = minimal.sources().join("01-chapitre.toml");
    let mut text = std::fs::read_to_string(&path).expect("the chapter");
    for i in 2..=40 {
        text.push_str(&format!(
            "\n[[sections]]\nnumber = \"1.{i}\"\ntitle = \"Une autre section\"\n\n[[sections.blocks]]\ntype = \"callout\"\nfamily = \"zoom\"\nparagraphs = [\"Un encadré.\"]\n"
        ));
    }
    std::fs::write(&path, text).expect("write the chapter");

    let root = common::root().to_str().expect("UTF-8");
    let preflight = |extra: &[&str]| {
        let mut args = vec!["preflight", "--root", root, "--sources", "sources"];
        args.extend_from_slice(extra);
        let output = common::bilan(minimal.dir.path(), &args);
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let whole = preflight(&[]);
    assert!(whole.contains("warning[toc-spill]"), "{whole}");
    assert!(!whole.contains("index-spill"), "{whole}");
    // A booklet's index page (a leaflet's map and pages are on its back
    // cover).
    minimal.edit(
        "bilan.toml",
        "[slogan]",
        "[local-editions]\nformat = \"booklet\"\n\n[slogan]",
    );
    let local = preflight(&["--departement", "grande"]);
    assert!(local.contains("warning[index-spill]"), "{local}");
}

/// The words of a page, with their boxes, read by poppler's `pdftotext
/// -bbox`; `None` (said loudly) without it.
fn word_boxes(pdf: &std::path::Path, page: usize) -> Option<Vec<(String, f64, f64)>> {
    let page = page.to_string();
    let Ok(output) = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
    else {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return None;
    };
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    Some(
        html.lines()
            .filter(|line| line.contains("<word "))
            .map(|line| {
                let value = |name: &str| -> f64 {
                    let start = line.find(&format!("{name}=\"")).expect("a box") + name.len() + 2;
                    let end = start + line[start..].find('"').expect("a value");
                    line[start..end].parse().expect("a number")
                };
                let word = line
                    .split('>')
                    .nth(1)
                    .and_then(|w| w.split('<').next())
                    .unwrap_or_default()
                    .to_owned();
                (word, value("xMin"), value("yMin"))
            })
            .collect(),
    )
}

#[test]
fn a_short_edito_is_balanced_over_its_two_columns() {
    let minimal = Minimal::new();
    let second = "Ce second paragraphe dit ce que le Département a fait pour les habitants, les collèges, les routes et les associations, année après année, avec les communes et leurs élus. ".repeat(4);
    minimal.edit(
        "bilan.toml",
        "\"Second paragraphe.\"",
        &format!("\"{}\"", second.trim_end()),
    );
    minimal.built_pages(&[]);
    // The édito is page 2; its columns meet in the middle of the page.
    let Some(words) = word_boxes(&minimal.pdf(), 2) else {
        return;
    };
    let middle = 595.28 / 2.0;
    let top = words
        .iter()
        .find(|(w, ..)| w == "Ce")
        .map(|&(_, _, y)| y)
        .expect("the second paragraph on page 2");
    // Under the lead paragraph, above the footer (24 mm from the foot).
    let body: Vec<_> = words
        .iter()
        .filter(|&&(_, _, y)| y >= top - 1.0 && y < 841.89 - 68.0)
        .collect();
    let left = body.iter().filter(|&&&(_, x, _)| x < middle).count();
    let right = body.iter().filter(|&&&(_, x, _)| x > middle).count();
    assert!(
        left > 20 && right > 20,
        "words left {left}, right {right}: the columns are not balanced"
    );
    let lowest = |side: bool| {
        body.iter()
            .filter(|&&&(_, x, _)| (x > middle) == side)
            .map(|&&(_, _, y)| y)
            .fold(0.0, f64::max)
    };
    // Balanced: the columns end within a few lines of each other (the
    // signature ends the right-hand one).
    assert!(
        (lowest(false) - lowest(true)).abs() < 80.0,
        "the left-hand column ends at {}, the right-hand one at {}",
        lowest(false),
        lowest(true)
    );
}
