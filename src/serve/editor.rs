//! The link that opens a source file in the editor, at a line and column: a
//! URL template (`--editor`) that the browser opens. The server never runs
//! anything for it.

use std::path::Path;
use std::str::FromStr;

/// An editor's URL template, with the placeholders `{path}` (the file's
/// absolute path, `/` between folders, beginning with `/`), `{line}` and
/// `{col}` (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    template: String,
}

impl Editor {
    /// VS Code's: `vscode://file/home/me/bilan/sources/bilan.toml:12:9`.
    pub const DEFAULT: &str = "vscode://file{path}:{line}:{col}";

    /// The link that opens `path` (absolute) at `line` and `column`. The
    /// path is percent-encoded, but for its `/` and `:`.
    pub fn link(&self, path: &Path, line: usize, column: usize) -> String {
        let mut slashed = path
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        if !slashed.starts_with('/') {
            // A Windows path: `C:/…` becomes `/C:/…`.
            slashed.insert(0, '/');
        }
        self.template
            .replace("{line}", &line.to_string())
            .replace("{col}", &column.to_string())
            .replace("{path}", &percent_encoded(&slashed))
    }
}

impl Default for Editor {
    fn default() -> Self {
        Self {
            template: Self::DEFAULT.to_owned(),
        }
    }
}

impl FromStr for Editor {
    type Err = String;

    /// A template is a URL with a scheme (`vscode:`, `txmt:`…), holds
    /// `{path}`, and no placeholder but `{path}`, `{line}` and `{col}`. A
    /// scheme that would run in the page (`javascript:`, `data:`) is refused.
    fn from_str(template: &str) -> Result<Self, String> {
        let scheme = template
            .split_once(':')
            .map(|(scheme, _)| scheme)
            .filter(|s| {
                s.starts_with(|c: char| c.is_ascii_alphabetic())
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            })
            .ok_or_else(|| {
                format!(
                    "`{template}` is not a URL: it needs a scheme, as in `{}`",
                    Self::DEFAULT
                )
            })?;
        if ["javascript", "data", "vbscript"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s))
        {
            return Err(format!(
                "a `{scheme}:` URL would run in the preview page, not open an editor"
            ));
        }
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            let Some((name, _)) = rest[start + 1..].split_once('}') else {
                return Err(format!("`{template}` opens a `{{` that it does not close"));
            };
            if !matches!(name, "path" | "line" | "col") {
                return Err(format!(
                    "unknown placeholder `{{{name}}}` in `{template}`: the placeholders are `{{path}}`, `{{line}}` and `{{col}}`"
                ));
            }
            rest = &rest[start + name.len() + 2..];
        }
        if !template.contains("{path}") {
            return Err(format!(
                "`{template}` does not say where the file goes: put `{{path}}` in it, as in `{}`",
                Self::DEFAULT
            ));
        }
        Ok(Self {
            template: template.to_owned(),
        })
    }
}

/// `text` with every byte but ASCII letters, digits, `-._~/:` written `%XX`.
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::Editor;

    fn editor(template: &str) -> Editor {
        template.parse().expect("a valid template")
    }

    #[test]
    fn vscode_by_default() {
        assert_eq!(
            Editor::default().link(Path::new("/home/me/bilan/sources/02-a.toml"), 148, 3),
            "vscode://file/home/me/bilan/sources/02-a.toml:148:3"
        );
        assert_eq!(editor(Editor::DEFAULT), Editor::default());
    }

    #[test]
    fn every_placeholder_is_filled_wherever_it_stands() {
        assert_eq!(
            editor("txmt://open?url=file://{path}&line={line}&column={col}").link(
                Path::new("/srv/b/sources/bilan.toml"),
                12,
                9
            ),
            "txmt://open?url=file:///srv/b/sources/bilan.toml&line=12&column=9"
        );
        assert_eq!(
            editor("x-edit://{line}/{line}/{col}{path}").link(Path::new("/a"), 1, 2),
            "x-edit://1/1/2/a"
        );
    }

    #[test]
    fn the_path_is_percent_encoded_and_starts_with_a_slash() {
        assert_eq!(
            Editor::default().link(Path::new("/mes docs/é&x#1.toml"), 1, 1),
            "vscode://file/mes%20docs/%C3%A9%26x%231.toml:1:1"
        );
        #[cfg(windows)]
        assert_eq!(
            Editor::default().link(Path::new(r"C:\bilan\sources\bilan.toml"), 3, 1),
            "vscode://file/C:/bilan/sources/bilan.toml:3:1"
        );
        #[cfg(not(windows))]
        assert_eq!(
            Editor::default().link(Path::new(r"/a\b.toml"), 3, 1),
            "vscode://file/a%5Cb.toml:3:1"
        );
    }

    #[test]
    fn templates_that_cannot_open_a_file_are_refused() {
        for (template, says) in [
            ("{path}:{line}", "needs a scheme"),
            ("vscode://file", "put `{path}` in it"),
            (
                "vscode://file{path}:{line}:{column}",
                "unknown placeholder `{column}`",
            ),
            (
                "vscode://file{path:{line}",
                "unknown placeholder `{path:{line}`",
            ),
            ("vscode://file{path}:{line", "does not close"),
            (
                "javascript:alert('{path}')",
                "would run in the preview page",
            ),
            ("DATA:text/html,{path}", "would run in the preview page"),
        ] {
            let err = template.parse::<Editor>().expect_err(template);
            assert!(err.contains(says), "{template}: {err}");
        }
    }
}
