use super::{Lang, Report, Severity, Text};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// SARIF 2.1.0: one run, one rule per code seen, one result per diagnostic. `help` gives a
/// code's full explanation (the rule, where it comes from, an invalid and a fixed example), which
/// code-scanning views show beside a finding; the rule's help travels in the file itself because
/// appbook has no web page per rule to point at.
pub fn render_sarif(report: &Report, lang: Lang, help: &dyn Fn(&str) -> Option<Text>) -> String {
    let mut rule_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rules: Vec<Value> = Vec::new();
    for d in &report.diagnostics {
        if !rule_index.contains_key(d.code.as_str()) {
            rule_index.insert(&d.code, rules.len());
            let description = crate::codes::describe(&d.code)
                .map(|t| t.get(lang).to_string())
                .unwrap_or_else(|| d.code.clone());
            let mut rule = json!({
                "id": d.code,
                "shortDescription": { "text": description },
                "defaultConfiguration": { "level": level(d.severity) },
            });
            if let Some(h) = help(&d.code) {
                rule["help"] = json!({ "text": h.get(lang) });
            }
            rules.push(rule);
        }
    }
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.get(lang).to_string();
            if let Some(h) = &d.hint {
                text.push('\n');
                text.push_str(h.get(lang));
            }
            let mut physical = json!({
                "artifactLocation": { "uri": uri(&d.location.file) },
            });
            if d.location.line > 0 {
                physical["region"] = json!({
                    "startLine": d.location.line,
                    "startColumn": d.location.column.max(1),
                });
            }
            let mut location = json!({ "physicalLocation": physical });
            if !d.location.path.is_empty() {
                location["logicalLocations"] = json!([{ "fullyQualifiedName": d.location.path }]);
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": rule_index[d.code.as_str()],
                "level": level(d.severity),
                "message": { "text": text },
                "locations": [location],
            })
        })
        .collect();
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "appbook",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&v).expect("JSON values always serialize");
    out.push('\n');
    out
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// SARIF wants URIs: forward slashes, and percent-encoding for spaces and the like. Non-ASCII
/// path characters are kept as they are, which SARIF consumers accept as IRIs.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for c in path.replace('\\', "/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}
