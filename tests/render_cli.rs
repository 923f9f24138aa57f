//! `appbook render` at its edges: what `-o` may name, a folder as the application, the
//! 送件檢核表 beside the book in the formats asked for, errors of the file system in the user's
//! language, a refused render saying so, SOURCE_DATE_EPOCH in the DOCX.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const AGENCY: &str = "samples/moe-learning-award/agency";

fn appbook(args: &[&str], cwd: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null());
    c
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn core_xml(docx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn o_naming_a_file_says_it_must_be_a_folder_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.pdf"), b"mine").unwrap();
    let app = root().join(AGENCY);
    let out = appbook(
        &["render", app.to_str().unwrap(), "-o", "book.pdf"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("-o 須是資料夾"), "{}", stderr(&out));
    assert!(stderr(&out).contains("未寫入任何檔案"), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.path().join("book.pdf")).unwrap(), b"mine");
    assert_eq!(entries(dir.path()), ["book.pdf"]);

    let out = appbook(
        &[
            "render",
            app.to_str().unwrap(),
            "-o",
            "book.pdf",
            "--lang",
            "en",
        ],
        dir.path(),
    )
    .output()
    .unwrap();
    assert!(
        stderr(&out).contains("-o must be a folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folder_as_the_application_takes_its_application_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let app = root().join(AGENCY);
    let out = appbook(
        &["render", app.to_str().unwrap(), "-o", "out", "--docx"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        entries(&dir.path().join("out")),
        ["agency-送件檢核表.docx", "agency.docx"]
    );

    // A folder without one says which file it looked for.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = appbook(&["render", "empty", "-o", "out2"], dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("application.yaml"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out2").exists());
}

#[test]
fn one_application_gets_its_one_page_checklist_beside_the_book_in_the_formats_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let app = root().join("samples/moe-learning-award/school");
    let out = appbook(
        &["render", app.to_str().unwrap(), "-o", "out", "--pdf"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let folder = dir.path().join("out");
    assert_eq!(entries(&folder), ["school-送件檢核表.pdf", "school.pdf"]);
    // Both are printed, as every file written is.
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(printed.contains("school-送件檢核表.pdf"), "{printed}");
    let list = folder.join("school-送件檢核表.pdf");
    assert_eq!(pdf::page_count(&list), 1);
    let text = pdf::squash(&pdf::page_texts(&list).join("\n"));
    for want in [
        "送件檢核表",
        "申請單位：國立溪濱高級中學",
        "一式9份",
        "六月三十日前",
        "主管機關「教育部國民及學前教育署」",
    ] {
        assert!(text.contains(want), "lacks {want}: {text}");
    }
    // The submission guidance is the checklist's, not the book's.
    let book = pdf::squash(&pdf::page_texts(&folder.join("school.pdf")).join("\n"));
    assert!(!book.contains("送件檢核表") && !book.contains("一式9份"));

    // Without a flag, both formats of both.
    let out = appbook(&["render", app.to_str().unwrap(), "-o", "both"], dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        entries(&dir.path().join("both")),
        [
            "school-送件檢核表.docx",
            "school-送件檢核表.pdf",
            "school.docx",
            "school.pdf"
        ]
    );
}

#[test]
fn a_file_system_error_is_told_in_zh_tw_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("afile"), b"").unwrap();
    let app = root().join(AGENCY);
    let out = appbook(
        &["render", app.to_str().unwrap(), "-o", "afile/out", "--docx"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains("無法寫入"), "{e}");
    assert!(e.contains("路徑中有一段不是資料夾"), "{e}");
    assert!(e.contains("未寫入任何檔案"), "{e}");
    assert_eq!(entries(dir.path()), ["afile"]);
}

#[test]
fn a_refused_render_says_nothing_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = root().join("tests/fixtures/moe-learning-award/MOE-EMPLOYEES");
    let out = appbook(&["render", bad.to_str().unwrap(), "-o", "out"], dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("MOE-EMPLOYEES"));
    assert!(
        stderr(&out).contains("申請資料有錯誤，未寫入任何檔案"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("out").exists());

    let out = appbook(
        &["render", bad.to_str().unwrap(), "-o", "out", "--lang", "en"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn source_date_epoch_dates_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let app = root().join(AGENCY);
    let out = appbook(
        &["render", app.to_str().unwrap(), "-o", "plain", "--docx"],
        dir.path(),
    )
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plain = core_xml(&dir.path().join("plain/agency.docx"));
    assert!(plain.contains("T00:00:00Z</dcterms:created>"), "{plain}");
    assert!(!plain.contains("2023-11-14"), "{plain}");

    let mut c = appbook(
        &["render", app.to_str().unwrap(), "-o", "dated", "--docx"],
        dir.path(),
    );
    c.env("SOURCE_DATE_EPOCH", "1700000000");
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docx = dir.path().join("dated/agency.docx");
    let dated = core_xml(&docx);
    assert!(
        dated.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z"),
        "{dated}"
    );
    assert!(dated.contains("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z"));
}
