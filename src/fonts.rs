//! The fonts of `fonts/`, the only ones the brochure may use (never the
//! system's), and the characters they can print.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

use crate::diag::{Code, Diagnostic, display_path};
use crate::files::files_under;

/// The extensions of font files, in lower case.
pub const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// Every font face of the `.ttf`/`.otf` files under `dir`, in path order.
///
/// # Errors
/// A folder or a file that cannot be read, or a folder with no font.
pub fn load(dir: &Path) -> Result<Vec<Font>, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::new(
            Code::FontsMissing,
            format!("the fonts folder `{}` does not exist", display_path(dir)),
        )
        .hint("run `bilan` from the repository root, or pass `--root <DIR>`"));
    }
    let fonts = faces_under(dir)?;
    if fonts.is_empty() {
        return Err(Diagnostic::new(
            Code::FontsMissing,
            format!("no font file (.ttf, .otf) under `{}`", display_path(dir)),
        )
        .hint("run `bilan` from the repository root, or pass `--root <DIR>`"));
    }
    Ok(fonts)
}

/// Every font face of the `.ttf`/`.otf`/`.ttc`/`.otc` files under `dir`,
/// in path order (none when it holds no font file).
///
/// # Errors
/// A folder or a file that cannot be read.
pub fn faces_under(dir: &Path) -> Result<Vec<Font>, Diagnostic> {
    let mut fonts = Vec::new();
    for path in files_under(dir)? {
        let is_font = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_font {
            let data = std::fs::read(&path).map_err(|err| Diagnostic::unreadable(&path, &err))?;
            fonts.extend(Font::iter(Bytes::new(data)));
        }
    }
    Ok(fonts)
}

/// What the fonts can print.
///
/// The layouts name their fonts in `layouts/theme.typ`, and Typst falls
/// back, for a character the named font lacks, to any other font it has:
/// here only those of `fonts/`. So a character prints if one of these fonts
/// has a glyph for it; otherwise Typst draws an empty box and the PDF/UA
/// export fails.
#[derive(Debug, Clone)]
pub struct Coverage {
    infos: Vec<FontInfo>,
    /// Whether each of the first 512 code points prints (Latin, with its
    /// accents and punctuation: nearly every character of a French text),
    /// computed once.
    common: Vec<bool>,
}

/// How many code points [`Coverage`] answers from its table.
const COMMON: u32 = 512;

impl Coverage {
    /// The coverage of these fonts.
    pub fn new<'a>(fonts: impl IntoIterator<Item = &'a Font>) -> Self {
        let mut coverage = Self {
            infos: fonts.into_iter().map(|font| font.info().clone()).collect(),
            common: Vec::new(),
        };
        coverage.common = (0..COMMON)
            .map(|code| char::from_u32(code).is_some_and(|c| coverage.lookup(c)))
            .collect();
        coverage
    }

    /// Whether Typst can print `c`: a font has it, or Typst prints it
    /// without a glyph of its own: a space or a line break (the shaper
    /// draws any Unicode space with the font's space), or an invisible
    /// « default ignorable » character that it removes, such as the soft
    /// hyphen or the zero width space.
    pub fn prints(&self, c: char) -> bool {
        let code = u32::from(c);
        match usize::try_from(code).ok().and_then(|i| self.common.get(i)) {
            Some(&prints) => prints,
            None => self.lookup(c),
        }
    }

    fn lookup(&self, c: char) -> bool {
        c.is_whitespace()
            || typst::text::is_default_ignorable(c)
            || self
                .infos
                .iter()
                .any(|info| info.coverage.contains(u32::from(c)))
    }

    /// The families of the fonts, for messages.
    pub fn families(&self) -> Vec<&str> {
        let mut families: Vec<&str> = self.infos.iter().map(|i| i.family.as_str()).collect();
        families.dedup();
        families
    }
}

#[cfg(test)]
mod tests {
    use super::{Coverage, load};

    #[test]
    fn the_fonts_print_french_and_not_emoji() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let fonts = load(&root.join("fonts")).expect("fonts");
        let coverage = Coverage::new(&fonts);
        for c in "2aéÉœ’…€«»\u{A0}\u{202F}\u{AD}\u{200B}\t".chars() {
            assert!(coverage.prints(c), "{c:?}");
        }
        for c in "🏥中م\u{7}\u{E000}".chars() {
            assert!(!coverage.prints(c), "{c:?}");
        }
    }
}
