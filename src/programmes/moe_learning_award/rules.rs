//! The rules of SPEC §2 and §4.2 for moe-learning-award. Each finding names the YAML path of
//! the offending value so it is reported at its line.

use super::derived::KindCounts;
use super::model::*;
use crate::diagnostics::Text;
use crate::model::{plain_number, Date, Figure, Group, YesNo};
use crate::rulekit::attachments;
use crate::rulekit::common::{self, has_text};
use crate::rulekit::context::{join, Context};

/// Deadlines of SPEC §2.5: agencies (屬性 1) by 8/31 to 教育部, others by 6/30 to their 主管機關.
pub fn deadline(unit_type: i64, year: i32) -> Date {
    if unit_type == 1 {
        Date {
            year,
            month: 8,
            day: 31,
        }
    } else {
        Date {
            year,
            month: 6,
            day: 30,
        }
    }
}

/// The shared checks (contact, testimonials) report MOE-* codes.
const CODES: common::Codes = common::Codes { prefix: "MOE" };

/// `school` is [`Application::is_school`], decided once by the caller.
pub fn check(app: &Application, school: bool, ctx: &mut Context) {
    ctx.required(
        "MOE-REQUIRED",
        "application_date",
        "申請日期",
        app.application_date.as_ref(),
    );
    match &app.basic {
        Some(b) => check_basic(app, b, school, ctx),
        None => ctx.missing("MOE-REQUIRED", "basic", "壹、基本資料表"),
    }
    let employees = app.basic.as_ref().and_then(|b| b.employees);
    match &app.evaluation {
        Some(e) => check_evaluation(app, e, employees, school, ctx),
        None => ctx.missing("MOE-REQUIRED", "evaluation", "貳、評審項目"),
    }
    check_attachments(app, ctx);
}

fn check_basic(app: &Application, b: &Basic, school: bool, ctx: &mut Context) {
    const R: &str = "MOE-REQUIRED";
    if ctx.required(R, "basic.award_year", "申請獎勵年度", b.award_year.as_ref()) {
        if let (Some(year), Some(date)) = (b.award_year, app.application_date) {
            let expected = date.roc_year() as i64 - 1;
            if year != expected {
                ctx.error(
                    "MOE-AWARD-YEAR",
                    "basic.award_year",
                    Text::new(
                        format!("申請獎勵年度應為申請日期的前一年度（民國 {expected} 年），而不是 {year} 年"),
                        format!("the award year must be the year before the application date (ROC {expected}), not {year}"),
                    ),
                    Text::new(
                        format!("把 award_year 改成 {expected}，或更正 application_date。"),
                        format!("set award_year to {expected}, or correct application_date."),
                    ),
                );
            }
        }
    }
    ctx.required_text(R, "basic.unit_name", "申請單位名稱", b.unit_name.as_ref());
    ctx.required_text(
        R,
        "basic.supervising_agency",
        "隸屬之中央政府機關名稱",
        b.supervising_agency.as_ref(),
    );
    let unit_type = b.unit_type;
    if ctx.required(R, "basic.unit_type", "申請單位屬性", unit_type.as_ref()) {
        let t = unit_type.unwrap_or(0);
        if !(1..=6).contains(&t) {
            ctx.error(
                "MOE-UNIT-TYPE",
                "basic.unit_type",
                Text::new(
                    format!("申請單位屬性必須是 1 到 6 其中之一，而不是 {t}"),
                    format!("the unit type must be one of 1 to 6, not {t}"),
                ),
                Text::new(
                    "1 機關(構)本身、2 主管之學校、3 主管之公營事業機構、4 法人、5 私立機構、6 團體。",
                    "1 agency itself, 2 school, 3 state-owned enterprise, 4 juridical person, 5 private institution, 6 association.",
                ),
            );
        } else {
            check_registration(b, t, ctx);
            if let Some(date) = app.application_date {
                let due = deadline(t, date.year);
                if date > due {
                    let to = if t == 1 { "教育部" } else { "主管機關" };
                    ctx.warning(
                        "MOE-DEADLINE",
                        "application_date",
                        Text::new(
                            format!("屬性 {t} 的單位應於 {} 前送{to}，申請日期 {date} 已逾期（以郵戳為憑）", due.roc_long()),
                            format!("units of type {t} must submit to {} by {due}; {date} is late (postmark counts)", if t == 1 { "the Ministry of Education" } else { "their supervising agency" }),
                        ),
                        Text::new(
                            "逾期申請不予受理；請確認申請日期或提早寄出。",
                            "late applications are not accepted; check the date or send earlier.",
                        ),
                    );
                }
            }
        }
    }
    common::person(
        ctx,
        CODES,
        "basic.representative",
        "代表人或負責人",
        b.representative.as_ref(),
    );
    if ctx.required(R, "basic.employees", "員工總數", b.employees.as_ref()) {
        if let Some(e) = &b.employees {
            non_negative(ctx, "basic.employees", "員工總數", e);
            whole(ctx, "basic.employees", "員工總數", e);
            split_mismatch(ctx, "basic.employees", "員工總數", e, school);
            if e.total() <= 0.0 {
                ctx.error(
                    "MOE-EMPLOYEES",
                    "basic.employees",
                    Text::new(
                        "員工總數必須大於 0",
                        "the number of employees must be greater than 0",
                    ),
                    Text::new(
                        "填寫申請年度的員工總人數。",
                        "give the total number of employees in the award year.",
                    ),
                );
            }
        }
    }
    ctx.required_text(R, "basic.address", "通訊地址", b.address.as_ref());
    common::contact(ctx, CODES, "basic.contact", b.contact.as_ref());
}

fn check_registration(b: &Basic, unit_type: i64, ctx: &mut Context) {
    let needs = (4..=6).contains(&unit_type);
    match (&b.registration, needs) {
        (None, true) => ctx.error(
            "MOE-REGISTRATION-MISSING",
            "basic.unit_type",
            Text::new(
                format!("屬性 {unit_type} 的單位須填列設立（立案、登記）核准日期及文號，並檢附立案證書或登記證書影本"),
                format!("a unit of type {unit_type} must give its registration approval date and number, with a copy of the certificate"),
            ),
            Text::new(
                "加上 basic.registration：approval_date、document_number、certificate。",
                "add basic.registration with approval_date, document_number and certificate.",
            ),
        ),
        (Some(r), true) => {
            let code = "MOE-REGISTRATION-MISSING";
            ctx.required(code, "basic.registration.approval_date", "設立(立案、登記)核准日期", r.approval_date.as_ref());
            ctx.required_text(code, "basic.registration.document_number", "設立(立案、登記)核准文號", r.document_number.as_ref());
            if ctx.required_text(code, "basic.registration.certificate", "立案證書或登記證書影本", r.certificate.as_ref()) {
                attachments::check(ctx, "basic.registration.certificate", r.certificate.as_deref().unwrap_or(""));
            }
        }
        (Some(_), false) => ctx.error(
            "MOE-REGISTRATION-UNEXPECTED",
            "basic.registration",
            Text::new(
                format!("屬性 {unit_type} 的單位不填設立（立案、登記）資料，書中也不放立案證書（限屬性 4–6）"),
                format!("registration data and certificate belong only to units of type 4–6, not type {unit_type}"),
            ),
            Text::new(
                "刪除 basic.registration，或更正 unit_type。",
                "remove basic.registration, or correct unit_type.",
            ),
        ),
        (None, false) => {}
    }
}

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

fn non_negative(ctx: &mut Context, path: &str, label: &str, f: &Figure) -> bool {
    let mut ok = true;
    for (p, v) in parts(path, f) {
        if v < 0.0 {
            ok = false;
            ctx.error(
                "MOE-NEGATIVE",
                &p,
                Text::new(
                    format!("「{label}」不可為負數（{}）", plain_number(v)),
                    format!("「{label}」 cannot be negative ({})", plain_number(v)),
                ),
                Text::new("填寫 0 或正數。", "write 0 or a positive number."),
            );
        }
    }
    ok
}

fn whole(ctx: &mut Context, path: &str, label: &str, f: &Figure) {
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
fn split_mismatch(ctx: &mut Context, path: &str, label: &str, f: &Figure, school: bool) -> bool {
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

/// How a figure of 評審項目 二–四 is checked.
struct Count<'a> {
    path: String,
    label: &'a str,
    figure: Option<&'a Figure>,
    /// People counts are whole numbers and cannot exceed 員工總數.
    people: bool,
}

struct Figures<'a, 'c> {
    ctx: &'a mut Context<'c>,
    employees: Option<Figure>,
    school: bool,
}

impl Figures<'_, '_> {
    /// Sign, wholeness, teacher/staff split and the 員工總數 ceiling.
    fn check(&mut self, c: &Count) {
        let Some(f) = c.figure else { return };
        if !non_negative(self.ctx, &c.path, c.label, f) {
            return;
        }
        if c.people {
            whole(self.ctx, &c.path, c.label, f);
        }
        if split_mismatch(self.ctx, &c.path, c.label, f, self.school) {
            return;
        }
        if c.people {
            // With no positive 員工總數 (already an error) every count would exceed it.
            if let Some(e) = self.employees.filter(|e| e.total() > 0.0) {
                self.ceiling(c, f, &e, "MOE-COUNT-EXCEEDS-EMPLOYEES", "員工總數");
            }
        }
    }

    /// A count may not exceed a ceiling, per group.
    fn ceiling(&mut self, c: &Count, f: &Figure, limit: &Figure, code: &str, limit_label: &str) {
        let groups: &[Group] = if f.is_split() && limit.is_split() {
            &[Group::Teachers, Group::Staff]
        } else {
            &[Group::All]
        };
        for &g in groups {
            let (Some(v), Some(max)) = (f.get(g), limit.get(g)) else {
                continue;
            };
            if v > max {
                let path = if g == Group::All {
                    c.path.clone()
                } else {
                    join(&c.path, g.key())
                };
                let who = if g == Group::All {
                    String::new()
                } else {
                    g.zh().to_string()
                };
                self.ctx.error(
                    code,
                    &path,
                    Text::new(
                        format!(
                            "{who}「{}」{} 人超過{who}{limit_label} {} 人",
                            c.label,
                            plain_number(v),
                            plain_number(max)
                        ),
                        format!(
                            "「{}」 {} exceeds {limit_label} {}{}",
                            c.label,
                            plain_number(v),
                            plain_number(max),
                            if g == Group::All {
                                String::new()
                            } else {
                                format!(" ({})", g.key())
                            }
                        ),
                    ),
                    Text::new(
                        format!("人數不可能多於{limit_label}；請核對兩個數字。"),
                        format!("a count cannot exceed {limit_label}; check both numbers."),
                    ),
                );
            }
        }
    }
}

/// 是 needs its figures and description; 否 has none (SPEC §2.4).
struct YesNoCheck<'a> {
    path: &'a str,
    label: &'a str,
    answer: Option<YesNo>,
    /// (key, label, present) of what a 是 must give and a 否 must not.
    details: Vec<(&'a str, &'a str, bool)>,
}

fn yes_no(ctx: &mut Context, q: &YesNoCheck) -> Option<YesNo> {
    let answer_path = join(q.path, "answer");
    let Some(answer) = q.answer else {
        ctx.missing("MOE-REQUIRED", &answer_path, q.label);
        return None;
    };
    for &(key, label, present) in &q.details {
        let p = join(q.path, key);
        match (answer, present) {
            (YesNo::Yes, false) => ctx.error(
                "MOE-YES-NEEDS-DETAIL",
                &p,
                Text::new(
                    format!("「{}」答「是」，須填寫「{label}」", q.label),
                    format!(
                        "「{}」 is answered 是, so 「{label}」 ({key}) must be given",
                        q.label
                    ),
                ),
                Text::new(
                    format!("補上 `{key}`，或把答案改為「否」。"),
                    format!("add `{key}`, or change the answer to 否."),
                ),
            ),
            (YesNo::No, true) => ctx.error(
                "MOE-NO-HAS-DETAIL",
                &p,
                Text::new(
                    format!("「{}」答「否」，卻填了「{label}」", q.label),
                    format!(
                        "「{}」 is answered 否, yet 「{label}」 ({key}) is given",
                        q.label
                    ),
                ),
                Text::new(
                    format!("答「否」時刪除 `{key}`；若確有辦理，請把答案改為「是」。"),
                    format!("remove `{key}` when the answer is 否, or change the answer to 是."),
                ),
            ),
            _ => {}
        }
    }
    Some(answer)
}

fn check_answer(ctx: &mut Context, path: &str, label: &str, a: Option<&Answer>) {
    match a {
        None => ctx.missing("MOE-REQUIRED", path, label),
        Some(a) => {
            yes_no(
                ctx,
                &YesNoCheck {
                    path,
                    label,
                    answer: a.answer,
                    details: vec![("description", "辦理方式說明", has_text(&a.description))],
                },
            );
        }
    }
}

fn check_evaluation(
    app: &Application,
    e: &Evaluation,
    employees: Option<Figure>,
    school: bool,
    ctx: &mut Context,
) {
    const R: &str = "MOE-REQUIRED";
    // 一
    match &e.regulations {
        None => ctx.missing(R, "evaluation.regulations", "一、訂有員工學習制度規定"),
        Some(r) => {
            for (i, rule) in r.rules.iter().enumerate() {
                ctx.required_text(
                    R,
                    &format!("evaluation.regulations.rules[{i}]"),
                    "規章名稱",
                    Some(rule),
                );
            }
            check_answer(
                ctx,
                "evaluation.regulations.rules_published",
                "是否主動公開提供員工各項參與學習規定之資訊",
                r.rules_published.as_ref(),
            );
            let plan_path = "evaluation.regulations.training_plan";
            let plan = match &r.training_plan {
                None => {
                    ctx.missing(R, plan_path, "是否訂有年度教育訓練計畫");
                    None
                }
                Some(p) => {
                    let answer = yes_no(
                        ctx,
                        &YesNoCheck {
                            path: plan_path,
                            label: "是否訂有年度教育訓練計畫",
                            answer: p.answer,
                            details: vec![
                                ("purpose", "訓練目的", has_text(&p.purpose)),
                                (
                                    "eligible_learners",
                                    "學員資格",
                                    has_text(&p.eligible_learners),
                                ),
                                ("learner_count", "學員人數", p.learner_count.is_some()),
                                ("courses", "課程規劃", !p.courses.is_empty()),
                                ("teachers", "師資", has_text(&p.teachers)),
                            ],
                        },
                    );
                    if let Some(n) = &p.learner_count {
                        if non_negative(ctx, &join(plan_path, "learner_count"), "學員人數", n) {
                            whole(ctx, &join(plan_path, "learner_count"), "學員人數", n);
                        }
                    }
                    answer
                }
            };
            let follow_ups = [
                (
                    "needs_survey",
                    "訂定教育訓練計畫前，是否調查員工學習需求",
                    r.needs_survey.as_ref(),
                ),
                (
                    "satisfaction_survey",
                    "教育訓練後是否進行滿意度調查及後續溝通檢討機制",
                    r.satisfaction_survey.as_ref(),
                ),
                (
                    "plan_published",
                    "是否主動公開提供員工各項教育訓練計畫資訊",
                    r.plan_published.as_ref(),
                ),
            ];
            for (key, label, a) in follow_ups {
                let p = join("evaluation.regulations", key);
                match plan {
                    // The form: 是 → 「並請續填後續第2、3、4項」.
                    Some(YesNo::Yes) => check_answer(ctx, &p, label, a),
                    Some(YesNo::No) if a.is_some() => ctx.error(
                        "MOE-NO-HAS-DETAIL",
                        &p,
                        Text::new(
                            format!("未訂年度教育訓練計畫，不填「{label}」"),
                            format!("without an annual training plan, 「{label}」 ({key}) is not answered"),
                        ),
                        Text::new(
                            format!("刪除 `{key}`，或把 training_plan 改為「是」並說明計畫。"),
                            format!("remove `{key}`, or answer training_plan 是 and describe the plan."),
                        ),
                    ),
                    _ => {}
                }
            }
        }
    }
    let mut figs = Figures {
        ctx,
        employees,
        school,
    };
    // The training plan's learners are people of the unit too.
    let planned_learners = e
        .regulations
        .as_ref()
        .and_then(|r| r.training_plan.as_ref())
        .and_then(|p| p.learner_count.as_ref());
    if let (Some(n), Some(emp)) = (planned_learners, employees.filter(|e| e.total() > 0.0)) {
        let c = Count {
            path: "evaluation.regulations.training_plan.learner_count".to_string(),
            label: "學員人數",
            figure: Some(n),
            people: true,
        };
        figs.ceiling(&c, n, &emp, "MOE-COUNT-EXCEEDS-EMPLOYEES", "員工總數");
    }
    // 二
    let lp = "evaluation.learning";
    match &e.learning {
        None => figs
            .ctx
            .missing(R, lp, "二、每年給予員工帶薪、經費補助、公假或其他學習情形"),
        Some(l) => {
            let p = join(lp, "paid");
            match &l.paid {
                None => figs.ctx.missing(R, &p, "該年度是否給予員工帶薪學習"),
                Some(x) => {
                    yes_no(
                        figs.ctx,
                        &YesNoCheck {
                            path: &p,
                            label: "該年度是否給予員工帶薪學習",
                            answer: x.answer,
                            details: vec![
                                ("participants", "參與員工人數", x.participants.is_some()),
                                ("total_hours", "帶薪學習總時數", x.total_hours.is_some()),
                                ("description", "其他相關說明", has_text(&x.description)),
                            ],
                        },
                    );
                    figs.check(&Count {
                        path: join(&p, "participants"),
                        label: "帶薪學習參與員工人數",
                        figure: x.participants.as_ref(),
                        people: true,
                    });
                    figs.check(&Count {
                        path: join(&p, "total_hours"),
                        label: "帶薪學習總時數",
                        figure: x.total_hours.as_ref(),
                        people: false,
                    });
                }
            }
            let p = join(lp, "subsidy");
            match &l.subsidy {
                None => figs.ctx.missing(R, &p, "該年度是否給予員工學習經費補助"),
                Some(x) => {
                    yes_no(
                        figs.ctx,
                        &YesNoCheck {
                            path: &p,
                            label: "該年度是否給予員工學習經費補助",
                            answer: x.answer,
                            details: vec![
                                (
                                    "recipients",
                                    "獲得經費補助之員工人數",
                                    x.recipients.is_some(),
                                ),
                                ("total_amount", "補助經費總額", x.total_amount.is_some()),
                                ("description", "其他相關說明", has_text(&x.description)),
                            ],
                        },
                    );
                    figs.check(&Count {
                        path: join(&p, "recipients"),
                        label: "獲得經費補助之員工人數",
                        figure: x.recipients.as_ref(),
                        people: true,
                    });
                    figs.check(&Count {
                        path: join(&p, "total_amount"),
                        label: "補助經費總額",
                        figure: x.total_amount.as_ref(),
                        people: false,
                    });
                }
            }
            let p = join(lp, "official_leave");
            match &l.official_leave {
                None => figs.ctx.missing(R, &p, "該年度是否給予員工公假學習"),
                Some(x) => {
                    let answer = yes_no(
                        figs.ctx,
                        &YesNoCheck {
                            path: &p,
                            label: "該年度是否給予員工公假學習",
                            answer: x.answer,
                            details: vec![],
                        },
                    );
                    for (key, label, kind) in [
                        ("full_time", "是否給予員工全時公假", x.full_time.as_ref()),
                        (
                            "part_time",
                            "是否給予員工部分工時公假",
                            x.part_time.as_ref(),
                        ),
                    ] {
                        let kp = join(&p, key);
                        match (answer, kind) {
                            (Some(YesNo::Yes), None) => figs.ctx.missing(R, &kp, label),
                            (Some(YesNo::No), Some(k)) if k.answer == Some(YesNo::Yes) => {
                                figs.ctx.error(
                                    "MOE-NO-HAS-DETAIL",
                                    &kp,
                                    Text::new(
                                        format!("公假學習答「否」，「{label}」卻答「是」"),
                                        format!(
                                            "official leave is answered 否, yet 「{label}」 is 是"
                                        ),
                                    ),
                                    Text::new(
                                        "把公假學習改為「是」，或刪除此項。",
                                        "answer official_leave 是, or remove this item.",
                                    ),
                                )
                            }
                            (_, Some(k)) => {
                                yes_no(
                                    figs.ctx,
                                    &YesNoCheck {
                                        path: &kp,
                                        label,
                                        answer: k.answer,
                                        details: vec![
                                            (
                                                "participants",
                                                "參與之員工總人數",
                                                k.participants.is_some(),
                                            ),
                                            (
                                                "total_hours",
                                                "合計公假總時數",
                                                k.total_hours.is_some(),
                                            ),
                                            (
                                                "description",
                                                "辦理情形說明",
                                                has_text(&k.description),
                                            ),
                                        ],
                                    },
                                );
                                figs.check(&Count {
                                    path: join(&kp, "participants"),
                                    label: "公假學習參與員工總人數",
                                    figure: k.participants.as_ref(),
                                    people: true,
                                });
                                figs.check(&Count {
                                    path: join(&kp, "total_hours"),
                                    label: "公假總時數",
                                    figure: k.total_hours.as_ref(),
                                    people: false,
                                });
                            }
                            _ => {}
                        }
                    }
                    let any_yes = [&x.full_time, &x.part_time]
                        .iter()
                        .any(|k| k.as_ref().is_some_and(|k| k.answer == Some(YesNo::Yes)));
                    if answer == Some(YesNo::Yes)
                        && x.full_time.is_some()
                        && x.part_time.is_some()
                        && !any_yes
                    {
                        figs.ctx.error(
                            "MOE-YES-NEEDS-DETAIL",
                            &join(&p, "answer"),
                            Text::new(
                                "公假學習答「是」，但全時與部分工時公假都答「否」",
                                "official leave is answered 是, but both full-time and part-time leave are 否",
                            ),
                            Text::new("至少一種公假應答「是」並填人數與時數，或把公假學習改為「否」。", "answer at least one kind 是 with its figures, or answer official_leave 否."),
                        );
                    }
                }
            }
            let p = join(lp, "other_ways");
            match &l.other_ways {
                None => figs.ctx.missing(R, &p, "是否以其他方式鼓勵員工學習"),
                Some(x) => {
                    yes_no(
                        figs.ctx,
                        &YesNoCheck {
                            path: &p,
                            label: "是否以其他方式鼓勵員工學習",
                            answer: x.answer,
                            details: vec![
                                ("participants", "參與員工人數", x.participants.is_some()),
                                (
                                    "description",
                                    "辦理類型、議題、內容、場次、時數等說明",
                                    has_text(&x.description),
                                ),
                            ],
                        },
                    );
                    figs.check(&Count {
                        path: join(&p, "participants"),
                        label: "其他方式學習參與員工人數",
                        figure: x.participants.as_ref(),
                        people: true,
                    });
                }
            }
        }
    }
    // 三
    let bp = "evaluation.budget";
    match &e.budget {
        None => figs.ctx.missing(R, bp, "三、每年編列員工學習經費年度額"),
        Some(b) => {
            figs.ctx.required(
                R,
                &join(bp, "planned"),
                "員工學習編列之總經費",
                b.planned.as_ref(),
            );
            figs.ctx
                .required(R, &join(bp, "spent"), "實際執行總金額", b.spent.as_ref());
            figs.check(&Count {
                path: join(bp, "planned"),
                label: "員工學習編列之總經費",
                figure: b.planned.as_ref(),
                people: false,
            });
            figs.check(&Count {
                path: join(bp, "spent"),
                label: "實際執行總金額",
                figure: b.spent.as_ref(),
                people: false,
            });
            if let (Some(planned), Some(spent)) = (&b.planned, &b.spent) {
                // Per group for a school: teachers overspending is not hidden by staff saving.
                let groups: &[Group] = if planned.is_split() && spent.is_split() {
                    &[Group::Teachers, Group::Staff]
                } else {
                    &[Group::All]
                };
                for &g in groups {
                    let (Some(p), Some(x)) = (planned.get(g), spent.get(g)) else {
                        continue;
                    };
                    if x > p && p >= 0.0 {
                        let path = match g {
                            Group::All => join(bp, "spent"),
                            g => join(&join(bp, "spent"), g.key()),
                        };
                        let who = if g == Group::All { "" } else { g.zh() };
                        figs.ctx.warning(
                            "MOE-BUDGET-OVERSPENT",
                            &path,
                            Text::new(
                                format!("{who}實際執行 {} 元超過編列 {} 元", plain_number(x), plain_number(p)),
                                format!("spending NT${} exceeds the budget NT${}{}", plain_number(x), plain_number(p), if g == Group::All { String::new() } else { format!(" ({})", g.key()) }),
                            ),
                            Text::new("這可以是事實（例如追加預算），請在 description 說明原因。", "this may be true (e.g. a supplementary budget); explain it in description."),
                        );
                    }
                }
            }
        }
    }
    // 四
    let pp = "evaluation.participation";
    match &e.participation {
        None => figs
            .ctx
            .missing(R, pp, "四、每年員工學習之人數占總人數比率"),
        Some(p) => {
            figs.ctx.required(
                R,
                &join(pp, "learners"),
                "該年度員工參與學習之總人數",
                p.learners.as_ref(),
            );
            for (key, label, f) in [
                ("learners", "參與學習之總人數", p.learners.as_ref()),
                (
                    "degree_students",
                    "進修學位之人數",
                    p.degree_students.as_ref(),
                ),
                (
                    "certified_people",
                    "參與研習取得證照之人數",
                    p.certified_people.as_ref(),
                ),
            ] {
                figs.check(&Count {
                    path: join(pp, key),
                    label,
                    figure: f,
                    people: true,
                });
            }
            figs.check(&Count {
                path: join(pp, "certificates"),
                label: "取得證照總數",
                figure: p.certificates.as_ref(),
                people: false,
            });
            if let Some(c) = &p.certificates {
                whole(figs.ctx, &join(pp, "certificates"), "取得證照總數", c);
            }
            match (&p.certified_people, &p.certificates) {
                (Some(people), None) if people.total() > 0.0 => {
                    figs.ctx.missing(R, &join(pp, "certificates"), "取得證照總數")
                }
                (Some(people), Some(certs)) if people.total() > certs.total() => figs.ctx.error(
                    "MOE-CERTIFICATES-FEWER",
                    &join(pp, "certificates"),
                    Text::new(
                        format!("取得證照 {} 人，證照總數卻只有 {} 張", plain_number(people.total()), plain_number(certs.total())),
                        format!("{} people obtained certificates but only {} certificates are counted", plain_number(people.total()), plain_number(certs.total())),
                    ),
                    Text::new("每位取得證照者至少一張；請核對 certified_people 與 certificates。", "each certified person holds at least one; check certified_people and certificates."),
                ),
                (None, Some(c)) if c.total() > 0.0 => figs.ctx.missing(
                    R,
                    &join(pp, "certified_people"),
                    "參與研習取得證照之人數",
                ),
                _ => {}
            }
            if let Some(learners) = &p.learners {
                let kinds = KindCounts::of(app);
                for (key, label, count) in kinds.list() {
                    let Some(count) = count else { continue };
                    let source = match key {
                        "paid" => "evaluation.learning.paid.participants",
                        "subsidy" => "evaluation.learning.subsidy.recipients",
                        "official_leave" => "evaluation.learning.official_leave",
                        _ => "evaluation.learning.other_ways.participants",
                    };
                    let c = Count {
                        path: source.to_string(),
                        label,
                        figure: Some(&count),
                        people: true,
                    };
                    figs.ceiling(
                        &c,
                        &count,
                        learners,
                        "MOE-KIND-EXCEEDS-LEARNERS",
                        "參與學習總人數",
                    );
                }
            }
        }
    }
    // 五
    let mp = "evaluation.promotion";
    match &e.promotion {
        None => figs
            .ctx
            .missing(R, mp, "五、其他與推動員工學習制度有關之事項"),
        Some(m) => check_promotion(m, figs.ctx),
    }
}

pub const MIN_TESTIMONIALS: usize = 3;

fn check_promotion(m: &Promotion, ctx: &mut Context) {
    const R: &str = "MOE-REQUIRED";
    let mp = "evaluation.promotion";
    match &m.evaluation {
        None => ctx.missing(R, &join(mp, "evaluation"), "是否建立評估機制"),
        Some(x) => {
            yes_no(
                ctx,
                &YesNoCheck {
                    path: &join(mp, "evaluation"),
                    label: "是否建立評估機制",
                    answer: x.answer,
                    details: vec![
                        ("survey", "滿意度調查", has_text(&x.survey)),
                        ("analysis", "調查結果分析", has_text(&x.analysis)),
                        ("improvements", "相關改善措施", has_text(&x.improvements)),
                    ],
                },
            );
        }
    }
    common::testimonials(
        ctx,
        CODES,
        &join(mp, "testimonials"),
        &m.testimonials,
        MIN_TESTIMONIALS,
    );
    ctx.required_text(
        R,
        &join(mp, "benefits"),
        "員工個人及組織發展具體效益評估",
        m.benefits.as_ref(),
    );
    ctx.required_text(
        R,
        &join(mp, "features"),
        "辦理鼓勵員工學習之整體特色",
        m.features.as_ref(),
    );
}

fn check_attachments(app: &Application, ctx: &mut Context) {
    for (i, a) in app.attachments.iter().enumerate() {
        let p = format!("attachments[{i}]");
        ctx.required_text(
            "MOE-REQUIRED",
            &join(&p, "title"),
            "附件名稱",
            a.title.as_ref(),
        );
        if ctx.required_text(
            "MOE-REQUIRED",
            &join(&p, "file"),
            "附件檔案",
            a.file.as_ref(),
        ) {
            attachments::check(ctx, &join(&p, "file"), a.file.as_deref().unwrap_or(""));
        }
    }
    // Each of 評審項目 一–五 asks for 相關證明文件; a kind with none is worth a warning.
    for kind in AttachmentKind::ALL
        .iter()
        .filter(|k| **k != AttachmentKind::Other)
    {
        if !app.attachments.iter().any(|a| a.kind == *kind) {
            ctx.warning(
                "MOE-ATTACHMENT-KIND-MISSING",
                "attachments",
                Text::new(
                    format!("沒有「{}」", kind.zh()),
                    format!("no attachment of kind `{}` ({})", serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(), kind.zh()),
                ),
                Text::new("評審項目要求檢附相關證明文件；缺少時評審較難給分。", "each evaluation item asks for supporting documents; reviewers score missing proof lower."),
            );
        }
    }
}
