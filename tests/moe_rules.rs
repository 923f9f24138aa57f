//! Rules of moe-learning-award that the one-fixture-per-code corpus does not reach: variants
//! of a code at other places, each asserted at its line.

use appbook::check;
use appbook::diagnostics::{Diagnostic, Severity};
use std::path::Path;

const BASE: &str = include_str!("fixtures/moe-learning-award/valid/application.yaml");

/// Writes `yaml` (with the fixture's shared attachment) and returns (code, line) pairs.
fn findings(yaml: &str) -> Vec<(String, usize)> {
    diagnostics(yaml)
        .iter()
        .map(|d| (d.code.clone(), d.location.line))
        .collect()
}

/// Writes `yaml` (with the fixture's shared attachment) and checks it.
fn diagnostics(yaml: &str) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moe-learning-award/valid");
    std::fs::create_dir_all(dir.path().join("attachments")).unwrap();
    for e in std::fs::read_dir(root.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("attachments").join(e.file_name())).unwrap();
    }
    let file = dir.path().join("application.yaml");
    std::fs::write(&file, yaml).unwrap();
    check::run(&[file]).diagnostics
}

fn line_of(yaml: &str, needle: &str) -> usize {
    yaml.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` is in the YAML"))
        + 1
}

fn replace(yaml: &str, from: &str, to: &str) -> String {
    assert!(yaml.contains(from), "`{from}` is in the base application");
    yaml.replacen(from, to, 1)
}

#[test]
fn the_base_is_valid() {
    assert_eq!(findings(BASE), vec![]);
}

#[test]
fn a_school_must_split_its_employees() {
    let yaml = replace(BASE, "unit_type: 1", "unit_type: 1\n  school: true");
    let f = findings(&yaml);
    let line = line_of(&yaml, "employees:");
    assert!(f.contains(&("MOE-SCHOOL-SPLIT".to_string(), line)), "{f:?}");
}

#[test]
fn the_training_plans_learners_cannot_exceed_the_employees() {
    let employees: u32 = BASE
        .lines()
        .find_map(|l| l.trim().strip_prefix("employees: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("the base gives a plain 員工總數");
    let old = BASE
        .lines()
        .find(|l| l.trim().starts_with("learner_count:"))
        .expect("the base has a training plan with learner_count")
        .to_string();
    let new = format!(
        "{}learner_count: {}",
        &old[..old.find("learner_count").unwrap()],
        employees + 1
    );
    let yaml = replace(BASE, &old, &new);
    let f = findings(&yaml);
    let line = line_of(&yaml, &new);
    assert!(
        f.contains(&("MOE-COUNT-EXCEEDS-EMPLOYEES".to_string(), line)),
        "{f:?}"
    );
}

#[test]
fn certified_people_without_a_certificate_count_is_a_missing_field() {
    let old = BASE
        .lines()
        .find(|l| l.trim().starts_with("certificates:"))
        .expect("the base counts certificates")
        .to_string();
    let yaml = replace(BASE, &format!("{old}\n"), "");
    let f = findings(&yaml);
    let line = line_of(&yaml, "participation:");
    assert!(f.contains(&("MOE-REQUIRED".to_string(), line)), "{f:?}");
}

#[test]
fn a_folder_walk_reports_an_application_that_lost_its_programme_key() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("unit/application.yaml");
    std::fs::create_dir_all(app.parent().unwrap()).unwrap();
    std::fs::write(
        &app,
        BASE.replacen("programme: moe-learning-award\n", "", 1),
    )
    .unwrap();
    // Other YAML in the folder (a CI workflow) is not an application.
    std::fs::write(dir.path().join("workflow.yml"), "on: push\n").unwrap();
    let report = check::run(&[dir.path().to_path_buf()]);
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.diagnostics[0].code, "APP-PROGRAMME-MISSING");
    assert_eq!(report.exit_code(), 1);
}

/// The diagnostics' codes on the line of `attachments/NAME` when the valid application's first
/// attachment is that file, in a folder that `arrange` has prepared (the fixture's attachments
/// are copied in first).
#[cfg(unix)]
fn codes_for_linked(name: &str, arrange: impl FnOnce(&Path)) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("attachments")).unwrap();
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/moe-learning-award/valid");
    for e in std::fs::read_dir(root.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join("attachments").join(e.file_name())).unwrap();
    }
    arrange(dir.path());
    let first_file = BASE
        .lines()
        .find(|l| l.trim().starts_with("file: "))
        .unwrap()
        .to_string();
    let linked = format!(
        "{}file: attachments/{name}",
        &first_file[..first_file.find("file:").unwrap()]
    );
    let yaml = replace(BASE, &first_file, &linked);
    let file = dir.path().join("application.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let report = check::run(&[file]);
    let line = line_of(&yaml, &format!("attachments/{name}"));
    report
        .diagnostics
        .iter()
        .filter(|d| d.location.line == line)
        .map(|d| d.code.clone())
        .collect()
}

/// A link anywhere on an attachment's path is followed: out of the folder it is outside, within
/// it the file is used, and a link to nothing is a missing file.
#[cfg(unix)]
#[test]
fn links_on_an_attachments_path_are_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.pdf");
    std::fs::write(&secret, b"%PDF-1.4\n%%EOF\n").unwrap();
    let pdf = std::fs::read_dir(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/moe-learning-award/valid/attachments"),
    )
    .unwrap()
    .map(|e| e.unwrap().path())
    .find(|p| p.extension().is_some_and(|x| x == "pdf"))
    .unwrap();

    // The file itself a link out of the folder.
    let codes = codes_for_linked("link.pdf", |d| {
        symlink(&secret, d.join("attachments/link.pdf")).unwrap()
    });
    assert_eq!(codes, ["ATTACH-OUTSIDE"]);
    // A folder on the way a link out of the folder.
    let codes = codes_for_linked("out/secret.pdf", |d| {
        symlink(outside.path(), d.join("attachments/out")).unwrap()
    });
    assert_eq!(codes, ["ATTACH-OUTSIDE"]);
    // A link to a file inside the folder, and a folder link that stays inside: used.
    let codes = codes_for_linked("same.pdf", |d| {
        std::fs::copy(&pdf, d.join("kept.pdf")).unwrap();
        symlink(d.join("kept.pdf"), d.join("attachments/same.pdf")).unwrap()
    });
    assert_eq!(codes, Vec::<String>::new());
    let codes = codes_for_linked("scans/kept.pdf", |d| {
        std::fs::create_dir(d.join("scans")).unwrap();
        std::fs::copy(&pdf, d.join("scans/kept.pdf")).unwrap();
        symlink("../scans", d.join("attachments/scans")).unwrap()
    });
    assert_eq!(codes, Vec::<String>::new());
    // A link to nothing, a file in no folder.
    let codes = codes_for_linked("gone.pdf", |d| {
        symlink(d.join("nothing.pdf"), d.join("attachments/gone.pdf")).unwrap()
    });
    assert_eq!(codes, ["ATTACH-MISSING"]);
    let codes = codes_for_linked("nowhere/file.pdf", |_| {});
    assert_eq!(codes, ["ATTACH-MISSING"]);
}

/// 屬性 2–6 apply to their 主管機關 by 6/30 (seed 002, 第4條 二); a day later is not accepted.
#[test]
fn a_type_3_unit_is_late_after_june_30() {
    let unit = replace(BASE, "unit_type: 1", "unit_type: 3");
    let on_time = replace(
        &unit,
        "application_date: 2025-06-20",
        "application_date: 2025-06-30",
    );
    assert_eq!(findings(&on_time), vec![]);
    let late = replace(
        &unit,
        "application_date: 2025-06-20",
        "application_date: 2025-07-01",
    );
    let line = line_of(&late, "application_date:");
    assert_eq!(findings(&late), vec![("MOE-DEADLINE".to_string(), line)]);
    let severities: Vec<Severity> = diagnostics(&late).iter().map(|d| d.severity).collect();
    assert_eq!(severities, vec![Severity::Error], "逾期不予受理");
}

/// The same 7/1 is on time for an agency (屬性 1), whose deadline is 8/31.
#[test]
fn an_agency_is_on_time_until_august_31() {
    let july = replace(
        BASE,
        "application_date: 2025-06-20",
        "application_date: 2025-07-01",
    );
    assert_eq!(findings(&july), vec![]);
    let aug31 = replace(
        BASE,
        "application_date: 2025-06-20",
        "application_date: 2025-08-31",
    );
    assert_eq!(findings(&aug31), vec![]);
    let sep1 = replace(
        BASE,
        "application_date: 2025-06-20",
        "application_date: 2025-09-01",
    );
    let line = line_of(&sep1, "application_date:");
    assert_eq!(findings(&sep1), vec![("MOE-DEADLINE".to_string(), line)]);
}

/// A registration approved on the application day itself is in order; a day later is not,
/// whichever calendar the date is written in.
#[test]
fn a_registration_approved_after_the_application_is_out_of_order() {
    let registered = |approval: &str| {
        replace(
            BASE,
            "unit_type: 1\n",
            &format!(
                "unit_type: 4\n  registration:\n    approval_date: {approval}\n    document_number: 台內字第1140001234號\n    certificate: attachments/proof.pdf\n"
            ),
        )
    };
    assert_eq!(findings(&registered("2025-06-20")), vec![]);
    assert_eq!(findings(&registered("114-06-20")), vec![]);
    let late = registered("114-06-21");
    let line = line_of(&late, "approval_date:");
    assert_eq!(findings(&late), vec![("MOE-DATE-ORDER".to_string(), line)]);
}

/// 第3條: one way of the four is enough to be eligible, and a question left unanswered is a
/// missing field, not a verdict on eligibility.
#[test]
fn one_yes_among_the_four_ways_is_eligible() {
    let start = BASE.find("    paid:\n").expect("the base answers 帶薪學習");
    let end = BASE
        .find("    other_ways:\n")
        .expect("the base answers 其他方式");
    let three_no = "    paid:\n      answer: 否\n    subsidy:\n      answer: 否\n    official_leave:\n      answer: 否\n";
    let yaml = format!("{}{three_no}{}", &BASE[..start], &BASE[end..]);
    assert_eq!(findings(&yaml), vec![]);

    let other = BASE[end..].find("  budget:\n").unwrap() + end;
    let unanswered = format!(
        "{}{three_no}    other_ways:\n      description: 讀書會。\n{}",
        &BASE[..start],
        &BASE[other..]
    );
    let codes: Vec<String> = findings(&unanswered).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, vec!["MOE-REQUIRED".to_string()]);
}

/// The same testimonial twice is reported at the copy's line and counts once toward the 3.
#[test]
fn a_copied_testimonial_counts_once_toward_the_minimum() {
    let first = BASE
        .lines()
        .find(|l| l.trim().starts_with("text: ") && l.contains("講座培育"))
        .expect("the base has the first testimonial")
        .to_string();
    let last = BASE
        .lines()
        .find(|l| l.trim().starts_with("text: ") && l.contains("讀書會"))
        .expect("the base has the third testimonial")
        .to_string();
    let indent = &last[..last.find("text:").unwrap()];
    let copy = format!("{indent}text: 講座培育課程 讓我能把法規講得清楚、又有趣");
    let yaml = replace(BASE, &last, &copy);
    assert_ne!(first, copy);
    let mut f = findings(&yaml);
    f.sort();
    let mut expected = vec![
        (
            "MOE-TESTIMONIAL-DUPLICATE".to_string(),
            line_of(&yaml, &copy),
        ),
        (
            "MOE-TESTIMONIALS-MIN".to_string(),
            line_of(&yaml, "testimonials:"),
        ),
    ];
    expected.sort();
    assert_eq!(f, expected);
}

/// moe asks for testimonials, not for one per employee: one author may write two.
#[test]
fn one_author_may_write_two_moe_testimonials() {
    let yaml = replace(BASE, "秘書室專員 黃淑芬", "教務組研究員 林思妤");
    assert_eq!(findings(&yaml), vec![]);
}

/// Every hour of a leap year for each of 員工總數 is the most hours a unit can report.
#[test]
fn hours_beyond_every_hour_of_the_year_are_implausible() {
    let old = BASE
        .lines()
        .find(|l| l.trim() == "total_hours: 4260")
        .expect("the base gives 帶薪學習總時數 4260")
        .to_string();
    let indent = &old[..old.find("total_hours").unwrap()];
    // 152 employees × 24 × 366.
    let at = format!("{indent}total_hours: 1335168");
    assert_eq!(findings(&replace(BASE, &old, &at)), vec![]);
    let above = format!("{indent}total_hours: 1335169");
    let yaml = replace(BASE, &old, &above);
    assert_eq!(
        findings(&yaml),
        vec![("MOE-IMPLAUSIBLE".to_string(), line_of(&yaml, &above))]
    );
}

/// 一兆元 is the most any amount may be; a larger one is reported at its line.
#[test]
fn amounts_beyond_a_trillion_are_implausible() {
    let at = replace(BASE, "planned: 2350000", "planned: 1000000000000");
    assert_eq!(findings(&at), vec![]);
    let yaml = replace(BASE, "planned: 2350000", "planned: 1.0e+13");
    assert_eq!(
        findings(&yaml),
        vec![("MOE-IMPLAUSIBLE".to_string(), line_of(&yaml, "planned:"))]
    );
}

/// A count of people far beyond any employer is reported once, not also as exceeding 員工總數.
#[test]
fn an_implausible_count_is_reported_once() {
    let yaml = replace(BASE, "learners: 146", "learners: 1.0e+30");
    assert_eq!(
        findings(&yaml),
        vec![(
            "MOE-IMPLAUSIBLE".to_string(),
            line_of(&yaml, "learners: 1.0e+30")
        )]
    );
    let yaml = replace(BASE, "learner_count: 152", "learner_count: 1.0e+30");
    assert_eq!(
        findings(&yaml),
        vec![(
            "MOE-IMPLAUSIBLE".to_string(),
            line_of(&yaml, "learner_count:")
        )]
    );
}

#[test]
fn a_phone_needs_its_area_code_and_a_fax_is_a_landline() {
    let phone = "phone: (02)2930-5100 分機 215";
    let fax = "fax: (02)2930-5199";
    // The extension's digits do not stand in for a missing area code.
    let yaml = replace(BASE, phone, "phone: 2930-5100 分機 215");
    let line = line_of(&yaml, "phone:");
    assert_eq!(
        findings(&yaml),
        vec![("MOE-CONTACT-FORMAT".to_string(), line)]
    );
    // Quoted: unquoted, the digits are a number in YAML, which the schema refuses (YAML-TYPE).
    let yaml = replace(BASE, phone, "phone: \"27740789\"");
    assert_eq!(
        findings(&yaml),
        vec![("MOE-CONTACT-FORMAT".to_string(), line)]
    );
    // A mobile is a contact's phone, but not a fax.
    assert_eq!(
        findings(&replace(BASE, phone, "phone: 0912-345-678")),
        vec![]
    );
    let yaml = replace(BASE, fax, "fax: 0912-345-678");
    assert_eq!(
        findings(&yaml),
        vec![("MOE-CONTACT-FORMAT".to_string(), line_of(&yaml, "fax:"))]
    );
}

/// A 是 with 0 people says nobody learnt that way: it lacks its figure, as a 是 with none does,
/// and the hours beside it are not reported again.
#[test]
fn a_yes_with_no_people_lacks_its_figure() {
    let yaml = replace(BASE, "recipients: 21", "recipients: 0");
    assert_eq!(
        findings(&yaml),
        vec![(
            "MOE-YES-NEEDS-DETAIL".to_string(),
            line_of(&yaml, "recipients: 0")
        )]
    );
    let yaml = replace(BASE, "participants: 138", "participants: 0");
    assert_eq!(
        findings(&yaml),
        vec![(
            "MOE-YES-NEEDS-DETAIL".to_string(),
            line_of(&yaml, "participants: 0")
        )]
    );
    // 否 with no figures stays as it was; 是 with people and no hours does not.
    let yaml = replace(BASE, "total_hours: 4260", "total_hours: 0");
    assert_eq!(
        findings(&yaml),
        vec![(
            "MOE-PEOPLE-FIGURE-MISMATCH".to_string(),
            line_of(&yaml, "total_hours: 0")
        )]
    );
}

/// A school's groups are compared one by one: 0 teachers beside teachers' hours is found at
/// the teachers' hours, though the totals (33 people, 3,806 hours) agree.
#[test]
fn a_schools_group_with_no_people_has_no_hours() {
    let dir = tempfile::tempdir().unwrap();
    let school = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/moe-learning-award/school");
    let copy = dir.path().join("school");
    std::fs::create_dir_all(copy.join("attachments")).unwrap();
    for e in std::fs::read_dir(school.join("attachments")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), copy.join("attachments").join(e.file_name())).unwrap();
    }
    let yaml = replace(
        &std::fs::read_to_string(school.join("application.yaml")).unwrap(),
        "participants: {teachers: 88, staff: 33}",
        "participants: {teachers: 0, staff: 33}",
    );
    std::fs::write(copy.join("application.yaml"), &yaml).unwrap();
    let found: Vec<(String, usize, String)> = check::run(&[copy.join("application.yaml")])
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.location.line, d.location.path))
        .collect();
    assert_eq!(
        found,
        vec![(
            "MOE-PEOPLE-FIGURE-MISMATCH".to_string(),
            line_of(&yaml, "total_hours: {teachers: 2816"),
            "evaluation.learning.paid.total_hours.teachers".to_string()
        )]
    );
}

/// A file present under another spelling is named with the spelling that works: Windows'
/// backslashes, and letter case that differs from the file's (Linux tells them apart).
#[test]
fn a_missing_attachment_names_the_spelling_that_works() {
    for (written, zh) in [
        ("attachments\\proof.pdf", "寫成 attachments/proof.pdf"),
        (
            "Attachments/Proof.PDF",
            "資料夾裡的是 attachments/proof.pdf",
        ),
        ("attachments/nothing.pdf", "檢查檔名與大小寫"),
    ] {
        let yaml = replace(
            BASE,
            "file: attachments/proof.pdf",
            &format!("file: '{written}'"),
        );
        let found = diagnostics(&yaml);
        let d = found
            .iter()
            .find(|d| d.code == "ATTACH-MISSING")
            .unwrap_or_else(|| panic!("{written}: {found:?}"));
        let hint = &d.hint.as_ref().unwrap().zh;
        assert!(hint.contains(zh), "{written}: {hint}");
    }
}

/// A phone or an e-mail typed full-width (a Chinese input method's digits, 「＠」) is refused for
/// its characters, and the hint gives it in half-width.
#[test]
fn a_full_width_phone_or_email_gets_its_half_width_spelling() {
    for (from, to, fixed) in [
        (
            "phone: (02)2930-5100 分機 215",
            "phone: \"０２－２９３０－５１００\"",
            "02-2930-5100",
        ),
        (
            "email: hr-training@example.gov.tw",
            "email: hr-training＠example.gov.tw",
            "hr-training@example.gov.tw",
        ),
    ] {
        let yaml = replace(BASE, from, to);
        let found = diagnostics(&yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.code, "MOE-CONTACT-FORMAT");
        let hint = d.hint.as_ref().unwrap();
        assert!(
            hint.zh.contains("全形") && hint.zh.contains(fixed),
            "{}",
            hint.zh
        );
        assert!(
            hint.en.contains("full-width") && hint.en.contains(fixed),
            "{}",
            hint.en
        );
    }
}
