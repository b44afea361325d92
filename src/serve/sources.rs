//! Where what a page prints comes from: for each page, regions (rectangles
//! in fractions of the page's width and height, so that the browser can
//! scale them) with the source strings or blocks they show: file, line and
//! column, key, and the link that opens it in the editor. All of it is read
//! from the laid-out pages and the loaded sources:
//!
//! - a title, a paragraph, a lead, a label…: the words of each source string
//!   (compared in the form `bilan where` uses) among the words printed on
//!   the pages where its block lands;
//! - an initiative, a callout, a figure: the area of its strings, so that a
//!   click beside them (on a picture, in a frame) shows the block;
//! - a Sommaire entry: its link to a heading gives the chapter or section;
//! - an index entry and each of its page numbers: the blocks that cite the
//!   département (on that page).

use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;
use typst::foundations::{Element, Label, Selector, Value};
use typst::introspection::{Introspector, Location, MetadataElem};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::model::{Destination, HeadingElem, Outlinable};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use unicode_normalization::UnicodeNormalization;

use super::Editor;
use crate::content::markup::{self, Inline};
use crate::content::model::{Block, ChapterKind};
use crate::content::search::search_form;
use crate::content::{Project, Text};
use crate::diag::SourceFile;
use crate::diff::Origin;
use crate::pagination::{PrintedWord, block_pages, page_words};
use crate::world::BlockId;

/// How far (in words) a string may resume after a line that ends it for a
/// while: past a callout or a figure set between its columns, past the
/// foot and head of a page.
const GAP_WORDS: usize = 600;

/// How much of a string must follow, in characters, where it resumes after
/// such a gap (or all of it, when less is left).
const RESUME_CHARS: usize = 12;

/// Space added around a string's lines, in points, so that a click between
/// two lines still finds them.
const STRING_PAD: f64 = 1.5;

/// Space added around a block's strings, in points.
const BLOCK_PAD: f64 = 4.0;

/// How far above a callout's first string its label may stand, in points.
const LABEL_GAP: f64 = 60.0;

/// A source string or block, as the preview names it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Source {
    /// What it belongs to, and where that stands: `initiative · II › 2.2`.
    pub(super) what: String,
    /// Its key in the file: `sections.blocks.paragraphs[1]`.
    pub(super) key: String,
    /// `sources/02-solidarite-territoriale.toml:148:3`.
    pub(super) origin: String,
    /// Its first words.
    pub(super) words: String,
    /// The link that opens it in the editor.
    pub(super) href: String,
}

/// A rectangle of a page and the sources of what it shows.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Region {
    /// Left edge, as a fraction of the page's width.
    pub(super) x: f64,
    /// Top edge, as a fraction of the page's height.
    pub(super) y: f64,
    /// Width, as a fraction of the page's width.
    pub(super) w: f64,
    /// Height, as a fraction of the page's height.
    pub(super) h: f64,
    /// Indexes in [`SourceMap::sources`].
    pub(super) sources: Vec<usize>,
}

/// Every page's regions, and the sources they point to.
#[derive(Debug, Clone, Default, Serialize)]
pub(super) struct SourceMap {
    /// The sources.
    pub(super) sources: Vec<Source>,
    /// The regions of each page, in page order.
    pub(super) pages: Vec<Vec<Region>>,
}

/// A rectangle in points, from the top left of a page's frame.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Rect {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rect {
    fn of(word: &PrintedWord) -> Self {
        Self {
            x0: word.x0,
            y0: word.y0,
            x1: word.x1,
            y1: word.y1,
        }
    }

    fn union(self, other: Rect) -> Self {
        Self {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    fn padded(self, pad: f64) -> Self {
        Self {
            x0: self.x0 - pad,
            y0: self.y0 - pad,
            x1: self.x1 + pad,
            y1: self.y1 + pad,
        }
    }

    fn overlaps_x(self, other: Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1
    }
}

/// A string of a unit.
struct Piece {
    /// Its key in its unit's table.
    key: String,
    /// What it prints, without markup.
    plain: String,
    /// Where it starts in its file (its opening quote), in bytes.
    start: usize,
    /// The départements it cites.
    cites: Vec<String>,
    /// Where it is looked for.
    printed: Printed,
}

/// Where a string is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Printed {
    /// On the pages where its block lands (every page, outside blocks).
    WithItsBlock,
    /// On every page: a chapter's title (on its opener, in the Sommaire),
    /// its short title (in the running footer).
    Anywhere,
    /// Only in the Sommaire, whose entries are found by their links: the
    /// entry shows the chapter's or section's title first.
    InTheSommaire,
}

/// A unit of the brochure, with its strings.
struct Unit<'a> {
    /// What it is, and where it stands: `initiative · II › 2.2`.
    what: String,
    /// Its block or section, as the layouts mark it (for its pages).
    block: Option<BlockId>,
    file: &'a SourceFile,
    /// The key of its table: `sections.blocks`, `edito`, or empty.
    table: &'static str,
    pieces: Vec<Piece>,
    /// A block (initiative, callout, figure): its area shows it too.
    boxed: bool,
    /// A callout family's name, for the unit of its label.
    labels: Option<&'a str>,
    /// A callout's family, when it prints the family's label.
    family: Option<&'a str>,
    /// The départements a block cites, as the index counts them (the
    /// strings of other units cite on their own).
    cites: Vec<String>,
}

impl<'a> Unit<'a> {
    fn new(what: String, file: &'a SourceFile, table: &'static str) -> Self {
        Self {
            what,
            block: None,
            file,
            table,
            pieces: Vec::new(),
            boxed: false,
            labels: None,
            family: None,
            cites: Vec::new(),
        }
    }

    fn push(&mut self, key: impl Into<String>, text: &Text) {
        self.pieces.push(Piece {
            key: key.into(),
            plain: text.plain(),
            start: text.span.start,
            cites: cited(&text.inlines),
            printed: Printed::WithItsBlock,
        });
    }

    /// A string printed as written (an e-mail address, a phone number).
    fn push_verbatim(&mut self, key: &str, string: &toml::Spanned<String>) {
        self.pieces.push(Piece {
            key: key.to_owned(),
            plain: string.get_ref().clone(),
            start: string.span().start,
            cites: Vec::new(),
            printed: Printed::WithItsBlock,
        });
    }

    fn push_all(&mut self, key: &str, texts: &[Text]) {
        for (i, text) in texts.iter().enumerate() {
            self.push(format!("{key}[{i}]"), text);
        }
    }

    fn push_printed(&mut self, key: &str, text: &Text, printed: Printed) {
        self.push(key, text);
        if let Some(piece) = self.pieces.last_mut() {
            piece.printed = printed;
        }
    }

    /// The key of a string of the unit, from the file's top.
    fn key(&self, key: &str) -> String {
        if self.table.is_empty() {
            key.to_owned()
        } else if key.is_empty() {
            self.table.to_owned()
        } else {
            format!("{}.{key}", self.table)
        }
    }
}

impl SourceMap {
    /// The regions of every page of `document`, typeset from `project`;
    /// `editor` makes the links.
    pub(super) fn new(project: &Project, document: &PagedDocument, editor: &Editor) -> Self {
        let mut map = Mapper::new(project, document, editor);
        map.strings();
        map.blocks();
        map.links();
        map.index_entries();
        map.finish()
    }
}

/// A printed word, with what the matching needs.
struct Word {
    page: usize,
    rect: Rect,
    /// Its characters in the compared form, without spaces.
    compact: String,
    /// Whether it starts a line (or a column, or a page).
    starts_line: bool,
    /// Whether a string was found there.
    claimed: bool,
}

/// Works a [`SourceMap`] out: the strings found on the pages, then the
/// areas of the blocks, the links, the index entries.
struct Mapper<'a> {
    document: &'a PagedDocument,
    units: Vec<Unit<'a>>,
    /// The source of each string, by unit and piece.
    piece_sources: Vec<Vec<usize>>,
    /// The source of each block as a whole (`None` for other units).
    unit_sources: Vec<Option<usize>>,
    /// The source of each Sommaire entry: chapters and their sections.
    headings: Vec<Vec<usize>>,
    words: Vec<Word>,
    /// The first page (from 0) of each section and block.
    block_pages: HashMap<BlockId, usize>,
    /// Where each string was found: (unit, page, rectangle).
    found: Vec<(usize, usize, Rect)>,
    sources: Vec<Source>,
    /// Each page's rectangles, and the sources of each.
    regions: Vec<Vec<(Rect, Vec<usize>)>>,
    project: &'a Project,
}

impl<'a> Mapper<'a> {
    fn new(project: &'a Project, document: &'a PagedDocument, editor: &'a Editor) -> Self {
        let (units, headings) = units(project);
        let mut sources = Vec::new();
        let mut piece_sources = Vec::new();
        let mut unit_sources = Vec::new();
        for unit in &units {
            let mut ids = Vec::new();
            for piece in &unit.pieces {
                ids.push(sources.len());
                sources.push(source(editor, unit, &unit.key(&piece.key), piece));
            }
            unit_sources.push(match (unit.boxed, unit.pieces.first()) {
                (true, Some(first)) => {
                    sources.push(source(editor, unit, &unit.key(""), first));
                    Some(sources.len() - 1)
                }
                _ => None,
            });
            piece_sources.push(ids);
        }
        let headings = headings
            .into_iter()
            .map(|pieces| {
                pieces
                    .into_iter()
                    .map(|(unit, piece)| piece_sources[unit][piece])
                    .collect()
            })
            .collect();
        let words = printed_words(document);
        Self {
            document,
            piece_sources,
            unit_sources,
            headings,
            words,
            block_pages: block_pages(document)
                .into_iter()
                .map(|(id, page)| (id, page.saturating_sub(1)))
                .collect(),
            found: Vec::new(),
            sources,
            regions: vec![Vec::new(); document.pages().len()],
            units,
            project,
        }
    }

    /// Finds every string on the pages, the longest first: a short one
    /// (a title) is never found inside a longer one (a paragraph).
    fn strings(&mut self) {
        let mut order: Vec<(usize, usize, String)> = self
            .units
            .iter()
            .enumerate()
            .flat_map(|(u, unit)| {
                unit.pieces
                    .iter()
                    .enumerate()
                    .map(move |(p, piece)| (u, p, compact(&piece.plain)))
            })
            .filter(|&(u, p, ref needle)| {
                !needle.is_empty() && self.units[u].pieces[p].printed != Printed::InTheSommaire
            })
            .collect();
        order.sort_by_key(|(_, _, needle)| std::cmp::Reverse(needle.len()));
        for (u, p, needle) in order {
            let unit = &self.units[u];
            let pages = match unit.block.and_then(|id| self.block_pages.get(&id)) {
                Some(&page) if unit.pieces[p].printed == Printed::WithItsBlock => {
                    page.saturating_sub(1)..=page + 2
                }
                _ => 0..=usize::MAX,
            };
            let source = self.piece_sources[u][p];
            for words in self.find(&needle, &pages) {
                for &w in &words {
                    self.words[w].claimed = true;
                }
                for (page, rect) in
                    lines(&words.iter().map(|&w| &self.words[w]).collect::<Vec<_>>())
                {
                    self.found.push((u, page, rect));
                    // A family's label is placed with its callout (see
                    // `blocks`).
                    if self.units[u].labels.is_none() {
                        self.regions[page].push((rect.padded(STRING_PAD), vec![source]));
                    }
                }
            }
        }
    }

    /// Every place where `needle` is printed on `pages` (from 0), in words
    /// no other string holds.
    fn find(&self, needle: &str, pages: &std::ops::RangeInclusive<usize>) -> Vec<Vec<usize>> {
        let mut found = Vec::new();
        let mut i = self.words.partition_point(|w| w.page < *pages.start());
        while let Some(word) = self.words.get(i) {
            if word.page > *pages.end() {
                break;
            }
            if !word.claimed
                && !word.compact.is_empty()
                && needle.starts_with(&word.compact)
                && let Some(words) = self.match_from(i, needle)
            {
                i = words.last().map_or(i, |&last| last) + 1;
                found.push(words);
                continue;
            }
            i += 1;
        }
        found
    }

    /// The words that print `needle` from word `start` on, line after line;
    /// after a line, the string may resume at the start of a later line
    /// (past a callout set between its columns, past a page's foot).
    fn match_from(&self, start: usize, needle: &str) -> Option<Vec<usize>> {
        let mut matched = Vec::new();
        let mut at = 0;
        let mut i = start;
        while at < needle.len() {
            let word = self.words.get(i)?;
            let rest = &needle[at..];
            if !word.claimed && rest.starts_with(&word.compact) {
                if !word.compact.is_empty() {
                    matched.push(i);
                }
                at += word.compact.len();
                i += 1;
                continue;
            }
            if !word.starts_line || matched.is_empty() {
                return None;
            }
            i = (i + 1..self.words.len().min(i + GAP_WORDS))
                .find(|&j| self.words[j].starts_line && self.resumes(j, rest))?;
        }
        Some(matched)
    }

    /// Whether `rest` (or its first characters) is printed from word `j` on,
    /// in words no string holds.
    fn resumes(&self, j: usize, rest: &str) -> bool {
        let want = rest
            .char_indices()
            .nth(RESUME_CHARS)
            .map_or(rest.len(), |(at, _)| at);
        let mut at = 0;
        for word in &self.words[j..] {
            if at >= want {
                return true;
            }
            if word.claimed || word.compact.is_empty() && at == 0 {
                return false;
            }
            if !rest[at..].starts_with(&word.compact) {
                return at + word.compact.len() > want && word.compact.starts_with(&rest[at..want]);
            }
            at += word.compact.len();
        }
        at >= want
    }

    /// The area of each initiative, callout and figure on each page: the
    /// strings found in each of its columns, with the space between them;
    /// a callout's area takes in its family's label above it, which shows
    /// the callout and the label.
    fn blocks(&mut self) {
        let mut areas: Vec<((usize, usize), Vec<Rect>)> = Vec::new();
        for &(unit, page, rect) in &self.found {
            if !self.units[unit].boxed {
                continue;
            }
            let at = match areas.iter().position(|(key, _)| *key == (unit, page)) {
                Some(at) => at,
                None => {
                    areas.push(((unit, page), Vec::new()));
                    areas.len() - 1
                }
            };
            let columns = &mut areas[at].1;
            match columns.iter_mut().find(|area| area.overlaps_x(rect)) {
                Some(area) => *area = area.union(rect),
                None => columns.push(rect),
            }
        }
        let labels: Vec<(usize, usize, Rect)> = self
            .found
            .iter()
            .filter(|&&(unit, _, _)| self.units[unit].labels.is_some())
            .copied()
            .collect();
        for (family, page, label) in labels {
            let name = self.units[family].labels;
            // The area just under the label, in its column.
            let below = areas
                .iter_mut()
                .filter(|((unit, p), _)| *p == page && self.units[*unit].family == name)
                .flat_map(|((unit, _), rects)| rects.iter_mut().map(move |rect| (*unit, rect)))
                .filter(|(_, rect)| {
                    rect.overlaps_x(label)
                        && label.y1 <= rect.y0 + 1.0
                        && rect.y0 - label.y1 < LABEL_GAP
                })
                .min_by(|(_, a), (_, b)| a.y0.total_cmp(&b.y0));
            let mut sources = Vec::new();
            if let Some((callout, area)) = below {
                *area = area.union(label);
                sources.extend(self.unit_sources[callout]);
            }
            sources.push(self.piece_sources[family][0]);
            self.regions[page].push((label.padded(STRING_PAD), sources));
        }
        for ((unit, page), rects) in areas {
            if let Some(source) = self.unit_sources[unit] {
                for rect in rects {
                    self.regions[page].push((rect.padded(BLOCK_PAD), vec![source]));
                }
            }
        }
    }

    /// The links of the pages: a Sommaire entry shows the chapter or section
    /// it leads to; an index page number, the blocks of that page that cite
    /// the département.
    fn links(&mut self) {
        let document = self.document;
        let introspector = document.introspector().as_ref();
        let outlined: Vec<Location> = Introspector::query(
            introspector,
            &Selector::Elem(Element::of::<HeadingElem>(), None),
        )
        .iter()
        .filter(|h| {
            h.to_packed::<HeadingElem>()
                .is_some_and(Outlinable::outlined)
        })
        .filter_map(|h| h.location())
        .collect();
        // The Sommaire has one entry per outlined heading, in order; should
        // they differ, no entry is mapped rather than a wrong one.
        let headings: HashMap<Location, &Vec<usize>> = if outlined.len() == self.headings.len() {
            outlined.into_iter().zip(&self.headings).collect()
        } else {
            HashMap::new()
        };
        let mut regions = Vec::new();
        for (index, page) in document.pages().iter().enumerate() {
            let mut links = Vec::new();
            collect_links(&page.frame, Transform::identity(), &mut links);
            for (location, rect) in links {
                if let Some(&sources) = headings.get(&location) {
                    regions.push((index, rect, sources.clone()));
                } else if let Some(code) = departement(introspector, location) {
                    let target = Introspector::position(introspector, location)
                        .and_then(|p| p.as_paged())
                        .map(|p| p.page.get() - 1);
                    let sources = self.citing(&code, target);
                    if !sources.is_empty() {
                        regions.push((index, rect, sources));
                    }
                }
            }
        }
        for (page, rect, sources) in regions {
            self.regions[page].push((rect, sources));
        }
    }

    /// Each index entry (the département's code and name, and its page
    /// numbers) shows every block that cites the département.
    fn index_entries(&mut self) {
        let document = self.document;
        let introspector = document.introspector().as_ref();
        let mut numbers: HashMap<String, (usize, Rect)> = HashMap::new();
        for (index, page) in document.pages().iter().enumerate() {
            let mut links = Vec::new();
            collect_links(&page.frame, Transform::identity(), &mut links);
            for (location, rect) in links {
                if let Some(code) = departement(introspector, location) {
                    numbers
                        .entry(code)
                        .and_modify(|(p, area)| {
                            if *p == index {
                                *area = area.union(rect);
                            }
                        })
                        .or_insert((index, rect));
                }
            }
        }
        for cited in &self.project.brochure.departements {
            let Some(&(page, numbers)) = numbers.get(cited.code.as_str()) else {
                continue;
            };
            let needle = compact(&format!("{} {}", cited.code, cited.name_with_article));
            let Some(name) = self.find(&needle, &(page..=page)).into_iter().next() else {
                continue;
            };
            let area = name
                .iter()
                .map(|&w| self.words[w].rect)
                .fold(numbers, Rect::union);
            let sources = self.citing(&cited.code, None);
            if !sources.is_empty() {
                self.regions[page].push((area.padded(STRING_PAD), sources));
            }
        }
    }

    /// The sources that cite département `code`, in reading order: each
    /// block, or each string outside blocks; only those printed on `page`
    /// (from 0) when it is given.
    fn citing(&self, code: &str, page: Option<usize>) -> Vec<usize> {
        let on_page = |unit: usize| {
            page.is_none_or(|page| self.found.iter().any(|&(u, p, _)| u == unit && p == page))
        };
        let mut sources = Vec::new();
        for (u, unit) in self.units.iter().enumerate() {
            if let Some(source) = self.unit_sources[u] {
                if unit.cites.iter().any(|c| c == code) && on_page(u) {
                    sources.push(source);
                }
                continue;
            }
            for (p, piece) in unit.pieces.iter().enumerate() {
                if piece.cites.iter().any(|c| c == code) && on_page(u) {
                    sources.push(self.piece_sources[u][p]);
                }
            }
        }
        sources
    }

    fn finish(self) -> SourceMap {
        let pages = self
            .document
            .pages()
            .iter()
            .zip(self.regions)
            .map(|(page, regions)| {
                let size = page.frame.size();
                let (width, height) = (size.x.to_pt(), size.y.to_pt());
                regions
                    .into_iter()
                    .map(|(rect, sources)| Region {
                        x: fraction(rect.x0, width),
                        y: fraction(rect.y0, height),
                        w: fraction(rect.x1 - rect.x0, width),
                        h: fraction(rect.y1 - rect.y0, height),
                        sources,
                    })
                    .collect()
            })
            .collect();
        SourceMap {
            sources: self.sources,
            pages,
        }
    }
}

/// `value` over `whole`, to 1/100 000.
fn fraction(value: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (value / whole * 1e5).round() / 1e5
    } else {
        0.0
    }
}

/// A text in the form strings and printed words are compared in: the form
/// of `bilan where` ([`search_form`]), without spaces (a printed word holds
/// none).
fn compact(text: &str) -> String {
    search_form(text).replace(' ', "")
}

/// The words printed on every page, in the order Typst drew them.
fn printed_words(document: &PagedDocument) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    for (page, printed) in document.pages().iter().enumerate() {
        for word in page_words(printed) {
            let rect = Rect::of(&word);
            let starts_line = words.last().is_none_or(|last| {
                last.page != page
                    || rect.x0 < last.rect.x1 - 1.0
                    || rect.y0 > last.rect.y1
                    || rect.y1 < last.rect.y0
            });
            words.push(Word {
                page,
                rect,
                compact: compact(&word.text),
                starts_line,
                claimed: false,
            });
        }
    }
    words
}

/// The rectangles of a string's words: one per page and column, from its
/// first line to its last there.
fn lines(words: &[&Word]) -> Vec<(usize, Rect)> {
    let mut rects: Vec<(usize, Rect)> = Vec::new();
    let mut last: Option<&Word> = None;
    for &word in words {
        // The words of a line follow each other; a line continues the
        // rectangle when it is the next one below, in the same column.
        let follows = last.is_some_and(|last| {
            let height = word.rect.y1 - word.rect.y0;
            !word.starts_line
                || last.page == word.page
                    && word.rect.y0 > last.rect.y0
                    && word.rect.y0 < last.rect.y1 + 2.0 * height
        });
        match rects.last_mut() {
            Some((_, rect)) if follows && (!word.starts_line || word.rect.x0 < rect.x1) => {
                *rect = rect.union(word.rect);
            }
            _ => rects.push((word.page, word.rect)),
        }
        last = Some(word);
    }
    rects
}

/// The links of a frame to a place of the document, each with its
/// rectangle on the page.
fn collect_links(frame: &Frame, ts: Transform, links: &mut Vec<(Location, Rect)>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                collect_links(&group.frame, at.pre_concat(group.transform), links);
            }
            FrameItem::Link(Destination::Location(location), size) => {
                let corner = |x: Abs, y: Abs| Point::new(x, y).transform(at);
                let (a, b) = (corner(Abs::zero(), Abs::zero()), corner(size.x, size.y));
                links.push((
                    *location,
                    Rect {
                        x0: a.x.to_pt().min(b.x.to_pt()),
                        y0: a.y.to_pt().min(b.y.to_pt()),
                        x1: a.x.to_pt().max(b.x.to_pt()),
                        y1: a.y.to_pt().max(b.y.to_pt()),
                    },
                ));
            }
            _ => {}
        }
    }
}

/// The code of the département whose citation mark (`<departement>`, see
/// `layouts/rich.typ`) is at `location`, if one is.
fn departement(introspector: &dyn Introspector, location: Location) -> Option<String> {
    let label = Label::new(PicoStr::intern("departement"))?;
    let content = Introspector::query(introspector, &Selector::Location(location))
        .into_iter()
        .next()?;
    if content.label() != Some(label) {
        return None;
    }
    match &content.to_packed::<MetadataElem>()?.value {
        Value::Str(code) => Some(code.to_string()),
        _ => None,
    }
}

/// The codes a text cites (`Inline::Cite`).
fn cited(inlines: &[Inline]) -> Vec<String> {
    let mut codes = Vec::new();
    markup::visit(inlines, &mut |node| {
        if let Inline::Cite(code) = node {
            codes.push(code.clone());
        }
    });
    codes
}

/// The source of a string of `unit` (or of the unit, for its area).
fn source(editor: &Editor, unit: &Unit, key: &str, piece: &Piece) -> Source {
    let (line, column) = unit.file.line_column(piece.start);
    let origin = Origin {
        file: unit.file.name.clone(),
        line,
        column,
    };
    let path =
        std::path::absolute(&unit.file.name).unwrap_or_else(|_| PathBuf::from(&unit.file.name));
    let words: Vec<&str> = piece.plain.split_whitespace().collect();
    Source {
        what: unit.what.clone(),
        key: key.to_owned(),
        href: editor.link(&path, line, column),
        origin: origin.to_string(),
        words: if words.len() > 10 {
            format!("{}…", words[..10].join(" "))
        } else {
            words.join(" ")
        },
    }
}

/// Whether `text` was read from `file`: the string literal at its span
/// there reads as it.
fn holds(file: &SourceFile, text: &Text) -> bool {
    let Some(literal) = file.text.get(text.span.clone()) else {
        return false;
    };
    toml::from_str::<toml::Table>(&format!("v = {literal}"))
        .ok()
        .and_then(|table| {
            table
                .get("v")
                .and_then(toml::Value::as_str)
                .map(|value| value.nfc().eq(text.raw.chars()))
        })
        .unwrap_or(false)
}

/// The file a text of `bilan.toml` was read from: `bilan.toml`, or in a
/// local edition the edition's own file (its édito, its contact).
fn manifest_file_of<'a>(project: &'a Project, text: &Text) -> &'a SourceFile {
    project
        .local_files
        .iter()
        .map(|local| &local.file)
        .find(|file| project.brochure.local.is_some() && holds(file, text))
        .unwrap_or(&project.manifest_file)
}

/// The strings of a Sommaire entry, as (unit, piece): its chapter's or
/// section's title, and its Sommaire title if it has one.
type Entry = Vec<(usize, usize)>;

/// The units of the brochure in reading order, and the strings of each
/// Sommaire entry: each chapter's, then its sections'.
fn units(project: &Project) -> (Vec<Unit<'_>>, Vec<Entry>) {
    let brochure = &project.brochure;
    let manifest = &brochure.manifest;
    let main = &project.manifest_file;
    let mut units = Vec::new();

    let mut cover = Unit::new("couverture".into(), main, "cover");
    cover.push("years", &manifest.cover.years);
    cover.push("title", &manifest.cover.title);
    cover.push_all("subtitle", &manifest.cover.subtitle);
    cover.push_all("publisher", &manifest.cover.publisher);
    units.push(cover);

    let edito = &manifest.edito;
    let edito_file = edito
        .paragraphs
        .first()
        .map_or(main, |first| manifest_file_of(project, first));
    let mut unit = Unit::new("édito".into(), edito_file, "edito");
    if let Some(title) = &edito.title {
        unit.push("title", title);
    }
    unit.push_all("paragraphs", &edito.paragraphs);
    units.push(unit);
    for signatory in &edito.signatories {
        let mut unit = Unit::new("édito".into(), edito_file, "edito.signatories");
        unit.push("name", &signatory.name);
        unit.push_all("roles", &signatory.roles);
        units.push(unit);
    }

    let mut toc = Unit::new("Sommaire".into(), main, "toc");
    toc.push_printed("title", &manifest.toc.title, Printed::Anywhere);
    units.push(toc);
    if let Some(local) = &brochure.local
        && let Some(first) = local.intro.first()
    {
        let mut unit = Unit::new(
            "édition locale".into(),
            manifest_file_of(project, first),
            "",
        );
        unit.push_all("intro", &local.intro);
        units.push(unit);
    }
    for (name, family) in &manifest.callouts {
        let mut unit = Unit::new(format!("famille d'encadrés « {name} »"), main, "callouts");
        unit.push_printed(&format!("{name}.label"), &family.label, Printed::Anywhere);
        unit.labels = Some(name);
        units.push(unit);
    }

    let mut headings = Vec::new();
    for (c, (chapter, file)) in project.chapters().enumerate() {
        let name = match (chapter.kind, &chapter.number) {
            (ChapterKind::Part, Some(number)) => number.get_ref().clone(),
            _ => chapter.short_title.plain(),
        };
        let what = match chapter.kind {
            ChapterKind::Part => "partie",
            ChapterKind::Chapter => "chapitre",
        };
        let mut unit = Unit::new(format!("{what} · {name}"), file, "");
        unit.push_printed("title", &chapter.title, Printed::Anywhere);
        let mut entry = vec![(units.len(), 0)];
        if let Some(toc_title) = &chapter.toc_title {
            entry.push((units.len(), unit.pieces.len()));
            unit.push_printed("toc-title", toc_title, Printed::InTheSommaire);
        }
        unit.push_printed("short-title", &chapter.short_title, Printed::Anywhere);
        unit.push_all("intro", &chapter.intro);
        units.push(unit);
        headings.push(entry);
        for (s, section) in chapter.sections.iter().enumerate() {
            let number = section
                .number
                .as_ref()
                .map_or_else(|| section.title.plain(), |n| n.get_ref().clone());
            let context = format!("{name} › {number}");
            let id = |block| BlockId {
                chapter: c,
                section: s,
                block,
            };
            let mut unit = Unit::new(format!("section · {context}"), file, "sections");
            unit.block = Some(id(None));
            unit.push("title", &section.title);
            let mut entry = vec![(units.len(), 0)];
            if let Some(toc_title) = &section.toc_title {
                entry.push((units.len(), unit.pieces.len()));
                unit.push_printed("toc-title", toc_title, Printed::InTheSommaire);
            }
            unit.push_all("intro", &section.intro);
            units.push(unit);
            headings.push(entry);
            for (b, block) in section.blocks.iter().enumerate() {
                units.push(block_unit(block, id(Some(b)), file, &context));
            }
        }
    }

    if let Some(index) = &manifest.index {
        let mut unit = Unit::new("index des départements".into(), main, "index");
        unit.push_printed("title", &index.title, Printed::Anywhere);
        if let Some(intro) = &index.intro {
            unit.push("intro", intro);
        }
        unit.push("legend", &index.legend);
        unit.push("credit", &index.credit);
        units.push(unit);
    }
    let mut slogan = Unit::new("slogan".into(), main, "slogan");
    slogan.push("text", &manifest.slogan.text);
    units.push(slogan);
    let contact = &manifest.contact;
    let mut unit = Unit::new(
        "contact".into(),
        manifest_file_of(project, &contact.title),
        "contact",
    );
    unit.push("title", &contact.title);
    unit.push_all("address", &contact.address);
    for (key, line) in [
        ("email", &contact.email),
        ("phone", &contact.phone),
        ("website", &contact.website),
    ] {
        if let Some(line) = line {
            unit.push_verbatim(key, line);
        }
    }
    units.push(unit);
    (units, headings)
}

/// An initiative, a callout or a figure, with its strings.
fn block_unit<'a>(block: &'a Block, id: BlockId, file: &'a SourceFile, context: &str) -> Unit<'a> {
    let what = match block {
        Block::Initiative(_) => "initiative",
        Block::Callout(_) => "encadré",
        Block::Figure(_) => "chiffre clé",
    };
    let mut unit = Unit::new(format!("{what} · {context}"), file, "sections.blocks");
    unit.block = Some(id);
    unit.boxed = true;
    unit.cites = block.cited();
    match block {
        Block::Initiative(initiative) => {
            unit.push("title", &initiative.title);
            unit.push_all("paragraphs", &initiative.paragraphs);
        }
        Block::Callout(callout) => {
            match &callout.label {
                Some(label) => unit.push("label", label),
                None => unit.family = Some(&callout.family),
            }
            if let Some(lead) = &callout.lead {
                unit.push("lead", lead);
            }
            unit.push_all("paragraphs", &callout.paragraphs);
        }
        Block::Figure(figure) => {
            if let Some(before) = &figure.before {
                unit.push("before", before);
            }
            unit.push("value", &figure.value);
            unit.push("text", &figure.text);
        }
    }
    if let Some(picture) = block.picture() {
        if let Some(caption) = &picture.caption {
            unit.push("picture.caption", caption);
        }
        if let Some(credit) = &picture.credit {
            unit.push("picture.credit", credit);
        }
    }
    unit
}
