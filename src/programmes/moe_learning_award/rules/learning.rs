//! 評審項目 二、每年給予員工帶薪、經費補助、公假或其他學習情形: （一）帶薪學習, （二）學習經費補助,
//! （三）公假學習 (全時 and 部分工時), （四）其他方式.

use super::super::model::{Learning, LeaveKind, OfficialLeave, OtherWays, PaidLearning, Subsidy};
use super::answers::{yes_no, YesNoCheck};
use super::figures::{Count, Figures, Measure};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::model::YesNo;
use crate::rulekit::common::has_text;
use crate::rulekit::context::join;

const PATH: &str = "evaluation.learning";

pub fn check(l: Option<&Learning>, figs: &mut Figures) {
    let Some(l) = l else {
        figs.ctx.missing(
            R,
            PATH,
            "二、每年給予員工帶薪、經費補助、公假或其他學習情形",
        );
        return;
    };
    paid(l.paid.as_ref(), figs);
    subsidy(l.subsidy.as_ref(), figs);
    official_leave(l.official_leave.as_ref(), figs);
    other_ways(l.other_ways.as_ref(), figs);
    eligible(l, figs);
}

/// 第3條 of the 獎勵辦法: the award is for a 學習制度 run by 帶薪、經費補助、公假 or 其他方式, and only
/// a unit that runs one may apply. Reported only when all four questions are answered, so a
/// missing answer is a missing field and not also a verdict on eligibility.
fn eligible(l: &Learning, figs: &mut Figures) {
    let answers = [
        l.paid.as_ref().and_then(|x| x.answer),
        l.subsidy.as_ref().and_then(|x| x.answer),
        l.official_leave.as_ref().and_then(|x| x.answer),
        l.other_ways.as_ref().and_then(|x| x.answer),
    ];
    if !answers.iter().all(|a| *a == Some(YesNo::No)) {
        return;
    }
    figs.ctx.error(
        "MOE-NOT-ELIGIBLE",
        PATH,
        Text::new(
            "帶薪、經費補助、公假、其他方式四項都答「否」，不符申請資格：依「中央政府推動建立員工學習制度獎勵辦法」第 3 條，學習制度得以帶薪、經費補助、公假或其他方式為之，依此方式辦理者始得申請獎勵",
            "帶薪, 經費補助, 公假 and 其他方式 are all answered 否, so the unit is not eligible: under 第3條 of the award's regulation, the learning scheme is run by paid learning, subsidies, official leave or other ways, and only a unit that runs it so may apply",
        ),
        Text::new(
            "該年度若有以其中任一方式鼓勵員工學習，把該項改為「是」並填寫人數、時數或金額及說明；若都沒有，本年度不能申請。",
            "if the unit encouraged learning in any of these ways that year, answer that item 是 with its figures and description; if in none, it cannot apply this year.",
        ),
    );
}

/// （一）帶薪學習
fn paid(x: Option<&PaidLearning>, figs: &mut Figures) {
    let p = join(PATH, "paid");
    let label = "該年度是否給予員工帶薪學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    yes_no(
        figs.ctx,
        &YesNoCheck {
            path: &p,
            label,
            answer: x.answer,
            details: &[
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
        measure: Measure::People,
    });
    figs.check(&Count {
        path: join(&p, "total_hours"),
        label: "帶薪學習總時數",
        figure: x.total_hours.as_ref(),
        measure: Measure::Hours,
    });
}

/// （二）學習經費補助
fn subsidy(x: Option<&Subsidy>, figs: &mut Figures) {
    let p = join(PATH, "subsidy");
    let label = "該年度是否給予員工學習經費補助";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    yes_no(
        figs.ctx,
        &YesNoCheck {
            path: &p,
            label,
            answer: x.answer,
            details: &[
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
        measure: Measure::People,
    });
    figs.check(&Count {
        path: join(&p, "total_amount"),
        label: "補助經費總額",
        figure: x.total_amount.as_ref(),
        measure: Measure::Amount,
    });
}

/// （三）公假學習: the question, then 全時 and 部分工時 公假, each a question of its own.
fn official_leave(x: Option<&OfficialLeave>, figs: &mut Figures) {
    let p = join(PATH, "official_leave");
    let label = "該年度是否給予員工公假學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    let answer = yes_no(
        figs.ctx,
        &YesNoCheck {
            path: &p,
            label,
            answer: x.answer,
            details: &[],
        },
    );
    let kinds = [
        ("full_time", "是否給予員工全時公假", x.full_time.as_ref()),
        (
            "part_time",
            "是否給予員工部分工時公假",
            x.part_time.as_ref(),
        ),
    ];
    for (key, kind_label, kind) in kinds {
        leave_kind(&join(&p, key), kind_label, answer, kind, figs);
    }
    if answer == Some(YesNo::Yes) {
        some_kind_is_yes(&p, x, figs);
    }
}

/// One kind of 公假 under the answer to 公假學習.
fn leave_kind(
    path: &str,
    label: &str,
    leave: Option<YesNo>,
    kind: Option<&LeaveKind>,
    figs: &mut Figures,
) {
    match (leave, kind) {
        (Some(YesNo::Yes), None) => figs.ctx.missing(R, path, label),
        (Some(YesNo::No), Some(k)) if k.answer == Some(YesNo::Yes) => figs.ctx.error(
            "MOE-NO-HAS-DETAIL",
            path,
            Text::new(
                format!("公假學習答「否」，「{label}」卻答「是」"),
                format!("official leave is answered 否, yet 「{label}」 is 是"),
            ),
            Text::new(
                "把公假學習改為「是」，或刪除此項。",
                "answer official_leave 是, or remove this item.",
            ),
        ),
        (_, Some(k)) => leave_kind_figures(path, label, k, figs),
        _ => {}
    }
}

fn leave_kind_figures(path: &str, label: &str, k: &LeaveKind, figs: &mut Figures) {
    yes_no(
        figs.ctx,
        &YesNoCheck {
            path,
            label,
            answer: k.answer,
            details: &[
                ("participants", "參與之員工總人數", k.participants.is_some()),
                ("total_hours", "合計公假總時數", k.total_hours.is_some()),
                ("description", "辦理情形說明", has_text(&k.description)),
            ],
        },
    );
    figs.check(&Count {
        path: join(path, "participants"),
        label: "公假學習參與員工總人數",
        figure: k.participants.as_ref(),
        measure: Measure::People,
    });
    figs.check(&Count {
        path: join(path, "total_hours"),
        label: "公假總時數",
        figure: k.total_hours.as_ref(),
        measure: Measure::Hours,
    });
}

/// 公假學習 answered 是 with both kinds given and both answered 否 says no leave at all.
fn some_kind_is_yes(path: &str, x: &OfficialLeave, figs: &mut Figures) {
    let (Some(full), Some(part)) = (&x.full_time, &x.part_time) else {
        return;
    };
    if full.answer == Some(YesNo::Yes) || part.answer == Some(YesNo::Yes) {
        return;
    }
    figs.ctx.error(
        "MOE-YES-NEEDS-DETAIL",
        &join(path, "answer"),
        Text::new(
            "公假學習答「是」，但全時與部分工時公假都答「否」",
            "official leave is answered 是, but both full-time and part-time leave are 否",
        ),
        Text::new(
            "至少一種公假應答「是」並填人數與時數，或把公假學習改為「否」。",
            "answer at least one kind 是 with its figures, or answer official_leave 否.",
        ),
    );
}

/// （四）其他方式
fn other_ways(x: Option<&OtherWays>, figs: &mut Figures) {
    let p = join(PATH, "other_ways");
    let label = "是否以其他方式鼓勵員工學習";
    let Some(x) = x else {
        figs.ctx.missing(R, &p, label);
        return;
    };
    yes_no(
        figs.ctx,
        &YesNoCheck {
            path: &p,
            label,
            answer: x.answer,
            details: &[
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
        measure: Measure::People,
    });
}
