"""The weekly dispatch for a past week and the summons candidates describe the world as it was
at the end of each week, rebuilt from stored timestamps (assignments.history)."""

import io
from contextlib import contextmanager
from datetime import date, timedelta
from unittest import mock

from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from assignments import actions, dispatch, history, summons
from assignments.models import Item, flag_q

from .conftest import CAL, TODAY, at

LAST = TODAY - timedelta(weeks=1)  # Monday 2026-02-23: last week, relative to TODAY
WEDNESDAY = TODAY + timedelta(days=2)


@contextmanager
def clock(when):
    """Act at `when` as in production, where audit rows are stamped at the same moment."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


def rows_of(monday, today, kind):
    """{title: (deadline, progress) or what} of one kind over the whole dispatch."""
    out = {}
    for r in dispatch.build(Item.objects.all(), monday, today):
        for row in getattr(r, kind):
            out[row[0]] = row[1:]
    return out


def reported_done(item, who, when, token="done"):
    return actions.submit_report(item, actor=who, now=when, text="已完成", final=True,
                                 client_token=token)


# --- The weekly dispatch for a past week ----------------------------------------------------

def test_last_week_shows_item_late_then_although_closed_yesterday(cast, make_item):
    item = make_item(title="逾期后办结", now=at(-20), deadline=TODAY - timedelta(days=5))
    actions.sign_for(item, actor=cast.staff, now=at(-19))
    report = reported_done(item, cast.staff, at(1))  # Tuesday: yesterday, seen on Wednesday
    actions.review_report(report, actor=cast.office, now=at(1), accept=True)
    item.refresh_from_db()
    actions.close(item, actor=cast.office, now=at(1))
    assert item.state == "closed"

    late = rows_of(LAST, WEDNESDAY, "late")
    assert late["逾期后办结"] == (TODAY - timedelta(days=5), 0)
    assert "逾期后办结" not in rows_of(TODAY, WEDNESDAY, "late")  # this week: closed


def test_item_reported_done_within_the_week_is_not_late_for_it_even_if_returned_later(
        cast, make_item):
    item = make_item(title="报结后退回", now=at(-20), deadline=TODAY - timedelta(days=5))
    actions.sign_for(item, actor=cast.staff, now=at(-19))
    actions.submit_report(item, actor=cast.staff, now=at(-10), text="过半", percent=60,
                          client_token="half")
    report = reported_done(item, cast.staff, at(-3))  # Friday of last week
    actions.review_report(report, actor=cast.office, now=at(1), accept=False,
                          comment="材料不全")
    item.refresh_from_db()
    assert item.state == "in_progress"

    assert "报结后退回" not in rows_of(LAST, WEDNESDAY, "late")
    assert "报结后退回" in rows_of(TODAY, WEDNESDAY, "late")  # returned: late again
    # The week before, it fell due the next week, with the progress reported by then.
    before = LAST - timedelta(weeks=1)
    assert rows_of(before, WEDNESDAY, "late") == {}
    assert rows_of(before, WEDNESDAY, "due_next")["报结后退回"] == (TODAY - timedelta(days=5), 60)


def test_item_created_this_week_is_absent_from_last_weeks_dispatch(cast, make_item):
    make_item(title="上周下达", now=at(-3), deadline=TODAY + timedelta(days=3))
    make_item(title="本周新下达", now=at(1), deadline=TODAY + timedelta(days=4))

    due = rows_of(LAST, WEDNESDAY, "due_next")
    assert "上周下达" in due and "本周新下达" not in due
    everything = [row[0] for r in dispatch.build(Item.objects.all(), LAST, WEDNESDAY)
                  for row in r.moved + r.late + r.due_next]
    assert "本周新下达" not in everything


def test_the_deadline_in_force_at_the_end_of_the_week_is_used(cast, make_item):
    later = make_item(title="事后延期", now=at(-20), deadline=TODAY - timedelta(days=4))
    before = make_item(title="事前延期", now=at(-20), deadline=TODAY - timedelta(days=4))
    for item, when in ((later, at(1)), (before, at(-6))):
        ext = actions.request_extension(item, actor=cast.staff, now=when - timedelta(hours=1),
                                        new_deadline=TODAY + timedelta(days=20), reason="天气")
        actions.decide_extension(ext, actor=cast.office, now=when, approve=True)

    late = rows_of(LAST, WEDNESDAY, "late")
    assert late == {"事后延期": (TODAY - timedelta(days=4), 0)}
    assert rows_of(TODAY, WEDNESDAY, "late") == {}


def test_suspension_counts_at_the_time_it_happened(cast, make_item):
    paused = make_item(title="上周暂停", now=at(-20), deadline=TODAY - timedelta(days=5))
    later = make_item(title="本周暂停", now=at(-20), deadline=TODAY - timedelta(days=5))
    with clock(at(-2)):
        actions.suspend(paused, actor=cast.office, now=at(-2), reason="等待上级批复")
    with clock(at(1)):
        actions.resume(paused, actor=cast.office, now=at(1))
        actions.suspend(later, actor=cast.office, now=at(1), reason="等待上级批复")

    late = rows_of(LAST, WEDNESDAY, "late")
    assert "上周暂停" not in late and "本周暂停" in late
    now_late = rows_of(TODAY, WEDNESDAY, "late")
    assert "上周暂停" in now_late and "本周暂停" not in now_late


def test_what_moved_is_what_happened_inside_the_week(cast, make_item):
    item = make_item(title="推进事项", now=at(-20), deadline=TODAY + timedelta(days=30))
    done = make_item(title="核验事项", now=at(-20), deadline=TODAY + timedelta(days=30))
    actions.submit_report(item, actor=cast.staff, now=at(-4), text="开工", percent=20,
                          client_token="a")
    actions.submit_report(item, actor=cast.staff, now=at(1), text="过半", percent=50,
                          client_token="b")
    with clock(at(-3)):
        actions.sign_for(done, actor=cast.staff, now=at(-3))
        report = reported_done(done, cast.staff, at(-3))
    with clock(at(-2)):
        actions.review_report(report, actor=cast.office, now=at(-2), accept=True)

    moved = [row for r in dispatch.build(Item.objects.all(), LAST, WEDNESDAY) for row in r.moved]
    assert [w for t, w in moved if t == "推进事项" and "20%" in w]
    assert not any("50%" in what for _t, what in moved)  # this week's report
    assert [t for t, _w in moved].count("核验事项") == 2  # reported done, then verified
    this_week = [row[0] for r in dispatch.build(Item.objects.all(), TODAY, WEDNESDAY)
                 for row in r.moved]
    assert this_week == ["推进事项"]


def test_past_week_page_xlsx_and_docx_agree(cast, login):
    """The views use the real date: the story is told relative to it."""
    now = timezone.now()
    today = timezone.localdate(now)
    last = dispatch.week_of(today) - timedelta(weeks=1)
    start = now - timedelta(days=20)
    with clock(start):
        late = actions.create_item(actor=cast.office, now=start, title="上周逾期事项",
                                   deadline=last + timedelta(days=2), lead_unit=cast.school_a1,
                                   owner=cast.staff)
        actions.sign_for(late, actor=cast.staff, now=start)
    report = reported_done(late, cast.staff, now)
    actions.review_report(report, actor=cast.office, now=now, accept=True)
    actions.create_item(actor=cast.office, now=now, title="本周新事项", deadline=today,
                        lead_unit=cast.school_a2)

    c = login(cast.office)
    week = f"?week={last.isoformat()}"
    page = c.get("/assignments/weekly/" + week).content.decode()
    assert "上周逾期事项" in page and "本周新事项" not in page
    wb = load_workbook(io.BytesIO(c.get("/assignments/weekly.xlsx" + week).content))
    summary = {row[0]: row[1:] for row in wb.worksheets[0].iter_rows(values_only=True)}
    assert summary[cast.county_a.name][1] == 1  # one late item in county A
    details = list(wb.worksheets[1].iter_rows(values_only=True))
    assert [r[2] for r in details if r[2] == "上周逾期事项"] == ["上周逾期事项"]
    assert not any(r[2] == "本周新事项" for r in details)
    doc = Document(io.BytesIO(c.get("/assignments/weekly.docx" + week).content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "上周逾期事项" in text and "本周新事项" not in text

    # This week the item is done: it moved, and nothing in county A is late.
    wb = load_workbook(io.BytesIO(c.get("/assignments/weekly.xlsx").content))
    summary = {row[0]: row[1:] for row in wb.worksheets[0].iter_rows(values_only=True)}
    assert summary[cast.county_a.name][1] == 0


# --- The red flag rebuilt -------------------------------------------------------------------

def test_rebuilt_red_flag_agrees_with_the_live_one(cast, make_item):
    """With nothing done since, the red flag rebuilt for today's first moment is the live one."""
    make_item(title="周报未报", now=at(-20), report_cadence="weekly")
    weekly_once = make_item(title="周报一次", now=at(-20), report_cadence="weekly")
    weekly_recent = make_item(title="周报近期", now=at(-20), report_cadence="weekly")
    monthly = make_item(title="月报", now=at(-70), deadline=TODAY + timedelta(days=10))
    overdue = make_item(title="逾期", now=at(-20), deadline=TODAY - timedelta(days=1))
    make_item(title="无需报告", now=at(-40), report_cadence="none")
    for item, day in ((weekly_once, -15), (weekly_recent, -8), (monthly, -65)):
        actions.submit_report(item, actor=cast.staff, now=at(day), text="进展", percent=10,
                              client_token=f"r{item.pk}")
    actions.suspend(overdue, actor=cast.office, now=at(-1), reason="暂缓")
    done = make_item(title="已报结", now=at(-20), deadline=TODAY - timedelta(days=2))
    actions.sign_for(done, actor=cast.staff, now=at(-19))
    reported_done(done, cast.staff, at(-5))

    cut = history.cut_at(TODAY)
    rebuilt = {p.title for p in history.load(Item.objects.all(), [cut]) if p.is_red(cut)}
    live = set(Item.objects.filter(flag_q("red", TODAY, CAL)).values_list("title", flat=True))
    assert rebuilt == live == {"周报未报", "周报一次", "月报"}


# --- Summons candidates ---------------------------------------------------------------------

def _red_over_time(cast, make_item):
    """School A1 red at the end of two past weeks (then reported done), school A2 red only
    since this week, school B1 silent on a weekly report, county A red for one week only."""
    a1 = make_item(title="A1 逾期", now=at(-28), deadline=date(2026, 2, 12))
    actions.sign_for(a1, actor=cast.staff, now=at(-27))
    reported_done(a1, cast.staff, at(-5))
    for n in range(2):
        make_item(title=f"A2 新逾期{n}", now=at(-10), deadline=TODAY + timedelta(days=1),
                  lead_unit=cast.school_a2, owner=cast.school_head_a2)
    make_item(title="B1 周报", now=at(-28), deadline=TODAY + timedelta(days=60),
              report_cadence="weekly", lead_unit=cast.school_b1, owner=cast.school_head_b1)
    county = make_item(title="县局一周红", now=at(-28), deadline=date(2026, 2, 13),
                       lead_unit=cast.county_a, owner=cast.county_head)
    actions.sign_for(county, actor=cast.county_head, now=at(-27))
    reported_done(county, cast.county_head, at(-10))


def test_summons_candidates_are_units_red_in_several_past_weeks(cast, make_item):
    _red_over_time(cast, make_item)
    assert summons.week_ends(WEDNESDAY)[0] == history.cut_at(date(2026, 2, 9))

    found = {c.name: (c.weeks, c.red_now) for c in summons.candidates(
        Item.objects.all(), WEDNESDAY, CAL)}
    assert found == {
        cast.school_a1.name: ([False, True, True, False], 0),  # red then, done since
        cast.school_b1.name: ([False, False, True, True], 1),  # two weekly reports missing
    }
    # School A2 has two red items now (the old rule listed it) but no red past week.
    red_now = Item.objects.filter(flag_q("red", WEDNESDAY, CAL), lead_unit=cast.school_a2)
    assert red_now.count() == 2
    assert cast.school_a2.name not in found and cast.county_a.name not in found


def test_summons_page_lists_candidates_with_their_red_weeks(
        cast, login, django_assert_max_num_queries):
    now = timezone.now()
    monday = dispatch.week_of(timezone.localdate(now))
    start = now - timedelta(days=30)
    with clock(start):
        item = actions.create_item(actor=cast.office, now=start, title="长期逾期",
                                   deadline=monday - timedelta(days=18),
                                   lead_unit=cast.school_a1, owner=cast.staff)
        actions.sign_for(item, actor=cast.staff, now=start)
        actions.create_item(actor=cast.office, now=start, title="按期推进",
                            deadline=monday + timedelta(days=30), lead_unit=cast.school_a2,
                            report_cadence="none")
    when = history.cut_at(monday) - timedelta(days=5) + timedelta(hours=10)
    with clock(when):
        reported_done(item, cast.staff, when)  # five days before the last week ended

    c = login(cast.office)
    c.get("/")
    with django_assert_max_num_queries(25):
        r = c.get("/assignments/summons/")
    page = r.content.decode()
    listed = page.split('id="summons-candidates"')[1].split("</ul>")[0]
    assert cast.school_a1.name in listed and cast.school_a2.name not in listed
    assert "2" in listed.split(cast.school_a1.name)[1]
