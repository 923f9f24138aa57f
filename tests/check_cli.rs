//! `appbook check`, `schema`, `init` and `programmes` as a user runs them.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::collections::BTreeSet;

const MOE: &str = "moe-learning-award";

/// The 1-based line of the `#!expect` marker in a fixture.
fn expected_line(path: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("#!expect"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{} needs exactly one #!expect marker",
        path.display()
    );
    lines[0]
}

#[test]
fn every_sample_checks_without_any_finding() {
    let samples = samples(MOE);
    let names: Vec<&str> = samples
        .iter()
        .map(|s| s.parent().unwrap().file_name().unwrap().to_str().unwrap())
        .collect();
    assert_eq!(names, ["agency", "foundation", "school"]);
    for s in &samples {
        let out = run(&["check", s.to_str().unwrap(), "--format", "json"]);
        let v = json(&out);
        assert_eq!(v["summary"]["files"], 1, "{}: not checked", s.display());
        assert_eq!(v["diagnostics"], serde_json::json!([]), "{}", s.display());
        assert_eq!(out.status.code(), Some(0), "{}", s.display());
    }
}

#[test]
fn json_output_is_one_object_with_located_diagnostics() {
    let dir = root().join("tests/fixtures").join(MOE);
    let out = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let obj = v.as_object().unwrap();
    assert_eq!(
        obj.keys().collect::<Vec<_>>(),
        vec!["diagnostics", "summary"]
    );
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        for key in [
            "code", "severity", "message", "file", "line", "column", "path",
        ] {
            assert!(d.get(key).is_some(), "diagnostic lacks {key}: {d}");
        }
        assert!(["error", "warning", "info"].contains(&d["severity"].as_str().unwrap()));
        assert!(d["line"].as_u64().unwrap() >= 1, "{d}");
        assert!(d["column"].as_u64().unwrap() >= 1, "{d}");
    }
    // A folder is walked: every fixture is one checked file.
    assert_eq!(
        v["summary"]["files"].as_u64().unwrap() as usize,
        fixtures(MOE).len()
    );
    assert!(v["summary"]["errors"].as_u64().unwrap() > 0);
}

#[test]
fn sarif_output_has_the_2_1_0_shape() {
    let dir = root().join("tests/fixtures").join(MOE);
    let out = run(&["check", dir.to_str().unwrap(), "--format", "sarif"]);
    let v = json(&out);
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "appbook");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    // Each rule carries `appbook explain`'s text, examples included, for code-scanning views;
    // no address in the file is a stand-in.
    for r in rules {
        let help = r["help"]["text"].as_str().unwrap_or_else(|| panic!("{r}"));
        assert!(help.starts_with(r["id"].as_str().unwrap()), "{help}");
        assert!(
            help.contains("錯誤的範例") && help.contains("修正後"),
            "{help}"
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains("informationUri") && !text.contains(".invalid/"),
        "{text}"
    );
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(ids[idx], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let phys = &r["locations"][0]["physicalLocation"];
        assert!(phys["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with(".yaml"));
        assert!(phys["region"]["startLine"].as_u64().unwrap() >= 1);
    }
}

#[test]
fn github_output_annotates_file_and_line() {
    let fixture = root()
        .join("tests/fixtures")
        .join(MOE)
        .join("MOE-TESTIMONIALS-MIN/application.yaml");
    let line = expected_line(&fixture);
    let out = run(&["check", fixture.to_str().unwrap(), "--format", "github"]);
    let text = stdout(&out);
    let want = format!(",line={line},");
    assert!(
        text.lines().any(|l| l.starts_with("::error file=")
            && l.contains(&want)
            && l.contains("title=MOE-TESTIMONIALS-MIN::")),
        "{text}"
    );
}

#[test]
fn messages_are_chinese_by_default_and_english_on_request() {
    let fixture = root()
        .join("tests/fixtures")
        .join(MOE)
        .join("MOE-TESTIMONIALS-MIN/application.yaml");
    let zh = stdout(&run(&["check", fixture.to_str().unwrap()]));
    assert!(zh.contains("心得"), "{zh}");
    assert!(zh.contains("error[MOE-TESTIMONIALS-MIN]"), "{zh}");
    assert!(
        zh.contains("help:"),
        "the human output carries a fix hint: {zh}"
    );
    let en = stdout(&run(&["check", fixture.to_str().unwrap(), "--lang", "en"]));
    assert!(en.contains("testimonials are required"), "{en}");
}

#[test]
fn human_output_quotes_the_offending_line() {
    let fixture = root()
        .join("tests/fixtures")
        .join(MOE)
        .join("MOE-UNIT-TYPE/application.yaml");
    let line = expected_line(&fixture);
    let source = std::fs::read_to_string(&fixture).unwrap();
    let quoted = source.lines().nth(line - 1).unwrap().trim();
    let out = stdout(&run(&["check", fixture.to_str().unwrap()]));
    assert!(out.contains(&format!(":{line}:")), "{out}");
    assert!(out.contains(quoted), "the source line is shown: {out}");
}

#[test]
fn schema_command_matches_the_checked_in_schema() {
    let v = checked_in_schema(MOE);
    assert_eq!(
        v["$defs"]["Basic"]["properties"]["unit_name"]["title"],
        "申請單位名稱"
    );
    assert_eq!(v["properties"]["basic"]["title"], "壹、基本資料表");
}

#[test]
fn init_writes_a_commented_application_that_explains_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let (app, text) = init_explaining_every_field(MOE, dir.path(), "新申請");
    let target = app.parent().unwrap();

    // With its one attachment supplied, the scaffold is still no application: each of its
    // placeholders is an error at its line. With each replaced by its example, it passes.
    std::fs::write(
        target.join("attachments/regulations.pdf"),
        std::fs::read(root().join("tests/fixtures/moe-learning-award/valid/attachments/proof.pdf"))
            .unwrap(),
    )
    .unwrap();
    assert_placeholders_reported(&app, &text);
    std::fs::write(&app, fill_placeholders(&text)).unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    std::fs::write(&app, &text).unwrap();

    // A second init never overwrites the applicant's work.
    let again = run(&["init", MOE, target.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&app).unwrap(), text);
}

#[test]
fn programmes_lists_the_programme_and_edition() {
    let out = stdout(&run(&["programmes"]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("moe-learning-award\t107\t")),
        "{out}"
    );
}

#[test]
fn unknown_programme_is_a_usage_error() {
    let out = run(&["schema", "no-such-programme"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("moe-learning-award"));
}
