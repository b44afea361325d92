//! The callout families, the words of the layouts, the signatories and the
//! logo are data of `bilan.toml`: each mistake there is an error at its
//! place, with « did you mean » where it helps.

use crate::common;

use std::process::Output;

use common::Minimal;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `bilan build` on the minimal brochure with one edit of `bilan.toml`.
fn build_with(from: &str, to: &str) -> Output {
    let minimal = Minimal::new();
    minimal.edit("bilan.toml", from, to);
    minimal.build(&[])
}

#[test]
fn an_undeclared_family_is_an_error_with_did_you_mean() {
    let output = build_with("[callouts.zoom]", "[callouts.loupe]");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("`zoom` is not a callout family"), "{err}");
    assert!(err.contains("01-chapitre.toml:19:"), "{err}");
    assert!(
        err.contains("the families declared in bilan.toml are `loupe`"),
        "{err}"
    );
}

#[test]
fn an_unknown_colour_or_pictogram_is_an_error_at_its_place() {
    let output = build_with("color = \"blue-mid\"", "color = \"bleu-mid\"");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("`bleu-mid` is not a colour of `[brand.colors]`"),
        "{err}"
    );
    assert!(err.contains("did you mean `blue-mid`?"), "{err}");
    assert!(err.contains("bilan.toml:39:"), "{err}");

    let output = build_with("pictogram = \"magnifier\"", "pictogram = \"magnifer\"");
    let err = stderr(&output);
    assert!(
        err.contains("`magnifer` is not a built-in pictogram"),
        "{err}"
    );
    assert!(err.contains("did you mean `magnifier`?"), "{err}");

    let output = build_with(
        "pictogram = \"magnifier\"",
        "pictogram = \"images/absent.svg\"",
    );
    let err = stderr(&output);
    assert!(err.contains("error[picture-missing]"), "{err}");
    assert!(err.contains("images/absent.svg"), "{err}");
}

#[test]
fn a_family_drawn_from_an_svg_file_builds_with_its_label() {
    let minimal = Minimal::new();
    let images = minimal.sources().join("images");
    std::fs::create_dir(&images).expect("images/");
    std::fs::write(
        images.join("picto.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#123456"/></svg>"##,
    )
    .expect("write the SVG");
    minimal.edit(
        "bilan.toml",
        "label = \"Zoom sur…\"",
        "label = \"Le mot des habitants\"",
    );
    minimal.edit(
        "bilan.toml",
        "pictogram = \"magnifier\"",
        "pictogram = \"images/picto.svg\"",
    );
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ");
    assert!(text.contains("le mot des habitants"), "{text}");
}

#[test]
fn the_edito_needs_a_signatory_and_takes_several() {
    let output = build_with(
        "[edito.signature]\nname = \"Nom\"\nroles = [\"Rôle\"]\n",
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("the édito has no signatory"), "{err}");

    let minimal = Minimal::new();
    minimal.edit(
        "bilan.toml",
        "[edito.signature]",
        "[[edito.signatories]]\nname = \"Première SIGNATAIRE\"\nroles = []\n\n[[edito.signatories]]",
    );
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ");
    assert!(
        text.contains("première signataire") && text.contains("nom"),
        "{text}"
    );
}

#[test]
fn the_words_of_the_layouts_come_from_bilan_toml() {
    let minimal = Minimal::new();
    minimal.edit("bilan.toml", "part = \"PARTIE\"", "part = \"CAHIER\"");
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ").replace(' ', "");
    assert!(
        text.contains("icahieri") && !text.contains("ipartiei"),
        "{text}"
    );

    let output = build_with("part = \"PARTIE\"\n", "");
    let err = stderr(&output);
    assert!(err.contains("missing field `part`"), "{err}");
}

#[test]
fn a_logo_needs_its_alt_text_and_its_file() {
    let output = build_with(
        "[cover]",
        "[logo]\nimage = \"logo.png\"\nalt = \"Logo\"\n\n[cover]",
    );
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("error[picture-missing]"), "{err}");

    let output = build_with("[cover]", "[logo]\nimage = \"logo.png\"\n\n[cover]");
    let err = stderr(&output);
    assert!(err.contains("missing field `alt`"), "{err}");
}

/// `bilan.toml` without the tables `[brand]`, `[callouts.*]` and `[words]`,
/// as written before they existed.
fn without_brand_families_and_words(text: &str) -> String {
    let mut kept = Vec::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with('[') {
            skipping =
                line.starts_with("[brand") || line.starts_with("[callouts.") || line == "[words]";
        }
        if !skipping {
            kept.push(line);
        }
    }
    kept.join("\n")
}

#[test]
fn a_bilan_toml_without_brand_families_nor_words_builds_the_shipped_design() {
    let (dir, sources) = common::copy_sources();
    let manifest = sources.join("bilan.toml");
    let text = std::fs::read_to_string(&manifest).expect("read");
    let older = without_brand_families_and_words(&text);
    for table in ["[brand", "[callouts.", "[words]"] {
        assert!(!older.contains(table), "{table}");
    }
    std::fs::write(&manifest, older).expect("write");
    let root = common::root().to_str().expect("UTF-8");
    let sources = sources.to_str().expect("UTF-8");
    let check = common::bilan(
        dir.path(),
        &["check", "--root", root, "--sources", sources, "--verbose"],
    );
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{said}");
    assert!(!said.contains("family-unused"), "{said}");
    let out = dir.path().join("older.pdf");
    let output = common::bilan(
        dir.path(),
        &[
            "build",
            "--root",
            root,
            "--sources",
            sources,
            "--out",
            out.to_str().expect("UTF-8"),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let built = std::fs::read(&out).expect("the PDF");
    assert!(
        built == common::brochure().bytes,
        "not the shipped brochure's bytes"
    );
}

#[test]
fn a_contact_prints_only_the_lines_it_gives_and_links_its_social_accounts() {
    let minimal = Minimal::new();
    minimal.edit("bilan.toml", "phone = \"01 02 03 04 05\"\n", "");
    minimal.edit(
        "bilan.toml",
        "website = \"www.example.fr\"\n",
        "website = \"www.example.fr\"\n\n[[contact.social]]\nnetwork = \"Mastodon\"\naccount = \"@groupe@piaille.fr\"\nurl = \"https://piaille.fr/@groupe\"\n",
    );
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let bytes = std::fs::read(minimal.pdf()).expect("the PDF");
    let pdf = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let pages = common::page_texts(&pdf);
    let back = pages.last().expect("a back cover");
    assert!(back.contains("contact@example.fr"), "{back}");
    assert!(back.contains("www.example.fr"), "{back}");
    assert!(back.contains("@groupe@piaille.fr"), "{back}");
    assert!(!back.contains("01 02 03"), "{back}");
    let links = common::uris(&pdf);
    assert!(
        links.iter().any(|uri| uri == "https://piaille.fr/@groupe"),
        "{links:?}"
    );
}

#[test]
fn a_social_link_that_is_not_an_address_is_a_warning_at_its_place() {
    let minimal = Minimal::new();
    minimal.edit(
        "bilan.toml",
        "website = \"www.example.fr\"\n",
        "website = \"www.example.fr\"\n\n[[contact.social]]\nnetwork = \"Mastodon\"\naccount = \"@groupe\"\nurl = \"piaille.fr/@groupe\"\n",
    );
    let output = minimal.check(&["--format", "json"]);
    let text = String::from_utf8_lossy(&output.stdout);
    let line = std::fs::read_to_string(minimal.sources().join("bilan.toml"))
        .expect("read")
        .lines()
        .position(|line| line.starts_with("url = "))
        .expect("the url")
        + 1;
    assert!(
        text.lines()
            .any(|finding| finding.contains("\"code\":\"link\"")
                && finding.contains(&format!("\"line\":{line},"))),
        "{text}"
    );
}

#[test]
fn words_linked_to_an_address_print_as_words_with_the_link() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "Lire [l'appel du groupe](https://exemple.fr/appel) et [ceci] (tel quel).",
    );
    let output = minimal.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = lopdf::Document::load(minimal.pdf()).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ");
    assert!(
        text.contains(&common::normalize(
            "Lire l'appel du groupe et [ceci] (tel quel)."
        )),
        "{text}"
    );
    assert!(!text.contains("exemple.fr"), "{text}");
    assert!(
        common::uris(&pdf)
            .iter()
            .any(|uri| uri == "https://exemple.fr/appel"),
        "{:?}",
        common::uris(&pdf)
    );
}
