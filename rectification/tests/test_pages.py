"""Every page renders for the people it is for, and the home card shows."""

import pytest
from django.urls import reverse

from rectification.choices import State


@pytest.fixture
def items(make_item, personal_item):
    return {"open": make_item(state=State.RECTIFYING),
            "closed": make_item(state=State.SIGNED_OFF, is_public=True,
                                public_summary="学校食堂台账不全，已整改"),
            "personal": personal_item}


PAGES = ["rectification:ledger", "rectification:item_create", "rectification:stats",
         "rectification:checklists", "rectification:cases", "rectification:public",
         "rectification:import", "rectification:checklist_create"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_render_for_office(cast, login, items, name):
    r = login(cast.office).get(reverse(name))
    assert r.status_code == 200, r.content[:500]


def test_item_page(cast, login, items):
    c = login(cast.school_head)
    for key in ("open", "closed"):
        r = c.get(reverse("rectification:item", args=[items[key].pk]))
        assert r.status_code == 200
        assert "食堂台账不全" in r.content.decode()


def test_home_card(cast, login, items):
    r = login(cast.staff).get("/")
    assert 'id="rectification-card"' in r.content.decode()
