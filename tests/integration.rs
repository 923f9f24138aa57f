//! The integration files an application repository uses, run as that repository would run them:
//! the pre-commit hook (with pre-commit itself) and the commands of the example GitHub Actions
//! workflow, each in a git repository of applications made by the test.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// PATH with the appbook under test first, as `cargo install` would leave it.
fn path_with_appbook() -> String {
    let dir = Path::new(&bin()).parent().unwrap().to_path_buf();
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A git repository of applications: the agency sample under applications/, and a reference
/// PDF under reference/ that `.appbookignore` leaves out.
fn application_repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join("applications")).unwrap();
    let ok = Command::new("cp")
        .arg("-r")
        .arg(root().join("samples/moe-learning-award/agency"))
        .arg(repo.path().join("applications/agency"))
        .status()
        .unwrap();
    assert!(ok.success());
    std::fs::create_dir(repo.path().join("reference")).unwrap();
    std::fs::copy(
        root().join("samples/moe-learning-award/agency/attachments/budget.pdf"),
        repo.path().join("reference/guide.pdf"),
    )
    .unwrap();
    std::fs::write(repo.path().join(".appbookignore"), "reference/\n").unwrap();
    git(repo.path(), &["init", "-q"]);
    repo
}

/// Breaks the application: 員工總數 0 is an error (MOE-EMPLOYEES).
fn break_application(repo: &Path) {
    let app = repo.join("applications/agency/application.yaml");
    let yaml = std::fs::read_to_string(&app).unwrap();
    let broken = yaml.replacen("employees: ", "employees: 0 #", 1);
    assert_ne!(broken, yaml);
    std::fs::write(&app, broken).unwrap();
}

#[test]
fn the_pre_commit_hook_passes_a_good_repository_and_stops_a_broken_one() {
    // The hook repository: appbook's .pre-commit-hooks.yaml, committed.
    let hooks = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join(".pre-commit-hooks.yaml"),
        hooks.path().join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(hooks.path(), &["init", "-q"]);
    git(hooks.path(), &["add", "."]);
    git(hooks.path(), &["commit", "-qm", "hooks"]);
    let rev = git(hooks.path(), &["rev-parse", "HEAD"]);

    let repo = application_repository();
    std::fs::write(
        repo.path().join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: appbook-check\n",
            hooks.path().display()
        ),
    )
    .unwrap();
    git(repo.path(), &["add", "."]);
    let cache = tempfile::tempdir().unwrap();
    let pre_commit = || {
        Command::new("pre-commit")
            .args(["run", "--all-files", "--color", "never"])
            .current_dir(repo.path())
            .env("PATH", path_with_appbook())
            .env("PRE_COMMIT_HOME", cache.path())
            .env_remove("LANG")
            .output()
            .expect("pre-commit is installed (make deps)")
    };
    let out = pre_commit();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("appbook check"), "{}", text(&out));
    assert!(text(&out).contains("Passed"), "{}", text(&out));

    break_application(repo.path());
    git(repo.path(), &["add", "."]);
    let out = pre_commit();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("MOE-EMPLOYEES"), "{}", text(&out));
}

/// The workflow's steps, as YAML values.
fn workflow_steps() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(root().join("docs/github-actions.yml")).unwrap();
    let v: serde_json::Value = serde_saphyr::from_str(&text).expect("the workflow is YAML");
    let jobs = v["jobs"].as_object().expect("jobs");
    assert_eq!(jobs.len(), 1);
    jobs.values().next().unwrap()["steps"]
        .as_array()
        .expect("steps")
        .clone()
}

#[test]
fn the_workflow_installs_the_check_only_build_caches_it_and_uploads_sarif() {
    let steps = workflow_steps();
    let uses = |s: &serde_json::Value| s["uses"].as_str().unwrap_or("").to_string();
    let run = |s: &serde_json::Value| s["run"].as_str().unwrap_or("").to_string();

    let install = steps
        .iter()
        .find(|s| run(s).contains("cargo install"))
        .expect("an install step");
    assert!(
        run(install).contains("--no-default-features"),
        "the check-only build: {install}"
    );
    let cache = steps
        .iter()
        .find(|s| uses(s).starts_with("actions/cache@"))
        .expect("a cache step");
    assert!(cache["with"]["path"]
        .as_str()
        .unwrap()
        .contains(".cargo/bin/appbook"));
    // The install runs only when the cache missed.
    let cache_id = cache["id"].as_str().unwrap();
    assert!(install["if"].as_str().unwrap().contains(cache_id));

    let check = steps
        .iter()
        .find(|s| run(s).contains("appbook check"))
        .expect("a check step");
    assert!(run(check).contains("--format sarif"));
    let upload = steps
        .iter()
        .find(|s| uses(s).starts_with("github/codeql-action/upload-sarif@"))
        .expect("an upload step");
    let sarif = upload["with"]["sarif_file"].as_str().unwrap();
    assert!(run(check).contains(&format!("> {sarif}")), "{check}");
    assert_eq!(
        upload["if"].as_str(),
        Some("always()"),
        "findings are uploaded when the check fails"
    );
}

/// Runs the workflow's `run:` steps in `repo`, except installing appbook (`make
/// test-check-only` builds that same configuration; the binary under test stands in for it).
/// Returns the exit status of the first failing step, or 0.
fn run_workflow(repo: &Path) -> (i32, String) {
    let output = repo.join(".github-output");
    let mut log = String::new();
    for step in workflow_steps() {
        let Some(cmd) = step["run"].as_str() else {
            continue;
        };
        if cmd.contains("cargo install") {
            continue;
        }
        let out = Command::new("bash")
            .args(["-eo", "pipefail", "-c", cmd])
            .current_dir(repo)
            .env("PATH", path_with_appbook())
            .env("GITHUB_OUTPUT", &output)
            .env_remove("LANG")
            .output()
            .unwrap();
        log.push_str(&format!("$ {cmd}\n{}", text(&out)));
        if !out.status.success() {
            return (out.status.code().unwrap_or(-1), log);
        }
    }
    (0, log)
}

fn sarif(repo: &Path) -> serde_json::Value {
    let p: PathBuf = repo.join("appbook.sarif");
    serde_json::from_slice(&std::fs::read(&p).expect("the step wrote the SARIF file")).unwrap()
}

#[test]
fn the_workflow_commands_pass_a_good_repository_and_fail_a_broken_one() {
    let repo = application_repository();
    // What the second checkout leaves: appbook's sources in a hidden folder, which the check
    // must not take as applications.
    let src = repo.path().join(".appbook-src");
    let ok = Command::new("cp")
        .arg("-r")
        .arg(root().join("samples"))
        .arg(root().join("tests/fixtures"))
        .arg({
            std::fs::create_dir(&src).unwrap();
            &src
        })
        .status()
        .unwrap();
    assert!(ok.success());
    git(&src, &["init", "-q"]);
    git(&src, &["add", "."]);
    git(&src, &["commit", "-qm", "appbook"]);

    let (status, log) = run_workflow(repo.path());
    assert_eq!(status, 0, "{log}");
    let v = sarif(repo.path());
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 0, "{v}");
    let outputs = std::fs::read_to_string(repo.path().join(".github-output")).unwrap();
    assert!(outputs.starts_with("rev="), "{outputs}");

    break_application(repo.path());
    let (status, log) = run_workflow(repo.path());
    assert_eq!(status, 1, "{log}");
    let v = sarif(repo.path());
    let rules: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"MOE-EMPLOYEES"), "{rules:?}");
}
