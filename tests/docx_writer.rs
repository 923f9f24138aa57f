//! The DOCX read back (zip + quick-xml): page setup, styles, numbering, TOC, tables,
//! attachments, escaping and byte-for-byte determinism.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::book::{Block, Book, Cell, Section, Table};
use appbook::writers::docx::numbering::word_label;
use appbook::writers::docx::{write_docx, DocxError, DocxOptions, DocxWriter};
use appbook::writers::Writer;
use common::crc32;
use common::docx::*;
use regex::Regex;

fn render() -> (tempfile::TempDir, Vec<u8>, Book) {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    let bytes = write_docx(&book).expect("the sample book renders");
    (dir, bytes, book)
}

fn attr(xml: &str, element: &str, name: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"<{element}\b[^>]*?\b{name}="([^"]*)""#)).unwrap();
    re.captures_iter(xml).map(|c| c[1].to_string()).collect()
}

#[test]
fn pages_are_a4_portrait_with_mirrored_margins_a_gutter_and_page_numbers() {
    let (_d, docx, _) = render();
    let doc = part(&docx, "word/document.xml");
    assert_eq!(attr(&doc, "w:pgSz", "w:w"), ["11906"]);
    assert_eq!(attr(&doc, "w:pgSz", "w:h"), ["16838"]);
    let left: i32 = attr(&doc, "w:pgMar", "w:left")[0].parse().unwrap();
    let right: i32 = attr(&doc, "w:pgMar", "w:right")[0].parse().unwrap();
    let gutter: i32 = attr(&doc, "w:pgMar", "w:gutter")[0].parse().unwrap();
    assert!(gutter > 0, "a gutter for binding");
    assert!(left + gutter > right, "the inside margin is wider");

    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains("<w:mirrorMargins/>"), "{settings}");
    // The 目次's numbers are written in, so Word opens the file without asking to update it.
    assert!(!settings.contains("updateFields"), "{settings}");

    // Two footers: the cover's (empty, title page) and the rest with a PAGE field.
    assert!(doc.contains("<w:titlePg"), "the cover has its own footer");
    let footers: Vec<String> = (1..=2)
        .map(|i| part(&docx, &format!("word/footer{i}.xml")))
        .collect();
    assert_eq!(
        footers
            .iter()
            .filter(|f| paragraphs(f).iter().any(|p| p.instr.trim() == "PAGE"))
            .count(),
        1
    );
}

#[test]
fn styles_are_14_point_kai_with_single_spacing() {
    let (_d, docx, _) = render();
    let styles = part(&docx, "word/styles.xml");
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    assert_eq!(attr(defaults, "w:sz", "w:val"), ["28"]);
    assert_eq!(attr(defaults, "w:rFonts", "w:eastAsia"), ["標楷體"]);
    // Latin letters and digits in the Kai face too, as in the PDF.
    assert_eq!(attr(defaults, "w:rFonts", "w:ascii"), ["標楷體"]);
    assert_eq!(attr(defaults, "w:rFonts", "w:hAnsi"), ["標楷體"]);
    // Single spacing with a Kai face is one em: exactly 14 pt.
    assert_eq!(attr(defaults, "w:spacing", "w:line"), ["280"]);
    assert_eq!(attr(defaults, "w:spacing", "w:lineRule"), ["exact"]);
    assert_eq!(attr(defaults, "w:lang", "w:eastAsia"), ["zh-TW"]);
    // Nothing overrides the size, font or spacing: headings are 14 pt 標楷體 too.
    let doc = part(&docx, "word/document.xml");
    for xml in [&styles, &doc] {
        assert!(attr(xml, "w:sz", "w:val").iter().all(|v| v == "28"));
        assert!(attr(xml, "w:rFonts", "w:eastAsia")
            .iter()
            .all(|v| v == "標楷體"));
        // Every line is one em, but for the small gap paragraph after a table and the
        // paragraphs that hold a picture (as tall as the picture).
        assert!(attr(xml, "w:spacing", "w:line")
            .iter()
            .all(|v| v == "280" || v == "140" || v == "240"));
        assert!(
            !xml.contains("<w:b />") && !xml.contains("<w:b/>"),
            "標楷體 has no bold"
        );
    }
    for level in 1..=5 {
        assert!(styles.contains(&format!(r#"w:styleId="Heading{level}""#)));
    }
    let fonts = part(&docx, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:font w:name="標楷體"><w:altName w:val="DFKai-SB"/>"#));
}

#[test]
fn numbering_xml_defines_the_five_heading_levels() {
    let (_d, docx, _) = render();
    let numbering = part(&docx, "word/numbering.xml");
    let ours = &numbering[numbering
        .find(r#"<w:abstractNum w:abstractNumId="2">"#)
        .expect("our list")..];
    let ours = &ours[..ours.find("</w:abstractNum>").unwrap()];
    assert_eq!(
        attr(ours, "w:numFmt", "w:val"),
        [
            "ideographLegalTraditional",
            "taiwaneseCounting",
            "taiwaneseCounting",
            "decimal",
            "decimal"
        ]
    );
    assert_eq!(
        attr(ours, "w:lvlText", "w:val"),
        ["%1、", "%2、", "（%3）", "%4、", "（%5）"]
    );
    assert_eq!(
        attr(ours, "w:pStyle", "w:val"),
        ["Heading1", "Heading2", "Heading3", "Heading4", "Heading5"]
    );
    assert_eq!(attr(ours, "w:suff", "w:val"), ["nothing"; 5]);
    assert!(
        Regex::new(r#"<w:num w:numId="2">\s*<w:abstractNumId w:val="2"\s*/>"#)
            .unwrap()
            .is_match(&numbering)
    );
    // The heading styles carry the list, so a heading inserted in Word is numbered.
    let styles = part(&docx, "word/styles.xml");
    for level in 1..=5 {
        let start = styles
            .find(&format!(r#"w:styleId="Heading{level}""#))
            .unwrap();
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert_eq!(attr(style, "w:numId", "w:val"), ["2"]);
        assert_eq!(
            attr(style, "w:outlineLvl", "w:val"),
            [(level - 1).to_string()]
        );
    }
}

/// Replays Word's list counters over the heading paragraphs and checks that number plus
/// text gives every heading exactly as the book prints it: Word numbers where it can, and
/// the numbers Word would spell differently (拾、 拾壹、) are written out.
#[test]
fn headings_print_the_books_numbers() {
    let (_d, docx, book) = render();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    let headings: Vec<&Para> = paras
        .iter()
        .filter(|p| p.style.starts_with("Heading") || p.style == "UnnumberedHeading")
        .collect();
    let sections = book.all_sections();
    assert_eq!(headings.len(), sections.len());
    let mut counters = [0u32; 5];
    let mut literal = Vec::new();
    for (p, s) in headings.iter().zip(&sections) {
        let printed = match p.num_id.as_deref() {
            Some("2") => {
                let i: usize = p.ilvl.as_deref().unwrap().parse().unwrap();
                assert_eq!(p.style, format!("Heading{}", i + 1));
                counters[i] += 1;
                counters.iter_mut().skip(i + 1).for_each(|c| *c = 0);
                // The heading text itself never carries the number.
                assert_eq!(p.text, s.title);
                format!("{}{}", word_label(i as u8 + 1, counters[i]), p.text)
            }
            Some("0") => {
                literal.push(p.text.clone());
                p.text.clone()
            }
            None => {
                assert_eq!(p.style, "UnnumberedHeading");
                p.text.clone()
            }
            Some(other) => panic!("unexpected list {other}"),
        };
        assert_eq!(printed, s.heading());
    }
    assert_eq!(literal, ["拾、其他事項10", "拾壹、其他事項11"]);
    // 十、 and 十一、 at the second level are Word's own numbers.
    assert!(sections
        .iter()
        .any(|s| s.heading() == "十一、評審項目第11項"));
}

#[test]
fn toc_is_a_filled_field_listing_every_section_and_attachment() {
    let (_d, docx, book) = render();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    let toc: Vec<&Para> = paras
        .iter()
        .filter(|p| p.style.starts_with("TOC") && p.style != "TOCHeading")
        .collect();
    assert!(
        toc[0].instr.contains(r#"TOC \o "1-3" \h"#),
        "{}",
        toc[0].instr
    );
    let listed: Vec<&Section> = book.all_sections().into_iter().filter(|s| s.toc).collect();
    assert_eq!(toc.len(), listed.len());
    assert!(listed.iter().any(|s| s.title == "附件3 員工學習規章"));
    let heading_bookmarks: Vec<(String, String)> = paras
        .iter()
        .filter(|p| p.style.starts_with("Heading") || p.style == "UnnumberedHeading")
        .map(|p| (p.bookmarks[0].clone(), p.text.clone()))
        .collect();
    let pageref = Regex::new(r"PAGEREF (_Toc\d+) \\h").unwrap();
    let mut last_page = 0;
    for (entry, s) in toc.iter().zip(&listed) {
        // Entry text, then the page number from the PAGEREF result.
        let page = entry
            .text
            .strip_prefix(&s.heading())
            .expect("entry names the heading");
        let page: u32 = page.parse().expect("a page number");
        assert!(
            page >= last_page && page >= 2,
            "pages ascend past the cover and TOC"
        );
        last_page = page;
        let target = pageref.captures(&entry.instr).unwrap()[1].to_string();
        assert!(heading_bookmarks
            .iter()
            .any(|(b, t)| *b == target && s.heading().ends_with(t.as_str())));
    }
}

#[test]
fn given_toc_pages_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    let n = book.all_sections().iter().filter(|s| s.toc).count();
    let pages: Vec<u32> = (0..n as u32).map(|i| 100 + i).collect();
    let docx = appbook::writers::docx::write_docx_with(
        &book,
        &DocxOptions {
            toc_pages: Some(pages),
        },
    )
    .unwrap();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    let first = paras.iter().find(|p| p.style == "TOC1").unwrap();
    assert_eq!(first.text, "壹、基本資料表100");
}

#[test]
fn basic_data_table_has_merged_cells_shaded_labels_and_seal_boxes() {
    let (_d, docx, _) = render();
    let doc = part(&docx, "word/document.xml");
    assert!(attr(&doc, "w:gridSpan", "w:val").iter().any(|v| v == "3"));
    let merges = attr(&doc, "w:vMerge", "w:val");
    assert_eq!(merges.iter().filter(|v| *v == "restart").count(), 1);
    assert_eq!(merges.iter().filter(|v| *v == "continue").count(), 1);
    assert!(attr(&doc, "w:shd", "w:fill").iter().any(|f| f == "F2F2F2"));
    assert!(doc.contains(r#"<w:trHeight w:val="2268" w:hRule="atLeast" />"#));
    let texts: Vec<String> = paragraphs(&doc).into_iter().map(|p| p.text).collect();
    for t in [
        "申請單位：財團法人測試學習基金會",
        "主管機關：教育部",
        "申請單位用印處",
        "代表人或負責人用印處",
        "☑ 是",
        "☐ 否",
        "「人事專員」",
        "參加數位學習課程後，工作效率明顯提升。── 李小華",
    ] {
        assert!(texts.iter().any(|x| x == t), "{t}");
    }
    // Every grid column adds up to the text width in every table.
    let grids = Regex::new(r"<w:tblGrid>(.*?)</w:tblGrid>").unwrap();
    for g in grids.captures_iter(&doc) {
        let sum: u32 = attr(&g[1], "w:gridCol", "w:w")
            .iter()
            .map(|w| w.parse::<u32>().unwrap())
            .sum();
        assert_eq!(sum, appbook::writers::docx::styles::TEXT_WIDTH);
    }
}

#[test]
fn images_are_embedded_and_pdf_attachment_pages_are_pictures() {
    let (_d, docx, _) = render();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let png = zip.by_name("word/media/rIdImage1.png").unwrap().size();
    assert!(png > 0);
    drop(
        zip.by_name("word/media/rIdImage2.jpeg")
            .expect("JPEG stays JPEG"),
    );
    // The PDF attachment's one page, rendered to a PNG.
    let page = zip.by_name("word/media/rIdImage3.png").unwrap().size();
    assert!(page > 10_000, "a rendered page, not a stub: {page} bytes");
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="media/rIdImage2.jpeg""#));
    let doc = part(&docx, "word/document.xml");
    assert_eq!(doc.matches("<wp:inline").count(), 3);
    // Pictures fit the text block (9070 twips = 5,759,450 EMU wide).
    for cx in attr(&doc, "wp:extent", "cx") {
        assert!(cx.parse::<u64>().unwrap() <= 5_759_450);
    }
    let texts: Vec<String> = paragraphs(&doc).into_iter().map(|p| p.text).collect();
    assert!(texts.iter().any(|t| t == "附件3 員工學習規章"));
    assert!(!texts.iter().any(|t| t.contains("regulations.pdf")));
}

#[test]
fn renders_are_byte_identical() {
    let (dir, first, book) = render();
    let second = write_docx(&book).unwrap();
    assert!(first == second, "two renders in one thread differ");
    let third = std::thread::spawn(move || write_docx(&book).unwrap())
        .join()
        .unwrap();
    assert!(first == third, "a render on another thread differs");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    assert_eq!(names[0], "[Content_Types].xml");
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0),
            "{}",
            f.name()
        );
    }
    drop(dir);
}

#[test]
fn xml_special_characters_round_trip_exactly() {
    let (_d, docx, book) = render();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    assert!(
        paras
            .iter()
            .any(|p| p.text == format!("{SPECIAL}── 陳志明")),
        "testimonial text changed"
    );
    assert!(paras
        .iter()
        .any(|p| p.text.contains(r#"#read("/etc/passwd") 照原樣印出。"#)));
    let core = part(&docx, "docProps/core.xml");
    let mut reader = quick_xml::Reader::from_str(&core);
    let mut creator = None;
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) => inside = e.name().as_ref() == b"dc:creator",
            quick_xml::events::Event::Text(t) if inside => {
                creator = Some(t.unescape().unwrap().into_owned())
            }
            quick_xml::events::Event::Eof => break,
            _ => inside = false,
        }
    }
    assert_eq!(creator.as_deref(), Some(book.meta.author.as_str()));
    assert!(core.contains("<dc:title>中央政府推動建立員工學習制度獎勵申請書</dc:title>"));
}

fn one_section_book(blocks: Vec<Block>) -> Book {
    let dir = tempfile::tempdir().unwrap();
    let mut book = sample_book(dir.path());
    book.sections = vec![Section {
        level: 1,
        number: Some("壹、".into()),
        title: "測試".into(),
        toc: true,
        page_break: true,
        blocks,
        children: vec![],
    }];
    book
}

#[test]
fn control_characters_are_dropped_not_written() {
    let book = one_section_book(vec![Block::Paragraph {
        text: "前\u{1}後\u{b}完\r\n次行".into(),
    }]);
    let docx = write_docx(&book).unwrap();
    let paras = paragraphs(&part(&docx, "word/document.xml"));
    assert!(paras.iter().any(|p| p.text == "前後完次行"));
}

#[test]
fn unreadable_attachments_and_broken_tables_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.png");
    let book = one_section_book(vec![Block::Embed {
        file: missing.clone(),
        kind: appbook::book::EmbedKind::Png,
        pages: None,
        pixels: None,
        dpi: None,
    }]);
    match write_docx(&book) {
        Err(e @ DocxError::Attachment { .. }) => {
            assert!(e.message().zh.contains("missing.png"), "{}", e.message().zh);
            assert!(e.message().en.contains("cannot read"), "{}", e.message().en);
        }
        other => panic!("expected an attachment error, got {other:?}"),
    }
    let fake = dir.path().join("fake.png");
    std::fs::write(&fake, "not an image").unwrap();
    let book = one_section_book(vec![Block::Embed {
        file: fake,
        kind: appbook::book::EmbedKind::Png,
        pages: None,
        pixels: None,
        dpi: None,
    }]);
    assert!(matches!(
        write_docx(&book),
        Err(DocxError::Attachment { .. })
    ));
    let truncated = dir.path().join("cut.png");
    std::fs::write(
        &truncated,
        [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0],
    )
    .unwrap();
    let book = one_section_book(vec![Block::Embed {
        file: truncated,
        kind: appbook::book::EmbedKind::Png,
        pages: None,
        pixels: None,
        dpi: None,
    }]);
    assert!(matches!(
        write_docx(&book),
        Err(DocxError::Attachment { .. })
    ));

    let table = Table {
        columns: vec![1.0, 1.0],
        rows: vec![vec![Cell::text("a"), Cell::text("b"), Cell::text("c")]],
    };
    let book = one_section_book(vec![Block::Table(table)]);
    match write_docx(&book) {
        Err(e @ DocxError::Table { .. }) => assert!(e.message().zh.contains("壹、測試")),
        other => panic!("expected a table error, got {other:?}"),
    }

    // An empty table is left out rather than written as a table Word would refuse.
    let empty = Table {
        columns: vec![1.0],
        rows: vec![],
    };
    let docx = write_docx(&one_section_book(vec![Block::Table(empty)])).unwrap();
    assert!(!part(&docx, "word/document.xml").contains("<w:tbl>"));

    // A failed render leaves no file behind.
    let out = dir.path().join("out").join("book.docx");
    let book = one_section_book(vec![Block::Embed {
        file: missing,
        kind: appbook::book::EmbedKind::Png,
        pages: None,
        pixels: None,
        dpi: None,
    }]);
    let writers: Vec<Box<dyn Writer>> = vec![Box::new(DocxWriter::default())];
    let out_dir = out.parent().unwrap();
    assert!(appbook::render::write_book(&book, &writers, out_dir, "book").is_err());
    assert!(!out.exists());
    let book = one_section_book(vec![Block::Line { text: "ok".into() }]);
    let written = appbook::render::write_book(&book, &writers, out_dir, "book").unwrap();
    assert_eq!(written, std::slice::from_ref(&out));
    assert_eq!(std::fs::read(&out).unwrap(), write_docx(&book).unwrap());
}

/// A real 1 × 3 PNG whose header is changed to claim `width` × 3 pixels.
fn png_claiming(width: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbImage::new(1, 3)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png[16..20].copy_from_slice(&width.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

#[test]
fn oversized_images_are_scaled_to_the_page_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wide.png");
    std::fs::write(&file, png_claiming(20_000)).unwrap();
    let book = one_section_book(vec![Block::Embed {
        file: file.clone(),
        kind: appbook::book::EmbedKind::Png,
        pages: None,
        pixels: None,
        dpi: None,
    }]);
    let docx = write_docx(&book).unwrap();
    let doc = part(&docx, "word/document.xml");
    // Scaled to the text width (9070 twips), the height kept in proportion.
    assert_eq!(attr(&doc, "wp:extent", "cx"), ["5759450"]);
    assert_eq!(attr(&doc, "wp:extent", "cy"), ["863"]);

    // Two billion pixels wide: the image library's memory limit refuses it, with a message.
    std::fs::write(&file, png_claiming(2_000_000_000)).unwrap();
    match write_docx(&book) {
        Err(e @ DocxError::Attachment { .. }) => assert!(e.message().zh.contains("wide.png")),
        other => panic!("expected an attachment error, got {other:?}"),
    }
}

#[test]
fn every_part_is_well_formed_and_docx_rs_reads_the_file_back() {
    let (_d, docx, book) = render();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let names: Vec<String> = zip.file_names().map(String::from).collect();
    for name in names
        .iter()
        .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
    {
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut xml).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        reader.config_mut().check_end_names = true;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
    }
    let read = std::panic::catch_unwind(|| docx_rs::read_docx(&docx).map(|d| d.json()))
        .expect("the reader does not panic")
        .expect("docx-rs reads the file");
    // The reader sees the headings' text (without their Word-printed numbers).
    assert!(read.contains("基本資料表"));
    assert!(read.contains(&book.sections[1].children[10].title));
}
