//! The command line: its arguments, and their help and errors in zh-TW or English.
//!
//! clap's derive help is fixed at compile time and English. The language is therefore decided
//! from argv (`--lang`) and the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`) before parsing,
//! and the derived `Command` gets that language's help from the table below; clap's own
//! errors are rewritten in zh-TW the same way.

use appbook::diagnostics::{self, Lang};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "appbook", version)]
pub struct Cli {
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[arg(long = "templates", global = true, value_name = "DIR")]
    pub templates: Vec<PathBuf>,
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: diagnostics::ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    #[value(name = "zh-TW", alias = "zh")]
    ZhTw,
    #[value(name = "en")]
    En,
}

#[derive(Subcommand)]
pub enum Command {
    Init {
        programme: String,
        dir: Option<PathBuf>,
        #[arg(long)]
        edition: Option<String>,
    },
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: diagnostics::Format,
        #[arg(long, value_name = "GLOB")]
        exclude: Vec<String>,
        #[arg(long, value_enum, value_delimiter = ',')]
        only: Vec<appbook::check::Kind>,
        #[arg(long, value_enum, default_value = "info", value_name = "SEVERITY")]
        min_severity: diagnostics::Severity,
        #[arg(short, long, conflicts_with = "min_severity")]
        quiet: bool,
    },
    Render(RenderArgs),
    Roster {
        dir: PathBuf,
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        #[command(flatten)]
        sender: SenderArgs,
        #[command(flatten)]
        fonts: FontArgs,
    },
    Score {
        dir: PathBuf,
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        #[arg(long, value_name = "CSV")]
        scores: Vec<PathBuf>,
        #[arg(long, value_name = "統一編號")]
        benchmark: Vec<String>,
        #[command(flatten)]
        fonts: FontArgs,
    },
    Notice {
        application: PathBuf,
        #[arg(short = 'o', long = "out", default_value = "out")]
        out: PathBuf,
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[command(flatten)]
        sender: SenderArgs,
        #[command(flatten)]
        fonts: FontArgs,
    },
    Edit(EditArgs),
    Schema {
        programme: String,
        #[arg(long)]
        edition: Option<String>,
    },
    Programmes {
        #[arg(long, value_enum, default_value = "text")]
        format: ListFormat,
    },
    Explain {
        code: String,
    },
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    Man,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Args)]
pub struct RenderArgs {
    pub application: PathBuf,
    #[arg(short = 'o', long = "out", default_value = "out")]
    pub out: PathBuf,
    #[arg(long)]
    pub pdf: bool,
    #[arg(long)]
    pub docx: bool,
    #[arg(short, long)]
    pub verbose: bool,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Who sends a reviewer's form (the 一覽表, the 補正通知): the 主管機關, its officer and phone.
#[derive(Args)]
pub struct SenderArgs {
    #[arg(long)]
    pub agency: Option<String>,
    #[arg(long)]
    pub officer: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
}

#[cfg(feature = "render")]
impl From<SenderArgs> for appbook::reviewing::Sender {
    fn from(a: SenderArgs) -> Self {
        appbook::reviewing::Sender {
            agency: a.agency,
            officer: a.officer,
            phone: a.phone,
        }
    }
}

/// Where the PDF writer looks for a Kai font.
#[derive(Args)]
pub struct FontArgs {
    #[arg(long = "font-dir")]
    pub font_dir: Vec<PathBuf>,
    #[arg(long)]
    pub no_system_fonts: bool,
}

#[derive(Args)]
pub struct EditArgs {
    pub dir: Option<PathBuf>,
    #[arg(long)]
    pub programme: Option<String>,
    #[arg(long)]
    pub no_open: bool,
    #[arg(long = "font-dir")]
    pub font_dir: Vec<PathBuf>,
    #[arg(long)]
    pub no_system_fonts: bool,
}

/// (zh-TW, English)
type Both = (&'static str, &'static str);

const ABOUT: Both = (
    "檢查員工學習制度申請資料（YAML），並產生申請書（PDF、DOCX）；也檢查他處製作的申請書。",
    "Validate employee-learning applications (YAML) and render application books (申請書); also check books made elsewhere.",
);

/// Every subcommand: what it does, and examples.
const SUBCOMMANDS: &[(&str, Both, Both)] = &[
    (
        "init",
        (
            "建立附說明的 application.yaml 與 attachments/ 資料夾，作為填寫的起點。",
            "Write a commented application.yaml and an attachments/ folder to start from.",
        ),
        (
            "範例：\n  appbook init moe-learning-award 我的申請\n  appbook init sme-org-learning 申請 --edition 103",
            "Examples:\n  appbook init moe-learning-award my-application\n  appbook init sme-org-learning application --edition 103",
        ),
    ),
    (
        "check",
        (
            "檢查 YAML 申請資料、其資料夾（遞迴），或 DOCX／PDF 申請書。結束代碼：0 無錯誤，1 有錯誤，2 無法讀取或找不到任何檔案。",
            "Check YAML applications, folders of them (recursively), or DOCX/PDF books. Exit status: 0 no errors, 1 errors, 2 unreadable input or nothing found.",
        ),
        (
            "範例：\n  appbook check 我的申請\n  appbook check applications/ --format sarif > appbook.sarif\n  appbook check . --exclude 'reference/' --quiet\n  appbook check - < application.yaml\n  appbook check 申請書.docx",
            "Examples:\n  appbook check my-application --lang en\n  appbook check applications/ --format sarif > appbook.sarif\n  appbook check . --exclude 'reference/' --quiet\n  appbook check - < application.yaml\n  appbook check book.docx",
        ),
    ),
    (
        "render",
        (
            "檢查申請資料，無錯誤時產生申請書：輸出資料夾/<資料夾名稱>.pdf 與 .docx，旁邊另有一頁送件檢核表（<資料夾名稱>-送件檢核表.pdf 與 .docx：份數、送件對象與期限、應檢附資料）。給一個含多份申請的資料夾時，平行產生每一份申請書及其送件檢核表；有失敗者於最後列出，結束代碼 1。",
            "Check an application and, when it has no errors, render its book into DIR/<folder name>.pdf and .docx, with its one-page 送件檢核表 beside it (<folder name>-送件檢核表.pdf and .docx: copies, where and by when to send, what to enclose). Given a folder of many applications, renders each book and its 送件檢核表 in parallel; failures are listed at the end, exit status 1.",
        ),
        (
            "範例：\n  appbook render 我的申請 -o out\n  appbook render 我的申請/application.yaml --pdf\n  appbook render 申請資料夾 -o out        # 每一份申請，平行產生\n  appbook render 申請資料夾 -o out -v     # 並列出各執行緒的份數與 CPU 時間\n  appbook render 我的申請 --font-dir 字型資料夾 --no-system-fonts",
            "Examples:\n  appbook render my-application -o out\n  appbook render my-application/application.yaml --pdf\n  appbook render applications -o out      # every application, in parallel\n  appbook render applications -o out -v   # and each worker thread's share and CPU time\n  appbook render my-application --font-dir fonts --no-system-fonts",
        ),
    ),
    (
        "roster",
        (
            "檢查資料夾中每一份申請，依主管機關（隸屬機關）產生初審合格名單一覽表（PDF、DOCX、CSV），只列無錯誤者；並列出未列入者及其錯誤代碼。",
            "Check every application in a folder and write, for each 主管機關, the 初審合格名單一覽表 (PDF, DOCX, CSV) of those without errors; the applications left out are listed with their error codes.",
        ),
        (
            "範例：\n  appbook roster 申請資料夾 -o out\n  appbook roster 申請資料夾 --agency 教育部 --officer 王小明 --phone '(02)7736-6371'",
            "Examples:\n  appbook roster applications -o out\n  appbook roster applications --agency 教育部 --officer 'Wang' --phone '(02)7736-6371'",
        ),
    ),
    (
        "score",
        (
            "為資料夾中每一份無錯誤的申請產生評分表（評審項目、配分及 appbook 計算之數據），及待填的評分 CSV；以 --scores 給回評審委員的評分後，檢核、加總、平均並排序，產生評審總表（PDF、DOCX、CSV）。",
            "Write a score sheet (評審項目, weights and the figures appbook computed) for every application without errors in a folder, and a score CSV to fill in; with the reviewers' scores given back in --scores, validate, total, average and rank them in a committee summary (PDF, DOCX, CSV).",
        ),
        (
            "範例：\n  appbook score 申請資料夾 -o out\n  appbook score 申請資料夾 -o out --scores 評分.csv\n  appbook score 企業申請 --scores 評分.csv --benchmark 12345675",
            "Examples:\n  appbook score applications -o out\n  appbook score applications -o out --scores scores.csv\n  appbook score companies --scores scores.csv --benchmark 12345675",
        ),
    ),
    (
        "notice",
        (
            "為有錯誤的申請產生補正通知（PDF、DOCX）：依表單各部分列出應補正事項，及通知日起七日之補正期限。",
            "Write a 補正通知 (PDF, DOCX) for an application with errors: what to complete or correct, by part of the form, and the deadline seven days after the notice date.",
        ),
        (
            "範例：\n  appbook notice 某申請 -o out --date 114-07-01\n  appbook notice 某申請 --agency 內政部 --officer 王小明 --phone '(02)2345-6789'",
            "Examples:\n  appbook notice an-application -o out --date 2025-07-01\n  appbook notice an-application --agency 內政部 --officer Wang --phone '(02)2345-6789'",
        ),
    ),
    (
        "edit",
        (
            "在瀏覽器中編輯申請資料：表單、即時檢查與申請書預覽（只在本機 127.0.0.1，網址含一次性存取碼）；按 Ctrl-C 結束。",
            "Edit an application in the browser: a form, live checks and a preview of the book (on 127.0.0.1 only, the address carries a one-time access token); Ctrl-C stops it.",
        ),
        (
            "範例：\n  appbook edit 我的申請\n  appbook edit 我的申請 --no-open\n  appbook edit 新申請 --programme moe-learning-award",
            "Examples:\n  appbook edit my-application --lang en\n  appbook edit my-application --no-open\n  appbook edit new-application --programme moe-learning-award",
        ),
    ),
    (
        "schema",
        (
            "輸出計畫申請資料的 JSON Schema。",
            "Print the JSON Schema of a programme's YAML.",
        ),
        (
            "範例：\n  appbook schema moe-learning-award > moe.schema.json",
            "Examples:\n  appbook schema moe-learning-award > moe.schema.json",
        ),
    ),
    (
        "programmes",
        (
            "列出可用的計畫與書表版本。",
            "List programmes and form editions.",
        ),
        (
            "範例：\n  appbook programmes\n  appbook programmes --format json\n  appbook --templates 新版書表 programmes",
            "Examples:\n  appbook programmes\n  appbook programmes --format json\n  appbook --templates new-forms programmes",
        ),
    ),
    (
        "explain",
        (
            "說明一個診斷代碼：規則、出處，以及錯誤與修正後的範例。",
            "Explain a diagnostic code: the rule, where it comes from, and an invalid and a fixed example.",
        ),
        (
            "範例：\n  appbook explain MOE-TESTIMONIALS-MIN\n  appbook explain FMT-FONT-FACE",
            "Examples:\n  appbook explain MOE-TESTIMONIALS-MIN --lang en\n  appbook explain FMT-FONT-FACE --lang en",
        ),
    ),
    (
        "completions",
        (
            "輸出命令列自動完成腳本（bash、zsh、fish、powershell、elvish）。",
            "Print a shell completion script (bash, zsh, fish, powershell, elvish).",
        ),
        (
            "範例：\n  appbook completions bash > /etc/bash_completion.d/appbook\n  appbook completions zsh > \"${fpath[1]}/_appbook\"\n  appbook completions fish > ~/.config/fish/completions/appbook.fish\n  appbook completions powershell >> $PROFILE",
            "Examples:\n  appbook completions bash > /etc/bash_completion.d/appbook\n  appbook completions zsh > \"${fpath[1]}/_appbook\"\n  appbook completions fish > ~/.config/fish/completions/appbook.fish\n  appbook completions powershell >> $PROFILE",
        ),
    ),
    (
        "man",
        (
            "輸出 man 手冊頁（roff 格式）。",
            "Print the man page (roff).",
        ),
        (
            "範例：\n  appbook man > appbook.1 && man ./appbook.1",
            "Examples:\n  appbook man > appbook.1 && man ./appbook.1",
        ),
    ),
];

/// Every argument, by subcommand ("" for the global ones) and id.
const ARGS: &[(&str, &str, Both)] = &[
    (
        "",
        "lang",
        (
            "訊息與說明的語言：zh-TW（預設）或 en；未指定時，LANG 為 en 開頭則用英文",
            "language of messages and help: zh-TW (default) or en; without it, a LANG starting with en gives English",
        ),
    ),
    (
        "",
        "templates",
        (
            "另一個書表版本資料夾（<計畫>/<版本>/edition.yaml、book.yaml、review.yaml、application.yaml），與內建版本並用（可重複）",
            "another folder of form editions (<programme>/<edition>/edition.yaml, book.yaml, review.yaml, application.yaml), used beside the built-in ones (repeatable)",
        ),
    ),
    (
        "",
        "color",
        (
            "顏色：auto（終端機才上色，設了 NO_COLOR 或 TERM=dumb 則不上色，預設）、always、never",
            "colours: auto (on a terminal, unless NO_COLOR is set or TERM=dumb; the default), always, never",
        ),
    ),
    (
        "init",
        "programme",
        (
            "計畫代號（見 appbook programmes）",
            "programme id (see `appbook programmes`)",
        ),
    ),
    (
        "init",
        "dir",
        (
            "要建立的資料夾（預設：目前資料夾）",
            "folder to create (default: the current folder)",
        ),
    ),
    (
        "init",
        "edition",
        (
            "書表版本（預設：該計畫的現行版本）",
            "form edition (default: the programme's current one)",
        ),
    ),
    (
        "check",
        "paths",
        (
            "檔案或資料夾（預設：目前資料夾）；- 表示從標準輸入讀一份申請資料",
            "files or folders (default: the current folder); - reads one application from standard input",
        ),
    ),
    (
        "check",
        "format",
        (
            "輸出格式：human（預設）、json、sarif、github",
            "output format: human (default), json, sarif, github",
        ),
    ),
    (
        "check",
        "exclude",
        (
            "略過符合 GLOB 的檔案（.gitignore 語法，相對於所給的資料夾；可重複）",
            "leave out files matching GLOB (gitignore syntax, inside each folder given; repeatable)",
        ),
    ),
    (
        "check",
        "only",
        (
            "只檢查這些種類的檔案：yaml、docx、pdf（可重複或以逗號分隔）",
            "check only these kinds of file: yaml, docx, pdf (repeatable or comma-separated)",
        ),
    ),
    (
        "check",
        "min_severity",
        (
            "只顯示至少這麼嚴重的發現：error、warning、info（預設）；摘要仍計入全部",
            "show only findings at least this serious: error, warning, info (default); the summary still counts all",
        ),
    ),
    (
        "check",
        "quiet",
        (
            "只顯示錯誤（同 --min-severity error）",
            "show only errors (the same as --min-severity error)",
        ),
    ),
    (
        "render",
        "application",
        (
            "申請資料的 YAML 檔，或含 application.yaml 的資料夾",
            "the application's YAML file, or a folder holding application.yaml",
        ),
    ),
    (
        "render",
        "out",
        (
            "輸出資料夾（預設：out）",
            "output folder (default: out)",
        ),
    ),
    (
        "render",
        "pdf",
        (
            "只產生 PDF（申請書及送件檢核表；預設：PDF 與 DOCX）",
            "write only PDF files (the book and its 送件檢核表; default: PDF and DOCX)",
        ),
    ),
    (
        "render",
        "docx",
        (
            "只產生 DOCX（申請書及送件檢核表；預設：PDF 與 DOCX）",
            "write only DOCX files (the book and its 送件檢核表; default: PDF and DOCX)",
        ),
    ),
    (
        "render",
        "verbose",
        (
            "給資料夾時，最後列出各工作執行緒處理的申請份數、CPU 時間與實耗時間",
            "for a folder, end with how many applications each worker thread took, its CPU time, and the wall time",
        ),
    ),
    (
        "render",
        "font_dir",
        (
            "另一個要搜尋的字型資料夾（可重複），例如放有 kaiu.ttf 的資料夾",
            "another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf",
        ),
    ),
    (
        "render",
        "no_system_fonts",
        (
            "不用系統字型，只用 --font-dir 的資料夾",
            "do not use the system's fonts, only --font-dir folders",
        ),
    ),
    (
        "roster",
        "font_dir",
        (
            "另一個要搜尋的字型資料夾（可重複），例如放有 kaiu.ttf 的資料夾",
            "another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf",
        ),
    ),
    (
        "roster",
        "no_system_fonts",
        (
            "不用系統字型，只用 --font-dir 的資料夾",
            "do not use the system's fonts, only --font-dir folders",
        ),
    ),
    (
        "score",
        "font_dir",
        (
            "另一個要搜尋的字型資料夾（可重複），例如放有 kaiu.ttf 的資料夾",
            "another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf",
        ),
    ),
    (
        "score",
        "no_system_fonts",
        (
            "不用系統字型，只用 --font-dir 的資料夾",
            "do not use the system's fonts, only --font-dir folders",
        ),
    ),
    (
        "notice",
        "font_dir",
        (
            "另一個要搜尋的字型資料夾（可重複），例如放有 kaiu.ttf 的資料夾",
            "another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf",
        ),
    ),
    (
        "notice",
        "no_system_fonts",
        (
            "不用系統字型，只用 --font-dir 的資料夾",
            "do not use the system's fonts, only --font-dir folders",
        ),
    ),
    (
        "roster",
        "dir",
        (
            "含申請資料的資料夾（遞迴搜尋）",
            "folder of applications (searched recursively)",
        ),
    ),
    (
        "roster",
        "out",
        ("輸出資料夾（預設：out）", "output folder (default: out)"),
    ),
    (
        "roster",
        "agency",
        (
            "只產生這個主管機關的一覽表，並印為機關名稱",
            "write only this 主管機關's list",
        ),
    ),
    (
        "roster",
        "officer",
        ("一覽表的承辦人", "the 承辦人 (officer) printed on the list"),
    ),
    (
        "roster",
        "phone",
        ("一覽表的聯絡電話", "the 聯絡電話 (phone) printed on the list"),
    ),
    (
        "score",
        "dir",
        (
            "含申請資料的資料夾（遞迴搜尋）",
            "folder of applications (searched recursively)",
        ),
    ),
    (
        "score",
        "out",
        ("輸出資料夾（預設：out）", "output folder (default: out)"),
    ),
    (
        "score",
        "scores",
        (
            "評審委員的評分 CSV：欄位 reviewer、application 及各評審項目（每位委員每份申請一列；可重複）",
            "the reviewers' scores as CSV: columns reviewer, application and one per 評審項目 (one row per reviewer and application; repeatable)",
        ),
    ),
    (
        "score",
        "benchmark",
        (
            "委員認定為學習標竿（屢次獲獎）之企業統一編號（可重複）",
            "統一編號 of a company the committee names 學習標竿, a repeated winner (repeatable)",
        ),
    ),
    (
        "notice",
        "application",
        (
            "申請資料的 YAML 檔，或含 application.yaml 的資料夾",
            "the application's YAML file, or a folder holding application.yaml",
        ),
    ),
    (
        "notice",
        "out",
        ("輸出資料夾（預設：out）", "output folder (default: out)"),
    ),
    (
        "notice",
        "date",
        (
            "通知日期，例如 114-07-01 或 2025-07-01（預設：今天）；補正期限為其後七日",
            "the notice date, e.g. 2025-07-01 or 114-07-01 (default: today); the deadline is seven days later",
        ),
    ),
    (
        "notice",
        "agency",
        (
            "發文之主管機關（預設：申請資料的隸屬機關）",
            "the 主管機關 sending the notice (default: the application's 隸屬機關)",
        ),
    ),
    (
        "notice",
        "officer",
        ("補正通知的承辦人", "the 承辦人 (officer) printed on the notice"),
    ),
    (
        "notice",
        "phone",
        ("補正通知的聯絡電話", "the 聯絡電話 (phone) printed on the notice"),
    ),
    (
        "edit",
        "dir",
        (
            "申請資料夾（預設：目前資料夾）；沒有 application.yaml 時先建立",
            "the application's folder (default: the current folder); an application is created there when it has none",
        ),
    ),
    (
        "edit",
        "programme",
        (
            "資料夾還沒有申請資料時，要建立的計畫（見 appbook programmes）；未指定則詢問",
            "the programme of the application to create when the folder has none (see `appbook programmes`); asked when not given",
        ),
    ),
    (
        "edit",
        "no_open",
        (
            "不自動開啟瀏覽器，只印出網址",
            "do not open the browser; only print the address",
        ),
    ),
    (
        "edit",
        "font_dir",
        (
            "另一個要搜尋的字型資料夾（可重複），例如放有 kaiu.ttf 的資料夾",
            "another folder of fonts to search (repeatable), e.g. one holding kaiu.ttf",
        ),
    ),
    (
        "edit",
        "no_system_fonts",
        (
            "不用系統字型，只用 --font-dir 的資料夾",
            "do not use the system's fonts, only --font-dir folders",
        ),
    ),
    (
        "schema",
        "programme",
        (
            "計畫代號（見 appbook programmes）",
            "programme id (see `appbook programmes`)",
        ),
    ),
    (
        "schema",
        "edition",
        (
            "書表版本（預設：該計畫的現行版本）",
            "form edition (default: the programme's current one)",
        ),
    ),
    (
        "programmes",
        "format",
        (
            "輸出格式：text（預設，每行一個版本，以 Tab 分隔）或 json",
            "output format: text (default, one edition a line, tab-separated) or json",
        ),
    ),
    (
        "explain",
        "code",
        (
            "診斷代碼，例如 MOE-TESTIMONIALS-MIN",
            "a diagnostic code, e.g. MOE-TESTIMONIALS-MIN",
        ),
    ),
    (
        "completions",
        "shell",
        (
            "殼層：bash、zsh、fish、powershell、elvish",
            "shell: bash, zsh, fish, powershell, elvish",
        ),
    ),
];

fn pick(t: Both, lang: Lang) -> &'static str {
    match lang {
        Lang::ZhTw => t.0,
        Lang::En => t.1,
    }
}

/// The language: `--lang` when given, else English when the locale says so, else zh-TW (the
/// users' language, also for `C` and unset locales).
pub fn lang_of(args: &[OsString]) -> Lang {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut explicit = None;
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(v) = value {
            explicit = LangArg::from_str(&v, true).ok();
        }
    }
    match explicit {
        Some(LangArg::En) => Lang::En,
        Some(LangArg::ZhTw) => Lang::ZhTw,
        None => env_lang(),
    }
}

fn env_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.starts_with("en") {
        Lang::En
    } else {
        Lang::ZhTw
    }
}

/// `--color never` also keeps clap's help and errors plain; clap itself honours NO_COLOR.
fn color_of(args: &[OsString]) -> clap::ColorChoice {
    let mut prev = String::new();
    for a in args.iter().map(|a| a.to_string_lossy()) {
        let value = if prev == "--color" {
            Some(a.to_string())
        } else {
            a.strip_prefix("--color=").map(str::to_string)
        };
        match value.as_deref() {
            Some("never") => return clap::ColorChoice::Never,
            Some("always") => return clap::ColorChoice::Always,
            _ => {}
        }
        prev = a.into_owned();
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return clap::ColorChoice::Never;
    }
    clap::ColorChoice::Auto
}

fn help_flag(lang: Lang) -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(pick(("顯示說明", "print help"), lang))
}

fn localize_args(mut cmd: clap::Command, sub: &str, lang: Lang) -> clap::Command {
    for (s, id, text) in ARGS {
        if *s == sub {
            cmd = cmd.mut_arg(*id, |a| {
                let heading = if a.is_positional() {
                    "參數"
                } else {
                    "選項"
                };
                // The texts name the values and defaults; clap would add them in English.
                let takes_values = a.get_action().takes_values();
                let a = a
                    .help(pick(*text, lang))
                    .hide_possible_values(takes_values)
                    .hide_default_value(takes_values);
                match lang {
                    Lang::ZhTw => a.help_heading(heading),
                    Lang::En => a,
                }
            });
        }
    }
    cmd.disable_help_flag(true).arg(help_flag(lang))
}

/// The whole command line with help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    let template = match lang {
        Lang::ZhTw => "{about}\n\n用法：{usage}\n\n{all-args}{after-help}",
        Lang::En => "{about}\n\nUsage: {usage}\n\n{all-args}{after-help}",
    };
    let mut cmd = localize_args(Cli::command(), "", lang)
        .about(pick(ABOUT, lang))
        .help_template(template)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(pick(("顯示版本", "print version"), lang)),
        )
        .after_help(pick(
            (
                "範例：\n  appbook init moe-learning-award 我的申請\n  appbook check 我的申請\n  appbook render 我的申請 -o out\n\n各命令的說明：appbook <命令> --help",
                "Examples:\n  appbook init moe-learning-award my-application\n  appbook check my-application --lang en\n  appbook render my-application -o out\n\nHelp on a command: appbook <COMMAND> --help",
            ),
            lang,
        ));
    if lang == Lang::ZhTw {
        cmd = cmd
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .mut_arg("version", |a| a.help_heading("選項"))
            .mut_arg("help", |a| a.help_heading("選項"));
    }
    for (name, about, examples) in SUBCOMMANDS {
        cmd = cmd.mut_subcommand(*name, |s| {
            let mut s = localize_args(s, name, lang)
                .about(pick(*about, lang))
                .help_template(template)
                .after_help(pick(*examples, lang));
            if lang == Lang::ZhTw {
                s = s.mut_arg("help", |a| a.help_heading("選項"));
            }
            s
        });
    }
    cmd
}

/// Parses the process's arguments, printing help, the version or a usage error (exit 2) in the
/// chosen language and exiting as clap does.
pub fn parse() -> (Cli, Lang) {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = lang_of(&args);
    let mut cmd = command(lang).color(color_of(&args));
    let parsed = cmd
        .try_get_matches_from_mut(args)
        .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
    match parsed {
        Ok(cli) => (cli, lang),
        Err(e) => {
            let e = e.with_cmd(&cmd);
            if lang == Lang::ZhTw && e.use_stderr() {
                if let Some(message) = zh_error(&e) {
                    eprintln!("錯誤：{message}\n\n用法：{}\n\n更多說明請執行 appbook --help 或 appbook <命令> --help", usage(&mut cmd, &e));
                    std::process::exit(2);
                }
            }
            e.exit()
        }
    }
}

/// The usage line of the subcommand the error is about, without clap's English heading.
fn usage(cmd: &mut clap::Command, e: &clap::Error) -> String {
    let u = e
        .get(ContextKind::Usage)
        .map(|u| u.to_string())
        .unwrap_or_else(|| cmd.render_usage().to_string());
    u.trim().trim_start_matches("Usage:").trim().to_string()
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        other => other.to_string(),
    })
}

/// clap's usage errors in zh-TW; None for a kind without a translation (clap's English stays).
fn zh_error(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue))
        .map(|s| {
            format!(
                "\n\n  提示：您是不是要用「{}」？",
                s.replace('、', "」或「")
            )
        })
        .unwrap_or_default();
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("不認得的參數「{arg}」"),
        ErrorKind::InvalidSubcommand => format!(
            "不認得的命令「{}」；可用的命令：init、check、render、roster、score、notice、schema、programmes、explain、completions、man",
            context(e, ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::InvalidValue => {
            let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
            match context(e, ContextKind::ValidValue) {
                Some(valid) => format!("{arg} 的值「{value}」無效；可用的值：{valid}"),
                None => format!("{arg} 的值「{value}」無效"),
            }
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必要的參數：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "請指定命令：init、check、render、roster、score、notice、schema、programmes、explain、completions 或 man".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} 不能與 {} 同時使用",
            context(e, ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("{arg} 的值須以 = 連接"),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("{arg} 的值的個數不對")
        }
        ErrorKind::ValueValidation => format!(
            "{arg} 的值「{}」無效",
            context(e, ContextKind::InvalidValue).unwrap_or_default()
        ),
        _ => return None,
    };
    Some(message + &suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new argument without a line in the table would show no help in one language.
    #[test]
    fn every_argument_and_command_has_help_in_both_languages() {
        for lang in [Lang::ZhTw, Lang::En] {
            let mut cmd = command(lang);
            cmd.build();
            let mut missing = Vec::new();
            for sub in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
                if sub.get_about().is_none() {
                    missing.push(format!("{} (about)", sub.get_name()));
                }
                for a in sub.get_arguments() {
                    if a.get_help().is_none() {
                        missing.push(format!("{} {}", sub.get_name(), a.get_id()));
                    }
                }
            }
            assert!(missing.is_empty(), "{lang:?}: no help for {missing:?}");
        }
    }

    #[test]
    fn lang_comes_from_the_flag_before_the_locale() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_of(&args(&["appbook", "--lang", "en", "check"])),
            Lang::En
        );
        assert_eq!(lang_of(&args(&["appbook", "check", "--lang=en"])), Lang::En);
        assert_eq!(
            lang_of(&args(&["appbook", "--lang", "zh-TW", "check"])),
            Lang::ZhTw
        );
        // A path named --lang after `--` is not the flag.
        assert_eq!(
            lang_of(&args(&[
                "appbook", "--lang", "zh", "check", "--", "--lang", "en"
            ])),
            Lang::ZhTw
        );
    }
}
