//! The print and screen editions, read back from their PDFs: boxes, standards
//! claimed, metadata, bookmarks, fonts and reproducibility.

use crate::common;

use common::{Built, brochure, root, screen};
use lopdf::{Dictionary, Document, Object};

/// A4 in PDF points.
const A4: (f64, f64) = (595.28, 841.89);
/// 3 mm in PDF points.
const BLEED: f64 = 3.0 * 72.0 / 25.4;

fn rectangle(page: &Dictionary, key: &[u8]) -> Option<[f64; 4]> {
    let array = page.get(key).ok()?.as_array().ok()?;
    let values: Vec<f64> = array
        .iter()
        .map(|v| v.as_float().map(f64::from).expect("a number"))
        .collect();
    values.try_into().ok()
}

fn pages(pdf: &Document) -> Vec<&Dictionary> {
    pdf.get_pages()
        .values()
        .map(|&id| pdf.get_dictionary(id).expect("a page"))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.05
}

#[test]
fn print_pages_have_an_a4_trim_box_and_a_3mm_bleed_box() {
    for page in pages(&brochure().pdf) {
        let trim = rectangle(page, b"TrimBox").expect("a TrimBox");
        let bleed = rectangle(page, b"BleedBox").expect("a BleedBox");
        assert!(
            close(trim[2] - trim[0], A4.0) && close(trim[3] - trim[1], A4.1),
            "{trim:?}"
        );
        for (i, sign) in [-1.0, -1.0, 1.0, 1.0].into_iter().enumerate() {
            assert!(
                close(bleed[i], trim[i] + sign * BLEED),
                "{bleed:?} around {trim:?}"
            );
        }
    }
}

#[test]
fn screen_pages_are_a4_without_trim_or_bleed() {
    for page in pages(&screen().pdf) {
        assert!(rectangle(page, b"TrimBox").is_none());
        assert!(rectangle(page, b"BleedBox").is_none());
        let media = rectangle(page, b"MediaBox").expect("a MediaBox");
        assert!(close(media[2] - media[0], A4.0) && close(media[3] - media[1], A4.1));
    }
}

#[test]
fn crop_marks_make_the_media_larger_than_the_bleed() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let out = dir.path().join("marks.pdf");
    let output = common::build_real(&out, &["--marks"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let pdf = Document::load(&out).expect("a PDF");
    for page in pages(&pdf) {
        let media = rectangle(page, b"MediaBox").expect("a MediaBox");
        let bleed = rectangle(page, b"BleedBox").expect("a BleedBox");
        let trim = rectangle(page, b"TrimBox").expect("a TrimBox");
        assert!(
            media[0] < bleed[0] - 10.0 && media[2] > bleed[2] + 10.0,
            "{media:?} {bleed:?}"
        );
        assert!(close(trim[2] - trim[0], A4.0));
    }
}

/// The XMP metadata packet of a PDF.
fn xmp(pdf: &Document) -> String {
    let id = pdf
        .catalog()
        .expect("a catalog")
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("a /Metadata stream");
    let stream = pdf
        .get_object(id)
        .and_then(Object::as_stream)
        .expect("a stream");
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn screen_claims_pdf_a_2b_and_pdf_ua_1() {
    let xmp = xmp(&screen().pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
}

#[test]
fn print_claims_pdf_ua_1_and_no_pdf_a() {
    let xmp = xmp(&brochure().pdf);
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{xmp}");
    assert!(!xmp.contains("pdfaid:part"), "{xmp}");
}

#[test]
fn print_colours_are_cmyk_and_screen_colours_rgb() {
    let count = |built: &Built, operator: &str| {
        let pdf = &built.pdf;
        pdf.get_pages()
            .values()
            .take(1)
            .map(|&id| {
                let content = pdf.get_page_content(id);
                let ops = lopdf::content::Content::decode(&content).expect("operators");
                ops.operations
                    .iter()
                    .filter(|op| op.operator == operator)
                    .count()
            })
            .sum::<usize>()
    };
    // On the cover, the brand colours fill shapes: `k` sets a CMYK fill.
    assert!(
        count(brochure(), "k") > 0,
        "no CMYK fill in the print cover"
    );
    assert_eq!(count(screen(), "k"), 0, "CMYK fill in the screen cover");
}

#[test]
fn both_editions_have_title_language_and_embedded_fonts() {
    for built in [brochure(), screen()] {
        let pdf = &built.pdf;
        let info_id = pdf
            .trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .expect("an Info dict");
        let title = pdf
            .get_dictionary(info_id)
            .and_then(|i| i.get(b"Title"))
            .expect("a title");
        assert!(
            lopdf::decode_text_string(title)
                .expect("text")
                .contains("Changer la vie")
        );
        let lang = pdf.catalog().and_then(|c| c.get(b"Lang")).expect("a /Lang");
        assert!(
            lopdf::decode_text_string(lang)
                .expect("text")
                .starts_with("fr")
        );
        for object in pdf.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") {
                assert!(dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile"));
            }
        }
    }
}

#[test]
fn bookmarks_mirror_the_sommaire_in_both_editions() {
    let expected: Vec<String> = common::sommaire_entries(&root().join("sources"))
        .iter()
        .map(|entry| common::normalize(entry))
        .collect();
    assert!(
        expected.iter().any(|e| e.contains("démonstration")),
        "the shipped sources have a `toc-title`"
    );
    for built in [brochure(), screen()] {
        let titles: Vec<String> = common::outline_titles(&built.pdf)
            .iter()
            .map(|title| common::normalize(title))
            .collect();
        assert_eq!(titles, expected);
    }
}

#[test]
fn screen_edition_is_reproducible_too() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let again = dir.path().join("again.pdf");
    let output = common::build_real(&again, &["--profile", "screen"]);
    assert!(output.status.success());
    assert!(std::fs::read(&again).expect("written") == screen().bytes);
}

#[test]
fn default_output_names_follow_the_profile() {
    let minimal = common::Minimal::new();
    let root = root().to_str().expect("UTF-8");
    for profile in ["print", "screen"] {
        let args = [
            "build",
            "--root",
            root,
            "--sources",
            "sources",
            "--profile",
            profile,
        ];
        let output = common::bilan(minimal.dir.path(), &args);
        assert!(output.status.success());
        let expected = minimal
            .dir
            .path()
            .join(format!("build/bilan-{profile}.pdf"));
        assert!(expected.is_file(), "no {}", expected.display());
    }
}
