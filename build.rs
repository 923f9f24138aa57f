// The form editions under templates/ are compiled in (see src/edition.rs); a changed or new file
// there must rebuild the program, which the embedding macro cannot tell cargo on stable Rust.
//
// `appbook explain` shows each rule's invalid example from tests/fixtures/<programme>/<CODE>/;
// the fixtures' application.yaml files are listed here so the binary carries them.
use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=tests/fixtures");
    // Read when the script runs, not when it was compiled: a target folder copied from another
    // checkout keeps the compiled script, which would list that checkout's fixtures.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest);
    let mut out = String::from("pub static FIXTURES: &[(&str, &str, &str)] = &[\n");
    for programme in ["moe-learning-award", "sme-org-learning"] {
        let dir = root.join("tests/fixtures").join(programme);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| dir.join(n).join("application.yaml").is_file())
            .collect();
        names.sort();
        for name in names {
            let file = dir.join(&name).join("application.yaml");
            writeln!(
                out,
                "    ({programme:?}, {name:?}, include_str!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixtures.rs");
    std::fs::write(dest, out).unwrap();
}
