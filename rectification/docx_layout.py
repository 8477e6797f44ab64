"""A GB/T 9704-like official document (公文) in .docx: pure layout, no Django.

A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体
(SimSun for Latin) 二号 22 pt centred; body in 仿宋_GB2312 (FangSong) 三号 16 pt with a two-
character first-line indent and fixed 28 pt lines; level-one headings in 黑体, level-two in 楷体.
"""

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT, BODY_LATIN = "仿宋_GB2312", "FangSong"
TITLE_FONT, TITLE_LATIN = "方正小标宋简体", "SimSun"
HEI, KAI = "黑体", "楷体_GB2312"


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    subsections: list["Section"] = field(default_factory=list)


def _font(run, east_asian: str, latin: str, size: float, bold: bool = False):
    run.font.name = latin
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _para(doc, text, east_asian=BODY_FONT, latin=BODY_LATIN, size=16.0, indent=True,
          align=None, bold=False):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), east_asian, latin, size, bold)
    return p


def build(title: str, issuer: str, date_text: str, intro: list[str],
          sections: list[Section]) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_LATIN, Pt(16)
    normal.element.get_or_add_rPr()
    _font_style(normal)
    t = _para(doc, title, TITLE_FONT, TITLE_LATIN, 22, indent=False,
              align=WD_ALIGN_PARAGRAPH.CENTER)
    t.paragraph_format.line_spacing = Pt(36)
    _para(doc, "", indent=False)
    for text in intro:
        _para(doc, text)
    numerals = "一二三四五六七八九十"
    for i, s in enumerate(sections):
        label = numerals[i] if i < len(numerals) else str(i + 1)
        _para(doc, f"{label}、{s.heading}", HEI, "SimHei")
        for text in s.paragraphs:
            _para(doc, text)
        for j, sub in enumerate(s.subsections):
            sub_label = numerals[j] if j < len(numerals) else str(j + 1)
            _para(doc, f"（{sub_label}）{sub.heading}", KAI, "KaiTi")
            for text in sub.paragraphs:
                _para(doc, text)
    _para(doc, "", indent=False)
    _para(doc, issuer, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, date_text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _font_style(style):
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
