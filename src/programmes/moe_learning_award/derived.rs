//! SPEC §2.4: the figures the form asks applicants to compute. appbook computes them from the
//! counts, with the seed's formula and half-up rounding to 2 decimals, so no one types them.

use super::model::Application;
use crate::model::{plain_number, Figure, Fixed, Group};
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DerivedFigure {
    pub key: FigureKey,
    pub group: Group,
    /// The form's wording, e.g. 平均每位員工帶薪學習時數.
    pub label: &'static str,
    pub value: Fixed,
    /// 小時, 元, %, 張.
    pub unit: &'static str,
    /// The computation with the applicant's numbers, e.g. `1,720 小時 ÷ 120 人`.
    pub formula: String,
}

impl DerivedFigure {
    /// `14.33 小時`, `70.83%`, `新臺幣 3,000.00 元`
    pub fn display_value(&self) -> String {
        match self.unit {
            "%" => format!("{}%", self.value),
            "元" => format!("新臺幣 {} 元", self.value.grouped()),
            u => format!("{} {u}", self.value.grouped()),
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

/// One operand of a formula: the figure and how it is named in the printed computation.
struct Term<'a> {
    figure: Option<&'a Figure>,
    unit: &'static str,
}

fn term<'a>(figure: Option<&'a Figure>, unit: &'static str) -> Term<'a> {
    Term { figure, unit }
}

impl Calc<'_> {
    /// Adds `num / den / divisor × factor` for every group where both operands are known.
    #[allow(clippy::too_many_arguments)]
    fn ratio(
        &mut self,
        key: FigureKey,
        label: &'static str,
        unit: &'static str,
        num: Term,
        den: Term,
        divisor: i128,
        factor: i128,
    ) {
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
            let mut formula = format!(
                "{} {} ÷ {} {}",
                plain_number(n),
                num.unit,
                plain_number(d),
                den.unit
            );
            if divisor != 1 {
                formula.push_str(&format!(" ÷ {divisor} 週"));
            }
            if factor == 100 {
                formula.push_str(" × 100%");
            }
            self.out.push(DerivedFigure {
                key,
                group: g,
                label,
                value,
                unit,
                formula,
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
    let emp = || term(employees, "人");
    let ev = app.evaluation.as_ref();
    let learning = ev.and_then(|e| e.learning.as_ref());

    // 二（一）
    let paid = learning.and_then(|l| l.paid.as_ref());
    c.ratio(
        FigureKey::PaidHoursPerEmployee,
        "平均每位員工帶薪學習時數",
        "小時",
        term(paid.and_then(|p| p.total_hours.as_ref()), "小時"),
        emp(),
        1,
        1,
    );
    // 二（二）
    let subsidy = learning.and_then(|l| l.subsidy.as_ref());
    c.ratio(
        FigureKey::SubsidyPerRecipient,
        "每位員工平均獲得補助之經費",
        "元",
        term(subsidy.and_then(|s| s.total_amount.as_ref()), "元"),
        term(subsidy.and_then(|s| s.recipients.as_ref()), "人"),
        1,
        1,
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
        "平均每位員工每週獲得公假學習時數",
        "小時",
        term(leave_hours.as_ref(), "小時"),
        emp(),
        52,
        1,
    );
    // 三
    let budget = ev.and_then(|e| e.budget.as_ref());
    c.ratio(
        FigureKey::SpentPerEmployee,
        "平均每位員工獲得補助金額",
        "元",
        term(budget.and_then(|b| b.spent.as_ref()), "元"),
        emp(),
        1,
        1,
    );
    c.ratio(
        FigureKey::ExecutionRate,
        "經費執行率",
        "%",
        term(budget.and_then(|b| b.spent.as_ref()), "元"),
        term(budget.and_then(|b| b.planned.as_ref()), "元"),
        1,
        100,
    );
    // 四
    let part = ev.and_then(|e| e.participation.as_ref());
    let learners = part.and_then(|p| p.learners.as_ref());
    c.ratio(
        FigureKey::LearningRate,
        "參與學習總人數占員工總人數比率",
        "%",
        term(learners, "人"),
        emp(),
        1,
        100,
    );
    let kinds = KindCounts::of(app);
    for kind in LearningKind::ALL {
        let count = kinds.get(kind);
        let (l1, l2) = match kind {
            LearningKind::Paid => (
                "帶薪學習參與人數占參與學習總人數比率",
                "帶薪學習參與人數占員工總人數比率",
            ),
            LearningKind::Subsidy => (
                "學習經費補助參與人數占參與學習總人數比率",
                "學習經費補助參與人數占員工總人數比率",
            ),
            LearningKind::OfficialLeave => (
                "公假學習參與人數占參與學習總人數比率",
                "公假學習參與人數占員工總人數比率",
            ),
            LearningKind::Other => (
                "其他方式學習參與人數占參與學習總人數比率",
                "其他方式學習參與人數占員工總人數比率",
            ),
        };
        c.ratio(
            FigureKey::ShareOfLearners(kind),
            l1,
            "%",
            term(count.as_ref(), "人"),
            term(learners, "人"),
            1,
            100,
        );
        c.ratio(
            FigureKey::ShareOfEmployees(kind),
            l2,
            "%",
            term(count.as_ref(), "人"),
            emp(),
            1,
            100,
        );
    }
    c.ratio(
        FigureKey::DegreeRate,
        "進修學位人數占員工總人數比率",
        "%",
        term(part.and_then(|p| p.degree_students.as_ref()), "人"),
        emp(),
        1,
        100,
    );
    c.ratio(
        FigureKey::CertifiedRate,
        "取得證照人數占員工總人數比率",
        "%",
        term(part.and_then(|p| p.certified_people.as_ref()), "人"),
        emp(),
        1,
        100,
    );
    c.ratio(
        FigureKey::CertificatesPerEmployee,
        "平均每位員工取得證照數",
        "張",
        term(part.and_then(|p| p.certificates.as_ref()), "張"),
        emp(),
        1,
        1,
    );
    Derived { figures: c.out }
}
