//! Findings and how they are printed. Checks produce [`Diagnostic`]s; printers in the
//! submodules turn a [`Report`] into human text, JSON, SARIF or GitHub annotations.

mod github;
mod human;
mod json;
mod sarif;

use std::collections::BTreeMap;
use std::sync::Arc;

pub use github::render_github;
pub use human::render_human;
pub use json::render_json;
pub use sarif::render_sarif;

/// The language of messages shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhTw,
    En,
}

/// A sentence in both languages; the printer picks one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhTw => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Where a finding is. Lines and columns are 1-based; `byte` is the value's byte range in
/// the source when known, so the human printer can underline it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub byte: Option<std::ops::Range<usize>>,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub code: String,
    pub severity: Severity,
    pub message: Text,
    pub hint: Option<Text>,
    pub location: Location,
}

impl Diagnostic {
    pub fn new(code: &str, severity: Severity, location: Location, message: Text) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity,
            message,
            hint: None,
            location,
        }
    }

    pub fn error(code: &str, location: Location, message: Text) -> Self {
        Self::new(code, Severity::Error, location, message)
    }

    pub fn warning(code: &str, location: Location, message: Text) -> Self {
        Self::new(code, Severity::Warning, location, message)
    }

    pub fn with_hint(mut self, hint: Text) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// Everything one `check` run found, plus the sources needed to quote lines.
#[derive(Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Files examined, whether or not they had findings.
    pub files: Vec<String>,
    /// True when some input could not be read at all (exit status 2).
    pub unreadable: bool,
    sources: BTreeMap<String, Arc<str>>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn add_source(&mut self, file: &str, text: Arc<str>) {
        self.sources.insert(file.to_string(), text);
    }

    pub fn source(&self, file: &str) -> Option<&str> {
        self.sources.get(file).map(|s| &**s)
    }

    pub fn extend(&mut self, other: Report) {
        self.diagnostics.extend(other.diagnostics);
        self.files.extend(other.files);
        self.unreadable |= other.unreadable;
        self.sources.extend(other.sources);
    }

    /// Orders findings by file, then position, then code, so output is stable whatever order
    /// the rules ran in.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by(|a, b| {
            (
                &a.location.file,
                a.location.line,
                a.location.column,
                &a.code,
            )
                .cmp(&(
                    &b.location.file,
                    b.location.line,
                    b.location.column,
                    &b.code,
                ))
        });
    }

    pub fn summary(&self) -> Summary {
        let count = |s| self.diagnostics.iter().filter(|d| d.severity == s).count();
        Summary {
            files: self.files.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// SPEC §6: 0 no errors, 1 errors found, 2 unreadable input.
    pub fn exit_code(&self) -> i32 {
        if self.unreadable {
            2
        } else if self.summary().errors > 0 {
            1
        } else {
            0
        }
    }
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

pub fn render(report: &Report, format: Format, lang: Lang, color: bool) -> String {
    match format {
        Format::Human => render_human(report, lang, color),
        Format::Json => render_json(report, lang),
        Format::Sarif => render_sarif(report, lang),
        Format::Github => render_github(report, lang),
    }
}
