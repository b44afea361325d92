//! The legal mentions: printed matter distributed in France carries its
//! printer's name and address (law of 29 July 1881, art. 3), so a print
//! edition without them cannot be handed out.

use crate::content::Project;
use crate::diag::{Code, Diagnostic};

pub(super) fn lint(project: &Project, findings: &mut Vec<Diagnostic>) {
    let colophon = project.brochure.manifest.colophon.as_ref();
    if colophon.is_some_and(|c| c.has_printer) {
        return;
    }
    // The `[colophon]` table when it is written, else the back cover's
    // `[contact]`, where the colophon would print.
    let file = &project.manifest_file;
    let header = if colophon.is_some() {
        "[colophon]"
    } else {
        "[contact]"
    };
    let range = file.range_of(header);
    findings.push(
        Diagnostic::new(
            Code::ColophonPrinter,
            "the print edition names no printer: printed matter distributed in France must carry « le nom et le domicile de l'imprimeur » (law of 29 July 1881, art. 3)",
        )
        .at(file.clone(), range)
        .hint(if colophon.is_some() {
            "add `printer = \"Imprimé par …, adresse\"` to `[colophon]`"
        } else {
            "add a `[colophon]` table with `printer = \"Imprimé par …, adresse\"` (and the publisher, the legal deposit…)"
        }),
    );
}
