//! The DOCX as LibreOffice sees it: it converts without error, draws the text in a Kai face,
//! shows the numbered headings the book prints (Word list numbering included), fills the TOC,
//! and, for every sample application, shows the same sequence of numbered headings as
//! appbook's own PDF.
//!
//! Needs `soffice` (libreoffice-writer-nogui), `pdftotext`, `pdffonts` and `pdfinfo`
//! (poppler-utils) and the TW-Kai font (fonts-cns11643-kai). Conversions are slow (seconds),
//! so each test converts each document once.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::writers::docx::write_docx;
use common::docx::*;
use common::pdf::squash;
use common::{programmes, render_cli, samples, soffice_pdf, tool};
use regex::Regex;
use std::path::{Path, PathBuf};

/// LibreOffice's PDF of one DOCX (see `common::soffice_pdf`).
fn converted(docx: &Path, work: &Path) -> PathBuf {
    soffice_pdf(&[docx.to_path_buf()], work).remove(0)
}

fn pdf_tool(name: &str, pdf: &Path) -> String {
    tool(name, &[pdf.to_str().unwrap()])
}

/// The text of each page.
fn pages(pdf: &Path) -> Vec<String> {
    let text = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<String> = text.split('\u{c}').map(String::from).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// pdffonts lists a Kai face: TW-Kai (what the tests' fontconfig file prefers), another free
/// Kai font it falls back to, or the real 標楷體.
fn is_kai(pdffonts: &str) -> bool {
    ["TW-Kai", "TW-MOE-Std-Kai", "UKai", "DFKai", "BiauKai"]
        .iter()
        .any(|k| pdffonts.contains(k))
}

/// Numbered headings in reading order: lines that begin with a heading number (壹、 一、
/// （一） 1、 （1）), as the number and the next two characters — enough to tell headings
/// apart without depending on where lines wrap. The TOC pages (the first run of pages with dot
/// leaders) are skipped: a wrapped TOC entry has lines without leaders.
fn numbered_headings(pages: &[String]) -> Vec<String> {
    let number = Regex::new(
        r"^([壹貳參肆伍陸柒捌玖拾]+、|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+、|（[0-9]+）)(.{0,2})",
    )
    .unwrap();
    let leader = Regex::new(r"(\.{4,}|…{2,}|·{4,})").unwrap();
    let is_toc = |p: &String| p.lines().any(|l| leader.is_match(l));
    let toc_start = pages.iter().position(is_toc).unwrap_or(0);
    let body_start = (toc_start..pages.len())
        .find(|&i| !is_toc(&pages[i]))
        .unwrap_or(pages.len());
    // Attachments come last. The PDF carries the pages of PDF attachments, with whatever
    // numbered lines those documents have, and the DOCX only lists them, so the comparison
    // ends at the first attachment label.
    let attachment = Regex::new(r"^附件[0-9０-９]").unwrap();
    pages[body_start..]
        .iter()
        .flat_map(|p| p.lines())
        .take_while(|l| !attachment.is_match(&squash(l)))
        .filter_map(|l| {
            let l = squash(l);
            number.captures(&l).map(|c| format!("{}{}", &c[1], &c[2]))
        })
        .collect()
}

#[test]
fn libreoffice_shows_the_hand_built_book() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_book(dir.path());
    let docx_path = dir.path().join("book.docx");
    std::fs::write(&docx_path, write_docx(&book).unwrap()).unwrap();
    let pdf = converted(&docx_path, dir.path());

    let info = pdf_tool("pdfinfo", &pdf);
    let size = Regex::new(r"Page size:\s+([0-9.]+) x ([0-9.]+) pts").unwrap();
    let c = size.captures(&info).expect("a page size");
    let (w, h): (f64, f64) = (c[1].parse().unwrap(), c[2].parse().unwrap());
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
        "A4 portrait, got {w} x {h}"
    );

    // The Kai font drew the text, not a 黑體 fallback.
    let fonts = pdf_tool("pdffonts", &pdf);
    assert!(is_kai(&fonts), "{fonts}");
    for sans in [
        "NotoSansCJK",
        "Noto Sans CJK",
        "DroidSans",
        "WenQuanYi",
        "DejaVuSans",
    ] {
        assert!(!fonts.contains(sans), "text fell back to {sans}:\n{fonts}");
    }

    let pages = pages(&pdf);
    let sections = book.all_sections();

    // Numbered headings, with Word's list numbers drawn by LibreOffice, are the book's.
    let expected: Vec<String> = sections
        .iter()
        .filter(|s| s.number.is_some())
        .map(|s| {
            let h = squash(&s.heading());
            let n = squash(s.number.as_deref().unwrap());
            h.chars().take(n.chars().count() + 2).collect()
        })
        .collect();
    assert_eq!(numbered_headings(&pages), expected);

    // The TOC page already lists every section and attachment, with page numbers that match
    // where LibreOffice put the headings.
    let toc_page = pages
        .iter()
        .position(|p| squash(p).starts_with("目次"))
        .expect("a TOC page");
    assert_eq!(toc_page, 1, "the TOC follows the cover");
    let toc_lines: Vec<String> = pages[toc_page]
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    let mut search_from = toc_page + 1;
    let mut worst = 0i64;
    for s in sections.iter().filter(|s| s.toc) {
        let heading = squash(&s.heading());
        let line = toc_lines
            .iter()
            .find(|l| l.starts_with(&heading))
            .unwrap_or_else(|| panic!("{heading} missing from the TOC"));
        let listed: i64 = line
            .trim_start_matches(&heading)
            .trim_start_matches('.')
            .parse()
            .unwrap();
        let actual = (search_from..pages.len())
            .find(|&i| squash(&pages[i]).contains(&heading))
            .unwrap_or_else(|| panic!("{heading} missing from the body"));
        search_from = actual;
        if listed != actual as i64 + 1 {
            println!(
                "{heading}: TOC says {listed}, LibreOffice put it on {}",
                actual + 1
            );
        }
        worst = worst.max((listed - (actual as i64 + 1)).abs());
    }
    println!("TOC page numbers: largest difference {worst} page(s)");
    assert!(
        worst <= 1,
        "TOC page numbers are off by up to {worst} pages"
    );

    // User text arrives exactly.
    assert!(pages.iter().any(|p| squash(p).contains(&squash(SPECIAL))));
    // Page numbers in the footer (not on the cover).
    assert!(
        pages[2].trim_end().ends_with('3'),
        "page 3 shows its number"
    );
    assert!(!pages[0].trim_end().ends_with('1'));
}

/// Every sample application through both writers: the numbered headings of LibreOffice's
/// rendering of the DOCX equal those of appbook's PDF.
#[test]
fn docx_and_pdf_of_every_sample_show_the_same_headings() {
    let samples: Vec<PathBuf> = programmes().iter().flat_map(|p| samples(p)).collect();
    for yaml in samples {
        let (out, _) = render_cli(&yaml, &[], &[]);
        let find = |ext: &str| {
            std::fs::read_dir(out.path())
                .unwrap()
                .flatten()
                .map(|e| e.path())
                .find(|p| {
                    p.extension().is_some_and(|e| e == ext)
                        && !p.to_string_lossy().contains("-送件檢核表.")
                })
                .unwrap_or_else(|| panic!("render wrote no .{ext} for {}", yaml.display()))
        };
        let (pdf, docx) = (find("pdf"), find("docx"));
        let converted = converted(&docx, out.path());
        let fonts = pdf_tool("pdffonts", &converted);
        assert!(is_kai(&fonts), "{}: {fonts}", yaml.display());
        let ours = numbered_headings(&pages(&pdf));
        let theirs = numbered_headings(&pages(&converted));
        assert!(
            !ours.is_empty(),
            "no numbered headings found in {}",
            pdf.display()
        );
        assert_eq!(theirs, ours, "headings differ for {}", yaml.display());
    }
}

/// Word's own spelling of numbers beyond ten (壹拾壹、 at level 1; 十一、 and （十二） below)
/// goes through Word's list numbering; LibreOffice must draw the same numbers.
#[test]
fn libreoffice_draws_word_list_numbers_beyond_ten() {
    use appbook::book::{Block, Section};
    use appbook::writers::docx::numbering::word_label;
    let dir = tempfile::tempdir().unwrap();
    let mut book = sample_book(dir.path());
    let leaf = |level: u8, n: u32, children: Vec<Section>| Section {
        level,
        number: Some(word_label(level, n)),
        title: format!("第{n}節"),
        toc: false,
        page_break: false,
        blocks: vec![Block::Line {
            text: "內容".into(),
        }],
        children,
    };
    let thirds: Vec<Section> = (1..=12).map(|n| leaf(3, n, vec![])).collect();
    let seconds: Vec<Section> = (1..=12)
        .map(|n| leaf(2, n, if n == 12 { thirds.clone() } else { vec![] }))
        .collect();
    book.sections = (1..=12)
        .map(|n| leaf(1, n, if n == 11 { seconds.clone() } else { vec![] }))
        .collect();
    let expected: Vec<String> = book
        .all_sections()
        .iter()
        .map(|s| {
            let h = squash(&s.heading());
            h.chars()
                .take(s.number.as_ref().unwrap().chars().count() + 2)
                .collect()
        })
        .collect();
    let bytes = write_docx(&book).unwrap();
    // Every heading is numbered by the list, none written out.
    let headings: Vec<Para> = paragraphs(&part(&bytes, "word/document.xml"))
        .into_iter()
        .filter(|p| p.style.starts_with("Heading"))
        .collect();
    assert_eq!(headings.len(), expected.len());
    assert!(headings.iter().all(|p| p.num_id.as_deref() == Some("2")));
    let docx = dir.path().join("numbers.docx");
    std::fs::write(&docx, bytes).unwrap();
    let pdf = converted(&docx, dir.path());
    assert_eq!(numbered_headings(&pages(&pdf)), expected);
}
