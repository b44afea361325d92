//! `bilan serve` in a real headless browser (Debian's Chromium, driven by
//! ChromeDriver over WebDriver): the page shows the pages, shows an edit at
//! once as provisional pages (marked so) then the exact ones, and shows the
//! errors of a broken source over the last good pages. Skipped, with a
//! message, when Chromium or ChromeDriver is not installed (`.ci/run`
//! installs them).

use crate::common;

use std::process::{Command, Stdio};

use common::Minimal;
use common::browser::{self, Browser, Killed, wait_until};
use serde_json::Value;

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
    if !browser::installed() {
        println!(
            "skipped: no Chromium or ChromeDriver installed (apt-get install chromium chromium-driver)"
        );
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
    assert_eq!(
        browser::http_raw(port, "GET", "/state", "evil.example").0,
        403
    );
}
