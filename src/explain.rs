//! `appbook explain CODE`: a diagnostic code's rule, the clause of the specification it comes
//! from, and an invalid and a fixed example. Codes of the applications' rules take both examples
//! from their fixture (`tests/fixtures/<programme>/<CODE>/application.yaml`, compiled in): the
//! lines around the `#!expect` marker, and the same place in a fixture that passes that rule.
//! Codes about files and finished books, which have no YAML fixture, describe their examples.

use crate::codes;
use crate::diagnostics::{Severity, Text};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// Lines of context shown around a change.
const CONTEXT: usize = 2;

/// The explanation of `code` (any case), or None for an unknown code.
pub fn explain(code: &str) -> Option<Text> {
    let code = code.trim().to_ascii_uppercase();
    let info = codes::info(&code)?;
    let (sev_zh, sev_en) = match info.severity {
        Severity::Error => ("錯誤", "error"),
        Severity::Warning => ("警告", "warning"),
        Severity::Info => ("提示", "info"),
    };
    let (clause_zh, clause_en) = clause(&code);
    let mut zh = format!("{code}（{sev_zh}）：{}\n出處：{clause_zh}\n\n", info.zh);
    let mut en = format!("{code} ({sev_en}): {}\nFrom: {clause_en}\n\n", info.en);
    match fixture_example(&code) {
        Some(ex) => {
            zh.push_str(&format!(
                "錯誤的範例（{}，第 {} 行）：\n{}\n",
                ex.file, ex.marker, ex.invalid
            ));
            en.push_str(&format!(
                "Invalid example ({}, line {}):\n{}\n",
                ex.file, ex.marker, ex.invalid
            ));
            match &ex.fixed {
                Some(fixed) => {
                    zh.push_str(&format!("修正後：\n{fixed}"));
                    en.push_str(&format!("Fixed:\n{fixed}"));
                }
                None => {
                    zh.push_str(
                        "修正後：YAML 不必改；要修正或換掉的是它所指的檔案（見上方規則）。\n",
                    );
                    en.push_str(
                        "Fixed: the YAML stays as it is; the file it names is what must be corrected or replaced (see the rule above).\n",
                    );
                }
            }
        }
        None => {
            let (bad, good) = described_example(&code);
            zh.push_str(&format!("錯誤的範例：{}\n修正後：{}\n", bad.zh, good.zh));
            en.push_str(&format!(
                "Invalid example: {}\nFixed: {}\n",
                bad.en, good.en
            ));
        }
    }
    Some(Text::new(zh, en))
}

/// Every code that `explain` knows, for tests and completions.
pub fn codes() -> impl Iterator<Item = &'static str> {
    codes::CODES.iter().map(|c| c.code)
}

fn clause(code: &str) -> (String, String) {
    let spec = |s: &str, zh: &str, en: &str| {
        (
            format!("SPEC.md {s}（{zh}）"),
            format!("SPEC.md {s} ({en})"),
        )
    };
    match code {
        "MOE-DEADLINE" => spec("§2.5", "送件期限", "deadlines and submission"),
        "MOE-AWARD-YEAR"
        | "MOE-UNIT-TYPE"
        | "MOE-REGISTRATION-MISSING"
        | "MOE-REGISTRATION-UNEXPECTED"
        | "MOE-DATE-ORDER"
        | "MOE-EMPLOYEES"
        | "MOE-CONTACT-FORMAT" => spec(
            "§2.2",
            "基本資料表，教育部書表 seed 002",
            "基本資料表 of the MoE form, seed 002",
        ),
        "MOE-TESTIMONIALS-MIN"
        | "MOE-TESTIMONIAL-INCOMPLETE"
        | "SME-TESTIMONIALS-MIN"
        | "SME-TESTIMONIAL-INCOMPLETE"
        | "MOE-TESTIMONIAL-DUPLICATE"
        | "SME-TESTIMONIAL-DUPLICATE" => {
            spec("§4.2", "內容：心得篇數與作者", "content: testimonials")
        }
        c if c.starts_with("MOE-") => spec(
            "§2.3–2.4",
            "評審項目與計算數據，教育部書表 seed 002",
            "評審項目 and derived figures of the MoE form, seed 002",
        ),
        c if c.starts_with("SME-") => spec(
            "§3.2",
            "企業組織學習專區的規則，seed 000；詳見 docs/sme.md",
            "the rules of the SME zone, seed 000; details in docs/sme.md",
        ),
        c if c.starts_with("ATTACH-") => spec("§4.2", "內容：附件", "content: attachments"),
        "FMT-NOT-A-BOOK" => spec(
            "§1, §4.1",
            "審查者的表單；申請書體例的標題編號、頁碼與裝訂只適用於申請書",
            "the reviewers' forms; the book's heading numbers, page numbers and binding are the book's",
        ),
        c if c.starts_with("FMT-") => spec("§4.1", "申請書體例", "the book's format"),
        c if c.starts_with("YAML-") => (
            "申請資料的 JSON Schema（schemas/，appbook schema）".into(),
            "the application's JSON Schema (schemas/, appbook schema)".into(),
        ),
        "APP-PLACEHOLDER" => (
            "申請資料的 JSON Schema（schemas/）與 appbook init 的範本：每個【請填寫：…】都要換成實際資料".into(),
            "the application's JSON Schema (schemas/) and the template appbook init writes: every 【請填寫：…】 is replaced by real data".into(),
        ),
        "APP-DATE-INVALID" => (
            "申請資料的 JSON Schema（schemas/）的日期欄位：民國或西元年-月-日，且須是日曆上的日期".into(),
            "the date fields of the application's JSON Schema (schemas/): ROC or Western year-month-day, on the calendar".into(),
        ),
        c if c.starts_with("APP-") => spec(
            "§6",
            "programme: 與 edition: 指定計畫與書表版本",
            "programme: and edition: name the form",
        ),
        _ => spec(
            "§6",
            "結束代碼 2：用法錯誤或無法讀取的輸入",
            "exit status 2: usage error or unreadable input",
        ),
    }
}

struct FixtureExample {
    file: String,
    marker: usize,
    invalid: String,
    fixed: Option<String>,
}

/// The words after `#!expect` on `line`: the code, then `FILE:LINE` when the finding is in a
/// file the YAML names (tests/fixtures/README.md).
fn marker_words(line: &str) -> Option<Vec<&str>> {
    line.split_once("#!expect")
        .map(|(_, rest)| rest.split_whitespace().collect())
}

/// The line marked for `code`, else the first marked line.
fn marker_line(text: &str, code: Option<&str>) -> Option<usize> {
    let marked = |l: &str| marker_words(l).is_some();
    text.lines()
        .position(|l| code.is_some() && marker_words(l).is_some_and(|w| w.first() == code.as_ref()))
        .or_else(|| text.lines().position(marked))
}

/// A line as a user would write it: without the marker and without a fixture's header comment.
fn clean(line: &str) -> &str {
    if line.starts_with("# Fixture:") {
        return "";
    }
    line.split_once("#!expect")
        .map_or(line, |(before, _)| before)
        .trim_end()
}

fn fixture_example(code: &str) -> Option<FixtureExample> {
    let (programme, _, text) = FIXTURES.iter().find(|(_, c, _)| *c == code)?;
    let marker = marker_line(text, Some(code))?;
    let bad: Vec<&str> = text.lines().map(clean).collect();
    // A marker naming a file (`#!expect CODE records/learning.csv:4`) puts the fault in that file.
    let names_file = text
        .lines()
        .nth(marker)
        .and_then(marker_words)
        .is_some_and(|w| w.iter().skip(1).any(|t| t.contains(':')));
    let hunk = if names_file {
        None
    } else {
        best_fix(programme, code, &bad, marker)
    };
    let (lo, hi) = match &hunk {
        Some(h) => (h.bad.start.min(marker), h.bad.end.max(marker + 1)),
        None => (marker, marker + 1),
    };
    let invalid = window(&bad, lo, hi, Some(marker));
    let fixed = hunk.map(|h| {
        let good_lo = h.good.start;
        let good_hi = h.good.end.max(good_lo + 1);
        window(&h.lines, good_lo, good_hi, None)
    });
    Some(FixtureExample {
        file: format!("tests/fixtures/{programme}/{code}/application.yaml"),
        marker: marker + 1,
        invalid,
        fixed,
    })
}

/// `lines[lo..hi]` with context, numbered from 1; `mark` gets a `>`.
fn window(lines: &[&str], lo: usize, hi: usize, mark: Option<usize>) -> String {
    let from = lo.saturating_sub(CONTEXT);
    let to = (hi + CONTEXT).min(lines.len());
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let m = if Some(i) == mark { '>' } else { ' ' };
        out.push_str(&format!("  {m}{:>4} | {line}\n", i + 1));
    }
    out
}

/// Where a passing fixture differs from the invalid one, near the marker.
struct Hunk {
    bad: std::ops::Range<usize>,
    good: std::ops::Range<usize>,
    lines: Vec<&'static str>,
}

/// The change that fixes the invalid fixture: against `valid/` when the programme has one, else
/// against the sibling fixture whose own change lies elsewhere, with the smallest difference.
fn best_fix(programme: &str, code: &str, bad: &[&str], marker: usize) -> Option<Hunk> {
    let candidates: Vec<&'static str> = match FIXTURES
        .iter()
        .find(|(p, c, _)| *p == programme && *c == "valid")
    {
        Some((_, _, t)) => vec![t],
        None => FIXTURES
            .iter()
            .filter(|(p, c, _)| *p == programme && *c != code)
            .map(|(_, _, t)| *t)
            .collect(),
    };
    candidates
        .into_iter()
        .filter_map(|text| {
            let good: Vec<&'static str> = text.lines().map(clean).collect();
            let theirs = marker_line(text, None);
            let (b, g) = diff_near(bad, &good, marker)?;
            // The other fixture's own break must not be what we show as the fix.
            if theirs.is_some_and(|t| g.start <= t + CONTEXT && t < g.end + CONTEXT) {
                return None;
            }
            Some(Hunk {
                bad: b,
                good: g,
                lines: good,
            })
        })
        .min_by_key(|h| h.bad.len() + h.good.len())
}

/// The changed block of `a` against `b` (a longest-common-subsequence diff) nearest to line
/// `near` of `a`, as ranges in each; None when the texts are the same.
fn diff_near(
    a: &[&str],
    b: &[&str],
    near: usize,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let mut hunks = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        let (si, sj) = (i, j);
        while (i < n || j < m) && !(i < n && j < m && a[i] == b[j]) {
            if j >= m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
                i += 1;
            } else {
                j += 1;
            }
        }
        hunks.push((si..i, sj..j));
    }
    let distance = |r: &std::ops::Range<usize>| {
        if near < r.start {
            r.start - near
        } else {
            near.saturating_sub(r.end.max(r.start + 1) - 1)
        }
    };
    hunks
        .into_iter()
        .min_by_key(|(ra, _)| distance(ra))
        // A missing key is marked at its parent, a few lines above where it was taken out.
        .filter(|(ra, _)| distance(ra) <= 20)
}

/// Examples of the codes about files and finished books, which have no YAML fixture.
fn described_example(code: &str) -> (Text, Text) {
    let t = |zh: &str, en: &str| Text::new(zh, en);
    match code {
        "INPUT-UNREADABLE" => (
            t("appbook check 我的申申請（路徑打錯，或檔案沒有讀取權限）", "appbook check my-applicaton (a mistyped path, or a file without read permission)"),
            t("appbook check 我的申請（存在且可讀取的路徑）", "appbook check my-application (a path that exists and can be read)"),
        ),
        "INPUT-TOO-LARGE" => (
            t("把 5 MiB 的圖片用 base64 貼進 application.yaml", "a 5 MiB picture pasted into application.yaml as base64"),
            t("圖片放在 attachments/，YAML 只寫 file: attachments/photo.png", "the picture in attachments/, and only file: attachments/photo.png in the YAML"),
        ),
        "INPUT-NOT-UTF8" => (
            t("用舊版記事本以 Big5（ANSI）存檔的 application.yaml", "an application.yaml saved as Big5 (ANSI) by an old Notepad"),
            t("另存為 UTF-8，或 iconv -f BIG5 -t UTF-8 舊檔 > application.yaml", "saved as UTF-8, or iconv -f BIG5 -t UTF-8 old.yaml > application.yaml"),
        ),
        "INPUT-LIMIT" => (
            t("a: &a [*b, *b, …] 一層層展開的別名（billion laughs），或 70 層巢狀", "aliases that expand layer on layer (billion laughs), or 70 levels of nesting"),
            t("照範本的結構填寫，不用錨點與別名", "the structure of the template, without anchors and aliases"),
        ),
        "INPUT-UNSUPPORTED" => (
            t("appbook check 申請書.odt", "appbook check book.odt"),
            t("appbook check 申請書.docx（或 .pdf、.yaml）", "appbook check book.docx (or .pdf, .yaml)"),
        ),
        "INPUT-EMPTY" => (
            t("0 位元組的 申請書.docx（上傳中斷）", "a book.docx of 0 bytes (an interrupted upload)"),
            t("重新匯出完整的檔案", "the whole file, exported again"),
        ),
        "INPUT-NOTHING-FOUND" => (
            t("appbook check 空資料夾，或 appbook check . --exclude '*'", "appbook check empty-folder, or appbook check . --exclude '*'"),
            t("appbook check applications/（含 programme: 的 YAML 所在的資料夾）", "appbook check applications/ (the folder holding YAML with programme:)"),
        ),
        "INPUT-EXCLUDE" => (
            t("appbook check . --exclude '[reference'", "appbook check . --exclude '[reference'"),
            t("appbook check . --exclude 'reference/'", "appbook check . --exclude 'reference/'"),
        ),
        "INPUT-NOT-DOCX" => (
            t("把 申請書.doc（舊 Word 格式）改名為 申請書.docx", "book.doc (the old Word format) renamed to book.docx"),
            t("在 Word 以「另存新檔 → Word 文件 (*.docx)」存檔", "saved from Word with Save As → Word Document (*.docx)"),
        ),
        "INPUT-DOCX-PART-MISSING" => (
            t("缺少 word/document.xml 的 zip 檔", "a zip without word/document.xml"),
            t("在 Word 或 LibreOffice 重新存成 .docx", "saved again as .docx from Word or LibreOffice"),
        ),
        "INPUT-DOCX-DOCTYPE" => (
            t("document.xml 開頭有 <!DOCTYPE …> 與 <!ENTITY …> 宣告的 DOCX（不是 Word 存的）", "a DOCX whose document.xml starts with <!DOCTYPE …> and <!ENTITY …> declarations (not saved by Word)"),
            t("以 Word 開啟後另存新檔的 DOCX", "the DOCX opened in Word and saved as a new file"),
        ),
        "INPUT-NOT-PDF" => (
            t("其實是 HTML 錯誤頁的 申請書.pdf", "a book.pdf that is really an HTML error page"),
            t("從文書軟體重新匯出的 PDF", "a PDF exported again from the word processor"),
        ),
        "INPUT-PDF-BROKEN" => (
            t("下載到一半、沒有結尾 %%EOF 的 PDF", "a PDF cut off while downloading, without its final %%EOF"),
            t("重新下載或匯出的完整 PDF", "the whole PDF, downloaded or exported again"),
        ),
        "INPUT-PDF-ENCRYPTED" => (
            t("設了開啟密碼的 PDF", "a PDF with an opening password"),
            t("不加密碼重新匯出的 PDF", "the PDF exported again without a password"),
        ),
        "INPUT-TEMPLATES" => (
            t("appbook --templates 新版書表 check …，其中 edition.yaml 缺少 programme:", "appbook --templates new-forms check … where an edition.yaml lacks programme:"),
            t("照 docs/adding-an-edition.md 的版面放 edition.yaml、book.yaml、application.yaml", "edition.yaml, book.yaml and application.yaml laid out as docs/adding-an-edition.md shows"),
        ),
        "FMT-PAPER" => (
            t("版面設定為 Letter（21.59 × 27.94 cm）的申請書", "a book set up on Letter paper (21.59 × 27.94 cm)"),
            t("版面設定為 A4（21 × 29.7 cm）", "page setup A4 (21 × 29.7 cm)"),
        ),
        "FMT-ORIENTATION" => (
            t("某一節設成橫向，以放寬表格", "one section set to landscape to fit a wide table"),
            t("每一節都是直向；寬表格縮小字距或分成兩張表", "every section portrait; a wide table narrowed or split in two"),
        ),
        "FMT-FONT-SIZE" => (
            t("內文 12 pt、標題 16 pt", "body text at 12 pt, headings at 16 pt"),
            t("標題與內文都是 14 pt", "headings and body text all at 14 pt"),
        ),
        "FMT-FONT-FACE" => (
            t("中文字型為新細明體（PMingLiU）", "Chinese text set in PMingLiU"),
            t("中文字型為標楷體（DFKai-SB）", "Chinese text set in 標楷體 (DFKai-SB)"),
        ),
        "FMT-FONT-SUBSTITUTE" => (
            t("在沒有標楷體的電腦以 TW-Kai 全字庫正楷體排版", "set in TW-Kai on a machine without 標楷體"),
            t("在裝有標楷體的電腦重新匯出，或接受此警告", "exported again on a machine with 標楷體, or the warning accepted"),
        ),
        "FMT-LINE-SPACING" => (
            t("段落行距設為 1.5 倍行高", "paragraphs at 1.5 line spacing"),
            t("段落行距設為單行間距", "paragraphs at single line spacing"),
        ),
        "FMT-HEADING-ORDER" => (
            t("「一、」之下直接用「壹、」", "「壹、」 used below 「一、」"),
            t("依序 壹、→ 一、→（一）→ 1、→（1）", "in order 壹、→ 一、→（一）→ 1、→（1）"),
        ),
        "FMT-NO-TEXT" => (
            t("把紙本申請書掃描成只有影像的 PDF 送審", "a paper book scanned into a PDF made only of images"),
            t("由 Word 或 appbook 直接輸出、文字可選取的 PDF 或 DOCX", "the PDF or DOCX exported by Word or appbook, with selectable text"),
        ),
        "FMT-HEADING-SEQUENCE" => (
            t("「參、基本資料表」之後是「壹、評審項目」", "「壹、評審項目」 right after 「參、基本資料表」"),
            t("「壹、基本資料表」之後是「貳、評審項目」；新的「貳、」之下重新由「一、」起算", "「貳、評審項目」 after 「壹、基本資料表」; under the new 「貳、」 the 一、 count starts again"),
        ),
        "FMT-BOLD" => (
            t("標題與重點文字設為粗體", "headings and key sentences set in bold"),
            t("不設粗體，以標題編號與段落區分層次", "no bold: the heading numbers and paragraphs show the structure"),
        ),
        "FMT-ITALIC" => (
            t("引用的心得設為斜體", "quoted testimonials set in italic"),
            t("不設斜體，引文以「」標示", "no italic: quotations in 「」"),
        ),
        "FMT-PAGE-NUMBER" => (
            t("頁尾是空的、沒有插入頁碼的申請書", "a book whose footers are empty, with no page numbers inserted"),
            t("頁尾置中插入頁碼（PAGE 功能變數），封面以外每頁都有", "a page number (PAGE field) centred in the footer of every page after the cover"),
        ),
        "FMT-MARGIN" => (
            t("左邊界 0.4 公分、下邊界 0.4 公分", "left margin 0.4 cm, bottom margin 0.4 cm"),
            t("內側（裝訂側）3 公分、外側 2 公分、上下各 2.5 公分", "inside (binding side) 3 cm, outside 2 cm, top and bottom 2.5 cm each"),
        ),
        "FMT-BINDING" => (
            t("左 2.5 公分、右 5 公分；或雙面列印卻沒有選「左右對稱」", "left 2.5 cm, right 5 cm; or double-sided without Mirrored margins"),
            t("選「左右對稱」，內側 3 公分、外側 2 公分", "Mirrored margins, inside 3 cm, outside 2 cm"),
        ),
        "FMT-NOT-A-BOOK" => (
            t("評分表的表格中「一、訂有員工學習制度規定」被當成標題，報「跳過壹、層」", "the item 「一、訂有員工學習制度規定」 in a 評分表's table read as a heading that skips the 壹、 level"),
            t("標題為「…評分表」、沒有目次的檔案只依頁面規則檢查，並以此提示說明", "a file titled 「…評分表」 without a 目次 is held to the page rules only, and this note says so"),
        ),
        "FMT-HEADING-SKIP" => (
            t("「壹、」之下直接是「（一）」", "「（一）」 directly below 「壹、」"),
            t("「壹、」之下先有「一、」，再有「（一）」", "「一、」 below 「壹、」, then 「（一）」"),
        ),
        _ => (
            t("（此代碼沒有範例）", "(no example for this code)"),
            t("（此代碼沒有範例）", "(no example for this code)"),
        ),
    }
}
