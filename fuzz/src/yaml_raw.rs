//! Any bytes as an application file, read and checked twice next to a sample's attachments:
//! the two reports are identical, the check stays within its memory budget, and an
//! application that passes becomes a book in both formats.

use crate::support::{scratch, within_budget, write_and_verify};
use appbook::diagnostics::{render_json, Lang};

pub fn run(data: &[u8]) {
    // In the agency sample's folder, so `attachments/…` paths find real files.
    let path = scratch().join("agency").join("raw.yaml");
    std::fs::write(&path, data).expect("scratch write");
    let first = within_budget("checking an application", 256, || {
        appbook::application::load(&path)
    });
    let second = appbook::application::load(&path);
    assert_eq!(
        render_json(&first.report, Lang::En),
        render_json(&second.report, Lang::En),
        "two checks of one file differ"
    );
    if let Some(checked) = first.passed() {
        let book = checked.book();
        within_budget("writing a book", 1024, || write_and_verify(&book));
    }
}
