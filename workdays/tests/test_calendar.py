"""Working days: weekends, statutory holidays and 调休, as data an administrator edits."""

from datetime import date

import pytest

from audit.models import AuditEvent
from workdays.calendar import WorkCalendar
from workdays.models import SpecialDay, load

NATIONAL_DAY_2026 = WorkCalendar.of(
    holidays=[date(2026, 10, d) for d in range(1, 8)],
    extra_workdays=[date(2026, 9, 20), date(2026, 10, 10)],
)


@pytest.mark.parametrize("day, expected", [
    (date(2026, 9, 30), True),    # Wednesday
    (date(2026, 10, 1), False),   # holiday
    (date(2026, 10, 5), False),   # holiday on a Monday
    (date(2026, 10, 10), True),   # Saturday worked (调休)
    (date(2026, 10, 11), False),  # plain Sunday
    (date(2026, 9, 20), True),    # Sunday worked
])
def test_is_workday(day, expected):
    assert NATIONAL_DAY_2026.is_workday(day) is expected


def test_add_workdays_skips_the_holiday_week():
    assert NATIONAL_DAY_2026.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert NATIONAL_DAY_2026.add_workdays(date(2026, 10, 8), 2) == date(2026, 10, 10)
    assert NATIONAL_DAY_2026.add_workdays(date(2026, 10, 8), -1) == date(2026, 9, 30)
    assert NATIONAL_DAY_2026.add_workdays(date(2026, 10, 8), 0) == date(2026, 10, 8)


def test_workdays_between_and_next_workday():
    assert NATIONAL_DAY_2026.workdays_between(date(2026, 9, 30), date(2026, 10, 8)) == 1
    assert NATIONAL_DAY_2026.workdays_between(date(2026, 10, 8), date(2026, 9, 30)) == -1
    assert NATIONAL_DAY_2026.next_workday(date(2026, 10, 3)) == date(2026, 10, 8)


def test_official_days_are_loaded_for_2025_to_2027(db):
    cal = load()
    assert not cal.is_workday(date(2026, 2, 17))    # 春节
    assert cal.is_workday(date(2026, 2, 14))        # Saturday worked before 春节
    assert not cal.is_workday(date(2025, 10, 8))
    assert not cal.is_workday(date(2027, 1, 1))
    assert {d.year for d in SpecialDay.objects.values_list("date", flat=True)} == {2025, 2026, 2027}


def test_administrator_edits_the_calendar(cast, login, django_capture_on_commit_callbacks):
    c = login(cast.admin)
    assert load().is_workday(date(2026, 12, 28))
    with django_capture_on_commit_callbacks(execute=True):
        r = c.post("/calendar/", {"date": "2026-12-28", "kind": "holiday", "name": "测试假日"})
    assert r.status_code == 302
    assert not load().is_workday(date(2026, 12, 28))  # cache cleared on commit
    assert AuditEvent.objects.filter(action="calendar.day_set").count() == 1
    day = SpecialDay.objects.get(date=date(2026, 12, 28))
    with django_capture_on_commit_callbacks(execute=True):
        c.post(f"/calendar/{day.pk}/remove/")
    assert load().is_workday(date(2026, 12, 28))


def test_bad_dates_are_refused(cast, login):
    r = login(cast.admin).post("/calendar/", {"date": "2026-02-30", "kind": "holiday", "name": "x"})
    assert r.status_code == 200 and r.context["form"].errors["date"]
    r = login(cast.admin).post("/calendar/", {"date": "1900-01-01", "kind": "holiday", "name": "x"})
    assert r.context["form"].errors["date"]
