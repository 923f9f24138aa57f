//! SPEC §4.2: attachments exist, are PDF/PNG/JPEG by their content (not their name), are
//! readable, and lie inside the application's folder: no absolute paths, no `..`, no links
//! that lead out.

use super::context::Context;
use crate::diagnostics::Text;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

    fn extensions(self) -> &'static [&'static str] {
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

/// A checked attachment: its absolute path and kind.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub path: PathBuf,
    pub kind: FileKind,
}

/// What a referenced file is called in messages: 附件 / attachment, 學習紀錄檔 / learning-record file.
#[derive(Clone, Copy)]
pub struct Noun {
    pub zh: &'static str,
    pub en: &'static str,
}

pub const ATTACHMENT: Noun = Noun {
    zh: "附件",
    en: "attachment",
};

/// The path rules every file an application names obeys: relative, no `..`, present, and
/// (after following links) inside the application's folder. Returns the full path.
pub fn resolve_inside(ctx: &mut Context, path: &str, rel: &str, noun: Noun) -> Option<PathBuf> {
    let Noun { zh, en } = noun;
    let p = Path::new(rel);
    let escapes = p.is_absolute()
        || rel.starts_with('/')
        || rel.starts_with('\\')
        || rel.contains(':')
        || p.components().any(|c| matches!(c, Component::ParentDir));
    if escapes {
        ctx.error(
            "ATTACH-OUTSIDE",
            path,
            Text::new(
                format!("{zh}路徑「{rel}」指向申請資料夾之外"),
                format!("the {en} path `{rel}` points outside the application's folder"),
            ),
            Text::new(
                "把檔案放進申請資料夾（例如 attachments/），並寫相對路徑，不要用 `..` 或絕對路徑。",
                "put the file inside the application's folder (e.g. attachments/) and give a relative path without `..`.",
            ),
        );
        return None;
    }
    let full = ctx.dir.join(p);
    if !full.exists() {
        ctx.error(
            "ATTACH-MISSING",
            path,
            Text::new(
                format!("找不到{zh}檔案「{rel}」"),
                format!("the {en} file `{rel}` does not exist"),
            ),
            Text::new(
                "檢查檔名與大小寫，並確認檔案已放在申請資料夾中。",
                "check the name and its letter case, and that the file is inside the application's folder.",
            ),
        );
        return None;
    }
    // A symlink inside the folder may still lead out of it.
    let inside = match (full.canonicalize(), ctx.dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    };
    if !inside {
        ctx.error(
            "ATTACH-OUTSIDE",
            path,
            Text::new(
                format!("{zh}「{rel}」是連結，實際檔案在申請資料夾之外"),
                format!("the {en} `{rel}` is a link to a file outside the application's folder"),
            ),
            Text::new(
                "請把實際檔案複製進申請資料夾，不要用捷徑或符號連結。",
                "copy the real file into the application's folder instead of linking to it.",
            ),
        );
        return None;
    }
    Some(full)
}

/// Checks one attachment reference at YAML `path`; returns the file when it is usable.
pub fn check(ctx: &mut Context, path: &str, rel: &str) -> Option<Resolved> {
    let p = Path::new(rel);
    let full = resolve_inside(ctx, path, rel, ATTACHMENT)?;
    let unreadable = |ctx: &mut Context, why: String, why_en: String| {
        ctx.error(
            "ATTACH-UNREADABLE",
            path,
            Text::new(
                format!("附件「{rel}」無法讀取：{why}"),
                format!("the attachment `{rel}` cannot be read: {why_en}"),
            ),
            Text::new("請重新匯出或掃描此檔案。", "export or scan the file again."),
        );
    };
    let mut file = match std::fs::File::open(&full) {
        Ok(f) if full.is_file() => f,
        Ok(_) => {
            unreadable(ctx, "這是資料夾，不是檔案".into(), "it is a folder".into());
            return None;
        }
        Err(e) => {
            unreadable(ctx, e.to_string(), e.to_string());
            return None;
        }
    };
    let mut head = [0u8; 16];
    let n = read_up_to(&mut file, &mut head);
    let Some(kind) = sniff(&head[..n]) else {
        ctx.error(
            "ATTACH-TYPE",
            path,
            Text::new(
                format!("附件「{rel}」的內容不是 PDF、PNG 或 JPEG"),
                format!("the content of `{rel}` is not PDF, PNG or JPEG"),
            ),
            Text::new(
                "Word、Excel 等檔案請先「另存為 PDF」；照片請存成 JPEG 或 PNG。只改副檔名沒有用。",
                "save Word or Excel files as PDF first, photos as JPEG or PNG; renaming the file is not enough.",
            ),
        );
        return None;
    };
    if let Err((zh, en)) = verify_whole(&mut file, kind) {
        unreadable(ctx, zh.to_string(), en.to_string());
        return None;
    }
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !kind.extensions().contains(&ext.as_str()) {
        ctx.warning(
            "ATTACH-EXTENSION",
            path,
            Text::new(
                format!(
                    "附件「{rel}」的內容是 {}，但副檔名是「.{ext}」",
                    kind.name()
                ),
                format!("`{rel}` contains {} but is named `.{ext}`", kind.name()),
            ),
            Text::new(
                format!("把副檔名改成 .{}，以免他人開錯程式。", kind.extensions()[0]),
                format!(
                    "rename it to .{} so others open it correctly.",
                    kind.extensions()[0]
                ),
            ),
        );
    }
    Some(Resolved { path: full, kind })
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
