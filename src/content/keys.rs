//! The keys of a block, per kind, in one table: the loader refuses a key its
//! kind does not accept and asks for the keys it needs, the JSON Schema of
//! `bilan schema chapter` states the same rules, and the guide's table of
//! keys is [`markdown_table`] (a test compares them).

use schemars::{JsonSchema, Schema};
use serde::Deserialize;
use serde_json::{Map, Value, json};

/// The kinds of block, the `type` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    /// An initiative: a title and its paragraphs.
    Initiative,
    /// A boxed callout of one of the recurring families.
    Callout,
    /// A highlighted figure.
    Figure,
}

impl BlockKind {
    /// Every kind, in the order of the columns of [`BLOCK_KEYS`].
    pub const ALL: [BlockKind; 3] = [BlockKind::Initiative, BlockKind::Callout, BlockKind::Figure];

    /// The value of `type` for this kind.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Initiative => "initiative",
            BlockKind::Callout => "callout",
            BlockKind::Figure => "figure",
        }
    }

    /// The kind with its article, for messages: « an initiative ».
    pub fn with_article(self) -> &'static str {
        match self {
            BlockKind::Initiative => "an initiative",
            BlockKind::Callout => "a callout",
            BlockKind::Figure => "a figure",
        }
    }

    fn column(self) -> usize {
        match self {
            BlockKind::Initiative => 0,
            BlockKind::Callout => 1,
            BlockKind::Figure => 2,
        }
    }
}

/// How a kind of block uses a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    /// The key is refused.
    Refused,
    /// The key may be given.
    Optional,
    /// The key must be given.
    Required,
}

/// A key of `[[sections.blocks]]` and how each kind uses it.
#[derive(Debug, Clone, Copy)]
pub struct BlockKey {
    /// The key as written in TOML.
    pub name: &'static str,
    /// What it holds, for the schema and the guide.
    pub what: &'static str,
    /// Its use by an initiative, a callout and a figure.
    uses: [Use; 3],
}

impl BlockKey {
    /// How `kind` uses this key.
    pub fn use_in(&self, kind: BlockKind) -> Use {
        self.uses[kind.column()]
    }
}

use Use::{Optional as O, Refused as R, Required as N};

/// Every key of a block (besides `type`) and how each kind uses it:
/// initiative, callout, figure.
pub const BLOCK_KEYS: &[BlockKey] = &[
    key("title", "the initiative's title", [N, R, R]),
    key(
        "paragraphs",
        "the paragraphs (a callout needs at least one)",
        [O, N, R],
    ),
    key(
        "family",
        "the callout's family, declared in `[callouts]` of bilan.toml: its look and default label",
        [R, N, R],
    ),
    key(
        "label",
        "the callout's label, when it differs from its family's",
        [R, O, R],
    ),
    key(
        "lead",
        "a lead line before the callout's paragraphs",
        [R, O, R],
    ),
    key(
        "before",
        "words printed before the figure's number",
        [R, R, O],
    ),
    key("value", "the figure's number, as written", [R, R, N]),
    key("text", "the words after the figure's number", [R, R, N]),
    key(
        "image",
        "a picture: a file inside `sources/` (needs `alt`)",
        [O, O, R],
    ),
    key(
        "alt",
        "what the picture shows, read aloud to readers who cannot see it",
        [O, O, R],
    ),
    key("caption", "a caption under the picture", [O, O, R]),
    key("credit", "who made the picture", [O, O, R]),
    key(
        "departements",
        "codes of the départements the block concerns without naming them, e.g. `[\"58\"]`, for the index",
        [O, O, R],
    ),
];

const fn key(name: &'static str, what: &'static str, uses: [Use; 3]) -> BlockKey {
    BlockKey { name, what, uses }
}

/// The keys `kind` accepts, `type` excepted, in table order.
pub fn accepted(kind: BlockKind) -> impl Iterator<Item = &'static str> {
    BLOCK_KEYS
        .iter()
        .filter(move |k| k.use_in(kind) != Use::Refused)
        .map(|k| k.name)
}

/// The keys `kind` needs, in table order.
pub fn required(kind: BlockKind) -> impl Iterator<Item = &'static str> {
    BLOCK_KEYS
        .iter()
        .filter(move |k| k.use_in(kind) == Use::Required)
        .map(|k| k.name)
}

/// The table of keys as a Markdown table, as the guide shows it (docs/src/reference/keys.md).
pub fn markdown_table() -> String {
    let mut table =
        String::from("| key | initiative | callout | figure | holds |\n|---|---|---|---|---|\n");
    for key in BLOCK_KEYS {
        let cells: Vec<&str> = BlockKind::ALL
            .iter()
            .map(|&kind| match key.use_in(kind) {
                Use::Required => "required",
                Use::Optional => "optional",
                Use::Refused => "—",
            })
            .collect();
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            key.name,
            cells.join(" | "),
            key.what
        ));
    }
    table
}

/// Completes the derived schema of a block from the table: each key's
/// description, and for each kind the keys it needs and those it refuses.
pub(crate) fn block_schema(schema: &mut Schema) {
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for key in BLOCK_KEYS {
            if let Some(Value::Object(property)) = properties.get_mut(key.name) {
                let uses: Vec<String> = BlockKind::ALL
                    .iter()
                    .filter_map(|&kind| match key.use_in(kind) {
                        Use::Required => Some(format!("{}: required", kind.name())),
                        Use::Optional => Some(format!("{}: optional", kind.name())),
                        Use::Refused => None,
                    })
                    .collect();
                let description = format!(
                    "{}. {}.",
                    capitalized(key.what),
                    capitalized(&uses.join(", "))
                );
                property.insert("description".into(), description.into());
            }
        }
        if let Some(Value::Object(kind)) = properties.get_mut("type") {
            kind.insert(
                "description".into(),
                "What the block is: `initiative`, `callout` or `figure`; it decides which keys the block takes.".into(),
            );
        }
    }
    let rules: Vec<Value> = BlockKind::ALL
        .iter()
        .map(|&kind| {
            let refused: Map<String, Value> = BLOCK_KEYS
                .iter()
                .filter(|k| k.use_in(kind) == Use::Refused)
                .map(|k| (k.name.to_owned(), Value::Bool(false)))
                .collect();
            json!({
                "if": { "properties": { "type": { "const": kind.name() } } },
                "then": {
                    "required": required(kind).collect::<Vec<_>>(),
                    "properties": refused,
                },
            })
        })
        .collect();
    schema.insert("allOf".into(), rules.into());
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::BLOCK_KEYS;
    use crate::content::file::Block;

    #[test]
    fn the_table_names_every_key_of_a_block_and_no_other() {
        let table: BTreeSet<&str> = BLOCK_KEYS.iter().map(|k| k.name).collect();
        let schema = schemars::schema_for!(Block);
        let properties: BTreeSet<&str> = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|p| {
                p.keys()
                    .map(String::as_str)
                    .filter(|&k| k != "type")
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(properties, table);
        let every_key = r#"
            type = "initiative"
            title = "t"
            paragraphs = ["p"]
            family = "zoom"
            label = "l"
            lead = "l"
            before = "b"
            value = "v"
            text = "t"
            image = "i.jpg"
            alt = "a"
            caption = "c"
            credit = "c"
            departements = ["58"]
        "#;
        let block: Block = toml::from_str(every_key).expect("a block with every key");
        let given: BTreeSet<&str> = block.given().into_iter().map(|(k, _)| k).collect();
        assert_eq!(given, table);
    }
}
