//! The live preview: a small local web server (tiny_http, one thread per
//! request) showing the pages as PNG, told of each rebuild by server-sent
//! events. Only the pages that changed are rendered again; a failed build
//! shows its errors over the last good pages.

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use tiny_http::{Header, Request, Response, Server};

use crate::diag::Diagnostic;
use crate::render;
use crate::watch::Outcome;

/// Resolution of the preview pages, in pixels per inch.
const PREVIEW_PPI: f32 = 110.0;

/// What the browser shows.
#[derive(Debug, Default)]
struct Preview {
    /// Bumped at every build, good or failed.
    generation: u64,
    /// The PNG of each page.
    pages: Vec<Arc<Vec<u8>>>,
    /// The generation at which each page last changed (for cache busting).
    versions: Vec<u64>,
    /// The first page that changed in the last build.
    first_changed: Option<usize>,
    /// The errors of the last build, if it failed.
    error: Option<String>,
}

impl Preview {
    fn state_json(&self) -> String {
        serde_json::json!({
            "generation": self.generation,
            "versions": self.versions,
            "first_changed": self.first_changed,
            "error": self.error,
        })
        .to_string()
    }
}

/// The preview shared between the builder and the request threads.
#[derive(Default)]
pub struct Shared {
    preview: Mutex<Preview>,
    updated: Condvar,
}

impl Shared {
    /// Takes the outcome of a build: renders the changed pages, or records
    /// the errors; then wakes every browser.
    ///
    /// # Errors
    /// A page that cannot be rendered.
    pub fn update(&self, outcome: &Outcome) -> Result<(), Diagnostic> {
        let mut preview = self.preview.lock().unwrap_or_else(PoisonError::into_inner);
        preview.generation += 1;
        let generation = preview.generation;
        match outcome {
            Outcome::Built(build) => {
                let pages = build.document.pages();
                preview.pages.truncate(pages.len());
                preview.versions.truncate(pages.len());
                for &number in &build.changed_pages {
                    // Page numbers count from 1 and come from this document.
                    let Some(page) = number.checked_sub(1).and_then(|i| pages.get(i)) else {
                        continue;
                    };
                    let index = number - 1;
                    let png = Arc::new(render::png(page, PREVIEW_PPI)?);
                    // Both lists are truncated and grown together.
                    if index < preview.pages.len() && index < preview.versions.len() {
                        preview.pages[index] = png;
                        preview.versions[index] = generation;
                    } else {
                        preview.pages.push(png);
                        preview.versions.push(generation);
                    }
                }
                preview.first_changed = build.changed_pages.first().copied();
                preview.error = None;
            }
            Outcome::Failed(diagnostics) => {
                let text: String = diagnostics
                    .iter()
                    .map(Diagnostic::to_plain_string)
                    .collect();
                preview.error = Some(text);
                preview.first_changed = None;
            }
        }
        drop(preview);
        self.updated.notify_all();
        Ok(())
    }
}

/// Starts the web server on `address` in the background.
///
/// # Errors
/// A message when the address cannot be bound.
pub fn start(address: &str, shared: Arc<Shared>) -> Result<(), String> {
    let server = Server::http(address).map_err(|err| err.to_string())?;
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || handle(request, &shared));
        }
    });
    Ok(())
}

fn handle(request: Request, shared: &Arc<Shared>) {
    let url = request.url().to_owned();
    let path = url.split('?').next().unwrap_or("");
    let _ = match path {
        "/" => request.respond(with_type(
            Response::from_string(PAGE),
            "text/html; charset=utf-8",
        )),
        "/state" => {
            let state = lock(shared).state_json();
            request.respond(with_type(Response::from_string(state), "application/json"))
        }
        "/events" => {
            let _ = stream_events(request, shared);
            Ok(())
        }
        _ => match page_number(path).and_then(|n| lock(shared).pages.get(n - 1).cloned()) {
            Some(png) => {
                request.respond(with_type(Response::from_data(png.as_slice()), "image/png"))
            }
            None => request.respond(Response::from_string("not found").with_status_code(404)),
        },
    };
}

fn lock(shared: &Shared) -> std::sync::MutexGuard<'_, Preview> {
    shared
        .preview
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
}

/// `/page/12.png` → 12.
fn page_number(path: &str) -> Option<usize> {
    path.strip_prefix("/page/")?
        .strip_suffix(".png")?
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

/// A header of the server's responses. Cannot fail: every name and value
/// is an ASCII constant of this file, which `Header::from_bytes` accepts.
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid ASCII header")
}

fn with_type<R: Read>(response: Response<R>, content_type: &str) -> Response<R> {
    response.with_header(header("Content-Type", content_type))
}

/// Streams server-sent events: the state now, then after every build, until
/// the browser goes away. The response head is written by hand: tiny_http
/// would otherwise use chunked encoding, which buffers and which browsers
/// dislike for event streams.
fn stream_events(request: Request, shared: &Shared) -> std::io::Result<()> {
    let mut writer = request.into_writer();
    write!(
        writer,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
    )?;
    writer.flush()?;
    let mut seen = 0;
    loop {
        let state = {
            let mut preview = lock(shared);
            while preview.generation == seen {
                preview = shared
                    .updated
                    .wait(preview)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            seen = preview.generation;
            preview.state_json()
        };
        write!(writer, "data: {state}\n\n")?;
        writer.flush()?;
    }
}

/// The preview page: no framework, a few lines of JavaScript.
const PAGE: &str = r#"<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>bilan — aperçu</title>
<style>
  body { margin: 0; background: #5b616b; font-family: sans-serif; }
  #pages { display: flex; flex-direction: column; align-items: center; gap: 16px; padding: 16px; }
  #pages img { width: min(900px, 95vw); box-shadow: 0 2px 8px #0008; background: white; }
  #pages img.changed { outline: 4px solid #e35d0a; }
  #error { display: none; position: fixed; inset: 0 0 auto 0; max-height: 60vh; overflow: auto;
           margin: 0; padding: 16px; background: #2b0a10ee; color: #ffd7dc; font: 13px/1.4 monospace; white-space: pre-wrap; }
  body.failed #error { display: block; }
</style>
</head>
<body data-generation="0">
<pre id="error"></pre>
<div id="pages"></div>
<script>
  const pages = document.getElementById("pages");
  const error = document.getElementById("error");
  function apply(state) {
    document.body.dataset.generation = state.generation;
    document.body.classList.toggle("failed", state.error !== null);
    error.textContent = state.error || "";
    state.versions.forEach((version, i) => {
      let img = pages.children[i];
      if (!img) {
        img = document.createElement("img");
        img.alt = "page " + (i + 1);
        img.id = "page-" + (i + 1);
        pages.appendChild(img);
      }
      const src = "/page/" + (i + 1) + ".png?v=" + version;
      if (img.getAttribute("src") !== src) img.setAttribute("src", src);
      img.classList.toggle("changed", state.first_changed !== null && version === state.generation);
    });
    while (pages.children.length > state.versions.length) pages.lastChild.remove();
    if (state.first_changed) {
      document.getElementById("page-" + state.first_changed).scrollIntoView({ behavior: "smooth", block: "start" });
    }
  }
  new EventSource("/events").onmessage = (event) => apply(JSON.parse(event.data));
</script>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::page_number;

    #[test]
    fn page_urls() {
        assert_eq!(page_number("/page/12.png"), Some(12));
        assert_eq!(page_number("/page/0.png"), None);
        assert_eq!(page_number("/page/x.png"), None);
        assert_eq!(page_number("/other"), None);
    }
}
