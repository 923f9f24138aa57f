//! Every page of every sample book, as appbook writes the PDF and as LibreOffice lays out the
//! DOCX, compared with reviewed reference images at low resolution (tests/visual/), so that a
//! change of layout shows up in review as changed pictures rather than passing unseen.
//!
//! After a deliberate change of layout, look at the new pages and then write them as the new
//! references with `make references` (APPBOOK_UPDATE_REFERENCES=1 for this test).

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::{programmes, samples, soffice_pdf, tool};
use std::path::{Path, PathBuf};

/// Enough to see where every block of text and every table sits, small enough to keep in git.
const DPI: &str = "20";

/// Grey levels (0–255) a pixel may differ by as anti-aliasing noise.
const NOISE: u8 = 40;
/// Share of a page's pixels that may differ by more than [`NOISE`].
const MAX_CHANGED: f64 = 0.002;

fn updating() -> bool {
    std::env::var_os("APPBOOK_UPDATE_REFERENCES").is_some_and(|v| !v.is_empty())
}

/// The pages of `pdf` as grey images.
fn page_images(pdf: &Path, work: &Path, stem: &str) -> Vec<PathBuf> {
    let prefix = work.join(stem);
    tool(
        "pdftoppm",
        &[
            "-r",
            DPI,
            "-gray",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(work)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{stem}-"))
        })
        .collect();
    pages.sort();
    pages
}

/// How a page differs from its reference, or None when it matches.
fn difference(page: &Path, reference: &Path) -> Option<String> {
    let a = image::open(page).unwrap().into_luma8();
    let Ok(b) = image::open(reference).map(|i| i.into_luma8()) else {
        return Some("has no reference image".into());
    };
    if a.dimensions() != b.dimensions() {
        return Some(format!(
            "is {:?}, its reference {:?}",
            a.dimensions(),
            b.dimensions()
        ));
    }
    let changed = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p[0].abs_diff(q[0]) > NOISE)
        .count();
    let share = changed as f64 / f64::from(a.width() * a.height());
    (share > MAX_CHANGED).then(|| format!("differs in {:.1}% of its pixels", share * 100.0))
}

/// Compares (or, when updating, writes) the pages of one book against `refs/<kind>-NN.png`.
fn compare(pdf: &Path, refs: &Path, kind: &str, work: &Path) -> Vec<String> {
    let stem = format!("{}-{kind}", refs.file_name().unwrap().to_string_lossy());
    let pages = page_images(pdf, work, &stem);
    assert!(!pages.is_empty(), "{} has no pages", pdf.display());
    let reference = |i: usize| refs.join(format!("{kind}-{:02}.png", i + 1));
    if updating() {
        std::fs::create_dir_all(refs).unwrap();
        for old in std::fs::read_dir(refs).unwrap() {
            let old = old.unwrap().path();
            if old
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{kind}-"))
            {
                std::fs::remove_file(old).unwrap();
            }
        }
        for (i, p) in pages.iter().enumerate() {
            std::fs::copy(p, reference(i)).unwrap();
        }
        return Vec::new();
    }
    let mut problems = Vec::new();
    let expected = std::fs::read_dir(refs).map_or(0, |d| {
        d.filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(&format!("{kind}-"))
        })
        .count()
    });
    if expected != pages.len() {
        problems.push(format!(
            "{}: {} pages, the references have {expected}",
            refs.display(),
            pages.len()
        ));
    }
    for (i, p) in pages.iter().enumerate() {
        if let Some(d) = difference(p, &reference(i)) {
            problems.push(format!(
                "{}: page {} {d} (this run's page: {})",
                refs.display(),
                i + 1,
                p.display()
            ));
        }
    }
    problems
}

#[test]
fn every_page_of_every_sample_matches_its_reviewed_image() {
    // Kept on failure, so that the changed pages can be looked at.
    let work = tempfile::Builder::new()
        .prefix("appbook-visual-")
        .tempdir()
        .unwrap()
        .keep();
    let root = common::root();
    let mut problems = Vec::new();
    let mut docx = Vec::new();
    let mut books = Vec::new();
    for programme in programmes() {
        for app in samples(&programme) {
            let name = appbook::render::book_name(&app);
            let refs = root.join("tests/visual").join(&programme).join(&name);
            let book = appbook::render::prepare(&app).book.expect("samples pass");
            let renderer =
                appbook::writers::pdf::Renderer::new(&Default::default()).expect("a Kai font");
            let pdf = work.join(format!("{programme}-{name}.pdf"));
            std::fs::write(&pdf, renderer.render_at(&book, None).unwrap()).unwrap();
            problems.extend(compare(&pdf, &refs, "pdf", &work));
            let d = work.join(format!("{programme}-{name}.docx"));
            std::fs::write(&d, appbook::writers::docx::write_docx(&book).unwrap()).unwrap();
            docx.push(d);
            books.push(refs);
        }
    }
    assert!(books.len() >= 5, "both programmes' samples");
    let converted = soffice_pdf(&docx, &work);
    for (pdf, refs) in converted.iter().zip(&books) {
        problems.extend(compare(pdf, refs, "docx", &work));
    }
    assert!(
        problems.is_empty(),
        "{} pages differ from their reviewed images; look at them, and if the change is meant, \
         run `make references`:\n{}",
        problems.len(),
        problems.join("\n")
    );
    std::fs::remove_dir_all(&work).ok();
}
