//! Pictures: `image` names a file inside `sources/`, with its mandatory
//! `alt`; `caption` and `credit` need a picture.

use toml::Spanned;

use super::Validator;
use crate::content::file::SourceText;
use crate::content::picture::{Picture, path_problem};
use crate::diag::{Code, Diagnostic, display_path};

/// The picture keys of a block or a chapter opener, as written.
pub(super) struct Keys {
    pub(super) image: Option<Spanned<String>>,
    pub(super) alt: Option<SourceText>,
    pub(super) caption: Option<SourceText>,
    pub(super) credit: Option<SourceText>,
}

impl Validator<'_> {
    /// The picture the keys describe, if they describe one and it is usable.
    pub(super) fn picture(&mut self, keys: Keys) -> Option<Picture> {
        let alt = keys.alt.map(|a| self.unprinted_text(a));
        let caption = self.optional(keys.caption);
        let credit = self.optional(keys.credit);
        match (keys.image, alt) {
            (Some(image), Some(alt)) => {
                if alt.raw.trim().is_empty() {
                    self.report(
                        Diagnostic::new(Code::PictureAlt, "the picture's `alt` text is empty")
                            .hint("describe what the picture shows, for readers who cannot see it (PDF/UA requires it)"),
                        alt.span.clone(),
                    );
                }
                if self.picture_file_is_usable(&image) && !alt.raw.trim().is_empty() {
                    Some(Picture {
                        image,
                        alt,
                        caption,
                        credit,
                    })
                } else {
                    None
                }
            }
            (Some(image), None) => {
                self.report(
                    Diagnostic::new(Code::PictureAlt, "a picture needs an `alt` text").hint(
                        "add `alt = \"…\"` describing what the picture shows, for readers who cannot see it",
                    ),
                    image.span(),
                );
                None
            }
            (None, Some(alt)) => {
                self.report(
                    Diagnostic::new(
                        Code::PictureImage,
                        "`alt` describes a picture, but there is no `image`",
                    )
                    .hint("add `image = \"images/….jpg\"` or remove `alt`"),
                    alt.span,
                );
                None
            }
            (None, None) => {
                if let Some(orphan) = caption.as_ref().or(credit.as_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::PictureImage,
                            "a `caption` or a `credit` needs a picture",
                        )
                        .hint("add `image = \"images/….jpg\"` and `alt = \"…\"`, or remove them"),
                        orphan.span.clone(),
                    );
                }
                None
            }
        }
    }

    /// Whether `image` is a plain path to a file inside `sources/`; reports
    /// it when it is not.
    fn picture_file_is_usable(&mut self, image: &Spanned<String>) -> bool {
        let path = image.get_ref();
        if let Some(problem) = path_problem(path) {
            self.report(
                Diagnostic::new(
                    Code::PicturePath,
                    format!("`{path}` is not a path inside `sources/`: {problem}"),
                )
                .hint("give the path from sources/, e.g. `images/college.jpg`"),
                image.span(),
            );
            return false;
        }
        if !self.dir.join(path).is_file() {
            self.report(
                Diagnostic::new(
                    Code::PictureMissing,
                    format!(
                        "the picture `{path}` is not a file inside `{}`",
                        display_path(self.dir)
                    ),
                )
                .hint("put the picture under sources/ (e.g. sources/images/) and give its path from there"),
                image.span(),
            );
            return false;
        }
        if let Err(reason) = readable(&self.dir.join(path)) {
            self.report(
                Diagnostic::new(
                    Code::PictureUnreadable,
                    format!("the picture `{path}` cannot be read: {reason}"),
                )
                .hint("save it again as a JPEG or PNG file, or check that it is not damaged"),
                image.span(),
            );
            return false;
        }
        true
    }
}

/// Whether a JPEG or PNG picture can be read, from its header (other
/// formats Typst reads, such as SVG, are left to it).
fn readable(path: &std::path::Path) -> Result<(), String> {
    let reader = image::ImageReader::open(path)
        .and_then(image::ImageReader::with_guessed_format)
        .map_err(|err| err.to_string())?;
    match reader.format() {
        Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => reader
            .into_dimensions()
            .map(|_| ())
            .map_err(|err| err.to_string()),
        _ => Ok(()),
    }
}
