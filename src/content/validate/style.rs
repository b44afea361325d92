//! `[callouts.*]` of `bilan.toml`: each family's label, palette colours,
//! pictogram and frame; and the callouts' `family`, which must name one.

use std::collections::BTreeMap;

use toml::Spanned;

use super::Validator;
use crate::content::brand::Brand;
use crate::content::file;
use crate::content::picture::path_problem;
use crate::content::read::closest;
use crate::content::style::{CalloutStyle, PICTOGRAMS, Pictogram};
use crate::diag::{Code, Diagnostic, display_path};

impl Validator<'_> {
    /// Validates the callout families of `bilan.toml`.
    /// Their colours are those of `brand`.
    pub(super) fn callout_families(
        &mut self,
        raw: BTreeMap<String, file::CalloutFamily>,
        brand: &Brand,
    ) -> BTreeMap<String, CalloutStyle> {
        let colors: Vec<&str> = brand.colors.keys().map(String::as_str).collect();
        let paper = brand.roles.get("paper").cloned().unwrap_or_default();
        raw.into_iter()
            .map(|(name, family)| {
                let tint = family
                    .tint
                    .map_or_else(|| paper.clone(), |t| self.brand_color(t, &colors));
                let style = CalloutStyle {
                    label: self.filled_text(family.label, "the family's label"),
                    color: self.brand_color(family.color, &colors),
                    tint,
                    pictogram: self.pictogram(family.pictogram),
                    frame: family.frame,
                };
                (name, style)
            })
            .collect()
    }

    /// A colour of the brand; another name is reported.
    fn brand_color(&mut self, name: Spanned<String>, colors: &[&str]) -> String {
        if !colors.contains(&name.get_ref().as_str()) {
            self.report(
                unknown(
                    ("a colour of `[brand.colors]`", "its colours"),
                    name.get_ref(),
                    colors,
                ),
                name.span(),
            );
        }
        name.into_inner()
    }

    /// A built-in pictogram, or an SVG file inside `sources/`.
    fn pictogram(&mut self, name: Spanned<String>) -> Pictogram {
        let path = name.get_ref();
        if !path.ends_with(".svg") {
            if !PICTOGRAMS.contains(&path.as_str()) {
                self.report(
                    unknown(
                        ("a built-in pictogram", "the built-in pictograms"),
                        path,
                        PICTOGRAMS,
                    )
                    .hint("or give an SVG file inside `sources/`, e.g. `images/temoin.svg`"),
                    name.span(),
                );
            }
            return Pictogram::Builtin(name.into_inner());
        }
        if let Some(problem) = path_problem(path) {
            self.report(
                Diagnostic::new(
                    Code::PicturePath,
                    format!("`{path}` is not a path inside `sources/`: {problem}"),
                )
                .hint("give the path from sources/, e.g. `images/temoin.svg`"),
                name.span(),
            );
        } else if !self.dir.join(path).is_file() {
            self.report(
                Diagnostic::new(
                    Code::PictureMissing,
                    format!(
                        "the pictogram `{path}` is not a file inside `{}`",
                        display_path(self.dir)
                    ),
                )
                .hint("put the SVG file under sources/ and give its path from there"),
                name.span(),
            );
        }
        Pictogram::Svg(name)
    }

    /// The family a callout names, which `[callouts]` must declare.
    pub(super) fn family(&mut self, name: &Spanned<String>) -> Option<String> {
        let declared: Vec<&str> = self.families.iter().map(String::as_str).collect();
        if declared.contains(&name.get_ref().as_str()) {
            return Some(name.get_ref().clone());
        }
        let what = ("a callout family", "the families declared in bilan.toml");
        let mut diagnostic = unknown(what, name.get_ref(), &declared);
        if declared.is_empty() {
            diagnostic = diagnostic.hint(
                "declare a family in bilan.toml, e.g. `[callouts.zoom]` with `label`, `color` and `pictogram`",
            );
        }
        self.report(diagnostic, name.span());
        None
    }
}

/// « `zom` is not a callout family », with the closest name and the list;
/// `what` is the singular with its article and the plural.
pub(super) fn unknown(what: (&str, &str), name: &str, allowed: &[&str]) -> Diagnostic {
    let (one, all) = what;
    let mut diagnostic = Diagnostic::new(Code::UnknownValue, format!("`{name}` is not {one}"));
    if let Some(close) = closest(name, allowed) {
        diagnostic = diagnostic.hint(format!("did you mean `{close}`?"));
    }
    let names: Vec<String> = allowed.iter().map(|n| format!("`{n}`")).collect();
    if names.is_empty() {
        diagnostic.hint(format!("{all}: there are none"))
    } else {
        diagnostic.hint(format!("{all} are {}", names.join(", ")))
    }
}
