//! Checks of one figure: wholeness, plausible size, the teacher/staff split of a school, and
//! ceilings (a count of people cannot exceed 員工總數). A negative figure never gets here: the
//! schema's `minimum` rejects it (MOE-NEGATIVE) before the rules run.

use crate::diagnostics::Text;
use crate::model::{plain_number, Figure, Group};
use crate::rulekit::context::{join, Context};

/// Every number a figure holds, with the path of each part.
fn parts(path: &str, f: &Figure) -> Vec<(String, f64)> {
    f.parts()
        .into_iter()
        .map(|(k, v)| {
            (
                if k.is_empty() {
                    path.to_string()
                } else {
                    join(path, k)
                },
                v,
            )
        })
        .collect()
}

/// What a figure measures, which decides its checks and its plausible ceiling.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// People: whole, within 員工總數.
    People,
    /// Hours of learning.
    Hours,
    /// 新臺幣元.
    Amount,
    /// Certificates: whole, but not people.
    Pieces,
}

/// Over 40% of Taiwan's population, far beyond any employer: a count above it is a typo (or
/// `1.0e+30`), not a large unit.
pub const MAX_PEOPLE: f64 = 10_000_000.0;
/// Every hour of a leap year: no one learns longer than 24 × 366 hours in a year.
pub const MAX_HOURS_PER_PERSON: f64 = 24.0 * 366.0;
/// 一兆元, a third of the central government's whole annual budget: no unit spends more on
/// its employees' learning.
pub const MAX_AMOUNT: f64 = 1e12;
/// A thousand certificates for each of [`MAX_PEOPLE`].
pub const MAX_PIECES: f64 = 1_000.0 * MAX_PEOPLE;

/// The ceilings keep every value small enough for the derived figures' exact arithmetic, so a
/// ratio is never silently left out of the book because its operands overflow.
///
/// Hours are held to 24 × 366 × 員工總數 when 員工總數 is itself plausible, else to
/// 24 × 366 × [`MAX_PEOPLE`]. Returns false when a value is beyond its ceiling.
pub fn plausible(
    ctx: &mut Context,
    path: &str,
    label: &str,
    f: &Figure,
    measure: Measure,
    employees: Option<&Figure>,
) -> bool {
    let people = employees
        .map(|e| e.total())
        .filter(|e| *e > 0.0 && *e <= MAX_PEOPLE)
        .unwrap_or(MAX_PEOPLE);
    let (max, unit_zh, unit_en, why_zh, why_en) = match measure {
        Measure::People => (
            MAX_PEOPLE,
            "人",
            "people",
            "一千萬人".to_string(),
            "10,000,000 people".to_string(),
        ),
        Measure::Hours => (
            MAX_HOURS_PER_PERSON * people,
            "小時",
            "hours",
            format!("24 小時 × 366 天 × {} 人", plain_number(people)),
            format!("24 hours × 366 days × {} people", plain_number(people)),
        ),
        Measure::Amount => (
            MAX_AMOUNT,
            "元",
            "NT dollars",
            "一兆元".to_string(),
            "NT$1,000,000,000,000".to_string(),
        ),
        Measure::Pieces => (
            MAX_PIECES,
            "張",
            "certificates",
            "每人一千張".to_string(),
            "a thousand per person".to_string(),
        ),
    };
    let mut values = parts(path, f);
    if f.is_split() {
        values.push((path.to_string(), f.total()));
    }
    for (p, v) in values {
        if v > max {
            ctx.error(
                "MOE-IMPLAUSIBLE",
                &p,
                Text::new(
                    format!(
                        "「{label}」{} {unit_zh}不合理：超過上限 {} {unit_zh}（{why_zh}）",
                        plain_number(v),
                        plain_number(max)
                    ),
                    format!(
                        "「{label}」 {} {unit_en} is implausible: above the ceiling of {} ({why_en})",
                        plain_number(v),
                        plain_number(max)
                    ),
                ),
                Text::new(
                    "核對這個數字：多打了 0、用了科學記號（1.0e+30），或把金額、時數填錯欄位。",
                    "check the number: an extra 0, scientific notation (1.0e+30), or an amount or hours in the wrong field.",
                ),
            );
            return false;
        }
    }
    true
}

pub fn whole(ctx: &mut Context, path: &str, label: &str, f: &Figure) {
    for (p, v) in parts(path, f) {
        if v.fract() != 0.0 {
            ctx.error(
                "MOE-NOT-WHOLE",
                &p,
                Text::new(
                    format!("「{label}」是人數或張數，必須是整數（{}）", plain_number(v)),
                    format!(
                        "「{label}」 is a count and must be a whole number ({})",
                        plain_number(v)
                    ),
                ),
                Text::new("填寫整數。", "write a whole number."),
            );
        }
    }
}

/// A school splits its figures into 教師 and 職員工; other units write one total.
pub fn split_mismatch(
    ctx: &mut Context,
    path: &str,
    label: &str,
    f: &Figure,
    school: bool,
) -> bool {
    if school && !f.is_split() {
        ctx.error(
            "MOE-SCHOOL-SPLIT",
            path,
            Text::new(
                format!("學校須將「{label}」分列教師與職員工"),
                format!("a school must split 「{label}」 into teachers and staff"),
            ),
            Text::new(
                "寫成 {teachers: 教師, staff: 職員工}。",
                "write it as {teachers: n, staff: m}.",
            ),
        );
        true
    } else if !school && f.is_split() {
        ctx.error(
            "MOE-SCHOOL-SPLIT",
            path,
            Text::new(
                format!("「{label}」分列了教師與職員工，但申請單位不是學校"),
                format!("「{label}」 is split into teachers and staff, but the unit is not a school"),
            ),
            Text::new(
                "寫一個總數；若單位確為學校，請設 basic.unit_type: 2 或 basic.school: true。",
                "write one total; if the unit is a school, set basic.unit_type: 2 or basic.school: true.",
            ),
        );
        true
    } else {
        false
    }
}

/// The groups two figures are compared by: per group when both are split, so one group's
/// excess is not hidden by the other's slack.
pub fn compared_groups(a: &Figure, b: &Figure) -> &'static [Group] {
    if a.is_split() && b.is_split() {
        &[Group::Teachers, Group::Staff]
    } else {
        &[Group::All]
    }
}

/// How a figure of 評審項目 一–四 is checked.
pub struct Count<'a> {
    pub path: String,
    pub label: &'a str,
    pub figure: Option<&'a Figure>,
    pub measure: Measure,
}

/// What the figure checks of 評審項目 一–四 share: the findings, 員工總數 and whether the unit
/// is a school.
pub struct Figures<'a, 'c> {
    pub ctx: &'a mut Context<'c>,
    pub employees: Option<Figure>,
    pub school: bool,
}

impl Figures<'_, '_> {
    /// Plausible size, wholeness, teacher/staff split and the 員工總數 ceiling.
    pub fn check(&mut self, c: &Count) {
        let Some(f) = c.figure else { return };
        let employees = self.employees;
        if !plausible(self.ctx, &c.path, c.label, f, c.measure, employees.as_ref()) {
            return;
        }
        let people = c.measure == Measure::People;
        if people {
            whole(self.ctx, &c.path, c.label, f);
        }
        if split_mismatch(self.ctx, &c.path, c.label, f, self.school) {
            return;
        }
        if people {
            self.within_employees(c, f);
        }
    }

    /// MOE-COUNT-EXCEEDS-EMPLOYEES. With no positive 員工總數 (already an error) every count
    /// would exceed it, so then nothing is said.
    pub fn within_employees(&mut self, c: &Count, f: &Figure) {
        // An implausible count is reported as such; set against 員工總數 it says nothing more.
        if f.total() > MAX_PEOPLE {
            return;
        }
        if let Some(e) = self.employees.filter(|e| e.total() > 0.0) {
            self.ceiling(c, f, &e, "MOE-COUNT-EXCEEDS-EMPLOYEES", "員工總數");
        }
    }

    /// A count may not exceed a ceiling, per group.
    pub fn ceiling(
        &mut self,
        c: &Count,
        f: &Figure,
        limit: &Figure,
        code: &str,
        limit_label: &str,
    ) {
        for &g in compared_groups(f, limit) {
            let (Some(v), Some(max)) = (f.get(g), limit.get(g)) else {
                continue;
            };
            if v > max {
                let path = group_path(&c.path, g);
                let message = exceeds(c.label, v, max, g, limit_label);
                self.ctx.error(
                    code,
                    &path,
                    message,
                    Text::new(
                        format!("人數不可能多於{limit_label}；請核對兩個數字。"),
                        format!("a count cannot exceed {limit_label}; check both numbers."),
                    ),
                );
            }
        }
    }
}

/// The path of one group of a figure: the figure itself for [`Group::All`].
pub fn group_path(path: &str, g: Group) -> String {
    if g == Group::All {
        path.to_string()
    } else {
        join(path, g.key())
    }
}

/// ` (teachers)` after an English message about one group; nothing for [`Group::All`].
pub fn group_suffix(g: Group) -> String {
    if g == Group::All {
        String::new()
    } else {
        format!(" ({})", g.key())
    }
}

/// 教師 or 職員工 before a Chinese message about one group; nothing for [`Group::All`].
pub fn group_zh(g: Group) -> &'static str {
    if g == Group::All {
        ""
    } else {
        g.zh()
    }
}

fn exceeds(label: &str, v: f64, max: f64, g: Group, limit_label: &str) -> Text {
    let who = group_zh(g);
    Text::new(
        if who.is_empty() {
            format!(
                "「{label}」{} 人超過{limit_label} {} 人",
                plain_number(v),
                plain_number(max)
            )
        } else {
            format!(
                "{who}的「{label}」{} 人超過{limit_label}中的{who} {} 人",
                plain_number(v),
                plain_number(max)
            )
        },
        format!(
            "「{label}」 {} exceeds {limit_label} {}{}",
            plain_number(v),
            plain_number(max),
            group_suffix(g)
        ),
    )
}
