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
    match build(path, &dir) {
        Ok(book) => Prepared {
            report,
            book: Some(book),
        },
        Err(f) => {
            report.unreadable |= f.fatal;
            report.diagnostics.push(*f.diagnostic);
            Prepared { report, book: None }
        }
    }
}

fn build(path: &Path, dir: &Path) -> Result<Book, crate::load::LoadFailure> {
    let src = load::read_source(path)?;
    let spans = load::index(&src)?;
    let programme = check::find_programme(&src, &spans)?;
    programme.book(&src, &spans, dir)
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

/// A written book and the font it is set in.
pub struct Written {
    pub path: PathBuf,
    /// The Kai family used, as the font names itself.
    pub font: String,
    /// True when that is the real 標楷體.
    pub biaukai: bool,
}

impl Written {
    /// SPEC §4.1: the PDF says which Kai font it used.
    pub fn font_note(&self) -> Text {
        if self.biaukai {
            Text::new(
                format!("字型：{}（標楷體）", self.font),
                format!("font: {} (標楷體)", self.font),
            )
        } else {
            Text::new(
                format!("字型：{}（未安裝標楷體，改用依教育部標準字體的免費楷書字型）", self.font),
                format!("font: {} (標楷體 is not installed; a free Kai font following the Ministry's standard glyphs is used)", self.font),
            )
        }
    }
}

/// Renders `book` to `DIR/<name>.pdf` with a renderer built from `fonts`.
pub fn pdf(book: &Book, fonts: &FontOptions, out_dir: &Path, name: &str) -> Result<Written, Text> {
    let renderer = Renderer::new(fonts)?;
    let out = out_dir.join(format!("{name}.pdf"));
    crate::writers::pdf::write(&renderer, book, &out)?;
    Ok(Written {
        path: out,
        font: renderer.family().to_string(),
        biaukai: renderer.is_biaukai(),
    })
}
