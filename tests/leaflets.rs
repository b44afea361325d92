//! Local editions set as leaflets (`[local-editions] format`): their page
//! count, what they hold and in which order, their édito, and the booklet
//! they are instead when asked; read back from the PDFs `bilan` writes.

use crate::common;
use crate::local_editions::{
    Edition, all_editions, booklet_sources, build_departement, codes_in_the_index, edition_path,
    raw_blocks, set_booklets, shipped_sources,
};

use std::path::Path;
use std::sync::OnceLock;

use bilan::content::Project;
use bilan::pipeline::load_project;
use common::{bilan, normalize, root, words};

/// The shipped project, loaded.
fn project() -> Project {
    load_project(root(), &root().join("sources"))
        .expect("the sources load")
        .0
}

/// The words of a text of the sources, as the PDF shows them.
fn words_of(text: &str) -> Vec<String> {
    words(&normalize(text))
}

/// Where `needle` (words) first stands in the edition's words.
fn position(edition: &Edition, needle: &[String]) -> Option<usize> {
    edition
        .words
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The table line of `key` in the output of `--all-editions`.
fn table_line(key: &str) -> String {
    let stderr = String::from_utf8_lossy(&all_editions().1.stderr).into_owned();
    stderr
        .lines()
        .find(|line| line.split_whitespace().next() == Some(key))
        .unwrap_or_else(|| panic!("no line for {key}:\n{stderr}"))
        .to_owned()
}

/// The shipped sources' edition of the Alpes-de-Haute-Provence, built once.
fn leaflet_04() -> &'static Edition {
    static BUILT: OnceLock<(tempfile::TempDir, Edition)> = OnceLock::new();
    let (_, edition) = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let edition = build_departement(&shipped_sources(), "04", &dir.path().join("04.pdf"));
        (dir, edition)
    });
    edition
}

#[test]
fn the_04_edition_is_a_four_page_leaflet_holding_its_blocks_in_order() {
    let edition = leaflet_04();
    assert_eq!(edition.pages.len(), 4, "{:#?}", edition.pages);
    let mut last = 0;
    let mut held = 0;
    for block in raw_blocks() {
        if !block.cites("04", "Alpes-de-Haute-Provence") {
            continue;
        }
        let at = position(edition, &block.opening_words()).unwrap_or_else(|| {
            panic!(
                "the 04 edition lacks « {} »",
                block.opening_words().join(" ")
            )
        });
        assert!(
            at >= last,
            "« {} » is out of order",
            block.opening_words().join(" ")
        );
        last = at;
        held += 1;
    }
    assert!(held >= 1);
    // Inside, the blocks; on the back cover, the slogan and the contact.
    let manifest = project().brochure.manifest;
    let back = &edition.pages[3];
    assert!(
        back.contains(&normalize(&manifest.slogan.text.plain())),
        "{back}"
    );
    assert!(
        back.contains(&normalize(&manifest.contact.title.plain())),
        "{back}"
    );
    assert!(!edition.pages[1].contains(&normalize(&manifest.toc.title.plain())));
}

#[test]
fn no_edition_has_a_notes_page_and_each_a_multiple_of_four_pages() {
    let mut checked = 0;
    for code in codes_in_the_index() {
        let edition = Edition::read(&edition_path(code));
        let pages = edition.pages.len();
        assert_eq!(pages % 4, 0, "the edition {code} has {pages} pages");
        assert_eq!(
            edition.printed_pages(),
            pages,
            "the edition {code} has a « Notes » page"
        );
        checked += 1;
    }
    assert!(checked > 20);
}

#[test]
fn the_table_names_each_format_as_the_rule_gives_it() {
    let most = project().brochure.manifest.local_editions.leaflet_pages;
    // The Gironde, the largest département, holds in a leaflet; the group
    // of the Sud-Ouest does not, and is a booklet.
    for (key, format) in [
        ("33", "leaflet"),
        ("04", "leaflet"),
        ("sud-ouest", "booklet"),
    ] {
        let line = table_line(key);
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[1], format, "{line}");
        let pages: usize = fields[2].parse().expect("a page count");
        assert_eq!(pages <= most, format == "leaflet", "{line}");
    }
}

#[test]
fn format_booklet_gives_the_structure_of_the_national_brochure() {
    let (_dir, booklets) = booklet_sources();
    let booklet = build_departement(&booklets, "04", &booklets.join("04.pdf"));
    let manifest = project().brochure.manifest;
    let pages = booklet.pages.len();
    assert!(pages > 4, "{pages} pages");
    // Cover, a two-page édito, the Sommaire alone on its page, …, the
    // slogan page and the contact page.
    let toc = normalize(&manifest.toc.title.plain());
    assert!(booklet.pages[3].starts_with(&toc), "{}", booklet.pages[3]);
    let slogan = normalize(&manifest.slogan.text.plain());
    let contact = normalize(&manifest.contact.title.plain());
    assert!(booklet.pages[pages - 2].contains(&slogan));
    assert!(!booklet.pages[pages - 1].contains(&slogan));
    assert!(booklet.pages[pages - 1].contains(&contact));
    let output = bilan(
        root(),
        &[
            "preflight",
            "--sources",
            booklets.to_str().expect("UTF-8"),
            "--departement",
            "04",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[notes-pages]"), "{stderr}");
    assert!(!stderr.contains("set as a leaflet"), "{stderr}");
    // The leaflet says so, and how it was filled.
    let output = bilan(root(), &["preflight", "--departement", "04"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Paginated 4 pages (a multiple of 4)"),
        "{stderr}"
    );
    assert!(stderr.contains("set as a leaflet, "), "{stderr}");
    assert!(stderr.contains("paragraph(s) of the édito"), "{stderr}");
    assert!(!stderr.contains("notes-pages"), "{stderr}");
}

#[test]
fn an_excerpt_ends_on_a_whole_paragraph_and_names_its_signatories() {
    let edition = leaflet_04();
    let edito = project().brochure.manifest.edito;
    let paragraphs: Vec<Vec<String>> = edito
        .paragraphs
        .iter()
        .map(|p| words_of(&p.plain()))
        .collect();
    let shown = paragraphs
        .iter()
        .take_while(|p| position(edition, &p[..p.len().min(10)]).is_some())
        .count();
    assert!(
        shown >= 1 && shown < paragraphs.len(),
        "{shown} paragraphs shown"
    );
    let last = &paragraphs[shown - 1];
    assert!(
        position(edition, &last[last.len().saturating_sub(10)..]).is_some(),
        "the excerpt stops inside its paragraph {shown}"
    );
    assert!(position(edition, &words_of("Extrait")).is_some());
    for signatory in &edito.signatories {
        assert!(position(edition, &words_of(&signatory.name.plain())).is_some());
    }
    // `edito = "none"`: no édito at all.
    let (_keep, sources) = common::copy_sources();
    common::replace_in(
        &sources.join("bilan.toml"),
        "edito = \"excerpt\"",
        "edito = \"none\"",
    );
    let bare = build_departement(&sources, "04", &sources.join("04.pdf"));
    assert!(position(&bare, &paragraphs[0][..10]).is_none());
    for signatory in &edito.signatories {
        assert!(position(&bare, &words_of(&signatory.name.plain())).is_none());
    }
}

/// A copy of the shipped sources with the group `nouvelle-aquitaine` and
/// local texts for the Gironde (`editions/33.toml`).
fn sources_with_local_texts() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("bilan.toml");
    text.push_str(
        "\n[editions.nouvelle-aquitaine]\ndepartements = [\"24\", \"33\", \"40\", \"47\", \"87\"]\ntitle = \"La Nouvelle-Aquitaine\"\n",
    );
    std::fs::write(&manifest, text).expect("write bilan.toml");
    std::fs::create_dir(sources.join("editions")).expect("editions/");
    std::fs::write(
        sources.join("editions/33.toml"),
        "intro = [\"Les initiatives du Département de la Gironde, réunies pour ses habitants.\"]\n\n\
         [edito]\nparagraphs = [\"Un mot girondin, écrit pour cette édition.\"]\n\n\
         [[edito.signatories]]\nname = \"Claude Bernard\"\nroles = [\"Conseiller départemental de la Gironde\"]\n",
    )
    .expect("write 33.toml");
    (dir, sources)
}

/// Checks a group edition and an edition with local texts built from
/// `sources`: their page count, their texts, and where the slogan stands.
fn check_group_and_local(sources: &Path, leaflet: bool) {
    let slogan = normalize(&project().brochure.manifest.slogan.text.plain());
    let group = build_departement(sources, "nouvelle-aquitaine", &sources.join("na.pdf"));
    let gironde = build_departement(sources, "33", &sources.join("33.pdf"));
    for (edition, name) in [(&group, "nouvelle-aquitaine"), (&gironde, "33")] {
        let pages = edition.pages.len();
        assert_eq!(pages % 4, 0, "{name}: {pages} pages");
        let back = &edition.pages[pages - 1];
        assert_eq!(
            back.contains(&slogan),
            leaflet,
            "{name}: the slogan on the back cover?"
        );
    }
    assert!(group.text().contains("la nouvelle-aquitaine"));
    for code in ["24", "87"] {
        assert!(
            group.text().contains(&format!("({code})")),
            "the group lacks {code}"
        );
    }
    for local in [
        "un mot girondin, écrit pour cette édition.",
        "claude bernard",
        "réunies pour ses habitants.",
    ] {
        assert!(gironde.text().contains(local), "« {local} » missing");
    }
}

#[test]
fn a_group_and_an_edition_with_local_texts_in_both_formats() {
    let (_dir, sources) = sources_with_local_texts();
    common::replace_in(
        &sources.join("bilan.toml"),
        "format = \"auto\"",
        "format = \"leaflet\"",
    );
    check_group_and_local(&sources, true);
    let (_dir, sources) = sources_with_local_texts();
    set_booklets(&sources);
    check_group_and_local(&sources, false);
}

/// The codes of what `bilan preflight --departement <code>` flags on the
/// shipped sources.
fn preflight_codes(code: &str) -> Vec<String> {
    let output = bilan(
        root(),
        &["preflight", "--departement", code, "--format", "json"],
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .chain(String::from_utf8_lossy(&output.stderr).lines())
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|finding| Some(finding.get("code")?.as_str()?.to_owned()))
        .collect()
}

#[test]
fn leaflets_have_no_hyphen_ladder_no_overfull_line_and_no_notes_page() {
    // The 07 once had a ladder down its ragged chapter lead, and the 31 a
    // hanging full stop counted as an overfull line.
    for code in ["07", "31"] {
        let found = preflight_codes(code);
        for flaw in ["hyphen-ladder", "overfull-line", "notes-pages"] {
            assert!(
                !found.iter().any(|f| f == flaw),
                "{flaw} in the {code} edition: {found:?}"
            );
        }
    }
}
