//! A brochure as the units a proofreader compares: an édito paragraph, a
//! chapter or section title, an introduction, an initiative, a callout, a
//! figure, the cover, the slogan, the contact. Each with its printed text,
//! its words, where it stands (part and section) and where it comes from.

use crate::content::Project;
use crate::content::Text;
use crate::content::model::{Block, Chapter, ChapterKind, Section};
use crate::diag::SourceFile;
use crate::world::BlockId;

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The cover's lines.
    Cover,
    /// A paragraph of the édito (or its title).
    Edito,
    /// The signatories of the édito.
    Signatories,
    /// A chapter's or part's title.
    ChapterTitle,
    /// A chapter's introduction.
    ChapterIntro,
    /// A section's title.
    SectionTitle,
    /// A section's introduction.
    SectionIntro,
    /// An initiative: its title and paragraphs.
    Initiative,
    /// A callout: its label, lead and paragraphs.
    Callout,
    /// A key figure.
    Figure,
    /// The closing slogan.
    Slogan,
    /// The contact page (the back cover, with the colophon).
    Contact,
}

impl Kind {
    /// The unit's name, as the report says it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Cover => "cover",
            Kind::Edito => "édito paragraph",
            Kind::Signatories => "édito signatories",
            Kind::ChapterTitle => "chapter title",
            Kind::ChapterIntro => "chapter introduction",
            Kind::SectionTitle => "section title",
            Kind::SectionIntro => "section introduction",
            Kind::Initiative => "initiative",
            Kind::Callout => "callout",
            Kind::Figure => "figure",
            Kind::Slogan => "slogan",
            Kind::Contact => "contact",
        }
    }
}

/// Where a unit comes from: its first string's file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file, as diagnostics name it.
    pub file: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A unit of the brochure.
#[derive(Debug, Clone)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Its printed texts, in order (a title, then paragraphs…).
    pub texts: Vec<String>,
    /// A callout's family, a figure's value: what may change without a
    /// word of the text.
    pub detail: Option<String>,
    /// Where it stands: the part and the section (`II › 2.1`).
    pub context: String,
    /// Its block or section, as the layouts mark it (for its page).
    pub block: Option<BlockId>,
    /// Where it comes from.
    pub origin: Origin,
}

impl Item {
    /// Its words, every text in order.
    pub fn words(&self) -> Vec<&str> {
        self.texts
            .iter()
            .flat_map(|text| text.split_whitespace())
            .collect()
    }

    /// Its first words, for the report.
    pub fn first_words(&self) -> String {
        let words = self.words();
        if words.len() > 8 {
            format!("{}…", words[..8].join(" "))
        } else {
            words.join(" ")
        }
    }

    /// Whether two units print the same words.
    pub fn same_text(&self, other: &Item) -> bool {
        self.texts == other.texts
    }
}

/// Every unit of the brochure, in reading order.
pub fn items(project: &Project) -> Vec<Item> {
    let mut items = Vec::new();
    let manifest = &project.brochure.manifest;
    let main = &project.manifest_file;
    let cover = &manifest.cover;
    let cover_texts: Vec<&Text> = [&cover.years, &cover.title]
        .into_iter()
        .chain(&cover.subtitle)
        .chain(&cover.publisher)
        .collect();
    items.push(item(Kind::Cover, &cover_texts, main, "cover"));
    let edito = &manifest.edito;
    if let Some(title) = &edito.title {
        items.push(item(Kind::Edito, &[title], main, "édito"));
    }
    for paragraph in &edito.paragraphs {
        items.push(item(Kind::Edito, &[paragraph], main, "édito"));
    }
    let signatures: Vec<&Text> = edito
        .signatories
        .iter()
        .flat_map(|s| std::iter::once(&s.name).chain(&s.roles))
        .collect();
    if !signatures.is_empty() {
        items.push(item(Kind::Signatories, &signatures, main, "édito"));
    }
    for (index, (chapter, file)) in project.chapters().enumerate() {
        chapter_items(index, chapter, file, &mut items);
    }
    items.push(item(Kind::Slogan, &[&manifest.slogan.text], main, "slogan"));
    let contact = &manifest.contact;
    let mut contact_texts: Vec<&Text> = vec![&contact.title];
    contact_texts.extend(&contact.address);
    if let Some(colophon) = &manifest.colophon {
        contact_texts.extend(&colophon.lines);
    }
    let mut contact_item = item(Kind::Contact, &contact_texts, main, "contact");
    contact_item.texts.extend(
        [&contact.email, &contact.phone, &contact.website]
            .into_iter()
            .flatten()
            .map(|line| line.get_ref().clone()),
    );
    for social in &contact.social {
        contact_item.texts.push(format!(
            "{} {}",
            social.network.plain(),
            social.account.plain()
        ));
    }
    items.push(contact_item);
    items
}

fn chapter_items(index: usize, chapter: &Chapter, file: &SourceFile, items: &mut Vec<Item>) {
    let name = match (chapter.kind, &chapter.number) {
        (ChapterKind::Part, Some(number)) => number.get_ref().clone(),
        _ => chapter.short_title.plain(),
    };
    items.push(item(Kind::ChapterTitle, &[&chapter.title], file, &name));
    if !chapter.intro.is_empty() {
        let intro: Vec<&Text> = chapter.intro.iter().collect();
        items.push(item(Kind::ChapterIntro, &intro, file, &name));
    }
    for (s, section) in chapter.sections.iter().enumerate() {
        section_items(index, s, section, file, &name, items);
    }
}

fn section_items(
    chapter: usize,
    index: usize,
    section: &Section,
    file: &SourceFile,
    chapter_name: &str,
    items: &mut Vec<Item>,
) {
    let number = section
        .number
        .as_ref()
        .map_or_else(|| section.title.plain(), |n| n.get_ref().clone());
    let context = format!("{chapter_name} › {number}");
    let id = |block| BlockId {
        chapter,
        section: index,
        block,
    };
    let mut title = item(Kind::SectionTitle, &[&section.title], file, &context);
    title.block = Some(id(None));
    items.push(title);
    if !section.intro.is_empty() {
        let intro: Vec<&Text> = section.intro.iter().collect();
        let mut intro = item(Kind::SectionIntro, &intro, file, &context);
        intro.block = Some(id(None));
        items.push(intro);
    }
    for (b, block) in section.blocks.iter().enumerate() {
        let mut unit = match block {
            Block::Initiative(initiative) => {
                let texts: Vec<&Text> = std::iter::once(&initiative.title)
                    .chain(&initiative.paragraphs)
                    .collect();
                item(Kind::Initiative, &texts, file, &context)
            }
            Block::Callout(callout) => {
                let texts: Vec<&Text> = callout
                    .label
                    .iter()
                    .chain(&callout.lead)
                    .chain(&callout.paragraphs)
                    .collect();
                let mut unit = item(Kind::Callout, &texts, file, &context);
                unit.detail = Some(callout.family.clone());
                unit
            }
            Block::Figure(figure) => {
                let texts: Vec<&Text> = figure
                    .before
                    .iter()
                    .chain([&figure.value, &figure.text])
                    .collect();
                item(Kind::Figure, &texts, file, &context)
            }
        };
        unit.block = Some(id(Some(b)));
        items.push(unit);
    }
}

fn item(kind: Kind, texts: &[&Text], file: &SourceFile, context: &str) -> Item {
    let start = texts.first().map_or(0, |text| text.span.start);
    let (line, column) = file.line_column(start);
    Item {
        kind,
        texts: texts.iter().map(|text| text.plain()).collect(),
        detail: None,
        context: context.to_owned(),
        block: None,
        origin: Origin {
            file: file.name.clone(),
            line,
            column,
        },
    }
}
