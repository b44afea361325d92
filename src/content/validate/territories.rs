//! `[territories]` of `bilan.toml`: the list of territories the brochure
//! cites, built once from the built-in list and the table's CSV file and
//! entries, and its map. Every problem names its file, line and column: a
//! code declared twice, a bad CSV line, a missing file, a map's code that
//! the list lacks, a name the fonts cannot print.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use super::Validator;
use crate::fonts::Coverage;

use crate::content::departements::{self, Place};
use crate::content::geojson;
use crate::content::read;
use crate::content::territories::{Map, Mode, Territories, TerritoriesTable};
use crate::diag::{Code, Diagnostic, SourceFile, display_path};

/// The header of a territories CSV file.
pub(crate) const CSV_HEADER: &str = "code,name,name-with-article";

/// The longest code accepted.
const MAX_CODE_LEN: usize = 12;

/// The list of territories of a project whose `bilan.toml` is `file`, with
/// sources under `dir`, printed with fonts that cover `coverage`: the
/// built-in list when `raw` is `None`.
pub(crate) fn territories(
    file: &SourceFile,
    dir: &Path,
    coverage: &Coverage,
    raw: Option<TerritoriesTable>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Territories {
    let Some(raw) = raw else {
        return Territories::builtin();
    };
    let mut list = List {
        places: Vec::new(),
        origins: HashMap::new(),
        printed: Vec::new(),
        diagnostics,
    };
    let builtin = raw.mode == Mode::Extend;
    if builtin {
        for place in departements::departements() {
            list.origins
                .insert(place.code.clone(), "the built-in list".to_owned());
            list.places.push(place.clone());
        }
    }
    if let Some(name) = &raw.file
        && let Some((csv_file, text)) =
            read_named(file, dir, name, Code::TerritoryFile, list.diagnostics)
    {
        list.csv(&csv_file, &text);
    }
    for entry in raw.entry {
        let code = entry.code;
        let name = entry.name;
        let name_with_article = entry
            .name_with_article
            .filter(|n| !n.get_ref().trim().is_empty())
            .unwrap_or_else(|| name.clone());
        // The span of a TOML string, quotes included.
        list.printed.push((
            file.clone(),
            name_with_article.get_ref().trim().to_owned(),
            name_with_article.span(),
        ));
        if name.get_ref().trim().is_empty() {
            list.report(
                file,
                name.span(),
                Diagnostic::new(Code::TerritoryEntry, "the territory's name is empty")
                    .hint("write its name as the text cites it, e.g. `name = \"Marseille\"`"),
            );
            continue;
        }
        let origin = {
            let (line, _) = file.line_column(code.span().start);
            format!("{}:{line}", file.name)
        };
        list.add(
            file,
            code.span(),
            origin,
            Place {
                code: code.get_ref().trim().to_owned(),
                name: name.get_ref().trim().to_owned(),
                name_with_article: name_with_article.get_ref().trim().to_owned(),
            },
        );
    }
    let header = file.range_of("[territories]");
    if !builtin && list.places.is_empty() {
        list.report(
            file,
            header.clone(),
            Diagnostic::new(
                Code::TerritoryEmpty,
                "`[territories]` replaces the départements with no territory",
            )
            .hint(format!("list territories in `file` (a CSV file whose first line is `{CSV_HEADER}`) or in `[[territories.entry]]`, or write `mode = \"extend\"`")),
        );
    }
    let places = std::mem::take(&mut list.places);
    let known = Territories::new(places.clone(), builtin, Map::None);
    let map = match &raw.map {
        Some(name) => read_named(file, dir, name, Code::TerritoryMap, list.diagnostics)
            .and_then(|(map_file, text)| drawn(&map_file, &text, &known, list.diagnostics))
            .unwrap_or(Map::None),
        None if builtin => Map::Builtin,
        None => Map::None,
    };
    let printed = std::mem::take(&mut list.printed);
    for (printed_in, value, span) in printed {
        Validator::new(&printed_in, dir, coverage, &known, diagnostics)
            .printable_plain(&value, span);
    }
    Territories::new(places, builtin, map)
}

/// The places read so far and where each code was declared.
struct List<'d> {
    places: Vec<Place>,
    /// Where each code was declared: `the built-in list`, `file:line`.
    origins: HashMap<String, String>,
    /// The names the index prints, each with its file and the range of its
    /// value there, delimiters included (a TOML string's quotes, the comma
    /// before a CSV column), to check that the fonts print them.
    printed: Vec<(SourceFile, String, Range<usize>)>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl List<'_> {
    fn report(&mut self, file: &SourceFile, range: Range<usize>, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic.at(file.clone(), range));
    }

    /// Adds a place whose code is at `range` of `file`, unless its code is
    /// malformed or already declared.
    fn add(&mut self, file: &SourceFile, range: Range<usize>, origin: String, place: Place) {
        if let Some(problem) = code_problem(&place.code) {
            self.report(
                file,
                range,
                Diagnostic::new(
                    Code::TerritoryCode,
                    format!("`{}` cannot be a territory's code: {problem}", place.code),
                )
                .hint(
                    "write a code of capital letters and digits, at most 12, e.g. `R84` or `13055`",
                ),
            );
            return;
        }
        if let Some(first) = self.origins.get(&place.code) {
            let named = self
                .places
                .iter()
                .find(|p| p.code == place.code)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let diagnostic = Diagnostic::new(
                Code::TerritoryDuplicate,
                format!("the territory code `{}` is declared twice", place.code),
            )
            .hint(format!(
                "`{}` is already {named}, from {first}: remove this one, or give it another code",
                place.code
            ));
            self.report(file, range, diagnostic);
            return;
        }
        self.origins.insert(place.code.clone(), origin);
        self.places.push(place);
    }

    /// The lines of a CSV file `code,name,name-with-article`.
    fn csv(&mut self, file: &SourceFile, text: &str) {
        let mut offset = 0;
        for (index, raw_line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw_line.len();
            let line = raw_line.trim_end_matches(['\n', '\r']);
            let line_range = start..start + line.len();
            if index == 0 {
                let header = line.trim_start_matches('\u{feff}').trim();
                if header.replace(' ', "") != CSV_HEADER {
                    self.report(
                        file,
                        line_range,
                        Diagnostic::new(
                            Code::TerritoryCsv,
                            format!("the first line of the territories file is not `{CSV_HEADER}`"),
                        )
                        .hint(format!("write `{CSV_HEADER}` on the first line, then one territory a line, e.g. `13055,Marseille,Marseille`")),
                    );
                    return;
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let columns: Vec<(usize, &str)> = line
                .split(',')
                .scan(start, |at, column| {
                    let column_start = *at;
                    *at += column.len() + 1;
                    Some((column_start, column))
                })
                .collect();
            let [(code_at, code), (name_at, name), (article_at, article)] = columns[..] else {
                self.report(
                    file,
                    line_range,
                    Diagnostic::new(
                        Code::TerritoryCsv,
                        format!(
                            "this line of the territories file has {} column(s), not 3",
                            columns.len()
                        ),
                    )
                    .hint(format!("write `{CSV_HEADER}` separated by commas, e.g. `13055,Marseille,Marseille` (a name cannot hold a comma)")),
                );
                continue;
            };
            let (code, name) = (code.trim(), name.trim());
            for (value, at, what) in [(code, code_at, "code"), (name, name_at, "name")] {
                if value.is_empty() {
                    self.report(
                        file,
                        at..at,
                        Diagnostic::new(
                            Code::TerritoryCsv,
                            format!("the {what} of this territory is empty"),
                        )
                        .hint(format!(
                            "write the territory's {what} in this column: `{CSV_HEADER}`"
                        )),
                    );
                }
            }
            if code.is_empty() || name.is_empty() {
                continue;
            }
            let (article, article_at) = if article.trim().is_empty() {
                (name, name_at)
            } else {
                (article, article_at)
            };
            // From the comma before the column, which stands for the opening
            // quote of a TOML string (see `Text::file_range`).
            let article_range = article_at.saturating_sub(1)..article_at + article.len();
            self.printed
                .push((file.clone(), article.trim().to_owned(), article_range));
            let article = article.trim();
            let origin = format!("{}:{}", file.name, index + 1);
            let code_range = code_at..code_at + columns[0].1.len();
            self.add(
                file,
                code_range,
                origin,
                Place {
                    code: code.to_owned(),
                    name: name.to_owned(),
                    name_with_article: article.to_owned(),
                },
            );
        }
    }
}

/// Why `code` cannot be a territory's code, if it cannot.
fn code_problem(code: &str) -> Option<&'static str> {
    if code.is_empty() {
        Some("it is empty")
    } else if code.len() > MAX_CODE_LEN {
        Some("it is too long")
    } else if !code
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Some("it holds something other than capital letters and digits")
    } else {
        None
    }
}

/// The file `name` of `[territories]`, read (NFC), with the problem
/// reported at `name` in `bilan.toml` when it is not a readable file
/// inside `sources/`.
fn read_named(
    manifest: &SourceFile,
    dir: &Path,
    name: &Spanned<String>,
    code: Code,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(SourceFile, String)> {
    let problem = |message: String, hint: &str| {
        Diagnostic::new(code, message)
            .at(manifest.clone(), name.span())
            .hint(hint.to_owned())
    };
    let Some(path) = source_path(dir, name.get_ref()) else {
        diagnostics.push(problem(
            format!("`{}` is not a file name inside `sources/`", name.get_ref()),
            "name a file of `sources/`, e.g. `\"territoires.csv\"`",
        ));
        return None;
    };
    if !path.is_file() {
        diagnostics.push(problem(
            format!("the file `{}` does not exist", display_path(&path)),
            "create the file, or correct its name in `[territories]` of bilan.toml",
        ));
        return None;
    }
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let text = read::normalize(&text);
            Some((SourceFile::new(&path, text.clone()), text))
        }
        Err(err) => {
            diagnostics.push(problem(
                format!("cannot read `{}`: {err}", display_path(&path)),
                "check that the file is readable UTF-8 text",
            ));
            None
        }
    }
}

/// A plain relative file name inside `dir`.
fn source_path(dir: &Path, name: &str) -> Option<PathBuf> {
    let relative = Path::new(name);
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (plain && !name.is_empty()).then(|| dir.join(relative))
}

/// The map drawn from a GeoJSON file: the shapes of each code of `known`,
/// in the list's order (features of one code merged). A feature whose code
/// the list lacks is an error: its shape would stand for no entry.
fn drawn(
    file: &SourceFile,
    text: &str,
    known: &Territories,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Map> {
    let features = match geojson::features(text) {
        Ok(features) => features,
        Err(err) => {
            diagnostics.push(
                Diagnostic::new(Code::TerritoryMap, err.message)
                    .at(file.clone(), err.offset..err.offset)
                    .hint("write a GeoJSON FeatureCollection of Polygons and MultiPolygons, each feature's `properties.code` a territory's code"),
            );
            return None;
        }
    };
    let mut shapes: HashMap<String, Vec<_>> = HashMap::new();
    let mut valid = true;
    for feature in features {
        if known.by_code(&feature.code).is_none() {
            let quoted = format!("\"{}\"", feature.code);
            let at = text.find(&quoted).map_or(0..0, |i| i..i + quoted.len());
            diagnostics.push(
                Diagnostic::new(
                    Code::TerritoryMapCode,
                    format!(
                        "the map draws `{}`, which is no territory's code",
                        feature.code
                    ),
                )
                .at(file.clone(), at)
                .hint(format!("the codes are {}", known.codes_hint())),
            );
            valid = false;
            continue;
        }
        shapes
            .entry(feature.code)
            .or_default()
            .extend(feature.polygons);
    }
    let ordered = known
        .iter()
        .filter_map(|p| shapes.remove(&p.code).map(|s| (p.code.clone(), s)))
        .collect();
    valid.then_some(Map::Drawn(ordered))
}
