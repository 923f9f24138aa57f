//! SPEC §2.4: the figures the form asks applicants to compute. appbook computes them from the
//! counts, with the seed's formula and half-up rounding to 2 decimals, so no one types them.
//!
//! This file holds numbers only: each figure's value, its operands and their units. How a figure
//! is worded (label, units, the printed formula) is the edition's `book.yaml`, read by `book.rs`.

use super::model::Application;
use crate::model::{Figure, Fixed, Group};
use serde::Serialize;

/// The four ways of learning of 評審項目 二, whose participants 評審項目 四 counts again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LearningKind {
    /// （一）帶薪學習
    Paid,
    /// （二）學習經費補助
    Subsidy,
    /// （三）公假學習, 全時 and 部分工時 together
    OfficialLeave,
    /// （四）其他方式學習
    Other,
}

impl LearningKind {
    /// In the form's order.
    pub const ALL: [LearningKind; 4] = [
        LearningKind::Paid,
        LearningKind::Subsidy,
        LearningKind::OfficialLeave,
        LearningKind::Other,
    ];
}

/// Which derived figure: one per computation the form asks for, so the book and the tests name
/// a figure by a variant, not by a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureKey {
    /// 二（一）平均每位員工帶薪學習時數
    PaidHoursPerEmployee,
    /// 二（二）每位員工平均獲得補助之經費
    SubsidyPerRecipient,
    /// 二（三）平均每位員工每週獲得公假學習時數
    LeaveHoursPerEmployeeWeek,
    /// 三 平均每位員工獲得補助金額
    SpentPerEmployee,
    /// 三 經費執行率
    ExecutionRate,
    /// 四 參與學習總人數占員工總人數比率
    LearningRate,
    /// 四 one kind's participants as a share of 參與學習總人數
    ShareOfLearners(LearningKind),
    /// 四 one kind's participants as a share of 員工總數
    ShareOfEmployees(LearningKind),
    /// 四 進修學位人數占員工總人數比率
    DegreeRate,
    /// 四 取得證照人數占員工總人數比率
    CertifiedRate,
    /// 四 平均每位員工取得證照數
    CertificatesPerEmployee,
}

/// What an operand counts; the book prints it with the edition's word for the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 人
    People,
    /// 小時
    Hours,
    /// 元
    Money,
    /// 張
    Certificates,
}

/// How the quotient of the two operands becomes the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// numerator ÷ denominator, in the numerator's unit.
    Ratio,
    /// numerator ÷ denominator ÷ [`WEEKS_PER_YEAR`], in the numerator's unit per week.
    PerWeek,
    /// numerator ÷ denominator × 100%.
    Percent,
}

/// The form's year of weeks for 平均每位員工每週獲得公假學習時數.
pub const WEEKS_PER_YEAR: i128 = 52;

impl Scale {
    /// (divisor, factor) of [`Fixed::ratio`].
    fn terms(self) -> (i128, i128) {
        match self {
            Scale::Ratio => (1, 1),
            Scale::PerWeek => (WEEKS_PER_YEAR, 1),
            Scale::Percent => (1, 100),
        }
    }
}

/// One operand of a figure: the applicant's number for one group, and what it counts.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Operand {
    pub value: f64,
    pub unit: Unit,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DerivedFigure {
    pub key: FigureKey,
    pub group: Group,
    pub value: Fixed,
    pub numerator: Operand,
    pub denominator: Operand,
    pub scale: Scale,
}

impl DerivedFigure {
    /// The unit of the value: the numerator's, or None for a percentage.
    pub fn unit(&self) -> Option<Unit> {
        match self.scale {
            Scale::Percent => None,
            Scale::Ratio | Scale::PerWeek => Some(self.numerator.unit),
        }
    }
}

/// All derived figures of one application, in the order the form asks them.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Derived {
    pub figures: Vec<DerivedFigure>,
}

impl Derived {
    pub fn get(&self, key: FigureKey, group: Group) -> Option<&DerivedFigure> {
        self.figures
            .iter()
            .find(|f| f.key == key && f.group == group)
    }
}

struct Calc<'a> {
    groups: &'a [Group],
    out: Vec<DerivedFigure>,
}

/// One operand of a formula before it is split into groups.
struct Term<'a> {
    figure: Option<&'a Figure>,
    unit: Unit,
}

fn term(figure: Option<&Figure>, unit: Unit) -> Term<'_> {
    Term { figure, unit }
}

impl Calc<'_> {
    /// Adds `num ÷ den`, scaled, for every group where both operands are known.
    fn ratio(&mut self, key: FigureKey, scale: Scale, num: Term, den: Term) {
        let (divisor, factor) = scale.terms();
        for &g in self.groups {
            let (Some(n), Some(d)) = (
                num.figure.and_then(|f| f.get(g)),
                den.figure.and_then(|f| f.get(g)),
            ) else {
                continue;
            };
            if n < 0.0 || d <= 0.0 {
                continue;
            }
            let Some(value) = Fixed::ratio(n, d, divisor, factor) else {
                continue;
            };
            self.out.push(DerivedFigure {
                key,
                group: g,
                value,
                numerator: Operand {
                    value: n,
                    unit: num.unit,
                },
                denominator: Operand {
                    value: d,
                    unit: den.unit,
                },
                scale,
            });
        }
    }
}

/// Sum of two optional figures, keeping a teacher/staff split when both have it.
pub fn sum_figures(a: Option<&Figure>, b: Option<&Figure>) -> Option<Figure> {
    match (a, b) {
        (None, None) => None,
        (Some(x), None) | (None, Some(x)) => Some(*x),
        (
            Some(Figure::Split {
                teachers: t1,
                staff: s1,
            }),
            Some(Figure::Split {
                teachers: t2,
                staff: s2,
            }),
        ) => Some(Figure::Split {
            teachers: t1 + t2,
            staff: s1 + s2,
        }),
        (Some(x), Some(y)) => Some(Figure::Total(x.total() + y.total())),
    }
}

/// The per-kind learner counts of 評審項目 四, taken from 評審項目 二.
pub struct KindCounts {
    pub paid: Option<Figure>,
    pub subsidy: Option<Figure>,
    pub official_leave: Option<Figure>,
    pub other: Option<Figure>,
}

impl KindCounts {
    pub fn of(app: &Application) -> KindCounts {
        let l = app.evaluation.as_ref().and_then(|e| e.learning.as_ref());
        let yes = |a: Option<crate::model::YesNo>| a.is_some_and(|a| a.is_yes());
        let paid = l
            .and_then(|l| l.paid.as_ref())
            .filter(|p| yes(p.answer))
            .and_then(|p| p.participants);
        let subsidy = l
            .and_then(|l| l.subsidy.as_ref())
            .filter(|s| yes(s.answer))
            .and_then(|s| s.recipients);
        let leave = l
            .and_then(|l| l.official_leave.as_ref())
            .filter(|o| yes(o.answer));
        let part = |k: Option<&super::model::LeaveKind>| {
            k.filter(|k| yes(k.answer)).and_then(|k| k.participants)
        };
        let official_leave = leave.and_then(|o| {
            sum_figures(
                part(o.full_time.as_ref()).as_ref(),
                part(o.part_time.as_ref()).as_ref(),
            )
        });
        let other = l
            .and_then(|l| l.other_ways.as_ref())
            .filter(|o| yes(o.answer))
            .and_then(|o| o.participants);
        KindCounts {
            paid,
            subsidy,
            official_leave,
            other,
        }
    }

    /// The participants of one kind of learning.
    pub fn get(&self, kind: LearningKind) -> Option<Figure> {
        match kind {
            LearningKind::Paid => self.paid,
            LearningKind::Subsidy => self.subsidy,
            LearningKind::OfficialLeave => self.official_leave,
            LearningKind::Other => self.other,
        }
    }
}

pub fn compute(app: &Application, school: bool) -> Derived {
    let groups: &[Group] = if school {
        &[Group::All, Group::Teachers, Group::Staff]
    } else {
        &[Group::All]
    };
    let mut c = Calc {
        groups,
        out: Vec::new(),
    };
    let employees = app.basic.as_ref().and_then(|b| b.employees.as_ref());
    let emp = || term(employees, Unit::People);
    let ev = app.evaluation.as_ref();
    let learning = ev.and_then(|e| e.learning.as_ref());

    // 二（一）
    let paid = learning.and_then(|l| l.paid.as_ref());
    c.ratio(
        FigureKey::PaidHoursPerEmployee,
        Scale::Ratio,
        term(paid.and_then(|p| p.total_hours.as_ref()), Unit::Hours),
        emp(),
    );
    // 二（二）
    let subsidy = learning.and_then(|l| l.subsidy.as_ref());
    c.ratio(
        FigureKey::SubsidyPerRecipient,
        Scale::Ratio,
        term(subsidy.and_then(|s| s.total_amount.as_ref()), Unit::Money),
        term(subsidy.and_then(|s| s.recipients.as_ref()), Unit::People),
    );
    // 二（三）(3): (全時 + 部分工時 公假總時數) / 員工總數 / 52 週
    let leave = learning.and_then(|l| l.official_leave.as_ref());
    let leave_hours = sum_figures(
        leave
            .and_then(|l| l.full_time.as_ref())
            .and_then(|k| k.total_hours.as_ref()),
        leave
            .and_then(|l| l.part_time.as_ref())
            .and_then(|k| k.total_hours.as_ref()),
    );
    c.ratio(
        FigureKey::LeaveHoursPerEmployeeWeek,
        Scale::PerWeek,
        term(leave_hours.as_ref(), Unit::Hours),
        emp(),
    );
    // 三
    let budget = ev.and_then(|e| e.budget.as_ref());
    let spent = || term(budget.and_then(|b| b.spent.as_ref()), Unit::Money);
    c.ratio(FigureKey::SpentPerEmployee, Scale::Ratio, spent(), emp());
    c.ratio(
        FigureKey::ExecutionRate,
        Scale::Percent,
        spent(),
        term(budget.and_then(|b| b.planned.as_ref()), Unit::Money),
    );
    // 四
    let part = ev.and_then(|e| e.participation.as_ref());
    let learners = || term(part.and_then(|p| p.learners.as_ref()), Unit::People);
    c.ratio(FigureKey::LearningRate, Scale::Percent, learners(), emp());
    let kinds = KindCounts::of(app);
    for kind in LearningKind::ALL {
        let count = kinds.get(kind);
        let count = || term(count.as_ref(), Unit::People);
        c.ratio(
            FigureKey::ShareOfLearners(kind),
            Scale::Percent,
            count(),
            learners(),
        );
        c.ratio(
            FigureKey::ShareOfEmployees(kind),
            Scale::Percent,
            count(),
            emp(),
        );
    }
    c.ratio(
        FigureKey::DegreeRate,
        Scale::Percent,
        term(part.and_then(|p| p.degree_students.as_ref()), Unit::People),
        emp(),
    );
    c.ratio(
        FigureKey::CertifiedRate,
        Scale::Percent,
        term(part.and_then(|p| p.certified_people.as_ref()), Unit::People),
        emp(),
    );
    c.ratio(
        FigureKey::CertificatesPerEmployee,
        Scale::Ratio,
        term(
            part.and_then(|p| p.certificates.as_ref()),
            Unit::Certificates,
        ),
        emp(),
    );
    Derived { figures: c.out }
}
