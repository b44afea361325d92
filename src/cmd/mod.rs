//! One module per subcommand: options in, library calls, `Result` out.

pub mod build;
pub mod check;
pub mod schema;
