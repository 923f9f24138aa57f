//! Pieces every programme's book builder needs: numbered headings in the form's scheme and
//! attachments placed by their content type.

use super::numbering::label;
use super::template::Strings;
use super::{Block, Cell, Section};
use crate::attachment::Attachments;
use crate::model::Contact;

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

/// One attachment's own section: unnumbered (its 附件N label is part of `title`), listed in the
/// 目次, on a new page, holding the file as the rules read it.
pub fn attachment_section(title: String, read: &Attachments, rel: &str) -> Section {
    Section {
        level: 2,
        number: None,
        title,
        toc: true,
        page_break: true,
        blocks: vec![embed(read, rel)],
        children: Vec::new(),
    }
}

/// An attachment placed in the book as the rules read it (kind and pages). The rules made
/// every attachment of a book they passed usable; one that is somehow not among `read` is
/// named in a line rather than guessed at.
pub fn embed(read: &Attachments, rel: &str) -> Block {
    match read.get(rel) {
        Some(a) => Block::Embed {
            file: a.path.clone(),
            kind: a.kind,
            pages: a.pages,
            pixels: a.pixels,
            dpi: a.dpi,
        },
        None => Block::Line {
            text: rel.to_string(),
        },
    }
}

/// The 聯絡人資料 rows of a basic-data table: the label over two rows, then 姓名及職稱 and 電話,
/// then E-mail and 傳真, worded by the programme's `contact_*` sentences.
pub fn contact_rows(strings: &Strings, label: String, contact: &Contact) -> Vec<Vec<Cell>> {
    let v = |o: Option<&String>| o.cloned().unwrap_or_default();
    let t = |key: &str, var: &str, value: String| strings.t(key, &[(var, &value)]);
    vec![
        vec![
            Cell::label(label).span(1, 2),
            Cell::text(strings.t(
                "contact_name",
                &[
                    ("name", &v(contact.name.as_ref())),
                    ("title", &v(contact.title.as_ref())),
                ],
            )),
            Cell::text(t("contact_phone", "phone", v(contact.phone.as_ref()))),
        ],
        vec![
            Cell::text(t("contact_email", "email", v(contact.email.as_ref()))),
            Cell::text(t("contact_fax", "fax", v(contact.fax.as_ref()))),
        ],
    ]
}
