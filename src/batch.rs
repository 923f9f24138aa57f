//! `appbook render DIR`: every application under a folder rendered at once, in parallel (one
//! book per core, the fonts loaded once), each beside its one-page 送件檢核表 (how many copies,
//! where and by when to send it, what to enclose), which the form's submission guidance asks of
//! the applicant but which is no part of the book. One application's failure does not stop the
//! others: each outcome is reported as it ends, and the failures are listed at the end.

use crate::book::{Block, Book, Section};
use crate::diagnostics::Text;
use crate::programmes::Checked;
use crate::reviewing::{self, line, Entry};
use crate::writers::Writer;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What became of one application.
pub struct Outcome {
    pub id: String,
    pub written: Vec<PathBuf>,
    /// Why it has no book: its error codes, or what failed while writing.
    pub failure: Option<Failure>,
}

pub enum Failure {
    /// The application has errors (their codes); `appbook check` shows them.
    Errors(Vec<String>),
    /// The book could not be made or written.
    Write(Text),
}

impl Failure {
    pub fn text(&self) -> Text {
        match self {
            Failure::Errors(codes) => Text::new(
                format!("申請資料有錯誤（{}），未產生申請書", codes.join("、")),
                format!("the application has errors ({}); no book", codes.join(", ")),
            ),
            Failure::Write(t) => t.clone(),
        }
    }
}

/// Renders every application of `entries` into `out_dir` (`<out>/<id>.pdf`, `.docx` and
/// `<id>-送件檢核表.pdf`, `.docx`), calling `done` as each one ends (in any order). The
/// outcomes come back in the entries' order.
pub fn render_all(
    entries: &[Entry],
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
    done: &(dyn Fn(&Outcome) + Sync),
) -> Vec<Outcome> {
    entries
        .par_iter()
        .map(|e| {
            let outcome = render_one(e, writers, out_dir);
            done(&outcome);
            outcome
        })
        .collect()
}

fn render_one(e: &Entry, writers: &[Box<dyn Writer>], out_dir: &Path) -> Outcome {
    let mut outcome = Outcome {
        id: e.id.clone(),
        written: Vec::new(),
        failure: None,
    };
    let Some(checked) = e.loaded.passed() else {
        outcome.failure = Some(Failure::Errors(e.error_codes()));
        return outcome;
    };
    // `a/b` is written as `<out>/a/b.pdf`: the folders of the applications are kept.
    let rel = Path::new(&e.id);
    let dir = out_dir.join(rel.parent().unwrap_or(Path::new("")));
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| e.id.clone());
    let result = reviewing::write_form(&checked.book(), writers, &dir, &name).and_then(|mut w| {
        let list = checklist(checked);
        let list_name = format!(
            "{name}-{}",
            checked
                .programme
                .edition
                .review_words()
                .t("checklist_file", &[])
        );
        match reviewing::write_form(&list, writers, &dir, &list_name) {
            Ok(more) => {
                w.extend(more);
                Ok(w)
            }
            Err(t) => {
                reviewing::remove(w);
                Err(t)
            }
        }
    });
    match result {
        Ok(w) => outcome.written = w,
        Err(t) => outcome.failure = Some(Failure::Write(t)),
    }
    outcome
}

/// The 送件檢核表: who, how many copies, where and by when, and a box for each thing to enclose
/// (ticked when the application already has it).
pub fn checklist(checked: &Checked) -> Book {
    let w = checked.programme.edition.review_words();
    let t = |key: &str, vars: &[(&str, &str)]| w.t(key, vars);
    let facts = checked.facts();
    let title = t("checklist_title", &[("programme", &t("programme", &[]))]);
    let mut blocks = vec![
        line(t("checklist_unit", &[("unit", &facts.unit)])),
        line(facts.subtitle.clone()),
    ];
    blocks.extend(facts.send.iter().cloned().map(reviewing::para));
    blocks.push(line(t("checklist_items", &[])));
    blocks.extend(facts.checklist.iter().map(|(checked, text)| Block::Check {
        checked: *checked,
        text: text.clone(),
        details: Vec::new(),
    }));
    blocks.push(reviewing::para(t("checklist_fix", &[])));
    Book::form(
        title.clone(),
        facts.unit.clone(),
        vec![Section::plain(1, title, blocks)],
    )
}
