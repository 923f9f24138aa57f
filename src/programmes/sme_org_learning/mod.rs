//! 促進中小企業數位學習計畫 企業組織學習專區 (經濟部中小企業處), edition 103: the
//! 組織學習規劃 and the zone's learning figures.

pub mod book;
pub mod figures;
pub mod model;
pub mod records;
pub mod review;
pub mod rules;
pub mod tax_id;
pub mod thresholds;

use super::Rules;
use crate::book::template::Strings;
use crate::book::Book;
use crate::diagnostics::Diagnostic;
use crate::load::{self, LoadFailure, SourceFile, SpanIndex};
use crate::rulekit::context::{Attachments, Context};
use std::path::Path;

/// The rules of the 103 edition (and of any edition that only rewords it).
pub struct SmeOrgLearning;

pub const ID: &str = "sme-org-learning";

/// 103年度: the obligations fall in 2014 and 學習積分 counts 2014-01-01 to 2014-10-31.
pub const EDITION_YEAR: i32 = 2014;

/// A checked application with everything the book needs.
pub struct Checked {
    pub app: model::Application,
    /// 學習人次, 學員人數 and 學習積分, computed from the records when given.
    pub figures: rules::Figures,
    /// The learning-record CSV's figures, when the application names one.
    pub records: Option<records::Summary>,
    /// 字數 of the plan's prose (SPEC §4.3).
    pub plan_chars: usize,
    /// The attachments as the rules read them.
    pub attachments: Attachments,
}

/// Deserializes and checks one application: the checked model and the findings.
pub fn load_and_check(
    src: &SourceFile,
    spans: &SpanIndex,
    dir: &Path,
) -> Result<(Checked, Vec<Diagnostic>), LoadFailure> {
    let read = load::deserialize::<model::Application>(src, spans, schema())?;
    let app = &read.model;
    let mut ctx = Context::new(&src.name, spans, dir);
    let out = rules::check(app, EDITION_YEAR, &mut ctx);
    let (app, found) = read.and_rules(ctx.found);
    Ok((
        Checked {
            app,
            figures: out.figures,
            records: out.records,
            plan_chars: out.plan_chars,
            attachments: ctx.attachments,
        },
        found,
    ))
}

/// The schema applications are validated against before the rules run, compiled once.
fn schema() -> &'static load::Schema {
    static SCHEMA: std::sync::OnceLock<load::Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| load::Schema::new(crate::schema::for_type::<model::Application>(ID)))
}

impl super::Model for Checked {
    fn book(&self, words: &Strings) -> Book {
        book::build(self, words)
    }

    fn facts(&self, edition: &crate::edition::Edition) -> super::review::Facts {
        review::facts(self, edition)
    }

    fn figures(&self, edition: &crate::edition::Edition) -> Vec<(String, String)> {
        figures::beside_inputs(self, edition)
    }
}

impl Rules for SmeOrgLearning {
    fn key(&self) -> &'static str {
        "sme-org-learning/103"
    }

    fn schema(&self, id: &str) -> serde_json::Value {
        crate::schema::for_type::<model::Application>(id)
    }

    fn check(
        &self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<(Box<dyn super::Model>, Vec<Diagnostic>), LoadFailure> {
        let (checked, found) = load_and_check(src, spans, dir)?;
        Ok((Box::new(checked), found))
    }
}
