"""Who sees which units: the one place every view relies on."""

import pytest

from orgs.models import Unit
from orgs.permissions import scope, sees_unit, visible_people, visible_units

ALL = {"C", "C-D1", "A", "A-S1", "A-S2", "B", "B-S1"}


def codes(user):
    return set(visible_units(user).values_list("code", flat=True))


@pytest.mark.parametrize(
    "who, expected",
    [
        ("director", ALL),  # region: whole city
        ("leader", {"C", "A", "A-S1", "A-S2"}),  # own unit + region county A
        ("office", ALL),  # 督查室 in a department acts for the whole bureau
        ("auditor", ALL),
        ("admin", ALL),
        ("discipline", ALL),
        ("supervisor", {"C-D1", "B", "B-S1"}),  # supervises county B
        ("county_head", {"A", "A-S1", "A-S2"}),
        ("school_head", {"A-S1"}),
        ("school_head_b1", {"B-S1"}),
        ("staff", {"A-S1"}),
        ("member", {"A-S1"}),
        ("observer", {"C"}),
    ],
)
def test_each_role_sees_its_units(cast, who, expected):
    assert codes(getattr(cast, who)) == expected


def test_public_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert list(visible_units(AnonymousUser())) == []
    assert list(visible_people(AnonymousUser())) == []


def test_subtree_is_one_query(cast, django_assert_num_queries):
    county = Unit.objects.get(code="A")
    with django_assert_num_queries(1):
        assert {u.code for u in county.subtree()} == {"A", "A-S1", "A-S2"}


def test_visible_units_is_one_query_after_scope(cast, django_assert_num_queries):
    user = cast.leader
    scope(user)
    with django_assert_num_queries(1):
        list(visible_units(user))


def test_sees_unit_matches_query(cast):
    for person in cast.people().values():
        for unit in Unit.objects.all():
            assert sees_unit(person, unit) == (unit.code in codes(person)), (person, unit)


def test_people_follow_units(cast):
    names = set(visible_people(cast.school_head).values_list("name", flat=True))
    assert "教师丑" in names and "校长子" not in names and "区局长辛" not in names
