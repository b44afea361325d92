//! `bilan schema`: the committed schemas match the serde types, and every
//! source file points at its schema.

use crate::common;

use common::{bilan, root};

#[test]
fn committed_schemas_are_up_to_date() {
    for (kind, file) in common::SCHEMAS {
        let output = bilan(root(), &["schema", kind]);
        assert!(output.status.success());
        let generated = String::from_utf8(output.stdout).expect("UTF-8");
        let committed =
            std::fs::read_to_string(root().join("sources").join(file)).expect("the schema file");
        assert_eq!(
            generated.trim_end(),
            committed.trim_end(),
            "sources/{file} is stale: run `cargo run -- schema {kind} > sources/{file}`"
        );
        let schema: serde_json::Value = serde_json::from_str(&committed).expect("valid JSON");
        assert_eq!(
            schema["additionalProperties"], false,
            "unknown keys must be refused"
        );
    }
}

#[test]
fn every_source_file_names_its_schema() {
    let sources = root().join("sources");
    let editions = sources.join("editions");
    let folders = [(sources.clone(), "./"), (editions.clone(), "../")];
    for (folder, up) in folders.iter().filter(|(f, _)| f.is_dir()) {
        for entry in std::fs::read_dir(folder).expect("a sources folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).expect("read");
                let expected = if path.ends_with("bilan.toml") {
                    "bilan"
                } else if folder == &editions {
                    "edition"
                } else {
                    "chapter"
                };
                assert!(
                    text.starts_with(&format!("#:schema {up}{expected}.schema.json")),
                    "{} has no #:schema line",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn lint_list_names_every_code() {
    let output = bilan(root(), &["check", "--lints"]);
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    for code in [
        "departement-code",
        "punctuation-space",
        "figure-number",
        "link",
    ] {
        assert!(text.contains(code), "{text}");
    }
}
