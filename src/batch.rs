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
use std::time::{Duration, Instant};

/// What became of one application.
pub struct Outcome {
    pub id: String,
    pub written: Vec<PathBuf>,
    /// For a failed application: files of its name already in the output folder, from an
    /// earlier run. They are left alone (they are the user's), but named, so nobody sends an
    /// old book believing this run made it.
    pub stale: Vec<PathBuf>,
    /// Why it has no book: its error codes, or what failed while writing.
    pub failure: Option<Failure>,
    /// The thread of rayon's pool that rendered it (its index), None outside the pool.
    pub worker: Option<usize>,
    /// When its rendering began and ended.
    pub span: (Instant, Instant),
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
            let start = Instant::now();
            let mut outcome = render_one(e, writers, out_dir);
            outcome.worker = rayon::current_thread_index();
            outcome.span = (start, Instant::now());
            done(&outcome);
            outcome
        })
        .collect()
}

/// [`render_all`], and how its applications were shared among the threads of the pool.
pub fn render_all_measured(
    entries: &[Entry],
    writers: &[Box<dyn Writer>],
    out_dir: &Path,
    done: &(dyn Fn(&Outcome) + Sync),
) -> (Vec<Outcome>, Sharing) {
    let before = pool_cpu();
    let start = Instant::now();
    let outcomes = render_all(entries, writers, out_dir, done);
    let wall = start.elapsed();
    let after = pool_cpu();
    let workers = after
        .iter()
        .zip(&before)
        .enumerate()
        .map(|(index, (a, b))| Worker {
            index,
            applications: outcomes.iter().filter(|o| o.worker == Some(index)).count(),
            cpu: a.zip(*b).map(|(a, b)| a.saturating_sub(b)),
        })
        .collect();
    let sharing = Sharing {
        wall,
        workers,
        overlap: overlap(outcomes.iter().map(|o| o.span)),
    };
    (outcomes, sharing)
}

/// How a folder render shared its applications among the threads of the pool. The number of
/// threads that took some and the time two were in progress at once show the parallelism
/// whatever else the machine runs; the CPU time each thread got, against the wall time, shows
/// how many cores it actually had.
pub struct Sharing {
    pub wall: Duration,
    /// Every thread of the pool, in index order, also those that rendered nothing.
    pub workers: Vec<Worker>,
    /// The wall time during which two or more applications were in progress at once.
    pub overlap: Duration,
}

pub struct Worker {
    /// rayon's index of the thread.
    pub index: usize,
    /// The applications it took, rendered or failed.
    pub applications: usize,
    /// The CPU time (user and system) the thread used during the render; None where the
    /// system does not tell a thread's CPU time.
    pub cpu: Option<Duration>,
}

impl Sharing {
    /// Threads that took at least one application.
    pub fn busy(&self) -> usize {
        self.workers.iter().filter(|w| w.applications > 0).count()
    }

    /// The CPU time of every thread of the pool, when the system tells each one.
    pub fn cpu(&self) -> Option<Duration> {
        self.workers.iter().map(|w| w.cpu).sum()
    }
}

/// The CPU time each thread of rayon's global pool has used so far, by thread index.
fn pool_cpu() -> Vec<Option<Duration>> {
    rayon::broadcast(|_| thread_cpu())
}

/// The calling thread's CPU time, user and system, from /proc/thread-self/stat (fields 14 and
/// 15, in clock ticks; Linux fixes USER_HZ, the tick of that interface, at 100 per second).
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// The total time during which two or more of `spans` were open at once.
fn overlap(spans: impl Iterator<Item = (Instant, Instant)>) -> Duration {
    // +1 at each start, -1 at each end; an end sorts before a start at the same instant.
    let mut events: Vec<(Instant, i32)> = spans.flat_map(|(a, b)| [(a, 1), (b, -1)]).collect();
    events.sort();
    let (mut open, mut total) = (0, Duration::ZERO);
    let mut since = None;
    for (at, step) in events {
        if open >= 2 {
            if let Some(s) = since {
                total += at - s;
            }
        }
        open += step;
        since = Some(at);
    }
    total
}

fn render_one(e: &Entry, writers: &[Box<dyn Writer>], out_dir: &Path) -> Outcome {
    let now = Instant::now();
    let mut outcome = Outcome {
        id: e.id.clone(),
        written: Vec::new(),
        stale: Vec::new(),
        failure: None,
        worker: None,
        span: (now, now),
    };
    // `a/b` is written as `<out>/a/b.pdf`: the folders of the applications are kept.
    let rel = Path::new(&e.id);
    let dir = out_dir.join(rel.parent().unwrap_or(Path::new("")));
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| e.id.clone());
    let Some(checked) = e.loaded.passed() else {
        outcome.failure = Some(Failure::Errors(e.error_codes()));
        outcome.stale = stale_files(e, &dir, &name);
        return outcome;
    };
    let (book, list) = (checked.book(), checklist(checked));
    let books = [
        (&book, reviewing::file_name(&name)),
        (
            &list,
            reviewing::file_name(&format!("{name}-{}", checklist_word(checked))),
        ),
    ];
    match crate::render::write_books(&books, writers, &dir) {
        Ok(w) => outcome.written = w,
        Err(t) => {
            outcome.failure = Some(Failure::Write(t));
            outcome.stale = stale_files(e, &dir, &name);
        }
    }
    outcome
}

/// The book and 送件檢核表 files this application would have been written as, that exist in
/// `dir` now: left by an earlier run, since this one wrote none of them.
fn stale_files(e: &Entry, dir: &Path, name: &str) -> Vec<PathBuf> {
    // The checklist's word comes from the application's edition when it could be read, else
    // from every edition appbook knows.
    let words: Vec<String> = match &e.loaded.checked {
        Some(c) => vec![checklist_word(c)],
        None => {
            let mut w: Vec<String> = crate::programmes::all()
                .iter()
                .map(|p| p.edition.review_words().t("checklist_file", &[]))
                .collect();
            w.sort();
            w.dedup();
            w
        }
    };
    let mut stems = vec![reviewing::file_name(name)];
    stems.extend(
        words
            .iter()
            .map(|w| reviewing::file_name(&format!("{name}-{w}"))),
    );
    let mut found = Vec::new();
    for stem in &stems {
        for ext in ["pdf", "docx"] {
            let p = dir.join(format!("{stem}.{ext}"));
            if p.is_file() {
                found.push(p);
            }
        }
    }
    found
}

/// The word that names a 送件檢核表's files beside its book's: `<book>-<word>.pdf`.
pub fn checklist_word(checked: &Checked) -> String {
    checked
        .programme
        .edition
        .review_words()
        .t("checklist_file", &[])
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_only_the_time_two_or_more_spans_are_open() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        // 0–10 and 5–20 overlap for 5; 20–30 starts as 5–20 ends; 25–26 inside 20–30.
        let spans = [
            (at(0), at(10)),
            (at(5), at(20)),
            (at(20), at(30)),
            (at(25), at(26)),
        ];
        assert_eq!(overlap(spans.into_iter()), Duration::from_millis(6));
        assert_eq!(overlap([(at(0), at(10))].into_iter()), Duration::ZERO);
        assert_eq!(
            overlap([(at(0), at(10)), (at(10), at(20))].into_iter()),
            Duration::ZERO
        );
    }

    #[test]
    fn a_thread_that_works_has_cpu_time() {
        let Some(before) = thread_cpu() else {
            // Not Linux: the figure is unknown, which the report says.
            return;
        };
        // Work until the clock of the thread moves (a tick is 10 ms of CPU), within a bound of
        // work that takes seconds of CPU on any machine.
        let mut x = 0u64;
        let mut after = before;
        for _ in 0..50_000 {
            for _ in 0..100_000 {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
            }
            after = thread_cpu().unwrap();
            if after > before {
                break;
            }
        }
        assert!(after > before, "{before:?} then {after:?}");
    }
}
