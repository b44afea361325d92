//! Content: the serde model of `sources/*.toml`, its loading, and the
//! inline markup of its texts.

mod block;
pub mod departements;
mod layout;
mod load;
pub mod markup;
pub mod model;
mod picture;
mod profile;
mod text;
pub mod typography;
mod walk;

pub use load::{Brochure, Date, LoadError, MANIFEST_FILE, PictureSource, Project, load};
pub use picture::PICTURES_ROOT;
pub use text::Text;
pub use walk::{Role, TextSite};
