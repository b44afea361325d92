//! A second brochure, `tests/fixtures/second/`: another publisher, another
//! structure (five parts, no unnumbered chapter, a part with one section),
//! six callout families of its own, two signatories, a logo, a postal
//! address, Corsican and overseas départements. It is built with the
//! layouts and the code of the shipped brochure, unchanged, and read back.

use crate::common;

use std::sync::OnceLock;

use bilan::content::model::{Block, ChapterKind};
use bilan::content::{Project, Text};
use bilan::pipeline::load_project;
use common::{bilan, normalize, root};

const FIXTURE: &str = "tests/fixtures/second";

fn project() -> Project {
    load_project(root(), &root().join(FIXTURE))
        .expect("the second brochure loads")
        .0
}

fn plain(text: &Text) -> String {
    normalize(&text.plain())
}

/// The PDF's pages, normalized, built once.
fn pages() -> &'static [String] {
    static PAGES: OnceLock<(tempfile::TempDir, Vec<String>)> = OnceLock::new();
    &PAGES
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temp dir");
            let out = dir.path().join("second.pdf");
            let output = common::build_real(&out, &["--sources", FIXTURE]);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "bilan build failed:\n{stderr}");
            assert!(!stderr.contains("warning"), "{stderr}");
            let pdf = lopdf::Document::load(&out).expect("a readable PDF");
            let pages = common::page_texts(&pdf);
            (dir, pages)
        })
        .1
}

#[test]
fn check_finds_nothing() {
    let output = bilan(
        root(),
        &[
            "check",
            "--sources",
            FIXTURE,
            "--verbose",
            "--format",
            "json",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert_eq!(stdout.trim(), "", "bilan check found something");
}

#[test]
fn its_structure_differs_from_the_shipped_one() {
    let project = project();
    let chapters = &project.brochure.chapters;
    assert_eq!(chapters.len(), 5);
    assert!(chapters.iter().all(|c| c.kind == ChapterKind::Part));
    assert!(chapters.iter().any(|c| c.sections.len() == 1));
    let manifest = &project.brochure.manifest;
    assert_eq!(manifest.callouts.len(), 6);
    assert!(!manifest.callouts.contains_key("zoom"));
    assert_eq!(manifest.edito.signatories.len(), 2);
    assert_eq!(manifest.logos.len(), 1);
    assert_eq!(manifest.contact.address.len(), 3);
}

#[test]
fn every_title_label_and_figure_is_printed() {
    let project = project();
    let text = pages().join(" ");
    let mut expected: Vec<String> = Vec::new();
    for chapter in &project.brochure.chapters {
        expected.push(plain(&chapter.title));
        for section in &chapter.sections {
            expected.push(plain(&section.title));
            for block in &section.blocks {
                match block {
                    Block::Initiative(i) => expected.push(plain(&i.title)),
                    Block::Callout(c) => {
                        let label = project.brochure.callout_label(c).expect("a label");
                        expected.push(plain(label));
                    }
                    Block::Figure(f) => {
                        expected.push(plain(&f.value));
                        expected.push(plain(&f.text));
                    }
                }
            }
        }
    }
    assert_eq!(expected.len(), 41);
    for wanted in &expected {
        assert!(
            text.contains(wanted.as_str()),
            "« {wanted} » is not printed"
        );
    }
    // The families' own labels (`en-pratique` is always relabelled).
    for family in [
        "repères",
        "témoignage",
        "une idée à suivre",
        "sous la loupe",
        "notre engagement",
    ] {
        assert!(
            text.contains(family),
            "the label « {family} » is not printed"
        );
    }
}

#[test]
fn the_words_signatories_and_contact_are_its_own() {
    let pages = pages();
    // The opener's letter-spacing reads back as spaces between letters.
    assert!(pages[3].replace(' ', "").contains("voleti"), "{}", pages[3]);
    assert!(!pages.join(" ").contains("partie"));
    let edito = &pages[1];
    for name in ["marie lopez", "saïd abdallah", "coprésidente du réseau"] {
        assert!(
            edito.contains(name),
            "« {name} » not in the édito:\n{edito}"
        );
    }
    let back = pages.last().expect("a back cover");
    for line in [
        "12 quai de la fosse",
        "44000 nantes",
        "mastodon @littoraux@piaille.fr",
        "www.littoraux-solidaires.bzh",
    ] {
        assert!(
            back.contains(line),
            "« {line} » not on the back cover:\n{back}"
        );
    }
}

#[test]
fn the_index_lists_corsica_and_overseas_with_true_pages() {
    let project = project();
    let cited: Vec<&str> = project
        .brochure
        .departements
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        cited,
        ["2A", "2B", "29", "33", "971", "972", "973", "974", "976"]
    );
    let pages = pages();
    let list = pages
        .iter()
        .rposition(|p| p.contains("les territoires mentionnés 2a"))
        .map(|i| &pages[i])
        .expect("the list of the index");
    // 2A: the édito (page 2) and the title of section 1.1 (page 5), not the
    // Sommaire (page 3) that shows that title again; 976: the édito and the
    // « Le + du 976 » label (page 7); 33: a callout label (page 13).
    for entry in [
        "2a la corse-du-sud 2 , 5",
        "974 la réunion 2 , 7",
        "976 mayotte 2 , 7",
        "973 la guyane 11",
        "33 la gironde 13",
    ] {
        assert!(
            list.contains(entry),
            "« {entry} » not in the index:\n{list}"
        );
    }
    assert!(
        pages[2].contains("corse-du-sud (2a)"),
        "the Sommaire shows the title"
    );
}
