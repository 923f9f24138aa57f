//! Structural errors as a clerk meets them: every one at once, each at its own line with the
//! field's title and a hint of its own, in zh-TW (English with `--lang en`), and never the
//! YAML parser's English.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::path::{Path, PathBuf};

const MOE: &str = "moe-learning-award";
const SME: &str = "sme-org-learning";

/// The parser's and serde's own English, which must never reach a zh-TW message.
const PARSER_ENGLISH: &[&str] = &[
    "invalid",
    "expected",
    "unknown variant",
    "unknown field",
    "DuplicateKeyPolicy",
    "sequence start",
    "not valid under any",
    "os error",
];

/// A copy of a programme's `valid/` fixture in a temporary folder, with `edit` applied to its
/// text; returns the folder (kept alive) and the application's path.
fn edited(programme: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let valid = root().join("tests/fixtures").join(programme).join("valid");
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&valid, tmp.path());
    let app = tmp.path().join("application.yaml");
    let text = std::fs::read_to_string(&app).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    std::fs::write(&app, changed).unwrap();
    (tmp, app)
}

/// Replaces the one line that starts (after its indentation) with `start`.
fn line_replaced(text: &str, start: &str, with: &str) -> String {
    let mut hits = 0;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if l.trim_start().starts_with(start) {
                hits += 1;
                with.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(hits, 1, "`{start}` is not one line of the fixture");
    out.join("\n") + "\n"
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(app: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(app).unwrap();
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in the file")) as u64
        + 1
}

/// One finding of a JSON report: code, line, zh message, zh hint, and the English ones.
#[derive(Debug)]
struct Found {
    code: String,
    line: u64,
    zh: String,
    en: String,
}

fn findings(app: &Path) -> (Option<i32>, Vec<Found>) {
    let zh = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    let en = run(&[
        "check",
        app.to_str().unwrap(),
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_ne!(zh.status.code(), Some(101), "panic: {}", stdout(&zh));
    let (zh_d, en_d) = (
        json(&zh)["diagnostics"].clone(),
        json(&en)["diagnostics"].clone(),
    );
    let pairs = zh_d
        .as_array()
        .unwrap()
        .iter()
        .zip(en_d.as_array().unwrap());
    let found = pairs
        .map(|(z, e)| Found {
            code: z["code"].as_str().unwrap().to_string(),
            line: z["line"].as_u64().unwrap(),
            zh: format!(
                "{} {}",
                z["message"].as_str().unwrap(),
                z["hint"].as_str().unwrap_or("")
            ),
            en: format!(
                "{} {}",
                e["message"].as_str().unwrap(),
                e["hint"].as_str().unwrap_or("")
            ),
        })
        .collect();
    (zh.status.code(), found)
}

/// Asserts exactly one finding, with `code` at `line`, whose zh text has every piece of `zh`
/// and no parser English, and whose English text has every piece of `en`.
fn one(app: &Path, code: &str, line: u64, zh: &[&str], en: &[&str]) {
    let (status, found) = findings(app);
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = &found[0];
    assert_eq!((f.code.as_str(), f.line), (code, line), "{f:#?}");
    assert_eq!(status, Some(1));
    for piece in zh {
        assert!(f.zh.contains(piece), "zh lacks `{piece}`: {}", f.zh);
    }
    for english in PARSER_ENGLISH {
        assert!(!f.zh.contains(english), "zh has `{english}`: {}", f.zh);
    }
    for piece in en {
        assert!(f.en.contains(piece), "en lacks `{piece}`: {}", f.en);
    }
}

#[test]
fn every_structural_error_is_reported_at_once_and_the_rules_still_run() {
    let (_tmp, app) = edited(MOE, |t| {
        let t = line_replaced(t, "fax:", "    fax_nmber: (02)2930-5199");
        let t = line_replaced(&t, "employees:", "  employees: 一百五十二人");
        let t = line_replaced(&t, "unit_type:", "  unit_type: 9");
        let t = line_replaced(&t, "learners:", "    learners: 很多");
        // A rule's finding, after the structural ones: a testimonial without its author.
        t.replacen("author: ", "title: ", 1)
    });
    let (status, found) = findings(&app);
    assert_eq!(status, Some(1));
    let got: Vec<(&str, u64)> = found.iter().map(|f| (f.code.as_str(), f.line)).collect();
    let at = |n: &str| line_of(&app, n);
    for expected in [
        ("YAML-UNKNOWN-KEY", at("fax_nmber")),
        ("YAML-TYPE", at("一百五十二人")),
        ("MOE-UNIT-TYPE", at("unit_type: 9")),
        ("YAML-TYPE", at("很多")),
    ] {
        assert!(got.contains(&expected), "{expected:?} not in {got:?}");
    }
    assert!(
        got.iter().any(|(c, _)| *c == "MOE-TESTIMONIAL-INCOMPLETE"),
        "the rules did not run: {got:?}"
    );
    // The rules say nothing more about the values already reported: no MOE-REQUIRED for the
    // removed 員工總數, no 員工總數 ceiling on counts.
    assert!(
        !got.iter()
            .any(|(c, _)| *c == "MOE-REQUIRED" || *c == "MOE-COUNT-EXCEEDS-EMPLOYEES"),
        "{got:?}"
    );
    let titles = found.iter().map(|f| f.zh.as_str()).collect::<String>();
    for title in [
        "員工總數",
        "申請單位屬性",
        "該年度員工參與學習之總人數",
        "聯絡人資料",
    ] {
        assert!(titles.contains(title), "no 「{title}」 in {titles}");
    }
}

#[test]
fn a_duplicate_key_names_both_lines() {
    let (_tmp, app) = edited(MOE, |t| {
        t.replacen(
            "  unit_type: 1\n",
            "  unit_type: 1\n  unit_name: 又一個名稱\n",
            1,
        )
    });
    let first = line_of(&app, "unit_name:");
    let again = line_of(&app, "又一個名稱");
    one(
        &app,
        "YAML-DUPLICATE-KEY",
        again,
        &[
            "unit_name",
            &format!("第 {first} 行"),
            &format!("第 {again} 行"),
        ],
        &[&format!("line {first}"), &format!("line {again}")],
    );
}

#[test]
fn an_unknown_key_suggests_the_nearest_one() {
    let (_tmp, app) = edited(MOE, |t| t.replacen("    email:", "    emial:", 1));
    one(
        &app,
        "YAML-UNKNOWN-KEY",
        line_of(&app, "emial:"),
        &["emial", "聯絡人資料", "email"],
        &["unknown key `emial`", "did you mean `email`"],
    );
}

#[test]
fn text_where_a_number_belongs_gets_a_hint_of_its_own() {
    let cases: &[(&str, &str, &[&str], &[&str])] = &[
        (
            "participants: 138",
            "85人",
            &["多了「人」", "只寫 85"],
            &["write 85 only"],
        ),
        (
            "employees: 152",
            "一百二十",
            &["阿拉伯數字", "employees: 120"],
            &["Arabic digits"],
        ),
        (
            "planned: ",
            "1,200,000",
            &["千分位", "planned: 1200000"],
            &["thousands separators"],
        ),
        (
            "award_year: 113",
            "\"113\"",
            &["引號", "award_year: 113"],
            &["quoted"],
        ),
    ];
    for (start, value, zh, en) in cases {
        let (_tmp, app) = edited(MOE, |t| {
            let line = t
                .lines()
                .find(|l| l.trim_start().starts_with(start))
                .unwrap();
            let key = line.split(':').next().unwrap();
            t.replacen(line, &format!("{key}: {value}"), 1)
        });
        one(&app, "YAML-TYPE", line_of(&app, value), zh, en);
    }
}

#[test]
fn a_decimal_where_a_whole_number_belongs() {
    let (_tmp, app) = edited(SME, |t| {
        line_replaced(t, "employees: 36", "  employees: 12.5")
    });
    one(
        &app,
        "YAML-TYPE",
        line_of(&app, "12.5"),
        &["經常僱用員工數", "整數", "12.5"],
        &["whole number"],
    );
}

#[test]
fn what_the_schema_says_is_what_check_says() {
    // Each was accepted by check or by the schema alone before they were made one.
    let (_tmp, app) = edited(MOE, |t| t.replacen("edition: \"107\"", "edition: 107", 1));
    one(&app, "YAML-TYPE", 2, &["書表格式版本", "引號"], &["quotes"]);
    let (_tmp, app) = edited(MOE, |t| line_replaced(t, "employees:", "  employees: -5"));
    one(
        &app,
        "MOE-NEGATIVE",
        line_of(&app, "-5"),
        &["員工總數", "負數"],
        &["negative"],
    );
    let (_tmp, app) = edited(MOE, |t| line_replaced(t, "unit_type:", "  unit_type: 7"));
    one(
        &app,
        "MOE-UNIT-TYPE",
        line_of(&app, "unit_type"),
        &["1 到 6", "7"],
        &["1 to 6"],
    );
    let (_tmp, app) = edited(SME, |t| line_replaced(t, "tax_id:", "  tax_id: 04595257"));
    one(
        &app,
        "YAML-TYPE",
        line_of(&app, "tax_id"),
        &["統一編號", "要填文字", "04595257", "tax_id: \"04595257\""],
        &["put it in quotes: tax_id: \"04595257\""],
    );
    let (_tmp, app) = edited(MOE, |t| {
        t.replacen(
            "application_date: 2025-06-20",
            "application_date: 2025-02-29",
            1,
        )
    });
    one(
        &app,
        "APP-DATE-INVALID",
        3,
        &["申請日期", "2025-02-29", "日曆"],
        &["not a date on the calendar"],
    );
}

#[test]
fn a_full_width_colon_is_named_at_its_line() {
    let (_tmp, app) = edited(MOE, |t| {
        line_replaced(t, "address:", "  address：116059 臺北市")
    });
    one(
        &app,
        "YAML-FULLWIDTH-COLON",
        line_of(&app, "address："),
        &["address", "全形冒號", "address: "],
        &["full-width colon"],
    );
}

#[test]
fn odd_indentation_is_named_by_its_character_at_its_line() {
    for (c, zh, en) in [
        ('\t', "Tab", "a tab"),
        ('\u{00A0}', "U+00A0", "no-break space"),
        ('\u{3000}', "U+3000", "ideographic"),
    ] {
        let (_tmp, app) = edited(MOE, |t| {
            t.replacen("  address:", &format!("{c}{c}address:"), 1)
        });
        one(
            &app,
            "YAML-INDENT",
            line_of(&app, "address:"),
            &[zh, "半形空白"],
            &[en],
        );
    }
}

#[test]
fn a_symlink_loop_is_not_a_missing_file() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.yaml");
    let b = tmp.path().join("b.yaml");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let out = run(&["check", a.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let d = &json(&out)["diagnostics"][0];
    assert_eq!(d["code"], "INPUT-UNREADABLE");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("迴圈"), "{message}");
    assert!(!message.contains("找不到"), "{message}");
}

#[test]
fn a_utf16_file_is_named_utf16_with_a_utf16_hint() {
    let text = std::fs::read_to_string(
        root()
            .join("tests/fixtures")
            .join(MOE)
            .join("valid/application.yaml"),
    )
    .unwrap();
    for (name, bom, le) in [
        ("bom.yaml", true, true),
        ("plain.yaml", false, true),
        ("be.yaml", true, false),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let app = tmp.path().join(name);
        let mut bytes: Vec<u8> = Vec::new();
        if bom {
            bytes.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        std::fs::write(&app, bytes).unwrap();
        let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let d = &json(&out)["diagnostics"][0];
        assert_eq!(d["code"], "INPUT-NOT-UTF8", "{name}");
        let (message, hint) = (d["message"].as_str().unwrap(), d["hint"].as_str().unwrap());
        assert!(message.contains("UTF-16"), "{name}: {message}");
        assert!(
            !message.contains("Big5") && !hint.contains("BIG5"),
            "{name}: {message} {hint}"
        );
        assert!(hint.contains("iconv -f UTF-16"), "{name}: {hint}");
    }
}

#[test]
fn a_syntax_error_is_explained_in_chinese() {
    let fixture = root()
        .join("tests/fixtures")
        .join(MOE)
        .join("YAML-SYNTAX/application.yaml");
    let line = line_of(&fixture, "#!expect");
    one(
        &fixture,
        "YAML-SYNTAX",
        line,
        &["YAML 語法錯誤", "冒號"],
        &["YAML syntax error"],
    );
}

/// 「employees:152」, the colon's space forgotten, is named as such in both languages.
#[test]
fn a_colon_without_its_space_is_named_at_its_line() {
    let (_tmp, app) = edited(MOE, |t| line_replaced(t, "employees:", "  employees:152"));
    one(
        &app,
        "YAML-SYNTAX",
        line_of(&app, "employees:152"),
        &["冒號後少了一個半形空白", "employees: 152"],
        &["needs a space after it", "employees: 152"],
    );
}

/// The parser's own English (「simple key expected」, 「did not find expected key」) is no more
/// use in an English message than in a Chinese one: every syntax error is said in words of
/// appbook's own in both.
#[test]
fn a_syntax_error_is_said_in_plain_words_in_both_languages() {
    for (start, with) in [
        ("employees:", "   employees: 9"),
        ("unit_name:", "  unit_name: \"內政部"),
        ("address:", "  address: {臺北市"),
    ] {
        let (_tmp, app) = edited(MOE, |t| line_replaced(t, start, with));
        let (status, found) = findings(&app);
        assert_eq!(status, Some(1), "{with}");
        let f = found.iter().find(|f| f.code == "YAML-SYNTAX").expect(with);
        for raw in [
            "expected",
            "did not find",
            "while parsing",
            "unclosed",
            "simple key",
        ] {
            assert!(
                !f.en.contains(raw),
                "{with}: en has the parser's `{raw}`: {}",
                f.en
            );
            assert!(
                !f.zh.contains(raw),
                "{with}: zh has the parser's `{raw}`: {}",
                f.zh
            );
        }
    }
}

/// A date of digits alone is said at once not to be a date, with the dashes put in: quoting
/// it, as for text, would only have led to 「not a date」 next. A number given where text
/// belongs loses nothing when it has no leading 0, so nothing is said of a lost 0.
#[test]
fn a_date_written_as_digits_is_shown_with_its_dashes() {
    let (_tmp, app) = edited(MOE, |t| {
        line_replaced(t, "application_date:", "application_date: 1140620")
    });
    one(
        &app,
        "YAML-TYPE",
        line_of(&app, "application_date:"),
        &["不是日期", "application_date: 114-06-20"],
        &["not one", "application_date: 114-06-20"],
    );
    let (_tmp, app) = edited(MOE, |t| line_replaced(t, "edition:", "edition: 107"));
    let (_, found) = findings(&app);
    let f = found.iter().find(|f| f.code == "YAML-TYPE").unwrap();
    assert!(
        !f.zh.contains("開頭的 0") && !f.en.contains("leading 0"),
        "{f:?}"
    );
}

/// A key indented under the wrong parent (`employees` under `basic.contact`) is named as one
/// that belongs higher up, with where to move it, and the 員工總數 it leaves missing is not
/// reported again.
#[test]
fn a_key_indented_too_far_is_told_where_it_belongs() {
    let (_tmp, app) = edited(MOE, |t| {
        t.replacen("  employees: 152\n", "", 1).replacen(
            "    email: hr-training@example.gov.tw\n",
            "    email: hr-training@example.gov.tw\n    employees: 152\n",
            1,
        )
    });
    one(
        &app,
        "YAML-UNKNOWN-KEY",
        line_of(&app, "    employees:"),
        &["employees", "壹、基本資料表", "與 contact: 對齊"],
        &["belongs under `basic`", "in line with `contact:`"],
    );
}
