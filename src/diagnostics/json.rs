use super::{Diagnostic, Lang, Report};
use serde_json::{json, Value};

pub(crate) fn diagnostic_json(d: &Diagnostic, lang: Lang) -> Value {
    json!({
        "code": d.code,
        "severity": d.severity.as_str(),
        "message": d.message.get(lang),
        "hint": d.hint.as_ref().map(|h| h.get(lang)),
        "file": d.location.file,
        "line": d.location.line,
        "column": d.location.column,
        "path": d.location.path,
    })
}

/// One JSON object: `{"diagnostics":[...],"summary":{...}}` (SPEC §6).
pub fn render_json(report: &Report, lang: Lang) -> String {
    let s = report.summary();
    let v = json!({
        "diagnostics": report.diagnostics.iter().map(|d| diagnostic_json(d, lang)).collect::<Vec<_>>(),
        "summary": {
            "files": s.files,
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "hidden": report.hidden(),
            "exit_code": report.exit_code(),
        }
    });
    let mut out = serde_json::to_string_pretty(&v).expect("JSON values always serialize");
    out.push('\n');
    out
}
