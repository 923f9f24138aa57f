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
pub trait Writer: Sync {
    fn format(&self) -> Format;

    fn write(&self, book: &Book) -> Result<Vec<u8>, WriteError>;

    /// A line about how the file was made that the user should see (the PDF names its font).
    fn note(&self) -> Option<Text> {
        None
    }
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
            let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
            let rest = secs.rem_euclid(86_400);
            Some([y, m, d, rest / 3600, rest % 3600 / 60, rest % 60])
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

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn epoch_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_259), (2025, 6, 20));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
