"""The lifecycle table in full, forbidden transitions included, and who may move an item."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assignments import actions
from assignments.choices import ALLOWED, NEEDS_REASON, State, Verb
from assignments.models import Item
from audit.models import AuditEvent
from inbox.models import Notification

from .conftest import NOW

OWNER_VERBS = {Verb.SIGN, Verb.START, Verb.REPORT_DONE}


def _actor(cast, verb):
    return cast.staff if verb in OWNER_VERBS else cast.office


@pytest.mark.parametrize("verb", list(Verb))
def test_transition_table(cast, make_item, verb):
    """For one verb, every state: the table's target state, or TransitionError and no change."""
    for state in State:
        item = make_item()
        Item.objects.filter(pk=item.pk).update(state=state)
        item.refresh_from_db()
        reason = "原因说明" if verb in NEEDS_REASON else ""
        expected = ALLOWED.get((state, verb))
        if expected is None:
            with pytest.raises(actions.TransitionError):
                actions.transition(item, verb, actor=_actor(cast, verb), now=NOW, reason=reason)
            item.refresh_from_db()
            assert (item.state, item.version) == (state, 1), (state, verb)
        else:
            actions.transition(item, verb, actor=_actor(cast, verb), now=NOW, reason=reason)
            item.refresh_from_db()
            assert (item.state, item.version) == (expected, 2), (state, verb)
            assert AuditEvent.objects.filter(action=f"item.{verb}",
                                             object_id=str(item.pk)).exists()


def test_table_covers_the_main_path():
    path = [(State.ISSUED, Verb.SIGN), (State.SIGNED, Verb.START),
            (State.IN_PROGRESS, Verb.REPORT_DONE), (State.REPORTED, Verb.VERIFY),
            (State.VERIFIED, Verb.CLOSE)]
    for s, v in path:
        assert (s, v) in ALLOWED
    assert ALLOWED[(State.REPORTED, Verb.RETURN)] == State.IN_PROGRESS
    assert not any(s in (State.CLOSED, State.CANCELLED) for s, _v in ALLOWED)


@pytest.mark.parametrize("verb", [Verb.RETURN, Verb.SUSPEND, Verb.CANCEL])
def test_reason_required(cast, make_item, verb):
    item = make_item()
    Item.objects.filter(pk=item.pk).update(state=State.REPORTED)
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.transition(item, verb, actor=cast.office, now=NOW, reason="  ")


@pytest.mark.parametrize("who,verb", [
    ("school_head_b1", Verb.SIGN), ("office", Verb.SIGN), ("leader", Verb.SIGN),
    ("staff", Verb.CANCEL), ("school_head", Verb.SUSPEND), ("observer", Verb.CANCEL),
])
def test_who_may_not(cast, make_item, who, verb):
    item = make_item()
    with pytest.raises(PermissionDenied):
        actions.transition(item, verb, actor=getattr(cast, who), now=NOW, reason="x")


def test_owner_may_not_verify_own_work(cast, make_item):
    item = make_item(owner=cast.office, lead_unit=cast.office_dept)
    Item.objects.filter(pk=item.pk).update(state=State.REPORTED)
    item.refresh_from_db()
    with pytest.raises(PermissionDenied):
        actions.verify(item, actor=cast.office, now=NOW)


def test_unit_head_acts_for_unit_and_issuer_is_told(cast, make_item):
    item = make_item()
    actions.sign_for(item, actor=cast.county_head, now=NOW)
    assert item.state == State.SIGNED and item.signed_on == NOW.date()
    assert Notification.objects.filter(recipient=cast.office, title__contains="签收").exists() or \
        Notification.objects.filter(recipient=cast.office).count() == 1


def test_stale_version_is_a_conflict_and_nothing_is_overwritten(cast, make_item):
    item = make_item()
    first = Item.objects.get(pk=item.pk)
    second = Item.objects.get(pk=item.pk)
    actions.edit_item(first, actor=cast.office, now=NOW, version=first.version,
                      values={"title": "改名一"})
    with pytest.raises(actions.Conflict) as exc:
        actions.edit_item(second, actor=cast.office, now=NOW, version=second.version,
                          values={"title": "改名二"})
    assert "reload" in str(exc.value).lower() or "刷新" in str(exc.value)
    item.refresh_from_db()
    assert item.title == "改名一" and item.version == 2


def test_stale_transition_is_a_conflict(cast, make_item):
    item = make_item()
    stale = Item.objects.get(pk=item.pk)
    actions.sign_for(item, actor=cast.staff, now=NOW)
    with pytest.raises((actions.Conflict, actions.TransitionError)):
        actions.cancel(stale, actor=cast.office, now=NOW, reason="x", version=1)
    item.refresh_from_db()
    assert item.state == State.SIGNED
