"""What the organisation pages show, and how many queries they cost."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from orgs import demo
from orgs.models import Membership, PartyOrg, Person, Unit


def test_tree_shows_only_the_school_heads_subtree(cast, login):
    page = login(cast.school_head).get("/orgs/").content.decode()
    assert "甲区第一小学" in page
    assert "乙县中学" not in page and "甲区实验幼儿园" not in page


def test_tree_of_a_county_head_lists_the_schools_below(cast, login):
    r = login(cast.county_head).get("/orgs/")
    page = r.content.decode()
    assert "甲区第一小学" in page and "甲区实验幼儿园" in page and "乙县中学" not in page


def test_unit_page_flags_a_term_ending_within_90_days(cast, login, monkeypatch):
    org = PartyOrg.objects.get(unit=cast.school_a1)
    org.term_end = date.today() + timedelta(days=30)
    org.save()
    page = login(cast.school_head).get(f"/orgs/units/{cast.school_a1.pk}/").content.decode()
    assert "换届" in page and "30" in page
    org.term_end = date.today() + timedelta(days=200)
    org.save()
    page = login(cast.school_head).get(f"/orgs/units/{cast.school_a1.pk}/").content.decode()
    assert "换届" not in page


def test_people_filters(cast, login):
    c = login(cast.director)
    names = [p.name for p, _ in c.get("/orgs/people/", {"role": "unit_head"}).context["rows"]]
    assert set(names) == {"区局长辛", "校长壬", "园长癸", "校长子"}
    names = [p.name for p, _ in c.get("/orgs/people/", {"unit": cast.county_b.pk}).context["rows"]]
    assert names == ["校长子"]
    assert c.get("/orgs/people/", {"unit": 999999}).status_code == 404


def _bulk_people(unit, n):
    Person.objects.bulk_create([Person(phone=f"1370000{i:04d}", name=f"批量{i}", unit=unit)
                                for i in range(n)])
    Membership.objects.bulk_create([Membership(person=p, unit=unit, role="staff")
                                    for p in Person.objects.filter(name__startswith="批量")])


@pytest.mark.parametrize("url", ["/orgs/", "/orgs/people/", "/orgs/people/?role=staff",
                                 "/orgs/?q=学", "/search/?q=批量", "/"])
def test_list_pages_query_count(cast, login, django_assert_max_num_queries, url):
    cap = {"/": 30, "/search/?q=批量": 24}.get(url, 14)  # home and search gather from each app
    _bulk_people(cast.school_a1, 120)
    for i in range(30):
        Unit.objects.add_child(Unit.objects.get(code="A"),
                               create_kwargs={"code": f"A-X{i}", "name": f"甲区学校{i}",
                                              "kind": "school"})
    c = login(cast.director)
    c.get(url)
    with django_assert_max_num_queries(cap):
        assert c.get(url).status_code == 200


def test_unit_detail_query_count(cast, login, django_assert_max_num_queries):
    _bulk_people(cast.school_a1, 120)
    c = login(cast.director)
    with django_assert_max_num_queries(20):
        assert c.get(f"/orgs/units/{cast.school_a1.pk}/").status_code == 200


def test_demo_city_is_generated_once(db, capsys):
    call_command("seed_demo")
    counts = (Unit.objects.count(), Person.objects.count(), Membership.objects.count())
    assert 200 <= counts[0] <= 260
    call_command("seed_demo")
    assert (Unit.objects.count(), Person.objects.count(), Membership.objects.count()) == counts
    out = capsys.readouterr().out
    assert "127.0.0.1:8000" in out and demo.DEMO_PASSWORD in out
    # every role has somebody to log in as, and the tree is consistent with treebeard
    assert len(demo.demo_logins()) == len(demo.LOGIN_ROLES)
    assert Unit.objects.find_problems() == ([], [], [], [], [])
