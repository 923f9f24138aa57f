//! The rules of SPEC §2 and §4.2 for moe-learning-award. Each finding names the YAML path of
//! the offending value so it is reported at its line.
//!
//! One file per part of the form: `basic.rs` (壹、基本資料表), then one per 評審項目:
//! `regulations.rs` (一), `learning.rs` (二), `budget.rs` (三), `participation.rs` (四),
//! `promotion.rs` (五), and `attachments.rs` (附件). The checks they share, 是/否 answers and
//! figures, are in `answers.rs` and `figures.rs`.

mod answers;
mod attachments;
mod basic;
mod budget;
pub mod figures;
mod learning;
mod participation;
mod promotion;
mod regulations;

pub use basic::deadline;
pub use promotion::MIN_TESTIMONIALS;

use super::derived::KindCounts;
use super::model::{Application, Evaluation};
use crate::rulekit::common;
use crate::rulekit::context::Context;
use figures::Figures;

/// The shared checks (contact, testimonials) report MOE-* codes.
const CODES: common::Codes = common::Codes { prefix: "MOE" };

/// The code of every missing field.
const REQUIRED: &str = "MOE-REQUIRED";

/// `school` is [`Application::is_school`], decided once by the caller.
pub fn check(app: &Application, school: bool, ctx: &mut Context) {
    ctx.required(
        REQUIRED,
        "application_date",
        "申請日期",
        app.application_date.as_ref(),
    );
    match &app.basic {
        Some(b) => basic::check(app, b, school, ctx),
        None => ctx.missing(REQUIRED, "basic", "壹、基本資料表"),
    }
    match &app.evaluation {
        Some(e) => check_evaluation(app, e, school, ctx),
        None => ctx.missing(REQUIRED, "evaluation", "貳、評審項目"),
    }
    attachments::check(app, ctx);
}

/// 評審項目 一 to 五, in the form's order.
fn check_evaluation(app: &Application, e: &Evaluation, school: bool, ctx: &mut Context) {
    let mut figs = Figures {
        ctx,
        employees: app.basic.as_ref().and_then(|b| b.employees),
        school,
    };
    regulations::check(e.regulations.as_ref(), &mut figs);
    learning::check(e.learning.as_ref(), &mut figs);
    budget::check(e.budget.as_ref(), &mut figs);
    participation::check(e.participation.as_ref(), &KindCounts::of(app), &mut figs);
    promotion::check(e.promotion.as_ref(), figs.ctx);
}
