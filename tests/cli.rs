//! The command line as CI maintainers of application repositories use it: what a run that
//! finds nothing does, standard input, colours on a terminal, and which files a folder walk takes.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const AGENCY: &str = "samples/moe-learning-award/agency";

fn appbook(args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.args(args)
        .env_remove("NO_COLOR")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn output(mut c: Command) -> Output {
    c.stdin(Stdio::null()).output().expect("appbook starts")
}

fn with_stdin(mut c: Command, input: &[u8]) -> Output {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("appbook starts");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A copy of the agency sample at `dir/app`.
fn copy_agency(dir: &Path) -> std::path::PathBuf {
    let app = dir.join("app");
    let ok = Command::new("cp")
        .arg("-r")
        .arg(root().join(AGENCY))
        .arg(&app)
        .status()
        .unwrap();
    assert!(ok.success());
    app
}

#[test]
fn an_empty_folder_is_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = output(appbook(&["check", dir.path().to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let t = text(&out);
    assert!(t.contains("INPUT-NOTHING-FOUND"), "{t}");
    assert!(t.contains("找不到任何申請資料"), "{t}");

    let out = output(appbook(&[
        "check",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("no application"), "{}", text(&out));

    // A folder of other YAML (a CI workflow) holds no application either.
    std::fs::write(dir.path().join("ci.yml"), "on: push\njobs: {}\n").unwrap();
    let out = output(appbook(&["check", dir.path().to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn a_mistyped_path_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("applicaitons");
    let out = output(appbook(&["check", missing.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("找不到"), "{}", text(&out));
}

#[test]
fn check_dash_reads_one_application_from_stdin() {
    let yaml = std::fs::read(root().join(AGENCY).join("application.yaml")).unwrap();
    // Attachments are relative to the current folder.
    let mut c = appbook(&["check", "-", "--format", "json"]);
    c.current_dir(root().join(AGENCY));
    let out = with_stdin(c, &yaml);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);

    let (_, bad) = fixtures("moe-learning-award")
        .into_iter()
        .find(|(c, _)| c == "MOE-EMPLOYEES")
        .unwrap();
    let mut c = appbook(&["check", "-", "--format", "json"]);
    c.current_dir(bad.parent().unwrap());
    let out = with_stdin(c, &std::fs::read(&bad).unwrap());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let v = json(&out);
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "MOE-EMPLOYEES")
        .expect("the fixture's finding");
    assert_eq!(d["file"], "<stdin>");
    assert!(d["line"].as_u64().unwrap() > 0);
}

/// Runs appbook on a pseudo-terminal (util-linux `script`) and returns what the terminal got.
fn on_terminal(args: &str, env: &[(&str, &str)]) -> String {
    let mut c = Command::new("script");
    c.arg("-qec")
        .arg(format!("{} {args}", bin()))
        .arg("/dev/null")
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color")
        .current_dir(root());
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const ESC: char = '\u{1b}';

#[test]
fn no_color_term_dumb_and_color_never_give_no_escape_codes_on_a_terminal() {
    let fixture = "tests/fixtures/moe-learning-award/MOE-EMPLOYEES";
    let coloured = on_terminal(&format!("check {fixture}"), &[]);
    assert!(coloured.contains("MOE-EMPLOYEES"), "{coloured}");
    assert!(
        coloured.contains(ESC),
        "a terminal gets colours by default: {coloured:?}"
    );
    for (args, env) in [
        (format!("check {fixture}"), vec![("NO_COLOR", "1")]),
        (format!("check {fixture}"), vec![("TERM", "dumb")]),
        (format!("check {fixture} --color never"), vec![]),
        (format!("--color never check {fixture}"), vec![]),
    ] {
        let out = on_terminal(&args, &env);
        assert!(out.contains("MOE-EMPLOYEES"), "{args} {env:?}: {out}");
        assert!(!out.contains(ESC), "{args} {env:?}: {out:?}");
    }
}

#[test]
fn color_always_colours_a_pipe_and_auto_does_not() {
    let fixture = root().join("tests/fixtures/moe-learning-award/MOE-EMPLOYEES");
    let f = fixture.to_str().unwrap();
    let out = output(appbook(&["check", f, "--color", "always"]));
    assert!(text(&out).contains(ESC), "{}", text(&out));
    let out = output(appbook(&["check", f]));
    assert!(!text(&out).contains(ESC), "{}", text(&out));
}

/// An application repository with a reference PDF beside the application: the PDF is a book
/// to the format rules (it fails them) unless it is left out.
fn repository_with_a_reference_pdf() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_agency(dir.path());
    std::fs::create_dir(dir.path().join("reference")).unwrap();
    std::fs::copy(
        root().join(AGENCY).join("attachments/budget.pdf"),
        dir.path().join("reference/guide.pdf"),
    )
    .unwrap();
    dir
}

#[test]
fn a_reference_pdf_is_judged_as_a_book_unless_left_out() {
    let repo = repository_with_a_reference_pdf();
    let r = repo.path().to_str().unwrap();
    let out = output(appbook(&["check", r, "--format", "json"]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(json(&out)["summary"]["files"], 2);

    for args in [
        vec!["--exclude", "reference/"],
        vec!["--exclude", "*.pdf"],
        vec!["--exclude", "nothing-here", "--exclude", "guide.pdf"],
        vec!["--only", "yaml"],
        vec!["--only", "yaml,docx"],
    ] {
        let mut all = vec!["check", r, "--format", "json"];
        all.extend(&args);
        let out = output(appbook(&all));
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out));
        assert_eq!(json(&out)["summary"]["files"], 1, "{args:?}");
    }

    let out = output(appbook(&["check", r, "--only", "pdf", "--format", "json"]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);
}

#[test]
fn appbookignore_leaves_out_what_it_lists() {
    let repo = repository_with_a_reference_pdf();
    std::fs::write(
        repo.path().join(".appbookignore"),
        "# reference material, not our books\nreference/\n",
    )
    .unwrap();
    let out = output(appbook(&[
        "check",
        repo.path().to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);

    // Read from a parent folder too: checking a subfolder honours the repository's file.
    std::fs::rename(
        repo.path().join("reference"),
        repo.path().join("app/reference"),
    )
    .unwrap();
    std::fs::write(repo.path().join(".appbookignore"), "reference/\n").unwrap();
    let out = output(appbook(&[
        "check",
        repo.path().join("app").to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn an_exclusion_that_leaves_nothing_is_exit_2() {
    let repo = repository_with_a_reference_pdf();
    let out = output(appbook(&[
        "check",
        repo.path().to_str().unwrap(),
        "--exclude",
        "*",
    ]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--exclude"), "{}", text(&out));

    let out = output(appbook(&[
        "check",
        repo.path().to_str().unwrap(),
        "--exclude",
        "[",
    ]));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("INPUT-EXCLUDE"), "{}", text(&out));
}

#[test]
fn an_attachment_outside_attachments_is_never_judged_as_a_book() {
    let dir = tempfile::tempdir().unwrap();
    let app = copy_agency(dir.path());
    std::fs::create_dir(app.join("evidence")).unwrap();
    std::fs::rename(
        app.join("attachments/budget.pdf"),
        app.join("evidence/budget.pdf"),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(app.join("application.yaml")).unwrap();
    assert!(yaml.contains("attachments/budget.pdf"));
    std::fs::write(
        app.join("application.yaml"),
        yaml.replace("attachments/budget.pdf", "evidence/budget.pdf"),
    )
    .unwrap();
    let out = output(appbook(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);

    // Named explicitly, it is checked as asked.
    let out = output(appbook(&[
        "check",
        app.join("evidence/budget.pdf").to_str().unwrap(),
    ]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}

/// A batch of five applications that each raise the same info, and one with an error.
fn batch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let info = root().join("tests/fixtures/sme-org-learning/SME-RECORDS-OUTSIDE-PERIOD");
    for i in 1..=5 {
        let ok = Command::new("cp")
            .arg("-r")
            .arg(&info)
            .arg(dir.path().join(format!("company-{i}")))
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let error = root().join("tests/fixtures/moe-learning-award/MOE-EMPLOYEES");
    let ok = Command::new("cp")
        .arg("-r")
        .arg(&error)
        .arg(dir.path().join("agency"))
        .status()
        .unwrap();
    assert!(ok.success());
    dir
}

#[test]
fn identical_findings_are_grouped_and_failing_files_listed_last() {
    let dir = batch();
    let out = output(appbook(&["check", dir.path().to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert_eq!(
        t.matches("info[SME-RECORDS-OUTSIDE-PERIOD]").count(),
        1,
        "five identical infos are printed once: {t}"
    );
    assert!(t.contains("同樣的發現另有 4 處"), "{t}");
    assert!(
        t.contains("company-5"),
        "the others' places are listed: {t}"
    );
    assert_eq!(t.matches("error[MOE-EMPLOYEES]").count(), 1, "{t}");
    let tail = &t[t.find("有錯誤的檔案：").expect("a list of failing files")..];
    let listed: Vec<&str> = tail.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    assert_eq!(listed.len(), 1, "{tail}");
    assert!(listed[0].contains("agency"), "{tail}");
    assert!(
        t.contains("檢查了 6 個檔案：1 個錯誤，0 個警告，5 個提示。"),
        "{t}"
    );

    let out = output(appbook(&[
        "check",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]));
    let t = text(&out);
    assert!(t.contains("the same finding in 4 other place(s)"), "{t}");
    assert!(t.contains("files with errors:"), "{t}");
}

#[test]
fn quiet_and_min_severity_hide_infos_but_the_summary_counts_them() {
    let dir = batch();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["check", d, "--quiet"],
        vec!["check", d, "-q"],
        vec!["check", d, "--min-severity", "warning"],
    ] {
        let out = output(appbook(&args));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        let t = text(&out);
        assert!(!t.contains("SME-RECORDS-OUTSIDE-PERIOD"), "{args:?}: {t}");
        assert!(t.contains("error[MOE-EMPLOYEES]"), "{args:?}: {t}");
        assert!(t.contains("5 個提示（其中 5 個未顯示）"), "{args:?}: {t}");
    }

    let out = output(appbook(&["check", d, "--quiet", "--format", "json"]));
    let v = json(&out);
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["MOE-EMPLOYEES"]);
    assert_eq!(v["summary"]["infos"], 5);
    assert_eq!(v["summary"]["hidden"], 5);

    // An error is never hidden: the exit status does not depend on what is shown.
    let out = output(appbook(&["check", d, "--min-severity", "error"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("error[MOE-EMPLOYEES]"));
}

const SUBCOMMANDS: &[&str] = &["init", "check", "render", "schema", "programmes"];

#[test]
fn help_is_zh_tw_by_default_with_examples_in_every_subcommand() {
    let out = output(appbook(&["--help"]));
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out);
    for word in ["用法：", "命令", "選項", "顯示說明", "範例：", "檢查"] {
        assert!(t.contains(word), "{word}: {t}");
    }
    assert!(!t.contains("Usage:") && !t.contains("Print help"), "{t}");
    for sub in SUBCOMMANDS {
        let out = output(appbook(&[sub, "--help"]));
        assert_eq!(out.status.code(), Some(0), "{sub}");
        let t = text(&out);
        assert!(t.contains("用法："), "{sub}: {t}");
        assert!(t.contains("範例："), "{sub}: {t}");
        assert!(
            t.contains(&format!("  appbook {sub}"))
                || t.contains(&format!("appbook --templates 新版書表 {sub}")),
            "{sub} has an example of itself: {t}"
        );
        assert!(
            !t.contains("Usage:") && !t.contains("Examples:"),
            "{sub}: {t}"
        );
    }
}

#[test]
fn help_is_english_with_lang_en_or_an_english_locale() {
    for sub in SUBCOMMANDS {
        let out = output(appbook(&[sub, "--help", "--lang", "en"]));
        assert_eq!(out.status.code(), Some(0), "{sub}");
        let t = text(&out);
        assert!(t.contains("Usage:"), "{sub}: {t}");
        assert!(t.contains("Examples:"), "{sub}: {t}");
        assert!(!t.contains("用法") && !t.contains("範例"), "{sub}: {t}");
    }
    let mut c = appbook(&["check", "--help"]);
    c.env("LANG", "en_US.UTF-8");
    let t = text(&output(c));
    assert!(t.contains("Examples:"), "{t}");

    // The locale switches messages too; --lang wins over it.
    let empty = tempfile::tempdir().unwrap();
    let mut c = appbook(&["check", empty.path().to_str().unwrap()]);
    c.env("LANG", "en_US.UTF-8");
    assert!(text(&output(c)).contains("no application"));
    let mut c = appbook(&["check", empty.path().to_str().unwrap(), "--lang", "zh-TW"]);
    c.env("LANG", "en_US.UTF-8");
    assert!(text(&output(c)).contains("找不到任何申請資料"));
    // A C locale is not a choice of English: the users' language stays.
    let mut c = appbook(&["--help"]);
    c.env("LANG", "C.UTF-8");
    assert!(text(&output(c)).contains("用法："));
}

#[test]
fn usage_errors_are_in_the_chosen_language_with_exit_2() {
    let out = output(appbook(&["check", "--frmat", "json"]));
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("錯誤：不認得的參數「--frmat」"), "{t}");
    assert!(t.contains("--format"), "the suggestion: {t}");

    let out = output(appbook(&["check", "--format", "xml"]));
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("「xml」無效"), "{t}");
    assert!(t.contains("sarif"), "the valid values: {t}");

    let out = output(appbook(&["chek"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("不認得的命令「chek」"),
        "{}",
        text(&out)
    );

    let out = output(appbook(&["render"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("缺少必要的參數"), "{}", text(&out));

    let out = output(appbook(&["check", "--frmat", "json", "--lang", "en"]));
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("unexpected argument '--frmat'"), "{t}");
    assert!(!t.contains("錯誤"), "{t}");
}

#[test]
fn explain_prints_the_rule_its_source_and_both_examples_for_every_code() {
    for info in appbook::codes::CODES {
        let code = info.code;
        let out = output(appbook(&["explain", code]));
        assert_eq!(out.status.code(), Some(0), "{code}: {}", text(&out));
        let t = text(&out);
        assert!(t.starts_with(code), "{code}: {t}");
        assert!(t.contains(info.zh), "{code}: the rule: {t}");
        assert!(
            t.contains("出處：SPEC.md §") || t.contains("出處：申請資料的 JSON Schema"),
            "{code}: {t}"
        );
        assert!(t.contains("錯誤的範例"), "{code}: {t}");
        assert!(t.contains("修正後："), "{code}: {t}");
        let has_fixture = ["moe-learning-award", "sme-org-learning"]
            .iter()
            .any(|p| root().join("tests/fixtures").join(p).join(code).is_dir());
        if has_fixture {
            assert!(
                t.contains(&format!("/{code}/application.yaml")),
                "{code}: {t}"
            );
            // A marked line, and fixed lines that are not the invalid ones.
            let (bad, good) = t.split_once("修正後：").unwrap();
            assert!(
                bad.lines().any(|l| l.trim_start().starts_with('>')),
                "{code}: no marked line: {t}"
            );
            let content = |s: &str| -> Vec<String> {
                s.lines()
                    .filter_map(|l| l.split_once(" | ").map(|(_, c)| c.to_string()))
                    .collect()
            };
            // Only where the fault is in a file the YAML names (the marker says FILE:LINE, as for
            // the record CSV) may the fix say so instead of showing lines.
            let fixture = ["moe-learning-award", "sme-org-learning"]
                .iter()
                .map(|p| {
                    root()
                        .join("tests/fixtures")
                        .join(p)
                        .join(code)
                        .join("application.yaml")
                })
                .find(|f| f.is_file())
                .unwrap();
            let yaml = std::fs::read_to_string(&fixture).unwrap();
            let in_other_file = yaml.lines().any(|l| {
                l.split_once("#!expect").is_some_and(|(_, rest)| {
                    let words: Vec<&str> = rest.split_whitespace().collect();
                    words.first() == Some(&code) && words.iter().skip(1).any(|w| w.contains(':'))
                })
            });
            assert_eq!(
                good.contains("YAML 不必改"),
                in_other_file,
                "{code}: the fix names the file only when the fault is in it: {t}"
            );
            if !in_other_file {
                assert!(!content(good).is_empty(), "{code}: the fixed lines: {t}");
                assert!(
                    content(good) != content(bad),
                    "{code}: the fix changes something: {t}"
                );
            }
        }
        let out = output(appbook(&["explain", code, "--lang", "en"]));
        let t = text(&out);
        assert!(t.contains(info.en), "{code}: {t}");
        assert!(
            t.contains("Invalid example") && t.contains("Fixed:"),
            "{code}: {t}"
        );
    }
    let out = output(appbook(&["explain", "MOE-NOPE"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("沒有「MOE-NOPE」這個診斷代碼"));
}

#[test]
fn bash_completions_load_in_bash_and_every_shell_gets_a_script() {
    let script = format!(
        "source <('{}' completions bash) && complete -p appbook",
        bin()
    );
    let out = Command::new("bash")
        .args(["-c", &script])
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.starts_with("complete ") && t.trim_end().ends_with(" appbook"),
        "{t}"
    );

    for shell in ["zsh", "fish", "powershell"] {
        let out = output(appbook(&["completions", shell]));
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let t = text(&out);
        assert!(
            t.contains("appbook") && t.contains("render") && t.contains("exclude"),
            "{shell}: {t}"
        );
    }
    let out = output(appbook(&["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let out = output(appbook(&["man"]));
    assert_eq!(out.status.code(), Some(0));
    let t = text(&out);
    assert!(t.starts_with(".ie") || t.starts_with(".TH"), "{t}");
    assert!(t.contains(".TH appbook"), "{t}");
    for sub in SUBCOMMANDS {
        assert!(t.contains(sub), "{sub}: {t}");
    }
}

#[test]
fn programmes_lists_as_json() {
    let out = output(appbook(&["programmes", "--format", "json"]));
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    let list = v.as_array().unwrap();
    for id in ["moe-learning-award", "sme-org-learning"] {
        let p = list
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("{id} listed: {v}"));
        assert!(p["edition"].is_string() && p["title_zh"].is_string(), "{p}");
        assert_eq!(p["current"], true, "{p}");
    }
}

/// The schema a `# yaml-language-server: $schema=…` first line names, resolved from `app`.
fn modeline_schema(app: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(app).unwrap();
    let first = text.lines().next().unwrap_or_default();
    let rel = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{}: first line is {first:?}", app.display()));
    assert!(
        !rel.contains("://") && !rel.starts_with('/'),
        "{}: a relative path works offline and anywhere: {rel}",
        app.display()
    );
    app.parent().unwrap().join(rel)
}

#[test]
fn init_and_the_samples_name_their_schema_for_editors() {
    let dir = tempfile::tempdir().unwrap();
    for programme in ["moe-learning-award", "sme-org-learning"] {
        let target = dir.path().join(programme);
        let out = output(appbook(&["init", programme, target.to_str().unwrap()]));
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let schema = modeline_schema(&target.join("application.yaml"));
        assert_eq!(
            std::fs::read(&schema).unwrap(),
            output(appbook(&["schema", programme])).stdout,
            "{programme}: init writes the edition's schema where its first line says"
        );
        for sample in samples(programme) {
            let schema = modeline_schema(&sample);
            assert_eq!(
                schema.canonicalize().unwrap(),
                root()
                    .join("schemas")
                    .join(format!("{programme}.schema.json"))
                    .canonicalize()
                    .unwrap(),
                "{}",
                sample.display()
            );
        }
    }
}
