//! The format rules of SPEC §4.1, applied to what [`crate::inspect`] saw in a DOCX or PDF.
//! One set of rules for both kinds of file, so a book passes or fails for the same reasons
//! whichever way it was delivered.
//!
//! Each rule reports once per distinct problem (one paper size, one font, one size), at the
//! first place it occurs, and names how many places share it, so a 40-page book in the
//! wrong font gives one finding rather than forty.

use crate::book::numbering;
use crate::diagnostics::{Diagnostic, Location, Text};
use crate::inspect::{Kind, Observed, Place};
use std::collections::BTreeMap;

/// A4 in points (210 × 297 mm).
const A4: (f64, f64) = (595.276, 841.89);
/// About 1 mm: producers round A4 differently (Typst 595.276, LibreOffice 595.304).
const PAPER_TOLERANCE: f64 = 3.0;
const BODY_SIZE: f64 = 14.0;
const SIZE_TOLERANCE: f64 = 0.25;
/// Declared spacing (DOCX) above this multiple of single is not single.
const DECLARED_SPACING_MAX: f64 = 1.05;
/// Measured baseline pitch (PDF) above this multiple of the font's natural line height is
/// not single. Word snapping 14 pt lines to an 18 pt document grid gives 1.29; 1.5 lines
/// gives 1.5 or more.
const MEASURED_SPACING_MAX: f64 = 1.32;

/// How a font name relates to 標楷體.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Face {
    /// 標楷體 itself, under one of its names.
    Kai,
    /// A free Kai font drawn to the Ministry's standard glyphs; the printed page looks the
    /// same, but it is not the font the rules name.
    Substitute(&'static str),
    Other,
}

/// Folds the ways files spell a font name: case, spaces, hyphens, underscores, a subset tag
/// (ABCDEF+), a style suffix (",Bold", "-Regular").
fn fold(name: &str) -> String {
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => name,
    };
    let name = name.split(',').next().unwrap_or(name);
    let mut s: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    for suffix in ["regular", "normal", "medium"] {
        if s.len() > suffix.len() && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
        }
    }
    s
}

pub fn classify_face(name: &str) -> Face {
    let f = fold(name);
    const KAI: &[&str] = &[
        "標楷體",
        "dfkaisb",
        "dfkaishusbestdbf",
        "kaiu",
        "biaukai",
        "biaukaitc",
        "biaukaihk",
        "標楷體繁",
        "標楷體港澳",
        "標楷體(繁)",
    ];
    if KAI.contains(&f.as_str()) {
        return Face::Kai;
    }
    const SUBSTITUTES: &[(&str, &str)] = &[
        ("twkai", "TW-Kai 全字庫正楷體"),
        ("全字庫正楷體", "TW-Kai 全字庫正楷體"),
        ("arplukai", "AR PL UKai"),
        ("ukaitw", "AR PL UKai"),
        ("ukaihk", "AR PL UKai"),
        ("ukaicn", "AR PL UKai"),
        ("cwtexqkai", "cwTeX Q Kai"),
        ("twmoestdkai", "教育部標準楷書 TW-MOE-Std-Kai"),
        ("教育部標準楷書", "教育部標準楷書 TW-MOE-Std-Kai"),
        ("edukai", "教育部標準楷書 TW-MOE-Std-Kai"),
    ];
    SUBSTITUTES
        .iter()
        .find(|(prefix, _)| f.starts_with(prefix))
        .map_or(Face::Other, |(_, label)| Face::Substitute(label))
}

/// Applies every format rule and returns the findings for `file`. A reviewer's form is held
/// to the rules of the printed page only; see [`BOOK_ONLY`].
pub fn check(observed: &Observed, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    nothing_to_check(observed, file, &mut out);
    paper(observed, file, &mut out);
    font_size(observed, file, &mut out);
    font_face(observed, file, &mut out);
    spacing(observed, file, &mut out);
    headings(observed, file, &mut out);
    heading_sequence(observed, file, &mut out);
    emphasis(observed, file, &mut out);
    page_numbers(observed, file, &mut out);
    margins(observed, file, &mut out);
    if let Some(form) = reviewer_form(observed) {
        out.retain(|d| !BOOK_ONLY.contains(&d.code.as_str()));
        out.insert(0, not_a_book(&form, file));
    }
    out
}

/// The rules about a book's structure and binding. The 申請書體例 asks them of the 申請書,
/// bound double-sided with its 目次 and 壹、貳、 parts; a one-page 一覽表 or 評分表 has no
/// parts, its table cells quote the form's item names (「一、訂有員工學習制度規定」) and its
/// 說明 is numbered 「1.」 as the seed's form is, so these rules would only misread it.
pub const BOOK_ONLY: &[&str] = &[
    "FMT-HEADING-ORDER",
    "FMT-HEADING-SKIP",
    "FMT-HEADING-SEQUENCE",
    "FMT-PAGE-NUMBER",
    "FMT-BINDING",
];

/// The last words of the titles of the forms reviewers use, as appbook's `roster`, `score`,
/// `notice` and `render` print them for every programme and as the seed's 一覽表 is headed.
/// A title is matched by its end, so the programme's name in front of it (or an edition's
/// rewording of that name) does not matter, and a form typed by hand from the seed is known
/// as well as appbook's own.
const REVIEWER_FORMS: &[&str] = &[
    "初審合格名單一覽表",
    "評分表",
    "評審總表",
    "補正通知",
    "送件檢核表",
];

/// A title wider than the line wraps (「…企業組織學習競賽」 then 「評分表」), so it may take
/// this many of the first lines.
const TITLE_LINES: usize = 3;

struct Form {
    name: &'static str,
    title: String,
    place: Place,
}

/// The reviewer's form `o` is, told by its title: the first lines of page 1 (PDF) or the first
/// paragraphs (DOCX), up to the first field (「機關名稱：」). A file with a 目次 is a book
/// whatever its first lines say: a book's cover may well name a 評分表.
fn reviewer_form(o: &Observed) -> Option<Form> {
    if has_contents(o) {
        return None;
    }
    let first = o.lines.first()?;
    let mut title = String::new();
    for line in o.lines.iter().take(TITLE_LINES) {
        if o.kind == Kind::Pdf && line.place != Place::Page(1) {
            break;
        }
        let text: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
        if text.contains(['：', ':']) {
            break;
        }
        title.push_str(&text);
        if let Some(name) = REVIEWER_FORMS.iter().find(|n| title.ends_with(*n)) {
            return Some(Form {
                name,
                title,
                place: first.place.clone(),
            });
        }
    }
    None
}

/// Whether the file has a table of contents: a 目次 (目錄) title, TOC-styled paragraphs (DOCX)
/// or entries with dot leaders (PDF).
fn has_contents(o: &Observed) -> bool {
    o.contents
        || o.lines.iter().any(|l| {
            let t: String = l.text.chars().filter(|c| !c.is_whitespace()).collect();
            t == "目次" || t == "目錄"
        })
        || (o.kind == Kind::Pdf && o.lines.iter().filter(|l| is_toc_entry(&l.text)).count() >= 2)
}

fn not_a_book(form: &Form, file: &str) -> Diagnostic {
    Diagnostic::new(
        "FMT-NOT-A-BOOK",
        crate::diagnostics::Severity::Info,
        location(file, &form.place),
        Text::new(
            format!(
                "這是審查用的「{}」（標題「{}」），不是申請書：只檢查紙張、字型、字級、行距、粗斜體與邊界，不檢查標題編號、頁碼與雙面裝訂",
                form.name, form.title
            ),
            format!(
                "this is a reviewer's form, a {} (titled `{}`), not an application book: its paper, fonts, sizes, line spacing, bold and italic and margins are checked, not its heading numbers, page numbers or double-sided binding",
                form.name, form.title
            ),
        ),
    )
    .with_hint(Text::new(
        "若這其實是申請書，它缺少目次：申請書在封面之後須有目次。",
        "if this is in fact an application book, it lacks its 目次: a book has one after its cover.",
    ))
}

fn location(file: &str, place: &Place) -> Location {
    Location {
        file: file.to_string(),
        line: 0,
        column: 0,
        path: place.path(),
        byte: None,
    }
}

/// "第 1、3、4 頁等 12 處" — the first few places and how many there are in all.
fn places_text(places: &[&Place]) -> Text {
    const SHOWN: usize = 3;
    let zh: Vec<String> = places.iter().take(SHOWN).map(|p| p.describe().zh).collect();
    let en: Vec<String> = places.iter().take(SHOWN).map(|p| p.describe().en).collect();
    let n = places.len();
    if n > SHOWN {
        Text::new(
            format!("{}等 {n} 處", zh.join("、")),
            format!("{} and {} more", en.join(", "), n - SHOWN),
        )
    } else {
        Text::new(zh.join("、"), en.join(", "))
    }
}

fn mm(pt: f64) -> f64 {
    (pt * 25.4 / 72.0).round()
}

fn paper(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    // Group by paper so a whole Letter-size book is one finding.
    let mut wrong: BTreeMap<String, Vec<&Place>> = BTreeMap::new();
    let mut landscape: Vec<&Place> = Vec::new();
    for p in &o.pages {
        let Some((w, h)) = p.size else {
            wrong.entry("?".into()).or_default().push(&p.place);
            continue;
        };
        let (short, long) = if w <= h { (w, h) } else { (h, w) };
        if (short - A4.0).abs() > PAPER_TOLERANCE || (long - A4.1).abs() > PAPER_TOLERANCE {
            wrong
                .entry(format!("{} × {} mm", mm(short), mm(long)))
                .or_default()
                .push(&p.place);
        } else if w > h {
            landscape.push(&p.place);
        }
    }
    for (size, places) in wrong {
        let at = places_text(&places);
        let (zh, en) = if size == "?" {
            (
                "未指定紙張大小".to_string(),
                "no paper size given".to_string(),
            )
        } else {
            (format!("紙張是 {size}"), format!("the paper is {size}"))
        };
        out.push(
            Diagnostic::error(
                "FMT-PAPER",
                location(file, places[0]),
                Text::new(
                    format!("{zh}，不是 A4（210 × 297 mm）：{}", at.zh),
                    format!("{en}, not A4 (210 × 297 mm): {}", at.en),
                ),
            )
            .with_hint(Text::new(
                "在「版面配置 → 大小」選 A4 後重新輸出。",
                "choose A4 in Layout → Size and export again.",
            )),
        );
    }
    if !landscape.is_empty() {
        let at = places_text(&landscape);
        out.push(
            Diagnostic::error(
                "FMT-ORIENTATION",
                location(file, landscape[0]),
                Text::new(
                    format!("頁面是橫向，應為直向：{}", at.zh),
                    format!("the page is landscape, not portrait: {}", at.en),
                ),
            )
            .with_hint(Text::new(
                "在「版面配置 → 方向」選直向。",
                "choose Portrait in Layout → Orientation.",
            )),
        );
    }
}

/// The rules judge Chinese text: a file with none (a scan made of images, an empty body,
/// text in Latin letters only) would pass every rule without anything having been judged.
fn nothing_to_check(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    if o.runs.iter().any(|r| r.cjk) {
        return;
    }
    let place = o.pages.first().map_or(
        match o.kind {
            Kind::Pdf => Place::Page(1),
            Kind::Docx => Place::Section(1),
        },
        |p| p.place.clone(),
    );
    let (zh, en) = if o.runs.is_empty() {
        ("沒有任何文字", "has no text at all")
    } else {
        ("沒有任何中文文字", "has no Chinese text")
    };
    out.push(
        Diagnostic::error(
            "FMT-NO-TEXT",
            location(file, &place),
            Text::new(
                format!("此檔{zh}（例如只有掃描影像，或內容是空的），字型、字級與標題編號都無從檢查"),
                format!("the file {en} (a scan made only of images, say, or an empty body), so its fonts, sizes and heading numbers cannot be checked"),
            ),
        )
        .with_hint(Text::new(
            "請檢查由文書軟體直接輸出的 DOCX 或 PDF，不要用掃描檔；若檔案確實是空的，請換成完整的申請書。",
            "check the DOCX or PDF exported by the word processor, not a scan; if the file is really empty, use the finished book instead.",
        )),
    );
}

fn font_size(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    // Keyed by the size in hundredths of a point so equal sizes group exactly.
    let mut wrong: BTreeMap<i64, Vec<&Place>> = BTreeMap::new();
    for r in &o.runs {
        if (r.size - BODY_SIZE).abs() > SIZE_TOLERANCE {
            let places = wrong.entry((r.size * 100.0).round() as i64).or_default();
            if places.last() != Some(&&r.place) {
                places.push(&r.place);
            }
        }
    }
    for (size, places) in wrong {
        let size = size as f64 / 100.0;
        let at = places_text(&places);
        out.push(
            Diagnostic::error(
                "FMT-FONT-SIZE",
                location(file, places[0]),
                Text::new(
                    format!("文字是 {size} pt，標題與內文應為 14 pt：{}", at.zh),
                    format!(
                        "text is set at {size} pt; titles and body must be 14 pt: {}",
                        at.en
                    ),
                ),
            )
            .with_hint(Text::new(
                "把內文與各級標題樣式的字型大小都設為 14。",
                "set the font size of the body and every heading style to 14.",
            )),
        );
    }
}

fn font_face(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let mut other: BTreeMap<String, Vec<&Place>> = BTreeMap::new();
    let mut substitute: BTreeMap<(String, &'static str), Vec<&Place>> = BTreeMap::new();
    for r in o.runs.iter().filter(|r| r.cjk) {
        let name = r.font.clone().unwrap_or_default();
        let places = match classify_face(&name) {
            Face::Kai => continue,
            Face::Substitute(label) => substitute.entry((name, label)).or_default(),
            Face::Other => other.entry(name).or_default(),
        };
        if places.last() != Some(&&r.place) {
            places.push(&r.place);
        }
    }
    for (name, places) in other {
        let at = places_text(&places);
        let shown = if name.is_empty() {
            "（未指定）".to_string()
        } else {
            name.clone()
        };
        let shown_en = if name.is_empty() {
            "(none named)".to_string()
        } else {
            name
        };
        out.push(
            Diagnostic::error(
                "FMT-FONT-FACE",
                location(file, places[0]),
                Text::new(
                    format!("中文字型是「{shown}」，應為標楷體：{}", at.zh),
                    format!(
                        "Chinese text is set in `{shown_en}`, not 標楷體 (DFKai-SB): {}",
                        at.en
                    ),
                ),
            )
            .with_hint(Text::new(
                "把內文與標題樣式的「亞洲文字字型」設為標楷體。",
                "set the Asian text font of the body and heading styles to 標楷體 (DFKai-SB).",
            )),
        );
    }
    for ((name, label), places) in substitute {
        let at = places_text(&places);
        out.push(
            Diagnostic::warning(
                "FMT-FONT-SUBSTITUTE",
                location(file, places[0]),
                Text::new(
                    format!("中文字型是「{name}」（{label}），是標楷體的替代字型，外觀相同但不是標楷體：{}", at.zh),
                    format!("Chinese text is set in `{name}` ({label}), a free substitute that looks like 標楷體 but is not it: {}", at.en),
                ),
            )
            .with_hint(Text::new(
                "若審查單位要求標楷體，請在裝有標楷體的電腦上重新輸出。",
                "if the reviewing agency insists on 標楷體, export again on a computer that has it installed.",
            )),
        );
    }
}

fn spacing(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let wide = |s: &&crate::inspect::SpacingObs| {
        s.ratio
            > if s.measured {
                MEASURED_SPACING_MAX
            } else {
                DECLARED_SPACING_MAX
            }
    };
    let offending: Vec<&crate::inspect::SpacingObs> = o.spacing.iter().filter(wide).collect();
    if offending.is_empty() {
        return;
    }
    // A measured page can look wide for reasons other than spacing (a table of one-line rows);
    // a measured document fails only when most of its measurable pages are wide.
    let measured = o.spacing.iter().filter(|s| s.measured).count();
    let measured_wide = offending.iter().filter(|s| s.measured).count();
    let declared: Vec<_> = offending.iter().filter(|s| !s.measured).collect();
    let mut places: Vec<&Place> = declared.iter().map(|s| &s.place).collect();
    let mut ratios: Vec<f64> = declared.iter().map(|s| s.ratio).collect();
    if measured_wide > 0 && measured_wide * 2 >= measured {
        for s in offending.iter().filter(|s| s.measured) {
            places.push(&s.place);
            ratios.push(s.ratio);
        }
    }
    if places.is_empty() {
        return;
    }
    ratios.sort_by(f64::total_cmp);
    let typical = ratios[ratios.len() / 2];
    let at = places_text(&places);
    let (zh, en) = if o.kind == Kind::Pdf {
        (
            format!("行距約為單行的 {typical:.2} 倍，應為單行間距：{}", at.zh),
            format!(
                "lines are about {typical:.2} × single spacing apart; spacing must be single: {}",
                at.en
            ),
        )
    } else {
        (
            format!("行距設為單行的 {typical:.2} 倍，應為單行間距：{}", at.zh),
            format!(
                "line spacing is set to {typical:.2} × single; it must be single: {}",
                at.en
            ),
        )
    };
    out.push(
        Diagnostic::error(
            "FMT-LINE-SPACING",
            location(file, places[0]),
            Text::new(zh, en),
        )
        .with_hint(Text::new(
            "在「段落 → 行距」選「單行間距」。",
            "choose Single in Paragraph → Line spacing.",
        )),
    );
}

/// The number a level's first heading carries, which names the level: 壹、, （一）.
fn level_name(level: u8) -> String {
    numbering::label(level, 1)
}

/// A heading's first 20 characters, to name it in a message.
fn short(text: &str) -> String {
    text.trim().chars().take(20).collect()
}

fn headings(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let found: Vec<(u8, &crate::inspect::LineObs)> = o
        .lines
        .iter()
        .filter(|l| !l.wrapped)
        .filter_map(|l| numbering::parse(&l.text).map(|h| (h.level, l)))
        .collect();
    let mut prev = 0u8;
    let mut seen = [false; 6];
    let mut ordered_reported = false;
    for (i, &(level, line)) in found.iter().enumerate() {
        // A deeper marker before the first use of a shallower one turns the scheme upside
        // down (一、 before 壹、): one ORDER finding explains it, not a SKIP for each line.
        if !ordered_reported && !seen[..level as usize].iter().skip(1).all(|s| *s) {
            let later = found[i + 1..]
                .iter()
                .find(|(lv, _)| *lv < level && !seen[*lv as usize]);
            if let Some(&(outer, outer_line)) = later {
                ordered_reported = true;
                out.push(
                    Diagnostic::error(
                        "FMT-HEADING-ORDER",
                        location(file, &line.place),
                        Text::new(
                            format!(
                                "標題編號順序顛倒：「{}」（{}層）出現在第一個「{}」層標題「{}」之前：{}",
                                short(&line.text),
                                level_name(level),
                                level_name(outer),
                                short(&outer_line.text),
                                line.place.describe().zh
                            ),
                            format!(
                                "heading numbers are out of order: `{}` ({} level) comes before the first {} heading `{}`: {}",
                                short(&line.text),
                                level_name(level),
                                level_name(outer),
                                short(&outer_line.text),
                                line.place.describe().en
                            ),
                        ),
                    )
                    .with_hint(Text::new(
                        "標題編號依序為 壹、→ 一、→（一）→ 1、→（1）。",
                        "heading numbers go 壹、→ 一、→ （一） → 1、→ （1）.",
                    )),
                );
                prev = level;
                seen[level as usize] = true;
                continue;
            }
        }
        if level > prev + 1 && !ordered_reported {
            out.push(
                Diagnostic::error(
                    "FMT-HEADING-SKIP",
                    location(file, &line.place),
                    Text::new(
                        format!(
                            "標題「{}」跳過了「{}」層：{}",
                            short(&line.text),
                            level_name(prev + 1),
                            line.place.describe().zh
                        ),
                        format!(
                            "heading `{}` skips the {} level: {}",
                            short(&line.text),
                            level_name(prev + 1),
                            line.place.describe().en
                        ),
                    ),
                )
                .with_hint(Text::new(
                    "標題編號依序為 壹、→ 一、→（一）→ 1、→（1），不可跳層。",
                    "heading numbers go 壹、→ 一、→ （一） → 1、→ （1） without skipping a level.",
                )),
            );
        }
        prev = level;
        seen[level as usize] = true;
    }
}

/// A table-of-contents entry as a PDF prints it: the heading, a dot leader, its page. The
/// 目次 lists the headings once before the body lists them again, so its numbers are a
/// sequence of their own.
/// The page number may stand on a line of its own when the leader fills the line, so the
/// leader alone tells: no heading holds four of its dots.
fn is_toc_entry(text: &str) -> bool {
    text.chars()
        .filter(|c| matches!(c, '.' | '…' | '·' | '．' | '‥' | '⋯' | '・'))
        .count()
        >= 4
}

/// Within one level the numbers run 壹、貳、參…, 一、二、三…, restarting under each new heading
/// of a shallower level. The first number under a parent is not held to 1: a book may be an
/// excerpt, or leave out a part of the form.
fn heading_sequence(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    // Per level, the previous heading's number and text since the last shallower heading.
    let mut last: [Option<(u32, &str)>; 7] = Default::default();
    for line in &o.lines {
        if line.wrapped || (o.kind == Kind::Pdf && is_toc_entry(&line.text)) {
            continue;
        }
        let Some(h) = numbering::parse(&line.text) else {
            continue;
        };
        let level = h.level as usize;
        for deeper in &mut last[level + 1..] {
            *deeper = None;
        }
        if let (Some(n), Some((prev, prev_text))) = (h.n, last[level]) {
            if n != prev + 1 {
                let expected = numbering::label(h.level, prev + 1);
                out.push(
                    Diagnostic::error(
                        "FMT-HEADING-SEQUENCE",
                        location(file, &line.place),
                        Text::new(
                            format!(
                                "標題編號不連續：「{}」接在同層的「{}」之後，應為「{expected}」：{}",
                                short(&line.text),
                                short(prev_text),
                                line.place.describe().zh
                            ),
                            format!(
                                "heading numbers are out of sequence: `{}` follows `{}` of the same level; expected `{expected}`: {}",
                                short(&line.text),
                                short(prev_text),
                                line.place.describe().en
                            ),
                        ),
                    )
                    .with_hint(Text::new(
                        "同一層的編號依序遞增（壹、貳、參…；一、二、三…），在上一層的新標題下重新由一起算。",
                        "numbers of one level count up (壹、貳、參…; 一、二、三…) and start again under each new heading of the level above.",
                    )),
                );
                // The first break explains the rest: a renumbered book would list every
                // heading after it.
                return;
            }
        }
        last[level] = h.n.map(|n| (n, line.text.as_str()));
    }
}

/// 標楷體 has no bold or italic face: Word smears or leans the glyphs instead, and the rules
/// never use either for emphasis. A warning: the text is still legible and 14 pt.
fn emphasis(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    for (code, pick, zh, en) in [
        (
            "FMT-BOLD",
            (|r: &crate::inspect::RunObs| r.bold) as fn(&crate::inspect::RunObs) -> bool,
            "粗體",
            "bold",
        ),
        ("FMT-ITALIC", |r| r.italic, "斜體", "italic"),
    ] {
        let mut places: Vec<&Place> = Vec::new();
        for r in o.runs.iter().filter(|r| pick(r)) {
            if places.last() != Some(&&r.place) {
                places.push(&r.place);
            }
        }
        if places.is_empty() {
            continue;
        }
        let at = places_text(&places);
        out.push(
            Diagnostic::warning(
                code,
                location(file, places[0]),
                Text::new(
                    format!("文字設為{zh}；標楷體沒有{zh}字型，強調不用{zh}：{}", at.zh),
                    format!("text is set in {en}; 標楷體 has no {en} face, so emphasis is never {en}: {}", at.en),
                ),
            )
            .with_hint(Text::new(
                format!("選取文字後取消「{zh}」，並檢查標題與內文樣式是否設了{zh}。"),
                format!("select the text and turn {en} off, and check that no heading or body style sets it."),
            )),
        );
    }
}

fn page_numbers(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let hint = Text::new(
        "在頁尾（或頁首）插入頁碼：「插入 → 頁碼」。",
        "insert page numbers in the footer (or header): Insert → Page Number.",
    );
    match o.kind {
        Kind::Docx => {
            if o.sections.is_empty() || o.sections.iter().any(|s| s.page_field) {
                // A cover section without a number is usual; the body's sections have one.
                let missing: Vec<&Place> = o
                    .sections
                    .iter()
                    .skip(1)
                    .filter(|s| !s.page_field)
                    .map(|s| &s.place)
                    .collect();
                if missing.is_empty() {
                    return;
                }
                let at = places_text(&missing);
                out.push(
                    Diagnostic::error(
                        "FMT-PAGE-NUMBER",
                        location(file, missing[0]),
                        Text::new(
                            format!("這些節的頁首與頁尾都沒有頁碼（PAGE 功能變數）：{}", at.zh),
                            format!("no header or footer of these sections has a page number (a PAGE field): {}", at.en),
                        ),
                    )
                    .with_hint(hint),
                );
                return;
            }
            out.push(
                Diagnostic::error(
                    "FMT-PAGE-NUMBER",
                    location(file, &o.sections[0].place),
                    Text::new(
                        "沒有頁碼：頁首與頁尾都沒有頁碼（PAGE 功能變數）",
                        "there are no page numbers: no header or footer holds a page number (a PAGE field)",
                    ),
                )
                .with_hint(hint),
            );
        }
        Kind::Pdf => {
            let text_pages: Vec<&crate::inspect::PageTextObs> =
                o.page_texts.iter().filter(|p| p.lines > 0).collect();
            // One page needs no number to be found; a book has many.
            if text_pages.len() < 2 {
                return;
            }
            let numbered: Vec<&&crate::inspect::PageTextObs> =
                text_pages.iter().filter(|p| p.number.is_some()).collect();
            // Numbers that rise by one a page share their difference from the page's index.
            let mut offsets: BTreeMap<i64, usize> = BTreeMap::new();
            for p in &numbered {
                *offsets
                    .entry(p.number.unwrap_or(0) as i64 - p.index as i64)
                    .or_default() += 1;
            }
            let (offset, run) = offsets
                .iter()
                .max_by_key(|(_, n)| **n)
                .map_or((0, 0), |(o, n)| (*o, *n));
            let n = text_pages.len();
            if numbered.len() * 2 < n {
                let first = text_pages
                    .iter()
                    .find(|p| p.number.is_none())
                    .map_or(&text_pages[0].place, |p| &p.place);
                out.push(
                    Diagnostic::error(
                        "FMT-PAGE-NUMBER",
                        location(file, first),
                        Text::new(
                            format!("有文字的 {n} 頁中只有 {} 頁在頁首或頁尾印有頁碼，例如{}沒有", numbered.len(), first.describe().zh),
                            format!("only {} of the {n} pages with text print a page number at the top or bottom, {} has none, for one", numbered.len(), first.describe().en),
                        ),
                    )
                    .with_hint(hint),
                );
            } else if run * 2 < n {
                let broken = numbered
                    .iter()
                    .find(|p| p.number.unwrap_or(0) as i64 - p.index as i64 != offset)
                    .map_or(&text_pages[0].place, |p| &p.place);
                out.push(
                    Diagnostic::error(
                        "FMT-PAGE-NUMBER",
                        location(file, broken),
                        Text::new(
                            format!("頁碼沒有逐頁加一：{}", broken.describe().zh),
                            format!(
                                "the page numbers do not go up by one a page: {}",
                                broken.describe().en
                            ),
                        ),
                    )
                    .with_hint(Text::new(
                        "以頁碼功能變數編頁碼，不要手打數字。",
                        "number the pages with a page-number field rather than typed digits.",
                    )),
                );
            }
        }
    }
}

/// Nearer an edge than this (5 mm) most office printers cannot print.
const PRINTABLE_MIN: f64 = 5.0 * 72.0 / 25.4;
/// Text nearer the binding edge than this (1 cm) is lost in the staples or the spine.
const BINDING_MIN: f64 = 10.0 * 72.0 / 25.4;
/// How much wider the outside margin may be than the inside one before the binding side is
/// called wrong: a PDF's ragged last column and rounding leave up to about one character.
const SIDE_TOLERANCE_DOCX: f64 = 1.0;
const SIDE_TOLERANCE_PDF: f64 = 20.0;
/// A PDF page tells its margins only when it has this many lines of body text.
const MEASURED_LINES: usize = 8;

fn cm(pt: f64) -> String {
    format!("{:.1}", pt * 2.54 / 72.0)
}

fn margin_error(file: &str, place: &Place, zh: String, en: String) -> Diagnostic {
    Diagnostic::error("FMT-MARGIN", location(file, place), Text::new(zh, en)).with_hint(Text::new(
        "在「版面配置 → 邊界」把裝訂側（左側，雙面時為內側）設為至少 2.5 公分，其他邊至少 2 公分。",
        "in Layout → Margins make the binding side (the left, the inside when double-sided) at least 2.5 cm and the others at least 2 cm.",
    ))
}

fn binding_warning(file: &str, place: &Place, zh: String, en: String) -> Diagnostic {
    Diagnostic::warning("FMT-BINDING", location(file, place), Text::new(zh, en)).with_hint(
        Text::new(
            "雙面列印、左側裝訂：在「版面配置 → 邊界」選「左右對稱」，並讓內側（裝訂側）邊界比外側寬。",
            "double-sided with left binding: choose Mirrored in Layout → Margins and make the inside (binding) margin wider than the outside.",
        ),
    )
}

fn margins(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    match o.kind {
        Kind::Docx => docx_margins(o, file, out),
        Kind::Pdf => pdf_margins(o, file, out),
    }
}

fn docx_margins(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let mut told_binding = false;
    for s in &o.sections {
        let Some(m) = s.margins else { continue };
        let gutter_side = if o.gutter_at_top {
            "top"
        } else if s.rtl_gutter {
            "right"
        } else {
            "left"
        };
        let top = m.top + if gutter_side == "top" { m.gutter } else { 0.0 };
        let left = m.left + if gutter_side == "left" { m.gutter } else { 0.0 };
        let right = m.right
            + if gutter_side == "right" {
                m.gutter
            } else {
                0.0
            };
        let mut small: Vec<(&str, &str, f64)> = Vec::new();
        for (zh, en, v) in [
            ("上", "top", top),
            ("下", "bottom", m.bottom),
            ("左", "left", left),
            ("右", "right", right),
        ] {
            if v < PRINTABLE_MIN {
                small.push((zh, en, v));
            }
        }
        // Printed double-sided and bound on the left, a page's binding edge is its left on
        // odd pages and its right on even ones, unless mirrored margins swap them for it.
        // (edge, zh, en, margin): an edge already too narrow to print is told once.
        let binding: Vec<(&str, &str, &str, f64)> = if o.mirror_margins {
            vec![("left", "內側（左）", "inside (left)", left)]
        } else {
            vec![
                ("left", "左", "left", left),
                (
                    "right",
                    "右（偶數頁的裝訂側）",
                    "right (the binding side of even pages)",
                    right,
                ),
            ]
        };
        let tight: Vec<(&str, &str, f64)> = binding
            .iter()
            .filter(|(edge, _, _, v)| *v < BINDING_MIN && !small.iter().any(|s| s.1 == *edge))
            .map(|(_, z, e, v)| (*z, *e, *v))
            .collect();
        if !small.is_empty() || !tight.is_empty() {
            let mut zh: Vec<String> = small
                .iter()
                .map(|(z, _, v)| format!("{z}邊界 {} 公分，印表機印不到", cm(*v)))
                .collect();
            let mut en: Vec<String> = small
                .iter()
                .map(|(_, e, v)| {
                    format!(
                        "the {e} margin is {} cm, closer to the edge than a printer prints",
                        cm(*v)
                    )
                })
                .collect();
            for (z, e, v) in tight {
                zh.push(format!("{z}邊界 {} 公分，文字距裝訂邊不到 1 公分", cm(v)));
                en.push(format!(
                    "the {e} margin is {} cm, text within 1 cm of the binding edge",
                    cm(v)
                ));
            }
            out.push(margin_error(
                file,
                &s.place,
                format!("邊界太窄：{}：{}", zh.join("；"), s.place.describe().zh),
                format!(
                    "margins too narrow: {}: {}",
                    en.join("; "),
                    s.place.describe().en
                ),
            ));
        }
        if told_binding {
            continue;
        }
        let (zh, en) = if o.gutter_at_top && m.gutter > 0.0 {
            (
                format!(
                    "裝訂邊設在頁面上方（「裝訂邊位置：上」），但申請書是左側裝訂：{}",
                    s.place.describe().zh
                ),
                format!(
                    "the gutter is at the top of the page, but the book is bound on the left: {}",
                    s.place.describe().en
                ),
            )
        } else if left + SIDE_TOLERANCE_DOCX < right {
            (
                format!("較寬的邊界在右側（左 {} 公分、右 {} 公分），不在左側裝訂邊：{}", cm(left), cm(right), s.place.describe().zh),
                format!("the wider margin is on the right (left {} cm, right {} cm), away from the left binding: {}", cm(left), cm(right), s.place.describe().en),
            )
        } else if !o.mirror_margins && right + SIDE_TOLERANCE_DOCX < left {
            (
                format!("雙面列印卻沒有設定「左右對稱」邊界：左 {} 公分、右 {} 公分，偶數頁的裝訂側（右）反而較窄：{}", cm(left), cm(right), s.place.describe().zh),
                format!("double-sided but the margins are not mirrored: left {} cm, right {} cm, so on even pages the binding side (the right) is the narrow one: {}", cm(left), cm(right), s.place.describe().en),
            )
        } else {
            continue;
        };
        told_binding = true;
        out.push(binding_warning(file, &s.place, zh, en));
    }
}

fn pdf_margins(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    // Text a printer cannot reach, on any page with text.
    let mut unprintable: Vec<&Place> = Vec::new();
    let mut nearest = f64::MAX;
    for p in &o.page_texts {
        let (Some(b), Some((w, h))) = (p.ink_box, p.size) else {
            continue;
        };
        let d = b[0].min(b[1]).min(w - b[2]).min(h - b[3]);
        if d < PRINTABLE_MIN {
            nearest = nearest.min(d);
            unprintable.push(&p.place);
        }
    }
    if !unprintable.is_empty() {
        let at = places_text(&unprintable);
        out.push(margin_error(
            file,
            unprintable[0],
            format!(
                "文字距紙邊只有 {} 公分，印表機印不到：{}",
                cm(nearest.max(0.0)),
                at.zh
            ),
            format!(
                "text comes within {} cm of the paper's edge, nearer than a printer prints: {}",
                cm(nearest.max(0.0)),
                at.en
            ),
        ));
    }
    // Inside and outside, on pages full enough to show where the text block stands:
    // odd pages bind on the left, even pages on the right.
    struct Side<'a> {
        place: &'a Place,
        inside: f64,
        outside: f64,
    }
    let mut odd: Vec<Side> = Vec::new();
    let mut even: Vec<Side> = Vec::new();
    for p in &o.page_texts {
        let (Some(b), Some((w, _))) = (p.text_box, p.size) else {
            continue;
        };
        if p.lines < MEASURED_LINES || b[2] - b[0] < w / 2.0 {
            continue;
        }
        let (left, right) = (b[0], w - b[2]);
        if p.index % 2 == 1 {
            odd.push(Side {
                place: &p.place,
                inside: left,
                outside: right,
            });
        } else {
            even.push(Side {
                place: &p.place,
                inside: right,
                outside: left,
            });
        }
    }
    let mut told_tight = !unprintable.is_empty();
    for (pages, zh_side, en_side) in [
        (&odd, "奇數頁左側", "left of odd pages"),
        (&even, "偶數頁右側", "right of even pages"),
    ] {
        if pages.is_empty() {
            continue;
        }
        let majority =
            |f: &dyn Fn(&Side) -> bool| pages.iter().filter(|s| f(s)).count() * 2 > pages.len();
        let mut insides: Vec<f64> = pages.iter().map(|s| s.inside).collect();
        insides.sort_by(f64::total_cmp);
        let inside = insides[insides.len() / 2];
        let mut outsides: Vec<f64> = pages.iter().map(|s| s.outside).collect();
        outsides.sort_by(f64::total_cmp);
        let outside = outsides[outsides.len() / 2];
        if !told_tight && majority(&|s| s.inside < BINDING_MIN) {
            told_tight = true;
            let first = pages
                .iter()
                .find(|s| s.inside < BINDING_MIN)
                .map_or(pages[0].place, |s| s.place);
            out.push(margin_error(
                file,
                first,
                format!("裝訂側（{zh_side}）的文字距紙邊約 {} 公分，不到 1 公分，裝訂後會被遮住：{}", cm(inside), first.describe().zh),
                format!("text on the binding side ({en_side}) comes about {} cm from the edge, within 1 cm, and is lost in the binding: {}", cm(inside), first.describe().en),
            ));
        }
        if majority(&|s| s.inside + SIDE_TOLERANCE_PDF < s.outside) {
            let first = pages
                .iter()
                .find(|s| s.inside + SIDE_TOLERANCE_PDF < s.outside)
                .map_or(pages[0].place, |s| s.place);
            out.push(binding_warning(
                file,
                first,
                format!("較寬的邊界不在裝訂側：{zh_side}（裝訂側）約 {} 公分，另一側約 {} 公分；雙面列印、左側裝訂時，內側應較寬且在偶數頁左右對調：{}", cm(inside), cm(outside), first.describe().zh),
                format!("the wider margin is not on the binding side: the {en_side} (the binding side) is about {} cm, the other side about {} cm; double-sided with left binding, the inside is the wider and swaps sides on even pages: {}", cm(inside), cm(outside), first.describe().en),
            ));
            // One side is enough to tell the reader what is wrong.
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::{LineObs, Observed};

    #[test]
    fn names_of_kai() {
        for n in [
            "標楷體",
            "DFKai-SB",
            "ABCDEF+DFKaiShu-SB-Estd-BF",
            "kaiu",
            "BiauKai",
            "BiauKaiTC-Regular",
            "BiauKaiHK",
            "DFKai-SB,Bold",
        ] {
            assert_eq!(classify_face(n), Face::Kai, "{n}");
        }
        assert_eq!(
            classify_face("QWERTY+TW-Kai-98_1"),
            Face::Substitute("TW-Kai 全字庫正楷體")
        );
        assert_eq!(
            classify_face("AR PL UKai TW"),
            Face::Substitute("AR PL UKai")
        );
        assert_eq!(
            classify_face("TW-MOE-Std-Kai"),
            Face::Substitute("教育部標準楷書 TW-MOE-Std-Kai")
        );
        assert_eq!(
            classify_face("cwTeX Q Kai Medium"),
            Face::Substitute("cwTeX Q Kai")
        );
        for n in [
            "新細明體",
            "PMingLiU",
            "Noto Sans CJK TC",
            "ABCDEF+MingLiU",
            "",
            "Kaiti SC",
        ] {
            assert_eq!(classify_face(n), Face::Other, "{n}");
        }
    }

    /// Paragraphs of 14 pt 標楷體 text, so only the heading rules have anything to say.
    fn lines(texts: &[&str]) -> Observed {
        let mut o = Observed::new(Kind::Docx);
        o.runs.push(crate::inspect::RunObs {
            place: Place::Paragraph {
                index: 1,
                under: None,
            },
            font: Some("DFKai-SB".into()),
            size: 14.0,
            cjk: true,
            bold: false,
            italic: false,
        });
        for (i, t) in texts.iter().enumerate() {
            o.lines.push(LineObs {
                wrapped: false,
                place: Place::Paragraph {
                    index: i as u32 + 1,
                    under: None,
                },
                text: t.to_string(),
            });
        }
        o
    }

    fn codes(o: &Observed) -> Vec<String> {
        check(o, "x.docx").into_iter().map(|d| d.code).collect()
    }

    #[test]
    fn nothing_to_judge_is_reported() {
        assert_eq!(
            codes(&Observed::new(Kind::Pdf)),
            ["FMT-NO-TEXT"],
            "no text at all"
        );
        let mut latin = lines(&[]);
        latin.runs[0].cjk = false;
        assert_eq!(codes(&latin), ["FMT-NO-TEXT"], "no Chinese text");
    }

    #[test]
    fn numbers_of_a_level_run_in_order_and_restart_under_a_new_parent() {
        assert!(codes(&lines(&[
            "壹、甲",
            "一、乙",
            "（一）丙",
            "（二）丁",
            "二、戊",
            "（一）己",
            "1、庚",
            "2、辛",
            "貳、壬",
            "一、癸",
            "二、子",
        ]))
        .is_empty());
        // SPEC §4.1's accepted variants count as the numbers they spell.
        let variants = codes(&lines(&[
            "壹、甲",
            "一、乙",
            "(一)丙",
            "１、丁",
            "2. 戊",
            "（１）己",
            "(2)庚",
            "３、辛",
            "（二）壬",
            "貳、癸",
            "叁、子",
        ]));
        assert!(variants.is_empty(), "{variants:?}");
        assert_eq!(
            codes(&lines(&["參、基本資料表", "壹、評審項目"])),
            ["FMT-HEADING-SEQUENCE"]
        );
        assert_eq!(
            codes(&lines(&["壹、甲", "一、乙", "三、丙"])),
            ["FMT-HEADING-SEQUENCE"]
        );
        assert_eq!(
            codes(&lines(&["壹、甲", "一、乙", "（一）丙", "（一）丁"])),
            ["FMT-HEADING-SEQUENCE"]
        );
        // Only the first break is reported: the ones after it follow from it.
        let o = lines(&["壹、甲", "參、乙", "伍、丙"]);
        let found = check(&o, "x.docx");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.en.contains("expected `貳、`"),
            "{:?}",
            found[0].message
        );
    }

    #[test]
    fn a_pdf_table_of_contents_is_not_part_of_the_sequence() {
        let mut o = lines(&[
            "壹、基本資料表 .......... 3",
            "貳、評審項目 .......... 4",
            "壹、基本資料表",
            "貳、評審項目",
        ]);
        o.kind = Kind::Pdf;
        assert!(codes(&o).is_empty(), "{:?}", codes(&o));
    }

    #[test]
    fn heading_order_and_skips() {
        assert!(codes(&lines(&[
            "壹、甲",
            "一、乙",
            "（一）丙",
            "1、丁",
            "（1）戊",
            "貳、己",
            "一、庚"
        ]))
        .is_empty());
        assert_eq!(
            codes(&lines(&["一、乙", "壹、甲", "一、乙"])),
            ["FMT-HEADING-ORDER"]
        );
        assert_eq!(codes(&lines(&["壹、甲", "（一）丙"])), ["FMT-HEADING-SKIP"]);
        assert_eq!(codes(&lines(&["一、乙", "二、丙"])), ["FMT-HEADING-SKIP"]);
        assert_eq!(
            codes(&lines(&[
                "壹、甲",
                "一、乙",
                "（一）丙",
                "1、丁",
                "貳、己",
                "1、庚"
            ])),
            ["FMT-HEADING-SKIP"]
        );
    }

    #[test]
    fn a_reviewers_form_is_told_by_its_title_and_a_table_of_contents_makes_a_book() {
        // The seed's 一覽表: its 說明 is numbered 「1.」 under no heading.
        let roster = lines(&[
            "中央政府推動建立員工學習制度獎勵 初審合格名單一覽表",
            "機關名稱：內政部",
            "說明：",
            "1. 本表一式2份，由中央政府各級主管機關填寫。",
        ]);
        assert_eq!(codes(&roster), ["FMT-NOT-A-BOOK"]);
        let note = &check(&roster, "x.docx")[0];
        assert_eq!(note.severity, crate::diagnostics::Severity::Info);
        assert!(
            note.message.zh.contains("「初審合格名單一覽表」"),
            "{note:?}"
        );
        // A title wrapped onto a second line.
        let sheet = lines(&[
            "促進中小企業數位學習計畫 103 年度企業組織學習專區企業組織學習競賽",
            "評分表",
            "企業名稱：晴川旅行社股份有限公司",
            "一、組織學習規劃",
        ]);
        assert_eq!(codes(&sheet), ["FMT-NOT-A-BOOK"]);
        // The page rules still apply to a form.
        let mut small = roster.clone();
        small.runs[0].size = 12.0;
        assert_eq!(codes(&small), ["FMT-NOT-A-BOOK", "FMT-FONT-SIZE"]);
        // A field ends the title: a cover naming a 評分表 in a field is no form's title.
        assert_eq!(
            codes(&lines(&[
                "某計畫申請書",
                "申請單位：評分表研究所",
                "一、甲"
            ])),
            ["FMT-HEADING-SKIP"]
        );
        // A 目次 makes a book whatever its first line says.
        assert_eq!(
            codes(&lines(&["某計畫評分表", "目　次", "一、甲"])),
            ["FMT-HEADING-SKIP"]
        );
        let mut contents = lines(&["某計畫評分表", "一、甲"]);
        contents.contents = true;
        assert_eq!(codes(&contents), ["FMT-HEADING-SKIP"]);
        let mut leaders = lines(&[
            "某計畫評分表",
            "一、甲 .......... 3",
            "二、乙 .......... 4",
            "一、甲",
        ]);
        leaders.kind = Kind::Pdf;
        assert_eq!(codes(&leaders), ["FMT-HEADING-SKIP"]);
        // In a PDF the title is on page 1.
        let mut later = lines(&[]);
        later.kind = Kind::Pdf;
        later.lines.push(LineObs {
            place: Place::Page(2),
            text: "評分表".into(),
            wrapped: false,
        });
        assert!(codes(&later).is_empty(), "{:?}", codes(&later));
    }
}
