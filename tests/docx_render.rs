//! `appbook render` and the DOCX: `--docx` writes only the DOCX, the default writes both
//! books, and the file is the writer's output for the application's book, byte for byte.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::{render_cli, root};

#[test]
fn docx_flag_writes_only_the_docx_and_it_is_the_books() {
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let (out, files) = render_cli(&app, &["--docx"], &[]);
    // The book and, beside it, its 送件檢核表: DOCX only.
    assert_eq!(
        files,
        [
            out.path().join("agency-送件檢核表.docx"),
            out.path().join("agency.docx")
        ]
    );
    let book = appbook::render::prepare(&app)
        .book
        .expect("the fixture has no errors");
    let expected = appbook::writers::docx::write_docx(&book).unwrap();
    assert!(std::fs::read(&files[1]).unwrap() == expected);
    // A second run writes the same bytes, the checklist's too.
    let (_out2, again) = render_cli(&app, &["--docx"], &[]);
    assert!(std::fs::read(&again[1]).unwrap() == expected);
    assert!(std::fs::read(&again[0]).unwrap() == std::fs::read(&files[0]).unwrap());
}

#[test]
fn without_flags_both_books_are_written() {
    let app = root().join("tests/fixtures/render/school/application.yaml");
    let (out, files) = render_cli(&app, &[], &[]);
    assert_eq!(
        files,
        [
            out.path().join("school-送件檢核表.docx"),
            out.path().join("school-送件檢核表.pdf"),
            out.path().join("school.docx"),
            out.path().join("school.pdf")
        ]
    );
}

/// Every picture of a DOCX's body: its size in EMU, in reading order.
fn picture_extents(document_xml: &str) -> Vec<(u64, u64)> {
    let re = regex::Regex::new(r#"<wp:extent cx="(\d+)" cy="(\d+)""#).unwrap();
    re.captures_iter(document_xml)
        .map(|c| (c[1].parse().unwrap(), c[2].parse().unwrap()))
        .collect()
}

#[test]
fn the_docx_is_the_whole_book_with_every_attachment_page_as_a_picture() {
    use appbook::book::{Block, EmbedKind};
    use appbook::writers::docx::styles::{TEXT_HEIGHT, TEXT_WIDTH};
    let mut checked = 0;
    for programme in common::programmes() {
        for app in common::samples(&programme) {
            let book = appbook::render::prepare(&app).book.expect("samples pass");
            let mut pdf_pages = 0;
            let mut images = 0;
            for s in book.all_sections() {
                for b in &s.blocks {
                    match b {
                        Block::Embed {
                            kind: EmbedKind::Pdf,
                            pages,
                            ..
                        } => pdf_pages += pages.expect("a checked PDF has its page count"),
                        Block::Embed { .. } => images += 1,
                        _ => {}
                    }
                }
            }
            let docx = appbook::writers::docx::write_docx(&book).unwrap();
            let xml = common::docx::part(&docx, "word/document.xml");
            let pictures = picture_extents(&xml);
            assert_eq!(
                pictures.len(),
                pdf_pages + images,
                "{}: one picture per attachment page and image",
                app.display()
            );
            assert!(
                pdf_pages > 0,
                "{}: the sample has PDF attachments",
                app.display()
            );
            // A page of an attachment fills the text area in one direction at least (it keeps
            // its proportions): 90% of the width or 80% of the height.
            let full = |(cx, cy): (u64, u64)| {
                cx * 10 >= u64::from(TEXT_WIDTH) * 635 * 9
                    || cy * 10 >= u64::from(TEXT_HEIGHT) * 635 * 8
            };
            let full_pages = pictures.iter().filter(|&&p| full(p)).count();
            assert!(
                full_pages >= pdf_pages,
                "{}: {full_pages} full-page pictures for {pdf_pages} attachment pages: {pictures:?}",
                app.display()
            );
            // No placeholder sends the reader to the PDF any more.
            assert!(!xml.contains("PDF 版申請書"), "{}", app.display());
            checked += 1;
        }
    }
    assert!(checked >= 5, "every sample of both programmes: {checked}");
}

/// The headings LibreOffice lays out, as its PDF's bookmarks give them: (title without white
/// space, page).
fn outline(pdf: &std::path::Path) -> Vec<(String, usize)> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let toc = doc
        .get_toc()
        .unwrap_or_else(|e| panic!("{}: no bookmarks ({e:?})", pdf.display()));
    toc.toc
        .into_iter()
        .map(|t| (common::pdf::squash(&t.title), t.page))
        .collect()
}

#[test]
fn the_docx_toc_gives_the_pages_libreoffice_lays_out() {
    let work = tempfile::tempdir().unwrap();
    let mut docx = Vec::new();
    // Besides the samples, a book whose 組織架構圖 has a box longer than a page: its row breaks
    // over several pages, which the 目次 of the headings after it must count.
    let (_tall, tall) = common::sample_with_a_chart_box_taller_than_a_page();
    let apps = common::programmes()
        .into_iter()
        .flat_map(|p| common::samples(&p).into_iter().map(move |a| (p.clone(), a)))
        .chain([("tall".to_string(), tall)]);
    {
        for (programme, app) in apps {
            let out = work.path().join(&programme);
            let o = common::run(&[
                "render",
                app.to_str().unwrap(),
                "--docx",
                "-o",
                out.to_str().unwrap(),
            ]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            let name = appbook::render::book_name(&app);
            docx.push(out.join(format!("{name}.docx")));
        }
    }
    // Distinct names: LibreOffice writes every PDF into one folder.
    let names: std::collections::BTreeSet<_> = docx.iter().map(|d| d.file_name()).collect();
    assert_eq!(names.len(), docx.len());
    let pdfs = common::soffice_pdf(&docx, work.path());
    let mut checked = 0;
    let mut faults = Vec::new();
    for (d, pdf) in docx.iter().zip(&pdfs) {
        let pages = common::pdf::page_texts(pdf);
        let printed = common::pdf::toc(&pages);
        let laid_out = outline(pdf);
        assert!(printed.len() >= 5, "{}: 目次 {printed:?}", d.display());
        // Each 目次 entry is the next bookmark with its title, in reading order.
        let mut rest = laid_out.iter();
        for (title, page) in &printed {
            let Some((_, real)) = rest.find(|(t, _)| t == title) else {
                panic!(
                    "{}: 目次 entry {title} is no heading of the laid-out book: {laid_out:?}",
                    d.display()
                );
            };
            if real != page {
                faults.push(format!(
                    "{}: {title}: 目次 says page {page}, LibreOffice lays it out on page {real}",
                    d.file_name().unwrap().to_string_lossy()
                ));
            }
            checked += 1;
        }
    }
    assert!(
        faults.is_empty(),
        "{} of {checked} entries wrong:\n{}",
        faults.len(),
        faults.join("\n")
    );
    assert!(checked >= 60, "{checked} entries checked");
}

#[test]
fn the_docx_opens_without_asking_to_update_fields() {
    let app = root().join("samples/moe-learning-award/agency/application.yaml");
    let book = appbook::render::prepare(&app).book.expect("samples pass");
    let docx = appbook::writers::docx::write_docx(&book).unwrap();
    let settings = common::docx::part(&docx, "word/settings.xml");
    assert!(!settings.contains("updateFields"), "{settings}");
    // The 目次 is still a real field Word can refresh on request.
    let xml = common::docx::part(&docx, "word/document.xml");
    assert!(xml.contains("TOC \\o"), "the 目次 is a TOC field");
}

/// A cover whose fields run past its page (an applicant's unit name with every branch office
/// listed) pushes the 目次 and the body on by a page in LibreOffice's layout: the DOCX's 目次
/// counts the cover's pages instead of taking one for granted.
#[test]
fn a_cover_longer_than_a_page_moves_the_toc_numbers_on() {
    let (dir, app) = common::edited_sample("moe-learning-award", "agency", "long-cover", |y| {
        let from = "  unit_name: 內政部戶政人員訓練所\n";
        assert!(y.contains(from), "the agency sample's unit name changed");
        let branches: Vec<String> = (1..=120).map(|i| format!("附屬第{i}分處")).collect();
        y.replacen(
            from,
            &format!(
                "  unit_name: 內政部戶政人員訓練所（{}）\n",
                branches.join("、")
            ),
            1,
        )
    });
    let docx = common::docx_of(&app, dir.path());
    let pdf = common::soffice_pdf(&[docx], dir.path()).remove(0);
    let pages = common::pdf::page_texts(&pdf);
    let toc_page = pages
        .iter()
        .position(|p| p.lines().any(|l| l.trim() == "目次"))
        .expect("a 目次 page")
        + 1;
    assert!(
        toc_page > 2,
        "the cover takes more than a page: 目次 on page {toc_page}"
    );
    let first = pages[toc_page - 1]
        .lines()
        .map(common::pdf::squash)
        .find(|l| l.starts_with("壹、"))
        .expect("the 目次's first entry");
    let printed: usize = first
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .parse()
        .unwrap_or_else(|_| panic!("a page number at the end of {first}"));
    let laid_out = outline(&pdf);
    let (_, real) = laid_out
        .iter()
        .find(|(t, _)| t.starts_with("壹、"))
        .expect("壹 among the bookmarks");
    assert_eq!(
        printed, *real,
        "目次 entry {first} against LibreOffice's page"
    );
}

/// A 申請單位 too long for its line wraps under itself, past its label, on the cover of both
/// formats: the second line starts where the name does, not under 「申請單位：」.
#[test]
fn a_long_name_on_the_cover_hangs_past_its_label() {
    let (dir, app) = common::edited_sample("moe-learning-award", "agency", "long-name", |y| {
        let from = "  unit_name: 內政部戶政人員訓練所\n";
        assert!(y.contains(from), "the agency sample's unit name changed");
        y.replacen(
            from,
            "  unit_name: 內政部戶政人員訓練所北區分所暨南區分所暨東區分所暨離島服務中心聯合辦公室\n",
            1,
        )
    });
    let (_out, pdf) = common::pdf::render(&app);
    let docx = common::docx_of(&app, dir.path());
    let lo = common::soffice_pdf(&[docx], dir.path()).remove(0);
    let word = regex::Regex::new(
        r#"<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>"#,
    )
    .unwrap();
    for (format, pdf) in [("PDF", &pdf), ("DOCX", &lo)] {
        let xml = common::tool(
            "pdftotext",
            &["-bbox", "-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
        );
        // Each word's left edge and text, in reading order.
        let words: Vec<(f64, String)> = word
            .captures_iter(&xml)
            .map(|c| (c[1].parse().unwrap(), c[2].to_string()))
            .collect();
        let label = words
            .iter()
            .position(|(_, w)| w.starts_with("申請單位"))
            .unwrap_or_else(|| panic!("{format}: no 申請單位 on the cover: {words:?}"));
        // The name starts after the label (in the same word or the next), and its second line
        // is the next word that starts a line further left than the label's end.
        let label_x = words[label].0;
        let wrapped = words[label + 1..]
            .iter()
            .find(|(_, w)| w.contains("服務中心") || w.contains("聯合辦公室"))
            .unwrap_or_else(|| panic!("{format}: the name's second line: {words:?}"));
        assert!(
            wrapped.0 > label_x + 3.0 * 14.0,
            "{format}: the name's second line starts at {:.1} pt, under the label at {label_x:.1}",
            wrapped.0
        );
    }
}
