//! The ZIP package. docx-rs writes a valid document but not every part the form needs
//! (settings for mirrored margins, document title, font alternatives) and
//! stamps entries with the current time, so its package is opened, completed and written
//! again with fixed timestamps and a fixed entry order: the same book gives the same bytes.

use super::styles::EAST_ASIAN_FONT;
use super::text::clean;
use super::DocxError;
use crate::book::Meta;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;

/// settings.xml, in the element order of CT_Settings (Word rejects other orders).
/// `mirrorMargins` swaps inside and outside margins on even pages for two-sided printing;
/// No `updateFields`: the 目次's page numbers are written in (see `pages`), so Word opens the
/// file without asking to update it. Punctuation is not compressed: every full-width mark
/// keeps its em, as in the PDF and in the page model. A justified line that ends in a line
/// break is not stretched (`doNotExpandShiftReturn`, which LibreOffice honours too): the line
/// before a testimonial's signature is set like the PDF's, not spread across the measure.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100"/>"#,
    r#"<w:mirrorMargins/>"#,
    r#"<w:defaultTabStop w:val="480"/>"#,
    r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
    r#"<w:compat>"#,
    r#"<w:doNotExpandShiftReturn/>"#,
    r#"<w:useFELayout/>"#,
    r#"<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>"#,
    r#"</w:compat>"#,
    r#"<w:themeFontLang w:val="en-US" w:eastAsia="zh-TW"/>"#,
    r#"</w:settings>"#,
);

/// fontTable.xml: 標楷體 with its Windows family name as an alternative, so Word and
/// LibreOffice can match the font on systems with an English font list.
fn font_table() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:font w:name="{kai}"><w:altName w:val="DFKai-SB"/><w:panose1 w:val="03000509000000000000"/>"#,
            r#"<w:charset w:val="88"/><w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>"#,
            r#"</w:fonts>"#,
        ),
        kai = EAST_ASIAN_FONT
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// docProps/core.xml with the book's title, author, subject and keywords. The date is
/// SOURCE_DATE_EPOCH or the book's own (the application date), never the clock, so renders
/// stay identical.
fn core(meta: &Meta, made: Option<[i64; 6]>) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
        r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
        r#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    ));
    s.push_str(&format!("<dc:title>{}</dc:title>", escape(&meta.title)));
    s.push_str(&format!(
        "<dc:subject>{}</dc:subject>",
        escape(&meta.subject)
    ));
    s.push_str(&format!(
        "<dc:creator>{}</dc:creator>",
        escape(&meta.author)
    ));
    s.push_str(&format!(
        "<cp:keywords>{}</cp:keywords>",
        escape(&meta.keywords.join(", "))
    ));
    s.push_str("<dc:language>zh-TW</dc:language>");
    if let Some([y, mo, d, h, mi, se]) = made {
        let stamp = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{se:02}Z");
        s.push_str(&format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#
        ));
    }
    s.push_str("</cp:coreProperties>");
    s
}

/// Declares the East-Asian language in the document defaults (docx-rs has no w:lang), so
/// Word applies Traditional Chinese line breaking and proofing.
fn patch_styles(styles: &str) -> Result<String, DocxError> {
    const END: &str = "</w:rPr></w:rPrDefault>";
    if !styles.contains(END) {
        return Err(DocxError::Package("styles.xml has no run defaults".into()));
    }
    Ok(styles.replacen(
        END,
        r#"<w:lang w:val="en-US" w:eastAsia="zh-TW"/></w:rPr></w:rPrDefault>"#,
        1,
    ))
}

/// docx-rs numbers paragraphs (w14:paraId) from a per-thread counter that keeps running
/// from one document to the next; numbering them again from 1 in part order makes the id of
/// a paragraph depend on the book alone.
fn renumber_paragraph_ids(parts: &mut BTreeMap<String, Vec<u8>>) -> Result<(), DocxError> {
    let re = regex::Regex::new(r#"<w:p w14:paraId="[0-9A-Fa-f]{1,8}""#)
        .map_err(|e| DocxError::Package(e.to_string()))?;
    let mut next: u32 = 1;
    let names: Vec<String> = parts
        .keys()
        .filter(|k| k.starts_with("word/") && k.ends_with(".xml"))
        .cloned()
        .collect();
    for name in names {
        let xml = text_part(parts, &name)?;
        if !re.is_match(&xml) {
            continue;
        }
        let out = re.replace_all(&xml, |_: &regex::Captures| {
            let id = format!(r#"<w:p w14:paraId="{next:08X}""#);
            next += 1;
            id
        });
        let out = out.into_owned();
        parts.insert(name, out.into_bytes());
    }
    Ok(())
}

fn text_part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> Result<String, DocxError> {
    let bytes = parts
        .get(name)
        .ok_or_else(|| DocxError::Package(format!("{name} missing")))?;
    String::from_utf8(bytes.clone()).map_err(|_| DocxError::Package(format!("{name} is not UTF-8")))
}

/// Completes docx-rs's package and writes it deterministically. `jpeg_images` are the ids
/// of pictures whose bytes are JPEG (docx-rs names every picture `.png`).
pub fn finish(
    packed: &[u8],
    meta: &Meta,
    made: Option<[i64; 6]>,
    jpeg_images: &[String],
) -> Result<Vec<u8>, DocxError> {
    let pkg = |e: zip::result::ZipError| DocxError::Package(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(packed)).map_err(pkg)?;
    let mut parts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).map_err(pkg)?;
        if f.is_dir() {
            continue;
        }
        let mut buf = Vec::with_capacity(f.size() as usize);
        f.read_to_end(&mut buf)
            .map_err(|e| DocxError::Package(e.to_string()))?;
        parts.insert(f.name().to_string(), buf);
    }

    parts.insert("word/settings.xml".into(), SETTINGS.as_bytes().to_vec());
    parts.insert("word/fontTable.xml".into(), font_table().into_bytes());
    parts.insert("docProps/core.xml".into(), core(meta, made).into_bytes());
    renumber_paragraph_ids(&mut parts)?;
    let styles = patch_styles(&text_part(&parts, "word/styles.xml")?)?;
    parts.insert("word/styles.xml".into(), styles.into_bytes());

    if !jpeg_images.is_empty() {
        let mut rels = text_part(&parts, "word/_rels/document.xml.rels")?;
        for id in jpeg_images {
            let from = format!("word/media/{id}.png");
            let bytes = parts
                .remove(&from)
                .ok_or_else(|| DocxError::Package(format!("{from} missing")))?;
            parts.insert(format!("word/media/{id}.jpeg"), bytes);
            rels = rels.replace(&format!("media/{id}.png\""), &format!("media/{id}.jpeg\""));
        }
        parts.insert("word/_rels/document.xml.rels".into(), rels.into_bytes());
        let types = text_part(&parts, "[Content_Types].xml")?;
        if !types.contains(r#"Extension="jpeg""#) {
            let types = types.replacen(
                "<Default ",
                r#"<Default Extension="jpeg" ContentType="image/jpeg"/><Default "#,
                1,
            );
            parts.insert("[Content_Types].xml".into(), types.into_bytes());
        }
    }

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    // [Content_Types].xml first, as Office writes it and some readers expect; then by name.
    let first = ["[Content_Types].xml", "_rels/.rels"];
    let order = first
        .iter()
        .map(|s| s.to_string())
        .chain(
            parts
                .keys()
                .filter(|k| !first.contains(&k.as_str()))
                .cloned(),
        )
        .collect::<Vec<_>>();
    for name in order {
        let Some(bytes) = parts.get(&name) else {
            return Err(DocxError::Package(format!("{name} missing")));
        };
        out.start_file(name.as_str(), options).map_err(pkg)?;
        out.write_all(bytes)
            .map_err(|e| DocxError::Package(e.to_string()))?;
    }
    let cursor = out.finish().map_err(pkg)?;
    Ok(cursor.into_inner())
}
