//! `appbook edit` over HTTP, as any program on the machine (or a web page in the user's
//! browser) could talk to it: without the token, from a foreign Origin or Host, with paths that
//! leave the folder, with oversized bodies. Also what the page relies on: the state, saving a
//! change as a one-line edit, the preview's pages, and Ctrl-C.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]
#![cfg(feature = "render")]

mod common;

use common::editor::Editor;

fn agency() -> Editor {
    Editor::on_sample("moe-learning-award", "agency", &[])
}

#[test]
fn requests_without_the_token_or_from_elsewhere_are_refused() {
    let e = agency();
    let host = e.host();
    let token = &e.token;
    // No token, a wrong token, a token of the right length but wrong.
    for head in [
        format!("GET /api/state HTTP/1.1\nHost: {host}"),
        format!("GET /api/state HTTP/1.1\nHost: {host}\nX-Appbook-Token: nope"),
        format!(
            "GET /api/state HTTP/1.1\nHost: {host}\nX-Appbook-Token: {}",
            "0".repeat(token.len())
        ),
        format!("GET /?token=wrong HTTP/1.1\nHost: {host}"),
        format!("GET /api/page/0 HTTP/1.1\nHost: {host}"),
        format!("GET /api/book.pdf HTTP/1.1\nHost: {host}"),
        format!("PUT /api/yaml HTTP/1.1\nHost: {host}"),
    ] {
        let r = e.raw(&head, b"");
        assert_eq!(r.status, 403, "{head}: {}", r.text());
    }
    // DNS rebinding: the right token, but a Host that is not this server.
    for bad_host in [
        format!("evil.example:{}", e.port),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", e.port + 1),
    ] {
        let r = e.raw(
            &format!("GET /api/state HTTP/1.1\nHost: {bad_host}\nX-Appbook-Token: {token}"),
            b"",
        );
        assert_eq!(r.status, 403, "Host {bad_host}: {}", r.text());
    }
    let r = e.raw(&format!("GET /api/state?token={token} HTTP/1.1"), b"");
    assert_eq!(r.status, 403, "no Host at all: {}", r.text());
    // A page of another site that learnt the token still cannot write.
    let before = e.application();
    for (origin, extra) in [
        ("Origin: http://evil.example", ""),
        ("Origin: null", ""),
        (&*format!("Origin: http://127.0.0.1:{}", e.port + 1), ""),
        (
            "Origin: http://evil.example",
            "\nSec-Fetch-Site: cross-site",
        ),
    ] {
        let r = e.raw(
            &format!(
                "PUT /api/yaml HTTP/1.1\nHost: {host}\nX-Appbook-Token: {token}\n{origin}{extra}"
            ),
            b"programme: moe-learning-award\n",
        );
        assert_eq!(r.status, 403, "{origin}: {}", r.text());
    }
    assert_eq!(e.application(), before, "nothing was written");
    // The same requests from the page itself pass.
    let r = e.raw(
        &format!(
            "GET /api/state HTTP/1.1\nHost: localhost:{}\nX-Appbook-Token: {token}\nOrigin: http://localhost:{}",
            e.port, e.port
        ),
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let page = e.raw(&format!("GET /?token={token} HTTP/1.1\nHost: {host}"), b"");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/assets/app.js"));
}

#[test]
fn no_path_outside_the_folder_is_read() {
    let e = agency();
    let ok = e.call("GET", "/api/file/attachments/award.png", b"");
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(ok.body.starts_with(b"\x89PNG"));
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", e.dir.join("etc")).unwrap();
    for path in [
        "/api/file/../../etc/passwd",
        "/api/file/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/api/file/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/api/file//etc/passwd",
        "/api/file/attachments/../../agency/application.yaml",
        "/api/file/etc/passwd",
        "/api/file/attachments",
    ] {
        let r = e.call("GET", path, b"");
        assert!(
            r.status == 403 || r.status == 404 || r.status == 400,
            "{path}: {} {}",
            r.status,
            r.text()
        );
        assert!(!r.text().contains("root:"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn uploads_stay_inside_attachments_and_within_limits() {
    let e = agency();
    let png = std::fs::read(e.dir.join("attachments/award.png")).unwrap();
    let r = e.call("POST", "/api/attachments?name=..%2F..%2Fescaped.png", &png);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["file"], "attachments/escaped.png");
    assert!(e.dir.join("attachments/escaped.png").is_file());
    assert!(!e.dir.parent().unwrap().join("escaped.png").exists());
    // A name already taken is not overwritten.
    let again = e.call("POST", "/api/attachments?name=award.png", &png);
    assert_eq!(again.json()["file"], "attachments/award-2.png");
    // Not an attachment by content: refused, nothing stored.
    let r = e.call(
        "POST",
        "/api/attachments?name=notes.pdf",
        b"hello, not a PDF",
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(!e.dir.join("attachments/notes.pdf").exists());
    // Bodies over the limits are refused before they are read.
    let r = e.call(
        "POST",
        "/api/attachments?name=big.png",
        &vec![0u8; 60_000_000],
    );
    assert_eq!(r.status, 413, "{}", r.text());
    let before = e.application();
    let r = e.call("PUT", "/api/yaml", &vec![b'#'; 5 * 1024 * 1024]);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(e.application(), before);
}

#[test]
fn hostile_yaml_gets_the_budget_of_check() {
    let e = agency();
    let mut bomb =
        String::from("programme: moe-learning-award\na: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    let r = e.call("PUT", "/api/yaml", bomb.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let state = r.json();
    let codes: Vec<&str> = state["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["INPUT-LIMIT"], "{state}");
}

#[test]
fn a_form_change_is_saved_as_a_one_line_edit_and_checked() {
    let e = agency();
    let original = e.application();
    let state = e.state();
    assert_eq!(state["yaml"], original.as_str());
    assert_eq!(state["errors"], 0, "{}", state["diagnostics"]);
    assert!(state["schema"]["$defs"]["Basic"].is_object());
    let pages = state["pages"].as_u64().unwrap();
    assert!(pages > 10, "{pages} pages");
    let png = e.call("GET", "/api/page/0", b"");
    assert_eq!(png.status, 200);
    assert!(png.body.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(
        e.call("GET", &format!("/api/page/{pages}"), b"").status,
        404
    );

    let mut data = state["data"].clone();
    data["basic"]["employees"] = serde_json::json!(100);
    let body = serde_json::json!({ "data": data }).to_string();
    let r = e.call("PUT", "/api/data", body.as_bytes());
    assert_eq!(r.status, 200, "{}", r.text());
    let after = e.application();
    let changed: Vec<(&str, &str)> = original
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("  employees: 152", "  employees: 100")]);
    assert_eq!(original.lines().count(), after.lines().count());
    // 100 employees but 138 in paid learning: the rules see the new figure at once.
    let state = r.json();
    let paths: Vec<&str> = state["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .filter_map(|d| d["path"].as_str())
        .collect();
    assert!(
        paths.contains(&"evaluation.learning.paid.participants"),
        "{paths:?}"
    );
    assert!(state["errors"].as_u64().unwrap() > 0);

    // No book while there are errors, as `render` refuses; the old value back, and it is made.
    assert_eq!(e.call("GET", "/api/book.pdf", b"").status, 409);
    let mut data = state["data"].clone();
    data["basic"]["employees"] = serde_json::json!(152);
    let body = serde_json::json!({ "data": data }).to_string();
    assert_eq!(e.call("PUT", "/api/data", body.as_bytes()).status, 200);
    assert_eq!(e.application(), original);
    let pdf = e.call("GET", "/api/book.pdf", b"");
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF-"));
    let docx = e.call("GET", "/api/book.docx", b"");
    assert_eq!(docx.status, 200);
    assert!(docx.body.starts_with(b"PK"));
}

#[test]
fn ctrl_c_stops_the_editor_cleanly() {
    let e = agency();
    assert_eq!(e.state()["errors"], 0);
    let status = e.interrupt();
    assert!(status.success(), "{status:?}");
}

#[test]
fn the_checklist_comes_as_a_pdf_holding_what_to_send() {
    let e = agency();
    assert_eq!(e.state()["checklist"], true);
    let r = e.call("GET", "/api/checklist.pdf", b"");
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.head.contains("application/pdf"), "{}", r.head);
    // Named as `render` of a folder names it beside the book (and plainly for old clients).
    assert!(r.head.contains("filename=\"checklist.pdf\""), "{}", r.head);
    assert!(
        r.head
            .contains("filename*=UTF-8''agency-%E9%80%81%E4%BB%B6%E6%AA%A2%E6%A0%B8%E8%A1%A8.pdf"),
        "{}",
        r.head
    );
    assert!(r.body.starts_with(b"%PDF-"));
    let pdf = e.dir.parent().unwrap().join("checklist.pdf");
    std::fs::write(&pdf, &r.body).unwrap();
    let text = common::tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let flat: String = text.split_whitespace().collect();
    for words in [
        "送件檢核表",
        "申請單位：內政部戶政人員訓練所",
        "申請書一式9份",
        "檢附資料：",
        "申請單位及代表人或負責人用印",
    ] {
        assert!(
            flat.contains(words),
            "{words} not in the checklist:\n{text}"
        );
    }
    let pages = common::tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        pages
            .lines()
            .any(|l| l.starts_with("Pages:") && l.ends_with(" 1")),
        "{pages}"
    );

    // With an error the application has no checklist yet, as it has no book.
    let mut data = e.state()["data"].clone();
    data["basic"]["unit_name"] = serde_json::Value::Null;
    let body = serde_json::json!({ "data": data }).to_string();
    assert_eq!(e.call("PUT", "/api/data", body.as_bytes()).status, 200);
    assert_eq!(e.call("GET", "/api/checklist.pdf", b"").status, 409);
}

#[test]
fn an_edition_without_a_checklist_offers_none() {
    // The 107 form as an edition of its own without review.yaml: no reviewers' forms, so no
    // 送件檢核表.
    let tmp = tempfile::tempdir().unwrap();
    let forms = tmp.path().join("forms/moe-learning-award/107-bare");
    std::fs::create_dir_all(&forms).unwrap();
    let base = common::root().join("templates/moe-learning-award/107");
    for file in ["book.yaml", "application.yaml"] {
        std::fs::copy(base.join(file), forms.join(file)).unwrap();
    }
    std::fs::write(
        forms.join("edition.yaml"),
        "programme: moe-learning-award\nedition: \"107-bare\"\nrules: moe-learning-award/107\n\
         title_zh: 無送件檢核表之書表\ntitle_en: A form without a checklist\nsource_zh: 測試用\n",
    )
    .unwrap();
    let dir = tmp.path().join("agency");
    common::copy_dir(
        &common::root().join("samples/moe-learning-award/agency"),
        &dir,
    );
    let app = dir.join("application.yaml");
    let text = std::fs::read_to_string(&app).unwrap();
    std::fs::write(
        &app,
        text.replace("edition: \"107\"", "edition: \"107-bare\""),
    )
    .unwrap();
    let templates = tmp.path().join("forms");
    let e = Editor::start(tmp, dir, &["--templates", templates.to_str().unwrap()]);
    let state = e.state();
    assert_eq!(state["errors"], 0, "{}", state["diagnostics"]);
    assert_eq!(state["checklist"], false);
    assert_eq!(e.call("GET", "/api/book.pdf", b"").status, 200);
    assert_eq!(e.call("GET", "/api/checklist.pdf", b"").status, 409);
}
