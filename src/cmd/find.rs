//! `bilan where TEXT`: the source strings that hold a text, and the pages
//! where it prints.

use crate::cli::{DiagnosticFormat, WhereArgs};
use crate::cmd::{Failure, Reported};
use crate::content::search::search_form;
use crate::content::{Role, TextSite};
use crate::pagination::page_texts;
use crate::pipeline::Pipeline;

/// Prints where `args.text` is in the sources (file:line:col of each string
/// holding it) and on which pages of the edition it prints.
///
/// # Errors
/// Invalid sources or layouts; [`Failure::Reported`] (exit code 1) when no
/// source string holds the text.
pub fn run(args: &WhereArgs) -> Result<(), Failure> {
    let mut pipeline = Pipeline::load(args.edition.options())?;
    if !args.edition.fit.fresh {
        pipeline.keep_fittings();
    }
    let built = pipeline.typeset()?;
    let wanted = search_form(&args.text);
    let pages: Vec<usize> = page_texts(&built.document)
        .iter()
        .enumerate()
        .filter(|(_, text)| !wanted.is_empty() && search_form(text).contains(&wanted))
        .map(|(index, _)| index + 1)
        .collect();
    let found = pipeline.project().find(&args.text);
    match args.format {
        DiagnosticFormat::Json => {
            for place in &found {
                let json = serde_json::json!({
                    "file": place.site.file.name,
                    "line": place.line,
                    "column": place.column,
                    "role": role_name(place.site.role),
                    "text": first_words(&place.site),
                    "pages": pages,
                });
                println!("{json}");
            }
        }
        DiagnosticFormat::Human => {
            for place in &found {
                println!(
                    "{}:{}:{}: {} « {} »",
                    place.site.file.name,
                    place.line,
                    place.column,
                    role_name(place.site.role),
                    first_words(&place.site)
                );
            }
            match (found.is_empty(), pages.as_slice()) {
                (true, _) => eprintln!("no source string holds « {} »", args.text),
                (false, []) => println!("printed on no page of this edition"),
                (false, pages) => println!(
                    "printed on page{} {}",
                    if pages.len() > 1 { "s" } else { "" },
                    pages
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    }
    if found.is_empty() {
        Err(Failure::Reported(Reported::Invalid))
    } else {
        Ok(())
    }
}

/// What a string is, in a word.
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Paragraph => "paragraph",
        Role::Title => "title",
        Role::Label => "label",
        Role::Lead => "lead",
        Role::Figure => "figure",
        Role::Alt => "alternative text",
        Role::Other => "text",
    }
}

/// The first words of a string, for the report.
fn first_words(site: &TextSite) -> String {
    let plain = site.text.plain();
    let words: Vec<&str> = plain.split_whitespace().collect();
    if words.len() > 12 {
        format!("{}…", words[..12].join(" "))
    } else {
        words.join(" ")
    }
}
