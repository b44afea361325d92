//! `bilan diff --against REV|DIR`: what changed between two versions of
//! the sources, unit by unit, with their pages; the proof PDF with the
//! changes marked over the real pages; exit codes as `diff`'s.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

use common::{bilan, brochure, copy_dir, copy_sources, normalize, page_texts, replace_in, root};

/// What `bilan diff` answered.
struct Answer {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Answer {
    /// The changes, one JSON object per line (`--format json`).
    fn changes(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
            .collect()
    }

    /// How many changes of this kind (`added`, `moved`, `layout`…).
    fn count(&self, what: &str) -> usize {
        self.changes()
            .iter()
            .filter(|change| change["change"] == what)
            .count()
    }
}

fn run(cwd: &Path, args: &[&str]) -> Answer {
    let mut all = vec!["diff"];
    all.extend_from_slice(args);
    let output = bilan(cwd, &all);
    Answer {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The repository's sources, copied to be edited, compared with the
/// repository itself (the other version).
struct Edited {
    dir: tempfile::TempDir,
    sources: PathBuf,
}

impl Edited {
    fn new() -> Self {
        let (dir, sources) = copy_sources();
        Self { dir, sources }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.sources.join(name)
    }

    fn proof(&self) -> PathBuf {
        self.dir.path().join("proof.pdf")
    }

    /// `bilan diff` of the copy against the repository, in JSON.
    fn diff(&self, extra: &[&str]) -> Answer {
        let proof = self.proof();
        let mut args = vec![
            "--root",
            utf8(root()),
            "--sources",
            utf8(&self.sources),
            "--against",
            utf8(root()),
            "--format",
            "json",
            "--out",
            utf8(&proof),
        ];
        args.extend_from_slice(extra);
        run(self.dir.path(), &args)
    }
}

/// The TOML of the block of `file` whose title is `title`, from its
/// `[[sections.blocks]]` to the next table.
fn block_with_title(text: &str, title: &str) -> String {
    let at = text
        .find(&format!("title = \"{title}\""))
        .unwrap_or_else(|| panic!("no block titled {title}"));
    let start = text[..at].rfind("[[sections.blocks]]").expect("a block");
    let end = text[at..]
        .find("\n[[")
        .map_or(text.len(), |end| at + end + 1);
    text[start..end].to_owned()
}

#[test]
fn identical_versions_no_change_exit_0_and_the_proof_prints_the_real_pages() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let proof = dir.path().join("proof.pdf");
    let answer = run(root(), &["--against", utf8(root()), "--out", utf8(&proof)]);
    assert_eq!(answer.code, 0, "{}{}", answer.stdout, answer.stderr);
    assert!(answer.stdout.trim().is_empty(), "{}", answer.stdout);
    assert!(answer.stderr.contains("no change"), "{}", answer.stderr);
    let proof = lopdf::Document::load(&proof).expect("the proof is a PDF");
    let pages = page_texts(&proof);
    let real = &brochure().pages;
    let first = pages.len() - real.len();
    assert!(
        first >= 2 && first.is_multiple_of(2),
        "{first} pages before the brochure's"
    );
    assert!(pages[0].contains("aucune modification"), "{}", pages[0]);
    assert_eq!(&pages[first..], &real[..]);
}

#[test]
fn a_one_word_edit_is_that_unit_at_its_page_with_that_word() {
    let edited = Edited::new();
    replace_in(
        &edited.file("02-solidarite-territoriale.toml"),
        "a réalisé une opération innovante en matière",
        "a réalisé une opération remarquable en matière",
    );
    let answer = edited.diff(&[]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let changes = answer.changes();
    assert_eq!(changes.len(), 1, "{}", answer.stdout);
    let change = &changes[0];
    assert_eq!(change["change"], "changed");
    assert_eq!(change["kind"], "initiative");
    assert_eq!(change["description"], "« innovante » → « remarquable »");
    let page = change["new"]["page"].as_u64().expect("a page") as usize;
    assert!(brochure().pages[page - 1].contains("opération innovante"));
    let source = change["new"]["source"].as_str().expect("a source");
    assert!(
        source.contains("02-solidarite-territoriale.toml:"),
        "{source}"
    );
}

#[test]
fn the_proof_highlights_the_new_word_and_nothing_else() {
    let edited = Edited::new();
    replace_in(
        &edited.file("02-solidarite-territoriale.toml"),
        "a réalisé une opération innovante en matière",
        "a réalisé une opération remarquable en matière",
    );
    let answer = edited.diff(&["--profile", "screen"]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let page = answer.changes()[0]["new"]["page"].as_u64().expect("a page") as usize;
    let proof = lopdf::Document::load(edited.proof()).expect("a PDF");
    let first = proof.get_pages().len() - brochure().pages.len();
    let Some(marks) = poppler::yellow_outside_word(&edited.proof(), first + page, "remarquable")
    else {
        return;
    };
    assert!(marks.inside > 20, "the word is not highlighted: {marks:?}");
    assert_eq!(marks.outside, 0, "highlights elsewhere: {marks:?}");
}

#[test]
fn a_paragraph_added_early_moves_the_later_units_and_changes_none() {
    let edited = Edited::new();
    let file = edited.file("03-laboratoire-egalite.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let first = block_with_title(&text, "Faire découvrir l'océan");
    let added = format!(
        "{first}[[sections.blocks]]\ntype = \"initiative\"\ntitle = \"Une initiative ajoutée\"\nparagraphs = [\n  \"{}\",\n]\n\n",
        "Un paragraphe tout neuf, assez long pour déplacer ce qui le suit. ".repeat(12)
    );
    std::fs::write(&file, text.replacen(&first, &added, 1)).expect("write");
    let answer = edited.diff(&[]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    assert_eq!(answer.count("added"), 1, "{}", answer.stdout);
    assert_eq!(answer.count("changed"), 0, "{}", answer.stdout);
    assert_eq!(answer.count("removed"), 0, "{}", answer.stdout);
    let moved: Vec<serde_json::Value> = answer
        .changes()
        .into_iter()
        .filter(|change| change["change"] == "moved")
        .collect();
    assert!(!moved.is_empty(), "{}", answer.stdout);
    for change in &moved {
        assert!(
            change["new"]["page"].as_u64() > change["old"]["page"].as_u64(),
            "{change}"
        );
    }
}

#[test]
fn a_removed_unit_a_unit_moved_to_another_section_and_a_callout_family() {
    let edited = Edited::new();
    let file = edited.file("03-laboratoire-egalite.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    // Removed.
    let removed = block_with_title(&text, "Lutter contre le décrochage scolaire");
    let text = text.replacen(&removed, "", 1);
    // Moved from the first section to the head of the second.
    let moved = block_with_title(&text, "Pass à l'international");
    let target = block_with_title(
        &text,
        "Favoriser l'accès à la culture et aux équipements sportifs des jeunes",
    );
    let text = text
        .replacen(&moved, "", 1)
        .replacen(&target, &format!("{moved}{target}"), 1);
    // Another family.
    let text = text.replacen("family = \"zoom\"", "family = \"possible\"", 1);
    std::fs::write(&file, text).expect("write");
    let answer = edited.diff(&[]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let changes = answer.changes();
    let find = |what: &str, words: &str| {
        changes
            .iter()
            .find(|c| c["change"] == what && c["text"].as_str().is_some_and(|t| t.contains(words)))
            .unwrap_or_else(|| panic!("no {what} « {words} » in\n{}", answer.stdout))
    };
    find("removed", "Lutter contre le décrochage");
    let moved = find("moved", "Pass à l");
    assert_ne!(moved["old"]["context"], moved["new"]["context"], "{moved}");
    let callout = changes
        .iter()
        .find(|c| c["kind"] == "callout" && c["change"] == "changed")
        .unwrap_or_else(|| panic!("no callout changed in\n{}", answer.stdout));
    let description = callout["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("zoom") && description.contains("possible"),
        "{callout}"
    );
}

#[test]
fn a_brand_colour_changes_the_layout_of_some_pages_and_no_word() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for folder in ["sources", "layouts", "fonts"] {
        copy_dir(&root().join(folder), &dir.path().join(folder));
    }
    replace_in(
        &dir.path().join("sources/bilan.toml"),
        "\"#e7edf7\"",
        "\"#c9d8f0\"",
    );
    let answer = run(
        dir.path(),
        &[
            "--against",
            utf8(root()),
            "--profile",
            "screen",
            "--format",
            "json",
        ],
    );
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let layout = answer.count("layout");
    assert_eq!(answer.changes().len(), layout, "{}", answer.stdout);
    assert!(
        layout > 0 && layout < brochure().pages.len(),
        "{}",
        answer.stdout
    );
    assert!(dir.path().join("build/bilan-diff-screen.pdf").is_file());
}

/// A git repository holding a copy of the project, its first version
/// tagged `bat-1`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for folder in ["sources", "layouts", "fonts"] {
        copy_dir(&root().join(folder), &dir.path().join(folder));
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "bat-1"]);
    git(dir.path(), &["tag", "bat-1"]);
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.org"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn against_a_git_tag_and_an_unknown_revision() {
    let repo = repository();
    replace_in(
        &repo.path().join("sources/02-solidarite-territoriale.toml"),
        "a réalisé une opération innovante en matière",
        "a réalisé une opération remarquable en matière",
    );
    let answer = run(repo.path(), &["--against", "bat-1", "--format", "json"]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    assert_eq!(answer.changes().len(), 1, "{}", answer.stdout);
    assert!(repo.path().join("build/bilan-diff-print.pdf").is_file());
    let unknown = run(repo.path(), &["--against", "bat-9"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(unknown.stderr.contains("bat-9"), "{}", unknown.stderr);
}

#[test]
fn an_old_version_with_invalid_sources_is_named_as_the_revision() {
    let repo = repository();
    let file = repo.path().join("sources/02-solidarite-territoriale.toml");
    replace_in(&file, "type = \"initiative\"", "type = \"initiativ\"");
    git(repo.path(), &["commit", "-q", "-am", "broken"]);
    git(repo.path(), &["tag", "broken"]);
    replace_in(&file, "type = \"initiativ\"", "type = \"initiative\"");
    let answer = run(repo.path(), &["--against", "broken"]);
    assert_eq!(answer.code, 2, "{}", answer.stderr);
    assert!(
        answer
            .stderr
            .contains("broken:sources/02-solidarite-territoriale.toml:"),
        "{}",
        answer.stderr
    );
}

#[test]
fn a_folder_without_sources_cannot_be_compared() {
    let empty = tempfile::tempdir().expect("a temp dir");
    let answer = run(root(), &["--against", utf8(empty.path())]);
    assert_eq!(answer.code, 2, "{}", answer.stderr);
    assert!(answer.stderr.contains("sources"), "{}", answer.stderr);
    assert!(!answer.stderr.contains("panicked"), "{}", answer.stderr);
}

#[test]
fn the_proof_is_tagged_as_the_edition_it_shows() {
    let edited = Edited::new();
    replace_in(
        &edited.file("02-solidarite-territoriale.toml"),
        "assurée chaque année par les agents",
        "assurée par les agents",
    );
    let answer = edited.diff(&["--profile", "screen"]);
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let bytes = std::fs::read(edited.proof()).expect("the proof");
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("pdfuaid:part>1<"), "not PDF/UA-1");
    assert!(text.contains("pdfaid:part>2<"), "not PDF/A-2");
    // The deleted words are noted in the margin, as an artifact: on the
    // page, not in the text a screen reader reads.
    let proof = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let pages = page_texts(&proof);
    assert!(
        pages
            .iter()
            .any(|p| p.contains(&normalize("supprimé : « chaque année »"))),
        "no margin note"
    );
    let tags = common::structure::read(&proof);
    let tagged = normalize(&tags.root.text());
    assert!(
        tagged.contains(&normalize("assurée par les agents")),
        "the page is not tagged"
    );
    assert!(!tagged.contains("supprimé :"), "a note is tagged");
}

/// Reading a proof's pages with poppler (`pdftotext`, `pdftoppm`).
mod poppler {
    use std::path::Path;
    use std::process::Command;

    use crate::common;

    /// Pixels of the highlight's yellow inside a word's box and elsewhere.
    #[derive(Debug)]
    pub(super) struct Yellow {
        pub(super) inside: usize,
        pub(super) outside: usize,
    }

    /// Counts the highlight's pixels inside the boxes of `word` on `page`
    /// and outside them; `None` (said loudly) without poppler.
    pub(super) fn yellow_outside_word(pdf: &Path, page: usize, word: &str) -> Option<Yellow> {
        let page = page.to_string();
        let boxes = Command::new("pdftotext")
            .args(["-bbox", "-f", &page, "-l", &page])
            .arg(pdf)
            .arg("-")
            .output();
        let Ok(boxes) = boxes else {
            common::tool_available(false, "pdftotext (poppler-utils) is not installed");
            return None;
        };
        let html = String::from_utf8_lossy(&boxes.stdout);
        let words: Vec<[f64; 4]> = html
            .lines()
            .filter(|line| line.contains(&format!(">{word}</word>")))
            .map(|line| {
                let value = |name: &str| -> f64 {
                    let start = line.find(&format!("{name}=\"")).expect("a box") + name.len() + 2;
                    let end = start + line[start..].find('"').expect("a value");
                    line[start..end].parse().expect("a number")
                };
                [value("xMin"), value("yMin"), value("xMax"), value("yMax")]
            })
            .collect();
        assert!(!words.is_empty(), "« {word} » not on page {page}");
        let dir = tempfile::tempdir().expect("a temp dir");
        let image = dir.path().join("page");
        let status = Command::new("pdftoppm")
            .args(["-r", "72", "-f", &page, "-l", &page, "-singlefile"])
            .arg(pdf)
            .arg(&image)
            .status();
        let Ok(status) = status else {
            common::tool_available(false, "pdftoppm (poppler-utils) is not installed");
            return None;
        };
        assert!(status.success());
        let ppm = std::fs::read(dir.path().join("page.ppm")).expect("the image");
        let (width, pixels) = parse_ppm(&ppm);
        let mut yellow = Yellow {
            inside: 0,
            outside: 0,
        };
        for (index, rgb) in pixels.chunks(3).enumerate() {
            let (r, g, b) = (rgb[0], rgb[1], rgb[2]);
            if !(r > 230 && (200..245).contains(&g) && b < 180) {
                continue;
            }
            let (x, y) = ((index % width) as f64 + 0.5, (index / width) as f64 + 0.5);
            let near = words
                .iter()
                .any(|w| x >= w[0] - 2.0 && x <= w[2] + 2.0 && y >= w[1] - 4.0 && y <= w[3] + 4.0);
            if near {
                yellow.inside += 1;
            } else {
                yellow.outside += 1;
            }
        }
        Some(yellow)
    }

    /// The width and the RGB bytes of a binary PPM image.
    fn parse_ppm(bytes: &[u8]) -> (usize, &[u8]) {
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        assert_eq!(fields[0], "P6", "a binary PPM");
        let width = fields[1].parse().expect("a width");
        (width, &bytes[at + 1..])
    }
}

#[test]
fn the_markdown_summary_flags_a_finding_the_other_version_had_not() {
    let edited = Edited::new();
    replace_in(
        &edited.file("00-crise-sanitaire.toml"),
        "masques pour la Haute-Saône",
        "masques pour la Haute Saône",
    );
    let proof = edited.proof();
    let answer = run(
        edited.dir.path(),
        &[
            "--root",
            utf8(root()),
            "--sources",
            utf8(&edited.sources),
            "--against",
            utf8(root()),
            "--format",
            "markdown",
            "--out",
            utf8(&proof),
        ],
    );
    assert_eq!(answer.code, 1, "{}", answer.stderr);
    let (new, known) = answer
        .stdout
        .split_once("<details>")
        .expect("the findings known before, folded");
    assert!(
        new.contains("| changed | figure « 50.000 masques pour la Haute Saône » |"),
        "{new}"
    );
    let new = new.split_once("New:").expect("new findings").1;
    assert!(new.contains("`departement-name`"), "{new}");
    assert!(new.contains("« Haute Saône »"), "{new}");
    assert!(!known.contains("« Haute Saône »"), "{known}");
}
