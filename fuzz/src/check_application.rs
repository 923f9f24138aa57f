//! A sample application changed in a few places, loaded and checked twice: the two reports
//! are identical, and when the application passes, its book is written in both formats
//! without an error and each file passes the writers' checks.
//!
//! The input is not YAML but a script of changes to one of the samples (which value to
//! replace, with what; which line to drop or repeat), so nearly every input is an
//! application that reaches the rules rather than a YAML syntax error.

use crate::support::{scratch, within_budget, write_and_verify, SAMPLES};
use appbook::diagnostics::{render_json, Lang};
use arbitrary::{Result, Unstructured};

/// Values that sit on the rules' edges: numbers at and past the form's ceilings, 是/否 and
/// their near misses, dates, paths leading out of the folder, YAML's own special scalars.
const EDGES: &[&str] = &[
    "0",
    "-1",
    "1",
    "0.5",
    "2.675",
    "1e30",
    "1e308",
    "-0",
    ".nan",
    ".inf",
    "-.inf",
    "170141183460469231731687303715884105728",
    "9007199254740993",
    "10000",
    "100000000",
    "是",
    "否",
    "是的",
    "yes",
    "no",
    "true",
    "~",
    "null",
    "\"\"",
    "[]",
    "{}",
    "2025-06-30",
    "2025-07-01",
    "114/06/30",
    "114年6月30日",
    "2025-02-29",
    "0000-01-01",
    "../application.yaml",
    "/etc/passwd",
    "attachments",
    "attachments/budget.pdf",
    "attachments/award.png",
    "records/learning.csv",
    "12345675",
    "04595257",
    "02-2930-5100",
    "0912-345-678",
    "someone@example.com",
    "a@b",
    "&a x",
    "*a",
    "!!binary AA==",
    "|\n  x",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
];

/// Pieces of free text: CJK, Typst and XML syntax, control characters, bidi marks.
const PIECES: &[&str] = &[
    "申請書",
    "員工學習",
    "。",
    "，",
    " ",
    "\u{3000}",
    "#panic()",
    "$x$",
    "*",
    "]",
    "\\",
    "<w:p>",
    "&amp;",
    "]]>",
    "\"",
    "'",
    "\u{0}",
    "\u{1}",
    "\u{8}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{202e}",
    "\u{200f}",
    "\u{feff}",
    "\u{fffe}",
    "\u{d7ff}",
    "𠀀",
    "🙂",
    "\t",
    "\r\n",
    "\n",
];

fn value(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u.choose(EDGES)?.to_string(),
        1 => {
            let n = u.int_in_range(1..=8)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(u.choose(PIECES)?);
            }
            // JSON's quoting is valid YAML: the text arrives as a string, whatever it holds.
            serde_json::to_string(&s).expect("a string serializes")
        }
        2 => u.arbitrary::<&str>()?.to_string(),
        _ => {
            let long = "學".repeat(u.int_in_range(1..=3)? * 3_000);
            serde_json::to_string(&long).expect("a string serializes")
        }
    })
}

/// The sample's text with the changes the input describes.
fn mutate(text: &str, u: &mut Unstructured) -> Result<String> {
    let src = appbook::load::SourceFile::from_text("a.yaml", std::path::Path::new("a.yaml"), text);
    let spans = appbook::load::index(&src).expect("a sample indexes");
    let mut ranges: Vec<_> = spans.scalar_ranges().cloned().collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut edits = Vec::new();
    for _ in 0..u.int_in_range(1..=4)? {
        let r = u.choose(&ranges)?.clone();
        edits.push((r, value(u)?));
    }
    // From the end, so earlier ranges stay where they were; overlapping ones are skipped.
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for (r, v) in edits {
        if r.end <= limit && out.is_char_boundary(r.start) && out.is_char_boundary(r.end) {
            out.replace_range(r.clone(), &v);
            limit = r.start;
        }
    }
    let mut lines: Vec<&str> = out.lines().collect();
    match u.int_in_range(0..=3)? {
        1 if !lines.is_empty() => {
            let i = u.choose_index(lines.len())?;
            lines.remove(i);
        }
        2 if !lines.is_empty() => {
            let i = u.choose_index(lines.len())?;
            lines.insert(i, lines[i]);
        }
        _ => {}
    }
    Ok(lines.join("\n") + "\n")
}

pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(&(programme, name)) = u.choose(&SAMPLES) else {
        return;
    };
    let path = scratch().join(name).join("application.yaml");
    let sample = crate::support::repo()
        .join("samples")
        .join(programme)
        .join(name);
    let original = std::fs::read_to_string(sample.join("application.yaml")).expect("the sample");
    let Ok(text) = mutate(&original, &mut u) else {
        return;
    };
    std::fs::write(&path, &text).expect("scratch write");
    let first = within_budget("checking an application", 256, || {
        appbook::application::load(&path)
    });
    let second = appbook::application::load(&path);
    assert_eq!(
        render_json(&first.report, Lang::En),
        render_json(&second.report, Lang::En),
        "two checks of one application differ"
    );
    assert_eq!(first.report.exit_code(), second.report.exit_code());
    if let Some(checked) = first.passed() {
        let book = checked.book();
        within_budget("writing a book", 1024, || write_and_verify(&book));
    }
}
