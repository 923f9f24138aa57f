"""Writes the DOCX test books for tests/format_check.rs with python-docx, the way an
applicant's own tool would: `python3 make_docx.py OUT.docx key=value ...`."""
import sys

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt

GOOD = ["壹、基本資料", "一、單位概況", "（一）員工人數", "1、正式員工", "（1）全時",
        "貳、評審項目", "一、員工學習制度規定", "二、帶薪學習"]
ORDERS = {
    "good": GOOD,
    # 一、 before the first 壹、
    "inverted": ["一、單位概況", "壹、基本資料", "一、單位概況", "（一）員工人數", "貳、評審項目"],
    # 壹、 straight to （一）
    "skip": ["壹、基本資料", "（一）員工人數", "貳、評審項目"],
    # full-width digits and 1. at the fourth level are accepted
    "variants": ["壹、基本資料", "一、單位概況", "（一）員工人數", "１、正式員工", "（１）全時",
                 "2. 兼職員工", "貳、評審項目"],
}
BODY = "本單位推動員工學習制度，訂定年度訓練計畫並公告週知，員工皆可於上班時間參加課程。" * 3


NUMBERING = (
    '<w:abstractNum %s w:abstractNumId="90">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographLegalTraditional"/><w:lvlText w:val="%%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCounting"/><w:lvlText w:val="%%2、"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCounting"/><w:lvlText w:val="（%%3）"/></w:lvl>'
    '</w:abstractNum>'
)
# (level, text): the number comes from numbering.xml, not from the text.
NUMBERED = {
    "good": [(0, "基本資料"), (1, "單位概況"), (2, "員工人數"), (0, "評審項目"), (1, "學習制度")],
    "skip": [(0, "基本資料"), (2, "員工人數"), (0, "評審項目")],
}


def add_numbering(d):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING % nsdecls("w")))
    numbering.append(parse_xml(
        '<w:num %s w:numId="90"><w:abstractNumId w:val="90"/></w:num>' % nsdecls("w")))


def numbered(p, level):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    p._p.get_or_add_pPr().append(parse_xml(
        '<w:numPr %s><w:ilvl w:val="%d"/><w:numId w:val="90"/></w:numPr>' % (nsdecls("w"), level)))


def page_numbers(sec):
    """A PAGE field in the footer, as Word's Insert → Page Number writes it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    sec.footer.paragraphs[0]._p.append(parse_xml(
        '<w:fldSimple %s w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>' % nsdecls("w")))


def main(out, size="14", paper="a4", font="標楷體", spacing="1", order="good",
         landscape="0", heading_size="", run_size="", run_at="2", numbering="", content="book"):
    d = Document()
    sec = d.sections[0]
    page_numbers(sec)
    w, h = (Mm(210), Mm(297)) if paper == "a4" else (Inches(8.5), Inches(11))
    if landscape == "1":
        sec.orientation = WD_ORIENT.LANDSCAPE
        w, h = h, w
    sec.page_width, sec.page_height = w, h
    normal = d.styles["Normal"]
    normal.font.size = Pt(float(size))
    normal.font.name = "Times New Roman"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    pf = normal.paragraph_format
    if float(spacing) == 1:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = float(spacing)
    pf.space_after = Pt(0)
    heading = None
    if heading_size:
        # A heading style that inherits from Normal but sets its own size: only style
        # inheritance tells the checker what size the heading text is.
        heading = d.styles.add_style("BookHeading", 1)
        heading.base_style = normal
        heading.font.size = Pt(float(heading_size))
    if content != "book":
        # Nothing a format rule can judge: an empty body, or English text only.
        if content == "latin":
            for _ in range(5):
                d.add_paragraph("Employee learning programme, annual report. " * 4)
        d.save(out)
        return
    heads = [(None, t) for t in ORDERS[order]]
    if numbering:
        add_numbering(d)
        heads = NUMBERED[numbering]
    for i, (level, text) in enumerate(heads):
        p = d.add_paragraph(text, style=heading)
        if level is not None:
            numbered(p, level)
        for j in range(3):
            body = d.add_paragraph()
            run = body.add_run(BODY)
            if run_size and i == int(run_at) and j == 1:
                run.font.size = Pt(float(run_size))
    # A page-number-like line and a table: tables count for fonts, not for headings.
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "單位屬性"
    t.cell(0, 1).text = "1、機關(構)本身"
    d.save(out)


if __name__ == "__main__":
    main(sys.argv[1], **dict(a.split("=", 1) for a in sys.argv[2:]))
