//! `render` when the world fails it: the disk fills up part-way through a book, the output
//! folder is read-only, the process is killed at any moment, two renders write into one folder
//! at once, an attachment vanishes between the check and the writing. Each time the folder
//! holds the old books or the new ones, whole, and never a partial file; a failure says why.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use appbook::render::{self, write_book_with};
use appbook::writers::pdf::fonts::FontOptions;
use appbook::writers::Format;
use common::*;
use std::cell::Cell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

const AGENCY: &str = "samples/moe-learning-award/agency";

/// The folder's entries, sorted, with each file's bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn names(dir: &Path) -> Vec<String> {
    contents(dir).into_iter().map(|(n, _)| n).collect()
}

/// A temporary file on a disk with `left` bytes free for the whole run: writes beyond that
/// fail as a full disk does (ENOSPC), after taking what still fits.
struct FullDisk {
    file: std::fs::File,
    left: Rc<Cell<usize>>,
}

impl Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left.get());
        if n == 0 && !buf.is_empty() {
            return Err(std::io::Error::from_raw_os_error(28));
        }
        self.left.set(self.left.get() - n);
        self.file.write(&buf[..n])
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl appbook::write::Sink for FullDisk {
    fn sync(&mut self) -> std::io::Result<()> {
        self.file.sync_all()
    }
}

fn agency_book() -> appbook::book::Book {
    let prepared = render::prepare(&root().join(AGENCY).join("application.yaml"));
    prepared.book.expect("the agency sample passes")
}

fn both_writers() -> Vec<Box<dyn appbook::writers::Writer>> {
    render::writers(&[Format::Pdf, Format::Docx], &FontOptions::default())
        .unwrap_or_else(|t| panic!("{}", t.en))
}

#[test]
fn a_disk_that_fills_up_part_way_leaves_the_old_books_and_no_partial_file() {
    let book = agency_book();
    let writers = both_writers();
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("agency.pdf"), b"old pdf").unwrap();
    std::fs::write(out.path().join("agency.docx"), b"old docx").unwrap();
    let before = contents(out.path());
    let pdf_len = writers[0].write(&book).unwrap().len();
    // Full at once, inside the PDF, exactly after it, inside the DOCX.
    for free in [
        0,
        1,
        4096,
        pdf_len - 1,
        pdf_len,
        pdf_len + 1,
        pdf_len + 5000,
    ] {
        let left = Rc::new(Cell::new(free));
        let create = |tmp: &Path| -> std::io::Result<FullDisk> {
            Ok(FullDisk {
                file: std::fs::File::create(tmp)?,
                left: left.clone(),
            })
        };
        let err = write_book_with(&book, &writers, out.path(), "agency", &create)
            .expect_err(&format!("{free} bytes free: the write must fail"));
        assert!(err.zh.contains("磁碟空間不足"), "{free}: {}", err.zh);
        assert!(
            err.en.contains("No space left on device"),
            "{free}: {}",
            err.en
        );
        assert!(err.en.contains("agency."), "names the file: {}", err.en);
        assert_eq!(contents(out.path()), before, "{free} bytes free");
    }
    // With room enough, the same path writes both books: the failures above were the disk's.
    let left = Rc::new(Cell::new(usize::MAX));
    let create = |tmp: &Path| -> std::io::Result<FullDisk> {
        Ok(FullDisk {
            file: std::fs::File::create(tmp)?,
            left: left.clone(),
        })
    };
    write_book_with(&book, &writers, out.path(), "agency", &create).unwrap();
    assert_eq!(names(out.path()), ["agency.docx", "agency.pdf"]);
    assert_eq!(
        std::fs::read(out.path().join("agency.pdf")).unwrap().len(),
        pdf_len
    );
}

/// Runs `script` as root of its own user and mount namespace (`unshare -r -m`), so it can
/// mount a small tmpfs or a read-only folder that vanish with it, without needing root.
/// Returns the exit status, standard output and both outputs together.
fn in_namespace(script: &str, args: &[&Path]) -> (i32, String, String) {
    let mut cmd = Command::new("unshare");
    cmd.args(["-r", "-m", "sh", "-c", script, "sh"])
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SOURCE_DATE_EPOCH");
    let o = run_command(cmd, Duration::from_secs(300));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let text = format!("{out}{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        !text.contains("unshare:"),
        "these tests mount a tmpfs in a private namespace (`unshare -r -m`, user namespaces \
         enabled, or root); this system refused: {text}"
    );
    (o.status.code().unwrap_or(-1), out, text)
}

#[test]
fn a_real_full_disk_fails_the_render_and_keeps_the_old_books() {
    let dir = tempfile::tempdir().unwrap();
    let app = root().join(AGENCY);
    // 64 KiB: room for the old books, not for the new PDF (its attachments alone are more).
    let script = r#"
        mount -t tmpfs -o size=64k tmpfs "$1" || exit 90
        mkdir "$1/out" && printf 'old pdf' > "$1/out/agency.pdf" && printf 'old docx' > "$1/out/agency.docx"
        "$2" render "$3" -o "$1/out"
        echo "exit=$?"
        ls -A "$1/out"
        cat "$1/out/agency.pdf"; echo; cat "$1/out/agency.docx"; echo
    "#;
    let bin = PathBuf::from(bin());
    let (code, out, text) = in_namespace(script, &[dir.path(), &bin, &app]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("exit=1"), "{text}");
    assert!(text.contains("磁碟空間不足"), "{text}");
    assert!(text.contains("未寫入任何檔案"), "{text}");
    let tail: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("exit="))
        .collect();
    assert_eq!(
        tail[1..],
        ["agency.docx", "agency.pdf", "old pdf", "old docx"],
        "{text}"
    );
}

#[test]
fn a_read_only_output_folder_fails_the_render_and_keeps_the_old_books() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("agency.pdf"), b"old pdf").unwrap();
    let before = contents(&out);
    let app = root().join(AGENCY);
    // Read-only by the mount, not by permissions, which root would pass.
    let script = r#"
        mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 90
        "$2" render "$3" -o "$1"
        echo "exit=$?"
    "#;
    let bin = PathBuf::from(bin());
    let (code, _, text) = in_namespace(script, &[&out, &bin, &app]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("exit=1"), "{text}");
    assert!(text.contains("檔案系統是唯讀的"), "{text}");
    assert!(text.contains("未寫入任何檔案"), "{text}");
    assert_eq!(contents(&out), before);
}

/// `appbook render` of the agency sample into `out`, dated `epoch`.
fn render_command(out: &Path, epoch: &str) -> Command {
    let mut c = Command::new(bin());
    c.arg("render")
        .arg(root().join(AGENCY))
        .arg("-o")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", epoch)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

/// Every file `render` writes for the agency sample: the book and its 送件檢核表, each as DOCX
/// and PDF, in name order.
const FILES: [&str; 4] = [
    "agency-送件檢核表.docx",
    "agency-送件檢核表.pdf",
    "agency.docx",
    "agency.pdf",
];

/// The agency sample's files dated `epoch`, rendered whole in a folder of their own.
fn reference(epoch: &str) -> Vec<(String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let status = render_command(dir.path(), epoch).status().unwrap();
    assert!(status.success());
    let files = contents(dir.path());
    assert_eq!(
        files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        FILES
    );
    files
}

/// The bytes of file `name` in a reference.
fn bytes_of<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> Option<&'a [u8]> {
    files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| b.as_slice())
}

/// Every file in `out` is that file of one of the two references, whole; anything else is a
/// temporary file of a run.
fn assert_whole(out: &Path, a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)], when: &str) {
    for (name, bytes) in contents(out) {
        match (bytes_of(a, &name), bytes_of(b, &name)) {
            (Some(x), Some(y)) => assert!(
                bytes == x || bytes == y,
                "{when}: {name} is neither file whole ({} bytes)",
                bytes.len()
            ),
            _ => assert!(name.ends_with(".tmp"), "{when}: unexpected {name}"),
        }
    }
}

/// xorshift64*: the kill moments are random but the same on every run, so a failure repeats.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_book_or_the_new_one() {
    let old = reference("0");
    let new = reference("86400");
    assert_ne!(
        bytes_of(&old, "agency.pdf"),
        bytes_of(&new, "agency.pdf"),
        "the two dates must give different books"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for (name, bytes) in &old {
        std::fs::write(out.join(name), bytes).unwrap();
    }
    let start = Instant::now();
    assert!(render_command(&out, "0").status().unwrap().success());
    let full = start.elapsed();
    let mut state = 0x5EED_0FA9_9B00_C5D1_u64;
    // Kill moments fall anywhere in a window as long as one render; a kill that comes after
    // the render ended does not count, and narrows the window (renders are faster than the
    // first, measured one), so the test makes 50 kills of a running render on any machine.
    let mut window = full;
    let (mut kills, mut tries) = (0, 0);
    while kills < 50 {
        tries += 1;
        assert!(tries <= 1000, "only {kills} kills hit a running render");
        let epoch = if tries % 2 == 0 { "86400" } else { "0" };
        let mut child = render_command(&out, epoch).spawn().unwrap();
        let at = window.mul_f64((next(&mut state) % 1000) as f64 / 1000.0);
        std::thread::sleep(at);
        let running = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        assert_whole(&out, &old, &new, &format!("kill {tries} after {at:?}"));
        assert!(FILES.iter().all(|f| out.join(f).exists()), "kill {tries}");
        if running {
            kills += 1;
        } else {
            window = window.mul_f64(0.8);
        }
    }
    // The next run clears what killed runs left and writes its books whole.
    assert!(render_command(&out, "86400").status().unwrap().success());
    assert_eq!(contents(&out), new);
}

#[test]
fn two_renders_into_one_folder_both_finish_and_each_file_is_one_of_them_whole() {
    let a = reference("0");
    let b = reference("86400");
    let dir = tempfile::tempdir().unwrap();
    for round in 0..5 {
        let mut first = render_command(dir.path(), "0").spawn().unwrap();
        let mut second = render_command(dir.path(), "86400").spawn().unwrap();
        assert!(
            first.wait().unwrap().success(),
            "round {round}: first failed"
        );
        assert!(
            second.wait().unwrap().success(),
            "round {round}: second failed"
        );
        assert_whole(dir.path(), &a, &b, &format!("round {round}"));
        assert_eq!(names(dir.path()), FILES, "round {round}");
    }
}

/// The agency sample copied into a fresh folder, its book built from the checked model.
fn checked_copy() -> (tempfile::TempDir, PathBuf, appbook::book::Book) {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("agency");
    let status = Command::new("cp")
        .arg("-r")
        .arg(root().join(AGENCY))
        .arg(&app)
        .status()
        .unwrap();
    assert!(status.success());
    let prepared = render::prepare(&app.join("application.yaml"));
    let book = prepared.book.expect("the copy passes its check");
    (dir, app, book)
}

#[test]
fn an_attachment_deleted_after_the_check_stops_the_render_with_its_name() {
    for (file, format) in [
        ("budget.pdf", Format::Pdf),
        ("award.png", Format::Pdf),
        ("award.png", Format::Docx),
    ] {
        let (dir, app, book) = checked_copy();
        std::fs::remove_file(app.join("attachments").join(file)).unwrap();
        let writers = render::writers(&[format], &FontOptions::default()).unwrap();
        let out = dir.path().join("out");
        let err = render::write_book(&book, &writers, &out, "agency")
            .expect_err(&format!("{file} is gone: {format:?} must fail"));
        assert!(err.zh.contains(file), "{format:?}: {}", err.zh);
        assert!(err.en.contains(file), "{format:?}: {}", err.en);
        assert!(!out.exists(), "{format:?}: an output folder was made");
    }
}
