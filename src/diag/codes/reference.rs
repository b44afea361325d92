//! What is printed from the table of codes: the lists of `--codes` (text
//! or JSON) and the reference page `docs/src/reference/codes.md`.

use std::fmt::Write as _;

use super::{Code, Stage};

/// Where the reference page is, from the project's root.
pub const REFERENCE_PAGE: &str = "docs/src/reference/codes.md";

/// One line per code: its name, its severity and what it finds, in
/// aligned columns (what `--codes` prints).
pub fn listing(codes: &[Code]) -> String {
    let width = codes.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut text = String::new();
    for code in codes {
        let entry = code.entry();
        // Writing to a String cannot fail.
        let _ = writeln!(
            text,
            "{:<width$}  {:<7}  {}",
            entry.name,
            entry.severity.name(),
            entry.summary
        );
    }
    text
}

impl Code {
    /// The code's row as one line of JSON: code, severity, stage, summary,
    /// fix and example (what `--codes --format json` prints).
    pub fn to_json(self) -> String {
        let entry = self.entry();
        serde_json::json!({
            "code": entry.name,
            "severity": entry.severity.name(),
            "stage": entry.stage.name(),
            "summary": entry.summary,
            "fix": entry.fix,
            "example": entry.example(),
        })
        .to_string()
    }
}

/// The reference page of every code, by stage: for each, its severity,
/// what it finds, its fix and an example.
pub fn reference_markdown() -> String {
    let mut page = String::from(
        "# Diagnostic codes\n\n\
         <!-- Generated from src/diag/codes/table.rs: do not edit; \
         `UPDATE=1 cargo test --test integration codes::` rewrites it. -->\n\n\
         Every problem `bilan` reports has a code, printed beside its severity \
         (`error[markup-unclosed]: …`) or as `\"code\"` with `--format json`. \
         `bilan check --codes` lists the codes of the sources' validation and of the lints, \
         `bilan preflight --codes` those of the typeset pages.\n",
    );
    for stage in Stage::ALL {
        let _ = write!(page, "\n## {}\n\n{}\n", stage.title(), stage.description());
        for code in Code::at(&[stage]) {
            let entry = code.entry();
            let _ = write!(
                page,
                "\n### `{}`\n\n**{}**: {}\n\n- Fix: {}\n- Example: {}\n",
                entry.name,
                entry.severity.name(),
                entry.summary,
                entry.fix,
                inline_code(&entry.example())
            );
        }
    }
    page
}

/// `text` as Markdown inline code: between double backticks when it holds
/// one.
fn inline_code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_aligns_name_severity_and_summary() {
        let text = listing(&[Code::Link, Code::InitiativeWithoutText]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "link                     warning  a malformed web address or e-mail address"
        );
        assert!(lines[1].starts_with("initiative-without-text  info     "));
    }

    #[test]
    fn examples_with_backticks_stay_inline_code() {
        assert_eq!(inline_code("a `b`"), "`` a `b` ``");
        assert_eq!(inline_code("a"), "`a`");
    }
}
