//! Pagination, decided and checked on the laid-out pages: the layouts leave
//! invisible marks (`layouts/marks.typ`); `bilan` reads where they landed and
//! what ink each page carries, then fits the page count and balances the
//! last page of each chapter ([`fit`]), and reports what a print designer
//! would flag ([`preflight`]). Nothing here re-reads the PDF.

mod fit;
mod frames;
mod layouts;
mod marks;
mod preflight;

pub use fit::{FitReport, Fitted, INDEX_HOLDS, first_plan, fit, holds};
pub use frames::{InkCache, PrintedWord, page_texts, page_words};
pub use layouts::{Layouts, ShowFirst};
pub use preflight::preflight;

use std::sync::Arc;

use std::collections::HashMap;

use typst_layout::PagedDocument;

use frames::Ink;
use marks::{Geometry, Mark, MarkKind};

/// The page (from 1) where each section and block starts, as the layouts
/// marked them.
pub fn block_pages(document: &PagedDocument) -> HashMap<crate::world::BlockId, usize> {
    let mut pages = HashMap::new();
    for mark in marks::read(document) {
        if let MarkKind::Block(id) = mark.kind {
            pages.entry(id).or_insert(mark.page);
        }
    }
    pages
}

/// Tolerance for positions, in points.
const EPSILON: f64 = 1.0;

/// The fewest lines of text a chapter's last page should hold (unless it is
/// also its first): fewer is a `short-tail`, which the fitting pulls back
/// when `min-spacing` allows.
const MIN_TAIL_LINES: usize = 6;

/// The laid-out pages as the pagination sees them.
#[derive(Clone)]
pub struct Pages {
    marks: Vec<Mark>,
    inks: Vec<Arc<[Ink]>>,
    sizes: Vec<(f64, f64)>,
    geometry: Option<Geometry>,
}

/// One column of a body page, in points from the top left of the trim.
#[derive(Debug, Clone, Copy)]
struct Column {
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
}

impl Column {
    fn height(&self) -> f64 {
        self.bottom - self.top
    }

    fn contains_x(&self, x: f64) -> bool {
        x >= self.x0 - EPSILON && x <= self.x1 + EPSILON
    }

    fn overlaps(&self, ink: &Ink) -> bool {
        ink.x0 < self.x1 - EPSILON && ink.x1 > self.x0 + EPSILON
    }
}

/// A list set for one page (the index's entries, the Sommaire's): the
/// pages where its first and its last entry landed, and how many entries
/// it has.
#[derive(Debug, Clone, Copy)]
struct ListSpan {
    first_page: usize,
    last_page: usize,
    count: usize,
}

impl ListSpan {
    /// Whether its entries ran past the page where they start.
    fn spills(&self) -> bool {
        self.last_page > self.first_page
    }
}

/// The pages of one chapter's body (after its opener).
#[derive(Debug, Clone, Copy)]
struct ChapterSpan {
    index: usize,
    first_page: usize,
    end: Mark,
}

impl Pages {
    fn read(document: &PagedDocument, inks: &mut InkCache) -> Self {
        let marks = marks::read(document);
        let geometry = marks::geometry(&marks);
        let sizes = document
            .pages()
            .iter()
            .map(|page| {
                let size = page.frame.size();
                (size.x.to_pt(), size.y.to_pt())
            })
            .collect();
        Self {
            inks: inks.pages(document),
            marks,
            sizes,
            geometry,
        }
    }

    fn count(&self) -> usize {
        self.sizes.len()
    }

    /// The two columns of body page `page` (from 1).
    fn columns(&self, page: usize) -> Option<[Column; 2]> {
        let g = self.geometry?;
        let &(width, height) = self.sizes.get(page.checked_sub(1)?)?;
        let recto = page % 2 == 1;
        let (left, right) = if recto {
            (g.inside, g.outside)
        } else {
            (g.outside, g.inside)
        };
        // Typst lays pages out at their trim size: the bleed is outside
        // the frame, so positions count from the trim's top left corner.
        let x0 = left;
        let x1 = width - right;
        let column = (x1 - x0 - g.gutter) / 2.0;
        let top = g.top;
        let bottom = height - g.bottom;
        Some([
            Column {
                x0,
                x1: x0 + column,
                top,
                bottom,
            },
            Column {
                x0: x1 - column,
                x1,
                top,
                bottom,
            },
        ])
    }

    /// Which column of its page a position is in (0 left, 1 right): the
    /// middle of the gutter divides them (a mark after a line's last
    /// character may stand in the gutter, when its punctuation overhangs).
    fn column_at(&self, page: usize, x: f64) -> usize {
        match self.columns(page) {
            Some([left, right]) if x >= (left.x1 + right.x0) / 2.0 => 1,
            _ => 0,
        }
    }

    /// The ink of page `page` (from 1).
    fn ink_on(&self, page: usize) -> impl Iterator<Item = &Ink> {
        self.inks
            .get(page.wrapping_sub(1))
            .into_iter()
            .flat_map(|inks| inks.iter())
    }

    /// The ink of a page inside one column's area.
    fn ink_in(&self, page: usize, column: Column) -> impl Iterator<Item = &Ink> {
        self.ink_on(page).filter(move |ink| {
            column.overlaps(ink)
                && ink.y1 > column.top - EPSILON
                && ink.y0 < column.bottom + EPSILON
        })
    }

    /// How far down a column is printed: the bottom of its lowest ink.
    fn filled_to(&self, page: usize, column: Column) -> f64 {
        self.ink_in(page, column)
            .map(|ink| ink.y1)
            .fold(column.top, f64::max)
    }

    /// The bottom of a chapter's introduction, set across both columns at
    /// the top of its first page (its last line holds an `IntroEnd` mark),
    /// or the columns' top on any other page.
    fn shared_top(&self, page: usize, [left, _]: [Column; 2]) -> f64 {
        let Some(end) = self
            .marks
            .iter()
            .find(|m| m.page == page && m.kind == MarkKind::IntroEnd)
        else {
            return left.top;
        };
        self.ink_in(page, left)
            .filter(|ink| ink.y0 < end.y + EPSILON && ink.x1 > left.x1 + EPSILON)
            .map(|ink| ink.y1)
            .fold(left.top, f64::max)
    }

    /// Where the index's entries start and end (none without an index).
    fn index_span(&self) -> Option<ListSpan> {
        self.list_span(
            |kind| match kind {
                MarkKind::IndexList(count) => Some(count),
                _ => None,
            },
            MarkKind::IndexEnd,
        )
    }

    /// Where the Sommaire's entries start and end.
    fn toc_span(&self) -> Option<ListSpan> {
        self.list_span(
            |kind| match kind {
                MarkKind::TocStart(count) => Some(count),
                _ => None,
            },
            MarkKind::TocEnd,
        )
    }

    /// The span from the first mark `start` accepts (giving the count) to
    /// the first `end` after it.
    fn list_span(&self, start: fn(MarkKind) -> Option<usize>, end: MarkKind) -> Option<ListSpan> {
        let at = self.marks.iter().position(|m| start(m.kind).is_some())?;
        let first = self.marks[at];
        let last = self.marks[at..].iter().find(|m| m.kind == end)?;
        Some(ListSpan {
            first_page: first.page,
            last_page: last.page,
            count: start(first.kind)?,
        })
    }

    /// The chapters, each with the page of its first body page and the mark
    /// of its end.
    fn chapters(&self) -> Vec<ChapterSpan> {
        self.marks
            .iter()
            .filter_map(|start| match start.kind {
                MarkKind::ChapterStart(index) => {
                    let end = self
                        .marks
                        .iter()
                        .find(|m| m.kind == MarkKind::ChapterEnd(index))?;
                    Some(ChapterSpan {
                        index,
                        first_page: start.page,
                        end: *end,
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The distinct baselines of text in a column, from the top.
    fn baselines(&self, page: usize, column: Column) -> impl Iterator<Item = f64> + use<> {
        let mut all: Vec<f64> = self
            .ink_in(page, column)
            .filter_map(|ink| ink.text.as_ref().map(|t| t.baseline))
            .filter(|&b| b >= column.top - EPSILON && b <= column.bottom + EPSILON)
            .collect();
        all.sort_by(f64::total_cmp);
        all.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        all.into_iter()
    }

    /// The lines of text on a chapter's last page, unless it is also its
    /// first.
    fn tail_lines(&self, chapter: &ChapterSpan) -> Option<usize> {
        let page = chapter.end.page;
        if page == chapter.first_page {
            return None;
        }
        let columns = self.columns(page)?;
        Some(
            columns
                .into_iter()
                .map(|column| self.baselines(page, column).count())
                .sum(),
        )
    }

    /// How many lines of body text a column holds.
    fn lines_per_column(&self) -> usize {
        let height = self
            .chapters()
            .first()
            .and_then(|chapter| self.columns(chapter.first_page))
            .map_or(0.0, |[left, _]| left.height());
        (height / self.line_pitch()).floor() as usize
    }

    /// The distance between two lines of body text: the most common gap
    /// between successive baselines in the body columns.
    fn line_pitch(&self) -> f64 {
        let mut counts = std::collections::BTreeMap::<i64, usize>::new();
        for chapter in self.chapters() {
            for page in chapter.first_page..=chapter.end.page {
                let Some(columns) = self.columns(page) else {
                    continue;
                };
                for column in columns {
                    let mut baselines: Vec<f64> = self
                        .ink_in(page, column)
                        .filter_map(|ink| ink.text.as_ref().map(|t| t.baseline))
                        .collect();
                    baselines.sort_by(f64::total_cmp);
                    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
                    for pair in baselines.windows(2) {
                        let gap = pair[1] - pair[0];
                        if (4.0..40.0).contains(&gap) {
                            // Tenths of a point, rounded: a count key.
                            *counts.entry((gap * 10.0).round() as i64).or_default() += 1;
                        }
                    }
                }
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(_, count)| count)
            .map_or(16.0, |(gap, _)| gap as f64 / 10.0)
    }
}
