//! The `bilan` command.

fn main() -> std::process::ExitCode {
    bilan::run(std::env::args_os())
}
