//! The sample applications pass cleanly, and each invalid fixture raises its own code at the
//! line marked `#!expect` (tests/fixtures/moe-learning-award/README.md).

use appbook::check;
use appbook::codes::CODES;
use appbook::diagnostics::{Report, Severity};
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/moe-learning-award";
const SAMPLES: &[&str] = &["agency", "school", "foundation"];

/// Codes a fixture may raise besides its own, because one change cannot avoid them.
const UNAVOIDABLE: &[(&str, &str)] = &[];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(file: &Path) -> Report {
    check::run(&[file.to_path_buf()])
}

fn fixture_codes() -> Vec<&'static str> {
    CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| {
            c.starts_with("MOE-")
                || c.starts_with("ATTACH-")
                || c.starts_with("APP-")
                || ["YAML-SYNTAX", "YAML-TYPE", "YAML-UNKNOWN-KEY"].contains(c)
        })
        .collect()
}

fn expected_lines(file: &Path) -> Vec<usize> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_end().ends_with("#!expect"))
        .map(|(i, _)| i + 1)
        .collect()
}

fn describe(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| format!("{}@{}", d.code, d.location.line))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn samples_pass_without_any_finding() {
    for name in SAMPLES {
        let file = root()
            .join("samples/moe-learning-award")
            .join(name)
            .join("application.yaml");
        let report = run(&file);
        assert_eq!(report.files.len(), 1, "{name}: not checked");
        assert!(
            report.diagnostics.is_empty(),
            "{name}: {}",
            describe(&report)
        );
        assert_eq!(report.exit_code(), 0, "{name}");
    }
}

#[test]
fn valid_fixture_base_passes() {
    let report = run(&root().join(FIXTURES).join("valid/application.yaml"));
    assert!(report.diagnostics.is_empty(), "{}", describe(&report));
}

#[test]
fn every_code_has_a_fixture() {
    for code in fixture_codes() {
        let file = root().join(FIXTURES).join(code).join("application.yaml");
        assert!(file.is_file(), "no fixture for {code}");
    }
}

#[test]
fn each_fixture_raises_its_code_at_the_marked_line() {
    for code in fixture_codes() {
        let file = root().join(FIXTURES).join(code).join("application.yaml");
        let lines = expected_lines(&file);
        assert_eq!(
            lines.len(),
            1,
            "{code}: mark exactly one line with #!expect"
        );
        let report = run(&file);
        let seen = describe(&report);
        let own: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .collect();
        assert_eq!(own.len(), 1, "{code}: expected it once, got {seen}");
        assert_eq!(
            own[0].location.line, lines[0],
            "{code}: wrong line; got {seen}"
        );
        let severity = CODES.iter().find(|c| c.code == code).unwrap().severity;
        assert_eq!(own[0].severity, severity, "{code}");
        for d in &report.diagnostics {
            let allowed = d.code == code || UNAVOIDABLE.contains(&(code, d.code.as_str()));
            assert!(
                allowed,
                "{code}: unexpected {} at line {}",
                d.code, d.location.line
            );
        }
        if severity == Severity::Warning {
            assert_eq!(
                report.exit_code(),
                0,
                "{code}: a warning fixture must not fail"
            );
        } else {
            assert_eq!(report.exit_code(), 1, "{code}");
        }
    }
}
