"""Every page and export for every role of the cast: allowed, 403 or 404; query caps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from assignments import actions
from assignments.models import Item

ROLES = ["director", "leader", "office", "auditor", "admin", "discipline", "supervisor",
         "county_head", "school_head", "school_head_a2", "school_head_b1", "staff", "secretary",
         "member", "observer"]
BOARD = {"director", "leader", "office", "auditor", "admin", "discipline", "supervisor",
         "county_head", "school_head", "school_head_a2", "school_head_b1"}
ISSUERS = {"director", "leader", "office"}
SEES_PART = {"director", "leader", "office", "auditor", "admin", "discipline", "county_head",
             "school_head", "staff", "secretary", "member"}
SEES_UNIT = SEES_PART
ACTS = {"county_head", "school_head", "staff"}
DECOMPOSES = ACTS | {"office"}
MANAGES = {"office"}
LEADERS = {"director", "leader", "supervisor"}


def expect(role, allowed, visible=None):
    if visible is not None and role not in visible:
        return 404
    return 200 if role in allowed else 403


@pytest.fixture
def world(cast):
    now = timezone.now()
    today = timezone.localdate()
    top = actions.create_item(actor=cast.office, now=now, title="新建幼儿园", deadline=today +
                              timedelta(days=60), lead_unit=cast.county_a, owner=cast.county_head,
                              responsible_leader=cast.leader)
    part, other = actions.decompose(top, [
        actions.Part(cast.school_a1, cast.staff, today + timedelta(days=30)),
        actions.Part(cast.school_a2, None, today + timedelta(days=30))],
        actor=cast.office, now=now)
    return {"top": top, "part": part, "other": other}


PAGES = [
    ("todo", lambda w, c: "/assignments/todo/", lambda r: 200),
    ("board", lambda w, c: "/assignments/", lambda r: expect(r, BOARD)),
    ("board filtered", lambda w, c: "/assignments/?flag=red&source=document&top=on",
     lambda r: expect(r, BOARD)),
    ("export", lambda w, c: "/assignments/export.xlsx", lambda r: expect(r, BOARD)),
    ("create", lambda w, c: "/assignments/items/new/", lambda r: expect(r, ISSUERS)),
    ("detail", lambda w, c: f"/assignments/items/{w['part'].pk}/",
     lambda r: expect(r, SEES_PART, SEES_PART)),
    ("edit", lambda w, c: f"/assignments/items/{w['part'].pk}/edit/",
     lambda r: expect(r, MANAGES, SEES_PART)),
    ("decompose", lambda w, c: f"/assignments/items/{w['part'].pk}/decompose/",
     lambda r: expect(r, DECOMPOSES, SEES_PART)),
    ("report", lambda w, c: f"/assignments/items/{w['part'].pk}/report/",
     lambda r: expect(r, ACTS, SEES_PART)),
    ("unit", lambda w, c: f"/assignments/units/{c.school_a1.pk}/",
     lambda r: expect(r, SEES_UNIT, SEES_UNIT)),
    ("leader", lambda w, c: "/assignments/leader/", lambda r: expect(r, LEADERS)),
    ("weekly", lambda w, c: "/assignments/weekly/", lambda r: expect(r, BOARD)),
    ("weekly xlsx", lambda w, c: "/assignments/weekly.xlsx", lambda r: expect(r, BOARD)),
    ("weekly docx", lambda w, c: "/assignments/weekly.docx", lambda r: expect(r, BOARD)),
    ("import", lambda w, c: "/assignments/import/", lambda r: expect(r, ISSUERS)),
    ("template", lambda w, c: "/assignments/import/template.xlsx", lambda r: expect(r, ISSUERS)),
    ("summons", lambda w, c: "/assignments/summons/", lambda r: expect(r, BOARD)),
]


@pytest.mark.parametrize("name,url,rule", PAGES, ids=[p[0] for p in PAGES])
def test_page_permissions_for_every_role(cast, world, login, name, url, rule):
    target = url(world, cast)
    got = {role: login(getattr(cast, role)).get(target).status_code for role in ROLES}
    want = {role: rule(role) for role in ROLES}
    assert got == want
    assert login(None).get(target).status_code == 302  # the public is sent to log in


POSTS = [
    ("sign", lambda w: f"/assignments/items/{w['part'].pk}/act/sign/", ACTS, SEES_PART),
    ("cancel", lambda w: f"/assignments/items/{w['part'].pk}/act/cancel/", MANAGES, SEES_PART),
    ("extension", lambda w: f"/assignments/items/{w['part'].pk}/extension/", ACTS, SEES_PART),
    ("plan", lambda w: f"/assignments/items/{w['part'].pk}/plan/", ACTS | MANAGES, SEES_PART),
    ("remind", lambda w: "/assignments/remind/", ISSUERS, None),
]


@pytest.mark.parametrize("name,url,allowed,visible", POSTS, ids=[p[0] for p in POSTS])
def test_post_permissions_for_every_role(cast, world, login, name, url, allowed, visible):
    for role in ROLES:
        status = login(getattr(cast, role)).post(url(world), {"reason": "x"}).status_code
        want = expect(role, allowed, visible)
        assert (302 if want == 200 else want) == status, role


def test_sign_through_the_page(cast, world, login):
    part = world["part"]
    r = login(cast.staff).post(f"/assignments/items/{part.pk}/act/sign/",
                               {"version": part.version})
    assert r.status_code == 302
    part.refresh_from_db()
    assert part.state == "signed"


def test_stale_form_shows_conflict_message(cast, world, login):
    part = world["part"]
    c = login(cast.office)
    page = c.get(f"/assignments/items/{part.pk}/edit/")
    assert page.status_code == 200
    actions.edit_item(part, actor=cast.office, now=timezone.now(), version=part.version,
                      values={"title": "别人改的"})
    data = {"title": "我改的", "source": "document", "lead_unit": cast.school_a1.pk,
            "deadline": part.deadline.isoformat(), "priority": 2, "report_cadence": "monthly",
            "owner": cast.staff.pk, "version": 1}
    r = c.post(f"/assignments/items/{part.pk}/edit/", data)
    assert r.status_code == 200
    text = r.content.decode()
    assert "刷新" in text or "reload" in text.lower()
    part.refresh_from_db()
    assert part.title == "别人改的"


def test_create_through_the_page_rejects_past_deadline_and_foreign_unit(cast, login):
    c = login(cast.leader)
    today = timezone.localdate()
    base = {"title": "控辍保学", "source": "speech", "priority": 2, "report_cadence": "weekly"}
    r = c.post("/assignments/items/new/", {**base, "lead_unit": cast.county_a.pk,
                                           "deadline": (today - timedelta(days=1)).isoformat()})
    assert r.status_code == 200 and not Item.objects.exists()
    r = c.post("/assignments/items/new/", {**base, "lead_unit": cast.school_b1.pk,
                                           "deadline": (today + timedelta(days=9)).isoformat()})
    assert r.status_code == 200 and not Item.objects.exists()
    r = c.post("/assignments/items/new/", {**base, "lead_unit": cast.county_a.pk,
                                           "deadline": (today + timedelta(days=9)).isoformat(),
                                           "owner": cast.county_head.pk})
    assert r.status_code == 302
    assert Item.objects.get().issuer == cast.leader


def test_decompose_page_to_all_counties(cast, login):
    today = timezone.localdate()
    top = actions.create_item(actor=cast.office, now=timezone.now(), title="均衡发展",
                              deadline=today + timedelta(days=60), lead_unit=cast.city)
    c = login(cast.office)
    url = f"/assignments/items/{top.pk}/decompose/"
    r = c.post(url, {"all_counties": "on", "deadline": (today + timedelta(days=30)).isoformat()})
    assert r.status_code == 200 and [line["unit"] for line in r.context["lines"]] == [
        cast.county_a, cast.county_b]
    assert r.context["lines"][0]["owner"] == cast.county_head
    # Step two: each part its own owner and deadline; one too late → nothing saved.
    rows = {"row_unit": [cast.county_a.pk, cast.county_b.pk], "row_title": ["甲区", "乙县"],
            "row_owner": [cast.county_head.pk, ""],
            "row_deadline": [(today + timedelta(days=20)).isoformat(),
                             (today + timedelta(days=61)).isoformat()]}
    r = c.post(url, rows)
    assert r.status_code == 200 and r.context["error"] and not top.parts.exists()
    rows["row_deadline"][1] = (today + timedelta(days=45)).isoformat()
    assert c.post(url, rows).status_code == 302
    parts = {p.lead_unit: p for p in top.parts.all()}
    assert parts[cast.county_a].owner == cast.county_head
    assert parts[cast.county_a].deadline == today + timedelta(days=20)
    assert parts[cast.county_b].owner is None and parts[cast.county_b].title == "乙县"
    assert parts[cast.county_b].deadline == today + timedelta(days=45)


def test_board_shows_only_visible_items(cast, world, login):
    text = login(cast.school_head_a2).get("/assignments/").content.decode()
    assert world["other"].title in text and world["part"].title not in text


def test_home_card(cast, world, login):
    text = login(cast.staff).get("/").content.decode()
    assert 'id="assignments-card"' in text


LIST_PAGES = ["/assignments/todo/", "/assignments/", "/assignments/?flag=yellow",
              "/assignments/leader/", "/assignments/weekly/", "/assignments/summons/",
              "/assignments/units/{unit}/", "/"]


@pytest.mark.parametrize("url", LIST_PAGES)
def test_list_pages_have_a_query_cap(cast, login, django_assert_max_num_queries, url):
    today = timezone.localdate()
    now = timezone.now()
    for n in range(12):
        top = actions.create_item(actor=cast.office, now=now, title=f"事项{n}",
                                  deadline=today + timedelta(days=30 + n), lead_unit=cast.county_a,
                                  owner=cast.county_head, responsible_leader=cast.director)
        part, _other = actions.decompose(top, [
            actions.Part(cast.school_a1, cast.staff, today + timedelta(days=20)),
            actions.Part(cast.school_a2, None, today + timedelta(days=20))],
            actor=cast.office, now=now)
        actions.submit_report(part, actor=cast.staff, now=now, text="进展", percent=10,
                              client_token=f"t{n}")
    c = login(cast.director)
    c.get("/")  # warm the calendar cache and the session
    with django_assert_max_num_queries(25):
        r = c.get(url.format(unit=cast.county_a.pk))
    assert r.status_code == 200
