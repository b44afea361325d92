//! `bilan preflight`: typeset the brochure and report what a print designer
//! would flag in its pages.

use crate::cli::{DiagnosticFormat, PreflightArgs};
use crate::cmd::{Failure, Reported, status};
use crate::diag::codes::Stage;
use crate::diag::{self, Code, Severity, display_path};
use crate::pagination::preflight;
use crate::pipeline::{Options, Pipeline};

/// Typesets the edition `args` names and prints the preflight's findings.
///
/// # Errors
/// Invalid sources or layouts; [`Failure::Reported`] (exit code 1) on
/// warnings with `--deny-warnings`.
pub fn run(args: &PreflightArgs) -> Result<(), Failure> {
    if args.codes {
        super::print_codes(&findings_codes(), args.format);
        return Ok(());
    }
    let options = Options {
        root: args.project.root.clone(),
        sources: args.project.sources_dir(),
        profile: args.profile.into(),
        marks: false,
        departement: args.departement.clone(),
    };
    let human = args.format == DiagnosticFormat::Human;
    if human {
        status("Loading", &display_path(&options.sources));
    }
    let mut pipeline = Pipeline::load(options)?;
    if !args.fit.fresh {
        pipeline.keep_fittings();
    }
    let built = pipeline.typeset()?;
    let (mut findings, summary) = preflight(&built.document, pipeline.layout());
    findings.extend(built.warnings);
    let warnings = findings
        .iter()
        .filter(|d| d.severity() >= Severity::Warning)
        .count();
    match args.format {
        DiagnosticFormat::Json => {
            for finding in &findings {
                println!("{}", finding.to_json());
            }
        }
        DiagnosticFormat::Human => {
            diag::print(&findings);
            status("Paginated", &built.fit.summary());
            status("Preflight", &format!("{summary}; {warnings} finding(s)"));
        }
    }
    if args.deny_warnings && warnings > 0 {
        Err(Failure::Reported(Reported::Invalid))
    } else {
        Ok(())
    }
}

/// The codes of what `bilan preflight` finds: the preflight's, then the
/// warnings of the typesetting it prints with them (but crop marks, which
/// it never asks for).
fn findings_codes() -> Vec<Code> {
    let typesetting = Code::at(&[Stage::Typesetting])
        .filter(|code| code.severity() == Severity::Warning && *code != Code::MarksWithoutBleed);
    Code::at(&[Stage::Preflight]).chain(typesetting).collect()
}
