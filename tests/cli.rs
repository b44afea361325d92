//! The command line itself: what `bilan --version` says.

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
