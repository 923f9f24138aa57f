//! 評審項目 五、其他與推動員工學習制度有關之事項: the evaluation mechanism, testimonials, benefits
//! and features.

use super::super::model::{EvaluationMechanism, Promotion};
use super::answers::{yes_no, YesNoCheck};
use super::{CODES, REQUIRED as R};
use crate::rulekit::common::{self, has_text};
use crate::rulekit::context::{join, Context};

pub const MIN_TESTIMONIALS: usize = 3;

const PATH: &str = "evaluation.promotion";

pub fn check(m: Option<&Promotion>, ctx: &mut Context) {
    let Some(m) = m else {
        ctx.missing(R, PATH, "五、其他與推動員工學習制度有關之事項");
        return;
    };
    mechanism(m.evaluation.as_ref(), ctx);
    common::testimonials(
        ctx,
        CODES,
        &join(PATH, "testimonials"),
        &m.testimonials,
        common::TestimonialRule {
            min: MIN_TESTIMONIALS,
            one_per_author: false,
        },
    );
    ctx.required_text(
        R,
        &join(PATH, "benefits"),
        "員工個人及組織發展具體效益評估",
        m.benefits.as_ref(),
    );
    ctx.required_text(
        R,
        &join(PATH, "features"),
        "辦理鼓勵員工學習之整體特色",
        m.features.as_ref(),
    );
}

/// （一）是否建立評估機制
fn mechanism(x: Option<&EvaluationMechanism>, ctx: &mut Context) {
    let path = join(PATH, "evaluation");
    let Some(x) = x else {
        ctx.missing(R, &path, "是否建立評估機制");
        return;
    };
    yes_no(
        ctx,
        &YesNoCheck {
            path: &path,
            label: "是否建立評估機制",
            answer: x.answer,
            details: &[
                ("survey", "滿意度調查", has_text(&x.survey)),
                ("analysis", "調查結果分析", has_text(&x.analysis)),
                ("improvements", "相關改善措施", has_text(&x.improvements)),
            ],
        },
    );
}
