//! `[territories]`: a list of territories that extends or replaces the
//! départements, read by the citations, the index and its map, `bilan
//! check`, `departements = […]` and the local editions; and its errors at
//! their file, line and column.

use crate::common;

use common::Minimal;

/// A tiny map: two squares in the south-east of France and one in the
/// centre, each feature's code a territory's.
const MAP: &str = r#"{
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"code": "13055"},
     "geometry": {"type": "Polygon", "coordinates": [[[5.3, 43.2], [5.5, 43.2], [5.5, 43.4], [5.3, 43.4], [5.3, 43.2]]]}},
    {"type": "Feature", "properties": {"code": "06088"},
     "geometry": {"type": "MultiPolygon", "coordinates": [[[[7.2, 43.6], [7.3, 43.6], [7.3, 43.8], [7.2, 43.6]]]]}},
    {"type": "Feature", "properties": {"code": "69123"},
     "geometry": {"type": "Polygon", "coordinates": [[[4.8, 45.7], [4.9, 45.7], [4.9, 45.8], [4.8, 45.7]]]}}
  ]
}
"#;

/// The minimal brochure with an index and `table` as `[territories]`.
fn with_territories(table: &str) -> Minimal {
    let minimal = Minimal::new();
    minimal.add_index();
    minimal.edit("bilan.toml", "[slogan]", &format!("{table}\n\n[slogan]"));
    minimal
}

/// Whether `bilan check --format json` printed a finding `code` at
/// `file` (its name's end), `line` and `column`.
fn found_at(stdout: &str, code: &str, file: &str, line: u64, column: u64) -> bool {
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .any(|f| {
            f["code"] == code
                && f["file"].as_str().is_some_and(|f| f.ends_with(file))
                && f["line"] == line
                && f["column"] == column
        })
}

/// Writes `text` to `name` under `sources/`.
fn write(minimal: &Minimal, name: &str, text: &str) {
    std::fs::write(minimal.sources().join(name), text).expect("write a source file");
}

/// A commune replacing the départements, cited in the text.
fn communes() -> Minimal {
    let minimal = with_territories("[territories]\nmode = \"replace\"\nfile = \"communes.csv\"");
    write(
        &minimal,
        "communes.csv",
        "code,name,name-with-article\n13055,Marseille,Marseille\n06088,Nice,Nice\n69123,Lyon,Lyon\n",
    );
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "À Marseille (13055) et à Nice (06088), des écoles ouvertes.",
    );
    minimal
}

#[test]
fn an_extension_is_cited_indexed_and_has_its_local_edition() {
    let minimal = with_territories(
        "[territories]\n\n[[territories.entry]]\ncode = \"R84\"\nname = \"Auvergne-Rhône-Alpes\"\nname-with-article = \"l'Auvergne-Rhône-Alpes\"",
    );
    minimal.edit(
        "01-chapitre.toml",
        "PARAGRAPH-TO-EDIT",
        "En Auvergne-Rhône-Alpes (R84) et en Gironde (33), des collèges ouverts.",
    );
    let check = minimal.check(&["--format", "json"]);
    let findings = String::from_utf8_lossy(&check.stdout);
    assert!(!findings.contains("departement-"), "{findings}");
    let text = minimal.built_pages(&[]).0.join(" ");
    for entry in ["r84 l'auvergne-rhône-alpes", "33 la gironde"] {
        assert!(text.contains(entry), "« {entry} » not in the index: {text}");
    }
    let edition = minimal.build(&["--departement", "R84", "--out", "r84.pdf"]);
    assert!(
        edition.status.success(),
        "{}",
        String::from_utf8_lossy(&edition.stderr)
    );
    let pdf = lopdf::Document::load(minimal.dir.path().join("r84.pdf")).expect("a PDF");
    let text = common::page_texts(&pdf).join(" ");
    assert!(text.contains("auvergne-rhône-alpes (r84)"), "{text}");
    assert!(!text.contains("la gironde (33)"), "{text}");
}

#[test]
fn a_replaced_list_with_a_geojson_map_draws_it() {
    let minimal = communes();
    minimal.edit(
        "bilan.toml",
        "file = \"communes.csv\"",
        "file = \"communes.csv\"\nmap = \"carte.geojson\"",
    );
    write(&minimal, "carte.geojson", MAP);
    let (pages, _) = minimal.built_pages(&[]);
    let text = pages.join(" ");
    assert!(text.contains("13055 marseille"), "{text}");
    assert!(text.contains("06088 nice"), "{text}");
    assert!(!text.contains("69123 lyon"), "Lyon is not cited: {text}");
    // The map is drawn: the legend under it is printed.
    assert!(text.contains("citations"), "{text}");

    let export = minimal.export_typst();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let svg = std::fs::read_to_string(minimal.dir.path().join("typst/territories-map.svg"))
        .expect("the drawn map is served");
    for id in ["d13055", "d06088", "d69123"] {
        assert!(
            svg.contains(&format!("<path class=\"dep\" id=\"{id}\" d=\"M")),
            "{id}: {svg}"
        );
    }
    assert!(svg.contains("/*HIGHLIGHT*/"), "{svg}");
    let content =
        std::fs::read_to_string(minimal.dir.path().join("typst/content.json")).expect("content");
    assert!(
        content.contains("\"map\":\"/territories-map.svg\""),
        "{content}"
    );

    // A local edition of a commune colours it on the same map.
    let edition = minimal.build(&["--departement", "13055", "--out", "13055.pdf"]);
    assert!(
        edition.status.success(),
        "{}",
        String::from_utf8_lossy(&edition.stderr)
    );
}

#[test]
fn a_replaced_list_without_a_map_has_an_index_without_map() {
    let minimal = communes();
    let (pages, _) = minimal.built_pages(&[]);
    let index: Vec<&String> = pages
        .iter()
        .filter(|p| p.contains("13055 marseille"))
        .collect();
    assert_eq!(index.len(), 1, "{pages:?}");
    // No map, so no legend and no map credit; the list follows the heading.
    assert!(!index[0].contains("citations"), "{}", index[0]);
    assert!(!index[0].contains("sources"), "{}", index[0]);
    assert!(index[0].contains("06088 nice"), "{}", index[0]);

    let export = minimal.export_typst();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(
        !minimal
            .dir
            .path()
            .join("typst/territories-map.svg")
            .exists()
    );
    let content =
        std::fs::read_to_string(minimal.dir.path().join("typst/content.json")).expect("content");
    assert!(content.contains("\"map\":null"), "{content}");
}

#[test]
fn a_code_declared_twice_is_an_error_at_its_line() {
    let minimal = with_territories(
        "[territories]\n\n[[territories.entry]]\ncode = \"31\"\nname = \"Toulouse et alentours\"",
    );
    let output = minimal.check(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = std::fs::read_to_string(minimal.sources().join("bilan.toml"))
        .expect("bilan.toml")
        .lines()
        .position(|l| l == "code = \"31\"")
        .expect("the entry")
        + 1;
    let line = u64::try_from(line).expect("a line number");
    assert!(
        found_at(&stdout, "territory-duplicate", "bilan.toml", line, 8),
        "{stdout}"
    );
    assert!(
        stdout.contains("Haute-Garonne, from the built-in list"),
        "{stdout}"
    );

    // Twice in the CSV file: the second line is the one told.
    let minimal = communes();
    write(
        &minimal,
        "communes.csv",
        "code,name,name-with-article\n13055,Marseille,Marseille\n06088,Nice,Nice\n13055,Marseille bis,\n",
    );
    let output = minimal.check(&["--format", "json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        found_at(&stdout, "territory-duplicate", "communes.csv", 4, 1),
        "{stdout}"
    );
    assert!(
        stdout.contains("communes.csv:2"),
        "the first declaration: {stdout}"
    );
}

#[test]
fn a_bad_csv_line_is_an_error_at_that_line() {
    let minimal = communes();
    write(
        &minimal,
        "communes.csv",
        "code,name,name-with-article\n13055,Marseille,Marseille\n06088,Nice\n69123,,Lyon\n",
    );
    let output = minimal.check(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        found_at(&stdout, "territory-csv", "communes.csv", 3, 1),
        "two columns: {stdout}"
    );
    assert!(stdout.contains("has 2 column(s), not 3"), "{stdout}");
    assert!(
        found_at(&stdout, "territory-csv", "communes.csv", 4, 7),
        "the empty name: {stdout}"
    );
    assert!(
        stdout.contains("the name of this territory is empty"),
        "{stdout}"
    );
}

#[test]
fn missing_files_and_unknown_map_codes_are_errors() {
    let minimal = communes();
    minimal.edit(
        "bilan.toml",
        "file = \"communes.csv\"",
        "file = \"communes.csv\"\nmap = \"absente.geojson\"",
    );
    let stdout = String::from_utf8_lossy(&minimal.check(&["--format", "json"]).stdout).into_owned();
    assert!(stdout.contains("territory-map"), "{stdout}");
    assert!(
        stdout.contains("absente.geojson` does not exist"),
        "{stdout}"
    );

    write(&minimal, "absente.geojson", &MAP.replace("69123", "75056"));
    let output = minimal.check(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        found_at(&stdout, "territory-map-code", "absente.geojson", 8, 48),
        "{stdout}"
    );
    assert!(stdout.contains("`13055`, `06088`, `69123`"), "{stdout}");

    minimal.edit("bilan.toml", "mode = \"replace\"", "mode = \"remplacer\"");
    let stdout = String::from_utf8_lossy(&minimal.check(&["--format", "json"]).stdout).into_owned();
    assert!(stdout.contains("unknown-value"), "{stdout}");
    assert!(stdout.contains("replace"), "{stdout}");
}

#[test]
fn hints_name_the_codes_of_the_list_in_use() {
    let minimal = communes();
    minimal.edit(
        "01-chapitre.toml",
        "type = \"callout\"",
        "type = \"callout\"\ndepartements = [\"31\"]",
    );
    let output = minimal.check(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("no territory has the code `31`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("those of `[territories]`: `13055`, `06088`, `69123`"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("`01`…`95`"),
        "the départements are replaced: {stdout}"
    );

    // `--departement` given a département the list replaced.
    let edition = communes().build(&["--departement", "31"]);
    let stderr = String::from_utf8_lossy(&edition.stderr);
    assert!(stderr.contains("edition-unknown"), "{stderr}");
    assert!(stderr.contains("`13055`, `06088`, `69123`"), "{stderr}");

    // A wrong code in the text: the lint names the list's codes too.
    let minimal = communes();
    minimal.edit("01-chapitre.toml", "Nice (06088)", "Nice (06089)");
    let stdout = String::from_utf8_lossy(&minimal.check(&["--format", "json"]).stdout).into_owned();
    assert!(stdout.contains("departement-unknown"), "{stdout}");
    assert!(stdout.contains("`13055`, `06088`, `69123`"), "{stdout}");
}

#[test]
fn a_name_the_fonts_cannot_print_is_told_at_its_place() {
    let minimal = communes();
    write(
        &minimal,
        "communes.csv",
        "code,name,name-with-article\n13055,Marseille,Marseille\n06088,Nice,Nice 中\n69123,Lyon,Lyon\n",
    );
    let output = minimal.check(&["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        found_at(&stdout, "glyph-missing", "communes.csv", 3, 17),
        "{stdout}"
    );

    let minimal = with_territories(
        "[territories]\n\n[[territories.entry]]\ncode = \"R84\"\nname = \"Auvergne 🏔\"",
    );
    let stdout = String::from_utf8_lossy(&minimal.check(&["--format", "json"]).stdout).into_owned();
    let line = std::fs::read_to_string(minimal.sources().join("bilan.toml"))
        .expect("bilan.toml")
        .lines()
        .position(|l| l.starts_with("name = \"Auvergne"))
        .expect("the entry")
        + 1;
    let line = u64::try_from(line).expect("a line number");
    assert!(
        found_at(&stdout, "glyph-missing", "bilan.toml", line, 18),
        "{stdout}"
    );
}
