//! The PDF book as a reader sees it, through poppler-utils (pdfinfo, pdffonts, pdftotext) and
//! lopdf. Runs over the template `appbook init` writes (its placeholders filled in with their
//! examples), the fixtures under tests/fixtures/render and the samples under
//! samples/moe-learning-award.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::pdf::*;
use common::{applications_in, fill_placeholders, root, run_env, samples, tool};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The commented application `appbook init` writes, each placeholder replaced by its example,
/// with the attachment it names.
fn init_template() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("init-template");
        std::fs::create_dir_all(dir.join("attachments")).unwrap();
        let scaffold = std::fs::read_to_string(
            root().join("templates/moe-learning-award/107/application.yaml"),
        )
        .unwrap();
        std::fs::write(dir.join("application.yaml"), fill_placeholders(&scaffold)).unwrap();
        std::fs::copy(
            root().join("tests/fixtures/render/agency/attachments/regulations.pdf"),
            dir.join("attachments/regulations.pdf"),
        )
        .unwrap();
        dir
    })
    .join("application.yaml")
}

/// Every application the tests render.
fn applications() -> Vec<PathBuf> {
    let mut apps = vec![init_template()];
    apps.extend(applications_in(&root().join("tests/fixtures/render")));
    apps.extend(samples("moe-learning-award"));
    apps
}

fn appbook(args: &[&str], envs: &[(&str, &str)]) -> Output {
    run_env(args, envs, None)
}

/// Renders through the command line, as a user does.
fn render_cli(app: &Path, envs: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let (out, _) = common::render_cli(app, &["--pdf"], envs);
    let name = app.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let pdf = out.path().join(format!("{name}.pdf"));
    assert!(pdf.is_file(), "{} not written", pdf.display());
    let checklist = out.path().join(format!("{name}-送件檢核表.pdf"));
    let mut files = files_under(out.path());
    files.sort();
    assert_eq!(
        files,
        vec![checklist, pdf.clone()],
        "only the book and its 送件檢核表 are written, as PDF"
    );
    (out, pdf)
}

fn yaml(app: &Path) -> String {
    std::fs::read_to_string(app).unwrap()
}

fn unit_type(app: &Path) -> u32 {
    yaml(app)
        .lines()
        .find_map(|l| l.trim().strip_prefix("unit_type:"))
        .and_then(|v| v.split('#').next())
        .and_then(|v| v.trim().parse().ok())
        .expect("unit_type")
}

fn attachment_count(app: &Path) -> usize {
    let text = yaml(app);
    let Some(start) = text.find("\nattachments:") else {
        return 0;
    };
    text[start + 1..]
        .lines()
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' ') || l.starts_with('#'))
        .filter(|l| {
            let t = l.trim_start().trim_start_matches("- ");
            t.starts_with("file:")
        })
        .count()
}

#[test]
fn every_page_is_a4_and_the_body_font_is_kai() {
    for app in applications() {
        let (_dir, pdf) = render(&app);
        assert_a4_and_kai(&app, &pdf);
    }
}

#[test]
fn book_order_and_toc_pages_match_the_headings() {
    for app in applications() {
        let (_dir, pdf) = render(&app);
        let pages = page_texts(&pdf);
        let cover = squash(&pages[0]);
        assert!(
            cover.contains("中央政府推動建立員工學習制度獎勵"),
            "cover: {cover}"
        );
        assert!(
            cover.contains("申請書") && cover.contains("申請單位") && cover.contains("主管機關")
        );
        let entries = assert_toc_pages_are_right(&app, &pages);
        // The order of SPEC §2.1.
        let mut expected: Vec<String> = vec!["壹、基本資料表".into(), "貳、評審項目".into()];
        for n in ["一、", "二、", "三、", "四、", "五、"] {
            expected.push(n.into());
        }
        let certificate = (4..=6).contains(&unit_type(&app));
        if certificate {
            expected.push("參、立案證書或登記證書影本".into());
        }
        for n in 1..=attachment_count(&app) {
            expected.push(format!("附件{n}"));
        }
        assert_in_order(&app, &entries, &expected);
        let has_certificate = entries
            .iter()
            .any(|(h, _)| h.contains("立案證書或登記證書影本"));
        assert_eq!(
            has_certificate,
            certificate,
            "{}: 立案證書 only for 屬性 4–6",
            app.display()
        );
    }
}

/// Titles of the PDF's bookmarks (outline), depth first.
fn bookmarks(doc: &lopdf::Document) -> Vec<String> {
    fn title(doc: &lopdf::Document, d: &lopdf::Dictionary) -> String {
        let raw = match d.get(b"Title") {
            Ok(lopdf::Object::String(bytes, _)) => bytes.clone(),
            Ok(lopdf::Object::Reference(r)) => match doc.get_object(*r) {
                Ok(lopdf::Object::String(bytes, _)) => bytes.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if raw.starts_with(&[0xfe, 0xff]) {
            let units: Vec<u16> = raw[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        } else {
            String::from_utf8_lossy(&raw).into_owned()
        }
    }
    fn walk(doc: &lopdf::Document, first: Option<lopdf::ObjectId>, out: &mut Vec<String>) {
        let mut next = first;
        while let Some(id) = next {
            let Ok(d) = doc.get_dictionary(id) else { break };
            out.push(title(doc, d));
            walk(
                doc,
                d.get(b"First").and_then(|o| o.as_reference()).ok(),
                out,
            );
            next = d.get(b"Next").and_then(|o| o.as_reference()).ok();
        }
    }
    let mut out = Vec::new();
    let outlines = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Outlines").and_then(|o| o.as_reference()).ok())
        .and_then(|id| doc.get_dictionary(id).ok());
    if let Some(o) = outlines {
        walk(
            doc,
            o.get(b"First").and_then(|o| o.as_reference()).ok(),
            &mut out,
        );
    }
    out
}

#[test]
fn bookmarks_list_the_sections_and_attachments() {
    let app = root().join("tests/fixtures/render/foundation/application.yaml");
    let (_dir, pdf) = render(&app);
    let marks: Vec<String> = bookmarks(&lopdf::Document::load(&pdf).unwrap())
        .iter()
        .map(|m| squash(m))
        .collect();
    let entries: Vec<String> = toc(&page_texts(&pdf)).into_iter().map(|(h, _)| h).collect();
    assert_eq!(marks, entries, "bookmarks and 目次 list the same headings");
    for want in [
        "壹、基本資料表",
        "貳、評審項目",
        "參、立案證書或登記證書影本",
        "附件1基金會員工進修辦法",
    ] {
        assert!(
            marks.iter().any(|m| m == want),
            "{want} not bookmarked: {marks:?}"
        );
    }
}

/// Renders the render fixture `name` and returns its page texts and 目次 entries.
fn rendered_fixture(name: &str) -> (Vec<String>, Vec<(String, usize)>) {
    let app = root()
        .join("tests/fixtures/render")
        .join(name)
        .join("application.yaml");
    let (_dir, pdf) = render(&app);
    let pages = page_texts(&pdf);
    let entries = toc(&pages);
    (pages, entries)
}

/// The page the 目次 gives for the first heading matching `heading`, after asserting that page
/// shows `marker`.
fn page_showing(
    pages: &[String],
    entries: &[(String, usize)],
    heading: impl Fn(&str) -> bool,
    marker: &str,
) -> usize {
    let (h, p) = entries
        .iter()
        .find(|(h, _)| heading(h))
        .unwrap_or_else(|| panic!("no 目次 entry for {marker}: {entries:?}"));
    assert!(
        pages[p - 1].contains(marker),
        "{h}: page {p} lacks {marker}:\n{}",
        pages[p - 1]
    );
    *p
}

#[test]
fn attachment_text_is_on_the_page_the_toc_gives() {
    let (pages, entries) = rendered_fixture("agency");
    // regulations sorts first (附件1) although it is listed last in the YAML.
    assert!(
        entries
            .iter()
            .any(|(h, _)| h == "附件1員工終身學習實施要點"),
        "{entries:?}"
    );
    let p1 = page_showing(
        &pages,
        &entries,
        |h| h.starts_with("附件1"),
        "ATTACH-REG-4417",
    );
    // Its second page follows on the next page.
    assert!(pages[p1].contains("ATTACH-REG-PAGE2"));
    page_showing(
        &pages,
        &entries,
        |h| h.starts_with("附件2"),
        "ATTACH-PART-2290",
    );

    // A landscape Letter page is scaled onto A4 (every page being A4 is checked above).
    let (pages, entries) = rendered_fixture("school");
    page_showing(
        &pages,
        &entries,
        |h| h.starts_with("附件2"),
        "ATTACH-LANDSCAPE-3141",
    );

    let (pages, entries) = rendered_fixture("foundation");
    page_showing(
        &pages,
        &entries,
        |h| h.contains("立案證書或登記證書影本"),
        "ATTACH-CERT-5521",
    );
}

#[test]
fn body_text_is_set_at_14_pt_in_kai() {
    for app in applications() {
        let (_dir, pdf) = render(&app);
        // The certificate section's page carries the certificate's own typography.
        assert_body_14pt_kai(&app, &pdf, |n, text| {
            text.contains("立案證書或登記證書影本") && n > 2
        });
    }
}

#[test]
fn two_renders_are_byte_identical_and_source_date_epoch_is_honoured() {
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let (_a, one) = render(&app);
    let (_b, two) = render(&app);
    assert!(
        std::fs::read(&one).unwrap() == std::fs::read(&two).unwrap(),
        "renders differ"
    );

    // The application's location does not matter either.
    let (_copy, moved) = edited_fixture("agency", |y| y);
    let (_c, three) = render(&moved);
    assert!(
        std::fs::read(&one).unwrap() == std::fs::read(&three).unwrap(),
        "a moved copy renders differently"
    );

    let info = tool("pdfinfo", &["-isodates", one.to_str().unwrap()]);
    assert!(
        info.contains("CreationDate:    2025-06-20T00:00:00"),
        "{info}"
    );
    let (_c, epoch) = render_at(&app, Some(1_700_000_000));
    let info = tool("pdfinfo", &["-isodates", epoch.to_str().unwrap()]);
    assert!(
        info.contains("CreationDate:    2023-11-14T22:13:20"),
        "{info}"
    );
    assert!(
        info.contains("Title:           中央政府推動建立員工學習制度獎勵申請書"),
        "{info}"
    );
    assert!(info.contains("Author:          國家教育研究院"), "{info}");
}

/// A copy of a fixture application in a temporary folder, with `edit` applied to its YAML.
fn edited_fixture(name: &str, edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let src = root().join("tests/fixtures/render").join(name);
    let dir = tempfile::tempdir().unwrap();
    let app_dir = dir.path().join(name);
    std::fs::create_dir_all(app_dir.join("attachments")).unwrap();
    for e in std::fs::read_dir(src.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), app_dir.join("attachments").join(e.file_name())).unwrap();
    }
    let text = edit(std::fs::read_to_string(src.join("application.yaml")).unwrap());
    let app = app_dir.join("application.yaml");
    std::fs::write(&app, text).unwrap();
    (dir, app)
}

#[test]
fn testimonial_markup_prints_as_written() {
    let hostile = r#"#read("/etc/passwd") $x^2$ ] <b> \ #{panic()} *bold* @ref"#;
    let (_dir, app) = edited_fixture("agency", |y| {
        let quoted = format!("'{}'", hostile.replace('\'', "''"));
        y.replace(
            "text: 公假進修讓我能兼顧工作與學業……",
            &format!("text: {quoted}"),
        )
    });
    assert!(yaml(&app).contains("#read"));
    let (_out, pdf) = render(&app);
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        squash(&text).contains(&squash(hostile)),
        "not printed as written:\n{text}"
    );
    assert!(
        !text.contains("root:x:0:0") && !text.contains("/bin/"),
        "file content leaked"
    );
}

#[test]
fn without_a_kai_font_render_fails_with_the_install_hint_and_writes_nothing() {
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let fonts = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = appbook(
        &[
            "render",
            app.to_str().unwrap(),
            "-o",
            out.path().join("books").to_str().unwrap(),
            "--no-system-fonts",
            "--font-dir",
            fonts.path().to_str().unwrap(),
        ],
        &[],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("fonts-cns11643-kai") && err.contains("楷"),
        "{err}"
    );
    let o_en = appbook(
        &[
            "--lang",
            "en",
            "render",
            app.to_str().unwrap(),
            "-o",
            out.path().join("books").to_str().unwrap(),
            "--no-system-fonts",
        ],
        &[],
    );
    assert!(!o_en.status.success());
    assert!(String::from_utf8_lossy(&o_en.stderr).contains("no Kai font found"));
    assert!(
        files_under(out.path()).is_empty(),
        "left behind: {:?}",
        files_under(out.path())
    );
}

#[test]
fn font_dir_supplies_the_kai_font_and_the_run_names_it() {
    let Some(dir) = [
        "/usr/share/fonts/truetype/cns11643",
        "/usr/share/fonts/truetype/arphic",
    ]
    .into_iter()
    .find(|d| Path::new(d).is_dir()) else {
        panic!(
            "{}",
            common::missing("a Kai font folder (fonts-cns11643-kai or fonts-arphic-ukai)")
        );
    };
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let out = tempfile::tempdir().unwrap();
    let o = appbook(
        &[
            "render",
            app.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--no-system-fonts",
            "--font-dir",
            dir,
        ],
        &[],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("字型：") && err.to_lowercase().contains("kai"),
        "{err}"
    );
    assert!(out.path().join("agency.pdf").is_file());
}

#[test]
fn tw_kai_is_chosen_with_its_supplementary_planes() {
    use appbook::writers::pdf::fonts::{FontOptions, FontSet};
    let dir = PathBuf::from("/usr/share/fonts/truetype/cns11643");
    assert!(
        dir.is_dir(),
        "{}",
        common::missing("TW-Kai (fonts-cns11643-kai)")
    );
    let set = FontSet::load(&FontOptions {
        dirs: vec![dir],
        no_system: true,
    })
    .unwrap_or_else(|e| panic!("{}", e.en));
    assert_eq!(set.chosen, "TW-Kai");
    assert!(!set.is_biaukai, "TW-Kai is a substitute, not 標楷體");
    assert_eq!(set.families, vec!["TW-Kai", "TW-Kai-Ext-B", "TW-Kai-Plus"]);
}

#[test]
fn an_application_with_errors_is_not_rendered() {
    let (_dir, app) = edited_fixture("agency", |y| y.replace("  unit_name: 國家教育研究院\n", ""));
    let out = tempfile::tempdir().unwrap();
    let o = appbook(
        &[
            "render",
            app.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("basic.unit_name") || err.contains("申請單位名稱"),
        "{err}"
    );
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn the_command_line_writes_the_book_named_after_its_folder_and_honours_source_date_epoch() {
    let app = root().join("tests/fixtures/render/foundation/application.yaml");
    let (_dir, pdf) = render_cli(&app, &[("SOURCE_DATE_EPOCH", "1700000000")]);
    assert!(pdf.ends_with("foundation.pdf"));
    let info = tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    assert!(
        info.contains("CreationDate:    2023-11-14T22:13:20"),
        "{info}"
    );
    let (_dir2, again) = render_cli(&app, &[("SOURCE_DATE_EPOCH", "1700000000")]);
    assert!(std::fs::read(&pdf).unwrap() == std::fs::read(&again).unwrap());
}

#[test]
fn a_school_reports_teachers_and_staff_with_formulas() {
    let app = root().join("tests/fixtures/render/school/application.yaml");
    let (_dir, pdf) = render(&app);
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    // A school's figures are a table: the row's label with its unit, then 教師, 職員工 and
    // 合計, each value with its formula's numbers under it.
    for want in [
        "計算項目教師職員工合計平均每位員工帶薪學習時數（小時）13.75(1,100÷80)15.50(620÷40)14.33(1,720÷120)",
        "120人（教師80人、職員工40人）",
        "教師80人、職員工40人，合計120人",
        "☑2.主管之學校",
    ] {
        assert!(text.contains(want), "missing {want}");
    }
}

#[test]
fn units_are_printed_once() {
    // A unit appended both by a figure and by the sentence around it ("418,500 元 元") is the
    // kind of slip a reviewer notices on paper.
    for app in applications() {
        let (_dir, pdf) = render(&app);
        let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
        for doubled in ["元元", "小時小時"] {
            assert!(
                !text.contains(doubled),
                "{}: `{doubled}` in the book",
                app.display()
            );
        }
    }
}
