//! What a batch of file events touched.

use std::path::PathBuf;

use crate::pipeline::Options;

/// What a batch of file events touched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// A file of the content folder.
    pub sources: bool,
    /// A layout.
    pub layouts: bool,
    /// A font.
    pub fonts: bool,
    /// The files, for the report.
    pub paths: Vec<PathBuf>,
}

impl Change {
    /// Sorts changed paths into what they touch; paths outside the watched
    /// folders are ignored. Pure, so that it can be tested alone.
    pub fn classify(options: &Options, paths: impl IntoIterator<Item = PathBuf>) -> Self {
        let layouts = options.root.join("layouts");
        let fonts = options.root.join("fonts");
        let mut change = Change::default();
        for path in paths {
            let touched = if path.starts_with(&options.sources) {
                &mut change.sources
            } else if path.starts_with(&layouts) {
                &mut change.layouts
            } else if path.starts_with(&fonts) {
                &mut change.fonts
            } else {
                continue;
            };
            *touched = true;
            if !change.paths.contains(&path) {
                change.paths.push(path);
            }
        }
        change
    }

    /// Whether anything watched changed.
    pub fn is_empty(&self) -> bool {
        !(self.sources || self.layouts || self.fonts)
    }

    /// Adds what `later` touched: one build then takes both batches.
    pub fn merge(&mut self, later: Change) {
        self.sources |= later.sources;
        self.layouts |= later.layouts;
        self.fonts |= later.fonts;
        for path in later.paths {
            if !self.paths.contains(&path) {
                self.paths.push(path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::ProfileName;

    fn options() -> Options {
        Options {
            root: PathBuf::from("/p"),
            sources: PathBuf::from("/p/sources"),
            profile: ProfileName::Print,
            marks: false,
            departement: None,
        }
    }

    #[test]
    fn changes_are_sorted_by_folder() {
        let change = Change::classify(
            &options(),
            [
                PathBuf::from("/p/sources/01.toml"),
                PathBuf::from("/p/layouts/theme.typ"),
                PathBuf::from("/p/build/bilan-print.pdf"),
            ],
        );
        assert!(change.sources && change.layouts && !change.fonts);
        assert_eq!(change.paths.len(), 2);
    }

    #[test]
    fn the_output_folder_is_not_a_change() {
        let change = Change::classify(&options(), [PathBuf::from("/p/build/bilan-print.pdf")]);
        assert!(change.is_empty());
    }

    #[test]
    fn merged_batches_touch_what_either_touched_once() {
        let mut first = Change::classify(&options(), [PathBuf::from("/p/sources/01.toml")]);
        first.merge(Change::classify(
            &options(),
            [
                PathBuf::from("/p/layouts/theme.typ"),
                PathBuf::from("/p/sources/01.toml"),
            ],
        ));
        assert!(first.sources && first.layouts && !first.fonts);
        assert_eq!(first.paths.len(), 2);
    }
}
