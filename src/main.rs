use appbook::diagnostics::{self, Format, Lang};
use appbook::programmes;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "appbook",
    version,
    about = "Validate employee-learning applications (YAML) and render application books (申請書)"
)]
struct Cli {
    /// Language of messages.
    #[arg(long, global = true, value_enum, default_value = "zh-TW")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    #[value(name = "zh-TW", alias = "zh")]
    ZhTw,
    #[value(name = "en")]
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Write a commented application.yaml and an attachments/ folder to start from.
    Init {
        /// Programme id (see `appbook programmes`).
        programme: String,
        /// Folder to create (default: the current folder).
        dir: Option<PathBuf>,
    },
    /// Check YAML applications, folders of them (recursively), or DOCX/PDF books.
    Check {
        /// Files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Check an application and render its book (申請書) into DIR/<folder name>.pdf and .docx.
    Render {
        /// The application's YAML file.
        application: PathBuf,
        /// Output folder.
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        /// Write only the PDF book (default: PDF and DOCX).
        #[arg(long)]
        pdf: bool,
        /// Write only the DOCX book (default: PDF and DOCX).
        #[arg(long)]
        docx: bool,
        /// Another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf.
        #[arg(long = "font-dir")]
        font_dir: Vec<PathBuf>,
        /// Do not use the system's fonts, only --font-dir folders.
        #[arg(long)]
        no_system_fonts: bool,
    },
    /// Print the JSON Schema of a programme's YAML.
    Schema { programme: String },
    /// List programmes and form editions.
    Programmes,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::ZhTw => Lang::ZhTw,
        LangArg::En => Lang::En,
    };
    let code = match cli.command {
        Command::Check { paths, format } => {
            let paths = if paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                paths
            };
            let report = appbook::check::run(&paths);
            let color = format == Format::Human && std::io::stdout().is_terminal();
            print!("{}", diagnostics::render(&report, format, lang, color));
            report.exit_code()
        }
        Command::Render {
            application,
            out,
            pdf,
            docx,
            font_dir,
            no_system_fonts,
        } => render(
            &application,
            &out,
            pdf,
            docx,
            font_dir,
            no_system_fonts,
            lang,
        ),
        Command::Schema { programme } => match find(&programme, lang) {
            Some(p) => {
                print!("{}", appbook::schema::to_text(&p.schema()));
                0
            }
            None => 2,
        },
        Command::Init { programme, dir } => match find(&programme, lang) {
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
        Command::Programmes => {
            for p in programmes::all() {
                let i = p.info();
                let title = match lang {
                    Lang::ZhTw => i.title_zh,
                    Lang::En => i.title_en,
                };
                println!("{}\t{}\t{}\t{}", i.id, i.edition, title, i.source_zh);
            }
            0
        }
    };
    ExitCode::from(code as u8)
}

fn render(
    application: &std::path::Path,
    out: &std::path::Path,
    pdf: bool,
    docx: bool,
    font_dir: Vec<PathBuf>,
    no_system_fonts: bool,
    lang: Lang,
) -> i32 {
    // Neither flag: both formats.
    let (want_pdf, want_docx) = if pdf || docx {
        (pdf, docx)
    } else {
        (true, true)
    };
    let prepared = appbook::render::prepare(application);
    let color = std::io::stderr().is_terminal();
    if !prepared.report.diagnostics.is_empty() {
        eprint!(
            "{}",
            diagnostics::render(&prepared.report, Format::Human, lang, color)
        );
    }
    let Some(book) = prepared.book else {
        return prepared.report.exit_code().max(1);
    };
    let fonts = appbook::writers::pdf::fonts::FontOptions {
        dirs: font_dir,
        no_system: no_system_fonts,
    };
    let name = appbook::render::book_name(application);
    // The DOCX is made in memory before anything is written, so a DOCX that cannot be made
    // leaves no PDF behind either.
    let docx_bytes = if want_docx {
        match appbook::writers::docx::write_docx(&book) {
            Ok(bytes) => Some(bytes),
            Err(e) => {
                eprintln!("appbook: {}", e.message().get(lang));
                return 1;
            }
        }
    } else {
        None
    };
    if want_pdf {
        match appbook::render::pdf(&book, &fonts, out, &name) {
            Ok(written) => {
                eprintln!("{}", written.font_note().get(lang));
                println!("{}", written.path.display());
            }
            Err(t) => {
                eprintln!("appbook: {}", t.get(lang));
                return 1;
            }
        }
    }
    if let Some(bytes) = docx_bytes {
        let path = out.join(format!("{name}.docx"));
        if let Err(e) = appbook::write::atomic(&path, &bytes) {
            match lang {
                Lang::ZhTw => eprintln!("appbook: 無法寫入 {}：{e}", path.display()),
                Lang::En => eprintln!("appbook: cannot write {}: {e}", path.display()),
            }
            return 1;
        }
        println!("{}", path.display());
    }
    0
}

fn find(id: &str, lang: Lang) -> Option<&'static dyn programmes::Programme> {
    let p = programmes::find(id);
    if p.is_none() {
        let known = programmes::ids().join(", ");
        match lang {
            Lang::ZhTw => eprintln!("appbook: 不認得的計畫「{id}」；可用的計畫：{known}"),
            Lang::En => eprintln!("appbook: unknown programme `{id}`; known programmes: {known}"),
        }
    }
    p
}
