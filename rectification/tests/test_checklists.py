"""Self-inspection checklists: define, assign, answer; every problem found becomes an item."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from inbox.models import Notification
from rectification import actions
from rectification.choices import ListType, Source, State
from rectification.models import ChecklistAnswer, ChecklistAssignment, Item

from .conftest import TODAY

POINTS = "查：理想信念是否坚定\n查：工作作风是否扎实\n看：学生家长是否满意"


@pytest.fixture
def checklist(cast):
    return actions.create_checklist(cast.office, title="五查五看", description="", category="五查五看",
                                    points=actions.parse_points(POINTS))


def test_parse_points():
    assert actions.parse_points("1. 查：甲\n\n看:乙\n丙") == [("check", "甲"), ("look", "乙"),
                                                           ("check", "丙")]


def test_define_and_assign_by_pages(cast, login):
    c = login(cast.office)
    r = c.post(reverse("rectification:checklist_create"),
               {"title": "五查五看", "category": "五查五看", "description": "", "points": POINTS})
    assert r.status_code == 302
    r = c.post(r["Location"], {"units": [cast.county_a.pk], "with_children": "on",
                               "deadline": "2026-12-31"})
    assert r.status_code == 302
    units = set(ChecklistAssignment.objects.values_list("unit__code", flat=True))
    assert units == {"A", "A-S1", "A-S2"}
    assert Notification.objects.filter(recipient=cast.school_head).exists()


def test_only_office_and_admin_define(cast, checklist):
    for who in (cast.school_head, cast.staff, cast.director):
        with pytest.raises(PermissionDenied):
            actions.create_checklist(who, title="x", description="", category="x",
                                     points=[("check", "x")])
        with pytest.raises(PermissionDenied):
            actions.assign_checklist(checklist, who, units=[cast.school_a1],
                                     deadline=TODAY, today=TODAY)


def test_answer_makes_items_with_source(cast, login, checklist):
    [a] = actions.assign_checklist(checklist, cast.office, units=[cast.school_a1],
                                   deadline=TODAY, today=TODAY)
    points = list(checklist.points.all())
    c = login(cast.school_head)
    assert "五查五看" in c.get(reverse("rectification:checklists")).content.decode()
    data = {"rectify_by": "2026-12-31", f"ok_{points[0].pk}": "1",
            f"ok_{points[1].pk}": "0", f"note_{points[1].pk}": "值班制度落实不到位",
            f"ok_{points[2].pk}": "1"}
    r = c.post(reverse("rectification:checklist_answer", args=[a.pk]), data)
    assert r.status_code == 302
    item = Item.objects.get()
    answer = ChecklistAnswer.objects.get(point=points[1])
    assert item.source == Source.SELF_INSPECTION
    assert item.source_type == "rectification.checklistanswer"
    assert item.source_id == str(answer.pk) and answer.item == item
    assert "值班制度落实不到位" in item.problem and "工作作风是否扎实" in item.problem
    assert item.lead_unit == cast.school_a1 and item.list_type == ListType.LEADERSHIP
    assert item.raised_by == cast.office and item.state == State.FOUND
    assert item.category == "五查五看"
    page = c.get(reverse("rectification:item", args=[item.pk])).content.decode()
    assert reverse("rectification:checklist_answer", args=[a.pk]) in page
    assert Notification.objects.filter(recipient=cast.office,
                                       title__contains="1").exists()
    # answered once only
    r = c.post(reverse("rectification:checklist_answer", args=[a.pk]), data)
    assert Item.objects.count() == 1


def test_problem_without_note_is_refused(cast, login, checklist):
    [a] = actions.assign_checklist(checklist, cast.office, units=[cast.school_a1],
                                   deadline=TODAY, today=TODAY)
    points = list(checklist.points.all())
    data = {"rectify_by": "2026-12-31", **{f"ok_{p.pk}": "0" for p in points}}
    r = login(cast.school_head).post(reverse("rectification:checklist_answer", args=[a.pk]), data)
    assert r.status_code == 200
    assert Item.objects.count() == 0 and ChecklistAnswer.objects.count() == 0
    assert ChecklistAssignment.objects.get().answered_at is None


def test_others_cannot_answer(cast, login, checklist):
    [a] = actions.assign_checklist(checklist, cast.office, units=[cast.school_a1],
                                   deadline=TODAY, today=TODAY)
    url = reverse("rectification:checklist_answer", args=[a.pk])
    page = login(cast.staff).get(url)
    assert page.status_code == 200 and 'id="answer-form"' not in page.content.decode()
    assert login(cast.staff).post(url, {"rectify_by": "2026-12-31"}).status_code == 403
    assert login(cast.office).get(url).status_code == 200
    assert login(cast.school_head_b1).get(reverse("rectification:checklist_answer",
                                                  args=[a.pk])).status_code == 404


def test_department_answers_go_to_the_risk_list(cast, checklist):
    from orgs.choices import Role
    from orgs.models import Membership

    Membership.objects.create(person=cast.auditor, unit=cast.office_dept, role=Role.DEPT_HEAD)
    [a] = actions.assign_checklist(checklist, cast.office, units=[cast.office_dept],
                                   deadline=TODAY, today=TODAY)
    answers = {p.pk: (p.number != 1, "采购流程不规范") for p in checklist.points.all()}
    [item] = actions.answer_checklist(a, cast.auditor, answers=answers, rectify_by=TODAY,
                                      today=TODAY)
    assert item.list_type == ListType.DEPARTMENT


def test_to_answer_lists_only_what_the_user_may_answer(cast, login, checklist):
    actions.assign_checklist(checklist, cast.office, units=[cast.school_a1, cast.school_a2,
                                                            cast.school_b1],
                             deadline=TODAY, today=TODAY)
    from rectification.permissions import assignments_to_answer

    def units(person):
        return set(assignments_to_answer(person).values_list("unit__code", flat=True))

    assert units(cast.county_head) == {"A-S1", "A-S2"}
    assert units(cast.secretary) == {"A-S1"}
    assert units(cast.staff) == set() and units(cast.office) == set()
