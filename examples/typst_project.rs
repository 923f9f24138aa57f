//! Writes the Typst project of one application's book to a folder: `main.typ` (appbook's
//! template), `data.json` (the book and the Kai font families) and the attachments under
//! `files/`. `typst compile DIR/main.typ --root DIR` with the same fonts then typesets exactly
//! what `appbook render` typesets; `make bench` times that as the reference for one book.
//!
//! usage: typst_project APPLICATION OUT_DIR [FONT_DIR]
//! With FONT_DIR only that folder's fonts are looked at (as `--font-dir DIR --no-system-fonts`).

use appbook::render;
use appbook::writers::pdf::fonts::FontOptions;
use appbook::writers::pdf::Renderer;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(app), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: typst_project APPLICATION OUT_DIR [FONT_DIR]");
        return ExitCode::from(2);
    };
    let fonts = match args.get(2) {
        Some(dir) => FontOptions {
            dirs: vec![PathBuf::from(dir)],
            no_system: true,
        },
        None => FontOptions::default(),
    };
    let prepared = render::prepare(&render::application_file(&PathBuf::from(app)));
    let Some(book) = prepared.book else {
        eprintln!("{app} has errors; `appbook check {app}` shows them");
        return ExitCode::from(1);
    };
    let project = Renderer::new(&fonts).and_then(|r| r.project(&book));
    let files = match project {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{}", e.en);
            return ExitCode::from(1);
        }
    };
    let out = PathBuf::from(out);
    for (virtual_path, bytes) in files {
        let path = out.join(virtual_path.trim_start_matches('/'));
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, bytes));
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
