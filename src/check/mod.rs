//! `appbook check`: finds the applications under the given paths and runs their programme's
//! rules. Findings come back as one [`Report`]; printing is the diagnostics module's job.

use crate::diagnostics::{Diagnostic, Location, Report, Text};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a path given to `check` turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Yaml(PathBuf),
    Docx(PathBuf),
    Pdf(PathBuf),
    /// `-`: one application read from standard input.
    Stdin,
}

/// The kinds of file `--only` can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Yaml,
    Docx,
    Pdf,
}

impl Input {
    fn kind(&self) -> Kind {
        match self {
            Input::Yaml(_) | Input::Stdin => Kind::Yaml,
            Input::Docx(_) => Kind::Docx,
            Input::Pdf(_) => Kind::Pdf,
        }
    }
}

/// Which files a folder walk takes.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// gitignore-style globs, matched inside each folder given, whose files are left out.
    pub exclude: Vec<String>,
    /// Only these kinds of file; empty means all.
    pub only: Vec<Kind>,
}

/// The file listing a folder's exclusions, in gitignore syntax; read in the folder given, its
/// subfolders and the folders above it.
pub const IGNORE_FILE: &str = ".appbookignore";

fn classify(p: &Path) -> Option<Input> {
    match p
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("yaml" | "yml") => Some(Input::Yaml(p.to_path_buf())),
        Some("docx") => Some(Input::Docx(p.to_path_buf())),
        Some("pdf") => Some(Input::Pdf(p.to_path_buf())),
        _ => None,
    }
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to check. `walked` books came from a folder walk and are dropped later when an
    /// application names them as its evidence.
    pub inputs: Vec<(Input, bool)>,
    /// Paths that could not be used (missing, unsupported, a bad glob): exit status 2.
    pub problems: Vec<Diagnostic>,
}

/// Expands folders (recursively, skipping hidden ones, attachment folders, `.appbookignore`d
/// and `--exclude`d files) into the files to check, sorted so reports are stable. Explicit
/// files are taken as given, except that `--only` applies to them too.
pub fn collect(paths: &[PathBuf], opts: &Options) -> Found {
    let mut found = Found::default();
    let wanted = |i: &Input| opts.only.is_empty() || opts.only.contains(&i.kind());
    for p in paths {
        if p.as_os_str() == "-" {
            if !found.inputs.iter().any(|(i, _)| *i == Input::Stdin) && wanted(&Input::Stdin) {
                found.inputs.push((Input::Stdin, false));
            }
        } else if p.is_dir() {
            match walk(p, opts) {
                Ok(files) => found
                    .inputs
                    .extend(files.into_iter().filter(|i| wanted(i)).map(|i| (i, true))),
                Err(d) => found.problems.push(*d),
            }
        } else if p.exists() {
            match classify(p) {
                Some(i) if wanted(&i) => found.inputs.push((i, false)),
                Some(_) => {}
                None => found.problems.push(unsupported(p)),
            }
        } else {
            found.problems.push(not_there(p));
        }
    }
    found
}

/// A path that names nothing readable: missing, or a symbolic link that leads nowhere or
/// round in a loop (which is no missing file, and the message must not say so).
fn not_there(p: &Path) -> Diagnostic {
    let link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let looped = std::fs::metadata(p)
        .err()
        .is_some_and(|e| crate::diagnostics::is_link_loop(&e));
    let text = if looped {
        Text::new(
            format!(
                "「{}」是形成迴圈的符號連結（連結最後又指回自己），無法讀取",
                p.display()
            ),
            format!(
                "`{}` is a symbolic link in a loop (it leads back to itself) and cannot be read",
                p.display()
            ),
        )
    } else if link {
        Text::new(
            format!("「{}」是符號連結，但它指向的檔案不存在", p.display()),
            format!(
                "`{}` is a symbolic link to a file that does not exist",
                p.display()
            ),
        )
    } else {
        Text::new(
            format!("找不到「{}」", p.display()),
            format!("`{}` does not exist", p.display()),
        )
    };
    let d = Diagnostic::error("INPUT-UNREADABLE", file_location(p), text);
    if link {
        d.with_hint(Text::new(
            "用 ls -l 查看連結指向哪裡，改成指向實際的檔案。",
            "see where the link points with ls -l and point it at the real file.",
        ))
    } else {
        d
    }
}

fn walk(root: &Path, opts: &Options) -> Result<Vec<Input>, Box<Diagnostic>> {
    let mut overrides = ignore::overrides::OverrideBuilder::new(root);
    for glob in &opts.exclude {
        // An override without `!` would whitelist; with it, the glob excludes.
        overrides
            .add(&format!("!{glob}"))
            .map_err(|e| bad_glob(glob, &e))?;
    }
    let overrides = overrides.build().map_err(|e| bad_glob("", &e))?;
    // Both cores walk: a folder of 10,000 applications is some 30,000 folders to list. The
    // files are then put in the order a walk sorted by name gives (paths compare component by
    // component, as that walk visits them).
    let walker = ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .hidden(true)
        .parents(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .overrides(overrides)
        .follow_links(false)
        .build_parallel();
    let found = std::sync::Mutex::new(Vec::new());
    walker.run(|| {
        let found = &found;
        Box::new(move |entry| {
            let input = entry
                .ok()
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .and_then(|e| match classify(e.path()) {
                    Some(Input::Yaml(p)) => declares_programme(&p).then_some(Input::Yaml(p)),
                    // Files under an attachments/ folder are evidence, not books.
                    Some(i) if !in_attachments(e.path(), root) => Some(i),
                    _ => None,
                });
            if let (Some(i), Ok(mut found)) = (input, found.lock()) {
                found.push(i);
            }
            ignore::WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_default();
    found.sort_by(|a, b| input_path(a).cmp(input_path(b)));
    Ok(found)
}

fn input_path(i: &Input) -> &Path {
    match i {
        Input::Yaml(p) | Input::Docx(p) | Input::Pdf(p) => p,
        Input::Stdin => Path::new("-"),
    }
}

fn bad_glob(glob: &str, e: &ignore::Error) -> Box<Diagnostic> {
    // The error quotes the glob with the `!` added above; the user never typed it.
    let why = e
        .to_string()
        .replace(&format!("'!{glob}'"), &format!("'{glob}'"));
    Box::new(Diagnostic::error(
        "INPUT-EXCLUDE",
        Location {
            file: "--exclude".into(),
            ..Default::default()
        },
        Text::new(
            format!("--exclude 的樣式「{glob}」無效：{why}"),
            format!("the --exclude pattern `{glob}` is not valid: {why}"),
        ),
    )
    .with_hint(Text::new(
        "樣式的寫法與 .gitignore 相同，例如 --exclude '*.pdf' 或 --exclude 'reference/'。",
        "patterns are written as in .gitignore, e.g. --exclude '*.pdf' or --exclude 'reference/'.",
    )))
}

fn in_attachments(file: &Path, root: &Path) -> bool {
    file.strip_prefix(root)
        .unwrap_or(file)
        .parent()
        .is_some_and(|d| {
            d.components()
                .any(|c| c.as_os_str().eq_ignore_ascii_case("attachments"))
        })
}

/// In a folder walk, a file named application.yaml is always an application (so one that lost its
/// `programme:` key is reported, not skipped); other YAML files are applications only when they
/// have a top-level `programme:` key, so a CI workflow beside them is left alone.
fn declares_programme(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
    if matches!(
        name.as_deref(),
        Some("application.yaml" | "application.yml")
    ) {
        return true;
    }
    let Ok(text) = std::fs::read(p) else {
        return true;
    };
    let head = &text[..text.len().min(64 * 1024)];
    String::from_utf8_lossy(head)
        .lines()
        .any(|l| l.starts_with("programme:"))
}

fn file_location(p: &Path) -> Location {
    Location {
        file: p.display().to_string(),
        ..Default::default()
    }
}

fn unsupported(p: &Path) -> Diagnostic {
    Diagnostic::error(
        "INPUT-UNSUPPORTED",
        file_location(p),
        Text::new(
            "只能檢查 YAML 申請資料（.yaml/.yml）、DOCX 或 PDF 檔，或包含它們的資料夾",
            "only YAML applications (.yaml/.yml), DOCX or PDF files, or folders holding them, can be checked",
        ),
    )
}

/// Checks every input found under `paths`; files run in parallel.
pub fn run(paths: &[PathBuf]) -> Report {
    run_with(paths, &Options::default())
}

/// Checks every input found under `paths` with `opts`. Applications are read first, so a PDF
/// or DOCX that one of them names as evidence is not then judged as a book.
pub fn run_with(paths: &[PathBuf], opts: &Options) -> Report {
    let found = collect(paths, opts);
    let mut report = Report::default();
    if !found.problems.is_empty() {
        report.unreadable = true;
        report.diagnostics.extend(found.problems);
    } else if found.inputs.is_empty() {
        report.unreadable = true;
        report.diagnostics.push(nothing_found(paths, opts));
    }
    let (applications, books): (Vec<_>, Vec<_>) = found
        .inputs
        .into_iter()
        .partition(|(i, _)| i.kind() == Kind::Yaml);
    // Only a PDF or DOCX found by the folder walk can turn out to be an application's evidence.
    let named = books.iter().any(|(_, walked)| *walked);
    let loaded: Vec<(Report, Vec<PathBuf>)> = applications
        .par_iter()
        .map(|(i, _)| {
            let l = match i {
                Input::Stdin => crate::application::load_stdin_naming(named),
                Input::Yaml(p) => crate::application::load_naming(p, named),
                _ => unreachable!("partitioned by kind"),
            };
            let mut report = l.report;
            report.drop_unquoted_sources();
            (report, l.named_files)
        })
        .collect();
    let mut evidence = std::collections::BTreeSet::new();
    for (r, named) in loaded {
        report.extend(r);
        evidence.extend(named);
    }
    let books: Vec<Input> = books
        .into_iter()
        .filter(|(i, walked)| {
            let (Input::Docx(p) | Input::Pdf(p)) = i else {
                return true;
            };
            !(*walked && p.canonicalize().is_ok_and(|c| evidence.contains(&c)))
        })
        .map(|(i, _)| i)
        .collect();
    let parts: Vec<Report> = books
        .par_iter()
        .map(|i| match i {
            Input::Docx(p) | Input::Pdf(p) => check_book(i, p),
            _ => unreachable!("partitioned by kind"),
        })
        .collect();
    for r in parts {
        report.extend(r);
    }
    report.sort();
    report
}

/// A run that finds nothing to check is a mistake (a wrong folder, an exclusion too wide), not
/// a pass: CI must not go green on it.
pub fn nothing_found(paths: &[PathBuf], opts: &Options) -> Diagnostic {
    let names = paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let filtered = !opts.exclude.is_empty() || !opts.only.is_empty();
    Diagnostic::error(
        "INPUT-NOTHING-FOUND",
        Location {
            file: names.clone(),
            ..Default::default()
        },
        Text::new(
            format!("在「{names}」找不到任何申請資料（含 programme: 的 YAML）、DOCX 或 PDF 檔"),
            format!("no application (YAML with programme:), DOCX or PDF file found in `{names}`"),
        ),
    )
    .with_hint(if filtered {
        Text::new(
            "請確認路徑，以及 --exclude、--only 與 .appbookignore 是否排除了所有檔案。",
            "check the path, and whether --exclude, --only or .appbookignore leave anything out.",
        )
    } else {
        Text::new(
            "請確認路徑；資料夾中的申請資料須是含 programme: 的 YAML 檔（隱藏資料夾與 .appbookignore 列出的檔案不檢查）。",
            "check the path; applications in a folder are YAML files with a programme: key (hidden folders and files listed in .appbookignore are skipped).",
        )
    })
}

/// Checks a finished DOCX or PDF against the format rules (SPEC §4.1).
pub fn check_book(input: &Input, path: &Path) -> Report {
    let mut r = Report::default();
    let file = path.display().to_string();
    r.files.push(file.clone());
    let observed = crate::inspect::read_capped(path).and_then(|bytes| match input {
        Input::Pdf(_) => crate::inspect::pdf::inspect(&bytes),
        _ => crate::inspect::docx::inspect(&bytes),
    });
    match observed {
        Ok(o) => r.diagnostics.extend(crate::format_rules::check(&o, &file)),
        Err(e) => {
            r.unreadable = true;
            r.diagnostics
                .push(Diagnostic::error(e.code, file_location(path), e.message));
        }
    }
    r
}

/// Reads one YAML application and runs its programme's rules.
pub fn check_yaml(path: &Path) -> Report {
    crate::application::load(path).report
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk runs on several threads; what it finds comes out in the order of a walk sorted by
    /// name, each folder's whole content before the next name (`a/…` before `a-x/…`, although
    /// `-` sorts before `/` in a plain string).
    #[test]
    fn a_folder_walk_finds_files_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b/application.yaml",
            "a-x/application.yaml",
            "a/z/application.yaml",
            "a/application.yaml",
            "a/book.pdf",
            "a/attachments/seal.pdf",
            ".hidden/application.yaml",
        ] {
            let path = root.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "programme: x\n").unwrap();
        }
        let found = collect(&[root.to_path_buf()], &Options::default());
        let names: Vec<String> = found
            .inputs
            .iter()
            .map(|(i, walked)| {
                assert!(*walked);
                let p = input_path(i).strip_prefix(root).unwrap();
                p.to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a/application.yaml",
                "a/book.pdf",
                "a/z/application.yaml",
                "a-x/application.yaml",
                "b/application.yaml"
            ]
        );
    }
}
