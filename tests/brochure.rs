//! The real brochure, built by the real binary and read back from the PDF.

use crate::common;

use bilan::content::model::Block;
use bilan::content::{Project, Text};
use bilan::pipeline::load_project;
use common::{brochure, normalize, words};

fn project() -> Project {
    let root = common::root();
    load_project(root, &root.join("sources"))
        .expect("the shipped sources load")
        .0
}

fn plain(text: &Text) -> String {
    normalize(&text.plain())
}

/// The 1-based page whose text contains `needle`, searching after `after`.
fn page_of(needle: &str, after: usize) -> Option<usize> {
    brochure()
        .pages
        .iter()
        .enumerate()
        .skip(after)
        .find(|(_, text)| text.contains(needle))
        .map(|(i, _)| i + 1)
}

#[test]
fn page_count_is_that_of_a_booklet() {
    let pages = brochure().pages.len();
    assert!((36..=56).contains(&pages), "{pages} pages");
    assert_eq!(
        pages % 4,
        0,
        "{pages} pages is not a multiple of 4 (a stapled booklet)"
    );
}

#[test]
fn summary_line_reports_pages_size_and_time() {
    let stderr = &brochure().stderr;
    let pages = brochure().pages.len();
    assert!(stderr.contains(&format!("{pages} pages")), "{stderr}");
    assert!(stderr.contains("KiB") || stderr.contains("MiB"), "{stderr}");
    assert!(stderr.contains(" s"), "{stderr}");
    // A build of the shipped brochure says what it does, and nothing else.
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let verb = line.split_whitespace().next().unwrap_or_default();
        assert!(
            ["Loading", "Typesetting", "Paginated", "Finished"].contains(&verb),
            "an unexpected line: « {line} »"
        );
    }
}

#[test]
fn table_of_contents_lists_22_entries_with_true_page_numbers() {
    let project = project();
    let entries = common::toc_entries(&project);
    assert_eq!(entries.len(), 22);
    let toc_title = plain(&project.brochure.manifest.toc.title);
    let toc_page = page_of(&toc_title, 0).expect("a Sommaire page");
    let toc_text = common::without_leaders(&brochure().pages[toc_page - 1]);
    let mut cursor = 0;
    for entry in &entries {
        let at = toc_text[cursor..]
            .find(&entry.toc_title)
            .unwrap_or_else(|| panic!("`{}` not in the Sommaire:\n{toc_text}", entry.toc_title));
        cursor += at + entry.toc_title.len();
        let number: usize = toc_text[cursor..]
            .split_whitespace()
            .next()
            .and_then(|w| w.parse().ok())
            .unwrap_or_else(|| panic!("no page number after `{}`", entry.toc_title));
        let page = &brochure().pages[number - 1];
        assert!(
            page.contains(&entry.body_title),
            "the Sommaire sends `{}` to page {number}, which does not hold it",
            entry.body_title
        );
        assert!(number > toc_page);
    }
}

#[test]
fn table_of_contents_entries_are_links() {
    let pdf = &brochure().pdf;
    let project = project();
    let toc_title = plain(&project.brochure.manifest.toc.title);
    let toc_page = page_of(&toc_title, 0).expect("a Sommaire page");
    let page_id = pdf.get_pages()[&u32::try_from(toc_page).expect("a page number")];
    let annotations = pdf
        .get_page_annotations(page_id)
        .expect("the Sommaire page has annotations");
    let links = annotations
        .iter()
        .filter(|a| a.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link"))
        .count();
    assert!(links >= 22, "{links} links on the Sommaire page");
}

#[test]
fn every_callout_label_is_printed() {
    let project = project();
    let text = brochure().pages.join(" ");
    let mut labels: Vec<(&str, String)> = Vec::new();
    for block in project.brochure.blocks() {
        if let Block::Callout(c) = block {
            let label = project.brochure.callout_label(c).map(plain);
            labels.push((&c.family, label.unwrap_or_default()));
        }
    }
    assert_eq!(labels.len(), 47);
    for (family, label) in &labels {
        let expected = labels.iter().filter(|(_, l)| l == label).count();
        let printed = text.matches(label.as_str()).count();
        assert!(
            printed >= expected,
            "`{family}` label `{label}` printed {printed} times, expected {expected}"
        );
    }
}

#[test]
fn every_figure_is_printed_whole() {
    let project = project();
    let text = words(&brochure().pages.join(" ")).join(" ");
    let figures: Vec<_> = project
        .brochure
        .blocks()
        .filter_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .collect();
    assert_eq!(figures.len(), 8);
    for figure in figures {
        let whole = [
            figure.before.as_ref(),
            Some(&figure.value),
            Some(&figure.text),
        ]
        .into_iter()
        .flatten()
        .map(|t| words(&t.plain()).join(" "))
        .collect::<Vec<_>>()
        .join(" ");
        assert!(text.contains(&whole), "figure `{whole}` not printed");
    }
}

#[test]
fn every_font_is_embedded_and_comes_from_fonts_dir() {
    let pdf = &brochure().pdf;
    let mut names = Vec::new();
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name = String::from_utf8_lossy(
            dict.get(b"FontName")
                .and_then(|n| n.as_name())
                .expect("a font name"),
        )
        .into_owned();
        let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
            .iter()
            .any(|key| dict.has(key));
        assert!(embedded, "font {name} is not embedded");
        names.push(name);
    }
    assert!(names.iter().any(|n| n.contains("Montserrat")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("SourceSans3")), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| n.contains("Montserrat") || n.contains("SourceSans3")),
        "a font not shipped in fonts/: {names:?}"
    );
}

#[test]
fn metadata_gives_title_author_and_french() {
    let project = project();
    let pdf = &brochure().pdf;
    let info_id = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| i.as_reference())
        .expect("an Info dict");
    let info = pdf.get_dictionary(info_id).expect("Info");
    let text_of = |key: &[u8]| {
        let object = info.get(key).expect("the key is set");
        lopdf::decode_text_string(object).expect("a text string")
    };
    assert_eq!(text_of(b"Title"), project.brochure.manifest.metadata.title);
    assert_eq!(
        text_of(b"Author"),
        project.brochure.manifest.metadata.author
    );
    let lang = pdf
        .catalog()
        .expect("a catalog")
        .get(b"Lang")
        .expect("a /Lang");
    let lang = lopdf::decode_text_string(lang).expect("a language tag");
    assert!(lang.starts_with("fr"), "{lang}");
}

#[test]
fn contact_email_is_on_the_last_page() {
    let project = project();
    let last = brochure().pages.last().expect("pages");
    assert!(
        last.contains(
            &project
                .brochure
                .manifest
                .contact
                .email
                .as_ref()
                .expect("the shipped contact has an e-mail")
                .get_ref()
                .to_lowercase()
        ),
        "{last}"
    );
}

/// How much of the original text the PDF holds, word for word and in order:
/// the longest common subsequence of the two word sequences.
#[test]
fn pdf_holds_the_original_text_in_reading_order() {
    common::assert_holds_original("PDF text", &words(&brochure().pages.join(" ")));
}

#[test]
fn same_sources_give_byte_identical_pdfs() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let again = dir.path().join("again.pdf");
    let output = common::build_real(&again, &[]);
    assert!(output.status.success());
    let bytes = std::fs::read(&again).expect("written");
    assert!(
        bytes == brochure().bytes,
        "two builds of the same sources differ"
    );
}

#[test]
fn longest_common_subsequence_counts_words_in_order() {
    let lcs = |a: &str, b: &str| {
        let a: Vec<_> = a.split(' ').collect();
        let b: Vec<_> = b.split(' ').collect();
        common::longest_common_subsequence(&a, &b)
    };
    assert_eq!(lcs("a b c d", "a b c d"), 4);
    assert_eq!(lcs("a b c d", "x a c y d"), 3);
    assert_eq!(lcs("a b c", "c b a"), 1);
    assert_eq!(lcs("a b", "x y"), 0);
}
