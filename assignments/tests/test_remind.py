"""`remind`: reminders before the deadline, escalation after it, one digest per person a day,
idempotent and safe to run twice at once."""

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from assignments import actions, reminders
from assignments.models import Digest, Reminder
from inbox.models import Notification

from .conftest import CAL, NOW

DEADLINE = date(2026, 3, 20)  # a Friday


def moment(d: date):
    return timezone.make_aware(datetime.combine(d, datetime.min.time()).replace(hour=8))


def digests(person):
    return list(Notification.objects.filter(recipient=person, kind="assignments.digest"))


@pytest.fixture
def item(cast, make_item):
    it = make_item(deadline=DEADLINE, report_cadence="none")
    actions.sign_for(it, actor=cast.staff, now=NOW)
    return it


def test_before_deadline_reminders_to_owner(cast, item):
    assert reminders.run(moment(date(2026, 3, 16)), cal=CAL)["digests"] == 0  # 4 working days
    reminders.run(moment(date(2026, 3, 17)), cal=CAL)  # 3 working days before
    assert len(digests(cast.staff)) == 1
    assert "3" in digests(cast.staff)[0].body or "3 个工作日" in digests(cast.staff)[0].body
    reminders.run(moment(date(2026, 3, 18)), cal=CAL)  # nothing new
    assert len(digests(cast.staff)) == 1
    reminders.run(moment(date(2026, 3, 19)), cal=CAL)  # the day before
    assert len(digests(cast.staff)) == 2
    kinds = set(Reminder.objects.values_list("kind", flat=True))
    assert kinds == {"before_3", "before_1"}


def test_escalation_one_step_per_n_working_days(cast, item):
    # Overdue from Monday 3-23 (1 working day late): the owner
    reminders.run(moment(date(2026, 3, 23)), cal=CAL)
    assert Reminder.objects.filter(kind="overdue_1", person=cast.staff).exists()
    assert not digests(cast.school_head) and not digests(cast.leader)
    # 3-26 is 4 working days late: the unit head
    reminders.run(moment(date(2026, 3, 26)), cal=CAL)
    assert Reminder.objects.filter(kind="overdue_2", person=cast.school_head).exists()
    assert len(digests(cast.school_head)) == 1 and not digests(cast.leader)
    # 3-31 is 7 working days late: the responsible leader
    reminders.run(moment(date(2026, 3, 31)), cal=CAL)
    assert Reminder.objects.filter(kind="overdue_3", person=cast.leader).exists()
    assert len(digests(cast.leader)) == 1
    # escalation steps are never repeated
    reminders.run(moment(date(2026, 4, 10)), cal=CAL)
    assert Reminder.objects.filter(kind__startswith="overdue").count() == 3


def test_two_items_one_digest_and_running_twice_sends_nothing_more(cast, make_item):
    for title in ("甲", "乙"):
        it = make_item(title=title, deadline=DEADLINE, report_cadence="none")
        actions.sign_for(it, actor=cast.staff, now=NOW)
    first = reminders.run(moment(date(2026, 3, 17)), cal=CAL)
    second = reminders.run(moment(date(2026, 3, 17)), cal=CAL)
    assert first["digests"] == 1 and second["digests"] == 0
    (digest,) = digests(cast.staff)
    assert "甲" in digest.body and "乙" in digest.body
    assert Reminder.objects.count() == 2


def test_unsigned_item_reminds_to_sign_and_missing_report(cast, make_item):
    make_item(deadline=DEADLINE + timedelta(days=60), report_cadence="weekly")
    reminders.run(moment(date(2026, 3, 10)), cal=CAL)
    assert set(Reminder.objects.values_list("kind", flat=True)) == {"sign", "report"}


def test_digest_claim_is_taken_once(cast):
    today = date(2026, 3, 17)
    assert reminders.claim_digests([cast.staff.pk], today, "run-a") == {cast.staff.pk}
    assert reminders.claim_digests([cast.staff.pk], today, "run-b") == set()
    assert Digest.objects.count() == 1


def test_concurrent_runs_interleaved(cast, item):
    """Two runs that both recorded reminders: only the one that claims the digest sends it."""
    today = date(2026, 3, 17)
    due = reminders.owed(today, CAL)
    for _run in range(2):  # both runs insert the same rows: the unique key keeps one
        Reminder.objects.bulk_create([Reminder(item_id=i, person_id=p, kind=k, date=d,
                                               created_at=NOW) for i, p, k, d in due],
                                     ignore_conflicts=True)
    reminders.claim_digests([cast.staff.pk], today, "other-run")
    assert reminders.run(moment(today), cal=CAL)["digests"] == 0
    assert Reminder.objects.count() == 1


def test_command_takes_now(cast, item, capsys):
    call_command("remind", "--now", "2026-03-17T08:00")
    assert "digests sent: 1" in capsys.readouterr().out
    call_command("remind", "--now", "2026-03-17T09:00")
    assert "digests sent: 0" in capsys.readouterr().out
