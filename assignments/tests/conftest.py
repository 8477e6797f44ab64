"""Fixtures of the assignments app: a fixed clock and items issued over the root cast."""

from datetime import date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from assignments import actions
from workdays.calendar import WorkCalendar

NOW = timezone.make_aware(datetime(2026, 3, 2, 9, 0))  # a Monday
TODAY = date(2026, 3, 2)
CAL = WorkCalendar.of()


@pytest.fixture(autouse=True)
def _clear_calendar_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_item(cast):
    """make_item(**overrides) → an item issued by the office to school A1, owned by its staff."""

    def _make(**kw):
        fields = dict(title="新建幼儿园 8 所", lead_unit=cast.school_a1, owner=cast.staff,
                      responsible_leader=cast.leader, deadline=TODAY + timedelta(days=60),
                      report_cadence="monthly")
        fields.update(kw)
        actor = fields.pop("actor", cast.office)
        now = fields.pop("now", NOW)
        return actions.create_item(actor=actor, now=now, **fields)

    return _make


def at(days: int, hour: int = 9) -> datetime:
    """NOW moved forward by `days` calendar days."""
    return NOW + timedelta(days=days, hours=hour - 9)
