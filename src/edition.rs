//! Form editions as data. Each folder `templates/<programme>/<edition>/` is one edition of a
//! form: `edition.yaml` says which programme and edition it is and which rules (Rust model and
//! checks) its applications follow; `book.yaml` holds every printed word of the book;
//! `application.yaml` is what `appbook init` writes; `review.yaml` holds the reviewers' side of
//! the form (評審項目 and their weights, the wording of the 一覽表, score sheets, 補正通知 and
//! 送件檢核表). An edition may `extends:` another edition of
//! the same programme and give only the sentences that changed. The folders are compiled into
//! the binary; `--templates DIR` adds editions from a folder of the same layout at run time, so
//! a new edition that only changes wording needs no Rust change and no rebuild.

use crate::book::template::Strings;
use crate::diagnostics::Text;
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

const BUILT_IN_ORIGIN: &str = "built-in";

/// One edition of one programme's form.
pub struct Edition {
    /// The `programme:` key of applications, e.g. `moe-learning-award`.
    pub programme: String,
    /// The `edition:` key, e.g. `107`.
    pub edition: String,
    /// Which rules applications of this edition follow, e.g. `moe-learning-award/107`.
    pub rules: String,
    pub title_zh: String,
    pub title_en: String,
    /// Where the edition's form comes from.
    pub source_zh: String,
    /// Used for applications that give no `edition:`.
    pub default: bool,
    /// The edition of the same programme whose words this one starts from.
    pub extends: Option<String>,
    /// Every printed word of the book, as key → sentence (with those of `extends` merged in).
    pub entries: BTreeMap<String, String>,
    /// The same sentences compiled, on first use: `check` never needs them, and compiling
    /// some 180 templates is most of the cost of starting.
    words: OnceLock<Strings>,
    /// The reviewers' side of the form (`review.yaml`; from `extends` when the folder has none).
    pub review: Review,
    /// Its sentences compiled, on first use.
    review_words: OnceLock<Strings>,
    /// The commented application `appbook init` writes (from `extends` when the folder has none).
    pub init_template: String,
    /// `built-in`, or the folder it was read from.
    pub origin: String,
}

/// `edition.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    programme: String,
    edition: String,
    rules: String,
    title_zh: String,
    title_en: String,
    source_zh: String,
    #[serde(default)]
    default: bool,
    #[serde(default)]
    extends: Option<String>,
}

/// `review.yaml`: how reviewers score an application of this edition, and the fixed wording of
/// their forms.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The 評審項目 with their weights (points out of 100), in the form's order.
    #[serde(default)]
    pub items: Vec<ReviewItem>,
    /// The parts of the form a 補正通知 groups problems under, in the form's order.
    #[serde(default)]
    pub groups: Vec<ReviewGroup>,
    /// Sentences of the reviewers' forms, key → tera template, as in `book.yaml`.
    #[serde(default)]
    pub words: BTreeMap<String, String>,
}

/// One 評審項目.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewItem {
    /// The column of the reviewers' score CSV, e.g. `regulations`.
    pub key: String,
    /// 訂有員工學習制度規定
    pub title: String,
    /// Highest score of the item.
    pub weight: u32,
}

/// A part of the form: findings whose YAML path starts with `path` belong to it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewGroup {
    pub path: String,
    pub title: String,
}

/// A file of an edition folder, wherever the folder is.
trait Folder {
    fn read(&self, name: &str) -> Option<String>;
    fn origin(&self) -> String;
}

struct Embedded<'a>(&'a Dir<'a>);

impl Folder for Embedded<'_> {
    fn read(&self, name: &str) -> Option<String> {
        self.0
            .get_file(self.0.path().join(name))
            .and_then(|f| f.contents_utf8())
            .map(str::to_string)
    }
    fn origin(&self) -> String {
        BUILT_IN_ORIGIN.into()
    }
}

struct OnDisk(PathBuf);

impl Folder for OnDisk {
    fn read(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.0.join(name)).ok()
    }
    fn origin(&self) -> String {
        self.0.display().to_string()
    }
}

fn problem(origin: &str, zh: String, en: String) -> Text {
    Text::new(format!("{origin}：{zh}"), format!("{origin}: {en}"))
}

fn load(folder: &dyn Folder) -> Result<Edition, Text> {
    let origin = folder.origin();
    let need = |name: &str| {
        folder.read(name).ok_or_else(|| {
            problem(
                &origin,
                format!("缺少 {name}"),
                format!("{name} is missing"),
            )
        })
    };
    let manifest: Manifest = serde_saphyr::from_str(&need("edition.yaml")?).map_err(|e| {
        problem(
            &origin,
            format!("edition.yaml 有誤：{e}"),
            format!("edition.yaml is not valid: {e}"),
        )
    })?;
    let entries = Strings::entries(&need("book.yaml")?).map_err(|e| {
        problem(
            &origin,
            format!("book.yaml 有誤：{e}"),
            format!("book.yaml is not valid: {e}"),
        )
    })?;
    let review: Review = match folder.read("review.yaml") {
        Some(text) => serde_saphyr::from_str(&text).map_err(|e| {
            problem(
                &origin,
                format!("review.yaml 有誤：{e}"),
                format!("review.yaml is not valid: {e}"),
            )
        })?,
        None => Review::default(),
    };
    let init_template = match (folder.read("application.yaml"), &manifest.extends) {
        (Some(t), _) => t,
        (None, Some(_)) => String::new(),
        (None, None) => need("application.yaml")?,
    };
    Ok(Edition {
        programme: manifest.programme,
        edition: manifest.edition,
        rules: manifest.rules,
        title_zh: manifest.title_zh,
        title_en: manifest.title_en,
        source_zh: manifest.source_zh,
        default: manifest.default,
        extends: manifest.extends,
        entries,
        words: OnceLock::new(),
        review,
        review_words: OnceLock::new(),
        init_template,
        origin,
    })
}

impl Edition {
    /// Takes the sentences (and the init template, when it has none) of `base`, then its own.
    pub fn extend(&mut self, base: &Edition) {
        let mut entries = base.entries.clone();
        entries.extend(std::mem::take(&mut self.entries));
        self.entries = entries;
        self.words = OnceLock::new();
        if self.init_template.is_empty() {
            self.init_template = base.init_template.clone();
        }
        if self.review.items.is_empty() {
            self.review.items = base.review.items.clone();
        }
        if self.review.groups.is_empty() {
            self.review.groups = base.review.groups.clone();
        }
        let mut review = base.review.words.clone();
        review.extend(std::mem::take(&mut self.review.words));
        self.review.words = review;
        self.review_words = OnceLock::new();
    }

    /// The sentences of the reviewers' forms, ready to fill in.
    pub fn review_words(&self) -> &Strings {
        self.review_words
            .get_or_init(|| Strings::from_entries(&self.review.words))
    }

    /// True when the edition's `review.yaml` words a 送件檢核表 (`render` of a folder writes one
    /// beside each book; the editor offers it).
    pub fn has_checklist(&self) -> bool {
        self.review.words.contains_key("checklist_title")
    }

    /// The sentences, ready to fill in.
    pub fn words(&self) -> &Strings {
        self.words
            .get_or_init(|| Strings::from_entries(&self.entries))
    }

    /// True for an edition compiled into the program. Those are verified by this module's
    /// tests, so a broken one never ships; only folders given at run time are verified when
    /// loaded.
    pub fn built_in(&self) -> bool {
        self.origin == BUILT_IN_ORIGIN
    }

    /// Every sentence renders with its variables set (after `extend`, with its base's).
    pub fn verify(&self) -> Result<(), Text> {
        let mut broken = self.words().problems_in(&self.entries);
        broken.extend(self.review_words().problems_in(&self.review.words));
        if broken.is_empty() {
            Ok(())
        } else {
            Err(problem(
                &self.origin,
                format!(
                    "book.yaml 或 review.yaml 有無法使用的句子：{}",
                    broken.join("；")
                ),
                format!(
                    "book.yaml or review.yaml has sentences that do not render: {}",
                    broken.join("; ")
                ),
            ))
        }
    }
}

/// The editions compiled into the program: every `templates/<programme>/<edition>/` folder that
/// has an `edition.yaml`. They are tested, so a broken one fails the build's tests, not a run.
pub fn built_in() -> Result<Vec<Edition>, Text> {
    let mut out = Vec::new();
    for programme in BUILT_IN.dirs() {
        for edition in programme.dirs() {
            if edition
                .get_file(edition.path().join("edition.yaml"))
                .is_some()
            {
                out.push(load(&Embedded(edition))?);
            }
        }
    }
    Ok(out)
}

/// The editions under `dir`, laid out like `templates/`: `<programme>/<edition>/edition.yaml`.
pub fn from_dir(dir: &Path) -> Result<Vec<Edition>, Text> {
    let unreadable = |e: std::io::Error| {
        Text::new(
            format!(
                "無法讀取書表資料夾「{}」：{}",
                dir.display(),
                crate::diagnostics::io_error_zh(&e)
            ),
            format!("cannot read the templates folder `{}`: {e}", dir.display()),
        )
    };
    let mut folders = Vec::new();
    for programme in std::fs::read_dir(dir).map_err(unreadable)? {
        let programme = programme.map_err(unreadable)?.path();
        if !programme.is_dir() {
            continue;
        }
        for edition in std::fs::read_dir(&programme).map_err(unreadable)? {
            let edition = edition.map_err(unreadable)?.path();
            if edition.join("edition.yaml").is_file() {
                folders.push(edition);
            }
        }
    }
    folders.sort();
    if folders.is_empty() {
        return Err(Text::new(
            format!(
                "「{}」中沒有任何書表版本（<計畫>/<版本>/edition.yaml）",
                dir.display()
            ),
            format!(
                "`{}` holds no form edition (<programme>/<edition>/edition.yaml)",
                dir.display()
            ),
        ));
    }
    folders
        .into_iter()
        .map(|f| {
            let edition = load(&OnDisk(f))?;
            // One that extends another is verified once its base's sentences are merged in.
            if edition.extends.is_none() {
                edition.verify()?;
            }
            Ok(edition)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_edition_loads_and_every_sentence_renders() {
        let editions = built_in().expect("the built-in editions load");
        let keys: Vec<(String, String)> = editions
            .iter()
            .map(|e| (e.programme.clone(), e.edition.clone()))
            .collect();
        assert!(keys.contains(&("moe-learning-award".into(), "107".into())));
        assert!(keys.contains(&("sme-org-learning".into(), "103".into())));
        for e in &editions {
            let book = BUILT_IN
                .get_file(format!("{}/{}/book.yaml", e.programme, e.edition))
                .and_then(|f| f.contents_utf8())
                .expect("book.yaml is there");
            assert!(Strings::entries(book).expect("parses").len() > 60);
            assert_eq!(Strings::problems(book), Vec::<String>::new());
            assert_eq!(e.verify().err(), None);
            let weights: u32 = e.review.items.iter().map(|i| i.weight).sum();
            assert_eq!(weights, 100, "{}: 評審項目 weights", e.programme);
            assert!(e.review.words.len() > 20, "{}: review.yaml", e.programme);
            assert!(e
                .init_template
                .contains(&format!("programme: {}", e.programme)));
        }
    }

    #[test]
    fn a_folder_with_a_broken_sentence_is_refused_with_its_key() {
        let dir = std::env::temp_dir().join(format!("appbook-edition-{}", std::process::id()));
        let ed = dir.join("moe-learning-award").join("x");
        std::fs::create_dir_all(&ed).unwrap();
        std::fs::write(
            ed.join("edition.yaml"),
            "programme: moe-learning-award\nedition: x\nrules: moe-learning-award/107\ntitle_zh: t\ntitle_en: t\nsource_zh: s\n",
        )
        .unwrap();
        std::fs::write(ed.join("book.yaml"), "toc_title: \"{{ broken \"\n").unwrap();
        std::fs::write(
            ed.join("application.yaml"),
            "programme: moe-learning-award\n",
        )
        .unwrap();
        let err = from_dir(&dir).err().expect("refused");
        assert!(err.en.contains("book.yaml"), "{}", err.en);
        std::fs::write(ed.join("book.yaml"), "toc_title: 目錄\n").unwrap();
        let ok = from_dir(&dir).expect("a wording-only folder loads");
        assert_eq!(ok[0].words().t("toc_title", &[]), "目錄");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
