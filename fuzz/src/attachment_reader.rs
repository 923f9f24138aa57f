//! Any bytes as an attachment file: the reader says what it is or why it cannot be used,
//! within its memory budget, and a file it accepts goes to both writers, which place it
//! (each file verified) or refuse it with a message naming it, within their budget: never a
//! crash, an abort on memory, or a file that is not whole.

use crate::support::{one_section_book, scratch, within_budget};
use appbook::attachment::{self, FileKind};
use appbook::book::Block;

const NAMES: [&str; 4] = ["a.pdf", "a.png", "a.jpg", "a.bin"];

pub fn run(data: &[u8]) {
    let name = NAMES[data.first().map_or(0, |b| *b as usize % NAMES.len())];
    let data = data.get(1..).unwrap_or_default();
    let dir = scratch().join("attachment");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, data).expect("scratch write");
    let read = within_budget("reading an attachment", 128, || attachment::read(&path));
    assert_eq!(read, attachment::read(&path), "two readings differ");
    let Ok(att) = read else {
        return;
    };
    assert_eq!(
        Some(att.kind),
        attachment::sniff(data),
        "kind is not the content's"
    );
    match att.kind {
        FileKind::Pdf => assert!(att.pages.is_some_and(|n| n > 0), "a PDF without pages"),
        FileKind::Png | FileKind::Jpeg => assert_eq!(att.pages, None),
    }
    let book = one_section_book(vec![Block::Embed {
        file: att.path.clone(),
        kind: att.kind,
        pages: att.pages,
        pixels: att.pixels,
        dpi: att.dpi,
    }]);
    within_budget("placing an attachment", 1024, || place(&book, &att.path));
}

/// Both writers on a book holding the attachment: a file they make is verified; a refusal
/// must say which attachment it is about.
fn place(book: &appbook::book::Book, file: &std::path::Path) {
    use appbook::writers::Writer;
    let name = file.display().to_string();
    let named = |en: &str| {
        assert!(
            en.contains(&name),
            "a refusal without the file's name: {en}"
        )
    };
    match appbook::writers::docx::DocxWriter::default().write(book) {
        Ok(docx) => crate::support::verify_docx(&docx),
        Err(e) => named(&e.message.en),
    }
    match crate::support::pdf_writer().render(book) {
        Ok(pdf) => crate::support::verify_pdf(book, &pdf),
        Err(t) => named(&t.en),
    }
}
