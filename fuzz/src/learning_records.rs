//! The learning-record CSV of sme-org-learning: any bytes, or rows built from the edges of
//! every column, read twice with the same result, and figures that agree with each other:
//! 學習積分 is 學習人次 / 學員人數, the months add up to 學習人次, and no learner counts a
//! course twice.

use crate::support::{scratch, within_budget};
use appbook::load::SourceFile;
use appbook::programmes::sme_org_learning::records::{self, Summary};
use appbook::rulekit::context::Context;
use arbitrary::{Result, Unstructured};
use std::path::Path;

const HEADERS: &[&[&str]] = &[
    &["learner", "course", "hours_done", "course_hours", "date"],
    &["學員", "課程", "完成時數", "課程時數", "日期"],
    &[
        "date",
        "課程名稱",
        "學員姓名",
        "課程時數",
        "學習時數",
        "備註",
    ],
    &[
        "learner",
        "learner",
        "course",
        "hours_done",
        "course_hours",
        "date",
    ],
    &["learner", "course", "hours_done", "date"],
];
const LEARNERS: &[&str] = &[
    "王小明",
    "林美玲",
    "陳志強",
    "",
    " ",
    "\"王,小明\"",
    "A123456789",
];
const COURSES: &[&str] = &["品質管理", "資訊安全", "", "\"多\n行\"", "課程"];
const HOURS: &[&str] = &[
    "1",
    "2",
    "0.5",
    "0.999",
    "0.001",
    "0",
    "-1",
    "10000",
    "10000.001",
    "1e400",
    "NaN",
    "inf",
    "",
    "1,5",
    "0.0005",
    "3.",
    ".5",
    "abc",
    "99999999999999999999",
];
const DATES: &[&str] = &[
    "2014-03-01",
    "2014-01-01",
    "2014-10-31",
    "2014-11-01",
    "2013-12-31",
    "103/03/01",
    "2014/3/1",
    "2014-02-30",
    "2014-13-01",
    "",
    "x",
    "2014-3-1",
];

fn csv_text(u: &mut Unstructured) -> Result<Vec<u8>> {
    if u.arbitrary::<bool>()? {
        return Ok(u.bytes(u.len())?.to_vec());
    }
    let mut s = String::new();
    if u.ratio(1, 8)? {
        s.push('\u{feff}');
    }
    s.push_str(&u.choose(HEADERS)?.join(","));
    s.push('\n');
    for _ in 0..u.int_in_range(0..=40)? {
        let fields = [
            *u.choose(LEARNERS)?,
            *u.choose(COURSES)?,
            *u.choose(HOURS)?,
            *u.choose(HOURS)?,
            *u.choose(DATES)?,
        ];
        s.push_str(&fields.join(","));
        s.push_str(if u.ratio(1, 10)? { "\r\n" } else { "\n" });
    }
    Ok(s.into_bytes())
}

fn read(dir: &Path) -> (Option<Summary>, String) {
    let yaml = "zone:\n  records: r.csv\n";
    let src = SourceFile::from_text("application.yaml", &dir.join("application.yaml"), yaml);
    let spans = appbook::load::index(&src).expect("a fixed YAML indexes");
    let name = src.name.clone();
    let mut ctx = Context::new(&name, &spans, dir);
    let summary = records::read(&mut ctx, "zone.records", "r.csv", 2014);
    (summary, format!("{:?}", ctx.found))
}

pub fn run(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(bytes) = csv_text(&mut u) else {
        return;
    };
    let dir = scratch().join("records");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    std::fs::write(dir.join("r.csv"), &bytes).expect("scratch write");
    let first = within_budget("reading learning records", 64, || read(&dir));
    assert_eq!(first, read(&dir), "two readings of one file differ");
    let Some(s) = first.0 else {
        return;
    };
    assert!(s.rows_outside <= s.rows, "{s:?}");
    assert_eq!(
        s.by_month.values().sum::<u64>(),
        s.learning_count,
        "the months do not add up to 學習人次: {s:?}"
    );
    assert!(
        s.learning_count <= s.learners * s.courses as u64,
        "more 學習人次 than learner-course pairs: {s:?}"
    );
    assert!(s.dates.windows(2).all(|w| w[0] <= w[1]), "dates unsorted");
    // 學習積分 over the learners with records: defined exactly when there are some, and never
    // more than the courses (one 學習人次 per learner and course at most).
    let score = records::score(s.learning_count, s.learners);
    assert_eq!(score.is_some(), s.learners > 0, "{s:?}");
    if let Some(score) = score {
        assert!(
            score.to_string().parse::<f64>().unwrap() <= s.courses as f64 + 0.005,
            "{s:?}"
        );
    }
}
