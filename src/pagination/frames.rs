//! What is printed on a laid-out page, flattened: the box of every piece of
//! ink, and for text its font, size and words, in page coordinates.

use std::collections::HashMap;
use std::sync::Arc;

use typst::foundations::Str;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::Font;
use typst_layout::PagedDocument;

/// How many reads a page's ink stays cached without being asked for: the
/// layouts of one build and of the next (six or so each).
const KEEP_READS: u64 = 16;

/// A piece of ink on a page.
#[derive(Debug, Clone)]
pub(super) struct Ink {
    /// Left edge (points, from the left of the trim).
    pub(super) x0: f64,
    /// Right edge.
    pub(super) x1: f64,
    /// Top edge (points, from the top of the trim).
    pub(super) y0: f64,
    /// Bottom edge.
    pub(super) y1: f64,
    /// What it says, when it is text.
    pub(super) text: Option<TextRun>,
}

/// A run of shaped text.
#[derive(Debug, Clone)]
pub(super) struct TextRun {
    /// The font (shared with the document: no copy).
    pub(super) font: Font,
    /// The baseline, in points from the top of the trim.
    pub(super) baseline: f64,
    /// The characters (shared with the document: no copy).
    pub(super) text: Str,
    /// The width of each word space of the run, in ems (justification
    /// included).
    pub(super) spaces: Vec<f64>,
}

impl TextRun {
    /// The font family.
    pub(super) fn family(&self) -> &str {
        &self.font.info().family
    }
}

/// The ink of the pages already read, by the hash of each page's frame.
/// Typst shares the frames of what a layout left as it was, and hashes a
/// frame once: a page that a decision (or an edit) did not change is not
/// walked again.
#[derive(Debug, Clone, Default)]
pub struct InkCache {
    /// Each page's ink, with the read that last asked for it.
    pages: HashMap<u128, (Arc<[Ink]>, u64)>,
    /// How many documents were read.
    reads: u64,
}

impl InkCache {
    /// The ink of every page of `document`, in the order Typst drew it.
    pub(super) fn pages(&mut self, document: &PagedDocument) -> Vec<Arc<[Ink]>> {
        self.reads += 1;
        let read = self.reads;
        let inks = document
            .pages()
            .iter()
            .map(|page| {
                let key = typst::utils::hash128(&page.frame);
                let (inks, last) = self.pages.entry(key).or_insert_with(|| {
                    let mut inks = Vec::new();
                    collect(&page.frame, Transform::identity(), &mut inks);
                    (inks.into(), read)
                });
                *last = read;
                Arc::clone(inks)
            })
            .collect();
        self.pages.retain(|_, (_, last)| read - *last < KEEP_READS);
        inks
    }
}

/// The text printed on each page, in the order Typst drew it (a column's
/// lines, then the next column's): the runs of a line joined where they
/// touch, a space between lines and between runs apart.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut inks = Vec::new();
            collect(&page.frame, Transform::identity(), &mut inks);
            let mut text = String::new();
            let mut last: Option<(f64, f64)> = None;
            for (ink, run) in inks
                .iter()
                .filter_map(|ink| Some((ink, ink.text.as_ref()?)))
            {
                let touches = last.is_some_and(|(baseline, x1)| {
                    (run.baseline - baseline).abs() < 0.5 && (ink.x0 - x1).abs() < 1.0
                });
                if last.is_some() && !touches {
                    text.push(' ');
                }
                text.push_str(&run.text);
                last = Some((run.baseline, ink.x1));
            }
            text
        })
        .collect()
}

fn collect(frame: &Frame, ts: Transform, inks: &mut Vec<Ink>) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => collect(&group.frame, at.pre_concat(group.transform), inks),
            FrameItem::Text(item) => {
                let size = item.size.to_pt();
                let width = item.width().to_pt();
                let mut spaces = Vec::new();
                for glyph in &item.glyphs {
                    if item.text.get(glyph.range()) == Some(" ") {
                        spaces.push(glyph.x_advance.get());
                    }
                }
                let (x0, y0) = corner(at, 0.0, -0.8 * size);
                let (x1, y1) = corner(at, width, 0.25 * size);
                let (_, baseline) = corner(at, 0.0, 0.0);
                inks.push(Ink {
                    x0,
                    x1,
                    y0,
                    y1,
                    text: Some(TextRun {
                        font: item.font.font().clone(),
                        baseline,
                        text: item.text.clone().into(),
                        spaces,
                    }),
                });
            }
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                let (x0, y0) = corner(at, bbox.min.x.to_pt(), bbox.min.y.to_pt());
                let (x1, y1) = corner(at, bbox.max.x.to_pt(), bbox.max.y.to_pt());
                inks.push(Ink {
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                    y0: y0.min(y1),
                    y1: y0.max(y1),
                    text: None,
                });
            }
            FrameItem::Image(_, size, _) => {
                let (x0, y0) = corner(at, 0.0, 0.0);
                let (x1, y1) = corner(at, size.x.to_pt(), size.y.to_pt());
                inks.push(Ink {
                    x0,
                    x1,
                    y0,
                    y1,
                    text: None,
                });
            }
            FrameItem::Link(..) | FrameItem::Tag(_) => {}
        }
    }
}

/// A point of an item's own coordinates, in page coordinates.
fn corner(ts: Transform, x: f64, y: f64) -> (f64, f64) {
    let point = Point::new(typst::layout::Abs::pt(x), typst::layout::Abs::pt(y)).transform(ts);
    (point.x.to_pt(), point.y.to_pt())
}

/// A word as printed: its characters and its box on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedWord {
    /// Its characters, as shaped (a hyphen added at a line end included).
    pub text: String,
    /// Left edge (points, from the left of the page's frame).
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Top edge (points, from the top of the page's frame).
    pub y0: f64,
    /// Bottom edge.
    pub y1: f64,
}

/// The words printed on a page, in the order Typst drew them, each with
/// its box: the glyphs between spaces, joined across runs that touch on a
/// line (a word cut apart only to be hyphenated).
pub fn page_words(page: &typst_layout::Page) -> Vec<PrintedWord> {
    let mut words = Vec::new();
    let mut open = false;
    let mut last: Option<(f64, f64)> = None;
    walk_text(&page.frame, Transform::identity(), &mut |item, at| {
        let size = item.size.to_pt();
        let (_, baseline) = corner(at, 0.0, 0.0);
        let (start, _) = corner(at, 0.0, 0.0);
        // A run that does not continue the last one on its line ends the
        // word in progress.
        if !last.is_some_and(|(line, x1)| (baseline - line).abs() < 0.5 && (start - x1).abs() < 1.0)
        {
            open = false;
        }
        let mut x = 0.0;
        for glyph in &item.glyphs {
            let advance = glyph.x_advance.get() * size;
            let chars = item.text.get(glyph.range()).unwrap_or_default();
            if !chars.is_empty() && chars.chars().all(char::is_whitespace) {
                open = false;
            } else {
                let (x0, y0) = corner(at, x + glyph.x_offset.get() * size, -0.8 * size);
                let (x1, y1) = corner(at, x + advance, 0.25 * size);
                match words.last_mut() {
                    Some(word) if open => {
                        let word: &mut PrintedWord = word;
                        word.text.push_str(chars);
                        word.x0 = word.x0.min(x0);
                        word.x1 = word.x1.max(x1);
                        word.y0 = word.y0.min(y0);
                        word.y1 = word.y1.max(y1);
                    }
                    _ => {
                        words.push(PrintedWord {
                            text: chars.to_owned(),
                            x0,
                            x1,
                            y0,
                            y1,
                        });
                        open = true;
                    }
                }
            }
            x += advance;
        }
        last = Some((baseline, corner(at, x, 0.0).0));
    });
    words
}

/// Calls `visit` with every text run of `frame` and its transform to page
/// coordinates, in the order Typst drew them.
fn walk_text(
    frame: &Frame,
    ts: Transform,
    visit: &mut dyn FnMut(&typst::text::TextItem, Transform),
) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                walk_text(&group.frame, at.pre_concat(group.transform), visit)
            }
            FrameItem::Text(text) => visit(text, at),
            _ => {}
        }
    }
}
