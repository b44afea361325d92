//! `bilan check`: lints that proofread the content before it goes to print.
//!
//! Each lint has a stable code and a severity (`Stage::Lint` in the table
//! of `diag::codes`); each finding points at the exact place in the TOML file. Nothing here changes the sources.

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
