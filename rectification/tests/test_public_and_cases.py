"""The public progress page shows no personal data; the case library; re-inspection pages."""

import pytest
from django.urls import reverse

from rectification import actions
from rectification.choices import CaseState, State
from rectification.models import Case, Item, Reinspection

from .conftest import TODAY


def test_public_page_shows_progress_without_personal_data(cast, login, make_item, personal_item):
    make_item(state=State.RECTIFYING, is_public=True, public_summary="某小学食堂台账不全问题",
              responsible_leader=cast.leader)
    make_item(state=State.SIGNED_OFF, problem="内部问题不公开")
    r = login(None).get(reverse("rectification:public"))
    assert r.status_code == 200
    text = r.content.decode()
    assert "某小学食堂台账不全问题" in text
    assert ("Being rectified" in text) or ("整改中" in text) or ("正在整改" in text)
    assert "内部问题不公开" not in text and "迟到早退" not in text
    for p in cast.people().values():
        assert p.name not in text, p.name
        assert p.phone not in text
    assert "食堂台账不全" not in text.replace("某小学食堂台账不全问题", "")


def test_public_summary_may_not_name_people_of_the_item(cast, make_item):
    item = make_item(responsible_leader=cast.leader)
    with pytest.raises(actions.ActionError, match="personal data"):
        actions.edit_item(item, cast.school_head, version=item.version, is_public=True,
                          public_summary="副局长乙负责整改")


@pytest.fixture
def closed(make_item):
    return make_item(state=State.SIGNED_OFF)


CASE = {"title": "某校食堂管理问题", "category": "食品安全", "what_happened": "食堂台账不全",
        "rule_broken": "食品安全法", "handling": "限期整改", "lesson": "抓早抓小"}


def test_case_is_written_approved_and_searchable(cast, login, closed):
    # a head of another county's school cannot see the item: 404; its owner may not write: 403
    assert login(cast.school_head_b1).get(reverse("rectification:case_create",
                                                  args=[closed.pk])).status_code == 404
    assert login(cast.staff).get(reverse("rectification:case_create",
                                         args=[closed.pk])).status_code == 403
    c = login(cast.office)
    r = c.post(reverse("rectification:case_create", args=[closed.pk]), CASE)
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.state == CaseState.PENDING
    # the writer cannot approve their own case
    r = c.post(reverse("rectification:case_review", args=[case.pk, "approve"]), follow=True)
    assert Case.objects.get().state == CaseState.PENDING
    # staff do not see unpublished cases
    assert login(cast.staff).get(reverse("rectification:case", args=[case.pk])).status_code == 404
    r = login(cast.director).post(reverse("rectification:case_review", args=[case.pk, "approve"]))
    assert Case.objects.get().state == CaseState.PUBLISHED
    staff = login(cast.staff)
    assert staff.get(reverse("rectification:case", args=[case.pk])).status_code == 200
    found = staff.get(reverse("rectification:cases") + "?category=食品安全").content.decode()
    assert "某校食堂管理问题" in found
    other = staff.get(reverse("rectification:cases") + "?category=作风纪律").content.decode()
    assert "某校食堂管理问题" not in other


def test_case_must_be_anonymous(cast, closed):
    with pytest.raises(actions.ActionError, match="anonymous"):
        actions.write_case(closed, cast.office, **{**CASE, "what_happened": "教师丑未建台账"})
    assert Case.objects.count() == 0


def test_case_only_from_closed_item(cast, make_item):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.write_case(make_item(state=State.RECTIFYING), cast.office, **CASE)


def test_case_sent_back_and_resubmitted(cast, login, closed):
    case = actions.write_case(closed, cast.office, **CASE)
    actions.return_case(case, cast.director, reason="教训写得不够具体")
    assert Case.objects.get().state == CaseState.DRAFT
    r = login(cast.office).post(reverse("rectification:case", args=[case.pk]),
                                {**CASE, "lesson": "建立台账，定期检查"})
    assert r.status_code == 302 and Case.objects.get().state == CaseState.PENDING


def test_reinspection_scheduled_then_reopens_by_page(cast, login, closed):
    c = login(cast.office)
    r = c.post(reverse("rectification:reinspection_schedule", args=[closed.pk]),
               {"inspector": cast.leader.phone, "scheduled_on": "2026-08-01"})
    assert r.status_code == 302
    pending = Reinspection.objects.get()
    r = login(cast.leader).post(reverse("rectification:reinspection_result", args=[closed.pk]),
                                {"result": "台账又缺了两个月", "reopen": "on",
                                 "reinspection": pending.pk, "version": closed.version})
    assert r.status_code == 302
    assert Item.objects.get(pk=closed.pk).state == State.RECTIFYING
    assert Reinspection.objects.get().reopened


def test_reinspection_that_holds_keeps_it_closed(cast, closed):
    r = actions.record_reinspection(closed, cast.office, result="整改效果巩固", reopen=False,
                                    today=TODAY)
    assert r.ad_hoc and not r.reopened
    assert Item.objects.get(pk=closed.pk).state == State.SIGNED_OFF
