//! `bilan check` and `bilan build` agree: on each input below, either both
//! accept it (and `check` does not crash), or both refuse it with the same
//! error at the same file, line and column. The inputs are what editors
//! paste from Word, or what the issue « every input handled » found.

use crate::common;

use std::process::Output;

use common::{Minimal, normalize};

/// The outcome of both commands on one minimal brochure.
struct Both {
    check: Output,
    build: Output,
    minimal: Minimal,
}

impl Both {
    /// Runs `check` (JSON) and `build` after replacing `from` by `to` in
    /// `file` of the minimal brochure.
    fn after(file: &str, from: &str, to: &str) -> Self {
        let minimal = Minimal::new();
        minimal.edit(file, from, to);
        Self::on(minimal)
    }

    /// Runs both commands on a prepared minimal brochure.
    fn on(minimal: Minimal) -> Self {
        let check = minimal.check(&["--format", "json"]);
        let build = minimal.build(&[]);
        Self {
            check,
            build,
            minimal,
        }
    }

    /// The same, in the paragraph of the chapter (written in TOML).
    fn paragraph(toml: &str) -> Self {
        Self::after("01-chapitre.toml", "PARAGRAPH-TO-EDIT", toml)
    }

    fn findings(&self) -> Vec<serde_json::Value> {
        String::from_utf8_lossy(&self.check.stdout)
            .lines()
            .map(|line| serde_json::from_str(line).expect("a JSON object per line"))
            .collect()
    }

    fn build_stderr(&self) -> String {
        String::from_utf8_lossy(&self.build.stderr).into_owned()
    }

    /// Both refuse the input with `code` at `file:line:column`; the check
    /// names it with its message and hint, the build prints the same place.
    fn refuse(&self, code: &str, place: (&str, u64, u64)) -> serde_json::Value {
        let (file, line, column) = place;
        assert_eq!(
            self.check.status.code(),
            Some(1),
            "check: {:?}",
            self.findings()
        );
        assert_eq!(self.build.status.code(), Some(1), "{}", self.build_stderr());
        let findings = self.findings();
        let finding = findings
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no `{code}` in {findings:#?}"))
            .clone();
        assert_eq!(finding["severity"], "error");
        assert_eq!(finding["file"], format!("sources/{file}"));
        assert_eq!(
            (finding["line"].as_u64(), finding["column"].as_u64()),
            (Some(line), Some(column)),
            "{finding}"
        );
        assert!(
            finding["hints"].as_array().is_some_and(|h| !h.is_empty()),
            "no hint: {finding}"
        );
        let err = self.build_stderr();
        assert!(err.contains(&format!("error[{code}]")), "{err}");
        assert!(
            err.contains(&format!("sources/{file}:{line}:{column}")),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        finding
    }

    /// Both accept the input; the PDF holds `expected` (normalized text).
    fn accept(&self, expected: &str) -> Vec<serde_json::Value> {
        assert_eq!(
            self.check.status.code(),
            Some(0),
            "check: {:?}",
            self.findings()
        );
        assert!(self.build.status.success(), "{}", self.build_stderr());
        let pdf = lopdf::Document::load(self.minimal.pdf()).expect("a PDF");
        let text = common::page_texts(&pdf).join(" ");
        assert!(
            text.contains(&normalize(expected)),
            "« {expected} » not in {text}"
        );
        self.findings()
    }
}

fn codes(findings: &[serde_json::Value]) -> Vec<&str> {
    findings.iter().filter_map(|f| f["code"].as_str()).collect()
}

#[test]
fn word_guillemets_with_no_break_spaces_are_accepted() {
    // Exactly what Word types in French; `check` used to panic on it.
    let both = Both::paragraph("Le réseau «\\u00A0Nièvre Santé\\u00A0» ouvre.");
    let findings = both.accept("Le réseau « Nièvre Santé » ouvre.");
    assert!(!codes(&findings).contains(&"guillemets"), "{findings:?}");
}

#[test]
fn a_text_beginning_with_a_closing_guillemet_is_accepted() {
    let both = Both::paragraph("» fin d'une citation.");
    both.accept("» fin d'une citation.");
}

#[test]
fn an_emoji_is_named_at_its_place() {
    let both = Both::paragraph("Un hôpital 🏥 neuf.");
    let finding = both.refuse("glyph-missing", ("01-chapitre.toml", 15, 27));
    let message = finding["message"].as_str().unwrap_or("");
    assert!(message.contains("U+1F3E5 HOSPITAL"), "{message}");
}

#[test]
fn chinese_and_arabic_are_named_at_their_place() {
    let both = Both::paragraph("Jumelage avec 中国.");
    let finding = both.refuse("glyph-missing", ("01-chapitre.toml", 15, 30));
    assert!(
        finding["message"]
            .as_str()
            .unwrap_or("")
            .contains("CJK UNIFIED IDEOGRAPH-4E2D")
    );
    let both = Both::paragraph("Salut مرحبا.");
    let finding = both.refuse("glyph-missing", ("01-chapitre.toml", 15, 22));
    assert!(
        finding["message"]
            .as_str()
            .unwrap_or("")
            .contains("ARABIC LETTER")
    );
}

#[test]
fn a_control_character_is_named_at_its_place() {
    let both = Both::paragraph("Une cloche \\u0007 ici.");
    both.refuse("control-character", ("01-chapitre.toml", 15, 27));
}

#[test]
fn a_day_the_calendar_does_not_have_is_an_error_at_its_line() {
    let both = Both::after(
        "bilan.toml",
        "date = \"2024-01-15\"",
        "date = \"2021-02-30\"",
    );
    both.refuse("date-invalid", ("bilan.toml", 10, 8));
    let both = Both::after(
        "bilan.toml",
        "date = \"2024-01-15\"",
        "date = \"15/01/2024\"",
    );
    both.refuse("date-format", ("bilan.toml", 10, 8));
}

#[test]
fn a_callout_may_name_its_departements() {
    let both = Both::after(
        "01-chapitre.toml",
        "family = \"zoom\"",
        "family = \"zoom\"\ndepartements = [\"58\"]",
    );
    both.accept("Un encadré.");
    let both = Both::after(
        "01-chapitre.toml",
        "family = \"zoom\"",
        "family = \"zoom\"\ndepartements = [\"20\"]",
    );
    both.refuse("departement-list", ("01-chapitre.toml", 20, 17));
}

#[test]
fn a_key_of_another_kind_of_block_points_at_the_key() {
    let both = Both::after(
        "01-chapitre.toml",
        "value = \"42\"",
        "value = \"42\"\nfamily = \"zoom\"",
    );
    let finding = both.refuse("key-not-allowed", ("01-chapitre.toml", 25, 1));
    assert!(
        finding["message"]
            .as_str()
            .unwrap_or("")
            .contains("a figure has no key `family`")
    );
}

#[test]
fn a_picture_path_with_a_backslash_is_an_error() {
    let both = Both::after(
        "01-chapitre.toml",
        "title = \"Une initiative\"",
        "title = \"Une initiative\"\nimage = \"images\\\\photo.jpg\"\nalt = \"Une photo\"",
    );
    let finding = both.refuse("picture-path", ("01-chapitre.toml", 15, 9));
    assert!(
        finding["message"]
            .as_str()
            .unwrap_or("")
            .contains("backslash")
    );
}

#[test]
fn markup_nested_too_deep_is_an_error() {
    let both = Both::paragraph(&"^{".repeat(40));
    both.refuse("markup-too-deep", ("01-chapitre.toml", 15, 48));
}

#[test]
fn text_pasted_from_word_prints_right_and_is_reported() {
    // A tab, a line break, a zero width space and a soft hyphen: the tab and
    // the line break print as spaces, the others print nothing.
    let both = Both::paragraph("Un\\tdeux\\ntrois qua\\u200Btre cin\\u00ADquante.");
    let findings = both.accept("Un deux trois");
    let found = codes(&findings);
    assert_eq!(
        found
            .iter()
            .filter(|&&c| c == "whitespace-character")
            .count(),
        2,
        "{findings:#?}"
    );
    assert_eq!(
        found
            .iter()
            .filter(|&&c| c == "invisible-character")
            .count(),
        1
    );
}

#[test]
fn decomposed_accents_are_composed_on_load() {
    // `e` + a combining acute accent, as some editors write `é`.
    let both = Both::paragraph("Une re\u{301}ussite e\u{301}clatante.");
    both.accept("Une réussite éclatante.");
}

#[test]
fn empty_headings_figures_and_titles_are_errors() {
    // PDF/UA refuses an empty heading or document title; the layout needs
    // a figure's number.
    let both = Both::after(
        "01-chapitre.toml",
        "title = \"PREMIÈRE PARTIE\"",
        "title = \"\"",
    );
    both.refuse("empty-text", ("01-chapitre.toml", 4, 9));
    let both = Both::after("01-chapitre.toml", "value = \"42\"", "value = \"\"");
    both.refuse("empty-text", ("01-chapitre.toml", 24, 9));
    let both = Both::after(
        "bilan.toml",
        "title = \"Brochure minimale\"",
        "title = \" \"",
    );
    both.refuse("empty-text", ("bilan.toml", 6, 9));
}

#[test]
fn an_index_with_nothing_to_list_is_an_error() {
    let index = "[index]\ntitle = \"Index\"\nlegend = \"Légende\"\ncredit = \"Crédit\"\n\n[toc]";
    let both = Both::after("bilan.toml", "[toc]", index);
    both.refuse("index-empty", ("bilan.toml", 25, 1));
}

#[test]
fn a_picture_with_an_empty_alt_or_a_damaged_file_is_an_error() {
    for (bytes, alt, code, column) in [
        (PNG, "", "picture-alt", 7),
        (
            b"not a picture".as_slice(),
            "Une photo",
            "picture-unreadable",
            9,
        ),
    ] {
        let minimal = Minimal::new();
        let images = minimal.sources().join("images");
        std::fs::create_dir(&images).expect("images/");
        std::fs::write(images.join("photo.png"), bytes).expect("write the picture");
        minimal.edit(
            "01-chapitre.toml",
            "title = \"Une initiative\"",
            &format!("title = \"Une initiative\"\nimage = \"images/photo.png\"\nalt = \"{alt}\""),
        );
        let line = if code == "picture-alt" { 16 } else { 15 };
        Both::on(minimal).refuse(code, ("01-chapitre.toml", line, column));
    }
}

/// A 1×1 PNG picture.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

#[test]
fn an_edition_claiming_pdf_a_in_cmyk_is_an_error() {
    let print = "[profiles.print]\nbleed-mm = 3.0\ncolors = \"cmyk\"\nstandards = [\"a-2b\", \"ua-1\"]\n\n[toc]";
    let both = Both::after("bilan.toml", "[toc]", print);
    both.refuse("profile-standards", ("bilan.toml", 25, 1));
}
