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

/// An operating-system error in Traditional Chinese: the OS speaks the user's locale at best, and
/// a zh-TW message with an English tail is harder to act on. The raw text stays in brackets for
/// searching.
pub fn io_error_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if is_link_loop(e) {
        return format!("符號連結形成迴圈，無法開啟（{e}）");
    }
    let what = match e.kind() {
        K::NotFound => "找不到檔案或資料夾",
        K::PermissionDenied => "沒有權限",
        K::AlreadyExists => "已經存在",
        K::NotADirectory => "路徑中有一段不是資料夾",
        K::IsADirectory => "這是資料夾，不是檔案",
        K::DirectoryNotEmpty => "資料夾不是空的",
        K::ReadOnlyFilesystem => "檔案系統是唯讀的",
        K::StorageFull => "磁碟空間不足",
        K::QuotaExceeded => "超過磁碟配額",
        K::FileTooLarge => "檔案太大",
        K::InvalidFilename => "檔名不合法",
        K::Interrupted => "作業被中斷",
        K::InvalidData => "資料無效",
        K::UnexpectedEof => "檔案提早結束",
        _ => "系統錯誤",
    };
    format!("{what}（{e}）")
}

/// ELOOP: symbolic links that lead round in a loop. `ErrorKind::FilesystemLoop` is not stable,
/// so the OS number is compared (40 on Linux, 62 on the BSDs and macOS).
pub fn is_link_loop(e: &std::io::Error) -> bool {
    let eloop = if cfg!(any(
        target_os = "macos",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        62
    } else {
        40
    };
    cfg!(unix) && e.raw_os_error() == Some(eloop)
}

/// Ordered from the most to the least serious, so `d.severity <= min` keeps what is at least as
/// serious as `min`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
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
    /// Findings left out by [`Report::hide_below`], counted so the summary still tells them.
    hidden: Vec<Severity>,
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

    /// Lets go of the text of every file no finding quotes a line of. A check of a large
    /// repository would otherwise hold every application's text until it prints (some 100 MB
    /// for 10,000), when only the few with findings are shown.
    pub fn drop_unquoted_sources(&mut self) {
        let diagnostics = &self.diagnostics;
        self.sources.retain(|file, _| {
            diagnostics
                .iter()
                .any(|d| d.location.line > 0 && d.location.file == *file)
        });
    }

    pub fn extend(&mut self, other: Report) {
        self.hidden.extend(other.hidden);
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

    /// Every finding, shown or hidden.
    pub fn summary(&self) -> Summary {
        let count = |s| {
            self.diagnostics.iter().filter(|d| d.severity == s).count()
                + self.hidden.iter().filter(|&&h| h == s).count()
        };
        Summary {
            files: self.files.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }

    /// Leaves out findings less serious than `min` (`--min-severity`, `--quiet`); they still
    /// count in the summary. Errors are never hidden, so the exit status does not change.
    pub fn hide_below(&mut self, min: Severity) {
        let (keep, hide): (Vec<_>, Vec<_>) = std::mem::take(&mut self.diagnostics)
            .into_iter()
            .partition(|d| d.severity <= min || d.severity == Severity::Error);
        self.hidden.extend(hide.iter().map(|d| d.severity));
        self.diagnostics = keep;
    }

    /// How many findings [`Report::hide_below`] left out.
    pub fn hidden(&self) -> usize {
        self.hidden.len()
    }

    /// The files with at least one error, in report order.
    pub fn failing_files(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && seen.insert(d.location.file.as_str()))
            .map(|d| d.location.file.as_str())
            .collect()
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

/// `--color`: whether findings are printed with colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    // Colours on a terminal, unless `NO_COLOR` is set (https://no-color.org) or `TERM=dumb`.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to a stream that is (or is not) a terminal. An explicit
    /// `always` or `never` wins over the environment.
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// The report in `format`. `help` explains a code at length, for the formats that carry it.
pub fn render(
    report: &Report,
    format: Format,
    lang: Lang,
    color: bool,
    help: &dyn Fn(&str) -> Option<Text>,
) -> String {
    match format {
        Format::Human => render_human(report, lang, color),
        Format::Json => render_json(report, lang),
        Format::Sarif => render_sarif(report, lang, help),
        Format::Github => render_github(report, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: usize) -> Location {
        Location {
            file: file.into(),
            line,
            column: 1,
            ..Location::default()
        }
    }

    /// Only a file whose line a finding quotes keeps its text; one with no finding, or with
    /// findings about the file as a whole (line 0), lets it go.
    #[test]
    fn only_quoted_sources_are_kept() {
        let mut r = Report::default();
        for f in ["quoted.yaml", "clean.yaml", "whole.yaml"] {
            r.add_source(f, Arc::from("a: 1\n"));
        }
        let message = || Text::new("訊息", "message");
        r.diagnostics
            .push(Diagnostic::error("X", at("quoted.yaml", 1), message()));
        r.diagnostics
            .push(Diagnostic::error("X", at("whole.yaml", 0), message()));
        r.drop_unquoted_sources();
        assert_eq!(r.source("quoted.yaml"), Some("a: 1\n"));
        assert_eq!(r.source("clean.yaml"), None);
        assert_eq!(r.source("whole.yaml"), None);
    }
}
