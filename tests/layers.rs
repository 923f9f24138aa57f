//! No module of src/ imports one above it. The layers, bottom first, are drawn in
//! docs/architecture.md; this table is the same list. A module may use its own layer and the
//! ones below; `crate::x` naming a module of a higher layer fails the test with file and line.

use std::path::Path;

const LAYERS: &[(&str, &[&str])] = &[
    (
        "values",
        &["text", "model", "diagnostics", "codes", "write", "schema"],
    ),
    ("input", &["load", "attachment"]),
    ("content", &["book", "inspect"]),
    ("rules", &["rulekit", "format_rules", "edition"]),
    ("programmes", &["programmes"]),
    ("writers", &["writers"]),
    ("one application", &["application"]),
    (
        "commands",
        &[
            "check",
            "render",
            "init",
            "explain",
            "reviewing",
            "roster",
            "score",
            "notice",
            "batch",
            "edit",
        ],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Upward imports in the tree under `src`, as `file:line: a (layer) uses b (layer)`.
fn upward_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let path_re = regex::Regex::new(r"crate::(\w+)").unwrap();
    let group_re = regex::Regex::new(r"use crate::\{([^}]*)\}").unwrap();
    let mut found = Vec::new();
    for file in files {
        let rel = file.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        // The binary (main.rs and its argument definitions in cli.rs) and the crate root sit
        // above every layer.
        if module == "main" || module == "cli" || module == "lib" {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            found.push(format!(
                "{}: module `{module}` is in no layer",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut used: Vec<String> = path_re
                .captures_iter(code)
                .map(|c| c[1].to_string())
                .collect();
            for g in group_re.captures_iter(code) {
                used.extend(
                    g[1].split(',')
                        .filter_map(|p| p.trim().split("::").next())
                        .filter(|m| !m.is_empty())
                        .map(str::to_string),
                );
            }
            for m in used {
                match layer_of(&m) {
                    Some(l) if l > own => found.push(format!(
                        "{}:{}: {module} ({}) uses {m} ({})",
                        rel.display(),
                        n + 1,
                        LAYERS[own].0,
                        LAYERS[l].0
                    )),
                    Some(_) => {}
                    None => found.push(format!(
                        "{}:{}: `crate::{m}` is in no layer",
                        rel.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = upward_imports(&src);
    assert!(found.is_empty(), "upward imports:\n{}", found.join("\n"));
}

#[test]
fn an_upward_import_is_caught() {
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("mod.rs"), "use crate::model::Date;\n").unwrap();
    std::fs::write(
        book.join("parts.rs"),
        "// crate::check in a comment is fine\nuse crate::{text, programmes::Checked};\n",
    )
    .unwrap();
    let found = upward_imports(tmp.path());
    assert_eq!(
        found,
        ["book/parts.rs:2: book (content) uses programmes (programmes)"]
    );
}
