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

/// The font the form asks for, as Word on Windows knows it. Latin letters and digits are set
/// in it too, as in the PDF: one face, one line height, the figures in the text's own style.
pub const EAST_ASIAN_FONT: &str = "標楷體";

/// Every line is one em tall (exact spacing), as Word's single spacing is with a Kai face:
/// line boxes from ascender to descender. Exact spacing also keeps a fallback glyph from
/// making its line taller, so the pages can be known before Word lays them out.
pub const LINE: u32 = EM;
/// Space between paragraphs, half a line as in the PDF. Paragraphs carry only space *before*
/// them, never after: Word adds the space after one paragraph to the space before the next
/// where LibreOffice takes the larger, so with one of the two always zero both lay out the same.
pub const PARA_GAP: u32 = EM / 2;
/// Space above a heading: one em, as in the PDF.
pub const HEADING_BEFORE: u32 = EM;
/// How far a heading's wrapped lines hang, in twips: past its number or label (`hang` em,
/// [`crate::book::Section::hang`]), so they start under its text, as in the PDF.
pub fn hang_twips(hang: f64) -> i32 {
    (hang * f64::from(EM)).round() as i32
}

/// The hang of a level's first number (「壹、」 2 em, 「（一）」 3 em, 「1、」 1.5 em): what the
/// heading styles and Word's list levels give a heading a user adds in Word. The writer states
/// each heading's own (「（十一）」 is 4 em).
pub fn level_hang(level: u8) -> i32 {
    hang_twips(crate::text::kai::width(&crate::book::numbering::label(
        level.clamp(1, 5),
        1,
    )))
}
/// Padding inside every table cell, 6 pt as in the PDF.
pub const CELL_PAD: u32 = 120;
/// Space above and below a testimonial.
pub const TESTIMONIAL_GAP: u32 = EM;

/// A paragraph's geometry: what its style says, and what the page model measures.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    /// Left indent in twips.
    pub left: i32,
    /// First-line indent in twips, relative to `left`; negative hangs.
    pub first: i32,
    pub before: u32,
    pub after: u32,
    pub keep_next: bool,
}

impl Look {
    const fn new(left: i32, first: i32, before: u32, after: u32) -> Look {
        Look {
            left,
            first,
            before,
            after,
            keep_next: false,
        }
    }
    pub const fn kept(self) -> Look {
        Look {
            keep_next: true,
            ..self
        }
    }
}

pub const LOOK_NORMAL: Look = Look::new(0, 0, PARA_GAP, 0);
pub const LOOK_BODY: Look = Look::new(0, (EM * 2) as i32, PARA_GAP, 0);
/// A ☑/☐ answer: a second line hangs past the box.
pub const LOOK_CHECK: Look = Look::new(DETAIL_INDENT, -DETAIL_INDENT, PARA_GAP, 0);
/// A heading whose wrapped lines hang by `hang` twips.
pub const fn heading_look(hang: i32) -> Look {
    Look::new(hang, -hang, HEADING_BEFORE, 0).kept()
}
pub const LOOK_CENTERED: Look = Look::new(0, 0, 0, 0);
pub const LOOK_TABLE_TEXT: Look = Look::new(0, 0, 0, 0);
pub const LOOK_TESTIMONIAL_TITLE: Look = Look::new(EM as i32, 0, TESTIMONIAL_GAP, 0).kept();
pub const LOOK_TESTIMONIAL: Look = Look::new(EM as i32, (EM * 2) as i32, PARA_GAP, 0);
pub const LOOK_TOC_TITLE: Look = Look::new(0, 0, 0, 0);

pub const STYLE_NORMAL: &str = "Normal";
pub const STYLE_BODY: &str = "BodyText";
pub const STYLE_CENTERED: &str = "Centered";
pub const STYLE_TABLE_TEXT: &str = "TableText";
pub const STYLE_TESTIMONIAL: &str = "Testimonial";
pub const STYLE_TESTIMONIAL_TITLE: &str = "TestimonialTitle";
pub const STYLE_CHECK: &str = "Answer";
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
        .ascii(EAST_ASIAN_FONT)
        .hi_ansi(EAST_ASIAN_FONT)
        .cs(EAST_ASIAN_FONT)
        .east_asia(EAST_ASIAN_FONT)
        // Without the hint Word sets ambiguous characters (“ ” ‘ ’ …) in the Latin font.
        .hint("eastAsia")
}

/// Lines of exactly one em (see [`LINE`]), with the look's spacing.
pub fn spacing(look: &Look) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE as i32)
        .before(look.before)
        .after(look.after)
}

/// The spacing of a paragraph that holds a picture: a line as tall as the picture.
pub fn picture_spacing() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Auto)
        .line(240)
        .before(0)
        .after(0)
}

/// A paragraph style with the look's indents and spacing. Widow and orphan control is on in
/// every style, so the page model and Word agree on where a paragraph splits.
fn styled(mut style: Style, look: &Look) -> Style {
    style = style.line_spacing(spacing(look));
    let special = match look.first {
        0 => None,
        f if f > 0 => Some(SpecialIndentType::FirstLine(f)),
        f => Some(SpecialIndentType::Hanging(-f)),
    };
    if look.left != 0 || special.is_some() {
        style = style.indent(Some(look.left), special, None, None);
    }
    style.paragraph_property = style
        .paragraph_property
        .keep_next(look.keep_next)
        .widow_control(true);
    style
}

fn paragraph_style(id: &str, name: &str, look: &Look) -> Style {
    styled(
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(STYLE_NORMAL)
            .next(STYLE_BODY)
            .q_format(true),
        look,
    )
}

/// Installs document defaults and every style the writer uses.
pub fn install(docx: Docx) -> Docx {
    let mut docx = docx
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .default_line_spacing(spacing(&LOOK_NORMAL));

    // docx-rs always writes a bare Normal style; the document defaults above carry what
    // Normal needs (14 pt, 標楷體, one-em lines, the paragraph gap), so no second Normal is
    // added. Body paragraphs start with a two-character indent, as Chinese prose does.
    let body = paragraph_style(STYLE_BODY, "Body Text", &LOOK_BODY).align(AlignmentType::Both);
    let centered =
        paragraph_style(STYLE_CENTERED, "Centered", &LOOK_CENTERED).align(AlignmentType::Center);
    let table_text = paragraph_style(STYLE_TABLE_TEXT, "Table Text", &LOOK_TABLE_TEXT)
        .align(AlignmentType::Left);
    let check = paragraph_style(STYLE_CHECK, "Answer", &LOOK_CHECK).align(AlignmentType::Left);
    let testimonial = paragraph_style(STYLE_TESTIMONIAL, "Testimonial", &LOOK_TESTIMONIAL)
        .align(AlignmentType::Both);
    let testimonial_title = paragraph_style(
        STYLE_TESTIMONIAL_TITLE,
        "Testimonial Title",
        &LOOK_TESTIMONIAL_TITLE,
    )
    .align(AlignmentType::Left);
    let toc_title = paragraph_style(STYLE_TOC_TITLE, "TOC Heading", &LOOK_TOC_TITLE)
        .align(AlignmentType::Center);
    let footer =
        paragraph_style(STYLE_FOOTER, "footer", &LOOK_CENTERED).align(AlignmentType::Center);

    for style in [
        body,
        centered,
        table_text,
        check,
        testimonial,
        testimonial_title,
        toc_title,
        footer,
    ] {
        docx = docx.add_style(style);
    }

    for level in 1..=5u8 {
        let mut style = styled(
            Style::new(heading_style(level), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on(STYLE_NORMAL)
                .next(STYLE_BODY)
                .q_format(true)
                .outline_lvl(usize::from(level - 1))
                .align(AlignmentType::Left),
            &heading_look(level_hang(level)),
        );
        // The style carries the list, so a heading a user adds in Word is numbered and the
        // ones after it renumber.
        style.paragraph_property = style.paragraph_property.numbering(
            NumberingId::new(super::numbering::NUM_ID),
            IndentLevel::new(usize::from(level - 1)),
        );
        docx = docx.add_style(style);
    }

    let unnumbered = styled(
        Style::new(STYLE_UNNUMBERED_HEADING, StyleType::Paragraph)
            .name("Unnumbered Heading")
            .based_on(STYLE_NORMAL)
            .next(STYLE_BODY)
            .q_format(true)
            // An outline level puts 附件 headings into the TOC when Word rebuilds it (the `\u`
            // switch).
            .outline_lvl(0)
            .align(AlignmentType::Left),
        &heading_look(0),
    );
    docx = docx.add_style(unnumbered);

    for level in 1..=5u8 {
        let mut style = styled(
            Style::new(toc_style(level), StyleType::Paragraph)
                .name(format!("toc {level}"))
                .based_on(STYLE_NORMAL)
                .next(STYLE_NORMAL)
                .ui_priority(39)
                .unhide_when_used()
                .align(AlignmentType::Left),
            &toc_look(level, level_hang(level)),
        );
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

/// A 目次 entry of a level: one em further in per level, a wrapped line hanging past the
/// heading's number by `hang` twips, as the heading does, and a small gap between entries.
pub fn toc_look(level: u8, hang: i32) -> Look {
    let left = i32::from(level.clamp(1, 9) - 1) * EM as i32 + hang;
    Look::new(left, -hang, TOC_GAP, 0)
}

/// Space between 目次 entries in their styles: the PDF's 0.4 em. Each entry of the written 目次
/// carries the space chosen for it (`toc::gap`), which may be less.
pub const TOC_GAP: u32 = EM * 2 / 5;
