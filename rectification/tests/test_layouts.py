"""The pure writers: the fast .xlsx and the 公文 .docx layout."""

import io
from datetime import date

from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from rectification import docx_layout, xlsx_fast


def test_xlsx_fast_round_trip():
    rows = [[1, "=HYPERLINK(\"x\")", "a\nb <&> \x07bell", date(2026, 5, 17), None, 2.5, True]]
    data = xlsx_fast.write("台账", ["序号", "公式", "文本", "日期", "空", "数", "是"], rows,
                           widths=[6, 10, 10, 12, 5, 5, 5])
    wb = load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws.title == "台账" and ws.freeze_panes == "A2"
    values = [c.value for c in ws[2]]
    assert values[0] == 1
    assert values[1] == "=HYPERLINK(\"x\")" and ws["B2"].data_type == "s"  # text, not a formula
    assert values[2] == "a\nb <&> bell"
    assert values[3].date() == date(2026, 5, 17)
    assert values[4] is None and values[5] == 2.5 and values[6] is True
    assert ws["A1"].font.b


def test_xlsx_fast_many_columns():
    assert xlsx_fast._col(0) == "A" and xlsx_fast._col(25) == "Z" and xlsx_fast._col(26) == "AA"


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
