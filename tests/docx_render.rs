//! `appbook render` and the DOCX: `--docx` writes only the DOCX, the default writes both
//! books, and the file is the writer's output for the application's book, byte for byte.

mod common;

use common::{render_cli, root};

#[test]
fn docx_flag_writes_only_the_docx_and_it_is_the_books() {
    let app = root().join("tests/fixtures/render/agency/application.yaml");
    let (out, files) = render_cli(&app, &["--docx"], &[]);
    assert_eq!(files, [out.path().join("agency.docx")]);
    let book = appbook::render::prepare(&app)
        .book
        .expect("the fixture has no errors");
    let expected = appbook::writers::docx::write_docx(&book).unwrap();
    assert!(std::fs::read(&files[0]).unwrap() == expected);
    // A second run writes the same bytes.
    let (_out2, again) = render_cli(&app, &["--docx"], &[]);
    assert!(std::fs::read(&again[0]).unwrap() == expected);
}

#[test]
fn without_flags_both_books_are_written() {
    let app = root().join("tests/fixtures/render/school/application.yaml");
    let (out, files) = render_cli(&app, &[], &[]);
    assert_eq!(
        files,
        [
            out.path().join("school.docx"),
            out.path().join("school.pdf")
        ]
    );
}
