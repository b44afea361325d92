//! `bilan completions <shell>` and `bilan man`: the shell completions and
//! the manual page, generated from the command line's own definition (so
//! they never disagree with `--help`).

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::cmd::Failure;
use crate::diag::{Code, Diagnostic};

/// Prints the completion script of `args.shell` on standard output.
///
/// # Errors
/// None in practice; the signature is that of every command.
pub fn run(args: &CompletionsArgs) -> Result<(), Failure> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "bilan", &mut std::io::stdout());
    Ok(())
}

/// Prints the manual page, in roff, on standard output.
///
/// # Errors
/// Standard output that cannot be written.
pub fn man() -> Result<(), Failure> {
    clap_mangen::Man::new(Cli::command())
        .render(&mut std::io::stdout())
        .map_err(|err| {
            Failure::from(crate::Error::CannotRun(Diagnostic::new(
                Code::Write,
                format!("cannot write the manual page: {err}"),
            )))
        })
}
