//! `Text`: a string of the sources, kept as typed (with its position in the
//! TOML file) and parsed into typeset inline markup.

use std::ops::Range;

use serde::{Serialize, Serializer};

use super::markup::{self, Inline};

/// A text from the sources with inline markup.
///
/// It serializes, for the layouts, as its parsed and typeset inline tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The string exactly as written in the source file (after Unicode
    /// normalization), escapes decoded.
    pub raw: String,
    /// Byte range of the string literal in its TOML file, quotes included.
    pub span: Range<usize>,
    /// The parsed, typeset inline tree.
    pub inlines: Vec<Inline>,
}

impl Text {
    /// The text a reader sees, without markup.
    pub fn plain(&self) -> String {
        markup::plain_text(&self.inlines)
    }

    /// The byte range, in the file whose text is `file_text`, of `range`, a
    /// byte range of [`Text::raw`].
    pub fn file_range(&self, file_text: &str, range: Range<usize>) -> Range<usize> {
        let literal = file_text.get(self.span.clone()).unwrap_or("");
        let start = self.span.start + offset_in_literal(literal, range.start);
        let end = self.span.start + offset_in_literal(literal, range.end);
        start..end.max(start)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inlines.serialize(serializer)
    }
}

/// The byte offset, in a TOML string literal as written (quotes included),
/// of the byte `decoded` of the string's value: escapes like `\"` or `\u00E9`
/// are one character in the value but several in the file. Never panics: an
/// offset past the value gives the closing quote.
pub(crate) fn offset_in_literal(literal: &str, decoded: usize) -> usize {
    let basic = literal.starts_with('"');
    let multiline = literal.starts_with("\"\"\"") || literal.starts_with("'''");
    let opening = if multiline { 3 } else { 1 };
    let mut value_len = 0;
    let mut chars = literal.char_indices().skip(opening).peekable();
    // A newline right after the opening quotes of a multi-line string is
    // not part of the value.
    if multiline {
        chars.next_if(|&(_, c)| c == '\r');
        chars.next_if(|&(_, c)| c == '\n');
    }
    while let Some((at, c)) = chars.next() {
        // A line-ending backslash: it, the newline and the whitespace after
        // it are not part of the value.
        if basic && c == '\\' && chars.peek().is_some_and(|&(_, n)| n.is_whitespace()) {
            while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        if value_len >= decoded {
            return at;
        }
        if basic && c == '\\' {
            let escaped = match chars.next() {
                Some((_, 'u')) => decode_escape(&mut chars, 4),
                Some((_, 'U')) => decode_escape(&mut chars, 8),
                // `\n`, `\"`, `\\`…: one ASCII character.
                Some(_) => '\\',
                None => break,
            };
            value_len += escaped.len_utf8();
        } else {
            value_len += c.len_utf8();
        }
    }
    literal.len().saturating_sub(opening)
}

fn decode_escape(chars: &mut impl Iterator<Item = (usize, char)>, digits: usize) -> char {
    let hex: String = chars.take(digits).map(|(_, c)| c).collect();
    u32::from_str_radix(&hex, 16)
        .ok()
        .and_then(char::from_u32)
        .unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::offset_in_literal;

    #[test]
    fn offsets_in_literals_account_for_quotes_and_escapes() {
        assert_eq!(offset_in_literal(r#""du **gras""#, 3), 4);
        assert_eq!(offset_in_literal(r#""a\"b **c""#, 4), 6);
        assert_eq!(offset_in_literal(r#""\u00e9 **""#, 3), 8);
        assert_eq!(offset_in_literal("'a **b'", 2), 3);
        assert_eq!(offset_in_literal("\"\"\"\nab **\"\"\"", 3), 7);
        assert_eq!(offset_in_literal("\"a\\\n   b\"", 1), 7);
    }
}
