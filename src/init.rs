//! `appbook init`: a commented application to start from, and an attachments folder.

use crate::diagnostics::Text;
use crate::programmes::Programme;
use std::path::Path;

const ATTACHMENTS_README: &str = "\
請把附件（證明文件）放在這個資料夾，並在 application.yaml 的 attachments 中列出。
只接受 PDF、PNG、JPEG；Word／Excel 檔請先另存為 PDF。

Put the attachments (supporting documents) in this folder and list them under attachments
in application.yaml. Only PDF, PNG and JPEG are accepted; save Word/Excel files as PDF first.
";

/// The schema `init` writes beside the application, named on its first line so that an editor
/// with YAML support (the yaml-language-server of VS Code and others) explains and completes
/// every key offline.
pub const SCHEMA_FILE: &str = "application.schema.json";

/// Writes DIR/application.yaml, DIR/application.schema.json and DIR/attachments/. Refuses to
/// overwrite an application.
pub fn init(programme: &Programme, dir: &Path) -> Result<Vec<String>, Text> {
    let app = dir.join("application.yaml");
    if app.exists() {
        return Err(Text::new(
            format!("「{}」已存在，不會覆寫", app.display()),
            format!(
                "`{}` already exists and will not be overwritten",
                app.display()
            ),
        ));
    }
    let io = |e: std::io::Error| {
        Text::new(
            format!(
                "無法寫入「{}」：{}",
                dir.display(),
                crate::diagnostics::io_error_zh(&e)
            ),
            format!("cannot write to `{}`: {e}", dir.display()),
        )
    };
    let attachments = dir.join("attachments");
    std::fs::create_dir_all(&attachments).map_err(io)?;
    let readme = attachments.join("README.txt");
    if !readme.exists() {
        crate::write::atomic(&readme, ATTACHMENTS_README.as_bytes()).map_err(io)?;
    }
    let schema = dir.join(SCHEMA_FILE);
    crate::write::atomic(
        &schema,
        crate::schema::to_text(&programme.schema()).as_bytes(),
    )
    .map_err(io)?;
    crate::write::atomic(&app, scaffold(programme).as_bytes()).map_err(io)?;
    Ok(vec![
        app.display().to_string(),
        schema.display().to_string(),
        attachments.display().to_string(),
    ])
}

/// The edition's commented application. An edition that extends another borrows its base's
/// scaffold, whose `edition:` line names the base; the scaffold names the edition chosen.
fn scaffold(programme: &Programme) -> String {
    let edition = format!("edition: \"{}\"", programme.edition.edition);
    format!("# yaml-language-server: $schema={SCHEMA_FILE}\n")
        + &programme
            .init_template()
            .lines()
            .map(|l| {
                if l.starts_with("edition:") {
                    edition.as_str()
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
        + "\n"
}
