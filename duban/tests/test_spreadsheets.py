"""The shared .xlsx writer and reader."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from duban.spreadsheets import SpreadsheetError, build_workbook, open_workbook, read_sheet


def test_round_trip_keeps_text_dates_numbers_and_refuses_formulas():
    rows = [[1, '=HYPERLINK("x")', "a\nb <&> \x07bell", date(2026, 5, 17), None, 2.5, True]]
    data = build_workbook([("台账", ["序号", "公式", "文本", "日期", "空", "数", "是"], rows,
                            [6, 10, 10, 12, 5, 5, 5])])
    ws = load_workbook(io.BytesIO(data))["台账"]
    assert ws.freeze_panes == "A2" and ws["A1"].font.b
    values = [c.value for c in ws[2]]
    assert values[0] == 1
    assert values[1] == '=HYPERLINK("x")' and ws["B2"].data_type == "s"  # text, not a formula
    assert values[2] == "a\nb <&> bell"
    assert values[3].date() == date(2026, 5, 17)
    assert values[4] is None and values[5] == 2.5 and values[6] is True
    assert ws.column_dimensions["B"].width == 10


def test_read_sheet_checks_headers_and_skips_blank_rows():
    data = build_workbook([("人员", ["姓名", "手机号"], [["甲", 13900000000.0], [None, None],
                                                       ["乙", "13900000001"]])])

    class Upload(io.BytesIO):
        size = len(data)

    wb = open_workbook(Upload(data))
    assert read_sheet(wb, "人员", ["姓名", "手机号"]) == [
        (2, {"姓名": "甲", "手机号": "13900000000"}), (4, {"姓名": "乙", "手机号": "13900000001"})]
    with pytest.raises(SpreadsheetError):
        read_sheet(wb, "人员", ["姓名", "工号"])
    with pytest.raises(SpreadsheetError):
        read_sheet(wb, "单位", ["单位编码"])
