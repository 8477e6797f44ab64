"""The ALLOWED table in full: every (state, step) pair, the right and the wrong people."""

import pytest
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from inbox.models import Notification
from rectification import actions
from rectification.choices import ALLOWED, State
from rectification.models import Evidence, Item

from .conftest import TODAY, walk_to

# The actor (a cast attribute name) who is allowed each step on an item of school A1 owned by staff
RIGHT = {"confirm": "school_head", "start": "staff", "request_signoff": "staff",
         "approve": "school_head", "return_by_unit": "county_head", "sign_off": "office",
         "return_by_office": "office", "reopen": "leader"}
# People the step is not for (and why): plain members, observers, the owner reviewing himself.
WRONG = {"confirm": ["staff", "member", "observer", "school_head_b1"],
         "start": ["member", "observer", "school_head_b1"],
         "request_signoff": ["member", "observer", "school_head_b1"],
         "approve": ["staff", "office", "secretary", "school_head_a2", "leader"],
         "return_by_unit": ["staff", "member", "school_head_b1"],
         "sign_off": ["staff", "school_head", "county_head", "leader", "supervisor"],
         "return_by_office": ["staff", "school_head", "observer"],
         "reopen": ["staff", "school_head", "member", "observer", "supervisor"]}

PAIRS = [(s, v) for s in State.values for v in ALLOWED]


def _audit_count(item):
    return AuditEvent.objects.filter(object_type="rectification.item",
                                     object_id=str(item.pk)).count()


@pytest.mark.parametrize(("state", "verb"), PAIRS, ids=[f"{s}-{v}" for s, v in PAIRS])
def test_every_state_and_step(cast, make_item, state, verb):
    item = make_item(state=state)
    actor = getattr(cast, RIGHT[verb])
    step = ALLOWED[verb]
    before = _audit_count(item)
    if step.source == state:
        if verb == "request_signoff":
            Evidence.objects.create(item=item, name="e.png", kind="image", uploaded_by=cast.staff,
                                    file="rectification/e.png")
        actions.transition(item, verb, actor, reason="补充整改照片", today=TODAY,
                           version=item.version)
        fresh = Item.objects.get(pk=item.pk)
        assert fresh.state == step.target
        assert _audit_count(item) == before + 1
        row = AuditEvent.objects.filter(object_id=str(item.pk)).first()
        assert row.action == f"rectification.item.{verb}"
        assert row.changes["state"] == [state, step.target]
    else:
        with pytest.raises(actions.ActionError, match="not possible now"):
            actions.transition(item, verb, actor, reason="x", today=TODAY)
        assert Item.objects.get(pk=item.pk).state == state
        assert _audit_count(item) == before


@pytest.mark.parametrize("verb", list(ALLOWED))
def test_wrong_people_are_refused(cast, make_item, verb):
    item = make_item(state=ALLOWED[verb].source)
    before = _audit_count(item)
    for name in WRONG[verb]:
        with pytest.raises(PermissionDenied):
            actions.transition(item, verb, getattr(cast, name), reason="x", today=TODAY)
    assert Item.objects.get(pk=item.pk).state == ALLOWED[verb].source
    assert _audit_count(item) == before


def test_unknown_step(cast, make_item):
    with pytest.raises(actions.ActionError, match="Unknown"):
        actions.transition(make_item(), "teleport", cast.office, today=TODAY)


@pytest.mark.parametrize("verb", ["return_by_unit", "return_by_office", "reopen"])
def test_sending_back_needs_a_reason(cast, make_item, verb):
    item = make_item(state=ALLOWED[verb].source)
    with pytest.raises(actions.ActionError, match="reason"):
        actions.transition(item, verb, getattr(cast, RIGHT[verb]), reason="  ", today=TODAY)
    assert Item.objects.get(pk=item.pk).state == ALLOWED[verb].source


def test_sign_off_request_needs_evidence(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    before = _audit_count(item)
    with pytest.raises(actions.ActionError, match="evidence"):
        actions.transition(item, "request_signoff", cast.staff, today=TODAY)
    assert Item.objects.get(pk=item.pk).state == State.RECTIFYING
    assert _audit_count(item) == before


def test_concurrent_change_is_a_clear_conflict(cast, make_item):
    item = make_item(state=State.UNIT_HEAD_APPROVED)
    stale = Item.objects.get(pk=item.pk)
    actions.transition(item, "sign_off", cast.office, version=item.version, today=TODAY)
    with pytest.raises(actions.Conflict, match="Someone else changed"):
        actions.transition(stale, "return_by_office", cast.office, reason="x",
                           version=stale.version, today=TODAY)
    assert Item.objects.get(pk=item.pk).state == State.SIGNED_OFF


def test_stale_version_on_same_state(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    actions.report_progress(item, cast.staff, text="已整改一半", version=item.version)
    Evidence.objects.create(item=item, name="e.png", kind="image", uploaded_by=cast.staff,
                            file="rectification/e.png")
    with pytest.raises(actions.Conflict):
        actions.transition(item, "request_signoff", cast.staff, version=item.version - 1,
                           today=TODAY)


def test_signed_off_date_and_reopen_keeps_history(cast, make_item):
    item = make_item(state=State.SIGNED_OFF)
    assert Item.objects.get(pk=item.pk).signed_off_on == TODAY
    actions.record_reinspection(item, cast.leader, result="问题反弹", reopen=True,
                                today=TODAY)
    fresh = Item.objects.get(pk=item.pk)
    assert fresh.state == State.RECTIFYING and fresh.signed_off_on is None
    verbs = list(AuditEvent.objects.filter(object_id=str(item.pk)).order_by("id")
                 .values_list("action", flat=True))
    assert "rectification.item.sign_off" in verbs and verbs[-1] == "rectification.item.reopen"


def test_double_feedback(cast, make_item):
    item = make_item(state=State.SIGNOFF_REQUESTED)
    Notification.objects.all().delete()
    actions.transition(item, "return_by_unit", cast.school_head, reason="照片不清楚", today=TODAY)
    owner_note = Notification.objects.get(recipient=cast.staff)
    assert "照片不清楚" in owner_note.title and "2026" in owner_note.title
    raiser_note = Notification.objects.get(recipient=cast.supervisor)
    assert "食堂台账不全" in raiser_note.title


def test_reviewers_are_told(cast, make_item):
    item = make_item(state=State.RECTIFYING)
    walk_to(item, State.SIGNOFF_REQUESTED, cast)
    assert Notification.objects.filter(recipient=cast.school_head, title__contains="review")\
        .exists() or Notification.objects.filter(recipient=cast.school_head).exists()
    walk_to(item, State.UNIT_HEAD_APPROVED, cast)
    assert Notification.objects.filter(recipient=cast.office).exists()


@pytest.mark.parametrize(("verb", "who"), [("approve", "secretary"), ("sign_off", "discipline")])
def test_personal_items_are_reviewed_by_secretary_and_discipline(cast, personal_item, verb, who):
    item = walk_to(personal_item, ALLOWED[verb].source, cast)
    for name in ("school_head", "office", "county_head", "director"):
        with pytest.raises(PermissionDenied):
            actions.transition(item, verb, getattr(cast, name), today=TODAY)
    actions.transition(item, verb, getattr(cast, who), today=TODAY)
    assert item.state == ALLOWED[verb].target


def test_bureau_leadership_list_is_approved_by_its_leader(cast, make_item):
    item = make_item(lead_unit=cast.city, owner=cast.office, actor=cast.office)
    _to_signoff_requested(item, cast.office, cast.office)
    with pytest.raises(PermissionDenied):
        actions.transition(item, "approve", cast.school_head, today=TODAY)
    actions.transition(item, "approve", cast.director, today=TODAY)
    assert item.state == State.UNIT_HEAD_APPROVED


def test_personal_item_without_branch_secretary_is_reviewed_by_discipline(cast):
    item = actions.create_item(cast.discipline, today=TODAY, list_type="personal",
                               source="opinion", problem="个人问题", category="作风纪律",
                               person=cast.admin, deadline=TODAY)
    _to_signoff_requested(item, cast.discipline, cast.admin)
    actions.transition(item, "approve", cast.discipline, today=TODAY)
    assert item.state == State.UNIT_HEAD_APPROVED


def _to_signoff_requested(item, manager, owner):
    actions.transition(item, "confirm", manager, today=TODAY)
    actions.transition(item, "start", owner, today=TODAY)
    Evidence.objects.create(item=item, name="e.png", kind="image", uploaded_by=owner,
                            file="rectification/e.png")
    actions.transition(item, "request_signoff", owner, today=TODAY)


def test_personal_items_are_not_described_in_notifications(cast, personal_item):
    """Notifications leave by e-mail and webhook: a personal item is named by number only."""
    actions.transition(personal_item, "confirm", cast.secretary, today=TODAY)
    actions.add_measure(personal_item, cast.secretary, text="每日按时签到", owner=cast.member,
                        deadline=personal_item.deadline)
    notes = Notification.objects.filter(recipient=cast.member)
    assert notes.count() >= 2
    for n in notes:
        assert "迟到" not in n.title + n.body and "签到" not in n.title + n.body
        assert f"#{personal_item.pk}" in n.title
