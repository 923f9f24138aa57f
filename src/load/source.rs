use super::LoadFailure;
use crate::diagnostics::{Diagnostic, Location, Text};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// No real application comes near this; a cap keeps a 50 MB string from being parsed at all.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// A YAML file read into memory, with the name diagnostics show for it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl SourceFile {
    pub fn from_text(name: &str, path: &Path, text: &str) -> Self {
        SourceFile {
            name: name.to_string(),
            path: path.to_path_buf(),
            text: Arc::from(text),
        }
    }
}

fn whole_file(name: &str) -> Location {
    Location {
        file: name.to_string(),
        line: 0,
        column: 0,
        path: String::new(),
        byte: None,
    }
}

/// Reads a file with a size cap and insists on UTF-8, naming Big5 and UTF-16 when it sees
/// them, since files saved by older Windows editors in Taiwan are often Big5.
pub fn read_source(path: &Path) -> Result<SourceFile, LoadFailure> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        LoadFailure::fatal(Diagnostic::error(
            "INPUT-UNREADABLE",
            whole_file(&name),
            Text::new(
                format!("無法開啟檔案：{}", crate::diagnostics::io_error_zh(&e)),
                format!("cannot open the file: {e}"),
            ),
        ))
    })?;
    // Sized from the file's length: read through `take`, which hides the length, the text
    // would come in hundreds of small reads that double the buffer each time.
    let len = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_INPUT_BYTES as u64) as usize;
    read_from(file, name, path, len)
}

/// The name standard input goes by in findings.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads an application from standard input (`appbook check -`), under the same limits as a file.
pub fn read_stdin() -> Result<SourceFile, LoadFailure> {
    read_from(
        std::io::stdin().lock(),
        STDIN_NAME.to_string(),
        Path::new("-"),
        0,
    )
}

fn read_from(
    file: impl Read,
    name: String,
    path: &Path,
    len: usize,
) -> Result<SourceFile, LoadFailure> {
    let mut bytes = Vec::with_capacity(len + 1);
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            LoadFailure::fatal(Diagnostic::error(
                "INPUT-UNREADABLE",
                whole_file(&name),
                Text::new(
                    format!("無法讀取檔案：{}", crate::diagnostics::io_error_zh(&e)),
                    format!("cannot read the file: {e}"),
                ),
            ))
        })?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(LoadFailure::fatal(Diagnostic::error(
            "INPUT-TOO-LARGE",
            whole_file(&name),
            Text::new(
                format!(
                    "檔案超過 {} MiB 上限，拒絕處理。",
                    MAX_INPUT_BYTES / 1024 / 1024
                ),
                format!(
                    "the file is larger than the {} MiB limit and was rejected.",
                    MAX_INPUT_BYTES / 1024 / 1024
                ),
            ),
        )
        .with_hint(Text::new(
            "申請資料應是純文字；圖片與 PDF 請放在附件資料夾，在 YAML 中只寫檔名。",
            "the application is plain text; put images and PDFs in the attachments folder and name them in the YAML.",
        ))));
    }
    let text = decode(&name, path, bytes)?;
    Ok(SourceFile {
        name,
        path: path.to_path_buf(),
        text: Arc::from(text),
    })
}

fn decode(name: &str, path: &Path, bytes: Vec<u8>) -> Result<String, LoadFailure> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    // UTF-16 of plain ASCII is valid UTF-8 with a NUL after every letter, so it is recognised
    // before the UTF-8 check, not after it.
    let utf16 = looks_utf16(&bytes);
    if !utf16 {
        if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
            return Ok(text.to_owned());
        }
    }
    let valid_up_to = if utf16 {
        0
    } else {
        std::str::from_utf8(&bytes)
            .err()
            .map(|e| e.valid_up_to())
            .unwrap_or(0)
    };
    let line = bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1;
    let (zh_guess, en_guess) = guess_encoding(&bytes);
    let (from, from_zh) = if utf16 {
        ("UTF-16", "UTF-16（Unicode）")
    } else {
        ("BIG5", "Big5")
    };
    let (convert, convert_en) = iconv_hint(from, path);
    Err(LoadFailure::fatal(
        Diagnostic::error(
            "INPUT-NOT-UTF8",
            Location {
                file: name.to_string(),
                line,
                column: 1,
                path: String::new(),
                byte: None,
            },
            Text::new(
                format!("檔案不是 UTF-8 編碼（第 {line} 行起無法解讀）{zh_guess}。"),
                format!("the file is not UTF-8 (unreadable from line {line}){en_guess}."),
            ),
        )
        .with_hint(Text::new(
            format!("請用編輯器將檔案由 {from_zh}「另存為 UTF-8」（記事本：編碼選 UTF-8；VS Code：右下角編碼→以編碼儲存→UTF-8），或執行 {convert}。"),
            format!("re-save the file as UTF-8 (Notepad: Encoding UTF-8; VS Code: status bar encoding → Save with Encoding → UTF-8), or run {convert_en}."),
        )),
    ))
}

/// The iconv command that converts this very file (zh, en). An application keeps its name
/// (the old copy is named 舊檔, as the reviewer keeps it); any other file, a score file among
/// them, is converted into a new file beside it, so the hint never sends output over a file
/// the reader did not name.
fn iconv_hint(from: &str, path: &Path) -> (String, String) {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if file.is_empty() || file == "-" || file == "application.yaml" {
        return (
            format!("iconv -f {from} -t UTF-8 舊檔 > application.yaml"),
            format!("iconv -f {from} -t UTF-8 old.yaml > application.yaml"),
        );
    }
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let converted = match path.extension() {
        Some(ext) => format!("{stem}-utf8.{}", ext.to_string_lossy()),
        None => format!("{stem}-utf8"),
    };
    let cmd = format!("iconv -f {from} -t UTF-8 {file} > {converted}");
    (cmd.clone(), cmd)
}

/// A byte-order mark of UTF-16, or the NUL in every other byte that UTF-16 gives Latin text.
fn looks_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(512)];
    let zeros = |start: usize| {
        head.iter()
            .skip(start)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let pairs = head.len() / 2;
    pairs >= 2 && (zeros(0) * 2 > pairs || zeros(1) * 2 > pairs)
}

/// A guess at what a non-UTF-8 file is, as a clause to append to a message (zh, en).
pub fn guess_encoding(bytes: &[u8]) -> (&'static str, &'static str) {
    if looks_utf16(bytes) {
        return (
            "，看起來是 UTF-16（Windows 記事本的「Unicode」）",
            ", it looks like UTF-16 (Windows Notepad's \"Unicode\")",
        );
    }
    let (_, _, had_errors) = encoding_rs::BIG5.decode(bytes);
    if !had_errors {
        (
            "，看起來是 Big5（舊版 Windows 繁體中文的預設編碼）",
            ", it looks like Big5 (the old Windows Traditional Chinese default)",
        )
    } else {
        ("", "")
    }
}
