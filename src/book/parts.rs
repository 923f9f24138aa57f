//! Pieces every programme's book builder needs: numbered headings in the form's scheme and
//! attachments placed by their content type.

use super::numbering::label;
use super::{Block, EmbedKind, Section};
use std::path::Path;

/// A numbered heading: level 1 starts a page, levels 1–3 are listed in the 目次.
pub fn numbered(level: u8, n: u32, title: String) -> Section {
    Section {
        level,
        number: Some(label(level, n)),
        title,
        toc: level <= 3,
        page_break: level == 1,
        blocks: Vec::new(),
        children: Vec::new(),
    }
}

/// Adds the next numbered section below `parent` and returns it.
pub fn child(parent: &mut Section, title: String) -> &mut Section {
    let n = parent.children.len() as u32 + 1;
    let level = parent.level + 1;
    parent.children.push(numbered(level, n, title));
    let last = parent.children.len() - 1;
    &mut parent.children[last]
}

/// An attachment placed in the book; its kind comes from its content, as the checker sniffed it.
pub fn embed(dir: &Path, rel: &str) -> Block {
    let file = dir.join(rel);
    let kind = std::fs::File::open(&file)
        .ok()
        .and_then(|mut f| {
            use std::io::Read;
            let mut head = [0u8; 16];
            let n = f.read(&mut head).ok()?;
            crate::check::attachments::sniff(&head[..n])
        })
        .map(|k| match k {
            crate::check::attachments::FileKind::Pdf => EmbedKind::Pdf,
            crate::check::attachments::FileKind::Png => EmbedKind::Png,
            crate::check::attachments::FileKind::Jpeg => EmbedKind::Jpeg,
        })
        .unwrap_or(EmbedKind::Pdf);
    Block::Embed { file, kind }
}
