//! 中央政府推動建立員工學習制度獎勵 (教育部), form edition 107.

pub mod book;
pub mod derived;
pub mod model;
pub mod rules;

use super::{Info, Programme};
use crate::check::context::Context;
use crate::diagnostics::Diagnostic;
use crate::load::{self, LoadFailure, SourceFile, SpanIndex};
use std::path::Path;

pub struct MoeLearningAward;

pub const ID: &str = "moe-learning-award";

/// A loaded application with everything later stages need.
pub struct Checked {
    pub app: model::Application,
    pub school: bool,
    pub derived: derived::Derived,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load_and_check(
    src: &SourceFile,
    spans: &SpanIndex,
    dir: &Path,
) -> Result<Checked, LoadFailure> {
    let app: model::Application = load::deserialize(src, spans)?;
    let mut ctx = Context::new(&src.name, spans, dir);
    rules::check(&app, &mut ctx);
    let school = rules::is_school(&app);
    let derived = derived::compute(&app, school);
    Ok(Checked {
        app,
        school,
        derived,
        diagnostics: ctx.found,
    })
}

impl Programme for MoeLearningAward {
    fn info(&self) -> Info {
        Info {
            id: ID,
            edition: "107",
            title_zh: "中央政府推動建立員工學習制度獎勵申請書",
            title_en: "Central government employee-learning award (Ministry of Education)",
            source_zh: "107年12月7日臺教社(一)字第1070211713號公告；獎勵辦法 107年10月16日修正",
        }
    }

    fn schema(&self) -> serde_json::Value {
        crate::schema::for_type::<model::Application>(ID)
    }

    fn init_template(&self) -> &'static str {
        include_str!("../../../templates/moe-learning-award/107/application.yaml")
    }

    fn check(
        &self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<Vec<Diagnostic>, LoadFailure> {
        load_and_check(src, spans, dir).map(|c| c.diagnostics)
    }

    fn book(
        &self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<crate::book::Book, LoadFailure> {
        load_and_check(src, spans, dir).map(|c| book::build(&c, dir).tidied())
    }
}
