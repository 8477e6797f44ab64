"""Bad input: a clear message, nothing half-saved, audit rows only for what changed."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from audit.models import AuditEvent
from rectification import actions
from rectification.choices import ListType, State
from rectification.models import Evidence, Item, Measure

from .conftest import TODAY


def _audit():
    return AuditEvent.objects.filter(action__startswith="rectification.").count()


def test_deadline_before_found_date_by_action(cast):
    before = _audit()
    with pytest.raises(actions.ActionError, match="earlier than the date"):
        actions.create_item(cast.school_head, today=TODAY, list_type=ListType.LEADERSHIP,
                            source="audit", problem="p", category="c", lead_unit=cast.school_a1,
                            owner=cast.staff, found_on=TODAY, deadline=TODAY - timedelta(days=1))
    assert Item.objects.count() == 0 and _audit() == before


def test_deadline_before_found_date_by_form(cast, login):
    r = login(cast.school_head).post(reverse("rectification:item_create"), {
        "list_type": "leadership", "source": "audit", "problem": "问题", "category": "财务",
        "kind": "deadline", "lead_unit": cast.school_a1.pk, "owner": cast.staff.phone,
        "found_on": "2026-05-10", "deadline": "2026-05-01"})
    assert r.status_code == 200
    assert "earlier than the date" in r.content.decode() or "早于" in r.content.decode()
    assert Item.objects.count() == 0


def test_database_refuses_it_too(cast):
    with pytest.raises(IntegrityError):
        Item.objects.create(list_type="leadership", source="audit", problem="p", category="c",
                            lead_unit=cast.school_a1, owner=cast.staff, found_on=TODAY,
                            deadline=TODAY - timedelta(days=1))


def test_measure_without_owner(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    before = _audit()
    with pytest.raises(actions.ActionError, match="own owner"):
        actions.add_measure(item, cast.staff, text="整改", owner=None, deadline=item.deadline)
    assert Measure.objects.count() == 0 and _audit() == before


def test_measure_without_owner_by_form(cast, login, make_item):
    item = make_item(state=State.RECTIFYING)
    c = login(cast.staff)
    r = c.post(reverse("rectification:measure_add", args=[item.pk]),
               {"text": "整改", "owner": "", "deadline": "2026-06-01"}, follow=True)
    assert "own owner" in r.content.decode() or "责任人" in r.content.decode()
    assert Measure.objects.count() == 0


def test_measure_owner_of_personal_item_must_be_allowed(cast, personal_item):
    with pytest.raises(actions.ActionError, match="may not see"):
        actions.add_measure(personal_item, cast.secretary, text="谈心谈话", owner=cast.staff,
                            deadline=personal_item.deadline)
    actions.add_measure(personal_item, cast.secretary, text="谈心谈话", owner=cast.member,
                        deadline=personal_item.deadline)


def test_sign_off_without_evidence_by_page(cast, login, make_item):
    item = make_item(state=State.RECTIFYING)
    before = _audit()
    r = login(cast.staff).post(reverse("rectification:item_step",
                                       args=[item.pk, "request_signoff"]),
                               {"version": item.version}, follow=True)
    text = r.content.decode()
    assert "evidence" in text or "佐证" in text
    assert Item.objects.get(pk=item.pk).state == State.RECTIFYING and _audit() == before


def test_forbidden_state_change_by_page(cast, login, make_item):
    item = make_item(state=State.FOUND)
    before = _audit()
    r = login(cast.office).post(reverse("rectification:item_step", args=[item.pk, "sign_off"]),
                                {"version": item.version}, follow=True)
    assert "not possible now" in r.content.decode() or "不能" in r.content.decode()
    assert Item.objects.get(pk=item.pk).state == State.FOUND and _audit() == before


def test_unknown_step_is_404(cast, login, make_item):
    item = make_item()
    r = login(cast.office).post(reverse("rectification:item_step", args=[item.pk, "teleport"]),
                                {"version": item.version})
    assert r.status_code == 404


def test_wrong_person_is_refused_with_a_message(cast, login, make_item):
    item = make_item(state=State.UNIT_HEAD_APPROVED)
    r = login(cast.staff).post(reverse("rectification:item_step", args=[item.pk, "sign_off"]),
                               {"version": item.version}, follow=True)
    assert "supervision office" in r.content.decode() or "督查室" in r.content.decode()
    assert Item.objects.get(pk=item.pk).state == State.UNIT_HEAD_APPROVED


def test_stale_form_is_a_conflict_message(cast, login, make_item):
    item = make_item(state=State.UNIT_HEAD_APPROVED)
    c = login(cast.office)
    c.post(reverse("rectification:item_step", args=[item.pk, "sign_off"]),
           {"version": item.version})
    r = c.post(reverse("rectification:item_step", args=[item.pk, "return_by_office"]),
               {"version": item.version, "reason": "x"}, follow=True)
    text = r.content.decode()
    assert "not possible now" in text or "不能" in text


def test_concurrent_edit_conflict(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    stale_version = item.version
    actions.edit_item(item, cast.school_head, version=stale_version, goal="新目标")
    before = _audit()
    with pytest.raises(actions.Conflict):
        actions.edit_item(Item.objects.get(pk=item.pk), cast.school_head, version=stale_version,
                          goal="另一个目标")
    assert Item.objects.get(pk=item.pk).goal == "新目标" and _audit() == before


def test_edit_audits_only_what_changed(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    actions.edit_item(item, cast.school_head, version=item.version, goal=item.goal,
                      category="财务管理")
    row = AuditEvent.objects.filter(action="rectification.item.edited").get()
    assert set(row.changes) == {"category"}


def test_bad_evidence_file(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image at all" * 10)
    with pytest.raises(actions.ActionError, match="not an image"):
        actions.add_evidence(item, cast.staff, upload=fake)
    assert Evidence.objects.count() == 0


def test_public_summary_with_personal_data_is_refused(cast, make_item):
    item = make_item()
    for summary in ("教师丑违规补课", "联系电话13912345678", ""):
        with pytest.raises(actions.ActionError):
            actions.edit_item(item, cast.school_head, version=item.version, is_public=True,
                              public_summary=summary)
    assert not Item.objects.get(pk=item.pk).is_public


def test_personal_item_needs_person_and_is_never_public(cast):
    with pytest.raises(actions.ActionError, match="person"):
        actions.create_item(cast.secretary, today=TODAY, list_type=ListType.PERSONAL,
                            source="opinion", problem="p", category="c", deadline=TODAY)
    item = actions.create_item(cast.secretary, today=TODAY, list_type=ListType.PERSONAL,
                               source="opinion", problem="p", category="c", person=cast.member,
                               deadline=TODAY, is_public=True, public_summary="x")
    assert not item.is_public and item.owner == cast.member


def test_nobody_files_personal_items_for_others(cast):
    from django.core.exceptions import PermissionDenied

    for who in (cast.school_head, cast.office, cast.staff, cast.director):
        with pytest.raises(PermissionDenied):
            actions.create_item(who, today=TODAY, list_type=ListType.PERSONAL, source="opinion",
                                problem="p", category="c", person=cast.member, deadline=TODAY)
    assert Item.objects.count() == 0
