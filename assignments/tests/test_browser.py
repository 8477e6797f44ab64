"""The journey of the issue, in chromium: issue, decompose to two schools, sign, report with
evidence, return, resubmit, verify, close; then the clock moves on for the other school."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from assignments.models import Item, Reminder
from conftest import browser_login
from inbox.models import Notification

from .test_reports import PNG

pytestmark = pytest.mark.browser


def login_as(page, person):
    page.context.clear_cookies()
    browser_login(page, person)


def workday_after(d: date, n: int) -> date:
    while n:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def test_issue_to_close_and_escalation(cast, page, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    deadline = workday_after(today, 15)

    # A leader issues the item to county A.
    login_as(page, cast.leader)
    page.goto("/assignments/items/new/")
    page.fill("#id_title", "新建公办幼儿园")
    page.select_option("#id_source", "speech")
    page.select_option("#id_lead_unit", str(cast.county_a.pk))
    page.select_option("#id_owner", str(cast.county_head.pk))
    page.fill("#id_deadline", deadline.isoformat())
    page.select_option("#id_report_cadence", "none")
    page.click("#item-form button[type=submit]")
    page.wait_for_url("**/assignments/items/*/")
    parent = Item.objects.get(parent__isnull=True)
    assert parent.issuer == cast.leader and parent.responsible_leader == cast.leader

    # The office decomposes it to two schools: the kindergarten, and a teacher of school A1.
    login_as(page, cast.office)
    page.goto(f"/assignments/items/{parent.pk}/decompose/")
    page.select_option("#id_units", [str(cast.school_a2.pk)])
    page.select_option("#id_people", [str(cast.staff.pk)])
    page.click("#decompose-form button[type=submit]")
    page.wait_for_selector("#decompose-parts")
    assert page.locator("#decompose-parts tbody tr").count() == 2
    page.click("#decompose-parts button[type=submit]")
    page.wait_for_url(f"**/assignments/items/{parent.pk}/")
    assert page.locator("#parts-table tbody tr").count() == 2
    kg = Item.objects.get(lead_unit=cast.school_a2)
    a1 = Item.objects.get(lead_unit=cast.school_a1)
    assert kg.owner == cast.school_head_a2 and a1.owner == cast.staff

    # The kindergarten signs for its part and reports it done with evidence.
    login_as(page, cast.school_head_a2)
    page.goto("/assignments/todo/")
    page.click(f"a[href='/assignments/items/{kg.pk}/']")
    page.click("form.act-sign button")
    page.wait_for_load_state()
    assert page.locator("#item-state").inner_text() in ("已签收", "Signed for")

    def report(text):
        page.goto(f"/assignments/items/{kg.pk}/report/")
        page.fill("#id_text", text)
        page.fill("#id_percent", "100")
        page.check("#id_final")
        page.set_input_files("#id_files", files=[
            {"name": "验收照片.png", "mimeType": "image/png", "buffer": PNG}])
        page.click("#report-form button[type=submit]")
        page.wait_for_url(f"**/assignments/items/{kg.pk}/")

    report("幼儿园已竣工")
    kg.refresh_from_db()
    assert kg.state == "reported"

    # The office (the part's issuer) returns the report, the school resubmits, it is verified.
    login_as(page, cast.office)
    page.goto(f"/assignments/items/{kg.pk}/")
    page.fill(".review-form input[name=comment]", "缺少验收报告")
    page.click(".review-form button[value=return]")
    page.wait_for_load_state()
    kg.refresh_from_db()
    assert kg.state == "in_progress" and kg.state_reason == "缺少验收报告"

    login_as(page, cast.school_head_a2)
    report("补充验收报告")

    login_as(page, cast.office)
    page.goto(f"/assignments/items/{kg.pk}/")
    page.click(".review-form button[value=accept]")
    page.wait_for_load_state()
    page.click("form.act-close button")
    page.wait_for_load_state()
    kg.refresh_from_db()
    assert kg.state == "closed"
    assert "timeline" in page.content() and page.locator("#timeline tbody tr").count() >= 6

    # The clock moves on: the teacher's part of school A1 turns yellow, then red.
    def at(day: date):
        monkeypatch.setattr("assignments.views._today", lambda: day)
        monkeypatch.setattr("duban.pagecache.today", lambda: day)  # kept pages are by date
        call_command("remind", "--now", f"{day.isoformat()}T08:00")

    near = workday_after(today, 13)  # two working days before the deadline, nothing reported
    at(near)
    page.goto(f"/assignments/items/{a1.pk}/")
    assert page.locator("h1 [data-flag]").get_attribute("data-flag") == "yellow"
    assert Reminder.objects.filter(item=a1, person=cast.staff, kind="before_3").exists()

    late = workday_after(deadline, 1)
    at(late)
    page.goto(f"/assignments/items/{a1.pk}/")
    assert page.locator("h1 [data-flag]").get_attribute("data-flag") == "red"
    assert Notification.objects.filter(recipient=cast.staff, kind="assignments.digest").count() == 2

    at(workday_after(deadline, 4))  # escalated to the school's head
    assert Notification.objects.filter(recipient=cast.school_head,
                                       kind="assignments.digest").count() == 1
    at(workday_after(deadline, 7))  # and to the responsible leader
    assert Notification.objects.filter(recipient=cast.leader, kind="assignments.digest").exists()

    # The leader sees it: the parent item and county A show red.
    login_as(page, cast.leader)
    page.goto("/inbox/")
    assert "新建公办幼儿园" in page.content()
    page.goto(f"/assignments/items/{parent.pk}/")
    assert page.locator("#flag-below [data-flag]").get_attribute("data-flag") == "red"
    page.goto(f"/assignments/units/{cast.county_a.pk}/")
    assert page.locator("h1 [data-flag]").get_attribute("data-flag") == "red"
    assert page.locator(f"tr[data-unit='{cast.school_a1.code}'] [data-flag]") \
        .get_attribute("data-flag") == "red"
