//! The inline markup of the sources, parsed into a small tree.
//!
//! Inside any text of `sources/`:
//! - `**bold**`, `*italic*`, `^{superscript}`;
//! - `<https://…>` is a link, and so is a bare web address such as
//!   `herault.fr/solidaires34` or `www.siteweb.fr`; `[some words](https://…)`
//!   (or `http://`, `mailto:`) shows the words, a link to the address;
//! - `\*`, `\^`, `\<`, `\>`, `\{`, `\}` and `\\` stand for the character itself;
//!   any other character, `#`, `$`, `@`, a lone `\`, and `[` or `]` outside
//!   that link form included, is plain text.
//!
//! Parsing keeps the text as typed; [`typeset`] then sets it in French
//! typography. Nothing here ever becomes Typst code: the layouts receive the
//! tree as data.

use serde::Serialize;

use crate::diag::Code;

use super::territories::Territories;
use super::typography;

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Inline {
    /// Plain text: as typed after [`parse`], set in French typography
    /// (non-breaking spaces, apostrophes) after [`typeset`].
    Text(String),
    /// `**bold**`.
    Strong(Vec<Inline>),
    /// `*italic*`.
    Emph(Vec<Inline>),
    /// `^{superscript}`.
    Sup(Vec<Inline>),
    /// A web link.
    Link(Link),
    /// A département cited here (its code; the text « (31) » itself is in
    /// the text before): the layouts mark the place for the index.
    Cite(String),
}

/// A web link and the text that shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The full address, with its scheme (`https://` is added to bare addresses).
    pub url: String,
    /// What the reader sees.
    pub body: Vec<Inline>,
}

/// Malformed markup: where it starts (a byte offset in the string) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// The diagnostic code: `markup-unclosed`, `markup-too-deep` or
    /// `link-unclosed`.
    pub code: Code,
    /// Byte offset of the faulty mark within the parsed string.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// How many marks may be open at once: real text nests two or three; a
/// limit keeps every walk of the tree shallow, whatever the input.
const MAX_DEPTH: usize = 16;

/// Parses a string of inline markup; the text is kept as typed (escapes
/// decoded, marks removed).
///
/// A citation « Name (code) » is marked under the code of `territories`
/// the name or the code designates.
///
/// # Errors
/// Returns the first unclosed `**`, `*`, `^{` or `<https://`.
pub fn parse(input: &str, territories: &Territories) -> Result<Vec<Inline>, MarkupError> {
    Parser::new(input, territories).run()
}

/// Sets every text of a tree in French typography; the addresses shown by
/// links are left as they are.
pub fn typeset(nodes: &mut [Inline]) {
    for node in nodes {
        match node {
            Inline::Text(text) => *text = typography::french(text),
            Inline::Strong(children) | Inline::Emph(children) | Inline::Sup(children) => {
                typeset(children);
            }
            // The words of `[words](address)` are prose; an address shown as
            // itself is left as typed.
            Inline::Link(link) if !shows_its_address(link) => typeset(&mut link.body),
            Inline::Link(_) | Inline::Cite(_) => {}
        }
    }
}

/// Whether a link shows its own address (`<https://…>`, a bare address)
/// rather than words.
fn shows_its_address(link: &Link) -> bool {
    let shown = plain_text(&link.body);
    link.url == shown || link.url.strip_prefix("https://") == Some(shown.as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Strong,
    Emph,
    Sup,
}

impl Mark {
    fn opener(self) -> &'static str {
        match self {
            Mark::Strong => "**",
            Mark::Emph => "*",
            Mark::Sup => "^{",
        }
    }

    /// The character that starts the mark, to be escaped for a literal one.
    fn first(self) -> char {
        match self {
            Mark::Strong | Mark::Emph => '*',
            Mark::Sup => '^',
        }
    }

    fn closer(self) -> &'static str {
        match self {
            Mark::Strong => "**",
            Mark::Emph => "*",
            Mark::Sup => "}",
        }
    }

    fn wrap(self, children: Vec<Inline>) -> Inline {
        match self {
            Mark::Strong => Inline::Strong(children),
            Mark::Emph => Inline::Emph(children),
            Mark::Sup => Inline::Sup(children),
        }
    }
}

struct Frame {
    mark: Mark,
    offset: usize,
    children: Vec<Inline>,
}

/// The parser's state.
///
/// No slice below can split a character: `pos` only moves past whole
/// characters or past the ASCII marks it matched, so it is always a char
/// boundary; every other index is `pos` plus the length of ASCII text just
/// matched, or an index returned by `find` or `char_indices` on the same
/// string.
struct Parser<'a> {
    input: &'a str,
    territories: &'a Territories,
    pos: usize,
    text: String,
    root: Vec<Inline>,
    stack: Vec<Frame>,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str, territories: &'a Territories) -> Self {
        Self {
            input,
            territories,
            pos: 0,
            text: String::new(),
            root: Vec::new(),
            stack: Vec::new(),
        }
    }

    fn run(mut self) -> Result<Vec<Inline>, MarkupError> {
        while let Some(c) = self.rest().chars().next() {
            self.step(c)?;
        }
        self.flush_text();
        if let Some(frame) = self.stack.pop() {
            let (open, close) = (frame.mark.opener(), frame.mark.closer());
            return Err(MarkupError {
                code: Code::MarkupUnclosed,
                offset: frame.offset,
                message: format!("`{open}` is opened here but never closed"),
                hint: format!(
                    "add the closing `{close}` where the {} text ends, or write `\\{}` for a literal `{}`",
                    describe(frame.mark),
                    frame.mark.first(),
                    frame.mark.first()
                ),
            });
        }
        Ok(self.root)
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn step(&mut self, c: char) -> Result<(), MarkupError> {
        let rest = self.rest();
        if c == '\\' {
            // `rest` starts with the one-byte `\`.
            match rest[1..].chars().next() {
                Some(next @ ('*' | '^' | '<' | '>' | '{' | '}' | '\\')) => {
                    self.text.push(next);
                    self.pos += 2;
                }
                _ => self.literal(c),
            }
        } else if rest.starts_with("**") && !self.closes_emph_inside_strong() {
            self.toggle(Mark::Strong, 2)?;
        } else if c == '*' {
            self.toggle(Mark::Emph, 1)?;
        } else if rest.starts_with("^{") {
            self.open(Mark::Sup, 2)?;
        } else if c == '}' && self.top() == Some(Mark::Sup) {
            self.close(1);
        } else if let Some((len, code)) = self.citation(c) {
            self.text.push_str(&rest[..len]);
            self.pos += len;
            self.push_node(Inline::Cite(code));
        } else if let Some((len, link)) = text_link(rest) {
            self.push_node(Inline::Link(link));
            self.pos += len;
        } else if c == '<' && is_url_start(&rest[1..]) {
            // (`rest` starts with the one-byte `<`.)
            self.angle_link()?;
        } else if let Some(len) = self.bare_address_len() {
            let address = &rest[..len];
            self.push_node(Inline::Link(Link {
                url: format!("https://{address}"),
                body: vec![Inline::Text(address.to_owned())],
            }));
            self.pos += len;
        } else {
            self.literal(c);
        }
        Ok(())
    }

    fn literal(&mut self, c: char) {
        self.text.push(c);
        self.pos += c.len_utf8();
    }

    fn top(&self) -> Option<Mark> {
        self.stack.last().map(|f| f.mark)
    }

    /// `***` after `**a *b`: the first `*` closes the italic, then `**` the bold.
    fn closes_emph_inside_strong(&self) -> bool {
        self.top() == Some(Mark::Emph) && self.stack.iter().any(|f| f.mark == Mark::Strong)
    }

    fn toggle(&mut self, mark: Mark, len: usize) -> Result<(), MarkupError> {
        if self.top() == Some(mark) {
            self.close(len);
            Ok(())
        } else {
            self.open(mark, len)
        }
    }

    fn open(&mut self, mark: Mark, len: usize) -> Result<(), MarkupError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(MarkupError {
                code: Code::MarkupTooDeep,
                offset: self.pos,
                message: format!("more than {MAX_DEPTH} marks are open at once here"),
                hint: "close the bold, italic and superscript marks you open; write `\\*` or `\\^` for a literal `*` or `^`".into(),
            });
        }
        self.flush_text();
        self.stack.push(Frame {
            mark,
            offset: self.pos,
            children: Vec::new(),
        });
        self.pos += len;
        Ok(())
    }

    fn close(&mut self, len: usize) {
        self.flush_text();
        if let Some(frame) = self.stack.pop() {
            let node = frame.mark.wrap(frame.children);
            self.push_node(node);
        }
        self.pos += len;
    }

    fn angle_link(&mut self) -> Result<(), MarkupError> {
        let rest = self.rest();
        let Some(end) = rest.find('>') else {
            return Err(MarkupError {
                code: Code::LinkUnclosed,
                offset: self.pos,
                message: "the link `<…` is never closed by `>`".into(),
                hint: "write the address as `<https://example.fr>`".into(),
            });
        };
        // `rest` starts with `<` and `end` is where `find` saw `>`.
        let url = &rest[1..end];
        self.push_node(Inline::Link(Link {
            url: url.to_owned(),
            body: vec![Inline::Text(url.to_owned())],
        }));
        self.pos += end + 1;
        Ok(())
    }

    /// « (31) » starting here: its length and the code it is indexed under.
    fn citation(&self, c: char) -> Option<(usize, String)> {
        if c != '(' {
            return None;
        }
        let code = self.territories.code_in_parentheses(self.rest())?;
        let indexed = self.territories.cited(self.input.get(..self.pos)?, code)?;
        Some((code.len() + 2, indexed.to_owned()))
    }

    /// The length of a bare web address starting here, if one does.
    fn bare_address_len(&self) -> Option<usize> {
        let before = self.input[..self.pos].chars().next_back();
        // Below, `end` and `last_label` come from `label_len`, which counts
        // whole characters, plus one for each ASCII `.` matched.
        if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '-' | '.' | '@' | '/')) {
            return None;
        }
        let rest = self.rest();
        let label_len = |s: &str| {
            s.char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
                .map_or(s.len(), |(i, _)| i)
        };
        let mut end = label_len(rest);
        if end == 0 {
            return None;
        }
        let mut labels = 1;
        let mut last_label = 0..end;
        while rest[end..].starts_with('.') {
            let next = label_len(&rest[end + 1..]);
            if next == 0 {
                break;
            }
            last_label = end + 1..end + 1 + next;
            end += 1 + next;
            labels += 1;
        }
        // A known ending of the public-suffix list (`fr`, `re`, `bzh`,
        // `paris`…), compared in lower case: `Biblio.gironde` is no address.
        let ending = rest[last_label].to_lowercase();
        if labels < 2 || !psl::suffix(ending.as_bytes()).is_some_and(|s| s.is_known()) {
            return None;
        }
        if rest[end..].starts_with('/') {
            let path_len = rest[end..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~')))
                .map_or(rest.len() - end, |(i, _)| i);
            end += rest[end..end + path_len].trim_end_matches('.').len();
        }
        Some(end)
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.push_node(Inline::Text(text));
        }
    }

    fn push_node(&mut self, node: Inline) {
        if !self.text.is_empty() {
            self.flush_text();
        }
        match self.stack.last_mut() {
            Some(frame) => frame.children.push(node),
            None => self.root.push(node),
        }
    }
}

/// `[some words](https://…)` starting `rest`: its length and the link. The
/// words are plain text (no `[`, `]` nor markup in them), the address has
/// its scheme and no space; anything else is no link, and its `[` prints
/// as itself.
fn text_link(rest: &str) -> Option<(usize, Link)> {
    let inside = rest.strip_prefix('[')?;
    let words_end = inside.find(']')?;
    let words = &inside[..words_end];
    let after = inside[words_end + 1..].strip_prefix('(')?;
    let url_end = after.find(')')?;
    let url = &after[..url_end];
    let plain = !words.trim().is_empty() && !words.contains(['[', '*', '^', '<', '\\']);
    if !plain || !is_url_start(url) || url.contains(char::is_whitespace) {
        return None;
    }
    // `[`, `](` and `)` are ASCII: the slices end on characters' boundaries.
    let len = 1 + words_end + 2 + url_end + 1;
    let link = Link {
        url: url.to_owned(),
        body: vec![Inline::Text(words.to_owned())],
    };
    Some((len, link))
}

fn is_url_start(s: &str) -> bool {
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| s.starts_with(scheme))
}

fn describe(mark: Mark) -> &'static str {
    match mark {
        Mark::Strong => "bold",
        Mark::Emph => "italic",
        Mark::Sup => "superscript",
    }
}

/// Calls `f` on every node of a tree, depth first, in reading order.
pub fn visit<'a>(nodes: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for node in nodes {
        f(node);
        match node {
            Inline::Strong(children) | Inline::Emph(children) | Inline::Sup(children) => {
                visit(children, f);
            }
            Inline::Link(link) => visit(&link.body, f),
            Inline::Text(_) | Inline::Cite(_) => {}
        }
    }
}

/// The plain text of a tree, as a reader sees it.
pub fn plain_text(nodes: &[Inline]) -> String {
    let mut out = String::new();
    visit(nodes, &mut |node| {
        if let Inline::Text(text) = node {
            out.push_str(text);
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn bold_italic_and_superscript_nest() {
        assert_eq!(
            parse("le XXI^{ème} **siècle *enfin***", &Territories::builtin()).unwrap(),
            vec![
                text("le XXI"),
                Inline::Sup(vec![text("ème")]),
                text(" "),
                Inline::Strong(vec![text("siècle "), Inline::Emph(vec![text("enfin")])]),
            ]
        );
    }

    #[test]
    fn typst_and_markdown_characters_are_plain_text() {
        let nodes = parse(r"#set $x$ [a] @ref \ b = c_d", &Territories::builtin()).unwrap();
        assert_eq!(nodes, vec![text(r"#set $x$ [a] @ref \ b = c_d")]);
    }

    #[test]
    fn backslash_escapes_markup_characters() {
        assert_eq!(
            parse(r"5 \* 3 \\ \^{x}", &Territories::builtin()).unwrap(),
            vec![text(r"5 * 3 \ ^{x}")]
        );
    }

    #[test]
    fn unclosed_bold_points_at_its_opening() {
        let err = parse("un **gras sans fin", &Territories::builtin()).unwrap_err();
        assert_eq!(err.offset, 3);
        assert!(err.message.contains("`**`"));
    }

    #[test]
    fn explicit_and_bare_links() {
        let nodes = parse(
            "voir <https://a.fr/b> et herault.fr/solidaires34.",
            &Territories::builtin(),
        )
        .unwrap();
        let links: Vec<_> = nodes
            .iter()
            .filter_map(|n| match n {
                Inline::Link(l) => Some(l.url.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(links, ["https://a.fr/b", "https://herault.fr/solidaires34"]);
        assert_eq!(
            plain_text(&nodes),
            "voir https://a.fr/b et herault.fr/solidaires34."
        );
    }

    #[test]
    fn words_linked_to_an_address_and_brackets_that_are_not_a_link() {
        let mut nodes = parse(
            "lire [l'appel du groupe](https://a.fr/appel) ; [a] (b)",
            &Territories::builtin(),
        )
        .unwrap();
        assert_eq!(
            nodes,
            vec![
                text("lire "),
                Inline::Link(Link {
                    url: "https://a.fr/appel".into(),
                    body: vec![text("l'appel du groupe")],
                }),
                text(" ; [a] (b)"),
            ]
        );
        typeset(&mut nodes);
        assert_eq!(
            plain_text(&nodes),
            "lire l’appel du groupe\u{202f}; [a] (b)"
        );
        for not_a_link in [
            "[mot](pas une adresse)",
            "[](https://a.fr)",
            "[a](https://a b)",
            "[a]",
        ] {
            assert_eq!(
                parse(not_a_link, &Territories::builtin()).unwrap(),
                vec![text(not_a_link)],
                "{not_a_link}"
            );
        }
    }

    #[test]
    fn citations_are_marked_under_the_named_departement() {
        let nodes = parse(
            "la Lozère (42) et le Gers (32), puis (12)",
            &Territories::builtin(),
        )
        .unwrap();
        let cites: Vec<&str> = nodes
            .iter()
            .filter_map(|n| match n {
                Inline::Cite(code) => Some(code.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(cites, ["48", "32", "12"]);
        assert_eq!(
            plain_text(&nodes),
            "la Lozère (42) et le Gers (32), puis (12)"
        );
    }

    #[test]
    fn bare_addresses_of_any_public_suffix_are_links() {
        for s in [
            "mairie.re",
            "cg976.yt",
            "breizh.bzh",
            "velo.paris",
            "Ville.FR",
        ] {
            assert!(
                matches!(
                    parse(s, &Territories::builtin()).unwrap().as_slice(),
                    [Inline::Link(_)]
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn names_and_numbers_with_dots_are_not_links() {
        for s in ["Biblio.gironde", "50.000 masques", "parti@socialiste.fr"] {
            assert!(
                parse(s, &Territories::builtin())
                    .unwrap()
                    .iter()
                    .all(|n| matches!(n, Inline::Text(_))),
                "{s}"
            );
        }
    }
}
