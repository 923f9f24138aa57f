//! What every rule needs: where the application lives, where each value is, and a place to
//! put findings. Rules name values by YAML path; the context turns paths into locations.

use crate::diagnostics::{Diagnostic, Location, Severity, Text};
use crate::load::SpanIndex;
use std::path::{Path, PathBuf};

pub struct Context<'a> {
    pub file: &'a str,
    pub spans: &'a SpanIndex,
    /// The application's folder: attachments must stay inside it.
    pub dir: PathBuf,
    pub found: Vec<Diagnostic>,
    /// Every usable attachment, by the relative path the application gives, as read once by
    /// [`super::attachments::check`].
    pub attachments: Attachments,
    /// `dir` with its links resolved, worked out once for all the files the application names.
    canonical_dir: std::cell::OnceCell<Option<PathBuf>>,
    /// Folders under `dir` already seen to be folders and not links, so the attachments in
    /// one folder do not each ask about it again.
    pub(super) plain_dirs: std::cell::RefCell<Vec<PathBuf>>,
}

pub use crate::attachment::Attachments;

impl<'a> Context<'a> {
    pub fn new(file: &'a str, spans: &'a SpanIndex, dir: &Path) -> Self {
        Context {
            file,
            spans,
            dir: dir.to_path_buf(),
            found: Vec::new(),
            attachments: Attachments::new(),
            canonical_dir: std::cell::OnceCell::new(),
            plain_dirs: Default::default(),
        }
    }

    /// The application's folder with its links resolved; None when it cannot be.
    pub fn canonical_dir(&self) -> Option<&Path> {
        self.canonical_dir
            .get_or_init(|| self.dir.canonicalize().ok())
            .as_deref()
    }

    pub fn location(&self, path: &str) -> Location {
        self.spans.location(self.file, path)
    }

    pub fn report(
        &mut self,
        code: &str,
        severity: Severity,
        path: &str,
        message: Text,
        hint: Option<Text>,
    ) {
        let mut d = Diagnostic::new(code, severity, self.location(path), message);
        d.hint = hint;
        self.found.push(d);
    }

    pub fn error(&mut self, code: &str, path: &str, message: Text, hint: Text) {
        self.report(code, Severity::Error, path, message, Some(hint));
    }

    pub fn warning(&mut self, code: &str, path: &str, message: Text, hint: Text) {
        self.report(code, Severity::Warning, path, message, Some(hint));
    }

    /// A required field: missing, or only white space.
    pub fn required_text(
        &mut self,
        code: &str,
        path: &str,
        label: &str,
        value: Option<&String>,
    ) -> bool {
        match value {
            Some(v) if !v.trim().is_empty() => true,
            _ => {
                self.missing(code, path, label);
                false
            }
        }
    }

    pub fn required<T>(&mut self, code: &str, path: &str, label: &str, value: Option<&T>) -> bool {
        if value.is_none() {
            self.missing(code, path, label);
            false
        } else {
            true
        }
    }

    pub fn missing(&mut self, code: &str, path: &str, label: &str) {
        let present = self.spans.contains(path);
        let (zh, en) = if present {
            (
                format!("「{label}」是空的"),
                format!("「{label}」 ({path}) is empty"),
            )
        } else {
            (
                format!("缺少必填欄位「{label}」"),
                format!("the required field 「{label}」 ({path}) is missing"),
            )
        };
        let key = path.rsplit('.').next().unwrap_or(path).to_string();
        self.error(
            code,
            path,
            Text::new(zh, en),
            Text::new(
                format!("請填寫 `{key}`（{label}）。"),
                format!("fill in `{key}` ({label})."),
            ),
        );
    }
}

/// `a.b` + `c` → `a.b.c`
pub fn join(parent: &str, key: &str) -> String {
    crate::load::join_key(parent, key)
}
