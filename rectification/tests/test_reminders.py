"""`remind_rectification`: measures due in 3 working days and by the next one, late measures
(escalated after ESCALATE_AFTER_WORKDAYS), re-inspections due; one digest per person and day,
idempotent, safe when two runs meet."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from rectification import actions, reminders
from rectification.choices import MeasureState, ReminderKind, State
from rectification.models import Reminder, ReminderDigest
from workdays.calendar import WorkCalendar

from .conftest import TODAY, walk_to

CAL = WorkCalendar.of()  # plain Monday–Friday weeks
DUE = date(2026, 5, 15)  # a Friday; TODAY (2026-05-11) is the Monday before
K = ReminderKind


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def digests(person):
    from inbox.models import Notification

    return list(Notification.objects.filter(recipient=person, kind=reminders.KIND)
                .order_by("id"))


def run(d: date):
    return reminders.run(d, cal=CAL)


@pytest.fixture
def item(cast, make_item):
    """School A1's item (owner: staff, responsible leader: leader), school B1 co-operating."""
    return make_item(state=State.RECTIFYING, responsible_leader=cast.leader,
                     co_units=[cast.school_b1])


@pytest.fixture
def measures(cast, item):
    theirs = actions.add_measure(item, cast.school_head, text="乙县中学核查校车",
                                 owner=cast.school_head_b1, deadline=DUE)
    ours = actions.add_measure(item, cast.school_head, text="更换校车", owner=cast.staff,
                               deadline=DUE)
    return theirs, ours


def test_owners_get_one_digest_before_the_deadline_and_running_twice_sends_nothing(
        cast, measures):
    assert run(day(0))["digests"] == 0  # 4 working days before: nothing yet
    first, second = run(day(1)), run(day(1))  # Tuesday: 3 working days before
    assert first["digests"] == 2 and second["digests"] == 0
    (digest,) = digests(cast.school_head_b1)
    assert "乙县中学核查校车" in digest.body
    assert f"/rectification/{measures[0].item_id}/" in digest.body
    assert digest.url == f"/rectification/{measures[0].item_id}/"
    assert len(digests(cast.staff)) == 1 and "更换校车" in digests(cast.staff)[0].body
    assert run(day(2))["digests"] == 0  # Wednesday: nothing new
    run(day(3))  # Thursday: the last working day before
    assert len(digests(cast.school_head_b1)) == 2 and len(digests(cast.staff)) == 2
    assert run(day(4))["digests"] == 0  # Friday, the deadline: already told
    assert set(Reminder.objects.values_list("kind", flat=True)) == {
        K.MEASURE_BEFORE_3, K.MEASURE_BEFORE_1}
    assert Reminder.objects.count() == 4
    assert not digests(cast.leader) and not digests(cast.school_head)


def test_late_measure_reminds_its_owner_then_escalates_as_the_clock_moves(cast, measures):
    theirs, ours = measures
    run(day(7))  # Monday 5-18: one working day late
    assert Reminder.objects.filter(kind=K.MEASURE_OVERDUE).count() == 2
    assert len(digests(cast.school_head_b1)) == 1 and len(digests(cast.staff)) == 1
    assert not digests(cast.leader)
    assert run(day(8))["digests"] == 0  # two days late: nothing new
    run(day(9))  # Wednesday 5-20: three working days late, escalated
    escalated = set(Reminder.objects.filter(kind=K.MEASURE_ESCALATED)
                    .values_list("measure_id", "person_id"))
    assert escalated == {(theirs.pk, cast.staff.pk), (theirs.pk, cast.leader.pk),
                         (ours.pk, cast.leader.pk)}  # never to the measure's own owner
    (to_leader,) = digests(cast.leader)  # one digest for both measures
    assert "乙县中学核查校车" in to_leader.body and "更换校车" in to_leader.body
    assert to_leader.url == f"/rectification/{theirs.item_id}/"
    assert len(digests(cast.staff)) == 2 and len(digests(cast.school_head_b1)) == 1
    # nothing is repeated, however long it stays late; a done measure is left alone
    for n in (10, 14, 21, 28):
        run(day(n))
    assert Reminder.objects.count() == 5
    assert len(digests(cast.leader)) == 1


def test_done_measures_and_signed_off_items_are_not_reminded(cast, item, measures):
    theirs, ours = measures
    actions.set_measure_state(theirs, cast.school_head_b1, state=MeasureState.DONE, today=day(0))
    run(day(1))
    assert not digests(cast.school_head_b1) and len(digests(cast.staff)) == 1
    walk_to(item, State.SIGNED_OFF, cast)
    run(day(3))
    assert len(digests(cast.staff)) == 1


def test_escalation_falls_back_to_the_heads_when_the_owner_is_the_item_owner(cast, make_item):
    item = make_item(state=State.RECTIFYING)  # no responsible leader
    actions.add_measure(item, cast.school_head, text="整改措施", owner=cast.staff, deadline=DUE)
    run(day(9))
    assert set(Reminder.objects.filter(kind=K.MEASURE_ESCALATED)
               .values_list("person_id", flat=True)) == {cast.school_head.pk}


def test_personal_item_escalates_within_its_circle_and_names_no_problem(cast, personal_item):
    item = walk_to(personal_item, State.RECTIFYING, cast)
    item.responsible_leader = cast.leader  # even so: the leader may not see it
    item.save(update_fields=["responsible_leader"])
    actions.add_measure(item, cast.secretary, text="按时到岗", owner=cast.member, deadline=DUE)
    run(day(9))
    assert set(Reminder.objects.values_list("kind", "person_id")) == {
        (K.MEASURE_OVERDUE, cast.member.pk), (K.MEASURE_ESCALATED, cast.secretary.pk)}
    for person in (cast.member, cast.secretary):
        (digest,) = digests(person)
        assert "迟到早退" not in digest.body and "按时到岗" not in digest.body
        assert f"#{item.pk}" in digest.body
    assert not digests(cast.leader)


def test_reinspection_due_reminds_scheduler_and_inspector_once(cast, make_item):
    item = make_item(state=State.SIGNED_OFF)
    r = actions.schedule_reinspection(item, cast.office, inspector=cast.leader,
                                      scheduled_on=day(2))
    run(day(1))
    assert not digests(cast.office)
    run(day(2))
    run(day(2))
    assert len(digests(cast.office)) == 1 and len(digests(cast.leader)) == 1
    assert set(Reminder.objects.values_list("reinspection_id", "kind", "person_id")) == {
        (r.pk, K.REINSPECTION_DUE, cast.office.pk), (r.pk, K.REINSPECTION_DUE, cast.leader.pk)}
    run(day(3))
    assert len(digests(cast.office)) == 1


def test_one_digest_a_day_across_items_and_kinds(cast, make_item, measures):
    other = make_item(state=State.RECTIFYING, problem="另一个问题")
    actions.add_measure(other, cast.school_head, text="第二项措施", owner=cast.staff,
                        deadline=day(2))  # Wednesday: due by the next working day on Tuesday
    assert run(day(1))["digests"] == 2
    (digest,) = digests(cast.staff)
    assert "更换校车" in digest.body and "第二项措施" in digest.body
    assert digest.url == "/rectification/"


def test_two_runs_at_once_send_one_digest(cast, measures):
    """Both runs recorded the same reminders; only the one that claims the digest sends it."""
    today = day(1)
    due = reminders.owed(today, CAL)
    for _run in range(2):
        Reminder.objects.bulk_create(
            [Reminder(item_id=i, measure_id=m, reinspection_id=r, person_id=p, kind=k, date=d,
                      created_at=timezone.now()) for i, m, r, p, k, d in due],
            ignore_conflicts=True)
    assert Reminder.objects.count() == 2
    assert reminders.claim_digests([cast.staff.pk], today, "other-run") == {cast.staff.pk}
    assert reminders.claim_digests([cast.staff.pk], today, "this-run") == set()
    assert run(today)["digests"] == 1  # the other run owns the staff's digest
    assert not digests(cast.staff) and len(digests(cast.school_head_b1)) == 1
    assert ReminderDigest.objects.count() == 2


def test_nothing_is_sent_on_a_day_off(cast, measures):
    assert run(date(2026, 5, 16)) == {"owed": 0, "digests": 0, "workday": False}
    assert not Reminder.objects.exists()
    run(day(7))  # the Monday after catches up
    assert Reminder.objects.filter(kind=K.MEASURE_OVERDUE).count() == 2


def test_command_takes_today(cast, measures, capsys):
    call_command("remind_rectification", "--today", "2026-05-12")
    assert "digests sent: 2" in capsys.readouterr().out
    call_command("remind_rectification", "--today", "2026-05-12")
    assert "digests sent: 0" in capsys.readouterr().out
    call_command("remind_rectification", "--today", "2026-05-16")
    assert "not a working day" in capsys.readouterr().out


def test_digest_speaks_chinese(cast, measures):
    from django.utils import translation

    with translation.override("zh-hans"):
        run(day(1))
    (digest,) = digests(cast.staff)
    assert digest.title.endswith("整改提醒：1条")
    assert "【措施3个工作日后到期】更换校车" in digest.body
