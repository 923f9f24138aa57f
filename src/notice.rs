//! `appbook notice`: the 補正通知 a reviewer sends to an applicant whose application has
//! errors. Each problem the rules found is listed in plain zh-TW (the finding's message, its
//! line and how to fix it), grouped by the part of the form it belongs to (基本資料表, each
//! 評審項目, the attachments), with the deadline of seven days after the notice date
//! (申請資料及附件不齊全者，經通知後應於七日內補正). Written as PDF and DOCX from one [`Book`].
//!
//! An application whose YAML does not parse still gets its letter: its problems are the parse
//! findings, its programme is read from its `programme:` line, and since its 申請單位名稱 cannot
//! be read the letter is addressed by the application's folder name and says so.

use crate::application::{self, Loaded};
use crate::book::numbering::label;
use crate::book::{Book, Section};
use crate::diagnostics::{Diagnostic, Report, Severity, Text};
use crate::edition::Edition;
use crate::model::Date;
use crate::reviewing::{self, line, para};
use crate::writers::Writer;
use std::path::PathBuf;

/// The days an applicant has to complete the application after the notice.
pub const DAYS_TO_FIX: i64 = 7;

pub struct Request {
    pub application: PathBuf,
    pub out_dir: PathBuf,
    /// The notice date.
    pub date: Date,
    /// The sender: 主管機關 (default: the application's 隸屬機關), 承辦人 and 聯絡電話, as the
    /// 一覽表 has them. A letter the applicant cannot answer to is no 補正通知.
    pub sender: crate::reviewing::Sender,
}

/// The last day to complete the application: seven days after the notice, moved to Monday
/// when it falls on a Saturday or Sunday (行政程序法第48條第4項: a period ending on a rest day
/// ends on the next working day). National holidays are not known to appbook; the letter says
/// that they move the deadline too.
pub fn deadline(date: Date) -> Date {
    let due = date.plus_days(DAYS_TO_FIX);
    match due.weekday() {
        5 => due.plus_days(2),
        6 => due.plus_days(1),
        _ => due,
    }
}

/// Rewrites a finding's text for a letter: the command line's `key` quoting becomes 「key」, and
/// a YAML snippet to write (寫成 planned: 2000000) is quoted as one, so the PDF and the DOCX
/// show the same plain zh-TW text instead of Markdown marks.
pub fn plain_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    for c in text.chars() {
        if c == '`' {
            out.push(if open { '」' } else { '「' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    // An unpaired mark is a literal backtick, not a quote.
    if open {
        if let Some(i) = out.rfind('「') {
            out.replace_range(i..i + '「'.len_utf8(), "`");
        }
    }
    // Full-width quotes need no spaces around them, as the backticks did in mixed text.
    let out = out.replace(" 「", "「").replace("」 ", "」");
    const WRITE: &str = "寫成 ";
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find(WRITE) {
        result.push_str(&rest[..i]);
        let after = &rest[i + WRITE.len()..];
        let end = after
            .find(['。', '；', '，', '」', '（'])
            .unwrap_or(after.len());
        let snippet = after[..end].trim_end();
        if !snippet.is_empty() && snippet.contains([':', '{']) {
            result.push_str("寫成「");
            result.push_str(snippet);
            result.push('」');
            rest = &after[snippet.len()..];
        } else {
            result.push_str(WRITE);
            rest = after;
        }
    }
    result.push_str(rest);
    result
}

#[derive(Default)]
pub struct Outcome {
    /// The rules' findings (printed for the reviewer too).
    pub report: Report,
    pub written: Vec<PathBuf>,
    /// The application has no error: no notice is needed and none is written.
    pub nothing_to_fix: bool,
    pub deadline: Option<Date>,
    pub failure: Option<Text>,
    /// The application could not be read far enough to tell its programme (no readable
    /// `programme:` line naming a known one), so no letter can name the programme.
    pub programme_unknown: bool,
    /// The letter is addressed by the application's folder name: its 申請單位名稱 cannot be read.
    pub unit_unknown: bool,
}

impl Outcome {
    /// 1 when the letter cannot be written; 2 when the application cannot be read at all or
    /// names no known programme (no notice can follow its form); else 0, also when there is
    /// nothing to fix.
    pub fn exit_code(&self) -> i32 {
        if self.failure.is_some() {
            1
        } else if self.written.is_empty() && !self.nothing_to_fix {
            2
        } else {
            0
        }
    }
}

pub fn run(req: &Request, writers: &[Box<dyn Writer>]) -> Outcome {
    let path = crate::render::application_file(&req.application);
    let Loaded {
        report, checked, ..
    } = application::load(&path);
    let mut out = Outcome {
        report,
        ..Outcome::default()
    };
    let errors: Vec<&Diagnostic> = out
        .report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    // The programme whose words the letter takes, the applicant's name when it is known, and
    // the 主管機關 it names.
    let (edition, unit, agency) = match &checked {
        Some(c) => {
            let facts = c.facts();
            (
                &c.programme.edition,
                Some(facts.unit).filter(|u| !u.is_empty()),
                facts.agency.filter(|a| !a.trim().is_empty()),
            )
        }
        // A file that cannot be read at all is no application to write to.
        None if out.report.unreadable => return out,
        None => {
            let text = out.report.source(&path.display().to_string());
            match text.and_then(named_programme) {
                Some(p) => (&p.edition, None, None),
                None => {
                    out.programme_unknown = true;
                    return out;
                }
            }
        }
    };
    if errors.is_empty() {
        out.nothing_to_fix = true;
        return out;
    }
    out.unit_unknown = unit.is_none();
    let agency = req.sender.agency.clone().or(agency);
    let book = letter(req, edition, &path, unit, agency, &errors);
    let name = format!(
        "{}-{}",
        edition.review_words().t("notice_file", &[]),
        crate::render::book_name(&path)
    );
    match reviewing::write_form(&book, writers, &req.out_dir, &name) {
        Ok(w) => {
            out.written = w;
            out.deadline = Some(deadline(req.date));
        }
        Err(e) => out.failure = Some(e),
    }
    out
}

/// The programme edition an application names on its own top-level `programme:` and
/// `edition:` lines, read line by line so that a YAML error elsewhere does not hide it.
fn named_programme(text: &str) -> Option<&'static crate::programmes::Programme> {
    let top = |key: &str| {
        text.lines().find_map(|l| {
            let v = l.strip_prefix(key)?.strip_prefix(':')?;
            let v = v.split(" #").next().unwrap_or(v).trim();
            Some(v.trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty())
        })
    };
    crate::programmes::find(&top("programme")?, top("edition").as_deref())
}

/// The letter: to whom, the date and deadline, and each error under its part of the form.
/// `unit` is None when no 申請單位名稱 can be read from the application; the letter then names
/// the application's folder and says so.
fn letter(
    req: &Request,
    edition: &Edition,
    path: &std::path::Path,
    unit: Option<String>,
    agency: Option<String>,
    errors: &[&Diagnostic],
) -> Book {
    let w = edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let folder = crate::render::book_name(path);
    let to = match &unit {
        Some(u) => t("notice_to", &[("unit", u)]),
        None => t("notice_to_unknown", &[("folder", &folder)]),
    };
    let unit = unit.unwrap_or(folder);
    let due_date = deadline(req.date);
    let (date, due) = (req.date.roc_long(), due_date.roc_long());
    let programme = t("programme", &[]);
    let title = t("notice_title", &[]);
    let blank = t("notice_blank", &[]);
    let mut head = vec![
        line(to),
        line(t("notice_date", &[("date", &date)])),
        line(t(
            "notice_from",
            &[("agency", agency.as_deref().unwrap_or(&blank))],
        )),
        line(t(
            "notice_officer",
            &[("officer", req.sender.officer.as_deref().unwrap_or(&blank))],
        )),
        line(t(
            "notice_phone",
            &[("phone", req.sender.phone.as_deref().unwrap_or(&blank))],
        )),
        para(t(
            "notice_subject",
            &[("programme", &programme), ("deadline", &due)],
        )),
        line(t("notice_explain", &[])),
        para(t("notice_basis", &[])),
        para(t("notice_deadline", &[("deadline", &due)])),
    ];
    if due_date != req.date.plus_days(DAYS_TO_FIX) {
        head.push(para(t(
            "notice_moved",
            &[("end", &req.date.plus_days(DAYS_TO_FIX).roc_long())],
        )));
    }
    head.push(para(t("notice_holiday", &[])));
    head.push(line(t("notice_list", &[])));
    let mut sections = vec![Section::plain(1, title.clone(), head)];
    // Each finding under the first part of the form whose path starts its own; the rest last.
    let groups = &edition.review.groups;
    let group_of = |d: &Diagnostic| {
        groups.iter().position(|g| {
            let p = d.location.path.as_str();
            p == g.path
                || p.strip_prefix(g.path.as_str())
                    .is_some_and(|rest| rest.starts_with(['.', '[']))
        })
    };
    // The letter numbers as the book does, 壹、→ 一、→（一）: 壹 說明, 貳 應補正事項, each part
    // of the form under it as 一、 and each problem as （一）. A part's own number in the
    // edition's title (壹、企業基本資料) is dropped: under 貳 it would read as a second scheme.
    let mut part = 0;
    for gi in (0..groups.len()).map(Some).chain([None]) {
        let mine: Vec<&&Diagnostic> = errors.iter().filter(|d| group_of(d) == gi).collect();
        if mine.is_empty() {
            continue;
        }
        part += 1;
        let name = match gi {
            Some(i) => without_number(&groups[i].title).to_string(),
            None => t("notice_group_other", &[]),
        };
        let heading = format!("{}{name}", label(2, part));
        let mut blocks = Vec::new();
        for (n, d) in mine.into_iter().enumerate() {
            let at = if d.location.line > 0 {
                t("notice_where", &[("line", &d.location.line.to_string())])
            } else {
                String::new()
            };
            blocks.push(line(t(
                "notice_item",
                &[
                    ("n", &label(3, n as u32 + 1)),
                    ("message", &plain_quotes(&d.message.zh)),
                    ("where", &at),
                ],
            )));
            if let Some(h) = &d.hint {
                blocks.push(para(t("notice_hint", &[("hint", &plain_quotes(&h.zh))])));
            }
        }
        sections.push(Section::plain(2, heading, blocks));
    }
    let mut book = Book::form(title.clone(), unit, sections);
    // The letter's files carry its own date, not the clock (SOURCE_DATE_EPOCH still wins).
    book.meta.date = Some(req.date);
    book
}

/// A title without the heading number it starts with (壹、企業基本資料 → 企業基本資料).
fn without_number(title: &str) -> &str {
    if crate::book::numbering::parse(title).is_none() {
        return title;
    }
    match title.find(['、', ')', '）', '.', '．']) {
        Some(i) => {
            let mark = title[i..].chars().next().map_or(0, char::len_utf8);
            title[i + mark..].trim_start()
        }
        None => title,
    }
}

/// Today's date in UTC, the default notice date.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days(secs.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_on_a_weekend_moves_to_monday() {
        // 2025-07-01 is a Tuesday: 07-08 is a Tuesday too.
        assert_eq!(
            deadline(Date::new(2025, 7, 1).unwrap()),
            Date::new(2025, 7, 8).unwrap()
        );
        // 2025-07-05 + 7 = Saturday 07-12 → Monday 07-14.
        assert_eq!(
            deadline(Date::new(2025, 7, 5).unwrap()),
            Date::new(2025, 7, 14).unwrap()
        );
        // 2025-07-06 + 7 = Sunday 07-13 → Monday 07-14.
        assert_eq!(
            deadline(Date::new(2025, 7, 6).unwrap()),
            Date::new(2025, 7, 14).unwrap()
        );
        // Across the year's end: 2025-12-28 + 7 = Sunday 2026-01-04 → 01-05.
        assert_eq!(
            deadline(Date::new(2025, 12, 28).unwrap()),
            Date::new(2026, 1, 5).unwrap()
        );
    }

    #[test]
    fn command_line_quotes_become_zh_tw_quotes() {
        assert_eq!(
            plain_quotes("答「否」時刪除 `description`；若確有辦理"),
            "答「否」時刪除「description」；若確有辦理"
        );
        assert_eq!(
            plain_quotes("寫成 planned: 2000000"),
            "寫成「planned: 2000000」"
        );
        assert_eq!(plain_quotes("寫成 35000。"), "寫成 35000。");
        assert_eq!(plain_quotes("a ` b"), "a ` b");
    }
}
