//! `appbook score`: the review committee's paperwork. For every application under a folder
//! without errors, a score sheet: the 評審項目 with their weights and, beside each, the figures
//! appbook computed, with empty boxes for the score. With the reviewers' scores given back as
//! CSV (one row per reviewer and application), the scores are validated (0 to the item's
//! weight), totalled, averaged over the reviewers and ranked in a committee summary (PDF, DOCX,
//! CSV). A score file with any bad row gives no summary: every bad row is reported with its line.

use crate::book::numbering::label;
use crate::book::{Block, Book, Cell, Section, Table};
use crate::diagnostics::{Report, Text};
use crate::programmes::review::{Award, Facts};
use crate::programmes::Programme;
use crate::reviewing::{self, line, LeftOut};
use crate::writers::Writer;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Height of the score sheet's signature row, in points: room for a signature by hand.
const SIGNATURE_HEIGHT: f32 = 48.0;

/// The columns of a score file besides one per 評審項目 (its `key` in `review.yaml`).
pub const REVIEWER: &str = "reviewer";
pub const APPLICATION: &str = "application";

/// What `appbook score` is asked to do.
pub struct Request {
    pub dir: PathBuf,
    pub out_dir: PathBuf,
    /// Score files filled in by the reviewers.
    pub scores: Vec<PathBuf>,
    /// 統一編號 of the companies the committee names 學習標竿 (repeated winners).
    pub benchmark: Vec<String>,
}

/// One application's place in a committee summary.
#[derive(Clone, Debug)]
pub struct Ranked {
    /// None when no reviewer scored the application: it is listed as 未評分, not ranked.
    pub rank: Option<usize>,
    pub id: String,
    pub unit: String,
    /// Average of each 評審項目, in hundredths of a point.
    pub items: Vec<i64>,
    /// Average of the reviewers' totals, in hundredths.
    pub total: i64,
    pub reviewers: usize,
    /// Each reviewer's total, in hundredths, in the order the reviewers first appear in the
    /// score files.
    pub totals: Vec<(String, i64)>,
    /// Reviewers of the score files who did not score this application.
    pub missing: Vec<String>,
}

#[derive(Default)]
pub struct Outcome {
    pub written: Vec<PathBuf>,
    pub left_out: Vec<LeftOut>,
    /// Programme title → its ranking.
    pub rankings: Vec<(String, Vec<Ranked>)>,
    /// Bad rows of the score files (each naming its file and line), or a bad --benchmark.
    pub problems: Vec<Text>,
    /// Nothing found or a file that cannot be read: exit status 2.
    pub unreadable: Option<Report>,
    pub failure: Option<Text>,
    /// Applications were found but none is without errors: no sheet was written.
    pub nothing_passed: bool,
}

impl Outcome {
    pub fn exit_code(&self) -> i32 {
        if self.unreadable.is_some() {
            2
        } else if self.failure.is_some() || !self.problems.is_empty() {
            1
        } else {
            0
        }
    }
}

/// An application that gets a score sheet.
struct Candidate {
    id: String,
    programme: &'static Programme,
    facts: Facts,
}

/// The applications of one form edition, which share their 評審項目.
struct Group<'a> {
    programme: &'static Programme,
    candidates: Vec<&'a Candidate>,
}

/// One reviewer's scores of one application, in hundredths.
struct Row {
    reviewer: String,
    application: String,
    scores: Vec<i64>,
}

pub fn run(req: &Request, writers: &[Box<dyn Writer>]) -> Outcome {
    let entries = match reviewing::load_all(&req.dir) {
        Ok(e) => e,
        Err(report) => {
            return Outcome {
                unreadable: Some(report),
                ..Outcome::default()
            }
        }
    };
    let mut out = Outcome::default();
    let mut candidates = Vec::new();
    for e in &entries {
        match e.loaded.passed() {
            Some(c) => candidates.push(Candidate {
                id: e.id.clone(),
                programme: c.programme,
                facts: c.facts(),
            }),
            None => out.left_out.push(LeftOut {
                id: e.id.clone(),
                codes: e.error_codes(),
            }),
        }
    }
    for b in &req.benchmark {
        if !candidates
            .iter()
            .any(|c| c.facts.tax_id.as_deref() == Some(b.trim()))
        {
            out.problems.push(Text::new(
                format!("--benchmark「{b}」不是任何受評企業的統一編號"),
                format!("--benchmark `{b}` is not the 統一編號 of any company being scored"),
            ));
        }
    }
    out.nothing_passed = candidates.is_empty();
    let mut groups: Vec<Group> = Vec::new();
    for c in &candidates {
        match groups
            .iter_mut()
            .find(|g| std::ptr::eq(g.programme, c.programme))
        {
            Some(g) => g.candidates.push(c),
            None => groups.push(Group {
                programme: c.programme,
                candidates: vec![c],
            }),
        }
    }
    for g in &groups {
        if let Err(t) = write_sheets(req, writers, g, &mut out.written) {
            out.failure = Some(t);
            return out;
        }
    }
    // Every file is read and every bad row reported before anything is summed.
    let mut rows: Vec<(usize, Row)> = Vec::new();
    let mut seen = Seen::new();
    for path in &req.scores {
        match read_scores(path, &groups, &mut seen) {
            Ok(Ok(r)) => rows.extend(r),
            Ok(Err(problems)) => out.problems.extend(problems),
            Err(report) => {
                out.unreadable = Some(report);
                return out;
            }
        }
    }
    if !out.problems.is_empty() || req.scores.is_empty() {
        return out;
    }
    for (i, g) in groups.iter().enumerate() {
        let group_rows: Vec<&Row> = rows
            .iter()
            .filter(|(gi, _)| *gi == i)
            .map(|(_, r)| r)
            .collect();
        if group_rows.is_empty() {
            continue;
        }
        let reviewers = reviewers_of(&group_rows);
        let ranked = rank(g, &group_rows, &reviewers);
        if let Err(t) = write_summary(req, writers, g, &reviewers, &ranked, &mut out.written) {
            out.failure = Some(t);
            return out;
        }
        let w = g.programme.edition.review_words();
        out.rankings.push((w.t("programme", &[]), ranked));
    }
    out
}

/// The reviewers of a group's rows, each once, in the order they first appear in the score
/// files (the committee's own order, as the secretary typed it), not sorted by code point.
fn reviewers_of(rows: &[&Row]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for r in rows {
        if !names.contains(&r.reviewer) {
            names.push(r.reviewer.clone());
        }
    }
    names
}

/// 13.67 from 1367 hundredths.
pub fn points(hundredths: i64) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `sum / n`, rounded half-up to hundredths (scores are never negative).
fn average(sum: i64, n: usize) -> i64 {
    let n = n as i64;
    (2 * sum + n) / (2 * n)
}

/// The award category as worded by the edition; a company named with `--benchmark` is a
/// 學習標竿 whatever its 開通日期.
fn award(req: &Request, programme: &Programme, facts: &Facts) -> Option<String> {
    let w = programme.edition.review_words();
    let benchmark = facts
        .tax_id
        .as_deref()
        .is_some_and(|id| req.benchmark.iter().any(|b| b.trim() == id));
    let key = match facts.award? {
        _ if benchmark => "award_benchmark",
        Award::New => "award_new",
        Award::Continuing => "award_continuing",
        Award::Unknown => "award_unknown",
    };
    Some(w.t(key, &[]))
}

fn write_sheets(
    req: &Request,
    writers: &[Box<dyn Writer>],
    g: &Group,
    written: &mut Vec<PathBuf>,
) -> Result<(), Text> {
    let edition = &g.programme.edition;
    let w = edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let programme = t("programme", &[]);
    let title = t("sheet_title", &[("programme", &programme)]);
    // Typeset in parallel, as many at once as there are cores.
    let sheets: Vec<Result<Vec<PathBuf>, Text>> = g
        .candidates
        .par_iter()
        .map(|c| {
            let mut rows = vec![vec![
                Cell::label(t("sheet_col_item", &[])),
                Cell::label(t("sheet_col_weight", &[])),
                Cell::label(t("sheet_col_figures", &[])),
                Cell::label(t("sheet_col_score", &[])),
            ]];
            for (i, item) in edition.review.items.iter().enumerate() {
                let figures = c.facts.figures.get(i).cloned().unwrap_or_default();
                let figures = if figures.is_empty() {
                    vec![t("sheet_no_figures", &[])]
                } else {
                    figures
                };
                rows.push(vec![
                    Cell::text(t(
                        "sheet_item",
                        &[("number", &label(2, i as u32 + 1)), ("title", &item.title)],
                    )),
                    Cell::text(item.weight.to_string()),
                    Cell::lines(figures),
                    Cell::text("").height(36.0),
                ]);
            }
            let total: u32 = edition.review.items.iter().map(|i| i.weight).sum();
            rows.push(vec![
                Cell::label(t("sheet_total", &[])),
                Cell::text(total.to_string()),
                Cell::text(""),
                Cell::text("").height(36.0),
            ]);
            let mut blocks = vec![
                line(t("sheet_unit", &[("unit", &c.facts.unit)])),
                line(c.facts.subtitle.clone()),
                line(t("sheet_id", &[("id", &c.id)])),
            ];
            if let Some(a) = award(req, g.programme, &c.facts) {
                blocks.push(line(t("sheet_award", &[("award", &a)])));
            }
            // The signature is the table's last row, not a seal box below it, and the figures
            // have most of the width: the sheet stays one A4 page at the form's 14 pt.
            rows.push(vec![
                Cell::label(t("sheet_signature", &[])),
                Cell::text("").span(3, 1).height(SIGNATURE_HEIGHT),
            ]);
            blocks.push(Block::Table(Table {
                columns: vec![2.4, 1.0, 6.1, 1.1],
                rows,
            }));
            let book = Book::form(
                title.clone(),
                c.facts.unit.clone(),
                vec![Section::plain(1, title.clone(), blocks)],
            );
            let name = format!("{}-{}", t("sheet_file", &[]), c.id);
            reviewing::write_form(&book, writers, &req.out_dir, &name)
        })
        .collect();
    // All the sheets or none: one that cannot be written takes the others back.
    if let Some(Err(t)) = sheets.iter().find(|r| r.is_err()) {
        let t = t.clone();
        reviewing::remove(sheets.into_iter().flatten().flatten());
        return Err(t);
    }
    written.extend(sheets.into_iter().flatten().flatten());
    // A score file to fill in: the header and one row per application, reviewer left empty.
    let mut csv = vec![header(edition)];
    for c in &g.candidates {
        let mut row = vec![String::new(), c.id.clone()];
        row.extend(edition.review.items.iter().map(|_| String::new()));
        csv.push(row);
    }
    let name = format!("{}-{}.csv", t("scores_file", &[]), edition.programme);
    written.push(reviewing::write_csv(
        &req.out_dir.join(reviewing::file_name(&name)),
        &csv,
    )?);
    Ok(())
}

/// reviewer, application, then the key of each 評審項目.
fn header(edition: &crate::edition::Edition) -> Vec<String> {
    let mut h = vec![REVIEWER.to_string(), APPLICATION.to_string()];
    h.extend(edition.review.items.iter().map(|i| i.key.clone()));
    h
}

/// A score cell: 0 to `weight` with at most two decimals, in hundredths.
fn parse_score(cell: &str, weight: u32) -> Option<i64> {
    let cell = cell.trim();
    let (int, frac) = cell.split_once('.').unwrap_or((cell, ""));
    if int.is_empty()
        || int.len() > 6
        || frac.len() > 2
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let v = int.parse::<i64>().ok()? * 100 + frac;
    (v <= i64::from(weight) * 100).then_some(v)
}

/// A score file read as a table: its columns and its rows, each with the line it starts on.
struct Sheet {
    head: Vec<String>,
    rows: Vec<(u64, Vec<String>)>,
}

/// A cell of a YAML score file: reviewers write numbers, names and ids.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum YamlCell {
    Number(f64),
    Text(String),
}

/// Reads a score file: YAML (`.yaml`, `.yml`: a list of maps with the CSV's columns as keys)
/// or CSV. Rows that cannot be read are problems with their line; the rest are kept.
fn read_sheet(
    path: &Path,
    text: &str,
    at: &dyn Fn(u64, String, String) -> Text,
) -> (Sheet, Vec<Text>) {
    let yaml = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let mut problems = Vec::new();
    let mut sheet = Sheet {
        head: Vec::new(),
        rows: Vec::new(),
    };
    if yaml {
        let src = crate::load::SourceFile::from_text(&path.display().to_string(), path, text);
        let spans = match crate::load::index(&src) {
            Ok(s) => s,
            Err(f) => {
                for d in f.diagnostics {
                    problems.push(at(d.location.line as u64, d.message.zh, d.message.en));
                }
                return (sheet, problems);
            }
        };
        let rows: Vec<BTreeMap<String, YamlCell>> = match serde_saphyr::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                // The YAML library's own words are English and name its settings ("rejected by
                // the configured policy"); the reviewer is told what the line should hold.
                let line = e.location().map_or(1, |l| l.line());
                let source_line = text
                    .lines()
                    .nth(line.saturating_sub(1) as usize)
                    .unwrap_or("");
                let special = [".inf", ".nan", "-.inf", "+.inf"].iter().find(|v| {
                    source_line
                        .to_ascii_lowercase()
                        .split([':', ' ', ',', '[', ']', '{', '}'])
                        .any(|w| w == **v)
                });
                let (zh, en) = match special {
                    Some(v) => (
                        format!("「{v}」不是分數；分數須是 0 至該項配分的數字（最多兩位小數），例如 12 或 12.5"),
                        format!("`{v}` is not a score; a score is a number from 0 to the item's weight (at most two decimals), such as 12 or 12.5"),
                    ),
                    None => (
                        format!("無法讀取這一行；評分檔須是一列一個對照表（{REVIEWER}、{APPLICATION} 及各評審項目），每個值是數字或文字"),
                        format!("this line cannot be read; a score file is a list of maps ({REVIEWER}, {APPLICATION} and one key per 評審項目), each value a number or text"),
                    ),
                };
                problems.push(at(line, zh, en));
                return (sheet, problems);
            }
        };
        let keys: BTreeSet<&String> = rows.iter().flat_map(|r| r.keys()).collect();
        sheet.head = keys.into_iter().cloned().collect();
        for (i, r) in rows.iter().enumerate() {
            let line = spans.locate(&format!("[{i}]")).line as u64;
            let cells = sheet
                .head
                .iter()
                .map(|k| match r.get(k) {
                    Some(YamlCell::Number(n)) => n.to_string(),
                    Some(YamlCell::Text(t)) => t.clone(),
                    None => String::new(),
                })
                .collect();
            sheet.rows.push((line, cells));
        }
        return (sheet, problems);
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    match reader.headers() {
        Ok(h) => sheet.head = h.iter().map(|c| c.trim().to_string()).collect(),
        Err(e) => {
            let (zh, en) = csv_error(&e);
            problems.push(at(1, zh, en));
            return (sheet, problems);
        }
    }
    for record in reader.records() {
        match record {
            Ok(r) => sheet.rows.push((
                r.position().map_or(0, |p| p.line()),
                r.iter().map(|c| c.trim().to_string()).collect(),
            )),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let (zh, en) = csv_error(&e);
                problems.push(at(line, zh, en));
            }
        }
    }
    (sheet, problems)
}

/// How many valid ids an unknown-application message shows: enough to see the pattern (ids
/// with or without a folder in front), few enough to keep one line per bad row.
const IDS_SHOWN: usize = 5;

/// The ids being scored, as a clause (zh, en): a score file written against another folder
/// (`moe/agency` where the folder given makes it `agency`) shows the mismatch at once.
fn valid_ids(candidates: &[&Candidate]) -> (String, String) {
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    let shown = ids[..ids.len().min(IDS_SHOWN)].join("、");
    let shown_en = ids[..ids.len().min(IDS_SHOWN)].join(", ");
    if ids.len() > IDS_SHOWN {
        (
            format!("受評之申請代號有：{shown} 等 {} 份", ids.len()),
            format!(
                "the ids being scored are {shown_en} and {} more",
                ids.len() - IDS_SHOWN
            ),
        )
    } else {
        (
            format!("受評之申請代號有：{shown}"),
            format!("the ids being scored are: {shown_en}"),
        )
    }
}

/// A CSV reading error in the reviewer's words (zh, en): the CSV library's own message is
/// English and counts records and bytes from zero.
fn csv_error(e: &csv::Error) -> (String, String) {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            format!("這一列有 {len} 欄，但標題列有 {expected_len} 欄；請檢查是否多了或少了逗號（含逗號的文字請加雙引號）"),
            format!("this row has {len} fields but the header has {expected_len}; look for a missing or extra comma (quote text that holds a comma)"),
        ),
        csv::ErrorKind::Utf8 { .. } => (
            "這一列不是 UTF-8 文字；請將評分檔另存為「CSV UTF-8（逗號分隔）」".to_string(),
            "this row is not UTF-8 text; save the score file as CSV UTF-8 (comma delimited)".to_string(),
        ),
        _ => (
            "無法讀取這一列；請確認評分檔是以逗號分隔的 CSV".to_string(),
            "this row cannot be read; make sure the score file is comma-separated CSV".to_string(),
        ),
    }
}

/// The good rows of a score file, each with the index of its group; or every bad row.
type Scores = Result<Vec<(usize, Row)>, Vec<Text>>;

/// Where each (reviewer, application) was first scored, across every score file: file and line.
type Seen = BTreeMap<(String, String), (String, u64)>;

/// The rows of one score file. Err when the file cannot be read at all.
fn read_scores(path: &Path, groups: &[Group], seen: &mut Seen) -> Result<Scores, Report> {
    let src = crate::load::read_source(path).map_err(|f| {
        let mut r = Report::default();
        r.unreadable = true;
        r.diagnostics.extend(f.diagnostics);
        r
    })?;
    let file = path.display().to_string();
    let at = |line: u64, zh: String, en: String| {
        Text::new(
            format!("{file} 第 {line} 行：{zh}"),
            format!("{file} line {line}: {en}"),
        )
    };
    let (sheet, mut problems) = read_sheet(path, src.text.trim_start_matches('\u{feff}'), &at);
    if sheet.head.is_empty() {
        return Ok(Err(problems));
    }
    let head = &sheet.head;
    let set: BTreeSet<&str> = head.iter().map(String::as_str).collect();
    let columns_of =
        |g: &Group| -> BTreeSet<String> { header(&g.programme.edition).into_iter().collect() };
    let Some(gi) = groups.iter().position(|g| {
        set.len() == head.len()
            && columns_of(g)
                .iter()
                .map(String::as_str)
                .eq(set.iter().copied())
    }) else {
        let wanted: Vec<String> = groups
            .iter()
            .map(|g| header(&g.programme.edition).join(","))
            .collect();
        let wanted = if wanted.is_empty() {
            "—".to_string()
        } else {
            wanted.join(" | ")
        };
        problems.push(at(
            1,
            format!("欄位「{}」不符；評分檔的欄位須為：{wanted}", head.join(",")),
            format!(
                "the columns `{}` are not a score file's; they must be: {wanted}",
                head.join(",")
            ),
        ));
        return Ok(Err(problems));
    };
    let g = &groups[gi];
    let items = &g.programme.edition.review.items;
    let col = |name: &str| head.iter().position(|h| h == name).unwrap_or(0);
    let (rc, ac) = (col(REVIEWER), col(APPLICATION));
    let mut rows = Vec::new();
    for (line, record) in &sheet.rows {
        let line = *line;
        let cell = |i: usize| record.get(i).cloned().unwrap_or_default();
        let (reviewer, application) = (cell(rc), cell(ac));
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let mut ok = true;
        if reviewer.is_empty() {
            problems.push(at(
                line,
                format!("缺少評審委員（{REVIEWER} 欄）"),
                format!("the reviewer ({REVIEWER}) is missing"),
            ));
            ok = false;
        }
        if !g.candidates.iter().any(|c| c.id == application) {
            let (zh, en) = valid_ids(&g.candidates);
            problems.push(at(
                line,
                format!("「{application}」不是受評之申請（{APPLICATION} 欄須為評分表上的申請資料代號，即相對於所給資料夾的路徑）；{zh}"),
                format!("`{application}` is not an application being scored ({APPLICATION} must be the id printed on its score sheet: the path relative to the folder given); {en}"),
            ));
            ok = false;
        }
        if let Some((first_file, first)) = seen.insert(
            (reviewer.clone(), application.clone()),
            (file.clone(), line),
        ) {
            problems.push(at(
                line,
                format!("評審委員「{reviewer}」對「{application}」的評分已在 {first_file} 第 {first} 行"),
                format!("`{reviewer}` already scored `{application}` in {first_file} line {first}"),
            ));
            ok = false;
        }
        let mut scores = Vec::new();
        for item in items {
            let raw = cell(col(&item.key));
            match parse_score(&raw, item.weight) {
                Some(v) => scores.push(v),
                None => {
                    let w = item.weight;
                    let (zh, en) = if raw.is_empty() {
                        (
                            format!("缺少「{}」的分數", item.title),
                            format!("the score of `{}` ({}) is missing", item.key, item.title),
                        )
                    } else if raw.parse::<f64>().is_ok_and(|v| v > f64::from(w)) {
                        (
                            format!("「{}」的分數 {raw} 超過其配分 {w}", item.title),
                            format!("the score {raw} of `{}` is over its weight {w}", item.key),
                        )
                    } else {
                        (
                            format!("「{}」的分數「{raw}」須為 0 至 {w} 的數字（最多兩位小數）", item.title),
                            format!("the score `{raw}` of `{}` must be a number from 0 to {w} (at most two decimals)", item.key),
                        )
                    };
                    problems.push(at(line, zh, en));
                    ok = false;
                }
            }
        }
        if ok {
            rows.push((
                gi,
                Row {
                    reviewer,
                    application,
                    scores,
                },
            ));
        }
    }
    Ok(if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    })
}

/// Averages of each application's scores, ranked by the average total: highest first, equal
/// averages share a rank (1, 2, 2, 4), ties listed by id. An application no reviewer scored is
/// listed after the ranked ones, as 未評分 (it is not last: it was not judged). `reviewers` are
/// every reviewer of the group's rows, in order; each one an application lacks is named.
fn rank(g: &Group, rows: &[&Row], reviewers: &[String]) -> Vec<Ranked> {
    let n_items = g.programme.edition.review.items.len();
    let mut out: Vec<Ranked> = g
        .candidates
        .iter()
        .map(|c| {
            let mine: Vec<&&Row> = rows.iter().filter(|r| r.application == c.id).collect();
            let n = mine.len();
            let totals: Vec<(String, i64)> = reviewers
                .iter()
                .filter_map(|who| {
                    let r = mine.iter().find(|r| &r.reviewer == who)?;
                    Some((who.clone(), r.scores.iter().sum()))
                })
                .collect();
            let missing = reviewers
                .iter()
                .filter(|who| !mine.iter().any(|r| &r.reviewer == *who))
                .cloned()
                .collect();
            let (items, total) = if n == 0 {
                (Vec::new(), 0)
            } else {
                (
                    (0..n_items)
                        .map(|i| average(mine.iter().map(|r| r.scores[i]).sum(), n))
                        .collect(),
                    average(totals.iter().map(|(_, t)| t).sum(), n),
                )
            };
            Ranked {
                rank: None,
                id: c.id.clone(),
                unit: c.facts.unit.clone(),
                items,
                total,
                reviewers: n,
                totals,
                missing,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.reviewers == 0)
            .cmp(&(b.reviewers == 0))
            .then_with(|| b.total.cmp(&a.total))
            .then_with(|| crate::reviewing::natural(&a.id, &b.id))
    });
    let totals: Vec<i64> = out
        .iter()
        .filter(|r| r.reviewers > 0)
        .map(|r| r.total)
        .collect();
    for r in out.iter_mut().filter(|r| r.reviewers > 0) {
        r.rank = Some(1 + totals.iter().filter(|t| **t > r.total).count());
    }
    out
}

fn write_summary(
    req: &Request,
    writers: &[Box<dyn Writer>],
    g: &Group,
    reviewers: &[String],
    ranked: &[Ranked],
    written: &mut Vec<PathBuf>,
) -> Result<(), Text> {
    let edition = &g.programme.edition;
    let w = edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let programme = t("programme", &[]);
    let title = t("summary_title", &[("programme", &programme)]);
    let names: Vec<&str> = reviewers.iter().map(String::as_str).collect();
    let awards: BTreeMap<&str, String> = g
        .candidates
        .iter()
        .filter_map(|c| Some((c.id.as_str(), award(req, g.programme, &c.facts)?)))
        .collect();
    let has_awards = !awards.is_empty();

    let mut head = vec![
        Cell::label(t("summary_col_rank", &[])),
        Cell::label(t("summary_col_unit", &[])),
        Cell::label(t("summary_col_items", &[])),
        Cell::label(t("summary_col_total", &[])),
        Cell::label(t("summary_col_totals", &[])),
    ];
    let mut csv_head = vec![
        t("summary_col_rank", &[]),
        APPLICATION.to_string(),
        t("summary_col_unit", &[]),
    ];
    csv_head.extend(edition.review.items.iter().map(|i| i.title.clone()));
    csv_head.push(t("summary_col_total", &[]));
    csv_head.push(t("summary_col_reviewers", &[]));
    for name in &names {
        csv_head.push(t("summary_col_reviewer_total", &[("reviewer", name)]));
    }
    if has_awards {
        head.push(Cell::label(t("summary_col_award", &[])));
        csv_head.push(t("summary_col_award", &[]));
    }
    let mut table = vec![head];
    let mut csv = vec![csv_head];
    for r in ranked {
        let item_lines: Vec<String> = r
            .items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                t(
                    "summary_item",
                    &[("number", &label(2, i as u32 + 1)), ("score", &points(*v))],
                )
            })
            .collect();
        // An unscored application has no rank: 未評分 goes in the total's column, which is
        // wide enough for it, and the rank shows a dash.
        let rank = r
            .rank
            .map_or_else(|| t("summary_no_score", &[]), |n| n.to_string());
        let shown_total = if r.rank.is_some() {
            points(r.total)
        } else {
            t("summary_unscored", &[])
        };
        let mut row = vec![
            Cell::text(&rank),
            Cell::lines(vec![r.unit.clone(), r.id.clone()]),
            Cell::lines(item_lines),
            Cell::text(&shown_total),
            Cell::lines(
                r.totals
                    .iter()
                    .map(|(who, v)| {
                        t(
                            "summary_reviewer_total",
                            &[("reviewer", who), ("total", &points(*v))],
                        )
                    })
                    .collect(),
            ),
        ];
        let csv_rank = if r.rank.is_some() {
            rank
        } else {
            t("summary_unscored", &[])
        };
        let mut csv_row = vec![csv_rank, r.id.clone(), r.unit.clone()];
        if r.items.is_empty() {
            csv_row.extend(edition.review.items.iter().map(|_| String::new()));
        } else {
            csv_row.extend(r.items.iter().map(|v| points(*v)));
        }
        csv_row.push(if r.rank.is_some() {
            points(r.total)
        } else {
            String::new()
        });
        csv_row.push(r.reviewers.to_string());
        for name in &names {
            let mine = r.totals.iter().find(|(who, _)| who == name);
            csv_row.push(mine.map(|(_, v)| points(*v)).unwrap_or_default());
        }
        if has_awards {
            let a = awards.get(r.id.as_str()).cloned().unwrap_or_default();
            row.push(Cell::text(&a));
            csv_row.push(a);
        }
        table.push(row);
        csv.push(csv_row);
    }
    // Shares of the text width (453 pt) sized so that no heading wraps at 14 pt with the
    // table's 6 pt inset: 名次 needs 40 pt, 平均總分 68 pt (it wrapped at 1.4 of 9.7).
    let columns = if has_awards {
        vec![1.0, 2.1, 1.8, 1.7, 1.9, 2.0]
    } else {
        vec![0.9, 2.7, 2.2, 1.7, 2.2]
    };
    let mut blocks = vec![
        line(t(
            "summary_reviewers",
            &[
                ("names", &names.join("、")),
                ("n", &names.len().to_string()),
            ],
        )),
        Block::Table(Table {
            columns,
            rows: table,
        }),
    ];
    for (i, item) in edition.review.items.iter().enumerate() {
        blocks.push(line(t(
            "summary_legend",
            &[
                ("number", &label(2, i as u32 + 1)),
                ("title", &item.title),
                ("weight", &item.weight.to_string()),
            ],
        )));
    }
    blocks.push(line(t("summary_note", &[])));
    blocks.push(line(t("summary_rounding", &[])));
    // A missing score changes the average an application gets: the committee sees whose.
    for r in ranked.iter().filter(|r| r.rank.is_none()) {
        blocks.push(line(t(
            "summary_unscored_note",
            &[("unit", &r.unit), ("id", &r.id)],
        )));
    }
    for r in ranked
        .iter()
        .filter(|r| r.rank.is_some() && !r.missing.is_empty())
    {
        blocks.push(line(t(
            "summary_missing",
            &[
                ("unit", &r.unit),
                ("id", &r.id),
                ("reviewers", &r.missing.join("、")),
                ("n", &r.reviewers.to_string()),
            ],
        )));
    }
    let book = Book::form(
        title.clone(),
        programme.clone(),
        vec![Section::plain(1, title.clone(), blocks)],
    );
    let name = format!("{}-{}", t("summary_file", &[]), edition.programme);
    let files = reviewing::write_form(&book, writers, &req.out_dir, &name)?;
    let csv_path = req
        .out_dir
        .join(format!("{}.csv", reviewing::file_name(&name)));
    match reviewing::write_csv(&csv_path, &csv) {
        Ok(p) => {
            written.extend(files);
            written.push(p);
            Ok(())
        }
        Err(e) => {
            reviewing::remove(files);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_numbers_from_zero_to_the_weight_with_two_decimals() {
        assert_eq!(parse_score("12", 15), Some(1200));
        assert_eq!(parse_score(" 12.5 ", 15), Some(1250));
        assert_eq!(parse_score("15.00", 15), Some(1500));
        assert_eq!(parse_score("0", 15), Some(0));
        assert_eq!(parse_score("15.01", 15), None);
        assert_eq!(parse_score("-1", 15), None);
        assert_eq!(parse_score("1.234", 15), None);
        assert_eq!(parse_score("", 15), None);
        assert_eq!(parse_score("十", 15), None);
        assert_eq!(parse_score("1e1", 15), None);
    }

    #[test]
    fn averages_round_half_up_to_hundredths() {
        assert_eq!(average(1300 + 1400 + 1400, 3), 1367);
        assert_eq!(average(1, 2), 1);
        assert_eq!(average(2000, 2), 1000);
        assert_eq!(points(1367), "13.67");
        assert_eq!(points(5), "0.05");
    }
}
