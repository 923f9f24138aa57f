//! The Typst World of one book: the template as `/main.typ`, the book as `/data.json`, and the
//! attachment files under the virtual names the writer gave them. Nothing else is readable:
//! a path that is not one of these is "not found", whatever exists on disk.

use super::fonts::FontSet;
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub const TEMPLATE: &str = include_str!("../../../templates/typst/book.typ");

pub struct BookWorld<'a> {
    library: &'a LazyHash<Library>,
    fonts: &'a FontSet,
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

/// Typst's standard library, built (and hashed, for Typst's memoisation) once per renderer, so
/// the books of a batch share it.
pub fn library() -> LazyHash<Library> {
    LazyHash::new(Library::builder().build())
}

/// The id of a project file at `path` (absolute, e.g. `/data.json`).
pub fn file_id(path: &str) -> FileId {
    // Only the writer's own fixed names reach here (/main.typ, /data.json, /files/N.pdf), never
    // a user's path, so the path is always well formed.
    let vpath = VirtualPath::new(path).expect("a fixed virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl<'a> BookWorld<'a> {
    /// `files` maps virtual paths (e.g. `/data.json`, `/attachments/1.pdf`) to their bytes.
    pub fn new(
        fonts: &'a FontSet,
        library: &'a LazyHash<Library>,
        files: Vec<(String, Bytes)>,
        today: Option<Datetime>,
    ) -> Self {
        let main = Source::new(file_id("/main.typ"), TEMPLATE.to_string());
        BookWorld {
            library,
            fonts,
            main,
            files: files.into_iter().map(|(p, b)| (file_id(&p), b)).collect(),
            today,
        }
    }
}

impl World for BookWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_with_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match self.files.get(&id) {
            Some(b) => Ok(b.clone()),
            None => Err(FileError::NotFound(id.vpath().get_with_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
