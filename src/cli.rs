//! The command line, declared with clap.

#![allow(
    rustdoc::invalid_html_tags,
    reason = "the doc comments are also clap's --help text, where <PROFILE> or <ROOT> are placeholders"
)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::content::Territory;
use crate::content::model::ProfileName;
use crate::serve::Editor;

/// `bilan`'s version and the version of the Typst it embeds, e.g.
/// `0.1.0 (Typst 0.15.1)`: the Typst version decides how pages break.
pub fn version() -> &'static str {
    static VERSION: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    VERSION.get_or_init(|| {
        format!(
            "{} (Typst {})",
            env!("CARGO_PKG_VERSION"),
            typst::utils::version().raw()
        )
    })
}

/// Typesets the brochure « 2015-2021 Changer la vie des territoires » from
/// the TOML files of `sources/`, with the Typst layouts of `layouts/` and the
/// fonts of `fonts/`.
#[derive(Debug, Parser)]
#[command(name = "bilan", version = version(), propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the brochure: PDF (default) or one PNG per page.
    ///
    /// Progress and a one-line summary go to standard error. The output is
    /// written to a temporary file and renamed, so a failed build never
    /// touches the previous file.
    Build(BuildArgs),
    /// Proofread the sources: département codes and names, French
    /// typography, structure, links. Prints each finding with its file,
    /// line and column; exits 0 when there is no error (warnings allowed),
    /// 1 on errors, 2 when it cannot run.
    Check(CheckArgs),
    /// Typeset the brochure and report, page by page, what a print designer
    /// would flag: white columns, stranded titles, widows and orphans,
    /// hyphenated titles, loose or overfull lines, split callouts, the page
    /// count. Writes nothing; exits 0 when there is nothing to flag (or only
    /// warnings), 1 on warnings with `--deny-warnings` or on errors.
    Preflight(PreflightArgs),
    /// Build, then rebuild in the same process whenever a file of
    /// `sources/`, `layouts/` or `fonts/` changes, until Ctrl-C. A failed
    /// rebuild prints its errors and keeps the last good PDF.
    Watch(WatchArgs),
    /// Watch like `bilan watch`, and serve a live preview of the pages on
    /// http://127.0.0.1:PORT/: the page reloads by itself after each
    /// rebuild, scrolls to the first changed page, and shows the errors of a
    /// failed build.
    Serve(ServeArgs),
    /// Write a standalone Typst project (layouts, content as JSON, fonts,
    /// pictures, main.typ) that the official `typst` CLI compiles to the
    /// same brochure: `typst compile --ignore-system-fonts --font-path fonts main.typ`.
    Export(ExportArgs),
    /// Print the JSON Schema of a kind of source file, for editors
    /// (Taplo / Even Better TOML read the `#:schema` line of each file).
    Schema(SchemaArgs),
    /// Compare the sources with another version of them (a git revision
    /// such as `HEAD~1` or a tag, or a folder holding an older copy of the
    /// project), both typeset: what was added, removed, changed (word by
    /// word) or moved, unit by unit, on which pages; and the pages whose
    /// layout alone changed. Writes a proof PDF of the new version with
    /// the changes marked. Exits 0 when nothing changed, 1 when something
    /// did, 2 when it cannot compare.
    Diff(DiffArgs),
    /// Find a text in the sources and on the pages: the file, line and
    /// column of every source string that holds it, and the pages where it
    /// prints. Matches what a reader copies from the PDF or types from
    /// paper (line-end hyphens, quotes, apostrophes, spaces and case do not
    /// matter; accents do). Exits 1 when no source string holds it.
    Where(WhereArgs),
    /// Start another brochure in a new folder: a starter `sources/` (a
    /// `bilan.toml` and one chapter file, with their schemas) that checks
    /// clean and builds, and a copy of `layouts/` and `fonts/`. Never
    /// writes into a folder that is not empty.
    New(NewArgs),
    /// Print the completion script of a shell on standard output, e.g.
    /// `bilan completions bash > ~/.local/share/bash-completion/completions/bilan`.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) on standard output, e.g.
    /// `bilan man > bilan.1 && man ./bilan.1`.
    Man,
}

/// Options of `bilan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Options of `bilan watch` (and of the watcher of `bilan serve`).
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// How the pages are fitted (the first build; each rebuild fits anew).
    #[command(flatten)]
    pub fit: FitArgs,
    /// The edition.
    #[arg(long, value_enum, default_value_t = ProfileArg::Print)]
    pub profile: ProfileArg,
    /// The PDF to keep up to date [default: build/bilan-<PROFILE>.pdf].
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Keep the local edition of a département (`33`), of several
    /// (`33,40,47`) or of a group of `[editions]` up to date instead
    /// [default output: build/bilan-<CODES or GROUP>-<PROFILE>.pdf].
    #[arg(long, visible_alias = "departements", value_name = "CODES|GROUP")]
    pub departement: Option<String>,
}

impl WatchArgs {
    /// The pipeline options these arguments give.
    pub fn options(&self) -> crate::pipeline::Options {
        crate::pipeline::Options {
            root: self.project.root.clone(),
            sources: self.project.sources_dir(),
            profile: self.profile.into(),
            marks: false,
            departement: self.departement.clone(),
        }
    }

    /// The PDF path.
    pub fn out_path(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| match &self.departement {
            Some(spec) => self.profile.local_pdf(&Territory::key_of(spec)),
            None => self.profile.default_pdf(),
        })
    }
}

/// Options of `bilan serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// What to watch and build.
    #[command(flatten)]
    pub watch: WatchArgs,
    /// The port, on 127.0.0.1 only.
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// The link that opens a source in the editor, when a click on a page
    /// shows where it comes from: a URL template where `{path}` is the
    /// file's absolute path (beginning with `/`), `{line}` and `{col}` the
    /// line and column. The browser opens it; the server runs nothing.
    /// VSCodium: `vscodium://file{path}:{line}:{col}`; TextMate:
    /// `txmt://open?url=file://{path}&line={line}&column={col}`.
    #[arg(long, value_name = "URL", default_value = Editor::DEFAULT)]
    pub editor: Editor,
}

/// Options of `bilan new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder of the new brochure (created; it must not exist, or be
    /// empty).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The project whose `layouts/` and `fonts/` are copied.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// Options of `bilan export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The edition to export.
    #[arg(long, value_enum, default_value_t = ProfileArg::Print)]
    pub profile: ProfileArg,
    /// The folder to write the Typst project to (created if needed).
    #[arg(long, value_name = "DIR")]
    pub typst: PathBuf,
}

/// Options of `bilan preflight`.
#[derive(Debug, Args)]
pub struct PreflightArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// How the pages are fitted.
    #[command(flatten)]
    pub fit: FitArgs,
    /// The edition to typeset and check.
    #[arg(long, value_enum, default_value_t = ProfileArg::Print)]
    pub profile: ProfileArg,
    /// How to print the findings: for people, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Treat warnings as errors (exit code 1), for CI.
    #[arg(long)]
    pub deny_warnings: bool,
    /// List the codes of the findings (the preflight's and the
    /// typesetting's warnings), their severity and what each finds, then
    /// exit; with `--format json`, one object per code.
    #[arg(long)]
    pub codes: bool,
    /// Check the local edition of a département (`33`), of several
    /// (`33,40,47`) or of a group of `[editions]`.
    #[arg(long, visible_alias = "departements", value_name = "CODES|GROUP")]
    pub departement: Option<String>,
}

/// Options of `bilan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// How to print the findings: for people, or one JSON object per line.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
    /// Treat warnings as errors (exit code 1).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also print the infos (what the layout fixes by itself).
    #[arg(long, short)]
    pub verbose: bool,
    /// List the lints, their codes and severities, and exit.
    #[arg(long)]
    pub lints: bool,
    /// List every code `bilan check` can report (the validation's errors
    /// and the lints), their severity and what each finds, then exit; with
    /// `--format json`, one object per code.
    #[arg(long, conflicts_with = "lints")]
    pub codes: bool,
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// With the source line and a caret, in colour on a terminal.
    Human,
    /// One JSON object per line: severity, code, file, line, column, message, hints.
    Json,
}

/// Options of `bilan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file: `bilan.toml`, a chapter file or a local edition's file.
    #[arg(value_enum, default_value_t = SchemaKind::Chapter)]
    pub kind: SchemaKind,
}

/// The kinds of source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// `sources/bilan.toml`.
    Manifest,
    /// A chapter file such as `sources/01-solidarite-humaine.toml`.
    Chapter,
    /// A local edition's file, `sources/editions/<code or group>.toml`.
    Edition,
}

/// Where the project is.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// The project folder, holding `layouts/` and `fonts/`.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The content folder [default: <ROOT>/sources].
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
}

impl ProjectArgs {
    /// The content folder.
    pub fn sources_dir(&self) -> PathBuf {
        self.sources
            .clone()
            .unwrap_or_else(|| self.root.join("sources"))
    }
}

/// One edition of the brochure: where its project is, its profile, its
/// territory, and how its pages are fitted.
#[derive(Debug, Args)]
pub struct EditionArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The edition.
    #[arg(long, value_enum, default_value_t = ProfileArg::Print)]
    pub profile: ProfileArg,
    /// A local edition: a département (`33`), several (`33,40,47`) or a
    /// group of `[editions]`.
    #[arg(long, visible_alias = "departements", value_name = "CODES|GROUP")]
    pub departement: Option<String>,
    /// How the pages are fitted.
    #[command(flatten)]
    pub fit: FitArgs,
}

impl EditionArgs {
    /// The pipeline options these arguments give.
    pub fn options(&self) -> crate::pipeline::Options {
        crate::pipeline::Options {
            root: self.project.root.clone(),
            sources: self.project.sources_dir(),
            profile: self.profile.into(),
            marks: false,
            departement: self.departement.clone(),
        }
    }

    /// Where the proof of `bilan diff` goes by default:
    /// `build/bilan-diff-<PROFILE>.pdf`, or
    /// `build/bilan-diff-<CODES or GROUP>-<PROFILE>.pdf` for a local
    /// edition.
    pub fn diff_pdf(&self) -> PathBuf {
        match &self.departement {
            Some(spec) => self
                .profile
                .local_pdf(&format!("diff-{}", Territory::key_of(spec))),
            None => self.profile.local_pdf("diff"),
        }
    }
}

/// Options of `bilan diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The other version: a git revision of the project (`HEAD~1`, a tag,
    /// a branch) or a folder holding an older copy of it (its `sources/`,
    /// and its `layouts/` and `fonts/` if it has them).
    #[arg(long, value_name = "REV|DIR")]
    pub against: String,
    /// The edition compared, of both versions.
    #[command(flatten)]
    pub edition: EditionArgs,
    /// How to print the changes: `human`, `json` (one object per change) or
    /// `markdown` (a summary, e.g. for a CI job).
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// The proof PDF: the new version's pages with the changes marked, after
    /// a list of them [default: build/bilan-diff-<PROFILE>.pdf].
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// How `bilan diff` prints the changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per change, with its page and place.
    Human,
    /// One JSON object per change.
    Json,
    /// A Markdown summary: the changes by kind, then each.
    Markdown,
}

/// Options of `bilan where`.
#[derive(Debug, Args)]
pub struct WhereArgs {
    /// The text to find, as copied from the PDF or typed from paper.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// The edition whose pages are searched.
    #[command(flatten)]
    pub edition: EditionArgs,
    /// How to print what was found.
    #[arg(long, value_enum, default_value_t = DiagnosticFormat::Human)]
    pub format: DiagnosticFormat,
}

/// How the pages are fitted.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// Fit the pages anew, without the decisions kept in build/.fitting/
    /// from the last fitting of the same inputs (the PDF is the same either
    /// way; fitting anew takes longer).
    #[arg(long)]
    pub fresh: bool,
}

/// Options of `bilan build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// How the pages are fitted.
    #[command(flatten)]
    pub fit: FitArgs,
    /// The edition: `print` (bleed, CMYK, for the printer) or `screen`
    /// (RGB, PDF/A-2b and PDF/UA-1, light pictures). Settings are in
    /// `[profiles.*]` of sources/bilan.toml.
    #[arg(long, value_enum, default_value_t = ProfileArg::Print)]
    pub profile: ProfileArg,
    /// Add crop marks outside the bleed (the page grows to make room).
    #[arg(long)]
    pub marks: bool,
    /// The output: a PDF file, or for `--format png` a folder
    /// [default: build/bilan-<PROFILE>.pdf, or build/pages-<PROFILE>/].
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value_t = Format::Pdf)]
    pub format: Format,
    /// Resolution of PNG pages, in pixels per inch.
    #[arg(long, visible_alias = "dpi", value_name = "N", default_value_t = 150.0, value_parser = parse_ppi)]
    pub ppi: f32,
    /// Build the local edition of a département (`33`), of several
    /// (`33,40,47`) or of a group of `[editions]` in bilan.toml: what the
    /// brochure says of that territory [default output:
    /// build/bilan-<CODES or GROUP>-<PROFILE>.pdf].
    #[arg(long, visible_alias = "departements", value_name = "CODES|GROUP")]
    pub departement: Option<String>,
    /// Build every local edition (each département a block cites, then each
    /// group of `[editions]`) in one run, in parallel, as
    /// build/bilan-<CODE or GROUP>-<PROFILE>.pdf; a failed edition does
    /// not stop the others.
    #[arg(long, conflicts_with_all = ["departement", "out", "format"])]
    pub all_editions: bool,
}

impl BuildArgs {
    /// The pipeline options these arguments give.
    pub fn options(&self) -> crate::pipeline::Options {
        crate::pipeline::Options {
            root: self.project.root.clone(),
            sources: self.project.sources_dir(),
            profile: self.profile.into(),
            marks: self.marks,
            departement: self.departement.clone(),
        }
    }
}

/// The editions, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// For the commercial printer.
    Print,
    /// For the web site and e-mails.
    Screen,
}

impl From<ProfileArg> for ProfileName {
    fn from(arg: ProfileArg) -> Self {
        match arg {
            ProfileArg::Print => ProfileName::Print,
            ProfileArg::Screen => ProfileName::Screen,
        }
    }
}

impl ProfileArg {
    /// Where the edition's PDF goes by default: `build/bilan-<name>.pdf`.
    pub fn default_pdf(self) -> PathBuf {
        PathBuf::from(format!(
            "build/bilan-{}.pdf",
            ProfileName::from(self).as_str()
        ))
    }

    /// Where a local edition's PDF goes by default:
    /// `build/bilan-<territory>-<name>.pdf`.
    pub fn local_pdf(self, territory: &str) -> PathBuf {
        PathBuf::from(format!(
            "build/bilan-{territory}-{}.pdf",
            ProfileName::from(self).as_str()
        ))
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One PDF file.
    Pdf,
    /// One PNG file per page, `page-01.png`, `page-02.png`…
    Png,
}

fn parse_ppi(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(ppi) if (10.0..=1200.0).contains(&ppi) => Ok(ppi),
        _ => Err("expected a resolution between 10 and 1200".into()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
