//! Every input a fuzz target has failed on, replayed on stable through the target's own body
//! (the same file cargo-fuzz builds), so a fixed finding stays fixed. The inputs live in
//! fuzz/regressions/<target>/, named for what they found. Each target also runs on a few
//! inputs that reach its deeper checks (a sample that passes and is rendered, an attachment
//! placed in a book, a book appbook wrote): files of the repository, and for
//! check_application, whose input is a script of changes, fuzz/seeds/check_application/. So
//! every target's checks run here, findings or not.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

#[path = "../fuzz/src/support.rs"]
mod support;

#[path = "../fuzz/src/attachment_reader.rs"]
mod attachment_reader;
#[path = "../fuzz/src/book_writers.rs"]
mod book_writers;
#[path = "../fuzz/src/check_application.rs"]
mod check_application;
#[path = "../fuzz/src/inspect_docx.rs"]
mod inspect_docx;
#[path = "../fuzz/src/inspect_pdf.rs"]
mod inspect_pdf;
#[path = "../fuzz/src/learning_records.rs"]
mod learning_records;
#[path = "../fuzz/src/wordcount.rs"]
mod wordcount;
#[path = "../fuzz/src/yaml_raw.rs"]
mod yaml_raw;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One replay at a time: the memory budgets count every thread's allocations.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(support::repo().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A repository file behind a first byte that steers the target.
fn steered(first: u8, path: &str) -> Vec<u8> {
    let mut v = vec![first];
    v.extend(repo_file(path));
    v
}

/// Runs `target` on every kept input and on `extra`, and names each input that fails.
fn replay(target: &str, run: fn(&[u8]), extra: Vec<(String, Vec<u8>)>) {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let mut kept: Vec<PathBuf> = ["regressions", "seeds"]
        .iter()
        .map(|kind| support::repo().join("fuzz").join(kind).join(target))
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flat_map(|entries| entries.map(|e| e.expect("a readable entry").path()))
        .collect();
    kept.sort();
    let mut inputs: Vec<(String, Vec<u8>)> = kept
        .iter()
        .map(|p| (display(p), std::fs::read(p).expect("a readable input")))
        .collect();
    inputs.extend(extra);
    assert!(!inputs.is_empty(), "no inputs for {target}");
    let failed: Vec<&String> = inputs
        .iter()
        .filter(|(_, data)| std::panic::catch_unwind(|| run(data)).is_err())
        .map(|(name, _)| name)
        .collect();
    assert!(failed.is_empty(), "{target} fails on {failed:#?}");
}

fn display(p: &Path) -> String {
    p.strip_prefix(support::repo())
        .unwrap_or(p)
        .display()
        .to_string()
}

fn named(name: &str, data: Vec<u8>) -> (String, Vec<u8>) {
    (name.to_string(), data)
}

const AGENCY: &str = "samples/moe-learning-award/agency/application.yaml";

/// Books appbook writes of the agency sample, as a reviewer would receive them.
fn agency_books() -> (Vec<u8>, Vec<u8>) {
    use appbook::writers::Writer;
    let book = appbook::render::prepare(&support::repo().join(AGENCY))
        .book
        .expect("the agency sample passes");
    let docx = appbook::writers::docx::DocxWriter::default()
        .write(&book)
        .expect("a DOCX");
    let pdf = support::pdf_writer().render(&book).expect("a PDF");
    (docx, pdf)
}

#[test]
fn attachment_reader() {
    replay(
        "attachment_reader",
        attachment_reader::run,
        vec![
            named(
                "a PDF",
                steered(
                    0,
                    "samples/moe-learning-award/agency/attachments/budget.pdf",
                ),
            ),
            named(
                "a PNG",
                steered(1, "samples/moe-learning-award/agency/attachments/award.png"),
            ),
            named(
                "a JPEG",
                steered(
                    2,
                    "samples/moe-learning-award/foundation/attachments/registration.jpg",
                ),
            ),
        ],
    );
}

#[test]
fn book_writers() {
    replay(
        "book_writers",
        book_writers::run,
        vec![
            named("every byte", (0..=255).collect()),
            named("every byte backwards", (0..=255).rev().collect()),
        ],
    );
}

#[test]
fn check_application() {
    replay("check_application", check_application::run, Vec::new());
}

#[test]
fn inspect_docx() {
    replay(
        "inspect_docx",
        inspect_docx::run,
        vec![named("the agency book", agency_books().0)],
    );
}

#[test]
fn inspect_pdf() {
    replay(
        "inspect_pdf",
        inspect_pdf::run,
        vec![
            named("the agency book", agency_books().1),
            named(
                "a LibreOffice PDF",
                repo_file("samples/moe-learning-award/agency/attachments/budget.pdf"),
            ),
        ],
    );
}

#[test]
fn learning_records() {
    replay(
        "learning_records",
        learning_records::run,
        vec![named(
            "the sample records",
            steered(
                1,
                "samples/sme-org-learning/manufacturing/records/learning.csv",
            ),
        )],
    );
}

#[test]
fn wordcount() {
    replay(
        "wordcount",
        wordcount::run,
        vec![named("the agency sample", repo_file(AGENCY))],
    );
}

#[test]
fn yaml_raw() {
    replay(
        "yaml_raw",
        yaml_raw::run,
        vec![named("the agency sample", repo_file(AGENCY))],
    );
}
