//! How long the editor takes to show a one-field change: the time from the form's change to
//! the redrawn pages, without the browser. A copy of the application is opened as
//! `appbook edit` opens it (fonts loaded once, the first layout done), then 員工總數 is changed
//! back and forth; each round is the save (the smallest edit of the file, written atomically),
//! the one pass of `check`, the book, Typst's incremental layout and the PNG of every page
//! that changed. Used by `make bench` (bench/edit.sh).
//!
//! usage: edit_latency APPLICATION_FOLDER [ROUNDS]

use appbook::diagnostics::Lang;
use appbook::edit::Editor;
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn copy(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            copy(&e.path(), &to.join(e.file_name()))?;
        } else {
            std::fs::copy(e.path(), to.join(e.file_name()))?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(folder) = args.first() else {
        eprintln!("usage: edit_latency APPLICATION_FOLDER [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(20);
    // The editor writes to the file, so it works on a copy.
    let work = std::env::temp_dir().join(format!("edit-latency-{}", std::process::id()));
    if let Err(e) = copy(std::path::Path::new(folder), &work) {
        eprintln!("cannot copy {folder}: {e}");
        return ExitCode::from(2);
    }
    let start = Instant::now();
    let mut editor = match Editor::open(&work, Lang::ZhTw, &Default::default()) {
        Ok(e) => e,
        Err(t) => {
            eprintln!("{}", t.en);
            return ExitCode::from(1);
        }
    };
    let pages = editor.state()["pages"].as_u64().unwrap_or(0) as usize;
    for n in 0..pages {
        editor.page(n);
    }
    println!(
        "open (fonts, check, first layout, {pages} pages drawn): {:.0} ms",
        ms(start.elapsed())
    );
    let original = editor.state()["data"]["basic"]["employees"].clone();
    let mut times = Vec::new();
    for round in 0..rounds {
        let mut data = editor.state()["data"].clone();
        data["basic"]["employees"] = if round % 2 == 0 {
            serde_json::json!(original.as_u64().unwrap_or(100) + 1)
        } else {
            original.clone()
        };
        let t = Instant::now();
        if let Err(e) = editor.save_data(&data) {
            eprintln!("{}", e.en);
            return ExitCode::from(1);
        }
        let n = editor.state()["pages"].as_u64().unwrap_or(0) as usize;
        for p in 0..n {
            editor.page(p);
        }
        times.push(t.elapsed());
    }
    let _ = std::fs::remove_dir_all(&work);
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len().max(1) as u32;
    println!(
        "one-field change to redrawn pages, {rounds} rounds: median {:.0} ms, mean {:.0} ms, min {:.0} ms, max {:.0} ms",
        ms(times[times.len() / 2]),
        ms(mean),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    ExitCode::SUCCESS
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
