// The form editions under templates/ are compiled in (see src/edition.rs); a changed or new file
// there must rebuild the program, which the embedding macro cannot tell cargo on stable Rust.
fn main() {
    println!("cargo:rerun-if-changed=templates");
}
