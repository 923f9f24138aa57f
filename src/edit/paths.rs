//! The editor reads and writes only inside the application's folder. A path from the page is
//! relative, made of plain names (no `..`, no `.`, no root, no backslash), and once the file
//! system has resolved it (symbolic links included) it must still lie inside the folder.

use std::path::{Component, Path, PathBuf};

/// Why a path from the page is refused.
#[derive(Debug, PartialEq, Eq)]
pub struct Outside;

/// Plain relative names only: what an application writes for its attachments.
fn well_formed(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.contains(['\\', '\0', ':'])
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The existing file `rel` inside `root` (a canonical folder).
pub fn existing(root: &Path, rel: &str) -> Result<PathBuf, Outside> {
    if !well_formed(rel) {
        return Err(Outside);
    }
    let real = root.join(rel).canonicalize().map_err(|_| Outside)?;
    if real.starts_with(root) && real.is_file() {
        Ok(real)
    } else {
        Err(Outside)
    }
}

/// Where a new file `name` goes in the folder `sub` of `root`: the folder must resolve inside
/// `root`, and nothing (not even a dangling link) may stand at the name yet.
pub fn new_file(root: &Path, sub: &str, name: &str) -> Result<PathBuf, Outside> {
    if !well_formed(sub) || !well_formed(name) || name.contains('/') || name.starts_with('.') {
        return Err(Outside);
    }
    let dir = root.join(sub);
    std::fs::create_dir_all(&dir).map_err(|_| Outside)?;
    let dir = dir.canonicalize().map_err(|_| Outside)?;
    if !dir.starts_with(root) {
        return Err(Outside);
    }
    let target = dir.join(name);
    if target.symlink_metadata().is_ok() {
        return Err(Outside);
    }
    Ok(target)
}

/// A name for an uploaded file: its last path part, with characters that file systems or YAML
/// dislike replaced; the dot of the extension is kept.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*#&%{}[],'`".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "attachment".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        assert!(existing(&root, "a.txt").is_ok());
        for bad in [
            "../a.txt",
            "../../etc/passwd",
            "/etc/passwd",
            "./a.txt",
            "sub/../a.txt",
            "",
            "a\\..\\b",
        ] {
            assert_eq!(existing(&root, bad), Err(Outside), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
            assert_eq!(existing(&root, "etc/passwd"), Err(Outside));
            assert_eq!(new_file(&root, "etc", "x.png"), Err(Outside));
            std::os::unix::fs::symlink("/nowhere", root.join("dangling.png")).unwrap();
            assert_eq!(new_file(&root, ".", "dangling.png"), Err(Outside));
        }
        assert!(new_file(&root, "attachments", "b.png").is_ok());
        assert_eq!(new_file(&root, "attachments", "../b.png"), Err(Outside));
    }

    #[test]
    fn cleans_upload_names() {
        assert_eq!(clean_name("C:\\照片\\獎狀 1.png"), "獎狀 1.png");
        assert_eq!(clean_name("../../x.pdf"), "x.pdf");
        assert_eq!(clean_name(".."), "attachment");
        assert_eq!(clean_name("a:b#c.png"), "a_b_c.png");
    }
}
