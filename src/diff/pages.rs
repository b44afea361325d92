//! Where units land on the pages of their version, and the pages whose
//! words did not change but whose layout did.

use typst::utils::hash128;
use typst_layout::PagedDocument;

use super::{Item, Placed};
use crate::content::search::search_form;
use crate::pagination::{block_pages, page_texts};
use crate::render::pixels;

/// How many of a unit's first words find its page when no mark does.
const FIRST_WORDS: usize = 8;

/// Each unit with the page where it lands in `document`: its section's or
/// block's mark, or else the last page that prints its first words (a
/// chapter title is in the Sommaire first, then on its opener).
pub fn place(items: Vec<Item>, document: &PagedDocument) -> Vec<Placed> {
    let marked = block_pages(document);
    let texts: Vec<String> = page_texts(document)
        .iter()
        .map(|t| search_form(t))
        .collect();
    items
        .into_iter()
        .map(|item| {
            let page = item
                .block
                .and_then(|id| marked.get(&id).copied())
                .or_else(|| {
                    let words = item.words();
                    let start = search_form(&words[..words.len().min(FIRST_WORDS)].join(" "));
                    (!start.is_empty())
                        .then(|| texts.iter().rposition(|text| text.contains(&start)))
                        .flatten()
                        .map(|index| index + 1)
                });
            Placed { item, page }
        })
        .collect()
}

/// Pixels per inch of the renderings compared for layout changes: enough
/// to see a colour or a box move by a point.
const COMPARED_PPI: f32 = 36.0;

/// The pages (from 1, of the new version) that print the same words as a
/// page of the old version but do not look the same: a colour, a spacing,
/// a box that moved. Pages are paired by their words, in order; pages
/// whose frames are the same are alike without a rendering, the others are
/// rendered (on every core) and compared pixel by pixel.
pub fn layout_pages(old: &PagedDocument, new: &PagedDocument) -> Vec<usize> {
    let old_texts: Vec<String> = page_texts(old).iter().map(|t| search_form(t)).collect();
    let new_texts: Vec<String> = page_texts(new).iter().map(|t| search_form(t)).collect();
    let mut used = vec![false; old_texts.len()];
    let mut pairs = Vec::new();
    for (n, text) in new_texts.iter().enumerate() {
        // The same page number first, else the first free page with these
        // words.
        let same = (used.get(n) == Some(&false) && old_texts.get(n) == Some(text)).then_some(n);
        let Some(o) =
            same.or_else(|| (0..old_texts.len()).find(|&o| !used[o] && &old_texts[o] == text))
        else {
            continue;
        };
        used[o] = true;
        let (old_page, new_page) = (&old.pages()[o], &new.pages()[n]);
        if hash128(&old_page.frame) != hash128(&new_page.frame) {
            pairs.push((old_page, new_page, n + 1));
        }
    }
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let share = pairs.len().div_ceil(cores).max(1);
    let mut pages: Vec<usize> = std::thread::scope(|scope| {
        let workers: Vec<_> = pairs
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter(|(old, new, _)| {
                            pixels(old, COMPARED_PPI) != pixels(new, COMPARED_PPI)
                        })
                        .map(|&(_, _, page)| page)
                        .collect::<Vec<usize>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    pages.sort_unstable();
    pages
}
