"""The ledger import (row errors before anything is saved), the ledger export and the weekly
dispatch as .xlsx and .docx, opened with openpyxl and python-docx."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from docx.shared import Mm
from openpyxl import Workbook, load_workbook

from assignments import actions, dispatch
from assignments.ledger import HEADERS
from assignments.models import Item


def xlsx(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("台账.xlsx", buf.getvalue())


def future(days=30):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_import_with_a_bad_row_saves_nothing_and_lists_errors(cast, login):
    rows = [
        [1, "新建幼儿园8所", "甲区教育局", "甲区第一小学、甲区实验幼儿园", "副局长乙", "区局长辛",
         future(), "已选址"],
        [2, "消除大班额", "乙县中学", "", "", "", future(), ""],  # outside the leader's scope
        [3, "", "甲区教育局", "", "无此人", "", "2020-01-01", ""],
    ]
    r = login(cast.leader).post("/assignments/import/", {"file": xlsx(rows)})
    assert r.status_code == 200
    text = r.content.decode()
    assert 'id="import-errors"' in text
    assert "乙县中学" in text and "2020-01-01" in text and "无此人" in text
    errors = r.context["errors"]
    assert {e.row for e in errors} == {3, 4}
    assert not Item.objects.exists()


def test_import_good_file_creates_items(cast, login):
    rows = [[1, "新建幼儿园8所", "甲区教育局", "甲区第一小学", "副局长乙", "区局长辛",
             future(), "已选址"],
            [2, "校舍维修", "甲区第一小学", "", "", "", f"{future(40)[:4]}年{int(future(40)[5:7])}月"
             f"{int(future(40)[8:10])}日", ""]]
    r = login(cast.leader).post("/assignments/import/", {"file": xlsx(rows)})
    assert r.status_code == 302
    first, second = Item.objects.order_by("id")
    assert first.owner == cast.county_head and first.responsible_leader == cast.leader
    assert list(first.co_units.all()) == [cast.school_a1] and first.progress_note == "已选址"
    assert second.deadline.isoformat() == future(40)


def test_import_wrong_headers_and_not_a_workbook(cast, login):
    c = login(cast.office)
    r = c.post("/assignments/import/", {"file": xlsx([[1]], headers=["序号", "任务"])})
    assert "牵头单位" in r.content.decode()
    r = c.post("/assignments/import/", {"file": SimpleUploadedFile("a.xlsx", b"MZ not a zip")})
    assert r.status_code == 200 and not Item.objects.exists()


def test_ledger_export_has_the_layout_flag_and_progress(cast, login):
    now = timezone.now()
    item = actions.create_item(actor=cast.office, now=now, title="控辍保学",
                               deadline=timezone.localdate() + timedelta(days=3),
                               lead_unit=cast.school_a1, owner=cast.staff,
                               co_units=[cast.school_a2])
    actions.submit_report(item, actor=cast.staff, now=now, text="走访完成", percent=40,
                          client_token="x")
    r = login(cast.office).get("/assignments/export.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0][:8]) == HEADERS and rows[0][9] == "标志"
    assert rows[1][1] == "控辍保学" and rows[1][2] == cast.school_a1.name
    assert rows[1][3] == cast.school_a2.name and rows[1][5] == cast.staff.name
    assert rows[1][7] == "走访完成" and rows[1][9] in ("绿", "黄", "红") and rows[1][10] == 40


def _week_data(cast):
    now = timezone.now()
    today = timezone.localdate()
    late = actions.create_item(actor=cast.office, now=now - timedelta(days=20), title="迟交事项",
                               deadline=today - timedelta(days=3), lead_unit=cast.school_a1,
                               owner=cast.staff)
    moved = actions.create_item(actor=cast.office, now=now, title="推进事项",
                                deadline=today + timedelta(days=40), lead_unit=cast.school_b1,
                                owner=cast.school_head_b1)
    actions.submit_report(moved, actor=cast.school_head_b1, now=now, text="完成一半",
                          percent=50, client_token="w")
    nxt = dispatch.week_of(today) + timedelta(days=8)
    actions.create_item(actor=cast.office, now=now, title="下周到期事项", deadline=nxt,
                        lead_unit=cast.school_a2)
    return late, moved


def test_weekly_dispatch_page_xlsx_and_docx(cast, login):
    _week_data(cast)
    c = login(cast.office)
    page = c.get("/assignments/weekly/").content.decode()
    assert "推进事项" in page and "下周到期事项" in page and "迟交事项" in page
    assert cast.county_a.name in page and cast.county_b.name in page
    r = c.get("/assignments/weekly.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    summary = list(wb.worksheets[0].iter_rows(values_only=True))
    units = {row[0]: row[1:] for row in summary[1:]}
    assert units[cast.county_b.name][0] == 1  # one thing moved in county B
    assert units[cast.county_a.name][1] == 1 and units[cast.county_a.name][2] == 1
    detail = [row[2] for row in wb.worksheets[1].iter_rows(values_only=True)]
    assert "推进事项" in detail
    r = c.get("/assignments/weekly.docx")
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "周调度" in doc.paragraphs[0].text or "Weekly" in doc.paragraphs[0].text
    assert "推进事项" in text and "迟交事项" in text and cast.county_a.name in text
    sec = doc.sections[0]
    assert abs(sec.top_margin - Mm(37)) < Mm(0.5) and abs(sec.left_margin - Mm(28)) < Mm(0.5)
    assert abs(sec.bottom_margin - Mm(35)) < Mm(0.5) and abs(sec.right_margin - Mm(26)) < Mm(0.5)
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.size.pt == 22
    body = doc.paragraphs[2].runs[0]
    assert body.font.size.pt == 16 and "仿宋" in body.font.name
