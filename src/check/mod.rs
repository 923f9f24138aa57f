//! `appbook check`: finds the applications under the given paths and runs their programme's
//! rules. Findings come back as one [`Report`]; printing is the diagnostics module's job.

pub mod attachments;
pub mod common;
pub mod context;

use crate::diagnostics::{Diagnostic, Location, Report, Text};
use crate::load::{self, LoadFailure, SourceFile, SpanIndex};
use crate::programmes;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a path given to `check` turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Yaml(PathBuf),
    Docx(PathBuf),
    Pdf(PathBuf),
}

fn classify(p: &Path) -> Option<Input> {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("yaml" | "yml") => Some(Input::Yaml(p.to_path_buf())),
        Some("docx") => Some(Input::Docx(p.to_path_buf())),
        Some("pdf") => Some(Input::Pdf(p.to_path_buf())),
        _ => None,
    }
}

/// Expands folders (recursively, skipping hidden ones and attachment folders' PDFs) into the
/// files to check, sorted so reports are stable. Explicit files are taken as given.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<Input> = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| match classify(e.path()) {
                    Some(Input::Yaml(p)) => declares_programme(&p).then_some(Input::Yaml(p)),
                    // Files under an attachments/ folder are evidence, not books.
                    Some(i) if !in_attachments(e.path(), p) => Some(i),
                    _ => None,
                })
                .collect();
            inputs.append(&mut found);
        } else if p.exists() {
            match classify(p) {
                Some(i) => inputs.push(i),
                None => problems.push(unsupported(p)),
            }
        } else {
            problems.push(Diagnostic::error(
                "INPUT-UNREADABLE",
                file_location(p),
                Text::new(
                    format!("找不到「{}」", p.display()),
                    format!("`{}` does not exist", p.display()),
                ),
            ));
        }
    }
    (inputs, problems)
}

fn in_attachments(file: &Path, root: &Path) -> bool {
    file.strip_prefix(root)
        .unwrap_or(file)
        .parent()
        .is_some_and(|d| {
            d.components()
                .any(|c| c.as_os_str().eq_ignore_ascii_case("attachments"))
        })
}

/// In a folder walk, a file named application.yaml is always an application (so one that lost its
/// `programme:` key is reported, not skipped); other YAML files are applications only when they
/// have a top-level `programme:` key, so a CI workflow beside them is left alone.
fn declares_programme(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
    if matches!(
        name.as_deref(),
        Some("application.yaml" | "application.yml")
    ) {
        return true;
    }
    let Ok(text) = std::fs::read(p) else {
        return true;
    };
    let head = &text[..text.len().min(64 * 1024)];
    String::from_utf8_lossy(head)
        .lines()
        .any(|l| l.starts_with("programme:"))
}

fn file_location(p: &Path) -> Location {
    Location {
        file: p.display().to_string(),
        ..Default::default()
    }
}

fn unsupported(p: &Path) -> Diagnostic {
    Diagnostic::error(
        "INPUT-UNSUPPORTED",
        file_location(p),
        Text::new(
            "只能檢查 YAML 申請資料（.yaml/.yml）、DOCX 或 PDF 檔，或包含它們的資料夾",
            "only YAML applications (.yaml/.yml), DOCX or PDF files, or folders holding them, can be checked",
        ),
    )
}

/// Checks every input; files run in parallel, results keep the input order.
pub fn run(paths: &[PathBuf]) -> Report {
    let (inputs, problems) = collect(paths);
    let mut report = Report::default();
    if !problems.is_empty() {
        report.unreadable = true;
        report.diagnostics.extend(problems);
    }
    let parts: Vec<Report> = inputs.par_iter().map(check_input).collect();
    for r in parts {
        report.extend(r);
    }
    report.sort();
    report
}

fn check_input(input: &Input) -> Report {
    match input {
        Input::Yaml(p) => check_yaml(p),
        Input::Docx(p) | Input::Pdf(p) => check_book(input, p),
    }
}

/// Checks a finished DOCX or PDF against the format rules (SPEC §4.1).
pub fn check_book(input: &Input, path: &Path) -> Report {
    let mut r = Report::default();
    let file = path.display().to_string();
    r.files.push(file.clone());
    let observed = crate::inspect::read_capped(path).and_then(|bytes| match input {
        Input::Pdf(_) => crate::inspect::pdf::inspect(&bytes),
        _ => crate::inspect::docx::inspect(&bytes),
    });
    match observed {
        Ok(o) => r.diagnostics.extend(crate::format_rules::check(&o, &file)),
        Err(e) => {
            r.unreadable = true;
            r.diagnostics
                .push(Diagnostic::error(e.code, file_location(path), e.message));
        }
    }
    r
}

/// Reads one YAML application and runs its programme's rules.
pub fn check_yaml(path: &Path) -> Report {
    let mut report = Report::default();
    report.files.push(path.display().to_string());
    let src = match load::read_source(path) {
        Ok(s) => s,
        Err(f) => return failed(report, f),
    };
    report.add_source(&src.name, src.text.clone());
    let spans = match load::index(&src) {
        Ok(s) => s,
        Err(f) => return failed(report, f),
    };
    // `check application.yaml` names no folder: the parent is "", which cannot be
    // canonicalized, so every attachment would look like it lies outside.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match check_source(&src, &spans, &dir) {
        Ok(d) => report.diagnostics.extend(d),
        Err(f) => return failed(report, f),
    }
    add_other_sources(&mut report);
    report
}

/// Findings may point into other text files an application names (a learning-record CSV);
/// their lines are quoted too when the file is readable text within the input limits.
fn add_other_sources(report: &mut Report) {
    let files: std::collections::BTreeSet<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.line > 0 && report.source(&d.location.file).is_none())
        .map(|d| d.location.file.clone())
        .collect();
    for file in files {
        if let Ok(src) = load::read_source(Path::new(&file)) {
            report.add_source(&file, src.text);
        }
    }
}

fn failed(mut report: Report, f: LoadFailure) -> Report {
    report.unreadable |= f.fatal;
    report.diagnostics.push(*f.diagnostic);
    report
}

/// Finds the programme named in the file and hands the application to it.
pub fn check_source(
    src: &SourceFile,
    spans: &SpanIndex,
    dir: &Path,
) -> Result<Vec<Diagnostic>, LoadFailure> {
    let programme = find_programme(src, spans)?;
    programme.check(src, spans, dir)
}

pub fn find_programme(
    src: &SourceFile,
    spans: &SpanIndex,
) -> Result<&'static dyn programmes::Programme, LoadFailure> {
    let loc = |path: &str| {
        let pos = spans.locate(path);
        Location {
            file: src.name.clone(),
            line: pos.line,
            column: pos.column,
            path: path.to_string(),
            byte: pos.byte,
        }
    };
    let known = programmes::ids().join(", ");
    let Some(id) = spans.top_scalar("programme") else {
        return Err(LoadFailure::new(
            Diagnostic::error(
                "APP-PROGRAMME-MISSING",
                loc("programme"),
                Text::new(
                    "缺少 `programme:`，無法判斷這是哪一個計畫的申請資料",
                    "`programme:` is missing, so the application's programme is unknown",
                ),
            )
            .with_hint(Text::new(
                format!("在第一行加上 programme: 與計畫代碼（{known}）。"),
                format!("add programme: with one of {known} as the first line."),
            )),
            false,
        ));
    };
    let Some(p) = programmes::find(id.trim()) else {
        return Err(LoadFailure::new(
            Diagnostic::error(
                "APP-PROGRAMME-UNKNOWN",
                loc("programme"),
                Text::new(
                    format!("不認得的計畫「{id}」"),
                    format!("unknown programme `{id}`"),
                ),
            )
            .with_hint(Text::new(
                format!("可用的計畫：{known}（執行 appbook programmes 查看）。"),
                format!("known programmes: {known} (see appbook programmes)."),
            )),
            false,
        ));
    };
    let edition = spans.top_scalar("edition");
    let expected = p.info().edition;
    match edition {
        Some(e) if e.trim() != expected => Err(LoadFailure::new(
            Diagnostic::error(
                "APP-EDITION-UNSUPPORTED",
                loc("edition"),
                Text::new(
                    format!(
                        "{} 目前只支援 {expected} 年版書表，而不是「{e}」",
                        p.info().id
                    ),
                    format!(
                        "{} supports form edition {expected} only, not `{e}`",
                        p.info().id
                    ),
                ),
            )
            .with_hint(Text::new(
                format!("寫 edition: \"{expected}\"。"),
                format!("write edition: \"{expected}\"."),
            )),
            false,
        )),
        _ => Ok(p),
    }
}
