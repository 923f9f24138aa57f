//! `appbook edit` in a real browser: Debian's chromium, headless, driven through chromedriver
//! (`make test` installs both). Each test opens the editor on a copy of the agency sample and
//! does what an applicant would: types in the form, answers 否, drops a file; then reads the
//! page as the applicant sees it and the file as `check` reads it.
//!
//! With APPBOOK_SCREENSHOT=path, the first test also saves the screenshot shown in the README.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]
#![cfg(feature = "render")]

mod common;

use common::editor::Editor;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TAB: &str = "\u{E004}";
const BACKSPACE: &str = "\u{E003}";
/// Control-A, then Control released (WebDriver's NULL key releases the modifiers).
const SELECT_ALL: &str = "\u{E009}a\u{E000}";

/// A chromedriver on a free port of 127.0.0.1, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn browser() -> (Driver, Client) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "{} ({e})",
                common::missing("chromedriver (Debian package chromium-driver)")
            )
        });
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1600,1000", "--lang=zh-TW", "--no-first-run"],
        }),
    );
    let start = Instant::now();
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (driver, c),
            Err(e) if start.elapsed() > Duration::from_secs(60) => {
                panic!("chromedriver/chromium did not start: {e}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    }
}

fn run<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(f)
}

async fn js(c: &Client, expr: &str) -> Value {
    c.execute(&format!("return ({expr});"), vec![])
        .await
        .unwrap_or_else(|e| panic!("{expr}: {e}"))
}

/// Waits until `expr` is true in the page; a minute at most.
async fn until(c: &Client, expr: &str) {
    let start = Instant::now();
    loop {
        if js(c, expr).await == json!(true) {
            return;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let status = js(c, "document.getElementById('status').textContent").await;
            panic!("the page never showed `{expr}` (status: {status})");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn version(c: &Client) -> u64 {
    js(c, "Number(document.body.dataset.version || 0)")
        .await
        .as_u64()
        .unwrap()
}

/// Opens the editor page and waits for the form and the preview's first pages.
async fn open(c: &Client, e: &Editor) {
    c.goto(&e.url).await.unwrap();
    until(c, r#"!!document.querySelector('#form fieldset input')"#).await;
    until(c, IMAGES_LOADED).await;
}

const IMAGES_LOADED: &str = "[...document.querySelectorAll('#pages img')].slice(0, 3).every(i => i.complete && i.naturalWidth > 0)";

async fn texts(c: &Client, selector: &str) -> Vec<String> {
    let v = js(
        c,
        &format!("[...document.querySelectorAll('{selector}')].map(x => x.textContent)"),
    )
    .await;
    serde_json::from_value(v).unwrap()
}

/// Types `text` into the field at a YAML path and leaves it, as a person would.
async fn type_into(c: &Client, path: &str, text: &str) {
    let field = c
        .find(Locator::Css(&format!(r#"[id="f:{path}"]"#)))
        .await
        .unwrap();
    // Select what is there and type over it in one go: clearing first would be a change of
    // its own.
    field.click().await.unwrap();
    let keys = if text.is_empty() {
        format!("{SELECT_ALL}{BACKSPACE}{TAB}")
    } else {
        format!("{SELECT_ALL}{text}{TAB}")
    };
    field.send_keys(&keys).await.unwrap();
}

async fn changed_after(c: &Client, before: u64) {
    until(
        c,
        &format!("Number(document.body.dataset.version) > {before}"),
    )
    .await;
}

fn pages(e: &Editor) -> Vec<Vec<u8>> {
    let n = e.state()["pages"].as_u64().unwrap();
    (0..n)
        .map(|i| e.call("GET", &format!("/api/page/{i}"), b"").body)
        .collect()
}

#[test]
fn changing_the_employees_updates_checks_figures_and_preview_and_saves_one_value() {
    let e = Editor::on_sample("moe-learning-award", "agency", &[]);
    let original = e.application();
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;
        assert!(texts(&c, "#diagnostics li").await.is_empty());
        let figures_before = texts(&c, ".figure").await;
        assert!(
            figures_before.iter().any(|f| f.contains("152 人")),
            "{figures_before:?}"
        );
        let pages_before = pages(&e);
        if let Ok(path) = std::env::var("APPBOOK_SCREENSHOT") {
            c.execute(
                r#"document.querySelector('[id="w:evaluation.learning"]').scrollIntoView()"#,
                vec![],
            )
            .await
            .unwrap();
            std::fs::write(path, c.screenshot().await.unwrap()).unwrap();
        }

        let v = version(&c).await;
        type_into(&c, "basic.employees", "100").await;
        changed_after(&c, v).await;

        // The diagnostics: 138 in paid learning cannot be more than 100 employees; each is
        // linked to its field.
        let diagnostics = texts(&c, "#diagnostics li").await;
        assert!(!diagnostics.is_empty());
        let paths: Vec<String> = serde_json::from_value(
            js(
                &c,
                "[...document.querySelectorAll('#diagnostics li')].map(l => l.dataset.path)",
            )
            .await,
        )
        .unwrap();
        assert!(
            paths
                .iter()
                .any(|p| p == "evaluation.learning.paid.participants"),
            "{paths:?}"
        );
        let at_field = texts(
            &c,
            r#"[id="w:evaluation.learning.paid.participants"] .msg.error"#,
        )
        .await;
        assert!(!at_field.is_empty(), "the error is shown at its field");
        // Click → focus.
        c.find(Locator::Css(
            r#"#diagnostics li[data-path="evaluation.learning.paid.participants"]"#,
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        assert_eq!(
            js(&c, "document.activeElement.id").await,
            "f:evaluation.learning.paid.participants"
        );

        // The derived ratios follow the new count.
        let figures_after = texts(&c, ".figure").await;
        assert_ne!(figures_before, figures_after);
        assert!(
            figures_after.iter().any(|f| f.contains("100 人")),
            "{figures_after:?}"
        );

        // The preview shows the new state: its images were asked for again and drawn.
        let src = js(&c, "document.querySelector('#pages img').src").await;
        assert!(src
            .as_str()
            .unwrap()
            .contains(&format!("v={}", version(&c).await)));
        until(&c, IMAGES_LOADED).await;
        let pages_after = pages(&e);
        assert_eq!(pages_before.len(), pages_after.len());
        assert!(
            pages_before.iter().zip(&pages_after).any(|(a, b)| a != b),
            "some page of the book changed"
        );
    });
    // On disk: the one value, nothing else (comments, order, quoting intact).
    let saved = e.application();
    let diff: Vec<(&str, &str)> = original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(diff, [("  employees: 152", "  employees: 100")]);
    assert_eq!(original.lines().count(), saved.lines().count());
    assert!(saved.starts_with("# yaml-language-server"));
}

#[test]
fn an_emptied_field_shows_its_error_and_no_hides_and_removes_the_details() {
    let e = Editor::on_sample("moe-learning-award", "agency", &[]);
    let original = e.application();
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;

        let v = version(&c).await;
        type_into(&c, "basic.unit_name", "").await;
        changed_after(&c, v).await;
        let at_field = texts(&c, r#"[id="w:basic.unit_name"] .msg.error"#).await;
        assert!(!at_field.is_empty(), "the error is at 申請單位名稱");
        let class = js(
            &c,
            r#"document.querySelector('[id="w:basic.unit_name"]').className"#,
        )
        .await;
        assert!(class.as_str().unwrap().contains("has-error"));
        assert!(!e.application().contains("unit_name:"));

        // 否 to 帶薪學習: the details go from the page and from the file.
        let details_visible = r#"(() => { const f = document.querySelector('[id="f:evaluation.learning.paid.participants"]'); return !!f && f.offsetParent !== null; })()"#;
        assert_eq!(js(&c, details_visible).await, json!(true));
        let v = version(&c).await;
        c.find(Locator::Css(
            r#"[id="f:evaluation.learning.paid.answer=否"]"#,
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        changed_after(&c, v).await;
        assert_eq!(js(&c, details_visible).await, json!(false));
    });
    let saved = e.application();
    assert!(
        saved.contains("    paid:\n      answer: 否\n    subsidy:"),
        "{saved}"
    );
    // Everything else as it was: only the unit's name and the details of 帶薪學習 went.
    let mut expected: Vec<&str> = original
        .lines()
        .filter(|l| !l.starts_with("  unit_name:"))
        .collect();
    let at = expected.iter().position(|l| *l == "    paid:").unwrap();
    expected.splice(at + 1..at + 5, ["      answer: 否"]);
    assert_eq!(saved, expected.join("\n") + "\n");
}

#[test]
fn a_dropped_png_becomes_an_attachment_and_a_page() {
    let e = Editor::on_sample("moe-learning-award", "agency", &[]);
    let png = std::fs::read(e.dir.join("attachments/award.png")).unwrap();
    let pages_before = e.state()["pages"].as_u64().unwrap();
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;
        let v = version(&c).await;
        // A drop as the browser delivers it: a DataTransfer holding the file.
        c.execute(
            "const bytes = Uint8Array.from(arguments[0]);
             const dt = new DataTransfer();
             dt.items.add(new File([bytes], '獎狀掃描.png', { type: 'image/png' }));
             document.getElementById('drop-zone').dispatchEvent(
               new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
            vec![json!(png)],
        )
        .await
        .unwrap();
        until(
            &c,
            &format!(
                "Number(document.body.dataset.version) > {v} && !!document.querySelector('[data-file=\"attachments/獎狀掃描.png\"]')"
            ),
        )
        .await;
        let files = texts(&c, "#attach-files .file").await;
        assert!(
            files
                .iter()
                .any(|f| f.contains("attachments/獎狀掃描.png") && f.contains("PNG")),
            "{files:?}"
        );
        let n = js(&c, "(data.attachments || []).length").await;
        let last = js(
            &c,
            "document.querySelector('[id=\"f:attachments[7].file\"]').value",
        )
        .await;
        assert_eq!(n, 8);
        assert_eq!(last, "attachments/獎狀掃描.png");
        until(
            &c,
            &format!(
                "document.querySelectorAll('#pages img').length === {}",
                pages_before + 1
            ),
        )
        .await;
    });
    assert_eq!(
        std::fs::read(e.dir.join("attachments/獎狀掃描.png")).unwrap(),
        png
    );
    let state = e.state();
    assert_eq!(state["pages"].as_u64().unwrap(), pages_before + 1);
    assert_eq!(state["errors"], 0, "{}", state["diagnostics"]);
    assert!(e
        .application()
        .ends_with("  - kind: other\n    title: 獎狀掃描\n    file: attachments/獎狀掃描.png\n"));
}

/// The lines of `saved` that differ from `original`, which must have as many lines.
fn changed_lines<'a>(original: &'a str, saved: &'a str) -> Vec<(&'a str, &'a str)> {
    assert_eq!(original.lines().count(), saved.lines().count(), "{saved}");
    original
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .collect()
}

async fn visible(c: &Client, id: &str) -> bool {
    js(
        c,
        &format!("(() => {{ const b = document.getElementById('{id}'); return !!b && !b.hidden && b.offsetParent !== null; }})()"),
    )
    .await
        == json!(true)
}

#[test]
fn sme_figures_follow_their_inputs_and_english_labels_and_the_checklist_are_shown() {
    // In English: the labels come from the schema's English titles.
    let e = Editor::on_sample("sme-org-learning", "services", &["--lang", "en"]);
    let original = e.application();
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;
        assert_eq!(
            texts(&c, r#"[id="w:zone"] > legend"#).await,
            ["Use of the organisational learning zone"]
        );
        assert_eq!(
            texts(&c, r#"label[for="f:zone.learners"]"#).await,
            ["Learners in the zone (people)"]
        );
        assert!(visible(&c, "download-checklist").await);
        assert_eq!(
            js(
                &c,
                "document.getElementById('download-checklist').textContent"
            )
            .await,
            "Checklist (送件檢核表) PDF"
        );
        // 學習積分 = 74 學習人次 ÷ 22 學員, shown beside the zone's inputs.
        let score = r#"[id="w:zone"] .figure"#;
        let before = texts(&c, score).await;
        assert!(
            before
                .iter()
                .any(|f| f.contains("學習積分：3.36") && f.contains("÷ 專區學員人數 22")),
            "{before:?}"
        );
        let company = texts(&c, r#"[id="w:company"] .figure"#).await;
        assert!(
            company
                .iter()
                .any(|f| f.contains("中小企業認定") && f.contains("符合中小企業資格")),
            "{company:?}"
        );

        let v = version(&c).await;
        type_into(&c, "zone.learners", "37").await;
        changed_after(&c, v).await;
        let after = texts(&c, score).await;
        assert!(
            after
                .iter()
                .any(|f| f.contains("學習積分：2.00") && f.contains("÷ 專區學員人數 37")),
            "{after:?}"
        );
    });
    assert_eq!(
        changed_lines(&original, &e.application()),
        [("  learners: 22", "  learners: 37")]
    );
}

#[test]
fn a_school_enters_teachers_and_staff_and_both_are_saved() {
    let e = Editor::on_sample("moe-learning-award", "school", &[]);
    let original = e.application();
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;
        let ratios = r#"[id="w:evaluation.participation"] .figure"#;
        let share = "參與學習總人數占員工總人數比率";
        let before = texts(&c, ratios).await;
        assert!(
            before.contains(&format!(
                "{share}：97.66%（計算方式：125 人 ÷ 128 人 × 100%）"
            )),
            "{before:?}"
        );
        // A school's count is two fields, 教師 and 職員工.
        let labels = texts(&c, r#"[id="w:basic.employees"] .split label"#).await;
        assert_eq!(labels, ["教師", "職員工"]);

        let v = version(&c).await;
        type_into(&c, "basic.employees.teachers", "100").await;
        changed_after(&c, v).await;
        let v = version(&c).await;
        type_into(&c, "basic.employees.staff", "40").await;
        changed_after(&c, v).await;
        // The ratios are computed from the new total, 100 + 40, and from each part.
        let after = texts(&c, ratios).await;
        for ratio in [
            format!("{share}：89.29%（計算方式：125 人 ÷ 140 人 × 100%）"),
            format!("（教師）{share}：91.00%（計算方式：91 人 ÷ 100 人 × 100%）"),
            format!("（職員工）{share}：85.00%（計算方式：34 人 ÷ 40 人 × 100%）"),
        ] {
            assert!(after.contains(&ratio), "{ratio} not in {after:?}");
        }
    });
    let saved = e.application();
    assert_eq!(
        changed_lines(&original, &saved),
        [(
            "  employees: {teachers: 92, staff: 36}",
            "  employees: {teachers: 100, staff: 40}"
        )]
    );
    assert!(saved.starts_with("# yaml-language-server"));
}

#[test]
fn a_testimonial_is_added_filled_saved_and_removed() {
    let e = Editor::on_sample("moe-learning-award", "agency", &[]);
    let original = e.application();
    let list = "evaluation.promotion.testimonials";
    let items = format!(r#"[id="w:{list}"] > .list-item"#);
    let text = "參加公文寫作課程之後，我把常用的函稿整理成範本，回覆民眾的時間縮短了一半。";
    let pages_before = pages(&e);
    run(async {
        let (_driver, c) = browser().await;
        open(&c, &e).await;
        assert_eq!(texts(&c, &items).await.len(), 4);
        c.find(Locator::Css(&format!(r#"[id="w:{list}"] > button.add"#)))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert_eq!(texts(&c, &items).await.len(), 5);
        for (key, value) in [
            ("author", "人事室科員 王小明"),
            ("title", "公文寫作的收穫"),
            ("text", text),
        ] {
            let v = version(&c).await;
            type_into(&c, &format!("{list}[4].{key}"), value).await;
            changed_after(&c, v).await;
        }
        assert_eq!(js(&c, "state.errors").await, 0, "the testimonial is whole");
        until(&c, IMAGES_LOADED).await;

        let saved = e.application();
        assert!(
            saved.contains(&format!(
                "      - author: 人事室科員 王小明\n        title: 公文寫作的收穫\n        text: {text}\n    benefits:"
            )),
            "{saved}"
        );
        // In the preview: a page of the book changed, and the book holds the testimonial.
        assert!(pages(&e) != pages_before, "the preview changed");
        let pdf = e.call("GET", "/api/book.pdf", b"");
        assert_eq!(pdf.status, 200, "{}", pdf.text());
        let book = e.dir.parent().unwrap().join("book.pdf");
        std::fs::write(&book, &pdf.body).unwrap();
        let flat: String = common::tool("pdftotext", &[book.to_str().unwrap(), "-"])
            .split_whitespace()
            .collect();
        assert!(flat.contains("公文寫作的收穫"), "the title is in the book");
        assert!(
            flat.contains("回覆民眾的時間縮短了一半"),
            "the text is in the book"
        );

        let remove = c
            .find_all(Locator::Css(&format!("{items} > button.remove")))
            .await
            .unwrap()
            .into_iter()
            .nth(4)
            .expect("five remove buttons");
        let v = version(&c).await;
        remove.click().await.unwrap();
        changed_after(&c, v).await;
        assert_eq!(texts(&c, &items).await.len(), 4);
    });
    // Gone from the file, which is the original again, byte for byte, and from the preview.
    assert_eq!(e.application(), original);
    assert_eq!(pages(&e), pages_before);
}
