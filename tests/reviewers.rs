//! The reviewers' commands as a 主管機關 or the committee uses them: `roster` (初審合格名單一覽表),
//! `score` (score sheets and the committee summary), `notice` (補正通知) and `render` of a whole
//! folder (books in parallel, each with its 送件檢核表). Read back as a user would: the PDF's
//! text, the DOCX opened by LibreOffice, the CSV, the messages and the exit status.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::pdf::{assert_a4_and_kai, files_under, page_count, page_texts, squash};
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A change made to a copied application.yaml.
type Edit<'a> = &'a dyn Fn(String) -> String;

/// Applications in a fresh folder: `(name, source folder, edit of its application.yaml)`.
fn folder_of(apps: &[(&str, &str, Edit)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, from, edit) in apps {
        let to = dir.path().join(name);
        copy_dir(&root().join(from), &to);
        let yaml = to.join("application.yaml");
        let text = std::fs::read_to_string(&yaml).unwrap();
        std::fs::write(&yaml, edit(text)).unwrap();
    }
    dir
}

fn same(text: String) -> String {
    text
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn pdf_text(pdf: &Path) -> String {
    squash(&page_texts(pdf).join("\n"))
}

/// The PDF's text in reading order, cell by cell for a table, without white space.
fn raw_text(pdf: &Path) -> String {
    squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]))
}

/// The DOCX's paragraphs (table cells among them, row by row), as Word reads them.
fn docx_paragraphs(docx: &Path) -> Vec<String> {
    let bytes = std::fs::read(docx).unwrap();
    common::docx::paragraphs(&common::docx::part(&bytes, "word/document.xml"))
        .into_iter()
        .map(|p| p.text)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The DOCX as LibreOffice lays it out, as text.
fn docx_text(docx: &Path, work: &Path) -> String {
    let pdf = soffice_pdf(&[docx.to_path_buf()], work).remove(0);
    pdf_text(&pdf)
}

/// `appbook GLOBAL… COMMAND INPUT -o OUT EXTRA…`, the shape every reviewer's command is run in,
/// with the time a render may take.
fn reviewer_run(
    global: &[&str],
    command: &str,
    input: &Path,
    out: &Path,
    extra: &[&str],
) -> Output {
    let mut args = global.to_vec();
    args.extend([
        command,
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    args.extend_from_slice(extra);
    run_env(&args, &[], None)
}

/// `appbook COMMAND INPUT -o OUT EXTRA…`.
fn reviewer(command: &str, input: &Path, out: &Path, extra: &[&str]) -> Output {
    reviewer_run(&[], command, input, out, extra)
}

/// Writes `text` as the score file `name` in `dir`; its path.
fn score_file(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// `appbook GLOBAL… score SAMPLES -o OUT --scores FILE…`, one `--scores` for each file.
fn score_with(global: &[&str], samples: &Path, out: &Path, files: &[&Path]) -> Output {
    let args: Vec<&str> = files
        .iter()
        .flat_map(|f| ["--scores", f.to_str().unwrap()])
        .collect();
    reviewer_run(global, "score", samples, out, &args)
}

/// `text` holds every one of `wants`; `what` names the text in the message.
#[track_caller]
fn assert_has_all(text: &str, wants: &[&str], what: &str) {
    for want in wants {
        assert!(text.contains(want), "{what} lacks {want}: {text}");
    }
}

/// The run's standard error says `want`.
#[track_caller]
fn assert_told(o: &Output, want: &str) {
    let err = stderr(o);
    assert!(err.contains(want), "lacks {want}: {err}");
}

/// `appbook check PATH --format json`: its exit status, and the findings of severity error.
fn check_errors(path: &Path) -> (Option<i32>, Vec<serde_json::Value>) {
    let o = run(&["check", path.to_str().unwrap(), "--format", "json"]);
    let errors = json(&o)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .cloned()
        .collect();
    (o.status.code(), errors)
}

fn out_dir() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("out");
    (d, p)
}

#[test]
fn roster_lists_every_passing_application_under_its_agency_and_names_those_left_out() {
    let apps = folder_of(&[
        ("agency", "samples/moe-learning-award/agency", &same),
        ("foundation", "samples/moe-learning-award/foundation", &same),
        ("school", "samples/moe-learning-award/school", &same),
        ("second", "tests/fixtures/moe-learning-award/valid", &|t| {
            t.replace(
                "unit_name: 內政部戶政人員訓練所",
                "unit_name: 內政部第二訓練所",
            )
        }),
        (
            "late",
            "tests/fixtures/moe-learning-award/MOE-DEADLINE",
            &same,
        ),
        // sme-org-learning has no 初審 by a 主管機關: never on a list, with or without errors.
        ("services", "samples/sme-org-learning/services", &same),
        (
            "sme-broken",
            "tests/fixtures/sme-org-learning/SME-TAX-ID",
            &same,
        ),
    ]);
    let (_keep, out) = out_dir();
    let o = reviewer(
        "roster",
        apps.path(),
        &out,
        &["--officer", "王小明", "--phone", "(02)2345-6789"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The one with an error is left out, with its code.
    let err = stderr(&o);
    assert!(err.contains("未列入"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("late") && l.contains("MOE-DEADLINE")),
        "{err}"
    );
    // The sme applications are named apart, with the reason, and not as left out for errors.
    let (left_out, no_roster) = err.split_once("不適用一覽表").expect("the sme part");
    assert!(
        !left_out.contains("services") && !left_out.contains("sme-broken"),
        "{err}"
    );
    assert!(
        no_roster.contains("sme-org-learning 沒有主管機關初審"),
        "{err}"
    );
    let named: Vec<&str> = no_roster.lines().skip(1).map(str::trim).collect();
    assert_eq!(named, ["services", "sme-broken"], "{err}");

    // One list per 主管機關, each as PDF, DOCX and CSV.
    for agency in ["內政部", "文化部", "教育部國民及學前教育署"] {
        for ext in ["pdf", "docx", "csv"] {
            let f = out.join(format!("初審合格名單一覽表-{agency}.{ext}"));
            assert!(f.is_file(), "{} missing; wrote {}", f.display(), stdout(&o));
        }
    }
    let pdf = out.join("初審合格名單一覽表-內政部.pdf");
    assert_a4_and_kai(&pdf, &pdf);
    assert_eq!(page_count(&pdf), 1);
    let text = pdf_text(&pdf);
    assert_has_all(
        &text,
        &[
            "中央政府推動建立員工學習制度獎勵初審合格名單一覽表",
            "機關名稱：內政部",
            "編號申請單位名稱",
            "1內政部戶政人員訓練所",
            "2內政部第二訓練所",
            "承辦人：王小明",
            "機關用印",
            "聯絡電話：(02)2345-6789",
            "本表一式2份",
            "八月三十一日前",
        ],
        "PDF",
    );
    assert!(
        !text.contains("溪濱"),
        "another agency's school is listed: {text}"
    );
    // Rows in order, and the application with an error is not among them.
    assert!(text.find("1內政部戶政").unwrap() < text.find("2內政部第二").unwrap());
    assert_eq!(text.matches("內政部戶政人員訓練所").count(), 1, "{text}");

    let work = tempfile::tempdir().unwrap();
    let docx = docx_text(&out.join("初審合格名單一覽表-內政部.docx"), work.path());
    assert_has_all(
        &docx,
        &[
            "機關名稱：內政部",
            "1內政部戶政人員訓練所",
            "2內政部第二訓練所",
            "承辦人：王小明",
            "本表一式2份",
        ],
        "DOCX",
    );

    let rows = csv_rows(&out.join("初審合格名單一覽表-內政部.csv"));
    assert_eq!(rows[0], ["機關名稱", "編號", "申請單位名稱", "申請資料"]);
    assert_eq!(rows[1], ["內政部", "1", "內政部戶政人員訓練所", "agency"]);
    assert_eq!(rows[2], ["內政部", "2", "內政部第二訓練所", "second"]);
    assert_eq!(rows.len(), 3);
    let rows = csv_rows(&out.join("初審合格名單一覽表-文化部.csv"));
    assert_eq!(rows[1][2], "財團法人臺灣民俗工藝傳習基金會");
    // Only the three agencies' lists: nothing for the sme applications.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 9);
}

#[test]
fn roster_of_sme_applications_only_says_their_programme_has_no_list() {
    let (_keep, out) = out_dir();
    let samples = root().join("samples/sme-org-learning");
    for (lang, want, none) in [
        (
            "zh-TW",
            "sme-org-learning 沒有主管機關初審",
            "沒有需要初審合格名單一覽表的申請，未寫入一覽表",
        ),
        (
            "en",
            "sme-org-learning has no 初審 by a 主管機關",
            "no application calls for a 初審合格名單一覽表; no list was written",
        ),
    ] {
        let o = reviewer("roster", &samples, &out, &["--lang", lang]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains(want) && err.contains(none), "{err}");
        assert!(
            err.contains("manufacturing") && err.contains("services"),
            "{err}"
        );
        assert!(
            !err.contains("未列入") && !err.contains("left out"),
            "{err}"
        );
        assert!(!out.exists(), "a list was written");
    }
}

#[test]
fn roster_of_the_samples_and_only_one_agency() {
    let (_keep, out) = out_dir();
    let samples = root().join("samples/moe-learning-award");
    let o = reviewer("roster", &samples, &out, &["--agency", "文化部"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "初審合格名單一覽表-文化部.csv",
            "初審合格名單一覽表-文化部.docx",
            "初審合格名單一覽表-文化部.pdf"
        ]
    );
    // The same folder gives the same bytes.
    let again = out.with_file_name("again");
    let o = reviewer("roster", &samples, &again, &["--agency", "文化部"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for name in &written {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(again.join(name)).unwrap(),
            "{name} differs between two runs"
        );
    }

    // -o naming a file is a usage error, and the file is left as it was, for every command.
    let file = out.join("初審合格名單一覽表-文化部.csv");
    let before = std::fs::read(&file).unwrap();
    let app = root().join("tests/fixtures/moe-learning-award/MOE-DEADLINE");
    for args in [
        vec!["roster", samples.to_str().unwrap()],
        vec!["score", samples.to_str().unwrap()],
        vec!["notice", app.to_str().unwrap()],
        vec!["render", samples.to_str().unwrap()],
    ] {
        let mut args = args.clone();
        args.extend(["-o", file.to_str().unwrap()]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_told(&o, "-o 須是資料夾");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }

    // A folder with nothing to list is a usage error, as for check.
    let empty = tempfile::tempdir().unwrap();
    let o = reviewer("roster", empty.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_told(&o, "INPUT-NOTHING-FOUND");
}

/// Scores of three reviewers for the three moe samples, in points (item order: regulations,
/// learning, budget, participation, promotion).
const SCORES: [(&str, &str, [&str; 5]); 9] = [
    ("甲", "agency", ["12", "15", "16", "17", "20"]),
    ("乙", "agency", ["13", "16", "15.5", "18", "21"]),
    ("丙", "agency", ["14", "15", "17", "16", "22"]),
    ("甲", "foundation", ["15", "20", "20", "20", "25"]),
    ("乙", "foundation", ["10", "12", "13", "14", "15"]),
    ("丙", "foundation", ["11", "13", "12", "15", "16"]),
    ("甲", "school", ["13", "17", "18", "18", "23"]),
    ("乙", "school", ["13", "16", "17", "18", "22"]),
    ("丙", "school", ["12", "16", "17", "17", "21.25"]),
];

fn scores_csv(rows: &[(&str, &str, [&str; 5])]) -> String {
    let mut s =
        String::from("reviewer,application,regulations,learning,budget,participation,promotion\n");
    for (r, a, v) in rows {
        s.push_str(&format!("{r},{a},{}\n", v.join(",")));
    }
    s
}

#[test]
fn score_sheets_then_a_summary_whose_averages_and_ranks_a_hand_count_agrees_with() {
    let samples = root().join("samples/moe-learning-award");
    let (keep, out) = out_dir();
    let o = reviewer("score", &samples, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A sheet per application: the five 評審項目 with their weights and appbook's figures.
    let items = [
        ("一、訂有員工學習制度規定", "15"),
        (
            "二、每年給予員工帶薪、經費補助、公假或其他方式學習之情形",
            "20",
        ),
        ("三、每年編列員工學習經費額度", "20"),
        ("四、每年員工學習之人數占總人數比率", "20"),
        ("五、其他與推動員工學習制度有關之事項", "25"),
        ("合計", "100"),
    ];
    for id in ["agency", "foundation", "school"] {
        let pdf = out.join(format!("評分表-{id}.pdf"));
        assert_a4_and_kai(&pdf, &pdf);
        assert_eq!(page_count(&pdf), 1, "{id}: the sheet is one A4 page");
        let text = raw_text(&pdf);
        assert_has_all(
            &text,
            &[
                "平均每位員工帶薪學習時數",
                "平均每位員工獲得補助金額",
                "參與學習總人數占員工總人數比率",
                "具體員工參與學習心得",
                "評審委員簽名",
                &format!("申請資料代號：{id}"),
            ],
            &format!("{id}: sheet"),
        );
        // Each item beside its weight, row by row, as the DOCX's table holds them.
        let paras = docx_paragraphs(&out.join(format!("評分表-{id}.docx")));
        for (item, weight) in items {
            assert!(text.contains(item), "{id}: sheet lacks {item}: {text}");
            let at = paras
                .iter()
                .position(|p| p == item)
                .unwrap_or_else(|| panic!("{id}: DOCX lacks {item}: {paras:?}"));
            assert_eq!(paras[at + 1], weight, "{id}: {item}");
        }
    }
    // The agency sample's own counts in the formula of 平均每位員工帶薪學習時數.
    let yaml: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(samples.join("agency/application.yaml")).unwrap(),
    )
    .unwrap();
    let hours = yaml["evaluation"]["learning"]["paid"]["total_hours"]
        .as_u64()
        .unwrap();
    let employees = yaml["basic"]["employees"].as_u64().unwrap();
    let grouped = format!("{},{:03}", hours / 1000, hours % 1000);
    let agency = raw_text(&out.join("評分表-agency.pdf"));
    assert!(
        agency.contains(&format!("{grouped}小時÷{employees}人")),
        "{grouped} {employees}: {agency}"
    );
    // The file to fill in: a row per application.
    let template = csv_rows(&out.join("評分-moe-learning-award.csv"));
    assert_eq!(
        template[0],
        [
            "reviewer",
            "application",
            "regulations",
            "learning",
            "budget",
            "participation",
            "promotion"
        ]
    );
    let ids: Vec<&str> = template[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(ids, ["agency", "foundation", "school"]);

    let scores = score_file(keep.path(), "scores.csv", scores_csv(&SCORES));
    let o = score_with(&[], &samples, &out, &[&scores]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // By hand, in hundredths: each item's average and the average total, rounded half-up.
    let hundredths = |s: &str| (s.parse::<f64>().unwrap() * 100.0).round() as i64;
    let avg = |sum: i64, n: i64| (2 * sum + n) / (2 * n);
    let show = |h: i64| format!("{}.{:02}", h / 100, h % 100);
    let mut expected: Vec<(String, Vec<String>, i64)> = ["agency", "foundation", "school"]
        .iter()
        .map(|id| {
            let mine: Vec<_> = SCORES.iter().filter(|(_, a, _)| a == id).collect();
            let items = (0..5)
                .map(|i| show(avg(mine.iter().map(|(_, _, v)| hundredths(v[i])).sum(), 3)))
                .collect();
            let total = avg(
                mine.iter()
                    .map(|(_, _, v)| v.iter().map(|s| hundredths(s)).sum::<i64>())
                    .sum(),
                3,
            );
            (id.to_string(), items, total)
        })
        .collect();
    expected.sort_by_key(|e| std::cmp::Reverse(e.2));
    // agency 80+83.5+84 = 247.5 → 82.50; foundation 100+64+67 = 231 → 77.00;
    // school 89+86+83.25 = 258.25 → 86.08.
    assert_eq!(
        expected.iter().map(|e| show(e.2)).collect::<Vec<_>>(),
        ["86.08", "82.50", "77.00"]
    );
    let summary = csv_rows(&out.join("評審總表-moe-learning-award.csv"));
    assert_eq!(summary[0][0], "名次");
    assert_eq!(summary.len(), 4);
    for (rank, (row, (id, items, total))) in summary[1..].iter().zip(&expected).enumerate() {
        assert_eq!(row[0], (rank + 1).to_string());
        assert_eq!(&row[1], id);
        assert_eq!(&row[3..8], items.as_slice(), "{id}");
        assert_eq!(row[8], show(*total), "{id}");
        assert_eq!(row[9], "3");
        // Each reviewer's total, by reviewer, in the order they first appear in the file
        // (甲, 乙, 丙), not by code point (丙, 乙, 甲).
        for (col, who) in ["甲", "乙", "丙"].iter().enumerate() {
            let (_, _, v) = SCORES.iter().find(|(r, a, _)| r == who && a == id).unwrap();
            let mine: i64 = v.iter().map(|s| hundredths(s)).sum();
            assert_eq!(row[10 + col], show(mine), "{id} {who}");
        }
    }
    assert_eq!(summary[0][10..], ["總分（甲）", "總分（乙）", "總分（丙）"]);
    let pdf = out.join("評審總表-moe-learning-award.pdf");
    assert!(out.join("評審總表-moe-learning-award.docx").is_file());
    let text = raw_text(&pdf);
    assert!(text.contains("評審委員：甲、乙、丙（共3位）"), "{text}");
    // The heading of the total's column stays on one line.
    let laid_out = page_texts(&pdf).join("\n");
    assert!(
        laid_out.lines().any(|l| l.contains("平均總分")),
        "平均總分 wraps: {laid_out}"
    );
    // The items' averages are rounded one by one and need not add up to the total: the
    // summary says how the total is made.
    assert!(
        text.contains("平均總分為各委員總分之平均再四捨五入，並非各項平均之和"),
        "{text}"
    );
    let (first, last) = (
        text.find("國立溪濱高級中學").unwrap(),
        text.find("財團法人臺灣民俗工藝傳習基金會").unwrap(),
    );
    assert!(first < last, "ranked order: {text}");
    assert!(text.contains("86.08") && text.contains("77.00"), "{text}");

    // The same scores as YAML give the same summary.
    let mut yaml = String::new();
    for (r, a, v) in SCORES {
        yaml.push_str(&format!(
            "- reviewer: {r}\n  application: {a}\n  regulations: {}\n  learning: {}\n  budget: {}\n  participation: {}\n  promotion: {}\n",
            v[0], v[1], v[2], v[3], v[4]
        ));
    }
    let scores_yaml = score_file(keep.path(), "scores.yaml", yaml);
    let out2 = keep.path().join("out2");
    let o = score_with(&[], &samples, &out2, &[&scores_yaml]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        csv_rows(&out2.join("評審總表-moe-learning-award.csv")),
        summary
    );
}

#[test]
fn a_score_over_its_weight_or_a_bad_row_is_an_error_with_its_line_and_no_summary() {
    let samples = root().join("samples/moe-learning-award");
    let (keep, out) = out_dir();
    let mut rows = SCORES.to_vec();
    rows[1].2[0] = "16"; // line 3: 訂有員工學習制度規定 weighs 15
    rows[4].1 = "nobody"; // line 6: no such application
    rows[6].2[4] = "很好"; // line 8: not a number
    let scores = score_file(keep.path(), "scores.csv", scores_csv(&rows));
    let o = score_with(&[], &samples, &out, &[&scores]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines()
            .any(|l| l.contains("第 3 行") && l.contains("超過其配分 15")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("第 6 行") && l.contains("nobody")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("第 8 行") && l.contains("很好")),
        "{err}"
    );
    assert!(!out.join("評審總表-moe-learning-award.csv").exists());
    assert!(!out.join("評審總表-moe-learning-award.pdf").exists());
    // The same in English.
    let o = score_with(&["--lang", "en"], &samples, &out, &[&scores]);
    assert_eq!(o.status.code(), Some(1));
    assert_told(
        &o,
        "line 3: the score 16 of `regulations` is over its weight 15",
    );

    // A reviewer's second score of the same application, in another file, names the first.
    let again = score_file(keep.path(), "again.csv", scores_csv(&SCORES[..1]));
    let good = score_file(keep.path(), "good.csv", scores_csv(&SCORES));
    let o = score_with(&[], &samples, &out, &[&good, &again]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).lines().any(|l| l.contains("again.csv 第 2 行")
            && l.contains("已在")
            && l.contains("good.csv 第 2 行")),
        "{}",
        stderr(&o)
    );

    // In a YAML score file, the line of the row's entry.
    let yaml = score_file(
        keep.path(),
        "scores.yaml",
        "- reviewer: 甲\n  application: agency\n  regulations: 12\n  learning: 15\n  budget: 16\n  participation: 17\n  promotion: 20\n- reviewer: 乙\n  application: agency\n  regulations: 13\n  learning: 16\n  budget: 15\n  participation: 18\n  promotion: 26\n",
    );
    let o = score_with(&[], &samples, &out, &[&yaml]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .lines()
            .any(|l| l.contains("第 8 行") && l.contains("超過其配分 25")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sme_sheets_carry_the_learning_score_weights_and_award_category() {
    let samples = root().join("samples/sme-org-learning");
    let (_keep, out) = out_dir();
    let o = reviewer("score", &samples, &out, &["--benchmark", "06655764"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let services = raw_text(&out.join("評分表-services.pdf"));
    assert_has_all(
        &services,
        &[
            "一、組織學習規劃",
            "二、學習積分",
            "三、學習成果與感想",
            "學習積分：",
            "獎項類別：103年度加入企業組織學習專區並參與學習之企業（名額3名）",
        ],
        "the text",
    );
    let paras = docx_paragraphs(&out.join("評分表-services.docx"));
    for (item, weight) in [
        ("一、組織學習規劃", "40"),
        ("二、學習積分", "30"),
        ("三、學習成果與感想", "30"),
    ] {
        let at = paras.iter().position(|p| p == item).expect(item);
        assert_eq!(paras[at + 1], weight, "{item}");
    }
    let manufacturing = raw_text(&out.join("評分表-manufacturing.pdf"));
    assert!(
        manufacturing.contains("獎項類別：屢次獲獎且學習成效卓越"),
        "{manufacturing}"
    );
    let template = csv_rows(&out.join("評分-sme-org-learning.csv"));
    assert_eq!(
        template[0],
        ["reviewer", "application", "plan", "score", "results"]
    );
}

/// The text of the 補正通知 for `name` in `out`, after checking that its PDF and DOCX are both
/// there and the PDF is A4 in a Kai face.
fn notice_text(out: &Path, name: &str) -> String {
    let pdf = out.join(format!("補正通知-{name}.pdf"));
    assert!(out.join(format!("補正通知-{name}.docx")).is_file());
    assert_a4_and_kai(&pdf, &pdf);
    pdf_text(&pdf)
}

/// Every problem of `errors` (check's JSON findings) is in the letter with its line.
fn assert_lists_each_problem(text: &str, errors: &[serde_json::Value]) {
    for e in errors {
        let message = squash(e["message"].as_str().unwrap());
        assert!(text.contains(&message), "lacks {message}: {text}");
        let line = format!("申請資料第{}行", e["line"]);
        assert!(text.contains(&line), "lacks {line}: {text}");
    }
}

#[test]
fn notice_lists_each_problem_under_its_part_and_the_date_seven_days_on() {
    let apps = folder_of(&[(
        "late",
        "tests/fixtures/moe-learning-award/MOE-TESTIMONIALS-MIN",
        &|t| {
            t.replace(
                "application_date: 2025-06-20",
                "application_date: 2025-09-01",
            )
        },
    )]);
    let app = apps.path().join("late");
    let (_, errors) = check_errors(&app);
    assert!(errors.len() >= 2, "{errors:?}");

    let (_keep, out) = out_dir();
    let o = reviewer("notice", &app, &out, &["--date", "114-12-28"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = notice_text(&out, "late");
    // Seven days after 114-12-28 is 115-01-04, across the year's end; a Sunday, so the
    // deadline is Monday 115-01-05 (行政程序法第48條第4項).
    assert_has_all(
        &text,
        &[
            "補正通知",
            "受文者：內政部戶政人員訓練所",
            "通知日期：中華民國114年12月28日",
            "請於中華民國115年1月5日前補正",
            "七日期滿之日中華民國115年1月4日為星期六或星期日",
            "七日內補正",
        ],
        "the text",
    );
    assert_lists_each_problem(&text, &errors);
    // Grouped by the part of the form: 評審項目五 before the rest.
    let five = text
        .find("評審項目五、其他與推動員工學習制度有關之事項")
        .expect("its part");
    let other = text.find("其他（一）").expect("the other part");
    assert!(five < other, "{text}");

    // An application without errors needs no notice.
    let valid = root().join("tests/fixtures/moe-learning-award/valid");
    let o = reviewer("notice", &valid, &out, &["--date", "2025-07-01"]);
    assert_eq!(o.status.code(), Some(0));
    assert_told(&o, "不需補正通知");
    assert!(!out.join("補正通知-valid.pdf").exists());
    // A date that is not one is a usage error.
    let o = run(&["notice", valid.to_str().unwrap(), "--date", "明天"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn notice_of_an_application_that_does_not_parse_lists_the_parse_errors_by_its_folder_name() {
    let apps = folder_of(
        &[("broken", "tests/fixtures/moe-learning-award/valid", &|t| {
            t.replace(
                "unit_name: 內政部戶政人員訓練所",
                "unit_name: [內政部戶政人員訓練所",
            )
        })],
    );
    let app = apps.path().join("broken");
    let (exit, errors) = check_errors(&app);
    assert_eq!(exit, Some(1));
    assert!(
        !errors.is_empty() && errors.iter().all(|d| d["code"] == "YAML-SYNTAX"),
        "{errors:?}"
    );

    let (_keep, out) = out_dir();
    let o = reviewer("notice", &app, &out, &["--date", "2025-07-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_told(
        &o,
        "讀不到申請單位名稱；補正通知以申請資料夾名稱「broken」稱之",
    );
    let text = notice_text(&out, "broken");
    assert_has_all(
        &text,
        &[
            "受文者：broken（申請資料中讀不到申請單位名稱，暫以申請資料夾名稱稱之）",
            "中央政府推動建立員工學習制度獎勵",
            "請於中華民國114年7月8日前補正",
        ],
        "the text",
    );
    assert_lists_each_problem(&text, &errors);
    let work = tempfile::tempdir().unwrap();
    let docx = docx_text(&out.join("補正通知-broken.docx"), work.path());
    assert!(docx.contains("受文者：broken"), "{docx}");

    // Without a programme: line naming a known programme no notice can follow a form.
    std::fs::write(app.join("application.yaml"), "unit_name: [broken\n").unwrap();
    let o = reviewer("notice", &app, &out, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_told(&o, "無法判斷應依哪一計畫");
}

#[test]
fn render_of_a_folder_writes_every_book_with_its_checklist_and_lists_the_failures() {
    let apps = folder_of(&[
        ("moe/agency", "samples/moe-learning-award/agency", &same),
        ("moe/school", "samples/moe-learning-award/school", &same),
        (
            "moe/late",
            "tests/fixtures/moe-learning-award/MOE-DEADLINE",
            &same,
        ),
        ("sme/services", "samples/sme-org-learning/services", &same),
    ]);
    let (_keep, out) = out_dir();
    let o = run_env(
        &[
            "render",
            apps.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--verbose",
        ],
        &[("RAYON_NUM_THREADS", "2")],
        None,
    );
    // One failed, so exit 1; the others are written all the same.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // --verbose: each worker thread's share. Both threads of the pool took applications: the
    // folder is rendered in parallel, whatever the load of the machine (that is the number
    // of threads that worked, not a time).
    assert!(
        err.contains("4 份申請") && err.contains("由 2 個工作執行緒中的 2 個處理"),
        "{err}"
    );
    let shares: Vec<usize> = err
        .lines()
        .filter_map(|l| l.trim().strip_prefix("執行緒 "))
        .map(|l| {
            assert!(l.contains("CPU") && l.contains("秒"), "{l}");
            l.split_once('：')
                .unwrap()
                .1
                .split(" 份")
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(shares.len(), 2, "{err}");
    assert_eq!(shares.iter().sum::<usize>(), 4, "{err}");
    assert!(err.contains("工作執行緒 CPU 合計"), "{err}");
    // Not a terminal: a plain line per book.
    for id in ["moe/agency", "moe/school", "moe/late", "sme/services"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with('[') && l.contains("/4] ") && l.contains(id)),
            "no line for {id}: {err}"
        );
    }
    let failures = err.split("失敗：").nth(1).expect("the failures at the end");
    assert!(
        failures.contains("moe/late") && failures.contains("MOE-DEADLINE"),
        "{err}"
    );
    assert!(!failures.contains("moe/agency"), "{err}");
    for book in ["moe/agency", "moe/school", "sme/services"] {
        for suffix in [".pdf", ".docx", "-送件檢核表.pdf", "-送件檢核表.docx"] {
            let f = out.join(format!("{book}{suffix}"));
            assert!(f.is_file(), "{} missing", f.display());
        }
    }
    assert!(!out.join("moe/late.pdf").exists());

    // The checklist is one page beside the book, and the guidance is not in the book.
    let list = out.join("moe/school-送件檢核表.pdf");
    assert_eq!(page_count(&list), 1);
    let text = pdf_text(&list);
    assert_has_all(
        &text,
        &[
            "送件檢核表",
            "國立溪濱高級中學",
            "一式9份",
            "六月三十日前",
            "主管機關「教育部國民及學前教育署」",
            "七日內補正",
        ],
        "the text",
    );
    let agency = pdf_text(&out.join("moe/agency-送件檢核表.pdf"));
    assert!(
        agency.contains("八月三十一日前") && agency.contains("送教育部審查"),
        "{agency}"
    );
    let book = pdf_text(&out.join("moe/school.pdf"));
    assert!(
        !book.contains("送件檢核表"),
        "the guidance went into the book"
    );
    let sme = pdf_text(&out.join("sme/services-送件檢核表.pdf"));
    assert!(sme.contains("中華民國資訊軟體協會"), "{sme}");
}

/// A folder as large as the reviewers' own: a worker waiting for one book's DOCX runs another
/// book's layout on its stack meanwhile, and with rayon's default 2 MiB stacks a folder of 50
/// applications aborted with a stack overflow (exit 134) where 20 did not.
#[test]
fn render_of_a_folder_of_fifty_applications_finishes_every_book() {
    let samples: Vec<PathBuf> = common::programmes()
        .iter()
        .flat_map(|p| common::samples(p))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for i in 0..50 {
        let sample = samples[i % samples.len()].parent().unwrap();
        common::copy_dir(sample, &dir.path().join(format!("app{i:02}")));
    }
    let (_keep, out) = out_dir();
    let o = run_env(
        &[
            "render",
            dir.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        &[("RAYON_NUM_THREADS", "2")],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for i in 0..50 {
        for suffix in [".pdf", ".docx", "-送件檢核表.pdf", "-送件檢核表.docx"] {
            let f = out.join(format!("app{i:02}{suffix}"));
            assert!(f.is_file(), "{} missing", f.display());
        }
    }
}

#[test]
fn render_of_a_folder_on_a_terminal_shows_a_progress_bar_instead_of_lines() {
    let apps = folder_of(&[
        ("agency", "samples/moe-learning-award/agency", &same),
        ("services", "samples/sme-org-learning/services", &same),
    ]);
    let (_keep, out) = out_dir();
    // `script` runs appbook on a pseudo-terminal (bsdutils).
    let mut cmd = std::process::Command::new("script");
    cmd.arg("-qec")
        .arg(format!(
            "{} render {} -o {}",
            bin(),
            apps.path().display(),
            out.display()
        ))
        .arg("/dev/null")
        .env("TERM", "xterm-256color");
    let o = run_command(cmd, std::time::Duration::from_secs(300));
    let shown = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{shown}");
    assert!(
        !shown.contains("[1/2]"),
        "plain lines on a terminal: {shown}"
    );
    // The bar is drawn and cleared with terminal control sequences.
    assert!(shown.contains('\u{1b}'), "no progress bar: {shown:?}");
    assert!(
        shown.contains("2 份申請，2 份已產生申請書及送件檢核表，0 份失敗"),
        "{shown}"
    );
    for f in [
        "agency.pdf",
        "agency-送件檢核表.pdf",
        "services.docx",
        "services-送件檢核表.docx",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
}

#[test]
fn an_edition_that_rewords_the_score_sheet_keeps_the_items_of_the_edition_it_extends() {
    let apps = folder_of(&[("agency", "samples/moe-learning-award/agency", &|t| {
        t.replace("edition: \"107\"", "edition: \"107-test\"")
    })]);
    let (_keep, out) = out_dir();
    let editions = root().join("tests/fixtures/editions");
    let o = reviewer_run(
        &["--templates", editions.to_str().unwrap()],
        "score",
        apps.path(),
        &out,
        &[],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let paras = docx_paragraphs(&out.join("評分表-agency.docx"));
    assert!(
        paras.iter().any(|p| p == "計算數據（測試用改寫）"),
        "{paras:?}"
    );
    assert!(
        !paras.iter().any(|p| p == "appbook 計算之數據"),
        "{paras:?}"
    );
    let at = paras
        .iter()
        .position(|p| p == "五、其他與推動員工學習制度有關之事項")
        .expect("the items of 107");
    assert_eq!(paras[at + 1], "25");
}

/// `appbook score` of the three MoE samples with `scores` as its score file (written as
/// `name`), in `lang`; the output folder and the run.
fn score_samples_with(
    name: &str,
    scores: &[u8],
    lang: &str,
) -> (tempfile::TempDir, PathBuf, Output) {
    let samples = root().join("samples/moe-learning-award");
    let (keep, out) = out_dir();
    let file = score_file(keep.path(), name, scores);
    let o = score_with(&["--lang", lang], &samples, &out, &[&file]);
    (keep, out, o)
}

#[test]
fn an_application_no_reviewer_scored_is_listed_as_unscored_and_each_missing_pair_is_named() {
    let scores = scores_csv(&[
        ("甲", "agency", ["12", "15", "16", "17", "20"]),
        ("乙", "agency", ["13", "16", "15.5", "18", "21"]),
        ("甲", "school", ["13", "17", "18", "18", "23"]),
    ]);
    let (_keep, out, o) = score_samples_with("scores.csv", scores.as_bytes(), "zh-TW");
    // A missing score is a warning: the summary is written, and says so.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert_has_all(
        &err,
        &[
            "評分檔中沒有評審委員「乙」對 國立溪濱高級中學（school）的評分",
            "評分檔中沒有評審委員「甲」對 財團法人臺灣民俗工藝傳習基金會（foundation）的評分",
            "評分檔中沒有評審委員「乙」對 財團法人臺灣民俗工藝傳習基金會（foundation）的評分",
            "財團法人臺灣民俗工藝傳習基金會（foundation）沒有任何評審委員的評分",
        ],
        "stderr",
    );
    assert!(!err.contains("對 內政部戶政人員訓練所"), "{err}");
    let summary = csv_rows(&out.join("評審總表-moe-learning-award.csv"));
    // Every application without errors is in the summary; the unscored one last, unranked.
    let ids: Vec<&str> = summary[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(ids, ["school", "agency", "foundation"], "{summary:?}");
    assert_eq!(summary[1][0], "1");
    assert_eq!(summary[2][0], "2");
    assert_eq!(summary[3][0], "未評分");
    assert_eq!(summary[3][9], "0");
    let text = raw_text(&out.join("評審總表-moe-learning-award.pdf"));
    assert_has_all(
        &text,
        &[
            "註：財團法人臺灣民俗工藝傳習基金會（foundation）無任何評審委員評分，列為未評分",
            "註：國立溪濱高級中學（school）未經乙評分，其平均以1位委員計",
        ],
        "the text",
    );
    let docx = docx_paragraphs(&out.join("評審總表-moe-learning-award.docx"));
    assert!(docx.iter().any(|p| p == "未評分"), "{docx:?}");

    // In English on stderr too.
    let (_keep, _out, o) = score_samples_with("scores.csv", scores.as_bytes(), "en");
    assert_told(
        &o,
        "the score files have no score by `乙` for 國立溪濱高級中學 (school)",
    );
}

#[test]
fn an_unknown_application_in_a_score_file_is_shown_beside_the_ids_being_scored() {
    // Ids written against the parent folder (moe/agency) while the folder given is moe's.
    let scores = scores_csv(&[("甲", "moe/agency", ["12", "15", "16", "17", "20"])]);
    let (_keep, out, o) = score_samples_with("scores.csv", scores.as_bytes(), "zh-TW");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("「moe/agency」不是受評之申請")
            && err.contains("受評之申請代號有：agency、foundation、school"),
        "{err}"
    );
    assert!(!out.join("評審總表-moe-learning-award.csv").exists());
    let (_keep, _out, o) = score_samples_with("scores.csv", scores.as_bytes(), "en");
    assert_told(&o, "the ids being scored are: agency, foundation, school");
}

#[test]
fn score_file_faults_are_told_in_plain_words_and_a_big5_file_gets_its_own_iconv_line() {
    // Big5: the hint converts the score file into a new file, never over an application.
    let text = scores_csv(&[("甲", "agency", ["12", "15", "16", "17", "20"])]);
    let (big5, _, bad) = encoding_rs::BIG5.encode(&text);
    assert!(!bad);
    let (_keep, _out, o) = score_samples_with("big5.csv", &big5, "zh-TW");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("iconv -f BIG5 -t UTF-8 big5.csv > big5-utf8.csv"),
        "{err}"
    );
    assert!(!err.contains("> application.yaml"), "{err}");

    // A row with a field too few: the line and the counts, in zh-TW only.
    let mut short = text.clone();
    short.push_str("乙,agency,13,16,15.5,18\n");
    let (_keep, _out, o) = score_samples_with("short.csv", short.as_bytes(), "zh-TW");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("short.csv 第 3 行：這一列有 6 欄，但標題列有 7 欄"),
        "{err}"
    );
    assert!(
        !err.contains("CSV error") && !err.contains("record"),
        "{err}"
    );
    let (_keep, _out, o) = score_samples_with("short.csv", short.as_bytes(), "en");
    assert_told(
        &o,
        "short.csv line 3: this row has 6 fields but the header has 7",
    );

    // A YAML score file with .inf: the line, and what a score must be.
    let yaml = "- reviewer: 甲\n  application: agency\n  regulations: 12\n  learning: .inf\n  budget: 16\n  participation: 17\n  promotion: 20\n";
    let (_keep, _out, o) = score_samples_with("scores.yaml", yaml.as_bytes(), "zh-TW");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("scores.yaml 第 4 行：「.inf」不是分數"),
        "{err}"
    );
    assert!(!err.contains("policy") && !err.contains("error:"), "{err}");
    let (_keep, _out, o) = score_samples_with("scores.yaml", yaml.as_bytes(), "en");
    assert_told(&o, "scores.yaml line 4: `.inf` is not a score");
}

#[test]
fn the_csv_files_appbook_writes_start_with_a_bom_and_are_read_back_with_crlf() {
    let samples = root().join("samples/moe-learning-award");
    let (keep, out) = out_dir();
    let o = reviewer("score", &samples, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let template = std::fs::read(out.join("評分-moe-learning-award.csv")).unwrap();
    assert!(template.starts_with(b"\xEF\xBB\xBF"), "no BOM for Excel");
    // Filled in as Excel saves it: BOM kept, CRLF line ends.
    let text = String::from_utf8(template).unwrap();
    let mut filled = String::new();
    for (i, l) in text.lines().enumerate() {
        let l = if i == 0 {
            l.to_string()
        } else {
            format!("甲{},15,20,20,20,25", l.trim_end_matches(",,,,,"))
        };
        filled.push_str(&l);
        filled.push_str("\r\n");
    }
    let scores = score_file(keep.path(), "filled.csv", filled);
    let o = score_with(&[], &samples, &out, &[&scores]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read(out.join("評審總表-moe-learning-award.csv")).unwrap();
    assert!(summary.starts_with(b"\xEF\xBB\xBF"));
    let rows = csv_rows(&out.join("評審總表-moe-learning-award.csv"));
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(rows[1..].iter().all(|r| r[8] == "100.00"), "{rows:?}");

    let (_k, out) = out_dir();
    let o = reviewer("roster", &samples, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let roster = std::fs::read(out.join("初審合格名單一覽表-內政部.csv")).unwrap();
    assert!(roster.starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn score_of_a_folder_where_nothing_passes_says_that_nothing_was_written() {
    let apps = folder_of(&[(
        "late",
        "tests/fixtures/moe-learning-award/MOE-DEADLINE",
        &same,
    )]);
    let (_keep, out) = out_dir();
    let o = reviewer("score", apps.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_told(&o, "沒有任何無錯誤的申請，未寫入評分表及評分檔");
    assert!(!out.exists() || files_under(&out).is_empty());
    let o = reviewer_run(&["--lang", "en"], "score", apps.path(), &out, &[]);
    assert_told(&o, "no application is free of errors; no score sheet");
}

#[test]
fn score_sheets_count_an_items_own_proofs_and_the_records_in_the_period() {
    let (_keep, out) = out_dir();
    let moe = root().join("samples/moe-learning-award");
    let o = reviewer("score", &moe, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // 評審項目五 counts the attachments of its kind (promotion), not all of them.
    let yaml: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(moe.join("agency/application.yaml")).unwrap(),
    )
    .unwrap();
    let kinds: Vec<&str> = yaml["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    let promotion = kinds.iter().filter(|k| **k == "promotion").count();
    assert!(promotion < kinds.len());
    let agency = raw_text(&out.join("評分表-agency.pdf"));
    assert!(
        agency.contains(&format!("證明文件：{promotion}件")),
        "{promotion} of {}: {agency}",
        kinds.len()
    );

    // The SME sheet: all the rows of the record file, and those in the counting period.
    let sme = root().join("samples/sme-org-learning");
    let o = reviewer("score", &sme, &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(sme.join("manufacturing/records/learning.csv")).unwrap();
    let dates: Vec<&str> = csv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').next().unwrap())
        .collect();
    // 103年度: 1/1 to 10/31 of 2014.
    let inside = dates
        .iter()
        .filter(|d| **d >= "2014-01-01" && **d <= "2014-10-31")
        .count();
    assert!(
        inside < dates.len(),
        "the sample has rows outside the period"
    );
    let text = raw_text(&out.join("評分表-manufacturing.pdf"));
    let want = format!("共{}筆紀錄，其中核計期間內{inside}筆", dates.len());
    assert!(text.contains(&want), "lacks {want}: {text}");
}

#[test]
fn roster_for_an_agency_no_application_names_is_a_usage_error_listing_the_agencies() {
    let samples = root().join("samples/moe-learning-award");
    let (_keep, out) = out_dir();
    let o = reviewer("roster", &samples, &out, &["--agency", "交通部"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("沒有任何申請資料以「交通部」為主管機關")
            && err.contains("申請資料所填的主管機關有：內政部、教育部國民及學前教育署、文化部"),
        "{err}"
    );
    assert!(!out.exists() || files_under(&out).is_empty());
    // A variant character (内 U+5185 for 內): the agency meant is named.
    let o = reviewer("roster", &samples, &out, &["--agency", "内政部"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_told(
        &o,
        "「内政部」與申請資料所填的「內政部」只差異體字；是否指「內政部」？",
    );
    let o = reviewer_run(
        &["--lang", "en"],
        "roster",
        &samples,
        &out,
        &["--agency", "交通部"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no application names `交通部` as its 主管機關")
            && stderr(&o).contains("the applications name: 內政部, 教育部國民及學前教育署, 文化部"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn roster_numbers_folders_in_natural_order_and_warns_of_twice_listed_units_and_look_alike_agencies()
{
    let renamed = |name: &'static str| {
        move |t: String| {
            t.replace(
                "unit_name: 內政部戶政人員訓練所",
                &format!("unit_name: {name}"),
            )
        }
    };
    let (a2, a9, a10) = (
        renamed("甲訓練所"),
        renamed("乙訓練所"),
        renamed("丙訓練所"),
    );
    let variant = |t: String| {
        renamed("丁訓練所")(t).replace("supervising_agency: 內政部", "supervising_agency: 内政部")
    };
    let apps = folder_of(&[
        ("app10", "samples/moe-learning-award/agency", &a10),
        ("app2", "samples/moe-learning-award/agency", &a2),
        ("app9", "samples/moe-learning-award/agency", &a9),
        ("copy", "samples/moe-learning-award/agency", &a9),
        ("variant", "samples/moe-learning-award/agency", &variant),
    ]);
    let text = std::fs::read_to_string(apps.path().join("variant/application.yaml")).unwrap();
    assert!(
        text.contains("内政部"),
        "the fixture names the agency with U+5185"
    );
    let (_keep, out) = out_dir();
    let o = reviewer("roster", apps.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows = csv_rows(&out.join("初審合格名單一覽表-內政部.csv"));
    let listed: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[1].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        listed,
        [("1", "app2"), ("2", "app9"), ("3", "app10"), ("4", "copy")]
    );
    let err = stderr(&o);
    assert!(
        err.contains("內政部 的一覽表中，申請單位「乙訓練所」列了 2 次（app9、copy）"),
        "{err}"
    );
    assert!(
        err.contains("主管機關「內政部」與「内政部」只差異體字"),
        "{err}"
    );
    let o = reviewer_run(&["--lang", "en"], "roster", apps.path(), &out, &[]);
    let err = stderr(&o);
    assert!(
        err.contains("the unit `乙訓練所` is listed 2 times (app9, copy)"),
        "{err}"
    );
    assert!(
        err.contains("the agencies `內政部` and `内政部` differ only by a variant character"),
        "{err}"
    );
}

#[test]
fn roster_wraps_a_long_unit_name_without_spaces_inside_its_cell() {
    let long = "ThisIsAnExtremelyLongLatinUnitNameWithoutAnySpacesToBreakTheLineInTheTableCellWhatsoeverAtAll_ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let edit = move |t: String| {
        t.replace(
            "unit_name: 內政部戶政人員訓練所",
            &format!("unit_name: {long}"),
        )
    };
    let apps = folder_of(&[("long", "samples/moe-learning-award/agency", &edit)]);
    let (_keep, out) = out_dir();
    let o = reviewer("roster", apps.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = out.join("初審合格名單一覽表-內政部.pdf");
    // Every word's right edge inside the text area: A4 is 595.3 pt wide and the outside
    // margin of page 1 (on the right) is 2 cm, 56.7 pt.
    let boxes = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let right = 595.3 - 56.7 + 1.0;
    let mut words = 0;
    for l in boxes.lines().filter(|l| l.contains("<word ")) {
        let x_max: f64 = l
            .split("xMax=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        words += 1;
        assert!(x_max <= right, "past the margin ({x_max} > {right}): {l}");
    }
    assert!(words > 10, "{boxes}");
    // All of it is printed.
    let text: String = raw_text(&pdf)
        .chars()
        .filter(|c| *c != '\u{200B}')
        .collect();
    assert!(text.contains(long), "{text}");
}

#[test]
fn notice_names_its_sender_numbers_as_the_book_does_and_quotes_alike_in_pdf_and_docx() {
    let apps = folder_of(&[(
        "detail",
        "tests/fixtures/moe-learning-award/MOE-NO-HAS-DETAIL",
        // A figure with thousands separators: its hint is a YAML line to write.
        &|t| t.replace("planned: 2350000", "planned: \"2,350,000\""),
    )]);
    let app = apps.path().join("detail");
    let (_keep, out) = out_dir();
    let o = reviewer(
        "notice",
        &app,
        &out,
        &[
            "--date",
            "114-07-01",
            "--officer",
            "王小明",
            "--phone",
            "(02)2345-6789",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = pdf_text(&out.join("補正通知-detail.pdf"));
    let docx = out.join("補正通知-detail.docx");
    let paras = docx_paragraphs(&docx);
    // The DOCX keeps a phone number on one line with word joiners; they print nothing.
    let docx_all: String = squash(&paras.join("\n"))
        .chars()
        .filter(|c| *c != '\u{2060}')
        .collect();
    // The sender: the 主管機關 from the application's 隸屬機關, the officer and the phone.
    for want in [
        "發文機關：內政部",
        "承辦人：王小明",
        "聯絡電話：(02)2345-6789",
        "壹、說明",
        "貳、應補正事項",
        "刪除「description」",
        "寫成「planned:2350000」",
    ] {
        assert!(pdf.contains(want), "PDF lacks {want}: {pdf}");
        assert!(docx_all.contains(want), "DOCX lacks {want}: {paras:?}");
    }
    assert!(!docx_all.contains('`') && !pdf.contains('`'), "{paras:?}");
    // appbook's own check of the letter finds no fault of heading numbers.
    let (_, errors) = check_errors(&docx);
    let fmt: Vec<&serde_json::Value> = errors
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("FMT-"))
        .collect();
    assert!(fmt.is_empty(), "{fmt:?}");

    // --agency names another sender.
    let o = reviewer(
        "notice",
        &app,
        &out,
        &["--date", "114-07-01", "--agency", "內政部移民署"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = pdf_text(&out.join("補正通知-detail.pdf"));
    assert!(pdf.contains("發文機關：內政部移民署"), "{pdf}");
    // 114-07-01 + 7 = 114-07-08, a Tuesday: not moved. The holiday rule is stated all the same.
    assert!(pdf.contains("請於中華民國114年7月8日前補正"), "{pdf}");
    assert!(!pdf.contains("順延至次一上班日"), "{pdf}");
    assert!(pdf.contains("期限之末日為國定假日"), "{pdf}");
}

#[test]
fn notice_dated_before_the_first_roc_year_is_a_usage_error() {
    let app = root().join("tests/fixtures/moe-learning-award/MOE-DEADLINE");
    let (_keep, out) = out_dir();
    for (lang, want) in [
        ("zh-TW", "在民國元年（1912-01-01）之前"),
        ("en", "before 民國 year 1"),
    ] {
        let o = reviewer_run(
            &["--lang", lang],
            "notice",
            &app,
            &out,
            &["--date", "1911-12-31"],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert_told(&o, want);
        assert!(!out.exists());
    }
    // The first day of 民國 1 is a date.
    let o = reviewer("notice", &app, &out, &["--date", "1912-01-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(pdf_text(&out.join("補正通知-MOE-DEADLINE.pdf")).contains("中華民國1年1月1日"));
}

#[test]
fn render_of_a_folder_names_old_books_of_a_failed_application_as_not_from_this_run() {
    let apps = folder_of(&[
        ("agency", "samples/moe-learning-award/agency", &same),
        (
            "late",
            "tests/fixtures/moe-learning-award/MOE-DEADLINE",
            &same,
        ),
    ]);
    let (_keep, out) = out_dir();
    std::fs::create_dir_all(&out).unwrap();
    // A book of `late` from a run before it broke.
    let old = out.join("late.pdf");
    std::fs::write(&old, b"%PDF-1.7 old").unwrap();
    let o = reviewer("render", apps.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let note = err
        .lines()
        .find(|l| l.contains("不是這次產生的"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(note.contains(&old.display().to_string()), "{note}");
    // Left as it was: it is the user's file.
    assert_eq!(std::fs::read(&old).unwrap(), b"%PDF-1.7 old");
    // The book of the application that passed is not named.
    assert!(!note.contains("agency"), "{note}");
    let o = reviewer_run(&["--lang", "en"], "render", apps.path(), &out, &[]);
    assert!(
        stderr(&o).contains(&format!(
            "{} in the output folder is not from this run",
            old.display()
        )),
        "{}",
        stderr(&o)
    );
}
