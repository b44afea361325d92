//! The map of `[territories]`: a GeoJSON FeatureCollection read into the
//! shapes of each territory code, in longitude and latitude. Drawing them
//! is the world's business ([`crate::world`]); here they are only read and
//! checked, every problem with the byte where it is when it can be found.

use serde_json::Value;

use super::territories::Polygon;

/// One feature: the code of `properties.code` and its polygons.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    /// The territory's code, as written (a number is read as its digits).
    pub code: String,
    /// Its polygons.
    pub polygons: Vec<Polygon>,
}

/// What is wrong with a GeoJSON file, and where (a byte offset), if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GeoError {
    /// What is wrong.
    pub message: String,
    /// The byte offset of the problem in the file.
    pub offset: usize,
}

/// Reads the features of a FeatureCollection.
///
/// # Errors
/// The first problem found: no JSON, no FeatureCollection, a feature
/// without a code, a geometry other than Polygon and MultiPolygon, a
/// position that is not two numbers.
pub(crate) fn features(text: &str) -> Result<Vec<Feature>, GeoError> {
    let value: Value = serde_json::from_str(text).map_err(|err| GeoError {
        message: format!("this is not JSON: {err}"),
        offset: offset_of(text, err.line(), err.column()),
    })?;
    let at_start = |message: String| GeoError { message, offset: 0 };
    if value.get("type").and_then(Value::as_str) != Some("FeatureCollection") {
        return Err(at_start(
            "the file is not a GeoJSON FeatureCollection (`\"type\": \"FeatureCollection\"`)"
                .into(),
        ));
    }
    let Some(list) = value.get("features").and_then(Value::as_array) else {
        return Err(at_start(
            "the FeatureCollection has no `features` list".into(),
        ));
    };
    let mut features = Vec::new();
    for (index, feature) in list.iter().enumerate() {
        let number = index + 1;
        let code = match feature.pointer("/properties/code") {
            Some(Value::String(code)) => code.trim().to_owned(),
            Some(Value::Number(code)) => code.to_string(),
            _ => {
                return Err(at_start(format!(
                    "feature {number} has no `properties.code` (a territory's code)"
                )));
            }
        };
        let at_code = |message: String| GeoError {
            message,
            offset: text.find(&format!("\"{code}\"")).unwrap_or(0),
        };
        let geometry = feature.get("geometry").unwrap_or(&Value::Null);
        let coordinates = geometry.get("coordinates").unwrap_or(&Value::Null);
        let polygons = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon(coordinates)],
            Some("MultiPolygon") => coordinates
                .as_array()
                .map(|list| list.iter().map(polygon).collect())
                .unwrap_or_else(|| vec![None]),
            other => {
                return Err(at_code(format!(
                    "the geometry of feature {number} (`{code}`) is {}, not a Polygon or a MultiPolygon",
                    other.map_or_else(|| "missing".to_owned(), |t| format!("a {t}"))
                )));
            }
        };
        let Some(polygons) = polygons.into_iter().collect::<Option<Vec<_>>>() else {
            return Err(at_code(format!(
                "the coordinates of feature {number} (`{code}`) are not rings of [longitude, latitude] positions"
            )));
        };
        features.push(Feature { code, polygons });
    }
    Ok(features)
}

/// A Polygon's coordinates: rings of positions, each at least two numbers,
/// a longitude (within ±360) and a latitude (within ±90); `None` when they
/// are not.
fn polygon(value: &Value) -> Option<Polygon> {
    value
        .as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|position| {
                    let position = position.as_array()?;
                    let x = position.first()?.as_f64()?;
                    let y = position.get(1)?.as_f64()?;
                    (x.abs() <= 360.0 && y.abs() <= 90.0).then_some((x, y))
                })
                .collect()
        })
        .collect()
}

/// The byte offset of a 1-based line and column (in characters, as
/// serde_json counts them), the end of the text if beyond it.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = text.get(line_start..).unwrap_or("");
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polygons_and_multipolygons_are_read_with_their_codes() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
            {"type":"Feature","properties":{"code":13055},"geometry":{"type":"MultiPolygon","coordinates":[[[[2,2],[3,2],[3,3],[2,2]]]]}}
        ]}"#;
        let features = features(text).unwrap();
        assert_eq!(features.len(), 2);
        assert_eq!(features[1].code, "13055");
        assert_eq!(features[0].polygons[0][0][1], (1.0, 0.0));
    }

    #[test]
    fn problems_say_where_they_are() {
        let err = features("{\n  \"type\": \"FeatureCollection\",\n  oops\n}").unwrap_err();
        assert_eq!(
            err.offset,
            "{\n  \"type\": \"FeatureCollection\",\n  ".len()
        );
        let err = features(r#"{"type":"FeatureCollection","features":[{"properties":{"code":"B"},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#).unwrap_err();
        assert!(err.message.contains("a Point"), "{}", err.message);
        assert!(features("[]").is_err());
        assert!(features(r#"{"type":"FeatureCollection","features":[{"properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[[1e308,0]]]}}]}"#).is_err());
        assert!(features(r#"{"type":"FeatureCollection","features":[{"properties":{"code":"B"},"geometry":{"type":"Polygon","coordinates":[[["x",0]]]}}]}"#).is_err());
    }
}
