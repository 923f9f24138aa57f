//! An organisation chart (組織架構圖) as both writers draw it: a tree of boxes joined by lines,
//! laid out once here on a grid of cells, so the PDF and the DOCX cannot draw it differently.
//!
//! The grid is a table without rules: a unit's box is a cell (spanning columns and rows) with
//! a border all round, and the connecting lines are borders of the empty cells between the
//! boxes. Word and LibreOffice draw such a table alike and its text stays editable; Typst
//! draws it as a table with per-cell strokes.
//!
//! The layout is the one of hand-made Taiwanese org charts. The top unit is centred; the units
//! under it stand side by side in lanes, joined to it by a stem, a bar and a drop to each box.
//! When they do not fit the width side by side, they are listed down a few lanes instead,
//! each lane a vertical line ("comb") with a short tick to each box. Units further down always
//! hang from their parent as such a comb, indented by [`INDENT`] per level.

use serde::ser::SerializeStruct;
use serde::Serialize;

/// Width the chart is laid out in, in em of the 14 pt text: the text width of both writers
/// (A4 less 3 cm and 2 cm margins, 160 mm = 32.4 em) less a little. The writers stretch the
/// columns to their own text width.
pub const WIDTH: f64 = 32.0;
/// Space between two lanes, in em.
pub const LANE_GAP: f64 = 1.0;
/// The narrowest box, in em: five characters a line inside its padding.
pub const MIN_BOX: f64 = 6.0;
/// The widest box side by side, in em.
pub const MAX_LANE: f64 = 11.0;
/// Width of the top unit's box, in em.
pub const TOP_BOX: f64 = 12.0;
/// How far a level of a comb stands in from its parent, in em; its vertical line runs
/// halfway.
pub const INDENT: f64 = 1.5;
/// Height of a row of lines between boxes (the stem, the bar's row, the gap between two boxes
/// of a comb), in points.
pub const LINK_PT: f32 = 9.0;
/// Padding inside a box, in points.
pub const BOX_PAD_PT: f32 = 4.0;
/// A comb's tick meets its box halfway down the box's first line: the padding and half a line
/// of 14 pt, in points.
pub const TICK_PT: f32 = BOX_PAD_PT + 7.0;

/// One unit of the chart.
#[derive(Clone, Debug, Serialize)]
pub struct ChartUnit {
    /// The unit's name, the box's first line.
    pub name: String,
    /// The box's further lines (its manager, its learners and their number).
    pub lines: Vec<String>,
    pub children: Vec<ChartUnit>,
}

impl ChartUnit {
    /// Levels below this unit (0 for a unit with none).
    fn depth(&self) -> usize {
        self.children
            .iter()
            .map(|c| c.depth() + 1)
            .max()
            .unwrap_or(0)
    }
}

/// An organisation chart: the top units, each with the units under it. Serialised with its
/// [`Grid`], which the Typst template draws.
#[derive(Clone, Debug, Default)]
pub struct OrgChart {
    /// The line that introduces the chart (「…之組織架構圖如下：」), kept on the chart's page; empty
    /// for none.
    pub title: String,
    pub units: Vec<ChartUnit>,
}

impl Serialize for OrgChart {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("OrgChart", 3)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("units", &self.units)?;
        st.serialize_field("grid", &self.grid())?;
        st.end()
    }
}

/// The chart on a grid: every position of `rows` × `columns` is covered by exactly one cell.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Grid {
    /// Column widths in em, adding up to [`WIDTH`].
    pub columns: Vec<f64>,
    pub rows: Vec<Row>,
    /// In reading order (by row, then column).
    pub cells: Vec<GridCell>,
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Row {
    /// A row of lines only is this tall, in points; a row of boxes (None) is as tall as they
    /// need.
    pub height: Option<f32>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct GridCell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    /// A unit's box: a border all round and these lines, the name first. Empty for the cells
    /// between boxes.
    pub lines: Vec<String>,
    pub boxed: bool,
    /// The edges drawn: the lines joining the boxes (all four for a box).
    pub top: bool,
    pub bottom: bool,
    pub left: bool,
    pub right: bool,
}

/// A box at its place: grid rows `row..row + rowspan`, from `x0` to `x1` em.
struct Placed {
    row: usize,
    rowspan: usize,
    x0: f64,
    x1: f64,
    lines: Vec<String>,
}

/// A vertical line at `x` through rows `from..=to`.
struct VLine {
    x: f64,
    from: usize,
    to: usize,
}

/// A horizontal line along the top edge of row `row`, from `x0` to `x1`.
struct HLine {
    row: usize,
    x0: f64,
    x1: f64,
}

#[derive(Default)]
struct Drawing {
    rows: Vec<Row>,
    boxes: Vec<Placed>,
    vlines: Vec<VLine>,
    hlines: Vec<HLine>,
}

impl Drawing {
    fn row(&mut self, height: Option<f32>) -> usize {
        self.rows.push(Row { height });
        self.rows.len() - 1
    }
}

/// One box of a lane: its comb level (0 for a lane's head, dropped to from the bar), the
/// unit, and the entry it hangs from (None: the bar).
struct Entry<'a> {
    level: usize,
    unit: &'a ChartUnit,
    parent: Option<usize>,
}

fn box_lines(u: &ChartUnit) -> Vec<String> {
    std::iter::once(u.name.clone())
        .chain(u.lines.iter().cloned())
        .collect()
}

/// The units under `u`, depth first, as entries of a lane from comb level `level` on.
fn descend<'a>(u: &'a ChartUnit, level: usize, parent: usize, out: &mut Vec<Entry<'a>>) {
    for c in &u.children {
        out.push(Entry {
            level,
            unit: c,
            parent: Some(parent),
        });
        let me = out.len() - 1;
        descend(c, level + 1, me, out);
    }
}

/// Boxes a unit takes in a comb: its own and those of every unit under it.
fn boxes(u: &ChartUnit) -> usize {
    1 + u.children.iter().map(boxes).sum::<usize>()
}

/// The units split, in order, into at most `lanes` runs, the longest run (in boxes) as short
/// as it can be, so the combs end about level; no run is empty.
fn share_out(units: &[ChartUnit], lanes: usize) -> Vec<&[ChartUnit]> {
    let sizes: Vec<usize> = units.iter().map(boxes).collect();
    let split = |cap: usize| {
        let mut runs = Vec::new();
        let (mut start, mut used) = (0, 0);
        for (i, &n) in sizes.iter().enumerate() {
            if used > 0 && used + n > cap {
                runs.push(&units[start..i]);
                (start, used) = (i, 0);
            }
            used += n;
        }
        if start < units.len() {
            runs.push(&units[start..]);
        }
        runs
    };
    let total: usize = sizes.iter().sum();
    let widest = sizes.iter().copied().max().unwrap_or(0);
    // The smallest length of run that needs no more than `lanes` runs (longer runs never need
    // more of them, so it is searched by halves).
    let (mut lo, mut hi) = (widest.max(1), total.max(1));
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if split(mid).len() <= lanes.max(1) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    split(lo)
}

/// Width of each of `lanes` lanes side by side across the chart.
fn lane_width(lanes: usize) -> f64 {
    let n = lanes.max(1) as f64;
    (WIDTH - (n - 1.0) * LANE_GAP) / n
}

impl OrgChart {
    /// The chart laid out on its grid.
    pub fn grid(&self) -> Grid {
        let mut d = Drawing::default();
        for (i, top) in self.units.iter().enumerate() {
            if i > 0 {
                // Another top unit (one whose 上級單位 names no unit): a chart of its own below.
                d.row(Some(LINK_PT * 2.0));
            }
            tree(top, &mut d);
        }
        to_grid(d)
    }
}

/// Draws one top unit and everything under it, below what `d` holds.
fn tree(top: &ChartUnit, d: &mut Drawing) {
    let centre = WIDTH / 2.0;
    let top_width = TOP_BOX.min(WIDTH);
    let r0 = d.row(None);
    d.boxes.push(Placed {
        row: r0,
        rowspan: 1,
        x0: centre - top_width / 2.0,
        x1: centre + top_width / 2.0,
        lines: box_lines(top),
    });
    let k = top.children.len();
    if k == 0 {
        return;
    }
    let deepest = top.children.iter().map(ChartUnit::depth).max().unwrap_or(0);
    // Side by side when every unit fits a lane of its own with its comb; else in combs.
    let side_by_side = lane_width(k).min(MAX_LANE) >= MIN_BOX + deepest as f64 * INDENT;
    let most = if side_by_side {
        k
    } else {
        let need = MIN_BOX + (deepest + 1) as f64 * INDENT;
        (1..=k).rev().find(|&l| lane_width(l) >= need).unwrap_or(1)
    };
    let groups = share_out(&top.children, most);
    let lanes = groups.len();
    // Boxes side by side are at most MAX_LANE wide, so two or three do not stretch across the
    // page; combs take the whole width, their levels step in.
    let width = if side_by_side {
        lane_width(lanes).min(MAX_LANE)
    } else {
        lane_width(lanes)
    };
    let total = lanes as f64 * width + (lanes - 1) as f64 * LANE_GAP;
    let left = (WIDTH - total) / 2.0;
    // Each lane's entries: its head and the comb under it, or its share of the units as a comb
    // from the bar.
    let mut lane_entries: Vec<Vec<Entry>> = Vec::new();
    for chunk in groups {
        let mut entries = Vec::new();
        for c in chunk {
            let level = usize::from(!side_by_side);
            entries.push(Entry {
                level,
                unit: c,
                parent: None,
            });
            let me = entries.len() - 1;
            descend(c, level + 1, me, &mut entries);
        }
        lane_entries.push(entries);
    }
    // A comb deeper than its lane is wide steps in by less, so its boxes keep some width.
    let levels = lane_entries
        .iter()
        .flatten()
        .map(|e| e.level)
        .max()
        .unwrap_or(0);
    let indent = if levels == 0 {
        INDENT
    } else {
        INDENT.min(((width - 2.0) / levels as f64).max(0.0))
    };

    let stem = d.row(Some(LINK_PT));
    let bar = d.row(Some(LINK_PT));
    d.vlines.push(VLine {
        x: centre,
        from: stem,
        to: stem,
    });
    let lane_x = |lane: usize| left + lane as f64 * (width + LANE_GAP);
    let drops: Vec<f64> = (0..lane_entries.len())
        .map(|lane| {
            if side_by_side {
                lane_x(lane) + width / 2.0
            } else {
                lane_x(lane) + indent / 2.0
            }
        })
        .collect();
    let lo = drops.iter().copied().fold(centre, f64::min);
    let hi = drops.iter().copied().fold(centre, f64::max);
    if hi - lo > 1e-9 {
        d.hlines.push(HLine {
            row: bar,
            x0: lo,
            x1: hi,
        });
    }
    if side_by_side {
        for &x in &drops {
            d.vlines.push(VLine {
                x,
                from: bar,
                to: bar,
            });
        }
    }

    // Entry j of every lane shares a band of rows: a gap (from the second on), the tick's row
    // and the rest of the boxes.
    let bands = lane_entries.iter().map(Vec::len).max().unwrap_or(0);
    let mut band_rows = Vec::with_capacity(bands);
    for j in 0..bands {
        let gap = (j > 0).then(|| d.row(Some(LINK_PT)));
        let tick = d.row(Some(TICK_PT));
        let rest = d.row(None);
        band_rows.push((gap, tick, rest));
    }
    for (lane, entries) in lane_entries.iter().enumerate() {
        let x = lane_x(lane);
        // The vertical line a comb's boxes of level `l` hang from.
        let spine = |l: usize| x + (l - 1) as f64 * indent + indent / 2.0;
        for (j, e) in entries.iter().enumerate() {
            let (_, tick, rest) = band_rows[j];
            let x0 = x + e.level as f64 * indent;
            d.boxes.push(Placed {
                row: tick,
                rowspan: 2,
                x0,
                x1: x + width,
                lines: box_lines(e.unit),
            });
            if e.level > 0 {
                d.hlines.push(HLine {
                    row: rest,
                    x0: spine(e.level),
                    x1: x0,
                });
            }
            // The spine of this entry's children, from under its box to its last child's tick.
            let last_child = entries
                .iter()
                .enumerate()
                .rev()
                .find(|(_, c)| c.parent == Some(j))
                .map(|(i, _)| i);
            if let Some(last) = last_child {
                let from = band_rows[j + 1].0.unwrap_or(band_rows[j + 1].1);
                d.vlines.push(VLine {
                    x: spine(e.level + 1),
                    from,
                    to: band_rows[last].1,
                });
            }
        }
        if !side_by_side {
            // The lane's own spine, from the bar to its last unit's tick.
            if let Some(last) = entries.iter().rposition(|e| e.parent.is_none()) {
                d.vlines.push(VLine {
                    x: spine(1),
                    from: bar,
                    to: band_rows[last].1,
                });
            }
        }
    }
}

/// Positions closer than this (in em) are one column boundary.
const SAME: f64 = 1e-6;

/// About how wide a line of 14 pt Kai is, in em: an em for a Chinese character or mark, half
/// of one for ASCII (TW-Kai's Latin letters and digits average that).
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// A box's lines for a box `width` em wide: a line too wide for it breaks at its first
/// ideographic space rather than wherever the width runs out, so 「主管：許國薇　業務經理」
/// puts the 職稱 on a line of its own instead of splitting it into 「業務」 and 「經理」.
/// A number that ends a line with its unit, 「 27 人」, never split from it by a wrap: a line
/// that would wrap inside it breaks before the number instead.
fn fitted(lines: &[String], width: f64) -> Vec<String> {
    let inner = width - 2.0 * f64::from(BOX_PAD_PT) / 14.0;
    let mut out = Vec::with_capacity(lines.len() + 1);
    for line in lines {
        match line.split_once('\u{3000}') {
            Some((head, rest)) if text_width(line) > inner && !rest.is_empty() => {
                out.push(head.to_string());
                out.push(rest.to_string());
            }
            _ => match count_at_end(line) {
                Some(at) if last_line_start(line, inner) > at && !line[..at].trim().is_empty() => {
                    out.push(line[..at].trim_end().to_string());
                    out.push(line[at..].trim_start().to_string());
                }
                _ => out.push(line.clone()),
            },
        }
    }
    out
}

/// Where a line's closing count 「27 人」 begins (its digits), if it ends with one.
fn count_at_end(line: &str) -> Option<usize> {
    let body = line.strip_suffix('人')?.trim_end();
    let digits = body.len()
        - body
            .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',')
            .len();
    (digits > 0).then(|| body.len() - digits)
}

/// Where the last line of `text` begins when it wraps in `width` em: Chinese characters break
/// anywhere, an ASCII word (digits and commas) moves whole.
fn last_line_start(text: &str, width: f64) -> usize {
    let mut start = 0;
    let mut used = 0.0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let mut end = i + c.len_utf8();
        if c.is_ascii_alphanumeric() {
            while let Some(&(j, n)) = chars.peek() {
                if !(n.is_ascii_alphanumeric() || n == ',' || n == '.') {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
            }
        }
        let w = text_width(&text[i..end]);
        if used > 0.0 && used + w > width + 0.01 && c != ' ' {
            start = i;
            used = 0.0;
        }
        used += w;
    }
    start
}

fn to_grid(d: Drawing) -> Grid {
    let mut xs: Vec<f64> = vec![0.0, WIDTH];
    xs.extend(d.boxes.iter().flat_map(|b| [b.x0, b.x1]));
    xs.extend(d.vlines.iter().map(|v| v.x));
    xs.extend(d.hlines.iter().flat_map(|h| [h.x0, h.x1]));
    xs.retain(|x| x.is_finite());
    xs.iter_mut().for_each(|x| *x = x.clamp(0.0, WIDTH));
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < SAME);
    let col = |x: f64| {
        xs.iter()
            .position(|c| (c - x).abs() < SAME)
            .unwrap_or_else(|| xs.partition_point(|c| *c < x))
    };
    let ncols = xs.len() - 1;
    let nrows = d.rows.len();
    let mut taken = vec![vec![false; ncols]; nrows];
    let mut cells = Vec::new();
    for b in &d.boxes {
        let (c0, c1) = (col(b.x0), col(b.x1).max(col(b.x0) + 1).min(ncols));
        for row in taken.iter_mut().skip(b.row).take(b.rowspan) {
            row[c0..c1].iter_mut().for_each(|t| *t = true);
        }
        cells.push(GridCell {
            row: b.row,
            col: c0,
            rowspan: b.rowspan,
            colspan: c1 - c0,
            lines: fitted(&b.lines, b.x1 - b.x0),
            boxed: true,
            top: true,
            bottom: true,
            left: true,
            right: true,
        });
    }
    let vline_at = |x: f64, r: usize| {
        d.vlines
            .iter()
            .any(|v| (v.x - x).abs() < SAME && v.from <= r && r <= v.to)
    };
    let hline_at = |r: usize, x0: f64, x1: f64| {
        d.hlines
            .iter()
            .any(|h| h.row == r && h.x0 <= x0 + SAME && x1 <= h.x1 + SAME)
    };
    for (r, row) in taken.iter().enumerate() {
        for (c, &t) in row.iter().enumerate() {
            if t {
                continue;
            }
            let (x0, x1) = (xs[c], xs[c + 1]);
            cells.push(GridCell {
                row: r,
                col: c,
                rowspan: 1,
                colspan: 1,
                lines: Vec::new(),
                boxed: false,
                top: hline_at(r, x0, x1),
                bottom: hline_at(r + 1, x0, x1),
                left: vline_at(x0, r),
                right: vline_at(x1, r),
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Grid {
        columns: xs.windows(2).map(|w| w[1] - w[0]).collect(),
        rows: d.rows,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, children: Vec<ChartUnit>) -> ChartUnit {
        ChartUnit {
            name: name.into(),
            lines: vec![format!("{name}的主管"), "實施對象：全體同仁 12 人".into()],
            children,
        }
    }

    fn leaves(n: usize) -> Vec<ChartUnit> {
        (1..=n).map(|i| unit(&format!("第{i}課"), vec![])).collect()
    }

    /// Every position covered once, columns adding up to the width, boxes at least
    /// [`MIN_BOX`] less the indents wide, no two boxes sharing a row and column.
    fn well_formed(g: &Grid) {
        let total: f64 = g.columns.iter().sum();
        assert!((total - WIDTH).abs() < 1e-6, "columns add up to {total}");
        assert!(g.columns.iter().all(|w| *w > 0.0), "{:?}", g.columns);
        let mut cover = vec![vec![0; g.columns.len()]; g.rows.len()];
        for c in &g.cells {
            for row in cover.iter_mut().skip(c.row).take(c.rowspan) {
                for n in row.iter_mut().skip(c.col).take(c.colspan) {
                    *n += 1;
                }
            }
        }
        assert!(cover.iter().flatten().all(|n| *n == 1), "{cover:?}");
    }

    fn box_widths(g: &Grid) -> Vec<f64> {
        g.cells
            .iter()
            .filter(|c| c.boxed)
            .map(|c| g.columns[c.col..c.col + c.colspan].iter().sum())
            .collect()
    }

    fn boxes_in_row(g: &Grid, row: usize) -> usize {
        g.cells.iter().filter(|c| c.boxed && c.row == row).count()
    }

    #[test]
    fn a_managers_title_too_wide_for_its_box_goes_on_a_line_of_its_own() {
        let lines = vec!["主管：許國薇\u{3000}業務經理".to_string()];
        assert_eq!(fitted(&lines, 12.0), lines);
        assert_eq!(fitted(&lines, 8.0), vec!["主管：許國薇", "業務經理"]);
        // Four units side by side: each box is too narrow for name and title together.
        let mut four = leaves(4);
        four[0].lines[0] = "主管：謝建宏\u{3000}廠長".into();
        let g = OrgChart {
            title: String::new(),
            units: vec![unit("總經理室", four)],
        }
        .grid();
        let first = g
            .cells
            .iter()
            .find(|c| c.lines.first().is_some_and(|l| l == "第1課"))
            .unwrap();
        assert_eq!(first.lines[1..3], ["主管：謝建宏", "廠長"]);
    }

    #[test]
    fn a_count_stays_with_its_unit() {
        let line = "實施對象：品管檢驗人員 6 人".to_string();
        // 11 characters, then 「6 人」 (2 em): in 12 em the 人 alone would wrap.
        assert_eq!(
            fitted(std::slice::from_ref(&line), 12.0 + 8.0 / 14.0),
            vec!["實施對象：品管檢驗人員", "6 人"]
        );
        // Room for all of it, or a wrap well before the count: unchanged.
        assert_eq!(
            fitted(std::slice::from_ref(&line), 16.0),
            vec![line.clone()]
        );
        assert_eq!(fitted(std::slice::from_ref(&line), 8.0), vec![line.clone()]);
        assert_eq!(count_at_end("全體 1,200 人"), Some(7));
        assert_eq!(count_at_end("全體同仁"), None);
        assert_eq!(count_at_end("全體人"), None);
    }

    #[test]
    fn four_units_stand_side_by_side_under_the_top_one() {
        let chart = OrgChart {
            units: vec![unit("總經理室", leaves(4))],
            ..OrgChart::default()
        };
        let g = chart.grid();
        well_formed(&g);
        // The top box, then stem and bar, then the four boxes in one band.
        assert_eq!(boxes_in_row(&g, 0), 1);
        assert_eq!(boxes_in_row(&g, 3), 4);
        assert_eq!(g.rows.len(), 5);
        assert!(box_widths(&g).iter().all(|w| *w >= MIN_BOX));
        // The stem under the top box is drawn, and the bar runs along the top of row 2.
        assert!(g.cells.iter().any(|c| c.row == 1 && (c.left || c.right)));
        assert!(g.cells.iter().filter(|c| c.row == 2 && c.top).count() >= 3);
        // Each drop meets its box: a vertical edge in row 2 for every box below.
        let drops = g
            .cells
            .iter()
            .filter(|c| c.row == 2 && !c.boxed && c.right)
            .count();
        assert_eq!(drops, 4);
    }

    #[test]
    fn twelve_units_fit_the_width_in_combs() {
        let chart = OrgChart {
            units: vec![unit("總經理室", leaves(12))],
            ..OrgChart::default()
        };
        let g = chart.grid();
        well_formed(&g);
        assert_eq!(box_widths(&g).len(), 13);
        assert!(
            box_widths(&g).iter().all(|w| *w >= MIN_BOX),
            "{:?}",
            box_widths(&g)
        );
        // Neither twelve boxes across (each under 2 em) nor one list of twelve down the page.
        let per_band = boxes_in_row(&g, 3);
        assert!(
            (2..12).contains(&per_band),
            "{per_band} boxes in the first band"
        );
        // Every unit hangs from a tick: one horizontal edge at its box's second row.
        for b in g.cells.iter().filter(|c| c.boxed && c.row > 0) {
            let tick = g
                .cells
                .iter()
                .any(|c| !c.boxed && c.row == b.row + 1 && c.top && c.col + 1 == b.col);
            assert!(tick, "no tick to the box at row {} col {}", b.row, b.col);
        }
    }

    #[test]
    fn combs_end_about_level() {
        let mut units = leaves(12);
        units[1].children = leaves(3);
        // 15 boxes in three lanes: five, five and five rather than seven, four and four.
        let runs: Vec<usize> = share_out(&units, 3)
            .iter()
            .map(|r| r.iter().map(boxes).sum())
            .collect();
        assert_eq!(runs, vec![5, 5, 5]);
        // Never more runs than lanes, never an empty one.
        let four = leaves(4);
        let runs = share_out(&four, 3);
        assert_eq!(runs.iter().map(|r| r.len()).collect::<Vec<_>>(), vec![2, 2]);
        assert_eq!(share_out(&leaves(1), 3).len(), 1);
    }

    #[test]
    fn deeper_units_hang_from_their_parent_in_a_comb() {
        let chart = OrgChart {
            units: vec![unit(
                "總經理室",
                vec![
                    unit(
                        "生產部",
                        vec![unit("沖壓課", vec![]), unit("組立課", vec![])],
                    ),
                    unit("管理部", vec![]),
                ],
            )],
            ..OrgChart::default()
        };
        let g = chart.grid();
        well_formed(&g);
        let boxes: Vec<&GridCell> = g.cells.iter().filter(|c| c.boxed).collect();
        let at = |name: &str| *boxes.iter().find(|c| c.lines[0] == name).unwrap();
        // 生產部 and 管理部 side by side; 沖壓課 and 組立課 below 生產部, stepped in.
        assert_eq!(at("生產部").row, at("管理部").row);
        assert!(at("沖壓課").row > at("生產部").row);
        assert!(at("組立課").row > at("沖壓課").row);
        assert!(at("沖壓課").col > at("生產部").col);
        assert_eq!(at("沖壓課").col, at("組立課").col);
    }

    #[test]
    fn a_very_deep_chain_and_several_top_units_still_fit() {
        let mut deep = unit("第30層", vec![]);
        for i in (1..30).rev() {
            deep = unit(&format!("第{i}層"), vec![deep]);
        }
        let chart = OrgChart {
            units: vec![deep, unit("外部顧問", vec![]), unit("稽核室", leaves(2))],
            ..OrgChart::default()
        };
        let g = chart.grid();
        well_formed(&g);
        assert_eq!(box_widths(&g).len(), 30 + 1 + 3);
        assert!(
            box_widths(&g).iter().all(|w| *w >= 1.9),
            "{:?}",
            box_widths(&g)
        );
    }

    #[test]
    fn a_top_unit_alone_is_one_box() {
        let g = OrgChart {
            units: vec![unit("總經理室", vec![])],
            ..OrgChart::default()
        }
        .grid();
        well_formed(&g);
        assert_eq!(g.cells.iter().filter(|c| c.boxed).count(), 1);
        assert_eq!(g.rows.len(), 1);
    }
}
