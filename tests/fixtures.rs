//! Every programme's check fixtures, one contract for all (tests/fixtures/README.md): under
//! tests/fixtures/<programme>/, `valid/` checks with no finding, and each other folder, named
//! after a diagnostic code, raises exactly the findings its `#!expect` markers name — at the
//! marked lines, once each, with the catalogue's severity, and nothing else — and exits 1 for
//! an error, 0 for warnings and notes. Every code of a programme's prefix has its fixture.
//! Programmes are the ones `appbook programmes` lists, so a new one is picked up unchanged.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::{fixtures, json, programmes, root, run, stdout};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Catalogue prefixes no application fixture raises: book format (format_check.rs), unreadable
/// or hostile input (hostile_input.rs, format_check.rs) and rendering.
const NOT_APPLICATION_CHECKS: &[&str] = &["FMT-", "INPUT-", "RENDER-"];

fn fixture_root() -> PathBuf {
    root().join("tests/fixtures")
}

/// A programme's codes start with its id's first word: moe-learning-award → `MOE-`.
fn prefix(programme: &str) -> String {
    let word = programme.split('-').next().unwrap().to_uppercase();
    let prefix = format!("{word}-");
    assert!(
        appbook::codes::CODES
            .iter()
            .any(|c| c.code.starts_with(&prefix)),
        "{programme}: the catalogue has no {prefix} code"
    );
    prefix
}

/// One finding a fixture must raise: its code, the file (relative to the fixture's folder)
/// and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    code: String,
    file: PathBuf,
    line: usize,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{} at {}:{}", self.code, self.file.display(), self.line)
    }
}

/// The findings the `#!expect` markers of a fixture's application.yaml name:
/// `#!expect CODE` (at the marker's line) or `#!expect CODE FILE:LINE` (in another file of the
/// fixture). A malformed marker fails the test.
fn marked(app: &Path) -> Vec<Finding> {
    let dir = app.parent().unwrap();
    let text = std::fs::read_to_string(app).unwrap();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((_, rest)) = line.split_once("#!expect") else {
            continue;
        };
        let at = format!("{}:{}", app.display(), i + 1);
        let words: Vec<&str> = rest.split_whitespace().collect();
        let (code, place) = match words[..] {
            [code] => (code, None),
            [code, place] => (code, Some(place)),
            _ => panic!("{at}: write `#!expect CODE` or `#!expect CODE FILE:LINE`"),
        };
        assert!(
            appbook::codes::info(code).is_some(),
            "{at}: {code} is not a code of the catalogue"
        );
        let (file, line) = match place {
            None => (PathBuf::from("application.yaml"), i + 1),
            Some(place) => {
                let (file, n) = place
                    .rsplit_once(':')
                    .unwrap_or_else(|| panic!("{at}: `{place}` is not FILE:LINE"));
                let n: usize = n
                    .parse()
                    .unwrap_or_else(|_| panic!("{at}: `{n}` is not a line number"));
                // Bytes, not text: a fixture's CSV may be in another encoding on purpose.
                let bytes = std::fs::read(dir.join(file))
                    .unwrap_or_else(|e| panic!("{at}: {file} cannot be read: {e}"));
                let lines =
                    bytes.split(|b| *b == b'\n').count() - usize::from(bytes.ends_with(b"\n"));
                assert!(
                    (1..=lines).contains(&n),
                    "{at}: {file} has no line {n} ({lines} lines)"
                );
                (PathBuf::from(file), n)
            }
        };
        out.push(Finding {
            code: code.to_string(),
            file,
            line,
        });
    }
    out
}

/// Runs `appbook check APP --format json`: its exit status, its findings (file relative to the
/// fixture's folder) with their severities, and the JSON for messages.
fn check(app: &Path) -> (Option<i32>, Vec<(Finding, String)>, serde_json::Value) {
    let dir = app.parent().unwrap().canonicalize().unwrap();
    let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    assert_eq!(
        v["summary"]["files"],
        1,
        "{}: not checked: {}",
        app.display(),
        stdout(&out)
    );
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = Path::new(d["file"].as_str().unwrap())
                .canonicalize()
                .unwrap_or_else(|e| panic!("{d}: the file it names cannot be found: {e}"));
            let file = file
                .strip_prefix(&dir)
                .unwrap_or_else(|_| panic!("{d}: a file outside {}", dir.display()))
                .to_path_buf();
            let finding = Finding {
                code: d["code"].as_str().unwrap().to_string(),
                file,
                line: d["line"].as_u64().unwrap() as usize,
            };
            (finding, d["severity"].as_str().unwrap().to_string())
        })
        .collect();
    (out.status.code(), found, v)
}

/// What is wrong with one code fixture, if anything.
fn fixture_problems(programme: &str, code: &str, app: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let name = format!("{programme}/{code}");
    if appbook::codes::info(code).is_none() {
        return vec![format!("{name}: {code} is not a code of the catalogue")];
    }
    let mut expected = marked(app);
    if expected.is_empty() {
        return vec![format!("{name}: no `#!expect {code}` marker")];
    }
    if !expected.iter().any(|f| f.code == code) {
        problems.push(format!("{name}: no marker names {code}"));
    }
    let (exit, found, json) = check(app);
    let mut got: Vec<Finding> = found.iter().map(|(f, _)| f.clone()).collect();
    expected.sort();
    got.sort();
    if got != expected {
        let list = |v: &[Finding]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        problems.push(format!(
            "{name}: expected exactly [{}], got [{}]",
            list(&expected),
            list(&got)
        ));
    }
    for (f, severity) in &found {
        let want = appbook::codes::info(&f.code)
            .map(|i| i.severity.as_str())
            .unwrap_or("a code of the catalogue");
        if severity != want {
            problems.push(format!(
                "{name}: {f} is a {severity}, the catalogue says {want}"
            ));
        }
    }
    let any_error = expected
        .iter()
        .any(|f| appbook::codes::info(&f.code).map(|i| i.severity.as_str()) == Some("error"));
    let want_exit = if any_error { 1 } else { 0 };
    if exit != Some(want_exit) {
        problems.push(format!("{name}: exit {exit:?}, expected {want_exit}"));
    }
    if !problems.is_empty() {
        problems.push(format!("{name}: appbook said {json}"));
    }
    problems
}

#[test]
fn every_programme_has_its_fixture_folder_and_every_fixture_folder_a_programme() {
    let listed: BTreeSet<String> = programmes().into_iter().collect();
    for p in &listed {
        let dir = fixture_root().join(p);
        assert!(
            dir.is_dir(),
            "{p} has no fixtures: {} is missing",
            dir.display()
        );
        assert!(
            dir.join("valid/application.yaml").is_file(),
            "{p}: no valid/ base"
        );
        // A code folder without application.yaml would never be checked.
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.path().is_dir() {
                assert!(
                    e.path().join("application.yaml").is_file(),
                    "{} holds no application.yaml",
                    e.path().display()
                );
            }
        }
    }
    // A folder of code fixtures under a name appbook does not list would never be run.
    for e in std::fs::read_dir(fixture_root()).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !e.path().is_dir() || listed.contains(&name) {
            continue;
        }
        let codes: Vec<String> = std::fs::read_dir(e.path())
            .unwrap()
            .flatten()
            .map(|c| c.file_name().to_string_lossy().into_owned())
            .filter(|c| appbook::codes::info(c).is_some())
            .collect();
        assert!(
            codes.is_empty(),
            "tests/fixtures/{name} holds code fixtures {codes:?}, but `appbook programmes` does \
             not list {name}"
        );
    }
}

#[test]
fn each_valid_base_checks_without_any_finding() {
    for p in programmes() {
        let app = fixture_root().join(&p).join("valid/application.yaml");
        let (exit, found, json) = check(&app);
        assert!(found.is_empty(), "{p}/valid: {json}");
        assert_eq!(exit, Some(0), "{p}/valid: {json}");
    }
}

#[test]
fn each_fixture_raises_exactly_its_marked_findings() {
    let programmes = programmes();
    let prefixes: Vec<String> = programmes.iter().map(|p| prefix(p)).collect();
    let mut problems = Vec::new();
    for (p, own) in programmes.iter().zip(&prefixes) {
        for (code, app) in fixtures(p) {
            if code == "valid" {
                continue;
            }
            // A code of another programme would be checked against the wrong rules.
            let other = prefixes
                .iter()
                .find(|q| code.starts_with(q.as_str()) && *q != own);
            if let Some(other) = other {
                problems.push(format!("{p}/{code}: a {other} code in {p}'s fixtures"));
            }
            problems.extend(fixture_problems(p, &code, &app));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_code_of_a_programme_has_a_fixture_in_its_folder() {
    for p in programmes() {
        let own = prefix(&p);
        let have: BTreeSet<String> = fixtures(&p).into_iter().map(|(c, _)| c).collect();
        let missing: Vec<&str> = appbook::codes::CODES
            .iter()
            .map(|c| c.code)
            .filter(|c| c.starts_with(&own) && !have.contains(*c))
            .collect();
        assert!(
            missing.is_empty(),
            "{p}: codes without a fixture: {missing:?}"
        );
    }
}

#[test]
fn every_other_code_an_application_can_raise_has_a_fixture_in_some_programme() {
    let programmes = programmes();
    let prefixes: Vec<String> = programmes.iter().map(|p| prefix(p)).collect();
    let have: BTreeSet<String> = programmes
        .iter()
        .flat_map(|p| fixtures(p))
        .map(|(c, _)| c)
        .collect();
    let shared: Vec<&str> = appbook::codes::CODES
        .iter()
        .map(|c| c.code)
        .filter(|c| !prefixes.iter().any(|p| c.starts_with(p.as_str())))
        .filter(|c| !NOT_APPLICATION_CHECKS.iter().any(|p| c.starts_with(p)))
        .collect();
    assert!(
        shared.len() >= 11,
        "the APP-, ATTACH- and YAML- codes: {shared:?}"
    );
    let missing: Vec<&&str> = shared.iter().filter(|c| !have.contains(**c)).collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}
