//! Pictures: any initiative, callout or chapter opener may carry one, with
//! `image = "images/….jpg"` (a file inside `sources/`), a mandatory `alt`
//! text, and optionally a `caption` and a `credit`.

use std::path::{Component, Path, PathBuf};

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::text::Text;

/// A picture and its texts.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The file, relative to `sources/`, as written (with its position).
    pub image: toml::Spanned<String>,
    /// What the picture shows, for readers who cannot see it (PDF/UA).
    pub alt: Text,
    /// A caption under the picture.
    pub caption: Option<Text>,
    /// Who made the picture.
    pub credit: Option<Text>,
}

/// The prefix under which the world serves the pictures of `sources/`.
pub const PICTURES_ROOT: &str = "/sources/";

impl Picture {
    /// Builds a picture from the keys of a block or an opener.
    ///
    /// # Errors
    /// An `alt` without `image`, an `image` without `alt`, or a caption or a
    /// credit without a picture, with a hint.
    pub fn from_keys(
        image: Option<toml::Spanned<String>>,
        alt: Option<Text>,
        caption: Option<Text>,
        credit: Option<Text>,
    ) -> Result<Option<Self>, String> {
        match (image, alt) {
            (Some(image), Some(alt)) => Ok(Some(Self {
                image,
                alt,
                caption,
                credit,
            })),
            (Some(_), None) => Err(
                "a picture needs an `alt` text\nhint: add `alt = \"…\"` describing \
                 what the picture shows, for readers who cannot see it"
                    .into(),
            ),
            (None, Some(_)) => Err(
                "`alt` describes a picture, but there is no `image`\nhint: add \
                 `image = \"images/….jpg\"` or remove `alt`"
                    .into(),
            ),
            (None, None) if caption.is_some() || credit.is_some() => Err(
                "a `caption` or a `credit` needs a picture\nhint: add `image = \"images/….jpg\"` \
                     and `alt = \"…\"`, or remove them"
                    .into(),
            ),
            (None, None) => Ok(None),
        }
    }

    /// The file inside `sources_dir`, if the path stays inside it.
    pub fn file(&self, sources_dir: &Path) -> Option<PathBuf> {
        let relative = Path::new(self.image.get_ref());
        let inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        (inside && !self.image.get_ref().is_empty()).then(|| sources_dir.join(relative))
    }

    /// Where the layouts find the picture.
    pub fn virtual_path(&self) -> String {
        format!("{PICTURES_ROOT}{}", self.image.get_ref())
    }
}

impl Serialize for Picture {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Picture", 4)?;
        state.serialize_field("path", &self.virtual_path())?;
        state.serialize_field("alt", &self.alt.plain())?;
        state.serialize_field("caption", &self.caption)?;
        state.serialize_field("credit", &self.credit)?;
        state.end()
    }
}
