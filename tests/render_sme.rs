//! The sme-org-learning book (組織學習規劃) as a reader sees it: every samples/sme-org-learning
//! sample checks clean and renders with the same A4, Kai, 目次 and 14 pt checks as the
//! moe-learning-award book, in the outline 壹–伍 and 附件; the reviewers' score sheet shows the
//! 學習積分 this test computes itself from the learning-record CSV.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::programmes::sme_org_learning::model::Application;
use common::pdf::*;
use common::tool;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let apps = common::samples("sme-org-learning");
    assert!(apps.len() >= 2, "samples/sme-org-learning has the samples");
    apps
}

fn application(app: &Path) -> Application {
    let src = appbook::load::read_source(app).ok().unwrap();
    let spans = appbook::load::index(&src).ok().unwrap();
    let dir = app.parent().unwrap();
    let (checked, _) = appbook::programmes::sme_org_learning::load_and_check(&src, &spans, dir)
        .ok()
        .unwrap();
    checked.app
}

/// (學習人次, 學員人數) counted from the CSV as the form defines them: over 2014-01-01 to
/// 2014-10-31, one 學習人次 per learner and course whose hours done reach half the course's
/// hours; 學員人數 is everyone with a record in the period.
fn count_records(csv: &Path) -> (u64, u64) {
    let text = std::fs::read_to_string(csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| h.trim() == name).unwrap();
    let (date, learner, course, done, hours) = (
        col("日期"),
        col("學員"),
        col("課程"),
        col("完成時數"),
        col("課程時數"),
    );
    let milli = |s: &str| (s.trim().parse::<f64>().unwrap() * 1000.0).round() as i64;
    let mut learners = BTreeSet::new();
    let mut progress: HashMap<(String, String), (i64, i64)> = HashMap::new();
    for l in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = l.split(',').collect();
        let d = f[date].trim();
        if !("2014-01-01"..="2014-10-31").contains(&d) {
            continue;
        }
        learners.insert(f[learner].to_string());
        let e = progress
            .entry((f[learner].to_string(), f[course].to_string()))
            .or_insert((0, milli(f[hours])));
        e.0 += milli(f[done]);
    }
    let count = progress.values().filter(|(d, h)| d * 2 >= *h).count() as u64;
    (count, learners.len() as u64)
}

/// 學習人次 ÷ 專區內學員人數 to 2 decimals, half up.
fn score(count: u64, learners: u64) -> String {
    let hundredths = (count * 200 + learners) / (2 * learners);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

#[test]
fn each_sample_checks_clean_and_renders_on_a4_in_kai() {
    for app in samples() {
        let o = common::run(&["check", app.to_str().unwrap()]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}: {}",
            app.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        let (_dir, pdf) = render(&app);
        assert_a4_and_kai(&app, &pdf);
    }
}

#[test]
fn the_book_follows_the_outline_and_the_toc_pages_are_right() {
    for app in samples() {
        let a = application(&app);
        let (_dir, pdf) = render(&app);
        let pages = page_texts(&pdf);
        let cover = squash(&pages[0]);
        let company = a.company.as_ref().and_then(|c| c.name.clone()).unwrap();
        for want in [
            "促進中小企業數位學習計畫",
            "103年度企業組織學習專區",
            "組織學習規劃",
            company.as_str(),
            "中華民國",
        ] {
            assert!(
                cover.contains(want),
                "{}: cover lacks {want}: {cover}",
                app.display()
            );
        }
        let entries = assert_toc_pages_are_right(&app, &pages);
        let mut expected: Vec<String> = [
            "壹、企業基本資料",
            "貳、實施動機與目標",
            "參、訓練組織架構",
            "肆、具體推動策略措施",
            "一、規劃階段",
            "二、設計階段",
            "（一）計畫依據",
            "（七）獎勵措施",
            "三、執行階段",
            "（三）提升組織學習能力",
            "四、查核階段",
            "（二）標竿學習擴散成果",
            "五、成果評估階段",
            "（二）對員工個別的助益",
            "伍、學習成果與感想",
            "一、企業推動成果與心得感想",
            "二、員工學習心得感想",
            "附件",
        ]
        .map(String::from)
        .to_vec();
        let files: Vec<_> = a.attachments.iter().filter(|x| x.file.is_some()).collect();
        for n in 1..=files.len() {
            expected.push(format!("附件{n}"));
        }
        assert_in_order(&app, &entries, &expected);

        // Each 附件's first page is the attachment's own first page: 勞保清單 comes first.
        let mut sorted = files.clone();
        sorted.sort_by_key(|x| x.kind);
        for (i, att) in sorted.iter().enumerate() {
            let (_, page) = entries
                .iter()
                .find(|(h, _)| h.starts_with(&format!("附件{}", i + 1)))
                .unwrap();
            let own = app.parent().unwrap().join(att.file.as_deref().unwrap());
            let first = squash(&tool("pdftotext", &["-l", "1", own.to_str().unwrap(), "-"]));
            let head: String = first.chars().take(12).collect();
            assert!(
                squash(&pages[page - 1]).contains(&head),
                "{}: 附件{} page {page} does not show {head}",
                app.display(),
                i + 1
            );
        }
    }
}

#[test]
fn body_text_is_set_at_14_pt_in_kai() {
    for app in samples() {
        let (_dir, pdf) = render(&app);
        assert_body_14pt_kai(&app, &pdf, |_, _| false);
    }
}

/// The text of the pages from the one the 目次 gives for `heading` up to the next top-level one.
fn section_text(pages: &[String], heading: &str) -> String {
    let entries = toc(pages);
    let at = entries
        .iter()
        .position(|(h, _)| h.starts_with(heading))
        .unwrap_or_else(|| panic!("{heading} not in {entries:?}"));
    let start = entries[at].1;
    let end = entries[at + 1..]
        .iter()
        .find(|(h, _)| {
            h.chars()
                .next()
                .is_some_and(|c| "壹貳參肆伍陸柒捌".contains(c))
                || h.starts_with("附件")
        })
        .map(|(_, p)| *p)
        .unwrap_or(pages.len());
    squash(&pages[start - 1..end.max(start)].concat())
}

/// The applicant's book stops at 伍 and its 附件 (seed 000's outline); the score is the
/// reviewers' business: `appbook score` puts the weights and the 學習積分, with the numbers it
/// comes from, on the committee's sheet.
#[test]
fn the_score_is_on_the_reviewers_sheet_not_in_the_book() {
    for app in samples() {
        let a = application(&app);
        let zone = a.zone.clone().unwrap();
        // The divisor is the zone's learners as typed, not the learners the CSV shows.
        let learners = zone.learners.unwrap();
        let count = match &zone.records {
            Some(csv) => {
                let (count, with_records) = count_records(&app.parent().unwrap().join(csv));
                assert!(with_records <= learners, "{}", app.display());
                count
            }
            None => zone.learning_count.unwrap(),
        };
        let (_dir, pdf) = render(&app);
        let book = squash(&page_texts(&pdf).concat());
        assert!(
            !book.contains("評分表"),
            "{}: a score sheet in the book",
            app.display()
        );
        assert!(
            !book.contains("陸、"),
            "{}: the outline is 壹–伍",
            app.display()
        );

        let out = tempfile::tempdir().unwrap();
        let o = common::run(&[
            "score",
            app.parent().unwrap().to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", common::stdout(&o));
        let sheets: Vec<PathBuf> = walk_pdfs(out.path());
        assert_eq!(
            sheets.len(),
            1,
            "one sheet for the one application: {sheets:?}"
        );
        let sheet = squash(&tool("pdftotext", &[sheets[0].to_str().unwrap(), "-"]));
        for want in [
            "組織學習規劃".to_string(),
            "學習積分".to_string(),
            "學習成果與感想".to_string(),
            format!(
                "學習積分：{}（網大課程總學習人次{count}÷專區學員人數{learners}）",
                score(count, learners)
            ),
        ] {
            assert!(
                sheet.contains(&want),
                "{}: missing {want} in {sheet}",
                app.display()
            );
        }
        for weight in ["40", "30"] {
            assert!(sheet.contains(weight), "{sheet}");
        }
    }
}

fn walk_pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk_pdfs(&p));
        } else if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn the_training_chart_lists_every_unit_with_its_manager_and_the_testimonials_are_printed() {
    for app in samples() {
        let a = application(&app);
        let (_dir, pdf) = render(&app);
        let pages = page_texts(&pdf);
        let chart = section_text(&pages, "參、訓練組織架構");
        let units = a.organisation.clone().unwrap().units;
        assert!(!units.is_empty());
        for u in &units {
            let manager = u.manager.clone().unwrap().name.unwrap();
            assert!(chart.contains(&manager), "{manager} not in {chart}");
        }
        let total: u64 = units.iter().filter_map(|u| u.learner_count).sum();
        assert!(chart.contains(&format!("實施人數合計{total}人")), "{chart}");

        let results = section_text(&pages, "伍、學習成果與感想");
        for tm in &a.results.clone().unwrap().testimonials {
            let author = squash(tm.author.as_deref().unwrap());
            assert!(results.contains(&author), "{author} not in {results}");
        }
        let attachments = section_text(&pages, "附件");
        for v in &a.videos {
            let url = v.url.clone().unwrap();
            assert!(attachments.contains(&url), "{url} not printed");
        }
    }
}

/// Each unit's box as its text runs, squashed: the name, 主管：姓名 職稱, 實施對象：… N 人.
fn unit_boxes(app: &Path) -> Vec<String> {
    let units = application(app).organisation.unwrap().units;
    assert!(units.len() >= 3, "{}: a chart worth drawing", app.display());
    units
        .iter()
        .map(|u| {
            let m = u.manager.clone().unwrap();
            squash(&format!(
                "{}主管：{}{}實施對象：{}{}人",
                u.name.clone().unwrap(),
                m.name.unwrap(),
                m.title.unwrap(),
                u.learners.clone().unwrap(),
                u.learner_count.unwrap()
            ))
        })
        .collect()
}

/// In a box of the chart, a manager's 職稱 and a unit's count with its 人 each stand whole on one
/// line (a narrow box breaks before them, not inside them).
fn assert_kept_whole(app: &Path, raw: &str, format: &str) {
    let lines: Vec<String> = raw.lines().map(squash).collect();
    for u in application(app).organisation.unwrap().units {
        let title = u.manager.unwrap().title.unwrap();
        let count = format!("{}人", u.learner_count.unwrap());
        for whole in [squash(&title), count] {
            assert!(
                lines.iter().any(|l| l.contains(&whole)),
                "{} ({format}): 「{whole}」 is split across lines of its box",
                app.display()
            );
        }
    }
}

/// The boxes of the 組織架構圖 hold each unit's own name, manager, learners and their number:
/// in the content's own order (`pdftotext -raw`) a box's lines follow one another, so a unit
/// with another's manager or count would not be found. Checked in the PDF and in the DOCX as
/// LibreOffice lays it out, with the total under the chart.
#[test]
fn every_box_of_the_chart_holds_its_unit_in_the_pdf_and_in_the_docx() {
    let work = tempfile::tempdir().unwrap();
    let apps = samples();
    let mut docx = Vec::new();
    for app in &apps {
        let (_dir, pdf) = render(app);
        let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        let text = squash(&raw);
        for b in unit_boxes(app) {
            assert!(text.contains(&b), "{}: PDF has no box {b}", app.display());
        }
        assert_kept_whole(app, &raw, "PDF");
        docx.push(common::docx_of(app, work.path()));
    }
    for (app, pdf) in apps.iter().zip(common::soffice_pdf(&docx, work.path())) {
        let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        let text = squash(&raw);
        for b in unit_boxes(app) {
            assert!(text.contains(&b), "{}: DOCX has no box {b}", app.display());
        }
        assert_kept_whole(app, &raw, "DOCX");
        let total: u64 = application(app)
            .organisation
            .unwrap()
            .units
            .iter()
            .filter_map(|u| u.learner_count)
            .sum();
        assert!(
            text.contains(&format!("實施人數合計{total}人")),
            "{}: DOCX has no total",
            app.display()
        );
    }
}

#[test]
fn the_command_line_renders_an_sme_book() {
    let app = samples().into_iter().next().unwrap();
    let (out, files) = common::render_cli(&app, &["--pdf"], &[]);
    let name = app.parent().unwrap().file_name().unwrap().to_str().unwrap();
    assert_eq!(
        files,
        vec![
            out.path().join(format!("{name}-送件檢核表.pdf")),
            out.path().join(format!("{name}.pdf"))
        ]
    );
    let mut under = files_under(out.path());
    under.sort();
    assert_eq!(under, files);
}

fn edited_sample(name: &str, edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    common::edited_sample("sme-org-learning", name, name, edit)
}

#[test]
fn markup_in_the_chart_and_the_plan_prints_as_written() {
    let unit = r#"#x()*b*部"#;
    let plan = r#"#read("/etc/passwd") $x^2$ ] <b> \ #{panic()} *bold* {{ company }} @ref"#;
    let (_dir, app) = edited_sample("services", |y| {
        let quoted = |s: &str| format!("'{}'", s.replace('\'', "''"));
        let parent = y
            .lines()
            .find_map(|l| l.trim().strip_prefix("parent: "))
            .unwrap()
            .to_string();
        let y = y.replacen(
            &format!("    - name: {parent}\n"),
            &format!("    - name: {}\n", quoted(unit)),
            1,
        );
        let y = y.replace(
            &format!("parent: {parent}"),
            &format!("parent: {}", quoted(unit)),
        );
        y.replacen(
            "  basis: ",
            &format!("  basis: {}\n  _was: ", quoted(plan)),
            1,
        )
        .replace("  _was: ", "  # ")
    });
    let (_out, pdf) = render(&app);
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    assert!(
        text.contains(&squash(unit)),
        "unit name not printed as written"
    );
    assert!(
        text.contains(&squash(plan)),
        "plan text not printed as written"
    );
    assert!(!text.contains("root:x:0:0"), "file content leaked");
}

#[test]
fn two_renders_of_a_sample_are_byte_identical() {
    let app = samples().into_iter().next().unwrap();
    let (_a, one) = render(&app);
    let (_b, two) = render(&app);
    assert!(
        std::fs::read(&one).unwrap() == std::fs::read(&two).unwrap(),
        "renders differ"
    );
    let info = tool("pdfinfo", &[one.to_str().unwrap()]);
    assert!(info.contains("組織學習規劃"), "{info}");
}

#[test]
fn each_sample_renders_as_docx_too() {
    for app in samples() {
        let (out, _) = common::render_cli(&app, &["--docx"], &[]);
        let name = appbook::render::book_name(&app);
        let docx = out.path().join(format!("{name}.docx"));
        let mut files = files_under(out.path());
        files.sort();
        // The book and its 送件檢核表, DOCX only.
        let checklist = out.path().join(format!("{name}-送件檢核表.docx"));
        assert_eq!(files, vec![checklist, docx.clone()]);
        // The file is the DOCX writer's rendering of the same book the PDF is made from.
        let book = appbook::render::prepare(&app).book.expect("no errors");
        let expected = appbook::writers::docx::write_docx(&book).unwrap();
        assert!(
            std::fs::read(&docx).unwrap() == expected,
            "{}",
            app.display()
        );
    }
}
