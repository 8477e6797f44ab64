from datetime import date

from assignments import actions
from assignments.models import Milestone
from assignments.scheduling import schedule_backwards
from workdays.calendar import WorkCalendar

from .conftest import NOW


def test_backward_schedule_skips_weekends_and_holidays():
    # 2026-10-01..07 National Day holiday, 2026-10-10 (Saturday) a working day (调休)
    holidays = [date(2026, 10, d) for d in range(1, 8)]
    cal = WorkCalendar.of(holidays, [date(2026, 10, 10)])
    plan = schedule_backwards(date(2026, 10, 18), [("方案", 5), ("采购", 3), ("验收", 2)], cal)
    # 10-18 is a Sunday: the last step is due the Friday before
    assert plan[-1] == ("验收", date(2026, 10, 16))
    # two working days back from 10-16: 10-15, 10-14
    assert plan[1] == ("采购", date(2026, 10, 14))
    # three working days back from 10-14: 10-13, 10-12, 10-10 (调休 Saturday)
    assert plan[0] == ("方案", date(2026, 10, 10))


def test_plan_milestones_action_replaces_open_ones_and_is_editable(cast, make_item):
    item = make_item(deadline=date(2026, 6, 30))
    actions.plan_milestones(item, [("制定方案", 10), ("竣工验收", 10)], actor=cast.office,
                            now=NOW, cal=WorkCalendar.of())
    ms = list(Milestone.objects.filter(item=item))
    assert [m.name for m in ms] == ["制定方案", "竣工验收"]
    assert ms[-1].due == date(2026, 6, 30) and ms[0].due == date(2026, 6, 16)
    actions.edit_milestone(ms[0], actor=cast.staff, now=NOW, name="方案", due=date(2026, 6, 1),
                           done=True)
    ms[0].refresh_from_db()
    assert ms[0].name == "方案" and ms[0].done_at == NOW.date()
