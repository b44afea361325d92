//! `bilan check`: each lint with a case that triggers it and one that does
//! not, the shipped sources' findings, JSON output, exit codes, and the
//! human rendering of a few diagnostics (snapshots).

use crate::common;

use std::process::Output;

use common::{Minimal, bilan, root};

/// Runs `bilan check` on a minimal brochure whose paragraph is `paragraph`.
fn check_paragraph(paragraph: &str) -> Vec<serde_json::Value> {
    let minimal = Minimal::new();
    let toml = paragraph.replace('\\', "\\\\").replace('"', "\\\"");
    minimal.edit("01-chapitre.toml", "PARAGRAPH-TO-EDIT", &toml);
    findings(&minimal.check(&["--format", "json"]))
}

fn findings(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON object"))
        .collect()
}

fn codes(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["code"].as_str().unwrap_or("").to_owned())
        .collect()
}

/// `(code, a paragraph that triggers it, a paragraph that does not)`.
const TEXT_LINTS: &[(&str, &str, &str)] = &[
    (
        "departement-code",
        "La Lozère (42) innove.",
        "La Lozère (48) innove.",
    ),
    (
        "departement-unknown",
        "Le Département (20) innove.",
        "Le Département (2A) innove.",
    ),
    (
        "departement-name",
        "En Haute Garonne (31), oui.",
        "En Haute-Garonne (31), oui.",
    ),
    (
        "punctuation-space",
        "Voici: un exemple.",
        "Voici : un exemple, https://a.fr.",
    ),
    ("guillemets", "Le \"Pass\" est là.", "Le « Pass » est là."),
    (
        "guillemets",
        "Le “Pass” est là.",
        "Il dit : « le “Pass” est là ».",
    ),
    ("double-space", "Deux  espaces.", "Une espace."),
    (
        "final-punctuation",
        "Une phrase sans point",
        "Une phrase avec point.",
    ),
    ("ellipsis", "Et ainsi de suite...", "Et ainsi de suite…"),
    (
        "ordinary-space",
        "Voici : un exemple.",
        "Voici\u{A0}: un exemple.",
    ),
    ("empty-paragraph", " ", "Du texte."),
    (
        "link",
        "Voir <https://exemple>.",
        "Voir <https://exemple.fr>.",
    ),
    (
        "link",
        "Voir [le site](https://exemple).",
        "Voir [le site](https://exemple.fr).",
    ),
];

#[test]
fn each_text_lint_finds_its_case_and_only_it() {
    for (code, positive, negative) in TEXT_LINTS {
        let found = codes(&check_paragraph(positive));
        assert!(
            found.iter().any(|c| c == code),
            "`{code}` not found in « {positive} »: {found:?}"
        );
        let found = codes(&check_paragraph(negative));
        assert!(
            !found.iter().any(|c| c == code),
            "`{code}` wrongly found in « {negative} »: {found:?}"
        );
    }
}

/// Checks a minimal brochure after replacing `from` by `to` in its chapter.
fn check_edit(from: &str, to: &str) -> Vec<String> {
    let minimal = Minimal::new();
    minimal.edit("01-chapitre.toml", from, to);
    codes(&findings(&minimal.check(&["--format", "json"])))
}

#[test]
fn structure_lints_find_their_cases() {
    let second_section = "[[sections]]\nnumber = \"1.1\"\ntitle = \"Une autre section\"\n\n[[sections.blocks]]\ntype = \"figure\"";
    assert!(
        check_edit("[[sections.blocks]]\ntype = \"figure\"", second_section)
            .contains(&"duplicate-section".to_owned())
    );
    assert!(
        !check_edit("Une section", "Une section unique").contains(&"duplicate-section".to_owned())
    );

    let title_only = "paragraphs = [\"PARAGRAPH-TO-EDIT\"]";
    assert!(check_edit(title_only, "").contains(&"initiative-without-text".to_owned()));
    assert!(
        !check_edit("PARAGRAPH-TO-EDIT", "Un texte.")
            .contains(&"initiative-without-text".to_owned())
    );

    let second_zoom = "[[sections.blocks]]\ntype = \"callout\"\nfamily = \"zoom\"\nparagraphs = [\"Un autre.\"]\n\n[[sections.blocks]]\ntype = \"figure\"";
    assert!(
        check_edit("[[sections.blocks]]\ntype = \"figure\"", second_zoom)
            .contains(&"callout-family-twice".to_owned())
    );
    assert!(
        !check_edit("PARAGRAPH-TO-EDIT", "Un texte.").contains(&"callout-family-twice".to_owned())
    );

    assert!(
        check_edit("PARAGRAPH-TO-EDIT", "Il y a 41 choses.").contains(&"figure-number".to_owned())
    );

    assert!(check_edit("number = \"I\"\n", "").contains(&"part-number".to_owned()));
    assert!(!check_edit("PARAGRAPH-TO-EDIT", "Un texte.").contains(&"part-number".to_owned()));

    let the_callout = "[[sections.blocks]]\ntype = \"callout\"\nfamily = \"zoom\"\nparagraphs = [\"Un encadré.\"]\n";
    assert!(check_edit(the_callout, "").contains(&"family-unused".to_owned()));
    assert!(!check_edit("PARAGRAPH-TO-EDIT", "Un texte.").contains(&"family-unused".to_owned()));
    assert!(
        !check_edit("PARAGRAPH-TO-EDIT", "Il y a 42 choses.").contains(&"figure-number".to_owned())
    );
}

#[test]
fn shipped_sources_give_exactly_the_two_wrong_codes_of_the_original() {
    let output = bilan(root(), &["check", "--format", "json"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings do not fail the check"
    );
    let all = findings(&output);
    let wrong: Vec<_> = all
        .iter()
        .filter(|f| f["code"] == "departement-code")
        .collect();
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    assert_eq!(wrong[0]["file"], "sources/00-crise-sanitaire.toml");
    assert!(
        wrong[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Ille-et-Vilaine is the département 35, not 53"))
    );
    assert_eq!(wrong[1]["file"], "sources/03-laboratoire-egalite.toml");
    assert!(
        wrong[1]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Lozère is the département 48, not 42"))
    );
    for finding in &wrong {
        let line = finding["line"].as_u64().expect("a line");
        let column = finding["column"].as_u64().expect("a column");
        let file = std::fs::read_to_string(root().join(finding["file"].as_str().expect("a file")))
            .expect("read");
        let text: String = file
            .lines()
            .nth(usize::try_from(line).expect("small") - 1)
            .expect("the line")
            .chars()
            .skip(usize::try_from(column).expect("small") - 1)
            .take(4)
            .collect();
        assert!(
            text == "(53)" || text == "(42)",
            "the caret points at « {text} »"
        );
    }
}

#[test]
fn json_output_has_every_field() {
    let found = check_paragraph("La Lozère (42) innove.");
    let finding = found
        .iter()
        .find(|f| f["code"] == "departement-code")
        .expect("the finding");
    for key in ["severity", "code", "file", "line", "column", "message"] {
        assert!(!finding[key].is_null(), "no `{key}` in {finding}");
    }
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["file"], "sources/01-chapitre.toml");
    assert_eq!(finding["line"], 15);
}

#[test]
fn exit_codes_follow_the_findings() {
    let minimal = Minimal::new();
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "La Lozère (42) innove.",
    );
    assert_eq!(minimal.check(&[]).status.code(), Some(0));
    assert_eq!(minimal.check(&["--deny-warnings"]).status.code(), Some(1));
    minimal.edit("01-chapitre.toml", "kind = \"part\"", "kind = \"partie\"");
    assert_eq!(minimal.check(&[]).status.code(), Some(1));
    let output = bilan(minimal.dir.path(), &["check", "--sources", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn clean_sources_pass_with_deny_warnings() {
    let minimal = Minimal::new();
    minimal.edit("01-chapitre.toml", "PARAGRAPH-TO-EDIT", "Il y a 42 choses.");
    let output = minimal.check(&["--deny-warnings"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The human rendering of the check of a minimal brochure, temp paths
/// removed.
fn human(from: &str, to: &str) -> String {
    let minimal = Minimal::new();
    minimal.edit("01-chapitre.toml", from, to);
    let output = minimal.check(&[]);
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn snapshot_wrong_departement_code() {
    insta::assert_snapshot!(human("PARAGRAPH-TO-EDIT", "Reçu par la Lozère (42) hier."));
}

#[test]
fn snapshot_unknown_key_with_suggestion() {
    insta::assert_snapshot!(human("short-title", "shorttitle"));
}

#[test]
fn snapshot_unclosed_bold() {
    insta::assert_snapshot!(human("PARAGRAPH-TO-EDIT", "Du **gras sans fin."));
}

#[test]
fn snapshot_unknown_callout_family() {
    insta::assert_snapshot!(human("family = \"zoom\"", "family = \"zom\""));
}

#[test]
fn a_part_without_number_is_pointed_at_its_title_and_an_unused_family_at_its_label() {
    let minimal = Minimal::new();
    minimal.edit("01-chapitre.toml", "number = \"I\"\n", "");
    minimal.edit(
        "01-chapitre.toml",
        "[[sections.blocks]]\ntype = \"callout\"\nfamily = \"zoom\"\nparagraphs = [\"Un encadré.\"]\n",
        "",
    );
    let found = findings(&minimal.check(&["--format", "json"]));
    let finding = |code: &str| {
        found
            .iter()
            .find(|f| f["code"] == code)
            .unwrap_or_else(|| panic!("no `{code}` in {found:?}"))
    };
    let line_of = |file: &str, start: &str| {
        let text = std::fs::read_to_string(minimal.sources().join(file)).expect("read");
        text.lines()
            .position(|line| line.starts_with(start))
            .expect("the line")
            + 1
    };
    let part = finding("part-number");
    assert!(
        part["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("01-chapitre.toml"))
    );
    assert_eq!(part["line"], line_of("01-chapitre.toml", "title = "));
    assert_eq!(part["severity"], "warning");
    let family = finding("family-unused");
    assert!(
        family["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("bilan.toml"))
    );
    let label = std::fs::read_to_string(minimal.sources().join("bilan.toml"))
        .expect("read")
        .lines()
        .position(|line| line == "[callouts.zoom]")
        .expect("the family")
        + 2;
    assert_eq!(family["line"], label);
    assert_eq!(family["severity"], "info");
}
