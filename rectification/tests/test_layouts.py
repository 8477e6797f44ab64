"""The 公文 .docx layout writer."""

import io

from docx import Document
from docx.shared import Pt

from rectification import docx_layout


def test_docx_layout_headings():
    data = docx_layout.build("标题", "示范市教育局", "2026年5月17日", ["导语"], [
        docx_layout.Section("总体情况", ["正文"], [docx_layout.Section("甲校", ["甲校正文"])])])
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "标题"
    assert "一、总体情况" in texts and "（一）甲校" in texts
    assert texts[-2:] == ["示范市教育局", "2026年5月17日"]
    body = doc.paragraphs[texts.index("正文")]
    assert body.paragraph_format.first_line_indent == Pt(32)
    assert body.paragraph_format.line_spacing == Pt(28)
