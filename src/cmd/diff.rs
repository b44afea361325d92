//! `bilan diff --against REV|DIR`: what changed since another version.

use std::fmt::Write as _;

use typst::model::Document as _;

use crate::check;
use crate::cli::{DiffArgs, DiffFormat};
use crate::cmd::{Failure, Reported, status};
use crate::diag::{self, Code, Diagnostic, display_path};
use crate::diff::against::Against;
use crate::diff::proof::proof;
use crate::diff::{Change, Placed, What, compare, items, layout_pages, place};
use crate::error::Error;
use crate::pagination::preflight;
use crate::pipeline::{Built, Options, Pipeline};
use crate::render;

/// The versions compared, typeset.
struct Versions {
    old: (Pipeline, Built),
    new: (Pipeline, Built),
}

/// Typesets both versions, compares them and prints the changes.
///
/// # Errors
/// [`Failure::Reported`]: exit code 1 when something changed, 2 when the
/// versions cannot be compared (a version that cannot be read or typeset).
pub fn run(args: &DiffArgs) -> Result<(), Failure> {
    let options = args.edition.options();
    let against =
        Against::open(&args.against, &options.root, &options.sources).map_err(cannot_compare)?;
    let human = args.format == DiffFormat::Human;
    if human {
        status(
            "Comparing",
            &format!("{} with {}", display_path(&options.sources), against.name),
        );
    }
    let old_options = Options {
        root: against.root.clone(),
        sources: against.sources.clone(),
        ..options.clone()
    };
    let mut versions = typeset_both(old_options, options, !args.edition.fit.fresh)
        .map_err(|err| cannot_compare(rename(err, &against)))?;
    let (old, new) = (&versions.old, &mut versions.new);
    let old_units = place(items(old.0.project()), &old.1.document);
    let new_units = place(items(new.0.project()), &new.1.document);
    let changes = compare(&old_units, &new_units);
    let layout = layout_pages(&old.1.document, &new.1.document);
    let shown = |placed: &Placed| {
        let origin = placed.item.origin.to_string();
        against.named(&origin).unwrap_or(origin)
    };
    let marks = proof(&against.name, &changes, &layout, &new.1.document, &shown);
    let title = format!(
        "Épreuve : {}, modifications depuis {}",
        new.1.document.info().title.as_deref().unwrap_or_default(),
        against.name
    );
    let out = args.out.clone().unwrap_or_else(|| args.edition.diff_pdf());
    let written = new
        .0
        .proof(&new.1, &marks, &title)
        .and_then(|pdf| render::write_atomic(&out, &pdf).map_err(Error::CannotRun));
    if let Err(err) = written {
        diag::print(&err.diagnostics());
        eprintln!("error: the proof could not be written");
        return Err(Failure::Reported(Reported::CannotRun));
    }
    match args.format {
        DiffFormat::Human => print_human(&changes, &layout, &shown),
        DiffFormat::Json => print_json(&changes, &layout, &shown),
        DiffFormat::Markdown => {
            let old_findings = findings(&old.0, &old.1);
            let new_findings: Vec<(Diagnostic, bool)> = findings(&new.0, &new.1)
                .into_iter()
                .map(|finding| {
                    let known = old_findings
                        .iter()
                        .any(|old| old.code == finding.code && old.message == finding.message);
                    (finding, !known)
                })
                .collect();
            print!("{}", markdown(&changes, &layout, &against.name));
            print!("{}", findings_markdown(&new_findings, &against.name));
        }
    }
    if human {
        status(
            "Compared",
            &format!(
                "{} with {}: {}",
                display_path(&new.0.options().sources),
                against.name,
                summary(&changes, &layout)
            ),
        );
        status("Proof", &display_path(&out));
    }
    if changes.is_empty() && layout.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported(Reported::Invalid))
    }
}

/// Loads and typesets both versions, side by side. With `keep`, the
/// decisions of both fittings are kept in the project's `build/.fitting/`
/// (the other version's apart), so that the next comparison lays each
/// version out once.
fn typeset_both(old: Options, new: Options, keep: bool) -> Result<Versions, Error> {
    let project = new.root.clone();
    let typeset = |options: Options, other: bool| -> Result<(Pipeline, Built), Error> {
        let mut pipeline = Pipeline::load(options)?;
        match (keep, other) {
            (false, _) => {}
            (true, false) => pipeline.keep_fittings(),
            (true, true) => pipeline.keep_fittings_of_other_version(&project),
        }
        let built = pipeline.typeset()?;
        Ok((pipeline, built))
    };
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| typeset(old, true));
        let new = typeset(new, false);
        (old.join(), new)
    });
    let old = old.unwrap_or_else(|_| {
        Err(Error::CannotRun(Diagnostic::new(
            Code::Diff,
            "the other version could not be typeset".to_owned(),
        )))
    })?;
    Ok(Versions { old, new: new? })
}

/// The diagnostics of the other version, with its files named as the
/// revision's (`bat-1:sources/…`) rather than the temporary folder's.
fn rename(err: Error, against: &Against) -> Error {
    let rename = |mut diagnostic: Diagnostic| {
        if let Some(location) = &mut diagnostic.location
            && let Some(named) = against.named(&location.file.name)
        {
            location.file.name = named;
        }
        diagnostic
    };
    match err {
        Error::Invalid(all) => Error::Invalid(all.into_iter().map(rename).collect()),
        Error::CannotRun(one) => Error::CannotRun(rename(one)),
        Error::Superseded => Error::Superseded,
    }
}

/// Prints why the versions cannot be compared: exit code 2, as `diff`.
fn cannot_compare(err: Error) -> Failure {
    diag::print(&err.diagnostics());
    eprintln!("error: the versions cannot be compared");
    Failure::Reported(Reported::CannotRun)
}

fn page(page: Option<usize>) -> String {
    page.map_or_else(|| "page ?".to_owned(), |p| format!("page {p}"))
}

fn print_human(changes: &[Change], layout: &[usize], shown: &dyn Fn(&Placed) -> String) {
    for change in changes {
        let unit = change.unit();
        let mut line = format!(
            "{}: {} {} « {} » ({})",
            page(unit.page),
            change.what.name(),
            unit.item.kind.name(),
            unit.item.first_words(),
            shown(unit)
        );
        let description = change.description();
        if !description.is_empty() {
            let _ = write!(line, ": {description}");
        }
        if change.what == What::Removed {
            let _ = write!(line, " (in the other version)");
        }
        println!("{line}");
    }
    if !layout.is_empty() {
        println!(
            "{}: the layout changed, no word changed",
            page_ranges(layout)
        );
    }
}

fn print_json(changes: &[Change], layout: &[usize], shown: &dyn Fn(&Placed) -> String) {
    let side = |placed: &Option<Placed>| {
        placed.as_ref().map(|placed| {
            serde_json::json!({
                "source": shown(placed),
                "page": placed.page,
                "context": placed.item.context,
            })
        })
    };
    for change in changes {
        let unit = change.unit();
        let json = serde_json::json!({
            "change": change.what.name(),
            "kind": unit.item.kind.name(),
            "text": unit.item.first_words(),
            "old": side(&change.old),
            "new": side(&change.new),
            "description": change.description(),
        });
        println!("{json}");
    }
    for page in layout {
        println!("{}", serde_json::json!({"change": "layout", "page": page}));
    }
}

/// A Markdown summary: the changes counted by kind, then each with its
/// page.
fn markdown(changes: &[Change], layout: &[usize], against: &str) -> String {
    let mut out = format!("### Changes since `{against}`\n\n");
    if changes.is_empty() && layout.is_empty() {
        out.push_str("No change.\n");
        return out;
    }
    let _ = writeln!(out, "{}\n", summary(changes, layout));
    out.push_str("| page | change | unit | detail |\n|---|---|---|---|\n");
    for change in changes {
        let unit = change.unit();
        let _ = writeln!(
            out,
            "| {} | {} | {} « {} » | {} |",
            unit.page.map_or_else(String::new, |p| p.to_string()),
            change.what.name(),
            unit.item.kind.name(),
            escape(&unit.item.first_words()),
            escape(&change.description())
        );
    }
    if !layout.is_empty() {
        let _ = writeln!(
            out,
            "| {} | layout | | no word changed |",
            page_ranges(layout)
        );
    }
    out
}

/// What `bilan check` and `bilan preflight` find in a version: the
/// sources' lints, the pagination's preflight and the build's warnings.
fn findings(pipeline: &Pipeline, built: &Built) -> Vec<Diagnostic> {
    let mut all = check::lint(pipeline.project());
    all.extend(preflight(&built.document, pipeline.layout()).0);
    all.extend(built.warnings.iter().cloned());
    all
}

/// The findings of the new version as a Markdown table, those the other
/// version did not have flagged as new.
fn findings_markdown(findings: &[(Diagnostic, bool)], against: &str) -> String {
    let mut out = String::from("\n### Findings of `bilan check` and `bilan preflight`\n\n");
    if findings.is_empty() {
        out.push_str("None.\n");
        return out;
    }
    let new = findings.iter().filter(|(_, new)| *new).count();
    let _ = writeln!(
        out,
        "{} finding(s), {new} new since `{against}`.\n",
        findings.len()
    );
    let new_ones: Vec<&Diagnostic> = findings.iter().filter(|f| f.1).map(|f| &f.0).collect();
    let known: Vec<&Diagnostic> = findings.iter().filter(|f| !f.1).map(|f| &f.0).collect();
    if !new_ones.is_empty() {
        let _ = writeln!(out, "New:\n\n{}", findings_table(&new_ones));
    }
    if !known.is_empty() {
        let _ = writeln!(
            out,
            "<details><summary>{} known before</summary>\n\n{}</details>",
            known.len(),
            findings_table(&known)
        );
    }
    out
}

/// Findings as a Markdown table, the most serious first.
fn findings_table(findings: &[&Diagnostic]) -> String {
    let mut out = String::from("| severity | code | where | message |\n|---|---|---|---|\n");
    let mut sorted = findings.to_vec();
    sorted.sort_by_key(|finding| std::cmp::Reverse(finding.severity()));
    for finding in sorted {
        let place = finding.position().unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            finding.severity().name(),
            finding.code,
            escape(&place),
            escape(&finding.message)
        );
    }
    out
}

/// A table cell's text: its pipes escaped.
fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}

/// `3 changed, 1 added, …; layout alone changed on 2 page(s)`.
fn summary(changes: &[Change], layout: &[usize]) -> String {
    let mut parts: Vec<String> = [What::Changed, What::Added, What::Removed, What::Moved]
        .iter()
        .filter_map(|what| {
            let count = changes.iter().filter(|c| c.what == *what).count();
            (count > 0).then(|| format!("{count} {}", what.name()))
        })
        .collect();
    if !layout.is_empty() {
        parts.push(format!("layout alone changed on {} page(s)", layout.len()));
    }
    if parts.is_empty() {
        "no change".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `pages 1–3, 7`.
fn page_ranges(pages: &[usize]) -> String {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for &page in pages {
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == page => *end = page,
            _ => ranges.push((page, page)),
        }
    }
    let listed: Vec<String> = ranges
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    format!(
        "page{} {}",
        if pages.len() > 1 { "s" } else { "" },
        listed.join(", ")
    )
}
