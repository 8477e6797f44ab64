"""The page cache: a kept page is served only while nothing has been written since."""

import re
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from audit.actions import write_generation
from duban import pagecache
from inbox.actions import notify
from orgs import actions as org_actions
from orgs.choices import Role
from orgs.models import Membership

# Real commits: the write counter goes up after a commit, which a test's own transaction
# never reaches.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.DUBAN_PAGE_CACHE_SECONDS = 60


def _get(client, url):
    r = client.get(url)
    assert r.status_code == 200
    return r, r.content.decode()


def test_second_visit_is_kept_and_a_write_drops_it(cast, login):
    c = login(cast.director)
    url = f"/orgs/units/{cast.school_a1.pk}/"
    first, html = _get(c, url)
    assert "X-Page-Cache" not in first and "甲区第一小学" in html
    second, html = _get(c, url)
    assert second["X-Page-Cache"] == "hit" and "甲区第一小学" in html

    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一实验小学")
    third, html = _get(c, url)
    assert "X-Page-Cache" not in third and "甲区第一实验小学" in html


def test_a_kept_page_carries_a_working_csrf_token(cast):
    c = Client(enforce_csrf_checks=True)
    c.force_login(cast.school_head)
    _get(c, "/")
    hit, html = _get(c, "/")
    assert hit["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "\x00" not in html
    r = c.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert r.status_code == 302  # refused with 403 if the kept token were stale


def test_unread_count_is_current_on_a_kept_page(cast, login):
    c = login(cast.school_head)
    _get(c, "/orgs/")
    notify([cast.school_head], "请于周五前报送进展")
    hit, html = _get(c, "/orgs/")
    assert hit["X-Page-Cache"] == "hit"
    assert re.search(r'id="unread-count">1<', html)


def test_one_person_never_gets_anothers_page(cast, login):
    _get(login(cast.director), "/orgs/")
    r, html = _get(login(cast.school_head), "/orgs/")
    assert "X-Page-Cache" not in r
    assert "乙县中学" not in html  # the director's tree lists it; the school head's does not


def test_losing_a_role_takes_effect_on_the_next_page(cast, login):
    extra = org_actions.add_membership(cast.staff, cast.county_b, Role.UNIT_HEAD,
                                       actor=cast.admin)
    c = login(cast.staff)
    url = f"/orgs/units/{cast.school_b1.pk}/"
    _get(c, url)
    _get(c, url)
    org_actions.remove_membership(Membership.objects.get(pk=extra.pk), actor=cast.admin)
    assert c.get(url).status_code == 404


def test_a_new_day_is_a_new_page(cast, login, monkeypatch):
    c = login(cast.director)
    _get(c, "/orgs/")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(pagecache, "today", lambda: tomorrow)
    r, _ = _get(c, "/orgs/")
    assert "X-Page-Cache" not in r


def test_htmx_partials_and_other_languages_are_separate(cast, login):
    c = login(cast.director)
    _get(c, "/orgs/")
    r = c.get("/orgs/", headers={"HX-Request": "true"})
    assert "X-Page-Cache" not in r
    c.post("/i18n/setlang/", {"language": "en", "next": "/"})
    r, html = _get(c, "/orgs/")
    assert "X-Page-Cache" not in r and 'lang="en"' in html


def test_pages_with_messages_are_not_kept(cast, login):
    c = login(cast.admin)
    r = c.post(f"/orgs/people/{cast.staff.pk}/unlock/", follow=True)
    assert "已可重新登录" in r.content.decode()  # the person page showing the message
    r, html = _get(c, f"/orgs/people/{cast.staff.pk}/")
    assert "X-Page-Cache" not in r and "已可重新登录" not in html
    r, html = _get(c, f"/orgs/people/{cast.staff.pk}/")
    assert r["X-Page-Cache"] == "hit" and "已可重新登录" not in html


def test_pages_not_named_in_settings_are_never_kept(cast, login):
    c = login(cast.auditor)
    _get(c, "/audit/")
    r, _ = _get(c, "/audit/")
    assert "X-Page-Cache" not in r


def test_the_write_counter_moves_once_per_committed_transaction(cast):
    before = write_generation()
    assert write_generation() == before  # reading changes nothing
    org_actions.update_person(cast.staff, actor=cast.admin, title="教研员")
    assert write_generation() == before + 1
    with transaction.atomic():
        org_actions.update_person(cast.staff, actor=cast.admin, title="教研组长")
        org_actions.update_person(cast.secretary, actor=cast.admin, title="党支部书记")
        assert write_generation() == before + 1  # not before the commit
    assert write_generation() == before + 2
    with pytest.raises(RuntimeError), transaction.atomic():
        org_actions.update_person(cast.staff, actor=cast.admin, title="副校长")
        raise RuntimeError("rolled back")
    assert write_generation() == before + 2


def test_switched_off_by_setting(cast, login, settings):
    settings.DUBAN_PAGE_CACHE_SECONDS = 0
    c = login(cast.director)
    _get(c, "/orgs/")
    r, _ = _get(c, "/orgs/")
    assert "X-Page-Cache" not in r


def _kept_key():
    from django.core.cache import cache

    keys = [k for k in cache._cache if ":page:" in k and not k.endswith(":rendering")]
    assert len(keys) == 1
    return keys[0].split(":", 2)[2]  # LocMemCache files keys as ":<version>:<key>"


def test_while_one_request_renders_others_get_the_page_from_a_moment_ago(cast, login):
    from django.core.cache import cache

    reader = login(cast.director)
    url = f"/orgs/units/{cast.school_a1.pk}/"
    _get(reader, url)
    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一实验小学")
    cache.add(_kept_key() + ":rendering", 1)  # as if another reader were rendering it now
    r, html = _get(reader, url)
    assert r["X-Page-Cache"] == "stale" and "甲区第一小学" in html


def test_a_page_older_than_the_bound_is_not_served(cast, login, settings, monkeypatch):
    from django.core.cache import cache

    settings.DUBAN_PAGE_STALE_SECONDS = 0
    monkeypatch.setattr(pagecache, "WAIT_SECONDS", 0.2)
    reader = login(cast.director)
    url = f"/orgs/units/{cast.school_a1.pk}/"
    _get(reader, url)
    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一实验小学")
    cache.add(_kept_key() + ":rendering", 1)
    r, html = _get(reader, url)  # waited for the other renderer in vain, then rendered itself
    assert "X-Page-Cache" not in r and "甲区第一实验小学" in html


def test_own_writes_show_at_once_even_while_another_request_renders(cast, login, monkeypatch):
    from django.core.cache import cache

    monkeypatch.setattr(pagecache, "WAIT_SECONDS", 0.2)
    reader = login(cast.director)
    url = f"/orgs/units/{cast.school_a1.pk}/"
    _get(reader, url)
    org_actions.update_unit(cast.school_a1, actor=cast.admin, name="甲区第一实验小学")
    reader.post("/i18n/setlang/", {"language": "zh-hans", "next": url})  # this session posts
    cache.add(_kept_key() + ":rendering", 1)
    r, html = _get(reader, url)
    assert r.get("X-Page-Cache") != "stale" and "甲区第一实验小学" in html


def test_home_cards_show_ones_own_write_at_once(cast, login, settings):
    from datetime import timedelta

    from assignments.actions import create_item

    settings.DUBAN_HOME_CARD_SECONDS = 60
    now = timezone.now()
    item = create_item(actor=cast.office, now=now, title="校舍安全隐患排查",
                       lead_unit=cast.school_a1, deadline=(now + timedelta(days=30)).date(),
                       notify_owner=False)
    head = login(cast.school_head)

    def to_sign():
        html = _get(head, "/")[1]
        return int(re.search(r'待签收</div><div class="stat">(\d+)<', html).group(1))

    assert to_sign() == 1
    r = head.post(f"/assignments/items/{item.pk}/act/sign/", {"version": item.version})
    assert r.status_code == 302
    assert to_sign() == 0  # neither the kept page nor the kept card counts hide the signature
