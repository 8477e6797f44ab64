"""Progress reports, evidence, review, extensions and bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assignments import actions
from assignments.choices import ReportState, State
from assignments.models import Evidence, ExtensionRequest, Item, ProgressReport
from inbox.models import Notification

from .conftest import NOW, TODAY, at

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def png(name="现场照片.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_double_submit_makes_one_report(cast, make_item):
    item = make_item()
    r1 = actions.submit_report(item, actor=cast.staff, now=NOW, text="完成方案", percent=20,
                               client_token="tok-1")
    r2 = actions.submit_report(item, actor=cast.staff, now=NOW, text="完成方案", percent=20,
                               client_token="tok-1")
    assert r1.pk == r2.pk and ProgressReport.objects.count() == 1
    item.refresh_from_db()
    assert item.progress == 20 and item.state == State.IN_PROGRESS
    assert item.last_report_on == TODAY


def test_double_click_through_the_view_makes_one_report(cast, make_item, login):
    item = make_item()
    c = login(cast.staff)
    data = {"text": "第一周进展", "percent": "10", "client_token": "same-token"}
    assert c.post(f"/assignments/items/{item.pk}/report/", data).status_code == 302
    assert c.post(f"/assignments/items/{item.pk}/report/", data).status_code == 302
    assert ProgressReport.objects.filter(item=item).count() == 1


def test_empty_report_rejected(cast, make_item, login):
    item = make_item()
    with pytest.raises(ValidationError):
        actions.submit_report(item, actor=cast.staff, now=NOW, text="  ", client_token="x")
    r = login(cast.staff).post(f"/assignments/items/{item.pk}/report/",
                               {"text": "", "client_token": "y"})
    assert r.status_code == 200
    assert "empty report" in r.content.decode() or "空" in r.content.decode()
    assert ProgressReport.objects.count() == 0


def test_executable_renamed_jpg_rejected_and_nothing_saved(cast, make_item, login):
    item = make_item()
    bad = SimpleUploadedFile("photo.jpg", EXE, content_type="image/jpeg")
    with pytest.raises(ValidationError):
        actions.submit_report(item, actor=cast.staff, now=NOW, text="进展", files=[png(), bad],
                              client_token="t")
    assert ProgressReport.objects.count() == 0 and Evidence.objects.count() == 0
    bad = SimpleUploadedFile("photo.jpg", EXE, content_type="image/jpeg")
    r = login(cast.staff).post(f"/assignments/items/{item.pk}/report/",
                               {"text": "进展", "client_token": "t2", "files": [bad]})
    assert r.status_code == 200 and "photo.jpg" in r.content.decode()
    assert ProgressReport.objects.count() == 0
    item.refresh_from_db()
    assert item.state == State.ISSUED


def test_report_with_evidence_return_resubmit_verify_close(cast, make_item, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = make_item()
    actions.sign_for(item, actor=cast.staff, now=NOW)
    r1 = actions.submit_report(item, actor=cast.staff, now=at(1), text="已建成", files=[png()],
                               client_token="a", final=True)
    item.refresh_from_db()
    assert item.state == State.REPORTED and r1.evidence.get().kind == "image"
    with pytest.raises(ValidationError):  # a return needs a comment
        actions.review_report(r1, actor=cast.office, now=at(2), accept=False, comment="")
    actions.review_report(r1, actor=cast.office, now=at(2), accept=False, comment="缺验收照片")
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS and item.state_reason == "缺验收照片"
    assert Notification.objects.filter(recipient=cast.staff, title__contains="缺验收照片").exists()
    r2 = actions.submit_report(item, actor=cast.staff, now=at(3), text="补充验收照片",
                               files=[png()], client_token="b", final=True)
    actions.review_report(r2, actor=cast.office, now=at(4), accept=True)
    item.refresh_from_db()
    assert item.state == State.VERIFIED and item.finished_on == (NOW + timedelta(days=3)).date()
    r1.refresh_from_db()
    assert r1.state == ReportState.RETURNED
    actions.close(item, actor=cast.office, now=at(5))
    assert item.state == State.CLOSED


def test_returned_progress_report_rolls_progress_back(cast, make_item):
    item = make_item()
    actions.submit_report(item, actor=cast.staff, now=NOW, text="一", percent=20,
                          client_token="1")
    r = actions.submit_report(item, actor=cast.staff, now=at(1), text="二", percent=60,
                              client_token="2")
    actions.review_report(r, actor=cast.office, now=at(2), accept=False, comment="夸大")
    item.refresh_from_db()
    assert item.progress == 20


def test_metric_value_sets_progress(cast, make_item):
    item = make_item(target_value=8, metric="新建幼儿园", metric_unit="所")
    actions.submit_report(item, actor=cast.staff, now=NOW, text="建成2所", metric_value=2,
                          client_token="m")
    item.refresh_from_db()
    assert item.progress == 25 and item.current_value == 2


def test_only_owner_side_reports(cast, make_item):
    item = make_item()
    with pytest.raises(PermissionDenied):
        actions.submit_report(item, actor=cast.school_head_b1, now=NOW, text="x",
                              client_token="z")


def test_extension_approved_moves_deadline(cast, make_item):
    item = make_item()
    new = item.deadline + timedelta(days=10)
    with pytest.raises(ValidationError):
        actions.request_extension(item, actor=cast.staff, now=NOW, new_deadline=new, reason="")
    ext = actions.request_extension(item, actor=cast.staff, now=NOW, new_deadline=new,
                                    reason="雨季停工")
    with pytest.raises(PermissionDenied):
        actions.decide_extension(ext, actor=cast.staff, now=NOW, approve=True)
    actions.decide_extension(ext, actor=cast.office, now=NOW, approve=True)
    item.refresh_from_db()
    assert item.deadline == new
    with pytest.raises(actions.TransitionError):
        actions.decide_extension(ext, actor=cast.office, now=NOW, approve=False)


def test_extension_refused_keeps_deadline_and_not_beyond_parent(cast, make_item):
    parent = make_item(lead_unit=cast.county_a, owner=cast.county_head)
    (part,) = actions.decompose(parent, [actions.Part(cast.school_a1, cast.staff,
                                                      parent.deadline - timedelta(days=5))],
                                actor=cast.office, now=NOW)
    with pytest.raises(ValidationError):
        actions.request_extension(part, actor=cast.staff, now=NOW, reason="x",
                                  new_deadline=parent.deadline + timedelta(days=1))
    ext = actions.request_extension(part, actor=cast.staff, now=NOW, reason="x",
                                    new_deadline=parent.deadline)
    actions.decide_extension(ext, actor=cast.office, now=NOW, approve=False, note="不同意")
    part.refresh_from_db()
    assert part.deadline == parent.deadline - timedelta(days=5)
    assert ExtensionRequest.objects.get().state == "refused"


def test_deadline_in_the_past_rejected(cast, make_item):
    with pytest.raises(ValidationError) as exc:
        make_item(deadline=TODAY - timedelta(days=1))
    assert "past" in str(exc.value) or "已过" in str(exc.value)
    assert not Item.objects.exists()


def test_part_deadline_after_parent_rejected_nothing_saved(cast, make_item):
    parent = make_item(lead_unit=cast.county_a, owner=cast.county_head)
    with pytest.raises(ValidationError):
        actions.decompose(parent, [
            actions.Part(cast.school_a1, None, parent.deadline),
            actions.Part(cast.school_a2, None, parent.deadline + timedelta(days=1))],
            actor=cast.office, now=NOW)
    assert Item.objects.count() == 1


def test_unit_outside_issuer_scope_rejected(cast, make_item):
    # The leader follows county A only: county B's school is outside his scope.
    with pytest.raises(ValidationError) as exc:
        make_item(actor=cast.leader, lead_unit=cast.school_b1, owner=None)
    assert cast.school_b1.name in str(exc.value)
    parent = make_item(actor=cast.leader, lead_unit=cast.county_a, owner=cast.county_head)
    with pytest.raises(ValidationError):
        actions.decompose(parent, [actions.Part(cast.school_b1, None, parent.deadline)],
                          actor=cast.leader, now=NOW)
    assert Item.objects.count() == 1


def test_person_part_must_work_in_unit(cast, make_item):
    parent = make_item(lead_unit=cast.county_a, owner=cast.county_head)
    with pytest.raises(ValidationError):
        actions.decompose(parent, [actions.Part(cast.school_a2, cast.staff, parent.deadline)],
                          actor=cast.office, now=NOW)


def test_nudge_and_summons(cast, make_item):
    item = make_item()
    assert actions.nudge([item], actor=cast.office, now=NOW) == 1
    assert Notification.objects.filter(recipient=cast.staff, title__contains="1").exists()
    s = actions.summon(cast.school_a1, actor=cast.office, now=NOW, reason="连续两次红牌",
                       date=TODAY, items=[item])
    assert Notification.objects.filter(recipient=cast.school_head, kind="assignments").exists()
    actions.follow_up_summons(s, actor=cast.office, now=NOW, state="held", outcome="已整改")
    s.refresh_from_db()
    assert s.state == "held" and list(s.items.all()) == [item]
    with pytest.raises(PermissionDenied):
        actions.summon(cast.school_a1, actor=cast.staff, now=NOW, reason="x", date=TODAY)


def test_evidence_download_follows_item_visibility(cast, make_item, login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = make_item()
    rep = actions.submit_report(item, actor=cast.staff, now=NOW, text="照片", files=[png()],
                                client_token="e")
    ev = rep.evidence.get()
    r = login(cast.office).get(f"/assignments/evidence/{ev.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content) == PNG
    assert "attachment" in r["Content-Disposition"]
    assert login(cast.school_head_b1).get(f"/assignments/evidence/{ev.pk}/").status_code == 404
