//! The decisions of each edition's last fitting, kept on disk
//! (`build/.fitting/`) for the next process: a build whose inputs are those
//! of the last one lays its pages out once with the kept decisions, checks
//! them on those pages, and skips the fitting's other layouts.
//!
//! The key is a hash of everything a fitting reads: the data the layouts
//! read (content, edition, pictures), the layouts, the fonts, the rules of
//! `[layout]`, the edition's settings and this very program (its size and
//! date). The same key gives the same decisions, so the pages are those a
//! fresh fitting gives, byte for byte; the check on the pages is a second
//! guard, and any doubt (another key, a file that does not read, a check
//! that fails) means a fresh fitting.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use typst::text::Font;

use crate::content::LeafletRules;
use crate::content::model::{Layout, Openers, Profile};
use crate::pagination::FitReport;
use crate::render;
use crate::world::{Balance, BilanWorld, BlockId, FIT_PATH, Leaflet, PageFit, Spread};

/// The folder of the kept decisions, inside the project's root.
const FOLDER: &str = "build/.fitting";

/// Where an edition's decisions are kept: one file per edition, which each
/// fitting of that edition replaces.
#[derive(Debug, Clone)]
pub struct KeptFitting {
    path: PathBuf,
}

/// What is kept: the key of the inputs, the decisions and the report.
#[derive(Serialize, Deserialize)]
struct Stored {
    key: String,
    plan: StoredPlan,
    report: FitReport,
}

/// A [`PageFit`] as it is kept (JSON keys are strings: block ids are
/// written as `chapter.section.block`).
#[derive(Serialize, Deserialize)]
struct StoredPlan {
    openers: Openers,
    split_callouts: Vec<String>,
    floats: Vec<String>,
    anchors: Vec<String>,
    balance: Vec<(usize, String, f64)>,
    spread_blocks: Vec<(String, f64)>,
    spread_paragraphs: Vec<(String, usize, f64)>,
    spacing: f64,
    chapter_spacing: Vec<(usize, f64)>,
    notes_pages: usize,
    blank_pages: usize,
    notes_title: String,
    #[serde(default)]
    index_density: usize,
    #[serde(default)]
    leaflet: Option<Leaflet>,
}

impl KeptFitting {
    /// The file of the edition named `slot` (`print`, `33-screen`…) in the
    /// project at `root`.
    pub fn new(root: &Path, slot: &str) -> Self {
        Self {
            path: root.join(FOLDER).join(format!("{slot}.json")),
        }
    }

    /// The decisions and report kept for `key`, if the file holds them.
    pub fn load(&self, key: u128) -> Option<(PageFit, FitReport)> {
        let bytes = std::fs::read(&self.path).ok()?;
        let stored: Stored = serde_json::from_slice(&bytes).ok()?;
        if stored.key != hex(key) {
            return None;
        }
        Some((stored.plan.into_plan()?, stored.report))
    }

    /// Keeps these decisions for `key`, replacing what was kept. A file
    /// that cannot be written is left as it was: the next build fits anew.
    pub fn save(&self, key: u128, plan: &PageFit, report: &FitReport) {
        let stored = Stored {
            key: hex(key),
            plan: StoredPlan::from_plan(plan),
            report: report.clone(),
        };
        if let Ok(bytes) = serde_json::to_vec(&stored) {
            let _ = render::write_atomic(&self.path, &bytes);
        }
    }
}

/// The key of a fitting's inputs (see the module's documentation).
pub(super) fn key(
    world: &BilanWorld,
    fonts: u128,
    layout: &Layout,
    profile: &Profile,
    marks: bool,
    leaflet: Option<&LeafletRules>,
) -> u128 {
    let files: Vec<(String, Vec<u8>)> = world
        .files()
        .into_iter()
        .filter(|(path, _)| path != FIT_PATH)
        .collect();
    let rules = serde_json::to_vec(layout).unwrap_or_default();
    let program = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| (m.len(), m.modified().ok()))
        .ok();
    typst::utils::hash128(&(
        env!("CARGO_PKG_VERSION"),
        program,
        files,
        fonts,
        rules,
        format!("{profile:?}"),
        marks,
        format!("{leaflet:?}"),
    ))
}

/// The hash of the fonts' bytes, for [`key`].
pub(super) fn fonts_hash(fonts: &[Font]) -> u128 {
    let data: Vec<&[u8]> = fonts.iter().map(|font| font.data().as_slice()).collect();
    typst::utils::hash128(&data)
}

fn hex(key: u128) -> String {
    format!("{key:032x}")
}

impl StoredPlan {
    fn from_plan(plan: &PageFit) -> Self {
        let ids = |ids: &[BlockId]| ids.iter().map(ToString::to_string).collect();
        Self {
            openers: plan.openers,
            split_callouts: ids(&plan.split_callouts),
            floats: ids(&plan.floats),
            anchors: ids(&plan.anchors),
            balance: plan
                .balance
                .iter()
                .map(|(&chapter, b)| (chapter, b.before.to_string(), b.reserve))
                .collect(),
            spread_blocks: plan
                .spread
                .blocks
                .iter()
                .map(|(id, &points)| (id.to_string(), points))
                .collect(),
            spread_paragraphs: plan
                .spread
                .paragraphs
                .iter()
                .map(|(&(id, paragraph), &points)| (id.to_string(), paragraph, points))
                .collect(),
            spacing: plan.spacing,
            chapter_spacing: plan.chapter_spacing.iter().map(|(&c, &s)| (c, s)).collect(),
            notes_pages: plan.notes_pages,
            blank_pages: plan.blank_pages,
            notes_title: plan.notes_title.clone(),
            index_density: plan.index_density,
            leaflet: plan.leaflet.clone(),
        }
    }

    fn into_plan(self) -> Option<PageFit> {
        let ids = |ids: Vec<String>| {
            ids.iter()
                .map(|id| BlockId::parse(id))
                .collect::<Option<Vec<_>>>()
        };
        Some(PageFit {
            openers: self.openers,
            split_callouts: ids(self.split_callouts)?,
            floats: ids(self.floats)?,
            anchors: ids(self.anchors)?,
            balance: self
                .balance
                .into_iter()
                .map(|(chapter, before, reserve)| {
                    Some((
                        chapter,
                        Balance {
                            before: BlockId::parse(&before)?,
                            reserve,
                        },
                    ))
                })
                .collect::<Option<_>>()?,
            spread: Spread {
                blocks: self
                    .spread_blocks
                    .into_iter()
                    .map(|(id, points)| Some((BlockId::parse(&id)?, points)))
                    .collect::<Option<_>>()?,
                paragraphs: self
                    .spread_paragraphs
                    .into_iter()
                    .map(|(id, paragraph, points)| {
                        Some(((BlockId::parse(&id)?, paragraph), points))
                    })
                    .collect::<Option<_>>()?,
            },
            spacing: self.spacing,
            chapter_spacing: self.chapter_spacing.into_iter().collect(),
            notes_pages: self.notes_pages,
            blank_pages: self.blank_pages,
            notes_title: self.notes_title,
            index_density: self.index_density,
            leaflet: self.leaflet,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> PageFit {
        let id = |text| BlockId::parse(text).expect("an id");
        let mut plan = PageFit::new(&Layout::default());
        plan.floats = vec![id("1.2.3")];
        plan.anchors = vec![id("2.0.1"), id("3.4.0")];
        plan.balance.insert(
            1,
            Balance {
                before: id("1.3.2"),
                reserve: 123.456_789_012_3,
            },
        );
        plan.spread.blocks.insert(id("2.1"), 4.2);
        plan.spread.paragraphs.insert((id("2.1.1"), 2), 0.1 + 0.2);
        plan.chapter_spacing.insert(2, 0.85);
        plan.notes_pages = 1;
        plan
    }

    #[test]
    fn kept_decisions_read_back_as_they_were_written() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let kept = KeptFitting::new(dir.path(), "print");
        let report = FitReport {
            pages: 40,
            multiple: 4,
            ..FitReport::default()
        };
        kept.save(7, &plan(), &report);
        let (plan_back, report_back) = kept.load(7).expect("kept");
        assert_eq!(plan_back, plan());
        assert_eq!(report_back, report);
        // The layouts read the same bytes.
        assert_eq!(
            crate::world::fit_json(&plan_back).expect("json"),
            crate::world::fit_json(&plan()).expect("json")
        );
    }

    #[test]
    fn another_key_or_no_file_reads_nothing() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let kept = KeptFitting::new(dir.path(), "print");
        assert!(kept.load(7).is_none());
        kept.save(7, &plan(), &FitReport::default());
        assert!(kept.load(8).is_none());
        std::fs::write(dir.path().join(FOLDER).join("print.json"), "{").expect("write");
        assert!(kept.load(7).is_none());
    }
}
