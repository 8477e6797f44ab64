"""The base layout: unit switcher, navigation by role, search, the expired-form page."""

from django.test import Client

from orgs.choices import Role
from orgs.models import Membership


def test_unit_switcher_lists_own_units_and_keeps_the_choice(cast, login):
    Membership.objects.create(person=cast.school_head, unit=cast.county_a, role=Role.STAFF)
    c = login(cast.school_head)
    page = c.get("/").content.decode()
    assert 'id="unit-switch"' in page and "甲区教育局" in page
    c.post("/switch-unit/", {"unit": cast.county_a.pk})
    assert c.get("/").context["active_unit"] == cast.county_a
    c.post("/switch-unit/", {"unit": cast.school_b1.pk})  # not one of theirs: ignored
    assert c.get("/").context["active_unit"] == cast.county_a


def test_navigation_follows_the_role(cast, login):
    staff_nav = [label for label, _, _ in login(cast.staff).get("/").context["nav"]]
    auditor_nav = [label for label, _, _ in login(cast.auditor).get("/").context["nav"]]
    assert "审计日志" in map(str, auditor_nav) and "审计日志" not in map(str, staff_nav)


def test_search_stays_within_scope(cast, login):
    r = login(cast.school_head).get("/search/", {"q": "校长"})
    names = [p.name for p in r.context["people"]]
    assert names == ["校长壬"]


def test_a_form_posted_without_its_token_gets_a_plain_explanation(cast):
    c = Client(enforce_csrf_checks=True)
    c.force_login(cast.admin)
    r = c.post("/calendar/", {"date": "2026-12-28", "kind": "holiday", "name": "x"})
    assert r.status_code == 403
    page = r.content.decode()
    assert "表单已过期" in page or "expired" in page
    assert "Traceback" not in page


def test_search_finds_items_only_within_scope(cast, login):
    from datetime import timedelta

    from django.utils import timezone

    from assignments.actions import create_item

    now = timezone.now()
    create_item(actor=cast.office, now=now, title="校舍安全隐患排查", lead_unit=cast.school_b1,
                deadline=(now + timedelta(days=30)).date(), notify_owner=False)
    found = dict(login(cast.office).get("/search/", {"q": "校舍"}).context["groups"])
    assert [t for t, _ in found["督办事项"]] == ["校舍安全隐患排查"]
    found = dict(login(cast.school_head).get("/search/", {"q": "校舍"}).context["groups"])
    assert found["督办事项"] == []


def test_home_cards_are_kept_a_minute_per_person(cast, login, settings,
                                                 django_assert_max_num_queries):
    from django.core.cache import cache

    cache.clear()
    settings.DUBAN_HOME_CARD_SECONDS = 60
    c = login(cast.office)
    first = c.get("/").context["cards"]
    assert first
    with django_assert_max_num_queries(12):  # the cards' counts come from the cache
        assert c.get("/").context["cards"] == first
    other = login(cast.staff).get("/").context["cards"]  # nobody gets another's cards
    board = {t: ctx for t, ctx in first}["assignments/card.html"]["board"]
    assert board and not {t: ctx for t, ctx in other}["assignments/card.html"]["board"]
    cache.clear()
