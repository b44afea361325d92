//! The marks the layouts leave in the document (`layouts/marks.typ`), read
//! back with their page and position once the pages are laid out.

use typst::foundations::{Dict, Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::world::BlockId;

/// The label of every mark.
const LABEL: &str = "bilan-mark";

/// What a mark says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum MarkKind {
    /// The page geometry of the body (once, before the chapters).
    Geometry(Geometry),
    /// Where the body of chapter N starts (after its opener page).
    ChapterStart(usize),
    /// The last line of a chapter's introduction.
    IntroEnd,
    /// Where the body of chapter N ends.
    ChapterEnd(usize),
    /// A section or a block starts.
    Block(BlockId),
    /// The last line of a title: a heading, an initiative title, a callout label.
    TitleEnd,
    /// The first character of a body paragraph.
    ParStart,
    /// Before a paragraph of an initiative or of a section's introduction,
    /// other than its first: its block (or section) and its index.
    Paragraph(BlockId, usize),
    /// The last character of a body paragraph.
    ParEnd,
    /// The top of a key figure.
    Figure(BlockId),
    /// The top of a callout.
    CalloutStart(BlockId),
    /// The last line of a callout.
    CalloutEnd(BlockId),
    /// Where a callout or figure shown elsewhere is anchored in the text.
    Anchor(BlockId),
    /// The room kept for an anchored callout or figure, where it is shown.
    Room(BlockId),
    /// The room that balances the last page of a chapter.
    Balance,
    /// Where the entries of the index of the départements start, and how
    /// many there are.
    IndexList(usize),
    /// After the index's last entry.
    IndexEnd,
    /// Where the entries of the Sommaire start, and how many there are.
    TocStart(usize),
    /// After the Sommaire's last entry.
    TocEnd,
    /// After the signatures of a leaflet's édito.
    EditoEnd,
}

/// Margins, gutter and bleed of the body pages, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Geometry {
    /// Top margin.
    pub(super) top: f64,
    /// Bottom margin.
    pub(super) bottom: f64,
    /// Margin on the binding side.
    pub(super) inside: f64,
    /// Margin on the outer side.
    pub(super) outside: f64,
    /// Space between the two columns.
    pub(super) gutter: f64,
}

/// A mark where it landed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mark {
    /// What it says.
    pub(super) kind: MarkKind,
    /// The page, from 1.
    pub(super) page: usize,
    /// Horizontal position on the page (points, from the left of the trim).
    pub(super) x: f64,
    /// Vertical position on the page (points, from the top of the trim).
    pub(super) y: f64,
}

/// Every mark of the document, in document order.
pub(super) fn read(document: &PagedDocument) -> Vec<Mark> {
    let Some(label) = Label::new(PicoStr::intern(LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    Introspector::query(introspector.as_ref(), &Selector::Label(label))
        .iter()
        .filter_map(|content| {
            let value = &content.to_packed::<MetadataElem>()?.value;
            let Value::Dict(fields) = value.clone() else {
                return None;
            };
            let position =
                Introspector::position(introspector.as_ref(), content.location()?)?.as_paged()?;
            Some(Mark {
                kind: kind(&fields)?,
                page: position.page.get(),
                x: position.point.x.to_pt(),
                y: position.point.y.to_pt(),
            })
        })
        .collect()
}

/// The geometry mark's values.
pub(super) fn geometry(marks: &[Mark]) -> Option<Geometry> {
    marks.iter().find_map(|m| match m.kind {
        MarkKind::Geometry(geometry) => Some(geometry),
        _ => None,
    })
}

fn kind(fields: &Dict) -> Option<MarkKind> {
    let Ok(Value::Str(kind)) = fields.get("kind") else {
        return None;
    };
    let number = |key: &str| match fields.get(key) {
        Ok(Value::Float(v)) => Some(*v),
        Ok(Value::Int(v)) => Some(*v as f64),
        _ => None,
    };
    let index = |key: &str| match fields.get(key) {
        Ok(Value::Int(v)) => usize::try_from(*v).ok(),
        _ => None,
    };
    let id = || match fields.get("id") {
        Ok(Value::Str(id)) => BlockId::parse(id),
        _ => None,
    };
    Some(match kind.as_str() {
        "geometry" => MarkKind::Geometry(Geometry {
            top: number("top")?,
            bottom: number("bottom")?,
            inside: number("inside")?,
            outside: number("outside")?,
            gutter: number("gutter")?,
        }),
        "chapter-start" => MarkKind::ChapterStart(index("chapter")?),
        "chapter-end" => MarkKind::ChapterEnd(index("chapter")?),
        "block" => MarkKind::Block(id()?),
        "title-end" => MarkKind::TitleEnd,
        "intro-end" => MarkKind::IntroEnd,
        "par-start" => MarkKind::ParStart,
        "par-end" => MarkKind::ParEnd,
        "paragraph" => MarkKind::Paragraph(id()?, index("paragraph")?),
        "figure" => MarkKind::Figure(id()?),
        "callout-start" => MarkKind::CalloutStart(id()?),
        "callout-end" => MarkKind::CalloutEnd(id()?),
        "anchor" => MarkKind::Anchor(id()?),
        "room" => MarkKind::Room(id()?),
        "balance" => MarkKind::Balance,
        "index-list" => MarkKind::IndexList(index("count")?),
        "index-end" => MarkKind::IndexEnd,
        "toc-start" => MarkKind::TocStart(index("count")?),
        "toc-end" => MarkKind::TocEnd,
        "edito-end" => MarkKind::EditoEnd,
        _ => return None,
    })
}
