//! The JSON Schema an editor validates against and `appbook check` agree: on every sample and
//! every fixture, the checked-in schema accepts the YAML exactly when `check` reports no
//! structural error. The schema side is independent of appbook's code: the YAML read into
//! JSON by serde-saphyr and validated by the jsonschema crate against `schemas/`.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every application.yaml under `dir`, at any depth.
fn applications(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            applications(&p, out);
        } else if p.file_name().is_some_and(|n| n == "application.yaml") {
            out.push(p);
        }
    }
}

/// The programme whose schema judges `app`: the folder it sits in (a fixture may name an
/// unknown programme on purpose), else its `programme:` line.
fn programme_of(app: &Path, programmes: &[String]) -> String {
    app.ancestors()
        .filter_map(|a| a.file_name()?.to_str())
        .find(|n| programmes.iter().any(|p| p == n))
        .map(String::from)
        .unwrap_or_else(|| {
            let text = std::fs::read_to_string(app).unwrap();
            text.lines()
                .find_map(|l| l.strip_prefix("programme:"))
                .map(|p| p.trim().to_string())
                .unwrap_or_else(|| panic!("{}: no programme", app.display()))
        })
}

/// Codes the schema stage of `check` raises: the YAML- codes, a missing or unknown programme
/// (the schema's `required` and `const`), and the codes the schema itself names (`x-codes`).
fn structural_codes(schema: &Value, out: &mut BTreeSet<String>) {
    match schema {
        Value::Object(m) => {
            if let Some(Value::Object(codes)) = m.get("x-codes") {
                out.extend(codes.values().filter_map(Value::as_str).map(String::from));
            }
            m.values().for_each(|v| structural_codes(v, out));
        }
        Value::Array(a) => a.iter().for_each(|v| structural_codes(v, out)),
        _ => {}
    }
}

fn is_structural(code: &str, named: &BTreeSet<String>) -> bool {
    code.starts_with("YAML-") || code.starts_with("APP-PROGRAMME-") || named.contains(code)
}

/// The schema's verdict: None when valid, else why not.
fn schema_says(validator: &jsonschema::Validator, app: &Path) -> Option<String> {
    let text = std::fs::read_to_string(app).unwrap();
    let mut options = serde_saphyr::Options::default();
    // A key twice in one mapping makes no JSON object.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    match serde_saphyr::from_str_with_options::<Value>(&text, options) {
        Err(e) => Some(format!("not YAML: {e}")),
        Ok(tree) => {
            let errors: Vec<String> = validator
                .iter_errors(&tree)
                .map(|e| e.to_string())
                .collect();
            (!errors.is_empty()).then(|| errors.join("; "))
        }
    }
}

#[test]
fn schema_and_check_agree_on_every_sample_and_fixture() {
    let programmes = programmes();
    let mut apps = Vec::new();
    applications(&root().join("samples"), &mut apps);
    applications(&root().join("tests/fixtures"), &mut apps);
    assert!(apps.len() > 60, "only {} applications", apps.len());
    let mut disagreements = Vec::new();
    let (mut valid, mut invalid) = (0, 0);
    let judges: std::collections::HashMap<&String, (jsonschema::Validator, BTreeSet<String>)> =
        programmes
            .iter()
            .map(|p| {
                let schema = checked_in_schema(p);
                let mut named = BTreeSet::new();
                structural_codes(&schema, &mut named);
                (p, (jsonschema::draft202012::new(&schema).unwrap(), named))
            })
            .collect();
    for app in &apps {
        let (validator, named) = &judges[&programme_of(app, &programmes)];
        let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
        assert_ne!(out.status.code(), Some(101), "{}", app.display());
        let structural: Vec<String> = json(&out)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["code"].as_str())
            .filter(|c| is_structural(c, named))
            .map(String::from)
            .collect();
        let verdict = schema_says(validator, app);
        if verdict.is_some() {
            invalid += 1;
        } else {
            valid += 1;
        }
        if verdict.is_some() == structural.is_empty() {
            disagreements.push(format!(
                "{}: schema {:?}, check's structural findings {structural:?}",
                app.display(),
                verdict.as_deref().unwrap_or("valid")
            ));
        }
    }
    // Both verdicts occur, so the comparison can fail either way.
    assert!(
        valid > 40 && invalid >= 8,
        "{valid} valid, {invalid} invalid"
    );
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
