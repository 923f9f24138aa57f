//! What the targets share: the repository's samples copied into a scratch folder once per
//! process, a counting allocator that holds every input to a memory budget, and the checks
//! made on every book a writer produces.

use appbook::book::Book;
use appbook::writers::pdf::fonts::FontOptions;
use appbook::writers::pdf::Renderer;
use appbook::writers::Writer;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The system allocator, counting the bytes held now and the most held since the last
/// [`within_budget`] began, so a target can fail on an input that needs too much memory
/// instead of leaving that to the operating system.
pub struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = HELD.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1024 * 1024;

/// Runs `f` and fails when the memory it held at its peak, beyond what was held before,
/// exceeds `budget_mib`. Other threads' allocations count too, so budgets leave room for them.
pub fn within_budget<T>(what: &str, budget_mib: usize, f: impl FnOnce() -> T) -> T {
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let used = PEAK.load(Ordering::Relaxed).saturating_sub(before);
    assert!(
        used <= budget_mib * MIB,
        "{what} held {} MiB at its peak, over its budget of {budget_mib} MiB",
        used / MIB
    );
    out
}

/// The repository: the fuzz crate's parent when built by cargo-fuzz, the crate itself when
/// the regression test includes these files.
pub fn repo() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if here.join("samples").is_dir() {
        here
    } else {
        here.parent()
            .expect("the fuzz crate lies in the repository")
            .to_path_buf()
    }
}

/// The samples, by programme and folder name, in a fixed order.
pub const SAMPLES: [(&str, &str); 5] = [
    ("moe-learning-award", "agency"),
    ("moe-learning-award", "foundation"),
    ("moe-learning-award", "school"),
    ("sme-org-learning", "manufacturing"),
    ("sme-org-learning", "services"),
];

/// A process-wide scratch folder holding a copy of every sample (application and
/// attachments), so targets can write files next to real attachments without touching the
/// repository.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("appbook-fuzz")
            .tempdir()
            .expect("a scratch folder");
        for (programme, name) in SAMPLES {
            copy_tree(
                &repo().join("samples").join(programme).join(name),
                &dir.path().join(name),
            );
        }
        dir
    })
    .path()
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("scratch folder");
    for entry in std::fs::read_dir(from).expect("sample folder") {
        let entry = entry.expect("sample entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a sample file");
        }
    }
}

/// The PDF writer, with its fonts loaded once per process.
pub fn pdf_writer() -> &'static Renderer {
    static PDF: OnceLock<Renderer> = OnceLock::new();
    PDF.get_or_init(|| {
        Renderer::new(&FontOptions::default())
            .unwrap_or_else(|t| panic!("the fuzz targets need a Kai font: {}", t.en))
    })
}

/// Both formats of `book`, each checked: the DOCX is a zip whose XML parts are all
/// well-formed, and the PDF reads back with every paragraph's text in it. A writer's error
/// fails the input too: a book that reached the writers must become files.
pub fn write_and_verify(book: &Book) {
    let docx = appbook::writers::docx::DocxWriter::default()
        .write(book)
        .unwrap_or_else(|e| panic!("the DOCX writer failed: {}", e.message.en));
    verify_docx(&docx);
    let pdf = pdf_writer()
        .render(book)
        .unwrap_or_else(|t| panic!("the PDF writer failed: {}", t.en));
    verify_pdf(book, &pdf);
}

/// Every part of the package is readable, and every XML part is well-formed: elements
/// balanced, one root, and only characters XML 1.0 allows (Word refuses a file with a
/// control character in its XML).
pub fn verify_docx(docx: &[u8]) {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("the DOCX is a zip");
    assert!(
        zip.by_name("word/document.xml").is_ok(),
        "no word/document.xml"
    );
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a readable zip entry");
        let name = part.name().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{name} does not decompress: {e}"));
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed_xml(&name, &bytes);
        }
    }
}

fn well_formed_xml(name: &str, bytes: &[u8]) {
    use quick_xml::events::Event;
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|&c| !xml_char(c)) {
        panic!(
            "{name} holds U+{:04X}, which XML 1.0 does not allow",
            c as u32
        );
    }
    let mut reader = quick_xml::Reader::from_str(text);
    let (mut depth, mut roots) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => {
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(Event::Empty(_)) if depth == 0 => roots += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => {
                t.unescape()
                    .unwrap_or_else(|e| panic!("{name} has a bad entity: {e}"));
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed XML: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name} leaves elements open");
    assert_eq!(roots, 1, "{name} has {roots} root elements");
}

/// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
fn xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// The characters the text comparison keeps: letters and Chinese characters every Kai font
/// draws and every PDF reader reads back alike. Anything else (marks the shaper drops,
/// characters the font lacks, a hyphen at a line break) is left out of both sides, and so
/// are digits: a printed line of digits alone is a page number to the reader, which drops it.
pub fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii_alphabetic() || PALETTE.contains(*c))
        .collect()
}

/// Chinese characters the generated texts use, all in TW-Kai and 標楷體.
pub const PALETTE: &str = "申請書學習員工計畫單位經費補助年月日教育部中小企業組織規劃訓練課程時數";

/// Every paragraph, line, answer, testimonial and heading of the book is in the PDF's text,
/// in full and in one piece.
pub fn verify_pdf(book: &Book, pdf: &[u8]) {
    use appbook::book::Block;
    let observed = appbook::inspect::pdf::inspect(pdf)
        .unwrap_or_else(|e| panic!("appbook cannot read its own PDF: {}", e.message.en));
    let printed: String = observed.lines.iter().map(|l| comparable(&l.text)).collect();
    let mut expected = Vec::new();
    for s in book.all_sections() {
        expected.push(s.heading());
        // An answer's details are printed too, under it.
        for b in s.blocks.iter().flat_map(Block::walk) {
            match b {
                Block::Paragraph { text } | Block::Line { text } | Block::Check { text, .. } => {
                    expected.extend(text.split('\n').map(str::to_string))
                }
                Block::Testimonial { text, .. } => {
                    expected.extend(text.split('\n').map(str::to_string))
                }
                _ => {}
            }
        }
    }
    for text in expected {
        let want = comparable(&text);
        assert!(
            printed.contains(&want),
            "the PDF lacks the text {want:?} (from {text:?})"
        );
    }
}

/// A reader of finished books run twice on `data`: the same findings both times, and the
/// first within the budget of a file far larger than any fuzz input.
pub fn inspect_twice(
    what: &str,
    data: &[u8],
    inspect: fn(&[u8]) -> Result<appbook::inspect::Observed, appbook::inspect::InspectError>,
) {
    let judge = |r: Result<appbook::inspect::Observed, appbook::inspect::InspectError>| match r {
        Ok(o) => {
            let found = appbook::format_rules::check(&o, "book");
            format!("{:?}\n{found:?}", o.lines)
        }
        Err(e) => format!("{} {}", e.code, e.message.en),
    };
    let first = within_budget(what, 512, || judge(inspect(data)));
    assert_eq!(first, judge(inspect(data)), "{what}: two readings differ");
}

/// A book of one section holding `blocks`, as a programme would hand it to the writers.
pub fn one_section_book(blocks: Vec<appbook::book::Block>) -> Book {
    use appbook::book::{Cover, Meta, Section};
    Book {
        meta: Meta {
            title: "申請書".into(),
            author: "單位".into(),
            subject: String::new(),
            keywords: Vec::new(),
            date: None,
        },
        cover: Cover {
            title: vec!["申請書".into()],
            fields: Vec::new(),
            date_line: String::new(),
        },
        toc_title: "目次".into(),
        sections: vec![Section {
            level: 1,
            number: Some("壹、".into()),
            title: "附件".into(),
            toc: true,
            page_break: true,
            blocks,
            children: Vec::new(),
        }],
    }
}
