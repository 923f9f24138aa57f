//! Kai font discovery (SPEC §4.1). Typst resolves a family by the font's own family name and
//! has no aliases, so appbook looks at what is installed and names the family itself, in the
//! order of preference: 標楷體 (Windows, macOS), then the free Kai fonts that follow the
//! Ministry's standard glyphs. Fonts are scanned once and shared by every book of a process.

use crate::diagnostics::Text;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontSource, FontStore};

/// Kai families in order of preference, by the lowercase family name Typst sees.
const PREFERRED: &[(&str, bool)] = &[
    // (family, is the real 標楷體)
    ("dfkai-sb", true),
    ("標楷體", true),
    ("biaukai", true),
    ("biaukaitc", true),
    ("biaukaihk", true),
    ("tw-kai", false),
    ("ar pl ukai tw", false),
    ("ar pl ukai tw mbe", false),
    ("tw-moe-std-kai", false),
    ("ar pl ukai hk", false),
];

/// Families tried after the main one for characters it lacks (TW-Kai keeps CJK Ext-B and
/// its plus planes in separate files).
const SUPPLEMENTS: &[&str] = &["tw-kai-ext-b", "tw-kai-plus"];

/// Where to look for fonts.
#[derive(Clone, Debug, Default)]
pub struct FontOptions {
    /// Extra folders, searched recursively (`--font-dir`).
    pub dirs: Vec<PathBuf>,
    /// Leave out the system's fonts (`--no-system-fonts`), e.g. for hermetic runs.
    pub no_system: bool,
}

/// The fonts of a process and the Kai family chosen from them.
pub struct FontSet {
    store: FontStore,
    /// Family names to give Typst, main Kai family first.
    pub families: Vec<String>,
    /// The chosen family as the font calls itself (for messages).
    pub chosen: String,
    /// True when the chosen family is 標楷體 itself rather than a substitute.
    pub is_biaukai: bool,
}

impl FontSet {
    /// Scans the folders (and the system unless switched off) and picks the Kai family.
    pub fn load(opts: &FontOptions) -> Result<FontSet, Text> {
        let mut store = FontStore::new();
        for dir in &opts.dirs {
            if !dir.is_dir() {
                return Err(Text::new(
                    format!("字型資料夾「{}」不存在", dir.display()),
                    format!("the font folder `{}` does not exist", dir.display()),
                ));
            }
            store.extend(scan(|db| db.load_fonts_dir(dir)));
        }
        if !opts.no_system {
            store.extend(scan(fontdb::Database::load_system_fonts));
        }
        let (chosen, is_biaukai) = {
            let book = store.book();
            let mut found = None;
            for (want, real) in PREFERRED {
                if let Some(name) = family(book, want) {
                    found = Some((name, *real));
                    break;
                }
            }
            found.ok_or_else(no_kai)?
        };
        let mut families = vec![chosen.clone()];
        for s in SUPPLEMENTS {
            if let Some(name) = family(store.book(), s) {
                if !families.contains(&name) {
                    families.push(name);
                }
            }
        }
        Ok(FontSet {
            store,
            families,
            chosen,
            is_biaukai,
        })
    }

    pub fn book(&self) -> &LazyHash<FontBook> {
        self.store.book()
    }

    pub fn font(&self, index: usize) -> Option<Font> {
        self.store.font(index)
    }

    /// Loads the main family's faces, as setting the book's first line would.
    pub fn warm(&self) {
        let want = self.chosen.to_lowercase();
        let faces: Vec<usize> = self.book().select_family(&want).collect();
        for index in faces {
            self.font(index);
        }
    }
}

/// The family's name as Typst knows it, if some installed font has it.
fn family(book: &FontBook, lowercase: &str) -> Option<String> {
    book.families()
        .find(|(name, _)| name.to_lowercase() == lowercase)
        .map(|(name, _)| name.to_string())
}

/// The faces of the fonts `load` finds, each with what Typst needs to choose it (its family,
/// style and which characters it covers), in the order of their paths: directory scans come
/// back in file-system order, and sorting keeps the font indices, and so the chosen faces, the
/// same on every run. Working out a CJK face's coverage walks tens of thousands of characters,
/// so the faces are looked at on every core.
fn scan(load: impl FnOnce(&mut fontdb::Database)) -> Vec<(MappedFont, FontInfo)> {
    let mut db = fontdb::Database::new();
    load(&mut db);
    let faces: Vec<(fontdb::ID, PathBuf, u32)> = db
        .faces()
        .filter_map(|face| match &face.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => {
                Some((face.id, path.clone(), face.index))
            }
            fontdb::Source::Binary(_) => None,
        })
        .collect();
    let mut found: Vec<(MappedFont, FontInfo)> = faces
        .into_par_iter()
        .filter_map(|(id, path, index)| {
            let info = db.with_face_data(id, FontInfo::new)??;
            Some((MappedFont { path, index }, info))
        })
        .collect();
    found.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
    found
}

/// A face in a font file, loaded when Typst first asks for it. The file is mapped rather than
/// read: a Kai font is 30 to 65 MB, of which a book touches the tables and the outlines of the
/// characters it sets.
struct MappedFont {
    path: PathBuf,
    index: u32,
}

impl FontSource for MappedFont {
    fn load(&self) -> Option<Font> {
        let map = Arc::new(map(&self.path)?);
        let font = Font::new(Bytes::new(Shared(Arc::clone(&map))), self.index)?;
        // Typst keys its caches by a hash of the font's every byte, worked out the first time a
        // font is hashed. Here, once (a face is loaded once), rather than on each thread that
        // lays out a page and meets the font still unhashed; the pages read for it (the whole
        // file) then leave the process, to come back one by one as the book's glyphs are set:
        // kept, they were a third of a book's memory.
        typst::utils::hash128(&font);
        // SAFETY: the mapping is shared and read-only, so the pages dropped are the file's own,
        // read again on the next access; no content is lost.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
        Some(font)
    }
}

/// A mapping both the font and its loader hold.
struct Shared(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn map(path: &Path) -> Option<memmap2::Mmap> {
    let file = std::fs::File::open(path).ok()?;
    // SAFETY: a mapped file that another process truncates while the book is set would fault;
    // installed fonts are not rewritten in place (packages replace the file, which leaves this
    // mapping whole), and Typst's own font scan maps the same files the same way.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    // Glyphs are read where the book's characters put them, not in file order.
    let _ = map.advise(memmap2::Advice::Random);
    Some(map)
}

fn no_kai() -> Text {
    Text::new(
        "找不到楷書字型（標楷體、全字庫正楷體 TW-Kai、AR PL UKai 或教育部標準楷書），無法依規定以 14 號標楷體排版。\
         請安裝其中一種：Debian／Ubuntu 執行 sudo apt-get install fonts-cns11643-kai；\
         Windows／macOS 已內建標楷體；或以 --font-dir 指定放有 kaiu.ttf 或 TW-Kai-98_1.ttf 的資料夾。",
        "no Kai font found (標楷體/DFKai-SB, TW-Kai, AR PL UKai or TW-MOE-Std-Kai); the form requires 14 pt 標楷體. \
         Install one: on Debian/Ubuntu run sudo apt-get install fonts-cns11643-kai; Windows and macOS ship 標楷體; \
         or pass --font-dir with a folder holding kaiu.ttf or TW-Kai-98_1.ttf.",
    )
}
