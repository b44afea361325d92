//! Every text of the brochure with the file it comes from and its role, for
//! the lints of `bilan check`.

use std::ops::Range;

use super::model::{Block, Chapter, Contact, Edito, Picture, Section};
use super::project::Project;
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
    /// A picture's `alt` text: not printed, read aloud from the PDF's tags.
    Alt,
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
        self.text.file_range(&self.file.text, range)
    }
}

impl Project {
    /// Every text of the brochure, in reading order.
    pub fn texts(&self) -> Vec<TextSite<'_>> {
        let mut sites = Vec::new();
        let manifest = &self.brochure.manifest;
        let main = &self.manifest_file;
        let mut push = |file, text, role| sites.push(TextSite { file, text, role });
        for family in manifest.callouts.values() {
            push(main, &family.label, Role::Label);
        }
        push(main, &manifest.words.part, Role::Other);
        for logo in &manifest.logos {
            push(main, &logo.picture.alt, Role::Alt);
        }
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
        if let Some(picture) = &manifest.cover.picture {
            picture_texts(picture, main, &mut push);
        }
        edito_texts(&manifest.edito, main, &mut push);
        push(main, &manifest.toc.title, Role::Other);
        if let Some(index) = &manifest.index {
            push(main, &index.title, Role::Title);
            for text in index.intro.iter().chain([&index.legend, &index.credit]) {
                push(main, text, Role::Other);
            }
        }
        push(main, &manifest.slogan.text, Role::Other);
        contact_texts(&manifest.contact, main, &mut push);
        for line in manifest.colophon.iter().flat_map(|c| &c.lines) {
            push(main, line, Role::Other);
        }
        for (chapter, file) in self.chapters() {
            chapter_texts(chapter, file, &mut push);
        }
        for local in &self.local_files {
            let (file, content) = (&local.file, &local.content);
            if let Some(title) = &content.title {
                push(file, title, Role::Other);
            }
            for paragraph in &content.intro {
                push(file, paragraph, Role::Paragraph);
            }
            if let Some(edito) = &content.edito {
                edito_texts(edito, file, &mut push);
            }
            if let Some(contact) = &content.contact {
                contact_texts(contact, file, &mut push);
            }
        }
        sites
    }
}

fn edito_texts<'a>(
    edito: &'a Edito,
    file: &'a SourceFile,
    push: &mut impl FnMut(&'a SourceFile, &'a Text, Role),
) {
    if let Some(title) = &edito.title {
        push(file, title, Role::Title);
    }
    for paragraph in &edito.paragraphs {
        push(file, paragraph, Role::Paragraph);
    }
    for signatory in &edito.signatories {
        push(file, &signatory.name, Role::Other);
        for role in &signatory.roles {
            push(file, role, Role::Other);
        }
    }
}

fn contact_texts<'a>(
    contact: &'a Contact,
    file: &'a SourceFile,
    push: &mut impl FnMut(&'a SourceFile, &'a Text, Role),
) {
    push(file, &contact.title, Role::Other);
    for line in &contact.address {
        push(file, line, Role::Other);
    }
    for social in &contact.social {
        push(file, &social.network, Role::Other);
        push(file, &social.account, Role::Other);
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
    if let Some(picture) = &chapter.picture {
        picture_texts(picture, file, push);
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
            picture_texts(picture, file, push);
        }
    }
}

fn picture_texts<'a>(
    picture: &'a Picture,
    file: &'a SourceFile,
    push: &mut impl FnMut(&'a SourceFile, &'a Text, Role),
) {
    push(file, &picture.alt, Role::Alt);
    for text in picture.caption.iter().chain(&picture.credit) {
        push(file, text, Role::Other);
    }
}
