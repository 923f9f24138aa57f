//! Hostile YAML: each gets a clear message and exit status 2 within 5 seconds, under a
//! 500 MiB memory ceiling, and never a panic (exit 101).

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::path::Path;
use std::time::Duration;

fn check_rejected(file: &Path, expect_code: &str, expect_text: &str) {
    let out = run_bounded(
        &[
            "check",
            file.to_str().unwrap(),
            "--format",
            "json",
            "--lang",
            "en",
        ],
        Duration::from_secs(5),
        500,
    );
    assert_ne!(
        out.status.code(),
        Some(101),
        "panicked on {}",
        file.display()
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}: {}{}",
        file.display(),
        stdout(&out),
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], expect_code, "{}", stdout(&out));
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains(expect_text),
        "message `{msg}` should mention `{expect_text}`"
    );
}

#[test]
fn billion_laughs_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let mut y = String::from("programme: moe-learning-award\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    let names: Vec<char> = "abcdefghij".chars().collect();
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        y.push_str(&format!("{}: &{} [{}]\n", w[1], w[1], refs));
    }
    let f = dir.path().join("laughs.yaml");
    std::fs::write(&f, y).unwrap();
    check_rejected(&f, "INPUT-LIMIT", "billion-laughs");
}

#[test]
fn ten_thousand_levels_of_nesting_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    for (name, open, close) in [("seq.yaml", "[", "]"), ("map.yaml", "{a: ", "}")] {
        let y = format!(
            "programme: moe-learning-award\nx: {}1{}\n",
            open.repeat(10_000),
            close.repeat(10_000)
        );
        let f = dir.path().join(name);
        std::fs::write(&f, y).unwrap();
        check_rejected(&f, "INPUT-LIMIT", "nesting is too deep");
    }
}

#[test]
fn a_fifty_megabyte_string_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.yaml");
    let mut y = String::with_capacity(50_000_100);
    y.push_str("programme: moe-learning-award\nbasic:\n  unit_name: \"");
    y.push_str(&"學".repeat(50_000_000 / 3));
    y.push_str("\"\n");
    std::fs::write(&f, y).unwrap();
    check_rejected(&f, "INPUT-TOO-LARGE", "larger than");
}

#[test]
fn a_big5_file_is_named_as_big5() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big5.yaml");
    // 國家教育研究院 in Big5.
    let mut bytes = b"programme: moe-learning-award\nbasic:\n  unit_name: ".to_vec();
    bytes.extend_from_slice(&[
        0xB0, 0xEA, 0xAE, 0x61, 0xB1, 0xD0, 0xA8, 0x7C, 0xAC, 0xE3, 0xA8, 0x73, 0xB0, 0x7C,
    ]);
    bytes.push(b'\n');
    std::fs::write(&f, bytes).unwrap();
    check_rejected(&f, "INPUT-NOT-UTF8", "Big5");
    // And in Chinese by default, with the line where decoding fails.
    let out = run(&["check", f.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    assert!(v["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Big5"));
    assert_eq!(v["diagnostics"][0]["line"], 3);
}

#[test]
fn missing_path_is_exit_2() {
    let out = run(&["check", "no/such/application.yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn syntax_errors_point_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("application.yaml");
    std::fs::write(
        &f,
        "programme: moe-learning-award\nbasic:\n  unit_name: \"unterminated\n  address: x\n",
    )
    .unwrap();
    let out = run(&["check", f.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json(&out);
    assert_eq!(v["diagnostics"][0]["code"], "YAML-SYNTAX");
    assert!(v["diagnostics"][0]["line"].as_u64().unwrap() >= 3);
}

/// A long block of comments is not hostile: an applicant who comments out a section (here 200
/// lines under `evaluation:`) gets the same findings as without it, with the lines after it
/// numbered as they stand in the file.
#[test]
fn a_long_block_of_comments_is_read_like_any_comment() {
    let dir = tempfile::tempdir().unwrap();
    let app = copy_valid("moe-learning-award", dir.path());
    let text = std::fs::read_to_string(&app).unwrap();
    let block: String = (0..200).map(|i| format!("  # 第 {i} 行說明\n")).collect();
    let commented = text.replacen("evaluation:\n", &format!("evaluation:\n{block}"), 1);
    assert_ne!(commented, text, "the fixture has an evaluation section");
    std::fs::write(&app, &commented).unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(json(&out)["diagnostics"], serde_json::json!([]));

    // A value made wrong after the block is reported at its own line.
    let wrong = commented.replacen("total_hours:", "total_hours: -5 #", 1);
    std::fs::write(&app, &wrong).unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    let line = wrong
        .lines()
        .position(|l| l.contains("total_hours: -5"))
        .unwrap()
        + 1;
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "MOE-NEGATIVE")
        .unwrap_or_else(|| panic!("{}", stdout(&out)));
    assert_eq!(d["line"].as_u64(), Some(line as u64));
}
