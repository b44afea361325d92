//! Pictures: shown with their alt text, preflighted in print, downsampled in
//! the screen edition, and reported when their keys or files are wrong.

use crate::common;

use common::Minimal;
use lopdf::{Document, Object};

/// A minimal brochure whose first initiative shows a generated picture of
/// `width`×`height` pixels.
fn with_picture(width: u32, height: u32) -> Minimal {
    let minimal = Minimal::new();
    let images = minimal.sources().join("images");
    std::fs::create_dir(&images).expect("images/");
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    picture
        .save(images.join("test.png"))
        .expect("write the picture");
    minimal.edit(
        "01-chapitre.toml",
        "title = \"Une initiative\"",
        "title = \"Une initiative\"\nimage = \"images/test.png\"\nalt = \"Un dégradé de test\"\ncredit = \"Photo : tests\"",
    );
    minimal
}

/// The pixel widths of the images embedded in a PDF.
fn image_widths(path: &std::path::Path) -> Vec<i64> {
    let pdf = Document::load(path).expect("a PDF");
    pdf.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
        .filter_map(|s| s.dict.get(b"Width").and_then(Object::as_i64).ok())
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn large_picture_is_downsampled_in_screen_and_kept_in_print() {
    let minimal = with_picture(1200, 800);
    let output = minimal.build(&["--profile", "print"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(image_widths(&minimal.pdf()), [1200]);
    assert!(
        !stderr(&output).contains("picture-resolution"),
        "{}",
        stderr(&output)
    );

    let output = minimal.build(&["--profile", "screen"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let widths = image_widths(&minimal.pdf());
    assert_eq!(widths.len(), 1);
    // A column is about 8 cm wide: 150 ppi there is about 480 pixels.
    assert!((300..700).contains(&widths[0]), "{widths:?}");
}

#[test]
fn low_resolution_picture_gives_a_warning_in_print() {
    let minimal = with_picture(320, 200);
    let output = minimal.build(&["--profile", "print"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("warning[picture-resolution]"), "{err}");
    assert!(err.contains("test.png"), "{err}");
    assert!(err.contains("320×200 px"), "{err}");
    assert!(err.contains("ppi"), "{err}");
    assert!(err.contains("01-chapitre.toml:"), "{err}");
}

#[test]
fn picture_alt_text_and_credit_are_in_the_pdf() {
    let minimal = with_picture(600, 400);
    let output = minimal.build(&["--profile", "screen"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(minimal.pdf()).expect("a PDF");
    let pdf = Document::load_mem(&bytes).expect("a PDF");
    let alts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| lopdf::decode_text_string(a).ok())
        .collect();
    assert!(alts.iter().any(|a| a == "Un dégradé de test"), "{alts:?}");
    let text = common::page_texts(&pdf).join(" ");
    assert!(text.contains("photo : tests"), "{text}");
}

#[test]
fn picture_without_alt_is_an_error() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "title = \"Une initiative\"",
        "title = \"Une initiative\"\nimage = \"images/test.png\"",
    );
    let output = minimal.build(&[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("a picture needs an `alt` text"), "{err}");
    assert!(err.contains("01-chapitre.toml:"), "{err}");
}

#[test]
fn missing_or_outside_picture_is_an_error() {
    for (path, message) in [
        (
            "images/absent.png",
            "the picture `images/absent.png` is not a file inside",
        ),
        (
            "../secret.png",
            "`../secret.png` is not a path inside `sources/`",
        ),
    ] {
        let minimal = Minimal::new();
        minimal.edit(
            "01-chapitre.toml",
            "title = \"Une initiative\"",
            &format!("title = \"Une initiative\"\nimage = \"{path}\"\nalt = \"Absente\""),
        );
        let output = minimal.build(&[]);
        assert_eq!(output.status.code(), Some(1));
        let err = stderr(&output);
        assert!(err.contains(message), "{err}");
        assert!(err.contains("01-chapitre.toml:15:9"), "{err}");
    }
}
