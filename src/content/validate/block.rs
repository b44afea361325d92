//! Blocks: each kind takes the keys [`keys::BLOCK_KEYS`] gives it, needs
//! the keys it requires, and its values must make sense (a known family,
//! real département codes).

use std::ops::Range;

use super::Validator;
use super::picture::Keys;
use crate::content::block::{Block, Callout, Figure, Initiative};
use crate::content::file;
use crate::content::keys::{self, BlockKind, Use};
use crate::content::markup::Inline;
use crate::content::territories::Territories;
use crate::content::text::Text;
use crate::diag::{Code, Diagnostic};

impl Validator<'_> {
    /// Validates a block; `None` when it is unusable (already reported).
    pub(super) fn block(&mut self, raw: file::Block) -> Option<Block> {
        let kind = *raw.kind.get_ref();
        let given = raw.given();
        let mut usable = true;
        for (key, value) in &given {
            if keys::BLOCK_KEYS
                .iter()
                .any(|k| k.name == *key && k.use_in(kind) == Use::Refused)
            {
                let range = self.key_range(key, value.clone());
                self.report(refused_key(kind, key), range);
                usable = false;
            }
        }
        for key in keys::required(kind) {
            if !given.iter().any(|(k, _)| *k == key) {
                let mut diagnostic = Diagnostic::new(
                    Code::MissingKey,
                    format!("{} needs the key `{key}`", kind.with_article()),
                )
                .hint(format!("add `{key} = …` to this block"));
                if key == "family" {
                    let names: Vec<String> =
                        self.families.iter().map(|n| format!("`{n}`")).collect();
                    diagnostic = diagnostic.hint(format!(
                        "the families declared in bilan.toml are {}",
                        names.join(", ")
                    ));
                }
                self.report(diagnostic, raw.kind.span());
                usable = false;
            }
        }
        if kind == BlockKind::Callout
            && let Some(paragraphs) = &raw.paragraphs
            && paragraphs.get_ref().is_empty()
        {
            self.report(
                Diagnostic::new(Code::MissingKey, "a callout needs at least one paragraph")
                    .hint("write its text in `paragraphs = [\"…\"]`"),
                paragraphs.span(),
            );
            usable = false;
        }
        let family = raw.family.as_ref().and_then(|f| self.family(f));
        let departements = self.departements(raw.departements);
        let picture = self.picture(Keys {
            image: raw.image,
            alt: raw.alt,
            caption: raw.caption,
            credit: raw.credit,
        });
        let title = self.optional(raw.title);
        let paragraphs = raw
            .paragraphs
            .map(|p| self.texts(p.into_inner()))
            .unwrap_or_default();
        let label = self
            .optional(raw.label)
            .map(|label| cite_label_codes(label, self.territories));
        let lead = self.optional(raw.lead);
        let before = self.optional(raw.before);
        let value = raw
            .value
            .map(|v| self.filled_text(v, "the figure's number"));
        let text = self.optional(raw.text);
        if !usable {
            return None;
        }
        Some(match kind {
            BlockKind::Initiative => Block::Initiative(Initiative {
                title: title?,
                paragraphs,
                picture,
                departements,
            }),
            BlockKind::Callout => Block::Callout(Callout {
                family: family?,
                label,
                lead,
                paragraphs,
                picture,
                departements,
            }),
            BlockKind::Figure => {
                let text = text?;
                let named = self
                    .territories
                    .named_before(&text.plain())
                    .map(|p| p.code.clone());
                Block::Figure(Figure {
                    before,
                    value: value?,
                    text,
                    named,
                })
            }
        })
    }

    /// The codes of a `departements` list; an unknown code is reported.
    fn departements(
        &mut self,
        raw: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    ) -> Vec<String> {
        let codes = raw.map(toml::Spanned::into_inner).unwrap_or_default();
        for code in &codes {
            if self.territories.by_code(code.get_ref()).is_none() {
                let hint = format!(
                    "write a territory's code: {}",
                    self.territories.codes_hint()
                );
                self.report(
                    Diagnostic::new(
                        Code::DepartementList,
                        format!("no territory has the code `{}`", code.get_ref()),
                    )
                    .hint(hint),
                    code.span(),
                );
            }
        }
        codes.into_iter().map(toml::Spanned::into_inner).collect()
    }

    /// The range of `key` in `key = value`, found before the value; the
    /// value itself when the key is written another way.
    fn key_range(&self, key: &str, value: Range<usize>) -> Range<usize> {
        let before = self.file.text.get(..value.start).unwrap_or("");
        let Some(equals) = before.trim_end().strip_suffix('=') else {
            return value;
        };
        let name = equals.trim_end();
        // `name` ends with `key`, so the subtraction cannot underflow and
        // the range starts at a char boundary.
        if name.ends_with(key) {
            name.len() - key.len()..name.len()
        } else {
            value
        }
    }
}

/// « a figure has no key `family` », with the keys it takes and the kinds
/// that take this one.
fn refused_key(kind: BlockKind, key: &str) -> Diagnostic {
    let accepted: Vec<String> = keys::accepted(kind).map(|k| format!("`{k}`")).collect();
    let owners: Vec<&str> = BlockKind::ALL
        .iter()
        .filter(|&&other| {
            keys::BLOCK_KEYS
                .iter()
                .any(|k| k.name == key && k.use_in(other) != Use::Refused)
        })
        .map(|other| other.with_article())
        .collect();
    Diagnostic::new(
        Code::KeyNotAllowed,
        format!("{} has no key `{key}`", kind.with_article()),
    )
    .hint(format!(
        "the keys of {} are `type`, {}",
        kind.with_article(),
        accepted.join(", ")
    ))
    .hint(format!(
        "`{key}` belongs to {}: remove it, or change `type`",
        owners.join(" or ")
    ))
}

/// Marks « Le + du 81 », « du 33 et du 93 » in a callout label for the index.
fn cite_label_codes(mut label: Text, territories: &Territories) -> Text {
    for code in territories.du_codes(&label.raw) {
        label.inlines.push(Inline::Cite(code.to_owned()));
    }
    label
}
