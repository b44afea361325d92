//! The structure tree of a tagged PDF, read back with lopdf: each element
//! with its role, alternative text and children, the text of each
//! marked-content sequence it owns, and what the pages draw outside the tree.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// A node of the structure tree.
pub(crate) enum Node {
    /// A structure element.
    Element(Element),
    /// A marked-content sequence of a page.
    Content(Marked),
}

/// What a marked-content sequence of the tree shows.
#[derive(Clone, Default)]
pub(crate) struct Marked {
    /// Its text.
    pub(crate) text: String,
    /// How many paths it paints (a picture drawn as vectors).
    pub(crate) paths: usize,
}

/// A structure element.
pub(crate) struct Element {
    /// Its standard role (`P`, `H3`, `Div`, `Figure`…), through the role map.
    pub(crate) role: String,
    /// Its alternative text (`/Alt`).
    pub(crate) alt: Option<String>,
    /// Its children, in reading order.
    pub(crate) children: Vec<Node>,
}

impl Element {
    /// The text of every marked-content sequence below it, in order.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        self.collect_text(&mut text);
        text
    }

    fn collect_text(&self, text: &mut String) {
        for child in &self.children {
            match child {
                Node::Element(element) => element.collect_text(text),
                Node::Content(content) => text.push_str(&content.text),
            }
        }
    }

    /// This element and every element below it, depth first, in order.
    pub(crate) fn descendants(&self) -> Vec<&Element> {
        let mut all = vec![self];
        for child in &self.children {
            if let Node::Element(element) = child {
                all.extend(element.descendants());
            }
        }
        all
    }

    /// How many paths the marked content right under it paints.
    pub(crate) fn own_paths(&self) -> usize {
        self.children
            .iter()
            .map(|child| match child {
                Node::Content(content) => content.paths,
                Node::Element(_) => 0,
            })
            .sum()
    }

    /// The level of a heading (`H1` … `H6`), `None` for any other element.
    pub(crate) fn heading_level(&self) -> Option<usize> {
        let level = self.role.strip_prefix('H')?;
        level.parse().ok().filter(|l| (1..=6).contains(l))
    }
}

/// What the page content streams draw, by marking.
#[derive(Debug, Default)]
pub(crate) struct Marking {
    /// Painted paths (fills, strokes) inside an `/Artifact` sequence.
    pub(crate) artifact_paths: usize,
    /// Painted paths outside any artifact and outside the tree's marked
    /// content: drawn but neither read nor declared decoration.
    pub(crate) unmarked_paths: usize,
    /// Text shown inside an `/Artifact` sequence.
    pub(crate) artifact_text: Vec<String>,
    /// Text shown outside any marked-content sequence of the tree and
    /// outside any artifact.
    pub(crate) unmarked_text: Vec<String>,
}

/// A tagged PDF read back: its structure tree and the marking of its pages.
pub(crate) struct Tagged {
    /// The root element (the document).
    pub(crate) root: Element,
    /// What the pages draw, summed over all pages.
    pub(crate) marking: Marking,
}

/// Reads the structure tree and the marked content of a PDF.
pub(crate) fn read(pdf: &Document) -> Tagged {
    let mut marking = Marking::default();
    let mut contents = HashMap::new();
    for &page in pdf.get_pages().values() {
        for (mcid, text) in page_contents(pdf, page, &mut marking) {
            contents.insert((page, mcid), text);
        }
    }
    let root = pdf
        .catalog()
        .and_then(|c| c.get_deref(b"StructTreeRoot", pdf))
        .and_then(Object::as_dict)
        .expect("a /StructTreeRoot");
    let roles = role_map(pdf, root);
    let reader = Reader {
        pdf,
        roles,
        contents,
    };
    let mut children = Vec::new();
    if let Ok(kids) = root.get(b"K") {
        reader.kids(kids, None, &mut children);
    }
    Tagged {
        root: Element {
            role: "StructTreeRoot".into(),
            alt: None,
            children,
        },
        marking,
    }
}

/// The role map: custom role names to standard ones.
fn role_map(pdf: &Document, root: &Dictionary) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let Ok(map) = root.get_deref(b"RoleMap", pdf).and_then(Object::as_dict) else {
        return BTreeMap::new();
    };
    map.iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_name().ok()?.to_vec())))
        .collect()
}

struct Reader<'a> {
    pdf: &'a Document,
    roles: BTreeMap<Vec<u8>, Vec<u8>>,
    contents: HashMap<(ObjectId, i64), Marked>,
}

impl Reader<'_> {
    /// Reads the `/K` entry of an element (or of the root) into `out`.
    fn kids(&self, kids: &Object, page: Option<ObjectId>, out: &mut Vec<Node>) {
        match kids {
            Object::Array(items) => {
                for item in items {
                    self.kids(item, page, out);
                }
            }
            Object::Integer(mcid) => out.push(self.content(page, *mcid)),
            Object::Reference(id) => {
                let dict = self.pdf.get_dictionary(*id).expect("a structure element");
                self.kid_dict(dict, page, out);
            }
            Object::Dictionary(dict) => self.kid_dict(dict, page, out),
            other => panic!("unexpected /K entry {other:?}"),
        }
    }

    fn kid_dict(&self, dict: &Dictionary, page: Option<ObjectId>, out: &mut Vec<Node>) {
        let page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
        match dict.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"MCR") => {
                let mcid = dict.get(b"MCID").and_then(Object::as_i64).expect("an MCID");
                out.push(self.content(page, mcid));
            }
            // Annotations (links) carry no text of their own.
            Some(b"OBJR") => {}
            _ => out.push(Node::Element(self.element(dict, page))),
        }
    }

    fn element(&self, dict: &Dictionary, page: Option<ObjectId>) -> Element {
        let role = dict.get(b"S").and_then(Object::as_name).expect("a role");
        let role = self.roles.get(role).map_or(role, Vec::as_slice);
        let alt = dict
            .get(b"Alt")
            .ok()
            .map(|a| lopdf::decode_text_string(a).expect("a text string"));
        let mut children = Vec::new();
        if let Ok(kids) = dict.get(b"K") {
            self.kids(kids, page, &mut children);
        }
        Element {
            role: String::from_utf8_lossy(role).into_owned(),
            alt,
            children,
        }
    }

    fn content(&self, page: Option<ObjectId>, mcid: i64) -> Node {
        let page = page.expect("marked content names its page");
        Node::Content(
            self.contents
                .get(&(page, mcid))
                .cloned()
                .unwrap_or_default(),
        )
    }
}

/// One open marked-content sequence.
#[derive(Clone, Copy)]
enum Mark {
    Artifact,
    Mcid(i64),
    Other,
}

/// What each marked-content sequence of a page shows, by MCID, and the
/// marking of everything else it draws.
fn page_contents(pdf: &Document, page: ObjectId, marking: &mut Marking) -> HashMap<i64, Marked> {
    let fonts = pdf.get_page_fonts(page).expect("the page's fonts");
    let encodings: BTreeMap<Vec<u8>, Encoding> = fonts
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(pdf).expect("an encoding")))
        .collect();
    let content = Content::decode(&pdf.get_page_content(page)).expect("a content stream");
    let mut texts: HashMap<i64, Marked> = HashMap::new();
    let mut stack: Vec<Mark> = Vec::new();
    let mut encoding = None;
    for op in &content.operations {
        let in_artifact = stack.iter().any(|m| matches!(m, Mark::Artifact));
        let mcid = stack.iter().rev().find_map(|m| match m {
            Mark::Mcid(id) => Some(*id),
            _ => None,
        });
        match op.operator.as_str() {
            "BDC" | "BMC" => {
                let tag = op.operands.first().and_then(|t| t.as_name().ok());
                let mark = if tag == Some(b"Artifact") {
                    Mark::Artifact
                } else {
                    op.operands
                        .get(1)
                        .and_then(|p| p.as_dict().ok())
                        .and_then(|p| p.get(b"MCID").and_then(Object::as_i64).ok())
                        .map_or(Mark::Other, Mark::Mcid)
                };
                stack.push(mark);
            }
            "EMC" => {
                stack.pop();
            }
            "Tf" => {
                let name = op.operands.first().and_then(|n| n.as_name().ok());
                encoding = name.and_then(|n| encodings.get(n));
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let encoding = encoding.expect("a font before text");
                let mut shown = String::new();
                show(encoding, &op.operands, &mut shown);
                if in_artifact {
                    marking.artifact_text.push(shown);
                } else if let Some(id) = mcid {
                    texts.entry(id).or_default().text.push_str(&shown);
                } else {
                    marking.unmarked_text.push(shown);
                }
            }
            "f" | "F" | "f*" | "S" | "s" | "B" | "B*" | "b" | "b*" | "sh" => {
                if in_artifact {
                    marking.artifact_paths += 1;
                } else if let Some(id) = mcid {
                    texts.entry(id).or_default().paths += 1;
                } else {
                    marking.unmarked_paths += 1;
                }
            }
            _ => {}
        }
    }
    texts
}

/// Decodes the strings of a text-showing operator; a word space after each
/// `TJ` array, as lopdf's own text extraction does (so lines never run
/// together).
fn show(encoding: &Encoding, operands: &[Object], out: &mut String) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => {
                out.push_str(&Document::decode_text(encoding, bytes).unwrap_or_default());
            }
            Object::Array(items) => {
                show(encoding, items, out);
                out.push(' ');
            }
            _ => {}
        }
    }
}
