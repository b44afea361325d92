//! Shared helpers of the integration tests: run the real `bilan` binary,
//! build the real brochure once per test run, read PDFs back.

pub(crate) mod browser;
pub(crate) mod structure;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Each kind `bilan schema` takes, and the file of `sources/` that holds its
/// schema.
pub(crate) const SCHEMAS: [(&str, &str); 3] = [
    ("manifest", "bilan.schema.json"),
    ("chapter", "chapter.schema.json"),
    ("edition", "edition.schema.json"),
];

/// The repository root (holds `sources/`, `layouts/`, `fonts/`).
pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `bilan` with `args` from `cwd`.
pub(crate) fn bilan(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilan"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("the bilan binary runs")
}

/// Runs `bilan build` on the repository with `--out` and `extra` arguments.
pub(crate) fn build_real(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--out", out.to_str().expect("a UTF-8 temp path")];
    args.extend_from_slice(extra);
    bilan(root(), &args)
}

/// The text of a Sommaire page without its leaders (runs of dots): what is
/// left is « title number title number … ».
pub(crate) fn without_leaders(page: &str) -> String {
    page.split(' ')
        .filter(|w| !w.chars().all(|c| c == '.'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The real brochure, built once per test run.
pub(crate) struct Built {
    /// Keeps the output folder alive.
    _dir: tempfile::TempDir,
    /// Its bytes.
    pub(crate) bytes: Vec<u8>,
    /// The parsed PDF.
    pub(crate) pdf: lopdf::Document,
    /// The text of each page, normalized (see [`normalize`]).
    pub(crate) pages: Vec<String>,
    /// What `bilan build` printed on standard error.
    pub(crate) stderr: String,
}

/// The real brochure, print edition (the default), built once.
pub(crate) fn brochure() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build_once(&[]))
}

/// The real brochure, screen edition, built once.
pub(crate) fn screen() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| build_once(&["--profile", "screen"]))
}

fn build_once(extra: &[&str]) -> Built {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("bilan.pdf");
    let output = build_real(&path, extra);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "bilan build failed:\n{stderr}");
    let bytes = std::fs::read(&path).expect("the PDF was written");
    let pdf = lopdf::Document::load_mem(&bytes).expect("a readable PDF");
    let pages = page_texts(&pdf);
    Built {
        _dir: dir,
        bytes,
        pdf,
        pages,
        stderr,
    }
}

/// The normalized text of each page of a PDF.
pub(crate) fn page_texts(pdf: &lopdf::Document) -> Vec<String> {
    pdf.get_pages()
        .keys()
        .map(|&n| normalize(&pdf.extract_text(&[n]).unwrap_or_default()))
        .collect()
}

/// The page numbers an index page lists after an entry (« 01 l'ain 5, 7 »:
/// `code` and `name_with_article` as printed), none when the entry is not
/// on it.
pub(crate) fn listed_pages(
    list: &str,
    code: &str,
    name_with_article: &str,
) -> Option<std::collections::BTreeSet<usize>> {
    let entry = format!("{} {}", normalize(code), normalize(name_with_article));
    let start = list.find(&entry)? + entry.len();
    // « 7, 8, 35 » then the next entry's code: numbers go on while a comma
    // follows them.
    let spaced = list[start..].replace(',', " , ");
    let mut tokens = spaced.split_whitespace().peekable();
    let mut pages = std::collections::BTreeSet::new();
    while let Some(number) = tokens.next().and_then(|t| t.parse().ok()) {
        pages.insert(number);
        if tokens.next_if_eq(&",").is_none() {
            break;
        }
    }
    Some(pages)
}

/// Text as compared by the tests: hyphenated line ends joined,
/// no-break spaces as spaces, typographic apostrophes and ellipses as typed,
/// whitespace collapsed and none after an apostrophe, lower case.
pub(crate) fn normalize(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{AD}' {
            // lopdf reads every hyphen glyph back as a soft hyphen, with a
            // line break after it when it ends a line: drop it there, keep
            // it as a hyphen inside a line.
            while joined.ends_with(char::is_whitespace) {
                joined.pop();
            }
            if chars.peek().is_some_and(|c| c.is_whitespace()) {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            } else {
                joined.push('-');
            }
        } else {
            joined.push(c);
        }
    }
    let joined = joined
        .replace(['\u{A0}', '\u{202F}', '\u{2009}'], " ")
        .replace('’', "'")
        .replace('…', "...");
    // The word after an elision is a run of text of its own (see
    // `hyphenable` in layouts/rich.typ), which lopdf reads on a line of its
    // own: an apostrophe is never followed by a space in French.
    joined
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("' ", "'")
        .to_lowercase()
}

/// The words of a text: lower-case runs of letters and digits. Hyphens join
/// (`covid-19` is `covid19`), since a line break at a hyphen reads back as a
/// soft hyphen.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('-', "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The words of the original brochure (`tests/fixtures/bilan-2015-2021.txt`),
/// in order, without its table of contents (lines 53–76), which the
/// brochure regenerates rather than copies.
pub(crate) fn original_words() -> Vec<String> {
    let original = std::fs::read_to_string(root().join("tests/fixtures/bilan-2015-2021.txt"))
        .expect("the original text");
    let body: Vec<&str> = original
        .lines()
        .enumerate()
        .filter(|(i, _)| !(52..76).contains(i))
        .map(|(_, l)| l)
        .collect();
    words(&normalize(
        &body.join("\n").replace("<i>", "").replace("</i>", ""),
    ))
}

/// Asserts that `read` holds at least 99 % of the original's words in order
/// (the longest common subsequence of the two), printing the share under
/// `what`.
pub(crate) fn assert_holds_original(what: &str, read: &[String]) {
    let expected = original_words();
    let found = longest_common_subsequence(&expected, read);
    #[expect(clippy::cast_precision_loss, reason = "a ratio")]
    let coverage = found as f64 / expected.len() as f64;
    println!(
        "{what}: coverage {:.3} % of {} words",
        coverage * 100.0,
        expected.len()
    );
    assert!(
        coverage >= 0.99,
        "{what}: only {:.2} % of the original words in order",
        coverage * 100.0
    );
}

/// Replaces every `from` by `to` in the file at `path`, which must hold it.
pub(crate) fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "`{from}` not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).expect("write");
}

/// Copies the repository's `sources/` into a fresh temp dir, returning the
/// dir (keep it alive) and the path of the copy.
pub(crate) fn copy_sources() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let sources = dir.path().join("sources");
    std::fs::create_dir(&sources).expect("create sources/");
    for entry in std::fs::read_dir(root().join("sources")).expect("read sources/") {
        let path = entry.expect("an entry").path();
        std::fs::copy(&path, sources.join(path.file_name().expect("a name"))).expect("copy");
    }
    (dir, sources)
}

/// The length of the longest common subsequence of two sequences (Myers'
/// O((N+M)·D) algorithm, fast when they differ little).
pub(crate) fn longest_common_subsequence<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let (n, m) = (a.len(), b.len());
    let max = n + m;
    // v[k + max] = furthest x on diagonal k = x - y.
    let mut v = vec![0usize; 2 * max + 2];
    for d in 0..=max {
        for step in 0..=d {
            let k = 2 * step + max + 1 - d - 1; // k + max, for k in -d..=d by 2
            let x_start = if step == 0 || (step != d && v[k - 1] < v[k + 1]) {
                v[k + 1]
            } else {
                v[k - 1] + 1
            };
            let mut x = x_start;
            // y = x - k_real, with k_real = k - max.
            let mut y = (x + max).saturating_sub(k);
            if x + max < k {
                continue;
            }
            while x < n && y < m && a[x] == b[y] {
                x += 1;
                y += 1;
            }
            v[k] = x;
            if x >= n && y >= m {
                return (n + m - d) / 2;
            }
        }
    }
    0
}

/// A temp copy of the minimal fixture brochure.
pub(crate) struct Minimal {
    pub(crate) dir: tempfile::TempDir,
}

impl Minimal {
    pub(crate) fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let sources = dir.path().join("sources");
        std::fs::create_dir(&sources).expect("sources/");
        for name in ["bilan.toml", "01-chapitre.toml"] {
            std::fs::copy(
                root().join("tests/fixtures/minimal").join(name),
                sources.join(name),
            )
            .expect("copy the fixture");
        }
        Self { dir }
    }

    pub(crate) fn sources(&self) -> PathBuf {
        self.dir.path().join("sources")
    }

    pub(crate) fn pdf(&self) -> PathBuf {
        self.dir.path().join("out.pdf")
    }

    /// Replaces `from` by `to` in a source file.
    pub(crate) fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.sources().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "`{from}` not in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }

    /// Adds an `[index]` table (the fixture has none), before `[slogan]`.
    pub(crate) fn add_index(&self) {
        self.edit(
            "bilan.toml",
            "[slogan]",
            "[index]\ntitle = \"Index\"\nlegend = \"Citations\"\ncredit = \"Sources\"\n\n[slogan]",
        );
    }

    /// Builds the copy with `extra` arguments, which must succeed: the text
    /// of each page of its PDF (normalized), and what the build printed.
    pub(crate) fn built_pages(&self, extra: &[&str]) -> (Vec<String>, String) {
        let output = self.build(extra);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(output.status.success(), "{stderr}");
        let pdf = lopdf::Document::load(self.pdf()).expect("a PDF");
        (page_texts(&pdf), stderr)
    }

    /// `bilan check` of the copy, with `extra` arguments.
    pub(crate) fn check(&self, extra: &[&str]) -> Output {
        let root = root().to_str().expect("UTF-8");
        let mut args = vec!["check", "--root", root, "--sources", "sources"];
        args.extend_from_slice(extra);
        bilan(self.dir.path(), &args)
    }

    /// `bilan export --typst typst` of the copy: the files Typst reads.
    pub(crate) fn export_typst(&self) -> Output {
        let root = root().to_str().expect("UTF-8");
        let args = [
            "export",
            "--root",
            root,
            "--sources",
            "sources",
            "--typst",
            "typst",
        ];
        bilan(self.dir.path(), &args)
    }

    pub(crate) fn build(&self, extra: &[&str]) -> Output {
        let root = root().to_str().expect("UTF-8");
        let mut args = vec!["build", "--root", root, "--sources", "sources"];
        args.extend_from_slice(extra);
        if !extra.contains(&"--out") {
            args.extend_from_slice(&["--out", "out.pdf"]);
        }
        bilan(self.dir.path(), &args)
    }
}

/// Copies a folder, recursively.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy");
    for entry in std::fs::read_dir(from).expect("list") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// A Sommaire entry as the sources define it: what the Sommaire prints, and
/// the heading it sends to, both normalized, numbers included.
pub(crate) struct TocEntry {
    /// The entry as the Sommaire prints it (« I. La solidarité… », « 1.2 … »).
    pub(crate) toc_title: String,
    /// The heading as the body prints it.
    pub(crate) body_title: String,
}

/// Every Sommaire entry of a brochure, in order: each chapter, then its
/// sections.
pub(crate) fn toc_entries(project: &bilan::content::Project) -> Vec<TocEntry> {
    use bilan::content::model::ChapterKind;
    let plain = |text: &bilan::content::Text| normalize(&text.plain());
    let mut entries = Vec::new();
    for chapter in &project.brochure.chapters {
        let prefix = match (chapter.kind, &chapter.number) {
            (ChapterKind::Part, Some(n)) => format!("{} ", normalize(&format!("{}.", n.get_ref()))),
            _ => String::new(),
        };
        let toc = chapter.toc_title.as_ref().unwrap_or(&chapter.title);
        entries.push(TocEntry {
            toc_title: format!("{prefix}{}", plain(toc)),
            body_title: plain(&chapter.title),
        });
        for section in &chapter.sections {
            let number = section
                .number
                .as_ref()
                .map(|n| format!("{} ", n.get_ref()))
                .unwrap_or_default();
            let toc = section.toc_title.as_ref().unwrap_or(&section.title);
            entries.push(TocEntry {
                toc_title: format!("{number}{}", plain(toc)),
                body_title: format!("{number}{}", plain(&section.title)),
            });
        }
    }
    entries
}

/// The titles of the outline (bookmarks), depth first.
pub(crate) fn outline_titles(pdf: &lopdf::Document) -> Vec<String> {
    fn walk(pdf: &lopdf::Document, first: Option<&lopdf::Object>, titles: &mut Vec<String>) {
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let item = pdf.get_dictionary(id).expect("an outline item");
            let title = item.get(b"Title").expect("a title");
            titles.push(lopdf::decode_text_string(title).expect("text"));
            walk(pdf, item.get(b"First").ok(), titles);
            next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
    }
    let outlines = pdf
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(lopdf::Object::as_reference)
        .and_then(|id| pdf.get_dictionary(id))
        .expect("an outline");
    let mut titles = Vec::new();
    walk(pdf, outlines.get(b"First").ok(), &mut titles);
    titles
}

/// The Sommaire's entries, from the sources in `sources`: each chapter's
/// number and title, then its sections' numbers and titles (`toc-title`
/// where given).
pub(crate) fn sommaire_entries(sources: &Path) -> Vec<String> {
    let (project, _) = bilan::pipeline::load_project(root(), sources).expect("the sources load");
    let mut entries = Vec::new();
    for (chapter, _) in project.chapters() {
        let title = chapter.toc_title.as_ref().unwrap_or(&chapter.title).plain();
        entries.push(match &chapter.number {
            Some(number) => format!("{}. {title}", number.get_ref()),
            None => title,
        });
        for section in &chapter.sections {
            let title = section.toc_title.as_ref().unwrap_or(&section.title).plain();
            entries.push(match &section.number {
                Some(number) => format!("{} {title}", number.get_ref()),
                None => title,
            });
        }
    }
    entries
}

/// The addresses the links of a PDF go to.
pub(crate) fn uris(pdf: &lopdf::Document) -> Vec<String> {
    pdf.objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter_map(|annotation| annotation.get(b"A").ok()?.as_dict().ok())
        .filter_map(|action| action.get(b"URI").ok()?.as_str().ok())
        .map(|uri| String::from_utf8_lossy(uri).into_owned())
        .collect()
}

/// The operands of the first fill colour the first page sets: `k` (CMYK)
/// or `scn` (an RGB colour space), as fractions of 1.
pub(crate) fn first_fill(pdf: &lopdf::Document) -> (String, Vec<f32>) {
    let first = pdf.get_pages()[&1];
    let content =
        lopdf::content::Content::decode(&pdf.get_page_content(first)).expect("operations");
    content
        .operations
        .iter()
        .find(|op| op.operator == "k" || op.operator == "scn")
        .map(|op| {
            let values = op.operands.iter().filter_map(|o| o.as_float().ok());
            (op.operator.clone(), values.collect())
        })
        .expect("a fill colour")
}

/// What a test that needs a tool (Chromium, poppler) does.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// The tool is there: run.
    Run,
    /// No tool on a contributor's machine: skip, saying so.
    Skip,
    /// No tool under CI: fail, since a green CI must have run the test.
    Fail,
}

/// Whether a test runs, is skipped or fails, from whether its tool is
/// `installed` and whether this is CI (`CI=true`).
pub(crate) fn decide(installed: bool, ci: bool) -> Decision {
    match (installed, ci) {
        (true, _) => Decision::Run,
        (false, false) => Decision::Skip,
        (false, true) => Decision::Fail,
    }
}

/// Whether a test that needs a tool can run: with the tool, yes; without,
/// it prints `skipped: {missing}` on a contributor's machine and fails
/// under `CI=true`, which `.ci/run` sets.
pub(crate) fn tool_available(installed: bool, missing: &str) -> bool {
    let ci = std::env::var("CI").is_ok_and(|value| value == "true");
    match decide(installed, ci) {
        Decision::Run => true,
        Decision::Skip => {
            println!("skipped: {missing}");
            false
        }
        Decision::Fail => panic!("CI=true but {missing}: the test must run in CI"),
    }
}
