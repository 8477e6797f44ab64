"""The shared cast every test reuses: a small city with people in every role.

    city bureau (C)                     leader: region county A; director: region whole city
    ├── office department (C-D1)        office staff, auditor, admin, discipline inspector
    ├── county bureau A (A)             county head
    │   ├── school A1 (A-S1)            school head, staff, branch secretary, member
    │   └── school A2 (A-S2)            school head
    └── county bureau B (B)             supervisor supervises B
        └── school B1 (B-S1)            school head
"""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from orgs.choices import PartyOrgKind, RegionKind, Role, UnitKind
from orgs.models import Membership, PartyOrg, Person, Region, Unit

PASSWORD = "Test#Pass2026"


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    cache.clear()  # the page cache keys on audit ids, which a rolled-back test hands out again
    # Tests read response.context and change rows directly, neither of which a kept page
    # has; duban/tests/test_pagecache.py and the browser journeys (fixture `page`) run with it.
    settings.DUBAN_PAGE_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DUBAN_HOME_CARD_SECONDS = 0  # tests look at fresh counts (test_layout covers caching)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@dataclass
class Cast:
    city: Unit
    office_dept: Unit
    county_a: Unit
    county_b: Unit
    school_a1: Unit
    school_a2: Unit
    school_b1: Unit
    director: Person
    leader: Person
    office: Person
    auditor: Person
    admin: Person
    discipline: Person
    supervisor: Person
    county_head: Person
    school_head: Person
    school_head_a2: Person
    school_head_b1: Person
    staff: Person
    secretary: Person
    member: Person
    observer: Person

    def people(self) -> dict[str, Person]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Person)}


def _person(n, name, unit, *roles, title=""):
    p = Person.objects.create_user(phone=f"139{n:08d}", password=PASSWORD, name=name, unit=unit,
                                   staff_no=f"S{n:05d}", title=title, must_change_password=False)
    for r in roles:
        Membership.objects.create(person=p, unit=unit, role=r)
    return p


@pytest.fixture
def cast(db) -> Cast:
    def add(parent_code, code, name, kind):
        fields = {"code": code, "name": name, "kind": kind}
        if parent_code is None:
            return Unit.objects.add_root(create_kwargs=fields)
        return Unit.objects.add_child(Unit.objects.get(code=parent_code), create_kwargs=fields)

    add(None, "C", "测试市教育局", UnitKind.CITY_BUREAU)
    add("C", "C-D1", "测试市教育局办公室", UnitKind.DEPARTMENT)
    add("C", "A", "甲区教育局", UnitKind.COUNTY_BUREAU)
    add("C", "B", "乙县教育局", UnitKind.COUNTY_BUREAU)
    add("A", "A-S1", "甲区第一小学", UnitKind.SCHOOL)
    add("A", "A-S2", "甲区实验幼儿园", UnitKind.KINDERGARTEN)
    add("B", "B-S1", "乙县中学", UnitKind.SCHOOL)
    units = {u.code: u for u in Unit.objects.all()}
    c = Cast(
        city=units["C"], office_dept=units["C-D1"], county_a=units["A"], county_b=units["B"],
        school_a1=units["A-S1"], school_a2=units["A-S2"], school_b1=units["B-S1"],
        director=_person(1, "局长甲", units["C"], Role.LEADER, title="局长"),
        leader=_person(2, "副局长乙", units["C"], Role.LEADER, title="分管副局长"),
        office=_person(3, "督查员丙", units["C-D1"], Role.OFFICE, title="督查室主任"),
        auditor=_person(4, "审计员丁", units["C-D1"], Role.AUDITOR),
        admin=_person(5, "管理员戊", units["C-D1"], Role.ADMIN),
        discipline=_person(6, "纪检员己", units["C-D1"], Role.DISCIPLINE),
        supervisor=_person(7, "督学庚", units["C-D1"], Role.SUPERVISOR),
        county_head=_person(8, "区局长辛", units["A"], Role.UNIT_HEAD, title="局长"),
        school_head=_person(9, "校长壬", units["A-S1"], Role.UNIT_HEAD, title="校长"),
        school_head_a2=_person(10, "园长癸", units["A-S2"], Role.UNIT_HEAD, title="园长"),
        school_head_b1=_person(11, "校长子", units["B-S1"], Role.UNIT_HEAD, title="校长"),
        staff=_person(12, "教师丑", units["A-S1"], Role.STAFF, title="教师"),
        secretary=_person(13, "书记寅", units["A-S1"], Role.BRANCH_SECRETARY, Role.MEMBER),
        member=_person(14, "党员卯", units["A-S1"], Role.MEMBER),
        observer=_person(15, "代表辰", units["C"], Role.OBSERVER),
    )
    Region.objects.create(person=c.director, unit=c.city)
    Region.objects.create(person=c.leader, unit=c.county_a)
    Region.objects.create(person=c.supervisor, unit=c.county_b, kind=RegionKind.SUPERVISE)
    PartyOrg.objects.create(unit=c.school_a1, kind=PartyOrgKind.BRANCH, name="甲区第一小学党支部",
                            term_start=date(2023, 12, 1), term_end=date(2026, 12, 31))
    return c


@pytest.fixture
def login(client):
    """login(person) → a client logged in as that person (None: the anonymous public)."""

    def _login(person):
        c = Client()
        if person is not None:
            c.force_login(person)
        return c

    return _login


# --- Browser journeys: Playwright driving Debian's chromium --------------------------------------
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def chromium():
    import os

    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it with apt-get)")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop shares the test thread
    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    pw.stop()


@pytest.fixture
def page(chromium, live_server, settings):
    """A fresh browser page whose relative URLs go to the live test server, page cache on."""
    settings.DUBAN_PAGE_CACHE_SECONDS = 60
    context = chromium.new_context(base_url=live_server.url, locale="zh-CN",
                                   viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def browser_login(pg, person, password=PASSWORD):
    """Log in through the real form."""
    pg.goto("/login/")
    pg.fill("#id_username", person.phone)
    pg.fill("#id_password", password)
    pg.click("main button[type=submit]")
    pg.wait_for_load_state()
