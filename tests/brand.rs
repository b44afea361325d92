//! The brand as data: `[brand]` colours painted in CMYK for print and sRGB
//! for screen, logos on the covers each is for, a cover picture checked like
//! every picture, and an error at its line and column for each mistake.

use crate::common::{self, Minimal, structure};
use lopdf::{Document, Object, ObjectId};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A green and ochre brand: every role named, the minimal fixture's callout
/// family moved onto its colours.
const GREEN_BRAND: &str = r##"[brand]
display-font = "Libertinus Serif"
text-font = "Source Sans 3"
map = ["#e3efd9", "#b5d39c", "#6fa548", "#2f6b3a"]

[brand.colors]
green = { screen = "#2f6b3a", cmyk = [70, 20, 85, 30] }
green-dark = { screen = "#1e4726", cmyk = [75, 30, 90, 55] }
ochre = { screen = "#8a5a12", cmyk = [20, 55, 100, 35] }
ochre-mid = { screen = "#a86f16", cmyk = [10, 50, 100, 20] }
ink = { screen = "#222222", cmyk = [0, 0, 0, 90] }
grey = { screen = "#5c5c5c", cmyk = [0, 0, 0, 65] }
white = { screen = "#ffffff", cmyk = [0, 0, 0, 0] }
green-tint = { screen = "#eaf3e4", cmyk = [8, 0, 10, 2] }
ochre-tint = { screen = "#f8efe0", cmyk = [0, 5, 12, 2] }

[brand.roles]
primary = "green"
primary-dark = "green-dark"
secondary = "ochre"
secondary-mid = "ochre-mid"
accent = "ochre-mid"
accent-dark = "ochre"
ink = "ink"
muted = "grey"
paper = "white"
primary-tint = "green-tint"
secondary-tint = "ochre-tint"
accent-tint = "ochre-tint"
neutral-tint = "green-tint"

"##;

/// The minimal brochure in the green and ochre brand.
fn green() -> Minimal {
    let minimal = Minimal::new();
    minimal.edit("bilan.toml", "[cover]", &format!("{GREEN_BRAND}[cover]"));
    minimal.edit(
        "bilan.toml",
        "color = \"blue-mid\"\ntint = \"blue-tint\"",
        "color = \"ochre-mid\"\ntint = \"ochre-tint\"",
    );
    minimal
}

/// Whether each colour component read is the one expected, to the 8 bits
/// Typst writes.
pub(crate) fn assert_close(read: &[f32], expected: &[f32]) {
    assert_eq!(read.len(), expected.len(), "{read:?} for {expected:?}");
    for (r, e) in read.iter().zip(expected) {
        assert!((r - e).abs() < 0.005, "{read:?} is not {expected:?}");
    }
}

#[test]
fn the_cover_is_painted_in_the_brand_cmyk_in_print_and_srgb_on_screen() {
    let minimal = green();
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = Document::load(minimal.pdf()).expect("a PDF");
    let (operator, values) = common::first_fill(&pdf);
    assert_eq!(operator, "k");
    assert_close(&values, &[0.70, 0.20, 0.85, 0.30]);

    let output = minimal.build(&["--profile", "screen"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = Document::load(minimal.pdf()).expect("a PDF");
    let (operator, values) = common::first_fill(&pdf);
    assert_eq!(operator, "scn");
    assert_close(&values, &[47.0 / 255.0, 107.0 / 255.0, 58.0 / 255.0]);
}

#[test]
fn the_brand_fonts_are_embedded() {
    let minimal = green();
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = Document::load(minimal.pdf()).expect("a PDF");
    let fonts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(Object::as_name).ok())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    assert!(
        fonts.iter().any(|f| f.contains("LibertinusSerif")),
        "{fonts:?}"
    );
    assert!(!fonts.iter().any(|f| f.contains("Montserrat")), "{fonts:?}");
}

/// Writes a PNG of `width`×`height` pixels into `sources/images/`.
fn picture(minimal: &Minimal, name: &str, width: u32, height: u32) {
    let images = minimal.sources().join("images");
    std::fs::create_dir_all(&images).expect("images/");
    image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .save(images.join(name))
    .expect("write the picture");
}

/// The pixel widths of the images a page draws, inside its forms too.
fn image_widths_on(pdf: &Document, page: u32) -> Vec<i64> {
    fn walk(pdf: &Document, resources: Option<&Object>, widths: &mut Vec<i64>) {
        let Some(xobjects) = resources
            .and_then(|r| pdf.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
            .and_then(|r| r.get_deref(b"XObject", pdf).ok())
            .and_then(|x| x.as_dict().ok())
        else {
            return;
        };
        for (_, object) in xobjects.iter() {
            let Ok(stream) = object
                .as_reference()
                .and_then(|id: ObjectId| pdf.get_object(id))
                .and_then(Object::as_stream)
            else {
                continue;
            };
            match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                Ok(b"Image") => widths.extend(stream.dict.get(b"Width").and_then(Object::as_i64)),
                Ok(b"Form") => walk(pdf, stream.dict.get(b"Resources").ok(), widths),
                _ => {}
            }
        }
    }
    let id = pdf.get_pages()[&page];
    let mut widths = Vec::new();
    let page = pdf.get_dictionary(id).expect("a page");
    walk(pdf, page.get(b"Resources").ok(), &mut widths);
    widths.sort_unstable();
    widths
}

#[test]
fn logos_go_side_by_side_on_the_covers_each_is_for() {
    let minimal = Minimal::new();
    picture(&minimal, "logo.png", 300, 100);
    picture(&minimal, "partenaire.png", 240, 100);
    minimal.edit(
        "bilan.toml",
        "[cover]",
        "[[logo]]\nimage = \"images/logo.png\"\nalt = \"Logo de la Fédération\"\n\n\
         [[logo]]\nimage = \"images/partenaire.png\"\nalt = \"Logo du partenaire\"\non = \"back\"\n\n[cover]",
    );
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = Document::load(minimal.pdf()).expect("a PDF");
    let last = u32::try_from(pdf.get_pages().len()).expect("a page count");
    assert_eq!(image_widths_on(&pdf, 1), [300]);
    assert_eq!(image_widths_on(&pdf, last), [240, 300]);
    let alts: Vec<String> = structure::read(&pdf)
        .root
        .descendants()
        .iter()
        .filter_map(|e| e.alt.clone())
        .collect();
    for (alt, covers) in [("Logo de la Fédération", 2), ("Logo du partenaire", 1)] {
        let count = alts.iter().filter(|a| *a == alt).count();
        assert_eq!(count, covers, "{alt} in {alts:?}");
    }
}

/// The minimal brochure with a cover picture of `width` pixels square.
fn with_cover_picture(width: u32) -> Minimal {
    let minimal = Minimal::new();
    picture(&minimal, "couverture.png", width, width);
    minimal.edit(
        "bilan.toml",
        "publisher = [\"ÉDITEUR\"]",
        "publisher = [\"ÉDITEUR\"]\nimage = \"images/couverture.png\"\nalt = \"Un verger au printemps\"\ncredit = \"Photo : Jeanne Martin\"",
    );
    minimal
}

#[test]
fn the_cover_picture_is_on_the_cover_with_its_alt_text_and_credit() {
    let minimal = with_cover_picture(1500);
    let output = minimal.build(&[]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("picture-resolution"), "{err}");
    let pdf = Document::load(minimal.pdf()).expect("a PDF");
    assert_eq!(image_widths_on(&pdf, 1), [1500]);
    let cover = &common::page_texts(&pdf)[0];
    assert!(
        cover.contains(&common::normalize("Photo : Jeanne Martin")),
        "{cover}"
    );
    let alts: Vec<String> = structure::read(&pdf)
        .root
        .descendants()
        .iter()
        .filter_map(|e| e.alt.clone())
        .collect();
    assert!(
        alts.iter().any(|a| a == "Un verger au printemps"),
        "{alts:?}"
    );
}

#[test]
fn a_cover_picture_under_300_ppi_is_a_warning_in_print() {
    let minimal = with_cover_picture(600);
    let output = minimal.build(&[]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("warning[picture-resolution]"), "{err}");
    assert!(err.contains("couverture.png"), "{err}");
    assert!(err.contains("bilan.toml:"), "{err}");
}

/// `check` of the minimal brochure with `to` in place of `from` in its
/// `bilan.toml`: it must fail; what it printed.
fn refused(minimal: &Minimal, from: &str, to: &str) -> String {
    minimal.edit("bilan.toml", from, to);
    let output = minimal.check(&[]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    err
}

/// The line and column where `needle` starts in `text`, 1-based.
fn line_col(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("the needle");
    let line = text[..at].lines().count().max(1);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    format!("{line}:{}", text[start..at].chars().count() + 1)
}

#[test]
fn brand_mistakes_are_errors_at_their_line_and_column_with_a_fix() {
    let cases = [
        (
            "green = { screen = \"#2f6b3a\"",
            "green = { screen = \"#12345\"",
            "\"#12345\"",
            "error[brand-color]",
            "six hexadecimal digits",
        ),
        (
            "cmyk = [70, 20, 85, 30]",
            "cmyk = [70, 120, 85, 30]",
            "[70, 120, 85, 30]",
            "error[brand-color]",
            "0 (none) to 100 (full)",
        ),
        (
            "display-font = \"Libertinus Serif\"",
            "display-font = \"Comic Sans\"",
            "\"Comic Sans\"",
            "error[unknown-value]",
            "Source Sans 3",
        ),
        (
            "primary = \"green\"",
            "primary = \"vert\"",
            "\"vert\"",
            "error[unknown-value]",
            "[brand.roles]",
        ),
    ];
    for (from, to, at, code, fix) in cases {
        let minimal = green();
        let err = refused(&minimal, from, to);
        let text =
            std::fs::read_to_string(minimal.sources().join("bilan.toml")).expect("bilan.toml");
        assert!(err.contains(code), "{to}: {err}");
        assert!(err.contains(fix), "{to}: {err}");
        let place = format!("bilan.toml:{}", line_col(&text, at));
        assert!(err.contains(&place), "{to}: not at {place}: {err}");
    }
}

#[test]
fn a_missing_logo_file_is_an_error_at_its_key() {
    let minimal = Minimal::new();
    let err = refused(
        &minimal,
        "[cover]",
        "[[logo]]\nimage = \"images/absent.svg\"\nalt = \"Logo\"\n\n[cover]",
    );
    assert!(err.contains("error[picture-missing]"), "{err}");
    assert!(err.contains("images/absent.svg"), "{err}");
}

/// A project whose `fonts/` has only the shipped pair, and the minimal
/// brochure whose `sources/polices/` holds Libertinus Serif, with
/// `brand_table` before its `[cover]`: the folder, and what `check` and
/// `build` answered.
fn with_fonts_folder(brand_table: &str) -> (tempfile::TempDir, std::process::Output) {
    let minimal = Minimal::new();
    let dir = &minimal.dir;
    let root = dir.path().join("project");
    common::copy_dir(&common::root().join("layouts"), &root.join("layouts"));
    for family in ["montserrat", "source-sans-3"] {
        common::copy_dir(
            &common::root().join("fonts").join(family),
            &root.join("fonts").join(family),
        );
    }
    common::copy_dir(
        &common::root().join("fonts/libertinus-serif"),
        &minimal.sources().join("polices"),
    );
    minimal.edit("bilan.toml", "[cover]", &format!("{brand_table}\n[cover]"));
    let args = [
        "build",
        "--root",
        "project",
        "--sources",
        "sources",
        "--out",
        "out.pdf",
    ];
    let output = common::bilan(dir.path(), &args);
    let Minimal { dir } = minimal;
    (dir, output)
}

#[test]
fn fonts_from_a_folder_of_the_sources_are_used_and_checked() {
    let (dir, output) =
        with_fonts_folder("[brand]\nfonts = \"polices\"\ndisplay-font = \"Libertinus Serif\"\n");
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = Document::load(dir.path().join("out.pdf")).expect("a PDF");
    let embedded = format!("{:?}", pdf.objects);
    assert!(
        embedded.contains("LibertinusSerif"),
        "Libertinus Serif is not embedded"
    );

    let (_, output) = with_fonts_folder("[brand]\ndisplay-font = \"Libertinus Serif\"\n");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error[unknown-value]"), "{err}");

    let (dir, output) =
        with_fonts_folder("[brand]\nfonts = \"absentes\"\ndisplay-font = \"Libertinus Serif\"\n");
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("error[brand-fonts]"), "{err}");
    let text = std::fs::read_to_string(dir.path().join("sources/bilan.toml")).expect("read");
    let place = format!("bilan.toml:{}", line_col(&text, "\"absentes\""));
    assert!(err.contains(&place), "not at {place}: {err}");
    assert!(err.contains("fonts = \"polices\""), "{err}");
}
