//! `bilan build --all-editions`: every local edition in one process. The
//! sources, fonts, layouts and pictures are loaded once; the editions are
//! typeset in parallel on the available cores and share Typst's caches
//! (what two editions lay out alike, such as the cover art, the édito or
//! the contact page, is laid out once). A failed edition is reported and
//! the others go on.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BuildArgs;
use crate::cmd::{Failure, Reported, human_size, status};
use crate::content::Territory;
use crate::diag::{self, Diagnostic, display_path};
use crate::error::Error;
use crate::pipeline::Pipeline;
use crate::render;

/// What became of one edition.
struct Outcome {
    /// The edition's key: a code or a group's name.
    key: String,
    /// The PDF written, or why not.
    result: Result<Written, Error>,
    /// How long it took, from the shared pipeline to the file written.
    time: Duration,
}

/// A local edition written.
struct Written {
    path: PathBuf,
    /// `leaflet` or `booklet`.
    format: &'static str,
    pages: usize,
    bytes: usize,
    warnings: Vec<Diagnostic>,
}

/// Builds every local edition as `args` say; prints a table of what was
/// built and the problems of each edition.
///
/// # Errors
/// Sources that cannot be loaded; [`Reported::Invalid`] when an edition
/// failed (the others are written).
pub fn run(args: &BuildArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let options = args.options();
    status("Loading", &display_path(&options.sources));
    let mut base = Pipeline::load(options)?;
    if !args.fit.fresh {
        base.keep_fittings();
    }
    let territories = Territory::all(&base.project().brochure);
    status(
        "Typesetting",
        &format!("{} local editions", territories.len()),
    );
    let bar = ProgressBar::new(territories.len() as u64).with_style(
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_prefix("Building");
    let next = AtomicUsize::new(0);
    let outcomes = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(territories.len()) {
            scope.spawn(|| {
                while let Some(territory) = territories.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = build_one(&base, territory, args);
                    bar.set_message(outcome.key.clone());
                    bar.inc(1);
                    // A worker that panicked would poison the lock; the
                    // outcomes gathered so far are still sound.
                    outcomes
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(outcome);
                }
            });
        }
    });
    bar.finish_and_clear();
    let mut outcomes = outcomes
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The table follows the order of the editions, whatever the order the
    // workers finished them in.
    outcomes.sort_by_key(|o| territories.iter().position(|t| t.key == o.key));
    print_table(&outcomes);
    let failed = report_problems(&outcomes);
    status(
        "Finished",
        &format!(
            "{} of {} local editions in {:.2} s",
            outcomes.len() - failed,
            outcomes.len(),
            started.elapsed().as_secs_f64()
        ),
    );
    if failed > 0 {
        eprintln!("error: {failed} local edition(s) failed; the others were written");
        Err(Failure::Reported(Reported::Invalid))
    } else {
        Ok(())
    }
}

/// Typesets and writes one local edition.
fn build_one(base: &Pipeline, territory: &Territory, args: &BuildArgs) -> Outcome {
    let started = Instant::now();
    let path = args.profile.local_pdf(&territory.key);
    let result = (|| {
        let mut pipeline = base.local(territory)?;
        let built = pipeline.typeset()?;
        let pdf = pipeline.pdf(&built.document)?;
        render::write_atomic(&path, &pdf).map_err(Error::CannotRun)?;
        Ok(Written {
            path: path.clone(),
            format: built.fit.format(),
            pages: built.document.pages().len(),
            bytes: pdf.len(),
            warnings: built.warnings,
        })
    })();
    Outcome {
        key: territory.key.clone(),
        result,
        time: started.elapsed(),
    }
}

/// One line per edition: its key, format, pages, size, time and file.
fn print_table(outcomes: &[Outcome]) {
    let width = outcomes
        .iter()
        .map(|o| o.key.len())
        .max()
        .unwrap_or(0)
        .max(7);
    eprintln!(
        "{:<width$}  {:<7}  {:>5}  {:>8}  {:>8}  file",
        "edition", "format", "pages", "size", "time"
    );
    for outcome in outcomes {
        let time = format!("{:.2} s", outcome.time.as_secs_f64());
        match &outcome.result {
            Ok(written) => eprintln!(
                "{:<width$}  {:<7}  {:>5}  {:>8}  {:>8}  {}{}",
                outcome.key,
                written.format,
                written.pages,
                human_size(written.bytes),
                time,
                display_path(&written.path),
                match written.warnings.len() {
                    0 => String::new(),
                    n => format!(" ({n} warning(s))"),
                }
            ),
            Err(_) => eprintln!(
                "{:<width$}  {:<7}  {:>5}  {:>8}  {:>8}  FAILED (see below)",
                outcome.key, "-", "-", "-", time
            ),
        }
    }
}

/// Prints the warnings and errors of each edition under its name; returns
/// how many editions failed.
fn report_problems(outcomes: &[Outcome]) -> usize {
    let mut failed = 0;
    for outcome in outcomes {
        let diagnostics: &[Diagnostic] = match &outcome.result {
            Ok(written) => &written.warnings,
            Err(Error::Invalid(diagnostics)) => diagnostics,
            Err(Error::CannotRun(diagnostic)) => std::slice::from_ref(diagnostic),
            // Editions are built once, never superseded.
            Err(Error::Superseded) => &[],
        };
        failed += usize::from(outcome.result.is_err());
        if !diagnostics.is_empty() {
            eprintln!("\nedition {}:", outcome.key);
            diag::print(diagnostics);
        }
    }
    failed
}
