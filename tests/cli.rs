//! The command line itself: what `bilan --version` says, the shell
//! completions and the manual page.

use clap::CommandFactory;

use crate::common::{bilan, root};

#[test]
fn version_names_the_typst_it_embeds() {
    let output = bilan(root(), &["--version"]);
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stdout);
    let typst = format!("(Typst {})", typst::utils::version().raw());
    assert!(said.contains(&typst), "{said}");
    assert!(said.contains(env!("CARGO_PKG_VERSION")), "{said}");
}

/// The subcommands of `bilan`, from its own definition.
fn subcommands() -> Vec<String> {
    bilan::cli::Cli::command()
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .collect()
}

#[test]
fn completions_and_the_manual_page_name_every_subcommand() {
    let names = subcommands();
    assert!(names.len() >= 12, "{names:?}");
    for shell in ["bash", "zsh", "fish"] {
        let output = bilan(root(), &["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completions lack `{name}`"
            );
        }
    }
    let output = bilan(root(), &["man"]);
    assert!(output.status.success());
    let page = String::from_utf8_lossy(&output.stdout);
    assert!(
        page.starts_with(".ie") && page.contains(".TH bilan 1"),
        "{page}"
    );
    for name in &names {
        let entry = format!("bilan\\-{name}(1)");
        assert!(page.contains(&entry), "the manual page lacks `{entry}`");
    }
}
