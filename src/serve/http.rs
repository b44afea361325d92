//! The preview's web server: the page, its state, its server-sent events,
//! the pictures of the pages and where what they print comes from, on
//! 127.0.0.1 only. It only shows: no request runs anything (the editor
//! links are URLs that the browser opens).

use std::io::{Read, Write};
use std::sync::{Arc, PoisonError};

use tiny_http::{Header, Method, Request, Response, Server};

use super::Preview;
use crate::diag::{Code, Diagnostic};

/// The preview page: no framework, a few lines of JavaScript.
const PAGE: &str = include_str!("page.html");

/// Starts the web server on 127.0.0.1:`port` in the background.
///
/// # Errors
/// A port that cannot be bound (another program uses it).
pub fn start(port: u16, preview: Arc<Preview>) -> Result<(), Diagnostic> {
    let address = format!("127.0.0.1:{port}");
    let server = Server::http(&address).map_err(|err| {
        Diagnostic::new(Code::Serve, format!("cannot listen on {address}: {err}"))
            .hint("another program uses this port: pick another one with `--port`")
    })?;
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let preview = Arc::clone(&preview);
            std::thread::spawn(move || handle(request, &preview, port));
        }
    });
    Ok(())
}

/// Why a request is refused, if it is: the preview only shows, so it
/// answers only `GET` and `HEAD` (405 otherwise); and it answers only
/// requests addressed to this machine by name (`Host` 127.0.0.1, localhost
/// or [::1] with the port; 403 otherwise), so that a page of another site
/// cannot read the unpublished brochure through DNS rebinding.
fn refusal(method: &Method, host: Option<&str>, port: u16) -> Option<(u16, &'static str)> {
    if !matches!(method, Method::Get | Method::Head) {
        return Some((405, "the preview only answers GET and HEAD"));
    }
    let local = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host.is_some_and(|host| host.eq_ignore_ascii_case(&format!("{name}:{port}"))));
    (!local).then_some((403, "the preview answers only requests addressed to 127.0.0.1, localhost or [::1] with its port"))
}

fn handle(request: Request, preview: &Preview, port: u16) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_owned());
    if let Some((status, why)) = refusal(request.method(), host.as_deref(), port) {
        let mut response = Response::from_string(why).with_status_code(status);
        if status == 405 {
            response = response.with_header(header("Allow", "GET, HEAD"));
        }
        let _ = request.respond(response);
        return;
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let _ = match path {
        "/" => request.respond(with_type(
            Response::from_string(PAGE),
            "text/html; charset=utf-8",
        )),
        "/state" => {
            let state = preview.lock().json();
            request.respond(with_type(Response::from_string(state), "application/json"))
        }
        "/sources.json" => {
            let json = preview.sources_json();
            request.respond(with_type(
                Response::from_data(json.as_bytes()),
                "application/json",
            ))
        }
        "/events" => {
            let _ = stream_events(request, preview);
            Ok(())
        }
        _ => match picture(preview, path, query) {
            Some(Ok(png)) => request.respond(
                with_type(Response::from_data(png.as_slice()), "image/png")
                    // The address names the page's version: it never changes.
                    .with_header(header("Cache-Control", "max-age=31536000, immutable")),
            ),
            Some(Err(message)) => {
                request.respond(Response::from_string(message).with_status_code(500))
            }
            None => request.respond(Response::from_string("not found").with_status_code(404)),
        },
    };
}

/// The PNG of `/page/12.png?v=<version>`: the page of that version (the
/// 12th, or another that now has it), if it is still shown.
fn picture(preview: &Preview, path: &str, query: &str) -> Option<Result<Arc<Vec<u8>>, String>> {
    let number = page_number(path)?;
    let key = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("v="))
        .and_then(|v| u128::from_str_radix(v, 16).ok());
    let (key, page) = {
        let state = preview.lock();
        let key = key.or_else(|| state.keys.get(number - 1).copied())?;
        (key, state.page(number, key)?.clone())
    };
    Some(preview.images.png(key, &page))
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

/// Streams server-sent events: the state now, then after every change of
/// it, until the browser goes away. The response head is written by hand:
/// tiny_http would otherwise use chunked encoding, which buffers and which
/// browsers dislike for event streams.
fn stream_events(request: Request, preview: &Preview) -> std::io::Result<()> {
    let mut writer = request.into_writer();
    write!(
        writer,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n"
    )?;
    writer.flush()?;
    let mut seen = 0;
    loop {
        let state = {
            let mut state = preview.lock();
            while state.generation == seen {
                state = preview
                    .updated
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            seen = state.generation;
            state.json()
        };
        write!(writer, "data: {state}\n\n")?;
        writer.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::{Method, page_number, refusal};

    #[test]
    fn only_local_gets_and_heads_are_answered() {
        for host in [
            "127.0.0.1:3000",
            "localhost:3000",
            "LOCALHOST:3000",
            "[::1]:3000",
        ] {
            assert_eq!(refusal(&Method::Get, Some(host), 3000), None, "{host}");
            assert_eq!(refusal(&Method::Head, Some(host), 3000), None, "{host}");
        }
        for host in [
            Some("evil.example"),
            Some("evil.example:3000"),
            Some("127.0.0.1:3001"),
            Some("127.0.0.1"),
            Some("127.0.0.1.evil.example:3000"),
            None,
        ] {
            assert_eq!(
                refusal(&Method::Get, host, 3000).map(|r| r.0),
                Some(403),
                "{host:?}"
            );
        }
        for method in [Method::Post, Method::Put, Method::Delete, Method::Options] {
            assert_eq!(
                refusal(&method, Some("127.0.0.1:3000"), 3000).map(|r| r.0),
                Some(405)
            );
        }
    }

    #[test]
    fn page_urls() {
        assert_eq!(page_number("/page/12.png"), Some(12));
        assert_eq!(page_number("/page/0.png"), None);
        assert_eq!(page_number("/page/x.png"), None);
        assert_eq!(page_number("/other"), None);
    }
}
