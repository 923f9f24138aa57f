//! Editions are data: an edition that only changes wording is a folder of YAML, given with
//! `--templates`, and renders with no Rust change. The built-in edition is untouched by it.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn editions_dir() -> String {
    root().join("tests/fixtures/editions").display().to_string()
}

/// `appbook --templates tests/fixtures/editions ARGS…`
fn with_editions(args: &[&str]) -> std::process::Output {
    let dir = editions_dir();
    let mut all = vec!["--templates", dir.as_str()];
    all.extend_from_slice(args);
    run(&all)
}

/// A copy of the agency sample whose `edition:` is `edition`.
fn agency_as(edition: &str, dir: &Path) -> std::path::PathBuf {
    let sample = root().join("samples/moe-learning-award/agency");
    let app = dir.join("agency");
    std::fs::create_dir_all(app.join("attachments")).unwrap();
    for e in std::fs::read_dir(sample.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), app.join("attachments").join(e.file_name())).unwrap();
    }
    let yaml = std::fs::read_to_string(sample.join("application.yaml")).unwrap();
    assert!(yaml.contains("edition: \"107\""));
    let yaml = yaml.replace("edition: \"107\"", &format!("edition: \"{edition}\""));
    std::fs::write(app.join("application.yaml"), yaml).unwrap();
    app.join("application.yaml")
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", &pdf.display().to_string(), "-"])
        .output()
        .expect("pdftotext is installed (make test installs poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).replace([' ', '\u{3000}'], "")
}

fn docx_text(docx: &Path) -> String {
    let bytes = std::fs::read(docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    regex::Regex::new(r"<[^>]+>")
        .unwrap()
        .replace_all(&xml, "")
        .replace([' ', '\u{3000}'], "")
}

#[test]
fn both_editions_are_listed_and_the_test_edition_only_with_its_folder() {
    let builtin = stdout(&run(&["programmes"]));
    assert!(builtin.contains("moe-learning-award\t107\t"));
    assert!(!builtin.contains("107-test"));
    let both = stdout(&with_editions(&["programmes"]));
    assert!(both.contains("moe-learning-award\t107\t"), "{both}");
    assert!(
        both.contains(
            "moe-learning-award\t107-test\t中央政府推動建立員工學習制度獎勵申請書（測試用改寫版）"
        ),
        "{both}"
    );
}

#[test]
fn a_wording_only_edition_renders_its_words_in_both_formats() {
    let tmp = tempfile::tempdir().unwrap();
    let app = agency_as("107-test", tmp.path());
    let out = tmp.path().join("out");
    let o = with_editions(&[
        "render",
        &app.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = pdf_text(&out.join("agency.pdf"));
    let docx = docx_text(&out.join("agency.docx"));
    for text in [&pdf, &docx] {
        for changed in [
            "申請計畫書",
            "壹、申請單位基本資料",
            "貳、評審項目及辦理情形",
            "員工人數總計",
            "員工學習心得分享（計4篇）",
        ] {
            assert!(text.contains(changed), "missing {changed}");
        }
        // Unchanged sentences come from edition 107.
        assert!(text.contains("隸屬之中央政府機關名稱"));
    }
    assert!(pdf.contains("目錄"));
    assert!(!pdf.contains("目次"));

    // Without the folder the edition is unknown: an error at the `edition:` line.
    let o = run(&["check", &app.display().to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let j = json(&o);
    assert_eq!(j["diagnostics"][0]["code"], "APP-EDITION-UNSUPPORTED");
    let edition_line = std::fs::read_to_string(&app)
        .unwrap()
        .lines()
        .position(|l| l.starts_with("edition:"))
        .unwrap()
        + 1;
    assert_eq!(j["diagnostics"][0]["line"], edition_line);
}

#[test]
fn the_built_in_edition_keeps_its_words_beside_the_test_edition() {
    let tmp = tempfile::tempdir().unwrap();
    let app = agency_as("107", tmp.path());
    let out = tmp.path().join("out");
    let o = with_editions(&[
        "render",
        "--pdf",
        &app.display().to_string(),
        "-o",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = pdf_text(&out.join("agency.pdf"));
    assert!(pdf.contains("壹、基本資料表"));
    assert!(!pdf.contains("申請單位基本資料"));
}

#[test]
fn a_broken_templates_folder_stops_every_command_with_its_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let ed = tmp.path().join("moe-learning-award/x");
    std::fs::create_dir_all(&ed).unwrap();
    std::fs::write(
        ed.join("edition.yaml"),
        "programme: moe-learning-award\nedition: x\nrules: no-such-rules\ntitle_zh: t\ntitle_en: t\nsource_zh: s\nextends: \"107\"\n",
    )
    .unwrap();
    std::fs::write(ed.join("book.yaml"), "toc_title: 目錄\n").unwrap();
    let o = run(&[
        "--lang",
        "en",
        "--templates",
        &tmp.path().display().to_string(),
        "programmes",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no-such-rules"), "{err}");
}

#[test]
fn init_writes_the_chosen_edition_into_the_scaffold() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("新申請");
    let o = with_editions(&[
        "init",
        "moe-learning-award",
        &dir.display().to_string(),
        "--edition",
        "107-test",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let yaml = std::fs::read_to_string(dir.join("application.yaml")).unwrap();
    assert!(yaml.contains("\nedition: \"107-test\"\n"), "{yaml}");
    // The rest is the base edition's scaffold: commented, and it names the programme.
    assert!(yaml.contains("programme: moe-learning-award"));
    let o = with_editions(&[
        "check",
        &dir.join("application.yaml").display().to_string(),
        "--format",
        "json",
    ]);
    let codes: Vec<String> = json(&o)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    // The edition is known; only the scaffold's placeholders are left to fill in.
    assert!(
        !codes
            .iter()
            .any(|c| c.starts_with("APP-") && c != "APP-PLACEHOLDER"),
        "{codes:?}"
    );
    assert!(codes.iter().any(|c| c == "APP-PLACEHOLDER"), "{codes:?}");
}

#[test]
fn an_unknown_edition_is_pointed_to_the_current_one_not_the_last_listed() {
    let tmp = tempfile::tempdir().unwrap();
    let app = agency_as("999", tmp.path());
    let o = with_editions(&["check", &app.display().to_string(), "--format", "json"]);
    let j = json(&o);
    let d = &j["diagnostics"][0];
    assert_eq!(d["code"], "APP-EDITION-UNSUPPORTED");
    // 107-test sorts after 107, but 107 is the programme's current edition.
    assert_eq!(d["hint"], "寫 edition: \"107\"。", "{d}");
    assert!(
        d["message"].as_str().unwrap().contains("107、107-test"),
        "{d}"
    );
}
