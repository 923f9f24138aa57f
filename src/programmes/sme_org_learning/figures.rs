//! The figures the editor shows beside their inputs, as the rules computed them: the 中小企業
//! test that decided (beside the company's capital, revenue and employees), the plan's 字數
//! (beside 貳, where a short plan is reported), 學習積分 (beside the zone's learners and
//! learning count) and the testimonials counted. Worded as the reviewers' score sheet words them
//! (`review.yaml`); an edition without those words shows none.

use super::thresholds::{self, Outcome, Test};
use super::Checked;
use crate::edition::Edition;
use crate::model::group_digits;

pub fn beside_inputs(c: &Checked, edition: &Edition) -> Vec<(String, String)> {
    if !edition.review.words.contains_key("fig_plan_chars") {
        return Vec::new();
    }
    let w = edition.review_words();
    let mut out = Vec::new();
    if let Some(line) = sme_test(c, edition) {
        out.push(("company".to_string(), line));
    }
    out.push((
        "motivation".to_string(),
        w.t("fig_plan_chars", &[("n", &c.plan_chars.to_string())]),
    ));
    for line in super::review::learning(c, w) {
        out.push(("zone".to_string(), line));
    }
    let testimonials = c.app.results.as_ref().map_or(0, |r| r.testimonials.len());
    out.push((
        "results".to_string(),
        w.t("fig_testimonials", &[("n", &testimonials.to_string())]),
    ));
    out
}

/// The test of the 中小企業認定標準 in force on the application's date that decided, with its
/// limit and the company's figure; None while the sector, the date or the figures are missing.
fn sme_test(c: &Checked, edition: &Edition) -> Option<String> {
    if !edition.review.words.contains_key("fig_sme") {
        return None;
    }
    let w = edition.review_words();
    let company = c.app.company.as_ref()?;
    let sector = company.sector?;
    let rev = thresholds::in_force(c.app.application_date?)?;
    let figures = thresholds::Figures {
        capital: company.capital,
        revenue: company.revenue,
        employees: company.employees,
    };
    let (test, verdict) = match rev.assess(sector, &figures) {
        Outcome::Sme(t) => (t, w.t("fig_sme_yes", &[])),
        Outcome::NotSme(t) => (t, w.t("fig_sme_no", &[])),
        Outcome::Unknown(_) => return None,
    };
    let nt = |v: u64| format!("NT${}", group_digits(&v.to_string()));
    let (value, limit) = match test {
        Test::Employees => (
            format!("{} 人", company.employees?),
            w.t(
                "fig_sme_fewer_than",
                &[("n", &rev.employees_limit(sector).to_string())],
            ),
        ),
        Test::Capital | Test::Revenue => {
            let v = if test == Test::Capital {
                company.capital
            } else {
                company.revenue
            };
            let (_, max) = rev.finance_test(sector);
            (nt(v?), w.t("fig_sme_at_most", &[("n", &nt(max))]))
        }
    };
    Some(w.t(
        "fig_sme",
        &[
            ("standard", rev.name_zh),
            ("sector", sector.zh()),
            ("test", test.zh()),
            ("limit", &limit),
            ("value", &value),
            ("verdict", &verdict),
        ],
    ))
}
