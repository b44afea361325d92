//! The layout preflight: what a print designer would flag in the typeset
//! pages, found on the laid-out frames and the layouts' marks: columns left
//! white, titles stranded at a column foot, widows and orphans, hyphenated
//! titles, loose and overfull lines, callouts split across columns, and the
//! page count.

use std::collections::BTreeMap;

use typst_layout::PagedDocument;

use crate::content::model::Layout;
use crate::diag::{Code, Diagnostic};

use super::frames::{Ink, TextRun};
use super::marks::{Mark, MarkKind};
use super::{Column, EPSILON, MIN_TAIL_LINES, Pages};

/// How far a line may run past its column before it is overfull, in
/// points: a justified line's end glyph may overhang by a hair.
const OVERFULL: f64 = 3.0;

/// How far a line ending with punctuation may run past its column, in
/// points: Typst hangs a final full stop, comma or hyphen into the margin
/// (by more in a leaflet's larger text), which is no overfull line.
const OVERFULL_HANGING: f64 = 4.5;

/// The marks Typst hangs at the end of a line.
const HANGING: [char; 10] = ['.', ',', ':', ';', '-', '\u{ad}', '–', '—', '’', '»'];

/// How many lines in a row may end with a hyphen.
const MAX_HYPHENS: usize = 3;

/// How much wider than the median a word gap makes a loose line.
const LOOSE: f64 = 2.0;

/// Every finding of the preflight on a typeset document, with a summary
/// line of the measures. (The page count is the fitting's to report: see
/// [`super::FitReport`].)
pub fn preflight(document: &PagedDocument, layout: &Layout) -> (Vec<Diagnostic>, String) {
    let pages = Pages::read(document, &mut super::InkCache::default());
    let (findings, measures) = inspect(&pages, layout);
    let summary = format!(
        "{} pages; white at the foot of body columns: {:.1} % of their height; loose lines: {}; lines ending with a hyphen: {}",
        pages.count(),
        measures.white * 100.0,
        measures.loose,
        measures.hyphens
    );
    (findings, summary)
}

/// What the preflight measures besides its findings.
pub(super) struct Measures {
    /// The white share of the body columns (see [`column_white`]).
    pub white: f64,
    /// How many lines are loose.
    pub loose: usize,
    /// How many lines end with a hyphen.
    pub hyphens: usize,
}

/// Every finding of the preflight on laid-out pages, and its measures.
pub(super) fn inspect(pages: &Pages, layout: &Layout) -> (Vec<Diagnostic>, Measures) {
    let mut findings = Vec::new();
    let white = column_white(pages, layout, &mut findings);
    short_tails(pages, &mut findings);
    stranded_titles(pages, &mut findings);
    widows_and_orphans(pages, &mut findings);
    let body = body_family(pages);
    hyphenated_titles(pages, body.as_deref(), &mut findings);
    let loose = loose_lines(pages, body.as_deref(), &mut findings);
    let ends = line_ends(pages, body.as_deref());
    let hyphens = hyphen_ladders(&ends, pages, &mut findings);
    bad_breaks(&ends, pages, &mut findings);
    overfull_lines(pages, &mut findings);
    split_callouts(pages, &mut findings);
    callout_overflows(pages, &mut findings);
    spilled_lists(pages, &mut findings);
    let measures = Measures {
        white,
        loose,
        hyphens,
    };
    (findings, measures)
}

/// Columns of body pages (chapters' last pages excepted) more empty than
/// allowed; returns the white share of all those columns.
fn column_white(pages: &Pages, layout: &Layout, findings: &mut Vec<Diagnostic>) -> f64 {
    let (mut white, mut total) = (0.0, 0.0);
    for chapter in pages.chapters() {
        for page in chapter.first_page..chapter.end.page {
            let Some(columns) = pages.columns(page) else {
                continue;
            };
            for (side, column) in columns.into_iter().enumerate() {
                let empty = column.bottom - pages.filled_to(page, column);
                white += empty.max(0.0);
                total += column.height();
                let share = empty / column.height();
                if share > layout.max_column_white {
                    findings.push(
                        Diagnostic::new(
                            Code::ColumnWhite,
                            format!(
                                "page {page}, {} column: {:.0} % of the column is white",
                                side_name(side),
                                share * 100.0
                            ),
                        )
                        .hint(format!(
                            "the column ends after « {} »",
                            last_words(pages, page, column)
                        ))
                        .hint("a block too tall for the room left moved to the next column: shorten it, or let it split"),
                    );
                }
            }
        }
    }
    if total > 0.0 { white / total } else { 0.0 }
}

/// An index or a Sommaire set for one page whose entries ran past it.
fn spilled_lists(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    if let Some(index) = pages.index_span().filter(|span| span.spills()) {
        findings.push(
            Diagnostic::new(
                Code::IndexSpill,
                format!(
                    "page {}: the index's {} départements run on from page {}, past the page set for them",
                    index.last_page, index.count, index.first_page
                ),
            )
            .hint(format!(
                "its entries are already set at their densest (about {} on a page after the map; fewer in a local edition, whose map shares their page): cite fewer départements, or build an edition of fewer",
                super::INDEX_HOLDS[super::INDEX_HOLDS.len() - 1]
            )),
        );
    }
    if let Some(toc) = pages.toc_span().filter(|span| span.spills()) {
        findings.push(
            Diagnostic::new(
                Code::TocSpill,
                format!(
                    "page {}: the Sommaire's {} entries run on from page {}, past its page",
                    toc.last_page, toc.count, toc.first_page
                ),
            )
            .hint("shorter titles in the Sommaire (`toc-title` of a chapter or section), or fewer sections, keep it on one page"),
        );
    }
}

/// Chapters that end with a few lines alone on a page of their own.
fn short_tails(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    for chapter in pages.chapters() {
        let page = chapter.end.page;
        let Some(lines) = pages.tail_lines(&chapter) else {
            continue;
        };
        if lines < MIN_TAIL_LINES {
            findings.push(
                Diagnostic::new(
                    Code::ShortTail,
                    format!(
                        "page {page}: the chapter ends with {lines} line(s) alone on its last page, from « {} »",
                        words_at(pages, &chapter.end)
                    ),
                )
                .hint("its gaps could not pull them back within `min-spacing` (`[layout]` of bilan.toml): allow them to tighten further, or shorten the chapter by a few lines"),
            );
        }
    }
}

/// Titles whose text starts in another column than their last line.
fn stranded_titles(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    for (i, title) in pages.marks.iter().enumerate() {
        if title.kind != MarkKind::TitleEnd {
            continue;
        }
        let next = pages.marks[i + 1..].iter().find(|m| {
            matches!(
                m.kind,
                MarkKind::ParStart
                    | MarkKind::TitleEnd
                    | MarkKind::Figure(_)
                    | MarkKind::CalloutStart(_)
                    | MarkKind::ChapterEnd(_)
            )
        });
        if let Some(next) = next
            && !matches!(next.kind, MarkKind::ChapterEnd(_))
            && place(pages, next) != place(pages, title)
        {
            let side = pages.column_at(title.page, title.x);
            findings.push(
                Diagnostic::new(
                    Code::TitleStranded,
                    format!(
                        "page {}, {} column: « {} » ends the column, its text starts in the next one",
                        title.page,
                        side_name(side),
                        words_at(pages, title)
                    ),
                )
                .hint("keep titles sticky (`sticky: true` on their block) in the layouts"),
            );
        }
    }
}

/// Paragraphs that leave one line alone at the foot or the head of a column.
fn widows_and_orphans(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    let pitch = pages.line_pitch();
    let mut start = None;
    for mark in &pages.marks {
        match mark.kind {
            MarkKind::ParStart => start = Some(*mark),
            MarkKind::ParEnd => {
                let Some(first) = start.take() else { continue };
                if place(pages, &first) == place(pages, mark) {
                    continue;
                }
                let Some(head) = column_of(pages, &first) else {
                    continue;
                };
                let Some(tail) = column_of(pages, mark) else {
                    continue;
                };
                let lines_before = pages
                    .baselines(first.page, head)
                    .filter(|&b| b >= first.y - pitch / 2.0)
                    .count();
                let lines_after = pages
                    .baselines(mark.page, tail)
                    .filter(|&b| b <= mark.y + pitch / 2.0)
                    .count();
                if lines_before < 2 {
                    findings.push(line_finding(
                        Code::Orphan,
                        "the first line of a paragraph ends the column alone",
                        pages,
                        &first,
                    ));
                }
                if lines_after < 2 {
                    findings.push(line_finding(
                        Code::Widow,
                        "the last line of a paragraph starts the column alone",
                        pages,
                        mark,
                    ));
                }
            }
            _ => {}
        }
    }
}

fn line_finding(code: Code, what: &str, pages: &Pages, mark: &Mark) -> Diagnostic {
    let side = pages.column_at(mark.page, mark.x);
    Diagnostic::new(
        code,
        format!(
            "page {}, {} column: {what}: « {} »",
            mark.page,
            side_name(side),
            words_at(pages, mark)
        ),
    )
    .hint("keep Typst's widow and orphan prevention on (`text(costs: (widow: 100%, orphan: 100%))`), or rewrite the paragraph")
}

/// The family most of the text of the body pages is set in.
fn body_family(pages: &Pages) -> Option<String> {
    let mut counts = BTreeMap::<&str, usize>::new();
    for chapter in pages.chapters() {
        for page in chapter.first_page..=chapter.end.page {
            for run in runs(pages, page) {
                *counts.entry(run.family()).or_default() += run.text.len();
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, count)| count)
        .map(|(family, _)| family.to_owned())
}

/// Lines of titles (any text not set in the body family) broken with a
/// hyphen by hyphenation.
fn hyphenated_titles(pages: &Pages, body: Option<&str>, findings: &mut Vec<Diagnostic>) {
    for page in 1..=pages.count() {
        for run in runs(pages, page) {
            if Some(run.family()) != body && run.text.as_str().contains('\u{ad}') {
                findings.push(
                    Diagnostic::new(
                        Code::HyphenatedTitle,
                        format!(
                            "page {page}: a title is hyphenated: « {} »",
                            line_text(pages, page, run.baseline)
                        ),
                    )
                    .hint("set `hyphenate: false` on the text of titles, labels and figures in the layouts"),
                );
            }
        }
    }
}

/// Justified body lines whose word gaps are over [`LOOSE`] times the median
/// gap of the brochure; returns how many.
fn loose_lines(pages: &Pages, body: Option<&str>, findings: &mut Vec<Diagnostic>) -> usize {
    let mut lines = Vec::new();
    for chapter in pages.chapters() {
        for page in chapter.first_page..=chapter.end.page {
            // The lines of both columns share baselines: a line is a column
            // and a baseline.
            let mut by_line = BTreeMap::<(i64, usize), Vec<f64>>::new();
            for ink in pages.ink_on(page) {
                let Some(run) = ink.text.as_ref().filter(|r| Some(r.family()) == body) else {
                    continue;
                };
                // Hundredths of a point: a key for the line.
                by_line
                    .entry((
                        (run.baseline * 100.0).round() as i64,
                        pages.column_at(page, ink.x0),
                    ))
                    .or_default()
                    .extend(&run.spaces);
            }
            for ((baseline, side), spaces) in by_line {
                if !spaces.is_empty() {
                    let gap = spaces.iter().sum::<f64>() / spaces.len() as f64;
                    lines.push((page, side, baseline as f64 / 100.0, gap));
                }
            }
        }
    }
    let mut gaps: Vec<f64> = lines.iter().map(|&(_, _, _, gap)| gap).collect();
    gaps.sort_by(f64::total_cmp);
    let Some(&median) = gaps.get(gaps.len() / 2) else {
        return 0;
    };
    let mut count = 0;
    for &(page, side, baseline, gap) in &lines {
        if gap > LOOSE * median {
            let line = match pages.columns(page) {
                Some(columns) => column_line(pages, page, columns[side], baseline),
                None => line_text(pages, page, baseline),
            };
            count += 1;
            findings.push(
                Diagnostic::new(
                    Code::LooseLine,
                    format!(
                        "page {page}: a loose line, word gaps {:.1} times the median: « {} »",
                        gap / median,
                        line
                    ),
                )
                .hint("a long word or address: rewrite the sentence, or allow hyphenation there"),
            );
        }
    }
    count
}

/// The end of a body line: where it is and the text of its last run.
struct LineEnd<'a> {
    page: usize,
    column: Column,
    baseline: f64,
    last: &'a str,
}

/// The ends of the body lines of the chapters, column by column, top to
/// bottom (the chapters' introductions left out).
fn line_ends<'a>(pages: &'a Pages, body: Option<&'a str>) -> Vec<LineEnd<'a>> {
    let mut ends = Vec::new();
    for chapter in pages.chapters() {
        for page in chapter.first_page..=chapter.end.page {
            let Some(columns) = pages.columns(page) else {
                continue;
            };
            // A chapter's introduction, set across both columns, is left out.
            let shared = pages.shared_top(page, columns);
            for column in columns {
                for baseline in pages.baselines(page, column).filter(|&b| b > shared) {
                    let last = pages
                        .ink_in(page, column)
                        .filter_map(|ink| Some((ink.x1, ink.text.as_ref()?)))
                        .filter(|(_, run)| {
                            (run.baseline - baseline).abs() < 0.5 && Some(run.family()) == body
                        })
                        .max_by(|a, b| a.0.total_cmp(&b.0));
                    if let Some((_, run)) = last {
                        ends.push(LineEnd {
                            page,
                            column,
                            baseline,
                            last: run.text.trim_end(),
                        });
                    }
                }
            }
        }
    }
    ends
}

/// Body lines ending with a hyphen (hyphenation or a compound's own), and
/// a finding for each run of more than [`MAX_HYPHENS`] of them in a column;
/// returns how many lines end with a hyphen.
fn hyphen_ladders(ends: &[LineEnd], pages: &Pages, findings: &mut Vec<Diagnostic>) -> usize {
    let mut hyphenated = 0;
    let mut ladder: Vec<&LineEnd> = Vec::new();
    let mut flush = |ladder: &mut Vec<&LineEnd>| {
        if let [first, ..] = ladder[..]
            && ladder.len() > MAX_HYPHENS
        {
            findings.push(
                Diagnostic::new(
                    Code::HyphenLadder,
                    format!(
                        "page {}: {} lines in a row end with a hyphen, from « {} »",
                        first.page,
                        ladder.len(),
                        column_line(pages, first.page, first.column, first.baseline)
                    ),
                )
                .hint("rewrite a word of one of these lines, or raise `costs.hyphenation` in the layouts"),
            );
        }
        ladder.clear();
    };
    for end in ends {
        let same_column = ladder.last().is_none_or(|previous| {
            previous.page == end.page && previous.column.x0 == end.column.x0
        });
        if !same_column {
            flush(&mut ladder);
        }
        if end.last.ends_with(['\u{ad}', '-']) {
            hyphenated += 1;
            ladder.push(end);
        } else {
            flush(&mut ladder);
        }
    }
    flush(&mut ladder);
    hyphenated
}

/// Body lines that end where French typography never breaks: after an
/// elision's apostrophe (« l’ » then « État » on the next line) or an
/// opening guillemet.
fn bad_breaks(ends: &[LineEnd], pages: &Pages, findings: &mut Vec<Diagnostic>) {
    for end in ends {
        if end.last.ends_with(['’', '\'', '«']) {
            findings.push(
                Diagnostic::new(
                    Code::BadBreak,
                    format!(
                        "page {}: a line ends after « {} »: « {} »",
                        end.page,
                        end.last.chars().last().unwrap_or_default(),
                        column_line(pages, end.page, end.column, end.baseline)
                    ),
                )
                .hint("the layouts must glue an elision to its word and a guillemet to its text (see `hyphenable` in layouts/rich.typ)"),
            );
        }
    }
}

/// Text that runs out of its column on a body page.
fn overfull_lines(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    for chapter in pages.chapters() {
        for page in chapter.first_page..=chapter.end.page {
            let Some(columns) = pages.columns(page) else {
                continue;
            };
            let shared = pages.shared_top(page, columns);
            for ink in pages.ink_on(page) {
                let Some(run) = &ink.text else { continue };
                if ink.y0 < shared || ink.y1 > columns[0].bottom + EPSILON {
                    continue;
                }
                let column = if columns[0].contains_x(ink.x0) {
                    columns[0]
                } else {
                    columns[1]
                };
                let overhang = if run.text.trim_end().ends_with(HANGING) {
                    OVERFULL_HANGING
                } else {
                    OVERFULL
                };
                if ink.x1 > column.x1 + overhang || ink.x0 < column.x0 - OVERFULL {
                    findings.push(
                        Diagnostic::new(
                            Code::OverfullLine,
                            format!(
                                "page {page}: a line runs {:.1} mm out of its column: « {} »",
                                (ink.x1 - column.x1).max(column.x0 - ink.x0) / 72.0 * 25.4,
                                line_text(pages, page, run.baseline)
                            ),
                        )
                        .hint("a word too long for the column: break it, shorten it, or allow hyphenation"),
                    );
                }
            }
        }
    }
}

/// Callouts whose label and last line are in different columns.
fn split_callouts(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    let mut label = None;
    for mark in &pages.marks {
        match mark.kind {
            MarkKind::TitleEnd => label = Some(*mark),
            MarkKind::CalloutEnd(_) => {
                if let Some(start) = label.take()
                    && place(pages, &start) != place(pages, mark)
                {
                    findings.push(
                        Diagnostic::new(
                            Code::CalloutSplit,
                            format!(
                                "page {}: the callout « {} » is split across columns: it is taller than a column",
                                start.page,
                                words_at(pages, &start)
                            ),
                        )
                        .hint("shorten the callout, or make part of it an initiative"),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Callouts whose last line is set under the bottom of their frame (the
/// tinted or framed box around them): given less room than their text
/// needs, Typst sets the rest of it out of the box rather than grow it.
fn callout_overflows(pages: &Pages, findings: &mut Vec<Diagnostic>) {
    for start in &pages.marks {
        let MarkKind::CalloutStart(id) = start.kind else {
            continue;
        };
        let Some(end) = pages
            .marks
            .iter()
            .find(|m| m.kind == MarkKind::CalloutEnd(id))
        else {
            continue;
        };
        // A split callout has a frame in each column: `callout-split`.
        if place(pages, start) != place(pages, end) {
            continue;
        }
        // The frame: the smallest shape around the callout's first mark,
        // which stands inside its padding (a pictogram starts at the mark).
        let frame = pages
            .ink_on(start.page)
            .filter(|ink| {
                ink.text.is_none()
                    && ink.x0 < start.x - EPSILON
                    && ink.x1 > start.x
                    && ink.y0 < start.y - EPSILON
                    && ink.y1 > start.y
            })
            .min_by(|a, b| {
                let area = |ink: &&Ink| (ink.x1 - ink.x0) * (ink.y1 - ink.y0);
                area(a).total_cmp(&area(b))
            });
        if let Some(frame) = frame
            && end.y > frame.y1 + EPSILON
        {
            findings.push(
                Diagnostic::new(
                    Code::CalloutOverflow,
                    format!(
                        "page {}: the last lines of the callout « {} » are set under its frame, out of its box",
                        start.page,
                        words_at(pages, start)
                    ),
                )
                .hint("the layout gave the box less room than its text needs: shorten the callout, and report the page"),
            );
        }
    }
}

/// The page and column of a mark.
fn place(pages: &Pages, mark: &Mark) -> (usize, usize) {
    (mark.page, pages.column_at(mark.page, mark.x))
}

fn column_of(pages: &Pages, mark: &Mark) -> Option<Column> {
    let columns = pages.columns(mark.page)?;
    Some(columns[pages.column_at(mark.page, mark.x)])
}

fn side_name(side: usize) -> &'static str {
    if side == 0 { "left" } else { "right" }
}

fn runs(pages: &Pages, page: usize) -> impl Iterator<Item = &TextRun> {
    pages.ink_on(page).filter_map(|ink| ink.text.as_ref())
}

/// The first words of the line of text nearest a mark, in its column.
fn words_at(pages: &Pages, mark: &Mark) -> String {
    let Some(column) = column_of(pages, mark) else {
        return String::new();
    };
    let nearest = pages
        .baselines(mark.page, column)
        .min_by(|a, b| (a - mark.y).abs().total_cmp(&(b - mark.y).abs()));
    nearest.map_or_else(String::new, |b| column_line(pages, mark.page, column, b))
}

/// The first words of the last line of a column.
fn last_words(pages: &Pages, page: usize, column: Column) -> String {
    pages
        .baselines(page, column)
        .last()
        .map_or_else(String::new, |b| column_line(pages, page, column, b))
}

fn column_line(pages: &Pages, page: usize, column: Column, baseline: f64) -> String {
    let mut parts: Vec<(f64, &str)> = pages
        .ink_in(page, column)
        .filter_map(|ink| {
            let run = ink.text.as_ref()?;
            ((run.baseline - baseline).abs() < 0.5).then_some((ink.x0, run.text.as_str()))
        })
        .collect();
    parts.sort_by(|a, b| a.0.total_cmp(&b.0));
    first_words(&parts.into_iter().map(|(_, t)| t).collect::<String>())
}

/// The text of a whole line of a page (both columns' runs at that baseline
/// would be two lines: only those of the first run's column are kept).
fn line_text(pages: &Pages, page: usize, baseline: f64) -> String {
    match pages.columns(page) {
        Some(columns) => {
            let column = columns
                .into_iter()
                .find(|c| {
                    pages.ink_in(page, *c).any(|ink| {
                        ink.text
                            .as_ref()
                            .is_some_and(|t| (t.baseline - baseline).abs() < 0.5)
                    })
                })
                .unwrap_or(columns[0]);
            column_line(pages, page, column, baseline)
        }
        None => {
            let text: String = runs(pages, page)
                .filter(|t| (t.baseline - baseline).abs() < 0.5)
                .map(|t| t.text.as_str())
                .collect();
            first_words(&text)
        }
    }
}

/// At most eight words, soft hyphens shown as `-`.
fn first_words(text: &str) -> String {
    let text = text.replace('\u{ad}', "-");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut line = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 8 {
        line.push('…');
    }
    line
}

#[cfg(test)]
mod tests {
    use super::{MAX_HYPHENS, MIN_TAIL_LINES};
    use crate::diag::Code;

    /// What `--codes` prints states the limits the checks use.
    #[test]
    fn code_summaries_state_the_limits() {
        assert!(
            Code::ShortTail
                .entry()
                .summary
                .contains(&format!("fewer than {MIN_TAIL_LINES} lines"))
        );
        assert!(
            Code::HyphenLadder
                .entry()
                .summary
                .contains(&format!("more than {MAX_HYPHENS} lines"))
        );
    }
}
