//! `[brand]` of `bilan.toml`: colours a screen and a press can print, roles
//! that name them, font families `fonts/` has, and the map's shades. What
//! the table leaves out is the shipped brochure's brand.

use std::collections::BTreeMap;

use toml::Spanned;

use super::Validator;
use super::style::unknown;
use crate::content::brand::{Brand, BrandFile, Color, MAP_SHADES, ROLES, is_hex_color};
use crate::content::defaults::Defaults;
use crate::content::picture::path_problem;
use crate::diag::{Code, Diagnostic, display_path};
use crate::files::files_under;
use crate::fonts::FONT_EXTENSIONS;

impl Validator<'_> {
    /// Validates `[brand]`, completed with the shipped brand.
    pub(super) fn brand(&mut self, raw: Option<BrandFile>) -> Brand {
        let shipped = Defaults::read().brand;
        let raw = raw.unwrap_or_default();
        let given = raw
            .colors
            .unwrap_or_else(|| shipped.colors.clone().unwrap_or_default());
        let colors: BTreeMap<String, Color> = given
            .into_iter()
            .map(|(name, color)| {
                let color = Color {
                    screen: self.screen_color(color.screen),
                    cmyk: self.cmyk(color.cmyk),
                };
                (name, color)
            })
            .collect();
        let names: Vec<&str> = colors.keys().map(String::as_str).collect();
        let mut written = raw.roles.unwrap_or_default();
        for (role, name) in &written {
            if !ROLES.contains(&role.as_str()) {
                self.report(
                    unknown(("a role of the layouts", "the roles"), role, ROLES),
                    name.span(),
                );
            }
        }
        let shipped_roles = shipped.roles.unwrap_or_default();
        let header = self.header_range("[brand");
        let roles = ROLES
            .iter()
            .map(|&role| {
                let (name, range) = match written.remove(role) {
                    Some(name) => {
                        let range = name.span();
                        (name.into_inner(), range)
                    }
                    None => {
                        let name = shipped_roles.get(role).map(|n| n.get_ref().clone());
                        (name.unwrap_or_default(), header.clone())
                    }
                };
                if !names.contains(&name.as_str()) {
                    self.report(
                        unknown(
                            ("a colour of `[brand.colors]`", "its colours"),
                            &name,
                            &names,
                        )
                        .hint(format!(
                            "give the role `{role}` one of them in `[brand.roles]`"
                        )),
                        range,
                    );
                }
                (role.to_owned(), name)
            })
            .collect();
        if let Some(folder) = raw.fonts {
            self.fonts_folder(&folder);
        }
        let display_font = self.font_family(raw.display_font, shipped.display_font);
        let text_font = self.font_family(raw.text_font, shipped.text_font);
        let map = self.map_shades(raw.map.or(shipped.map));
        Brand {
            colors,
            roles,
            display_font,
            text_font,
            map,
        }
    }

    /// A screen colour, `#rrggbb`.
    fn screen_color(&mut self, value: Spanned<String>) -> String {
        if !is_hex_color(value.get_ref()) {
            self.report(
                Diagnostic::new(
                    Code::BrandColor,
                    format!("`{}` is not a colour", value.get_ref()),
                )
                .hint("write the screen value as `#` and six hexadecimal digits, e.g. `#2f6b3a`"),
                value.span(),
            );
        }
        value.into_inner()
    }

    /// A print colour: four percentages.
    fn cmyk(&mut self, value: Spanned<Vec<f64>>) -> [f64; 4] {
        let range = value.span();
        let values = value.into_inner();
        if let Some(wrong) = values.iter().find(|v| !(0.0..=100.0).contains(*v)) {
            self.report(
                Diagnostic::new(
                    Code::BrandColor,
                    format!("`{wrong}` is not a percentage from 0 to 100"),
                )
                .hint("each CMYK value is a percentage of ink: 0 (none) to 100 (full), e.g. `[70, 20, 85, 30]`"),
                range.clone(),
            );
        }
        values.try_into().unwrap_or_else(|values: Vec<f64>| {
            self.report(
                Diagnostic::new(
                    Code::BrandColor,
                    format!("{} CMYK values instead of 4", values.len()),
                )
                .hint("give cyan, magenta, yellow and black in percent, e.g. `cmyk = [70, 20, 85, 30]`"),
                range,
            );
            [0.0; 4]
        })
    }

    /// `fonts`: a folder inside `sources/` that holds font files.
    fn fonts_folder(&mut self, folder: &Spanned<String>) {
        let name = folder.get_ref();
        let problem = match path_problem(name) {
            Some(problem) => Some(format!(
                "`{name}` is not a folder inside `sources/`: {problem}"
            )),
            None if !self.dir.join(name).is_dir() => Some(format!(
                "the fonts folder `{name}` is not a folder inside `{}`",
                display_path(self.dir)
            )),
            None if !holds_fonts(&self.dir.join(name)) => Some(format!(
                "the fonts folder `{name}` holds no font file (.ttf, .otf)"
            )),
            None => None,
        };
        if let Some(problem) = problem {
            self.report(
                Diagnostic::new(Code::BrandFonts, problem).hint(
                    "give a folder of sources/ holding the font files and their licence, e.g. `fonts = \"polices\"`",
                ),
                folder.span(),
            );
        }
    }

    /// A font family of `fonts/` (or of the folder `fonts` names).
    fn font_family(
        &mut self,
        written: Option<Spanned<String>>,
        shipped: Option<Spanned<String>>,
    ) -> String {
        let Some(family) = written else {
            return shipped.map(Spanned::into_inner).unwrap_or_default();
        };
        let families = self.coverage.families();
        if !families
            .iter()
            .any(|f| f.eq_ignore_ascii_case(family.get_ref()))
        {
            self.report(
                unknown(
                    ("a font family of `fonts/`", "the families of `fonts/`"),
                    family.get_ref(),
                    &families,
                )
                .hint(
                    "add the font's files (with their licence) to `fonts/`, or to a folder of sources/ that `[brand] fonts` names; or name one of these",
                ),
                family.span(),
            );
        }
        family.into_inner()
    }

    /// The map's shades: four `#rrggbb`, lightest first.
    fn map_shades(&mut self, shades: Option<Spanned<Vec<Spanned<String>>>>) -> Vec<String> {
        let Some(shades) = shades else {
            return Vec::new();
        };
        let range = shades.span();
        let shades: Vec<String> = shades
            .into_inner()
            .into_iter()
            .map(|shade| self.screen_color(shade))
            .collect();
        if shades.len() != MAP_SHADES {
            self.report(
                Diagnostic::new(
                    Code::BrandColor,
                    format!(
                        "{} shades for the map instead of {MAP_SHADES}",
                        shades.len()
                    ),
                )
                .hint(
                    "give four `#rrggbb`, lightest first: one citation, 2 to 3, 4 to 6, 7 and more",
                ),
                range,
            );
        }
        shades
    }
}

/// Whether `dir` holds a font file, at any depth.
fn holds_fonts(dir: &std::path::Path) -> bool {
    files_under(dir).is_ok_and(|files| {
        files.iter().any(|path| {
            path.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
    })
}
