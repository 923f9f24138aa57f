//! The platform's learning-record export (CSV), and the figures the competition computes from
//! it over 1/1–10/31 of the programme year: 學習人次 and the learners with a record.
//!
//! The file has a header row naming five columns, in any order, in English or Chinese:
//! `learner` (學員), `course` (課程), `hours_done` (完成時數), `course_hours` (課程時數),
//! `date` (日期). Other columns are ignored. Each row is one study session: the hours of the
//! rows of one learner and one course add up. One 學習人次 is one learner reaching 50% of a
//! course's hours within the period. 學習積分 = 學習人次 / 專區內學員人數 divides by the zone's
//! learners, which the application gives: accounts without any record count too.
//!
//! A malformed row is reported at its CSV line and left out of the figures.

use crate::attachment::Memo;
use crate::diagnostics::{Diagnostic, Location, Severity, Text};
use crate::model::{Date, Fixed};
use crate::rulekit::attachments::{self, Noun};
use crate::rulekit::context::Context;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;

/// A year of records for a whole company stays far below this; the cap keeps a wrong file
/// (a video, a database dump) from being read into memory.
pub const MAX_RECORDS_BYTES: u64 = 16 * 1024 * 1024;

/// Beyond this many bad rows the file is clearly not a record export; one summary follows.
pub const MAX_ROW_DIAGNOSTICS: usize = 100;

/// Hours above this in one row are a typing or export error, not a course.
const MAX_HOURS: f64 = 10_000.0;

const RECORDS: Noun = Noun {
    zh: "學習紀錄檔",
    en: "learning-record file",
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Learner,
    Course,
    HoursDone,
    CourseHours,
    Date,
}

const COLUMNS: [(Column, &str, &[&str]); 5] = [
    (
        Column::Learner,
        "learner",
        &["learner", "學員", "學員姓名", "姓名"],
    ),
    (Column::Course, "course", &["course", "課程", "課程名稱"]),
    (
        Column::HoursDone,
        "hours_done",
        &["hours_done", "完成時數", "已完成時數", "學習時數"],
    ),
    (
        Column::CourseHours,
        "course_hours",
        &["course_hours", "課程時數"],
    ),
    (Column::Date, "date", &["date", "日期", "學習日期"]),
];

fn header_label(c: Column) -> &'static str {
    match c {
        Column::Learner => "學員",
        Column::Course => "課程",
        Column::HoursDone => "完成時數",
        Column::CourseHours => "課程時數",
        Column::Date => "日期",
    }
}

/// The figures computed from a record file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// The file as named in the application, e.g. `records/learning.csv`.
    pub file: String,
    /// Rows read without error.
    pub rows: usize,
    /// Well-formed rows dated outside 1/1–10/31, not counted.
    pub rows_outside: usize,
    /// The CSV line of the first of them.
    pub first_outside_line: Option<usize>,
    /// Rows with errors, not counted.
    pub rows_rejected: usize,
    /// Learners with a record in the period. The zone may hold more (accounts that have not
    /// studied yet): 學習積分 divides by the zone's learners, not by these.
    pub learners: u64,
    /// 學習人次 in the period.
    pub learning_count: u64,
    /// Distinct courses with a record in the period.
    pub courses: usize,
    /// 學習人次 by the month (1–10) in which the learner passed 50%.
    pub by_month: BTreeMap<u32, u64>,
    /// Every date with a record, sorted, for the inactivity checks.
    pub dates: Vec<Date>,
}

/// The counting period of the competition: 1/1–10/31 of the programme year.
pub fn period(year: i32) -> (Date, Date) {
    (
        Date {
            year,
            month: 1,
            day: 1,
        },
        Date {
            year,
            month: 10,
            day: 31,
        },
    )
}

struct Row {
    line: usize,
    learner: String,
    course: String,
    /// Thousandths of an hour, so 50% is compared exactly.
    done: i64,
    hours: i64,
    date: Date,
}

/// Reads the CSV named at YAML `path` (relative to the application's folder) and computes
/// the figures for programme year `year`. None when the file cannot be used at all.
pub fn read(ctx: &mut Context, path: &str, rel: &str, year: i32) -> Option<Summary> {
    let full = attachments::resolve_inside(ctx, path, rel, RECORDS)?;
    let file_name = Path::new(ctx.file)
        .parent()
        .map(|d| d.join(rel))
        .unwrap_or_else(|| Path::new(rel).to_path_buf())
        .display()
        .to_string();
    let parsed = parse_once(ctx, path, rel, &full, &file_name)?;
    let mut reader = Reader {
        ctx,
        yaml_path: path,
        file: file_name,
    };
    // What the parse found, at this application's file name and YAML path.
    for l in &parsed.log {
        reader.report(l.code, l.severity, l.line, l.msg.clone(), l.hint.clone());
    }
    let rows = parsed.rows.as_deref()?;
    let rejected = parsed.bad_rows;
    if let Some(line) = parsed.first_unreported {
        let more = rejected - MAX_ROW_DIAGNOSTICS;
        reader.report(
            "SME-RECORDS-ROW",
            Severity::Error,
            line,
            Text::new(
                format!("另有 {more} 行格式錯誤未逐一列出"),
                format!("{more} more malformed rows are not listed one by one"),
            ),
            Text::new(
                "這個檔案可能不是平台匯出的學習紀錄；請重新匯出 CSV。",
                "this may not be the platform's record export; export the CSV again.",
            ),
        );
    }
    let mut summary = summarise(rows, year);
    summary.file = rel.to_string();
    summary.rows_rejected = rejected;
    if summary.rows_outside > 0 {
        let (from, to) = period(year);
        let n = summary.rows_outside;
        reader.report(
            "SME-RECORDS-OUTSIDE-PERIOD",
            Severity::Info,
            summary.first_outside_line.unwrap_or(1),
            Text::new(
                format!("有 {n} 筆紀錄（第一筆在此行）不在核計期間 {}至 {}內，未計入學習人次與學員人數", from.roc(), to.roc()),
                format!("{n} records (the first on this line) fall outside the counting period {from} to {to} and are not counted"),
            ),
            Text::new(
                "這是提醒；學習積分只計核計期間內的紀錄。",
                "for information: 學習積分 counts only records in the period.",
            ),
        );
    }
    Some(summary)
}

/// A record file's rows and what was wrong with them, which depend on its content alone.
struct Parsed {
    /// None when the header makes the file unusable.
    rows: Option<Vec<Row>>,
    /// The findings, in the order they were made.
    log: Vec<Logged>,
    bad_rows: usize,
    first_unreported: Option<usize>,
}

struct Logged {
    code: &'static str,
    severity: Severity,
    line: usize,
    msg: Text,
    hint: Text,
}

/// Reads and parses the file, or takes the parse of the same file made earlier in this process
/// ([`crate::attachment::Memo`], by the file's identity): a folder of applications often shares
/// one export by hard links. A file that cannot be read, or changed while it was read, is not
/// kept.
fn parse_once(
    ctx: &mut Context,
    path: &str,
    rel: &str,
    full: &Path,
    file_name: &str,
) -> Option<std::sync::Arc<Parsed>> {
    static KNOWN: Memo<std::sync::Arc<Parsed>> = Memo::new();
    let mut file = match std::fs::File::open(full) {
        Ok(file) => file,
        Err(e) => {
            read_text(ctx, path, rel, Err(e), file_name);
            return None;
        }
    };
    KNOWN
        .get_or(&mut file, |file| {
            let text = read_text(ctx, path, rel, Ok(file), file_name).ok_or(())?;
            let mut parse = Parse::default();
            let rows = parse.rows(&text);
            Ok::<_, ()>(std::sync::Arc::new(Parsed {
                rows,
                log: parse.log,
                bad_rows: parse.bad_rows,
                first_unreported: parse.first_unreported,
            }))
        })
        .ok()
}

/// The text of the opened file (or why it could not be opened), UTF-8 and within the size cap;
/// None, with the finding made, when it is not.
fn read_text(
    ctx: &mut Context,
    path: &str,
    rel: &str,
    file: std::io::Result<&mut std::fs::File>,
    file_name: &str,
) -> Option<String> {
    let fail = |ctx: &mut Context, line: usize, zh: String, en: String, hint: Text| {
        ctx.found.push(
            Diagnostic::error(
                "SME-RECORDS-FILE",
                Location {
                    file: file_name.to_string(),
                    line,
                    column: 1,
                    path: path.to_string(),
                    byte: None,
                },
                Text::new(zh, en),
            )
            .with_hint(hint),
        );
    };
    let mut bytes = Vec::new();
    let read = file.and_then(|f| {
        f.by_ref()
            .take(MAX_RECORDS_BYTES + 1)
            .read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        fail(
            ctx,
            1,
            format!(
                "學習紀錄檔「{rel}」無法讀取：{}",
                crate::diagnostics::io_error_zh(&e)
            ),
            format!("the learning-record file `{rel}` cannot be read: {e}"),
            Text::new(
                "確認 records 指向平台匯出的 CSV 檔。",
                "check that records names the platform's CSV export.",
            ),
        );
        return None;
    }
    if bytes.len() as u64 > MAX_RECORDS_BYTES {
        let mib = MAX_RECORDS_BYTES / 1024 / 1024;
        fail(
            ctx,
            1,
            format!("學習紀錄檔「{rel}」超過 {mib} MiB 上限，拒絕處理"),
            format!("the learning-record file `{rel}` is larger than the {mib} MiB limit"),
            Text::new(
                "只匯出本年度 1/1–10/31 的學習紀錄。",
                "export only this year's records (1/1–10/31).",
            ),
        );
        return None;
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes)
                .err()
                .map(|e| e.valid_up_to())
                .unwrap_or(0);
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let (zh, en) = crate::load::guess_encoding(&bytes);
            let converted = match rel.rsplit_once('.') {
                Some((stem, ext)) if !ext.contains('/') => format!("{stem}-utf8.{ext}"),
                _ => format!("{rel}-utf8"),
            };
            fail(
                ctx,
                line,
                format!("學習紀錄檔「{rel}」不是 UTF-8 編碼（第 {line} 行起無法解讀）{zh}"),
                format!("the learning-record file `{rel}` is not UTF-8 (unreadable from line {line}){en}"),
                // The command names this file and a new one beside it, and says to point the
                // application at the new one: it is copied as written.
                Text::new(
                    format!("用 Excel「另存新檔」選「CSV UTF-8（逗號分隔）」，或執行 iconv -f BIG5 -t UTF-8 {rel} > {converted}，再把申請資料中的檔名改成 {converted}。"),
                    format!("in Excel use Save As → CSV UTF-8 (comma delimited), or run iconv -f BIG5 -t UTF-8 {rel} > {converted} and name {converted} in the application."),
                ),
            );
            None
        }
    }
}

struct Reader<'a, 'c> {
    ctx: &'a mut Context<'c>,
    yaml_path: &'a str,
    file: String,
}

impl Reader<'_, '_> {
    fn report(&mut self, code: &str, severity: Severity, line: usize, msg: Text, hint: Text) {
        let location = Location {
            file: self.file.clone(),
            line,
            column: 1,
            path: self.yaml_path.to_string(),
            byte: None,
        };
        self.ctx
            .found
            .push(Diagnostic::new(code, severity, location, msg).with_hint(hint));
    }
}

/// Parsing a record file's text: the rows, and the findings in order (see [`Parsed`]).
#[derive(Default)]
struct Parse {
    log: Vec<Logged>,
    bad_rows: usize,
    first_unreported: Option<usize>,
}

impl Parse {
    fn report(
        &mut self,
        code: &'static str,
        severity: Severity,
        line: usize,
        msg: Text,
        hint: Text,
    ) {
        self.log.push(Logged {
            code,
            severity,
            line,
            msg,
            hint,
        });
    }

    fn bad_row(&mut self, line: usize, zh: String, en: String) {
        self.bad_rows += 1;
        if self.bad_rows > MAX_ROW_DIAGNOSTICS {
            self.first_unreported.get_or_insert(line);
            return;
        }
        self.report(
            "SME-RECORDS-ROW",
            Severity::Error,
            line,
            Text::new(
                format!("學習紀錄第 {line} 行：{zh}"),
                format!("learning record line {line}: {en}"),
            ),
            Text::new(
                "更正這一行（或重新匯出），此行目前未計入學習人次。",
                "correct this line (or export again); it is not counted now.",
            ),
        );
    }

    fn header_error(&mut self, line: usize, zh: String, en: String) {
        let expected = COLUMNS
            .iter()
            .map(|(c, en, _)| format!("{en}（{}）", header_label(*c)))
            .collect::<Vec<_>>()
            .join("、");
        self.report(
            "SME-RECORDS-HEADER",
            Severity::Error,
            line,
            Text::new(zh, en),
            Text::new(
                format!("第一行須是欄位名稱：{expected}。"),
                format!("the first line must name the columns: {expected}."),
            ),
        );
    }

    /// Parses the rows; None when the header makes the file unusable.
    fn rows(&mut self, text: &str) -> Option<Vec<Row>> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = csv.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                self.header_error(
                    line,
                    format!("學習紀錄檔的欄位名稱列無法解讀：{e}"),
                    format!("the header row of the learning-record file cannot be read: {e}"),
                );
                return None;
            }
            None => {
                self.header_error(
                    1,
                    "學習紀錄檔是空的，沒有欄位名稱列".into(),
                    "the learning-record file is empty: there is no header row".into(),
                );
                return None;
            }
        };
        let header_line = header.position().map_or(1, |p| p.line() as usize);
        let mut index: BTreeMap<Column, usize> = BTreeMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = name.trim().to_lowercase();
            if let Some((col, key, _)) = COLUMNS
                .iter()
                .find(|(_, _, names)| names.contains(&name.as_str()))
            {
                if index.insert(*col, i).is_some() {
                    self.header_error(
                        header_line,
                        format!("學習紀錄檔有兩個「{}」欄", header_label(*col)),
                        format!("the learning-record file has two `{key}` columns"),
                    );
                    return None;
                }
            }
        }
        let missing: Vec<&str> = COLUMNS
            .iter()
            .filter(|(c, _, _)| !index.contains_key(c))
            .map(|(c, _, _)| header_label(*c))
            .collect();
        if !missing.is_empty() {
            self.header_error(
                header_line,
                format!("學習紀錄檔缺少欄位：{}", missing.join("、")),
                format!(
                    "the learning-record file lacks the column(s): {}",
                    missing.join(", ")
                ),
            );
            return None;
        }
        let col = |c: Column| index[&c];
        let needed = index.values().max().map_or(0, |m| m + 1);
        let mut rows = Vec::new();
        // The hours of a course are the same in every row: the first row sets them.
        let mut course_hours: HashMap<String, (i64, usize)> = HashMap::new();
        let mut lines = LineCounter::default();
        for rec in records {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e
                        .position()
                        .map_or(0, |p| lines.at(text, p.byte() as usize));
                    self.bad_row(
                        line,
                        format!("無法解讀（{e}）"),
                        format!("unreadable ({e})"),
                    );
                    continue;
                }
            };
            let line = rec
                .position()
                .map_or(0, |p| lines.at(text, p.byte() as usize));
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if rec.len() < needed {
                self.bad_row(
                    line,
                    format!("只有 {} 欄，需要 {needed} 欄", rec.len()),
                    format!("has {} fields, {needed} are needed", rec.len()),
                );
                continue;
            }
            let field = |c: Column| rec.get(col(c)).unwrap_or("").trim();
            let learner = field(Column::Learner);
            let course = field(Column::Course);
            let mut problems: Vec<(String, String)> = Vec::new();
            if learner.is_empty() {
                problems.push(("學員是空的".into(), "the learner is empty".into()));
            }
            if course.is_empty() {
                problems.push(("課程是空的".into(), "the course is empty".into()));
            }
            let done = hours(field(Column::HoursDone), false);
            let total = hours(field(Column::CourseHours), true);
            if done.is_none() {
                problems.push((
                    format!("完成時數「{}」不是 0 以上的數字", field(Column::HoursDone)),
                    format!(
                        "hours done `{}` is not a number of 0 or more",
                        field(Column::HoursDone)
                    ),
                ));
            }
            if total.is_none() {
                problems.push((
                    format!(
                        "課程時數「{}」不是大於 0 的數字",
                        field(Column::CourseHours)
                    ),
                    format!(
                        "course hours `{}` is not a number above 0",
                        field(Column::CourseHours)
                    ),
                ));
            }
            let date = parse_date(field(Column::Date));
            if date.is_none() {
                problems.push((
                    format!(
                        "日期「{}」無法解讀（寫 2014-05-02 或 103/05/02）",
                        field(Column::Date)
                    ),
                    format!(
                        "the date `{}` cannot be read (write 2014-05-02 or 103/05/02)",
                        field(Column::Date)
                    ),
                ));
            }
            if let (Some(t), false) = (total, course.is_empty()) {
                match course_hours.get(course) {
                    Some(&(first, first_line)) if first != t => problems.push((
                        format!(
                            "課程「{course}」的課程時數 {} 與第 {first_line} 行的 {} 不同",
                            milli(t),
                            milli(first)
                        ),
                        format!(
                            "course `{course}` has {} hours here but {} on line {first_line}",
                            milli(t),
                            milli(first)
                        ),
                    )),
                    Some(_) => {}
                    None => {
                        course_hours.insert(course.to_string(), (t, line));
                    }
                }
            }
            match (problems.is_empty(), done, total, date) {
                (true, Some(done), Some(hours), Some(date)) => rows.push(Row {
                    line,
                    learner: learner.to_string(),
                    course: course.to_string(),
                    done,
                    hours,
                    date,
                }),
                _ => {
                    let zh = problems.iter().map(|p| p.0.as_str()).collect::<Vec<_>>();
                    let en = problems.iter().map(|p| p.1.as_str()).collect::<Vec<_>>();
                    self.bad_row(line, zh.join("；"), en.join("; "));
                }
            }
        }
        Some(rows)
    }
}

/// Line numbers from byte offsets. The csv crate puts a record that follows blank lines at
/// the first blank line, so the line breaks before the record's first byte are skipped here.
/// Records come in order, so counting resumes where the previous one stopped.
#[derive(Default)]
struct LineCounter {
    byte: usize,
    line: usize,
}

impl LineCounter {
    fn at(&mut self, text: &str, start: usize) -> usize {
        let bytes = text.as_bytes();
        let mut start = start.min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\n' || bytes[start] == b'\r') {
            start += 1;
        }
        if start < self.byte {
            self.byte = 0;
            self.line = 0;
        }
        self.line += bytes[self.byte..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = start;
        self.line + 1
    }
}

/// Hours as thousandths; `positive` rejects 0.
fn hours(s: &str, positive: bool) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let v: f64 = s.parse().ok()?;
    if !v.is_finite() || v > MAX_HOURS || (positive && v <= 0.0) {
        return None;
    }
    Some((v * 1000.0).round() as i64)
}

fn milli(v: i64) -> String {
    crate::model::plain_number(v as f64 / 1000.0)
}

/// A date, with any time of day after it (`2014-05-02 13:20`, `2014-05-02T13:20:00`) ignored.
fn parse_date(s: &str) -> Option<Date> {
    let day = s.split([' ', 'T']).next().unwrap_or("");
    Date::parse(day)
}

fn summarise(rows: &[Row], year: i32) -> Summary {
    let (from, to) = period(year);
    let mut s = Summary {
        rows: rows.len(),
        ..Summary::default()
    };
    let dates: BTreeSet<Date> = rows.iter().map(|r| r.date).collect();
    s.dates = dates.into_iter().collect();
    let mut in_period: Vec<&Row> = rows
        .iter()
        .filter(|r| r.date >= from && r.date <= to)
        .collect();
    s.rows_outside = rows.len() - in_period.len();
    s.first_outside_line = rows
        .iter()
        .filter(|r| r.date < from || r.date > to)
        .map(|r| r.line)
        .min();
    // Sessions in date order, so a learner passes 50% on the day the running total gets there.
    in_period.sort_by_key(|r| (r.date, r.line));
    // Only counted, never listed: hashed with Fx, as the span index is (SipHash and ordered
    // sets were most of a large check's time in this function).
    let mut learners: rustc_hash::FxHashSet<&str> = Default::default();
    let mut courses: rustc_hash::FxHashSet<&str> = Default::default();
    let mut progress: rustc_hash::FxHashMap<(&str, &str), (i64, bool)> = Default::default();
    for r in in_period {
        learners.insert(&r.learner);
        courses.insert(&r.course);
        let entry = progress
            .entry((&r.learner, &r.course))
            .or_insert((0, false));
        entry.0 += r.done;
        if !entry.1 && entry.0 * 2 >= r.hours {
            entry.1 = true;
            s.learning_count += 1;
            *s.by_month.entry(r.date.month).or_insert(0) += 1;
        }
    }
    s.learners = learners.len() as u64;
    s.courses = courses.len();
    s
}

/// 學習積分 = 學習人次 / 專區內學員人數, half-up to 2 decimals.
pub fn score(learning_count: u64, learners: u64) -> Option<Fixed> {
    // Whole numbers: exact in i128 for every u64, where a trip through f64 would round a
    // large count up and print a score above it.
    let hundredths = i128::from(learning_count) * 100;
    let d = i128::from(learners);
    (d > 0).then(|| Fixed((2 * hundredths + d) / (2 * d)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    fn run(csv: &str) -> (Option<Summary>, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.csv"), csv).unwrap();
        let yaml = "zone:\n  records: r.csv\n";
        let src = SourceFile::from_text("a/application.yaml", Path::new("a"), yaml);
        let spans = crate::load::index(&src).unwrap();
        let mut ctx = Context::new(&src.name, &spans, dir.path());
        let s = read(&mut ctx, "zone.records", "r.csv", 2014);
        (s, ctx.found)
    }

    const HEAD: &str = "learner,course,hours_done,course_hours,date\n";

    /// One export shared by two applications through a hard link is parsed once; each still
    /// gets the findings at its own file name, and a rewritten file is parsed again.
    #[test]
    fn a_shared_export_is_parsed_once_and_reported_for_each_application() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let csv = format!("{HEAD}王小明,安全,x,2,2014-03-01\n李大華,安全,1,2,2014-12-01\n");
        std::fs::write(a.join("r.csv"), &csv).unwrap();
        std::fs::hard_link(a.join("r.csv"), b.join("r.csv")).unwrap();
        // Files changed in the last 3 seconds are never taken from the cache.
        std::thread::sleep(std::time::Duration::from_millis(3500));
        let check = |folder: &Path, name: &str| {
            let src = SourceFile::from_text(name, folder, "zone:\n  records: r.csv\n");
            let spans = crate::load::index(&src).unwrap();
            let mut ctx = Context::new(&src.name, &spans, folder);
            let s = read(&mut ctx, "zone.records", "r.csv", 2014).unwrap();
            let found: Vec<(String, String, usize)> = ctx
                .found
                .iter()
                .map(|d| (d.code.clone(), d.location.file.clone(), d.location.line))
                .collect();
            (s.rows, s.rows_rejected, s.rows_outside, found)
        };
        let first = check(&a, "a/application.yaml");
        let second = check(&b, "b/application.yaml");
        let expect = |dir: &str| {
            (
                1,
                1,
                1,
                vec![
                    ("SME-RECORDS-ROW".to_string(), format!("{dir}/r.csv"), 2),
                    (
                        "SME-RECORDS-OUTSIDE-PERIOD".to_string(),
                        format!("{dir}/r.csv"),
                        3,
                    ),
                ],
            )
        };
        assert_eq!(first, expect("a"));
        assert_eq!(second, expect("b"));
        std::fs::write(
            b.join("r.csv"),
            format!("{HEAD}王小明,安全,1,2,2014-03-01\n"),
        )
        .unwrap();
        let rewritten = check(&b, "b/application.yaml");
        assert_eq!(rewritten, (1, 0, 0, vec![]));
    }

    #[test]
    fn half_of_the_hours_makes_one_learning_count() {
        let csv = format!(
            "{HEAD}王小明,品質管理,1,2,2014-03-01\n\
             林美玲,品質管理,0.999,2,2014-03-01\n\
             林美玲,品質管理,0.001,2,2014-04-02\n\
             陳志強,品質管理,0.5,2,2014-03-01\n"
        );
        let (s, d) = run(&csv);
        assert!(d.is_empty(), "{d:?}");
        let s = s.unwrap();
        assert_eq!(s.learning_count, 2);
        assert_eq!(s.learners, 3);
        assert_eq!(s.by_month.get(&3), Some(&1));
        assert_eq!(s.by_month.get(&4), Some(&1));
    }

    #[test]
    fn records_outside_the_period_are_not_counted() {
        let csv = format!("{HEAD}王小明,品質管理,2,2,2014-11-01\n王小明,安全衛生,2,2,2014-10-31\n");
        let (s, d) = run(&csv);
        let s = s.unwrap();
        assert_eq!((s.learning_count, s.learners, s.rows_outside), (1, 1, 1));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "SME-RECORDS-OUTSIDE-PERIOD");
    }

    #[test]
    fn malformed_rows_are_reported_at_their_csv_line() {
        let csv = format!(
            "{HEAD}王小明,品質管理,1,2,2014-03-01\n\
             林美玲,品質管理,abc,2,2014-03-01\n\
             \n\
             陳志強,品質管理,1,3,2014-03-01\n\
             張家豪,品質管理,1\n\
             \"李\n大同\",品質管理,1,2,2014-13-01\n"
        );
        let (s, d) = run(&csv);
        let lines: Vec<(usize, &str)> = d
            .iter()
            .map(|d| (d.location.line, d.code.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, "SME-RECORDS-ROW"),
                (5, "SME-RECORDS-ROW"),
                (6, "SME-RECORDS-ROW"),
                (7, "SME-RECORDS-ROW"),
            ]
        );
        assert!(d[1].message.zh.contains("第 2 行"), "{}", d[1].message.zh);
        assert_eq!(d[0].location.file, "a/r.csv");
        let s = s.unwrap();
        assert_eq!((s.rows, s.rows_rejected, s.learning_count), (1, 4, 1));
    }

    #[test]
    fn chinese_headers_in_any_order_and_extra_columns() {
        let csv = "日期,部門,學員,課程,課程時數,完成時數\n103/05/02,業務部,王小明,品質管理,2,1\n";
        let (s, d) = run(csv);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.unwrap().learning_count, 1);
    }

    #[test]
    fn a_missing_column_is_a_header_error() {
        let (s, d) = run("learner,course,hours_done,date\nA,B,1,2014-01-02\n");
        assert!(s.is_none());
        assert_eq!(d[0].code, "SME-RECORDS-HEADER");
        assert_eq!(d[0].location.line, 1);
        assert!(d[0].message.zh.contains("課程時數"));
        let (s, d) = run("");
        assert!(s.is_none());
        assert_eq!(d[0].code, "SME-RECORDS-HEADER");
    }

    #[test]
    fn big5_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let (big5, _, _) = encoding_rs::BIG5.encode("學員,課程\n王小明,品質\n");
        std::fs::write(dir.path().join("r.csv"), &big5).unwrap();
        let src = SourceFile::from_text("application.yaml", Path::new("."), "zone: {}\n");
        let spans = crate::load::index(&src).unwrap();
        let mut ctx = Context::new(&src.name, &spans, dir.path());
        assert!(read(&mut ctx, "zone.records", "r.csv", 2014).is_none());
        assert_eq!(ctx.found[0].code, "SME-RECORDS-FILE");
        assert!(ctx.found[0].message.zh.contains("Big5"));
    }

    #[test]
    fn an_oversized_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let f = std::fs::File::create(dir.path().join("r.csv")).unwrap();
        f.set_len(MAX_RECORDS_BYTES * 4).unwrap();
        let src = SourceFile::from_text("application.yaml", Path::new("."), "zone: {}\n");
        let spans = crate::load::index(&src).unwrap();
        let mut ctx = Context::new(&src.name, &spans, dir.path());
        assert!(read(&mut ctx, "zone.records", "r.csv", 2014).is_none());
        assert_eq!(ctx.found.len(), 1);
        assert_eq!(ctx.found[0].code, "SME-RECORDS-FILE");
        assert!(ctx.found[0].message.zh.contains("16 MiB"));
    }

    #[test]
    fn too_many_bad_rows_end_in_one_summary() {
        let mut csv = HEAD.to_string();
        for _ in 0..150 {
            csv.push_str("x,y,z,1,2014-01-01\n");
        }
        let (_, d) = run(&csv);
        assert_eq!(d.len(), MAX_ROW_DIAGNOSTICS + 1);
        assert!(d.last().unwrap().message.zh.contains("另有 50 行"));
    }
}
