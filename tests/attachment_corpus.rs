//! check passes exactly when render succeeds, over a corpus of damaged attachments: a file the
//! writers cannot place is refused by `check` (at the attachment's line), and a file `check`
//! accepts is placed in both books. The corpus is made here: images from the image crate, PDFs
//! from the fixtures' own attachment, locked and converted with qpdf.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::*;
use std::path::{Path, PathBuf};

/// One attachment of the corpus and whether the application holding it must pass. `None`
/// leaves the outcome to the decoders (a cut-off file with its end marker put back): only the
/// agreement of check and render is asserted then.
struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    passes: Option<bool>,
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 7 % 256) as u8,
            (y * 13 % 256) as u8,
            ((x + y) % 256) as u8,
        ])
    });
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 3 % 256) as u8, (y * 5 % 256) as u8, 128])
    });
    img.write_to(
        &mut std::io::Cursor::new(&mut out),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    out
}

/// The offset of a PNG chunk's type (`IHDR`, `IDAT`), after its 4-byte length.
fn chunk(png: &[u8], kind: &[u8; 4]) -> usize {
    png.windows(4).position(|w| w == kind).unwrap()
}

/// A real PNG whose header claims `w` × `h` pixels, with the header's checksum made right, so
/// only the pixel count is wrong.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut p = png(4, 4);
    let at = chunk(&p, b"IHDR");
    p[at + 4..at + 8].copy_from_slice(&w.to_be_bytes());
    p[at + 8..at + 12].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&p[at..at + 17]);
    p[at + 17..at + 21].copy_from_slice(&crc.to_be_bytes());
    p
}

fn qpdf(args: &[&str], input: &Path, out: &Path) -> Vec<u8> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend([input.to_str().unwrap(), out.to_str().unwrap()]);
    tool("qpdf", &all);
    std::fs::read(out).unwrap()
}

/// qpdf's encryption options: a password to open; only an owner password (AES-256, RC4-128).
const USER_PASSWORD: &[&str] = &["--encrypt", "secret", "owner", "256", "--"];
const OWNER_ONLY: &[&str] = &["--encrypt", "", "owner", "256", "--"];
const OWNER_ONLY_RC4: &[&str] = &[
    "--allow-weak-crypto",
    "--encrypt",
    "",
    "owner",
    "128",
    "--use-aes=n",
    "--",
];

fn corpus(work: &Path) -> Vec<Case> {
    let good_pdf_path =
        root().join("tests/fixtures/moe-learning-award/valid/attachments/proof.pdf");
    let good_pdf = std::fs::read(&good_pdf_path).unwrap();
    let good_png = png(40, 30);
    let good_jpeg = jpeg(64, 48);
    let half = |b: &[u8]| b[..b.len() / 2].to_vec();
    let out = work.join("qpdf.pdf");
    let locked = |args: &[&str]| qpdf(args, &good_pdf_path, &out);
    let case = |name, bytes, passes| Case {
        name,
        bytes,
        passes,
    };

    // A byte of the compressed pixel data changed, its chunk's checksum left as it was.
    let mut bad_data = good_png.clone();
    let idat = chunk(&bad_data, b"IDAT");
    bad_data[idat + 6] ^= 0x55;
    // The pixel data intact, only its chunk's checksum wrong.
    let mut bad_crc = good_png.clone();
    let idat_len = u32::from_be_bytes(bad_crc[idat - 4..idat].try_into().unwrap()) as usize;
    bad_crc[idat + 4 + idat_len] ^= 0xFF;
    // Cut inside the pixel data, the closing IEND put back so the end looks whole.
    let mut cut_png = good_png[..idat + 20].to_vec();
    cut_png.extend_from_slice(&good_png[good_png.len() - 12..]);
    // A JPEG cut in its scan data, its end marker put back.
    let mut cut_jpeg = good_jpeg[..good_jpeg.len() * 2 / 3].to_vec();
    cut_jpeg.extend_from_slice(b"\xFF\xD9");
    let mut cut_pdf_marked = half(&good_pdf);
    cut_pdf_marked.extend_from_slice(b"\n%%EOF\n");

    vec![
        case("good.png", good_png.clone(), Some(true)),
        case("good.jpg", good_jpeg.clone(), Some(true)),
        case("good.pdf", good_pdf.clone(), Some(true)),
        // The extension is only warned about: the content decides.
        case("photo.jpg", good_png.clone(), Some(true)),
        case("bad-data.png", bad_data, Some(false)),
        case("bad-crc.png", bad_crc, Some(false)),
        case("cut.png", half(&good_png), Some(false)),
        case("cut-marked.png", cut_png, Some(false)),
        case("cut.jpg", half(&good_jpeg), Some(false)),
        case("cut-marked.jpg", cut_jpeg, None),
        case(
            "headers-only.jpg",
            b"\xFF\xD8\xFF\xD9".to_vec(),
            Some(false),
        ),
        // 100,000 × 100,000 pixels: more than the decoders' memory limit.
        case("huge.png", png_claiming(100_000, 100_000), Some(false)),
        case("zero-width.png", png_claiming(0, 4), Some(false)),
        case("empty.png", Vec::new(), Some(false)),
        case("text.pdf", b"not a PDF at all\n".to_vec(), Some(false)),
        case("cut.pdf", half(&good_pdf), Some(false)),
        case("cut-marked.pdf", cut_pdf_marked, None),
        case(
            "garbage.pdf",
            b"%PDF-1.7\n\x00\x01\x02 garbage\n%%EOF\n".to_vec(),
            Some(false),
        ),
        case("user-password.pdf", locked(USER_PASSWORD), Some(false)),
        // Only an owner password: it opens without one, so it can be placed.
        case("owner-only.pdf", locked(OWNER_ONLY), Some(true)),
        case("owner-only-rc4.pdf", locked(OWNER_ONLY_RC4), Some(true)),
        // The book is PDF 1.7: a 2.0 file cannot be embedded in it.
        case(
            "version-2.pdf",
            locked(&["--force-version=2.0"]),
            Some(false),
        ),
    ]
}

/// The valid moe fixture with its last attachment (評審項目 五's) replaced by `file`.
fn application_with(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let app = copy_valid("moe-learning-award", dir);
    std::fs::write(dir.join("attachments").join(name), bytes).unwrap();
    let yaml = std::fs::read_to_string(&app).unwrap();
    let at = yaml.rfind("file: attachments/proof.pdf").unwrap();
    let yaml = format!(
        "{}file: attachments/{name}{}",
        &yaml[..at],
        &yaml[at + "file: attachments/proof.pdf".len()..]
    );
    std::fs::write(&app, yaml).unwrap();
    app
}

#[test]
fn check_passes_exactly_when_render_succeeds() {
    let work = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for case in corpus(work.path()) {
        let dir = work.path().join(case.name);
        let app = application_with(&dir, case.name, &case.bytes);
        let checked = run(&["check", app.to_str().unwrap(), "--format", "json"]);
        let out = dir.join("out");
        let rendered = run_limited(
            &["render", app.to_str().unwrap(), "-o", out.to_str().unwrap()],
            std::time::Duration::from_secs(300),
        );
        let (c, r) = (checked.status.code(), rendered.status.code());
        let written: Vec<_> = std::fs::read_dir(&out)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        eprintln!(
            "{}: check exit {c:?}, render exit {r:?}, {} file(s) written",
            case.name,
            written.len()
        );
        let passed = c == Some(0);
        if passed != (r == Some(0)) {
            problems.push(format!(
                "{}: check exit {c:?} but render exit {r:?}: {}",
                case.name,
                String::from_utf8_lossy(&rendered.stderr)
            ));
            continue;
        }
        if let Some(want) = case.passes {
            if passed != want {
                problems.push(format!(
                    "{}: expected check to {}: {}",
                    case.name,
                    if want { "pass" } else { "fail" },
                    json(&checked)
                ));
                continue;
            }
        }
        if passed {
            // The book and its 送件檢核表, each as PDF and DOCX.
            if written.len() != 4 {
                problems.push(format!("{}: render wrote {written:?}", case.name));
            }
        } else {
            // Refused by the rules, at the attachment's line, before any writer ran.
            let j = json(&checked);
            let attach = j["diagnostics"].as_array().unwrap().iter().any(|d| {
                d["code"].as_str().unwrap().starts_with("ATTACH-")
                    && d["path"].as_str().unwrap().starts_with("attachments[4]")
            });
            if c != Some(1) || !attach || !written.is_empty() {
                problems.push(format!(
                    "{}: refused without an attachment finding, or with files left: {j} {written:?}",
                    case.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
