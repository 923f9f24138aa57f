//! Property tests: every derived figure of moe-learning-award and the 學習積分 of
//! sme-org-learning equal an exact big-decimal computation of the form's formula, rounded
//! half-up to two decimals, for any figures in the ranges the rules accept. The reference
//! reads the decimals as typed (not as binary floating point) and rounds with bigdecimal's
//! own HalfUp, so it shares nothing with appbook's arithmetic but the formula.

use appbook::model::{Fixed, Group};
use appbook::programmes::moe_learning_award::derived::{self, FigureKey, LearningKind};
use appbook::programmes::moe_learning_award::model::Application;
use appbook::programmes::moe_learning_award::rules::figures::{
    MAX_AMOUNT, MAX_HOURS_PER_PERSON, MAX_PEOPLE,
};
use appbook::programmes::sme_org_learning::records;
use bigdecimal::{BigDecimal, RoundingMode};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::str::FromStr;

/// A decimal as typed in the YAML: digits and a number of places.
#[derive(Clone, Debug)]
struct Dec {
    digits: u64,
    places: u32,
}

impl Dec {
    fn text(&self) -> String {
        let s = format!("{:0>width$}", self.digits, width = self.places as usize + 1);
        if self.places == 0 {
            s
        } else {
            let (i, f) = s.split_at(s.len() - self.places as usize);
            format!("{i}.{f}")
        }
    }

    fn exact(&self) -> BigDecimal {
        BigDecimal::from_str(&self.text()).unwrap()
    }

    /// What the YAML loader hands appbook: the text read as a number.
    fn json(&self) -> Value {
        if self.places == 0 {
            json!(self.digits)
        } else {
            json!(self.text().parse::<f64>().unwrap())
        }
    }
}

/// A whole number in `1..=max` (people, certificates).
fn whole(min: u64, max: f64) -> BoxedStrategy<Dec> {
    (min..=max as u64)
        .prop_map(|digits| Dec { digits, places: 0 })
        .boxed()
}

/// A number with up to two decimals in `0..=max` (hours, amounts in 元).
fn decimal(max: f64) -> BoxedStrategy<Dec> {
    (0u32..=2)
        .prop_flat_map(move |places| {
            let top = (max * 10f64.powi(places as i32)) as u64;
            (0..=top).prop_map(move |digits| Dec { digits, places })
        })
        .boxed()
}

/// `num / den / divisor × factor` in hundredths, rounded half-up (away from zero).
fn reference(num: &BigDecimal, den: &BigDecimal, divisor: u32, factor: u32) -> BigDecimal {
    let exact = num * BigDecimal::from(factor * 100) / (den * BigDecimal::from(divisor));
    exact.with_scale_round(0, RoundingMode::HalfUp)
}

fn hundredths(f: Fixed) -> BigDecimal {
    BigDecimal::from(f.0)
}

/// One group's figures, or a school's teachers and staff.
#[derive(Clone, Debug)]
enum Fig {
    Total(Dec),
    Split(Dec, Dec),
}

impl Fig {
    fn json(&self) -> Value {
        match self {
            Fig::Total(d) => d.json(),
            Fig::Split(t, s) => json!({"teachers": t.json(), "staff": s.json()}),
        }
    }

    fn get(&self, g: Group) -> BigDecimal {
        match (self, g) {
            (Fig::Total(d), _) => d.exact(),
            (Fig::Split(t, s), Group::All) => t.exact() + s.exact(),
            (Fig::Split(t, _), Group::Teachers) => t.exact(),
            (Fig::Split(_, s), Group::Staff) => s.exact(),
        }
    }
}

fn fig(school: bool, part: BoxedStrategy<Dec>) -> BoxedStrategy<Fig> {
    if school {
        (part.clone(), part)
            .prop_map(|(t, s)| Fig::Split(t, s))
            .boxed()
    } else {
        part.prop_map(Fig::Total).boxed()
    }
}

/// Every figure an application may carry for the derived figures, within the rules' ceilings
/// (a school's two groups each within them).
#[derive(Clone, Debug)]
struct Figures {
    school: bool,
    employees: Fig,
    paid_hours: Fig,
    paid_people: Fig,
    subsidy_amount: Fig,
    subsidy_people: Fig,
    leave_full_hours: Fig,
    leave_full_people: Fig,
    leave_part_hours: Fig,
    leave_part_people: Fig,
    other_people: Fig,
    planned: Fig,
    spent: Fig,
    learners: Fig,
    degree: Fig,
    certified: Fig,
    certificates: Fig,
}

fn figures() -> impl Strategy<Value = Figures> {
    any::<bool>().prop_flat_map(|school| {
        // Half the ceiling per group, so a school's sum stays within it too.
        let people = MAX_PEOPLE / 2.0;
        let hours = MAX_HOURS_PER_PERSON * 1000.0;
        let amount = MAX_AMOUNT / 2.0;
        let p = || fig(school, whole(0, people));
        let h = || fig(school, decimal(hours));
        let a = || fig(school, decimal(amount));
        (
            (fig(school, whole(1, people)), h(), p(), a(), p(), h()),
            (p(), h(), p(), p(), a(), a()),
            (p(), p(), p(), fig(school, whole(0, 1000.0 * people))),
        )
            .prop_map(
                move |(
                    (employees, paid_hours, paid_people, subsidy_amount, subsidy_people, lfh),
                    (
                        leave_full_people,
                        leave_part_hours,
                        leave_part_people,
                        other_people,
                        planned,
                        spent,
                    ),
                    (learners, degree, certified, certificates),
                )| Figures {
                    school,
                    employees,
                    paid_hours,
                    paid_people,
                    subsidy_amount,
                    subsidy_people,
                    leave_full_hours: lfh,
                    leave_full_people,
                    leave_part_hours,
                    leave_part_people,
                    other_people,
                    planned,
                    spent,
                    learners,
                    degree,
                    certified,
                    certificates,
                },
            )
    })
}

fn application(f: &Figures) -> Application {
    let value = json!({
        "basic": {"employees": f.employees.json()},
        "evaluation": {
            "learning": {
                "paid": {"answer": "是", "participants": f.paid_people.json(), "total_hours": f.paid_hours.json()},
                "subsidy": {"answer": "是", "recipients": f.subsidy_people.json(), "total_amount": f.subsidy_amount.json()},
                "official_leave": {
                    "answer": "是",
                    "full_time": {"answer": "是", "participants": f.leave_full_people.json(), "total_hours": f.leave_full_hours.json()},
                    "part_time": {"answer": "是", "participants": f.leave_part_people.json(), "total_hours": f.leave_part_hours.json()},
                },
                "other_ways": {"answer": "是", "participants": f.other_people.json()},
            },
            "budget": {"planned": f.planned.json(), "spent": f.spent.json()},
            "participation": {
                "learners": f.learners.json(),
                "degree_students": f.degree.json(),
                "certified_people": f.certified.json(),
                "certificates": f.certificates.json(),
            },
        },
    });
    serde_json::from_value(value).expect("the generated application deserializes")
}

/// The form's formulas (README, *Derived figures*), each as numerator, denominator and scale
/// (divisor, factor).
fn expected(f: &Figures) -> BTreeMap<String, BigDecimal> {
    let groups: &[Group] = if f.school {
        &[Group::All, Group::Teachers, Group::Staff]
    } else {
        &[Group::All]
    };
    let mut out = BTreeMap::new();
    for &g in groups {
        let emp = f.employees.get(g);
        let learners = f.learners.get(g);
        let leave_people = f.leave_full_people.get(g) + f.leave_part_people.get(g);
        let mut add = |key: FigureKey, num: BigDecimal, den: &BigDecimal, divisor, factor| {
            if den.sign() == bigdecimal::num_bigint::Sign::Plus {
                out.insert(
                    format!("{key:?} {g:?}"),
                    reference(&num, den, divisor, factor),
                );
            }
        };
        add(
            FigureKey::PaidHoursPerEmployee,
            f.paid_hours.get(g),
            &emp,
            1,
            1,
        );
        add(
            FigureKey::SubsidyPerRecipient,
            f.subsidy_amount.get(g),
            &f.subsidy_people.get(g),
            1,
            1,
        );
        add(
            FigureKey::LeaveHoursPerEmployeeWeek,
            f.leave_full_hours.get(g) + f.leave_part_hours.get(g),
            &emp,
            52,
            1,
        );
        add(FigureKey::SpentPerEmployee, f.spent.get(g), &emp, 1, 1);
        add(
            FigureKey::ExecutionRate,
            f.spent.get(g),
            &f.planned.get(g),
            1,
            100,
        );
        add(FigureKey::LearningRate, learners.clone(), &emp, 1, 100);
        for (kind, count) in [
            (LearningKind::Paid, f.paid_people.get(g)),
            (LearningKind::Subsidy, f.subsidy_people.get(g)),
            (LearningKind::OfficialLeave, leave_people.clone()),
            (LearningKind::Other, f.other_people.get(g)),
        ] {
            add(
                FigureKey::ShareOfLearners(kind),
                count.clone(),
                &learners,
                1,
                100,
            );
            add(FigureKey::ShareOfEmployees(kind), count, &emp, 1, 100);
        }
        add(FigureKey::DegreeRate, f.degree.get(g), &emp, 1, 100);
        add(FigureKey::CertifiedRate, f.certified.get(g), &emp, 1, 100);
        add(
            FigureKey::CertificatesPerEmployee,
            f.certificates.get(g),
            &emp,
            1,
            1,
        );
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_derived_figure_is_the_exact_formula_rounded_half_up(f in figures()) {
        let derived = derived::compute(&application(&f), f.school);
        let got: BTreeMap<String, BigDecimal> = derived
            .figures
            .iter()
            .map(|d| (format!("{:?} {:?}", d.key, d.group), hundredths(d.value)))
            .collect();
        prop_assert_eq!(got, expected(&f));
    }

    #[test]
    fn a_ratio_of_typed_decimals_is_exact(
        num in decimal(MAX_AMOUNT),
        den in decimal(MAX_AMOUNT).prop_filter("a denominator", |d| d.digits > 0),
        (divisor, factor) in prop_oneof![Just((1u32, 1u32)), Just((52, 1)), Just((1, 100))],
    ) {
        let got = Fixed::ratio(
            num.text().parse().unwrap(),
            den.text().parse().unwrap(),
            divisor.into(),
            factor.into(),
        );
        let want = reference(&num.exact(), &den.exact(), divisor, factor);
        prop_assert_eq!(got.map(hundredths), Some(want));
    }

    #[test]
    fn the_learning_score_is_the_exact_quotient_rounded_half_up(
        count in 0u64..=1_000_000_000,
        learners in 1u64..=MAX_PEOPLE as u64,
    ) {
        let got = records::score(count, learners).map(hundredths);
        let want = reference(&BigDecimal::from(count), &BigDecimal::from(learners), 1, 1);
        prop_assert_eq!(got, Some(want));
    }
}

#[test]
fn no_learners_no_score() {
    assert_eq!(records::score(0, 0), None);
    assert_eq!(records::score(5, 0), None);
}

#[test]
fn the_reference_rounds_half_up_as_the_form_does() {
    let r = |n: &str, d: &str| {
        reference(
            &BigDecimal::from_str(n).unwrap(),
            &BigDecimal::from_str(d).unwrap(),
            1,
            1,
        )
    };
    assert_eq!(r("2.675", "1"), BigDecimal::from(268));
    assert_eq!(r("0.175", "1"), BigDecimal::from(18));
    assert_eq!(r("1", "3"), BigDecimal::from(33));
    assert_eq!(r("2", "3"), BigDecimal::from(67));
}
