//! Helpers shared by the integration tests: running the binary with a time limit and a
//! memory ceiling, and finding the samples and fixtures.
#![allow(dead_code)]

pub mod pdf;

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

/// Runs appbook with the given arguments; kills it after `limit` (a hang is a failure).
pub fn run_limited(args: &[&str], limit: Duration) -> Output {
    run_in(args, limit, None)
}

/// Runs appbook under a virtual-memory ceiling (MiB) and a time limit, through `sh -c ulimit`.
pub fn run_bounded(args: &[&str], limit: Duration, mem_mib: u64) -> Output {
    run_in(args, limit, Some(mem_mib))
}

fn run_in(args: &[&str], limit: Duration, mem_mib: Option<u64>) -> Output {
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
    // The tests expect the default language, zh-TW; an English locale would switch it.
    for k in ["LANG", "LC_ALL", "LC_MESSAGES"] {
        cmd.env_remove(k);
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("appbook starts");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait works").is_some() {
            return child.wait_with_output().expect("output is readable");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output is readable");
            panic!(
                "appbook {:?} did not finish within {:?}; stderr: {}",
                args,
                limit,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

pub fn run(args: &[&str]) -> Output {
    run_limited(args, Duration::from_secs(60))
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// samples/<programme>/*/application.yaml, sorted.
pub fn samples(programme: &str) -> Vec<PathBuf> {
    dirs_with_application(&root().join("samples").join(programme))
}

/// tests/fixtures/<programme>/<CODE>/application.yaml, sorted, with their CODE.
pub fn fixtures(programme: &str) -> Vec<(String, PathBuf)> {
    dirs_with_application(&root().join("tests/fixtures").join(programme))
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

fn dirs_with_application(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path().join("application.yaml"))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
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
