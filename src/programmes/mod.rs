//! Programmes and their form editions. A [`Programme`] is one edition of one programme's form,
//! keyed by (`programme:`, `edition:`): its words are data (see [`crate::edition`]), its model,
//! rules and book builder are the Rust [`Rules`] its `edition.yaml` names. Two editions that
//! differ only in wording share one `Rules`.
//!
//! One pass: [`Programme::check`] deserializes an application and runs its rules once, and
//! returns the checked model with its findings; the book is built from that model.

pub mod moe_learning_award;
pub mod review;
pub mod sme_org_learning;

use crate::book::template::Strings;
use crate::book::Book;
use crate::diagnostics::{Diagnostic, Text};
use crate::edition::Edition;
use crate::load::{LoadFailure, SourceFile, SpanIndex};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The Rust side of a programme: the data model, the rules and the book builder, shared by every
/// edition whose `edition.yaml` names its [`Rules::key`].
pub trait Rules: Sync {
    /// What `rules:` in `edition.yaml` says, e.g. `moe-learning-award/107`.
    fn key(&self) -> &'static str;
    /// JSON Schema of the application YAML.
    fn schema(&self, id: &str) -> serde_json::Value;
    /// Deserializes one application and runs every rule on it; `dir` is its folder.
    fn check(
        &self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<(Box<dyn Model>, Vec<Diagnostic>), LoadFailure>;
}

/// A checked application of some programme: it knows how to build its book from an
/// edition's words.
pub trait Model: Send + Sync {
    fn book(&self, words: &Strings) -> Book;
    /// What the reviewers' forms show of it, in the words of `edition`.
    fn facts(&self, edition: &Edition) -> review::Facts;

    /// The computed figures in the words of `edition` (as the book or the reviewers' score
    /// sheet prints them), each with the YAML path of the part of the form it belongs to (the
    /// editor shows them beside their inputs).
    fn figures(&self, _edition: &Edition) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// Every Rust [`Rules`] there is; editions pick theirs by key.
fn rules() -> [&'static dyn Rules; 2] {
    [
        &moe_learning_award::MoeLearningAward,
        &sme_org_learning::SmeOrgLearning,
    ]
}

/// One edition of one programme, ready to check applications.
pub struct Programme {
    pub edition: Edition,
    rules: &'static dyn Rules,
}

/// How many times rules have run in this process: `render` must run them once per book.
static RULE_PASSES: AtomicUsize = AtomicUsize::new(0);

pub fn rule_passes() -> usize {
    RULE_PASSES.load(Ordering::Relaxed)
}

impl Programme {
    pub fn schema(&self) -> serde_json::Value {
        self.rules.schema(&self.edition.programme)
    }

    pub fn init_template(&self) -> &str {
        &self.edition.init_template
    }

    /// The one rules pass over an application.
    pub fn check(
        &'static self,
        src: &SourceFile,
        spans: &SpanIndex,
        dir: &Path,
    ) -> Result<Checked, LoadFailure> {
        RULE_PASSES.fetch_add(1, Ordering::Relaxed);
        let (model, diagnostics) = self.rules.check(src, spans, dir)?;
        Ok(Checked {
            programme: self,
            diagnostics,
            model,
        })
    }
}

/// An application after its rules: the findings, and the model its book is built from.
pub struct Checked {
    pub programme: &'static Programme,
    pub diagnostics: Vec<Diagnostic>,
    model: Box<dyn Model>,
}

impl Checked {
    /// The book, in the words of the application's edition. Only meaningful when the
    /// findings hold no error.
    pub fn book(&self) -> Book {
        self.model.book(self.programme.edition.words()).tidied()
    }

    /// What the reviewers' forms show of the application.
    pub fn facts(&self) -> review::Facts {
        self.model.facts(&self.programme.edition)
    }

    /// [`Model::figures`] in the words of the application's edition.
    pub fn figures(&self) -> Vec<(String, String)> {
        self.model.figures(&self.programme.edition)
    }
}

struct Registry {
    programmes: Vec<Programme>,
}

static REGISTRY: OnceLock<Result<Registry, Text>> = OnceLock::new();
static EXTRA_DIRS: OnceLock<Vec<PathBuf>> = OnceLock::new();

/// Adds the editions under `dirs` (`--templates`) to the built-in ones. Call before anything
/// looks a programme up; a later call has no effect.
pub fn add_template_dirs(dirs: Vec<PathBuf>) {
    let _ = EXTRA_DIRS.set(dirs);
}

fn build_registry() -> Result<Registry, Text> {
    let mut editions = crate::edition::built_in()?;
    for dir in EXTRA_DIRS.get().map(Vec::as_slice).unwrap_or_default() {
        editions.extend(crate::edition::from_dir(dir)?);
    }
    // An edition that extends another comes after the editions it can extend.
    editions.sort_by_key(|e| e.extends.is_some());
    let mut programmes: Vec<Programme> = Vec::new();
    for mut edition in editions {
        if let Some(base) = edition.extends.clone() {
            let Some(p) = programmes
                .iter()
                .find(|p| p.edition.programme == edition.programme && p.edition.edition == base)
            else {
                return Err(Text::new(
                    format!(
                        "{}：extends 的「{base}」不是 {} 已有的書表版本",
                        edition.origin, edition.programme
                    ),
                    format!(
                        "{}: extends `{base}`, which is not an edition of {} loaded before it",
                        edition.origin, edition.programme
                    ),
                ));
            };
            edition.extend(&p.edition);
            if !edition.built_in() {
                edition.verify()?;
            }
        }
        let Some(rules) = rules().into_iter().find(|r| r.key() == edition.rules) else {
            let known: Vec<&str> = rules().iter().map(|r| r.key()).collect();
            return Err(Text::new(
                format!(
                    "{}：edition.yaml 的 rules「{}」不存在；可用的有 {}",
                    edition.origin,
                    edition.rules,
                    known.join(", ")
                ),
                format!(
                    "{}: edition.yaml names rules `{}`, which do not exist; known: {}",
                    edition.origin,
                    edition.rules,
                    known.join(", ")
                ),
            ));
        };
        // A folder given later replaces an edition of the same key.
        programmes.retain(|p| {
            (p.edition.programme.as_str(), p.edition.edition.as_str())
                != (edition.programme.as_str(), edition.edition.as_str())
        });
        programmes.push(Programme { edition, rules });
    }
    programmes.sort_by(|a, b| {
        (&a.edition.programme, &a.edition.edition).cmp(&(&b.edition.programme, &b.edition.edition))
    });
    Ok(Registry { programmes })
}

/// The registry, or why it cannot be built (a broken `--templates` folder).
pub fn registry_problem() -> Option<&'static Text> {
    REGISTRY.get_or_init(build_registry).as_ref().err()
}

/// Every programme edition, sorted by programme and edition.
pub fn all() -> &'static [Programme] {
    match REGISTRY.get_or_init(build_registry) {
        Ok(r) => &r.programmes,
        Err(_) => &[],
    }
}

/// The programme ids, each once.
pub fn ids() -> Vec<&'static str> {
    let mut ids: Vec<&str> = all().iter().map(|p| p.edition.programme.as_str()).collect();
    ids.dedup();
    ids
}

/// The editions of programme `id`.
pub fn editions(id: &str) -> Vec<&'static Programme> {
    all().iter().filter(|p| p.edition.programme == id).collect()
}

/// The edition `edition` of `id`, or with None the edition marked default (else the last).
pub fn find(id: &str, edition: Option<&str>) -> Option<&'static Programme> {
    let eds = editions(id);
    match edition {
        Some(e) => eds.into_iter().find(|p| p.edition.edition == e),
        None => eds
            .iter()
            .copied()
            .find(|p| p.edition.default)
            .or(eds.last().copied()),
    }
}

/// Finds the programme edition an application names with `programme:` and `edition:`.
pub fn for_application(
    src: &SourceFile,
    spans: &SpanIndex,
) -> Result<&'static Programme, LoadFailure> {
    let loc = |path: &str| spans.location(&src.name, path);
    let known = ids().join(", ");
    let Some(id) = spans.top_scalar("programme") else {
        return Err(LoadFailure::new(
            Diagnostic::error(
                "APP-PROGRAMME-MISSING",
                loc("programme"),
                Text::new(
                    "缺少 `programme:`，無法判斷這是哪一個計畫的申請資料",
                    "`programme:` is missing, so the application's programme is unknown",
                ),
            )
            .with_hint(Text::new(
                format!("在第一行加上 programme: 與計畫代碼（{known}）。"),
                format!("add programme: with one of {known} as the first line."),
            )),
            false,
        ));
    };
    let id = id.trim();
    if editions(id).is_empty() {
        return Err(LoadFailure::new(
            Diagnostic::error(
                "APP-PROGRAMME-UNKNOWN",
                loc("programme"),
                Text::new(
                    format!("不認得的計畫「{id}」"),
                    format!("unknown programme `{id}`"),
                ),
            )
            .with_hint(Text::new(
                format!("可用的計畫：{known}（執行 appbook programmes 查看）。"),
                format!("known programmes: {known} (see appbook programmes)."),
            )),
            false,
        ));
    }
    let edition = spans.top_scalar("edition").map(str::trim);
    match find(id, edition) {
        Some(p) => Ok(p),
        None => {
            let e = edition.unwrap_or_default();
            let eds: Vec<&str> = editions(id)
                .iter()
                .map(|p| p.edition.edition.as_str())
                .collect();
            let list = eds.join("、");
            // The edition an application without `edition:` gets, not whichever sorts last.
            let first = find(id, None)
                .map(|p| p.edition.edition.as_str())
                .unwrap_or_default();
            Err(LoadFailure::new(
                Diagnostic::error(
                    "APP-EDITION-UNSUPPORTED",
                    loc("edition"),
                    Text::new(
                        format!("{id} 支援的書表版本是 {list}，沒有「{e}」"),
                        format!("{id} supports form editions {}, not `{e}`", eds.join(", ")),
                    ),
                )
                .with_hint(Text::new(
                    format!("寫 edition: \"{first}\"。"),
                    format!("write edition: \"{first}\"."),
                )),
                false,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_built_in_edition_verifies_with_its_base_merged_in() {
        let built_in: Vec<_> = super::all()
            .iter()
            .filter(|p| p.edition.built_in())
            .collect();
        assert!(built_in.len() >= 2);
        for p in built_in {
            assert_eq!(p.edition.verify().err(), None, "{}", p.edition.edition);
        }
    }
}
