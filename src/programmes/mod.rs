//! One module per programme and form edition: its data model, its rules, its book. The
//! registry here is how the CLI finds them by the `programme:` key of an application.

pub mod moe_learning_award;
pub mod sme_org_learning;

use crate::diagnostics::Diagnostic;
use crate::load::{LoadFailure, SourceFile, SpanIndex};
use std::path::Path;

pub struct Info {
    /// The `programme:` key, e.g. `moe-learning-award`.
    pub id: &'static str,
    /// Form edition, e.g. `107`.
    pub edition: &'static str,
    pub title_zh: &'static str,
    pub title_en: &'static str,
    /// Where the edition comes from.
    pub source_zh: &'static str,
}

pub trait Programme: Sync {
    fn info(&self) -> Info;
    /// JSON Schema of the application YAML.
    fn schema(&self) -> serde_json::Value;
    /// The commented application `appbook init` writes.
    fn init_template(&self) -> &'static str;
    /// Deserializes and checks one application; `dir` is its folder.
    fn check(
        &self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<Vec<Diagnostic>, LoadFailure>;
    /// Builds the application book, the content every writer renders, from an application
    /// that passed `check` (callers check first; errors are not reported again here).
    /// A programme without a book yet says so (RENDER-UNSUPPORTED).
    fn book(
        &self,
        src: &SourceFile,
        _spans: &SpanIndex,
        _dir: &Path,
    ) -> Result<crate::book::Book, LoadFailure> {
        let id = self.info().id;
        Err(LoadFailure::new(
            Diagnostic::error(
                "RENDER-UNSUPPORTED",
                crate::diagnostics::Location {
                    file: src.name.clone(),
                    ..Default::default()
                },
                crate::diagnostics::Text::new(
                    format!("此版本尚不能產生「{id}」計畫的申請書，只能檢查"),
                    format!("this version cannot render books of `{id}` yet, only check them"),
                ),
            ),
            false,
        ))
    }
}

pub fn all() -> Vec<&'static dyn Programme> {
    vec![
        &moe_learning_award::MoeLearningAward,
        &sme_org_learning::SmeOrgLearning,
    ]
}

pub fn find(id: &str) -> Option<&'static dyn Programme> {
    all().into_iter().find(|p| p.info().id == id)
}

pub fn ids() -> Vec<&'static str> {
    all().iter().map(|p| p.info().id).collect()
}
