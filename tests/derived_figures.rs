//! SPEC §2.4's derived figures against values computed by hand.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::load::{self, SourceFile};
use appbook::model::Group;
use appbook::programmes;
use appbook::programmes::moe_learning_award::book::{print_figure, PrintedFigure};
use appbook::programmes::moe_learning_award::{
    self,
    derived::{Derived, FigureKey, LearningKind},
};
use std::path::Path;

fn derive(yaml: &str) -> (Derived, Vec<String>) {
    let src = SourceFile::from_text("application.yaml", Path::new("application.yaml"), yaml);
    let spans = load::index(&src).expect("valid YAML");
    let (checked, diagnostics) = moe_learning_award::load_and_check(&src, &spans, Path::new("."))
        .map_err(|f| f.diagnostics[0].message.en.clone())
        .expect("loads");
    let codes = diagnostics
        .iter()
        .filter(|d| !d.code.starts_with("ATTACH-"))
        .map(|d| d.code.clone())
        .collect();
    (checked.derived, codes)
}

fn value(d: &Derived, key: FigureKey, g: Group) -> String {
    d.get(key, g)
        .unwrap_or_else(|| panic!("{key:?} ({g:?}) is computed"))
        .value
        .to_string()
}

/// The total of `key` as edition 107 prints it.
fn printed(d: &Derived, key: FigureKey) -> PrintedFigure {
    let edition = programmes::find(moe_learning_award::ID, Some("107")).expect("built in");
    let f = d.get(key, Group::All).expect("computed");
    print_figure(edition.edition.words(), f)
}

/// The application `init` writes, each placeholder replaced by the example it gives.
fn template() -> String {
    common::fill_placeholders(include_str!(
        "../templates/moe-learning-award/107/application.yaml"
    ))
}

#[test]
fn figures_of_the_template_application() {
    let (d, codes) = derive(&template());
    assert!(
        codes.iter().all(|c| c.starts_with("MOE-ATTACHMENT")),
        "{codes:?}"
    );
    let all = Group::All;
    // 1,720 h / 120 = 14.333… → 14.33
    assert_eq!(value(&d, FigureKey::PaidHoursPerEmployee, all), "14.33");
    // NT$356,000 / 18 = 19,777.777… → 19,777.78
    assert_eq!(value(&d, FigureKey::SubsidyPerRecipient, all), "19777.78");
    // (480 + 520) h / 120 / 52 = 0.16025… → 0.16
    assert_eq!(value(&d, FigureKey::LeaveHoursPerEmployeeWeek, all), "0.16");
    // NT$1,085,000 / 120 = 9,041.666… → 9,041.67
    assert_eq!(value(&d, FigureKey::SpentPerEmployee, all), "9041.67");
    // 1,085,000 / 1,200,000 = 90.4166…% → 90.42
    assert_eq!(value(&d, FigureKey::ExecutionRate, all), "90.42");
    // 112 / 120 = 93.333…% → 93.33
    assert_eq!(value(&d, FigureKey::LearningRate, all), "93.33");
    // 85 / 112 = 75.8928…% ; 85 / 120 = 70.8333…%
    assert_eq!(
        value(&d, FigureKey::ShareOfLearners(LearningKind::Paid), all),
        "75.89"
    );
    assert_eq!(
        value(&d, FigureKey::ShareOfEmployees(LearningKind::Paid), all),
        "70.83"
    );
    // 18 / 112 = 16.0714…% ; 18 / 120 = 15%
    assert_eq!(
        value(&d, FigureKey::ShareOfLearners(LearningKind::Subsidy), all),
        "16.07"
    );
    assert_eq!(
        value(&d, FigureKey::ShareOfEmployees(LearningKind::Subsidy), all),
        "15.00"
    );
    // 公假 = 全時 3 + 部分工時 9 = 12: 12 / 112 = 10.714…% ; 12 / 120 = 10%
    assert_eq!(
        value(
            &d,
            FigureKey::ShareOfLearners(LearningKind::OfficialLeave),
            all
        ),
        "10.71"
    );
    assert_eq!(
        value(
            &d,
            FigureKey::ShareOfEmployees(LearningKind::OfficialLeave),
            all
        ),
        "10.00"
    );
    // 60 / 112 = 53.571…% ; 60 / 120 = 50%
    assert_eq!(
        value(&d, FigureKey::ShareOfLearners(LearningKind::Other), all),
        "53.57"
    );
    assert_eq!(
        value(&d, FigureKey::ShareOfEmployees(LearningKind::Other), all),
        "50.00"
    );
    // 6 / 120 = 5% ; 14 / 120 = 11.666…%
    assert_eq!(value(&d, FigureKey::DegreeRate, all), "5.00");
    assert_eq!(value(&d, FigureKey::CertifiedRate, all), "11.67");
    // 21 / 120 = 0.175 exactly: half-up gives 0.18 (banker's rounding would give 0.18 too,
    // but truncation or float noise would give 0.17)
    assert_eq!(value(&d, FigureKey::CertificatesPerEmployee, all), "0.18");
    // The formula shows the applicant's own numbers, in the edition's words.
    let f = printed(&d, FigureKey::PaidHoursPerEmployee);
    assert_eq!(f.formula, "1,720 小時 ÷ 120 人");
    assert_eq!(f.value, "14.33 小時");
    let w = printed(&d, FigureKey::LeaveHoursPerEmployeeWeek);
    assert_eq!(w.formula, "1,000 小時 ÷ 120 人 ÷ 52 週");
    let s = printed(&d, FigureKey::SubsidyPerRecipient);
    assert_eq!(s.value, "新臺幣 19,777.78 元");
    let r = printed(&d, FigureKey::ShareOfLearners(LearningKind::OfficialLeave));
    assert_eq!(r.label, "公假學習參與人數占參與學習總人數比率");
    assert_eq!(r.value, "10.71%");
    assert_eq!(r.formula, "12 人 ÷ 112 人 × 100%");
}

#[test]
fn weekly_leave_formula_divides_by_52() {
    // 2,600 h / 100 employees / 52 weeks = 0.5 exactly.
    let yaml = template()
        .replace("  employees: 120", "  employees: 100")
        .replace("        total_hours: 480", "        total_hours: 2000")
        .replace("        total_hours: 520", "        total_hours: 600");
    let (d, _) = derive(&yaml);
    assert_eq!(
        value(&d, FigureKey::LeaveHoursPerEmployeeWeek, Group::All),
        "0.50"
    );
}

#[test]
fn half_up_rounding_at_the_third_decimal() {
    // 1 / 8 = 0.125 → 0.13 (half-up), and 1 / 16 = 0.0625 → 0.06.
    let yaml = template()
        .replace("  employees: 120", "  employees: 8")
        .replace("      participants: 85", "      participants: 1")
        .replace("      total_hours: 1720", "      total_hours: 1");
    let (d, _) = derive(&yaml);
    assert_eq!(
        value(&d, FigureKey::PaidHoursPerEmployee, Group::All),
        "0.13"
    );
    assert_eq!(
        value(
            &d,
            FigureKey::ShareOfEmployees(LearningKind::Paid),
            Group::All
        ),
        "12.50"
    );
}

#[test]
fn a_school_gets_figures_for_teachers_and_staff() {
    let yaml = template()
        .replace("  unit_type: 1", "  unit_type: 2")
        .replace(
            "application_date: 2025-06-20",
            "application_date: 2025-06-10",
        )
        .replace("  employees: 120", "  employees: {teachers: 90, staff: 35}")
        .replace(
            "      participants: 85",
            "      participants: {teachers: 70, staff: 15}",
        )
        .replace(
            "      total_hours: 1720",
            "      total_hours: {teachers: 1260, staff: 340}",
        );
    let (d, codes) = derive(&yaml);
    // Other figures of the template are still plain totals: the rules say so.
    assert!(codes.iter().any(|c| c == "MOE-SCHOOL-SPLIT"));
    // 1,600 / 125 = 12.80 ; 1,260 / 90 = 14.00 ; 340 / 35 = 9.714… → 9.71
    assert_eq!(
        value(&d, FigureKey::PaidHoursPerEmployee, Group::All),
        "12.80"
    );
    assert_eq!(
        value(&d, FigureKey::PaidHoursPerEmployee, Group::Teachers),
        "14.00"
    );
    assert_eq!(
        value(&d, FigureKey::PaidHoursPerEmployee, Group::Staff),
        "9.71"
    );
    // 70 / 90 = 77.777…% ; 15 / 35 = 42.857…%
    assert_eq!(
        value(
            &d,
            FigureKey::ShareOfEmployees(LearningKind::Paid),
            Group::Teachers
        ),
        "77.78"
    );
    assert_eq!(
        value(
            &d,
            FigureKey::ShareOfEmployees(LearningKind::Paid),
            Group::Staff
        ),
        "42.86"
    );
}
