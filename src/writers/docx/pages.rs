//! Which page each part of the DOCX lands on, for the 目次. LibreOffice and most viewers never
//! compute a TOC field, so its page numbers are written in; they come from this model of the
//! layout the DOCX asks for.
//!
//! The model can be exact because the document leaves the layout engine few choices: every line
//! is exactly one line pitch tall (exact line spacing), spacing before and after paragraphs is
//! fixed, table rows never split, pictures sit alone on their pages, and paragraphs follow
//! widow and orphan control (at least two lines at the foot and at the head of a page) and
//! keep-with-next. The space before a paragraph that text ran onto a new page is dropped; one
//! that a page break put there keeps it, as LibreOffice lays them out.

use super::styles::{LINE, TEXT_HEIGHT};

/// One thing the writer put into the document, as the page breaker sees it.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: Kind,
    /// Starts a new page (a page break before it).
    pub break_before: bool,
    /// Stays on the page of the next item's first lines (headings, a table's heading row).
    pub keep_next: bool,
    /// The TOC entry this item is the heading of.
    pub anchor: Option<usize>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    /// A paragraph of `lines` lines of `pitch` twips, with space before and after it.
    Text {
        lines: u32,
        pitch: u32,
        before: u32,
        after: u32,
    },
    /// Something that never splits: a table row, a picture's paragraph.
    Block { height: u32 },
}

impl Item {
    pub fn text(lines: u32, pitch: u32, before: u32, after: u32) -> Item {
        Item {
            kind: Kind::Text {
                lines: lines.max(1),
                pitch,
                before,
                after,
            },
            break_before: false,
            keep_next: false,
            anchor: None,
        }
    }

    pub fn block(height: u32) -> Item {
        Item {
            kind: Kind::Block { height },
            break_before: false,
            keep_next: false,
            anchor: None,
        }
    }

    /// A table row of `height` twips. A row taller than a page cannot be kept whole (Word and
    /// LibreOffice split it all the same, see [`splits`]): it runs on over the pages it needs,
    /// as a paragraph of text lines does.
    pub fn row(height: u32) -> Item {
        if splits(height) {
            Item::split_row(height)
        } else {
            Item::block(height)
        }
    }

    /// A table row allowed to break across pages, whatever its height: it runs on over the
    /// pages it needs, as a paragraph of text lines does.
    pub fn split_row(height: u32) -> Item {
        Item::text(height.div_ceil(LINE), LINE, 0, 0)
    }
}

/// Whether a table row of `height` twips must be allowed to break across pages: it is taller
/// than a page, and a row that may not break but cannot fit any page makes Word lay the page
/// out again and again.
pub fn splits(height: u32) -> bool {
    height > TEXT_HEIGHT
}

/// Lines a paragraph keeps together at a page's foot and head (widow and orphan control).
const MIN_LINES: u32 = 2;

struct Pager {
    page: u32,
    /// Twips used on the current page, down to the last line placed.
    y: u32,
    /// The space after the last paragraph placed, not yet added.
    after: u32,
    /// The current page was opened by a page break, so its first paragraph keeps its space
    /// before; a page that text ran onto does not.
    hard: bool,
}

impl Pager {
    fn new_page(&mut self, hard: bool) {
        self.page += 1;
        self.y = 0;
        self.after = 0;
        self.hard = hard;
    }

    /// The space above an item with `before` at the current position: the larger of the two
    /// spacings that meet (LibreOffice does not add them; the writer never sets both, so Word,
    /// which adds them, lays out the same).
    fn gap(&self, before: u32) -> u32 {
        match (self.y, self.hard) {
            (0, true) => before,
            (0, false) => 0,
            _ => before.max(self.after),
        }
    }

    /// Height the item needs at the current position, all of it or only the first piece that
    /// a keep-with-next chain must hold on the page.
    fn need(&self, item: &Item, whole: bool) -> u32 {
        match item.kind {
            Kind::Text {
                lines,
                pitch,
                before,
                ..
            } => {
                let lines = if whole || lines < 2 * MIN_LINES {
                    lines
                } else {
                    MIN_LINES
                };
                self.gap(before) + lines * pitch
            }
            Kind::Block { height } => self.gap(0) + height,
        }
    }

    /// Places the item; the page its first line (or the whole block) lands on.
    fn place(&mut self, item: &Item) -> u32 {
        let room = TEXT_HEIGHT;
        match item.kind {
            Kind::Block { height } => {
                if self.y > 0 && self.y + self.gap(0) + height > room {
                    self.new_page(false);
                }
                self.y += self.gap(0) + height;
                self.after = 0;
                self.page
            }
            Kind::Text {
                lines,
                pitch,
                before,
                after,
            } => {
                let g = self.gap(before);
                let mut first = self.page;
                if self.y + g + lines * pitch <= room {
                    self.y += g + lines * pitch;
                } else {
                    // Lines that fit on this page, then widow and orphan control.
                    let fit = room.saturating_sub(self.y + g) / pitch.max(1);
                    let mut here = fit.min(lines);
                    if lines - here < MIN_LINES {
                        here = lines.saturating_sub(MIN_LINES);
                    }
                    if here < MIN_LINES {
                        here = 0;
                    }
                    let mut left = lines - here;
                    if here == 0 && self.y == 0 {
                        // Already at a page's top: a paragraph taller than a page just runs on.
                        left = lines.saturating_sub(fit);
                    }
                    let per_page = (room / pitch.max(1)).max(1);
                    if here == 0 && self.y > 0 {
                        first += 1;
                    }
                    self.new_page(false);
                    while left > per_page {
                        left -= per_page;
                        self.new_page(false);
                    }
                    self.y = left * pitch;
                }
                self.after = after;
                first
            }
        }
    }

    /// Whether `items` (a keep-with-next chain) go onto the current page from the current
    /// position: all of them but the last whole, and the last's first lines. Nothing is placed.
    fn fits_with(&self, items: &[&Item]) -> bool {
        let mut probe = Pager {
            page: self.page,
            y: self.y,
            after: self.after,
            hard: self.hard,
        };
        let (last, chain) = items.split_last().expect("a chain has an item");
        for item in chain {
            let n = probe.need(item, true);
            if probe.y + n > TEXT_HEIGHT {
                return false;
            }
            probe.place(item);
        }
        probe.y + probe.need(last, false) <= TEXT_HEIGHT
    }
}

/// The page of every anchored item, as (anchor, page), with the first item on `first_page`.
pub fn paginate(items: &[Item], first_page: u32) -> Vec<(usize, u32)> {
    let mut pager = Pager {
        page: first_page,
        y: 0,
        after: 0,
        hard: true,
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.break_before && i > 0 {
            pager.new_page(true);
        }
        if item.keep_next && pager.y > 0 {
            // This item, the keep-with-next items directly after it, and the first lines of
            // the item that ends the chain go onto one page when they can.
            let mut chain = vec![item];
            for next in &items[i + 1..] {
                if next.break_before {
                    break;
                }
                chain.push(next);
                if !next.keep_next {
                    break;
                }
            }
            if !pager.fits_with(&chain) {
                pager.new_page(false);
            }
        }
        // The page of the item's first line: a paragraph that does not start on this page is
        // found on the next (a heading's keep-with-next has already moved it).
        let page = pager.place(item);
        if let Some(a) = item.anchor {
            out.push((a, page));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(anchor: usize) -> Item {
        Item {
            anchor: Some(anchor),
            ..Item::text(1, 280, 0, 0)
        }
    }

    /// A row of a chart or table longer than a page (Word and LibreOffice split it anyway) runs
    /// over the pages its lines fill; a shorter one stays whole.
    #[test]
    fn a_row_taller_than_a_page_runs_over_the_pages_it_needs() {
        let per_page = TEXT_HEIGHT / LINE;
        let tall = Item::row((2 * per_page + 3) * LINE);
        assert_eq!(paginate(&[tall, line(0)], 1), vec![(0, 3)]);
        assert!(matches!(Item::row(TEXT_HEIGHT).kind, Kind::Block { .. }));
        assert!(!splits(TEXT_HEIGHT) && splits(TEXT_HEIGHT + 1));
    }

    #[test]
    fn a_line_that_does_not_fit_is_found_on_the_next_page() {
        let per_page = (TEXT_HEIGHT / 280) as usize;
        let items: Vec<Item> = (0..=per_page).map(line).collect();
        let pages = paginate(&items, 2);
        assert_eq!(pages[per_page - 1], (per_page - 1, 2));
        assert_eq!(pages[per_page], (per_page, 3));
    }

    #[test]
    fn a_paragraph_split_across_pages_is_found_where_it_starts() {
        let per_page = TEXT_HEIGHT / 280;
        let mut items = vec![Item::text(per_page - 3, 280, 0, 0)];
        items.push(Item {
            anchor: Some(7),
            ..Item::text(6, 280, 0, 0)
        });
        // Three lines fit at the foot: the paragraph starts there and runs on.
        assert_eq!(paginate(&items, 1), vec![(7, 1)]);
        // One line fits, fewer than orphan control allows: the paragraph starts overleaf.
        items[0] = Item::text(per_page - 1, 280, 0, 0);
        assert_eq!(paginate(&items, 1), vec![(7, 2)]);
    }
}
