//! `bilan schema`: the JSON Schema of the source files, derived from the
//! same serde types that read them.

use crate::cli::{SchemaArgs, SchemaKind};
use crate::cmd::Failure;
use crate::content::file::{Chapter, LocalEdition, Manifest};

/// Prints the schema of one kind of source file on standard output.
///
/// # Errors
/// None in practice; the signature is that of every command.
pub fn run(args: &SchemaArgs) -> Result<(), Failure> {
    println!("{}", schema(args.kind));
    Ok(())
}

/// The schema of one kind of source file, as pretty JSON.
pub fn schema(kind: SchemaKind) -> String {
    let schema = match kind {
        SchemaKind::Manifest => schemars::schema_for!(Manifest),
        SchemaKind::Chapter => schemars::schema_for!(Chapter),
        SchemaKind::Edition => schemars::schema_for!(LocalEdition),
    };
    // Cannot fail: a schema is a JSON value (string keys, no non-finite
    // number), and serializing a JSON value to a string has no error case.
    serde_json::to_string_pretty(&schema).expect("a JSON value always serializes")
}
