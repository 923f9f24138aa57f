//! Writers turn a [`Book`] into the bytes of one file format. Every writer has the same face,
//! [`Writer`]: its format, and `write(book) → bytes` with one error type. They share nothing
//! but the book, so the PDF and the DOCX cannot drift apart; writing files is `render`'s job.

pub mod docx;
pub mod pdf;

use crate::book::Book;
use crate::diagnostics::Text;

/// The formats a book is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Pdf, Format::Docx];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// Why a writer could not make its file, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    pub format: Format,
    pub message: Text,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message.en)
    }
}

impl std::error::Error for WriteError {}

/// One output format. `write` is pure apart from reading the book's embedded files, and the
/// same book gives the same bytes.
pub trait Writer: Send + Sync {
    fn format(&self) -> Format;

    fn write(&self, book: &Book) -> Result<Vec<u8>, WriteError>;

    /// A line about how the file was made that the user should see (the PDF names its font).
    fn note(&self) -> Option<Text> {
        None
    }

    /// Does now what the first book would otherwise wait for (the PDF loads its Kai font), so
    /// that it can be done while the application is still being read and checked.
    fn warm(&self) {}
}

thread_local! {
    /// Set while this thread writes its books' files in turn (see [`in_turn`]).
    static IN_TURN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the writers doing their work on this thread alone. A folder's render has every
/// thread of the pool busy with books of its own: a writer that split its work and waited for
/// the parts would run other books meanwhile, on its stack and in its memory.
pub fn in_turn<R>(f: impl FnOnce() -> R) -> R {
    let before = IN_TURN.with(|t| t.replace(true));
    let out = f();
    IN_TURN.with(|t| t.set(before));
    out
}

/// Whether a writer may share its work among rayon's threads.
fn may_split() -> bool {
    !IN_TURN.with(|t| t.get())
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for "the time this was made".
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
}

/// The date every writer puts in its file, `[year, month, day, hour, minute, second]` in UTC:
/// the epoch when given (SOURCE_DATE_EPOCH), else the application date at midnight; never the
/// clock, so the same input gives the same bytes.
pub fn made_at(book: &Book, epoch: Option<i64>) -> Option<[i64; 6]> {
    match epoch {
        Some(secs) => {
            let d = crate::model::Date::from_days(secs.div_euclid(86_400));
            let rest = secs.rem_euclid(86_400);
            Some([
                d.year.into(),
                d.month.into(),
                d.day.into(),
                rest / 3600,
                rest % 3600 / 60,
                rest % 60,
            ])
        }
        None => {
            let date = book.meta.date?;
            Some([
                date.year as i64,
                date.month as i64,
                date.day as i64,
                0,
                0,
                0,
            ])
        }
    }
}
