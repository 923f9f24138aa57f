//! Page geometry and paragraph styles (申請書體例: A4 portrait, 14 pt 標楷體, single spacing,
//! left binding). Every length is in twips (1/20 pt) unless its name says otherwise.

use docx_rs::*;

pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN_TOP: i32 = 1418;
pub const MARGIN_BOTTOM: i32 = 1418;
/// The inside margin (left on odd pages); with mirrored margins Word swaps it on even pages.
pub const MARGIN_INSIDE: i32 = 1418;
pub const MARGIN_OUTSIDE: i32 = 1134;
/// Extra room on the inside edge for the binding.
pub const GUTTER: i32 = 284;
pub const HEADER_DISTANCE: i32 = 851;
pub const FOOTER_DISTANCE: i32 = 851;

/// Width of the text block.
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - (MARGIN_INSIDE + MARGIN_OUTSIDE + GUTTER) as u32;
/// Height of the text block.
pub const TEXT_HEIGHT: u32 = PAGE_HEIGHT - (MARGIN_TOP + MARGIN_BOTTOM) as u32;

/// 14 pt in half-points (w:sz).
pub const BODY_SIZE: usize = 28;
/// 14 pt in twips: the advance of one full-width character.
pub const EM: u32 = 280;
/// How far an answer's details stand in from its ☑ line: the box and the space after it, the
/// same 1.5 em as the PDF.
pub const DETAIL_INDENT: i32 = (EM * 3 / 2) as i32;

/// The East-Asian font the form asks for, as Word on Windows knows it.
pub const EAST_ASIAN_FONT: &str = "標楷體";
/// Latin text (digits, e-mail addresses) in the same documents is usually set in Times New Roman.
pub const LATIN_FONT: &str = "Times New Roman";

pub const STYLE_NORMAL: &str = "Normal";
pub const STYLE_BODY: &str = "BodyText";
pub const STYLE_CENTERED: &str = "Centered";
pub const STYLE_TABLE_TEXT: &str = "TableText";
pub const STYLE_TESTIMONIAL: &str = "Testimonial";
pub const STYLE_TESTIMONIAL_AUTHOR: &str = "TestimonialAuthor";
pub const STYLE_UNNUMBERED_HEADING: &str = "UnnumberedHeading";
pub const STYLE_TOC_TITLE: &str = "TOCHeading";
pub const STYLE_FOOTER: &str = "Footer";

/// Heading style id for a level 1–5 (Word's built-in ids, so Word's TOC `\o` switch finds them).
pub fn heading_style(level: u8) -> String {
    format!("Heading{}", level.clamp(1, 5))
}

/// TOC entry style id for a level (Word's built-in "toc N").
pub fn toc_style(level: u8) -> String {
    format!("TOC{}", level.clamp(1, 9))
}

pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(EAST_ASIAN_FONT)
        // Without the hint Word sets ambiguous characters (“ ” ‘ ’ …) in the Latin font.
        .hint("eastAsia")
}

/// Single line spacing and no space between paragraphs, as the form asks.
pub fn single() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(STYLE_NORMAL)
        .next(STYLE_BODY)
        .q_format(true)
}

/// Installs document defaults and every style the writer uses.
pub fn install(docx: Docx) -> Docx {
    let mut docx = docx
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .default_line_spacing(single());

    // docx-rs always writes a bare Normal style; the document defaults above carry what
    // Normal needs (14 pt, 標楷體, single spacing), so no second Normal is added.
    // Body paragraphs start with a two-character indent, as Chinese prose does.
    let body = paragraph_style(STYLE_BODY, "Body Text")
        .first_line_chars(200)
        .align(AlignmentType::Both);
    let centered = paragraph_style(STYLE_CENTERED, "Centered").align(AlignmentType::Center);
    let table_text = paragraph_style(STYLE_TABLE_TEXT, "Table Text").align(AlignmentType::Left);
    let testimonial = paragraph_style(STYLE_TESTIMONIAL, "Testimonial")
        .indent(Some(EM as i32), None, Some(EM as i32), None)
        .first_line_chars(200);
    let testimonial_author = paragraph_style(STYLE_TESTIMONIAL_AUTHOR, "Testimonial Author")
        .indent(Some(EM as i32), None, None, None)
        .align(AlignmentType::Left);
    let toc_title = paragraph_style(STYLE_TOC_TITLE, "TOC Heading").align(AlignmentType::Center);
    let footer = paragraph_style(STYLE_FOOTER, "footer").align(AlignmentType::Center);

    for style in [
        body,
        centered,
        table_text,
        testimonial,
        testimonial_author,
        toc_title,
        footer,
    ] {
        docx = docx.add_style(style);
    }

    for level in 1..=5u8 {
        let mut style = Style::new(heading_style(level), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on(STYLE_NORMAL)
            .next(STYLE_BODY)
            .q_format(true)
            .outline_lvl(usize::from(level - 1))
            .align(AlignmentType::Left);
        // The style carries the list, so a heading a user adds in Word is numbered and the
        // ones after it renumber.
        style.paragraph_property = style
            .paragraph_property
            .numbering(
                NumberingId::new(super::numbering::NUM_ID),
                IndentLevel::new(usize::from(level - 1)),
            )
            .keep_next(true);
        docx = docx.add_style(style);
    }

    let mut unnumbered = Style::new(STYLE_UNNUMBERED_HEADING, StyleType::Paragraph)
        .name("Unnumbered Heading")
        .based_on(STYLE_NORMAL)
        .next(STYLE_BODY)
        .q_format(true)
        // An outline level puts 附件 headings into the TOC when Word rebuilds it (the `\u` switch).
        .outline_lvl(0)
        .align(AlignmentType::Left);
    unnumbered.paragraph_property = unnumbered.paragraph_property.keep_next(true);
    docx = docx.add_style(unnumbered);

    for level in 1..=5u8 {
        let mut style = Style::new(toc_style(level), StyleType::Paragraph)
            .name(format!("toc {level}"))
            .based_on(STYLE_NORMAL)
            .next(STYLE_NORMAL)
            .ui_priority(39)
            .unhide_when_used()
            .indent(Some(i32::from(level - 1) * EM as i32), None, None, None)
            .align(AlignmentType::Left);
        style.paragraph_property = style.paragraph_property.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .leader(TabLeaderType::Dot)
                .pos(TEXT_WIDTH as usize),
        );
        docx = docx.add_style(style);
    }
    docx
}
