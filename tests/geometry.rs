//! Layout faults a reader sees on paper, found by measuring the pages instead of looking at them:
//! text drawn over text, text outside the margins, a heading or a table's caption alone at the
//! foot of a page, a signature alone at the head of one, a 目次 page with one or two entries, an
//! e-mail address, a web address or a formula's bracket broken across lines, the line before a
//! signature spread across the measure. Every sample book of both programmes is measured as appbook writes the PDF, and the DOCX as LibreOffice lays it out.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::pdf::render;
use common::{programmes, samples, soffice_pdf, tool};
use regex::Regex;
use std::path::{Path, PathBuf};

/// One line of text as pdftotext places it, in points from the page's top left.
#[derive(Clone, Debug)]
struct Line {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl Line {
    /// The foot of the line's box: its middle and half the body's 14 pt (every line of the
    /// book's body is 14 pt, seed 002). pdftotext's boxes are
    /// the font's ascent and descent, which LibreOffice gives TW-Kai as 1.3 em (Typst as 1 em):
    /// a line LibreOffice sets in the last 14 pt of the text area, as it should, would seem
    /// to stand 2 pt below it.
    fn line_foot(&self) -> f64 {
        (self.y0 + self.y1) / 2.0 + EM / 2.0
    }
}

struct Page {
    width: f64,
    height: f64,
    lines: Vec<Line>,
    /// Every word's box: text set over other text shows as two words' boxes crossing.
    words: Vec<Line>,
}

fn pages(pdf: &Path) -> Vec<Page> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let page_re = Regex::new(r#"<page width="([\d.]+)" height="([\d.]+)">"#).unwrap();
    let line_re = Regex::new(
        r#"(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>"#,
    )
    .unwrap();
    let word_re = Regex::new(r#">([^<]*)</word>"#).unwrap();
    let word_box_re = Regex::new(
        r#"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#,
    )
    .unwrap();
    let starts: Vec<_> = page_re.captures_iter(&xml).collect();
    let mut out = Vec::new();
    for (i, c) in starts.iter().enumerate() {
        let from = c.get(0).unwrap().end();
        let to = starts
            .get(i + 1)
            .map_or(xml.len(), |n| n.get(0).unwrap().start());
        let mut lines: Vec<Line> = line_re
            .captures_iter(&xml[from..to])
            .map(|l| Line {
                x0: l[1].parse().unwrap(),
                y0: l[2].parse().unwrap(),
                x1: l[3].parse().unwrap(),
                y1: l[4].parse().unwrap(),
                text: word_re
                    .captures_iter(&l[5])
                    .map(|w| w[1].to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
            .collect();
        lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        let words = word_box_re
            .captures_iter(&xml[from..to])
            .map(|w| Line {
                x0: w[1].parse().unwrap(),
                y0: w[2].parse().unwrap(),
                x1: w[3].parse().unwrap(),
                y1: w[4].parse().unwrap(),
                text: w[5].to_string(),
            })
            .collect();
        out.push(Page {
            width: c[1].parse().unwrap(),
            height: c[2].parse().unwrap(),
            lines,
            words,
        });
    }
    out
}

/// Pairs of words on one page drawn over each other: their boxes (each as tall as its font
/// size) cross by more than a quarter of the smaller one's height and more than a point across.
/// Lines set solid (no leading) only touch.
fn overlaps(page: &Page) -> Vec<String> {
    let mut found = Vec::new();
    for (i, a) in page.words.iter().enumerate() {
        for b in &page.words[i + 1..] {
            let w = a.x1.min(b.x1) - a.x0.max(b.x0);
            let h = a.y1.min(b.y1) - a.y0.max(b.y0);
            let smaller = (a.y1 - a.y0).min(b.y1 - b.y0);
            // Neighbours on one baseline may touch: CJK punctuation pairs such as 「）,」 are
            // set closer than their boxes by design.
            let same_line = (a.y0 - b.y0).abs() < 1.0 && (a.y1 - b.y1).abs() < 1.0;
            if w > 1.0 && h > smaller / 4.0 && !same_line {
                found.push(format!("「{}」 over 「{}」", a.text, b.text));
            }
        }
    }
    found
}

/// How far punctuation may stand in the margin. Typst sets a full-width opening bracket at the
/// start of a line, and CJK punctuation at its end, half into the margin: the ink stays at the
/// margin while the glyph's box does not. Word and LibreOffice let closing punctuation overflow
/// the right margin by a whole character (Word's 允許標點符號溢出邊界, on by default).
struct Hang {
    left: f64,
    right: f64,
}
const TYPST_HANG: Hang = Hang {
    left: 7.5,
    right: 7.5,
};
const WORD_HANG: Hang = Hang {
    left: 7.5,
    right: 14.5,
};

fn opens_with_bracket(text: &str) -> bool {
    text.trim_start()
        .starts_with(['（', '「', '『', '〈', '《', '【', '〔'])
}

fn ends_with_punctuation(text: &str) -> bool {
    text.trim_end().ends_with([
        '，', '。', '、', '；', '：', '」', '』', '）', '》', '〉', '】', '〕', '！', '？', '—',
    ])
}

/// A heading of levels 1–4 (壹、 一、 （一） 1、) as the book prints it.
fn is_heading(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    appbook::book::numbering::parse(&t).is_some_and(|p| p.level <= 4)
}

/// The body's lines: the page number at the foot (a line of digits alone) left out.
fn body(page: &Page) -> Vec<&Line> {
    page.lines
        .iter()
        .filter(|l| !l.text.trim().chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// E-mail and web addresses written in an application.
fn addresses(app: &Path) -> Vec<String> {
    let yaml = std::fs::read_to_string(app).unwrap();
    let re = Regex::new(
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+|https?://[^\s　，。、）」]+",
    )
    .unwrap();
    let mut found: Vec<String> = re
        .find_iter(&yaml)
        .map(|m| m.as_str().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Every formula's bracket 「（計算方式：…）」 the book prints in running text (spaces taken
/// out), which a line must not split.
fn formulas(app: &Path) -> Vec<String> {
    let book = appbook::render::prepare(app).book.expect("samples pass");
    let re = Regex::new("（計算方式：[^）\n]*）").unwrap();
    let mut found: Vec<String> = book
        .all_sections()
        .iter()
        .flat_map(|s| s.blocks.iter().flat_map(|b| b.walk()))
        .filter_map(|b| match b {
            appbook::book::Block::Line { text }
            | appbook::book::Block::Paragraph { text }
            | appbook::book::Block::Check { text, .. } => Some(text),
            _ => None,
        })
        .flat_map(|t| re.find_iter(t).map(|m| squeeze(m.as_str())))
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Everything wrong with one laid-out book. `margins(n)` is the left and right margin of page
/// `n` (1-based) in points.
fn faults(
    pdf: &Path,
    app: &Path,
    margins: &dyn Fn(usize) -> (f64, f64),
    hang: &Hang,
) -> Vec<String> {
    let pages = pages(pdf);
    let mut faults = Vec::new();
    let toc_pages: Vec<usize> = (1..pages.len())
        .take_while(|&i| i == 1 || pages[i].lines.iter().any(|l| l.text.contains(".....")))
        .filter(|&i| pages[i].lines.iter().any(|l| l.text.contains(".....")))
        .collect();
    // An attachment's own pages carry its own numbering (「十一、本要點…」), not the book's
    // headings: from the first 附件N page on, headings are not looked for.
    let first_attachment = pages
        .iter()
        .enumerate()
        .skip(2)
        .find(|(_, p)| {
            p.lines.first().is_some_and(|l| {
                let t = l.text.replace(' ', "");
                t.starts_with("附件") && t.chars().nth(2).is_some_and(|c| c.is_ascii_digit())
            })
        })
        .map_or(pages.len() + 1, |(i, _)| i + 1);
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        for o in overlaps(page) {
            faults.push(format!("page {n}: {o}"));
        }
        let (left, right) = margins(n);
        for l in &page.lines {
            let hang_left = if opens_with_bracket(&l.text) {
                hang.left
            } else {
                1.0
            };
            let hang_right = if ends_with_punctuation(&l.text) {
                hang.right
            } else {
                1.0
            };
            if l.x0 < left - hang_left || l.x1 > page.width - right + hang_right {
                faults.push(format!(
                    "page {n}: 「{}」 from {:.1} to {:.1} pt, outside the margins {left:.1}–{:.1}",
                    l.text,
                    l.x0,
                    l.x1,
                    page.width - right
                ));
            }
        }
        let lines = body(page);
        for l in &lines {
            if l.line_foot() > page.height - MARGIN_BOTTOM + 1.0 {
                faults.push(format!(
                    "page {n}: 「{}」 reaches {:.1} pt down, below the foot of the text at {:.1}",
                    l.text,
                    l.line_foot(),
                    page.height - MARGIN_BOTTOM
                ));
            }
        }
        if n > 1 && !toc_pages.contains(&i) {
            // A page whose only text is a heading holds a picture under it.
            if let Some(last) = lines
                .last()
                .filter(|_| lines.len() > 1 && n < first_attachment)
            {
                if is_heading(&last.text) {
                    faults.push(format!("page {n} ends on the heading 「{}」", last.text));
                }
                // A table's caption, 「※ 計算所得數字（教師、職員工分列）：」, with its table overleaf.
                let t = last.text.replace(' ', "");
                if t.starts_with('※') && t.ends_with('：') {
                    faults.push(format!("page {n} ends on the caption 「{}」", last.text));
                }
            }
            for pair in lines.windows(2) {
                if pair[1].text.trim_start().starts_with("──") && stretched(pair[0]) {
                    faults.push(format!(
                        "page {n}: the line before the signature 「{}」 is spread across the \
                         measure: 「{}」",
                        pair[1].text, pair[0].text
                    ));
                }
            }
            if let Some(first) = lines.first() {
                if first.text.trim_start().starts_with("──") {
                    faults.push(format!(
                        "page {n} starts with the signature 「{}」",
                        first.text
                    ));
                }
            }
        }
        if toc_pages.contains(&i) {
            let entries = page
                .lines
                .iter()
                .filter(|l| l.text.contains("....."))
                .count();
            if entries < 3 {
                faults.push(format!("目次 page {n} holds only {entries} entries"));
            }
        }
    }
    faults.extend(outline_faults(
        &outline(app),
        &pages,
        &toc_pages,
        first_attachment,
        margins,
        hang,
    ));
    let whole = |text: &str| {
        pages
            .iter()
            .flat_map(|p| &p.lines)
            .any(|l| l.text.replace(' ', "").contains(text))
    };
    for formula in formulas(app) {
        if !whole(&formula) {
            faults.push(format!("the formula 「{formula}」 is split across lines"));
        }
    }
    for address in addresses(app) {
        // One too long for any line may break only where the book marked it.
        let marked = appbook::text::addresses::breakable(&address);
        for part in appbook::text::addresses::parts(&marked) {
            if !whole(part) {
                faults.push(format!(
                    "「{part}」 of 「{address}」 is not found whole on any line"
                ));
            }
        }
    }
    faults
}

/// The bottom margin of both formats (2.5 cm), in points: only the page number stands below it.
const MARGIN_BOTTOM: f64 = 70.87;

/// One em of the book's 14 pt text, in points.
const EM: f64 = 14.0;

/// A line set wider than its characters: a justified paragraph's line spread out although it
/// ends the paragraph's text (the line before a testimonial's signature, which ends in a line
/// break). Chinese characters and full-width marks take an em, ASCII about half of one.
fn stretched(line: &Line) -> bool {
    let natural: f64 = line
        .text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum::<f64>()
        * EM;
    line.x1 - line.x0 > natural * 1.1 + EM
}

/// The book's headings as printed (spaces taken out), each with its level. An attachment's
/// heading is a label at the margin over its picture or pages, whatever its level: it counts
/// as level 1 (the 附件 list, which repeats its words, stands at the margin too).
fn outline(app: &Path) -> Vec<(String, u8)> {
    let book = appbook::render::prepare(app).book.expect("samples pass");
    book.all_sections()
        .iter()
        .map(|s| {
            let embed = matches!(s.blocks.as_slice(), [appbook::book::Block::Embed { .. }]);
            (squeeze(&s.heading()), if embed { 1 } else { s.level })
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The level of the heading that a line opens (the whole heading, or its first line when it
/// wraps).
fn outline_level(outline: &[(String, u8)], text: &str) -> Option<u8> {
    let t = squeeze(text);
    outline
        .iter()
        .find(|(h, _)| *h == t || (t.chars().count() >= 4 && h.starts_with(&t)))
        .map(|&(_, level)| level)
}

/// Text left of the margin of its level (docs/typography.md): a heading of level n ≥ 2 stands
/// n − 2 em in from the page's margin, and everything under it at least n − 1 em in. Pages are
/// read in order from the first after the 目次 to the last before the attachments, the level
/// being the last heading's (the book's own headings, so a line of text that opens with a
/// number is not taken for one).
fn outline_faults(
    outline: &[(String, u8)],
    pages: &[Page],
    toc_pages: &[usize],
    first_attachment: usize,
    margins: &dyn Fn(usize) -> (f64, f64),
    hang: &Hang,
) -> Vec<String> {
    let mut faults = Vec::new();
    let after_toc = toc_pages.last().map_or(2, |&i| i + 1);
    let mut level = 1u8;
    for (i, page) in pages.iter().enumerate().skip(after_toc) {
        let n = i + 1;
        if n >= first_attachment {
            break;
        }
        let (left, _) = margins(n);
        for l in body(page) {
            let (at, what) = match outline_level(outline, &l.text) {
                Some(h) => {
                    level = h;
                    (f64::from(h.saturating_sub(2)), "heading")
                }
                None => (f64::from(level.saturating_sub(1)), "text"),
            };
            let slack = if opens_with_bracket(&l.text) {
                hang.left
            } else {
                1.0
            };
            let edge = left + at * EM;
            if l.x0 < edge - slack {
                faults.push(format!(
                    "page {n}: {what} 「{}」 at {:.1} pt, left of its level's margin {edge:.1} (level {level})",
                    l.text, l.x0
                ));
            }
        }
    }
    faults
}

fn sample_apps() -> Vec<PathBuf> {
    let apps: Vec<PathBuf> = programmes().iter().flat_map(|p| samples(p)).collect();
    assert!(apps.len() >= 5, "both programmes' samples: {apps:?}");
    apps
}

/// The left and right margins of page `n` in points: odd pages are bound on the left, so the
/// inside margin (3 cm) is on the left there and the outside one (2 cm) on even pages.
fn mirrored(n: usize) -> (f64, f64) {
    let (inside, outside) = (85.04, 56.69);
    if n % 2 == 1 {
        (inside, outside)
    } else {
        (outside, inside)
    }
}

#[test]
fn the_pdf_of_every_sample_has_no_layout_fault() {
    let mut all = Vec::new();
    for app in sample_apps() {
        let (_dir, pdf) = render(&app);
        for f in faults(&pdf, &app, &mirrored, &TYPST_HANG) {
            all.push(format!("{}: {f}", app.display()));
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

#[test]
fn the_docx_of_every_sample_as_libreoffice_lays_it_out_has_no_layout_fault() {
    let work = tempfile::tempdir().unwrap();
    let apps = sample_apps();
    let docx: Vec<_> = apps
        .iter()
        .map(|app| common::docx_of(app, work.path()))
        .collect();
    let pdfs = soffice_pdf(&docx, work.path());
    let mut all = Vec::new();
    for (app, pdf) in apps.iter().zip(&pdfs) {
        // Mirrored margins with a gutter: 3 cm inside (2.5 cm and the 0.5 cm gutter) on the
        // left of odd pages, 2 cm outside.
        let margins = mirrored;
        for f in faults(pdf, app, &margins, &WORD_HANG) {
            all.push(format!("{} (DOCX): {f}", app.display()));
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

/// A box of the 組織架構圖 whose text is longer than a page: the PDF breaks it (and the boxes
/// beside it) across pages and LibreOffice splits the DOCX's row, both inside the margins,
/// instead of drawing the text on past the page's foot.
#[test]
fn a_chart_box_taller_than_a_page_breaks_inside_the_margins_in_both_formats() {
    let (dir, app) = common::sample_with_a_chart_box_taller_than_a_page();
    let (_out, pdf) = render(&app);
    let docx = common::docx_of(&app, dir.path());
    let lo = soffice_pdf(&[docx], dir.path()).remove(0);
    let mut all = Vec::new();
    for (format, pdf, hang) in [("PDF", &pdf, &TYPST_HANG), ("DOCX", &lo, &WORD_HANG)] {
        // In drawing order, so the boxes beside the long one do not interleave with it; the
        // page numbers (lines of digits alone) left out.
        let text: String = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
            .lines()
            .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        for shift in ["第1班", "第45班", "第90班"] {
            assert_eq!(
                text.matches(&format!("{shift}作業人員")).count(),
                1,
                "{format}: {shift} of the long box is printed once"
            );
        }
        for f in faults(pdf, &app, &mirrored, hang) {
            all.push(format!("{format}: {f}"));
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

/// A line of a list numbered （1）（2）… (an answer's details) hangs past its number in both
/// formats: its wrapped line starts under the text after the number, not under the number. The
/// DOCX stood flush, its wrapped lines under the number.
#[test]
fn a_numbered_item_wraps_under_its_text_in_both_formats() {
    let app = common::root().join("samples/moe-learning-award/agency/application.yaml");
    let work = tempfile::tempdir().unwrap();
    let (_out, pdf) = render(&app);
    let lo = soffice_pdf(&[common::docx_of(&app, work.path())], work.path()).remove(0);
    for (format, pdf) in [("PDF", &pdf), ("DOCX", &lo)] {
        let pages = pages(pdf);
        let lines: Vec<&Line> = pages.iter().flat_map(|p| &p.lines).collect();
        let at = lines
            .iter()
            .position(|l| squeeze(&l.text).starts_with("（2）其他相關說明：同仁"))
            .unwrap_or_else(|| panic!("{format}: the agency's item （2） is printed"));
        let (item, next) = (lines[at], lines[at + 1]);
        // （2） is two full-width brackets and a digit: 2.5 em.
        let text_x = item.x0 + 2.5 * EM;
        assert!(
            (next.x0 - text_x).abs() < 1.0,
            "{format}: 「{}」 wraps at {:.1} pt, not under the text after （2） at {text_x:.1}",
            next.text,
            next.x0
        );
    }
}

/// The agency's sample in an edition whose headings at levels 1–4 are long enough to wrap (an
/// edition names the form's items), and with a long attachment title (the applicant's); every
/// such title opens with a word and a space (「TTQS 」), so that pdftotext, which splits words at
/// spaces, gives the x of the text after the number: the word after the space, less the width of
/// the first and the space. (The attachment's opens with Chinese: after 「附件1　」 a Latin word
/// would be set a quarter em further on.) Returns the folder, the PDF and the DOCX as
/// LibreOffice lays it out, and each title's first word and the start of its second.
fn sample_with_wrapped_headings() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<(String, String)>) {
    let titles = [
        (
            "basic_title",
            "TTQS 申請單位基本資料表（包括機關名稱、隸屬機關、員工人數、聯絡人及其聯絡方式）",
        ),
        (
            "reg_title",
            "TTQS 訂有員工學習制度規定，包括自訂之學習規章、年度教育訓練計畫及其他規定（分數占比15%）",
        ),
        (
            "reg_rules_title",
            "TTQS 自訂相關員工學習規章，包括終身學習實施要點、進修補助作業規定、讀書會推動要點",
        ),
        (
            "reg_rules_count",
            "TTQS 經本所自訂之員工學習規章共 {{ n }} 項，並已於機關內部網站公告周知，逐項列出如下：",
        ),
    ];
    const ATTACHMENT: &str =
        "本所 eLearning 內政部戶政人員訓練所員工終身學習實施要點及其相關作業規定、表單與歷年修正條文對照表";
    let (dir, app) = common::edited_sample("moe-learning-award", "agency", "wrapped", |yaml| {
        let from = "    title: 內政部戶政人員訓練所員工終身學習實施要點\n";
        assert!(yaml.contains(from), "the sample's first attachment changed");
        yaml.replace("edition: \"107\"", "edition: \"107-long\"")
            .replacen(from, &format!("    title: {ATTACHMENT}\n"), 1)
    });
    let edition = dir.path().join("editions/moe-learning-award/107-long");
    std::fs::create_dir_all(&edition).unwrap();
    std::fs::write(
        edition.join("edition.yaml"),
        "programme: moe-learning-award\nedition: \"107-long\"\nrules: moe-learning-award/107\n\
         extends: \"107\"\ntitle_zh: 長標題\ntitle_en: Long headings\nsource_zh: 長標題\n",
    )
    .unwrap();
    let book: String = titles
        .iter()
        .map(|(key, title)| format!("{key}: \"{title}\"\n"))
        .collect();
    std::fs::write(edition.join("book.yaml"), book).unwrap();
    std::fs::write(edition.join("review.yaml"), "words: {}\n").unwrap();
    let out = dir.path().join("out");
    let o = common::run_limited(
        &[
            "--templates",
            dir.path().join("editions").to_str().unwrap(),
            "render",
            app.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        std::time::Duration::from_secs(300),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let lo = soffice_pdf(&[out.join("wrapped.docx")], dir.path()).remove(0);
    let firsts = titles
        .iter()
        .map(|(_, t)| *t)
        .chain([ATTACHMENT])
        .map(|t| {
            let words: Vec<&str> = t.split(' ').collect();
            (words[0].to_string(), words[1].chars().take(4).collect())
        })
        .collect();
    (dir, out.join("wrapped.pdf"), lo, firsts)
}

/// A heading that wraps, at every level the books have (壹、 一、 （一） 1、) and an attachment's
/// (附件1　), hangs past its number: its wrapped line starts under the first character of its
/// text after the number, in both formats, and so does its 目次 entry. The DOCX hung every
/// heading by 2 em, the PDF too, while the text starts 1.5 em (1、) to 3.5 em (附件1　) in;
/// the PDF, justifying a heading, also set its opening bracket partly into the margin.
#[test]
fn a_wrapped_heading_hangs_under_its_text_in_both_formats() {
    let (_dir, pdf, lo, firsts) = sample_with_wrapped_headings();
    let mut all = Vec::new();
    for (format, pdf) in [("PDF", &pdf), ("DOCX", &lo)] {
        let pages = pages(pdf);
        for (lead, first) in &firsts {
            let lead = appbook::text::kai::width(&format!("{lead} ")) * EM;
            // Once in the 目次 (levels 1–3 and the attachment) and once in the body.
            let mut seen = 0;
            // The 附件 list's lines (「附件1　title（規章）」) are not headings.
            for page in pages
                .iter()
                .filter(|p| !p.lines.iter().any(|l| l.text.contains("依序置於")))
            {
                for line in &page.lines {
                    let Some(word) = page.words.iter().find(|w| {
                        w.text.starts_with(first.as_str())
                            && (w.y0 - line.y0).abs() < 1.0
                            && w.x0 > line.x0
                            && w.x0 - line.x0 > lead
                    }) else {
                        continue;
                    };
                    seen += 1;
                    let text_x = word.x0 - lead;
                    let next = page
                        .lines
                        .iter()
                        .filter(|l| l.y0 > line.y0 + EM / 2.0)
                        .min_by(|a, b| a.y0.total_cmp(&b.y0))
                        .expect("a wrapped line");
                    if (next.x0 - text_x).abs() > 1.5 {
                        all.push(format!(
                            "{format}: 「{}」 wraps at {:.1} pt, not under its text at {text_x:.1} \
                             (the number at {:.1})",
                            squeeze(&line.text),
                            next.x0,
                            line.x0
                        ));
                    }
                }
            }
            if seen == 0 {
                all.push(format!("{format}: no heading's title has 「{first}」"));
            }
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

/// A box of a comb (five units and more under the top one, so each box spans its tick's row and
/// a row of text, merged) about as tall as a page: with the lines above it, taller than one.
/// LibreOffice could not split the merged rows, so it drew the box on past the page's foot (357
/// and 363 characters), or left the lines above the box alone on a page (351). Each length
/// must stay inside the margins, print every character of the box, and keep the 目次 right.
#[test]
fn a_chart_box_about_a_page_tall_in_a_comb_stays_inside_the_margins_in_both_formats() {
    let cases: Vec<_> = [351, 357, 363]
        .into_iter()
        .map(|n| {
            let (dir, app) = common::edited_sample(
                "sme-org-learning",
                "manufacturing",
                &format!("comb-box-{n}"),
                |yaml| {
                    // A fifth unit under the top one's four makes the chart a comb.
                    let last = "        title: 人資主任\n";
                    let from = "learners: 沖壓、組立及模具維修作業人員";
                    assert!(yaml.contains(last) && yaml.contains(from), "the sample's units changed");
                    yaml.replacen(
                        last,
                        &format!(
                            "{last}    - name: 倉儲課\n      parent: 管理部\n      learners: 倉儲及物流人員\n      learner_count: 1\n      manager:\n        name: 林志明\n        title: 課長\n"
                        ),
                        1,
                    )
                    .replacen(from, &format!("learners: {}", "甲".repeat(n)), 1)
                },
            );
            (n, dir, app)
        })
        .collect();
    let docx: Vec<_> = cases
        .iter()
        .map(|(_, dir, app)| common::docx_of(app, dir.path()))
        .collect();
    let work = tempfile::tempdir().unwrap();
    let los = soffice_pdf(&docx, work.path());
    let mut all = Vec::new();
    for ((n, _dir, app), lo) in cases.iter().zip(&los) {
        let (_out, pdf) = render(app);
        for (format, pdf, hang) in [("PDF", &pdf, &TYPST_HANG), ("DOCX", lo, &WORD_HANG)] {
            let pages = common::pdf::page_texts(pdf);
            let printed: usize = pages.iter().map(|p| p.matches('甲').count()).sum();
            if printed != *n {
                all.push(format!(
                    "{}, {format}: {printed} of the box's {n} characters printed",
                    app.display()
                ));
            }
            common::pdf::assert_toc_pages_are_right(app, &pages);
            for f in faults(pdf, app, &mirrored, hang) {
                all.push(format!("{}, {format}: {f}", app.display()));
            }
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

/// A web address longer than a line, in a paragraph (the agency's 其他說明) and in a table cell
/// (a services video's address): it breaks only where the book marked it, and no text runs
/// past the margins, in the PDF and in the DOCX as LibreOffice lays it out. It used to run off
/// the page's edge in the PDF, and LibreOffice broke it anywhere.
/// A run of Latin text with no space that is wider than a line (a file name, an English name
/// written without spaces) ran past the page's right edge in the PDF.
#[test]
fn a_latin_run_wider_than_a_line_stays_inside_the_margins_in_both_formats() {
    const FILE: &str = "AnnualTrainingPlanForTheHouseholdRegistrationPersonnelTrainingInstituteOfTheMinistryOfTheInteriorFinalVersion2024RevisedEdition.odt";
    let runs = [FILE.to_string(), "0123456789".repeat(9)];
    let mut all = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let (dir, app) = common::edited_sample(
            "moe-learning-award",
            "agency",
            &format!("long-run-{i}"),
            |yaml| {
                let from = "    other: 本所設置「學習護照」制度";
                assert!(yaml.contains(from), "the sample's 其他說明 changed");
                yaml.replacen(
                    from,
                    &format!("    other: 計畫檔名 {run} 。本所設置「學習護照」制度"),
                    1,
                )
            },
        );
        let (_out, pdf) = render(&app);
        let docx = common::docx_of(&app, dir.path());
        let lo = soffice_pdf(&[docx], dir.path()).remove(0);
        for (format, pdf, hang) in [("PDF", &pdf, &TYPST_HANG), ("DOCX", &lo, &WORD_HANG)] {
            for f in faults(pdf, &app, &mirrored, hang) {
                all.push(format!("{}, {format}: {f}", app.display()));
            }
            // Every character is printed, in order, only broken across lines.
            let text: String = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
                .collect();
            if !text.contains(run.as_str()) {
                all.push(format!("{format}: 「{run}」 is not printed whole"));
            }
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}

#[test]
fn a_web_address_longer_than_a_line_breaks_only_where_it_may() {
    const URL: &str = "https://www.example.gov.tw/household/registration/learning-passport/annual-report/2024/full-text/index.html?section=learning&lang=zh-TW&ref=award-application-appendix";
    let cases = [
        common::edited_sample("moe-learning-award", "agency", "long-url", |yaml| {
            let from = "    other: 本所設置「學習護照」制度";
            assert!(yaml.contains(from), "the sample's 其他說明 changed");
            yaml.replacen(
                from,
                &format!("    other: 詳見 {URL} 。本所設置「學習護照」制度"),
                1,
            )
        }),
        common::edited_sample("sme-org-learning", "services", "long-url", |yaml| {
            let from = "url: https://www.youtube.com/watch?v=demoQC2014a";
            assert!(yaml.contains(from), "the sample's video changed");
            yaml.replacen(from, &format!("url: {URL}"), 1)
        }),
    ];
    let mut all = Vec::new();
    for (dir, app) in &cases {
        let (_out, pdf) = render(app);
        let docx = common::docx_of(app, dir.path());
        let lo = soffice_pdf(&[docx], dir.path()).remove(0);
        for (format, pdf, hang) in [("PDF", &pdf, &TYPST_HANG), ("DOCX", &lo, &WORD_HANG)] {
            for f in faults(pdf, app, &mirrored, hang) {
                all.push(format!("{}, {format}: {f}", app.display()));
            }
        }
    }
    assert!(all.is_empty(), "{} faults:\n{}", all.len(), all.join("\n"));
}
