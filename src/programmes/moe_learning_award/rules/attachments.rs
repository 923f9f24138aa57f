//! 附件（證明文件）: each names a readable file, and each 評審項目 has at least one.

use super::super::model::{Application, AttachmentKind};
use super::REQUIRED as R;
use crate::diagnostics::Text;
use crate::rulekit::attachments;
use crate::rulekit::context::{join, Context};

pub fn check(app: &Application, ctx: &mut Context) {
    for (i, a) in app.attachments.iter().enumerate() {
        let p = format!("attachments[{i}]");
        ctx.required_text(R, &join(&p, "title"), "附件名稱", a.title.as_ref());
        if ctx.required_text(R, &join(&p, "file"), "附件檔案", a.file.as_ref()) {
            attachments::check(ctx, &join(&p, "file"), a.file.as_deref().unwrap_or(""));
        }
    }
    // Each of 評審項目 一–五 asks for 相關證明文件; a kind with none is worth a warning.
    for kind in AttachmentKind::ALL
        .iter()
        .filter(|k| **k != AttachmentKind::Other)
    {
        if !app.attachments.iter().any(|a| a.kind == *kind) {
            kind_missing(*kind, ctx);
        }
    }
}

fn kind_missing(kind: AttachmentKind, ctx: &mut Context) {
    let key = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    ctx.warning(
        "MOE-ATTACHMENT-KIND-MISSING",
        "attachments",
        Text::new(
            format!("沒有「{}」", kind.zh()),
            format!("no attachment of kind `{key}` ({})", kind.zh()),
        ),
        Text::new(
            "評審項目要求檢附相關證明文件；缺少時評審較難給分。",
            "each evaluation item asks for supporting documents; reviewers score missing proof lower.",
        ),
    );
}
