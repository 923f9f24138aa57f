//! PDF: page boxes, fonts and text operators read with lopdf.
//!
//! The effective size of text is the Tf size scaled by the text matrix and the current
//! transformation matrix, because producers differ: Word writes `14 Tf`, others `1 Tf` with
//! the size in the matrix. Text inside a Form XObject that covers a large part of the page is
//! an embedded page (an attachment: a scanned certificate, another organisation's PDF) and
//! is not the book's own text, so its fonts and sizes are not judged.

use super::{
    is_cjk, is_page_furniture, InspectError, Kind, LineObs, Observed, PageObs, PageTextObs, Place,
    RunObs, SpacingObs,
};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Most any one stream (page content, object stream, ToUnicode map) may inflate to.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;
/// Most one page's or form's content may inflate to. Text pages hold tens of KiB, dense
/// vector drawings a few MiB; the decoded operations take several times the bytes.
const MAX_CONTENT_STREAM: usize = 8 * 1024 * 1024;
/// Most content bytes decoded for the whole document: bounds time on crafted files.
const MAX_CONTENT_BYTES: usize = 256 * 1024 * 1024;
/// Most text-showing operations kept for one document: bounds memory on crafted files.
const MAX_PIECES: usize = 300_000;
/// Most tokens in one content stream, and in the whole document. Decoded operations cost
/// a few hundred bytes per token, so these bound memory (about 130 MB) and time; a dense
/// text page has about 10,000.
const MAX_STREAM_TOKENS: usize = 500_000;
const MAX_TOKENS: usize = 3_000_000;

/// Counts the tokens of a content stream without decoding it.
fn count_tokens(content: &[u8]) -> usize {
    let mut n = 0;
    let mut in_token = false;
    for b in content {
        let space = matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0');
        if !space && !in_token {
            n += 1;
        }
        in_token = !space;
    }
    n
}

fn too_complex() -> InspectError {
    InspectError::new(
        "INPUT-TOO-LARGE",
        "PDF 頁面內容過於龐雜（指令數超過上限），疑似惡意檔案",
        "the PDF's page content is excessively complex (too many operations), a likely hostile file",
    )
}
const MAX_PAGES: usize = 10_000;
const MAX_FORM_DEPTH: usize = 4;
/// A Form XObject drawn over at least this share of the page is an embedded page.
const EMBEDDED_PAGE_SHARE: f64 = 0.25;

pub fn inspect(bytes: &[u8]) -> Result<Observed, InspectError> {
    super::guarded(|| inspect_inner(bytes))
}

fn broken(detail_zh: &str, detail_en: &str) -> InspectError {
    InspectError::new(
        "INPUT-PDF-BROKEN",
        format!("PDF 檔損毀或不完整（{detail_zh}），請重新輸出 PDF"),
        format!("the PDF is damaged or incomplete ({detail_en}); export it again"),
    )
}

fn encrypted() -> InspectError {
    InspectError::new(
        "INPUT-PDF-ENCRYPTED",
        "PDF 已加密或設有密碼，無法檢查；請輸出未加密的 PDF",
        "the PDF is encrypted or password-protected and cannot be checked; export it without encryption",
    )
}

fn inspect_inner(bytes: &[u8]) -> Result<Observed, InspectError> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(InspectError::new(
            "INPUT-NOT-PDF",
            "這不是 PDF 檔（開頭沒有 %PDF- 標記）",
            "this is not a PDF file (it does not start with %PDF-)",
        ));
    }
    let tail = &bytes[bytes.len().saturating_sub(64 * 1024)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(broken(
            "檔尾缺少 %%EOF，檔案可能被截斷",
            "no %%EOF at the end: the file looks truncated",
        ));
    }
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..Default::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(lopdf::Error::Decryption(_)) => return Err(encrypted()),
        Err(e) => {
            let msg = e.to_string();
            if msg.to_ascii_lowercase().contains("encrypt")
                || msg.to_ascii_lowercase().contains("password")
            {
                return Err(encrypted());
            }
            return Err(broken("無法解析", "it cannot be parsed"));
        }
    };
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted());
    }
    // An xref offset that is merely a few bytes off (lopdf corrects it) is common in files
    // that open everywhere; a table that had to be rebuilt from a scan means objects may be
    // missing, and a check of a partial book would mislead.
    if matches!(
        doc.xref_recovery,
        Some(lopdf::xref::XrefRecovery::Reconstructed)
    ) {
        return Err(broken(
            "交互參照表（xref）毀損，需要重建",
            "its cross-reference table is broken and had to be rebuilt",
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(broken("沒有任何頁面", "it has no pages"));
    }
    if pages.len() > MAX_PAGES {
        return Err(InspectError::new(
            "INPUT-TOO-LARGE",
            format!("PDF 有 {} 頁，超過 {MAX_PAGES} 頁上限", pages.len()),
            format!(
                "the PDF has {} pages, more than the limit of {MAX_PAGES}",
                pages.len()
            ),
        ));
    }
    let mut o = Observed::new(Kind::Pdf);
    let mut fonts = Fonts::default();
    let mut budget = MAX_CONTENT_BYTES;
    let mut pieces_left = MAX_PIECES;
    let mut tokens_left = MAX_TOKENS;
    for (&n, &page_id) in &pages {
        let place = Place::Page(n);
        let visible = visible_box(&doc, page_id);
        let rotate = rotation(&doc, page_id);
        let size = visible.map(|v| page_size(&doc, page_id, v, rotate));
        o.pages.push(PageObs {
            place: place.clone(),
            size,
        });
        let content = doc
            .get_page_content_with_limit(page_id, MAX_CONTENT_STREAM.min(budget))
            .map_err(|_| {
                InspectError::new(
                    "INPUT-TOO-LARGE",
                    format!("PDF 第 {n} 頁的內容過大"),
                    format!("the content of PDF page {n} is excessively large"),
                )
            })?;
        budget = budget.saturating_sub(content.len());
        let area = size.map_or(A4_AREA, |(w, h)| w * h);
        let mut walker = Walker {
            doc: &doc,
            fonts: &mut fonts,
            pieces: Vec::new(),
            page_area: area,
            budget: &mut budget,
            pieces_left: &mut pieces_left,
            tokens_left: &mut tokens_left,
            path: HashSet::new(),
        };
        let resources = page_resources(&doc, page_id);
        walker.walk(&content, &resources, IDENTITY, 0)?;
        let mut pieces = std::mem::take(&mut walker.pieces);
        // Text outside the CropBox (printer's marks, a slug naming the file) is cut off on
        // screen and on paper, so it is not the book's.
        if let Some(v) = visible {
            pieces.retain(|p| {
                let (left, right) = (p.x.min(p.x_end), p.x.max(p.x_end));
                right > v[0]
                    && left < v[2]
                    && p.y + 0.88 * p.size > v[1]
                    && p.y - 0.12 * p.size < v[3]
            });
        }
        let text = finish_page(&mut o, &place, pieces, &fonts);
        o.page_texts.push(page_text(
            place,
            n,
            size,
            upright_origin(visible, rotate),
            text,
        ));
    }
    Ok(o)
}

const A4_AREA: f64 = 595.276 * 841.89;

/// A page attribute, looked up through the page tree as /Parent inherits it.
fn inherited<'a>(doc: &'a Document, page_id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..64 {
        if let Ok(v) = dict.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        let parent = dict.get(b"Parent").ok()?.as_reference().ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn rect(doc: &Document, obj: &Object) -> Option<[f64; 4]> {
    let arr = obj.as_array().ok()?;
    if arr.len() != 4 {
        return None;
    }
    let mut r = [0.0; 4];
    for (i, v) in arr.iter().enumerate() {
        r[i] = doc.dereference(v).ok()?.1.as_float().ok()? as f64;
    }
    Some(r)
}

/// A rectangle with its corners in order: left, bottom, right, top.
fn normalized(r: [f64; 4]) -> [f64; 4] {
    [
        r[0].min(r[2]),
        r[1].min(r[3]),
        r[0].max(r[2]),
        r[1].max(r[3]),
    ]
}

/// The part of the page a viewer shows and a printer prints: the CropBox clipped to the
/// MediaBox, both inherited through the page tree. A CropBox that misses the MediaBox is
/// ignored, as viewers ignore it, and the MediaBox is shown.
fn visible_box(doc: &Document, page_id: ObjectId) -> Option<[f64; 4]> {
    let media = normalized(inherited(doc, page_id, b"MediaBox").and_then(|o| rect(doc, o))?);
    let visible = inherited(doc, page_id, b"CropBox")
        .and_then(|o| rect(doc, o))
        .map(normalized)
        .map(|c| {
            [
                c[0].max(media[0]),
                c[1].max(media[1]),
                c[2].min(media[2]),
                c[3].min(media[3]),
            ]
        })
        .filter(|c| c[2] > c[0] && c[3] > c[1])
        .unwrap_or(media);
    Some(visible)
}

/// The page's /Rotate, inherited, in 0..360.
fn rotation(doc: &Document, page_id: ObjectId) -> i64 {
    inherited(doc, page_id, b"Rotate")
        .and_then(|r| r.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360)
}

/// The visible page `bx` in points, turned by its `rotate`.
fn page_size(doc: &Document, page_id: ObjectId, bx: [f64; 4], rotate: i64) -> (f64, f64) {
    let unit = doc
        .get_dictionary(page_id)
        .ok()
        .and_then(|d| d.get(b"UserUnit").ok())
        .and_then(|u| u.as_float().ok())
        .map_or(1.0, |u| u as f64);
    let w = (bx[2] - bx[0]).abs() * unit;
    let h = (bx[3] - bx[1]).abs() * unit;
    if rotate == 90 || rotate == 270 {
        (h, w)
    } else {
        (w, h)
    }
}

fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((inline, ids)) = doc.get_page_resources(page_id) {
        out.extend(inline);
        out.extend(ids.into_iter().filter_map(|id| doc.get_dictionary(id).ok()));
    }
    out
}

/// The lower left corner of an unrotated page as it is shown (its `visible` box, the CropBox's,
/// which a producer may place anywhere on a larger MediaBox), in the coordinates its content is
/// drawn in; None for a turned page, whose margins are not measured.
fn upright_origin(visible: Option<[f64; 4]>, rotate: i64) -> Option<(f64, f64)> {
    let visible = visible.filter(|_| rotate == 0)?;
    Some((visible[0], visible[1]))
}

/// A line of text on a page as the page rules see it.
struct PlacedLine {
    /// left, bottom, right, top.
    bbox: [f64; 4],
    furniture: bool,
    text: String,
}

fn union(a: Option<[f64; 4]>, b: [f64; 4]) -> [f64; 4] {
    match a {
        None => b,
        Some(a) => [
            a[0].min(b[0]),
            a[1].min(b[1]),
            a[2].max(b[2]),
            a[3].max(b[3]),
        ],
    }
}

/// The printed number of a page-number line: its first run of digits.
fn printed_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (digits.len() <= 5).then(|| digits.parse().ok()).flatten()
}

/// Share of the page's height, from the top or the bottom edge, where headers and footers
/// (and so page numbers) sit.
const EDGE_ZONE: f64 = 0.15;

fn page_text(
    place: Place,
    index: u32,
    size: Option<(f64, f64)>,
    origin: Option<(f64, f64)>,
    lines: Vec<PlacedLine>,
) -> PageTextObs {
    let height = size.map_or(841.89, |s| s.1);
    let (ox, oy) = origin.unwrap_or((0.0, 0.0));
    let mut obs = PageTextObs {
        place,
        index,
        size,
        number: None,
        lines: 0,
        text_box: None,
        ink_box: None,
    };
    for l in lines {
        let b = [
            l.bbox[0] - ox,
            l.bbox[1] - oy,
            l.bbox[2] - ox,
            l.bbox[3] - oy,
        ];
        if origin.is_some() {
            obs.ink_box = Some(union(obs.ink_box, b));
        }
        if l.furniture {
            let near_edge = b[1] < EDGE_ZONE * height || b[3] > (1.0 - EDGE_ZONE) * height;
            if near_edge && obs.number.is_none() {
                obs.number = printed_number(&l.text);
            }
            continue;
        }
        obs.lines += 1;
        if origin.is_some() {
            obs.text_box = Some(union(obs.text_box, b));
        }
    }
    obs
}

/// 2-D affine matrix [a b c d e f] as PDF writes it.
type M = [f64; 6];
const IDENTITY: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// How tall a glyph of size 1 is drawn by the matrix: its height across the baseline, that is
/// the area the matrix gives a unit square over the length it gives the baseline. A sheared
/// matrix (a synthetic italic, common with Kai, which has no italic) leans the glyph's
/// vertical axis without making the glyph taller, so the length of that axis would overstate
/// the size; rotation and uniform scaling give the same result either way.
fn glyph_height(m: &M) -> f64 {
    let baseline = m[0].hypot(m[1]);
    if baseline > 0.0 {
        (m[0] * m[3] - m[1] * m[2]).abs() / baseline
    } else {
        m[2].hypot(m[3])
    }
}

/// Whether a matrix leans its glyphs: the angle between the baseline and the glyph's vertical
/// axis is off a right angle by more than 5°. Word and LibreOffice draw the italic of a face
/// that has none (標楷體, TW-Kai) by shearing 12° to 15°; rotation and scaling keep the axes
/// square.
fn leans(m: &M) -> bool {
    let (u, v) = (m[0].hypot(m[1]), m[2].hypot(m[3]));
    if u == 0.0 || v == 0.0 {
        return false;
    }
    ((m[0] * m[2] + m[1] * m[3]) / (u * v)).abs() > 5f64.to_radians().sin()
}

fn mul(x: &M, y: &M) -> M {
    [
        x[0] * y[0] + x[1] * y[2],
        x[0] * y[1] + x[1] * y[3],
        x[2] * y[0] + x[3] * y[2],
        x[2] * y[1] + x[3] * y[3],
        x[4] * y[0] + x[5] * y[2] + y[4],
        x[4] * y[1] + x[5] * y[3] + y[5],
    ]
}

fn matrix(ops: &[Object]) -> Option<M> {
    if ops.len() != 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (i, o) in ops.iter().enumerate() {
        m[i] = o.as_float().ok()? as f64;
    }
    Some(m)
}

/// How to turn a font's character codes into text.
enum Decoder {
    CMap {
        map: HashMap<u32, String>,
        width: usize,
    },
    Latin1,
    /// No way to know: treated as Chinese text so its face is still judged.
    Unknown,
}

struct FontInfo {
    name: Option<String>,
    /// (Ascent − Descent) / 1000 from the descriptor: the font's single line height in em.
    natural: f64,
    decoder: Decoder,
    composite: bool,
    /// Glyph advances in thousandths of an em, by character code: where the text ends.
    widths: Widths,
    /// A bold or italic face, as its name or descriptor declares it.
    bold: bool,
    italic: bool,
}

enum Widths {
    /// A CID font's /W array and its /DW.
    Cid {
        default: f64,
        map: HashMap<u32, f64>,
    },
    /// A simple font's /Widths from /FirstChar.
    Simple { first: u32, list: Vec<f64> },
    /// None given: CJK glyphs are one em wide, others taken as half an em.
    Unknown,
}

impl Widths {
    fn advance(&self, code: u32, text: Option<&str>) -> f64 {
        let guess = || match text.and_then(|t| t.chars().next()) {
            Some(c) if is_cjk(c) => 1000.0,
            _ => 500.0,
        };
        match self {
            Widths::Cid { default, map } => map.get(&code).copied().unwrap_or(*default),
            Widths::Simple { first, list } => code
                .checked_sub(*first)
                .and_then(|i| list.get(i as usize).copied())
                .unwrap_or_else(guess),
            Widths::Unknown => guess(),
        }
    }
}

#[derive(Default)]
struct Fonts {
    list: Vec<FontInfo>,
    by_id: HashMap<ObjectId, usize>,
}

struct Piece {
    x: f64,
    /// Where the text ends, along the baseline.
    x_end: f64,
    y: f64,
    size: f64,
    font: usize,
    text: String,
    /// Drawn bold or leaning by the drawing itself rather than by the face: filled and
    /// stroked outlines, a sheared text matrix.
    bold: bool,
    italic: bool,
}

struct Walker<'a, 'b> {
    doc: &'a Document,
    fonts: &'b mut Fonts,
    pieces: Vec<Piece>,
    page_area: f64,
    budget: &'b mut usize,
    /// Text pieces still allowed for the document (MAX_PIECES in all).
    pieces_left: &'b mut usize,
    /// Content tokens still allowed for the document (MAX_TOKENS in all).
    tokens_left: &'b mut usize,
    /// Form XObjects being walked, so a form that draws itself stops.
    path: HashSet<ObjectId>,
}

#[derive(Clone)]
struct State {
    ctm: M,
    font: Option<usize>,
    size: f64,
    leading: f64,
    /// The text rendering mode (Tr): 2 and 6 fill and stroke the outlines.
    render: i64,
}

fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    kind: &[u8],
    name: &[u8],
) -> Option<(Option<ObjectId>, &'a Object)> {
    for r in resources {
        let Some(cat) = r
            .get(kind)
            .ok()
            .and_then(|c| doc.dereference(c).ok())
            .and_then(|(_, c)| c.as_dict().ok())
        else {
            continue;
        };
        if let Ok(v) = cat.get(name) {
            if let Ok((id, obj)) = doc.dereference(v) {
                return Some((id, obj));
            }
        }
    }
    None
}

impl<'a> Walker<'a, '_> {
    fn walk(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: M,
        depth: usize,
    ) -> Result<(), InspectError> {
        let tokens = count_tokens(content);
        if tokens > MAX_STREAM_TOKENS || tokens > *self.tokens_left {
            return Err(too_complex());
        }
        *self.tokens_left -= tokens;
        let ops = match lopdf::content::Content::decode(content) {
            Ok(c) => c.operations,
            // A page whose content does not parse shows nothing to judge.
            Err(_) => return Ok(()),
        };
        let mut gs = State {
            ctm,
            font: None,
            size: 0.0,
            leading: 0.0,
            render: 0,
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in &ops {
            let a = &op.operands;
            match op.operator.as_str() {
                // A stack deeper than any real file needs is a crafted one; stop growing it.
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(a) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" if a.len() == 2 => {
                    gs.size = a[1].as_float().map_or(0.0, |s| s as f64);
                    gs.font = a[0].as_name().ok().and_then(|n| self.font(resources, n));
                }
                "Tr" if a.len() == 1 => gs.render = a[0].as_i64().unwrap_or(0),
                "TL" if a.len() == 1 => gs.leading = a[0].as_float().map_or(0.0, |v| v as f64),
                "Tm" => {
                    if let Some(m) = matrix(a) {
                        tm = m;
                        tlm = m;
                    }
                }
                "Td" | "TD" if a.len() == 2 => {
                    let tx = a[0].as_float().unwrap_or(0.0) as f64;
                    let ty = a[1].as_float().unwrap_or(0.0) as f64;
                    if op.operator == "TD" {
                        gs.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let mut bytes = Vec::new();
                    // TJ's numbers move the next glyph left by thousandths of an em.
                    let mut kern = 0.0;
                    match a.last() {
                        Some(Object::String(s, _)) => bytes.extend_from_slice(s),
                        Some(Object::Array(items)) => {
                            for i in items {
                                match i {
                                    Object::String(s, _) => bytes.extend_from_slice(s),
                                    Object::Integer(n) => kern += *n as f64,
                                    Object::Real(n) => kern += *n as f64,
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                    if !self.show(&gs, &tm, &bytes, kern) {
                        return Err(InspectError::new(
                            "INPUT-TOO-LARGE",
                            format!("PDF 的文字片段超過 {MAX_PIECES} 個上限"),
                            format!("the PDF holds more than {MAX_PIECES} pieces of text"),
                        ));
                    }
                    // Later shows on the same line without a new position start a little
                    // further right; a tiny step keeps their order when lines are sorted.
                    tm[4] += 0.001;
                }
                "Do" if a.len() == 1 && depth < MAX_FORM_DEPTH => {
                    if let Ok(name) = a[0].as_name() {
                        self.form(resources, name, &gs.ctm, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Records one text-showing operation; false when the document's allowance is used up.
    fn show(&mut self, gs: &State, tm: &M, bytes: &[u8], kern: f64) -> bool {
        let Some(font) = gs.font else { return true };
        let m = mul(tm, &gs.ctm);
        let size = gs.size.abs() * glyph_height(&m);
        if size <= 0.0 || bytes.is_empty() {
            return true;
        }
        if *self.pieces_left == 0 {
            return false;
        }
        *self.pieces_left -= 1;
        let info = &self.fonts.list[font];
        let mut advance = -kern;
        let text = match &info.decoder {
            Decoder::CMap { map, width } => {
                let mut s = String::new();
                for chunk in bytes.chunks(*width) {
                    let code = chunk.iter().fold(0u32, |acc, b| acc << 8 | *b as u32);
                    let t = map.get(&code);
                    advance += info.widths.advance(code, t.map(String::as_str));
                    match t {
                        Some(t) => s.push_str(t),
                        None => s.push('\u{FFFD}'),
                    }
                }
                s
            }
            Decoder::Latin1 => {
                for b in bytes {
                    advance += info.widths.advance(*b as u32, None);
                }
                bytes.iter().map(|b| *b as char).collect()
            }
            Decoder::Unknown => {
                let step = if info.composite { 2 } else { 1 };
                for chunk in bytes.chunks(step) {
                    let code = chunk.iter().fold(0u32, |acc, b| acc << 8 | *b as u32);
                    advance += info.widths.advance(code, Some("\u{4E00}"));
                }
                "\u{FFFD}".into()
            }
        };
        // The advance is in text space; the matrix's first column carries it onto the page.
        let run = advance / 1000.0 * gs.size;
        self.pieces.push(Piece {
            x: m[4],
            x_end: m[4] + run * m[0],
            y: m[5],
            size,
            font,
            text,
            bold: matches!(gs.render, 2 | 6),
            italic: leans(&m),
        });
        true
    }

    fn form(
        &mut self,
        resources: &[&'a Dictionary],
        name: &[u8],
        ctm: &M,
        depth: usize,
    ) -> Result<(), InspectError> {
        let doc = self.doc;
        let Some((id, obj)) = lookup(doc, resources, b"XObject", name) else {
            return Ok(());
        };
        let Ok(stream) = obj.as_stream() else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let form_m = stream
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|m| m.as_array().ok())
            .and_then(|m| matrix(m))
            .unwrap_or(IDENTITY);
        let m = mul(&form_m, ctm);
        if let Some(b) = stream.dict.get(b"BBox").ok().and_then(|b| rect(doc, b)) {
            let det = (m[0] * m[3] - m[1] * m[2]).abs();
            let area = ((b[2] - b[0]) * (b[3] - b[1])).abs() * det;
            if area >= EMBEDDED_PAGE_SHARE * self.page_area {
                return Ok(());
            }
        }
        if let Some(id) = id {
            if !self.path.insert(id) {
                return Ok(());
            }
        }
        let limit = MAX_CONTENT_STREAM.min(*self.budget);
        let content = stream
            .decompressed_content_with_limit(limit)
            .or_else(|e| match e {
                lopdf::Error::Decompress(_) if stream.content.len() <= limit => {
                    Ok(stream.content.clone())
                }
                _ => Err(InspectError::new(
                    "INPUT-TOO-LARGE",
                    "PDF 內嵌內容解壓後過大",
                    "embedded PDF content expands to an excessive size",
                )),
            })?;
        *self.budget = self.budget.saturating_sub(content.len());
        let mut inner: Vec<&'a Dictionary> = Vec::new();
        if let Some(r) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok())
        {
            inner.push(r);
        }
        inner.extend_from_slice(resources);
        let r = self.walk(&content, &inner, m, depth + 1);
        if let Some(id) = id {
            self.path.remove(&id);
        }
        r
    }

    fn font(&mut self, resources: &[&'a Dictionary], name: &[u8]) -> Option<usize> {
        let (id, obj) = lookup(self.doc, resources, b"Font", name)?;
        if let Some(i) = id.and_then(|id| self.fonts.by_id.get(&id)) {
            return Some(*i);
        }
        let dict = obj.as_dict().ok()?;
        let info = font_info(self.doc, dict);
        self.fonts.list.push(info);
        let i = self.fonts.list.len() - 1;
        if let Some(id) = id {
            self.fonts.by_id.insert(id, i);
        }
        Some(i)
    }
}

fn deref_dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    d.get(key)
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
}

/// A font name as bytes: UTF-8 first, then Big5 (Word writes 標楷體 as #BC#D0…), then Latin-1.
fn decode_name(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let (s, _, bad) = encoding_rs::BIG5.decode(bytes);
    if !bad {
        return s.into_owned();
    }
    bytes.iter().map(|b| *b as char).collect()
}

fn strip_subset(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

fn font_info(doc: &Document, font: &Dictionary) -> FontInfo {
    let composite =
        font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0".as_slice());
    let descendant = if composite {
        font.get(b"DescendantFonts")
            .ok()
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok())
    } else {
        None
    };
    let described = descendant.unwrap_or(font);
    let descriptor = deref_dict(doc, described, b"FontDescriptor");
    let name = descriptor
        .and_then(|d| d.get(b"FontName").ok())
        .or_else(|| described.get(b"BaseFont").ok())
        .or_else(|| font.get(b"BaseFont").ok())
        .and_then(|n| n.as_name().ok())
        .map(|n| strip_subset(&decode_name(n)).to_string());
    // Word keeps the style out of the descriptor's name and puts it in BaseFont's.
    let names: Vec<String> = [
        name.clone(),
        described
            .get(b"BaseFont")
            .ok()
            .and_then(|n| n.as_name().ok())
            .map(decode_name),
        font.get(b"BaseFont")
            .ok()
            .and_then(|n| n.as_name().ok())
            .map(decode_name),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (bold, italic) = declared_style(descriptor, &names);
    let natural = descriptor
        .and_then(|d| {
            let a = d.get(b"Ascent").ok()?.as_float().ok()? as f64;
            let dsc = d.get(b"Descent").ok()?.as_float().ok()? as f64;
            Some((a - dsc) / 1000.0)
        })
        .filter(|n| (0.8..=2.0).contains(n))
        .unwrap_or(1.0);
    let to_unicode = font
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_stream().ok())
        .and_then(|s| {
            s.decompressed_content_with_limit(4 * 1024 * 1024)
                .ok()
                .or_else(|| (s.content.len() < 4 * 1024 * 1024).then(|| s.content.clone()))
        });
    let decoder = match to_unicode.and_then(|c| parse_cmap(&c)) {
        Some((map, width)) => Decoder::CMap { map, width },
        // A simple font without a map shows Latin-1-like single bytes: enough to read
        // numbers and tell that it holds no Chinese.
        None if !composite => Decoder::Latin1,
        None => Decoder::Unknown,
    };
    let widths = if composite {
        read_cid_widths(doc, described)
    } else {
        read_simple_widths(doc, font)
    };
    FontInfo {
        name,
        natural,
        decoder,
        composite,
        widths,
        bold,
        italic,
    }
}

/// Bold and italic as a font declares them: the style in its name (`Arial,Bold` as Word
/// names a face it emboldens, `Calibri-BoldItalic`, `MinionPro-It`), or its descriptor's
/// weight, italic angle and flags (Italic, ForceBold).
fn declared_style(descriptor: Option<&Dictionary>, names: &[String]) -> (bool, bool) {
    let mut bold = false;
    let mut italic = false;
    for token in names
        .iter()
        .flat_map(|n| strip_subset(n).split([',', '-', '_', ' ']))
        .map(str::to_ascii_lowercase)
    {
        bold |= token.contains("bold") || token == "black" || token == "heavy";
        italic |= token.contains("italic")
            || token.contains("oblique")
            || token == "it"
            || (token.ends_with("it") && token.contains("bold"));
    }
    if let Some(d) = descriptor {
        let num = |key: &[u8]| d.get(key).ok().and_then(|v| v.as_float().ok());
        let flags = d
            .get(b"Flags")
            .ok()
            .and_then(|f| f.as_i64().ok())
            .unwrap_or(0);
        bold |= flags & (1 << 18) != 0 || num(b"FontWeight").is_some_and(|w| w >= 600.0);
        italic |= flags & (1 << 6) != 0 || num(b"ItalicAngle").is_some_and(|a| a.abs() >= 5.0);
    }
    (bold, italic)
}

fn number(doc: &Document, o: &Object) -> Option<f64> {
    doc.dereference(o).ok()?.1.as_float().ok().map(f64::from)
}

/// A CID font's /W: `c [w1 w2 …]` gives consecutive codes from c, `c1 c2 w` a range.
fn read_cid_widths(doc: &Document, font: &Dictionary) -> Widths {
    let default = font
        .get(b"DW")
        .ok()
        .and_then(|d| number(doc, d))
        .unwrap_or(1000.0);
    let mut map = HashMap::new();
    let w = font
        .get(b"W")
        .ok()
        .and_then(|w| doc.dereference(w).ok())
        .and_then(|(_, w)| w.as_array().ok());
    if let Some(w) = w {
        let mut i = 0;
        // Bounded like every table read from a stranger's file.
        while i + 1 < w.len() && map.len() < 200_000 {
            let Some(first) = number(doc, &w[i]).map(|f| f as u32) else {
                break;
            };
            match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
                Ok(Object::Array(list)) => {
                    for (k, v) in list.iter().enumerate().take(65_536) {
                        if let Some(v) = number(doc, v) {
                            map.insert(first + k as u32, v);
                        }
                    }
                    i += 2;
                }
                Ok(last) => {
                    let (Some(last), Some(v)) =
                        (number(doc, last), w.get(i + 2).and_then(|v| number(doc, v)))
                    else {
                        break;
                    };
                    let last = (last as u32).min(first.saturating_add(65_535));
                    for c in first..=last {
                        map.insert(c, v);
                    }
                    i += 3;
                }
                Err(_) => break,
            }
        }
    }
    Widths::Cid { default, map }
}

fn read_simple_widths(doc: &Document, font: &Dictionary) -> Widths {
    let first = font.get(b"FirstChar").ok().and_then(|f| number(doc, f));
    let list = font
        .get(b"Widths")
        .ok()
        .and_then(|w| doc.dereference(w).ok())
        .and_then(|(_, w)| w.as_array().ok());
    match (first, list) {
        (Some(first), Some(list)) => Widths::Simple {
            first: first as u32,
            list: list
                .iter()
                .take(256)
                .map(|v| number(doc, v).unwrap_or(500.0))
                .collect(),
        },
        _ => Widths::Unknown,
    }
}

/// Reads a ToUnicode CMap: bfchar and bfrange entries, and the code width from the first
/// codespace range. Returns None when it holds no mappings.
fn parse_cmap(data: &[u8]) -> Option<(HashMap<u32, String>, usize)> {
    #[derive(Debug)]
    enum Tok {
        Hex(Vec<u8>),
        Open,
        Close,
        Word(String),
    }
    let mut toks = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|b| *b == b'>').map(|p| i + p)?;
                let hex: Vec<u8> = data[i + 1..end]
                    .iter()
                    .copied()
                    .filter(u8::is_ascii_hexdigit)
                    .collect();
                let bytes = hex
                    .chunks(2)
                    .map(|c| {
                        u8::from_str_radix(std::str::from_utf8(c).unwrap_or("0"), 16).unwrap_or(0)
                    })
                    .collect();
                toks.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                toks.push(Tok::Word(
                    String::from_utf8_lossy(&data[start..i]).into_owned(),
                ));
            }
            _ => i += 1,
        }
    }
    let utf16 = |b: &[u8]| -> String {
        let units: Vec<u16> = b
            .chunks(2)
            .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
            .collect();
        String::from_utf16_lossy(&units)
    };
    let code = |b: &[u8]| b.iter().take(4).fold(0u32, |a, x| a << 8 | *x as u32);
    let mut map = HashMap::new();
    let mut width = 0usize;
    let mut mode = "";
    let mut k = 0;
    const MAX_ENTRIES: usize = 200_000;
    while k < toks.len() && map.len() < MAX_ENTRIES {
        match &toks[k] {
            Tok::Word(w)
                if w == "begincodespacerange" || w == "beginbfchar" || w == "beginbfrange" =>
            {
                mode = match w.as_str() {
                    "begincodespacerange" => "space",
                    "beginbfchar" => "char",
                    _ => "range",
                };
                k += 1;
            }
            Tok::Word(_) => {
                mode = "";
                k += 1;
            }
            Tok::Hex(lo) if mode == "space" => {
                if width == 0 {
                    width = lo.len().clamp(1, 4);
                }
                k += 2;
            }
            Tok::Hex(src) if mode == "char" => {
                if let Some(Tok::Hex(dst)) = toks.get(k + 1) {
                    if width == 0 {
                        width = src.len().clamp(1, 4);
                    }
                    map.insert(code(src), utf16(dst));
                }
                k += 2;
            }
            Tok::Hex(lo) if mode == "range" => {
                let (Some(Tok::Hex(hi)), Some(dst)) = (toks.get(k + 1), toks.get(k + 2)) else {
                    break;
                };
                if width == 0 {
                    width = lo.len().clamp(1, 4);
                }
                let (lo_c, hi_c) = (code(lo), code(hi));
                let n = hi_c.saturating_sub(lo_c).min(65_535);
                match dst {
                    Tok::Hex(d) if !d.is_empty() => {
                        let mut d = d.clone();
                        for off in 0..=n {
                            map.insert(lo_c + off, utf16(&d));
                            // The last byte counts up through the range.
                            let last = d.len() - 1;
                            d[last] = d[last].wrapping_add(1);
                        }
                        k += 3;
                    }
                    Tok::Open => {
                        let mut j = k + 3;
                        let mut off = 0;
                        while let Some(Tok::Hex(d)) = toks.get(j) {
                            if off <= n {
                                map.insert(lo_c + off, utf16(d));
                            }
                            off += 1;
                            j += 1;
                        }
                        k = j + 1;
                    }
                    _ => k += 3,
                }
            }
            _ => k += 1,
        }
    }
    (!map.is_empty()).then_some((map, width.max(1)))
}

/// A body line's geometry: left and right ends of its ink, baseline, largest size.
struct Extent {
    left: f64,
    right: f64,
    y: f64,
    size: f64,
    /// The line ends a sentence (。！？：, a closing quote after them): the paragraph may end
    /// there even when the line is full.
    ends_sentence: bool,
}

fn extent(line: &[Piece]) -> Option<Extent> {
    let text: String = line.iter().map(|p| p.text.as_str()).collect();
    let inked: Vec<&Piece> = line.iter().filter(|p| !p.text.trim().is_empty()).collect();
    if is_page_furniture(&text) || inked.is_empty() {
        return None;
    }
    Some(Extent {
        left: inked
            .iter()
            .map(|p| p.x.min(p.x_end))
            .fold(f64::MAX, f64::min),
        right: inked
            .iter()
            .map(|p| p.x.max(p.x_end))
            .fold(f64::MIN, f64::max),
        y: line[0].y,
        size: inked.iter().map(|p| p.size).fold(0.0, f64::max),
        ends_sentence: text
            .trim_end()
            .trim_end_matches(['」', '』', '）', ')', '"', '”', '’'])
            .ends_with(['。', '！', '？', '：', '.', '!', '?', ':']),
    })
}

/// Which lines of a page (sorted top to bottom) continue the paragraph of the line above. A
/// PDF keeps no paragraphs, and a paragraph that wraps just before 「2、」 or 「（3）」 prints a
/// line that starts like a heading. The page's geometry tells them apart: the line above runs
/// to the right edge of the text (within 1.5 em: hanging punctuation and ragged Latin) and
/// does not end a sentence, at the same size, one line pitch above (a new paragraph or heading
/// mostly adds space before it), and the line starts at the paragraph's left edge: where the
/// line above started when that one was itself wrapped, else not right of it (a first-line
/// indent wraps back to the left). A paragraph's last line that happens to fill the line ends
/// its sentence, so the heading after it, without space before it as many books set them, is
/// still a heading; the price is that a list run into a paragraph and wrapped just after
/// 「。」 or 「：」 (「…如下：」 / 「1、…」) still reads as a heading.
fn wrapped_lines(lines: &[Vec<Piece>]) -> Vec<bool> {
    let extents: Vec<Option<Extent>> = lines.iter().map(|l| extent(l)).collect();
    let body: Vec<&Extent> = extents.iter().flatten().collect();
    let right_edge = body.iter().map(|e| e.right).fold(f64::MIN, f64::max);
    // The page's line pitch: the smallest baseline distance between lines of one size seen
    // at least twice, as for the measured line spacing.
    let mut gaps: Vec<f64> = body
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() <= 0.5 && w[0].y - w[1].y >= 0.8 * w[0].size)
        .map(|w| w[0].y - w[1].y)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let pitch = gaps.windows(2).find(|w| w[1] - w[0] < 0.25).map(|w| w[0]);
    let mut out = vec![false; lines.len()];
    let mut prev: Option<(&Extent, bool)> = None;
    for (i, e) in extents.iter().enumerate() {
        let Some(e) = e else { continue };
        let wrapped = prev.is_some_and(|(p, p_wrapped)| {
            let em = e.size;
            let gap = p.y - e.y;
            let one_line = match pitch {
                Some(pitch) => gap <= pitch * 1.1 + 0.5,
                None => gap <= 1.35 * em,
            };
            let at_left_edge = if p_wrapped {
                (e.left - p.left).abs() <= 0.5 * em
            } else {
                e.left <= p.left + 0.5 * em
            };
            (p.size - e.size).abs() <= 0.5
                && gap > 0.0
                && one_line
                && p.right >= right_edge - 1.5 * em
                && !p.ends_sentence
                && at_left_edge
        });
        out[i] = wrapped;
        prev = Some((e, wrapped));
    }
    out
}

/// Turns one page's text pieces into lines, runs and a measured line spacing.
fn finish_page(
    o: &mut Observed,
    place: &Place,
    mut pieces: Vec<Piece>,
    fonts: &Fonts,
) -> Vec<PlacedLine> {
    pieces.sort_by(|a, b| b.y.total_cmp(&a.y));
    // Lines: pieces whose baselines lie within a third of their size of each other.
    let mut lines: Vec<Vec<Piece>> = Vec::new();
    for p in pieces {
        match lines.last_mut() {
            Some(line) if (line[0].y - p.y).abs() < line[0].size.max(p.size) / 3.0 => line.push(p),
            _ => lines.push(vec![p]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let wrapped = wrapped_lines(&lines);
    let mut seen = BTreeSet::new();
    let mut baselines: Vec<(f64, f64, f64)> = Vec::new();
    let mut placed = Vec::new();
    for (line, wrapped) in lines.iter().zip(wrapped) {
        let text: String = line.iter().map(|p| p.text.as_str()).collect();
        let furniture = is_page_furniture(&text);
        let inked: Vec<&Piece> = line.iter().filter(|p| !p.text.trim().is_empty()).collect();
        if !inked.is_empty() {
            let size = inked.iter().map(|p| p.size).fold(0.0, f64::max);
            // Kai's ascent and descent are about 0.88 and 0.12 em.
            placed.push(PlacedLine {
                bbox: [
                    inked
                        .iter()
                        .map(|p| p.x.min(p.x_end))
                        .fold(f64::MAX, f64::min),
                    line[0].y - 0.12 * size,
                    inked
                        .iter()
                        .map(|p| p.x.max(p.x_end))
                        .fold(f64::MIN, f64::max),
                    line[0].y + 0.88 * size,
                ],
                furniture,
                text: text.clone(),
            });
        }
        if furniture {
            continue;
        }
        if !text.trim().is_empty() {
            o.lines.push(LineObs {
                place: place.clone(),
                text: text.clone(),
                wrapped,
            });
        }
        let mut main = (0.0f64, 1.0f64);
        for p in line.iter() {
            if p.text.trim().is_empty() {
                continue;
            }
            let info = &fonts.list[p.font];
            let cjk = match info.decoder {
                Decoder::Unknown => true,
                _ => p.text.chars().any(is_cjk) || (info.composite && p.text.contains('\u{FFFD}')),
            };
            let bold = info.bold || p.bold;
            let italic = info.italic || p.italic;
            let key = (
                info.name.clone(),
                (p.size * 100.0).round() as i64,
                cjk,
                bold,
                italic,
            );
            if seen.insert(key) {
                o.runs.push(RunObs {
                    place: place.clone(),
                    font: info.name.clone(),
                    size: (p.size * 100.0).round() / 100.0,
                    cjk,
                    bold,
                    italic,
                });
            }
            if p.size > main.0 {
                main = (p.size, info.natural);
            }
        }
        if main.0 > 0.0 {
            baselines.push((line[0].y, main.0, main.1));
        }
    }
    // Single spacing shows in the pitch of consecutive lines of one paragraph; paragraph
    // and table gaps only add to it, so the smallest pitch seen at least twice is the one.
    let mut pitches: HashMap<i64, (usize, f64)> = HashMap::new();
    for w in baselines.windows(2) {
        let (y0, s0, n0) = w[0];
        let (y1, s1, _) = w[1];
        let gap = y0 - y1;
        if (s0 - s1).abs() > 0.5 || gap < 0.8 * s0 || gap > 3.0 * s0 {
            continue;
        }
        let e = pitches
            .entry((gap * 4.0).round() as i64)
            .or_insert((0, 0.0));
        e.0 += 1;
        e.1 = gap / (s0 * n0);
    }
    if let Some((_, (_, ratio))) = pitches
        .iter()
        .filter(|(_, (n, _))| *n >= 2)
        .min_by_key(|(k, _)| **k)
    {
        o.spacing.push(SpacingObs {
            place: place.clone(),
            ratio: *ratio,
            measured: true,
        });
    }
    placed
}
