"""The demo seed: deterministic items in every state, and the benchmark pages load."""

from collections import Counter

from django.test import Client

from assignments import benchpages, demo
from assignments.models import Item, ProgressReport
from orgs import demo as city
from orgs.models import Person


def test_demo_seed_and_bench_pages(db):
    logins = city.build_city(city.DEMO)
    made = demo.seed("demo")
    assert 250 <= made <= 300 and Item.objects.count() == made
    assert demo.seed("demo") == 0  # run once
    states = Counter(Item.objects.values_list("state", flat=True))
    assert {"in_progress", "closed", "verified", "reported"} <= set(states)
    assert Item.objects.filter(parent__isnull=False, parts__isnull=False).exists()
    assert ProgressReport.objects.filter(state="returned").exists()
    for item in Item.objects.filter(parent__isnull=False).select_related("parent")[:200]:
        assert item.deadline <= item.parent.deadline
        assert item.lineage == f"{item.parent.lineage}{item.parent_id}/"
    pages = benchpages.pages(logins)
    assert len(pages) >= 4
    for _name, url, phone in pages:
        c = Client()
        c.force_login(Person.objects.get(phone=phone))
        assert c.get(url).status_code == 200, url
