//! The PDF book as a reader sees it, through poppler-utils (pdfinfo, pdffonts, pdftotext) and
//! lopdf. Runs over the fixtures under tests/fixtures/render and every
//! samples/moe-learning-award/*/application.yaml that exists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The appbook binary; APPBOOK_BIN overrides it (e.g. a copy, when several checkouts share one
/// target folder and the built binary may be replaced while the tests run).
fn bin() -> String {
    std::env::var("APPBOOK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_appbook").to_string())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The commented application `appbook init` writes, with the attachment it names.
fn init_template() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("init-template");
        std::fs::create_dir_all(dir.join("attachments")).unwrap();
        std::fs::copy(
            root().join("templates/moe-learning-award/107/application.yaml"),
            dir.join("application.yaml"),
        )
        .unwrap();
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
    for base in ["tests/fixtures/render", "samples/moe-learning-award"] {
        let Ok(entries) = std::fs::read_dir(root().join(base)) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path().join("application.yaml"))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        apps.extend(found);
    }
    assert!(!apps.is_empty());
    apps
}

fn appbook(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(bin());
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("appbook runs")
}

/// Renders `app` into a fresh folder through the library (the CLI's own tests are below) and
/// returns the folder and the PDF's path.
fn render(app: &Path) -> (tempfile::TempDir, PathBuf) {
    render_at(app, None)
}

fn render_at(app: &Path, epoch: Option<i64>) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let prepared = appbook::render::prepare(app);
    let book = prepared.book.unwrap_or_else(|| {
        panic!(
            "{} has errors: {:?}",
            app.display(),
            prepared.report.diagnostics
        )
    });
    let renderer = appbook::writers::pdf::Renderer::new(&Default::default()).expect("a Kai font");
    let name = appbook::render::book_name(app);
    let pdf = out.path().join(format!("{name}.pdf"));
    let bytes = renderer.render_at(&book, epoch).expect("renders");
    appbook::write::atomic(&pdf, &bytes).unwrap();
    (out, pdf)
}

/// Renders through the command line, as a user does.
fn render_cli(app: &Path, envs: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let o = appbook(
        &[
            "render",
            app.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--pdf",
        ],
        envs,
    );
    assert!(
        o.status.success(),
        "render {} failed: {}",
        app.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let name = app.parent().unwrap().file_name().unwrap().to_str().unwrap();
    let pdf = out.path().join(format!("{name}.pdf"));
    assert!(pdf.is_file(), "{} not written", pdf.display());
    assert_eq!(
        files_under(out.path()),
        vec![pdf.clone()],
        "only the book is written"
    );
    (out, pdf)
}

fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name).args(args).output().expect(name);
    assert!(
        o.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn page_count(pdf: &Path) -> usize {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// The text of each page (index 0 = page 1), laid out as on paper.
fn page_texts(pdf: &Path) -> Vec<String> {
    (1..=page_count(pdf))
        .map(|n| {
            let n = n.to_string();
            tool(
                "pdftotext",
                &["-layout", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
            )
        })
        .collect()
}

/// Text without any white space (pdftotext spaces CJK and Latin runs as laid out).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The entries of the 目次: (heading text, printed page), in order. An entry may wrap onto a
/// second line; it ends with the leader dots and the page number. The 目次 starts on page 2
/// and may run over several pages.
fn toc(pages: &[String]) -> Vec<(String, usize)> {
    let mut entries = Vec::new();
    for (i, text) in pages.iter().enumerate().skip(1) {
        let lines: Vec<&str> = if i == 1 {
            text.lines()
                .skip_while(|l| !l.contains("目次"))
                .skip(1)
                .collect()
        } else {
            text.lines().collect()
        };
        let mut pending = String::new();
        let mut any = false;
        for line in lines {
            let t = line.trim();
            if t.is_empty() || t.chars().all(|c| c.is_ascii_digit()) {
                // blank, or the page's own number at its foot
                continue;
            }
            if let Some((head, num)) = split_entry(t) {
                pending.push_str(head);
                entries.push((squash(&pending), num));
                pending.clear();
                any = true;
            } else {
                pending.push_str(t);
            }
        }
        if !any {
            break;
        }
    }
    entries
}

fn split_entry(line: &str) -> Option<(&str, usize)> {
    let rest = line.trim_end_matches(|c: char| c.is_ascii_digit());
    let num: usize = line[rest.len()..].parse().ok()?;
    let rest = rest.trim_end();
    if !rest.ends_with(".") {
        return None;
    }
    Some((rest.trim_end_matches(['.', ' ']), num))
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
        let n = page_count(&pdf);
        let info = tool(
            "pdfinfo",
            &["-f", "1", "-l", &n.to_string(), pdf.to_str().unwrap()],
        );
        let sizes: Vec<&str> = info
            .lines()
            .filter(|l| l.contains(" size:"))
            .filter(|l| {
                l.split_whitespace()
                    .nth(1)
                    .is_some_and(|n| n.parse::<usize>().is_ok())
            })
            .collect();
        assert_eq!(sizes.len(), n, "{}", app.display());
        for l in sizes {
            let nums: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            let (w, h) = (nums[nums.len() - 2], nums[nums.len() - 1]);
            assert!(
                (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0,
                "{}: {l}",
                app.display()
            );
        }
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        let kai = fonts.lines().skip(2).any(|l| {
            let name = l.split_whitespace().next().unwrap_or("").to_lowercase();
            ["tw-kai", "dfkai", "biaukai", "ukai", "moe-std-kai"]
                .iter()
                .any(|k| name.contains(k))
        });
        assert!(kai, "{}: no Kai font embedded:\n{fonts}", app.display());
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
        assert!(squash(&pages[1]).starts_with("目次"), "page 2 is the 目次");

        // Every page but the cover prints its number.
        for (i, text) in pages.iter().enumerate().skip(1) {
            let n = (i + 1).to_string();
            assert!(
                text.lines().any(|l| l.trim() == n),
                "{}: page {n} prints no page number:\n{text}",
                app.display()
            );
        }
        let entries = toc(&pages);
        assert!(!entries.is_empty(), "{}: empty 目次", app.display());
        // Every page number in the 目次 is where that heading is, and the page says so at its foot.
        for (heading, page) in &entries {
            let text = pages
                .get(page - 1)
                .unwrap_or_else(|| panic!("{heading}: page {page} missing"));
            assert!(
                squash(text).contains(heading.as_str()),
                "{}: 目次 says {heading} is on page {page}, but that page reads:\n{text}",
                app.display()
            );
            assert!(
                text.lines().any(|l| l.trim() == page.to_string()),
                "{}: page {page} does not print its number",
                app.display()
            );
        }
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
        let mut last = (0usize, 0usize);
        for want in &expected {
            let at = entries
                .iter()
                .enumerate()
                .skip(last.0)
                .find(|(_, (h, _))| h.starts_with(want.as_str()))
                .unwrap_or_else(|| {
                    panic!(
                        "{}: {want} missing or out of order in {entries:?}",
                        app.display()
                    )
                });
            assert!(
                at.1 .1 >= last.1,
                "{want} comes before an earlier section's page"
            );
            last = (at.0 + 1, at.1 .1);
        }
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

#[test]
fn attachment_text_is_on_the_page_the_toc_gives() {
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let (_dir, pdf) = render(&app);
    let pages = page_texts(&pdf);
    let entries = toc(&pages);
    // regulations sorts first (附件1) although it is listed last in the YAML.
    let (_, p1) = entries
        .iter()
        .find(|(h, _)| h.starts_with("附件1"))
        .expect("附件1");
    assert!(
        entries
            .iter()
            .any(|(h, _)| h == "附件1員工終身學習實施要點"),
        "{entries:?}"
    );
    assert!(
        pages[p1 - 1].contains("ATTACH-REG-4417"),
        "page {p1}:\n{}",
        pages[p1 - 1]
    );
    // Its second page follows on the next page.
    assert!(pages[*p1].contains("ATTACH-REG-PAGE2"));
    let (_, p2) = entries
        .iter()
        .find(|(h, _)| h.starts_with("附件2"))
        .expect("附件2");
    assert!(
        pages[p2 - 1].contains("ATTACH-PART-2290"),
        "page {p2}:\n{}",
        pages[p2 - 1]
    );

    // A landscape Letter page is scaled onto A4 (every page being A4 is checked above).
    let app = root().join("tests/fixtures/render/school/application.yaml");
    let (_dir, pdf) = render(&app);
    let pages = page_texts(&pdf);
    let entries = toc(&pages);
    let (_, p2) = entries
        .iter()
        .find(|(h, _)| h.starts_with("附件2"))
        .expect("附件2");
    assert!(
        pages[p2 - 1].contains("ATTACH-LANDSCAPE-3141"),
        "page {p2}:\n{}",
        pages[p2 - 1]
    );

    let app = root().join("tests/fixtures/render/foundation/application.yaml");
    let (_dir, pdf) = render(&app);
    let pages = page_texts(&pdf);
    let entries = toc(&pages);
    let (_, pc) = entries
        .iter()
        .find(|(h, _)| h.contains("立案證書或登記證書影本"))
        .expect("certificate section");
    assert!(pages[pc - 1].contains("ATTACH-CERT-5521"));
}

/// Effective size of every text-showing operation on a page: Tf size scaled by the text and
/// current transformation matrices.
fn text_sizes(doc: &lopdf::Document, page: lopdf::ObjectId) -> Vec<(String, f32)> {
    type M = [f32; 6];
    fn mul(a: M, b: M) -> M {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    }
    let nums = |ops: &[lopdf::Object]| -> Vec<f32> {
        ops.iter().filter_map(|o| o.as_float().ok()).collect()
    };
    let content = doc.get_and_decode_page_content(page).unwrap();
    let mut ctm: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack = Vec::new();
    let (mut tm, mut size) = ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], 0.0f32);
    let mut font = Vec::new();
    let fonts = doc.get_page_fonts(page).unwrap_or_default();
    let mut out = Vec::new();
    for op in content.operations {
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" => {
                let n = nums(&op.operands);
                ctm = mul([n[0], n[1], n[2], n[3], n[4], n[5]], ctm);
            }
            "BT" => tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
            "Tm" => {
                let n = nums(&op.operands);
                tm = [n[0], n[1], n[2], n[3], n[4], n[5]];
            }
            "Tf" => {
                font = op.operands[0]
                    .as_name()
                    .map(|n| n.to_vec())
                    .unwrap_or_default();
                size = nums(&op.operands)[0];
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let m = mul(tm, ctm);
                let scale = (m[0] * m[3] - m[1] * m[2]).abs().sqrt();
                let base = fonts
                    .get(&font)
                    .and_then(|d| d.get(b"BaseFont").ok())
                    .and_then(|b| b.as_name().ok())
                    .map(|b| String::from_utf8_lossy(b).into_owned())
                    .unwrap_or_default();
                out.push((base, size * scale));
            }
            _ => {}
        }
    }
    out
}

#[test]
fn body_text_is_set_at_14_pt_in_kai() {
    for app in applications() {
        let (_dir, pdf) = render(&app);
        let pages_text = page_texts(&pdf);
        let first_attachment = toc(&pages_text)
            .iter()
            .filter(|(h, _)| {
                h.starts_with("附件") && h.chars().nth(2).is_some_and(|c| c.is_ascii_digit())
            })
            .map(|(_, p)| *p)
            .min()
            .unwrap_or(pages_text.len() + 1);
        let doc = lopdf::Document::load(&pdf).unwrap();
        let mut counted = 0;
        let mut by_size: BTreeMap<String, usize> = BTreeMap::new();
        for (n, id) in doc.get_pages() {
            // Attachment pages carry the attachment's own typography.
            if n as usize >= first_attachment
                || pages_text[n as usize - 1].contains("立案證書或登記證書影本") && n > 2
            {
                continue;
            }
            for (font, s) in text_sizes(&doc, id) {
                counted += 1;
                *by_size.entry(format!("{s:.2}")).or_default() += 1;
                assert!(
                    font.to_lowercase().contains("kai"),
                    "{}: page {n} sets text in {font}",
                    app.display()
                );
            }
        }
        assert!(
            counted > 100,
            "{}: too little text found ({counted})",
            app.display()
        );
        assert_eq!(
            by_size.keys().collect::<Vec<_>>(),
            vec!["14.00"],
            "{}: sizes {by_size:?}",
            app.display()
        );
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

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walk(dir).into_iter().filter(|p| p.is_file()).collect()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                v.extend(walk(&p));
            }
            v.push(p);
        }
    }
    v
}

#[test]
fn font_dir_supplies_the_kai_font_and_the_run_names_it() {
    let Some(dir) = [
        "/usr/share/fonts/truetype/cns11643",
        "/usr/share/fonts/truetype/arphic",
    ]
    .into_iter()
    .find(|d| Path::new(d).is_dir()) else {
        panic!("this test needs fonts-cns11643-kai or fonts-arphic-ukai installed");
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
    assert!(dir.is_dir(), "this test needs fonts-cns11643-kai");
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
fn a_programme_without_a_book_says_so_and_writes_nothing() {
    let Some(app) = std::fs::read_dir(root().join("samples/sme-org-learning"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("application.yaml"))
        .find(|p| p.is_file())
    else {
        return; // no sme-org-learning sample in this checkout
    };
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
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("RENDER-UNSUPPORTED"));
    assert!(files_under(out.path()).is_empty());
}

#[test]
fn a_school_reports_teachers_and_staff_with_formulas() {
    let app = root().join("tests/fixtures/render/school/application.yaml");
    let (_dir, pdf) = render(&app);
    let text = squash(&tool("pdftotext", &[pdf.to_str().unwrap(), "-"]));
    for want in [
        "平均每位員工帶薪學習時數：14.33小時（計算方式：1,720小時÷120人）",
        "（教師）平均每位員工帶薪學習時數：13.75小時（計算方式：1,100小時÷80人）",
        "（職員工）平均每位員工帶薪學習時數：15.50小時（計算方式：620小時÷40人）",
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
