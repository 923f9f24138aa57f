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

/// An attachment as read: where it is, what it is, and for a PDF its page count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attachment {
    pub path: PathBuf,
    pub kind: FileKind,
    /// Pages of a PDF; None for an image (one page in the book).
    pub pages: Option<usize>,
}

/// Attachments as read during the rules, keyed by the path the application gives.
pub type Attachments = std::collections::BTreeMap<String, Attachment>;

/// Why a file cannot be used, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// Not a file, or the system refused to open it.
    Unreadable { zh: String, en: String },
    /// The content is none of PDF, PNG, JPEG.
    NotAnAttachment,
}

/// Reads `path` the way the book will use it.
pub fn read(path: &Path) -> Result<Attachment, Unusable> {
    let unreadable = |zh: &str, en: &str| Unusable::Unreadable {
        zh: zh.to_string(),
        en: en.to_string(),
    };
    if !path.is_file() {
        return Err(unreadable("這是資料夾，不是檔案", "it is a folder"));
    }
    let io = |e: std::io::Error| Unusable::Unreadable {
        zh: crate::diagnostics::io_error_zh(&e),
        en: e.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut head = [0u8; 16];
    let n = read_up_to(&mut file, &mut head);
    let kind = sniff(&head[..n]).ok_or(Unusable::NotAnAttachment)?;
    verify_whole(&mut file, kind).map_err(|(zh, en)| unreadable(zh, en))?;
    let pages = match kind {
        FileKind::Pdf => {
            // The same open file, read whole: the page count needs every byte.
            let mut bytes = Vec::new();
            file.seek(SeekFrom::Start(0)).map_err(io)?;
            file.read_to_end(&mut bytes).map_err(io)?;
            Some(pdf_pages(&bytes).map_err(|(zh, en)| Unusable::Unreadable { zh, en })?)
        }
        FileKind::Png | FileKind::Jpeg => None,
    };
    Ok(Attachment {
        path: path.to_path_buf(),
        kind,
        pages,
    })
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

/// A cheap test that the file is whole: a PDF ends with `%%EOF`, a PNG with its IEND chunk,
/// a JPEG with the EOI marker. Truncated downloads are the common failure here.
fn verify_whole(
    file: &mut std::fs::File,
    kind: FileKind,
) -> Result<(), (&'static str, &'static str)> {
    let len = file
        .seek(SeekFrom::End(0))
        .map_err(|_| ("無法讀取檔案長度", "cannot read its length"))?;
    let tail_len = len.min(1024);
    file.seek(SeekFrom::End(-(tail_len as i64)))
        .map_err(|_| ("無法讀取檔案結尾", "cannot read its end"))?;
    let mut tail = vec![0u8; tail_len as usize];
    let n = read_up_to(file, &mut tail);
    let tail = &tail[..n];
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

/// The page count the book needs to place every page; a PDF that cannot be opened without a
/// password, or has no pages, cannot be placed.
fn pdf_pages(bytes: &[u8]) -> Result<usize, (String, String)> {
    // lopdf has panicked on malformed files before; a bad attachment must not crash a batch.
    let loaded = std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes));
    let not_pdf = |why: &str| {
        (
            format!("不是可讀取的 PDF（{why}）；請重新匯出成未加密的 PDF"),
            format!("not a readable PDF ({why}); export it again as an unencrypted PDF"),
        )
    };
    match loaded {
        Ok(Ok(doc)) => {
            if doc.is_encrypted() {
                return Err(not_pdf("encrypted"));
            }
            match doc.get_pages().len() {
                0 => Err(not_pdf("no pages")),
                n => Ok(n),
            }
        }
        Ok(Err(e)) => Err(not_pdf(&e.to_string())),
        Err(_) => Err(not_pdf("malformed")),
    }
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
}
