//! The shipped sources hold the whole brochure, as the verified outline of
//! the original counts it (`../shared/seed/STRUCTURE.md`).

use bilan::content::Project;
use bilan::content::model::{Block, ChapterKind};
use bilan::pipeline::load_project;

fn project() -> Project {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    load_project(root, &root.join("sources"))
        .expect("the shipped sources load")
        .0
}

#[test]
fn edito_has_twelve_paragraphs_and_a_signature() {
    let project = project();
    let edito = &project.brochure.manifest.edito;
    assert_eq!(edito.paragraphs.len(), 12);
    assert_eq!(edito.signatories.len(), 1);
    assert_eq!(edito.signatories[0].roles.len(), 2);
}

#[test]
fn one_opening_chapter_three_parts_and_their_sections() {
    let project = project();
    let chapters = &project.brochure.chapters;
    let kinds: Vec<ChapterKind> = chapters.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ChapterKind::Chapter,
            ChapterKind::Part,
            ChapterKind::Part,
            ChapterKind::Part
        ]
    );
    assert_eq!(
        chapters[0].sections.len(),
        4,
        "sub-chapters of the opening chapter"
    );
    let numbers: Vec<&str> = chapters[1..]
        .iter()
        .flat_map(|c| &c.sections)
        .filter_map(|s| s.number.as_ref().map(|n| n.get_ref().as_str()))
        .collect();
    assert_eq!(
        numbers,
        [
            "1.1", "1.2", "1.3", "1.4", "1.4.1", "1.4.2", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2",
            "3.3", "3.4"
        ]
    );
    let intros: usize = chapters
        .iter()
        .map(|c| c.intro.len() + c.sections.iter().map(|s| s.intro.len()).sum::<usize>())
        .sum();
    assert_eq!(intros, 38, "introduction paragraphs");
}

#[test]
fn initiatives_callouts_and_figures_are_all_there() {
    let project = project();
    let initiatives: Vec<_> = project
        .brochure
        .blocks()
        .filter_map(|b| match b {
            Block::Initiative(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(initiatives.len(), 106);
    assert_eq!(
        initiatives
            .iter()
            .filter(|i| i.paragraphs.is_empty())
            .count(),
        3
    );
    assert_eq!(
        initiatives
            .iter()
            .filter(|i| i.paragraphs.len() == 2)
            .count(),
        2
    );

    let families: Vec<&str> = project
        .brochure
        .blocks()
        .filter_map(|b| match b {
            Block::Callout(c) => Some(c.family.as_str()),
            _ => None,
        })
        .collect();
    let count = |f: &str| families.iter().filter(|&&x| x == f).count();
    assert_eq!(families.len(), 47);
    assert_eq!(
        ["possible", "zoom", "innove", "plus", "focus"].map(count),
        [11, 11, 12, 12, 1]
    );
    let leads = project
        .brochure
        .blocks()
        .filter(|b| matches!(b, Block::Callout(c) if c.lead.is_some()))
        .count();
    assert_eq!(leads, 5);
    let figures = project
        .brochure
        .blocks()
        .filter(|b| matches!(b, Block::Figure(_)))
        .count();
    assert_eq!(figures, 8);
}

#[test]
fn wrong_codes_of_the_original_are_kept() {
    let project = project();
    let text: String = project
        .brochure
        .blocks()
        .filter_map(|b| match b {
            Block::Initiative(i) => Some(
                i.paragraphs
                    .iter()
                    .map(|p| p.raw.as_str())
                    .collect::<String>(),
            ),
            _ => None,
        })
        .collect();
    assert!(text.contains("Ille-et-Vilaine (53)"));
    assert!(text.contains("la Lozère (42)"));
}
