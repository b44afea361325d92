//! Reading `sources/`: `bilan.toml`, then each chapter file it lists.
//!
//! Every file is parsed even when an earlier one failed, so that one run
//! reports every error; each error names its file, line and column.

use std::path::{Component, Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::departements::{Cited, cited_in};
use super::markup::{self, Inline};
use super::model::{Block, Chapter, Manifest, Picture};
use super::text::OFFSET_MARK;
use super::text::Text;
use super::walk::offset_in_literal;
use crate::diag::{Diagnostic, SourceFile, display_path};

/// The name of the main source file inside `sources/`.
pub const MANIFEST_FILE: &str = "bilan.toml";

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
}

impl Brochure {
    /// The brochure, with the index of the départements it cites.
    pub fn new(manifest: Manifest, chapters: Vec<Chapter>) -> Self {
        let mut brochure = Self {
            manifest,
            chapters,
            departements: Vec::new(),
        };
        brochure.departements = cited_in(&brochure.citation_units());
        brochure
    }

    /// Every block of every section, in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.chapters
            .iter()
            .flat_map(|c| &c.sections)
            .flat_map(|s| &s.blocks)
    }

    /// The codes cited by each block, introduction and édito paragraph.
    pub fn citation_units(&self) -> Vec<Vec<String>> {
        let mut units: Vec<Vec<String>> = Vec::new();
        let mut texts = |texts: &mut dyn Iterator<Item = &Text>, extra: &[String]| {
            let mut codes = extra.to_vec();
            for text in texts {
                collect_cites(&text.inlines, &mut codes);
            }
            units.push(codes);
        };
        for paragraph in &self.manifest.edito.paragraphs {
            texts(&mut std::iter::once(paragraph), &[]);
        }
        for chapter in &self.chapters {
            for paragraph in &chapter.intro {
                texts(&mut std::iter::once(paragraph), &[]);
            }
            for section in &chapter.sections {
                for paragraph in &section.intro {
                    texts(&mut std::iter::once(paragraph), &[]);
                }
                for block in &section.blocks {
                    match block {
                        Block::Initiative(i) => texts(
                            &mut std::iter::once(&i.title).chain(&i.paragraphs),
                            &i.departements,
                        ),
                        Block::Callout(c) => texts(
                            &mut c.label.iter().chain(&c.lead).chain(&c.paragraphs),
                            &c.departements,
                        ),
                        Block::Figure(f) => {
                            texts(&mut f.before.iter().chain([&f.value, &f.text]), &[])
                        }
                    }
                }
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
    /// Every source file read, `bilan.toml` first, then the chapters in order.
    pub files: Vec<SourceFile>,
    /// The publication date from the metadata.
    pub date: Date,
    /// The sources folder.
    pub dir: PathBuf,
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
    /// Every picture of the brochure, in reading order.
    pub fn pictures(&self) -> Vec<PictureSource> {
        let mut found = Vec::new();
        for (chapter, file) in self.brochure.chapters.iter().zip(&self.files[1..]) {
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

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31.
    pub day: u8,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why the sources could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The sources cannot be read at all (missing folder, unreadable file).
    CannotRun(Diagnostic),
    /// The sources were read but are not valid.
    Invalid(Vec<Diagnostic>),
}

/// Loads and validates every source file under `dir`.
///
/// # Errors
/// [`LoadError::CannotRun`] when a file cannot be read, [`LoadError::Invalid`]
/// with every syntax and schema error found.
pub fn load(dir: &Path) -> Result<Project, LoadError> {
    let manifest_path = dir.join(MANIFEST_FILE);
    if !dir.is_dir() {
        return Err(LoadError::CannotRun(
            Diagnostic::error(
                "sources-missing",
                format!("the sources folder `{}` does not exist", display_path(dir)),
            )
            .hint("run `bilan` from the repository root, or pass `--sources <DIR>`"),
        ));
    }
    let (manifest_file, manifest) = parse_file::<Manifest>(&manifest_path)?;
    let mut errors = Vec::new();
    let mut files = vec![manifest_file.clone()];
    let Some(manifest) = manifest.map_err(|d| errors.push(d)).ok() else {
        return Err(LoadError::Invalid(errors));
    };
    let date = parse_date(&manifest, &manifest_file).map_err(|d| errors.push(d));

    let mut chapters = Vec::new();
    for entry in &manifest.chapters {
        let Some(path) = chapter_path(dir, entry.get_ref()) else {
            errors.push(
                Diagnostic::error(
                    "chapter-path",
                    format!("`{}` is not a file name inside `sources/`", entry.get_ref()),
                )
                .at(manifest_file.clone(), entry.span())
                .hint("list chapter files by their name, e.g. `\"01-solidarite-humaine.toml\"`"),
            );
            continue;
        };
        if !path.is_file() {
            errors.push(
                Diagnostic::error(
                    "chapter-missing",
                    format!("the chapter file `{}` does not exist", display_path(&path)),
                )
                .at(manifest_file.clone(), entry.span())
                .hint("create the file, or remove it from `chapters` in bilan.toml"),
            );
            continue;
        }
        let (file, chapter) = parse_file::<Chapter>(&path)?;
        match chapter.and_then(|c| with_picture(c, &file)) {
            Ok(chapter) => {
                errors.extend(missing_pictures(&chapter, &file, dir));
                chapters.push(chapter);
            }
            Err(diagnostic) => errors.push(diagnostic),
        }
        files.push(file);
    }
    match date {
        Ok(date) if errors.is_empty() => Ok(Project {
            brochure: Brochure::new(manifest, chapters),
            files,
            date,
            dir: dir.to_path_buf(),
        }),
        _ => Err(LoadError::Invalid(errors)),
    }
}

/// Builds the opener's picture of a chapter from its four keys.
fn with_picture(mut chapter: Chapter, file: &SourceFile) -> Result<Chapter, Diagnostic> {
    let span = chapter
        .image
        .as_ref()
        .map(toml::Spanned::span)
        .or_else(|| chapter.alt.as_ref().map(|a| a.span.clone()))
        .unwrap_or(0..0);
    let (image, alt) = (chapter.image.take(), chapter.alt.take());
    let (caption, credit) = (chapter.caption.take(), chapter.credit.take());
    chapter.picture = Picture::from_keys(image, alt, caption, credit).map_err(|err| {
        let (message, hint) = err.split_once("\nhint: ").unwrap_or((&err, ""));
        Diagnostic::error("picture", message)
            .at(file.clone(), span)
            .hint(hint)
    })?;
    Ok(chapter)
}

/// An error for each picture of the chapter whose file is not in `sources/`.
fn missing_pictures(chapter: &Chapter, file: &SourceFile, dir: &Path) -> Vec<Diagnostic> {
    let blocks = chapter.sections.iter().flat_map(|s| &s.blocks);
    chapter
        .picture
        .iter()
        .chain(blocks.filter_map(Block::picture))
        .filter(|picture| !picture.file(dir).is_some_and(|path| path.is_file()))
        .map(|picture| {
            Diagnostic::error(
                "picture-missing",
                format!("the picture `{}` is not a file inside `{}`", picture.image.get_ref(), display_path(dir)),
            )
            .at(file.clone(), picture.image.span())
            .hint("put the picture under sources/ (e.g. sources/images/) and give its path from there")
        })
        .collect()
}

/// Reads and deserializes one TOML file. The outer error means the file
/// could not be read; the inner one that its content is invalid.
fn parse_file<T: DeserializeOwned>(
    path: &Path,
) -> Result<(SourceFile, Result<T, Diagnostic>), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        LoadError::CannotRun(
            Diagnostic::error(
                "unreadable",
                format!("cannot read `{}`: {err}", display_path(path)),
            )
            .hint("check that the file exists, is readable and is UTF-8 text"),
        )
    })?;
    let file = SourceFile::new(path, text);
    let parsed = toml::from_str::<T>(&file.text).map_err(|err| toml_diagnostic(&file, &err));
    Ok((file, parsed))
}

/// Turns a TOML syntax or schema error into a diagnostic with its position.
fn toml_diagnostic(file: &SourceFile, err: &toml::de::Error) -> Diagnostic {
    let mut message = err.message().trim_end();
    let mut span = err.span();
    // A markup error ends with the offset of the faulty mark in the string:
    // point at the mark itself rather than at the whole string.
    if let Some((rest, position)) = message.rsplit_once(&format!("\n{OFFSET_MARK}")) {
        message = rest;
        let parsed = position
            .split_once(':')
            .and_then(|(start, offset)| Some((start.parse::<usize>().ok()?, offset.parse().ok()?)));
        if let Some((start, offset)) = parsed.filter(|(start, _)| *start < file.text.len()) {
            let at = start + offset_in_literal(&file.text[start..], offset);
            span = Some(at..at + 1);
        }
    }
    let (message, hint) = match message.split_once("\nhint: ") {
        Some((message, hint)) => (message.to_owned(), Some(hint.to_owned())),
        None => (message.to_owned(), None),
    };
    let hint = hint.or_else(|| schema_hint(&message));
    let mut diagnostic = Diagnostic::error("toml", message);
    if let Some(span) = span {
        diagnostic = diagnostic.at(file.clone(), span);
    }
    match hint {
        Some(hint) => diagnostic.hint(hint),
        None => diagnostic,
    }
}

/// A hint for the usual schema mistakes, from toml's message; for an unknown
/// key or value, the closest allowed one.
fn schema_hint(message: &str) -> Option<String> {
    let unknown = ["unknown field", "unknown variant"]
        .iter()
        .any(|start| message.starts_with(start));
    if unknown && let Some(suggestion) = closest_expected(message) {
        return Some(format!("did you mean `{suggestion}`?"));
    }
    if message.starts_with("unknown field") {
        Some(
            "remove this key or correct its spelling; the keys allowed here are listed above"
                .into(),
        )
    } else if message.starts_with("missing field") {
        Some("add the missing key to this table".into())
    } else if message.starts_with("unknown variant") {
        Some("use one of the values listed above".into())
    } else if message.starts_with("invalid type") {
        Some("texts are written between double quotes, lists between `[` and `]`".into())
    } else {
        None
    }
}

/// In « unknown field `shortitle`, expected one of `a`, `b` », the expected
/// name closest to the unknown one, if it is close enough to be a typo.
fn closest_expected(message: &str) -> Option<&str> {
    let mut names = message.split('`').skip(1).step_by(2);
    let unknown = names.next()?;
    names
        .map(|name| (strsim::levenshtein(unknown, name), name))
        .filter(|&(distance, _)| distance <= 3)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

fn chapter_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (plain && !name.is_empty()).then(|| dir.join(relative))
}

fn parse_date(manifest: &Manifest, file: &SourceFile) -> Result<Date, Diagnostic> {
    let raw = manifest.metadata.date.get_ref();
    let parts: Vec<&str> = raw.split('-').collect();
    let date = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(year), Ok(month @ 1..=12), Ok(day @ 1..=31)) => Some(Date { year, month, day }),
                _ => None,
            }
        }
        _ => None,
    };
    date.ok_or_else(|| {
        Diagnostic::error("date", format!("`{raw}` is not a date"))
            .at(file.clone(), manifest.metadata.date.span())
            .hint("write the date as `YYYY-MM-DD`, e.g. `2021-03-01`")
    })
}
