//! The documentation says what the code does, and holds together: the guide
//! under `docs/src/` lists the keys of each kind of block, the colour roles
//! and pictograms a callout family may take, and every diagnostic code
//! `bilan` can print; every page of the guide is in its `SUMMARY.md`; every
//! relative link and picture of the README, the changelog and the guide
//! leads to a file that exists.

use std::path::{Path, PathBuf};

use crate::common;

use bilan::content::brand::ROLES;
use bilan::content::keys;
use bilan::content::model::PICTOGRAMS;

/// The guide's sources, `docs/src/`.
fn guide() -> PathBuf {
    common::root().join("docs/src")
}

/// The text of a page of the guide, by its path under `docs/src/`.
fn page(path: &str) -> String {
    let path = guide().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn guide_lists_the_keys_of_each_kind_of_block() {
    let page = page("reference/keys.md");
    let open = "<!-- block-keys: generated from src/content/keys.rs -->\n";
    let start = page.find(open).expect("the block-keys marker") + open.len();
    let end = page
        .find("<!-- /block-keys -->")
        .expect("the closing marker");
    assert_eq!(
        page.get(start..end).unwrap_or(""),
        keys::markdown_table(),
        "the table of block keys of docs/src/reference/keys.md differs from src/content/keys.rs"
    );
}

#[test]
fn guide_names_every_colour_role_and_pictogram() {
    let brand = page("editors/brand.md");
    for role in ROLES {
        assert!(
            brand.contains(&format!("`{role}`")),
            "docs/src/editors/brand.md does not name the role `{role}`"
        );
    }
    let callouts = page("editors/callouts.md");
    for pictogram in PICTOGRAMS {
        assert!(
            callouts.contains(&format!("`{pictogram}`")),
            "docs/src/editors/callouts.md does not name the pictogram `{pictogram}`"
        );
    }
}

/// The files under `dir` (recursively) whose name ends with `.{ext}`, sorted.
fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `markdown` without its fenced code blocks and inline code spans, whose
/// brackets and parentheses are text, not links.
fn without_code(markdown: &str) -> String {
    let mut prose = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 0 {
                prose.push_str(piece);
            }
        }
        prose.push('\n');
    }
    prose
}

/// The targets of the inline links and pictures of `markdown`
/// (`[text](target)`, `![alt](target)`) and of its reference definitions
/// (`[label]: target`), outside code, in order.
fn link_targets(markdown: &str) -> Vec<String> {
    let prose = without_code(markdown);
    let mut targets = Vec::new();
    for (at, _) in prose.match_indices("](") {
        let rest = &prose[at + 2..];
        if let Some(end) = rest.find(')') {
            // A title after the address (`(path "title")`) is not part of it.
            let target = rest[..end].split_whitespace().next().unwrap_or("");
            targets.push(target.trim_matches(['<', '>']).to_owned());
        }
    }
    for line in prose.lines() {
        let line = line.trim_start();
        if line.starts_with('[')
            && let Some(end) = line.find("]: ")
        {
            targets.push(line[end + 3..].trim().to_owned());
        }
    }
    targets
}

/// The file a relative link of the Markdown file `from` leads to, or `None`
/// for a link that leaves the repository's files: a web or mail address,
/// or an anchor in the same page.
fn linked_file(from: &Path, target: &str) -> Option<PathBuf> {
    let external = ["http://", "https://", "mailto:"];
    if target.is_empty()
        || target.starts_with('#')
        || external.iter().any(|e| target.starts_with(e))
    {
        return None;
    }
    let path = target.split('#').next().unwrap_or(target);
    Some(from.parent().expect("a folder").join(path))
}

/// The Markdown files whose links are checked: the README, the changelog
/// and every page of the guide.
fn documentation() -> Vec<PathBuf> {
    let root = common::root();
    let mut files = vec![root.join("README.md"), root.join("CHANGELOG.md")];
    files.extend(files_under(&guide(), "md"));
    files
}

/// The links of `files` that lead to no file, as `file: target`.
fn broken_links(files: &[PathBuf]) -> Vec<String> {
    let mut broken = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for target in link_targets(&text) {
            if let Some(path) = linked_file(file, &target)
                && !path.exists()
            {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    broken
}

#[test]
fn every_relative_link_and_picture_leads_to_a_file() {
    let files = documentation();
    assert!(files.len() > 10, "{files:?}");
    let broken = broken_links(&files);
    assert!(
        broken.is_empty(),
        "links to no file:\n{}",
        broken.join("\n")
    );
}

#[test]
fn a_link_to_no_file_is_found() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("there.md"), "# There\n").expect("a page");
    std::fs::write(
        dir.path().join("page.md"),
        "[there](there.md#a-heading), [web](https://example.org/x.md), [anchor](#top),\n\
         `[in code](nowhere.md)`, ![a picture](images/missing.png)\n\
         ```\n[in a block](nowhere-either.md)\n```\n\
         [gone](gone.md \"a title\")\n",
    )
    .expect("a page");
    let broken = broken_links(&[dir.path().join("page.md")]);
    let targets: Vec<&str> = broken
        .iter()
        .filter_map(|line| line.rsplit(": ").next())
        .collect();
    assert_eq!(targets, ["images/missing.png", "gone.md"]);
}

/// The pages `SUMMARY.md` lists, as paths under `docs/src/` (a draft
/// chapter, `[title]()`, has none).
fn summary_entries() -> Vec<String> {
    link_targets(&page("SUMMARY.md"))
        .into_iter()
        .filter(|target| !target.is_empty())
        .collect()
}

#[test]
fn summary_lists_every_page_of_the_guide_and_only_pages() {
    let entries = summary_entries();
    assert!(entries.len() > 10, "{entries:?}");
    let missing: Vec<&String> = entries
        .iter()
        .filter(|entry| !guide().join(entry).is_file())
        .collect();
    assert!(
        missing.is_empty(),
        "entries of docs/src/SUMMARY.md that are no page: {missing:?}"
    );
    let unlisted: Vec<String> = files_under(&guide(), "md")
        .iter()
        .filter_map(|path| path.strip_prefix(guide()).ok())
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .filter(|path| path != "SUMMARY.md" && !entries.contains(path))
        .collect();
    assert!(
        unlisted.is_empty(),
        "pages of docs/src/ that SUMMARY.md does not list: {unlisted:?}"
    );
}
