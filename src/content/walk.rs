//! Every text of the brochure with the file it comes from and its role, for
//! the lints of `bilan check`.

use std::ops::Range;

use super::load::Project;
use super::model::{Block, Chapter, Section};
use super::text::Text;
use crate::diag::SourceFile;

/// What a text is in the brochure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A paragraph of running text (édito, introduction, initiative, callout).
    Paragraph,
    /// A title of a chapter, section or initiative.
    Title,
    /// A callout label.
    Label,
    /// A callout lead line.
    Lead,
    /// The words of a highlighted figure.
    Figure,
    /// Anything else: cover lines, signature, captions, slogan.
    Other,
}

/// A text and where it is.
#[derive(Debug, Clone, Copy)]
pub struct TextSite<'a> {
    /// The source file holding it.
    pub file: &'a SourceFile,
    /// The text.
    pub text: &'a Text,
    /// Its role.
    pub role: Role,
}

impl TextSite<'_> {
    /// The byte range in the file of `range`, a byte range of the text's value.
    pub fn file_range(&self, range: Range<usize>) -> Range<usize> {
        let literal = self.file.text.get(self.text.span.clone()).unwrap_or("");
        let start = self.text.span.start + offset_in_literal(literal, range.start);
        let end = self.text.span.start + offset_in_literal(literal, range.end);
        start..end.max(start)
    }
}

impl Project {
    /// Every text of the brochure, in reading order.
    pub fn texts(&self) -> Vec<TextSite<'_>> {
        let mut sites = Vec::new();
        let manifest = &self.brochure.manifest;
        let main = &self.files[0];
        let mut push = |file, text, role| sites.push(TextSite { file, text, role });
        push(main, &manifest.cover.years, Role::Other);
        push(main, &manifest.cover.title, Role::Other);
        for line in manifest
            .cover
            .subtitle
            .iter()
            .chain(&manifest.cover.publisher)
        {
            push(main, line, Role::Other);
        }
        for paragraph in &manifest.edito.paragraphs {
            push(main, paragraph, Role::Paragraph);
        }
        push(main, &manifest.edito.signature.name, Role::Other);
        for role in &manifest.edito.signature.roles {
            push(main, role, Role::Other);
        }
        push(main, &manifest.toc.title, Role::Other);
        push(main, &manifest.slogan.text, Role::Other);
        push(main, &manifest.contact.title, Role::Other);
        for (chapter, file) in self.brochure.chapters.iter().zip(&self.files[1..]) {
            chapter_texts(chapter, file, &mut push);
        }
        sites
    }
}

fn chapter_texts<'a>(
    chapter: &'a Chapter,
    file: &'a SourceFile,
    push: &mut impl FnMut(&'a SourceFile, &'a Text, Role),
) {
    push(file, &chapter.title, Role::Title);
    if let Some(title) = &chapter.toc_title {
        push(file, title, Role::Title);
    }
    push(file, &chapter.short_title, Role::Other);
    for paragraph in &chapter.intro {
        push(file, paragraph, Role::Paragraph);
    }
    for section in &chapter.sections {
        section_texts(section, file, push);
    }
}

fn section_texts<'a>(
    section: &'a Section,
    file: &'a SourceFile,
    push: &mut impl FnMut(&'a SourceFile, &'a Text, Role),
) {
    push(file, &section.title, Role::Title);
    if let Some(title) = &section.toc_title {
        push(file, title, Role::Title);
    }
    for paragraph in &section.intro {
        push(file, paragraph, Role::Paragraph);
    }
    for block in &section.blocks {
        match block {
            Block::Initiative(initiative) => {
                push(file, &initiative.title, Role::Title);
                for paragraph in &initiative.paragraphs {
                    push(file, paragraph, Role::Paragraph);
                }
            }
            Block::Callout(callout) => {
                if let Some(label) = &callout.label {
                    push(file, label, Role::Label);
                }
                if let Some(lead) = &callout.lead {
                    push(file, lead, Role::Lead);
                }
                for paragraph in &callout.paragraphs {
                    push(file, paragraph, Role::Paragraph);
                }
            }
            Block::Figure(figure) => {
                for text in figure.before.iter().chain([&figure.value, &figure.text]) {
                    push(file, text, Role::Figure);
                }
            }
        }
        if let Some(picture) = block.picture() {
            push(file, &picture.alt, Role::Other);
            for text in picture.caption.iter().chain(&picture.credit) {
                push(file, text, Role::Other);
            }
        }
    }
}

/// The byte offset, in a TOML string literal as written (quotes included),
/// of the byte `decoded` of the string's value: escapes like `\"` or `\u00E9`
/// are one character in the value but several in the file.
pub(crate) fn offset_in_literal(literal: &str, decoded: usize) -> usize {
    let basic = literal.starts_with('"');
    let mut value_len = 0;
    let mut chars = literal.char_indices().skip(1).peekable();
    while let Some((at, c)) = chars.next() {
        if value_len >= decoded {
            return at;
        }
        if basic && c == '\\' {
            let escaped = match chars.next() {
                Some((_, 'u')) => decode_escape(&mut chars, 4),
                Some((_, 'U')) => decode_escape(&mut chars, 8),
                Some((_, e)) => e,
                None => break,
            };
            value_len += escaped.len_utf8();
        } else {
            value_len += c.len_utf8();
        }
    }
    literal.len().saturating_sub(1)
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
    }
}
