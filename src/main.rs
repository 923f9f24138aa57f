use appbook::diagnostics::{self, Lang};
use appbook::programmes;
#[cfg(feature = "render")]
use appbook::writers::Format;
mod cli;

use cli::Command;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Stack of rayon's worker threads. A worker that waits for the other half of a split (a book's
/// PDF beside its DOCX) runs other queued work meanwhile, on its own stack: in a folder render
/// that can be another book's Typst layout on top of the first one's, which overflowed the 2 MiB
/// a thread gets by default (a folder of 50 applications aborted). The size is only reserved;
/// pages are committed as they are used.
const WORKER_STACK: usize = 64 << 20;

fn main() -> ExitCode {
    // Before anything uses rayon; an error only means a pool already exists.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build_global();
    let (cli, lang) = cli::parse();
    programmes::add_template_dirs(cli.templates.clone());
    if let Some(problem) = programmes::registry_problem() {
        eprintln!("appbook: {}", problem.get(lang));
        return ExitCode::from(2);
    }
    let code = match cli.command {
        Command::Check {
            paths,
            format,
            exclude,
            only,
            min_severity,
            quiet,
        } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths
            };
            let mut report =
                appbook::check::run_with(&paths, &appbook::check::Options { exclude, only });
            report.hide_below(if quiet {
                diagnostics::Severity::Error
            } else {
                min_severity
            });
            let color = format == diagnostics::Format::Human
                && cli.color.enabled(std::io::stdout().is_terminal());
            print!(
                "{}",
                diagnostics::render(&report, format, lang, color, &appbook::explain::explain)
            );
            report.exit_code()
        }
        Command::Render(args) => render(args, lang, cli.color),
        #[cfg(not(feature = "render"))]
        Command::Roster { .. } | Command::Score { .. } | Command::Notice { .. } => no_writers(lang),
        #[cfg(feature = "render")]
        Command::Roster {
            dir,
            out,
            sender,
            fonts,
        } => roster(
            appbook::roster::Request {
                dir,
                out_dir: out,
                sender: sender.into(),
            },
            fonts,
            lang,
        ),
        #[cfg(feature = "render")]
        Command::Score {
            dir,
            out,
            scores,
            benchmark,
            fonts,
        } => score(
            appbook::score::Request {
                dir,
                out_dir: out,
                scores,
                benchmark,
            },
            fonts,
            lang,
        ),
        #[cfg(feature = "render")]
        Command::Notice {
            application,
            out,
            date,
            sender,
            fonts,
        } => notice(
            NoticeArgs {
                application,
                out_dir: out,
                date,
                sender,
            },
            fonts,
            lang,
            cli.color,
        ),
        Command::Edit(args) => edit(args, lang),
        Command::Schema { programme, edition } => {
            match find(&programme, edition.as_deref(), lang) {
                Some(p) => {
                    print!("{}", appbook::schema::to_text(&p.schema()));
                    0
                }
                None => 2,
            }
        }
        Command::Init {
            programme,
            dir,
            edition,
        } => match find(&programme, edition.as_deref(), lang) {
            Some(p) => {
                let dir = dir.unwrap_or_else(|| PathBuf::from("."));
                match appbook::init::init(p, &dir) {
                    Ok(written) => {
                        for w in written {
                            println!("{w}");
                        }
                        let next = match lang {
                            Lang::ZhTw => format!(
                                "下一步：編輯 application.yaml，把附件放進 attachments/，再執行 appbook check {}",
                                dir.display()
                            ),
                            Lang::En => format!(
                                "next: edit application.yaml, put the attachments in attachments/, then run appbook check {}",
                                dir.display()
                            ),
                        };
                        eprintln!("{next}");
                        0
                    }
                    Err(t) => {
                        eprintln!("appbook: {}", t.get(lang));
                        2
                    }
                }
            }
            None => 2,
        },
        Command::Programmes { format } => {
            let all = programmes::all();
            match format {
                cli::ListFormat::Text => {
                    for p in all {
                        let e = &p.edition;
                        let title = match lang {
                            Lang::ZhTw => &e.title_zh,
                            Lang::En => &e.title_en,
                        };
                        println!("{}\t{}\t{}\t{}", e.programme, e.edition, title, e.source_zh);
                    }
                }
                cli::ListFormat::Json => {
                    let list: Vec<serde_json::Value> = all
                        .iter()
                        .map(|p| {
                            let e = &p.edition;
                            let current = programmes::find(&e.programme, None)
                                .is_some_and(|d| std::ptr::eq(d, p));
                            serde_json::json!({
                                "id": e.programme,
                                "edition": e.edition,
                                "current": current,
                                "title_zh": e.title_zh,
                                "title_en": e.title_en,
                                "source": e.source_zh,
                            })
                        })
                        .collect();
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&list).expect("JSON values always serialize")
                    );
                }
            }
            0
        }
        Command::Explain { code } => match appbook::explain::explain(&code) {
            Some(e) => {
                print!("{}", e.get(lang));
                0
            }
            None => {
                match lang {
                    Lang::ZhTw => eprintln!(
                        "appbook: 沒有「{code}」這個診斷代碼；代碼見 README 的規則表，或 appbook check --format json 輸出的 code"
                    ),
                    Lang::En => eprintln!(
                        "appbook: there is no diagnostic code `{code}`; the codes are in the README's rule tables, or the `code` of appbook check --format json"
                    ),
                }
                2
            }
        },
        Command::Completions { shell } => {
            let mut cmd = cli::command(lang);
            clap_complete::generate(shell, &mut cmd, "appbook", &mut std::io::stdout());
            0
        }
        Command::Man => {
            let man = clap_mangen::Man::new(cli::command(lang));
            let mut out = Vec::new();
            match man.render(&mut out) {
                Ok(()) => {
                    use std::io::Write;
                    let _ = std::io::stdout().write_all(&out);
                    0
                }
                Err(e) => {
                    eprintln!("appbook: {e}");
                    1
                }
            }
        }
    };
    ExitCode::from(code as u8)
}

#[cfg(feature = "render")]
fn render(args: cli::RenderArgs, lang: Lang, color: diagnostics::ColorChoice) -> i32 {
    let cli::RenderArgs {
        application,
        out,
        pdf,
        docx,
        verbose,
        fonts,
    } = args;
    let cli::FontArgs {
        font_dir,
        no_system_fonts,
    } = fonts;
    // Neither flag: both formats.
    let formats = Format::ALL
        .into_iter()
        .filter(|f| match f {
            Format::Pdf => pdf || !docx,
            Format::Docx => docx || !pdf,
        })
        .collect::<Vec<_>>();
    let fonts = appbook::writers::pdf::fonts::FontOptions {
        dirs: font_dir,
        no_system: no_system_fonts,
    };
    // A folder that is not itself one application: every application under it.
    if application.is_dir() && !appbook::render::application_file(&application).exists() {
        return render_folder(&application, &out, &formats, &fonts, verbose, lang, color);
    }
    let rendered = appbook::render::render(&appbook::render::Request {
        application: application.to_path_buf(),
        out_dir: out.to_path_buf(),
        formats,
        fonts,
    });
    let color = color.enabled(std::io::stderr().is_terminal());
    if !rendered.report.diagnostics.is_empty() {
        eprint!(
            "{}",
            diagnostics::render(
                &rendered.report,
                diagnostics::Format::Human,
                lang,
                color,
                &appbook::explain::explain,
            )
        );
    }
    if let Some(why) = &rendered.failure {
        eprintln!("appbook: {}", why.get(lang));
    }
    if rendered.written.is_empty() && rendered.exit_code() != 0 {
        eprintln!(
            "appbook: {}",
            match (lang, rendered.report.exit_code() != 0) {
                (Lang::ZhTw, true) => "申請資料有錯誤，未寫入任何檔案；請修正上列錯誤後再執行。",
                (Lang::En, true) =>
                    "the application has errors; nothing was written. Fix the errors above and run again.",
                (Lang::ZhTw, false) => "未寫入任何檔案。",
                (Lang::En, false) => "nothing was written.",
            }
        );
    }
    for note in &rendered.notes {
        eprintln!("{}", note.get(lang));
    }
    for path in &rendered.written {
        println!("{}", path.display());
    }
    rendered.exit_code()
}

/// The PDF and DOCX writers, with the fonts loaded once for every form of the run; None (after
/// saying why) when no Kai font is found.
#[cfg(feature = "render")]
fn writers(
    formats: &[Format],
    fonts: &appbook::writers::pdf::fonts::FontOptions,
    lang: Lang,
) -> Option<Vec<Box<dyn appbook::writers::Writer>>> {
    match appbook::render::writers(formats, fonts) {
        Ok(w) => {
            for note in w.iter().filter_map(|w| w.note()) {
                eprintln!("{}", note.get(lang));
            }
            Some(w)
        }
        Err(t) => {
            eprintln!("appbook: {}", t.get(lang));
            None
        }
    }
}

#[cfg(feature = "render")]
fn font_options(f: cli::FontArgs) -> appbook::writers::pdf::fonts::FontOptions {
    appbook::writers::pdf::fonts::FontOptions {
        dirs: f.font_dir,
        no_system: f.no_system_fonts,
    }
}

/// `render FOLDER`: every application, in parallel; a progress bar on a terminal, else a line
/// per book as it ends; the failures listed at the end.
#[cfg(feature = "render")]
fn render_folder(
    dir: &std::path::Path,
    out: &std::path::Path,
    formats: &[Format],
    fonts: &appbook::writers::pdf::fonts::FontOptions,
    verbose: bool,
    lang: Lang,
    color: diagnostics::ColorChoice,
) -> i32 {
    if out_is_file(out, lang) {
        return 2;
    }
    let entries = match appbook::reviewing::load_all(dir) {
        Ok(e) => e,
        Err(report) => {
            let code = print_report(&report, lang, color);
            match lang {
                Lang::ZhTw => eprintln!(
                    "appbook: 「{}」沒有 application.yaml，其下也找不到任何申請資料；未寫入任何檔案。",
                    dir.display()
                ),
                Lang::En => eprintln!(
                    "appbook: `{}` holds no application.yaml and no application below it; nothing was written.",
                    dir.display()
                ),
            }
            return code;
        }
    };
    let Some(writers) = writers(formats, fonts, lang) else {
        return 1;
    };
    let total = entries.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let (outcomes, sharing) = appbook::batch::render_all_measured(&entries, &writers, out, &|o| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        match &bar {
            Some(bar) => {
                bar.set_message(o.id.clone());
                bar.inc(1);
            }
            None => {
                let status = match (&o.failure, lang) {
                    (None, Lang::ZhTw) => "完成",
                    (None, Lang::En) => "done",
                    (Some(_), Lang::ZhTw) => "失敗",
                    (Some(_), Lang::En) => "failed",
                };
                eprintln!("[{n}/{total}] {} {status}", o.id);
            }
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let failed: Vec<&appbook::batch::Outcome> =
        outcomes.iter().filter(|o| o.failure.is_some()).collect();
    for o in &outcomes {
        for p in &o.written {
            println!("{}", p.display());
        }
    }
    if verbose {
        print_sharing(&sharing, total, lang);
    }
    let books = total - failed.len();
    match lang {
        Lang::ZhTw => eprintln!(
            "appbook: {total} 份申請，{books} 份已產生申請書及送件檢核表，{} 份失敗",
            failed.len()
        ),
        Lang::En => eprintln!(
            "appbook: {total} applications, {books} books with their 送件檢核表 written, {} failed",
            failed.len()
        ),
    }
    if failed.is_empty() {
        return 0;
    }
    eprintln!(
        "{}",
        match lang {
            Lang::ZhTw => "失敗：",
            Lang::En => "failed:",
        }
    );
    for o in failed {
        if let Some(f) = &o.failure {
            eprintln!("  {}: {}", o.id, f.text().get(lang));
        }
        if !o.stale.is_empty() {
            let names: Vec<String> = o.stale.iter().map(|p| p.display().to_string()).collect();
            match lang {
                Lang::ZhTw => eprintln!(
                    "    注意：輸出資料夾中已有的 {} 不是這次產生的（是先前執行留下的舊檔，未予刪除），請勿當作這次的結果送出。",
                    names.join("、")
                ),
                Lang::En => eprintln!(
                    "    note: {} in the output folder {} not from this run (left by an earlier run, not deleted); do not send {} as this run's result.",
                    names.join(", "),
                    if names.len() == 1 { "is" } else { "are" },
                    if names.len() == 1 { "it" } else { "them" }
                ),
            }
        }
    }
    1
}

/// `render FOLDER --verbose`: how the applications were shared among the worker threads, with
/// the CPU time each one got against the wall time.
#[cfg(feature = "render")]
fn print_sharing(s: &appbook::batch::Sharing, total: usize, lang: Lang) {
    let secs = |d: std::time::Duration| format!("{:.2}", d.as_secs_f64());
    let (wall, overlap) = (secs(s.wall), secs(s.overlap));
    let (busy, pool) = (s.busy(), s.workers.len());
    match lang {
        Lang::ZhTw => eprintln!(
            "appbook: {total} 份申請，實耗 {wall} 秒，由 {pool} 個工作執行緒中的 {busy} 個處理；兩份以上同時處理的時間 {overlap} 秒"
        ),
        Lang::En => eprintln!(
            "appbook: {total} applications in {wall} s of wall time, taken by {busy} of {pool} worker threads; two or more in progress for {overlap} s"
        ),
    }
    for w in &s.workers {
        let cpu = w.cpu.map(secs);
        match (lang, cpu) {
            (Lang::ZhTw, Some(c)) => {
                eprintln!("  執行緒 {}：{} 份，CPU {c} 秒", w.index, w.applications)
            }
            (Lang::ZhTw, None) => {
                eprintln!("  執行緒 {}：{} 份，CPU 時間不明", w.index, w.applications)
            }
            (Lang::En, Some(c)) => {
                eprintln!(
                    "  worker {}: {} applications, CPU {c} s",
                    w.index, w.applications
                )
            }
            (Lang::En, None) => eprintln!(
                "  worker {}: {} applications, CPU time unknown",
                w.index, w.applications
            ),
        }
    }
    if let Some(cpu) = s.cpu() {
        let ratio = cpu.as_secs_f64() / s.wall.as_secs_f64().max(1e-9);
        match lang {
            Lang::ZhTw => eprintln!(
                "  工作執行緒 CPU 合計 {} 秒，為實耗時間的 {ratio:.2} 倍",
                secs(cpu)
            ),
            Lang::En => eprintln!(
                "  CPU of the worker threads {} s, {ratio:.2} times the wall time",
                secs(cpu)
            ),
        }
    }
}

/// `-o` naming a file is a usage error (exit status 2), said before anything is read.
#[cfg(feature = "render")]
fn out_is_file(out: &std::path::Path, lang: Lang) -> bool {
    let file = out.exists() && !out.is_dir();
    if file {
        match lang {
            Lang::ZhTw => eprintln!("appbook: -o 須是資料夾，但「{}」是檔案", out.display()),
            Lang::En => eprintln!(
                "appbook: -o must be a folder, but `{}` is a file",
                out.display()
            ),
        }
    }
    file
}

#[cfg(feature = "render")]
fn print_report(report: &diagnostics::Report, lang: Lang, color: diagnostics::ColorChoice) -> i32 {
    let color = color.enabled(std::io::stderr().is_terminal());
    eprint!(
        "{}",
        diagnostics::render(
            report,
            diagnostics::Format::Human,
            lang,
            color,
            &appbook::explain::explain
        )
    );
    report.exit_code()
}

/// The applications a form leaves out, with their error codes.
#[cfg(feature = "render")]
fn print_left_out(left_out: &[appbook::reviewing::LeftOut], lang: Lang) {
    if left_out.is_empty() {
        return;
    }
    eprintln!(
        "{}",
        match lang {
            Lang::ZhTw => "未列入（申請資料有錯誤，請以 appbook check 查看）：",
            Lang::En => "left out (the application has errors; see appbook check):",
        }
    );
    for l in left_out {
        let why = if l.codes.is_empty() {
            match lang {
                Lang::ZhTw => "此計畫無主管機關初審".to_string(),
                Lang::En => "its programme has no 初審 by a 主管機關".to_string(),
            }
        } else {
            l.codes.join(", ")
        };
        eprintln!("  {}: {why}", l.id);
    }
}

#[cfg(feature = "render")]
fn roster(req: appbook::roster::Request, fonts: cli::FontArgs, lang: Lang) -> i32 {
    if out_is_file(&req.out_dir, lang) {
        return 2;
    }
    let Some(writers) = writers(&Format::ALL, &font_options(fonts), lang) else {
        return 1;
    };
    let out = appbook::roster::run(&req, &writers);
    if let Some(report) = &out.unreadable {
        return print_report(report, lang, diagnostics::ColorChoice::Never);
    }
    if let Some(found) = &out.unknown_agency {
        let wanted = req.sender.agency.as_deref().unwrap_or_default();
        let none = found.is_empty();
        let list = found.join("、");
        // 内政部 for 內政部: the name the applications use, written with another character.
        let alike = found.iter().find(|a| {
            appbook::reviewing::fold_variants(a) == appbook::reviewing::fold_variants(wanted)
        });
        if let Some(a) = alike {
            match lang {
                Lang::ZhTw => eprintln!(
                    "appbook: 「{wanted}」與申請資料所填的「{a}」只差異體字；是否指「{a}」？"
                ),
                Lang::En => eprintln!(
                    "appbook: `{wanted}` differs from the applications' `{a}` only by a variant character; did you mean `{a}`?"
                ),
            }
        }
        match lang {
            Lang::ZhTw if none => eprintln!(
                "appbook: 沒有任何申請資料以「{wanted}」為主管機關，且讀得出的申請資料都沒有填主管機關；未寫入一覽表。"
            ),
            Lang::ZhTw => eprintln!(
                "appbook: 沒有任何申請資料以「{wanted}」為主管機關（隸屬之中央政府機關）；申請資料所填的主管機關有：{list}。請以其中之一給 --agency；未寫入一覽表。"
            ),
            Lang::En if none => eprintln!(
                "appbook: no application names `{wanted}` as its 主管機關, and none that can be read names one; no list was written."
            ),
            Lang::En => eprintln!(
                "appbook: no application names `{wanted}` as its 主管機關 (隸屬之中央政府機關); the applications name: {}. Give one of them to --agency; no list was written.",
                found.join(", ")
            ),
        }
        return out.exit_code();
    }
    for (agency, ids) in &out.lists {
        match lang {
            Lang::ZhTw => eprintln!("{agency}：{} 份初審合格", ids.len()),
            Lang::En => eprintln!("{agency}: {} passed", ids.len()),
        }
        for (i, id) in ids.iter().enumerate() {
            eprintln!("  {}. {id}", i + 1);
        }
    }
    for (agency, unit, ids) in &out.duplicates {
        match lang {
            Lang::ZhTw => eprintln!(
                "appbook: 警告：{agency} 的一覽表中，申請單位「{unit}」列了 {} 次（{}）；若是同一份申請放在兩個資料夾，請只留一份。",
                ids.len(),
                ids.join("、")
            ),
            Lang::En => eprintln!(
                "appbook: warning: on the list of {agency}, the unit `{unit}` is listed {} times ({}); if one application sits in two folders, keep one.",
                ids.len(),
                ids.join(", ")
            ),
        }
    }
    for (a, b) in &out.look_alike {
        match lang {
            Lang::ZhTw => eprintln!(
                "appbook: 警告：主管機關「{a}」與「{b}」只差異體字（如 内/內、台/臺），各自寫成一份一覽表；若是同一機關，請把申請資料的主管機關改成相同寫法。"
            ),
            Lang::En => eprintln!(
                "appbook: warning: the agencies `{a}` and `{b}` differ only by a variant character (such as 内/內, 台/臺) and each got its own list; if they are one agency, write its name the same way in the applications."
            ),
        }
    }
    print_left_out(&out.left_out, lang);
    for (programme, ids) in &out.no_roster {
        match lang {
            Lang::ZhTw => eprintln!(
                "不適用一覽表（{programme} 沒有主管機關初審：申請者直接向主辦單位報名，由其評審委員會審查，故無初審合格名單一覽表）："
            ),
            Lang::En => eprintln!(
                "not for a list ({programme} has no 初審 by a 主管機關: applicants send their form straight to the organiser, whose review committee judges it, so there is no 初審合格名單一覽表):"
            ),
        }
        for id in ids {
            eprintln!("  {id}");
        }
    }
    if out.lists.is_empty() {
        eprintln!(
            "{}",
            match (lang, out.left_out.is_empty()) {
                (Lang::ZhTw, false) => "appbook: 沒有任何初審合格的申請，未寫入一覽表。",
                (Lang::En, false) => "appbook: no application passed; no list was written.",
                (Lang::ZhTw, true) => "appbook: 沒有需要初審合格名單一覽表的申請，未寫入一覽表。",
                (Lang::En, true) =>
                    "appbook: no application calls for a 初審合格名單一覽表; no list was written.",
            }
        );
    }
    if let Some(t) = &out.failure {
        eprintln!("appbook: {}", t.get(lang));
    }
    for p in &out.written {
        println!("{}", p.display());
    }
    out.exit_code()
}

#[cfg(feature = "render")]
fn score(req: appbook::score::Request, fonts: cli::FontArgs, lang: Lang) -> i32 {
    if out_is_file(&req.out_dir, lang) {
        return 2;
    }
    let Some(writers) = writers(&Format::ALL, &font_options(fonts), lang) else {
        return 1;
    };
    let out = appbook::score::run(&req, &writers);
    if let Some(report) = &out.unreadable {
        return print_report(report, lang, diagnostics::ColorChoice::Never);
    }
    print_left_out(&out.left_out, lang);
    for p in &out.problems {
        eprintln!("appbook: {}", p.get(lang));
    }
    if !out.problems.is_empty() {
        eprintln!("{}", match lang {
            Lang::ZhTw => "appbook: 評分有誤，未產生評審總表；請修正上列各行後再執行。",
            Lang::En => "appbook: the scores have errors; no summary was written. Fix the lines above and run again.",
        });
    }
    if let Some(t) = &out.failure {
        eprintln!("appbook: {}", t.get(lang));
    }
    if out.nothing_passed && out.unreadable.is_none() {
        eprintln!(
            "{}",
            match lang {
                Lang::ZhTw => "appbook: 沒有任何無錯誤的申請，未寫入評分表及評分檔。",
                Lang::En => "appbook: no application is free of errors; no score sheet or score file was written.",
            }
        );
    }
    for (programme, ranked) in &out.rankings {
        // A missing score is allowed (a reviewer may recuse), but never silent: each
        // application/reviewer pair absent from the files is named, and the summary notes it.
        for r in ranked {
            if r.rank.is_none() {
                match lang {
                    Lang::ZhTw => eprintln!(
                        "appbook: 警告：{}（{}）沒有任何評審委員的評分，評審總表列為未評分。",
                        r.unit, r.id
                    ),
                    Lang::En => eprintln!(
                        "appbook: warning: {} ({}) has no score from any reviewer; the summary lists it as unscored (未評分).",
                        r.unit, r.id
                    ),
                }
            }
            for who in &r.missing {
                match lang {
                    Lang::ZhTw => eprintln!(
                        "appbook: 警告：評分檔中沒有評審委員「{who}」對 {}（{}）的評分。",
                        r.unit, r.id
                    ),
                    Lang::En => eprintln!(
                        "appbook: warning: the score files have no score by `{who}` for {} ({}).",
                        r.unit, r.id
                    ),
                }
            }
        }
        eprintln!("{programme}");
        for r in ranked {
            let (rank, total) = match r.rank {
                Some(n) => (n.to_string(), appbook::score::points(r.total)),
                None => (
                    "-".to_string(),
                    match lang {
                        Lang::ZhTw => "未評分".to_string(),
                        Lang::En => "unscored".to_string(),
                    },
                ),
            };
            eprintln!("  {rank}	{total}	{} ({})", r.unit, r.id);
        }
    }
    for p in &out.written {
        println!("{}", p.display());
    }
    out.exit_code()
}

/// `appbook notice`'s arguments besides the fonts.
#[cfg(feature = "render")]
struct NoticeArgs {
    application: PathBuf,
    out_dir: PathBuf,
    date: Option<String>,
    sender: cli::SenderArgs,
}

#[cfg(feature = "render")]
fn notice(
    args: NoticeArgs,
    fonts: cli::FontArgs,
    lang: Lang,
    color: diagnostics::ColorChoice,
) -> i32 {
    let NoticeArgs {
        application,
        out_dir,
        date,
        sender,
    } = args;
    if out_is_file(&out_dir, lang) {
        return 2;
    }
    let date = match date.as_deref().map(appbook::model::Date::parse) {
        None => appbook::notice::today(),
        // A letter is dated in 民國 years: before 民國元年 (1912-01-01) there is none to print.
        Some(Some(d)) if d.roc_year() < 1 => {
            let given = date.unwrap_or_default();
            match lang {
                Lang::ZhTw => eprintln!(
                    "appbook: --date 的「{given}」在民國元年（1912-01-01）之前，補正通知無法以民國紀年；請寫通知的實際日期，例如 114-07-01"
                ),
                Lang::En => eprintln!(
                    "appbook: --date `{given}` is before 民國 year 1 (1912-01-01), which a notice dated in ROC years cannot print; give the notice's real date, e.g. 2025-07-01"
                ),
            }
            return 2;
        }
        Some(Some(d)) => d,
        Some(None) => {
            let given = date.unwrap_or_default();
            match lang {
                Lang::ZhTw => {
                    eprintln!("appbook: --date 的「{given}」不是日期；請寫 114-07-01 或 2025-07-01")
                }
                Lang::En => eprintln!(
                    "appbook: --date `{given}` is not a date; write 2025-07-01 or 114-07-01"
                ),
            }
            return 2;
        }
    };
    let Some(writers) = writers(&Format::ALL, &font_options(fonts), lang) else {
        return 1;
    };
    let out = appbook::notice::run(
        &appbook::notice::Request {
            application: application.clone(),
            out_dir,
            date,
            sender: sender.into(),
        },
        &writers,
    );
    print_report(&out.report, lang, color);
    if out.nothing_to_fix {
        eprintln!("{}", match lang {
            Lang::ZhTw => "appbook: 申請資料沒有錯誤，不需補正通知；未寫入任何檔案。",
            Lang::En => "appbook: the application has no errors; no notice is needed and nothing was written.",
        });
    }
    if out.programme_unknown {
        eprintln!("{}", match lang {
            Lang::ZhTw => "appbook: 申請資料未以 programme: 指明已知的計畫，無法判斷應依哪一計畫的體例通知；未寫入任何檔案。",
            Lang::En => "appbook: the application names no known programme on a programme: line, so no notice can follow a programme's form; nothing was written.",
        });
    }
    if out.unit_unknown && !out.written.is_empty() {
        let folder = appbook::render::book_name(&appbook::render::application_file(&application));
        match lang {
            Lang::ZhTw => eprintln!("appbook: 申請資料中讀不到申請單位名稱；補正通知以申請資料夾名稱「{folder}」稱之。"),
            Lang::En => eprintln!("appbook: no unit name can be read from the application; the notice addresses it by its folder name `{folder}`."),
        }
    }
    if let Some(d) = out.deadline {
        match lang {
            Lang::ZhTw => eprintln!("補正期限：{}", d.roc_long()),
            Lang::En => eprintln!("deadline: {d}"),
        }
    }
    if let Some(t) = &out.failure {
        eprintln!("appbook: {}", t.get(lang));
    }
    for p in &out.written {
        println!("{}", p.display());
    }
    out.exit_code()
}

/// A check-only build (`--no-default-features`) has no writers; it says how to get them.
#[cfg(not(feature = "render"))]
fn render(_args: cli::RenderArgs, lang: Lang, _color: diagnostics::ColorChoice) -> i32 {
    no_writers(lang)
}

#[cfg(not(feature = "render"))]
fn no_writers(lang: Lang) -> i32 {
    match lang {
        Lang::ZhTw => eprintln!("appbook: 這個版本只能檢查（建置時未含 render 功能）；要產生申請書請以預設功能建置：cargo install --path ."),
        Lang::En => eprintln!("appbook: this build can only check (built without the `render` feature); build with default features to render: cargo install --path ."),
    }
    2
}

/// `appbook edit`: creates the application first when the folder has none, then serves the
/// editor until Ctrl-C.
#[cfg(feature = "render")]
fn edit(args: cli::EditArgs, lang: Lang) -> i32 {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    if !dir.join("application.yaml").exists() {
        let Some(id) = args.programme.or_else(|| ask_programme(lang)) else {
            match lang {
                Lang::ZhTw => eprintln!("appbook: 「{}」沒有 application.yaml；請以 --programme <計畫> 指定要建立的計畫（見 appbook programmes）", dir.display()),
                Lang::En => eprintln!("appbook: `{}` has no application.yaml; name the programme to create with --programme <programme> (see `appbook programmes`)", dir.display()),
            }
            return 2;
        };
        let Some(p) = find(&id, None, lang) else {
            return 2;
        };
        if let Err(t) = appbook::init::init(p, &dir) {
            eprintln!("appbook: {}", t.get(lang));
            return 2;
        }
    }
    let opts = appbook::edit::Options {
        dir,
        lang,
        open: !args.no_open,
        fonts: appbook::writers::pdf::fonts::FontOptions {
            dirs: args.font_dir,
            no_system: args.no_system_fonts,
        },
    };
    let result = appbook::edit::run(opts, |url| {
        use std::io::Write;
        match lang {
            Lang::ZhTw => println!("編輯器已啟動，請在瀏覽器開啟：\n  {url}\n按 Ctrl-C 結束（每次修改都已存檔）。"),
            Lang::En => println!("the editor is running; open it in your browser:\n  {url}\nPress Ctrl-C to stop (every change is already saved)."),
        }
        let _ = std::io::stdout().flush();
    });
    match result {
        Ok(()) => 0,
        Err(t) => {
            eprintln!("appbook: {}", t.get(lang));
            1
        }
    }
}

/// Asks on the terminal which programme a new application is for; None without a terminal.
#[cfg(feature = "render")]
fn ask_programme(lang: Lang) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    let all = programmes::all();
    let mut ids: Vec<&str> = all.iter().map(|p| p.edition.programme.as_str()).collect();
    ids.dedup();
    for (i, p) in ids.iter().enumerate() {
        let title = programmes::find(p, None).map(|p| match lang {
            Lang::ZhTw => p.edition.title_zh.clone(),
            Lang::En => p.edition.title_en.clone(),
        });
        eprintln!("  {}) {p}  {}", i + 1, title.unwrap_or_default());
    }
    eprint!(
        "{}",
        match lang {
            Lang::ZhTw => "要建立哪一個計畫的申請資料？請輸入編號：",
            Lang::En => "which programme is the application for? Type its number: ",
        }
    );
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).ok()?;
    let n: usize = answer.trim().parse().ok()?;
    ids.get(n.checked_sub(1)?).map(|s| s.to_string())
}

/// A check-only build has no preview, so no editor; it says how to get one.
#[cfg(not(feature = "render"))]
fn edit(_args: cli::EditArgs, lang: Lang) -> i32 {
    match lang {
        Lang::ZhTw => eprintln!("appbook: 這個版本只能檢查（建置時未含 render 功能），沒有編輯器；請以預設功能建置：cargo install --path ."),
        Lang::En => eprintln!("appbook: this build can only check (built without the `render` feature) and has no editor; build with default features: cargo install --path ."),
    }
    2
}

fn find(id: &str, edition: Option<&str>, lang: Lang) -> Option<&'static programmes::Programme> {
    let p = programmes::find(id, edition);
    if p.is_none() {
        let known = programmes::ids().join(", ");
        match (lang, edition, programmes::editions(id).is_empty()) {
            (Lang::ZhTw, Some(e), false) => eprintln!("appbook: 「{id}」沒有「{e}」版書表"),
            (Lang::En, Some(e), false) => eprintln!("appbook: `{id}` has no form edition `{e}`"),
            (Lang::ZhTw, _, _) => eprintln!("appbook: 不認得的計畫「{id}」；可用的計畫：{known}"),
            (Lang::En, _, _) => {
                eprintln!("appbook: unknown programme `{id}`; known programmes: {known}")
            }
        }
    }
    p
}
