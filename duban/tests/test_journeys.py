"""Foundation journeys in a real browser (Debian's chromium driven by Playwright)."""

import pytest

from conftest import PASSWORD, browser_login
from orgs.models import Person, Unit
from orgs.tests.test_import import GOOD_PEOPLE, GOOD_UNITS, workbook

pytestmark = pytest.mark.browser


def test_log_in_and_see_the_home_page(cast, page):
    browser_login(page, cast.school_head)
    assert page.url.endswith("/")
    assert page.locator("h1").inner_text().endswith("校长壬")
    assert page.locator("#unread-count").inner_text() == "0"


def test_five_wrong_passwords_lock_the_account(cast, page):
    page.goto("/login/")
    for _ in range(5):
        page.fill("#id_username", cast.staff.phone)
        page.fill("#id_password", "not-the-password")
        page.click("button[type=submit]")
        page.wait_for_load_state()
    assert "锁定" in page.locator("#login-errors").inner_text()
    page.fill("#id_username", cast.staff.phone)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/login/" in page.url and "锁定" in page.locator("#login-errors").inner_text()
    assert Person.objects.get(pk=cast.staff.pk).is_locked()


def test_school_head_browses_only_the_own_subtree(cast, page):
    Unit.objects.add_child(Unit.objects.get(code="A-S1"),
                           create_kwargs={"code": "A-S1-1", "name": "甲区第一小学分校",
                                          "kind": "school"})
    browser_login(page, cast.school_head)
    page.click("nav.main >> text=组织机构")
    tree = page.locator("#unit-tree")
    assert "甲区第一小学" in tree.inner_text()
    assert "甲区第一小学分校" in tree.inner_text()
    assert "乙县中学" not in tree.inner_text() and "甲区教育局" not in tree.inner_text()
    # guessing another unit's address finds nothing
    response = page.goto(f"/orgs/units/{cast.school_b1.pk}/")
    assert response.status == 404


def test_county_head_expands_the_tree_in_place(cast, page):
    Unit.objects.add_child(Unit.objects.get(code="A-S1"),
                           create_kwargs={"code": "A-S1-1", "name": "甲区第一小学分校",
                                          "kind": "school"})
    browser_login(page, cast.county_head)
    page.goto("/orgs/")
    assert "甲区第一小学分校" not in page.locator("#unit-tree").inner_text()
    page.locator("#unit-tree button").first.click()
    page.wait_for_selector("text=甲区第一小学分校")


def test_import_people_with_one_bad_row_then_fix_it(cast, page, tmp_path):
    bad = tmp_path / "人员.xlsx"
    people = [*GOOD_PEOPLE, ("钱五", "1360000", "", "A-S9", "教师", "", "")]
    bad.write_bytes(workbook(GOOD_UNITS, people))
    browser_login(page, cast.admin)
    page.goto("/orgs/import/")
    page.set_input_files("#id_file", str(bad))
    page.click("main button[type=submit]")
    page.wait_for_selector("#import-errors")
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 1
    assert "4" in errors.first.inner_text() and "手机号" in errors.first.inner_text()
    assert not Person.objects.filter(phone__startswith="136").exists()
    good = tmp_path / "人员-改.xlsx"
    people[-1] = ("钱五", "13600000003", "", "A-S9", "教师", "", "")
    good.write_bytes(workbook(GOOD_UNITS, people))
    page.set_input_files("#id_file", str(good))
    page.click("main button[type=submit]")
    page.wait_for_selector("#import-result")
    assert Person.objects.filter(phone__startswith="136").count() == 3


def test_switch_language(cast, page):
    browser_login(page, cast.staff)
    assert page.locator("nav.main").inner_text().startswith("首页")
    page.select_option("#language-switch", "en")
    page.wait_for_load_state()
    page.wait_for_selector("nav.main >> text=Home")
    page.goto("/orgs/")
    assert "Unit tree" in page.locator("h1").inner_text()
    page.select_option("#language-switch", "zh-hans")
    page.wait_for_selector("nav.main >> text=首页")
