//! One application, read and checked once. `check` reports what this finds; `render` builds
//! the book from the same checked model, so the rules run once per application.

use crate::diagnostics::{Report, Text};
use crate::load::{self, LoadFailure};
use crate::programmes::{self, Checked};
use std::path::{Path, PathBuf};

/// An application after its one rules pass.
pub struct Loaded {
    /// Everything the rules (or the loading before them) found.
    pub report: Report,
    /// The checked model; None when the application could not be read or deserialized.
    pub checked: Option<Checked>,
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
    let mut report = Report::default();
    report.files.push(path.display().to_string());
    let failed = |mut report: Report, f: LoadFailure| {
        report.unreadable |= f.fatal;
        report.diagnostics.push(*f.diagnostic);
        Loaded {
            report,
            checked: None,
        }
    };
    if let Some(problem) = programmes::registry_problem() {
        report.unreadable = true;
        report
            .diagnostics
            .push(crate::diagnostics::Diagnostic::error(
                "INPUT-TEMPLATES",
                crate::diagnostics::Location {
                    file: path.display().to_string(),
                    ..Default::default()
                },
                Text::new(problem.zh.clone(), problem.en.clone()),
            ));
        return Loaded {
            report,
            checked: None,
        };
    }
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
    let checked =
        match programmes::for_application(&src, &spans).and_then(|p| p.check(&src, &spans, &dir)) {
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
    }
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
