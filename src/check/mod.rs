//! `appbook check`: finds the applications under the given paths and runs their programme's
//! rules. Findings come back as one [`Report`]; printing is the diagnostics module's job.

use crate::diagnostics::{Diagnostic, Location, Report, Text};
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
    crate::application::load(path).report
}
