"""Flags: computed from dates and progress; the database filter agrees with the method."""

from datetime import date, timedelta

import pytest

from assignments import actions, flagging
from assignments.choices import State
from assignments.models import (
    Item,
    flag_counts_by_unit,
    flag_q,
    on_time_rates,
    rate,
    unit_flag,
    worst_below,
)

from .conftest import CAL, NOW, TODAY, at

D = date(2026, 3, 2)


def facts(**kw):
    base = dict(state="in_progress", deadline=D + timedelta(days=60), on_track_until=D,
                next_report_due=None, period=None)
    base.update(kw)
    return flagging.Facts(**base)


@pytest.mark.parametrize("kw,today,expected", [
    ({}, D, "green"),
    ({"deadline": D - timedelta(days=1)}, D, "red"),  # overdue
    ({"deadline": D}, D, "green"),  # due today, on track
    ({"deadline": D + timedelta(days=3), "on_track_until": D - timedelta(days=1)}, D, "yellow"),
    ({"deadline": D + timedelta(days=30), "on_track_until": D - timedelta(days=10)}, D, "green"),
    ({"next_report_due": D - timedelta(days=1), "period": 7}, D, "yellow"),  # one missing
    ({"next_report_due": D, "period": 7}, D, "green"),  # due today: not missing yet
    ({"next_report_due": D - timedelta(days=7), "period": 7}, D, "yellow"),
    ({"next_report_due": D - timedelta(days=8), "period": 7}, D, "red"),  # two missing
    ({"deadline": D - timedelta(days=5), "state": "reported"}, D, "green"),
    ({"deadline": D - timedelta(days=5), "state": "suspended"}, D, "green"),
    ({"deadline": D - timedelta(days=5), "state": "closed"}, D, "green"),
])
def test_flag_rules(kw, today, expected):
    window_end = CAL.add_workdays(today, 5)
    assert facts(**kw).flag(today, window_end) == expected


def test_worst():
    assert flagging.worst([]) == "green"
    assert flagging.worst(["green", "red", "yellow"]) == "red"


def _set(item, **kw):
    Item.objects.filter(pk=item.pk).update(**kw)
    item.refresh_from_db()
    item.refresh_facts()
    item.save()
    return item


def test_queryset_filter_matches_method(cast, make_item):
    items = [
        make_item(),
        _set(make_item(), deadline=TODAY - timedelta(days=2)),  # red: overdue
        _set(make_item(), deadline=TODAY + timedelta(days=4), issued_on=TODAY - timedelta(days=10)),
        _set(make_item(report_cadence="weekly"), issued_on=TODAY - timedelta(days=10)),
        _set(make_item(report_cadence="weekly"), issued_on=TODAY - timedelta(days=20)),
        _set(make_item(deadline=TODAY + timedelta(days=4)), progress=100),  # green: ahead
        _set(make_item(), deadline=TODAY - timedelta(days=2), state=State.CLOSED),
    ]
    expected = ["green", "red", "yellow", "yellow", "red", "green", "green"]
    assert [i.flag(TODAY, CAL) for i in items] == expected
    for flag in ("green", "yellow", "red"):
        in_db = set(Item.objects.filter(flag_q(flag, TODAY, CAL)).values_list("pk", flat=True))
        assert in_db == {i.pk for i, f in zip(items, expected, strict=True) if f == flag}, flag


def test_parent_and_unit_show_worst_below(cast, make_item):
    parent = make_item(lead_unit=cast.county_a, owner=cast.county_head, report_cadence="none")
    a1, a2 = actions.decompose(parent, [
        actions.Part(cast.school_a1, cast.staff, TODAY + timedelta(days=30)),
        actions.Part(cast.school_a2, None, TODAY + timedelta(days=30))],
        actor=cast.office, now=NOW)
    assert a2.owner == cast.school_head_a2  # the unit's head when no person is chosen
    assert parent.flag_below(TODAY, CAL) == "green"
    later = TODAY + timedelta(days=31)
    assert a1.flag(later, CAL) == "red"
    assert parent.flag(later, CAL) == "green"  # its own deadline is later
    assert parent.flag_below(later, CAL) == "red"
    assert worst_below([parent], later, CAL)[parent.pk] == "red"
    counts = flag_counts_by_unit(Item.objects.all(), 2, later, CAL)
    assert unit_flag(counts.get(cast.county_a.path)) == "red"
    assert unit_flag(counts.get(cast.county_b.path)) == "green"


def test_on_time_rate_counts_open_overdue_items_as_late(cast, make_item):
    on_time = make_item(deadline=TODAY + timedelta(days=10))
    _set(on_time, state=State.CLOSED, finished_on=TODAY + timedelta(days=5))
    late_done = make_item(deadline=TODAY + timedelta(days=10))
    _set(late_done, state=State.VERIFIED, finished_on=TODAY + timedelta(days=12))
    make_item(deadline=TODAY + timedelta(days=10))  # open and overdue on day 20
    make_item(deadline=TODAY + timedelta(days=40))  # open, not yet due: not counted
    rates = on_time_rates(Item.objects.all(), 3, TODAY + timedelta(days=20))
    assert rates[cast.school_a1.path] == (1, 2)
    assert rate(rates[cast.school_a1.path]) == 33


def test_missed_reports_counted_from_last_report(cast, make_item):
    item = make_item(report_cadence="weekly")
    assert item.missed_reports(TODAY + timedelta(days=7)) == 0
    assert item.missed_reports(TODAY + timedelta(days=8)) == 1
    actions.submit_report(item, actor=cast.staff, now=at(8), text="进展", percent=20,
                          client_token="t1")
    item.refresh_from_db()
    assert item.missed_reports(TODAY + timedelta(days=9)) == 0
