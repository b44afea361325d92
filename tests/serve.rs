//! `bilan serve` in a real headless browser (Debian's Chromium, driven by
//! ChromeDriver over WebDriver): the page shows the pages, updates itself
//! after an edit, and shows the errors of a broken source. Skipped, with a
//! message, when Chromium or ChromeDriver is not installed (`.ci/run`
//! installs them).

use crate::common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Minimal, root};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Probes until it gives a value; on time-out, fails with `context()`.
fn wait_until<T>(
    seconds: u64,
    what: &str,
    mut probe: impl FnMut() -> Option<T>,
    context: impl Fn() -> String,
) -> T {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}\n{}",
            context()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// One HTTP/1.1 request to 127.0.0.1, JSON in and out.
fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Option<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .ok()?;
    let body = body.map(Value::to_string).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    // Read the head, then exactly Content-Length bytes: ChromeDriver keeps
    // the connection open.
    let mut reader = std::io::BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut reader, &mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The body of a GET request to 127.0.0.1.
fn http_bytes(port: u16, path: &str) -> Vec<u8> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // HTTP/1.0: a plain body, without chunked encoding.
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let body = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(0, |at| at + 4);
    response[body..].to_vec()
}

/// A WebDriver session.
struct Browser {
    port: u16,
    session: String,
}

impl Browser {
    fn open(port: u16, profile: &Path) -> Self {
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let response = http(port, "POST", "/session", Some(&capabilities)).expect("a new session");
        let session = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_owned();
        Self { port, session }
    }

    fn go(&self, url: &str) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({"url": url})),
        )
        .expect("navigation");
    }

    fn eval(&self, script: &str) -> Value {
        let body = json!({"script": script, "args": []});
        http(
            self.port,
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(&body),
        )
        .map(|v| v["value"].clone())
        .unwrap_or(Value::Null)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
    }
}

/// What the page shows: its generation, whether it shows an error, the
/// error text, and the `src` of each page image.
const PAGE_STATE: &str = "return {
    generation: Number(document.body.dataset.generation),
    failed: document.body.classList.contains('failed'),
    error: document.getElementById('error').textContent,
    pages: Array.from(document.images).map(i => i.getAttribute('src'))
};";

#[test]
fn browser_preview_updates_after_an_edit_and_shows_errors() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        println!(
            "skipped: no Chromium or ChromeDriver installed (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let minimal = Minimal::new();
    let (serve_port, driver_port) = (free_port(), free_port());
    let log = minimal.dir.path().join("serve.log");
    let _serve = Killed(
        Command::new(env!("CARGO_BIN_EXE_bilan"))
            .current_dir(minimal.dir.path())
            .args([
                "serve",
                "--root",
                root().to_str().expect("UTF-8"),
                "--sources",
                "sources",
            ])
            .args(["--out", "out.pdf", "--port", &serve_port.to_string()])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("a log"))
            .spawn()
            .expect("bilan serve starts"),
    );
    let _driver = Killed(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    wait_until(
        180,
        "bilan serve",
        || stderr().contains("Serving").then_some(()),
        stderr,
    );
    wait_until(
        60,
        "chromedriver",
        || TcpStream::connect(("127.0.0.1", driver_port)).ok(),
        String::new,
    );

    let browser = Browser::open(driver_port, &minimal.dir.path().join("chromium-profile"));
    browser.go(&format!("http://127.0.0.1:{serve_port}/"));
    let context = || {
        format!(
            "page: {}\nbilan serve said:\n{}",
            browser.eval(PAGE_STATE),
            stderr()
        )
    };
    let first = wait_until(
        120,
        "the pages in the browser",
        || {
            let state = browser.eval(PAGE_STATE);
            let shown = state["pages"].as_array().is_some_and(|p| !p.is_empty());
            let built = state["generation"].as_u64().is_some_and(|g| g >= 1);
            (built && shown).then_some(state)
        },
        context,
    );
    let pages = first["pages"].as_array().expect("pages").len();
    // The images the page points at are served as PNG.
    let png = http_bytes(serve_port, "/page/1.png");
    assert!(png.starts_with(b"\x89PNG"), "page 1 is not served as a PNG");
    let generation = |state: &Value| state["generation"].as_u64().unwrap_or(0);
    let first_generation = generation(&first);
    assert!(pages >= 4, "{first}");

    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "Un texte tout neuf.",
    );
    let second = wait_until(
        120,
        "the update in the browser",
        || {
            let state = browser.eval(PAGE_STATE);
            (generation(&state) > first_generation).then_some(state)
        },
        context,
    );
    let updated: Vec<&str> = second["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(Value::as_str)
        .filter(|src| src.ends_with(&format!("?v={}", generation(&second))))
        .collect();
    assert!(!updated.is_empty(), "no page image was replaced: {second}");
    assert_eq!(second["failed"], false);

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
    assert_eq!(third["failed"], true, "{third}");
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
