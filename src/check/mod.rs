//! `bilan check`: lints that proofread the content before it goes to print.
//!
//! Each lint has a stable code and a severity; each finding points at the
//! exact place in the TOML file. Nothing here changes the sources.

mod characters;
mod colophon;
mod departements;
mod editions;
mod links;
mod structure;
mod typography;

use std::ops::Range;

use crate::content::{Project, TextSite};
use crate::diag::Diagnostic;

/// Every lint code with its severity and what it finds, for `--help` and the README.
pub const LINTS: &[(&str, &str)] = &[
    (
        "departement-code",
        "warning: a « Name (code) » whose code is not that département's",
    ),
    (
        "departement-unknown",
        "warning: a code in « (NN) » or « du NN » that no département has",
    ),
    (
        "departement-name",
        "warning: a département name written without its hyphens",
    ),
    ("punctuation-space", "warning: no space before « : ; ! ? »"),
    (
        "guillemets",
        "warning: straight quotes \" or English quotes “ ” instead of « », or « » without inner spaces",
    ),
    ("double-space", "warning: two spaces in a row"),
    (
        "final-punctuation",
        "warning: a paragraph that does not end with punctuation",
    ),
    (
        "ellipsis",
        "info: three dots « ... » (the layout sets « … »)",
    ),
    (
        "ordinary-space",
        "info: an ordinary space before « : ; ! ? » or inside « » (the layout sets a no-break space)",
    ),
    ("empty-paragraph", "warning: a paragraph with no text"),
    (
        "duplicate-section",
        "warning: two sections with the same number or title",
    ),
    (
        "part-number",
        "warning: a part without `number` (its opener prints no numeral)",
    ),
    (
        "family-unused",
        "info: a callout family of `[callouts]` that no callout uses",
    ),
    (
        "initiative-without-text",
        "info: an initiative with a title only",
    ),
    (
        "figure-number",
        "warning: a figure whose number is not in the text around it",
    ),
    (
        "callout-family-twice",
        "warning: two callouts of one family in one section",
    ),
    ("link", "warning: a malformed web address or e-mail address"),
    (
        "whitespace-character",
        "warning: a tab or a line break inside a text (printed as a space)",
    ),
    (
        "edition-empty",
        "warning: a group of `[editions]` or a file of `sources/editions/` whose local edition would hold nothing",
    ),
    (
        "edition-short",
        "warning: a local edition holding fewer blocks than `min-blocks` of `[local-editions]`",
    ),
    (
        "colophon-printer",
        "warning: no printer's name and address in `[colophon]`, which French law requires on printed matter",
    ),
    (
        "invisible-character",
        "warning: an invisible character pasted with the text (zero width space, byte order mark…)",
    ),
];

/// Runs every lint on the project; findings come in file order.
pub fn lint(project: &Project) -> Vec<Diagnostic> {
    let sites = project.texts();
    let mut findings = Vec::new();
    departements::lint(&sites, &project.brochure.territories, &mut findings);
    typography::lint(&sites, &mut findings);
    characters::lint(&sites, &mut findings);
    structure::lint(project, &mut findings);
    links::lint(project, &sites, &mut findings);
    editions::lint(project, &mut findings);
    colophon::lint(project, &mut findings);
    findings.sort_by_key(|d| {
        d.location
            .as_ref()
            .map(|l| (file_order(project, &l.file.name), l.range.start))
    });
    findings
}

fn file_order(project: &Project, name: &str) -> usize {
    project
        .files()
        .position(|f| f.name == name)
        .unwrap_or(usize::MAX)
}

/// A finding at `range` (a byte range of the text's value) of a text.
fn at(site: &TextSite<'_>, range: Range<usize>, diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.at(site.file.clone(), site.file_range(range))
}
