//! Diagnostics: one value type for every problem `bilan` reports (TOML
//! content, inline markup, Typst layouts), rendered in one place like rustc's
//! messages: `file:line:col`, the source line, a caret, and a hint.

use std::io::{self, IsTerminal};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use codespan_reporting::term::{self, Config};

pub mod codes;

pub use codes::Code;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, never blocks anything.
    Info,
    /// Probably a mistake; the build still succeeds.
    Warning,
    /// The build cannot go on.
    Error,
}

impl Severity {
    /// Its name, as the JSON output says it: `info`, `warning`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A file a diagnostic points into: its display name and its full text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path shown to the user (relative to the working directory if possible).
    pub name: String,
    /// The whole text of the file, to quote the faulty line.
    pub text: Arc<str>,
}

impl SourceFile {
    /// A file named after `path` (made relative to the working directory when possible).
    pub fn new(path: &Path, text: impl Into<Arc<str>>) -> Self {
        Self {
            name: display_path(path),
            text: text.into(),
        }
    }

    /// The byte range of the first `needle` in the file (a table's header,
    /// `[contact]`), or the file's start when it is not written there.
    pub fn range_of(&self, needle: &str) -> std::ops::Range<usize> {
        self.text
            .find(needle)
            .map_or(0..0, |start| start..start + needle.len())
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        // A char boundary within the text, and `line_start` follows a `\n`:
        // neither slice can split a character.
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// Where a diagnostic points: a byte range inside a file.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file.
    pub file: SourceFile,
    /// The byte range of the faulty text within the file.
    pub range: Range<usize>,
}

/// A problem found while loading, checking or rendering the brochure.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// The kind of problem, printed as a stable identifier (e.g.
    /// `toml-syntax`); its row of the table of codes gives the severity.
    pub code: Code,
    /// What is wrong, as one lowercase sentence.
    pub message: String,
    /// Where it is, when it points into a file.
    pub location: Option<Box<Location>>,
    /// How to fix it, or what else to know.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// A diagnostic of `code`, at the severity the table gives it, with a
    /// message, pointing nowhere yet.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            location: None,
            hints: Vec::new(),
        }
    }

    /// A file or folder that cannot be read.
    pub fn unreadable(path: &Path, reason: &dyn std::fmt::Display) -> Self {
        Self::new(
            Code::Unreadable,
            format!("cannot read `{}`: {reason}", display_path(path)),
        )
        .hint("check that the path exists and is readable")
    }

    /// How serious it is: the severity of its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Points the diagnostic at a byte range of a file.
    #[must_use]
    pub fn at(mut self, file: SourceFile, range: Range<usize>) -> Self {
        self.location = Some(Box::new(Location { file, range }));
        self
    }

    /// Adds a hint that tells how to fix the problem.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// `file:line:col` of the diagnostic, if it points into a file.
    pub fn position(&self) -> Option<String> {
        self.location.as_ref().map(|loc| {
            let (line, column) = loc.file.line_column(loc.range.start);
            format!("{}:{line}:{column}", loc.file.name)
        })
    }

    /// The diagnostic as one line of JSON: severity, code, file, line,
    /// column, message and hints.
    pub fn to_json(&self) -> String {
        let (file, line, column) = match &self.location {
            Some(loc) => {
                let (line, column) = loc.file.line_column(loc.range.start);
                (Some(loc.file.name.as_str()), Some(line), Some(column))
            }
            None => (None, None, None),
        };
        serde_json::json!({
            "severity": self.severity().name(),
            "code": self.code.name(),
            "file": file,
            "line": line,
            "column": column,
            "message": self.message,
            "hints": self.hints,
        })
        .to_string()
    }

    /// Renders the diagnostic as text, without colour (used by tests and logs).
    pub fn to_plain_string(&self) -> String {
        let mut buffer = Vec::new();
        let mut writer = codespan_reporting::term::termcolor::NoColor::new(&mut buffer);
        self.emit(&mut writer);
        String::from_utf8_lossy(&buffer).into_owned()
    }

    fn emit(&self, writer: &mut dyn codespan_reporting::term::termcolor::WriteColor) {
        let severity = match self.severity() {
            Severity::Info => ReportSeverity::Note,
            Severity::Warning => ReportSeverity::Warning,
            Severity::Error => ReportSeverity::Error,
        };
        let mut report = Report::new(severity)
            .with_code(self.code.name())
            .with_message(&self.message)
            .with_notes(self.hints.iter().map(|h| format!("hint: {h}")).collect());
        let config = Config::default();
        let result = match &self.location {
            Some(loc) => {
                let file = SimpleFile::new(loc.file.name.as_str(), &*loc.file.text);
                let range = clamp_range(&loc.file.text, &loc.range);
                report = report.with_labels(vec![Label::primary((), range)]);
                term::emit_to_write_style(writer, &config, &file, &report)
            }
            None => {
                let file = SimpleFile::new("", "");
                term::emit_to_write_style(writer, &config, &file, &report)
            }
        };
        if result.is_err() {
            // The only fallback left when the terminal itself fails.
            let _ = writeln!(writer, "{}: {}", self.code, self.message);
        }
    }
}

/// Prints diagnostics to standard error, in colour only on a terminal.
pub fn print(diagnostics: &[Diagnostic]) {
    let choice = if io::stderr().is_terminal() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut stream = StandardStream::stderr(choice);
    for diagnostic in diagnostics {
        diagnostic.emit(&mut stream);
    }
}

/// A path as the user should see it: relative to the working directory when inside it.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(PathBuf::from));
    let shown = relative.as_deref().unwrap_or(path);
    shown
        .strip_prefix(".")
        .unwrap_or(shown)
        .to_string_lossy()
        .into_owned()
}

fn clamp_range(text: &str, range: &Range<usize>) -> Range<usize> {
    // `start` ≤ `text.len()`, so the clamp's bounds are in order.
    let start = floor_char_boundary(text, range.start.min(text.len()));
    let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
    start..end
}

/// The char boundary at or before `index` (≤ `text.len()`); 0 is one, so
/// the loop ends before `index` could underflow.
fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_from_one() {
        let file = SourceFile {
            name: "a.toml".into(),
            text: "é = 1\nclé = 2\n".into(),
        };
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column("é = 1\ncl".len()), (2, 3));
    }

    #[test]
    fn rendering_names_file_line_and_hint() {
        let file = SourceFile {
            name: "sources/x.toml".into(),
            text: "a = 1\nb = ?\n".into(),
        };
        let text = Diagnostic::new(Code::TomlSyntax, "invalid value")
            .at(file, 10..11)
            .hint("write a number")
            .to_plain_string();
        assert!(text.contains("sources/x.toml:2:5"), "{text}");
        assert!(text.contains("hint: write a number"), "{text}");
    }
}
