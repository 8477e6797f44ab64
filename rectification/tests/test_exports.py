"""The ledger .xlsx and the .docx report, opened and read; importing; background exports."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from docx import Document
from docx.shared import Mm, Pt
from openpyxl import load_workbook

from audit.models import AuditEvent
from rectification import actions
from rectification.choices import State
from rectification.exports import HEADERS
from rectification.models import ExportJob, Item, Measure

from .conftest import TODAY, xlsx_upload


@pytest.fixture
def ledger(cast, make_item):
    a = make_item(state=State.RECTIFYING, responsible_leader=cast.leader,
                  co_units=[cast.school_a2])
    actions.add_measure(a, cast.staff, text="建立进货查验台账", owner=cast.staff,
                        deadline=TODAY + timedelta(days=10))
    actions.report_progress(a, cast.staff, text="已建立台账", version=a.version)
    b = make_item(state=State.SIGNED_OFF, problem="消防通道堆放杂物", category="校园安全")
    return a, b


def test_xlsx_layout_and_content(cast, login, ledger):
    r = login(cast.office).get(reverse("rectification:export"))
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert HEADERS == ["序号", "问题", "整改目标", "整改措施", "责任领导", "责任单位（牵头/配合）",
                       "责任人", "完成时限", "整改进展", "是否销号"]
    by_problem = {row[1]: row for row in rows[1:]}
    a = by_problem["食堂台账不全"]
    assert a[0] in (1, 2)
    assert "建立进货查验台账" in a[3] and "教师丑" in a[3]
    assert a[4] == "副局长乙"
    assert "牵头：甲区第一小学" in a[5] and "配合：甲区实验幼儿园" in a[5]
    assert a[6] == "教师丑"
    assert a[7].date() == TODAY + timedelta(days=30)
    assert "已建立台账" in a[8]
    assert a[9] == "否"
    assert by_problem["消防通道堆放杂物"][9] == "是"


def test_xlsx_respects_filters(cast, login, ledger):
    r = login(cast.office).get(reverse("rectification:export") + "?state=signed_off")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["消防通道堆放杂物"]


def test_docx_report(cast, login, ledger):
    r = login(cast.office).get(reverse("rectification:report"))
    assert r.status_code == 200
    doc = Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "整改落实情况报告"
    assert "共列问题2项，已整改销号1项，销号率50.0%" in text
    assert "甲区第一小学" in text and "已销号问题：1. 消防通道堆放杂物" in text
    assert "未销号问题：1. 食堂台账不全" in text
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(1) and abs(sec.page_height - Mm(297)) < Mm(1)
    for got, want in ((sec.top_margin, 37), (sec.bottom_margin, 35), (sec.left_margin, 28),
                      (sec.right_margin, 26)):
        assert abs(got - Mm(want)) < Mm(0.5)
    title_run = doc.paragraphs[0].runs[0]
    assert title_run.font.size == Pt(22)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert title_run._element.rPr.rFonts.get(ns + "eastAsia") == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text.startswith("截至"))
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._element.rPr.rFonts.get(ns + "eastAsia") == "仿宋_GB2312"
    assert body.runs[0].font.name == "FangSong"


def _row(problem="问题一", unit="甲区第一小学", owner="教师丑", deadline="2026-06-30",
         signed="否", measures="1. 建立制度\n2. 开展培训", leader="副局长乙"):
    return [1, problem, "整改到位", measures, leader, f"牵头：{unit}\n配合：甲区实验幼儿园",
            owner, deadline, "正在整改", signed]


def test_import_good_file(cast, login):
    upload = xlsx_upload([_row(), _row(problem="问题二", signed="是", deadline="2026年7月1日")],
                         HEADERS)
    r = login(cast.county_head).post(reverse("rectification:import"), {
        "file": upload, "list_type": "leadership", "source": "audit", "found_on": "2026-05-01"})
    assert r.status_code == 302
    items = {i.problem: i for i in Item.objects.all()}
    assert set(items) == {"问题一", "问题二"}
    assert items["问题二"].state == State.SIGNED_OFF
    assert items["问题一"].state == State.RECTIFYING
    assert items["问题一"].owner == cast.staff and items["问题一"].responsible_leader == cast.leader
    assert [m.text for m in Measure.objects.filter(item=items["问题一"])] == ["建立制度", "开展培训"]
    assert list(items["问题一"].co_units.all()) == [cast.school_a2]


def test_import_round_trip(cast, login, ledger):
    content = login(cast.office).get(reverse("rectification:export")).content
    Item.objects.all().delete()
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = login(cast.office).post(reverse("rectification:import"), {
        "file": SimpleUploadedFile("l.xlsx", content), "list_type": "leadership",
        "source": "audit", "found_on": TODAY.isoformat()})
    assert r.status_code == 302, r.content.decode()[-2000:]
    assert Item.objects.count() == 2


def test_import_with_a_bad_row_saves_nothing(cast, login):
    upload = xlsx_upload([_row(), _row(problem="问题二", unit="不存在的学校"),
                          _row(problem="问题三", deadline="明年"),
                          _row(problem="", owner="查无此人")], HEADERS)
    audit_before = AuditEvent.objects.count()
    r = login(cast.county_head).post(reverse("rectification:import"), {
        "file": upload, "list_type": "leadership", "source": "audit", "found_on": "2026-05-01"})
    assert r.status_code == 200
    errors = r.context["errors"]
    assert {e.row for e in errors} == {3, 4, 5}
    text = r.content.decode()
    assert "不存在的学校" in text and "明年" in text and "查无此人" in text
    assert Item.objects.count() == 0 and Measure.objects.count() == 0
    assert AuditEvent.objects.count() == audit_before


def test_import_refuses_units_outside_scope(cast, login):
    upload = xlsx_upload([_row(unit="乙县中学", owner="校长子")], HEADERS)
    r = login(cast.county_head).post(reverse("rectification:import"), {
        "file": upload, "list_type": "leadership", "source": "audit", "found_on": "2026-05-01"})
    assert r.status_code == 200 and Item.objects.count() == 0


def test_import_not_a_workbook(cast, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = login(cast.county_head).post(reverse("rectification:import"), {
        "file": SimpleUploadedFile("x.xlsx", b"hello"), "list_type": "leadership",
        "source": "audit", "found_on": "2026-05-01"})
    assert r.status_code == 200 and Item.objects.count() == 0
    assert r.context["form"].errors["file"]


def test_large_export_runs_in_background(cast, login, ledger, monkeypatch):
    monkeypatch.setattr("rectification.views.EXPORT_SYNC_LIMIT", 1)
    c = login(cast.office)
    r = c.get(reverse("rectification:export"))
    assert r.status_code == 302
    job = ExportJob.objects.get()
    assert r["Location"] == reverse("rectification:export_job", args=[job.pk])
    assert job.state == "done" and job.done == 2 and job.total == 2
    page = c.get(r["Location"])
    assert reverse("rectification:export_download", args=[job.pk]) in page.content.decode()
    got = c.get(reverse("rectification:export_download", args=[job.pk]))
    rows = list(load_workbook(io.BytesIO(b"".join(got.streaming_content))).active
                .iter_rows(values_only=True))
    assert len(rows) == 3 and list(rows[0]) == HEADERS


def test_background_export_uses_the_requesters_permissions(cast, ledger, personal_item):
    from rectification.jobs import export_ledger

    job = ExportJob.objects.create(requested_by=cast.school_head, params={})
    export_ledger.call(job.pk)
    job.refresh_from_db()
    rows = list(load_workbook(job.file.open("rb")).active.iter_rows(values_only=True))
    problems = [r[1] for r in rows[1:]]
    assert "食堂台账不全" in problems and not any("迟到" in p for p in problems)


def test_export_status_page_polls_while_running(cast, login):
    job = ExportJob.objects.create(requested_by=cast.office, params={}, state="running",
                                   total=100, done=40)
    r = login(cast.office).get(reverse("rectification:export_job", args=[job.pk]))
    text = r.content.decode()
    assert "hx-trigger" in text and "40%" in text


def test_export_status_partial_for_htmx(cast, login):
    job = ExportJob.objects.create(requested_by=cast.office, params={}, state="done",
                                   total=3, done=3)
    r = login(cast.office).get(reverse("rectification:export_job", args=[job.pk]),
                               HTTP_HX_REQUEST="true")
    text = r.content.decode()
    assert text.lstrip().startswith("<div") and "export-download" in text
    assert "hx-trigger" not in text  # done: stops polling


def test_failed_export_is_shown(cast, monkeypatch):
    from rectification import jobs

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "ledger_xlsx", boom)
    job = ExportJob.objects.create(requested_by=cast.office, params={})
    with pytest.raises(RuntimeError):
        jobs.export_ledger.call(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and "disk full" in job.error
    assert jobs.export_ledger.call(job.pk) == 0  # a second run claims nothing
