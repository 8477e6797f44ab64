"""The audit log: one row per write, never changed, browsable and exportable by auditors."""

import io

import pytest
from django.db import connection, transaction
from openpyxl import load_workbook

from audit.actions import record
from audit.models import AppendOnlyError, AuditEvent
from orgs import actions as org_actions
from orgs.choices import Role


def test_actions_write_who_what_where_and_from_which_address(cast, login, settings):
    c = login(cast.admin)
    c.post(f"/orgs/people/{cast.staff.pk}/reset-password/", REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="person.password_changed")
    assert event.actor == cast.admin and event.actor_name == cast.admin.name
    assert event.object_id == str(cast.staff.pk) and event.unit == cast.school_a1
    assert event.ip == "10.1.2.3"


def test_update_records_only_what_changed(cast):
    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一小学（新校区）")
    event = AuditEvent.objects.get(action="unit.updated")
    assert event.changes == {"name": ["甲区第一小学", "甲区第一小学（新校区）"]}
    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一小学（新校区）")
    assert AuditEvent.objects.filter(action="unit.updated").count() == 1


def test_membership_changes_are_audited(cast):
    m = org_actions.add_membership(cast.staff, cast.school_a1, Role.MEMBER, actor=cast.admin)
    org_actions.remove_membership(m, actor=cast.admin)
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "membership.added", "membership.removed"]


def test_rows_cannot_be_changed_or_deleted_through_the_orm(cast):
    event = record(cast.admin, "test.thing", cast.school_a1)
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.thing"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_refuses_raw_update_and_delete(cast):
    from django.db import DatabaseError

    event = record(cast.admin, "test.thing", cast.school_a1)
    for sql in ("UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
                "DELETE FROM audit_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.thing"


def test_auditor_filters_by_person_unit_object_and_date(cast, login):
    record(cast.admin, "a.one", cast.school_a1)
    record(cast.office, "a.two", cast.school_b1)
    c = login(cast.auditor)
    r = c.get("/audit/", {"person": cast.office.name})
    assert [e.action for e in r.context["page"]] == ["a.two"]
    r = c.get("/audit/", {"unit": "甲区"})
    assert [e.action for e in r.context["page"]] == ["a.one"]
    r = c.get("/audit/", {"object_type": "orgs.unit", "object_id": cast.school_b1.pk})
    assert [e.action for e in r.context["page"]] == ["a.two"]
    r = c.get("/audit/", {"date_from": "2000-01-01", "date_to": "2000-01-02"})
    assert list(r.context["page"]) == []
    r = c.get("/audit/", {"date_from": "2030-01-02", "date_to": "2030-01-01"})
    assert r.context["form"].errors


def test_export_is_a_real_workbook(cast, login):
    record(cast.admin, "a.one", cast.school_a1, changes={"name": ["旧", "新"]})
    r = login(cast.auditor).get("/audit/export.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "操作人", "单位", "操作")
    assert any(row[3] == "a.one" and "新" in row[7] for row in rows[1:])


def test_audit_list_query_count(cast, login, django_assert_max_num_queries):
    for i in range(60):
        record(cast.admin, f"a.{i}", cast.school_a1)
    c = login(cast.auditor)
    c.get("/audit/")
    with django_assert_max_num_queries(12):
        assert c.get("/audit/").status_code == 200
