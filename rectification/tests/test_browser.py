"""The journey in chromium: a self-inspection checklist produces an item; the owner adds a
measure and evidence and requests sign-off; the unit head approves; the office sends it back
once, then signs it off; the public page shows its progress without personal data; a
re-inspection reopens it."""

import pytest

from conftest import browser_login
from rectification import actions
from rectification.choices import State
from rectification.models import Item

from .conftest import png_bytes


def _as(page, person):
    page.context.clear_cookies()
    browser_login(page, person)


def _step(page, item, verb, reason=None):
    page.goto(f"/rectification/{item.pk}/")
    if reason:
        page.fill(f"#reason-{verb}", reason)
    page.click(f"#step-{verb} button")
    page.wait_for_load_state()


@pytest.mark.browser
def test_checklist_to_signed_off_and_reopened(page, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.utils import timezone

    today = timezone.localdate()
    checklist = actions.create_checklist(
        cast.office, title="五查五看", description="", category="五查五看",
        points=actions.parse_points("查：工作作风是否扎实\n看：家长是否满意"))
    [assignment] = actions.assign_checklist(checklist, cast.office, units=[cast.school_a1],
                                            deadline=today, today=today)
    points = list(checklist.points.all())

    # the branch secretary answers for the school: one problem found
    _as(page, cast.secretary)
    page.goto("/rectification/checklists/")
    page.click(f"a[href='/rectification/checklists/answer/{assignment.pk}/']")
    page.check(f"input[name=ok_{points[0].pk}][value='0']")
    page.fill(f"#id_note_{points[0].pk}", "值班制度落实不到位")
    page.check(f"input[name=ok_{points[1].pk}][value='1']")
    page.click("#answer-form button[type=submit]")
    page.wait_for_load_state()
    item = Item.objects.get()
    assert item.source == "self_inspection" and item.owner == cast.secretary
    assert page.locator(f"#answer-table a[href='/rectification/{item.pk}/']").count() == 1

    # the school head confirms it; the office marks it public with a summary
    _as(page, cast.school_head)
    _step(page, item, "confirm")
    _as(page, cast.office)
    page.goto(f"/rectification/{item.pk}/edit/")
    page.check("#id_is_public")
    page.fill("#id_public_summary", "某小学值班制度落实不到位问题")
    page.click("#item-form button[type=submit]")
    page.wait_for_load_state()
    assert Item.objects.get().is_public

    # the owner works on it
    _as(page, cast.secretary)
    _step(page, item, "start")
    page.fill("#id_text", "修订值班制度，每日签到")
    page.fill("#id_owner", cast.secretary.phone)
    page.fill("#id_deadline", item.deadline.isoformat())
    page.click("#measure-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#measures").inner_text().count("修订值班制度") == 1
    photo = tmp_path / "签到表.png"
    photo.write_bytes(png_bytes())
    page.set_input_files("#evidence-form input[type=file]", str(photo))
    page.click("#evidence-form button[type=submit]")
    page.wait_for_load_state()
    assert "签到表.png" in page.locator("#evidence").inner_text()
    _step(page, item, "request_signoff")
    assert Item.objects.get().state == State.SIGNOFF_REQUESTED

    # the unit head approves; the office sends it back once
    _as(page, cast.school_head)
    _step(page, item, "approve")
    _as(page, cast.office)
    _step(page, item, "return_by_office", reason="签到表缺少两周记录")
    assert Item.objects.get().state == State.RECTIFYING
    assert "签到表缺少两周记录" in page.locator("#history").inner_text()

    # again: request, approve, sign off
    _as(page, cast.secretary)
    _step(page, item, "request_signoff")
    _as(page, cast.school_head)
    _step(page, item, "approve")
    _as(page, cast.office)
    _step(page, item, "sign_off")
    assert Item.objects.get().state == State.SIGNED_OFF

    # the public page: progress, no personal data
    page.context.clear_cookies()
    page.goto("/rectification/public/")
    text = page.locator("main").inner_text()
    assert "某小学值班制度落实不到位问题" in text
    assert "已销号" in text or "Signed off" in text
    for person in cast.people().values():
        assert person.name not in text and person.phone not in text

    # a re-inspection reopens it, keeping the history
    _as(page, cast.office)
    page.goto(f"/rectification/{item.pk}/")
    page.fill("#reinspection-result-form textarea[name=result]", "回头看发现签到流于形式")
    page.check("#reinspection-result-form input[name=reopen]")
    page.click("#reinspection-result-form button[type=submit]")
    page.wait_for_load_state()
    assert Item.objects.get().state == State.RECTIFYING
    history = page.locator("#history").inner_text()
    assert "回头看发现签到流于形式" in history and history.count("签到表缺少两周记录") == 1
    page.context.clear_cookies()
    page.goto("/rectification/public/")
    assert "某小学值班制度落实不到位问题" in page.locator("main").inner_text()
