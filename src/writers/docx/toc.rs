//! The table of contents (目次): a real `TOC` field that Word can update, whose result is
//! already filled in, because LibreOffice and most viewers never compute it and the form
//! requires page numbers for every section and attachment.
//!
//! The page numbers are either given by the caller or found by the page model
//! ([`super::pages`]) from the [`items`] of the 目次 and of the body. The PDF book's pages
//! cannot stand in: Typst and Word break the same text into lines differently.

use super::measure;
use super::pages::Item;
use super::styles;
use super::text::clean;
use docx_rs::*;

/// One line of the TOC.
pub struct Entry {
    pub level: u8,
    /// Number and title, as printed in the body.
    pub text: String,
    pub bookmark: String,
    pub page: u32,
}

/// The TOC paragraphs: field begin and instruction in the first, end in the last; each entry
/// links to its heading's `_Toc` bookmark and carries a PAGEREF to it.
pub fn paragraphs(title: &str, entries: &[Entry], max_level: u8) -> Vec<Paragraph> {
    let mut out = vec![Paragraph::new()
        .style(styles::STYLE_TOC_TITLE)
        .add_run(Run::new().add_text(clean(title)))];
    let instr = InstrToC::new()
        .heading_styles_range(1, usize::from(max_level.clamp(1, 9)))
        .hyperlink()
        // Unnumbered 附件 headings are found by their outline level.
        .use_applied_paragraph_line_level();
    let begin = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::TOC(instr))
        .add_field_char(FieldCharType::Separate, false);
    if entries.is_empty() {
        out.push(
            Paragraph::new()
                .style(&styles::toc_style(1))
                .add_run(begin)
                .add_run(Run::new().add_field_char(FieldCharType::End, false)),
        );
        return out;
    }
    for (i, e) in entries.iter().enumerate() {
        let mut p = Paragraph::new().style(&styles::toc_style(e.level));
        if i == 0 {
            p = p.add_run(begin.clone());
        }
        let page_ref = Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(InstrText::PAGEREF(
                InstrPAGEREF::new(&e.bookmark).hyperlink(),
            ))
            .add_field_char(FieldCharType::Separate, false)
            .add_text(e.page.to_string())
            .add_field_char(FieldCharType::End, false);
        p = p.add_hyperlink(
            Hyperlink::new(&e.bookmark, HyperlinkType::Anchor)
                .add_run(Run::new().add_text(clean(&e.text)))
                .add_run(Run::new().add_tab())
                .add_run(page_ref),
        );
        if i + 1 == entries.len() {
            p = p.add_run(Run::new().add_field_char(FieldCharType::End, false));
        }
        out.push(p);
    }
    out
}

/// The 目次 as the page model sees it: its title, then one paragraph per entry, whose text is
/// followed by the leader and the page number (two digits' room).
pub fn items(title: &str, entries: &[Entry]) -> Vec<Item> {
    let mut title_item = measure::item(title, &styles::LOOK_TOC_TITLE, 0);
    title_item.break_before = true;
    let mut out = vec![title_item];
    for e in entries {
        // The number needs a leader dot or two and its digits beside the text.
        let text = format!("{}  {}", e.text, e.page.max(10));
        out.push(measure::item(&text, &styles::toc_look(e.level), 0));
    }
    out
}
