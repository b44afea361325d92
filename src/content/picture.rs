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
    /// The file inside `sources_dir`, if the path is a plain path inside it.
    pub fn file(&self, sources_dir: &Path) -> Option<PathBuf> {
        let image = self.image.get_ref();
        path_problem(image)
            .is_none()
            .then(|| sources_dir.join(image))
    }

    /// Where the layouts find the picture.
    pub fn virtual_path(&self) -> String {
        virtual_path_of(self.image.get_ref())
    }
}

/// Where the layouts find the file `path` of `sources/`.
pub(super) fn virtual_path_of(path: &str) -> String {
    format!("{PICTURES_ROOT}{path}")
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

/// Why `image` cannot name a file inside `sources/`, if it cannot: it must
/// be a relative path of plain names separated by `/`. Such a path is also
/// a valid path of the Typst world (no backslash, nothing above the root).
pub(crate) fn path_problem(image: &str) -> Option<&'static str> {
    if image.trim().is_empty() {
        Some("the path is empty")
    } else if image.contains('\\') {
        Some("it contains a backslash `\\`; separate folders with `/`")
    } else if !Path::new(image)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        Some("it leaves `sources/` (an absolute path, or `..`)")
    } else {
        None
    }
}
