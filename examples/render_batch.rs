//! Renders a batch of books in one process, the way a supervising agency re-renders many
//! applications: fonts are scanned and loaded once, then every book is checked, built and
//! typeset. Used by `make bench` (bench/render.sh).
//!
//! usage: render_batch COUNT OUT_DIR APPLICATION.yaml...
//! Renders COUNT books, cycling through the applications, into OUT_DIR.

use appbook::render;
use appbook::writers::pdf::Renderer;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: render_batch COUNT OUT_DIR APPLICATION.yaml...");
        return ExitCode::from(2);
    };
    let apps: Vec<PathBuf> = args[2..].iter().map(PathBuf::from).collect();
    if apps.is_empty() || count == 0 {
        eprintln!("usage: render_batch COUNT OUT_DIR APPLICATION.yaml...");
        return ExitCode::from(2);
    }
    let start = Instant::now();
    let renderer = match Renderer::new(&Default::default()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.en);
            return ExitCode::from(1);
        }
    };
    let fonts = start.elapsed();
    let out = PathBuf::from(out);
    for i in 0..count {
        let app = &apps[i % apps.len()];
        let prepared = render::prepare(app);
        let Some(book) = prepared.book else {
            eprintln!("{} has errors", app.display());
            return ExitCode::from(1);
        };
        let path = out.join(format!("{}-{i}.pdf", render::book_name(app)));
        let written = renderer.render(&book).and_then(|bytes| {
            appbook::write::atomic(&path, &bytes)
                .map_err(|e| appbook::diagnostics::Text::new(e.to_string(), e.to_string()))
        });
        if let Err(e) = written {
            eprintln!("{}", e.en);
            return ExitCode::from(1);
        }
    }
    let total = start.elapsed();
    eprintln!(
        "{count} books in {:.3} s (fonts {:.3} s, {:.3} s per book)",
        total.as_secs_f64(),
        fonts.as_secs_f64(),
        (total - fonts).as_secs_f64() / count as f64
    );
    ExitCode::SUCCESS
}
