//! The structure of the brochure: empty paragraphs, duplicate sections,
//! parts without a number, initiatives without text, figures that the text
//! around them does not support, callout families used twice in one
//! section or declared and never used.

use std::collections::HashSet;

use crate::content::Project;
use crate::content::model::{Block, ChapterKind, Section};
use crate::diag::{Code, Diagnostic, SourceFile};

pub(super) fn lint(project: &Project, findings: &mut Vec<Diagnostic>) {
    let mut numbers: HashSet<&str> = HashSet::new();
    let mut titles: HashSet<String> = HashSet::new();
    for site in project.texts() {
        if site.role == crate::content::Role::Paragraph && site.text.plain().trim().is_empty() {
            findings.push(
                Diagnostic::new(Code::EmptyParagraph, "this paragraph is empty")
                    .at(site.file.clone(), site.text.span.clone())
                    .hint("remove the empty string from the list"),
            );
        }
    }
    let mut used: HashSet<&str> = HashSet::new();
    for (chapter, file) in project.chapters() {
        if chapter.kind == ChapterKind::Part && chapter.number.is_none() {
            findings.push(
                Diagnostic::new(
                    Code::PartNumber,
                    "this part has no `number`: its opener and the Sommaire print neither the word « Partie » nor a numeral",
                )
                .at(file.clone(), chapter.title.span.clone())
                .hint("add `number = \"IV\"` (its numeral) beside `kind = \"part\"`, or write `kind = \"chapter\"` for a chapter without a number"),
            );
        }
        for section in &chapter.sections {
            used.extend(section.blocks.iter().filter_map(|block| match block {
                Block::Callout(callout) => Some(callout.family.as_str()),
                _ => None,
            }));
            let span = section.title.span.clone();
            if let Some(number) = section.number.as_ref().map(|n| n.get_ref().as_str())
                && !numbers.insert(number)
            {
                findings.push(
                    Diagnostic::new(
                        Code::DuplicateSection,
                        format!("section {number} appears twice"),
                    )
                    .at(file.clone(), span.clone())
                    .hint("give each section its own number"),
                );
            }
            let title = section.title.plain();
            if !titles.insert(title.clone()) {
                findings.push(
                    Diagnostic::new(
                        Code::DuplicateSection,
                        format!("the title « {title} » appears twice"),
                    )
                    .at(file.clone(), span)
                    .hint("give each section its own title"),
                );
            }
            section_blocks(section, file, findings);
        }
    }
    for (name, family) in &project.brochure.manifest.callouts {
        // The families a `bilan.toml` without `[callouts]` gets are not
        // written anywhere: nothing to point at, nothing to remove.
        if !used.contains(name.as_str()) && !family.label.span.is_empty() {
            findings.push(
                Diagnostic::new(
                    Code::FamilyUnused,
                    format!("the callout family `{name}` is declared but no callout uses it"),
                )
                .at(project.manifest_file.clone(), family.label.span.clone())
                .hint(format!(
                    "give a callout `family = \"{name}\"`, or remove `[callouts.{name}]` from bilan.toml"
                )),
            );
        }
    }
}

fn section_blocks(section: &Section, file: &SourceFile, findings: &mut Vec<Diagnostic>) {
    let mut families: Vec<&str> = Vec::new();
    for (index, block) in section.blocks.iter().enumerate() {
        match block {
            Block::Initiative(initiative) if initiative.paragraphs.is_empty() => findings.push(
                Diagnostic::new(
                    Code::InitiativeWithoutText,
                    "this initiative has a title and no text",
                )
                .at(file.clone(), initiative.title.span.clone())
                .hint("allowed; add `paragraphs = [\"…\"]` if it deserves a sentence"),
            ),
            Block::Callout(callout) => {
                if families.contains(&callout.family.as_str()) {
                    let span = callout.paragraphs.first().map_or(0..0, |p| p.span.clone());
                    findings.push(
                        Diagnostic::new(
                            Code::CalloutFamilyTwice,
                            format!("a second `{}` callout in this section", callout.family),
                        )
                        .at(file.clone(), span)
                        .hint("the brochure uses each callout family at most once per section"),
                    );
                }
                families.push(&callout.family);
            }
            Block::Figure(figure) => {
                let value = digits(&figure.value.plain());
                // The two blocks before the figure and the one after it (the
                // range is within the list: `index` is one of its positions).
                let around = section
                    .blocks
                    .get(index.saturating_sub(2)..(index + 2).min(section.blocks.len()))
                    .unwrap_or_default()
                    .iter()
                    .map(block_text)
                    .collect::<String>();
                if !value.is_empty() && !digits(&around).contains(&value) {
                    findings.push(
                        Diagnostic::new(
                            Code::FigureNumber,
                            format!(
                                "the figure {} is not in the text around it",
                                figure.value.plain()
                            ),
                        )
                        .at(file.clone(), figure.value.span.clone())
                        .hint("check the number against the initiative it illustrates"),
                    );
                }
            }
            Block::Initiative(_) => {}
        }
    }
}

/// The running text of a block, without its figure.
fn block_text(block: &Block) -> String {
    match block {
        Block::Initiative(i) => std::iter::once(&i.title)
            .chain(&i.paragraphs)
            .map(|t| t.plain() + " ")
            .collect(),
        Block::Callout(c) => c
            .lead
            .iter()
            .chain(&c.paragraphs)
            .map(|t| t.plain() + " ")
            .collect(),
        Block::Figure(_) => String::new(),
    }
}

/// The digits of a text with the separators of numbers removed, so that
/// « 50.000 », « 50 000 » and « 50000 » compare equal.
fn digits(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let between_digits = i
            .checked_sub(1)
            .and_then(|j| chars.get(j))
            .is_some_and(char::is_ascii_digit)
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            out.push(c);
        } else if !(between_digits && matches!(c, '.' | ' ' | '\u{A0}' | '\u{202F}')) {
            out.push(' ');
        }
    }
    out
}
