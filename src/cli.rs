//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Typesets the brochure « 2015-2021 Changer la vie des territoires » from
/// the TOML files of `sources/`, with the Typst layouts of `layouts/` and the
/// fonts of `fonts/`.
#[derive(Debug, Parser)]
#[command(name = "bilan", version, propagate_version = true)]
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

/// Options of `bilan build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where the project is.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The edition: `print` (bleed, CMYK, for the printer) or `screen`
    /// (RGB, PDF/A-2b and PDF/UA-1, light pictures). Settings are in
    /// `[profiles.*]` of sources/bilan.toml.
    #[arg(long, value_enum, default_value_t = ProfileName::Print)]
    pub profile: ProfileName,
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
    #[arg(long, value_name = "N", default_value_t = 150.0, value_parser = parse_ppi)]
    pub ppi: f32,
}

/// The editions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileName {
    /// For the commercial printer.
    Print,
    /// For the web site and e-mails.
    Screen,
}

impl ProfileName {
    /// The name used in file names and in `[profiles.<name>]`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileName::Print => "print",
            ProfileName::Screen => "screen",
        }
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
