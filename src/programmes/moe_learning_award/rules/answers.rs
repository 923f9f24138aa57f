//! 是/否 questions: 是 needs its figures and description; 否 has none (SPEC §2.4).

use super::super::model::Answer;
use super::REQUIRED;
use crate::diagnostics::Text;
use crate::model::YesNo;
use crate::rulekit::common::has_text;
use crate::rulekit::context::{join, Context};

/// One 是/否 question and the details that depend on its answer.
pub struct YesNoCheck<'a> {
    pub path: &'a str,
    pub label: &'a str,
    pub answer: Option<YesNo>,
    /// (key, label, present) of what a 是 must give and a 否 must not.
    pub details: &'a [(&'a str, &'a str, bool)],
}

/// Checks the answer against its details; the answer, when there is one.
pub fn yes_no(ctx: &mut Context, q: &YesNoCheck) -> Option<YesNo> {
    let Some(answer) = q.answer else {
        ctx.missing(REQUIRED, &join(q.path, "answer"), q.label);
        return None;
    };
    for &(key, label, present) in q.details {
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

/// A required 是/否 question whose 是 carries a description.
pub fn check_answer(ctx: &mut Context, path: &str, label: &str, a: Option<&Answer>) {
    let Some(a) = a else {
        ctx.missing(REQUIRED, path, label);
        return;
    };
    yes_no(
        ctx,
        &YesNoCheck {
            path,
            label,
            answer: a.answer,
            details: &[("description", "辦理方式說明", has_text(&a.description))],
        },
    );
}
