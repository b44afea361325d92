//! One module per subcommand: options in, library calls, `Result` out.

pub mod build;
