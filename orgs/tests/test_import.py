"""Importing units and people from Excel: every bad row listed first, all or nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from audit.models import AuditEvent
from orgs.importing import PEOPLE_HEADERS, UNIT_HEADERS
from orgs.models import Membership, Person, Unit


def workbook(units=(), people=(), unit_headers=UNIT_HEADERS, people_headers=PEOPLE_HEADERS):
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("单位")
    ws.append(list(unit_headers))
    for row in units:
        ws.append(list(row))
    ws = wb.create_sheet("人员")
    ws.append(list(people_headers))
    for row in people:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def upload(client, content, name="import.xlsx"):
    return client.post("/orgs/import/", {"file": SimpleUploadedFile(name, content)})


GOOD_UNITS = [("A-S9", "甲区新城小学", "A", "学校"), ("A-S9-K", "甲区新城小学附属幼儿园", "A-S9", "幼儿园")]
GOOD_PEOPLE = [
    ("周一", "13600000001", "N001", "A-S9", "校长、党员", "校长", "zhou@example.cn"),
    ("吴二", "13600000002", "", "A-S9-K", "staff", "教师", ""),
]


def test_template_is_a_real_workbook_with_chinese_headers(cast, login):
    r = login(cast.admin).get("/orgs/import/template.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    assert [c.value for c in wb["单位"][1]] == UNIT_HEADERS
    assert [c.value for c in wb["人员"][1]] == PEOPLE_HEADERS
    assert wb["人员"].max_row == 2  # one example row


def test_valid_file_imports_and_reimport_changes_nothing(cast, login):
    c = login(cast.admin)
    content = workbook(GOOD_UNITS, GOOD_PEOPLE)
    r = upload(c, content)
    assert r.status_code == 200
    counts = r.context["counts"]
    assert counts["units_created"] == 2 and counts["people_created"] == 2
    kid = Unit.objects.get(code="A-S9-K")
    assert kid.ancestors().last().code == "A-S9"
    zhou = Person.objects.get(phone="13600000001")
    assert set(zhou.memberships.values_list("role", flat=True)) == {"unit_head", "member"}
    assert zhou.unit.code == "A-S9" and zhou.staff_no == "N001"
    audit_rows = AuditEvent.objects.count()
    units, people, roles = Unit.objects.count(), Person.objects.count(), Membership.objects.count()
    r = upload(c, content)
    assert r.context["counts"] == {"units_created": 0, "units_updated": 0, "people_created": 0,
                                   "people_updated": 0, "roles_added": 0}
    assert (Unit.objects.count(), Person.objects.count(), Membership.objects.count()) == (
        units, people, roles)
    assert AuditEvent.objects.count() == audit_rows


def test_bad_rows_are_all_listed_and_nothing_is_saved(cast, login):
    c = login(cast.admin)
    people = [*GOOD_PEOPLE,
              ("郑三", "13600000001", "", "A-S9", "教师", "", ""),     # duplicate phone
              ("王四", "1360000", "", "NOPE", "魔法师", "", ""),         # bad phone, unit, role
              ]
    units = [*GOOD_UNITS, ("A-S8", "孤儿学校", "ZZZ", "学校")]            # unknown parent
    before = (Unit.objects.count(), Person.objects.count(), AuditEvent.objects.count())
    r = upload(c, workbook(units, people))
    errors = {(e.sheet, e.row, e.column) for e in r.context["errors"]}
    assert ("人员", 4, "手机号") in errors
    assert {("人员", 5, "手机号"), ("人员", 5, "所属单位编码"), ("人员", 5, "角色")} <= errors
    assert ("单位", 4, "上级单位编码") in errors
    page = r.content.decode()
    assert "魔法师" in page and "ZZZ" in page
    assert (Unit.objects.count(), Person.objects.count(), AuditEvent.objects.count()) == before


def test_units_outside_the_importers_scope_are_refused(cast, login):
    from orgs.choices import Role

    Membership.objects.create(person=cast.county_head, unit=cast.county_head.unit, role=Role.ADMIN)
    c = login(cast.county_head)  # an administrator of county A only
    r = upload(c, workbook([("B-S7", "乙县新学校", "B", "学校")]))
    assert any("outside" in e.message or "范围" in e.message for e in r.context["errors"])
    assert not Unit.objects.filter(code="B-S7").exists()


@pytest.mark.parametrize("content, name, expected", [
    (b"MZ\x90\x00 this is an exe", "people.xlsx", "不是"),
    (b"", "empty.xlsx", "空"),
    (b"PK\x03\x04broken zip", "broken.xlsx", "不是"),
])
def test_files_that_are_not_workbooks_get_a_clear_message(cast, login, content, name, expected):
    r = login(cast.admin).post("/orgs/import/", {"file": SimpleUploadedFile(name, content)})
    assert r.status_code == 200
    assert expected in r.content.decode()
    assert "Traceback" not in r.content.decode()


def test_wrong_headers_are_named(cast, login):
    content = workbook(GOOD_UNITS, unit_headers=["编码", "名称", "上级", "类型"])
    r = upload(login(cast.admin), content)
    page = r.content.decode()
    assert "单位编码" in page and r.context.get("counts") is None


def test_a_50_mb_upload_is_refused_with_the_limit(cast, login):
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    r = login(cast.admin).post("/orgs/import/", {"file": big})
    assert r.status_code == 200
    page = r.content.decode()
    assert "50.0" in page and "20" in page


def test_export_has_the_same_columns_and_only_visible_rows(cast, login):
    r = login(cast.school_head).get("/orgs/export.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    assert [c.value for c in wb["单位"][1]] == UNIT_HEADERS
    codes = [row[0] for row in wb["单位"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["A-S1"]
    phones = {row[1] for row in wb["人员"].iter_rows(min_row=2, values_only=True)}
    assert cast.staff.phone in phones and cast.school_head_b1.phone not in phones
