//! The proof: the new version's pages as they are, with the changes marked
//! over them — the words inserted or replaced highlighted, a bar in the
//! margin beside each changed or added unit, a mark where words were
//! deleted (the deleted words beside it in the margin) — and first pages
//! listing the changes. Rust finds where each word printed on the real
//! pages; the layouts draw the marks there, over the pages, so that no line
//! moves.

use std::collections::BTreeMap;

use serde::Serialize;
use typst_layout::PagedDocument;
use unicode_normalization::UnicodeNormalization;

use super::words::Step;
use super::{Change, What};
use crate::pagination::{PrintedWord, page_words};

/// How many printed words the search of a unit's next word may skip: the
/// text of a box or a column set between two of its lines.
const SKIP: usize = 400;

/// How many of a unit's first words, one after the other, say where it
/// starts on the page.
const START_WORDS: usize = 4;

/// How many pages after its first a unit is looked for on.
const PAGES_AFTER: usize = 3;

/// About how many characters a line of a margin note holds.
const NOTE_CHARS: usize = 18;

/// The height of a line of a margin note, in points.
const NOTE_LINE: f64 = 7.0;

/// Room between two margin notes, in points.
const NOTE_GAP: f64 = 2.0;

/// How many deleted words a margin note shows.
const NOTED_WORDS: usize = 12;

/// Room between a bar and the text beside it, in points.
const BAR_GAP: f64 = 6.0;

/// What the layouts draw: the list of changes and, page by page, the marks.
#[derive(Debug, Clone, Serialize)]
pub struct Proof {
    /// The other version, as named on the command line.
    pub against: String,
    /// Every change, in the new version's reading order.
    pub changes: Vec<Listed>,
    /// The marks of each page of the new version (from 1), by page number.
    pub pages: BTreeMap<String, PageMarks>,
}

/// A change as the first pages list it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    /// `added`, `removed`, `changed` or `moved`.
    pub what: &'static str,
    /// The unit's kind, as [`super::Kind::name`] says it.
    pub kind: &'static str,
    /// The unit's first words.
    pub text: String,
    /// The words changed (`« old » → « new »; + « new »; − « old »`).
    pub words: String,
    /// A callout's family or a figure's detail, before and after, when it
    /// changed.
    pub detail: Option<(String, String)>,
    /// Its page in the new version.
    pub page: Option<usize>,
    /// Its page in the old version.
    pub old_page: Option<usize>,
    /// Where it stood in the old version (part › section), when it moved
    /// there from elsewhere.
    pub from: Option<String>,
    /// Where it comes from: file, line and column.
    pub source: String,
}

/// The marks of one page, in points from the top left of its frame (the
/// bleed included).
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageMarks {
    /// Words inserted or replaced: `[x, y, width, height]`.
    pub highlights: Vec<[f64; 4]>,
    /// Change bars: `[x, top, bottom]`.
    pub bars: Vec<[f64; 3]>,
    /// Where words were deleted.
    pub deletions: Vec<Deletion>,
    /// The page prints the same words as before, laid out otherwise.
    pub layout: bool,
}

/// Where words were deleted (or replaced), and which.
#[derive(Debug, Clone, Serialize)]
pub struct Deletion {
    /// The point where they stood: `[x, top, bottom]`.
    pub at: [f64; 3],
    /// The deleted (or replaced) words.
    pub words: String,
    /// Whether they were replaced (by the highlighted words) rather than
    /// deleted.
    pub replaced: bool,
    /// The bar's `x`, beside which the words are noted in the margin.
    pub bar: f64,
    /// Which margin: `left` or `right`.
    pub side: &'static str,
    /// The top of the note in the margin: beside the words, or lower if
    /// the note above on the same side would hide it.
    pub note: f64,
}

/// The marks of the changes on the new version's pages (`document`), and
/// the list of changes. `source` names a unit's origin.
pub fn proof(
    against: &str,
    changes: &[Change],
    layout_pages: &[usize],
    document: &PagedDocument,
    source: &dyn Fn(&super::Placed) -> String,
) -> Proof {
    let words: Vec<Vec<PrintedWord>> = document.pages().iter().map(page_words).collect();
    let widths: Vec<f64> = document
        .pages()
        .iter()
        .map(|page| page.frame.width().to_pt())
        .collect();
    let mut pages: BTreeMap<String, PageMarks> = BTreeMap::new();
    for &page in layout_pages {
        pages.entry(page.to_string()).or_default().layout = true;
    }
    for change in changes {
        let (Some(new), true) = (
            &change.new,
            matches!(change.what, What::Changed | What::Added),
        ) else {
            continue;
        };
        let Some(first) = new.page else { continue };
        let unit_words = new.item.words();
        let found = locate(&unit_words, &words, first);
        let marked: Vec<usize> = match change.what {
            What::Added => (0..unit_words.len()).collect(),
            _ => change.steps.iter().flat_map(new_words).collect(),
        };
        let bars = bars(&found, &words, &widths);
        for &(page, _, bar) in &bars {
            pages.entry(page.to_string()).or_default().bars.push(bar);
        }
        for index in marked {
            for &(page, word) in found.get(index).into_iter().flatten() {
                let w = &words[page - 1][word];
                pages.entry(page.to_string()).or_default().highlights.push([
                    w.x0,
                    w.y0,
                    w.x1 - w.x0,
                    w.y1 - w.y0,
                ]);
            }
        }
        for step in &change.steps {
            let (before, removed, replaced) = match step {
                Step::Deleted { before, words } => (*before, words, false),
                Step::Replaced { at, old, .. } => (*at, old, true),
                _ => continue,
            };
            let Some((page, at)) = point(&found, &words, before) else {
                continue;
            };
            let Some(&(_, side, bar)) = bars
                .iter()
                .filter(|(p, _, bar)| *p == page && bar[1] <= at[2] && at[1] <= bar[2])
                .chain(bars.iter().filter(|(p, _, _)| *p == page))
                .next()
            else {
                continue;
            };
            pages
                .entry(page.to_string())
                .or_default()
                .deletions
                .push(Deletion {
                    at,
                    words: noted(removed),
                    replaced,
                    bar: bar[0],
                    side,
                    note: at[1],
                });
        }
    }
    for marks in pages.values_mut() {
        stack_notes(&mut marks.deletions);
    }
    Proof {
        against: against.to_owned(),
        changes: changes
            .iter()
            .map(|change| listed(change, source))
            .collect(),
        pages,
    }
}

fn listed(change: &Change, source: &dyn Fn(&super::Placed) -> String) -> Listed {
    let unit = change.unit();
    let (old, new) = (change.old.as_ref(), change.new.as_ref());
    let detail = old.zip(new).and_then(|(old, new)| {
        (old.item.detail != new.item.detail).then(|| {
            let name = |d: &Option<String>| d.clone().unwrap_or_default();
            (name(&old.item.detail), name(&new.item.detail))
        })
    });
    let from = old.zip(new).and_then(|(old, new)| {
        (old.item.context != new.item.context).then(|| old.item.context.clone())
    });
    Listed {
        what: change.what.name(),
        kind: unit.item.kind.name(),
        text: unit.item.first_words(),
        words: super::words::describe(&change.steps),
        detail,
        page: new.and_then(|n| n.page),
        old_page: old.and_then(|o| o.page),
        from,
        source: source(unit),
    }
}

/// Moves down the margin notes that a note above them on the same side
/// would hide (their height guessed from their length).
fn stack_notes(deletions: &mut [Deletion]) {
    deletions.sort_by(|a, b| a.side.cmp(b.side).then(a.at[1].total_cmp(&b.at[1])));
    let mut free: Option<(&str, f64)> = None;
    for deletion in deletions {
        if let Some((side, below)) = free
            && side == deletion.side
        {
            deletion.note = deletion.note.max(below);
        }
        let lines = (deletion.words.chars().count() + 12).div_ceil(NOTE_CHARS);
        free = Some((
            deletion.side,
            deletion.note + lines as f64 * NOTE_LINE + NOTE_GAP,
        ));
    }
}

/// The deleted words as the margin notes them: the first few.
fn noted(words: &[String]) -> String {
    if words.len() > NOTED_WORDS {
        format!("{} …", words[..NOTED_WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

/// The indices, among the new version's words, of the words a step
/// inserted or replaced.
fn new_words(step: &Step) -> std::ops::Range<usize> {
    match step {
        Step::Inserted { at, words } => *at..*at + words.len(),
        Step::Replaced { at, new, .. } => *at..*at + new.len(),
        Step::Same(_) | Step::Deleted { .. } => 0..0,
    }
}

/// The form in which a unit's word and a printed word are compared: its
/// letters and digits, in lower case (punctuation, hyphens and the marks a
/// layout adds are left out).
fn key(word: &str) -> String {
    word.nfc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether a printed word ends with the hyphen of a line end (or of a
/// compound broken there).
fn hyphenated(word: &str) -> bool {
    word.ends_with(['-', '\u{2010}', '\u{00AD}'])
}

/// Where each of a unit's words printed, from its first page on: `(page
/// from 1, index among that page's printed words)`, twice for a word cut
/// at a line end, none for a word not found (or with no letter).
fn locate(unit: &[&str], pages: &[Vec<PrintedWord>], first: usize) -> Vec<Vec<(usize, usize)>> {
    let last = (first + PAGES_AFTER).min(pages.len());
    let stream: Vec<(usize, usize, String, bool)> = (first.max(1)..=last)
        .flat_map(|page| {
            pages[page - 1]
                .iter()
                .enumerate()
                .map(move |(i, w)| (page, i, key(&w.text), hyphenated(&w.text)))
        })
        .filter(|(_, _, key, _)| !key.is_empty())
        .collect();
    let keys: Vec<String> = unit.iter().map(|w| key(w)).collect();
    // How many printed words the unit word `k` takes at `t`: one, two (cut
    // by a hyphen at a line end), or none.
    let takes = |t: usize, k: &str| -> usize {
        let Some((_, _, printed, cut)) = stream.get(t) else {
            return 0;
        };
        if printed == k {
            1
        } else if *cut
            && let Some((_, _, next, _)) = stream.get(t + 1)
            && k.strip_prefix(printed.as_str()) == Some(next.as_str())
        {
            2
        } else {
            0
        }
    };
    let wanted: Vec<usize> = (0..keys.len()).filter(|&i| !keys[i].is_empty()).collect();
    // The start: the first place where the unit's first four words follow
    // one another, or fewer of them when a box or a column set between its
    // lines cuts its start.
    let follow = |t: usize, count: usize| {
        let mut at = t;
        wanted.iter().take(count).all(|&i| {
            let n = takes(at, &keys[i]);
            at += n;
            n > 0
        })
    };
    let start = (1..=START_WORDS)
        .rev()
        .find_map(|count| (0..stream.len()).find(|&t| follow(t, count)));
    let mut found = vec![Vec::new(); keys.len()];
    let Some(mut at) = start else { return found };
    for &i in &wanted {
        let Some((t, n)) = (at..stream.len().min(at + SKIP))
            .find_map(|t| Some((t, takes(t, &keys[i]))).filter(|(_, n)| *n > 0))
        else {
            continue;
        };
        found[i] = stream[t..t + n].iter().map(|s| (s.0, s.1)).collect();
        at = t + n;
    }
    found
}

/// The change bars beside a unit's words: one per page and column, from
/// its top word to its bottom one, in the margin of that column's side.
fn bars(
    found: &[Vec<(usize, usize)>],
    pages: &[Vec<PrintedWord>],
    widths: &[f64],
) -> Vec<(usize, &'static str, [f64; 3])> {
    let mut groups: BTreeMap<(usize, &'static str), (f64, f64, f64)> = BTreeMap::new();
    for &(page, index) in found.iter().flatten() {
        let w = &pages[page - 1][index];
        let left = (w.x0 + w.x1) / 2.0 < widths[page - 1] / 2.0;
        let side = if left { "left" } else { "right" };
        let edge = if left { w.x0 } else { w.x1 };
        let group = groups.entry((page, side)).or_insert((edge, w.y0, w.y1));
        group.0 = if left {
            group.0.min(edge)
        } else {
            group.0.max(edge)
        };
        group.1 = group.1.min(w.y0);
        group.2 = group.2.max(w.y1);
    }
    groups
        .into_iter()
        .map(|((page, side), (edge, top, bottom))| {
            let x = if side == "left" {
                edge - BAR_GAP
            } else {
                edge + BAR_GAP
            };
            (page, side, [x, top, bottom])
        })
        .collect()
}

/// Where words deleted before the unit's word `before` stood: the left
/// edge of that word, or the right edge of the last word found before it.
fn point(
    found: &[Vec<(usize, usize)>],
    pages: &[Vec<PrintedWord>],
    before: usize,
) -> Option<(usize, [f64; 3])> {
    if let Some(&(page, index)) = found.get(before).and_then(|at| at.first()) {
        let w = &pages[page - 1][index];
        return Some((page, [w.x0, w.y0, w.y1]));
    }
    let &(page, index) = found[..before.min(found.len())]
        .iter()
        .rev()
        .find_map(|at| at.last())?;
    let w = &pages[page - 1][index];
    Some((page, [w.x1, w.y0, w.y1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(texts: &[&str]) -> Vec<PrintedWord> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                #[expect(clippy::cast_precision_loss, reason = "a few words")]
                let x = i as f64 * 10.0;
                PrintedWord {
                    text: (*text).to_owned(),
                    x0: x,
                    x1: x + 8.0,
                    y0: 0.0,
                    y1: 10.0,
                }
            })
            .collect()
    }

    #[test]
    fn a_unit_is_found_across_a_hyphen_and_text_set_between_its_lines() {
        let page = printed(&[
            "Sommaire",
            "humanistes",
            "autre",
            "Des",
            "programmes",
            "huma-",
            "Zoom",
            "sur",
            "nistes",
            "et",
            "universalistes.",
        ]);
        let found = locate(
            &["Des", "programmes", "humanistes", "et", "universalistes."],
            &[page],
            1,
        );
        assert_eq!(
            found,
            [
                vec![(1, 3)],
                vec![(1, 4)],
                vec![],
                vec![(1, 9)],
                vec![(1, 10)]
            ]
        );
    }

    #[test]
    fn a_word_cut_at_a_line_end_is_one_word() {
        let page = printed(&["les", "huma-", "nistes", "sont"]);
        let found = locate(&["les", "humanistes", "sont"], &[page], 1);
        assert_eq!(found, [vec![(1, 0)], vec![(1, 1), (1, 2)], vec![(1, 3)]]);
    }
}
