//! An organisation chart as a Word table: the grid the book laid the chart out on
//! ([`crate::book::chart`], the PDF draws the same), each box a bordered cell and the lines
//! between boxes the borders of empty cells. The text stays editable, and Word and LibreOffice
//! draw a table alike.
//!
//! Every row's height is stated: rows of lines exactly, rows of boxes at least as tall as the
//! measured text needs (a little more, so a border's width cannot make Word grow it), so the page
//! model knows the chart's height.

use super::measure;
use super::pages::{self, Item};
use super::styles::{self, LINE, TEXT_HEIGHT};
use super::table::grid;
use super::text::{protect, runs_within};
use crate::book::chart::{Grid, GridCell, OrgChart, BOX_PAD_PT};
use docx_rs::*;

/// Padding inside a box, in twips.
const BOX_PAD: u32 = (BOX_PAD_PT * 20.0) as u32;
/// A 0.5 pt line, in eighths of a point (w:sz).
const RULE: usize = 4;
/// Room above a box's text for the borders: a row of boxes is stated this much taller than its
/// text, so the borders never make Word or LibreOffice grow it.
const BORDER_ROOM: u32 = 20;
/// The line of an empty cell between boxes: small enough never to make its row taller.
const EMPTY_LINE: i32 = 20;

/// The chart's table and its rows as the page model sees them.
pub fn chart(c: &OrgChart, indent: u32) -> (Table, Vec<Item>) {
    let g = c.grid();
    let width = styles::TEXT_WIDTH.saturating_sub(indent);
    let columns: Vec<f32> = g.columns.iter().map(|w| *w as f32).collect();
    let widths = grid(&columns, width);
    let heights = row_heights(&g, &widths);
    let nrows = g.rows.len();
    let ncols = widths.len();
    // Which cell covers each position.
    let mut owner = vec![vec![usize::MAX; ncols]; nrows];
    for (i, cell) in g.cells.iter().enumerate() {
        for row in owner.iter_mut().skip(cell.row).take(cell.rowspan) {
            for o in row.iter_mut().skip(cell.col).take(cell.colspan) {
                *o = i;
            }
        }
    }
    // A chart that fits a page keeps all its rows together; a taller one may break only under
    // a band of boxes (never inside a box, never under a row of lines only).
    let fits = heights.iter().sum::<u32>() <= TEXT_HEIGHT;
    let splits = splitting_rows(&g, &heights);
    let mut rows = Vec::with_capacity(nrows);
    let mut items = Vec::with_capacity(nrows);
    for (r, height) in heights.iter().enumerate() {
        let keep = r + 1 < nrows && (fits || g.rows[r].height.is_some());
        let mut cells = Vec::new();
        let mut col = 0;
        while col < ncols {
            let Some(cell) = g.cells.get(owner[r][col]) else {
                // A hole in the grid cannot happen (the layout covers every position); an empty
                // cell keeps the row whole if it did.
                cells.push(empty(widths[col], keep));
                col += 1;
                continue;
            };
            let span_width: usize = widths[cell.col..cell.col + cell.colspan].iter().sum();
            let top = (cell.row..cell.row + cell.rowspan).any(|r| splits[r]);
            cells.push(word_cell(cell, r, span_width, keep, top));
            col = cell.col + cell.colspan;
        }
        let rule = if g.rows[r].height.is_some() {
            HeightRule::Exact
        } else {
            HeightRule::AtLeast
        };
        // Stated to Word at most half a page, as the tables do, so Word never loops over a row
        // that cannot fit a page; the page model gets the height the text needs.
        let mut row = TableRow::new(cells)
            .row_height((*height).min(TEXT_HEIGHT / 2) as f32)
            .height_rule(rule);
        if !splits[r] {
            row = row.cant_split();
        }
        rows.push(row);
        let mut item = if splits[r] {
            Item::split_row(*height)
        } else {
            Item::row(*height)
        };
        item.keep_next = keep;
        items.push(item);
    }
    let mut table = Table::without_borders(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(width as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    if indent > 0 {
        table = table.indent(indent as i32);
    }
    (table, items)
}

/// The text lines a box's cell takes at its width.
fn box_lines(cell: &GridCell, width: usize) -> u32 {
    let inner = (width as f64 - 2.0 * f64::from(BOX_PAD)) / f64::from(styles::EM);
    cell.lines
        .iter()
        .map(|l| measure::lines(&protect(l), inner, 0.0))
        .sum::<u32>()
        .max(1)
}

/// Each row's height in twips: a row of lines as the layout gives it; a row of boxes as tall as
/// its tallest box needs past the rows of lines the box also spans.
fn row_heights(g: &Grid, widths: &[usize]) -> Vec<u32> {
    let fixed = |r: usize| g.rows[r].height.map(|h| (h * 20.0).round() as u32);
    let mut heights: Vec<u32> = (0..g.rows.len())
        .map(|r| fixed(r).unwrap_or(LINE))
        .collect();
    for cell in g.cells.iter().filter(|c| c.boxed) {
        let width: usize = widths[cell.col..cell.col + cell.colspan].iter().sum();
        let need = box_lines(cell, width) * LINE + 2 * BOX_PAD + BORDER_ROOM;
        let rows = cell.row..cell.row + cell.rowspan;
        let given: u32 = rows.clone().filter_map(fixed).sum();
        // The rest goes to the last row the box spans that is not a row of lines.
        if let Some(r) = rows.rev().find(|&r| fixed(r).is_none()) {
            heights[r] = heights[r].max(need.saturating_sub(given));
        }
    }
    heights
}

/// The rows that must be allowed to break across pages: a row taller than a page, and the row
/// that holds the rest of a box that, with the rows of lines kept with it above it, is taller
/// than a page. A box of a comb spans a row of lines (its tick, exact) and a row of text,
/// merged (vMerge): the text's row alone may fit a page while the box does not, and
/// LibreOffice, which cannot split a merged cell whose rows may not split, then drew the box on
/// past the page's foot and left the lines above it alone on the page before.
fn splitting_rows(g: &Grid, heights: &[u32]) -> Vec<bool> {
    let mut splits: Vec<bool> = heights.iter().map(|&h| pages::splits(h)).collect();
    for cell in g.cells.iter().filter(|c| c.boxed) {
        let rows = cell.row..cell.row + cell.rowspan;
        let lines_above: u32 = (0..cell.row)
            .rev()
            .take_while(|&r| g.rows[r].height.is_some())
            .map(|r| heights[r])
            .sum();
        if pages::splits(lines_above + rows.clone().map(|r| heights[r]).sum::<u32>()) {
            if let Some(r) = rows.rev().find(|&r| g.rows[r].height.is_none()) {
                splits[r] = true;
            }
        }
    }
    splits
}

fn border(position: TableCellBorderPosition, on: bool) -> TableCellBorder {
    let b = TableCellBorder::new(position);
    if on {
        b.size(RULE).color("000000")
    } else {
        b.border_type(BorderType::Nil)
    }
}

/// The cell of `cell` in row `r`: its box text in its first row, a continuation of the merge
/// below it. A box's top edge is drawn by its first row, its bottom edge by its last.
fn word_cell(cell: &GridCell, r: usize, width: usize, keep: bool, top: bool) -> TableCell {
    let keep = keep && !top;
    let first = r == cell.row;
    let last = r + 1 == cell.row + cell.rowspan;
    let borders = TableCellBorders::with_empty()
        .set(border(TableCellBorderPosition::Top, cell.top && first))
        .set(border(TableCellBorderPosition::Bottom, cell.bottom && last))
        .set(border(TableCellBorderPosition::Left, cell.left))
        .set(border(TableCellBorderPosition::Right, cell.right));
    let mut c = TableCell::new()
        .grid_span(cell.colspan)
        .width(width, WidthType::Dxa)
        .set_borders(borders);
    if cell.rowspan > 1 {
        c = c.vertical_merge(if first {
            VMergeType::Restart
        } else {
            VMergeType::Continue
        });
    }
    if !cell.boxed || !first {
        return c.add_paragraph(empty_paragraph(keep));
    }
    let pad = BOX_PAD as usize;
    c.property = c
        .property
        .margin_top(pad, WidthType::Dxa)
        .margin_bottom(pad, WidthType::Dxa)
        .margin_left(pad, WidthType::Dxa)
        .margin_right(pad, WidthType::Dxa);
    let inner = (width as f64 - 2.0 * f64::from(BOX_PAD)) / f64::from(styles::EM);
    // A box in a row that breaks across pages starts at the row's top: centred, LibreOffice
    // moves its text to the next page and leaves the first page's part of the box empty.
    let align = if top {
        VAlignType::Top
    } else {
        VAlignType::Center
    };
    cell.lines.iter().fold(c.vertical_align(align), |c, line| {
        c.add_paragraph(runs_within(
            Paragraph::new()
                .style(styles::STYLE_CENTERED)
                .keep_next(keep),
            line,
            Some(inner),
        ))
    })
}

fn empty_paragraph(keep: bool) -> Paragraph {
    Paragraph::new()
        .style(styles::STYLE_NORMAL)
        .keep_next(keep)
        .line_spacing(
            LineSpacing::new()
                .line_rule(LineSpacingType::Exact)
                .line(EMPTY_LINE)
                .before(0)
                .after(0),
        )
}

fn empty(width: usize, keep: bool) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(empty_paragraph(keep))
}
