//! Book tables as Word tables: a fixed grid, merged cells (gridSpan across, vMerge down),
//! shaded label cells and tall empty seal boxes.

use super::measure;
use super::pages::{self, Item};
use super::styles::{self, CELL_PAD, LINE, TEXT_WIDTH};
use super::text::{protect, runs, runs_within};
use crate::book;
use crate::diagnostics::Text;
use docx_rs::*;

const LABEL_FILL: &str = "F2F2F2";

/// Column widths in twips that add up to the text width exactly.
pub(super) fn grid(columns: &[f32], width: u32) -> Vec<usize> {
    let weights: Vec<f64> = columns
        .iter()
        .map(|w| {
            if w.is_finite() && *w > 0.0 {
                f64::from(*w)
            } else {
                1.0
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| (w / total * f64::from(width)).floor() as usize)
        .collect();
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += (width as usize).saturating_sub(used);
    }
    out
}

/// A cell's lines as paragraphs; those of a heading row keep with the next row, so a page never
/// ends on a table's heading.
fn cell_paragraphs(cell: TableCell, lines: &[String], keep_next: bool, width: usize) -> TableCell {
    let style = || {
        Paragraph::new()
            .style(styles::STYLE_TABLE_TEXT)
            .keep_next(keep_next)
    };
    if lines.is_empty() {
        return cell.add_paragraph(style());
    }
    lines.iter().fold(cell, |cell, line| {
        cell.add_paragraph(runs_within(style(), line, Some(inner_em(width))))
    })
}

/// Converts a book table. Cells covered by a rowspan from above are absent from the book's
/// rows (as in Typst); Word needs a continuation cell in their place, so the grid is replayed
/// here. A table whose cells do not fit its columns is refused rather than drawn wrong.
/// `indent` moves the table in from the left margin (an answer's details), narrowing it.
///
/// Also returns the rows as the page model sees them: each as tall as its tallest cell (cells
/// spanning rows are left out: the rows they span grow only when they are short), never split,
/// and the heading rows kept with the row after them.
pub fn table(
    t: &book::Table,
    section: &str,
    indent: u32,
) -> Result<(Table, Vec<Item>), super::DocxError> {
    let ncols = t.columns.len();
    let bad = |zh: String, en: String| super::DocxError::Table {
        section: section.to_string(),
        reason: Text::new(zh, en),
    };
    if ncols == 0 {
        return Err(bad(
            "表格沒有任何欄".into(),
            "the table has no columns".into(),
        ));
    }
    let width = TEXT_WIDTH.saturating_sub(indent);
    let widths = grid(&t.columns, width);
    // Remaining rows each column is covered for by a rowspan above, and that cell's span.
    let mut covered: Vec<(u16, usize)> = vec![(0, 1); ncols];
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut items = Vec::with_capacity(t.rows.len());

    for (r, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::new();
        let heading_row = r < t.heading_rows();
        // Lines of the row's tallest cell, for the page model.
        let mut tallest = 1u32;
        let mut col = 0usize;
        let mut next = row.iter();
        let mut min_height: Option<f32> = None;
        while col < ncols {
            if covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                let width: usize = widths[col..col + span].iter().sum();
                cells.push(
                    TableCell::new()
                        .vertical_merge(VMergeType::Continue)
                        .grid_span(span)
                        .width(width, WidthType::Dxa)
                        .add_paragraph(Paragraph::new().style(styles::STYLE_TABLE_TEXT)),
                );
                col += span;
                continue;
            }
            let Some(cell) = next.next() else {
                // A short row: pad it so Word does not draw a ragged edge.
                let width: usize = widths[col..].iter().sum();
                cells.push(
                    TableCell::new()
                        .grid_span(ncols - col)
                        .width(width, WidthType::Dxa)
                        .add_paragraph(Paragraph::new().style(styles::STYLE_TABLE_TEXT)),
                );
                break;
            };
            let span = usize::from(cell.colspan.max(1));
            if col + span > ncols || covered[col..col + span].iter().any(|c| c.0 > 0) {
                return Err(bad(
                    format!("第 {} 列的儲存格超出表格的 {ncols} 欄", r + 1),
                    format!("row {} has cells beyond the table's {ncols} columns", r + 1),
                ));
            }
            let width: usize = widths[col..col + span].iter().sum();
            let mut c = TableCell::new()
                .grid_span(span)
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center);
            if cell.rowspan > 1 {
                c = c.vertical_merge(VMergeType::Restart);
                covered[col] = (cell.rowspan - 1, span);
            } else {
                let inner = inner_em(width);
                let lines: u32 = cell
                    .lines
                    .iter()
                    .map(|l| measure::lines(&protect(l), inner, 0.0))
                    .sum();
                tallest = tallest.max(lines);
            }
            if cell.label {
                c = c.shading(
                    Shading::new()
                        .shd_type(ShdType::Clear)
                        .color("auto")
                        .fill(LABEL_FILL),
                );
            }
            if let Some(h) = cell.min_height {
                if h.is_finite() && h > 0.0 {
                    min_height = Some(min_height.map_or(h, |m: f32| m.max(h)));
                }
            }
            cells.push(cell_paragraphs(c, &cell.lines, heading_row, width));
            col += span;
        }
        if next.next().is_some() {
            return Err(bad(
                format!("第 {} 列的儲存格超出表格的 {ncols} 欄", r + 1),
                format!("row {} has cells beyond the table's {ncols} columns", r + 1),
            ));
        }
        let mut tr = TableRow::new(cells);
        let mut height = row_height(tallest);
        if let Some(h) = min_height {
            // Points to twips, capped below a page so a huge value cannot make Word loop.
            let twips = (h * 20.0).round().min((styles::TEXT_HEIGHT / 2) as f32);
            tr = tr.row_height(twips).height_rule(HeightRule::AtLeast);
            height = height.max(twips as u32);
        }
        if !pages::splits(height) {
            tr = tr.cant_split();
        }
        let mut item = Item::row(height);
        item.keep_next = heading_row;
        rows.push(tr);
        items.push(item);
    }
    // A rowspan reaching below the last row is cut at the table's end, as Typst does.
    let mut table = padded(Table::new(rows).set_grid(widths), width);
    if indent > 0 {
        table = table.indent(indent as i32);
    }
    Ok((table, items))
}

/// A table across the text width, on its fixed grid, with the PDF's 6 pt padding in every
/// cell.
fn padded(t: Table, width: u32) -> Table {
    let pad = CELL_PAD as usize;
    t.layout(TableLayoutType::Fixed)
        .width(width as usize, WidthType::Dxa)
        .margins(
            TableCellMargins::new()
                .margin_top(pad, WidthType::Dxa)
                .margin_bottom(pad, WidthType::Dxa)
                .margin_left(pad, WidthType::Dxa)
                .margin_right(pad, WidthType::Dxa),
        )
}

/// The width of a cell's text, inside its padding, in em.
fn inner_em(width: usize) -> f64 {
    (width as f64 - 2.0 * f64::from(CELL_PAD)) / f64::from(styles::EM)
}

/// Height of a row whose cells hold `lines` lines of text (the tallest cell), padding included.
fn row_height(lines: u32) -> u32 {
    lines.max(1) * LINE + 2 * CELL_PAD + ROW_RULE
}

/// What a row's rule adds to its height in Word's and LibreOffice's layout (a 0.5 pt line).
const ROW_RULE: u32 = 10;

/// The seal boxes' two rows for the page model: the captions, kept with the boxes.
pub fn seal_box_items(captions: &[String]) -> Vec<Item> {
    let n = captions.len().max(1) as f64;
    let inner = inner_em((f64::from(TEXT_WIDTH) / n) as usize);
    let lines = captions
        .iter()
        .map(|c| measure::lines(&protect(c), inner, 0.0))
        .max()
        .unwrap_or(1);
    let mut caption = Item::block(row_height(lines));
    caption.keep_next = true;
    vec![caption, Item::block(SEAL_BOX_HEIGHT.max(row_height(1)))]
}

/// 4 cm: room for an official seal.
const SEAL_BOX_HEIGHT: u32 = 2268;

/// Empty boxes for seals side by side, each with its caption above.
pub fn seal_boxes(captions: &[String]) -> Table {
    let n = captions.len().max(1);
    let widths = grid(&vec![1.0; n], TEXT_WIDTH);
    let caption_row = TableRow::new(
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = captions.get(i).cloned().unwrap_or_default();
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .shading(
                        Shading::new()
                            .shd_type(ShdType::Clear)
                            .color("auto")
                            .fill(LABEL_FILL),
                    )
                    .add_paragraph(runs(
                        Paragraph::new()
                            .style(styles::STYLE_CENTERED)
                            .keep_next(true),
                        &text,
                    ))
            })
            .collect(),
    )
    .cant_split();
    let box_row = TableRow::new(
        widths
            .iter()
            .map(|w| {
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .add_paragraph(Paragraph::new().style(styles::STYLE_TABLE_TEXT))
            })
            .collect(),
    )
    .row_height(SEAL_BOX_HEIGHT as f32)
    .height_rule(HeightRule::AtLeast)
    .cant_split();
    padded(
        Table::new(vec![caption_row, box_row]).set_grid(widths),
        TEXT_WIDTH,
    )
}
