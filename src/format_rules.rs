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

/// Applies every format rule and returns the findings for `file`.
pub fn check(observed: &Observed, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    nothing_to_check(observed, file, &mut out);
    paper(observed, file, &mut out);
    font_size(observed, file, &mut out);
    font_face(observed, file, &mut out);
    spacing(observed, file, &mut out);
    headings(observed, file, &mut out);
    out
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

fn headings(o: &Observed, file: &str, out: &mut Vec<Diagnostic>) {
    let found: Vec<(u8, &crate::inspect::LineObs)> = o
        .lines
        .iter()
        .filter_map(|l| numbering::parse(&l.text).map(|h| (h.level, l)))
        .collect();
    let short = |t: &str| -> String {
        let t: String = t.trim().chars().take(20).collect();
        t
    };
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
        });
        for (i, t) in texts.iter().enumerate() {
            o.lines.push(LineObs {
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
}
