//! Every number of an application, replaced by values at and beyond the edges of what YAML and
//! f64 can say, never makes `check` panic (exit 101) or print a figure that wrapped around: it
//! is accepted, or refused with a finding at the number's line.

mod common;

use common::*;

const EDGES: &[&str] = &[
    "1.0e+30",
    "1e308",
    "-1e308",
    "1e-300",
    "-0",
    "-0.0",
    ".nan",
    ".inf",
    "-.inf",
    "NaN",
    "9223372036854775807",
    "18446744073709551616",
    "170141183460469231731687303715884105728",
    "1_000",
    "0x10",
    "0.005",
    "-1",
];

/// The lines of the valid moe fixture that hold a plain number, as (index, key indent + key).
fn numeric_lines(yaml: &str) -> Vec<(usize, String)> {
    let re = regex::Regex::new(r"^(\s*(?:- )?[a-z_]+: )-?[0-9]+(\.[0-9]+)?\s*$").unwrap();
    yaml.lines()
        .enumerate()
        .filter_map(|(i, l)| re.captures(l).map(|c| (i, c[1].to_string())))
        .collect()
}

fn derived(
    app: &std::path::Path,
) -> Vec<appbook::programmes::moe_learning_award::derived::DerivedFigure> {
    let src = appbook::load::read_source(app).unwrap();
    let spans = appbook::load::index(&src).unwrap();
    let (checked, _) = appbook::programmes::moe_learning_award::load_and_check(
        &src,
        &spans,
        app.parent().unwrap(),
    )
    .map_err(|f| f.diagnostics[0].message.en.clone())
    .unwrap();
    checked.derived.figures
}

#[test]
fn no_number_makes_check_panic_or_wrap() {
    let valid = root().join("tests/fixtures/moe-learning-award/valid");
    let yaml = std::fs::read_to_string(valid.join("application.yaml")).unwrap();
    let lines = numeric_lines(&yaml);
    assert!(lines.len() >= 15, "the fixture's numbers: {}", lines.len());
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("attachments")).unwrap();
    for e in std::fs::read_dir(valid.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join("attachments").join(e.file_name())).unwrap();
    }
    let app = tmp.path().join("application.yaml");
    let mut problems = Vec::new();
    for (i, key) in &lines {
        for edge in EDGES {
            let changed: Vec<String> = yaml
                .lines()
                .enumerate()
                .map(|(j, l)| {
                    if j == *i {
                        format!("{key}{edge}")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            std::fs::write(&app, changed.join("\n") + "\n").unwrap();
            let out = run(&["check", app.to_str().unwrap(), "--format", "json"]);
            let what = format!("line {} = {edge}", i + 1);
            match out.status.code() {
                Some(0) => {
                    // Accepted: every derived figure is an honest, non-negative number. A
                    // wrapped i128 would show as a negative or astronomically large ratio.
                    for f in derived(&app) {
                        if f.value.0 < 0 || f.value.0 > 100 * 10i128.pow(15) {
                            problems.push(format!("{what}: {:?} = {}", f.key, f.value));
                        }
                    }
                }
                Some(1) => {
                    // Refused: with findings, each at a line of the file.
                    let j = json(&out);
                    let found = j["diagnostics"].as_array().unwrap();
                    if found.is_empty() || found.iter().any(|d| d["line"].as_u64() < Some(1)) {
                        problems.push(format!("{what}: refused without a located finding: {j}"));
                    }
                }
                other => problems.push(format!(
                    "{what}: exit {other:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
