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


EVERY_LIST_PAGE = ["rectification:ledger", "rectification:stats", "rectification:checklists",
                   "rectification:cases", "rectification:public", "rectification:item_create"]


@pytest.mark.parametrize("who", ["director", "leader", "office", "auditor", "admin", "discipline",
                                 "supervisor", "county_head", "school_head", "school_head_a2",
                                 "school_head_b1", "staff", "secretary", "member", "observer"])
def test_every_person_opens_the_list_pages(cast, login, items, who):
    c = login(getattr(cast, who))
    for name in EVERY_LIST_PAGE:
        assert c.get(reverse(name)).status_code == 200, name


def test_a_member_files_their_own_personal_item_by_page(cast, login):
    from rectification.models import Item

    r = login(cast.member).post(reverse("rectification:item_create"), {
        "list_type": "personal", "source": "opinion", "problem": "学习不够深入",
        "category": "学习教育", "kind": "ongoing", "person": cast.member.phone,
        "found_on": "2026-05-01", "deadline": "2026-08-01"})
    assert r.status_code == 302
    item = Item.objects.get()
    assert item.person == cast.member and item.owner == cast.member
    assert item.lead_unit == cast.school_a1 and not item.is_public


def test_a_general_item_by_page_links_a_supervision_item(cast, login):
    from rectification.models import Item

    r = login(cast.county_head).post(reverse("rectification:item_create"), {
        "list_type": "leadership", "source": "supervision", "problem": "校门口护导缺位",
        "category": "校园安全", "kind": "immediate", "lead_unit": cast.school_a1.pk,
        "co_units": [cast.school_a2.pk], "owner": cast.staff.phone,
        "responsible_leader": cast.leader.name, "assignment_item_id": "42",
        "found_on": "2026-05-01", "deadline": "2026-05-08"})
    assert r.status_code == 302, r.context["form"].errors
    item = Item.objects.get()
    assert item.assignment_item_id == 42 and item.responsible_leader == cast.leader
    page = login(cast.county_head).get(reverse("rectification:item", args=[item.pk]))
    assert "#42" in page.content.decode()
    assert list(item.co_units.all()) == [cast.school_a2]
    from inbox.models import Notification

    note = Notification.objects.get(recipient=cast.staff)
    assert "校门口护导缺位" in note.title


def test_department_item_needs_risk_point(cast, login):
    from orgs.choices import Role
    from orgs.models import Membership

    Membership.objects.create(person=cast.auditor, unit=cast.office_dept, role=Role.DEPT_HEAD)
    r = login(cast.auditor).post(reverse("rectification:item_create"), {
        "list_type": "department", "source": "audit", "problem": "采购不规范",
        "category": "廉政风险", "kind": "deadline", "lead_unit": cast.office_dept.pk,
        "owner": cast.auditor.phone, "found_on": "2026-05-01", "deadline": "2026-08-01"})
    assert r.status_code == 200 and "risk_point" in r.context["form"].errors


def test_mine_filter(cast, login, items):
    from rectification.models import Item

    Item.objects.filter(pk=items["closed"].pk).update(owner=cast.school_head)
    text = login(cast.staff).get(reverse("rectification:ledger") + "?mine=on").content.decode()
    assert f'href="/rectification/{items["open"].pk}/"' in text
    assert f'href="/rectification/{items["closed"].pk}/"' not in text
