//! The loaded brochure: the typed content as the layouts receive it, and the
//! source files it came from, for diagnostics and lints.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use super::local::{LocalData, LocalFile};
use super::markup::{self, Inline};
use super::model::{Block, Callout, Chapter, Date, Manifest, Pictogram};
use super::picture;
use super::territories::{Cited, Territories};
use super::text::Text;
use crate::diag::SourceFile;

/// The whole brochure, validated, as the layouts receive it.
#[derive(Debug, Clone, Serialize)]
pub struct Brochure {
    /// Metadata and fixed pages, from `bilan.toml`.
    #[serde(flatten)]
    pub manifest: Manifest,
    /// The chapter files, in the order `bilan.toml` lists them.
    pub chapters: Vec<Chapter>,
    /// The départements the text cites, in code order, for the index.
    pub departements: Vec<Cited>,
    /// The territory of a local edition; `None` for the whole brochure.
    pub local: Option<LocalData>,
    /// The territories the texts may cite: the list read by the index,
    /// the lints and the local editions.
    #[serde(skip)]
    pub territories: Arc<Territories>,
}

impl Brochure {
    /// The brochure, with the index of the territories it cites.
    pub fn new(manifest: Manifest, chapters: Vec<Chapter>, territories: Arc<Territories>) -> Self {
        let mut brochure = Self {
            manifest,
            chapters,
            departements: Vec::new(),
            local: None,
            territories,
        };
        brochure.departements = brochure.territories.cited_in(&brochure.citation_units());
        brochure
    }

    /// Every block of every section, in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.chapters
            .iter()
            .flat_map(|c| &c.sections)
            .flat_map(|s| &s.blocks)
    }

    /// The label a callout prints: its own, or its family's.
    pub fn callout_label<'a>(&'a self, callout: &'a Callout) -> Option<&'a Text> {
        callout.label.as_ref().or_else(|| {
            self.manifest
                .callouts
                .get(&callout.family)
                .map(|family| &family.label)
        })
    }

    /// The codes cited by each chapter or section title, block,
    /// introduction and édito paragraph.
    pub fn citation_units(&self) -> Vec<Vec<String>> {
        let cites = |text: &Text| {
            let mut codes = Vec::new();
            collect_cites(&text.inlines, &mut codes);
            codes
        };
        let mut units: Vec<Vec<String>> =
            self.manifest.edito.paragraphs.iter().map(cites).collect();
        for chapter in &self.chapters {
            units.extend(
                std::iter::once(&chapter.title)
                    .chain(&chapter.intro)
                    .map(cites),
            );
            for section in &chapter.sections {
                units.extend(
                    std::iter::once(&section.title)
                        .chain(&section.intro)
                        .map(cites),
                );
                units.extend(section.blocks.iter().map(Block::cited));
            }
        }
        units
    }
}

fn collect_cites(nodes: &[Inline], codes: &mut Vec<String>) {
    markup::visit(nodes, &mut |node| {
        if let Inline::Cite(code) = node {
            codes.push(code.clone());
        }
    });
}

/// A loaded brochure with the files it came from (for diagnostics and lints).
#[derive(Debug, Clone)]
pub struct Project {
    /// The validated content.
    pub brochure: Brochure,
    /// `bilan.toml`.
    pub manifest_file: SourceFile,
    /// The chapter files, one per chapter of the brochure, in order.
    pub chapter_files: Vec<SourceFile>,
    /// The sources folder.
    pub dir: PathBuf,
    /// The local texts of `sources/editions/`, by edition.
    pub local_files: Vec<LocalFile>,
}

/// A picture of the brochure and where it comes from.
#[derive(Debug, Clone)]
pub struct PictureSource {
    /// Where the layouts find it.
    pub virtual_path: String,
    /// The real file.
    pub path: PathBuf,
    /// The source file that places it, and the span of its `image` key.
    pub origin: (SourceFile, std::ops::Range<usize>),
}

impl Project {
    /// The publication date from the metadata.
    pub fn date(&self) -> Date {
        self.brochure.manifest.metadata.date
    }

    /// Every source file read: `bilan.toml` first, then the chapters in
    /// order, then the local editions' files.
    pub fn files(&self) -> impl Iterator<Item = &SourceFile> {
        std::iter::once(&self.manifest_file)
            .chain(&self.chapter_files)
            .chain(self.local_files.iter().map(|l| &l.file))
    }

    /// The local edition of `territory`, with its local texts if
    /// `sources/editions/` has some for it: its chapters with their files.
    pub fn local(&self, territory: &crate::content::Territory) -> Project {
        let local = self
            .local_files
            .iter()
            .find(|l| l.key == territory.key)
            .map(|l| &l.content);
        let (brochure, kept) = self.brochure.local(territory, local);
        Project {
            brochure,
            chapter_files: kept
                .into_iter()
                .filter_map(|index| self.chapter_files.get(index).cloned())
                .collect(),
            ..self.clone()
        }
    }

    /// Each chapter with its file.
    pub fn chapters(&self) -> impl Iterator<Item = (&Chapter, &SourceFile)> {
        self.brochure.chapters.iter().zip(&self.chapter_files)
    }

    /// Every picture of the brochure: the logos, the cover picture, the
    /// pictograms drawn from SVG files, then the pictures of the chapters in
    /// reading order.
    pub fn pictures(&self) -> Vec<PictureSource> {
        let mut found = Vec::new();
        let manifest = &self.brochure.manifest;
        let pictograms = manifest
            .callouts
            .values()
            .filter_map(|f| match &f.pictogram {
                Pictogram::Svg(path) => Some(path),
                Pictogram::Builtin(_) => None,
            });
        let logos = manifest.logos.iter().map(|l| &l.picture.image);
        let cover = manifest.cover.picture.iter().map(|p| &p.image);
        let files = logos.chain(cover).chain(pictograms);
        for image in files {
            if picture::path_problem(image.get_ref()).is_none() {
                found.push(PictureSource {
                    virtual_path: picture::virtual_path_of(image.get_ref()),
                    path: self.dir.join(image.get_ref()),
                    origin: (self.manifest_file.clone(), image.span()),
                });
            }
        }
        for (chapter, file) in self.chapters() {
            let blocks = chapter.sections.iter().flat_map(|s| &s.blocks);
            let pictures = chapter
                .picture
                .iter()
                .chain(blocks.filter_map(Block::picture));
            for picture in pictures {
                if let Some(path) = picture.file(&self.dir) {
                    found.push(PictureSource {
                        virtual_path: picture.virtual_path(),
                        path,
                        origin: (file.clone(), picture.image.span()),
                    });
                }
            }
        }
        found
    }
}
