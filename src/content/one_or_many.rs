//! A key written once as a table or several times as an array of tables:
//! `[logo]` for one logo, `[[logo]]` for each of several.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// One value or a list of them, read into a list; the errors inside either
/// form are serde's own, at their line and column.
#[derive(Debug, Clone)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

/// Reads a table as one value, an array as several.
struct OneOrManyVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a table, or an array of tables")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|one| OneOrMany(vec![one]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany)
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [generator.subschema_for::<T>(), generator.subschema_for::<Vec<T>>()]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::OneOrMany;

    #[derive(serde::Deserialize)]
    struct Holder {
        logo: OneOrMany<Item>,
    }

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        image: String,
    }

    #[test]
    fn a_table_is_one_and_an_array_is_several() {
        let one: Holder = toml::from_str("[logo]\nimage = \"a.svg\"").unwrap();
        assert_eq!(one.logo.0.len(), 1);
        let two: Holder =
            toml::from_str("[[logo]]\nimage = \"a.svg\"\n[[logo]]\nimage = \"b.svg\"").unwrap();
        let images: Vec<&str> = two.logo.0.iter().map(|i| i.image.as_str()).collect();
        assert_eq!(images, ["a.svg", "b.svg"]);
    }

    #[test]
    fn an_error_inside_keeps_its_own_message() {
        let error = toml::from_str::<Holder>("[logo]\nimage = \"a.svg\"\nalt = 1")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("unknown field `alt`"), "{error}");
    }
}
