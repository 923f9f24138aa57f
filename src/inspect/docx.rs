//! DOCX: the zip's word/document.xml, styles.xml, numbering.xml and theme, read with
//! quick-xml. Formatting is resolved the way Word resolves it: document defaults, then the
//! paragraph style's basedOn chain, then the run's character style, then direct formatting.

use super::{
    is_cjk, is_page_furniture, InspectError, Kind, LineObs, Margins, Observed, PageObs, Place,
    RunObs, SectionObs, SpacingObs,
};
use crate::book::numbering as numbers;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// Most entries a DOCX may hold; Word's own files have a few dozen.
const MAX_ENTRIES: usize = 10_000;
/// Most one XML part may expand to.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Most all entries together may claim to expand to: beyond this the file is treated as a
/// decompression bomb before anything is inflated.
const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Deepest XML nesting accepted; Word's deepest (tables in tables) stays far below.
const MAX_DEPTH: usize = 256;
/// Most paragraphs read: a 100-page book has a few thousand. Bounds memory and time.
const MAX_PARAGRAPHS: u32 = 200_000;

fn too_deep(part: &str) -> InspectError {
    InspectError::new(
        "INPUT-UNREADABLE",
        format!("DOCX 內的 {part} 巢狀層數超過 {MAX_DEPTH} 層，疑似惡意檔案"),
        format!(
            "{part} inside the DOCX nests deeper than {MAX_DEPTH} levels (a likely hostile file)"
        ),
    )
}

pub fn inspect(bytes: &[u8]) -> Result<Observed, InspectError> {
    super::guarded(|| inspect_inner(bytes))
}

fn not_docx() -> InspectError {
    InspectError::new(
        "INPUT-NOT-DOCX",
        "這不是有效的 DOCX 檔（不是 zip 壓縮格式）；若是舊版 .doc 或加密檔，請在 Word 另存為未加密的 .docx",
        "this is not a valid DOCX file (not a zip archive); if it is an old .doc or an encrypted file, save it from Word as an unencrypted .docx",
    )
}

fn inspect_inner(bytes: &[u8]) -> Result<Observed, InspectError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| not_docx())?;
    if zip.len() > MAX_ENTRIES {
        return Err(InspectError::new(
            "INPUT-TOO-LARGE",
            format!("DOCX 內含 {} 個項目，超過 {MAX_ENTRIES} 個上限", zip.len()),
            format!(
                "the DOCX holds {} entries, more than the limit of {MAX_ENTRIES}",
                zip.len()
            ),
        ));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(|_| not_docx())?.size();
        total = total.saturating_add(size);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(bomb());
    }
    let document = read_part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        InspectError::new(
            "INPUT-DOCX-PART-MISSING",
            "DOCX 缺少主文件 word/document.xml，檔案不完整或不是 Word 文件",
            "the DOCX lacks its main part word/document.xml: it is incomplete or not a Word document",
        )
    })?;
    let styles = read_part(&mut zip, "word/styles.xml")?;
    let numbering = read_part(&mut zip, "word/numbering.xml")?;
    let theme = read_part(&mut zip, "word/theme/theme1.xml")?;
    let theme = theme
        .map(|t| parse_theme(&t))
        .transpose()?
        .unwrap_or_default();
    let styles = styles
        .map(|s| parse_styles(&s))
        .transpose()?
        .unwrap_or_default();
    let numbering = numbering
        .map(|n| parse_numbering(&n))
        .transpose()?
        .unwrap_or_default();
    let (mut o, refs) = walk_document(&document, &styles, &numbering, &theme)?;
    if let Some(settings) = read_part(&mut zip, "word/settings.xml")? {
        (o.mirror_margins, o.gutter_at_top) = parse_settings(&settings)?;
    }
    let rels = read_part(&mut zip, "word/_rels/document.xml.rels")?
        .map(|r| parse_rels(&r))
        .transpose()?
        .unwrap_or_default();
    // A section that names no header or footer of a kind keeps the previous section's.
    let mut in_force: HashMap<String, String> = HashMap::new();
    let mut numbered: HashMap<String, bool> = HashMap::new();
    for (section, refs) in o.sections.iter_mut().zip(refs) {
        for (slot, id) in refs {
            in_force.insert(slot, id);
        }
        for id in in_force.values() {
            let has = match numbered.get(id) {
                Some(h) => *h,
                None => {
                    let h = match rels.get(id) {
                        Some(target) => {
                            let name = part_name(target);
                            read_part(&mut zip, &name)?
                                .map(|x| has_page_field(&x, &name))
                                .transpose()?
                                .unwrap_or(false)
                        }
                        None => false,
                    };
                    numbered.insert(id.clone(), h);
                    h
                }
            };
            section.page_field |= has;
        }
    }
    Ok(o)
}

/// A relationship target of document.xml as a zip entry name: relative to word/, or absolute.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}

/// word/_rels/document.xml.rels: relationship id → target.
fn parse_rels(xml: &[u8]) -> Result<HashMap<String, String>, InspectError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader
            .read_event()
            .map_err(|_| bad_xml("document.xml.rels"))?
        {
            Event::Start(e) | Event::Empty(e) if local(e.name().as_ref()) == b"Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    out.insert(id, t);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// word/settings.xml: (mirrorMargins, gutterAtTop).
fn parse_settings(xml: &[u8]) -> Result<(bool, bool), InspectError> {
    let mut reader = Reader::from_reader(xml);
    let (mut mirror, mut top) = (false, false);
    loop {
        match reader.read_event().map_err(|_| bad_xml("settings.xml"))? {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                b"mirrorMargins" => mirror = on(&e),
                b"gutterAtTop" => top = on(&e),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((mirror, top))
}

/// Whether a header or footer part holds a PAGE field, simple (w:fldSimple) or complex
/// (w:instrText between fldChar begin and separate, possibly split over several runs).
/// PAGEREF and NUMPAGES print other numbers, so only the PAGE field itself counts.
fn has_page_field(xml: &[u8], part: &str) -> Result<bool, InspectError> {
    // Field codes are case-insensitive: Word runs ` page ` as it runs `PAGE`.
    let is_page = |instr: &str| {
        instr
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
    };
    let mut reader = Reader::from_reader(xml);
    let mut instr = String::new();
    let mut in_instr = false;
    loop {
        match reader.read_event().map_err(|_| bad_xml(part))? {
            Event::Start(e) | Event::Empty(e) => match local(e.name().as_ref()) {
                b"fldSimple" if attr(&e, b"instr").is_some_and(|i| is_page(&i)) => return Ok(true),
                b"fldChar" => match attr(&e, b"fldCharType").as_deref() {
                    Some("begin") => instr.clear(),
                    Some("separate" | "end") => {
                        if is_page(&instr) {
                            return Ok(true);
                        }
                        instr.clear();
                    }
                    _ => {}
                },
                b"instrText" => in_instr = true,
                _ => {}
            },
            Event::Text(t) if in_instr => {
                if let Ok(t) = t.unescape() {
                    instr.push_str(&t);
                }
            }
            Event::End(e) if local(e.name().as_ref()) == b"instrText" => in_instr = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(false)
}

fn bomb() -> InspectError {
    InspectError::new(
        "INPUT-TOO-LARGE",
        "DOCX 解壓後過大（疑似壓縮炸彈），拒絕處理",
        "the DOCX expands to an excessive size (a likely zip bomb) and is refused",
    )
}

fn read_part<R: std::io::Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, InspectError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => {
            return Err(InspectError::new(
                "INPUT-UNREADABLE",
                format!("DOCX 內的 {name} 無法解壓（檔案損毀或已加密）"),
                format!("{name} inside the DOCX cannot be decompressed (damaged or encrypted)"),
            ))
        }
    };
    if file.size() > MAX_PART_BYTES {
        return Err(bomb());
    }
    let mut buf = Vec::new();
    // The declared size may lie: never inflate more than the cap whatever the header says.
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|_| {
            InspectError::new(
                "INPUT-UNREADABLE",
                format!("DOCX 內的 {name} 損毀，無法解壓"),
                format!("{name} inside the DOCX is damaged and cannot be decompressed"),
            )
        })?;
    if buf.len() as u64 > MAX_PART_BYTES {
        return Err(bomb());
    }
    // In well-formed XML a `<!` outside a comment or CDATA opens a declaration, and Word
    // writes neither declarations nor entities. A part that carries them was not saved by
    // Word; its entities would hide or invent text the rules judge, so it is refused.
    if buf
        .windows(9)
        .any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE") || w[..8].eq_ignore_ascii_case(b"<!ENTITY"))
    {
        return Err(InspectError::new(
            "INPUT-DOCX-DOCTYPE",
            format!("DOCX 內的 {name} 含有 DOCTYPE 或實體（ENTITY）宣告；Word 不會寫出這種內容，其中文字無法可靠檢查。請以 Word 開啟後另存新檔再檢查"),
            format!("{name} inside the DOCX carries a DOCTYPE or ENTITY declaration; Word never writes one, and its text cannot be checked reliably. Open the file in Word, save it as a new file and check that"),
        ));
    }
    Ok(Some(buf))
}

fn bad_xml(part: &str) -> InspectError {
    InspectError::new(
        "INPUT-UNREADABLE",
        format!("DOCX 內的 {part} 不是格式正確的 XML"),
        format!("{part} inside the DOCX is not well-formed XML"),
    )
}

/// The local part of an attribute's or element's name: `w:val` → `val`.
fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn attr_num(e: &BytesStart, key: &[u8]) -> Option<f64> {
    attr(e, key).and_then(|v| v.trim().parse::<f64>().ok())
}

/// An on/off property: present without w:val is on; "0", "false", "off" turn it off.
fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref().map(str::trim),
        Some("0" | "false" | "off")
    )
}

/// A font slot: a face named outright or a theme font (minorEastAsia …) to look up.
#[derive(Clone, Debug)]
enum FontRef {
    Name(String),
    Theme(String),
}

#[derive(Clone, Debug, Default)]
struct RProps {
    east_asia: Option<FontRef>,
    ascii: Option<FontRef>,
    half_points: Option<f64>,
    style: Option<String>,
    bold: Option<bool>,
    italic: Option<bool>,
}

impl RProps {
    fn over(&mut self, top: &RProps) {
        if top.east_asia.is_some() {
            self.east_asia.clone_from(&top.east_asia);
        }
        if top.ascii.is_some() {
            self.ascii.clone_from(&top.ascii);
        }
        if top.half_points.is_some() {
            self.half_points = top.half_points;
        }
        if top.bold.is_some() {
            self.bold = top.bold;
        }
        if top.italic.is_some() {
            self.italic = top.italic;
        }
    }

    /// Reads one rPr child element.
    fn take(&mut self, e: &BytesStart) {
        match local(e.name().as_ref()) {
            b"rFonts" => {
                if let Some(t) = attr(e, b"eastAsiaTheme") {
                    self.east_asia = Some(FontRef::Theme(t));
                } else if let Some(n) = attr(e, b"eastAsia") {
                    self.east_asia = Some(FontRef::Name(n));
                }
                if let Some(t) = attr(e, b"asciiTheme") {
                    self.ascii = Some(FontRef::Theme(t));
                } else if let Some(n) = attr(e, b"ascii") {
                    self.ascii = Some(FontRef::Name(n));
                }
            }
            b"sz" => self.half_points = attr_num(e, b"val").or(self.half_points),
            // w:bCs and w:iCs style complex scripts only; w:b and w:i are what Chinese shows.
            b"b" => self.bold = Some(on(e)),
            b"i" => self.italic = Some(on(e)),
            b"rStyle" => self.style = attr(e, b"val"),
            _ => {}
        }
    }
}

#[derive(Clone, Debug, Default)]
struct PProps {
    /// w:spacing w:line and w:lineRule.
    line: Option<(f64, String)>,
    num_id: Option<String>,
    ilvl: Option<u32>,
    style: Option<String>,
}

impl PProps {
    fn over(&mut self, top: &PProps) {
        if top.line.is_some() {
            self.line.clone_from(&top.line);
        }
        if top.num_id.is_some() {
            self.num_id.clone_from(&top.num_id);
            self.ilvl = top.ilvl.or(self.ilvl);
        } else if top.ilvl.is_some() {
            self.ilvl = top.ilvl;
        }
    }

    fn take(&mut self, e: &BytesStart) {
        match local(e.name().as_ref()) {
            b"spacing" => {
                if let Some(line) = attr_num(e, b"line") {
                    let rule = attr(e, b"lineRule").unwrap_or_else(|| "auto".into());
                    self.line = Some((line, rule));
                }
            }
            b"numId" => self.num_id = attr(e, b"val"),
            b"ilvl" => self.ilvl = attr(e, b"val").and_then(|v| v.trim().parse().ok()),
            b"pStyle" => self.style = attr(e, b"val"),
            _ => {}
        }
    }
}

#[derive(Clone, Debug, Default)]
struct Style {
    based_on: Option<String>,
    p: PProps,
    r: RProps,
}

#[derive(Default)]
struct Styles {
    default_p: PProps,
    default_r: RProps,
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
    default_character: Option<String>,
}

impl Styles {
    /// The style and its ancestors, outermost first; a cycle in basedOn stops the walk.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut cur = Some(id.to_string());
        while let Some(id) = cur {
            if out.len() > 32 {
                break;
            }
            let Some(s) = self.styles.get(&id) else { break };
            out.push(s);
            cur = s.based_on.clone();
        }
        out.reverse();
        out
    }
}

/// Which properties element the parser is inside.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    None,
    PPr,
    RPr,
}

fn parse_styles(xml: &[u8]) -> Result<Styles, InspectError> {
    let mut reader = Reader::from_reader(xml);
    let mut s = Styles::default();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut cur: Option<(String, String, bool, Style)> = None;
    loop {
        let ev = reader.read_event().map_err(|_| bad_xml("styles.xml"))?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                if let Some(name) = stack.pop() {
                    if name == b"style" {
                        if let Some((id, kind, default, style)) = cur.take() {
                            if default && kind == "paragraph" {
                                s.default_paragraph = Some(id.clone());
                            }
                            if default && kind == "character" {
                                s.default_character = Some(id.clone());
                            }
                            s.styles.insert(id, style);
                        }
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = local(e.name().as_ref()).to_vec();
        let inside = |n: &[u8]| stack.iter().any(|s| s == n);
        let ctx = if inside(b"rPr") {
            In::RPr
        } else if inside(b"pPr") {
            In::PPr
        } else {
            In::None
        };
        if name == b"style" {
            cur = Some((
                attr(e, b"styleId").unwrap_or_default(),
                attr(e, b"type").unwrap_or_else(|| "paragraph".into()),
                matches!(attr(e, b"default").as_deref(), Some("1" | "true" | "on")),
                Style::default(),
            ));
        } else if inside(b"style") {
            if let Some((_, _, _, style)) = cur.as_mut() {
                match ctx {
                    In::RPr => style.r.take(e),
                    In::PPr => style.p.take(e),
                    In::None if name == b"basedOn" => style.based_on = attr(e, b"val"),
                    In::None => {}
                }
            }
        } else if inside(b"docDefaults") {
            match ctx {
                In::RPr => s.default_r.take(e),
                In::PPr => s.default_p.take(e),
                In::None => {}
            }
        }
        if !empty {
            if stack.len() >= MAX_DEPTH {
                return Err(too_deep("styles.xml"));
            }
            stack.push(name);
        }
    }
    Ok(s)
}

/// numId → (ilvl → (numFmt, lvlText)).
type Numbering = HashMap<String, HashMap<u32, (String, String)>>;

fn parse_numbering(xml: &[u8]) -> Result<Numbering, InspectError> {
    let mut reader = Reader::from_reader(xml);
    let mut abstracts: HashMap<String, HashMap<u32, (String, String)>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut cur_abs: Option<String> = None;
    let mut cur_lvl: Option<u32> = None;
    let mut cur_num: Option<String> = None;
    loop {
        let ev = reader.read_event().map_err(|_| bad_xml("numbering.xml"))?;
        let e = match &ev {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(e) => {
                match local(e.name().as_ref()) {
                    b"abstractNum" => cur_abs = None,
                    b"lvl" => cur_lvl = None,
                    b"num" => cur_num = None,
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match local(e.name().as_ref()) {
            b"abstractNum" => cur_abs = attr(e, b"abstractNumId"),
            b"lvl" if cur_abs.is_some() => cur_lvl = attr(e, b"ilvl").and_then(|v| v.parse().ok()),
            b"numFmt" | b"lvlText" => {
                if let (Some(a), Some(l)) = (&cur_abs, cur_lvl) {
                    let entry = abstracts
                        .entry(a.clone())
                        .or_default()
                        .entry(l)
                        .or_default();
                    let v = attr(e, b"val").unwrap_or_default();
                    if local(e.name().as_ref()) == b"numFmt" {
                        entry.0 = v;
                    } else {
                        entry.1 = v;
                    }
                }
            }
            b"num" => cur_num = attr(e, b"numId"),
            b"abstractNumId" => {
                if let (Some(n), Some(a)) = (&cur_num, attr(e, b"val")) {
                    nums.insert(n.clone(), a);
                }
            }
            _ => {}
        }
    }
    Ok(nums
        .into_iter()
        .filter_map(|(n, a)| abstracts.get(&a).map(|lv| (n, lv.clone())))
        .collect())
}

/// The theme's minor/major fonts: `minorEastAsia` → the typeface for Traditional Chinese.
#[derive(Default)]
struct Theme {
    fonts: HashMap<String, String>,
}

fn parse_theme(xml: &[u8]) -> Result<Theme, InspectError> {
    let mut reader = Reader::from_reader(xml);
    let mut t = Theme::default();
    let mut which: Option<&str> = None;
    loop {
        let ev = reader.read_event().map_err(|_| bad_xml("theme1.xml"))?;
        let e = match &ev {
            Event::Start(e) | Event::Empty(e) => e,
            Event::End(e) => {
                if matches!(local(e.name().as_ref()), b"minorFont" | b"majorFont") {
                    which = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match local(e.name().as_ref()) {
            b"minorFont" => which = Some("minor"),
            b"majorFont" => which = Some("major"),
            name @ (b"latin" | b"ea") => {
                if let (Some(w), Some(face)) = (which, attr(e, b"typeface")) {
                    if !face.is_empty() {
                        let slot = if name == b"ea" { "EastAsia" } else { "HAnsi" };
                        t.fonts.insert(format!("{w}{slot}"), face);
                    }
                }
            }
            b"font" => {
                // An empty <a:ea typeface=""/> defers to the script list; Hant is zh-TW.
                if let (Some(w), Some("Hant"), Some(face)) =
                    (which, attr(e, b"script").as_deref(), attr(e, b"typeface"))
                {
                    t.fonts.entry(format!("{w}EastAsia")).or_insert(face);
                }
            }
            _ => {}
        }
    }
    for w in ["minor", "major"] {
        if let Some(f) = t.fonts.get(&format!("{w}HAnsi")).cloned() {
            t.fonts.entry(format!("{w}Ascii")).or_insert(f);
        }
    }
    Ok(t)
}

impl Theme {
    fn resolve(&self, f: &Option<FontRef>) -> Option<String> {
        match f {
            Some(FontRef::Name(n)) => Some(n.clone()),
            Some(FontRef::Theme(t)) => self.fonts.get(t).cloned().or_else(|| Some(t.clone())),
            None => None,
        }
    }
}

/// The number `n` written the way a level's numFmt writes it.
fn number(fmt: &str, n: u32) -> String {
    match fmt {
        "ideographLegalTraditional" => numbers::capital(n),
        "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting" => numbers::small(n),
        "decimalFullWidth" | "decimalFullWidth2" => numbers::full_width(n),
        _ => n.to_string(),
    }
}

/// Automatic numbering as Word counts it: each numbered paragraph steps its level's counter
/// and restarts the deeper ones, so the label reads 貳、 for the second top-level heading.
#[derive(Default)]
struct Counters {
    counts: HashMap<String, [u32; 9]>,
    /// Paragraph style → its properties with docDefaults and the basedOn chain applied;
    /// a book uses a handful of styles over thousands of paragraphs.
    styles: HashMap<Option<String>, (PProps, RProps)>,
}

impl Counters {
    fn label(&mut self, numbering: &Numbering, num_id: &str, ilvl: u32) -> String {
        let Some(levels) = numbering.get(num_id) else {
            return String::new();
        };
        let Some((fmt, text)) = levels.get(&ilvl) else {
            return String::new();
        };
        if fmt == "bullet" || fmt == "none" {
            return String::new();
        }
        let ilvl = (ilvl as usize).min(8);
        let counts = self.counts.entry(num_id.to_string()).or_default();
        counts[ilvl] += 1;
        for c in &mut counts[ilvl + 1..] {
            *c = 0;
        }
        let mut out = text.clone();
        for k in (1..=9usize).rev() {
            let pat = format!("%{k}");
            if out.contains(&pat) {
                let f = levels
                    .get(&(k as u32 - 1))
                    .map_or("decimal", |(f, _)| f.as_str());
                out = out.replace(&pat, &number(f, counts[k - 1].max(1)));
            }
        }
        out
    }
}

/// The parts of the package that formatting and numbering are resolved against.
#[derive(Clone, Copy)]
struct Parts<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    theme: &'a Theme,
}

struct RunBuf {
    props: RProps,
    text: String,
}

struct ParaBuf {
    props: PProps,
    runs: Vec<RunBuf>,
    in_table: bool,
}

/// The headers and footers a section names: (header|footer + type, relationship id).
type SectionRefs = Vec<(String, String)>;

/// What a sectPr says, gathered until it closes.
#[derive(Default)]
struct SectBuf {
    page: Option<(f64, f64, bool)>,
    margins: Option<Margins>,
    rtl_gutter: bool,
    refs: SectionRefs,
}

fn walk_document(
    xml: &[u8],
    styles: &Styles,
    numbering: &Numbering,
    theme: &Theme,
) -> Result<(Observed, Vec<SectionRefs>), InspectError> {
    let mut reader = Reader::from_reader(xml);
    let mut o = Observed::new(Kind::Docx);
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut para: Option<ParaBuf> = None;
    let mut run: Option<RunBuf> = None;
    let mut index = 0u32;
    let mut section = 1u32;
    let mut heading: Option<String> = None;
    let mut sect = SectBuf::default();
    let mut refs: Vec<SectionRefs> = Vec::new();
    let mut in_text = false;
    let mut counters = Counters::default();
    let parts = Parts {
        styles,
        numbering,
        theme,
    };
    loop {
        let ev = reader.read_event().map_err(|_| bad_xml("document.xml"))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = local(e.name().as_ref()).to_vec();
                // Drawings, text boxes and embedded objects are not body text; tracked
                // changes keep the old formatting in *PrChange, which no longer applies.
                if !empty
                    && matches!(
                        name.as_slice(),
                        b"drawing"
                            | b"pict"
                            | b"object"
                            | b"AlternateContent"
                            | b"del"
                            | b"rPrChange"
                            | b"pPrChange"
                            | b"sectPrChange"
                    )
                {
                    reader
                        .read_to_end(e.name())
                        .map_err(|_| bad_xml("document.xml"))?;
                    continue;
                }
                let inside = |n: &[u8]| stack.iter().any(|s| s == n);
                match name.as_slice() {
                    b"p" => {
                        para = Some(ParaBuf {
                            props: PProps::default(),
                            runs: Vec::new(),
                            in_table: inside(b"tbl"),
                        })
                    }
                    b"r" if para.is_some() => {
                        run = Some(RunBuf {
                            props: RProps::default(),
                            text: String::new(),
                        })
                    }
                    b"t" if run.is_some() && !empty => in_text = true,
                    b"tab" if run.is_some() && inside(b"r") && !inside(b"rPr") => {
                        if let Some(r) = run.as_mut() {
                            r.text.push('\t');
                        }
                    }
                    b"pgSz" if inside(b"sectPr") => {
                        let w = attr_num(e, b"w");
                        let h = attr_num(e, b"h");
                        let landscape = attr(e, b"orient").as_deref() == Some("landscape");
                        sect.page = w.zip(h).map(|(w, h)| (w / 20.0, h / 20.0, landscape));
                    }
                    b"pgMar" if inside(b"sectPr") => {
                        let pt = |k: &[u8]| attr_num(e, k).map_or(0.0, |v| v.abs() / 20.0);
                        sect.margins = Some(Margins {
                            top: pt(b"top"),
                            bottom: pt(b"bottom"),
                            left: pt(b"left"),
                            right: pt(b"right"),
                            gutter: pt(b"gutter"),
                        });
                    }
                    b"rtlGutter" if inside(b"sectPr") => sect.rtl_gutter = on(e),
                    kind @ (b"headerReference" | b"footerReference") if inside(b"sectPr") => {
                        if let Some(id) = attr(e, b"id") {
                            let t = attr(e, b"type").unwrap_or_else(|| "default".into());
                            sect.refs
                                .push((format!("{}{t}", String::from_utf8_lossy(kind)), id));
                        }
                    }
                    _ if inside(b"sectPr") => {}
                    _ if inside(b"rPr") && run.is_some() && inside(b"r") => {
                        if let Some(r) = run.as_mut() {
                            r.props.take(e);
                        }
                    }
                    _ if inside(b"pPr") && !inside(b"rPr") => {
                        if let Some(p) = para.as_mut() {
                            p.props.take(e);
                        }
                    }
                    _ => {}
                }
                if name == b"sectPr" && empty {
                    push_section(&mut o, &mut section, SectBuf::default(), &mut refs);
                }
                if !empty {
                    if stack.len() >= MAX_DEPTH {
                        return Err(too_deep("document.xml"));
                    }
                    stack.push(name);
                }
            }
            Event::Text(t) if in_text => {
                if let (Some(r), Ok(s)) = (run.as_mut(), t.unescape()) {
                    r.text.push_str(&s);
                }
            }
            Event::CData(t) if in_text => {
                if let Some(r) = run.as_mut() {
                    r.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else { continue };
                match name.as_slice() {
                    b"t" => in_text = false,
                    b"r" => {
                        if let (Some(r), Some(p)) = (run.take(), para.as_mut()) {
                            p.runs.push(r);
                        }
                    }
                    b"p" => {
                        if let Some(p) = para.take() {
                            index += 1;
                            if index > MAX_PARAGRAPHS {
                                return Err(InspectError::new(
                                    "INPUT-TOO-LARGE",
                                    format!("DOCX 超過 {MAX_PARAGRAPHS} 段，超出上限"),
                                    format!("the DOCX has more than {MAX_PARAGRAPHS} paragraphs"),
                                ));
                            }
                            finish_paragraph(&mut o, p, index, &mut heading, &parts, &mut counters);
                        }
                    }
                    b"sectPr" => {
                        push_section(&mut o, &mut section, std::mem::take(&mut sect), &mut refs)
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if o.pages.is_empty() {
        push_section(&mut o, &mut section, SectBuf::default(), &mut refs);
    }
    Ok((o, refs))
}

fn push_section(o: &mut Observed, n: &mut u32, sect: SectBuf, refs: &mut Vec<SectionRefs>) {
    o.sections.push(SectionObs {
        place: Place::Section(*n),
        margins: sect.margins,
        rtl_gutter: sect.rtl_gutter,
        page_field: false,
    });
    refs.push(sect.refs);
    let size = sect.page.map(|(w, h, landscape)| {
        // Word writes landscape as w > h; a file that says landscape but gives portrait
        // numbers is still landscape.
        if landscape && w < h {
            (h, w)
        } else {
            (w, h)
        }
    });
    o.pages.push(PageObs {
        place: Place::Section(*n),
        size,
    });
    *n += 1;
}

fn finish_paragraph(
    o: &mut Observed,
    p: ParaBuf,
    index: u32,
    heading: &mut Option<String>,
    parts: &Parts,
    counters: &mut Counters,
) {
    let Parts {
        styles,
        numbering,
        theme,
    } = *parts;
    let style_id = p
        .props
        .style
        .clone()
        .or_else(|| styles.default_paragraph.clone());
    let (mut pp, pr) = counters
        .styles
        .entry(style_id.clone())
        .or_insert_with(|| {
            let mut pp = styles.default_p.clone();
            let mut pr = styles.default_r.clone();
            for s in style_id
                .as_deref()
                .map(|s| styles.chain(s))
                .unwrap_or_default()
            {
                pp.over(&s.p);
                pr.over(&s.r);
            }
            (pp, pr)
        })
        .clone();
    pp.over(&p.props);
    let text: String = p.runs.iter().map(|r| r.text.as_str()).collect();
    let num_label = match &pp.num_id {
        Some(id) if id != "0" => counters.label(numbering, id, pp.ilvl.unwrap_or(0)),
        _ => String::new(),
    };
    let full = format!("{num_label}{}", text.trim_start());
    let is_toc = style_id
        .as_deref()
        .is_some_and(|s| s.to_ascii_lowercase().starts_with("toc"));
    if !p.in_table && !is_toc && numbers::parse(&full).is_some() {
        *heading = Some(full.trim().chars().take(20).collect());
    }
    let place = Place::Paragraph {
        index,
        under: heading.clone(),
    };
    if is_toc && !full.trim().is_empty() {
        o.contents = true;
    }
    if !p.in_table && !is_toc && !full.trim().is_empty() {
        o.lines.push(LineObs {
            place: place.clone(),
            text: full.clone(),
            wrapped: false,
        });
    }
    // Exact and at-least spacing are judged against the paragraph's own size and its largest
    // text, never against whichever run comes first: a small run in a 14 pt paragraph at
    // exactly 14 pt is still single spacing (its size is the font-size rule's business).
    let mut largest = pr.half_points.map(|h| h / 2.0);
    let mut any_text = false;
    for r in &p.runs {
        if is_page_furniture(&r.text) {
            continue;
        }
        let mut rp = pr.clone();
        let char_style = r
            .props
            .style
            .clone()
            .or_else(|| styles.default_character.clone());
        if let Some(cs) = char_style {
            for s in styles.chain(&cs) {
                rp.over(&s.r);
            }
        }
        rp.over(&r.props);
        // Word's default when nothing sets a size is 10 pt.
        let size = rp.half_points.unwrap_or(20.0) / 2.0;
        any_text = true;
        largest = Some(largest.map_or(size, |l: f64| l.max(size)));
        let cjk = r.text.chars().any(is_cjk);
        let font = if cjk {
            theme.resolve(&rp.east_asia)
        } else {
            theme.resolve(&rp.ascii)
        };
        let obs = RunObs {
            place: place.clone(),
            font,
            size,
            cjk,
            bold: rp.bold == Some(true),
            italic: rp.italic == Some(true),
        };
        let dup = o.runs.last().is_some_and(|l| {
            l.place == obs.place
                && l.font == obs.font
                && l.size == obs.size
                && l.cjk == obs.cjk
                && l.bold == obs.bold
                && l.italic == obs.italic
        });
        if !dup {
            o.runs.push(obs);
        }
    }
    if let Some(size) = largest.filter(|_| any_text) {
        let ratio = match &pp.line {
            None => 1.0,
            Some((line, rule)) if rule == "auto" => line / 240.0,
            // Exact and at-least spacing name a height: up to a font's natural line height
            // (about 1.3 em for most CJK faces) it is what Word shows as single.
            Some((line, _)) => {
                let r = line / 20.0 / size;
                if r <= 1.32 {
                    1.0
                } else {
                    r
                }
            }
        };
        o.spacing.push(SpacingObs {
            place,
            ratio,
            measured: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn docx(parts: &[(&str, String)]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            z.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(text.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn tracked_changes_and_theme_fonts() {
        let styles = format!(
            r#"<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#
        );
        let theme = r#"<a:theme xmlns:a="x"><a:themeElements><a:fontScheme><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hant" typeface="新細明體"/></a:minorFont></a:fontScheme></a:themeElements></a:theme>"#.to_string();
        let document = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:rPr><w:sz w:val="28"/><w:rPrChange><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrChange></w:rPr><w:t>壹、基本資料</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
        );
        let o = inspect(&docx(&[
            ("word/document.xml", document),
            ("word/styles.xml", styles),
            ("word/theme/theme1.xml", theme),
        ]))
        .unwrap();
        assert_eq!(o.runs.len(), 1);
        assert_eq!(o.runs[0].size, 14.0);
        assert_eq!(o.runs[0].font.as_deref(), Some("新細明體"));
        assert_eq!(o.pages[0].size, Some((11906.0 / 20.0, 16838.0 / 20.0)));
    }
}
