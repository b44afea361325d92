//! The yardstick of the benchmarks: Typst alone, through its crates, on the
//! project `bilan export --typst` writes (the fitted decisions frozen in its
//! `layout.json`). No `bilan` code typesets here: a plain `World` serving
//! the exported folder from memory, the fonts of its `fonts/`, then
//! `typst::compile` and `typst_pdf::pdf`, as the official CLI does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// An exported project, served from memory.
pub(crate) struct Exported {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    main: FileId,
}

fn id(vpath: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(vpath).expect("a valid path"),
    )
    .intern()
}

fn files_under(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files_under(&path, into);
        } else {
            into.push(path);
        }
    }
}

impl Exported {
    /// Reads the project `bilan export --typst` wrote to `dir`.
    pub(crate) fn open(dir: &Path) -> Self {
        let mut paths = Vec::new();
        files_under(dir, &mut paths);
        paths.sort();
        let mut fonts = Vec::new();
        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for path in paths {
            let relative = path.strip_prefix(dir).expect("under the folder");
            let vpath = format!("/{}", relative.to_string_lossy());
            let bytes = std::fs::read(&path).expect("a readable file");
            match path.extension().and_then(|e| e.to_str()) {
                Some("ttf" | "otf") if vpath.starts_with("/fonts/") => {
                    fonts.extend(Font::iter(Bytes::new(bytes)));
                }
                Some("typ") => {
                    let text = String::from_utf8(bytes).expect("UTF-8 layouts");
                    sources.insert(id(&vpath), Source::new(id(&vpath), text));
                }
                _ => {
                    files.insert(id(&vpath), Bytes::new(bytes));
                }
            }
        }
        Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            sources,
            files,
            main: id("/main.typ"),
        }
    }

    /// Replaces `from` by `to` in the data file `vpath` (`/content.json`),
    /// as an editor's change reaches Typst.
    pub(crate) fn edit(&mut self, vpath: &str, from: &str, to: &str) {
        let file = self.files.get_mut(&id(vpath)).expect("a served file");
        let text = std::str::from_utf8(file.as_slice()).expect("UTF-8");
        assert!(text.contains(from), "`{from}` not in {vpath}");
        *file = Bytes::from_string(text.replacen(from, to, 1));
    }

    /// Compiles the project and exports its PDF, as `typst compile
    /// --pdf-standard ua-1` does; the PDF's size.
    pub(crate) fn compile_and_export(&self) -> usize {
        let document = typst::compile::<PagedDocument>(self)
            .output
            .expect("the exported project compiles");
        let options = PdfOptions {
            standards: PdfStandards::new(&[PdfStandard::Ua_1]).expect("a standard"),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(&document, &options)
            .expect("the PDF exports")
            .len()
    }
}

impl World for Exported {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(2021, 3, 1)
    }
}
