//! One application, read and checked once. `check` reports what this finds; `render` builds
//! the book from the same checked model, so the rules run once per application.

use crate::diagnostics::{Diagnostic, Report};
use crate::load::{self, LoadFailure};
use crate::programmes::{self, Checked};
use std::path::{Path, PathBuf};

/// An application after its one rules pass.
pub struct Loaded {
    /// Everything the rules (or the loading before them) found.
    pub report: Report,
    /// The checked model; None when the application could not be read or deserialized.
    pub checked: Option<Checked>,
    /// The PDF and DOCX files the application names as evidence (canonical paths).
    pub named_files: Vec<PathBuf>,
}

impl Loaded {
    /// The checked model when nothing stops the book: no error, nothing unreadable.
    pub fn passed(&self) -> Option<&Checked> {
        self.checked
            .as_ref()
            .filter(|_| self.report.exit_code() == 0)
    }
}

/// Reads one YAML application and runs its programme's rules.
pub fn load(path: &Path) -> Loaded {
    load_naming(path, true)
}

/// [`load`], with [`Loaded::named_files`] worked out only when `named` (each name is resolved
/// on disk, link by link: `check` needs them only when its folder walk found PDF or DOCX
/// files outside the attachment folders).
pub fn load_naming(path: &Path, named: bool) -> Loaded {
    // `check application.yaml` names no folder: the parent is "", which cannot be
    // canonicalized, so every attachment would look like it lies outside.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    from_source(
        &path.display().to_string(),
        || load::read_source(path),
        &dir,
        named,
    )
}

/// Reads one application from standard input; its attachments are relative to the current
/// folder.
pub fn load_stdin() -> Loaded {
    load_stdin_naming(true)
}

/// [`load_stdin`], with [`Loaded::named_files`] only when `named` (see [`load_naming`]).
pub fn load_stdin_naming(named: bool) -> Loaded {
    from_source(load::STDIN_NAME, load::read_stdin, Path::new("."), named)
}

fn from_source(
    name: &str,
    read: impl FnOnce() -> Result<load::SourceFile, LoadFailure>,
    dir: &Path,
    named: bool,
) -> Loaded {
    let mut report = Report::default();
    report.files.push(name.to_string());
    let failed = |mut report: Report, f: LoadFailure| {
        report.unreadable |= f.fatal;
        report.diagnostics.extend(f.diagnostics);
        Loaded {
            report,
            checked: None,
            named_files: Vec::new(),
        }
    };
    if let Some(problem) = programmes::registry_problem() {
        let location = crate::diagnostics::Location {
            file: name.to_string(),
            ..Default::default()
        };
        let d = Diagnostic::error("INPUT-TEMPLATES", location, problem.clone());
        return failed(report, LoadFailure::fatal(d));
    }
    let src = match read() {
        Ok(s) => s,
        Err(f) => return failed(report, f),
    };
    report.add_source(&src.name, src.text.clone());
    let spans = match load::index(&src) {
        Ok(s) => s,
        Err(f) => return failed(report, f),
    };
    let named_files = if named {
        named_books(&src.text, &spans, dir)
    } else {
        Vec::new()
    };
    let checked =
        match programmes::for_application(&src, &spans).and_then(|p| p.check(&src, &spans, dir)) {
            Ok(c) => c,
            Err(f) => return failed(report, f),
        };
    report
        .diagnostics
        .extend(checked.diagnostics.iter().cloned());
    add_other_sources(&mut report);
    Loaded {
        report,
        checked: Some(checked),
        named_files,
    }
}

/// The PDF and DOCX files the application names (its attachments), canonicalized. Read from
/// the YAML's scalars rather than a programme's model, so every programme's evidence counts and
/// even an application with errors keeps its attachments from being judged as books.
fn named_books(text: &str, spans: &load::SpanIndex, dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = spans
        .scalar_ranges()
        .filter_map(|r| text.get(r.clone()))
        .map(|s| s.trim().trim_matches(['"', '\'']))
        .filter(|s| {
            let lower = s.to_ascii_lowercase();
            lower.ends_with(".pdf") || lower.ends_with(".docx")
        })
        .filter_map(|s| dir.join(s).canonicalize().ok())
        .collect();
    out.sort();
    out.dedup();
    out
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
