//! Reading an attachment file once: what it is by its content (PDF, PNG, JPEG), whether it is
//! whole, and for a PDF how many pages it has. The rules report what this finds; the result
//! travels in the checked model to the book and the writers, so no later stage reads the
//! file's kind again.

use serde::Serialize;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Pdf,
    Png,
    Jpeg,
}

impl FileKind {
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Png => "PNG",
            FileKind::Jpeg => "JPEG",
        }
    }

    /// File name extensions that match the content, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
        }
    }
}

/// The kind a file's first bytes announce.
pub fn sniff(head: &[u8]) -> Option<FileKind> {
    if head.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(FileKind::Png)
    } else if head.starts_with(b"\xFF\xD8\xFF") {
        Some(FileKind::Jpeg)
    } else {
        None
    }
}

/// An attachment as read: where it is, what it is, and what the writers need to place it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Pages of a PDF; None for an image (one page in the book).
    pub pages: Option<usize>,
    /// An image's width and height in pixels, as decoded.
    pub pixels: Option<(u32, u32)>,
    /// An image's resolution in dots per inch, when the file states one.
    pub dpi: Option<u32>,
}

/// Attachments as read during the rules, keyed by the path the application gives.
pub type Attachments = std::collections::BTreeMap<String, Attachment>;

/// Why a file cannot be used, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Not a file, the system refused to open it, or its content is damaged.
    Unreadable { zh: String, en: String },
    /// The content is none of PDF, PNG, JPEG.
    NotAnAttachment,
}

/// Largest image read: the DOCX book embeds the file as it is, and a photo or scan of a page
/// is a few MB.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;
/// Largest PDF read: a long scanned document stays well under.
pub const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;

/// Reads `path` the way the book will use it: a PDF is parsed by the same parser the PDF
/// writer embeds pages with (an encrypted one opens only when it needs no password), an
/// image is decoded whole by the same decoders and memory limits the writers use. What
/// passes here, the writers can place.
pub fn read(path: &Path) -> Result<Attachment, Unusable> {
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(Unusable::Unreadable {
            zh: "這是資料夾，不是檔案".into(),
            en: "it is a folder".into(),
        });
    }
    // What a file's content gives does not depend on its name: a file read before (a copy of
    // an application whose attachments are hard links, or the same file named by two
    // applications of a folder) is not opened, parsed and decoded again. A failure to read is
    // no verdict on the content, and is not kept.
    static KNOWN: Memo<Result<Content, Unusable>> = Memo::new();
    let content = KNOWN.get_at(path, &meta, io, read_content)?;
    content.map(|content| content.at(path))
}

fn io(e: std::io::Error) -> Unusable {
    Unusable::Unreadable {
        zh: crate::diagnostics::io_error_zh(&e),
        en: e.to_string(),
    }
}

/// What an attachment's content gives, whatever its path.
#[derive(Clone)]
struct Content {
    kind: FileKind,
    pages: Option<usize>,
    pixels: Option<(u32, u32)>,
    dpi: Option<u32>,
}

impl Content {
    fn at(self, path: &Path) -> Attachment {
        Attachment {
            path: path.to_path_buf(),
            kind: self.kind,
            pages: self.pages,
            pixels: self.pixels,
            dpi: self.dpi,
        }
    }
}

/// Reads an open file from its first byte (the outer error: it cannot be read) and judges its
/// content (the inner result).
fn read_content(file: &mut std::fs::File) -> Result<Result<Content, Unusable>, Unusable> {
    let mut head = [0u8; 16];
    let n = read_up_to(file, &mut head);
    if n == 0 {
        // Not a wrong kind of file but none at all: a save or a copy that did not finish.
        return Ok(Err(Unusable::Unreadable {
            zh: "檔案是空的（0 位元組），可能沒有存完或複製失敗".into(),
            en: "the file is empty (0 bytes); it may not have been saved or copied completely"
                .into(),
        }));
    }
    let Some(kind) = sniff(&head[..n]) else {
        return Ok(Err(Unusable::NotAnAttachment));
    };
    let cap = match kind {
        FileKind::Pdf => MAX_PDF_BYTES,
        FileKind::Png | FileKind::Jpeg => MAX_IMAGE_BYTES,
    };
    let len = file.metadata().map_err(io)?.len();
    if len > cap {
        return Ok(Err(Unusable::Unreadable {
            zh: format!("檔案大於 {} MB 上限", cap >> 20),
            en: format!("the file is larger than the {} MB limit", cap >> 20),
        }));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(judge(bytes, kind))
}

/// Whether the whole content of a file of `kind` is usable, and what the book needs of it.
fn judge(bytes: Vec<u8>, kind: FileKind) -> Result<Content, Unusable> {
    let unreadable = |zh: String, en: String| Unusable::Unreadable { zh, en };
    verify_whole(&bytes, kind).map_err(|(zh, en)| unreadable(zh.into(), en.into()))?;
    let mut read = Content {
        kind,
        pages: None,
        pixels: None,
        dpi: None,
    };
    match kind {
        FileKind::Pdf => {
            read.pages = Some(pdf_pages(bytes).map_err(|(zh, en)| unreadable(zh, en))?)
        }
        FileKind::Png | FileKind::Jpeg => {
            read.pixels = Some(decode_image(&bytes, kind).map_err(|(zh, en)| unreadable(zh, en))?);
            read.dpi = match kind {
                FileKind::Png => png_dpi(&bytes),
                _ => jfif_dpi(&bytes),
            };
        }
    }
    Ok(read)
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> usize {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) | Err(_) => break,
            Ok(k) => n += k,
        }
    }
    n
}

/// A PDF ends with `%%EOF`, a PNG with its IEND chunk, a JPEG with the EOI marker. A parser
/// may recover a cut-off PDF and show fewer pages than were sent, so a truncated file is
/// refused before it is parsed: truncated downloads are the common failure here.
fn verify_whole(bytes: &[u8], kind: FileKind) -> Result<(), (&'static str, &'static str)> {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let whole = match kind {
        FileKind::Pdf => tail.windows(5).any(|w| w == b"%%EOF"),
        FileKind::Png => tail.windows(8).any(|w| w == b"IEND\xAE\x42\x60\x82"),
        FileKind::Jpeg => tail.windows(2).any(|w| w == b"\xFF\xD9"),
    };
    if whole {
        Ok(())
    } else {
        Err((
            "檔案不完整（可能下載或複製時中斷）",
            "the file is truncated",
        ))
    }
}

/// The page count the book needs to place every page. The PDF writer embeds pages with
/// hayro, so this parses with hayro too: a file it cannot open (damaged, or locked with a
/// password to open) is refused here, not halfway through a render. A password that only
/// restricts printing or editing (an owner password) does not stop it.
fn pdf_pages(bytes: Vec<u8>) -> Result<usize, (String, String)> {
    use hayro_syntax::{LoadPdfError, Pdf};
    let not_pdf = |zh: &str, en: &str| {
        (
            format!("不是可讀取的 PDF（{zh}）；請重新匯出成 PDF"),
            format!("not a readable PDF ({en}); export it as a PDF again"),
        )
    };
    // A parser bug on a strange file must not crash a batch.
    let loaded = std::panic::catch_unwind(move || {
        Pdf::new(bytes).map(|pdf| (pdf.pages().len(), pdf.version()))
    });
    match loaded {
        Ok(Ok((0, _))) => Err(not_pdf("沒有任何頁面", "it has no pages")),
        Ok(Ok((_, hayro_syntax::PdfVersion::Pdf20))) => Err((
            "是 PDF 2.0 格式，申請書的 PDF 是 1.7 版，無法收錄；請另存為 PDF 1.7（或 PDF/A）".into(),
            "it is a PDF 2.0 file, which the book (PDF 1.7) cannot include; save it as PDF 1.7 (or PDF/A)".into(),
        )),
        Ok(Ok((n, _))) => Ok(n),
        Ok(Err(LoadPdfError::Decryption(_))) => Err((
            "PDF 設有開啟密碼，無法讀取內容；請移除密碼（例如以「列印 → 另存為 PDF」）後再附上".into(),
            "the PDF needs a password to open; remove the password (e.g. print it to a new PDF) and attach that".into(),
        )),
        Ok(Err(LoadPdfError::Invalid)) => Err(not_pdf("檔案結構損毀", "its structure is damaged")),
        Err(_) => Err(not_pdf("檔案結構異常", "its structure is malformed")),
    }
}

/// Decodes every pixel with the decoders and memory limit of the image crate, as the PDF
/// writer does before it places a picture: a broken chunk checksum or a cut-off scan fails
/// here.
fn decode_image(bytes: &[u8], kind: FileKind) -> Result<(u32, u32), (String, String)> {
    use image::codecs::{jpeg::JpegDecoder, png::PngDecoder};
    use image::error::{LimitError, LimitErrorKind};
    use image::{DynamicImage, ImageDecoder, ImageError, ImageResult, Limits};
    fn decode<D: ImageDecoder>(decoder: ImageResult<D>) -> ImageResult<(u32, u32)> {
        let mut decoder = decoder?;
        let limits = Limits::default();
        // The decoders honour the limit for their own buffers only: the picture's buffer is
        // allocated at the size the header claims, and an allocation that fails aborts the
        // process (Typst's too). So the claimed size is held to the limit before decoding.
        let max = limits.max_alloc.unwrap_or(u64::MAX);
        if decoder.total_bytes() > max {
            return Err(ImageError::Limits(LimitError::from_kind(
                LimitErrorKind::InsufficientMemory,
            )));
        }
        decoder.set_limits(limits)?;
        let image = DynamicImage::from_decoder(decoder)?;
        Ok((image.width(), image.height()))
    }
    let cursor = std::io::Cursor::new(bytes);
    let decoded = std::panic::catch_unwind(|| match kind {
        FileKind::Png => decode(PngDecoder::new(cursor)),
        _ => decode(JpegDecoder::new(cursor)),
    });
    match decoded {
        Ok(Ok((w, h))) if w > 0 && h > 0 => Ok((w, h)),
        Ok(Ok(_)) => Err(("圖片的寬或高是 0".into(), "the image has no width or height".into())),
        Ok(Err(ImageError::Limits(_))) => Err((
            "圖片的像素太多，無法排入申請書；請縮小尺寸（例如 300 dpi 的 A4 掃描約 2480 × 3508 像素）後再附上".into(),
            "the image has too many pixels to place in the book; scale it down (a 300 dpi A4 scan is about 2480 × 3508 pixels)".into(),
        )),
        // The decoder's own words are English; the zh-TW message says what they mean instead.
        Ok(Err(e @ ImageError::Unsupported(_))) => Err((
            "圖片使用了無法讀取的編碼方式（例如 CMYK 或特殊的 JPEG 壓縮），請另存為一般的 PNG 或 JPEG".into(),
            format!("the image uses an encoding that cannot be read ({e}); save it as an ordinary PNG or JPEG"),
        )),
        Ok(Err(e)) => Err((
            "圖片資料損壞或不完整，無法解碼".into(),
            format!("the image is damaged and cannot be decoded ({e})"),
        )),
        Err(_) => Err((
            "圖片結構異常，無法解碼".into(),
            "the image is malformed and cannot be decoded".into(),
        )),
    }
}

/// A PNG's resolution from its pHYs chunk (pixels per metre).
fn png_dpi(bytes: &[u8]) -> Option<u32> {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .ok()?;
    let dims = reader.info().pixel_dims?;
    match dims.unit {
        png::Unit::Meter => dpi(f64::from(dims.xppu.max(dims.yppu)) * 0.0254),
        png::Unit::Unspecified => None,
    }
}

/// A JPEG's resolution from its JFIF header (APP0: units, then the densities).
fn jfif_dpi(bytes: &[u8]) -> Option<u32> {
    if bytes.get(2..4)? != b"\xFF\xE0" || bytes.get(6..11)? != b"JFIF\0" {
        return None;
    }
    let u16_at = |i: usize| Some(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
    let density = f64::from(u16_at(14)?.max(u16_at(16)?));
    match bytes.get(13)? {
        1 => dpi(density),
        2 => dpi(density * 2.54),
        _ => None,
    }
}

pub use cache::Memo;

/// What is worked out from a file's content, kept for the process by the file's identity: the
/// device, the inode, the size and both the modification and the status-change times to the
/// nanosecond. Writing to a file changes its status-change time, which no program can set back,
/// so a file whose identity is unchanged has the content that was read. Attachments ([`read`])
/// and the learning-record exports (`programmes::sme_org_learning::records`) are kept so.
mod cache {
    use std::collections::HashMap;
    use std::fs::File;
    use std::sync::{Mutex, OnceLock};

    #[derive(Clone, PartialEq, Eq, Hash)]
    struct Identity([i64; 7]);

    /// Values worked out from files, by the files' identities.
    pub struct Memo<T>(OnceLock<Mutex<HashMap<Identity, T>>>);

    impl<T: Clone> Default for Memo<T> {
        fn default() -> Self {
            Self::new()
        }
    }

    impl<T: Clone> Memo<T> {
        pub const fn new() -> Self {
            Memo(OnceLock::new())
        }

        /// The value kept for the file at `path` whose status is `meta` (looked up without
        /// opening the file), or what `work` makes of the file opened ([`Memo::get_or`]);
        /// `failed` tells why it could not be opened.
        pub fn get_at<E>(
            &self,
            path: &std::path::Path,
            meta: &std::fs::Metadata,
            failed: impl FnOnce(std::io::Error) -> E,
            work: impl FnOnce(&mut File) -> Result<T, E>,
        ) -> Result<T, E> {
            if let Some(known) = self.known(identity_of(meta).as_ref()) {
                return Ok(known);
            }
            let mut file = File::open(path).map_err(failed)?;
            self.get_or(&mut file, work)
        }

        fn known(&self, id: Option<&Identity>) -> Option<T> {
            let map = self.0.get_or_init(Default::default);
            map.lock().ok()?.get(id?).cloned()
        }

        /// The value kept for the open `file`, or what `work` makes of it. `work`'s value is
        /// kept when the file's times can be trusted and its identity did not change while
        /// `work` read it; an `Err` is never kept.
        pub fn get_or<E>(
            &self,
            file: &mut File,
            work: impl FnOnce(&mut File) -> Result<T, E>,
        ) -> Result<T, E> {
            let id = identity(file);
            if let Some(known) = self.known(id.as_ref()) {
                return Ok(known);
            }
            let value = work(file)?;
            if let Some(id) = id.filter(|id| identity(file).as_ref() == Some(id)) {
                if let Ok(mut map) = self.0.get_or_init(Default::default).lock() {
                    map.insert(id, value.clone());
                }
            }
            Ok(value)
        }
    }

    /// Times of a file system may be coarse (a second, or two): a file changed within that
    /// long before it was read could change again unseen, so, as git does with its index, such
    /// a file is not trusted by its times and gets no identity.
    const SETTLED: i64 = 3;

    fn identity(file: &File) -> Option<Identity> {
        identity_of(&file.metadata().ok()?)
    }

    #[cfg(unix)]
    fn identity_of(m: &std::fs::Metadata) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs() as i64;
        if m.mtime().max(m.ctime()) > now - SETTLED {
            return None;
        }
        Some(Identity([
            m.dev() as i64,
            m.ino() as i64,
            m.size() as i64,
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec(),
        ]))
    }

    /// Elsewhere no identity is trusted, and every file is read.
    #[cfg(not(unix))]
    fn identity_of(_: &std::fs::Metadata) -> Option<Identity> {
        None
    }
}

/// A stated resolution the book can trust: files carry 1 or 65535 when the tool wrote none.
fn dpi(v: f64) -> Option<u32> {
    (30.0..=4800.0).contains(&v).then(|| v.round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(FileKind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(FileKind::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Some(FileKind::Jpeg));
        assert_eq!(sniff(b"PK\x03\x04"), None);
        assert_eq!(sniff(b""), None);
    }

    /// A damaged picture is reported in zh-TW words, the decoder's English only in English.
    #[test]
    fn a_damaged_image_is_explained_in_each_language() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seal.png");
        image::RgbImage::from_fn(40, 40, |x, y| image::Rgb([x as u8, y as u8, 7]))
            .save(&path)
            .unwrap();
        let mut bytes = std::fs::read(&path).unwrap();
        // A byte of the compressed pixels changed: its chunk's checksum no longer matches.
        let data = bytes.windows(4).position(|w| w == b"IDAT").unwrap() + 8;
        bytes[data] ^= 0x55;
        std::fs::write(&path, &bytes).unwrap();
        let Err(Unusable::Unreadable { zh, en }) = read(&path) else {
            panic!("a damaged PNG was read");
        };
        assert_eq!(zh, "圖片資料損壞或不完整，無法解碼");
        assert!(
            en.starts_with("the image is damaged and cannot be decoded ("),
            "{en}"
        );
    }

    /// A file rewritten where it is, as an editor saves over an attachment, is judged by its
    /// new content, however quickly it follows the first reading.
    #[test]
    fn a_file_rewritten_in_place_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seal.png");
        std::fs::write(&path, b"not a picture").unwrap();
        assert_eq!(read(&path), Err(Unusable::NotAnAttachment));
        image::RgbImage::new(2, 3).save(&path).unwrap();
        let read = read(&path).unwrap();
        assert_eq!((read.kind, read.pixels), (FileKind::Png, Some((2, 3))));
    }

    /// An empty file is no wrong kind of file but none at all, and is said to be empty.
    #[test]
    fn an_empty_file_is_said_to_be_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("budget.pdf");
        std::fs::write(&path, b"").unwrap();
        let Err(Unusable::Unreadable { zh, en }) = read(&path) else {
            panic!("an empty file is unreadable");
        };
        assert!(
            zh.contains("檔案是空的") && en.contains("empty"),
            "{zh} / {en}"
        );
    }
}
