//! What is printed on a laid-out page, flattened: the box of every piece of
//! ink, and for text its font, size and words, in page coordinates.

use typst::foundations::Str;
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::text::Font;
use typst_layout::PagedDocument;

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

/// The ink of every page, in the order Typst drew it.
pub(super) fn pages(document: &PagedDocument) -> Vec<Vec<Ink>> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut inks = Vec::new();
            collect(&page.frame, Transform::identity(), &mut inks);
            inks
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
