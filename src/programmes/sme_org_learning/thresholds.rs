//! 中小企業認定標準 as a table keyed by the date each revision took effect. An application is
//! judged by the revision in force on its application date.
//!
//! | in force from | 製造業、營造業、礦業及土石採取業 | other industries |
//! |---|---|---|
//! | 2009-09-02 | 實收資本額 ≤ NT$80,000,000 | 前一年營業額 ≤ NT$100,000,000 |
//! | 2015-03-30 | 實收資本額 ≤ NT$80,000,000 or 經常僱用員工 < 200 | 前一年營業額 ≤ NT$100,000,000 or 經常僱用員工 < 100 |
//! | 2020-06-24 | 實收資本額 ≤ NT$100,000,000 or 經常僱用員工 < 200 | the same |
//!
//! Under the 2009 revision the capital or revenue test decides; its article 3 lets a
//! programme count employees (< 200, other industries < 100) instead, which appbook does only
//! when the applicant gives no capital or revenue figure. From 2020, 經常僱用員工 is the
//! average monthly headcount insured with 勞保 over the last 12 months.

use crate::model::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// # 行業類別（中小企業認定標準）
/// 中小企業認定標準所區分之行業類別。
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(extend(
    "x-title-en" = "Industry group (SME standard)",
    "x-description-en" = "The industry group the 中小企業認定標準 distinguishes."
))]
pub enum Sector {
    /// 製造業
    #[schemars(extend("x-description-en" = "Manufacturing"))]
    Manufacturing,
    /// 營造業
    #[schemars(extend("x-description-en" = "Construction"))]
    Construction,
    /// 礦業及土石採取業
    #[schemars(extend("x-description-en" = "Mining and quarrying"))]
    Mining,
    /// 其他行業（服務業、批發零售業等）
    #[schemars(extend("x-description-en" = "Other industries (services, wholesale and retail, …)"))]
    Other,
}

impl Sector {
    /// The first group of the standard, judged by capital rather than revenue before 2020.
    pub fn capital_based(self) -> bool {
        !matches!(self, Sector::Other)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Sector::Manufacturing => "製造業",
            Sector::Construction => "營造業",
            Sector::Mining => "礦業及土石採取業",
            Sector::Other => "其他行業",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Capital or revenue decides; employees only when that figure is not given.
    FinanceFirst,
    /// Capital/revenue or employees, either suffices, by industry group.
    EitherByIndustry,
    /// Capital or employees, any industry.
    EitherAnyIndustry,
}

#[derive(Debug)]
pub struct Revision {
    pub since: Date,
    pub name_zh: &'static str,
    pub kind: Kind,
    /// Capital ceiling of the capital-based industries (or of all, from 2020), NT$, inclusive.
    pub capital_max: u64,
    /// Revenue ceiling of the other industries, NT$, inclusive (unused from 2020).
    pub revenue_max: u64,
    /// Employees must be fewer than this (capital-based industries, or all from 2020).
    pub employees_below: u64,
    /// Employees must be fewer than this in the other industries (before 2020).
    pub employees_below_other: u64,
}

pub const REVISIONS: [Revision; 3] = [
    Revision {
        since: Date {
            year: 2009,
            month: 9,
            day: 2,
        },
        name_zh: "中小企業認定標準（98年9月2日修正）",
        kind: Kind::FinanceFirst,
        capital_max: 80_000_000,
        revenue_max: 100_000_000,
        employees_below: 200,
        employees_below_other: 100,
    },
    Revision {
        since: Date {
            year: 2015,
            month: 3,
            day: 30,
        },
        name_zh: "中小企業認定標準（104年3月30日修正）",
        kind: Kind::EitherByIndustry,
        capital_max: 80_000_000,
        revenue_max: 100_000_000,
        employees_below: 200,
        employees_below_other: 100,
    },
    Revision {
        since: Date {
            year: 2020,
            month: 6,
            day: 24,
        },
        name_zh: "中小企業認定標準（109年6月24日修正）",
        kind: Kind::EitherAnyIndustry,
        capital_max: 100_000_000,
        revenue_max: 0,
        employees_below: 200,
        employees_below_other: 200,
    },
];

/// The revision in force on `date`; None before the first one in the table.
pub fn in_force(date: Date) -> Option<&'static Revision> {
    REVISIONS.iter().rev().find(|r| r.since <= date)
}

/// What the company reports.
#[derive(Clone, Copy, Debug, Default)]
pub struct Figures {
    pub capital: Option<u64>,
    pub revenue: Option<u64>,
    pub employees: Option<u64>,
}

/// Which test decided, for the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    Capital,
    Revenue,
    Employees,
}

impl Test {
    pub fn zh(self) -> &'static str {
        match self {
            Test::Capital => "實收資本額",
            Test::Revenue => "前一年營業額",
            Test::Employees => "經常僱用員工數",
        }
    }

    /// The YAML key under `company` holding the figure.
    pub fn key(self) -> &'static str {
        match self {
            Test::Capital => "capital",
            Test::Revenue => "revenue",
            Test::Employees => "employees",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Meets the standard by this test.
    Sme(Test),
    /// Fails every test that applies; names the first one that was tried.
    NotSme(Test),
    /// A figure the revision needs is missing.
    Unknown(Test),
}

impl Revision {
    /// The financial test for this sector: (test, ceiling).
    pub fn finance_test(&self, sector: Sector) -> (Test, u64) {
        if self.kind == Kind::EitherAnyIndustry || sector.capital_based() {
            (Test::Capital, self.capital_max)
        } else {
            (Test::Revenue, self.revenue_max)
        }
    }

    /// Employees must be fewer than this for this sector.
    pub fn employees_limit(&self, sector: Sector) -> u64 {
        if self.kind == Kind::EitherAnyIndustry || sector.capital_based() {
            self.employees_below
        } else {
            self.employees_below_other
        }
    }

    pub fn assess(&self, sector: Sector, f: &Figures) -> Outcome {
        let (test, ceiling) = self.finance_test(sector);
        let finance = match test {
            Test::Capital => f.capital,
            _ => f.revenue,
        };
        let limit = self.employees_limit(sector);
        let finance_ok = finance.map(|v| v <= ceiling);
        let employees_ok = f.employees.map(|e| e < limit);
        match self.kind {
            Kind::FinanceFirst => match (finance_ok, employees_ok) {
                (Some(true), _) => Outcome::Sme(test),
                (Some(false), _) => Outcome::NotSme(test),
                (None, Some(true)) => Outcome::Sme(Test::Employees),
                (None, Some(false)) => Outcome::NotSme(Test::Employees),
                (None, None) => Outcome::Unknown(test),
            },
            Kind::EitherByIndustry | Kind::EitherAnyIndustry => match (finance_ok, employees_ok) {
                (Some(true), _) => Outcome::Sme(test),
                (_, Some(true)) => Outcome::Sme(Test::Employees),
                (Some(false), _) => Outcome::NotSme(test),
                (None, Some(false)) => Outcome::NotSme(Test::Employees),
                (None, None) => Outcome::Unknown(test),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::new(y, m, day).unwrap()
    }

    fn figs(capital: Option<u64>, revenue: Option<u64>, employees: Option<u64>) -> Figures {
        Figures {
            capital,
            revenue,
            employees,
        }
    }

    #[test]
    fn the_revision_is_the_one_in_force_on_the_date() {
        assert!(in_force(d(2009, 9, 1)).is_none());
        assert_eq!(in_force(d(2009, 9, 2)).unwrap().kind, Kind::FinanceFirst);
        assert_eq!(in_force(d(2014, 10, 31)).unwrap().kind, Kind::FinanceFirst);
        assert_eq!(in_force(d(2015, 3, 29)).unwrap().kind, Kind::FinanceFirst);
        assert_eq!(
            in_force(d(2015, 3, 30)).unwrap().kind,
            Kind::EitherByIndustry
        );
        assert_eq!(
            in_force(d(2020, 6, 23)).unwrap().kind,
            Kind::EitherByIndustry
        );
        assert_eq!(
            in_force(d(2020, 6, 24)).unwrap().kind,
            Kind::EitherAnyIndustry
        );
    }

    #[test]
    fn revision_2009_capital_and_revenue_ceilings() {
        let r = in_force(d(2014, 5, 1)).unwrap();
        let m = Sector::Manufacturing;
        assert_eq!(
            r.assess(m, &figs(Some(80_000_000), None, Some(500))),
            Outcome::Sme(Test::Capital)
        );
        // The capital test decides: few employees do not rescue a company over the ceiling.
        assert_eq!(
            r.assess(m, &figs(Some(80_000_001), None, Some(50))),
            Outcome::NotSme(Test::Capital)
        );
        let o = Sector::Other;
        assert_eq!(
            r.assess(o, &figs(None, Some(100_000_000), None)),
            Outcome::Sme(Test::Revenue)
        );
        assert_eq!(
            r.assess(o, &figs(Some(1), Some(100_000_001), Some(20))),
            Outcome::NotSme(Test::Revenue)
        );
        // Without the financial figure, employees are counted instead.
        assert_eq!(
            r.assess(m, &figs(None, None, Some(199))),
            Outcome::Sme(Test::Employees)
        );
        assert_eq!(
            r.assess(m, &figs(None, None, Some(200))),
            Outcome::NotSme(Test::Employees)
        );
        assert_eq!(
            r.assess(o, &figs(None, None, Some(99))),
            Outcome::Sme(Test::Employees)
        );
        assert_eq!(
            r.assess(o, &figs(None, None, Some(100))),
            Outcome::NotSme(Test::Employees)
        );
        assert_eq!(
            r.assess(o, &figs(None, None, None)),
            Outcome::Unknown(Test::Revenue)
        );
    }

    #[test]
    fn revision_2015_either_test_suffices() {
        let r = in_force(d(2016, 1, 1)).unwrap();
        let c = Sector::Construction;
        assert_eq!(
            r.assess(c, &figs(Some(90_000_000), None, Some(199))),
            Outcome::Sme(Test::Employees)
        );
        assert_eq!(
            r.assess(c, &figs(Some(90_000_000), None, Some(200))),
            Outcome::NotSme(Test::Capital)
        );
        let o = Sector::Other;
        assert_eq!(
            r.assess(o, &figs(None, Some(150_000_000), Some(99))),
            Outcome::Sme(Test::Employees)
        );
        assert_eq!(
            r.assess(o, &figs(None, Some(150_000_000), Some(100))),
            Outcome::NotSme(Test::Revenue)
        );
    }

    #[test]
    fn revision_2020_capital_or_employees_in_any_industry() {
        let r = in_force(d(2024, 3, 1)).unwrap();
        let o = Sector::Other;
        // Revenue no longer matters; capital does, for services too.
        assert_eq!(
            r.assess(o, &figs(Some(100_000_000), Some(900_000_000), Some(400))),
            Outcome::Sme(Test::Capital)
        );
        assert_eq!(
            r.assess(o, &figs(Some(100_000_001), None, Some(199))),
            Outcome::Sme(Test::Employees)
        );
        assert_eq!(
            r.assess(o, &figs(Some(100_000_001), None, Some(200))),
            Outcome::NotSme(Test::Capital)
        );
        assert_eq!(
            r.assess(Sector::Mining, &figs(None, None, Some(200))),
            Outcome::NotSme(Test::Employees)
        );
    }
}
