//! Everything `check` requires of an application is printed in its book: every text the
//! applicant wrote (testimonials, descriptions, names) is found in the rendered PDF's text, as
//! pdftotext reads it. Run on every sample and on answers that hide details on the form (評估機制
//! 否, whose testimonials the rules still require).

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::pdf::{render, squash};
use common::*;
use std::path::{Path, PathBuf};

/// Keys whose values are not printed as written: file paths (the file itself is), codes the book names in words
/// (sector, kind), the answer 是/否 (printed as ☑/☐), the form's identifiers.
const NOT_TEXT: &[&str] = &[
    "programme",
    "edition",
    "file",
    "certificate",
    "records",
    "answer",
    "kind",
    "sector",
];

/// Every string of the application with its YAML path.
fn texts(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::String(s) => {
            let key = path.rsplit('.').next().unwrap_or(path);
            let key = key.split('[').next().unwrap_or(key);
            let date = regex::Regex::new(r"^\d{2,4}[-/.]\d{1,2}[-/.]\d{1,2}$").unwrap();
            if !NOT_TEXT.contains(&key) && !date.is_match(s.trim()) && !s.trim().is_empty() {
                out.push((path.to_string(), s.clone()));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, &format!("{path}[{i}]"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                texts(item, &p, out);
            }
        }
        _ => {}
    }
}

/// The book's text in reading order, without the page numbers between pages, squashed.
fn book_text(pdf: &Path) -> String {
    // -raw: content order, and a line-end hyphen kept (an e-mail address wraps at one).
    let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let kept: Vec<&str> = raw
        .lines()
        .filter(|l| {
            !l.trim()
                .trim_matches('\u{c}')
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .collect();
    squash(&kept.join("\n"))
}

fn assert_every_text_printed(app: &Path) {
    let yaml = std::fs::read_to_string(app).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    let mut found = Vec::new();
    texts(&value, "", &mut found);
    assert!(
        found.len() >= 20,
        "{}: {} texts",
        app.display(),
        found.len()
    );
    let (_dir, pdf) = render(app);
    let book = book_text(&pdf);
    let missing: Vec<String> = found
        .iter()
        .filter(|(_, t)| !book.contains(&squash(t)))
        .map(|(p, t)| format!("{p}: {t}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{}: not in the book:\n{}",
        app.display(),
        missing.join("\n")
    );
}

#[test]
fn every_sample_prints_every_text_it_gives() {
    for programme in programmes() {
        for app in samples(&programme) {
            assert_every_text_printed(&app);
        }
    }
}

/// The valid moe fixture answered 否 for 評估機制: its testimonials are still required.
fn moe_without_evaluation(dir: &Path) -> PathBuf {
    let app = copy_valid("moe-learning-award", dir);
    let yaml = std::fs::read_to_string(&app).unwrap();
    let yes = "    evaluation:\n      answer: 是\n      survey: 課程後線上問卷。\n      analysis: 平均滿意度 4.52 分。\n      improvements: 增加實作課程。\n";
    assert!(yaml.contains(yes), "the fixture's 評估機制 changed");
    std::fs::write(
        &app,
        yaml.replace(yes, "    evaluation:\n      answer: 否\n"),
    )
    .unwrap();
    app
}

#[test]
fn testimonials_are_printed_when_there_is_no_evaluation_mechanism() {
    let dir = tempfile::tempdir().unwrap();
    let app = moe_without_evaluation(dir.path());
    let o = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", json(&o));
    assert_every_text_printed(&app);
    // And they still count: without them the same application fails.
    let yaml = std::fs::read_to_string(&app).unwrap();
    let cut = yaml.find("    testimonials:").unwrap();
    let end = yaml.find("    benefits:").unwrap();
    std::fs::write(&app, format!("{}{}", &yaml[..cut], &yaml[end..])).unwrap();
    let o = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", json(&o));
    assert!(json(&o).to_string().contains("MOE-TESTIMONIALS-MIN"));
}

/// The form's own words (seed 002) where appbook once printed its own, and appbook's additions
/// set apart on lines of their own starting with ※.
#[test]
fn the_forms_words_are_printed_and_additions_set_apart() {
    let app = root().join("samples/moe-learning-award/school/application.yaml");
    let (_dir, pdf) = render(&app);
    let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let book = squash(&raw);
    for words in [
        "每年給予員工帶薪、經費補助、公假或其他學習情形（分數占20%）",
        "年度員工進修學位之人數及占總員工人數比率",
        "年度員工參與研習取得證照之人數、證照數及占總員工人數比率",
        "申請單位為學校，教師及職員之辦理情形分列如下。",
        "每位員工平均獲得補助之經費計新臺幣",
        "平均每位員工帶薪學習時數",
        "（計算方式：該年度員工帶薪學習總時數/員工人數）",
        "其他與推動員工學習制度有關事項（可含評估機制及具體員工參與學習心得）之相關證明文件",
    ] {
        assert!(
            book.contains(words),
            "{}: missing 「{words}」",
            app.display()
        );
    }
    // 二 says 分數占 where 三 and 四 say 分數占比.
    for gone in ["學習情形（分數占比20%）", "補助經費總額新臺幣"] {
        let at = book.find(gone);
        // 補助經費總額 may only appear as an addition, right after a ※.
        let set_apart = at.is_some_and(|i| book[..i].ends_with('※'));
        assert!(
            at.is_none() || set_apart,
            "「{gone}」 printed as if the form's"
        );
    }
    // Each addition starts its own line; a school's figures the form's sentence does not ask
    // for are a table announced by a ※ caption.
    let tables = book.matches("計算項目教師職員工合計").count();
    let announced = book
        .matches("※計算所得數字（教師、職員工分列）：計算項目")
        .count();
    assert!(
        announced >= 3 && announced <= tables,
        "{announced} of {tables}"
    );
    let rate = book
        .find("經費執行率")
        .expect("the execution rate is printed");
    assert!(book[..rate].ends_with("※計算所得數字（教師、職員工分列）：計算項目教師職員工合計"));
    for addition in ["補助經費總額新臺幣", "計算所得數字（教師、職員工分列）："]
    {
        let line = raw
            .lines()
            .find(|l| l.contains(addition))
            .unwrap_or_else(|| panic!("no line with {addition}"));
        assert!(line.trim_start().starts_with('※'), "{line}");
    }
}
