//! SPEC §4.2: attachments exist, are PDF/PNG/JPEG by their content (not their name), are
//! readable, and lie inside the application's folder: no absolute paths, no `..`, no links
//! that lead out.

use super::context::Context;
use crate::attachment::{self, Attachment, Unusable};
use crate::diagnostics::Text;
use std::path::{Component, Path, PathBuf};

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
    let inside = match locate(ctx, p, &full) {
        Place::Missing => {
            ctx.error(
                "ATTACH-MISSING",
                path,
                Text::new(
                    format!("找不到{zh}檔案「{rel}」"),
                    format!("the {en} file `{rel}` does not exist"),
                ),
                missing_hint(&ctx.dir, rel),
            );
            return None;
        }
        Place::Inside => true,
        Place::Outside => false,
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

/// What to do about a named file that is not there. The two slips that leave a file present
/// under another spelling are named with the spelling that works: Windows' backslashes (the
/// file opens there, and not in CI on Linux or macOS), and letter case that differs from the
/// file's (Windows and macOS do not mind it by default; Linux does).
fn missing_hint(dir: &Path, rel: &str) -> Text {
    let slashes = rel.replace('\\', "/");
    if slashes != rel && dir.join(&slashes).is_file() {
        return Text::new(
            format!("路徑要用 / 分隔（\\ 只在 Windows 上可用）：寫成 {slashes}"),
            format!("separate the path with / (\\ works on Windows only): write {slashes}"),
        );
    }
    if let Some(found) = same_but_case(dir, Path::new(&slashes)) {
        return Text::new(
            format!("檔名的大小寫不同：資料夾裡的是 {found}；照實際的大小寫寫（Linux 上大小寫不同就是不同檔案）"),
            format!("the letter case differs: the folder has {found}; write it as it is (on Linux a different case is a different file)"),
        );
    }
    Text::new(
        "檢查檔名與大小寫，並確認檔案已放在申請資料夾中。",
        "check the name and its letter case, and that the file is inside the application's folder.",
    )
}

/// The path under `dir` that `rel` names when letter case is ignored, component by component,
/// written with `/`; none when no such file exists or the case already matches.
fn same_but_case(dir: &Path, rel: &Path) -> Option<String> {
    let mut at = dir.to_path_buf();
    let mut parts = Vec::new();
    for c in rel.components() {
        let Component::Normal(name) = c else {
            return None;
        };
        let want = name.to_str()?.to_lowercase();
        let entry = std::fs::read_dir(&at)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .filter(|n| n.to_str().is_some_and(|n| n.to_lowercase() == want))
            .min()?;
        parts.push(entry.to_string_lossy().into_owned());
        at.push(entry);
    }
    let found = parts.join("/");
    (at.is_file() && Path::new(&found) != rel).then_some(found)
}

/// Where a named file is, its links followed.
enum Place {
    Missing,
    Inside,
    Outside,
}

/// Where `full`, the application's folder joined with `rel` (relative, without `..`), leads.
/// Unless one of `rel`'s own components is a link, it lies inside the folder (the folder's own
/// links take the whole folder with them), which one `lstat` per component tells (a folder's
/// once for all the attachments in it); resolving
/// the whole path (`canonicalize`) asks the system about every component from the root, and
/// checking a large folder did little else. A link among them is followed to the end.
fn locate(ctx: &Context, rel: &Path, full: &Path) -> Place {
    let mut at = ctx.dir.clone();
    let mut components = rel.components().peekable();
    while let Some(component) = components.next() {
        at.push(component);
        let last = components.peek().is_none();
        if !last && ctx.plain_dirs.borrow().contains(&at) {
            continue;
        }
        match std::fs::symlink_metadata(&at) {
            // What cannot be looked at cannot be found by following the path either.
            Err(_) => return Place::Missing,
            Ok(m) if m.file_type().is_symlink() => return followed(ctx, full),
            Ok(m) if !last && m.is_dir() => ctx.plain_dirs.borrow_mut().push(at.clone()),
            Ok(_) => {}
        }
    }
    Place::Inside
}

/// [`locate`] for a path through a link: followed to its end, which must exist and lie inside
/// the folder (itself with its links resolved).
fn followed(ctx: &Context, full: &Path) -> Place {
    if !full.exists() {
        return Place::Missing;
    }
    match (full.canonicalize(), ctx.canonical_dir()) {
        (Ok(f), Some(d)) if f.starts_with(d) => Place::Inside,
        _ => Place::Outside,
    }
}

/// Checks one attachment reference at YAML `path`: the path rules, then one reading of the
/// file ([`crate::attachment::read`]). A usable file is kept in the context under `rel`, so the
/// book places it as it was read here.
pub fn check(ctx: &mut Context, path: &str, rel: &str) -> Option<Attachment> {
    let p = Path::new(rel);
    let full = resolve_inside(ctx, path, rel, ATTACHMENT)?;
    let read = match attachment::read(&full) {
        Ok(a) => a,
        Err(Unusable::Unreadable { zh, en }) => {
            ctx.error(
                "ATTACH-UNREADABLE",
                path,
                Text::new(
                    format!("附件「{rel}」無法讀取：{zh}"),
                    format!("the attachment `{rel}` cannot be read: {en}"),
                ),
                Text::new("請重新匯出或掃描此檔案。", "export or scan the file again."),
            );
            return None;
        }
        Err(Unusable::NotAnAttachment) => {
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
        }
    };
    let kind = read.kind;
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
    ctx.attachments.insert(rel.to_string(), read.clone());
    Some(read)
}
