//! The table of contents (目次): a real `TOC` field that Word can update, whose result is
//! already filled in, because LibreOffice and most viewers never compute it and the form
//! requires page numbers for every section and attachment.
//!
//! The page numbers are either given by the caller or found by the page model
//! ([`super::pages`]) from the [`items`] of the 目次 and of the body. The PDF book's pages
//! cannot stand in: Typst and Word break the same text into lines differently.

use super::measure;
use super::pages::{self, Item};
use super::styles::{self, Look, EM};
use super::text::clean;
use docx_rs::*;

/// One line of the TOC.
pub struct Entry {
    pub level: u8,
    /// Number and title, as printed in the body.
    pub text: String,
    /// How far a wrapped line hangs past the number, in twips (as the heading's).
    pub hang: i32,
    pub bookmark: String,
    pub page: u32,
}

/// Space above the first entry: the title stands one em above the entries, as in the PDF.
const FIRST_GAP: u32 = EM;

/// The spaces between entries tried, widest first: the PDF's 0.4 em down to none.
const GAPS: [u32; 5] = [EM * 2 / 5, EM * 3 / 10, EM / 5, EM / 10, 0];

/// The space between entries, chosen as the PDF's template chooses it: the widest of [`GAPS`]
/// unless that leaves one or two entries alone on the 目次's last page, in which case the
/// entries move closer until the last page holds three or more, or the 目次 takes a page less.
/// The pages are the page model's, as for the numbers.
pub fn gap(title: &str, entries: &[Entry]) -> u32 {
    let mut first_pages = None;
    for gap in GAPS {
        // Every item is anchored, so the model gives each one's page, in order: the title's,
        // then the entries'.
        let on: Vec<u32> = pages::paginate(&anchored(items(title, entries, gap)), 2)
            .into_iter()
            .map(|(_, page)| page)
            .collect();
        let last = on[entries.len()];
        let pages = last - on[0] + 1;
        let on_last = on[1..].iter().filter(|&&p| p == last).count();
        let first = *first_pages.get_or_insert(pages);
        if pages == 1 || pages < first || on_last >= 3 {
            return gap;
        }
    }
    0
}

/// Items with their index as anchor, so the page model says where each one lands.
fn anchored(items: Vec<Item>) -> Vec<Item> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, mut item)| {
            item.anchor = Some(i);
            item
        })
        .collect()
}

/// An entry's geometry: its level's indents, and `gap` above it (the first one, [`FIRST_GAP`]).
fn look(entry: &Entry, first: bool, gap: u32) -> Look {
    Look {
        before: if first { FIRST_GAP } else { gap },
        ..styles::toc_look(entry.level, entry.hang)
    }
}

/// The TOC paragraphs: field begin and instruction in the first, end in the last; each entry
/// links to its heading's `_Toc` bookmark and carries a PAGEREF to it, with `gap` ([`gap`])
/// above it (Word, rebuilding the field, gives every entry its style's widest gap).
pub fn paragraphs(title: &str, entries: &[Entry], max_level: u8, gap: u32) -> Vec<Paragraph> {
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
        let look = look(e, i == 0, gap);
        // The hang is the entry's own number's (「（十一）」 is wider than the style's 「（一）」).
        let mut p = Paragraph::new()
            .style(&styles::toc_style(e.level))
            .line_spacing(styles::spacing(&look))
            .indent(
                Some(look.left),
                Some(SpecialIndentType::Hanging(-look.first)),
                None,
                None,
            );
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
/// followed by the leader and the page number (two digits' room), `gap` apart.
pub fn items(title: &str, entries: &[Entry], gap: u32) -> Vec<Item> {
    let mut title_item = measure::item(title, &styles::LOOK_TOC_TITLE, 0);
    title_item.break_before = true;
    let mut out = vec![title_item];
    for (i, e) in entries.iter().enumerate() {
        // The number needs a leader dot or two and its digits beside the text.
        let text = format!("{}  {}", e.text, e.page.max(10));
        out.push(measure::item(&text, &look(e, i == 0, gap), 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writers::docx::styles::TEXT_HEIGHT;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                level: 1,
                text: format!("第{i}節"),
                hang: 0,
                bookmark: format!("_Toc{i}"),
                page: 3,
            })
            .collect()
    }

    #[test]
    fn entries_stand_as_far_apart_as_in_the_pdf_when_they_fit() {
        assert_eq!(gap("目次", &entries(20)), EM * 2 / 5);
        // A 目次 over two pages with many entries on the second keeps the space too.
        assert_eq!(gap("目次", &entries(60)), EM * 2 / 5);
    }

    #[test]
    fn entries_move_closer_rather_than_leave_one_or_two_alone_on_a_page() {
        // Title, the first entry one em below it, then n - 1 entries at the widest gap.
        let pitch = EM + EM * 2 / 5;
        let fit = 1 + (TEXT_HEIGHT - 3 * EM) / pitch;
        for extra in [1, 2] {
            let n = fit as usize + extra;
            let g = gap("目次", &entries(n));
            assert!(g < EM * 2 / 5, "{n} entries: {g}");
            let placed = pages::paginate(&anchored(items("目次", &entries(n), g)), 2);
            assert!(placed.iter().all(|(_, p)| *p == 2), "{n}: {placed:?}");
        }
        // With three over, the widest gap stays.
        assert_eq!(gap("目次", &entries(fit as usize + 3)), EM * 2 / 5);
    }
}
