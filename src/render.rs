//! `appbook render`: check an application exactly as `appbook check` does, and only when it has
//! no errors build its book and write the requested formats. A rejected application leaves no
//! file behind.

use crate::book::Book;
use crate::check;
use crate::diagnostics::{Report, Text};
use crate::load;
use crate::writers::pdf::fonts::FontOptions;
use crate::writers::pdf::Renderer;
use std::path::{Path, PathBuf};

/// The outcome of checking an application before rendering it.
pub struct Prepared {
    /// Everything `check` found (warnings are printed even when the book is written).
    pub report: Report,
    /// The book, when the application has no errors.
    pub book: Option<Book>,
}

pub fn prepare(path: &Path) -> Prepared {
    let mut report = check::check_yaml(path);
    if report.exit_code() != 0 {
        return Prepared { report, book: None };
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let built = load::read_source(path).and_then(|src| {
        let spans = load::index(&src)?;
        let programme = check::find_programme(&src, &spans)?;
        programme.book(&src, &spans, &dir)
    });
    match built {
        Ok(book) => Prepared {
            report,
            book: Some(book),
        },
        Err(f) => {
            report.unreadable |= f.fatal;
            report.diagnostics.push(f.diagnostic);
            Prepared { report, book: None }
        }
    }
}

/// `samples/agency/application.yaml` → `agency`: the application's folder names the book.
pub fn book_name(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    abs.parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "application".into())
}

/// Renders `book` to `DIR/<name>.pdf` with a renderer built from `fonts`.
pub fn pdf(book: &Book, fonts: &FontOptions, out_dir: &Path, name: &str) -> Result<PathBuf, Text> {
    let renderer = Renderer::new(fonts)?;
    let out = out_dir.join(format!("{name}.pdf"));
    crate::writers::pdf::write(&renderer, book, &out)?;
    Ok(out)
}
