//! Local editions (`bilan build --departement`, `--all-editions`), built by
//! the real binary from the shipped sources or from a copy with a group of
//! départements and a local file, and read back from the PDFs. What each
//! edition must hold is read from the TOML files directly, not through
//! `bilan`'s own filter.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bilan::content::departements::departements;
use bilan::pipeline::load_project;
use common::{bilan, normalize, root, words};

/// A built PDF read back.
pub(crate) struct Edition {
    pub(crate) bytes: Vec<u8>,
    pub(crate) pdf: lopdf::Document,
    pub(crate) pages: Vec<String>,
    pub(crate) words: Vec<String>,
}

impl Edition {
    pub(crate) fn read(path: &Path) -> Self {
        let bytes = std::fs::read(path).unwrap_or_else(|_| panic!("{} written", path.display()));
        let pdf = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
        let pages = common::page_texts(&pdf);
        let words = words(&pages.join(" "));
        Self {
            bytes,
            pdf,
            pages,
            words,
        }
    }

    pub(crate) fn text(&self) -> String {
        self.pages.join(" ")
    }

    /// The pages that print something else than a « Notes » page (its
    /// title, running title and page number, in the normalized lower case).
    pub(crate) fn printed_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|page| {
                !page
                    .split_whitespace()
                    .all(|word| word == "notes" || word.parse::<u32>().is_ok())
            })
            .count()
    }

    /// Whether `needle` (words) is in the text, followed by `word` within
    /// a few words (a page's footer may stand between them).
    pub(crate) fn holds_near(&self, needle: &[String], word: &str) -> bool {
        self.words
            .windows(needle.len())
            .enumerate()
            .filter(|(_, window)| *window == needle)
            .any(|(at, _)| {
                self.words
                    .iter()
                    .skip(at + needle.len())
                    .take(8)
                    .any(|w| w == word)
            })
    }

    /// Whether `needle` (words) is in the text, in a row.
    pub(crate) fn holds(&self, needle: &[String]) -> bool {
        !needle.is_empty() && self.words.windows(needle.len()).any(|w| w == needle)
    }
}

/// Runs `bilan build --departement <spec>` on the sources of `sources`.
pub(crate) fn build_departement(sources: &Path, spec: &str, out: &Path) -> Edition {
    let output = common::build_real(
        out,
        &[
            "--sources",
            sources.to_str().expect("UTF-8"),
            "--departement",
            spec,
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "bilan build failed:\n{stderr}");
    Edition::read(out)
}

/// The shipped sources.
pub(crate) fn shipped_sources() -> PathBuf {
    root().join("sources")
}

/// The editions of the shipped brochure for 48 and 35, built once.
pub(crate) fn shipped(code: &str) -> &'static Edition {
    static BUILT: OnceLock<(tempfile::TempDir, Edition, Edition)> = OnceLock::new();
    let built = BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temp dir");
        let lozere = build_departement(&shipped_sources(), "48", &dir.path().join("48.pdf"));
        let ille = build_departement(&shipped_sources(), "35", &dir.path().join("35.pdf"));
        (dir, lozere, ille)
    });
    if code == "48" { &built.1 } else { &built.2 }
}

/// A block of the shipped sources as written: its texts (the label of a
/// callout left out, shared by its family) and its `departements`.
pub(crate) struct RawBlock {
    texts: Vec<String>,
    departements: Vec<String>,
}

impl RawBlock {
    /// Whether it names « Name (… » or « (code) », or lists the code.
    pub(crate) fn cites(&self, code: &str, name: &str) -> bool {
        self.departements.iter().any(|d| d == code)
            || self
                .texts
                .iter()
                .any(|t| t.contains(&format!("{name} (")) || t.contains(&format!("({code})")))
    }

    /// Its first words (at most 12), as the PDF must show them in a row.
    pub(crate) fn opening_words(&self) -> Vec<String> {
        let all = words(&normalize(&self.texts.join(" ")));
        all.into_iter().take(12).collect()
    }
}

/// The blocks of the shipped sources, in reading order.
pub(crate) fn raw_blocks() -> Vec<RawBlock> {
    let manifest: toml::Value = toml::from_str(
        &std::fs::read_to_string(root().join("sources/bilan.toml")).expect("bilan.toml"),
    )
    .expect("TOML");
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        match v {
            Some(toml::Value::String(s)) => vec![s.clone()],
            Some(toml::Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut blocks = Vec::new();
    for chapter in manifest["chapters"].as_array().expect("chapters") {
        let path = root()
            .join("sources")
            .join(chapter.as_str().expect("a name"));
        let chapter: toml::Value =
            toml::from_str(&std::fs::read_to_string(path).expect("a chapter")).expect("TOML");
        for section in chapter["sections"].as_array().expect("sections") {
            let Some(section_blocks) = section.get("blocks").and_then(toml::Value::as_array) else {
                continue;
            };
            for block in section_blocks {
                let texts = ["title", "lead", "paragraphs", "before", "value", "text"]
                    .iter()
                    .flat_map(|key| strings(block.get(*key)))
                    .collect();
                blocks.push(RawBlock {
                    texts,
                    departements: strings(block.get("departements")),
                });
            }
        }
    }
    blocks
}

pub(crate) fn assert_holds_its_blocks_only(edition: &Edition, code: &str, name: &str) {
    let mut held = 0;
    for block in raw_blocks() {
        let opening = block.opening_words();
        if block.cites(code, name) {
            assert!(
                edition.holds(&opening),
                "the edition {code} lacks the block starting « {} »",
                opening.join(" ")
            );
            held += 1;
        } else if opening.len() >= 8 {
            assert!(
                !edition.holds(&opening),
                "the edition {code} holds a block that cites neither {name} nor ({code}): « {} »",
                opening.join(" ")
            );
        }
    }
    assert!(held >= 3, "only {held} blocks for {code}");
}

#[test]
fn lozere_edition_holds_its_initiatives_even_with_a_wrong_code_and_nothing_else() {
    let edition = shipped("48");
    assert!(
        edition.holds_near(&words("la Lozère"), "42"),
        "the initiative written « la Lozère (42) » is missing"
    );
    assert_holds_its_blocks_only(edition, "48", "Lozère");
}

#[test]
fn ille_et_vilaine_edition_holds_the_paragraph_written_with_53_and_nothing_else() {
    let edition = shipped("35");
    assert!(
        edition.holds_near(&words("Ille-et-Vilaine"), "53"),
        "the paragraph written « Ille-et-Vilaine (53) » is missing"
    );
    assert_holds_its_blocks_only(edition, "35", "Ille-et-Vilaine");
}

#[test]
fn cover_names_the_territory_and_the_pdf_title_too() {
    let edition = shipped("48");
    assert!(
        edition.pages[0].contains("la lozère"),
        "{}",
        edition.pages[0]
    );
    assert!(!shipped("35").pages[0].contains("la lozère"));
    let info = edition
        .pdf
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| edition.pdf.get_dictionary(id))
        .expect("an /Info dictionary");
    let title = info
        .get(b"Title")
        .ok()
        .and_then(|t| lopdf::decode_text_string(t).ok())
        .expect("a /Title");
    assert!(title.ends_with("— La Lozère"), "{title}");
}

#[test]
fn same_departement_gives_byte_identical_pdfs() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let again = build_departement(&shipped_sources(), "48", &dir.path().join("again.pdf"));
    assert!(
        again.bytes == shipped("48").bytes,
        "two builds of the edition 48 differ"
    );
}

/// A copy of the shipped sources with a group of départements, a group
/// whose départements no block cites, and a local file for 48.
pub(crate) fn sources_with_groups() -> (tempfile::TempDir, PathBuf) {
    let (dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("bilan.toml");
    text.push_str(
        "\n[editions.sud-ouest]\ndepartements = [\"33\", \"40\", \"47\"]\ntitle = \"Le Sud-Ouest\"\n\
         \n[editions.centre]\ndepartements = [\"18\", \"36\"]\n",
    );
    std::fs::write(&manifest, text).expect("write bilan.toml");
    std::fs::create_dir(sources.join("editions")).expect("editions/");
    std::fs::write(
        sources.join("editions/48.toml"),
        "#:schema ../edition.schema.json\n\
         intro = [\"Cette édition rassemble les initiatives du Département de la Lozère.\"]\n\n\
         [edito]\nparagraphs = [\"Un édito lozérien, écrit pour la session du conseil.\", \"Deuxième paragraphe de l'édito lozérien.\"]\n\n\
         [[edito.signatories]]\nname = \"Camille Martin\"\nroles = [\"Conseillère départementale de la Lozère\"]\n\n\
         [contact]\ntitle = \"CONTACT\"\nemail = \"lozere@example.fr\"\nphone = \"04 66 00 00 00\"\nwebsite = \"www.example.fr\"\n",
    )
    .expect("write 48.toml");
    (dir, sources)
}

/// `--all-editions` on [`sources_with_groups`], run once.
pub(crate) fn all_editions() -> &'static (tempfile::TempDir, std::process::Output) {
    static RUN: OnceLock<(tempfile::TempDir, std::process::Output)> = OnceLock::new();
    RUN.get_or_init(|| {
        let (dir, sources) = sources_with_groups();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(dir.path())
            .args(["build", "--all-editions", "--root"])
            .arg(root())
            .arg("--sources")
            .arg(&sources)
            .output()
            .expect("bilan runs");
        (dir, output)
    })
}

pub(crate) fn edition_path(key: &str) -> PathBuf {
    all_editions()
        .0
        .path()
        .join(format!("build/bilan-{key}-print.pdf"))
}

/// The codes the whole brochure's index lists, read from its PDF.
pub(crate) fn codes_in_the_index() -> BTreeSet<&'static str> {
    let brochure = common::brochure();
    let index = brochure
        .pages
        .iter()
        .rfind(|p| p.contains("les départements cités"))
        .expect("an index page");
    departements()
        .iter()
        .filter(|d| index.contains(&normalize(&format!("{} {}", d.code, d.name_with_article))))
        .map(|d| d.code.as_str())
        .collect()
}

#[test]
fn all_editions_writes_one_file_per_cited_departement_and_per_group() {
    let (dir, output) = all_editions();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "the empty group must fail:\n{stderr}"
    );
    assert!(stderr.contains("FAILED"), "{stderr}");
    assert!(stderr.contains("edition-empty"), "{stderr}");
    let written: BTreeSet<String> = std::fs::read_dir(dir.path().join("build"))
        .expect("build/")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected: BTreeSet<String> = codes_in_the_index()
        .iter()
        .map(|code| format!("bilan-{code}-print.pdf"))
        .collect();
    expected.insert("bilan-sud-ouest-print.pdf".to_owned());
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("centre") && l.contains("FAILED")),
        "{stderr}"
    );
    assert!(expected.len() > 20, "{expected:?}");
    assert_eq!(written, expected, "{stderr}");
    for name in &written {
        let key = name
            .trim_start_matches("bilan-")
            .trim_end_matches("-print.pdf");
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(key) && l.contains(name)),
            "the table has no line for {key}:\n{stderr}"
        );
    }
}

#[test]
fn every_edition_has_a_true_sommaire_from_twelve_pages_and_none_below() {
    let project = load_project(root(), &root().join("sources"))
        .expect("the sources load")
        .0;
    let entries = common::toc_entries(&project);
    let toc_title = normalize(&project.brochure.manifest.toc.title.plain());
    let from = project.brochure.manifest.local_editions.sommaire_from;
    let mut checked = 0;
    for code in codes_in_the_index() {
        let edition = Edition::read(&edition_path(code));
        let pages = edition.pages.len();
        assert_eq!(pages % 4, 0, "the edition {code} has {pages} pages");
        let toc_page = edition.pages.iter().position(|p| p.contains(&toc_title));
        let Some(toc_page) = toc_page else {
            assert!(
                pages < from,
                "the edition {code} ({pages} pages) has no Sommaire"
            );
            continue;
        };
        assert!(
            pages >= from,
            "the edition {code} ({pages} pages) has a Sommaire"
        );
        let toc_text = common::without_leaders(&edition.pages[toc_page]);
        let mut found = 0;
        for entry in &entries {
            let (toc_entry, heading) = (&entry.toc_title, &entry.body_title);
            let Some(at) = toc_text.find(toc_entry.as_str()) else {
                continue;
            };
            // The page number, maybe after the section's number (`1.2`).
            let number: usize = toc_text[at + toc_entry.len()..]
                .split_whitespace()
                .take(2)
                .find_map(|w| w.parse().ok())
                .unwrap_or_else(|| panic!("no page number after `{toc_entry}` ({code})"));
            assert!(
                number > toc_page && edition.pages[number - 1].contains(heading.as_str()),
                "the Sommaire of {code} sends `{toc_entry}` to page {number}, which does not hold it"
            );
            found += 1;
        }
        assert!(
            found >= 2,
            "the Sommaire of {code} lists {found} known entries:\n{toc_text}"
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} editions with a Sommaire");
}

/// The alternative text of the index's map, from the tag tree.
fn map_alt(edition: &Edition) -> String {
    let tagged = common::structure::read(&edition.pdf);
    tagged
        .root
        .descendants()
        .into_iter()
        .filter_map(|e| e.alt.clone())
        .find(|alt| alt.starts_with("Carte de France"))
        .expect("a map with its alternative text")
}

/// The codes `(NN)` a text names.
fn codes_named(text: &str) -> BTreeSet<String> {
    text.match_indices('(')
        .filter_map(|(i, _)| {
            let rest = &text[i + 1..];
            let code = &rest[..rest.find(')')?];
            departements()
                .iter()
                .any(|d| d.code == code)
                .then(|| code.to_owned())
        })
        .collect()
}

#[test]
fn the_map_of_an_edition_colours_exactly_its_departements() {
    let group = Edition::read(&edition_path("sud-ouest"));
    assert_eq!(
        codes_named(&map_alt(&group)),
        ["33", "40", "47"].map(str::to_owned).into(),
    );
    assert!(
        group.pages[0].contains("le sud-ouest"),
        "{}",
        group.pages[0]
    );
    let single = Edition::read(&edition_path("48"));
    assert_eq!(codes_named(&map_alt(&single)), ["48".to_owned()].into());
}

#[test]
fn local_file_replaces_edito_and_contact_and_adds_an_introduction() {
    let edition = Edition::read(&edition_path("48"));
    let text = edition.text();
    for expected in [
        "un édito lozérien, écrit pour la session du conseil.",
        "camille martin",
        "cette édition rassemble les initiatives du département de la lozère.",
        "lozere@example.fr",
    ] {
        assert!(text.contains(expected), "« {expected} » missing");
    }
    let national = std::fs::read_to_string(root().join("sources/bilan.toml")).expect("bilan.toml");
    assert!(national.contains("parti@socialiste.fr"));
    assert!(
        !text.contains("parti@socialiste.fr"),
        "the national contact is still there"
    );
    // The same edition in one run with the others equals its own build.
    let (_keep, sources) = sources_with_groups();
    let dir = tempfile::tempdir().expect("a temp dir");
    let alone = build_departement(&sources, "48", &dir.path().join("48.pdf"));
    assert!(
        alone.bytes == edition.bytes,
        "the edition 48 built alone differs from the one of --all-editions"
    );
}

/// Runs `bilan` on a copy of the sources whose bilan.toml ends with `extra`.
fn with_manifest_tail(command: &str, extra: &str) -> (String, bool) {
    let (_dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("bilan.toml");
    text.push_str(extra);
    std::fs::write(&manifest, text).expect("write");
    let output = bilan(
        root(),
        &[command, "--sources", sources.to_str().expect("UTF-8")],
    );
    (
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.success(),
    )
}

#[test]
fn a_group_with_an_unknown_code_is_an_error_at_its_line() {
    let manifest = std::fs::read_to_string(root().join("sources/bilan.toml")).expect("bilan.toml");
    let line = manifest.lines().count() + 3;
    let extra = "\n[editions.ouest]\ndepartements = [\"35\", \"99\"]\n";
    for command in ["check", "build"] {
        let (stderr, success) = with_manifest_tail(command, extra);
        assert!(!success, "{command} accepted the code 99");
        assert!(stderr.contains("error[edition-code]"), "{stderr}");
        assert!(
            stderr.contains(&format!("bilan.toml:{line}:23")),
            "{command}: not at line {line}, column 23:\n{stderr}"
        );
    }
}

#[test]
fn check_reports_empty_and_short_editions() {
    let extra = "\n[editions.centre]\ndepartements = [\"18\", \"36\"]\n";
    let (stderr, success) = with_manifest_tail("check", extra);
    assert!(success, "{stderr}");
    assert!(stderr.contains("warning[edition-empty]"), "{stderr}");
    assert!(stderr.contains("`centre`"), "{stderr}");

    let (stderr, _) = with_manifest_tail("check", "");
    assert!(!stderr.contains("edition-short"), "{stderr}");
    let (_dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let text = std::fs::read_to_string(&manifest).expect("bilan.toml");
    assert!(text.contains("min-blocks = 0"));
    std::fs::write(&manifest, text.replace("min-blocks = 0", "min-blocks = 2")).expect("write");
    let output = bilan(
        root(),
        &["check", "--sources", sources.to_str().expect("UTF-8")],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning[edition-short]"), "{stderr}");
    assert!(stderr.contains("`04`"), "{stderr}");
    assert!(!stderr.contains("`48`"), "{stderr}");
}

#[test]
fn unknown_or_uncited_departement_is_an_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("x.pdf");
    for (spec, code) in [("99", "edition-unknown"), ("18", "edition-empty")] {
        let output = bilan(
            root(),
            &[
                "build",
                "--departement",
                spec,
                "--out",
                out.to_str().expect("UTF-8"),
            ],
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("error[{code}]")), "{stderr}");
        assert!(!out.exists());
    }
}

#[test]
fn introductions_and_index_can_be_left_out() {
    let (_dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let text = std::fs::read_to_string(&manifest).expect("bilan.toml");
    let text = text
        .replace("intros = \"all\"", "intros = \"none\"")
        .replace("index = \"reduced\"", "index = \"none\"");
    assert!(text.contains("intros = \"none\"") && text.contains("index = \"none\""));
    std::fs::write(&manifest, text).expect("write");
    let bare = build_departement(&sources, "48", &sources.join("48.pdf"));
    assert_eq!(bare.pages.len() % 4, 0);
    // The opening chapter's introduction, which the Lozère's edition holds
    // with the default rules.
    let chapter: toml::Value = toml::from_str(
        &std::fs::read_to_string(root().join("sources/00-crise-sanitaire.toml")).expect("read"),
    )
    .expect("TOML");
    let intro = chapter["intro"][0].as_str().expect("an introduction");
    let opening: Vec<String> = words(&normalize(intro)).into_iter().take(12).collect();
    assert!(
        shipped("48").holds(&opening),
        "the default edition lacks the introduction"
    );
    assert!(
        !bare.holds(&opening),
        "`intros = \"none\"` kept the introduction"
    );
    let index_title = "les départements cités";
    assert!(shipped("48").text().contains(index_title));
    assert!(
        !bare.text().contains(index_title),
        "`index = \"none\"` kept the index"
    );
}

#[test]
fn local_files_are_validated_and_linted_at_their_place() {
    let (_dir, sources) = common::copy_sources();
    std::fs::create_dir(sources.join("editions")).expect("editions/");
    let run = |file: &str, text: &str| {
        let path = sources.join("editions").join(file);
        std::fs::write(&path, text).expect("write");
        let output = bilan(
            root(),
            &["check", "--sources", sources.to_str().expect("UTF-8")],
        );
        std::fs::remove_file(&path).expect("remove");
        (
            String::from_utf8_lossy(&output.stderr).into_owned(),
            output.status.code(),
        )
    };
    let (stderr, code) = run(
        "48.toml",
        "#:schema ../edition.schema.json\nintr = [\"x\"]\n",
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[unknown-key]"), "{stderr}");
    assert!(stderr.contains("editions/48.toml:2:1"), "{stderr}");
    assert!(stderr.contains("did you mean `intro`?"), "{stderr}");

    let (stderr, code) = run(
        "48.toml",
        "intro = [\"Voici la Lozère: ses initiatives.\"]\n\n[contact]\ntitle = \"CONTACT\"\nemail = \"lozere.example.fr\"\nphone = \"04\"\nwebsite = \"www.example.fr\"\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("warning[punctuation-space]"), "{stderr}");
    assert!(stderr.contains("editions/48.toml:1:"), "{stderr}");
    assert!(stderr.contains("warning[link]"), "{stderr}");
    assert!(stderr.contains("editions/48.toml:5:9"), "{stderr}");

    let (stderr, code) = run("gironde.toml", "intro = [\"Bonjour.\"]\n");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error[edition-file]"), "{stderr}");

    let (stderr, code) = run("18.toml", "intro = [\"Bonjour.\"]\n");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("warning[edition-empty]"), "{stderr}");
}

/// Sets the local editions of the sources at `sources` as booklets, the
/// national brochure's structure (`format = "booklet"`).
pub(crate) fn set_booklets(sources: &Path) {
    common::replace_in(
        &sources.join("bilan.toml"),
        "format = \"auto\"",
        "format = \"booklet\"",
    );
}

/// A copy of the shipped sources whose local editions are booklets.
pub(crate) fn booklet_sources() -> (tempfile::TempDir, PathBuf) {
    let (dir, sources) = common::copy_sources();
    set_booklets(&sources);
    (dir, sources)
}

/// A copy of the shipped sources whose local editions are booklets and
/// whose `[layout]` never tightens the gaps (`min-spacing = 1.0`).
fn sources_never_tightened() -> (tempfile::TempDir, PathBuf) {
    let (dir, sources) = booklet_sources();
    common::replace_in(
        &sources.join("bilan.toml"),
        "min-spacing = 0.85",
        "min-spacing = 1.0",
    );
    (dir, sources)
}

/// `bilan preflight --departement <code>` on `sources`: its standard
/// error.
fn preflight_departement(sources: &Path, code: &str) -> String {
    let output = bilan(
        root(),
        &[
            "preflight",
            "--sources",
            sources.to_str().expect("UTF-8"),
            "--departement",
            code,
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

#[test]
fn preflight_checks_a_local_edition() {
    let (_dir, booklets) = booklet_sources();
    let stderr = preflight_departement(&booklets, "48");
    let pages = build_departement(&booklets, "48", &booklets.join("48.pdf"))
        .pages
        .len();
    assert!(
        stderr.contains(&format!("Preflight {pages} pages")),
        "not the {pages} pages of the edition 48:\n{stderr}"
    );
    // Its chapters of one page (an introduction across both columns, then
    // the columns) are balanced too…
    assert!(
        stderr.contains("last page of 3 chapter(s) balanced"),
        "{stderr}"
    );
    // …and its gaps, tightened within `min-spacing`, lose the page over 16:
    // no « Notes » page, and part III no longer ends with two lines alone.
    assert!(stderr.contains("vertical gaps tightened to"), "{stderr}");
    assert!(!stderr.contains("short-tail"), "{stderr}");
    // Where the gaps may not tighten, the preflight says so.
    let (_dir, sources) = sources_never_tightened();
    let stderr = preflight_departement(&sources, "48");
    assert!(
        stderr.contains("warning[short-tail]: page 14: the chapter ends with 2 line(s) alone"),
        "{stderr}"
    );
}

#[test]
fn a_chapter_pulls_back_the_few_lines_of_its_last_page() {
    // The Haute-Vienne's edition: part I left a few lines alone on a page;
    // its own gaps, tightened within `min-spacing`, pull them back onto the
    // page before (and the page count is still a multiple of 4).
    let (_dir, booklets) = booklet_sources();
    let stderr = preflight_departement(&booklets, "87");
    assert!(
        stderr.contains(
            "the gaps of 1 chapter(s) tightened to pull the last lines of their last page back"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("(a multiple of 4)"), "{stderr}");
    assert!(!stderr.contains("short-tail"), "{stderr}");
    let (_dir, sources) = sources_never_tightened();
    let stderr = preflight_departement(&sources, "87");
    assert!(!stderr.contains("tightened"), "{stderr}");
    assert!(stderr.contains("warning[short-tail]"), "{stderr}");
}

#[test]
fn white_is_shared_out_between_paragraphs_where_no_block_starts() {
    // The Haute-Garonne's edition: its white columns hold the paragraphs of
    // an initiative or of a section's introduction, and no block starts in
    // them; the white goes between those paragraphs.
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("31.pdf");
    let output = bilan(
        root(),
        &[
            "build",
            "--departement",
            "31",
            "--out",
            out.to_str().expect("UTF-8"),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("the white of some columns shared out between"),
        "{stderr}"
    );
}

#[test]
fn a_line_whose_full_stop_overhangs_its_column_stays_in_it() {
    // The Val-de-Marne's edition ends part I with a line whose full stop
    // hangs into the gutter: its paragraph's end is still in the left-hand
    // column, with the three lines above it, not a widow of the right one.
    let (_dir, booklets) = booklet_sources();
    let output = bilan(
        root(),
        &[
            "preflight",
            "--sources",
            booklets.to_str().expect("UTF-8"),
            "--departement",
            "94",
            "--format",
            "json",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(!stdout.contains("\"code\":\"widow\""), "{stdout}");
    assert!(stdout.contains("\"code\":\"short-tail\""), "{stdout}");
}

#[test]
fn a_balance_never_leaves_a_callout_too_little_room() {
    // With gaps that never tighten, six editions end a chapter with a box
    // alone on its last page (part II of the Lot's ends with « Zoom sur... »).
    // Balancing that page would leave the box less room than it needs, and
    // Typst would set its last lines under its frame, out of its tint: the
    // fitting drops those balances, and the preflight finds no such box.
    let (_dir, sources) = sources_never_tightened();
    for code in ["33", "46", "47", "58", "70", "93"] {
        let stderr = preflight_departement(&sources, code);
        assert!(!stderr.contains("callout-overflow"), "{code}: {stderr}");
    }
}

#[test]
fn a_box_that_ends_its_chapter_stays_where_it_stands() {
    // Part II of the Lot's edition ends with a « Zoom sur... » box too tall
    // for the hole it leaves at the foot of page 10: nothing follows it to
    // fill that hole, so it is neither floated nor anchored.
    let stderr = preflight_departement(&shipped_sources(), "46");
    let line = stderr
        .lines()
        .find(|l| l.contains("Paginated"))
        .expect("the fitting's line");
    assert!(!line.contains("floated"), "{line}");
    assert!(!line.contains("anchored"), "{line}");
}

/// A local edition that leaves a chapter out keeps each of its chapters
/// with its own file: what `bilan where`, `bilan diff` and the preview's
/// clicks name as a text's origin.
#[test]
fn a_local_edition_without_a_chapter_keeps_each_chapter_with_its_file() {
    let root = root();
    let (project, _) = load_project(root, &root.join("sources")).expect("the shipped sources load");
    let shorter = departements()
        .iter()
        .filter_map(|d| bilan::content::Territory::parse(&d.code, &project.brochure).ok())
        .map(|territory| project.local(&territory))
        .find(|local| {
            !local.brochure.chapters.is_empty()
                && local.brochure.chapters.len() < project.brochure.chapters.len()
        })
        .expect("a local edition without some chapter");
    assert_eq!(shorter.chapter_files.len(), shorter.brochure.chapters.len());
    for (chapter, file) in shorter.chapters() {
        let title = chapter.title.plain();
        let text = normalize(&file.text);
        assert!(
            text.contains(&normalize(&title)),
            "« {title} » is not in {}",
            file.name
        );
    }
}
