//! `bilan serve` in a real headless browser (Debian's Chromium, driven by
//! ChromeDriver over WebDriver): the page shows the pages, shows an edit at
//! once as provisional pages (marked so) then the exact ones, and shows the
//! errors of a broken source over the last good pages; a click on a page
//! shows where what it prints comes from. Skipped, with a message, when
//! Chromium or ChromeDriver is not installed (`.ci/run` installs them).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bilan::content::model::{Block, ProfileName};
use bilan::content::search::search_form;
use bilan::pagination::page_words;
use bilan::pipeline::{Options, Pipeline};
use common::Minimal;
use common::browser::{self, Browser, Killed, wait_until};
use serde_json::Value;
use typst_layout::PagedDocument;

/// What the page shows: its generation, which pages (`provisional` or
/// `exact`), whether it is marked provisional or failed, the error text,
/// and the `src` of each page image.
const PAGE_STATE: &str = "return {
    generation: Number(document.body.dataset.generation),
    state: document.body.dataset.state,
    marked: document.body.classList.contains('provisional')
        && getComputedStyle(document.getElementById('badge')).display !== 'none',
    failed: document.body.classList.contains('failed'),
    error: document.getElementById('error').textContent,
    pages: Array.from(document.images).map(i => i.getAttribute('src'))
};";

#[test]
fn browser_preview_shows_provisional_then_exact_pages_and_errors() {
    if !browser::available() {
        return;
    }
    let minimal = Minimal::new();
    let port = browser::free_port();
    let log = minimal.dir.path().join("serve.log");
    let _serve = Killed(
        Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(minimal.dir.path())
            .args([
                "serve",
                "--root",
                common::root().to_str().expect("UTF-8"),
                "--sources",
                "sources",
            ])
            .args(["--out", "out.pdf", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log"))
            .spawn()
            .expect("bilan serve starts"),
    );
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_until(
        180,
        "bilan serve",
        || stderr().contains("Watching").then_some(()),
        stderr,
    );

    let browser = Browser::open(&minimal.dir.path().join("chromium-profile"));
    browser.go(&format!("http://127.0.0.1:{port}/"));
    let context = || {
        format!(
            "page: {}\nlog: {:?}\nbilan serve said:\n{}",
            browser.eval(PAGE_STATE),
            browser.preview_log(),
            stderr()
        )
    };
    let first = wait_until(
        120,
        "the pages in the browser",
        || {
            let state = browser.eval(PAGE_STATE);
            let shown = state["pages"].as_array().is_some_and(|p| !p.is_empty());
            (state["state"] == "exact" && shown).then_some(state)
        },
        context,
    );
    assert_eq!(
        first["marked"], false,
        "exact pages marked provisional: {first}"
    );
    let pages = first["pages"].as_array().expect("pages").len();
    assert!(pages >= 4, "{first}");
    // The images the page points at are served as PNG.
    let src = first["pages"][0].as_str().expect("a src");
    let png = browser::http_bytes(port, src);
    assert!(png.starts_with(b"\x89PNG"), "page 1 is not served as a PNG");
    let generation = |state: &Value| state["generation"].as_u64().unwrap_or(0);
    let first_generation = generation(&first);

    // An edit shows at once as provisional pages, marked so, then as the
    // exact pages, unmarked.
    let written = browser::epoch_ms();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "Un texte tout neuf.",
    );
    let second = wait_until(
        120,
        "the exact pages of the edit",
        || {
            let state = browser.eval(PAGE_STATE);
            (generation(&state) > first_generation && state["state"] == "exact").then_some(state)
        },
        context,
    );
    let entries = browser.preview_log();
    let provisional = entries
        .iter()
        .find(|e| e.generation > first_generation && e.state == "provisional")
        .unwrap_or_else(|| panic!("no provisional pages were shown\n{}", context()));
    let exact = entries
        .iter()
        .find(|e| e.generation > first_generation && e.state == "exact")
        .expect("the exact pages");
    assert!(written <= provisional.at && provisional.at <= exact.at);
    assert!(provisional.generation < exact.generation);
    assert_eq!(second["marked"], false, "{second}");
    let changed: Vec<&str> = second["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(Value::as_str)
        .filter(|src| {
            !first["pages"]
                .as_array()
                .expect("pages")
                .iter()
                .any(|f| f == *src)
        })
        .collect();
    assert!(!changed.is_empty(), "no page image was replaced: {second}");
    assert_eq!(second["failed"], false);
    assert!(stderr().contains("Provisional"), "{}", stderr());

    minimal.edit("01-chapitre.toml", "kind = \"part\"", "kind = [");
    let third = wait_until(
        120,
        "the error in the browser",
        || {
            let state = browser.eval(PAGE_STATE);
            (generation(&state) > generation(&second) && state["failed"] == true).then_some(state)
        },
        context,
    );
    assert!(
        third["error"]
            .as_str()
            .is_some_and(|e| e.contains("01-chapitre.toml")),
        "{third}"
    );
    assert_eq!(
        third["pages"].as_array().map(Vec::len),
        Some(pages),
        "the last good pages stay"
    );
}

#[test]
fn the_preview_answers_only_local_gets() {
    let minimal = Minimal::new();
    let port = browser::free_port();
    let log = minimal.dir.path().join("serve.log");
    let _serve = Killed(
        Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(minimal.dir.path())
            .args([
                "serve",
                "--root",
                common::root().to_str().expect("UTF-8"),
                "--sources",
                "sources",
            ])
            .args(["--out", "out.pdf", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log"))
            .spawn()
            .expect("bilan serve starts"),
    );
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_until(
        180,
        "bilan serve",
        || stderr().contains("Serving").then_some(()),
        stderr,
    );
    let local = format!("127.0.0.1:{port}");
    let status = |method: &str, host: &str| browser::http_raw(port, method, "/", host).0;
    assert_eq!(status("GET", &local), 200);
    assert_eq!(status("GET", &format!("localhost:{port}")), 200);
    assert_eq!(status("HEAD", &local), 200);
    // DNS rebinding: another site's name for this machine.
    assert_eq!(status("GET", "evil.example"), 403);
    assert_eq!(status("GET", &format!("evil.example:{port}")), 403);
    assert_eq!(status("GET", "127.0.0.1"), 403);
    for method in ["POST", "PUT", "DELETE"] {
        assert_eq!(status(method, &local), 405, "{method}");
    }
    for path in ["/state", "/sources.json"] {
        assert_eq!(
            browser::http_raw(port, "GET", path, "evil.example").0,
            403,
            "{path}"
        );
    }
}

/// What the source panel shows after a click: whether it is shown, its
/// text, and the address of each link it holds.
const SOURCE_PANEL: &str = "const panel = document.getElementById('source');
    return {
        shown: panel.classList.contains('shown'),
        text: document.getElementById('source-list').innerText,
        links: Array.from(panel.querySelectorAll('a')).map(a => a.getAttribute('href'))
    };";

/// `bilan serve` of a copy of the real brochure, shown in a browser.
struct RealPreview {
    dir: tempfile::TempDir,
    sources: PathBuf,
    _serve: Killed,
    browser: Browser,
    log: PathBuf,
}

impl RealPreview {
    /// Serves a copy of `sources/` and waits until the browser shows the
    /// exact pages.
    fn start() -> Self {
        let (dir, sources) = common::copy_sources();
        let port = browser::free_port();
        let log = dir.path().join("serve.log");
        let serve = Killed(
            Command::new(env!("CARGO_BIN_EXE_bilan"))
                .current_dir(dir.path())
                .args([
                    "serve",
                    "--root",
                    common::root().to_str().expect("UTF-8"),
                    "--sources",
                    "sources",
                ])
                .args(["--out", "out.pdf", "--port", &port.to_string()])
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).expect("a log"))
                .spawn()
                .expect("bilan serve starts"),
        );
        let browser = Browser::open(&dir.path().join("chromium-profile"));
        let preview = Self {
            dir,
            sources,
            _serve: serve,
            browser,
            log,
        };
        wait_until(
            180,
            "bilan serve",
            || preview.stderr().contains("Watching").then_some(()),
            || preview.stderr(),
        );
        preview.browser.go(&format!("http://127.0.0.1:{port}/"));
        wait_until(
            120,
            "the pages in the browser",
            || {
                let state = preview.browser.eval(PAGE_STATE);
                let shown = state["pages"].as_array().is_some_and(|p| !p.is_empty());
                (state["state"] == "exact" && shown).then_some(())
            },
            || preview.context(),
        );
        preview
    }

    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn context(&self) -> String {
        format!(
            "page: {}\nbilan serve said:\n{}",
            self.browser.eval(PAGE_STATE),
            self.stderr()
        )
    }

    /// The pages the preview shows, typeset again here (the same sources
    /// give the same pages).
    fn document(&self) -> PagedDocument {
        let options = Options {
            root: common::root().to_path_buf(),
            sources: self.sources.clone(),
            profile: ProfileName::Print,
            marks: false,
            departement: None,
        };
        let mut pipeline = Pipeline::load(options).expect("the sources load");
        pipeline.typeset().expect("the brochure typesets").document
    }

    /// Clicks page `page` (from 1) at a point in points from its top left
    /// corner, and returns what the source panel then shows.
    fn click(&self, document: &PagedDocument, page: usize, (x, y): (f64, f64)) -> Value {
        let size = document.pages()[page - 1].frame.size();
        self.browser.click_at(
            &format!("#page-{page}"),
            x / size.x.to_pt(),
            y / size.y.to_pt(),
        );
        wait_until(
            30,
            "the source panel",
            || {
                let panel = self.browser.eval(SOURCE_PANEL);
                (panel["shown"] == true).then_some(panel)
            },
            || self.context(),
        )
    }
}

/// The middle of the first word of `text` where page `page` (from 1) prints
/// it, if it does: its words compared as `bilan where` compares texts.
fn printed_at(document: &PagedDocument, page: usize, text: &str) -> Option<(f64, f64)> {
    let compact = |text: &str| search_form(text).replace(' ', "");
    let wanted = compact(text);
    let words = page_words(&document.pages()[page - 1]);
    (0..words.len()).find_map(|start| {
        let mut read = String::new();
        for word in &words[start..] {
            read.push_str(&compact(&word.text));
            if !wanted.starts_with(&read) {
                return None;
            }
            if read == wanted {
                let first = &words[start];
                return Some(((first.x0 + first.x1) / 2.0, (first.y0 + first.y1) / 2.0));
            }
        }
        None
    })
}

/// The line and column (from 1) of the string literal of a line
/// `key = "…"` of `toml`, the first one after byte `from` whose value
/// starts like `value`.
fn literal_position(toml: &str, from: usize, key: &str, value: &str) -> (usize, usize) {
    let start = value.chars().take(20).collect::<String>();
    let at = toml[from..]
        .find(&format!("\n{key} = \"{start}"))
        .map(|at| from + at + 1 + key.len() + 3)
        .unwrap_or_else(|| panic!("no line `{key} = \"{start}…` in the file"));
    let line_start = toml[..at].rfind('\n').map_or(0, |n| n + 1);
    (
        toml[..at].matches('\n').count() + 1,
        toml[line_start..at].chars().count() + 1,
    )
}

#[test]
fn a_click_on_an_initiative_title_shows_where_it_is_in_its_toml_file() {
    if !browser::available() {
        return;
    }
    let preview = RealPreview::start();
    let document = preview.document();
    let project = bilan::pipeline::load_project(common::root(), &preview.sources)
        .expect("the sources load")
        .0;
    // An initiative whose title page 14 prints.
    let (file, title, point) = project
        .brochure
        .chapters
        .iter()
        .zip(&project.chapter_files)
        .flat_map(|(chapter, file)| {
            chapter
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .map(move |block| (block, file))
        })
        .find_map(|(block, file)| match block {
            Block::Initiative(initiative) => printed_at(&document, 14, &initiative.title.plain())
                .map(|point| (file, initiative.title.raw.clone(), point)),
            _ => None,
        })
        .expect("page 14 prints an initiative's title");
    let name = Path::new(&file.name)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    let toml = std::fs::read_to_string(preview.sources.join(name)).expect("the TOML file");
    let (line, column) = literal_position(&toml, 0, "title", &title);

    let panel = preview.click(&document, 14, point);
    let origin = format!("sources/{name}:{line}:{column}");
    let text = panel["text"].as_str().unwrap_or_default();
    assert!(
        text.contains(&origin) && text.contains("title"),
        "a click on « {title} » shows\n{text}\nnot {origin}"
    );
    let link = format!(
        "vscode://file{}:{line}:{column}",
        preview.sources.join(name).display()
    );
    assert!(
        panel["links"]
            .as_array()
            .is_some_and(|links| links.iter().any(|l| *l == link.as_str())),
        "no link {link} in {panel}\n{}",
        preview.dir.path().display()
    );
}

#[test]
fn a_click_on_a_sommaire_entry_shows_the_section_it_leads_to() {
    if !browser::available() {
        return;
    }
    let preview = RealPreview::start();
    let document = preview.document();
    let project = bilan::pipeline::load_project(common::root(), &preview.sources)
        .expect("the sources load")
        .0;
    // A section whose Sommaire entry differs from its title: the click
    // shows the section, not only the words of the entry.
    let (section, file) = project
        .brochure
        .chapters
        .iter()
        .zip(&project.chapter_files)
        .flat_map(|(chapter, file)| chapter.sections.iter().map(move |s| (s, file)))
        .find(|(section, _)| section.toc_title.is_some())
        .expect("a section with its own Sommaire title");
    let entry = section.toc_title.as_ref().expect("a Sommaire title");
    let (page, point) = (1..=document.pages().len())
        .find_map(|page| printed_at(&document, page, &entry.plain()).map(|point| (page, point)))
        .expect("the Sommaire prints the entry");
    let name = Path::new(&file.name)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("a file name");
    let toml = std::fs::read_to_string(preview.sources.join(name)).expect("the TOML file");
    // The section's table: from its `[[sections]]` to its `toc-title`.
    let entry_at = toml
        .find(&format!(
            "toc-title = \"{}",
            entry.raw.chars().take(20).collect::<String>()
        ))
        .expect("the Sommaire title in the file");
    let table = toml[..entry_at].rfind("[[sections]]").expect("its table");
    let (line, column) = literal_position(&toml, table, "title", &section.title.raw);

    let panel = preview.click(&document, page, point);
    let origin = format!("sources/{name}:{line}:{column}");
    let text = panel["text"].as_str().unwrap_or_default();
    assert!(
        text.lines().any(|l| l.contains(&origin)),
        "a click on the Sommaire entry « {} » (page {page}) shows\n{text}\nnot the section's title at {origin}",
        entry.plain()
    );
}

#[test]
fn without_its_tool_a_test_skips_locally_and_fails_in_ci() {
    use common::{Decision, decide};
    assert_eq!(decide(true, true), Decision::Run);
    assert_eq!(decide(true, false), Decision::Run);
    assert_eq!(decide(false, false), Decision::Skip);
    assert_eq!(decide(false, true), Decision::Fail);
}
