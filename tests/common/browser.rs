//! A headless Chromium driven by ChromeDriver over WebDriver (plain HTTP,
//! no client crate), for the preview of `bilan serve`: the browser test and
//! the benchmark share it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// Debian's Chromium (`apt-get install chromium`).
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver (`apt-get install chromium-driver`).
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether Chromium and ChromeDriver are installed.
pub(crate) fn installed() -> bool {
    Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists()
}

/// The message of a browser test without Chromium.
const MISSING: &str =
    "no Chromium or ChromeDriver installed (apt-get install chromium chromium-driver)";

/// Whether the browser test can run (see [`super::tool_available`]).
pub(crate) fn available() -> bool {
    super::tool_available(installed(), MISSING)
}

/// A child process killed when dropped.
pub(crate) struct Killed(pub(crate) Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port nothing listens on.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Probes every 50 ms until it gives a value; on time-out, fails with
/// `context()`.
pub(crate) fn wait_until<T>(
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
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// One HTTP/1.1 request to 127.0.0.1, JSON in and out.
pub(crate) fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> Option<Value> {
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
pub(crate) fn http_bytes(port: u16, path: &str) -> Vec<u8> {
    let (_, body) = http_raw(port, "GET", path, &format!("127.0.0.1:{port}"));
    body
}

/// A request to 127.0.0.1 with this method and `Host`: the status and the
/// body of the answer.
pub(crate) fn http_raw(port: u16, method: &str, path: &str, host: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // HTTP/1.0: a plain body, without chunked encoding.
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read");
    let status = String::from_utf8_lossy(&response)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(0, |at| at + 4);
    (status, response[body..].to_vec())
}

/// ChromeDriver and a WebDriver session of a headless Chromium; both end
/// when dropped.
pub(crate) struct Browser {
    port: u16,
    session: String,
    _driver: Killed,
}

impl Browser {
    /// Starts ChromeDriver and a headless Chromium whose profile lives in
    /// `profile`.
    pub(crate) fn open(profile: &Path) -> Self {
        let port = free_port();
        let driver = Killed(
            Command::new(CHROMEDRIVER)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("chromedriver starts"),
        );
        wait_until(
            60,
            "chromedriver",
            || TcpStream::connect(("127.0.0.1", port)).ok(),
            String::new,
        );
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", "--window-size=1000,1200",
                         format!("--user-data-dir={}", profile.display())]
            }
        }}});
        let response = http(port, "POST", "/session", Some(&capabilities)).expect("a new session");
        let session = response["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {response}"))
            .to_owned();
        Self {
            port,
            session,
            _driver: driver,
        }
    }

    /// Opens `url`.
    pub(crate) fn go(&self, url: &str) {
        http(
            self.port,
            "POST",
            &format!("/session/{}/url", self.session),
            Some(&json!({"url": url})),
        )
        .expect("navigation");
    }

    /// The value of a script run in the page.
    pub(crate) fn eval(&self, script: &str) -> Value {
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

    /// Clicks, with the mouse, the element that `css` selects at `x`, `y`:
    /// fractions of its width and height from its top left corner. The
    /// page is scrolled to bring that point to the middle of the window.
    pub(crate) fn click_at(&self, css: &str, x: f64, y: f64) {
        let css = serde_json::to_string(css).expect("a JSON string");
        let point = self.eval(&format!(
            "const element = document.querySelector({css});
             const before = element.getBoundingClientRect();
             window.scrollBy(0, before.top + {y} * before.height - window.innerHeight / 2);
             const box = element.getBoundingClientRect();
             return [Math.round(box.left + {x} * box.width), Math.round(box.top + {y} * box.height)];"
        ));
        let (Some(x), Some(y)) = (point[0].as_i64(), point[1].as_i64()) else {
            panic!("no element {css} to click: {point}");
        };
        let actions = json!({"actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [
                {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": x, "y": y},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0}
            ]
        }]});
        http(
            self.port,
            "POST",
            &format!("/session/{}/actions", self.session),
            Some(&actions),
        )
        .expect("the click");
    }

    /// What the preview page logged (`window.bilanLog`): each state applied
    /// and when its changed pages were all shown, in milliseconds since the
    /// epoch.
    pub(crate) fn preview_log(&self) -> Vec<LogEntry> {
        self.eval("return window.bilanLog || [];")
            .as_array()
            .map(|entries| entries.iter().filter_map(LogEntry::read).collect())
            .unwrap_or_default()
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

/// One entry of the preview page's log.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LogEntry {
    /// `applied` (the state reached the page) or `shown` (its changed
    /// pictures were all loaded and decoded).
    pub(crate) event: String,
    /// The generation of the state.
    pub(crate) generation: u64,
    /// `provisional` or `exact`.
    pub(crate) state: String,
    /// When, in milliseconds since the epoch.
    pub(crate) at: u64,
}

impl LogEntry {
    fn read(value: &Value) -> Option<Self> {
        Some(Self {
            event: value["event"].as_str()?.to_owned(),
            generation: value["generation"].as_u64()?,
            state: value["state"].as_str()?.to_owned(),
            at: value["at"].as_f64()? as u64,
        })
    }
}

/// Now, in milliseconds since the epoch (the clock the page logs with).
pub(crate) fn epoch_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
