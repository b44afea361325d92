//! The tag tree of both editions, as a screen reader walks it: headings for
//! every title, each callout one group led by its label, each key figure one
//! statement, decoration as artifacts, and the text in the order of the
//! sources.

use crate::common;

use bilan::content::model::{Block, Callout, Figure};
use bilan::content::{Project, Text};
use bilan::pipeline::load_project;
use std::sync::OnceLock;

use common::structure::{self, Element, Node, Tagged};
use common::{brochure, normalize, screen, words};

fn project() -> Project {
    let root = common::root();
    load_project(root, &root.join("sources"))
        .expect("the shipped sources load")
        .0
}

/// The words of a text run together: compares texts whatever the PDF makes
/// of the spaces between runs (`XXI` + superscript `ème`).
fn squash(text: &str) -> String {
    words(&normalize(text)).concat()
}

fn plain(text: &Text) -> String {
    text.plain()
}

/// The tag tree of the screen edition, read once.
fn screen_tags() -> &'static Tagged {
    static TAGS: OnceLock<Tagged> = OnceLock::new();
    TAGS.get_or_init(|| structure::read(&screen().pdf))
}

/// The tag tree of the print edition, read once.
fn print_tags() -> &'static Tagged {
    static TAGS: OnceLock<Tagged> = OnceLock::new();
    TAGS.get_or_init(|| structure::read(&brochure().pdf))
}

/// Both editions: screen, then print.
fn editions() -> [&'static Tagged; 2] {
    [screen_tags(), print_tags()]
}

/// How many elements of each role, and what the pages mark as artifacts:
/// printed by the tests (`cargo test --test integration accessibility:: -- --nocapture`).
fn census(tagged: &Tagged) -> String {
    let mut roles = std::collections::BTreeMap::<&str, usize>::new();
    for element in tagged.root.descendants().into_iter().skip(1) {
        *roles.entry(element.role.as_str()).or_default() += 1;
    }
    let m = &tagged.marking;
    format!(
        "{roles:?}; artifact paths {}, artifact text runs {}, unmarked paths {}, unmarked text runs {}",
        m.artifact_paths,
        m.artifact_text.len(),
        m.unmarked_paths,
        m.unmarked_text.len()
    )
}

/// The level of a section's heading: 2 for a sub-chapter or a section
/// (`1.4`), 3 for a sub-section (`1.4.1`).
fn section_level(number: Option<&str>) -> usize {
    number.map_or(2, |n| n.split('.').count())
}

/// The label of a callout, as printed.
fn label(callout: &Callout) -> String {
    static PROJECT: OnceLock<Project> = OnceLock::new();
    let project = PROJECT.get_or_init(project);
    project
        .brochure
        .callout_label(callout)
        .map(plain)
        .unwrap_or_default()
}

/// Every heading the tag tree must hold, in reading order: (level, text).
fn expected_headings(project: &Project) -> Vec<(usize, String)> {
    let mut headings = Vec::new();
    for chapter in &project.brochure.chapters {
        headings.push((1, plain(&chapter.title)));
        for section in &chapter.sections {
            let level = section_level(section.number.as_ref().map(|n| n.get_ref().as_str()));
            let number = section
                .number
                .as_ref()
                .map(|n| n.get_ref().clone())
                .unwrap_or_default();
            headings.push((level, format!("{number} {}", plain(&section.title))));
            for block in &section.blocks {
                match block {
                    Block::Initiative(i) => headings.push((level + 1, plain(&i.title))),
                    Block::Callout(c) => headings.push((level + 1, label(c))),
                    Block::Figure(_) => {}
                }
            }
        }
    }
    headings
}

fn headings(root: &Element) -> Vec<(usize, String)> {
    root.descendants()
        .into_iter()
        .filter_map(|e| Some((e.heading_level()?, e.text())))
        .collect()
}

#[test]
fn every_title_is_a_heading_of_its_level_in_both_editions() {
    let project = project();
    let expected = expected_headings(&project);
    let sommaire = 22;
    let initiatives = 106;
    let callouts = 47;
    assert_eq!(expected.len(), sommaire + initiatives + callouts);
    for tagged in editions() {
        println!("{}", census(tagged));
        let found = headings(&tagged.root);
        let mut by_level = [0usize; 7];
        for (level, _) in &found {
            by_level[*level] += 1;
        }
        println!("headings by level H1…H6: {:?}", &by_level[1..]);
        let simplify = |h: &[(usize, String)]| -> Vec<(usize, String)> {
            h.iter().map(|(l, t)| (*l, squash(t))).collect()
        };
        let (found, expected) = (simplify(&found), simplify(&expected));
        for (i, (f, e)) in found.iter().zip(&expected).enumerate() {
            assert_eq!(f, e, "heading {i} differs");
        }
        assert_eq!(found.len(), expected.len(), "{} headings", found.len());
    }
}

#[test]
fn heading_levels_never_skip() {
    for tagged in editions() {
        let mut previous = 0;
        for (level, text) in headings(&tagged.root) {
            assert!(
                level <= previous + 1,
                "H{previous} then H{level} « {text} »"
            );
            previous = level;
        }
    }
}

/// The callouts of the sources, in order, with the level of their label.
fn callouts(project: &Project) -> Vec<(usize, &Callout)> {
    let mut all = Vec::new();
    for chapter in &project.brochure.chapters {
        for section in &chapter.sections {
            let level = section_level(section.number.as_ref().map(|n| n.get_ref().as_str())) + 1;
            for block in &section.blocks {
                if let Block::Callout(c) = block {
                    all.push((level, c));
                }
            }
        }
    }
    all
}

#[test]
fn every_callout_is_one_group_led_by_its_label() {
    let project = project();
    let callouts = callouts(&project);
    assert_eq!(callouts.len(), 47);
    for tagged in editions() {
        callouts_are_groups(tagged, &callouts);
    }
}

fn callouts_are_groups(tagged: &Tagged, callouts: &[(usize, &Callout)]) {
    // The groups that open with a heading: the callouts, and nothing else.
    let groups: Vec<&Element> = tagged
        .root
        .descendants()
        .into_iter()
        .filter(|e| e.role == "Div")
        .filter(|e| {
            matches!(e.children.first(), Some(Node::Element(first)) if first.heading_level().is_some())
        })
        .collect();
    assert_eq!(groups.len(), callouts.len(), "{}", census(tagged));
    for (group, (level, callout)) in groups.iter().zip(callouts) {
        let Some(Node::Element(heading)) = group.children.first() else {
            unreachable!()
        };
        assert_eq!(heading.heading_level(), Some(*level));
        assert_eq!(squash(&heading.text()), squash(&label(callout)));
        // Label, lead and paragraphs, and nothing else: no pictogram read.
        let words: String = [label(callout)]
            .into_iter()
            .chain(callout.lead.iter().map(plain))
            .chain(callout.paragraphs.iter().map(plain))
            .map(|t| squash(&t))
            .collect();
        assert_eq!(
            squash(&group.text()),
            words,
            "callout « {} »",
            label(callout)
        );
    }
}

/// The key figures of the sources, each with the text it follows: the last
/// paragraph (or the title) of the block before it.
fn figures(project: &Project) -> Vec<(&Figure, String)> {
    let mut figures = Vec::new();
    let mut last = String::new();
    for block in project.brochure.blocks() {
        match block {
            Block::Initiative(i) => last = plain(i.paragraphs.last().unwrap_or(&i.title)),
            Block::Callout(c) => last = c.paragraphs.last().map(plain).unwrap_or_default(),
            Block::Figure(f) => figures.push((f, last.clone())),
        }
    }
    figures
}

#[test]
fn every_key_figure_is_one_statement_with_its_number_read_as_a_number() {
    let project = project();
    let figures = figures(&project);
    assert_eq!(figures.len(), 8);
    for tagged in editions() {
        figures_are_statements(tagged, &figures);
    }
}

fn figures_are_statements(tagged: &Tagged, figures: &[(&Figure, String)]) {
    let all = tagged.root.descendants();
    let at: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].role == "Figure")
        .collect();
    // The key figures, then the map of the index.
    assert_eq!(at.len(), figures.len() + 1, "{}", census(tagged));
    for (&i, (figure, follows)) in at.iter().zip(figures) {
        let element = all[i];
        // In its place: right after the paragraph it illustrates.
        let before = all[..i]
            .iter()
            .rev()
            .find(|e| e.role == "P" || e.heading_level().is_some())
            .expect("text before a figure");
        assert_eq!(squash(&before.text()), squash(follows));
        let printed: String = [
            figure.before.as_ref(),
            Some(&figure.value),
            Some(&figure.text),
        ]
        .into_iter()
        .flatten()
        .map(|t| squash(&plain(t)))
        .collect();
        assert_eq!(squash(&element.text()), printed);
        let alt = element
            .alt
            .as_deref()
            .expect("a key figure has an alt text");
        assert_eq!(normalize(alt), normalize(&figure.phrase()));
    }
    let first = all[at[0]].alt.as_deref().expect("an alt text");
    assert_eq!(normalize(first), "50 000 masques pour la haute-saône");
}

#[test]
fn decoration_is_never_read() {
    let project = project();
    for tagged in editions() {
        let marking = &tagged.marking;
        // Pictograms, rules, colour bands, backgrounds, frames: every painted
        // path is an artifact.
        assert!(marking.artifact_paths > 0);
        assert_eq!(marking.unmarked_paths, 0, "{marking:?}");
        // Every glyph is either read (in the tree) or an artifact.
        assert!(marking.unmarked_text.is_empty(), "{marking:?}");
        // A path that is read belongs to a picture read by its alt text.
        for element in tagged.root.descendants() {
            if element.own_paths() > 0 {
                assert!(
                    element.role == "Figure" && element.alt.is_some(),
                    "a {} paints {} paths",
                    element.role,
                    element.own_paths()
                );
            }
        }
        // The huge numeral of a part opener repeats « PARTIE I » under it.
        for element in tagged.root.descendants() {
            let text = squash(&element.text());
            assert!(
                !["i", "ii", "iii"].contains(&text.as_str()),
                "a part numeral is read: {} « {text} »",
                element.role
            );
        }
        shown_but_not_read(&project, marking);
    }
}

/// What is shown but not read: the page furniture (numbers and running
/// titles, the « Notes » pages' included), the Sommaire's dotted leaders,
/// the part numerals of the openers.
/// Never a word of the text.
fn shown_but_not_read(project: &Project, marking: &structure::Marking) {
    let index = project.brochure.manifest.index.as_ref().expect("an index");
    let mut allowed: Vec<String> = project
        .brochure
        .chapters
        .iter()
        .map(|c| &c.short_title)
        .chain([&index.title])
        .flat_map(|t| words(&normalize(&plain(t))))
        .collect();
    allowed.extend(["i", "ii", "iii"].map(String::from));
    // The running title of the « Notes » pages that fit the page count.
    allowed.extend(words(&project.brochure.manifest.layout.notes_title));
    for word in words(&normalize(&marking.artifact_text.join(" "))) {
        assert!(
            allowed.contains(&word) || word.chars().all(|c| c.is_ascii_digit()),
            "« {word} » is shown as an artifact"
        );
    }
}

#[test]
fn the_map_says_in_words_which_departements_are_shaded_and_how_much() {
    let project = project();
    let map = screen_tags()
        .root
        .descendants()
        .into_iter()
        .rfind(|e| e.role == "Figure")
        .expect("the map (the last figure)");
    let alt = normalize(map.alt.as_deref().expect("the map has an alt text"));
    assert!(alt.starts_with("carte"), "{alt}");
    for departement in &project.brochure.departements {
        let name = normalize(&departement.name);
        assert!(alt.contains(&name), "{name} not in « {alt} »");
    }
    // Every shade of the legend is named with the départements it covers.
    for shade in ["7 et plus pour", "4 à 6 pour", "2 à 3 pour", "1 pour"] {
        assert!(alt.contains(shade), "« {shade} » not in « {alt} »");
    }
}

#[test]
fn the_tag_tree_reads_the_original_in_order_in_both_editions() {
    for tagged in editions() {
        common::assert_holds_original("tag tree", &words(&normalize(&tagged.root.text())));
    }
}

#[test]
fn a_title_without_text_is_no_heading_and_the_brochure_still_builds() {
    let minimal = common::Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "title = \"Une initiative\"",
        "title = \"\"",
    );
    let output = minimal.build(&["--profile", "screen"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let tagged = structure::read(&pdf);
    for (level, text) in headings(&tagged.root) {
        assert!(!squash(&text).is_empty(), "an empty H{level}");
    }
}
