//! The proof of a build, for `bilan diff`: the same pages, after first pages
//! listing the changes, with marks drawn over them by the layouts (from
//! `/proof.json`). The marks must not move a line: every word of the real
//! pages is checked to print at the same place on the proof's.

use serde::Serialize;
use typst_layout::PagedDocument;

use super::{Built, Pipeline};
use crate::diag::{Code, Diagnostic};
use crate::error::Error;
use crate::pagination::page_words;
use crate::render;

/// How far a word of the proof may stand from where it prints on the real
/// page, in points: nothing but rounding.
const SAME_PLACE: f64 = 0.01;

impl Pipeline {
    /// Typesets the proof of `built` (which this pipeline typeset last)
    /// with `marks`, titled `title`, and exports it as this edition's PDF.
    ///
    /// # Errors
    /// Errors in the layouts, a standard the proof violates, or a proof
    /// whose pages do not print the real pages' words where they print.
    pub fn proof(
        &mut self,
        built: &Built,
        marks: &impl Serialize,
        title: &str,
    ) -> Result<Vec<u8>, Error> {
        self.world.set_fit(&built.plan).map_err(Error::CannotRun)?;
        self.world.set_proof(marks).map_err(Error::CannotRun)?;
        let typeset = render::compile(&self.world);
        self.world.set_proof(&()).map_err(Error::CannotRun)?;
        let mut document = typeset.map_err(Error::Invalid)?.document;
        same_lines(&built.document, &document).map_err(Error::CannotRun)?;
        document.info_mut().title = Some(title.into());
        self.pdf(&document)
    }
}

/// Checks that each page of `real` prints every one of its words at the
/// same place on its page of `proof`, which has as many pages after its
/// first ones.
fn same_lines(real: &PagedDocument, proof: &PagedDocument) -> Result<(), Diagnostic> {
    let moved = |page: usize| {
        Diagnostic::new(
            Code::ProofMoved,
            format!("the proof's marks moved the lines of page {page}"),
        )
        .hint("this is a bug of bilan's layouts: please report it with the sources")
    };
    let Some(offset) = proof.pages().len().checked_sub(real.pages().len()) else {
        return Err(moved(1));
    };
    for (index, page) in real.pages().iter().enumerate() {
        let printed = page_words(&proof.pages()[index + offset]);
        let same = |word: &crate::pagination::PrintedWord| {
            printed.iter().any(|other| {
                other.text == word.text
                    && (other.x0 - word.x0).abs() < SAME_PLACE
                    && (other.y0 - word.y0).abs() < SAME_PLACE
            })
        };
        if !page_words(page).iter().all(same) {
            return Err(moved(index + 1));
        }
    }
    Ok(())
}
