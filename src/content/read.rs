//! Reading a source file: its text, normalized to Unicode NFC (Word and
//! macOS may write `é` as `e` and a combining accent), then its TOML into
//! the serde types of [`super::file`]. A TOML error becomes a diagnostic
//! with its own code, its position and, for a misspelt key or value, the
//! closest allowed one.

use std::path::Path;

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;

use crate::diag::{Code, Diagnostic, SourceFile, display_path};
use crate::error::Error;

/// Reads and deserializes one TOML file. The outer error means the file
/// could not be read; the inner one that its content is invalid.
pub(crate) fn parse_file<T: DeserializeOwned>(
    path: &Path,
) -> Result<(SourceFile, Result<T, Diagnostic>), Error> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Error::CannotRun(
            Diagnostic::new(
                Code::Unreadable,
                format!("cannot read `{}`: {err}", display_path(path)),
            )
            .hint("check that the file exists, is readable and is UTF-8 text"),
        )
    })?;
    let file = SourceFile::new(path, normalize(&text));
    let parsed = toml::from_str::<T>(&file.text).map_err(|err| toml_diagnostic(&file, &err));
    Ok((file, parsed))
}

/// The text in Unicode normalization form C, unchanged when it already is.
pub(crate) fn normalize(text: &str) -> String {
    if unicode_normalization::is_nfc(text) {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}

/// Turns a TOML syntax or schema error into a diagnostic with its position.
fn toml_diagnostic(file: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim_end().to_owned();
    let (code, hint) = classify(&message);
    // toml gives no position for a key missing from the top-level table:
    // point at the start of the file then.
    let span = err.span().unwrap_or(0..0);
    let diagnostic = Diagnostic::new(code, message.clone()).at(file.clone(), span);
    let unknown = matches!(code, Code::UnknownKey | Code::UnknownValue);
    match (unknown.then(|| closest_expected(&message)).flatten(), hint) {
        (Some(suggestion), _) => diagnostic.hint(format!("did you mean `{suggestion}`?")),
        (None, Some(hint)) => diagnostic.hint(hint),
        (None, None) => diagnostic,
    }
}

/// The code and the usual fix of a TOML error, from toml's message.
fn classify(message: &str) -> (Code, Option<&'static str>) {
    if message.starts_with("unknown field") {
        (
            Code::UnknownKey,
            Some("remove this key or correct its spelling; the keys allowed here are listed above"),
        )
    } else if message.starts_with("missing field") {
        (Code::MissingKey, Some("add the missing key to this table"))
    } else if message.starts_with("unknown variant") {
        (
            Code::UnknownValue,
            Some("use one of the values listed above"),
        )
    } else if message.starts_with("invalid type") {
        (
            Code::WrongType,
            Some("texts are written between double quotes, lists between `[` and `]`"),
        )
    } else {
        (Code::TomlSyntax, None)
    }
}

/// In « unknown field `shortitle`, expected one of `a`, `b` », the expected
/// name closest to the unknown one, if it is close enough to be a typo.
fn closest_expected(message: &str) -> Option<&str> {
    let mut names = message.split('`').skip(1).step_by(2);
    let unknown = names.next()?;
    closest(unknown, &names.collect::<Vec<_>>())
}

/// The name of `names` closest to `unknown`, if it is close enough to be a
/// typo (at most 3 edits).
pub(crate) fn closest<'a>(unknown: &str, names: &[&'a str]) -> Option<&'a str> {
    names
        .iter()
        .map(|&name| (strsim::levenshtein(unknown, name), name))
        .filter(|&(distance, _)| distance <= 3)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::{closest_expected, normalize};

    #[test]
    fn text_is_normalized_to_nfc() {
        assert_eq!(normalize("e\u{301}te\u{301}"), "\u{e9}t\u{e9}");
        assert_eq!(normalize("déjà"), "déjà");
    }

    #[test]
    fn closest_key_is_suggested() {
        assert_eq!(
            closest_expected("unknown field `shorttitle`, expected one of `title`, `short-title`"),
            Some("short-title")
        );
        assert_eq!(
            closest_expected("unknown field `zzzzzzzz`, expected `title`"),
            None
        );
    }
}
