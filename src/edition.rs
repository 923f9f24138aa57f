//! Form editions as data. Each folder `templates/<programme>/<edition>/` is one edition of a
//! form: `edition.yaml` says which programme and edition it is and which rules (Rust model and
//! checks) its applications follow; `book.yaml` holds every printed word of the book;
//! `application.yaml` is what `appbook init` writes. An edition may `extends:` another edition of
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
        let broken = self.words().problems_in(&self.entries);
        if broken.is_empty() {
            Ok(())
        } else {
            Err(problem(
                &self.origin,
                format!("book.yaml 有無法使用的句子：{}", broken.join("；")),
                format!(
                    "book.yaml has sentences that do not render: {}",
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
            assert!(Strings::entries(book).expect("parses").len() > 80);
            assert_eq!(Strings::problems(book), Vec::<String>::new());
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
