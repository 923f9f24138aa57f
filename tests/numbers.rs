//! Every number of an application, replaced by values at and beyond the edges of what YAML and
//! f64 can say, never makes `check` panic (exit 101) or print a figure that wrapped around: it
//! is accepted, or refused with a finding at the number's line.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

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

/// The lines of a valid fixture that hold a plain number, as (index, key indent + key).
fn numeric_lines(yaml: &str) -> Vec<(usize, String)> {
    let re = regex::Regex::new(r"^(\s*(?:- )?[a-z_]+: )-?[0-9]+(\.[0-9]+)?\s*$").unwrap();
    yaml.lines()
        .enumerate()
        .filter_map(|(i, l)| re.captures(l).map(|c| (i, c[1].to_string())))
        .collect()
}

/// What an accepted moe application computed that could show a wrap: a wrapped i128 would
/// be a negative or astronomically large ratio.
fn moe_wrapped(app: &std::path::Path) -> Vec<String> {
    let src = appbook::load::read_source(app).unwrap();
    let spans = appbook::load::index(&src).unwrap();
    let (checked, _) = appbook::programmes::moe_learning_award::load_and_check(
        &src,
        &spans,
        app.parent().unwrap(),
    )
    .map_err(|f| f.diagnostics[0].message.en.clone())
    .unwrap();
    checked
        .derived
        .figures
        .iter()
        .filter(|f| f.value.0 < 0 || f.value.0 > 100 * 10i128.pow(15))
        .map(|f| format!("{:?} = {}", f.key, f.value))
        .collect()
}

/// The same for sme: 學習積分 is 學習人次 ÷ 專區內學員人數 with at least one learner, so it is
/// never negative and never more than the 學習人次 it divides.
fn sme_wrapped(app: &std::path::Path) -> Vec<String> {
    let src = appbook::load::read_source(app).unwrap();
    let spans = appbook::load::index(&src).unwrap();
    let (checked, _) =
        appbook::programmes::sme_org_learning::load_and_check(&src, &spans, app.parent().unwrap())
            .map_err(|f| f.diagnostics[0].message.en.clone())
            .unwrap();
    let f = &checked.figures;
    match (f.score, f.learning_count, f.learners) {
        (Some(score), Some(count), Some(learners)) => {
            // Fixed holds hundredths.
            let ceiling = i128::from(count) * 100;
            if score.0 < 0 || score.0 > ceiling || learners == 0 {
                vec![format!("學習積分 {score} from {count} ÷ {learners}")]
            } else {
                Vec::new()
            }
        }
        (Some(score), ..) => vec![format!("學習積分 {score} without its operands")],
        _ => Vec::new(),
    }
}

/// Every plain number of `programme`'s valid fixture, replaced in turn by each edge value:
/// `check` accepts it (and `wrapped` finds nothing wrong in what it computed) or refuses it
/// with located findings; it never exits otherwise.
fn edges(programme: &str, min_lines: usize, wrapped: fn(&std::path::Path) -> Vec<String>) {
    let valid = root().join("tests/fixtures").join(programme).join("valid");
    let yaml = std::fs::read_to_string(valid.join("application.yaml")).unwrap();
    let lines = numeric_lines(&yaml);
    assert!(
        lines.len() >= min_lines,
        "the fixture's numbers: {}",
        lines.len()
    );
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&valid, tmp.path());
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
            let what = format!("{programme} line {} = {edge}", i + 1);
            match out.status.code() {
                Some(0) => {
                    problems.extend(wrapped(&app).into_iter().map(|p| format!("{what}: {p}")))
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

#[test]
fn no_number_makes_check_panic_or_wrap() {
    edges("moe-learning-award", 15, moe_wrapped);
}

#[test]
fn no_sme_number_makes_check_panic_or_wrap() {
    edges("sme-org-learning", 8, sme_wrapped);
}
