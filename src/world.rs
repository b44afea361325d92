//! The Typst `World` of `bilan`: the layouts of `layouts/`, the fonts of
//! `fonts/` and nothing else from disk, plus the brochure's content as an
//! in-memory JSON file. No system fonts, no packages, no network.

mod map;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::content::model::{Layout, Openers};
use crate::content::territories::{DRAWN_MAP, Map, Territories};
use crate::content::{Brochure, Project};
use crate::diag::{Code, Diagnostic, display_path};

/// The layout file Typst starts from, inside `layouts/`.
pub const ENTRY_LAYOUT: &str = "bilan.typ";
/// Where the layouts find the content: `json("/content.json")`.
pub const DATA_PATH: &str = "/content.json";
/// Where the layouts find the brand (colours, roles, fonts):
/// `json("/brand.json")`, a file of its own so that an edit of the text
/// leaves the theme as it was.
pub const BRAND_PATH: &str = "/brand.json";
/// Where the layouts find the edition settings: `json("/edition.json")`.
pub const EDITION_PATH: &str = "/edition.json";

/// Where the layouts find the pagination decisions: `json("/layout.json")`.
pub const FIT_PATH: &str = "/layout.json";

/// Where the layouts find the marks of a proof (`bilan diff`):
/// `json("/proof.json")`, `null` when the brochure is built as it is.
pub const PROOF_PATH: &str = "/proof.json";

/// What `bilan` decided for the pagination, read by the layouts: the
/// `[layout]` rules of `bilan.toml`, then what the fitting added after a
/// first layout (see [`crate::pagination`]). The layouts read the decisions
/// of each chapter apart (`chapters` of `/layout.json`, by index), so that
/// a decision about one chapter leaves the others as they were laid out
/// (Typst reuses their layout).
#[derive(Debug, Clone, PartialEq)]
pub struct PageFit {
    /// `any` or `recto`: where openers start.
    pub openers: Openers,
    /// Callouts taller than a column: they split across columns.
    pub split_callouts: Vec<BlockId>,
    /// Callouts and figures that float to the top or the foot of the next
    /// column, because where they stand they left a white hole at the foot
    /// of a right-hand column.
    pub floats: Vec<BlockId>,
    /// Callouts and figures shown at the top of the right-hand column while
    /// anchored where they stand in the text, because they left a white hole
    /// at the foot of the left-hand column.
    pub anchors: Vec<BlockId>,
    /// The room that balances the last page of a chapter, by chapter index.
    pub balance: BTreeMap<usize, Balance>,
    /// Extra space in some gaps, in points: the white left at the foot of
    /// their column, shared out between them.
    pub spread: Spread,
    /// The factor applied to the vertical gaps of the body.
    pub spacing: f64,
    /// A further factor for the vertical gaps of some chapters (by index),
    /// tightened to pull the few lines of their last page back.
    pub chapter_spacing: BTreeMap<usize, f64>,
    /// « Notes » pages added before the slogan page.
    pub notes_pages: usize,
    /// Blank pages added after them.
    pub blank_pages: usize,
    /// The title of the « Notes » pages.
    pub notes_title: String,
    /// How densely the index of the départements sets its entries (0: as
    /// designed; see [`crate::pagination::INDEX_HOLDS`]), raised when they
    /// spill past their page.
    pub index_density: usize,
    /// The settings of a leaflet; `None`: the brochure's structure.
    pub leaflet: Option<Leaflet>,
}

/// What the fitting decided for a local edition set as a leaflet
/// (`leaflet` of `/layout.json`).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Leaflet {
    /// Whether the Sommaire heads the flow.
    pub sommaire: bool,
    /// Whether the édito is printed.
    pub edito: bool,
    /// How many of the édito's paragraphs are printed (`None`: all).
    pub edito_paragraphs: Option<usize>,
    /// The chapters (by index) that start a page of their own, under a
    /// band across both columns.
    pub breaks: Vec<usize>,
    /// The height of those bands, in millimetres, by chapter (as tall as
    /// their title when not given).
    pub opener_heights: BTreeMap<usize, f64>,
    /// The size of the body text, as a factor of the booklet's.
    pub text_scale: f64,
    /// The initiatives followed by a pull quote of their first sentence.
    pub quotes: Vec<BlockId>,
}

/// `/layout.json`: the settings of the whole brochure, and the decisions of
/// each chapter that has some.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct FitFile<'a> {
    openers: Openers,
    spacing: f64,
    notes_pages: usize,
    blank_pages: usize,
    notes_title: &'a str,
    index_density: usize,
    leaflet: Option<Leaflet>,
    chapters: BTreeMap<usize, ChapterFit>,
}

/// The decisions about one chapter, as [`PageFit`] names them.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct ChapterFit {
    split_callouts: Vec<BlockId>,
    floats: Vec<BlockId>,
    anchors: Vec<BlockId>,
    spread: BTreeMap<BlockId, f64>,
    spread_paragraphs: BTreeMap<BlockId, BTreeMap<usize, f64>>,
    balance: Option<Balance>,
    spacing: f64,
}

impl Default for ChapterFit {
    fn default() -> Self {
        Self {
            split_callouts: Vec::new(),
            floats: Vec::new(),
            anchors: Vec::new(),
            spread: BTreeMap::new(),
            spread_paragraphs: BTreeMap::new(),
            balance: None,
            spacing: 1.0,
        }
    }
}

impl Serialize for PageFit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut chapters = BTreeMap::<usize, ChapterFit>::new();
        for id in &self.split_callouts {
            chapters
                .entry(id.chapter)
                .or_default()
                .split_callouts
                .push(*id);
        }
        for id in &self.floats {
            chapters.entry(id.chapter).or_default().floats.push(*id);
        }
        for id in &self.anchors {
            chapters.entry(id.chapter).or_default().anchors.push(*id);
        }
        for (id, points) in &self.spread.blocks {
            chapters
                .entry(id.chapter)
                .or_default()
                .spread
                .insert(*id, *points);
        }
        for (&(id, paragraph), points) in &self.spread.paragraphs {
            chapters
                .entry(id.chapter)
                .or_default()
                .spread_paragraphs
                .entry(id)
                .or_default()
                .insert(paragraph, *points);
        }
        for (chapter, balance) in &self.balance {
            chapters.entry(*chapter).or_default().balance = Some(*balance);
        }
        for (chapter, spacing) in &self.chapter_spacing {
            chapters.entry(*chapter).or_default().spacing = *spacing;
        }
        FitFile {
            openers: self.openers,
            spacing: self.spacing,
            notes_pages: self.notes_pages,
            blank_pages: self.blank_pages,
            notes_title: &self.notes_title,
            index_density: self.index_density,
            leaflet: self.leaflet.clone(),
            chapters,
        }
        .serialize(serializer)
    }
}

/// Extra space in the gaps of some columns, in points (see
/// [`crate::pagination`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Spread {
    /// Before a block, or a section's heading.
    pub blocks: BTreeMap<BlockId, f64>,
    /// Before a paragraph of an initiative or of a section's introduction:
    /// its block (or section), and its index among those paragraphs (from 1).
    pub paragraphs: BTreeMap<(BlockId, usize), f64>,
}

impl Spread {
    /// How many gaps get extra space.
    pub fn len(&self) -> usize {
        self.blocks.len() + self.paragraphs.len()
    }

    /// Whether no gap gets extra space.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Leaves out the gaps of one chapter.
    pub fn drop_chapter(&mut self, chapter: usize) {
        self.blocks.retain(|id, _| id.chapter != chapter);
        self.paragraphs.retain(|(id, _), _| id.chapter != chapter);
    }
}

/// Room reserved at the foot of a chapter's last page, across both columns.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Balance {
    /// The block (`chapter.section.block`) before which the room is asked
    /// for: the first block that starts on that page.
    pub before: BlockId,
    /// Its height, in points.
    pub reserve: f64,
}

/// A section (`chapter.section`) or a block (`chapter.section.block`), as
/// the layouts mark them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BlockId {
    /// Index of the chapter.
    pub chapter: usize,
    /// Index of the section in its chapter.
    pub section: usize,
    /// Index of the block in its section; `None` for the section itself.
    pub block: Option<usize>,
}

impl BlockId {
    /// Reads `"1.2"` or `"1.2.3"`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split('.').map(str::parse::<usize>);
        let chapter = parts.next()?.ok()?;
        let section = parts.next()?.ok()?;
        let block = match parts.next() {
            Some(block) => Some(block.ok()?),
            None => None,
        };
        parts.next().is_none().then_some(Self {
            chapter,
            section,
            block,
        })
    }
}

impl std::fmt::Display for BlockId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.chapter, self.section)?;
        if let Some(block) = self.block {
            write!(f, ".{block}")?;
        }
        Ok(())
    }
}

impl Serialize for BlockId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for BlockId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a block id")))
    }
}

impl PageFit {
    /// The rules of `[layout]`, before any fitting.
    pub fn new(layout: &Layout) -> Self {
        Self {
            openers: layout.openers,
            split_callouts: Vec::new(),
            floats: Vec::new(),
            anchors: Vec::new(),
            spread: Spread::default(),
            spacing: 1.0,
            chapter_spacing: BTreeMap::new(),
            balance: BTreeMap::new(),
            notes_pages: 0,
            blank_pages: 0,
            notes_title: layout.notes_title.clone(),
            index_density: 0,
            leaflet: None,
        }
    }
}

/// What the layouts need to know of the edition being built.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Edition {
    /// `print` or `screen`.
    pub profile: String,
    /// Bleed on every side of the trim, in millimetres.
    pub bleed_mm: f64,
    /// Whether to draw crop marks outside the bleed.
    pub marks: bool,
    /// Whether brand colours are CMYK (else RGB).
    pub cmyk: bool,
}

/// Everything Typst may read while typesetting the brochure. A clone
/// shares the fonts, the layouts and the pictures (each held once, behind
/// reference counts), so that local editions cost only their content.
#[derive(Clone)]
pub struct BilanWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    paths: HashMap<FileId, PathBuf>,
    today: Datetime,
    /// The list whose map is served at [`DRAWN_MAP`], if one is: a local
    /// edition shares its brochure's list, whose map is drawn once.
    drawn: Option<Arc<Territories>>,
}

impl BilanWorld {
    /// Reads the layouts of `root/layouts` and the pictures of the project,
    /// takes the fonts (those of `root/fonts`, see [`crate::fonts::load`]),
    /// and serves the content as the data file.
    ///
    /// # Errors
    /// A diagnostic when a folder or a picture cannot be read, or when there
    /// is no entry layout.
    pub fn new(
        root: &Path,
        project: &Project,
        edition: &Edition,
        fonts: Vec<Font>,
    ) -> Result<Self, Diagnostic> {
        let date = project.date();
        // A validated date is a real day, which Typst always accepts.
        let today = Datetime::from_ymd(date.year, date.month, date.day).ok_or_else(|| {
            Diagnostic::new(
                Code::DateInvalid,
                format!("{date} is not a day of the calendar"),
            )
            .hint("correct `date` in the `[metadata]` of bilan.toml")
        })?;
        let mut world = Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: virtual_id(&format!("/{ENTRY_LAYOUT}"))?,
            sources: HashMap::new(),
            files: HashMap::new(),
            paths: HashMap::new(),
            today,
            drawn: None,
        };
        world.reload_layouts(&root.join("layouts"))?;
        world.set_content(&project.brochure)?;
        world.set_pictures(project)?;
        world
            .files
            .insert(virtual_id(EDITION_PATH)?, Bytes::new(to_json(edition)?));
        world.set_fit(&PageFit::new(&project.brochure.manifest.layout))?;
        world.set_proof(&())?;
        Ok(world)
    }

    /// Reads the pictures of the project (again).
    ///
    /// # Errors
    /// A picture that cannot be read.
    pub fn set_pictures(&mut self, project: &Project) -> Result<(), Diagnostic> {
        for picture in project.pictures() {
            let bytes = std::fs::read(&picture.path)
                .map_err(|err| Diagnostic::unreadable(&picture.path, &err))?;
            let id = virtual_id(&picture.virtual_path)?;
            self.files.insert(id, Bytes::new(bytes));
            self.paths.insert(id, picture.path);
        }
        Ok(())
    }

    /// Replaces the fonts.
    pub fn set_fonts(&mut self, fonts: Vec<Font>) {
        self.book = LazyHash::new(FontBook::from_fonts(&fonts));
        self.fonts = fonts;
    }

    /// Replaces the content data file and the brand (the layouts are kept).
    ///
    /// # Errors
    /// None in practice: the content always serializes to JSON.
    pub fn set_content(&mut self, brochure: &Brochure) -> Result<(), Diagnostic> {
        self.files
            .insert(virtual_id(DATA_PATH)?, Bytes::new(to_json(brochure)?));
        self.files.insert(
            virtual_id(BRAND_PATH)?,
            Bytes::new(to_json(&brochure.manifest.brand)?),
        );
        self.set_map(&brochure.territories)
    }

    /// Serves the map drawn from `[territories]`, if the list has one, at
    /// [`DRAWN_MAP`] (the built-in map is a file of the layouts).
    fn set_map(&mut self, territories: &Arc<Territories>) -> Result<(), Diagnostic> {
        if self
            .drawn
            .as_ref()
            .is_some_and(|drawn| Arc::ptr_eq(drawn, territories))
        {
            return Ok(());
        }
        let id = virtual_id(DRAWN_MAP)?;
        match territories.map() {
            Map::Drawn(shapes) => {
                self.files
                    .insert(id, Bytes::new(map::svg(shapes).into_bytes()));
                self.drawn = Some(territories.clone());
            }
            Map::Builtin | Map::None => {
                self.files.remove(&id);
                self.drawn = None;
            }
        }
        Ok(())
    }

    /// Replaces the pagination decisions the layouts read.
    ///
    /// # Errors
    /// None in practice: the decisions always serialize to JSON.
    pub fn set_fit(&mut self, fit: &PageFit) -> Result<(), Diagnostic> {
        self.files
            .insert(virtual_id(FIT_PATH)?, Bytes::new(fit_json(fit)?));
        Ok(())
    }

    /// Replaces the marks of a proof the layouts draw over the pages (`()`,
    /// that is `null`, for none).
    ///
    /// # Errors
    /// A value that does not serialize to JSON.
    pub fn set_proof(&mut self, proof: &impl Serialize) -> Result<(), Diagnostic> {
        self.files
            .insert(virtual_id(PROOF_PATH)?, Bytes::new(to_json(proof)?));
        Ok(())
    }

    /// Replaces the bytes of a file served by the world (a picture
    /// downsampled for the screen edition).
    ///
    /// # Errors
    /// A path the world cannot serve.
    pub fn replace_file(&mut self, virtual_path: &str, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.files
            .insert(virtual_id(virtual_path)?, Bytes::new(bytes));
        Ok(())
    }

    /// The virtual path of the served file holding exactly these bytes.
    pub fn path_of_bytes(&self, bytes: &Bytes) -> Option<String> {
        self.files
            .iter()
            .find(|(_, served)| *served == bytes)
            .map(|(id, _)| id.vpath().get_with_slash().to_owned())
    }

    /// Every file the layouts can read, by virtual path (`/bilan.typ`,
    /// `/content.json`, `/sources/images/…`): what a standalone Typst project
    /// needs besides the fonts.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let sources = self
            .sources
            .iter()
            .map(|(id, source)| (id, source.text().as_bytes().to_vec()));
        let files = self
            .files
            .iter()
            .map(|(id, bytes)| (id, bytes.as_slice().to_vec()));
        let mut all: Vec<(String, Vec<u8>)> = sources
            .chain(files)
            .map(|(id, bytes)| (id.vpath().get_with_slash().to_owned(), bytes))
            .collect();
        all.sort();
        all
    }

    /// The path to show for a file of this world: the real layout file, or a
    /// description of the generated data file.
    pub fn display_name(&self, id: FileId) -> String {
        match self.paths.get(&id) {
            Some(path) => display_path(path),
            None => format!(
                "{} (generated from sources/)",
                id.vpath().get_without_slash()
            ),
        }
    }

    /// Reads the layouts of `dir` (again): a changed `.typ` file is edited in
    /// place, so that Typst re-parses and re-lays out only what changed.
    ///
    /// # Errors
    /// A folder that cannot be read or has no entry layout.
    pub fn reload_layouts(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        let entry = dir.join(ENTRY_LAYOUT);
        if !entry.is_file() {
            return Err(Diagnostic::new(
                Code::LayoutsMissing,
                format!("the entry layout `{}` does not exist", display_path(&entry)),
            )
            .hint("run `bilan` from the repository root, or pass `--root <DIR>`"));
        }
        for path in crate::files::files_under(dir)? {
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let vpath = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            let id = virtual_id(&vpath)?;
            let bytes = std::fs::read(&path).map_err(|err| Diagnostic::unreadable(&path, &err))?;
            if path.extension().is_some_and(|e| e == "typ") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Diagnostic::unreadable(&path, &"it is not UTF-8 text"))?;
                match self.sources.get_mut(&id) {
                    Some(source) if source.text() != text => {
                        source.replace(&text);
                    }
                    Some(_) => {}
                    None => {
                        self.sources.insert(id, Source::new(id, text));
                    }
                }
            } else {
                self.files.insert(id, Bytes::new(bytes));
            }
            self.paths.insert(id, path);
        }
        Ok(())
    }
}

impl World for BilanWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        self.files.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// The decisions as the layouts read them (`/layout.json`): two plans that
/// give the same bytes give the same pages.
///
/// # Errors
/// None in practice: the decisions always serialize to JSON.
pub fn fit_json(fit: &PageFit) -> Result<Vec<u8>, Diagnostic> {
    to_json(fit)
}

/// Serializes data for the layouts. The content model has only string keys
/// (and serde_json writes a non-finite number as `null`), so this does not
/// fail in practice; an error would still be a diagnostic, not a panic.
fn to_json(value: &impl Serialize) -> Result<Vec<u8>, Diagnostic> {
    serde_json::to_vec(value).map_err(|err| {
        Diagnostic::new(
            Code::Data,
            format!("cannot write the data for the layouts: {err}"),
        )
    })
}

/// The id of a file the world serves. The validated picture paths and the
/// fixed paths always make valid ids; a layout file whose name Typst cannot
/// take (a backslash in it) is an error.
fn virtual_id(path: &str) -> Result<FileId, Diagnostic> {
    let vpath = VirtualPath::new(path).map_err(|err| {
        Diagnostic::new(
            Code::FileName,
            format!("the file `{path}` cannot be served to the layouts: {err:?}"),
        )
        .hint("rename the file with plain letters, digits, `-`, `_` and `.`")
    })?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

fn not_found(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Package(PackageError::NotFound(spec.clone())),
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_with_slash().into()),
    }
}
