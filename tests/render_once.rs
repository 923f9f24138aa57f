//! `render` runs the rules once: the book is built from the model the one check produced.
//! One test in its own binary, so no other test moves the process-wide counter meanwhile.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::programmes::rule_passes;
use appbook::writers::Format;

#[test]
fn render_runs_the_rules_once_per_book() {
    let app = common::root().join("samples/moe-learning-award/agency/application.yaml");
    let before = rule_passes();
    let prepared = appbook::render::prepare(&app);
    assert!(prepared.book.is_some());
    assert_eq!(rule_passes() - before, 1, "prepare");

    let out = tempfile::tempdir().unwrap();
    let before = rule_passes();
    let rendered = appbook::render::render(&appbook::render::Request {
        application: app.clone(),
        out_dir: out.path().to_path_buf(),
        formats: vec![Format::Docx],
        fonts: Default::default(),
    });
    assert_eq!(rendered.exit_code(), 0);
    assert_eq!(
        rendered.written,
        [
            out.path().join("agency.docx"),
            out.path().join("agency-送件檢核表.docx")
        ]
    );
    assert_eq!(rule_passes() - before, 1, "render");

    // A rejected application: one pass, its findings, and no book.
    let before = rule_passes();
    let fixture =
        common::root().join("tests/fixtures/moe-learning-award/MOE-AWARD-YEAR/application.yaml");
    let prepared = appbook::render::prepare(&fixture);
    assert_eq!(rule_passes() - before, 1, "a rejected application");
    assert_eq!(prepared.report.exit_code(), 1);
    assert!(prepared
        .report
        .diagnostics
        .iter()
        .any(|d| d.code == "MOE-AWARD-YEAR"));
    assert!(prepared.book.is_none());
}
