"""Co-operating units (配合单位): their people see a general item where the lead unit's people
would (list, filters, page, exports, statistics) and work on the measures they own, but never
move the item's state; a personal rectification list item never gains co-operating units."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from rectification import actions
from rectification.choices import ListType, MeasureState, State
from rectification.models import Evidence, Item
from rectification.permissions import visible_to

from .conftest import TODAY, walk_to

TEXT = "校车接送安全隐患"


def _xlsx_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(io.BytesIO(content))
    return "\n".join(str(c.value) for row in wb.active.iter_rows() for c in row if c.value)


def _docx_text(response) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.fixture
def shared(cast, make_item):
    """An item of school A1 (county A) on which school B1 (county B) co-operates."""
    return make_item(state=State.RECTIFYING, problem=TEXT, raised_by=None,
                     co_units=[cast.school_b1])


def test_co_operating_school_head_sees_item_and_it_is_in_his_export(cast, login, shared):
    c = login(cast.school_head_b1)
    ledger = reverse("rectification:ledger")
    assert c.get(reverse("rectification:item", args=[shared.pk])).status_code == 200
    for query in ("", "?q=校车", "?state=rectifying", "?state=open",
                  f"?list_type={ListType.LEADERSHIP}", f"?unit={cast.school_b1.pk}"):
        assert TEXT in c.get(ledger + query).content.decode(), query
    assert TEXT in _xlsx_text(c.get(reverse("rectification:export")))
    assert TEXT in _xlsx_text(c.get(reverse("rectification:export")
                                    + f"?unit={cast.school_b1.pk}"))
    assert TEXT in _docx_text(c.get(reverse("rectification:report")))
    assert c.get(reverse("rectification:stats")).context["total"].total == 1
    # the export names both units
    assert "配合：乙县中学" in _xlsx_text(c.get(reverse("rectification:export")))


def test_co_operation_is_scoped_like_the_lead_unit(cast, shared):
    """Heads above the co-operating unit and its region's supervisor see it; a sibling of the
    lead unit that does not co-operate still does not."""
    assert visible_to(cast.supervisor).filter(pk=shared.pk).exists()  # supervises county B
    assert visible_to(cast.school_head_b1).filter(pk=shared.pk).count() == 1  # no duplicates
    assert not visible_to(cast.school_head_a2).filter(pk=shared.pk).exists()
    shared.co_units.add(cast.county_b)  # two co-operating units that the user both sees
    assert visible_to(cast.supervisor).filter(pk=shared.pk).count() == 1
    shared.co_units.clear()
    assert not visible_to(cast.school_head_b1).filter(pk=shared.pk).exists()


def test_co_operating_unit_cannot_approve_or_move_the_item(cast, login, shared):
    item = walk_to(shared, State.SIGNOFF_REQUESTED, cast)
    head_b1 = cast.school_head_b1
    for verb in ("approve", "return_by_unit"):
        with pytest.raises(PermissionDenied):
            actions.transition(item, verb, head_b1, reason="x", today=TODAY)
    with pytest.raises(PermissionDenied):
        actions.report_progress(item, head_b1, text="已整改", version=item.version)
    with pytest.raises(PermissionDenied):
        actions.add_measure(item, head_b1, text="x", owner=head_b1, deadline=item.deadline)
    c = login(head_b1)
    page = c.get(reverse("rectification:item", args=[item.pk]))
    assert page.context["steps"] == [] and not page.context["can_edit"]
    assert not page.context["can_work"] and not page.context["can_add_evidence"]
    c.post(reverse("rectification:item_step", args=[item.pk, "approve"]),
           {"version": item.version})
    assert Item.objects.get(pk=item.pk).state == State.SIGNOFF_REQUESTED
    assert c.get(reverse("rectification:item_edit", args=[item.pk])).status_code == 403
    # later in the flow too: the office signs off, not the co-operating unit
    item = walk_to(Item.objects.get(pk=item.pk), State.UNIT_HEAD_APPROVED, cast)
    with pytest.raises(PermissionDenied):
        actions.transition(item, "sign_off", head_b1, today=TODAY)


def test_co_operating_measure_owner_files_evidence_for_own_measure(cast, login, shared, png):
    # the lead unit's head may name a person of the co-operating unit as a measure's owner
    lead = login(cast.school_head)
    lead.post(reverse("rectification:measure_add", args=[shared.pk]),
              {"text": "乙县中学配合核查车辆", "owner": cast.school_head_b1.phone,
               "deadline": shared.deadline.isoformat()})
    theirs = shared.measures.get(owner=cast.school_head_b1)
    ours = actions.add_measure(shared, cast.staff, text="更换车辆", owner=cast.staff,
                               deadline=shared.deadline)
    c = login(cast.school_head_b1)
    page = c.get(reverse("rectification:item", args=[shared.pk]))
    assert page.context["can_add_evidence"] and not page.context["can_work"]
    assert list(page.context["evidence_form"].fields["measure"].queryset) == [theirs]
    r = c.post(reverse("rectification:evidence_add", args=[shared.pk]),
               {"file": png(), "measure": theirs.pk, "note": "已核查"})
    assert r.status_code == 302
    assert Evidence.objects.filter(item=shared, measure=theirs, note="已核查").count() == 1
    c.post(reverse("rectification:evidence_add", args=[shared.pk]),
           {"file": png(), "measure": ours.pk})
    c.post(reverse("rectification:evidence_add", args=[shared.pk]), {"file": png()})
    assert Evidence.objects.filter(item=shared).count() == 1
    c.post(reverse("rectification:measure_state", args=[theirs.pk]),
           {"state": MeasureState.DONE})
    theirs.refresh_from_db()
    assert theirs.state == MeasureState.DONE
    c.post(reverse("rectification:measure_state", args=[ours.pk]), {"state": MeasureState.DONE})
    ours.refresh_from_db()
    assert ours.state == MeasureState.PLANNED


EVERYONE = ["director", "leader", "office", "auditor", "admin", "discipline", "supervisor",
            "county_head", "school_head", "school_head_a2", "school_head_b1", "staff",
            "secretary", "member", "observer"]
SEES_PERSONAL = {"member", "secretary", "discipline"}


def test_personal_list_stays_invisible_to_co_operating_units(cast, login, personal_item):
    """A personal item cannot be given co-operating units; one that has them anyway (written
    around the actions) is still seen only by the person, the secretary and discipline."""
    with pytest.raises(actions.ActionError):
        actions.create_item(cast.secretary, today=TODAY, list_type=ListType.PERSONAL,
                            person=cast.member, source="supervision", problem="另一个问题",
                            category="作风纪律", found_on=TODAY, deadline=TODAY,
                            co_units=[cast.school_b1])
    with pytest.raises(actions.ActionError):
        actions.edit_item(personal_item, cast.secretary, version=personal_item.version,
                          co_units=[cast.school_b1])
    personal_item.co_units.add(cast.school_b1, cast.county_a, cast.school_a2)
    for who in EVERYONE:
        person = getattr(cast, who)
        sees = who in SEES_PERSONAL
        assert visible_to(person).filter(pk=personal_item.pk).exists() == sees, who
        if who in ("school_head_b1", "county_head", "school_head_a2", "supervisor"):
            c = login(person)
            assert c.get(reverse("rectification:item", args=[personal_item.pk])).status_code == 404
            for query in ("", f"?unit={person.unit_id}", f"?list_type={ListType.PERSONAL}"):
                assert "迟到早退" not in c.get(reverse("rectification:ledger") + query
                                           ).content.decode()
            assert "迟到早退" not in _xlsx_text(c.get(reverse("rectification:export")))


def test_ledger_query_count_for_a_co_operating_head(cast, login, make_item,
                                                    django_assert_max_num_queries):
    items = [Item(list_type=ListType.LEADERSHIP, source="audit", problem=f"问题{i}",
                  category="财务管理", lead_unit=cast.school_a1, owner=cast.staff,
                  found_on=TODAY, deadline=TODAY, state=State.RECTIFYING) for i in range(60)]
    Item.objects.bulk_create(items)
    link = Item.co_units.through
    link.objects.bulk_create([link(item_id=i.pk, unit_id=u.pk)
                              for i in Item.objects.all() for u in (cast.school_b1,
                                                                    cast.county_b)])
    c = login(cast.school_head_b1)
    for query in ("", f"?unit={cast.school_b1.pk}&state=open"):
        with django_assert_max_num_queries(20):
            r = c.get(reverse("rectification:ledger") + query)
        assert r.status_code == 200 and r.context["page"].paginator.count == 60


def test_heads_of_a_newly_asked_unit_are_told_once(cast, make_item):
    from inbox.models import Notification

    def told(person):  # a unit head of neither lead unit nor its parents hears only of this
        return Notification.objects.filter(recipient=person, title__contains=TEXT).count()

    item = make_item(problem=TEXT, co_units=[cast.school_b1])
    assert told(cast.school_head_b1) == 1
    assert told(cast.school_head_a2) == 0
    item = actions.edit_item(item, cast.school_head, version=item.version,
                             co_units=[cast.school_b1, cast.school_a2])
    assert told(cast.school_head_a2) == 1
    assert told(cast.school_head_b1) == 1  # already asked: not told again
