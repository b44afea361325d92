//! Property-based tests (proptest) of everything that reads text from the
//! sources: the inline-markup parser, the French typography, the loader and
//! every lint. Arbitrary Unicode text (multi-byte characters, no-break
//! spaces, combining marks, guillemets and asterisks at every edge, very
//! long words) never makes them panic; parsing then flattening markup gives
//! back the text without its marks; typography is idempotent.
//!
//! `cargo test` runs 256 cases of each property; a long run is
//! `PROPTEST_CASES=20000 cargo test --release --test integration fuzz::`.

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;

use bilan::content::markup::{self, Inline};
use bilan::content::territories::Territories;
use bilan::content::{self, Text, typography};
use bilan::diag::{Code, Diagnostic, SourceFile};
use bilan::fonts::{self, Coverage};

/// Pieces that matter to the parser, the typography and the lints.
const PIECES: &[&str] = &[
    "*",
    "**",
    "***",
    "^{",
    "}",
    "{",
    "<",
    ">",
    "<https://",
    "<https://a.fr>",
    "\\",
    "\\*",
    "\\\\",
    "«",
    "»",
    "« ",
    " »",
    "«\u{A0}",
    "\u{A0}»",
    "\u{A0}",
    "\u{202F}",
    " ",
    "  ",
    ":",
    ";",
    "!",
    "?",
    " :",
    "...",
    "…",
    "'",
    "’",
    "\"",
    "(",
    ")",
    "(31)",
    "(42)",
    "(20)",
    "(2A)",
    "(971)",
    "la Lozère",
    "Haute Garonne",
    "Ille-et-Vilaine",
    "du 81",
    "du 20",
    "du ",
    "herault.fr/x",
    "www.site.fr",
    "mailto:",
    "https://",
    "120 000",
    "1 000 000",
    "e\u{301}",
    "\u{301}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{AD}",
    "\t",
    "\n",
    "\r\n",
    "é",
    "œ",
    "€",
    "🏥",
    "中文",
    "مرحبا",
    "a",
    "Département",
    ".",
    "-",
];

/// One piece of text: a special piece, any character, or a long word.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        3 => any::<char>().prop_map(String::from),
        1 => (1usize..1000, proptest::sample::select(&['a', 'é', 'x', '*', '«', '9'][..]))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
}

/// Arbitrary text made of pieces.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// A markup tree, to be written out and parsed back.
#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Strong(Vec<Node>),
    Emph(Vec<Node>),
    Sup(Vec<Node>),
}

fn tree() -> impl Strategy<Value = Vec<Node>> {
    let leaf = text().prop_map(Node::Text);
    let node = leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Node::Strong),
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Node::Emph),
            proptest::collection::vec(inner, 1..4).prop_map(Node::Sup),
        ]
    });
    proptest::collection::vec(node, 0..5)
}

/// Writes a tree as markup: text escaped, marks around children. Bold and
/// italic alternate with their parent so that `***` never has to be split.
fn write(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => {
                for c in text.chars() {
                    if matches!(c, '*' | '^' | '<' | '>' | '{' | '}' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Node::Strong(children) => wrap("**", children, "**", out),
            Node::Emph(children) => wrap("*", children, "*", out),
            Node::Sup(children) => wrap("^{", children, "}", out),
        }
    }
}

fn wrap(open: &str, children: &[Node], close: &str, out: &mut String) {
    // Spaces keep a mark from touching the mark of a child or a neighbour
    // (`****`, or `*` then `**`), which markup cannot tell apart.
    out.push(' ');
    out.push_str(open);
    out.push(' ');
    write(children, out);
    out.push(' ');
    out.push_str(close);
    out.push(' ');
}

/// The text a reader sees in a written tree, without its marks.
fn unmarked(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Strong(children) | Node::Emph(children) | Node::Sup(children) => {
                out.push_str("  ");
                unmarked(children, out);
                out.push_str("  ");
            }
        }
    }
}

/// A TOML basic string holding `text`, with some characters written as
/// `\uXXXX` escapes (as an editor may), the others as they are.
fn toml_string(text: &str, escape_every: usize) -> String {
    let mut out = String::from("\"");
    for (i, c) in text.chars().enumerate() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || (escape_every > 0 && i % escape_every == 0 && !c.is_ascii()) => {
                out.push_str(&format!("\\U{:08X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The fonts of the repository.
fn coverage() -> &'static Coverage {
    static COVERAGE: OnceLock<Coverage> = OnceLock::new();
    COVERAGE.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        Coverage::new(&fonts::load(&root.join("fonts")).expect("the fonts load"))
    })
}

/// Sources with the minimal fixture's texts replaced by `text` (as a TOML
/// string), loaded, then linted; every diagnostic is rendered.
fn load_and_lint(
    manifest: &str,
    chapter: &str,
) -> Result<bilan::content::Project, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("bilan.toml"), manifest).expect("write");
    std::fs::write(dir.path().join("01-chapitre.toml"), chapter).expect("write");
    let result = content::load(dir.path(), coverage());
    let diagnostics = match &result {
        Ok(project) => bilan::check::lint(project),
        Err(err) => err.clone().diagnostics(),
    };
    for diagnostic in &diagnostics {
        let _ = diagnostic.to_plain_string();
        let _ = diagnostic.to_json();
        assert!(
            diagnostic.position().is_some(),
            "no position: {diagnostic:?}"
        );
    }
    result.map_err(|_| diagnostics)
}

const MANIFEST: &str = include_str!("fixtures/minimal/bilan.toml");
const CHAPTER: &str = include_str!("fixtures/minimal/01-chapitre.toml");

proptest! {
    #[test]
    fn markup_parser_and_typography_never_panic(s in text()) {
        if let Ok(mut nodes) = markup::parse(&s, &Territories::builtin()) {
            markup::typeset(&mut nodes);
            let _ = markup::plain_text(&nodes);
        }
    }

    #[test]
    fn parsing_then_flattening_gives_the_text_without_its_marks(nodes in tree()) {
        let mut source = String::new();
        write(&nodes, &mut source);
        let mut expected = String::new();
        unmarked(&nodes, &mut expected);
        let parsed = markup::parse(&source, &Territories::builtin());
        prop_assert!(parsed.is_ok(), "{source:?}: {parsed:?}");
        let parsed = parsed.unwrap_or_default();
        prop_assert_eq!(markup::plain_text(&parsed), expected);
    }

    #[test]
    fn text_without_marks_is_kept_as_typed(s in text()) {
        let plain: String = s
            .chars()
            .filter(|c| !matches!(c, '*' | '^' | '<' | '>' | '{' | '}' | '\\'))
            .collect();
        let parsed = markup::parse(&plain, &Territories::builtin());
        prop_assert!(parsed.is_ok());
        prop_assert_eq!(markup::plain_text(&parsed.unwrap_or_default()), plain);
    }

    #[test]
    fn typography_is_idempotent(s in text()) {
        let once = typography::french(&s);
        prop_assert_eq!(typography::french(&once), once.clone());
        // A typeset tree stays as it is when typeset again.
        if let Ok(mut nodes) = markup::parse(&s, &Territories::builtin()) {
            markup::typeset(&mut nodes);
            let mut again = nodes.clone();
            markup::typeset(&mut again);
            prop_assert_eq!(again, nodes);
        }
    }

    #[test]
    fn positions_in_string_literals_land_on_the_typed_character(
        s in text(),
        escape_every in 0usize..4,
    ) {
        let literal = toml_string(&s, escape_every);
        let text = Text { raw: s.clone(), span: 0..literal.len(), inlines: Vec::<Inline>::new() };
        // Every character of short texts, a sample of long ones.
        let step = s.len() / 200 + 1;
        for (index, c) in s.char_indices().step_by(step) {
            let at = text.file_range(&literal, index..index).start;
            prop_assert!(literal.is_char_boundary(at));
            let written = &literal[at..];
            let escaped = written.starts_with('\\');
            prop_assert!(escaped || written.starts_with(c), "{c:?} at {index} of {s:?}: {written:?}");
        }
    }

    #[test]
    fn diagnostics_render_at_any_range(s in text(), start in 0usize..5000, len in 0usize..50) {
        let file = SourceFile { name: "x.toml".into(), text: s.into() };
        let diagnostic = Diagnostic::new(Code::TomlSyntax, "a message").at(file, start..start + len);
        let _ = diagnostic.to_plain_string();
        let _ = diagnostic.to_json();
        prop_assert!(diagnostic.position().is_some());
    }

    #[test]
    fn loader_and_lints_never_panic_on_any_text(s in text(), escape_every in 0usize..4) {
        let string = toml_string(&s, escape_every);
        let chapter = CHAPTER
            .replace("\"PARAGRAPH-TO-EDIT\"", &string)
            .replace("\"Une section\"", &string)
            .replace("\"choses comptées\"", &string)
            .replace("\"Un encadré.\"", &format!("{string}]\nlead = {string}\nlabel = {string}\ndepartements = [\"58\""));
        // The contact's addresses and the édito take the text too.
        let manifest = MANIFEST
            .replace("\"contact@example.fr\"", &string)
            .replace("\"www.example.fr\"", &string)
            .replace("\"Premier paragraphe.\"", &string);
        match load_and_lint(&manifest, &chapter) {
            Ok(project) => {
                // The loader keeps the text as typed, in Unicode NFC.
                let expected: String = unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
                let section = &project.brochure.chapters[0].sections[0];
                prop_assert_eq!(&section.title.raw, &expected);
            }
            Err(diagnostics) => prop_assert!(!diagnostics.is_empty()),
        }
    }

    #[test]
    fn loader_never_panics_on_any_file(s in text(), at in 0usize..2000) {
        // The fixture with arbitrary text inserted anywhere, and arbitrary
        // text alone.
        let mut chapter = CHAPTER.to_owned();
        let mut at = at.min(chapter.len());
        while !chapter.is_char_boundary(at) {
            at -= 1;
        }
        chapter.insert_str(at, &s);
        let _ = load_and_lint(MANIFEST, &chapter);
        let _ = load_and_lint(MANIFEST, &s);
        let _ = load_and_lint(&s, CHAPTER);
    }
}
