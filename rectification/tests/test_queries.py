"""Every list page has a bounded number of queries, whatever the number of rows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from rectification import actions
from rectification.choices import CaseState, ListType, State
from rectification.models import Case, Item

from .conftest import TODAY


@pytest.fixture
def many(cast, checklist_many):
    items = [Item(list_type=ListType.LEADERSHIP, source="audit", problem=f"问题{i}",
                  category="财务管理", lead_unit=cast.school_a1 if i % 2 else cast.school_a2,
                  owner=cast.staff, found_on=TODAY, deadline=TODAY + timedelta(days=i),
                  state=State.SIGNED_OFF if i % 3 == 0 else State.RECTIFYING,
                  is_public=i % 2 == 0, public_summary="公开摘要") for i in range(60)]
    Item.objects.bulk_create(items)
    for item in Item.objects.all()[:55]:
        item.co_units.add(cast.school_b1)
    Case.objects.bulk_create([Case(title=f"案例{i}", category="财务管理", what_happened="x",
                                   rule_broken="x", handling="x", lesson="x",
                                   state=CaseState.PUBLISHED, written_by=cast.office)
                              for i in range(55)])


@pytest.fixture
def checklist_many(cast):
    c = actions.create_checklist(cast.office, title="五查五看", description="", category="五查五看",
                                 points=[("check", f"点{i}") for i in range(10)])
    actions.assign_checklist(c, cast.office, units=[cast.school_a1, cast.school_a2,
                                                    cast.school_b1, cast.county_a],
                             deadline=TODAY + timedelta(days=3), today=TODAY)
    return c


@pytest.mark.parametrize(("name", "query"), [
    ("rectification:ledger", ""), ("rectification:ledger", "?state=open&overdue=on&unit={a}"),
    ("rectification:ledger", "?q=问题&list_type=leadership"),
    ("rectification:public", ""), ("rectification:cases", "?category=财务管理"),
    ("rectification:checklists", ""), ("rectification:stats", ""),
])
def test_list_pages_query_count(cast, login, many, django_assert_max_num_queries, name, query):
    c = login(cast.office)
    url = reverse(name) + query.format(a=cast.county_a.pk)
    with django_assert_max_num_queries(20):
        r = c.get(url)
    assert r.status_code == 200


def test_checklist_detail_query_count(cast, login, checklist_many, django_assert_max_num_queries):
    c = login(cast.office)
    with django_assert_max_num_queries(20):
        assert c.get(reverse("rectification:checklist",
                             args=[checklist_many.pk])).status_code == 200


def test_item_page_query_count(cast, login, make_item, django_assert_max_num_queries):
    item = make_item(state=State.RECTIFYING)
    for i in range(8):
        actions.add_measure(item, cast.staff, text=f"措施{i}", owner=cast.staff,
                            deadline=item.deadline)
    c = login(cast.school_head)
    with django_assert_max_num_queries(30):
        assert c.get(reverse("rectification:item", args=[item.pk])).status_code == 200
