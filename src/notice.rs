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
    // The programme whose words the letter takes, and the applicant's name when it is known.
    let (edition, unit) = match &checked {
        Some(c) => {
            let unit = c.facts().unit;
            (&c.programme.edition, Some(unit).filter(|u| !u.is_empty()))
        }
        // A file that cannot be read at all is no application to write to.
        None if out.report.unreadable => return out,
        None => {
            let text = out.report.source(&path.display().to_string());
            match text.and_then(named_programme) {
                Some(p) => (&p.edition, None),
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
    let book = letter(req, edition, &path, unit, &errors);
    let name = format!(
        "{}-{}",
        edition.review_words().t("notice_file", &[]),
        crate::render::book_name(&path)
    );
    match reviewing::write_form(&book, writers, &req.out_dir, &name) {
        Ok(w) => {
            out.written = w;
            out.deadline = Some(req.date.plus_days(DAYS_TO_FIX));
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
    let deadline = req.date.plus_days(DAYS_TO_FIX);
    let (date, due) = (req.date.roc_long(), deadline.roc_long());
    let programme = t("programme", &[]);
    let title = t("notice_title", &[]);
    let head = vec![
        line(to),
        line(t("notice_date", &[("date", &date)])),
        para(t(
            "notice_subject",
            &[("programme", &programme), ("deadline", &due)],
        )),
        line(t("notice_explain", &[])),
        para(t("notice_basis", &[])),
        para(t("notice_deadline", &[("deadline", &due)])),
        para(t("notice_list", &[])),
    ];
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
    let mut n = 0;
    for gi in (0..groups.len()).map(Some).chain([None]) {
        let mine: Vec<&&Diagnostic> = errors.iter().filter(|d| group_of(d) == gi).collect();
        if mine.is_empty() {
            continue;
        }
        let heading = match gi {
            Some(i) => groups[i].title.clone(),
            None => t("notice_group_other", &[]),
        };
        let mut blocks = Vec::new();
        for d in mine {
            n += 1;
            let at = if d.location.line > 0 {
                t("notice_where", &[("line", &d.location.line.to_string())])
            } else {
                String::new()
            };
            blocks.push(line(t(
                "notice_item",
                &[
                    ("n", &n.to_string()),
                    ("message", &d.message.zh),
                    ("where", &at),
                ],
            )));
            if let Some(h) = &d.hint {
                blocks.push(para(t("notice_hint", &[("hint", &h.zh)])));
            }
        }
        sections.push(Section::plain(2, heading, blocks));
    }
    let mut book = Book::form(title.clone(), unit, sections);
    // The letter's files carry its own date, not the clock (SOURCE_DATE_EPOCH still wins).
    book.meta.date = Some(req.date);
    book
}

/// Today's date in UTC, the default notice date.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days(secs.div_euclid(86_400))
}
