//! Atomic output: write to a temporary file beside the target, then rename, so a failed or
//! interrupted run never leaves a partial file where a complete one is expected.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A temporary file being written: its bytes, then a sync to the disk before it is renamed
/// into place. Files of the file system are sinks; tests use one that fails part-way, as a
/// full disk does, to prove that a failure leaves nothing behind.
pub trait Sink: Write {
    fn sync(&mut self) -> std::io::Result<()>;
}

impl Sink for std::fs::File {
    fn sync(&mut self) -> std::io::Result<()> {
        self.sync_all()
    }
}

/// Writes `bytes` to `path` through a temporary file of the file system.
pub fn atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes, &|tmp: &Path| std::fs::File::create(tmp))?.commit()
}

/// A file written in full under a temporary name beside its target, not yet in place.
/// Dropped without [`Staged::commit`], it is removed.
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    done: bool,
}

impl Staged {
    /// Renames the file into place, replacing whatever was there in one step.
    pub fn commit(mut self) -> std::io::Result<()> {
        self.done = true;
        let result = std::fs::rename(&self.tmp, &self.path);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.tmp);
        }
        result
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` in full to a temporary file beside `path`, opened by `create`, and syncs
/// it; the target is not touched until [`Staged::commit`].
pub fn stage<S: Sink>(
    path: &Path,
    bytes: &[u8],
    create: &dyn Fn(&Path) -> std::io::Result<S>,
) -> std::io::Result<Staged> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    remove_abandoned(dir, &name);
    let staged = Staged {
        tmp: dir.join(temporary_name(&name, std::process::id())),
        path: path.to_path_buf(),
        done: false,
    };
    let mut f = create(&staged.tmp)?;
    f.write_all(bytes)?;
    f.sync()?;
    Ok(staged)
}

/// Each process writes its own temporary file, so two runs into one folder never share one.
fn temporary_name(name: &str, pid: u32) -> String {
    format!(".{name}.{pid}.tmp")
}

/// Removes the temporary files of `name` that a killed run left behind: those whose process
/// is gone. Only where the system lists its processes under /proc; elsewhere a running
/// process's file could not be told from an abandoned one.
fn remove_abandoned(dir: &Path, name: &str) {
    let procs = Path::new("/proc");
    if !procs.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|f| f.strip_suffix(".tmp"))
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !procs.join(pid.to_string()).exists() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
