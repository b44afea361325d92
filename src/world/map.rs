//! The index's map drawn from the shapes of `[territories]` (a GeoJSON
//! file): an SVG with the conventions of the layouts' map of France,
//! `layouts/data/departements-carte.svg`: one `<path class="dep"
//! id="d{code}" d="…"/>` per territory, the blank map's style, and the
//! `/*HIGHLIGHT*/` comment where the index writes the shades. The
//! projection is equirectangular, longitudes scaled by the cosine of the
//! mean latitude; coordinates are written with one decimal, so that the
//! same shapes always give the same bytes.

use std::fmt::Write;

use crate::content::territories::Polygon;

/// The width of the drawing, in SVG units (the map of France is 1364.7).
const WIDTH: f64 = 1000.0;

/// The proportions of the drawing: those of the map of France
/// (1364.7 × 1072.7).
const ASPECT: f64 = 1364.7 / 1072.7;

/// The least white around the shapes, in SVG units.
const MARGIN: f64 = 6.0;

/// The SVG of these shapes, by territory code.
pub(crate) fn svg(shapes: &[(String, Vec<Polygon>)]) -> String {
    let points = || {
        shapes
            .iter()
            .flat_map(|(_, polygons)| polygons)
            .flatten()
            .flatten()
    };
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points() {
        west = west.min(x);
        east = east.max(x);
        south = south.min(y);
        north = north.max(y);
    }
    if west > east {
        (west, east, south, north) = (0.0, 1.0, 0.0, 1.0);
    }
    let mean_latitude = f64::midpoint(south, north).clamp(-89.0, 89.0);
    let squeeze = mean_latitude.to_radians().cos();
    let (span_x, span_y) = (
        ((east - west) * squeeze).max(1e-9),
        (north - south).max(1e-9),
    );
    // The shapes fit, centred, in a drawing of the map of France's
    // proportions, so that the index's page holds it as it holds that map.
    let (width, height) = (WIDTH, WIDTH / ASPECT);
    let scale = ((width - 2.0 * MARGIN) / span_x).min((height - 2.0 * MARGIN) / span_y);
    let left = (width - span_x * scale) / 2.0;
    let top = (height - span_y * scale) / 2.0;
    let project = |(x, y): (f64, f64)| {
        (
            (x - west) * squeeze * scale + left,
            (north - y) * scale + top,
        )
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">\n\
         <style>\n\
         .dep{{fill:#e6e6e6;stroke:#ffffff;stroke-width:0.8;stroke-linejoin:round}}\n\
         /*HIGHLIGHT*/\n\
         </style>\n",
        w = number(width),
        h = number(height),
    );
    for (code, polygons) in shapes {
        let _ = write!(out, "<path class=\"dep\" id=\"d{code}\" d=\"");
        for ring in polygons.iter().flatten() {
            for (i, &point) in ring.iter().enumerate() {
                let (x, y) = project(point);
                let command = if i == 0 { 'M' } else { 'L' };
                let _ = write!(out, "{command}{} {}", number(x), number(y));
            }
            if !ring.is_empty() {
                out.push('Z');
            }
        }
        out.push_str("\"/>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// A coordinate with one decimal, never `-0.0`.
fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    format!("{:.1}", if rounded == 0.0 { 0.0 } else { rounded })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x: f64, y: f64) -> Polygon {
        vec![vec![
            (x, y),
            (x + 1.0, y),
            (x + 1.0, y + 1.0),
            (x, y + 1.0),
            (x, y),
        ]]
    }

    #[test]
    fn each_code_is_one_path_of_the_map_conventions() {
        let shapes = vec![
            ("A1".to_owned(), vec![square(0.0, 45.0)]),
            ("B2".to_owned(), vec![square(1.0, 45.0), square(3.0, 46.0)]),
        ];
        let svg = svg(&shapes);
        assert!(svg.contains("/*HIGHLIGHT*/"));
        assert!(svg.contains("<path class=\"dep\" id=\"dA1\" d=\"M"));
        assert!(svg.contains("viewBox=\"0 0 1000.0 786.0\""), "{svg}");
        assert_eq!(svg.matches("<path class=\"dep\" id=\"dB2\"").count(), 1);
        assert_eq!(svg.matches('Z').count(), 3);
        assert_eq!(svg, super::svg(&shapes), "the same shapes, the same bytes");
    }

    #[test]
    fn no_shape_or_one_point_still_gives_a_drawing() {
        assert!(svg(&[]).starts_with("<svg"));
        let point = vec![("P".to_owned(), vec![vec![vec![(2.0, 2.0)]]])];
        assert!(!svg(&point).contains("NaN"));
    }
}
