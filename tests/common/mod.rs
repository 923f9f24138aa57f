//! Helpers shared by the integration tests: running the binary with a time limit and a
//! memory ceiling, running the outside tools the tests read books with, and finding the
//! programmes, samples and fixtures. `pdf` reads a rendered PDF, `docx` builds a book by hand
//! and reads a DOCX back.
#![allow(dead_code)]

pub mod docx;
pub mod editor;
pub mod pdf;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The appbook binary; APPBOOK_BIN overrides it (a copy, when several checkouts share one
/// target folder and the built binary may be replaced while the tests run).
pub fn bin() -> String {
    std::env::var("APPBOOK_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_appbook").to_string())
}

/// What to say when an outside program the tests need is not installed.
pub fn missing(what: &str) -> String {
    format!("{what} is missing: `make test` installs it (see the Makefile's deps target)")
}

/// The Debian package that provides an outside program the tests run.
fn package_of(program: &str) -> &'static str {
    match program {
        "pdfinfo" | "pdffonts" | "pdftotext" => "poppler-utils",
        "soffice" => "libreoffice-writer-nogui",
        "qpdf" => "qpdf",
        "/usr/bin/time" => "time (GNU time)",
        "python3" => "python3",
        _ => "a package",
    }
}

/// Runs `cmd` to the end, reading its output as it comes (a full pipe never stalls it), and
/// kills it after `limit`: a hang is a failure. A program that is not installed fails the
/// test and names what installs it.
pub fn run_command(mut cmd: Command, limit: Duration) -> Output {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let described = format!("{cmd:?}");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            if program == bin() {
                panic!("the appbook binary {program} cannot be run ({e}); check APPBOOK_BIN");
            }
            panic!(
                "{}",
                missing(&format!("`{program}` ({}; {e})", package_of(&program)))
            )
        });
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            r.read_to_end(&mut buf).ok();
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait works") {
            break status;
        }
        if start.elapsed() > limit {
            // Its output is not waited for: a grandchild (soffice.bin) may hold the pipes.
            let _ = child.kill();
            let _ = child.wait();
            panic!("{described} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("stdout is readable"),
        stderr: err.join().expect("stderr is readable"),
    }
}

/// The appbook command, with a developer's SOURCE_DATE_EPOCH removed so that it cannot change
/// what the tests see.
fn appbook(args: &[&str], mem_mib: Option<u64>) -> Command {
    let mut cmd = match mem_mib {
        Some(m) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -v {}; exec \"$0\" \"$@\"", m * 1024))
                .arg(bin())
                .args(args);
            c
        }
        None => {
            let mut c = Command::new(bin());
            c.args(args);
            c
        }
    };
    cmd.env_remove("SOURCE_DATE_EPOCH");
    // The tests expect the default language, zh-TW; an English locale would switch it.
    for k in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        cmd.env_remove(k);
    }
    cmd
}

/// Runs appbook with the given arguments; kills it after `limit` (a hang is a failure).
pub fn run_limited(args: &[&str], limit: Duration) -> Output {
    run_command(appbook(args, None), limit)
}

/// Runs appbook under a virtual-memory ceiling (MiB) and a time limit, through `sh -c ulimit`.
pub fn run_bounded(args: &[&str], limit: Duration, mem_mib: u64) -> Output {
    run_command(appbook(args, Some(mem_mib)), limit)
}

/// Runs appbook with extra environment variables, in `dir` when given.
pub fn run_env(args: &[&str], envs: &[(&str, &str)], dir: Option<&Path>) -> Output {
    let mut cmd = appbook(args, None);
    cmd.envs(envs.iter().copied());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    run_command(cmd, RENDER_LIMIT)
}

pub fn run(args: &[&str]) -> Output {
    run_limited(args, Duration::from_secs(60))
}

/// A render of the largest sample takes seconds; this only catches a hang.
const RENDER_LIMIT: Duration = Duration::from_secs(300);

/// Runs `appbook render APP -o DIR FLAGS…` into a fresh folder, asserts it succeeded, and
/// returns the folder and the files written into it, sorted.
pub fn render_cli(
    app: &Path,
    flags: &[&str],
    envs: &[(&str, &str)],
) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec![
        "render",
        app.to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ];
    args.extend_from_slice(flags);
    let o = run_env(&args, envs, None);
    assert!(
        o.status.success(),
        "appbook render {} {flags:?} failed: {}",
        app.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    (out, files)
}

/// Runs an outside program (poppler-utils, qpdf, GNU time…) with a time limit, asserts it
/// succeeded, and returns its standard output.
pub fn tool(name: &str, args: &[&str]) -> String {
    let mut cmd = Command::new(name);
    cmd.args(args);
    let o = run_command(cmd, Duration::from_secs(120));
    assert!(
        o.status.success(),
        "{name} {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Fails the test, saying what installs it, unless python3 can import python-docx.
pub fn require_python_docx() {
    static FOUND: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let found = *FOUND.get_or_init(|| {
        let mut cmd = Command::new("python3");
        cmd.args(["-c", "import docx"]);
        run_command(cmd, Duration::from_secs(60)).status.success()
    });
    assert!(
        found,
        "{}",
        missing("python-docx (python3 -c 'import docx' failed)")
    );
}

/// Font aliases for LibreOffice: the DOCX names 標楷體, which is not installed here.
pub const FONTCONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fontconfig/fonts.conf");

/// Writes the DOCX of a sample that passes its checks into `dir` under the book's own name,
/// in process (no binary), for the tests that hand DOCX files to LibreOffice together.
pub fn docx_of(app: &Path, dir: &Path) -> PathBuf {
    let book = appbook::render::prepare(app)
        .book
        .unwrap_or_else(|| panic!("{} passes its checks", app.display()));
    let path = dir.join(format!("{}.docx", appbook::render::book_name(app)));
    std::fs::write(&path, appbook::writers::docx::write_docx(&book).unwrap()).unwrap();
    path
}

/// Converts DOCX files to PDF with LibreOffice, in a private profile under `work` and with
/// the project's font aliases (標楷體 → TW-Kai), and returns the PDFs in the same order.
/// Fails the test on error or after two minutes per file.
pub fn soffice_pdf(docx: &[PathBuf], work: &Path) -> Vec<PathBuf> {
    let outdir = work.join("lo-out");
    std::fs::create_dir_all(&outdir).unwrap();
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        work.join("lo-profile").display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(&outdir)
    .args(docx)
    .env("FONTCONFIG_FILE", FONTCONFIG);
    let o = run_command(cmd, Duration::from_secs(120) * docx.len() as u32);
    assert!(
        o.status.success(),
        "soffice failed on {docx:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    docx.iter()
        .map(|d| {
            let pdf = outdir.join(d.with_extension("pdf").file_name().unwrap());
            assert!(pdf.is_file(), "soffice wrote no PDF for {}", d.display());
            pdf
        })
        .collect()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The programme ids `appbook programmes` lists.
pub fn programmes() -> Vec<String> {
    let out = run(&["programmes"]);
    assert_eq!(out.status.code(), Some(0), "appbook programmes");
    let ids: Vec<String> = stdout(&out)
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|id| !id.is_empty())
        .map(String::from)
        .collect();
    assert!(!ids.is_empty(), "appbook programmes lists none");
    ids
}

/// samples/<programme>/*/application.yaml, sorted; fails when there are none.
pub fn samples(programme: &str) -> Vec<PathBuf> {
    applications_in(&root().join("samples").join(programme))
}

/// tests/fixtures/<programme>/<CODE>/application.yaml, sorted, with their CODE.
pub fn fixtures(programme: &str) -> Vec<(String, PathBuf)> {
    applications_in(&root().join("tests/fixtures").join(programme))
        .into_iter()
        .map(|p| {
            let code = p
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (code, p)
        })
        .collect()
}

/// `dir/*/application.yaml`, sorted. A folder that is missing or holds no application fails
/// the test: a run over nothing proves nothing.
pub fn applications_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} cannot be read: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("application.yaml"))
        .filter(|p| p.is_file())
        .collect();
    assert!(
        !out.is_empty(),
        "{} holds no */application.yaml",
        dir.display()
    );
    out.sort();
    out
}

/// Copies the folder `from` (an application with its attachments) into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A copy of the sample `programme/name` in a temporary folder, under the folder name `folder`
/// (its book's name), with `edit` applied to its YAML.
pub fn edited_sample(
    programme: &str,
    name: &str,
    folder: &str,
    edit: impl Fn(String) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let app_dir = dir.path().join(folder);
    copy_dir(&root().join("samples").join(programme).join(name), &app_dir);
    let app = app_dir.join("application.yaml");
    let text = edit(std::fs::read_to_string(&app).unwrap());
    std::fs::write(&app, text).unwrap();
    (dir, app)
}

/// The manufacturing sample with a unit whose 實施對象 is a paragraph longer than a page of its
/// box in the 組織架構圖 (an applicant's list of every shift): the box must break across pages
/// rather than run past the page's foot.
pub fn sample_with_a_chart_box_taller_than_a_page() -> (tempfile::TempDir, PathBuf) {
    edited_sample(
        "sme-org-learning",
        "manufacturing",
        "tall-chart-box",
        |yaml| {
            let shifts: Vec<String> = (1..=90)
                .map(|i| format!("沖壓組立第{i}班作業人員"))
                .collect();
            let from = "learners: 沖壓、組立及模具維修作業人員";
            assert!(yaml.contains(from), "the sample's 生產部 changed");
            yaml.replace(from, &format!("learners: {}", shifts.join("、")))
        },
    )
}

/// A copy of tests/fixtures/<programme>/valid in `to`; returns its application.yaml.
pub fn copy_valid(programme: &str, to: &Path) -> PathBuf {
    copy_dir(
        &root().join("tests/fixtures").join(programme).join("valid"),
        to,
    );
    to.join("application.yaml")
}

/// The CRC-32 of PNG chunks, to build images whose checksums are right (or wrong on purpose).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(o)))
}

/// Runs `appbook schema <programme>`, asserts it equals the checked-in schemas/ file, and
/// returns it.
pub fn checked_in_schema(programme: &str) -> serde_json::Value {
    let out = run(&["schema", programme]);
    assert_eq!(out.status.code(), Some(0));
    let checked_in = std::fs::read_to_string(
        root()
            .join("schemas")
            .join(format!("{programme}.schema.json")),
    )
    .unwrap();
    assert_eq!(
        stdout(&out),
        checked_in,
        "schemas/{programme}.schema.json is stale: regenerate it with `make schema`"
    );
    json(&out)
}

/// All `title`s of object properties in a JSON Schema.
fn titles(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
    match v {
        serde_json::Value::Object(m) => {
            if let Some(props) = m.get("properties").and_then(|p| p.as_object()) {
                for p in props.values() {
                    if let Some(t) = p.get("title").and_then(|t| t.as_str()) {
                        out.insert(t.to_string());
                    }
                }
            }
            m.values().for_each(|x| titles(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| titles(x, out)),
        _ => {}
    }
}

/// Runs `appbook init <programme> <dir>/<name>`, asserts that the comments of the written
/// application name every field's form label (its schema title), and returns the application's
/// path and text.
pub fn init_explaining_every_field(programme: &str, dir: &Path, name: &str) -> (PathBuf, String) {
    let target = dir.join(name);
    let out = run(&["init", programme, target.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(target.join("attachments").is_dir());
    let app = target.join("application.yaml");
    let text = std::fs::read_to_string(&app).unwrap();
    let comments: String = text
        .lines()
        .filter_map(|l| l.split_once('#').map(|(_, c)| c))
        .collect::<Vec<_>>()
        .join("\n");
    let mut all = std::collections::BTreeSet::new();
    titles(&json(&run(&["schema", programme])), &mut all);
    assert!(all.len() > 30, "{programme}: only {} titles", all.len());
    let unexplained: Vec<&String> = all
        .iter()
        .filter(|t| !comments.contains(t.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "{programme}: labels missing from the init comments: {unexplained:?}"
    );
    (app, text)
}

/// What marks a value `appbook init` leaves for the applicant: `【請填寫：例如 示範值】`.
const PLACEHOLDER: &str = "【請填寫：例如 ";

/// The scaffold with every placeholder replaced by the example it gives.
pub fn fill_placeholders(text: &str) -> String {
    let re = regex::Regex::new(r"【請填寫：例如 ((?s:.)*?)】").unwrap();
    re.replace_all(text, "$1").into_owned()
}

/// Asserts that `check` reports APP-PLACEHOLDER, an error, for every placeholder of the scaffold
/// `text` (written at `app`) at its line (a block of text: at its key's line, just above), and
/// exits 1.
pub fn assert_placeholders_reported(app: &Path, text: &str) {
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let v = json(&out);
    let lines: Vec<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "APP-PLACEHOLDER" && d["severity"] == "error")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && l.contains(PLACEHOLDER))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    // The template lists its testimonials, only unfinished: the count asks to finish them, not
    // to add as many again beside them.
    for d in v["diagnostics"].as_array().unwrap() {
        if d["code"].as_str().unwrap().ends_with("-TESTIMONIALS-MIN") {
            let hint = d["hint"].as_str().unwrap();
            assert!(hint.contains("補齊") && !hint.contains("再加"), "{hint}");
        }
    }
    assert!(expected.len() > 20, "only {} placeholders", expected.len());
    assert_eq!(lines.len(), expected.len(), "{}", stdout(&out));
    for (found, at) in lines.iter().zip(&expected) {
        assert!(
            *found == *at || *found + 1 == *at,
            "placeholder of line {at} reported at {found}"
        );
    }
}
