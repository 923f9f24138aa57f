//! 中央政府推動建立員工學習制度獎勵 (教育部), form edition 107.

pub mod book;
pub mod derived;
pub mod model;
pub mod review;
pub mod rules;

use super::Rules;
use crate::book::template::Strings;
use crate::book::Book;
use crate::diagnostics::Diagnostic;
use crate::load::{self, LoadFailure, SourceFile, SpanIndex};
use crate::rulekit::context::{Attachments, Context};
use std::path::Path;

/// The rules of form edition 107 (and of any edition that only rewords it).
pub struct MoeLearningAward;

pub const ID: &str = "moe-learning-award";

/// A checked application with everything the book needs.
pub struct Checked {
    pub app: model::Application,
    /// [`model::Application::is_school`], decided once for the rules, the figures and the book.
    pub school: bool,
    pub derived: derived::Derived,
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
    let school = app.is_school();
    let mut ctx = Context::new(&src.name, spans, dir);
    rules::check(app, school, &mut ctx);
    let derived = derived::compute(app, school);
    let (app, found) = read.and_rules(ctx.found);
    Ok((
        Checked {
            app,
            school,
            derived,
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
        use derived::FigureKey as K;
        let words = edition.words();
        self.derived
            .figures
            .iter()
            .map(|f| {
                let part = match f.key {
                    K::PaidHoursPerEmployee => "evaluation.learning.paid",
                    K::SubsidyPerRecipient => "evaluation.learning.subsidy",
                    K::LeaveHoursPerEmployeeWeek => "evaluation.learning.official_leave",
                    K::SpentPerEmployee | K::ExecutionRate => "evaluation.budget",
                    K::LearningRate
                    | K::ShareOfLearners(_)
                    | K::ShareOfEmployees(_)
                    | K::DegreeRate
                    | K::CertifiedRate
                    | K::CertificatesPerEmployee => "evaluation.participation",
                };
                (part.to_string(), book::figure_line(words, f))
            })
            .collect()
    }
}

impl Rules for MoeLearningAward {
    fn key(&self) -> &'static str {
        "moe-learning-award/107"
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
