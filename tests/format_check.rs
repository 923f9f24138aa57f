//! `appbook check book.docx|book.pdf`: books made by other tools (python-docx, LibreOffice,
//! a hand-written PDF) fail with exactly the expected format codes and pass when made right;
//! hostile files exit 2 quickly and in bounded memory; appbook's own books pass.

// Renders books or drives commands that only the full build has (the check-only build,
// `--no-default-features`, compiles it empty).
#![cfg(feature = "render")]

mod common;

use common::{bin, programmes, render_cli, require_python_docx, samples, soffice_pdf, tool};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Kills a hung check; hostile files must finish far sooner (measured in the report).
const HANG: Duration = Duration::from_secs(60);

struct Outcome {
    exit: i32,
    errors: Vec<String>,
    warnings: Vec<String>,
    json: serde_json::Value,
}

/// Runs appbook; returns its exit status and standard output.
fn run(args: &[&str]) -> (i32, String) {
    let o = common::run_limited(args, HANG);
    (
        o.status.code().expect("exit code, not a signal"),
        common::stdout(&o),
    )
}

fn check(path: &Path) -> Outcome {
    let p = path.to_str().unwrap();
    let (exit, out) = run(&["check", p, "--format", "json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json output");
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for d in json["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap().to_string();
        match d["severity"].as_str().unwrap() {
            "error" => errors.push(code),
            _ => warnings.push(code),
        }
    }
    errors.sort();
    warnings.sort();
    Outcome {
        exit,
        errors,
        warnings,
        json,
    }
}

fn make_docx(dir: &Path, name: &str, opts: &[&str]) -> PathBuf {
    require_python_docx();
    let script = common::root().join("tests/format_check/make_docx.py");
    let out = dir.join(format!("{name}.docx"));
    let mut args = vec![script.to_str().unwrap(), out.to_str().unwrap()];
    args.extend_from_slice(opts);
    tool("python3", &args);
    out
}

/// The python-docx cases: options for make_docx.py and the error codes each must raise.
const CASES: &[(&str, &[&str], &[&str])] = &[
    ("good", &[], &[]),
    ("variants", &["order=variants"], &[]),
    ("size12", &["size=12"], &["FMT-FONT-SIZE"]),
    ("letter", &["paper=letter"], &["FMT-PAPER"]),
    ("landscape", &["landscape=1"], &["FMT-ORIENTATION"]),
    ("pmingliu", &["font=新細明體"], &["FMT-FONT-FACE"]),
    ("spacing15", &["spacing=1.5"], &["FMT-LINE-SPACING"]),
    ("inverted", &["order=inverted"], &["FMT-HEADING-ORDER"]),
    ("skip", &["order=skip"], &["FMT-HEADING-SKIP"]),
    ("heading16", &["heading_size=16"], &["FMT-FONT-SIZE"]),
    ("run12", &["run_size=12"], &["FMT-FONT-SIZE"]),
    // Heading numbers from Word's automatic numbering (numbering.xml), as appbook writes them.
    ("numbered", &["numbering=good"], &[]),
    ("numbered-skip", &["numbering=skip"], &["FMT-HEADING-SKIP"]),
    // Nothing to judge is not a pass.
    ("empty", &["content=empty"], &["FMT-NO-TEXT"]),
    ("latin", &["content=latin"], &["FMT-NO-TEXT"]),
];

#[test]
fn docx_from_python_docx_fail_with_exactly_the_expected_codes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, opts, expected) in CASES {
        let f = make_docx(dir.path(), name, opts);
        let o = check(&f);
        assert_eq!(o.errors, *expected, "{name}: {}", o.json);
        assert!(o.warnings.is_empty(), "{name}: {}", o.json);
        assert_eq!(o.exit, if expected.is_empty() { 0 } else { 1 }, "{name}");
    }
}

#[test]
fn docx_findings_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let f = make_docx(dir.path(), "run12", &["run_size=12"]);
    let o = check(&f);
    let d = &o.json["diagnostics"][0];
    // The third heading is paragraph 9; its second body paragraph is 11.
    assert_eq!(d["path"], "paragraph 11 (（一）員工人數)", "{}", o.json);
    assert_eq!(d["line"], 0);
    assert!(d["message"].as_str().unwrap().contains("12 pt"));
}

#[test]
fn automatic_numbers_are_counted_like_word() {
    let dir = tempfile::tempdir().unwrap();
    let f = make_docx(dir.path(), "numbered-skip", &["numbering=skip"]);
    let o = check(&f);
    let d = &o.json["diagnostics"][0];
    assert_eq!(d["code"], "FMT-HEADING-SKIP", "{}", o.json);
    // The skipped heading is numbered （一） by numbering.xml; its text is only 員工人數.
    assert!(
        d["message"].as_str().unwrap().contains("（一）員工人數"),
        "{}",
        o.json
    );
    // A finding under the fourth heading, which numbering.xml numbers 貳、 (its text is 評審項目):
    // heading 4 is paragraph 13, its second body paragraph 15.
    let f = make_docx(
        dir.path(),
        "numbered-run",
        &["numbering=good", "run_size=12", "run_at=3"],
    );
    let o = check(&f);
    assert_eq!(o.errors, ["FMT-FONT-SIZE"], "{}", o.json);
    assert_eq!(
        o.json["diagnostics"][0]["path"],
        "paragraph 15 (貳、評審項目)"
    );
    let f = make_docx(
        dir.path(),
        "numbered-13",
        &["numbering=good", "spacing=1.5"],
    );
    let o = check(&f);
    assert_eq!(o.errors, ["FMT-LINE-SPACING"], "{}", o.json);
}

#[test]
fn substitute_kai_is_a_warning_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let f = make_docx(dir.path(), "twkai", &["font=TW-Kai"]);
    let o = check(&f);
    assert_eq!(o.exit, 0, "{}", o.json);
    assert!(o.errors.is_empty());
    assert_eq!(o.warnings, ["FMT-FONT-SUBSTITUTE"]);
    let msg = o.json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("TW-Kai"), "{msg}");
}

#[test]
fn pdf_from_libreoffice_fail_with_exactly_the_expected_codes() {
    let dir = tempfile::tempdir().unwrap();
    // 新細明體 is left out: with no Ming font installed LibreOffice would set it in Kai. The
    // books without Chinese text have no Kai text to warn about; the hand-made PDFs below
    // cover them.
    let cases: Vec<_> = CASES
        .iter()
        .filter(|(n, _, _)| {
            !matches!(
                *n,
                "pmingliu" | "run12" | "numbered" | "numbered-skip" | "empty" | "latin"
            )
        })
        .collect();
    let docx: Vec<PathBuf> = cases
        .iter()
        .map(|(n, o, _)| make_docx(dir.path(), n, o))
        .collect();
    let pdfs = soffice_pdf(&docx, dir.path());
    for ((name, _, expected), pdf) in cases.iter().zip(&pdfs) {
        let o = check(pdf);
        assert_eq!(o.errors, *expected, "{name}: {}", o.json);
        // The PDF is set in TW-Kai, so the substitute warning is expected and allowed.
        assert_eq!(o.warnings, ["FMT-FONT-SUBSTITUTE"], "{name}: {}", o.json);
        assert_eq!(o.exit, if expected.is_empty() { 0 } else { 1 }, "{name}");
    }
}

// ---- Hand-written PDFs: exact control over fonts, matrices and embedded pages. ----

struct Line {
    font: usize,
    /// The Tf operand and the text matrix's scale: the size is their product.
    tf: f64,
    scale: f64,
    /// The text matrix's shear: a synthetic italic leans glyphs by tan(angle).
    shear: f64,
    /// Drawn filled and stroked (2 Tr), as Word and LibreOffice embolden a face with no bold.
    stroked: bool,
    y: f64,
    text: &'static str,
}

fn line(font: usize, size: f64, y: f64, text: &'static str) -> Line {
    Line {
        font,
        tf: size,
        scale: 1.0,
        shear: 0.0,
        stroked: false,
        y,
        text,
    }
}

#[derive(Default)]
struct Page {
    /// None: inherit the A4 MediaBox from the page tree.
    media: Option<[f64; 4]>,
    /// The page's own CropBox.
    crop: Option<[f64; 4]>,
    rotate: i64,
    lines: Vec<Line>,
    /// Text inside a Form XObject drawn over the whole page (an embedded attachment page).
    embedded: Vec<Line>,
}

/// A minimal PDF whose fonts are CID fonts named `fonts` (PDF name syntax, #xx allowed),
/// not embedded, with a ToUnicode map, as Word and Typst write CJK text.
fn build_pdf(fonts: &[&str], pages: &[Page]) -> Vec<u8> {
    let mut chars: Vec<char> = Vec::new();
    for p in pages {
        for l in p.lines.iter().chain(&p.embedded) {
            for c in l.text.chars() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
        }
    }
    let hex = |s: &str| -> String {
        s.chars()
            .map(|c| format!("{:04X}", chars.iter().position(|x| *x == c).unwrap() + 1))
            .collect()
    };
    let mut objs: Vec<Vec<u8>> = Vec::new();
    let stream = |dict: &str, body: &str| -> Vec<u8> {
        format!(
            "<< {dict} /Length {} >>\nstream\n{body}\nendstream",
            body.len() + 1
        )
        .into_bytes()
    };
    // 1 catalog, 2 page tree, 3 ToUnicode, then 3 objects per font, then the pages.
    objs.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objs.push(Vec::new());
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
    for (i, c) in chars.iter().enumerate() {
        let mut units = [0u16; 2];
        let u: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:04X}> <{u}>\n", i + 1));
    }
    cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end");
    objs.push(stream("", &cmap));
    let mut font_refs = String::new();
    for (i, name) in fonts.iter().enumerate() {
        let base = objs.len() + 1;
        objs.push(
            format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{} 0 R] /ToUnicode 3 0 R >>",
                base + 1
            )
            .into_bytes(),
        );
        objs.push(
            format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {} 0 R /DW 1000 >>",
                base + 2
            )
            .into_bytes(),
        );
        objs.push(
            format!(
                "<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
            )
            .into_bytes(),
        );
        font_refs.push_str(&format!("/F{i} {base} 0 R "));
    }
    let text_ops = |lines: &[Line]| -> String {
        lines
            .iter()
            .map(|l| {
                format!(
                    "BT {}/F{} {} Tf {} 0 {} {} 72 {} Tm <{}> Tj ET\n",
                    if l.stroked { "2 Tr 0.4 w " } else { "" },
                    l.font,
                    l.tf,
                    l.scale,
                    l.shear * l.scale,
                    l.scale,
                    l.y,
                    hex(l.text)
                )
            })
            .collect()
    };
    let mut kids = Vec::new();
    for p in pages {
        let page_id = objs.len() + 1;
        kids.push(format!("{page_id} 0 R"));
        let mut content = text_ops(&p.lines);
        let mut xobject = String::new();
        if !p.embedded.is_empty() {
            content.push_str("q 0.9 0 0 0.9 30 40 cm /X0 Do Q\n");
            xobject = format!("/XObject << /X0 {} 0 R >>", page_id + 2);
        }
        let mut media = p
            .media
            .map(|m| format!("/MediaBox [{} {} {} {}]", m[0], m[1], m[2], m[3]))
            .unwrap_or_default();
        if let Some(c) = p.crop {
            media.push_str(&format!(" /CropBox [{} {} {} {}]", c[0], c[1], c[2], c[3]));
        }
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R {media} /Rotate {} /Resources << /Font << {font_refs}>> {xobject} >> /Contents {} 0 R >>",
                p.rotate,
                page_id + 1
            )
            .into_bytes(),
        );
        objs.push(stream("", &content));
        if !p.embedded.is_empty() {
            objs.push(stream(
                &format!("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << {font_refs}>> >>"),
                &text_ops(&p.embedded),
            ));
        }
    }
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} /MediaBox [0 0 595.276 841.89] >>",
        kids.join(" "),
        kids.len()
    )
    .into_bytes();
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A page of body text: a heading and wrapped lines one em apart, as single spacing sets them.
fn body_page(font: usize, size: f64, heading: &'static str) -> Page {
    let mut lines = vec![line(font, size, 760.0, heading)];
    for i in 1..8 {
        lines.push(line(
            font,
            size,
            760.0 - size * i as f64,
            "本單位推動員工學習制度並公告週知",
        ));
    }
    Page {
        lines,
        ..Default::default()
    }
}

/// The pages with their number printed at the foot, 1, 2, 3…, as a book prints them.
fn numbered(mut pages: Vec<Page>) -> Vec<Page> {
    const NUMBERS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
    for (p, n) in pages.iter_mut().zip(NUMBERS) {
        p.lines.push(line(0, 10.0, 40.0, n));
    }
    pages
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// 標楷體 in Big5, as Word names it in PDFs it exports on a Chinese Windows.
const KAIU_BIG5: &str = "#BC#D0#B7#A2#C5#E9";

#[test]
fn handmade_pdfs_pass_or_fail_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let kai = &[
        "ABCDEF+DFKai-SB",
        KAIU_BIG5,
        "PMingLiU",
        "BCDEFG+Arial",
        "CDEFGH+DFKaiShu-SB-Estd-BF,Bold",
        "BiauKai,Italic",
    ];
    // Synthetic italic, as Word and LibreOffice draw Kai (which has no italic): the text
    // matrix leans by tan 15°. The glyphs are 14 pt tall; the leaning axis is 14.49 pt long.
    let mut italic = body_page(0, 14.0, "壹、基本資料");
    for l in &mut italic.lines {
        l.shear = 15f64.to_radians().tan();
    }
    let mut italic_small = body_page(0, 12.0, "壹、基本資料");
    for l in &mut italic_small.lines {
        l.shear = 15f64.to_radians().tan();
    }
    // A paragraph wrapped just before 「2、」: the line above fills the text's width, one line
    // pitch above, and the line starts at the paragraph's left edge.
    let wrapped_number = || {
        let mut p = body_page(0, 14.0, "壹、基本資料");
        p.lines[3].text = "2、設置學習角落並定期更新書籍";
        p
    };
    // The same line after a paragraph's space is a heading, and 1、 under 壹、 skips levels.
    let mut spaced_number = wrapped_number();
    for l in &mut spaced_number.lines[3..] {
        l.y -= 10.0;
    }
    // After a full line that ends its sentence, as a paragraph's last line may, it is a heading.
    let mut after_sentence = wrapped_number();
    after_sentence.lines[2].text = "本單位推動員工學習制度並公告週知。";
    let mut stroked = body_page(0, 14.0, "壹、基本資料");
    stroked.lines[3].stroked = true;
    let mut scaled = body_page(0, 14.0, "壹、基本資料");
    // Size carried by the text matrix, as some producers write it: 1 Tf × 14.
    for l in &mut scaled.lines {
        l.tf = 1.0;
        l.scale = 14.0;
    }
    let attachment = Page {
        lines: vec![line(1, 14.0, 800.0, "附件一")],
        // The attachment's own fonts and sizes are not the book's.
        embedded: vec![
            line(2, 9.0, 700.0, "臺北市政府函"),
            line(3, 20.0, 650.0, "一、說明"),
        ],
        ..Default::default()
    };
    // (name, pages, errors, warnings)
    type Case<'a> = (&'a str, Vec<Page>, &'a [&'a str], &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (
            "good",
            vec![
                body_page(0, 14.0, "壹、基本資料"),
                body_page(1, 14.0, "一、概況"),
                attachment,
            ],
            &[],
            &[],
        ),
        ("scaled", vec![scaled], &[], &[]),
        // Leaning or emboldened 標楷體 is still 標楷體 at 14 pt, but it is emphasis the face
        // does not have.
        ("italic", vec![italic], &[], &["FMT-ITALIC"]),
        (
            "italic-small",
            vec![italic_small],
            &["FMT-FONT-SIZE"],
            &["FMT-ITALIC"],
        ),
        ("stroked", vec![stroked], &[], &["FMT-BOLD"]),
        ("wrapped-number", vec![wrapped_number()], &[], &[]),
        (
            "spaced-number",
            vec![spaced_number],
            &["FMT-HEADING-SKIP"],
            &[],
        ),
        (
            "number-after-sentence",
            vec![after_sentence],
            &["FMT-HEADING-SKIP"],
            &[],
        ),
        // The style in the face's name, as Word names the face it emboldens.
        (
            "bold-name",
            vec![body_page(4, 14.0, "壹、基本資料")],
            &[],
            &["FMT-BOLD"],
        ),
        (
            "italic-name",
            vec![body_page(5, 14.0, "壹、基本資料")],
            &[],
            &["FMT-ITALIC"],
        ),
        // A scan: pages with no text at all.
        (
            "scan",
            vec![Page::default(), Page::default()],
            &["FMT-NO-TEXT"],
            &[],
        ),
        (
            "ming",
            vec![body_page(2, 14.0, "壹、基本資料")],
            &["FMT-FONT-FACE"],
            &[],
        ),
        (
            "small",
            vec![body_page(0, 12.0, "壹、基本資料")],
            &["FMT-FONT-SIZE"],
            &[],
        ),
        (
            "rotated",
            vec![Page {
                rotate: 90,
                ..body_page(0, 14.0, "壹、基本資料")
            }],
            &["FMT-ORIENTATION"],
            &[],
        ),
        (
            "letter",
            vec![Page {
                media: Some([0.0, 0.0, 612.0, 792.0]),
                ..body_page(0, 14.0, "壹、基本資料")
            }],
            &["FMT-PAPER"],
            &[],
        ),
        (
            "skip",
            vec![
                body_page(0, 14.0, "壹、基本資料"),
                body_page(0, 14.0, "（一）員工"),
            ],
            &["FMT-HEADING-SKIP"],
            &[],
        ),
    ];
    for (name, pages, errors, warnings) in cases {
        let f = write(
            dir.path(),
            &format!("{name}.pdf"),
            &build_pdf(kai, &numbered(pages)),
        );
        let o = check(&f);
        assert_eq!(o.errors, errors, "{name}: {}", o.json);
        assert_eq!(o.warnings, warnings, "{name}: {}", o.json);
    }
    // Latin text in a Latin face is not held to the Chinese font rule, but its size is.
    let latin = Page {
        lines: vec![
            line(0, 14.0, 760.0, "壹、基本資料"),
            line(3, 14.0, 740.0, "2024 ABC"),
        ],
        ..Default::default()
    };
    let o = check(&write(dir.path(), "latin.pdf", &build_pdf(kai, &[latin])));
    assert!(o.errors.is_empty(), "{}", o.json);
    // Only Latin text: no Chinese to hold to the rules, so nothing was checked.
    let english = Page {
        lines: vec![line(3, 14.0, 760.0, "Annual report 2024")],
        ..Default::default()
    };
    let o = check(&write(
        dir.path(),
        "english.pdf",
        &build_pdf(kai, &[english]),
    ));
    assert_eq!(o.errors, ["FMT-NO-TEXT"], "{}", o.json);
    assert_eq!(o.exit, 1);
}

/// A4 in points, as PDF writers give it.
const A4: [f64; 4] = [0.0, 0.0, 595.276, 841.89];

#[test]
fn a_handmade_pdf_is_judged_on_its_crop_box() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = &["DFKai-SB", "BCDEFG+Arial"];
    // Printed with bleed: a sheet 2 cm larger all round, the A4 page cropped from it, and a
    // printer's slug in 6 pt Arial on the bleed, which the crop cuts off.
    let mut bleed = body_page(0, 14.0, "壹、基本資料");
    bleed.media = Some([-57.0, -57.0, 652.276, 898.89]);
    bleed.crop = Some(A4);
    bleed.lines.push(line(1, 6.0, -30.0, "2024 ABC"));
    let o = check(&write(
        dir.path(),
        "bleed.pdf",
        &build_pdf(fonts, &numbered(vec![bleed])),
    ));
    assert!(o.errors.is_empty() && o.warnings.is_empty(), "{}", o.json);
    // A page cropped to Letter on an A4 sheet prints as Letter.
    let mut letter = body_page(0, 14.0, "壹、基本資料");
    letter.crop = Some([0.0, 0.0, 612.0, 792.0]);
    let o = check(&write(
        dir.path(),
        "letter-crop.pdf",
        &build_pdf(fonts, &numbered(vec![letter])),
    ));
    assert_eq!(o.errors, ["FMT-PAPER"], "{}", o.json);
}

/// Sets every page's MediaBox to `media` and its own CropBox to `crop` (None: removed), and
/// the page tree root's CropBox to `root_crop`.
fn recrop(
    pdf: &Path,
    media: [f64; 4],
    crop: Option<[f64; 4]>,
    root_crop: Option<[f64; 4]>,
) -> Vec<u8> {
    use lopdf::Object;
    let rect = |r: [f64; 4]| Object::Array(r.iter().map(|v| Object::Real(*v as f32)).collect());
    let mut doc = lopdf::Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    for id in pages {
        let page = doc.get_object_mut(id).unwrap().as_dict_mut().unwrap();
        page.set("MediaBox", rect(media));
        match crop {
            Some(c) => page.set("CropBox", rect(c)),
            None => {
                page.remove(b"CropBox");
            }
        }
    }
    if let Some(c) = root_crop {
        let root = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let pages = doc.get_object_mut(root).unwrap().as_dict_mut().unwrap();
        pages.set("CropBox", rect(c));
    }
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn appbook_pdf_on_a_larger_sheet_is_judged_on_its_crop_box() {
    let app = common::root().join("samples/moe-learning-award/agency");
    let (dir, files) = render_cli(&app, &["--pdf"], &[]);
    let book = files
        .into_iter()
        .find(|p| {
            p.extension().is_some_and(|e| e == "pdf")
                && !p.to_string_lossy().contains("-送件檢核表.")
        })
        .expect("render wrote the book's PDF");
    // The book on a sheet 3 cm larger all round (bleed and crop marks), cropped back to its A4
    // page, the CropBox set once on the page tree for every page to inherit. Measured from the
    // sheet's corner the text would stand 3 cm off on every side.
    let sheet = [-85.04, -85.04, 680.316, 926.93];
    let bleed = recrop(&book, sheet, None, Some(A4));
    let o = check(&write(dir.path(), "bleed.pdf", &bleed));
    assert!(o.errors.is_empty(), "{}", o.json);
    assert_eq!(o.warnings, ["FMT-FONT-SUBSTITUTE"], "{}", o.json);
    // The same with the CropBox on each page.
    let own = recrop(&book, sheet, Some(A4), None);
    let o = check(&write(dir.path(), "bleed-own.pdf", &own));
    assert!(o.errors.is_empty(), "{}", o.json);
    // A page's own CropBox wins over the inherited one, and the page shown is what is judged:
    // 3 cm cut off the right of an A4 sheet leaves a page too narrow, and text at its edge.
    let cut = recrop(&book, A4, Some([0.0, 0.0, 510.236, 841.89]), Some(A4));
    let o = check(&write(dir.path(), "cut.pdf", &cut));
    assert!(o.errors.contains(&"FMT-PAPER".to_string()), "{}", o.json);
}

#[test]
fn sheared_text_is_measured_by_its_glyph_height() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = body_page(0, 12.0, "壹、基本資料");
    for l in &mut page.lines {
        l.shear = 15f64.to_radians().tan();
    }
    let o = check(&write(
        dir.path(),
        "italic12.pdf",
        &build_pdf(&["DFKai-SB"], &[page]),
    ));
    let msg = o.json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("text is set at 12 pt"), "{msg}");
}

#[test]
fn a_scan_or_an_empty_document_is_reported_not_passed() {
    let dir = tempfile::tempdir().unwrap();
    let o = check(&write(
        dir.path(),
        "scan.pdf",
        &build_pdf(&["DFKai-SB"], &[Page::default()]),
    ));
    assert_eq!(o.errors, ["FMT-NO-TEXT"], "{}", o.json);
    let d = &o.json["diagnostics"][0];
    assert_eq!(d["path"], "page 1");
    assert!(
        d["message"].as_str().unwrap().contains("no text at all"),
        "{d}"
    );
    let f = make_docx(dir.path(), "latin", &["content=latin"]);
    let o = check(&f);
    let msg = o.json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("no Chinese text"), "{msg}");
}

/// `docx` with its word/document.xml passed through `edit`, the other parts as they were.
fn rezip(docx: &Path, edit: impl Fn(&str) -> String) -> Vec<u8> {
    rezip_part(docx, "word/document.xml", edit)
}

/// `docx` with one part passed through `edit`, the other parts as they were.
fn rezip_part(docx: &Path, part: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        if name == part {
            bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_docx_with_a_doctype_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let good = make_docx(dir.path(), "good", &[]);
    // The body's text comes from an entity: a reader that skips the declaration sees none of
    // it, one that expands it sees text Word never wrote.
    let doctype = rezip(&good, |xml| {
        let body = xml.find("<w:body>").unwrap() + "<w:body>".len();
        let decl_end = xml.find("?>").map_or(0, |i| i + 2);
        format!(
            "{}<!DOCTYPE w:document [<!ENTITY h \"壹、基本資料\">]>{}<w:p><w:r><w:t>&h;</w:t></w:r></w:p>{}",
            &xml[..decl_end],
            &xml[decl_end..body],
            &xml[body..]
        )
    });
    let f = write(dir.path(), "doctype.docx", &doctype);
    hostile(&f, "INPUT-DOCX-DOCTYPE");
    let o = check(&f);
    let msg = o.json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(msg.contains("DOCTYPE") && msg.contains("Word"), "{msg}");
    // The same file without the declaration passes: the refusal is for the DOCTYPE alone.
    let plain = rezip(&good, |xml| xml.to_string());
    assert_eq!(check(&write(dir.path(), "plain.docx", &plain)).exit, 0);
}

#[test]
fn pdf_findings_name_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let pages = [
        body_page(0, 14.0, "壹、基本資料"),
        body_page(1, 14.0, "一、概況"),
        body_page(1, 12.0, "二、制度"),
    ];
    let f = write(
        dir.path(),
        "p3.pdf",
        &build_pdf(&["DFKai-SB", "PMingLiU"], &numbered(pages.into())),
    );
    let o = check(&f);
    assert_eq!(o.errors, ["FMT-FONT-FACE", "FMT-FONT-SIZE"], "{}", o.json);
    let size = o.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "FMT-FONT-SIZE")
        .unwrap();
    assert_eq!(size["path"], "page 3");
    let face = o.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "FMT-FONT-FACE")
        .unwrap();
    assert!(face["message"].as_str().unwrap().contains("PMingLiU"));
    assert!(
        face["message"].as_str().unwrap().contains("page 2, page 3"),
        "{}",
        face["message"]
    );
}

#[test]
fn every_output_format_carries_the_codes() {
    let dir = tempfile::tempdir().unwrap();
    let f = make_docx(dir.path(), "size12", &["size=12"]);
    let p = f.to_str().unwrap();
    let (exit, github) = run(&["check", p, "--format", "github", "--lang", "en"]);
    assert_eq!(exit, 1);
    assert!(
        github.contains("::error") && github.contains("FMT-FONT-SIZE"),
        "{github}"
    );
    let (_, sarif) = run(&["check", p, "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "FMT-FONT-SIZE");
    let (_, human) = run(&["check", p]);
    assert!(
        human.contains("FMT-FONT-SIZE") && human.contains("位置：第 1 段"),
        "{human}"
    );
}

#[test]
fn folders_include_books_but_not_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(app.join("attachments")).unwrap();
    make_docx(&app, "book", &[]);
    // Evidence inside attachments/ is not a book: even a broken one is not checked.
    std::fs::write(app.join("attachments/scan.pdf"), b"").unwrap();
    let (exit, out) = run(&["check", app.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(exit, 0, "{json}");
    assert_eq!(json["summary"]["files"], 1);
    make_docx(&app, "letter", &["paper=letter"]);
    let (exit, out) = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(exit, 1, "{json}");
    assert_eq!(json["summary"]["files"], 2);
}

// ---- Hostile files ----

/// Runs `check` on a hostile file: exit 2, an INPUT-* code, and a peak memory under 500 MiB.
fn hostile(path: &Path, code: &str) {
    let start = Instant::now();
    let o = check(path);
    let took = start.elapsed();
    assert_eq!(o.exit, 2, "{}: {}", path.display(), o.json);
    assert_eq!(o.errors, [code], "{}: {}", path.display(), o.json);
    let rss = peak_rss_kib(path);
    eprintln!(
        "{}: {code} in {:.3} s, peak RSS {} MiB",
        path.file_name().unwrap().to_string_lossy(),
        took.as_secs_f64(),
        rss / 1024
    );
    assert!(rss < 500 * 1024, "{}: peak RSS {rss} KiB", path.display());
}

/// Peak resident memory of one `check` run, in KiB, measured by GNU time.
fn peak_rss_kib(path: &Path) -> u64 {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.args(["-f", "%M"])
        .arg(bin())
        .args(["check", "--format", "json"])
        .arg(path);
    let out = common::run_command(cmd, HANG);
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("GNU time printed no peak memory: {err}"))
}

#[test]
fn hostile_docx_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    hostile(&write(d, "empty.docx", b""), "INPUT-EMPTY");
    hostile(
        &write(d, "text.docx", b"this is not a zip"),
        "INPUT-NOT-DOCX",
    );
    // An old binary .doc renamed to .docx.
    hostile(
        &write(d, "old.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
        "INPUT-NOT-DOCX",
    );
    let mut nodoc = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    nodoc
        .start_file(
            "[Content_Types].xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    nodoc.write_all(b"<Types/>").unwrap();
    let nodoc = nodoc.finish().unwrap().into_inner();
    hostile(&write(d, "nodoc.docx", &nodoc), "INPUT-DOCX-PART-MISSING");
    // Not well-formed XML in the main part.
    let mut broken = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    broken
        .start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
    broken
        .write_all(b"<w:document><w:body><w:p></w:body>")
        .unwrap();
    let broken = broken.finish().unwrap().into_inner();
    hostile(&write(d, "badxml.docx", &broken), "INPUT-UNREADABLE");
    // Four million nested elements: refused at a fixed depth, not walked.
    let mut deep = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    deep.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    deep.write_all(b"<w:document><w:body>").unwrap();
    deep.write_all(&b"<w:p>".repeat(4_000_000)).unwrap();
    let deep = deep.finish().unwrap().into_inner();
    hostile(&write(d, "deep.docx", &deep), "INPUT-UNREADABLE");
}

#[test]
fn zip_bomb_docx_exits_2_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.docx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>")
        .unwrap();
    // 10 GiB of zeros squeezes to a few tens of MB.
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..10 * 1024 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    eprintln!(
        "bomb.docx: {} bytes",
        std::fs::metadata(&path).unwrap().len()
    );
    hostile(&path, "INPUT-TOO-LARGE");
}

#[test]
fn hostile_pdf_files_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = build_pdf(&["DFKai-SB"], &[body_page(0, 14.0, "壹、基本資料")]);
    assert_eq!(check(&write(d, "ok.pdf", &good)).exit, 0);
    hostile(&write(d, "empty.pdf", b""), "INPUT-EMPTY");
    hostile(&write(d, "text.pdf", b"hello, not a pdf"), "INPUT-NOT-PDF");
    hostile(
        &write(d, "truncated.pdf", &good[..good.len() / 2]),
        "INPUT-PDF-BROKEN",
    );
    // The xref offset points into the middle of nowhere.
    let cut = good.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut bad_xref = good[..cut].to_vec();
    bad_xref.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
    hostile(&write(d, "badxref.pdf", &bad_xref), "INPUT-PDF-BROKEN");
    // Garbage with a PDF header and trailer: nothing to parse.
    hostile(
        &write(d, "garbage.pdf", b"%PDF-1.7\n\x00\x01\x02 garbage\n%%EOF\n"),
        "INPUT-PDF-BROKEN",
    );
    // One page with 60,000 text operations (over 600,000 tokens): refused before decoding.
    let mut busy = Page::default();
    for i in 0..60_000 {
        busy.lines
            .push(line(0, 14.0, 100.0 + (i % 600) as f64, "字"));
    }
    hostile(
        &write(d, "busy.pdf", &build_pdf(&["DFKai-SB"], &[busy])),
        "INPUT-TOO-LARGE",
    );
    let src = write(d, "plain.pdf", &good);
    for (name, user) in [("locked.pdf", "secret"), ("owner-only.pdf", "")] {
        let out = d.join(name);
        tool(
            "qpdf",
            &[
                "--encrypt",
                user,
                "owner",
                "256",
                "--",
                src.to_str().unwrap(),
                out.to_str().unwrap(),
            ],
        );
        hostile(&out, "INPUT-PDF-ENCRYPTED");
    }
}

// ---- appbook's own books ----

#[test]
fn appbook_rendered_books_pass_every_format_rule() {
    for app in programmes().iter().flat_map(|p| samples(p)) {
        let (_out, files) = render_cli(&app, &[], &[]);
        // The 送件檢核表 beside each book is a form, not a book: see the reviewers' forms below.
        let books: Vec<PathBuf> = files
            .into_iter()
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("pdf" | "docx")))
            .filter(|p| !p.to_string_lossy().contains("-送件檢核表."))
            .collect();
        assert_eq!(books.len(), 2, "render {} wrote {books:?}", app.display());
        for book in books {
            let o = check(&book);
            assert_eq!(o.exit, 0, "{}: {}", book.display(), o.json);
            assert!(
                o.warnings.iter().all(|w| w == "FMT-FONT-SUBSTITUTE"),
                "{}: {}",
                book.display(),
                o.json
            );
        }
    }
}

// ---- the reviewers' forms appbook writes ----

/// Every form the reviewers' commands write for the samples of both programmes: the
/// 初審合格名單一覽表, the 評分表 and 評審總表, a 補正通知 of each programme and the 送件檢核表
/// `render` writes beside each book (the books with them). Returns the folder they are in.
fn reviewer_forms() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::root();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let samples = |p: &str| root.join("samples").join(p).to_str().unwrap().to_string();
    let scores = |p: &str, header: &str, ids: &[&str], points: &str| {
        let file = dir.path().join(format!("scores-{p}.csv"));
        let rows: String = ids.iter().map(|id| format!("甲,{id},{points}\n")).collect();
        std::fs::write(&file, format!("reviewer,application,{header}\n{rows}")).unwrap();
        file.to_str().unwrap().to_string()
    };
    let moe_scores = scores(
        "moe",
        "regulations,learning,budget,participation,promotion",
        &["agency", "foundation", "school"],
        "12,15,16,17,20",
    );
    let sme_scores = scores(
        "sme",
        "plan,score,results",
        &["manufacturing", "services"],
        "30,20,20",
    );
    let moe_late = root.join("tests/fixtures/moe-learning-award/MOE-DEADLINE");
    let sme_broken = root.join("tests/fixtures/sme-org-learning/SME-TAX-ID");
    let runs: [Vec<String>; 6] = [
        vec![
            "roster".into(),
            samples("moe-learning-award"),
            "-o".into(),
            out("roster"),
        ],
        vec![
            "score".into(),
            samples("moe-learning-award"),
            "-o".into(),
            out("score-moe"),
            "--scores".into(),
            moe_scores,
        ],
        vec![
            "score".into(),
            samples("sme-org-learning"),
            "-o".into(),
            out("score-sme"),
            "--scores".into(),
            sme_scores,
        ],
        vec![
            "notice".into(),
            moe_late.to_str().unwrap().into(),
            "-o".into(),
            out("notice"),
        ],
        vec![
            "notice".into(),
            sme_broken.to_str().unwrap().into(),
            "-o".into(),
            out("notice"),
        ],
        vec![
            "render".into(),
            root.join("samples").to_str().unwrap().into(),
            "-o".into(),
            out("render"),
        ],
    ];
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = common::run_limited(&args, Duration::from_secs(300));
        assert!(
            o.status.success(),
            "appbook {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    dir
}

#[test]
fn the_reviewers_forms_pass_with_a_note_that_they_are_not_books() {
    let dir = reviewer_forms();
    let o = check(dir.path());
    assert_eq!(o.exit, 0, "{}", o.json);
    assert!(
        o.warnings
            .iter()
            .all(|w| w == "FMT-FONT-SUBSTITUTE" || w == "FMT-NOT-A-BOOK"),
        "{}",
        o.json
    );
    let notes: Vec<&serde_json::Value> = o.json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "FMT-NOT-A-BOOK")
        .collect();
    // One note for each form, in both formats, and none for a book.
    let mut forms = Vec::new();
    for file in common::pdf::files_under(dir.path()) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.ends_with(".pdf") || name.ends_with(".docx")) {
            continue;
        }
        let kind = [
            "初審合格名單一覽表",
            "評分表",
            "評審總表",
            "補正通知",
            "送件檢核表",
        ]
        .into_iter()
        .find(|k| name.contains(k));
        let mine: Vec<&&serde_json::Value> = notes
            .iter()
            .filter(|d| d["file"] == file.to_str().unwrap())
            .collect();
        match kind {
            Some(kind) => {
                assert_eq!(mine.len(), 1, "{name}: {}", o.json);
                assert_eq!(mine[0]["severity"], "info", "{name}");
                let message = mine[0]["message"].as_str().unwrap();
                assert!(message.contains(&format!("a {kind}")), "{name}: {message}");
                forms.push(kind);
            }
            None => assert!(mine.is_empty(), "{name} is a book: {}", o.json),
        }
    }
    assert_eq!(notes.len(), forms.len(), "{}", o.json);
    forms.sort();
    forms.dedup();
    assert_eq!(forms.len(), 5, "every kind of form: {forms:?}");

    // In zh-TW by default.
    let sheet = dir.path().join("score-moe/評分表-agency.pdf");
    let (exit, human) = run(&["check", sheet.to_str().unwrap()]);
    assert_eq!(exit, 0, "{human}");
    assert!(
        human.contains("FMT-NOT-A-BOOK")
            && human.contains("這是審查用的「評分表」")
            && human.contains("不檢查標題編號、頁碼與雙面裝訂"),
        "{human}"
    );
}

#[test]
fn a_book_is_told_from_a_form_by_its_table_of_contents_not_by_its_title() {
    let (dir, book) = agency_docx();
    let typed = damaged_variants(&book).swap_remove(5);
    assert_eq!(typed.0, "typed-numbers");
    let typed = write(dir.path(), "typed.docx", &typed.1);
    // The cover titled as a 評分表 would be titled: 中央政府推動建立員工學習制度獎勵 / 評分表.
    let titled = rezip(&typed, |x| {
        let cover = r#"<w:t xml:space="preserve">申請書</w:t>"#;
        assert!(x.contains(cover), "the cover's title");
        x.replacen(cover, r#"<w:t xml:space="preserve">評分表</w:t>"#, 1)
    });
    let titled = write(dir.path(), "titled.docx", &titled);
    // The same without its 目次: every paragraph in a TOC style taken out.
    let no_contents = rezip(&titled, |x| {
        let mut x = x.to_string();
        while let Some(at) = x.find(r#"<w:pStyle w:val="TOC"#) {
            let start = x[..at].rfind("<w:p ").unwrap();
            let end = at + x[at..].find("</w:p>").unwrap() + "</w:p>".len();
            x.replace_range(start..end, "");
        }
        x
    });
    let no_contents = write(dir.path(), "no-contents.docx", &no_contents);
    let pdfs = soffice_pdf(&[titled.clone(), no_contents.clone()], dir.path());
    // With its 目次 it is a book whatever its title: its headings are still judged.
    for file in [&titled, &pdfs[0]] {
        let o = check(file);
        assert_eq!(o.errors, ["FMT-HEADING-SEQUENCE"], "{}", o.json);
        assert!(
            !o.warnings.iter().any(|w| w == "FMT-NOT-A-BOOK"),
            "{}",
            o.json
        );
    }
    // Without it, that title makes it a form, and the note says what to look at.
    for file in [&no_contents, &pdfs[1]] {
        let o = check(file);
        assert!(o.errors.is_empty(), "{}", o.json);
        assert!(
            o.warnings.iter().any(|w| w == "FMT-NOT-A-BOOK"),
            "{}",
            o.json
        );
        assert!(
            o.json.to_string().contains("it lacks its 目次"),
            "{}",
            o.json
        );
    }
}

// ---- appbook's own book, damaged the way a hand edit in Word damages it ----

/// The agency sample rendered as DOCX; the folder holds it.
fn agency_docx() -> (tempfile::TempDir, PathBuf) {
    let app = common::root().join("samples/moe-learning-award/agency");
    let (dir, files) = render_cli(&app, &["--docx"], &[]);
    let docx = files
        .into_iter()
        .find(|p| {
            p.extension().is_some_and(|e| e == "docx")
                && !p.to_string_lossy().contains("-送件檢核表.")
        })
        .expect("render wrote the book's DOCX");
    (dir, docx)
}

/// Replaces the first `w:pgMar` element of document.xml with `margins`.
fn with_margins(xml: &str, margins: &str) -> String {
    let start = xml.find("<w:pgMar ").expect("the book has margins");
    let end = start + xml[start..].find("/>").unwrap() + 2;
    format!("{}{margins}{}", &xml[..start], &xml[end..])
}

/// What LibreOffice makes of the variants of appbook's book: (name, DOCX, errors, warnings
/// besides the TW-Kai substitute's).
type Variant = (
    &'static str,
    Vec<u8>,
    &'static [&'static str],
    &'static [&'static str],
);

fn damaged_variants(book: &Path) -> Vec<Variant> {
    // Text nearly at the left and bottom edges, the wide margin on the right.
    let edge = rezip(book, |x| {
        with_margins(
            x,
            r#"<w:pgMar w:top="1418" w:right="2835" w:bottom="200" w:left="200" w:header="851" w:footer="100" w:gutter="0" />"#,
        )
    });
    let unmirrored = rezip_part(book, "word/settings.xml", |x| {
        let out = x
            .replace("<w:mirrorMargins />", "")
            .replace("<w:mirrorMargins/>", "");
        assert_ne!(out, x, "the book's settings mirror its margins");
        out
    });
    // Word's own default page: 2.54 cm top and bottom, 3.17 cm left and right, no gutter.
    let word_default = rezip(book, |x| {
        with_margins(
            x,
            r#"<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="851" w:gutter="0" />"#,
        )
    });
    // The footers' PAGE field removed, its run and all.
    let no_page = rezip_part(book, "word/footer1.xml", |x| {
        let start = x.find("<w:r>").expect("the footer has a run");
        let end = x.rfind("</w:r>").unwrap() + "</w:r>".len();
        assert!(x[start..end].contains("PAGE"), "{x}");
        format!("{}{}", &x[..start], &x[end..])
    });
    // The heading numbers typed by hand instead of Word's numbering, and typed wrong.
    let typed = rezip(book, |x| {
        let auto = r#"<w:numPr><w:numId w:val="2" /><w:ilvl w:val="0" /></w:numPr>"#;
        assert!(x.contains(auto), "the book numbers its top headings");
        x.replace(
            auto,
            r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="0" /></w:numPr>"#,
        )
        .replacen(
            r#"<w:t xml:space="preserve">基本資料表</w:t></w:r><w:bookmarkEnd"#,
            r#"<w:t xml:space="preserve">參、基本資料表</w:t></w:r><w:bookmarkEnd"#,
            1,
        )
        .replacen(
            r#"<w:t xml:space="preserve">評審項目</w:t></w:r><w:bookmarkEnd"#,
            r#"<w:t xml:space="preserve">壹、評審項目</w:t></w:r><w:bookmarkEnd"#,
            1,
        )
    });
    vec![
        ("as-rendered", std::fs::read(book).unwrap(), &[], &[]),
        ("edge", edge, &["FMT-MARGIN"], &["FMT-BINDING"]),
        ("unmirrored", unmirrored, &[], &["FMT-BINDING"]),
        ("word-default", word_default, &[], &[]),
        ("no-page-number", no_page, &["FMT-PAGE-NUMBER"], &[]),
        ("typed-numbers", typed, &["FMT-HEADING-SEQUENCE"], &[]),
    ]
}

#[test]
fn damaged_appbook_docx_fail_with_exactly_the_expected_codes() {
    let (dir, book) = agency_docx();
    for (name, bytes, errors, warnings) in damaged_variants(&book) {
        let o = check(&write(dir.path(), &format!("{name}.docx"), &bytes));
        assert_eq!(o.errors, errors, "{name}: {}", o.json);
        assert_eq!(o.warnings, warnings, "{name}: {}", o.json);
    }
}

#[test]
fn margin_findings_name_the_edges_and_the_binding() {
    let (dir, book) = agency_docx();
    let variants = damaged_variants(&book);
    let find = |name: &str, code: &str| -> String {
        let bytes = &variants.iter().find(|v| v.0 == name).unwrap().1;
        let o = check(&write(dir.path(), &format!("{name}.docx"), bytes));
        let d = o.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("{name}: no {code}: {}", o.json))
            .clone();
        assert_eq!(d["path"], "section 1", "{d}");
        d["message"].as_str().unwrap().to_string()
    };
    let msg = find("edge", "FMT-MARGIN");
    assert!(msg.contains("bottom margin is 0.4 cm"), "{msg}");
    assert!(msg.contains("left margin is 0.4 cm"), "{msg}");
    let msg = find("edge", "FMT-BINDING");
    assert!(msg.contains("wider margin is on the right"), "{msg}");
    let msg = find("unmirrored", "FMT-BINDING");
    assert!(msg.contains("not mirrored"), "{msg}");
    // Printable, but the staples take it: 0.7 cm on the binding side.
    let tight = rezip(&book, |x| {
        with_margins(
            x,
            r#"<w:pgMar w:top="1418" w:right="400" w:bottom="1418" w:left="400" w:header="851" w:footer="851" w:gutter="0" />"#,
        )
    });
    let o = check(&write(dir.path(), "tight.docx", &tight));
    assert_eq!(o.errors, ["FMT-MARGIN"], "{}", o.json);
    assert!(o.warnings.is_empty(), "{}", o.json);
    assert!(
        o.json
            .to_string()
            .contains("inside (left) margin is 0.7 cm, text within 1 cm of the binding edge"),
        "{}",
        o.json
    );
    // A gutter at the top binds the book at the top.
    let top = rezip_part(&book, "word/settings.xml", |x| {
        x.replace("<w:mirrorMargins/>", "<w:mirrorMargins/><w:gutterAtTop/>")
    });
    let o = check(&write(dir.path(), "top.docx", &top));
    assert_eq!(o.warnings, ["FMT-BINDING"], "{}", o.json);
    assert!(
        o.json.to_string().contains("gutter is at the top"),
        "{}",
        o.json
    );
}

#[test]
fn page_fields_are_found_in_simple_and_complex_form() {
    let (dir, book) = agency_docx();
    // The same number as a simple field: still a page number.
    let simple = rezip_part(&book, "word/footer1.xml", |x| {
        let start = x.find("<w:r>").unwrap();
        let end = x.rfind("</w:r>").unwrap() + "</w:r>".len();
        format!(
            r#"{}<w:fldSimple w:instr=" PAGE   \* MERGEFORMAT "><w:r><w:t>1</w:t></w:r></w:fldSimple>{}"#,
            &x[..start],
            &x[end..]
        )
    });
    let o = check(&write(dir.path(), "simple.docx", &simple));
    assert_eq!(o.errors, Vec::<String>::new(), "{}", o.json);
    // Field codes are case-insensitive, and may be split over runs.
    let lower = rezip_part(&book, "word/footer1.xml", |x| {
        x.replace(
            "<w:instrText>PAGE</w:instrText>",
            r#"<w:instrText xml:space="preserve"> pa</w:instrText></w:r><w:r><w:instrText>ge \* Arabic </w:instrText>"#,
        )
    });
    let o = check(&write(dir.path(), "lower.docx", &lower));
    assert_eq!(o.errors, Vec::<String>::new(), "{}", o.json);
    // A field that prints the number of pages is not a page number.
    let numpages = rezip_part(&book, "word/footer1.xml", |x| {
        x.replace(
            "<w:instrText>PAGE</w:instrText>",
            "<w:instrText>NUMPAGES</w:instrText>",
        )
    });
    let o = check(&write(dir.path(), "numpages.docx", &numpages));
    assert_eq!(o.errors, ["FMT-PAGE-NUMBER"], "{}", o.json);
}

#[test]
fn heading_sequence_finding_says_where() {
    let (dir, book) = agency_docx();
    let typed = damaged_variants(&book).swap_remove(5);
    assert_eq!(typed.0, "typed-numbers");
    let o = check(&write(dir.path(), "typed.docx", &typed.1));
    let d = &o.json["diagnostics"][0];
    assert_eq!(d["code"], "FMT-HEADING-SEQUENCE", "{}", o.json);
    assert!(
        d["path"].as_str().unwrap().ends_with("(壹、評審項目)"),
        "{d}"
    );
    let msg = d["message"].as_str().unwrap();
    assert!(
        msg.contains("follows `參、基本資料表`") && msg.contains("expected `肆、`"),
        "{msg}"
    );
}

#[test]
fn bold_and_italic_text_is_a_warning() {
    let (dir, book) = agency_docx();
    let styled = rezip(&book, |x| {
        x.replace("<w:r><w:rPr />", "<w:r><w:rPr><w:b /><w:i /></w:rPr>")
    });
    let o = check(&write(dir.path(), "bold.docx", &styled));
    assert_eq!(o.exit, 0, "{}", o.json);
    assert!(o.errors.is_empty(), "{}", o.json);
    assert_eq!(o.warnings, ["FMT-BOLD", "FMT-ITALIC"], "{}", o.json);
    // Turned on and off again, or on runs that show nothing, it is not emphasis.
    let off = rezip(&book, |x| {
        x.replace(
            "<w:r><w:rPr />",
            r#"<w:r><w:rPr><w:b w:val="0" /><w:i w:val="false" /></w:rPr>"#,
        )
        .replacen(
            "</w:r>",
            r#"</w:r><w:r><w:rPr><w:b /></w:rPr><w:t xml:space="preserve">  </w:t></w:r>"#,
            1,
        )
    });
    let o = check(&write(dir.path(), "off.docx", &off));
    assert!(o.warnings.is_empty() && o.errors.is_empty(), "{}", o.json);
    // Exported to PDF, the same emphasis is drawn: LibreOffice fills and strokes TW-Kai's
    // outlines for bold and shears the text matrix for italic, as Word does 標楷體's.
    let pdfs = soffice_pdf(
        &[dir.path().join("bold.docx"), dir.path().join("off.docx")],
        dir.path(),
    );
    let o = check(&pdfs[0]);
    assert!(o.errors.is_empty(), "{}", o.json);
    assert_eq!(
        o.warnings,
        ["FMT-BOLD", "FMT-FONT-SUBSTITUTE", "FMT-ITALIC"],
        "{}",
        o.json
    );
    let o = check(&pdfs[1]);
    assert!(o.errors.is_empty(), "{}", o.json);
    assert_eq!(o.warnings, ["FMT-FONT-SUBSTITUTE"], "{}", o.json);
}

#[test]
fn a_small_run_is_a_size_finding_not_a_spacing_one() {
    let (dir, book) = agency_docx();
    let small = rezip(&book, |x| {
        let anchor = "本所 113 年獲內政部評為終身學習績優機關";
        let at = x.find(anchor).expect("the sample's text");
        // First in its paragraph, where a rule that read the first run's size would see it.
        let run = x[..at].rfind("<w:r>").unwrap();
        format!(
            r#"{}<w:r><w:rPr><w:sz w:val="20"/></w:rPr><w:t>小字</w:t></w:r>{}"#,
            &x[..run],
            &x[run..]
        )
    });
    let o = check(&write(dir.path(), "small.docx", &small));
    assert_eq!(o.errors, ["FMT-FONT-SIZE"], "{}", o.json);
    // Spacing is still judged: the same paragraph at an exact 28 pt is double.
    let wide = {
        let f = write(dir.path(), "small-base.docx", &small);
        rezip(&f, |x| {
            let anchor = "本所 113 年獲內政部評為終身學習績優機關";
            let at = x.find(anchor).unwrap();
            let p = x[..at].rfind("<w:pPr>").unwrap();
            format!(
                r#"{}<w:pPr><w:spacing w:line="560" w:lineRule="exact" />{}"#,
                &x[..p],
                &x[p + "<w:pPr>".len()..]
            )
        })
    };
    let o = check(&write(dir.path(), "wide.docx", &wide));
    assert_eq!(
        o.errors,
        ["FMT-FONT-SIZE", "FMT-LINE-SPACING"],
        "{}",
        o.json
    );
}

#[test]
fn a_paragraph_wrapped_before_a_number_is_not_read_as_a_heading() {
    let (dir, book) = agency_docx();
    // Two paragraphs listing items run in, each wrapping (in LibreOffice with TW-Kai) just
    // before its 「2、」, under the heading （四）其他: read as headings, the second 「2、」 would
    // follow the first out of sequence.
    let listed = rezip(&book, |x| {
        let anchor = "本所 113 年獲內政部評為終身學習績優機關，並獲邀於行政院人事行政總處學習標竿分享會報告讀書會推動經驗。";
        let at = x.find(anchor).expect("the sample's text");
        let start = x[..at].rfind("<w:p ").unwrap();
        let end = at + x[at..].find("</w:p>").unwrap() + "</w:p>".len();
        let para = &x[start..end];
        let items: String = ["同仁踴；", "同仁踴躍；"]
            .iter()
            .map(|tail| {
                para.replace(
                    anchor,
                    &format!("推動作法如下：1、本所訂定員工學習計畫並公告週知{tail}2、設置學習角落並定期更新書籍。"),
                )
            })
            .collect();
        format!("{}{items}{}", &x[..start], &x[end..])
    });
    let docx = write(dir.path(), "listed.docx", &listed);
    let o = check(&docx);
    assert!(o.errors.is_empty(), "{}", o.json);
    let pdf = &soffice_pdf(&[docx], dir.path())[0];
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert_eq!(
        text.lines()
            .filter(|l| l.trim_start().starts_with("2、設置學習角落"))
            .count(),
        2,
        "the paragraphs no longer wrap before 「2、」: {text}"
    );
    let o = check(pdf);
    assert!(o.errors.is_empty(), "{}", o.json);
    assert_eq!(o.warnings, ["FMT-FONT-SUBSTITUTE"], "{}", o.json);
}

#[test]
fn damaged_appbook_books_exported_by_libreoffice_fail_as_their_docx_do() {
    let (dir, book) = agency_docx();
    let variants = damaged_variants(&book);
    let docx: Vec<PathBuf> = variants
        .iter()
        .map(|(name, bytes, _, _)| write(dir.path(), &format!("{name}.docx"), bytes))
        .collect();
    let pdfs = soffice_pdf(&docx, dir.path());
    for ((name, _, errors, warnings), pdf) in variants.iter().zip(&pdfs) {
        let o = check(pdf);
        assert_eq!(o.errors, *errors, "{name}: {}", o.json);
        let mut expected: Vec<&str> = warnings.to_vec();
        expected.push("FMT-FONT-SUBSTITUTE");
        expected.sort();
        assert_eq!(o.warnings, expected, "{name}: {}", o.json);
    }
}

#[test]
fn pdf_page_numbers_are_found_and_must_go_up_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let pages = || {
        vec![
            body_page(0, 14.0, "壹、基本資料"),
            body_page(0, 14.0, "一、概況"),
            body_page(0, 14.0, "二、制度"),
        ]
    };
    let judge = |name: &str, pages: Vec<Page>| {
        check(&write(
            dir.path(),
            &format!("{name}.pdf"),
            &build_pdf(&["DFKai-SB"], &pages),
        ))
    };
    assert!(judge("footer", numbered(pages())).errors.is_empty());
    // - 1 - at the head of the page is a page number too.
    let mut head = pages();
    for (p, n) in head.iter_mut().zip(["- 1 -", "- 2 -", "- 3 -"]) {
        p.lines.push(line(0, 10.0, 810.0, n));
    }
    let o = judge("head", head);
    assert!(o.errors.is_empty(), "{}", o.json);
    let o = judge("none", pages());
    assert_eq!(o.errors, ["FMT-PAGE-NUMBER"], "{}", o.json);
    assert!(
        o.json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("only 0 of the 3 pages"),
        "{}",
        o.json
    );
    // A typed 1 on every page is not numbering.
    let mut same = pages();
    for p in &mut same {
        p.lines.push(line(0, 10.0, 40.0, "1"));
    }
    let o = judge("same", same);
    assert_eq!(o.errors, ["FMT-PAGE-NUMBER"], "{}", o.json);
    assert!(
        o.json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("do not go up by one"),
        "{}",
        o.json
    );
}
