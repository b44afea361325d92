//! A third brochure, `tests/fixtures/third/`: another publisher in its own
//! brand (green and ochre, Libertinus Serif titles), two logos, a cover
//! picture, a colophon, a contact without phone and with linked social
//! accounts, and every territory of the list cited. Built with the shipped
//! layouts and code, unchanged, and read back.

use crate::brand::assert_close;
use crate::common::{self, bilan, normalize, root};

use std::sync::OnceLock;

use lopdf::Document;

const FIXTURE: &str = "tests/fixtures/third";

/// The print and screen PDFs, built once, each with no warning.
fn built() -> &'static (tempfile::TempDir, Document, Document) {
    static BUILT: OnceLock<(tempfile::TempDir, Document, Document)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut pdfs = ["print", "screen"].map(|profile| {
            let out = dir.path().join(format!("third-{profile}.pdf"));
            let output = common::build_real(&out, &["--sources", FIXTURE, "--profile", profile]);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(output.status.success(), "bilan build failed:\n{stderr}");
            assert!(!stderr.contains("warning"), "{stderr}");
            Some(Document::load(&out).expect("a readable PDF"))
        });
        let print = pdfs[0].take().expect("print");
        let screen = pdfs[1].take().expect("screen");
        (dir, print, screen)
    })
}

fn print() -> &'static Document {
    &built().1
}

fn pages() -> Vec<String> {
    common::page_texts(print())
}

fn manifest() -> toml::Table {
    let text = std::fs::read_to_string(root().join(FIXTURE).join("bilan.toml")).expect("read");
    toml::from_str(&text).expect("TOML")
}

#[test]
fn check_finds_nothing_even_denying_warnings() {
    let output = bilan(root(), &["check", "--sources", FIXTURE, "--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

/// The CMYK (percent) and screen (`#rrggbb`) values of the colour the
/// fixture's `primary` role names.
fn primary() -> (Vec<f32>, Vec<f32>) {
    let manifest = manifest();
    let brand = manifest["brand"].as_table().expect("[brand]");
    let name = brand["roles"]["primary"].as_str().expect("a colour name");
    let colour = &brand["colors"][name];
    let cmyk = colour["cmyk"]
        .as_array()
        .expect("cmyk")
        .iter()
        .map(|v| v.as_integer().expect("a percentage") as f32 / 100.0)
        .collect();
    let screen = colour["screen"].as_str().expect("#rrggbb");
    let rgb = (0..3)
        .map(|i| {
            let hex = &screen[1 + 2 * i..3 + 2 * i];
            f32::from(u8::from_str_radix(hex, 16).expect("hex")) / 255.0
        })
        .collect();
    (cmyk, rgb)
}

#[test]
fn the_cover_is_in_the_brand_primary_colour_cmyk_in_print_srgb_on_screen() {
    let (cmyk, rgb) = primary();
    let (operator, values) = common::first_fill(print());
    assert_eq!(operator, "k");
    assert_close(&values, &cmyk);
    let (operator, values) = common::first_fill(&built().2);
    assert_eq!(operator, "scn");
    assert_close(&values, &rgb);
}

#[test]
fn the_colophon_and_the_social_links_are_in_the_pdf() {
    let manifest = manifest();
    let back = pages().last().cloned().expect("a back cover");
    let colophon = manifest["colophon"].as_table().expect("[colophon]");
    for (key, value) in colophon {
        let lines = value
            .as_array()
            .map_or_else(|| vec![value.clone()], Clone::clone);
        for line in lines {
            let line = normalize(line.as_str().expect("a line"));
            assert!(
                back.contains(&line),
                "{key}: « {line} » not on the back cover"
            );
        }
    }
    let links = common::uris(print());
    for social in manifest["contact"]["social"].as_array().expect("social") {
        let url = social["url"].as_str().expect("a url");
        assert!(links.iter().any(|l| l == url), "{url} not in {links:?}");
    }
}

#[test]
fn the_index_lists_every_territory_cited_and_no_notes_page_is_added() {
    let project = bilan::pipeline::load_project(root(), &root().join(FIXTURE))
        .expect("the third brochure loads")
        .0;
    let cited = &project.brochure.departements;
    assert!(cited.len() >= 110, "{} territories cited", cited.len());
    let pages = pages();
    let list = pages.join(" ");
    for territory in cited {
        let (code, name) = (territory.code.as_str(), &territory.name_with_article);
        assert!(
            common::listed_pages(&list, code, name).is_some_and(|p| !p.is_empty()),
            "{code} {name} is not in the index with its pages"
        );
    }
    for code in ["69M", "975", "988"] {
        assert!(cited.iter().any(|t| t.code == code), "{code} not cited");
    }
    let notes = normalize("Notes");
    assert!(
        !pages.iter().any(|page| page.starts_with(&notes)),
        "a « Notes » page was added"
    );
    assert_eq!(pages.len() % 4, 0);
}

#[test]
fn bookmarks_mirror_the_sommaire() {
    let expected: Vec<String> = common::sommaire_entries(&root().join(FIXTURE))
        .iter()
        .map(|entry| normalize(entry))
        .collect();
    let titles: Vec<String> = common::outline_titles(print())
        .iter()
        .map(|title| normalize(title))
        .collect();
    assert_eq!(titles, expected);
}
