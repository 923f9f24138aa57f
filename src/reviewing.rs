//! What the reviewers' commands (`roster`, `score`, `notice`, and `render` of a folder) share:
//! every application under a folder, checked once each and in parallel, with a stable name; and
//! the forms they produce, written in every format from one [`Book`] and atomically.

use crate::application::{self, Loaded};
use crate::book::{Block, Book};
use crate::check::{self, Input};
use crate::diagnostics::{Report, Severity, Text};
use crate::render;
use crate::writers::Writer;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One application found under the folder, after its one rules pass.
pub struct Entry {
    /// The application's folder relative to the folder given, with `/` (`agency`,
    /// `moe-learning-award/agency`): how forms and score files name it.
    pub id: String,
    pub path: PathBuf,
    pub loaded: Loaded,
}

impl Entry {
    /// The codes of its errors, each once, sorted.
    pub fn error_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .loaded
            .report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.clone())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }
}

/// The applications under `dir` (as `check` finds them: YAML files with `programme:`), checked
/// in parallel and sorted by their id. A report with the reason when there are none or the
/// folder cannot be read (exit status 2, as `check`).
pub fn load_all(dir: &Path) -> Result<Vec<Entry>, Report> {
    let paths = [dir.to_path_buf()];
    let found = check::collect(&paths, &check::Options::default());
    let mut report = Report::default();
    report.unreadable = true;
    if !found.problems.is_empty() {
        report.diagnostics.extend(found.problems);
        return Err(report);
    }
    let yaml: Vec<PathBuf> = found
        .inputs
        .into_iter()
        .filter_map(|(i, _)| match i {
            Input::Yaml(p) => Some(p),
            _ => None,
        })
        .collect();
    if yaml.is_empty() {
        report
            .diagnostics
            .push(check::nothing_found(&paths, &check::Options::default()));
        return Err(report);
    }
    let mut entries: Vec<Entry> = yaml
        .into_par_iter()
        .map(|path| Entry {
            id: id_of(dir, &path),
            loaded: application::load(&path),
            path,
        })
        .collect();
    entries.sort_by(|a, b| natural(&a.id, &b.id).then_with(|| a.path.cmp(&b.path)));
    Ok(entries)
}

/// Orders names as a person numbering folders expects: runs of digits by their value, so
/// `app2` < `app9` < `app10` (plain text order puts `app10` first, and the 一覽表 numbers
/// applications in this order).
pub fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn runs(s: &str) -> impl Iterator<Item = &str> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digit = first.is_ascii_digit();
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digit)
                .unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            rest = tail;
            Some(run)
        })
    }
    let (mut ra, mut rb) = (runs(a), runs(b));
    loop {
        match (ra.next(), rb.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let numeric = x.as_bytes()[0].is_ascii_digit() && y.as_bytes()[0].is_ascii_digit();
                let o = if numeric {
                    let (tx, ty) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                    tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
                } else {
                    x.cmp(y)
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// Agency names as written, folded through a small table of variant characters that look the
/// same on paper but are different code points (内 U+5185 for 內 U+5167, 台 for 臺, 国 for 國,
/// 衞 for 衛...): two 主管機關 that differ only by one of them are almost surely one agency typed on two
/// keyboards. The table is kept to the characters seen in agency names, not a full variant
/// database.
pub const VARIANTS: &[(char, char)] = &[
    ('内', '內'),
    ('台', '臺'),
    ('国', '國'),
    ('衞', '衛'),
    ('敎', '教'),
    ('爲', '為'),
    ('説', '說'),
    ('戸', '戶'),
];

/// `name` with each variant of [`VARIANTS`] replaced by its standard form, and white space
/// (half- and full-width) removed.
pub fn fold_variants(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            VARIANTS
                .iter()
                .find(|(v, _)| *v == c)
                .map_or(c, |(_, standard)| *standard)
        })
        .collect()
}

/// Who sends a reviewer's form (`--agency`, `--officer`, `--phone`).
#[derive(Clone, Debug, Default)]
pub struct Sender {
    /// The 主管機關: the one whose 一覽表 is made, or who sends the 補正通知.
    pub agency: Option<String>,
    /// 承辦人 and 聯絡電話, printed on the form when given.
    pub officer: Option<String>,
    pub phone: Option<String>,
}

/// An application a reviewers' form leaves out, and why.
pub struct LeftOut {
    pub id: String,
    /// Its error codes; empty when it passed but the form is not for its programme.
    pub codes: Vec<String>,
}

/// `samples/moe/agency/application.yaml` under `samples` → `moe/agency`; an application file
/// directly in the folder is named by the folder (`render`'s book name).
fn id_of(dir: &Path, path: &Path) -> String {
    let folder = path.parent().unwrap_or(Path::new(""));
    let rel = folder.strip_prefix(dir).unwrap_or(folder);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match (parts.is_empty(), stem.as_str()) {
        (true, "application") => render::book_name(path),
        (true, _) => stem,
        (false, "application") => parts.join("/"),
        (false, _) => format!("{}/{stem}", parts.join("/")),
    }
}

/// A name that is safe as one file name on every system: `/`, `\` and the characters Windows
/// refuses become `_`.
pub fn file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// Writes `book` as `DIR/<name>.<ext>` in every format of `writers` (all files or none), and
/// creates DIR when missing.
pub fn write_form(
    book: &Book,
    writers: &[Box<dyn Writer>],
    dir: &Path,
    name: &str,
) -> Result<Vec<PathBuf>, Text> {
    render::write_book(book, writers, dir, &file_name(name))
}

/// Removes files a run wrote before a later one failed, so the run leaves all or nothing.
pub fn remove(files: impl IntoIterator<Item = PathBuf>) {
    for p in files {
        let _ = std::fs::remove_file(p);
    }
}

/// The byte-order mark that starts every CSV appbook writes: without it Excel on Windows opens
/// a UTF-8 file in the ANSI code page (Big5) and shows the Chinese as garbage. appbook's own
/// readers skip it.
pub const CSV_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes a CSV made in memory, atomically, with a UTF-8 byte-order mark.
pub fn write_csv(path: &Path, rows: &[Vec<String>]) -> Result<PathBuf, Text> {
    let mut w = csv::Writer::from_writer(CSV_BOM.to_vec());
    for r in rows {
        w.write_record(r)
            .map_err(|e| cannot_write(path, &e.to_string()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| cannot_write(path, &e.to_string()))?;
    crate::write::atomic(path, &bytes)
        .map_err(|e| cannot_write(path, &crate::diagnostics::io_error_zh(&e)))?;
    Ok(path.to_path_buf())
}

fn cannot_write(path: &Path, why: &str) -> Text {
    Text::new(
        format!("無法寫入「{}」：{why}", path.display()),
        format!("cannot write `{}`: {why}", path.display()),
    )
}

/// A line of a form.
pub fn line(text: String) -> Block {
    Block::Line { text }
}

/// A paragraph of a form.
pub fn para(text: String) -> Block {
    Block::Paragraph { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_in_natural_order() {
        let mut ids = vec!["app10", "app2", "app9", "moe/a10", "moe/a9", "app02b", "b"];
        ids.sort_by(|a, b| natural(a, b));
        assert_eq!(
            ids,
            ["app2", "app02b", "app9", "app10", "b", "moe/a9", "moe/a10"]
        );
    }

    #[test]
    fn agency_names_fold_their_variant_characters() {
        assert_eq!(fold_variants("内政部"), fold_variants("內政部"));
        assert_eq!(fold_variants("台灣 省"), "臺灣省");
        assert_ne!(fold_variants("內政部"), fold_variants("文化部"));
    }
}
