//! Reading a rendered book as a reader sees it, through poppler-utils (pdfinfo, pdffonts,
//! pdftotext) and lopdf, and the checks every programme's book must pass: A4 pages, a Kai font,
//! a 目次 whose page numbers are right, body text at 14 pt.

use super::tool;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Renders `app` into a fresh folder through the library and returns the folder and the PDF.
pub fn render(app: &Path) -> (tempfile::TempDir, PathBuf) {
    render_at(app, None)
}

pub fn render_at(app: &Path, epoch: Option<i64>) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let prepared = appbook::render::prepare(app);
    let book = prepared.book.unwrap_or_else(|| {
        panic!(
            "{} has errors: {:?}",
            app.display(),
            prepared.report.diagnostics
        )
    });
    let renderer = appbook::writers::pdf::Renderer::new(&Default::default()).expect("a Kai font");
    let name = appbook::render::book_name(app);
    let pdf = out.path().join(format!("{name}.pdf"));
    let bytes = renderer.render_at(&book, epoch).expect("renders");
    appbook::write::atomic(&pdf, &bytes).unwrap();
    (out, pdf)
}

pub fn page_count(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// The text of each page (index 0 = page 1), laid out as on paper.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    (1..=page_count(pdf))
        .map(|n| {
            let n = n.to_string();
            tool(
                "pdftotext",
                &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
            )
        })
        .collect()
}

/// Text without any white space (pdftotext spaces CJK and Latin runs as laid out).
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The entries of the 目次: (heading text, printed page), in order. An entry may wrap onto a
/// second line; it ends with the leader dots and the page number. The 目次 starts on page 2
/// and may run over several pages.
pub fn toc(pages: &[String]) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for (i, text) in pages.iter().enumerate().skip(1) {
        let lines: Vec<&str> = if i == 1 {
            text.lines()
                .skip_while(|l| !l.contains("目次"))
                .skip(1)
                .collect()
        } else {
            text.lines().collect()
        };
        let mut pending = String::new();
        let mut any = false;
        for line in lines {
            let t = line.trim();
            if t.is_empty() || t.chars().all(|c| c.is_ascii_digit()) {
                // blank, or the page's own number at its foot
                continue;
            }
            if let Some((head, num)) = split_entry(t) {
                pending.push_str(head);
                entries.push((squash(&pending), num));
                pending.clear();
                any = true;
            } else {
                pending.push_str(t);
            }
        }
        if !any {
            break;
        }
    }
    entries
}

fn split_entry(line: &str) -> Option<(&str, usize)> {
    let rest = line.trim_end_matches(|c: char| c.is_ascii_digit());
    let num: usize = line[rest.len()..].parse().ok()?;
    let rest = rest.trim_end();
    if !rest.ends_with(".") {
        return None;
    }
    Some((rest.trim_end_matches(['.', ' ']), num))
}

/// Every page is A4 portrait and a Kai font is embedded.
pub fn assert_a4_and_kai(app: &Path, pdf: &Path) {
    let n = page_count(pdf);
    let info = tool(
        "pdfinfo",
        &["-f", "1", "-l", &n.to_string(), pdf.to_str().unwrap()],
    );
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.contains(" size:"))
        .filter(|l| {
            l.split_whitespace()
                .nth(1)
                .is_some_and(|n| n.parse::<usize>().is_ok())
        })
        .collect();
    assert_eq!(sizes.len(), n, "{}", app.display());
    for l in sizes {
        let nums: Vec<f64> = l
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let (w, h) = (nums[nums.len() - 2], nums[nums.len() - 1]);
        assert!(
            (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0,
            "{}: {l}",
            app.display()
        );
    }
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let kai = fonts.lines().skip(2).any(|l| {
        let name = l.split_whitespace().next().unwrap_or("").to_lowercase();
        ["tw-kai", "dfkai", "biaukai", "ukai", "moe-std-kai"]
            .iter()
            .any(|k| name.contains(k))
    });
    assert!(kai, "{}: no Kai font embedded:\n{fonts}", app.display());
}

/// Page 2 is the 目次, every page but the cover prints its number, and every 目次 entry's
/// heading is on the page the 目次 gives. Returns the entries.
pub fn assert_toc_pages_are_right(app: &Path, pages: &[String]) -> Vec<(String, usize)> {
    assert!(squash(&pages[1]).starts_with("目次"), "page 2 is the 目次");
    for (i, text) in pages.iter().enumerate().skip(1) {
        let n = (i + 1).to_string();
        assert!(
            text.lines().any(|l| l.trim() == n),
            "{}: page {n} prints no page number:\n{text}",
            app.display()
        );
    }
    let entries = toc(pages);
    assert!(!entries.is_empty(), "{}: empty 目次", app.display());
    for (heading, page) in &entries {
        let text = pages
            .get(page - 1)
            .unwrap_or_else(|| panic!("{heading}: page {page} missing"));
        assert!(
            squash(text).contains(heading.as_str()),
            "{}: 目次 says {heading} is on page {page}, but that page reads:\n{text}",
            app.display()
        );
    }
    entries
}

/// The entries starting with each of `expected`, found in that order on non-decreasing pages.
pub fn assert_in_order(app: &Path, entries: &[(String, usize)], expected: &[String]) {
    let mut last = (0usize, 0usize);
    for want in expected {
        let at = entries
            .iter()
            .enumerate()
            .skip(last.0)
            .find(|(_, (h, _))| h.starts_with(want.as_str()))
            .unwrap_or_else(|| {
                panic!(
                    "{}: {want} missing or out of order in {entries:?}",
                    app.display()
                )
            });
        assert!(
            at.1 .1 >= last.1,
            "{want} comes before an earlier section's page"
        );
        last = (at.0 + 1, at.1 .1);
    }
}

/// Effective size of every text-showing operation on a page: Tf size scaled by the text and
/// current transformation matrices, as the height of the glyphs.
pub fn text_sizes(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<(String, f32)> {
    type M = [f32; 6];
    fn mul(a: M, b: M) -> M {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    }
    let nums = |ops: &[lopdf::Object]| -> Vec<f32> {
        ops.iter().filter_map(|o| o.as_float().ok()).collect()
    };
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut ctm: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack = Vec::new();
    let (mut tm, mut size) = ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0.0f32);
    let mut font = Vec::new();
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let mut out = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" => {
                let n = nums(&op.operands);
                ctm = mul([n[0], n[1], n[2], n[3], n[4], n[5]], ctm);
            }
            "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            "Tm" => {
                let n = nums(&op.operands);
                tm = [n[0], n[1], n[2], n[3], n[4], n[5]];
            }
            "Tf" => {
                font = op.operands[0]
                    .as_name()
                    .map(|n| n.to_vec())
                    .unwrap_or_default();
                size = nums(&op.operands)[0];
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let m = mul(tm, ctm);
                // The glyphs' height: the distance from the baseline to the top of the em,
                // across the baseline. A text narrowed to fit its column (scaled in x only) or
                // slanted keeps its size; the area (the determinant's root) would not.
                let along = m[0].hypot(m[1]);
                let scale = if along > 0.0 {
                    (m[0] * m[3] - m[1] * m[2]).abs() / along
                } else {
                    0.0
                };
                let base = fonts
                    .get(&font)
                    .and_then(|d| d.get(b"BaseFont").ok())
                    .and_then(|b| b.as_name().ok())
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                out.push((base, size * scale));
            }
            _ => {}
        }
    }
    out
}

/// Every text run on the pages before the first one `skip` says carries other typography
/// (an attachment's own pages) is set at 14 pt in a Kai font.
pub fn assert_body_14pt_kai(app: &Path, pdf: &Path, skip: impl Fn(usize, &str) -> bool) {
    let pages_text = page_texts(pdf);
    let first_attachment = toc(&pages_text)
        .iter()
        .filter(|(h, _)| {
            h.starts_with("附件") && h.chars().nth(2).is_some_and(|c| c.is_ascii_digit())
        })
        .map(|(_, p)| *p)
        .min()
        .unwrap_or(pages_text.len() + 1);
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut counted = 0;
    let mut by_size: BTreeMap<String, usize> = BTreeMap::new();
    for (n, id) in doc.get_pages() {
        if n as usize >= first_attachment || skip(n as usize, &pages_text[n as usize - 1]) {
            continue;
        }
        for (font, s) in text_sizes(&doc, id) {
            counted += 1;
            *by_size.entry(format!("{s:.2}")).or_default() += 1;
            assert!(
                font.to_lowercase().contains("kai"),
                "{}: page {n} sets text in {font}",
                app.display()
            );
        }
    }
    assert!(
        counted > 100,
        "{}: too little text found ({counted})",
        app.display()
    );
    assert_eq!(
        by_size.keys().collect::<Vec<_>>(),
        vec!["14.00"],
        "{}: sizes {by_size:?}",
        app.display()
    );
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walk(dir).into_iter().filter(|p| p.is_file()).collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                v.extend(walk(&p));
            }
            v.push(p);
        }
    }
    v
}
