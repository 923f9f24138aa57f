//! sme-org-learning as a user meets it: samples, the 500 字 boundary, the 學習積分 of the record
//! sample, schema and init. Its fixtures, one per rule, run in fixtures.rs.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};

const SME: &str = "sme-org-learning";

#[test]
fn every_sample_checks_clean() {
    let samples = samples(SME);
    assert!(
        samples.len() >= 2,
        "expected at least two samples, found {samples:?}"
    );
    for s in samples {
        let out = run(&["check", s.to_str().unwrap(), "--format", "json"]);
        let v = json(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            s.display(),
            stdout(&out)
        );
        assert_eq!(
            v["summary"]["errors"],
            0,
            "{}: {}",
            s.display(),
            stdout(&out)
        );
        assert_eq!(
            v["summary"]["warnings"],
            0,
            "{}: {}",
            s.display(),
            stdout(&out)
        );
    }
}

/// One 字 for each of the 22 prose fields.
const FILLERS: &str = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";

/// An application whose plan prose is exactly `motivation` plus 21 other fields of one 字 each.
fn application_with_motivation(motivation: &str) -> String {
    let template = std::fs::read_to_string(
        root().join("tests/fixtures/sme-org-learning/SME-PLAN-TOO-SHORT/application.yaml"),
    )
    .unwrap();
    let mut out = String::new();
    let mut prose_fields = 0;
    for line in template.lines() {
        let line = line.split("  #!expect").next().unwrap();
        let prose_keys = [
            "motivation",
            "problems",
            "goals",
            "promotion_team",
            "resources",
            "basis",
            "strategy",
            "schedule",
            "courses",
            "expected_results",
            "measurement",
            "incentives",
            "mechanism",
            "environment",
            "capability",
            "presentation",
            "benchmarking",
            "company",
            "employees",
            "company_account",
            "text",
        ];
        let key = line.trim_start().trim_start_matches("- ");
        let is_prose = prose_keys
            .iter()
            .any(|k| key.starts_with(&format!("{k}: ")) && !key.ends_with(':'))
            && line.starts_with("  ")
            && !key
                .split_once(": ")
                .is_some_and(|(_, v)| v.bytes().all(|b| b.is_ascii_digit()));
        if is_prose {
            let (head, _) = line.split_once(": ").unwrap();
            prose_fields += 1;
            if head.trim() == "motivation" {
                out.push_str(&format!("{head}: \"{motivation}\"\n"));
            } else {
                // A different 字 in each field, so the two testimonials are not copies.
                let filler = FILLERS.chars().nth(prose_fields - 1).unwrap();
                out.push_str(&format!("{head}: {filler}\n"));
            }
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    // The 21 prose fields of the fixture: 貳 3, 肆 16, 伍 1 + 2 testimonials − 1 (motivation).
    assert_eq!(prose_fields, 22, "{out}");
    out
}

fn check_text(yaml: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("attachments")).unwrap();
    std::fs::write(
        dir.path().join("attachments/insurance-list.pdf"),
        std::fs::read(root().join("tests/fixtures/moe-learning-award/valid/attachments/proof.pdf"))
            .unwrap(),
    )
    .unwrap();
    let app = dir.path().join("application.yaml");
    std::fs::write(&app, yaml).unwrap();
    json(&run(&["check", app.to_str().unwrap(), "--format", "json"]))
}

fn plan_findings(v: &serde_json::Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "SME-PLAN-TOO-SHORT")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_plan_of_499_zi_fails_and_500_passes() {
    // 21 fields of 1 字 + motivation.
    let v = check_text(&application_with_motivation(&"學".repeat(499 - 21)));
    let found = plan_findings(&v);
    assert_eq!(found.len(), 1, "{v}");
    assert!(found[0].contains("目前 499 字，尚差 1 字"), "{}", found[0]);
    assert_eq!(v["summary"]["errors"], 1, "{v}");

    let v = check_text(&application_with_motivation(&"學".repeat(500 - 21)));
    assert!(plan_findings(&v).is_empty(), "{v}");
    assert_eq!(v["summary"]["errors"], 0, "{v}");

    // Word counts a Latin word as 1 and half-width punctuation as nothing.
    let v = check_text(&application_with_motivation(&format!(
        "{}，TTQS ...",
        "學".repeat(500 - 21 - 2)
    )));
    assert!(plan_findings(&v).is_empty(), "{v}");
    let v = check_text(&application_with_motivation(&format!(
        "{} ... ()",
        "學".repeat(499 - 21)
    )));
    assert_eq!(plan_findings(&v).len(), 1, "{v}");

    // A paragraph indented with ideographic spaces (U+3000) gains nothing from its indent.
    let v = check_text(&application_with_motivation(&format!(
        "\u{3000}\u{3000}{}",
        "學".repeat(499 - 21)
    )));
    let found = plan_findings(&v);
    assert_eq!(found.len(), 1, "{v}");
    assert!(found[0].contains("目前 499 字，尚差 1 字"), "{}", found[0]);
}

#[test]
fn a_malformed_record_is_quoted_from_the_csv() {
    let dir = root().join("tests/fixtures/sme-org-learning/SME-RECORDS-ROW");
    let csv = std::fs::read_to_string(dir.join("records/learning.csv")).unwrap();
    let bad = csv.lines().nth(3).unwrap();
    let out = stdout(&run(&[
        "check",
        dir.join("application.yaml").to_str().unwrap(),
    ]));
    assert!(out.contains("records/learning.csv:4:1"), "{out}");
    assert!(out.contains(&format!("4 | {bad}")), "{out}");
    assert!(out.contains("學習紀錄第 4 行"), "{out}");
}

#[test]
fn a_big5_record_file_gets_the_iconv_line_that_converts_that_file() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("manufacturing");
    copy_dir(&root().join("samples/sme-org-learning/manufacturing"), &app);
    let csv = app.join("records/learning.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let (big5, _, bad) = encoding_rs::BIG5.encode(&text);
    assert!(!bad);
    std::fs::write(&csv, &big5).unwrap();
    let out = stdout(&run(&["check", app.to_str().unwrap()]));
    assert!(
        out.contains("iconv -f BIG5 -t UTF-8 records/learning.csv > records/learning-utf8.csv"),
        "{out}"
    );
    assert!(!out.contains("舊檔"), "{out}");
}

#[test]
fn the_plan_length_message_speaks_english_on_request() {
    let fixture =
        root().join("tests/fixtures/sme-org-learning/SME-PLAN-TOO-SHORT/application.yaml");
    let out = stdout(&run(&["check", fixture.to_str().unwrap(), "--lang", "en"]));
    assert!(out.contains("the plan needs at least 500"), "{out}");
    assert!(out.contains("short"), "{out}");
}

/// 學習人次 and the learners with a record from the CSV, computed here without appbook's code:
/// a learner–course pair counts once when its hours in 2014-01-01..=2014-10-31 reach half the
/// course's hours.
fn independent_count(csv: &str) -> (u64, u64) {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |names: &[&str]| {
        header
            .iter()
            .position(|h| names.contains(&h.trim()))
            .unwrap_or_else(|| panic!("no column {names:?} in {header:?}"))
    };
    let (learner, course, done, hours, date) = (
        col(&["learner", "學員"]),
        col(&["course", "課程"]),
        col(&["hours_done", "完成時數"]),
        col(&["course_hours", "課程時數"]),
        col(&["date", "日期"]),
    );
    let mut learners = BTreeSet::new();
    let mut pairs: BTreeMap<(String, String), (f64, f64)> = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let d = f[date];
        if !("2014-01-01"..="2014-10-31").contains(&d) {
            continue;
        }
        learners.insert(f[learner].to_string());
        let e = pairs
            .entry((f[learner].to_string(), f[course].to_string()))
            .or_insert((0.0, f[hours].parse().unwrap()));
        e.0 += f[done].parse::<f64>().unwrap();
    }
    let count = pairs.values().filter(|(d, h)| d * 2.0 >= *h).count() as u64;
    (count, learners.len() as u64)
}

/// 學習人次 ÷ 專區內學員人數, rounded half-up to 2 decimals.
fn independent_score(count: u64, zone_learners: u64) -> String {
    let hundredths = (count * 200 + zone_learners) / (2 * zone_learners);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[test]
fn the_learning_score_of_the_record_sample_matches_an_independent_count() {
    let app = root().join("samples/sme-org-learning/manufacturing/application.yaml");
    let csv_path = root().join("samples/sme-org-learning/manufacturing/records/learning.csv");
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        csv.lines().count() > 300,
        "the sample holds at least 300 records"
    );
    let (count, with_records) = independent_count(&csv);
    // The zone's learners as the sample gives them: more than those with records.
    let yaml = std::fs::read_to_string(&app).unwrap();
    let zone_learners: u64 = yaml
        .lines()
        .find_map(|l| l.strip_prefix("  learners: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("the sample gives zone.learners");
    assert!(
        zone_learners > with_records,
        "{zone_learners} > {with_records}"
    );
    let score = independent_score(count, zone_learners);

    let src = appbook::load::read_source(&app).unwrap();
    let spans = appbook::load::index(&src).unwrap();
    let (checked, _) =
        appbook::programmes::sme_org_learning::load_and_check(&src, &spans, app.parent().unwrap())
            .unwrap();
    let f = &checked.figures;
    assert!(f.from_records);
    assert_eq!(f.learning_count, Some(count));
    assert_eq!(f.learners_with_records, Some(with_records));
    assert_eq!(f.learners, Some(zone_learners));
    assert_eq!(f.score.unwrap().to_string(), score);
    assert!(count >= 50, "the sample meets the 50 學習人次 obligation");
}

#[test]
fn the_record_file_must_stay_inside_the_application_folder() {
    let yaml = std::fs::read_to_string(
        root().join("tests/fixtures/sme-org-learning/SME-RECORDS-ROW/application.yaml"),
    )
    .unwrap()
    .replace(
        "records: records/learning.csv  #!expect SME-RECORDS-ROW records/learning.csv:4",
        "records: ../learning.csv",
    );
    let v = check_text(&yaml);
    let d: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "ATTACH-OUTSIDE")
        .collect();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["path"], "zone.records");
    assert!(
        d[0]["message"].as_str().unwrap().contains("學習紀錄檔"),
        "{v}"
    );
}

/// Codes and YAML paths of a check's findings.
fn findings(v: &serde_json::Value) -> Vec<(String, String)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_sme_standard_is_the_one_in_force_on_the_application_date() {
    // A travel agency with NT$150,000,000 revenue, NT$25,000,000 capital and 22 employees.
    let sample =
        std::fs::read_to_string(root().join("samples/sme-org-learning/services/application.yaml"))
            .unwrap()
            .replace("revenue: 86000000", "revenue: 150000000");
    // 2014: the 2009 revision judges other industries by revenue alone (≤ NT$100,000,000).
    let v = check_text(&sample);
    assert!(
        findings(&v).contains(&("SME-NOT-SME".into(), "company.revenue".into())),
        "{v}"
    );
    // 2015-03-30 on: fewer than 100 employees suffices.
    let v = check_text(&sample.replace(
        "application_date: 103-10-28",
        "application_date: 2015-03-30",
    ));
    assert!(!findings(&v).iter().any(|(c, _)| c == "SME-NOT-SME"), "{v}");
    let v = check_text(&sample.replace(
        "application_date: 103-10-28",
        "application_date: 2015-03-29",
    ));
    assert!(findings(&v).iter().any(|(c, _)| c == "SME-NOT-SME"), "{v}");
    // 2020-06-24 on: capital ≤ NT$100,000,000 in any industry, whatever the revenue.
    let big = sample.replace("employees: 22", "employees: 250").replace(
        "application_date: 103-10-28",
        "application_date: 2021-03-01",
    );
    let v = check_text(&big);
    assert!(!findings(&v).iter().any(|(c, _)| c == "SME-NOT-SME"), "{v}");
    let v = check_text(&big.replace("capital: 25000000", "capital: 100000001"));
    assert!(
        findings(&v).contains(&("SME-NOT-SME".into(), "company.capital".into())),
        "{v}"
    );
}

#[test]
fn checking_a_bare_file_name_inside_its_folder_finds_the_attachments() {
    let dir = root().join("samples/sme-org-learning/manufacturing");
    let out = run_env(
        &["check", "application.yaml", "--format", "json"],
        &[],
        Some(&dir),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["summary"]["errors"], 0, "{}", stdout(&out));
}

#[test]
fn schema_command_matches_the_checked_in_schema() {
    let v = checked_in_schema(SME);
    assert_eq!(
        v["$defs"]["Company"]["properties"]["tax_id"]["title"],
        "統一編號"
    );
    assert_eq!(v["properties"]["company"]["title"], "壹、企業基本資料");
}

#[test]
fn init_writes_a_commented_application_that_explains_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = init_explaining_every_field(SME, dir.path(), "組織學習");
    let target = app.parent().unwrap();

    // The scaffold's placeholders are errors at their lines; with each replaced by its example
    // and the insurance list supplied, it passes without a warning.
    let text = std::fs::read_to_string(&app).unwrap();
    assert_placeholders_reported(&app, &text);
    std::fs::write(&app, fill_placeholders(&text)).unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    std::fs::write(
        target.join("attachments/insurance-list.pdf"),
        std::fs::read(root().join("tests/fixtures/moe-learning-award/valid/attachments/proof.pdf"))
            .unwrap(),
    )
    .unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["summary"]["warnings"], 0, "{}", stdout(&out));
}

#[test]
fn programmes_lists_the_programme_and_edition() {
    let out = stdout(&run(&["programmes"]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("sme-org-learning\t103\t")),
        "{out}"
    );
}

/// 伍、二 asks for 2 employees' testimonials: a copied text (other spaces and punctuation) is
/// reported at the copy and counts once, so one employee short of the minimum.
#[test]
fn a_copied_testimonial_counts_once() {
    let valid = std::fs::read_to_string(
        root().join("tests/fixtures/sme-org-learning/valid/application.yaml"),
    )
    .unwrap();
    let second =
        "text: 精實生產課程介紹的看板管理，我們已經用在倉庫的物料管理上，找料時間明顯縮短。";
    assert!(
        valid.contains(second),
        "the valid fixture has this testimonial"
    );
    let copy = valid.replace(
        second,
        "text: 以前排班常錯過公司的課程, 現在可以利用下班後的時間上網學習. 品質管理課程讓我更懂得檢查重點!",
    );
    let v = check_text(&copy);
    assert_eq!(
        findings(&v),
        vec![
            (
                "SME-TESTIMONIALS-MIN".to_string(),
                "results.testimonials".to_string()
            ),
            (
                "SME-TESTIMONIAL-DUPLICATE".to_string(),
                "results.testimonials[1].text".to_string()
            ),
        ],
        "{v}"
    );
}

/// The SME forms date everything in 民國 years, and so do the applications (103-03-03): a
/// Chinese message gives its dates the same way (103 年 3 月 18 日), never as 2014-03-18, which
/// reads as another date beside the YAML's.
#[test]
fn chinese_messages_give_their_dates_in_roc_years() {
    let fixtures = root().join("tests/fixtures/sme-org-learning");
    let out = run(&["check", fixtures.to_str().unwrap(), "--format", "json"]);
    let iso = regex::Regex::new(r"\b(19|20)\d\d-\d\d-\d\d\b").unwrap();
    let mut dated = 0;
    for d in json(&out)["diagnostics"].as_array().unwrap() {
        let zh = d["message"].as_str().unwrap();
        assert!(!iso.is_match(zh), "{}: {zh}", d["code"]);
        dated += usize::from(zh.contains(" 年 ") && zh.contains(" 日"));
    }
    assert!(dated >= 4, "the fixtures raise dated messages: {dated}");
}
