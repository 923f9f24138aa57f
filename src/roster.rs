//! `appbook roster`: the 初審合格名單一覽表 a 主管機關 sends to the ministry with the applications
//! that passed its 初審. Every application under a folder is checked once; those without errors
//! are listed under their 隸屬機關, numbered in a stable order (by their folder), one 一覽表 per
//! 主管機關 as PDF, DOCX (the form's layout, from one [`Book`]) and CSV for the agency's records.
//! Applications with errors are left out and reported with their codes. A programme without a
//! 初審 by a 主管機關 (sme-org-learning: a company sends its 報名表 straight to the 主辦單位,
//! whose 評審委員會 reviews it) has no such list: its applications are named apart, with that
//! reason, and not as left out for errors.

use crate::book::template::Strings;
use crate::book::{Book, Cell, Section, Table};
use crate::diagnostics::{Report, Text};
use crate::programmes::Programme;
use crate::reviewing::{self, line, Entry, LeftOut};
use crate::writers::Writer;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// Empty rows the form shows below the last listed application, for additions by hand.
const MIN_ROWS: usize = 10;
/// Height of an empty row, in points: one line of 14 pt text.
const ROW_HEIGHT: f32 = 17.0;

/// What `appbook roster` is asked to do.
pub struct Request {
    pub dir: PathBuf,
    pub out_dir: PathBuf,
    /// The 主管機關 making the list (only its applications are listed), its 承辦人 and 聯絡電話.
    pub sender: crate::reviewing::Sender,
}

/// What came of a roster run.
#[derive(Default)]
pub struct Outcome {
    /// 主管機關 → the ids listed, in their order.
    pub lists: BTreeMap<String, Vec<String>>,
    pub left_out: Vec<LeftOut>,
    /// Applications of programmes that have no 初審 by a 主管機關, hence no 一覽表: the
    /// programme's id → the ids of its applications.
    pub no_roster: BTreeMap<String, Vec<String>>,
    pub written: Vec<PathBuf>,
    /// Nothing could be read or found: the report says why (exit status 2).
    pub unreadable: Option<Report>,
    /// A list could not be written.
    pub failure: Option<Text>,
    /// `--agency` names no 主管機關 of any application: the agencies they do name (exit 2, a
    /// usage mistake rather than an empty list).
    pub unknown_agency: Option<Vec<String>>,
    /// A 申請單位名稱 listed more than once under one agency: (agency, unit, ids). Likely the
    /// same application copied into two folders, which the ministry would count twice.
    pub duplicates: Vec<(String, String, Vec<String>)>,
    /// Pairs of 主管機關 names that differ only by a variant character (内/內, 台/臺): each got
    /// its own 一覽表 although they are likely one agency.
    pub look_alike: Vec<(String, String)>,
}

impl Outcome {
    pub fn exit_code(&self) -> i32 {
        if self.unreadable.is_some() || self.unknown_agency.is_some() {
            2
        } else if self.failure.is_some() {
            1
        } else {
            0
        }
    }
}

/// One row of a list.
struct Listed {
    id: String,
    unit: String,
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
    // 主管機關 → (the edition whose form it is, its applications).
    let mut lists: BTreeMap<String, (&'static Programme, Vec<Listed>)> = BTreeMap::new();
    // Every 主管機關 named by an application that could be read, passed or not: what
    // `--agency` is compared with.
    let named: BTreeSet<String> = entries
        .iter()
        .filter_map(|e| e.loaded.checked.as_ref()?.facts().agency)
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    if let Some(wanted) = &req.sender.agency {
        if !named.contains(wanted.trim()) {
            out.unknown_agency = Some(named.into_iter().collect());
            return out;
        }
    }
    for e in &entries {
        match listed(e) {
            Ok((programme, agency, unit)) => {
                if req
                    .sender
                    .agency
                    .as_ref()
                    .is_some_and(|a| a.trim() != agency)
                {
                    continue;
                }
                lists
                    .entry(agency)
                    .or_insert_with(|| (programme, Vec::new()))
                    .1
                    .push(Listed {
                        id: e.id.clone(),
                        unit,
                    });
            }
            Err(NotListed::Errors(codes)) => out.left_out.push(LeftOut {
                id: e.id.clone(),
                codes,
            }),
            Err(NotListed::NoRoster(programme)) => out
                .no_roster
                .entry(programme)
                .or_default()
                .push(e.id.clone()),
        }
    }
    for (agency, (_, rows)) in &lists {
        let mut by_unit: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for r in rows {
            by_unit.entry(r.unit.trim()).or_default().push(r.id.clone());
        }
        for (unit, ids) in by_unit {
            if ids.len() > 1 {
                out.duplicates.push((agency.clone(), unit.to_string(), ids));
            }
        }
    }
    let agencies: Vec<&String> = lists.keys().collect();
    for (i, a) in agencies.iter().enumerate() {
        for b in &agencies[i + 1..] {
            if reviewing::fold_variants(a) == reviewing::fold_variants(b) {
                out.look_alike.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    for (agency, (programme, rows)) in &lists {
        out.lists
            .insert(agency.clone(), rows.iter().map(|r| r.id.clone()).collect());
        match write_list(req, writers, programme, agency, rows) {
            Ok(files) => out.written.extend(files),
            Err(t) => {
                // All the lists or none.
                reviewing::remove(out.written.drain(..));
                out.failure = Some(t);
                break;
            }
        }
    }
    out
}

/// Why an application is not on a list.
enum NotListed {
    /// Its error codes.
    Errors(Vec<String>),
    /// Its programme (the id) has no 初審 by a 主管機關, with or without errors.
    NoRoster(String),
}

/// The application's edition, 主管機關 and name when it belongs on a list.
fn listed(e: &Entry) -> Result<(&'static Programme, String, String), NotListed> {
    // The programme decides first: an application of one without 初審 is never on a list,
    // whatever its errors.
    if let Some(c) = &e.loaded.checked {
        if c.facts().agency.is_none() {
            return Err(NotListed::NoRoster(c.programme.edition.programme.clone()));
        }
    }
    let checked = e
        .loaded
        .passed()
        .ok_or_else(|| NotListed::Errors(e.error_codes()))?;
    let facts = checked.facts();
    match facts.agency {
        Some(agency) if !agency.trim().is_empty() => {
            Ok((checked.programme, agency.trim().to_string(), facts.unit))
        }
        // The schema requires the 主管機關, so a passing application names one.
        _ => Err(NotListed::Errors(e.error_codes())),
    }
}

fn write_list(
    req: &Request,
    writers: &[Box<dyn Writer>],
    programme: &Programme,
    agency: &str,
    rows: &[Listed],
) -> Result<Vec<PathBuf>, Text> {
    let w = programme.edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let title = t("roster_title", &[]);
    let name = format!("{}-{agency}", t("roster_file", &[]));
    let book = form(req, w, &title, agency, rows);
    let mut written = reviewing::write_form(&book, writers, &req.out_dir, &name)?;
    let mut csv = vec![vec![
        t("roster_csv_agency", &[]),
        t("roster_number", &[]),
        t("roster_unit", &[]),
        t("roster_csv_file", &[]),
    ]];
    for (i, r) in rows.iter().enumerate() {
        csv.push(vec![
            agency.to_string(),
            (i + 1).to_string(),
            r.unit.clone(),
            r.id.clone(),
        ]);
    }
    let path = req
        .out_dir
        .join(format!("{}.csv", reviewing::file_name(&name)));
    match reviewing::write_csv(&path, &csv) {
        Ok(p) => written.push(p),
        Err(e) => {
            reviewing::remove(written);
            return Err(e);
        }
    }
    Ok(written)
}

/// The form: 機關名稱, the 編號 / 申請單位名稱 table (rows grow as needed), 承辦人, 機關用印,
/// 聯絡電話, 說明.
fn form(req: &Request, w: &Strings, title: &str, agency: &str, rows: &[Listed]) -> Book {
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let mut table = vec![vec![
        Cell::label(t("roster_number", &[])),
        Cell::label(t("roster_unit", &[])),
    ]];
    for (i, r) in rows.iter().enumerate() {
        table.push(vec![Cell::text((i + 1).to_string()), Cell::text(&r.unit)]);
    }
    while table.len() <= MIN_ROWS {
        table.push(vec![Cell::text("").height(ROW_HEIGHT), Cell::text("")]);
    }
    let officer = req.sender.officer.clone().unwrap_or_default();
    let phone = req
        .sender
        .phone
        .clone()
        .unwrap_or_else(|| t("roster_phone_blank", &[]));
    let blocks = vec![
        line(t("roster_agency", &[("agency", agency)])),
        crate::book::Block::Table(Table {
            columns: vec![1.0, 5.0],
            rows: table,
        }),
        line(t("roster_officer", &[("officer", &officer)])),
        line(t("roster_seal", &[])),
        line(t("roster_phone", &[("phone", &phone)])),
        line(t("roster_notes", &[])),
        line(t("roster_note_1", &[])),
        line(t("roster_note_2", &[])),
        line(t("roster_note_3", &[])),
    ];
    Book::form(
        title.to_string(),
        agency.to_string(),
        vec![Section::plain(1, title.to_string(), blocks)],
    )
}
