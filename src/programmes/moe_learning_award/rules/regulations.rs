//! 評審項目 一、訂有員工學習制度規定: the regulations, the annual training plan and the three
//! questions that follow a plan.

use super::super::model::{Regulations, TrainingPlan};
use super::answers::{check_answer, yes_no, YesNoCheck};
use super::figures::{plausible, whole, Count, Figures, Measure};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::model::YesNo;
use crate::rulekit::common::has_text;
use crate::rulekit::context::{join, Context};

const PATH: &str = "evaluation.regulations";
const PLAN: &str = "evaluation.regulations.training_plan";

pub fn check(r: Option<&Regulations>, figs: &mut Figures) {
    let Some(r) = r else {
        figs.ctx.missing(R, PATH, "一、訂有員工學習制度規定");
        return;
    };
    let ctx = &mut *figs.ctx;
    for (i, rule) in r.rules.iter().enumerate() {
        ctx.required_text(R, &format!("{PATH}.rules[{i}]"), "規章名稱", Some(rule));
    }
    check_answer(
        ctx,
        &join(PATH, "rules_published"),
        "是否主動公開提供員工各項參與學習規定之資訊",
        r.rules_published.as_ref(),
    );
    let plan = training_plan(r.training_plan.as_ref(), ctx);
    follow_ups(r, plan, ctx);
    // The training plan's learners are people of the unit too.
    if let Some(n) = r
        .training_plan
        .as_ref()
        .and_then(|p| p.learner_count.as_ref())
    {
        let c = Count {
            path: join(PLAN, "learner_count"),
            label: "學員人數",
            figure: Some(n),
            measure: Measure::People,
        };
        figs.within_employees(&c, n);
    }
}

/// 是否訂有年度教育訓練計畫, and its details; the answer, which decides the follow-ups.
fn training_plan(p: Option<&TrainingPlan>, ctx: &mut Context) -> Option<YesNo> {
    let Some(p) = p else {
        ctx.missing(R, PLAN, "是否訂有年度教育訓練計畫");
        return None;
    };
    let answer = yes_no(
        ctx,
        &YesNoCheck {
            path: PLAN,
            label: "是否訂有年度教育訓練計畫",
            answer: p.answer,
            details: &[
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
        let path = join(PLAN, "learner_count");
        if plausible(ctx, &path, "學員人數", n, Measure::People, None) {
            whole(ctx, &path, "學員人數", n);
        }
    }
    answer
}

/// The form: a plan answered 是 →「並請續填後續第2、3、4項」; answered 否, they stay empty.
fn follow_ups(r: &Regulations, plan: Option<YesNo>, ctx: &mut Context) {
    let questions = [
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
    for (key, label, a) in questions {
        let p = join(PATH, key);
        match plan {
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
