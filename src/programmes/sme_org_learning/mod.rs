//! 促進中小企業數位學習計畫 企業組織學習專區 (經濟部中小企業處), edition 103: the
//! 組織學習規劃 and the zone's learning figures.

pub mod book;
pub mod model;
pub mod records;
pub mod rules;
pub mod tax_id;
pub mod thresholds;

use super::{Info, Programme};
use crate::check::context::Context;
use crate::diagnostics::Diagnostic;
use crate::load::{self, LoadFailure, SourceFile, SpanIndex};
use std::path::Path;

pub struct SmeOrgLearning;

pub const ID: &str = "sme-org-learning";

/// 103年度: the obligations fall in 2014 and 學習積分 counts 2014-01-01 to 2014-10-31.
pub const EDITION_YEAR: i32 = 2014;

/// A loaded application with everything later stages need.
pub struct Checked {
    pub app: model::Application,
    /// 學習人次, 學員人數 and 學習積分, computed from the records when given.
    pub figures: rules::Figures,
    /// The learning-record CSV's figures, when the application names one.
    pub records: Option<records::Summary>,
    /// 字數 of the plan's prose (SPEC §4.3).
    pub plan_chars: usize,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load_and_check(
    src: &SourceFile,
    spans: &SpanIndex,
    dir: &Path,
) -> Result<Checked, LoadFailure> {
    let app: model::Application = load::deserialize(src, spans)?;
    let mut ctx = Context::new(&src.name, spans, dir);
    let out = rules::check(&app, EDITION_YEAR, &mut ctx);
    Ok(Checked {
        app,
        figures: out.figures,
        records: out.records,
        plan_chars: out.plan_chars,
        diagnostics: ctx.found,
    })
}

impl Programme for SmeOrgLearning {
    fn info(&self) -> Info {
        Info {
            id: ID,
            edition: "103",
            title_zh: "促進中小企業數位學習計畫 企業組織學習專區 組織學習規劃",
            title_en: "SME digital learning programme: organisational learning zone (plan)",
            source_zh: "經濟部中小企業處 103年度企業組織學習專區 企業申請暨作業辦法",
        }
    }

    fn schema(&self) -> serde_json::Value {
        crate::schema::for_type::<model::Application>(ID)
    }

    fn init_template(&self) -> &'static str {
        include_str!("../../../templates/sme-org-learning/103/application.yaml")
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
