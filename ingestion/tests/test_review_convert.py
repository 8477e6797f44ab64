"""Creating 督办 items from reviewed tasks: one per open task, one transaction, source kept."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from assignments.models import Item
from audit.models import AuditEvent
from ingestion import actions
from ingestion.choices import DocumentState, TaskState


def task(doc, start_words):
    return doc.tasks.get(text__startswith=start_words)


@pytest.fixture
def reviewed(cast, doc):
    """The speech with its leader-only task rejected: every open task is complete."""
    actions.step_task(task(doc, "分管领导"), "reject", actor=cast.office)
    return doc


def test_convert_creates_one_item_per_open_task(cast, login, reviewed):
    doc = reviewed
    r = login(cast.office).post(reverse("ingestion:convert", args=[doc.pk]))
    assert r.status_code == 302
    items = {i.title: i for i in Item.objects.all()}
    assert len(items) == 5
    for t in doc.tasks.exclude(state=TaskState.REJECTED):
        assert t.state == TaskState.CONVERTED
        item = Item.objects.get(pk=t.item_id)
        assert (item.source_document_id, item.source_start, item.source_end) == (
            doc.pk, t.start, t.end)
        assert doc.text[item.source_start:item.source_end] == t.text
        assert item.deadline == t.deadline and item.issuer == cast.office
        assert item.parent is None
    county = Item.objects.get(title__startswith="各县区教育局")
    assert county.lead_unit == cast.county_a and set(county.co_units.all()) == {cast.county_b}
    schools = Item.objects.get(title__startswith="各学校")
    assert {schools.lead_unit, *schools.co_units.all()} == {cast.school_a1, cast.school_b1}
    assert schools.deadline == date(doc.year, 4, 30)
    assert Item.objects.get(title__startswith="甲区教育局").lead_unit == cast.county_a
    doc.refresh_from_db()
    assert doc.state == DocumentState.CONVERTED
    assert AuditEvent.objects.filter(action="ingestion.task.convert").count() == 5
    assert AuditEvent.objects.filter(action="item.issue").count() == 5
    assert task(doc, "分管领导").item_id is None


def test_convert_under_one_parent_item(cast, reviewed):
    items = actions.convert(reviewed, actor=cast.director, now=timezone.now(), with_parent=True)
    reviewed.refresh_from_db()
    parent = Item.objects.get(pk=reviewed.parent_item_id)
    assert parent.title == reviewed.title and parent.lead_unit == cast.city
    assert parent.deadline == max(i.deadline for i in items)
    assert all(i.parent_id == parent.pk for i in items) and len(items) == 5


def test_targets_go_to_the_item(cast, reviewed):
    t = task(reviewed, "乙县教育局")
    actions.use_figure(t, actions.figures(t)[0]["key"], actor=cast.office)
    actions.convert(reviewed, actor=cast.office, now=timezone.now())
    item = Item.objects.get(title__startswith="乙县教育局")
    assert (item.metric, item.metric_unit, str(item.target_value)) == ("改造率", "%", "95.00")


def test_role_maps_to_the_responsible_leader(cast, doc):
    t = task(doc, "分管领导")
    actions.edit_task(t, actor=cast.office, units=[], values={
        "lead_unit": cast.office_dept, "responsible_leader": cast.leader,
        "deadline": date(doc.year, 12, 31)})
    actions.convert(doc, actor=cast.office, now=timezone.now())
    item = Item.objects.get(title__startswith="分管领导")
    assert item.responsible_leader == cast.leader and item.lead_unit == cast.office_dept


def test_incomplete_tasks_are_named_and_nothing_is_created(cast, login, doc):
    c = login(cast.office)
    r = c.post(reverse("ingestion:convert", args=[doc.pk]), follow=True)
    html = r.content.decode()
    n = task(doc, "分管领导").order + 1
    assert f"Task {n} needs" in html or f"第 {n} 项任务" in html or f"任务 {n}" in html
    assert Item.objects.count() == 0
    assert not doc.tasks.filter(state=TaskState.CONVERTED).exists()


def test_a_failure_midway_leaves_no_item(cast, reviewed):
    # The last task's deadline has passed: assignments refuses it after four items were made.
    last = reviewed.tasks.exclude(state=TaskState.REJECTED).order_by("-start").first()
    type(last).objects.filter(pk=last.pk).update(
        deadline=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError):
        actions.convert(reviewed, actor=cast.office, now=timezone.now(), with_parent=True)
    assert Item.objects.count() == 0
    assert not reviewed.tasks.filter(state=TaskState.CONVERTED).exists()
    reviewed.refresh_from_db()
    assert reviewed.state == DocumentState.DRAFT and reviewed.parent_item_id is None
    assert not AuditEvent.objects.filter(action__in=["item.issue",
                                                     "ingestion.task.convert"]).exists()


def test_converted_tasks_are_not_converted_twice(cast, reviewed):
    actions.convert(reviewed, actor=cast.office, now=timezone.now())
    with pytest.raises(ValidationError):
        actions.convert(reviewed, actor=cast.office, now=timezone.now())
    t = task(reviewed, "各学校")
    with pytest.raises(ValidationError):
        actions.step_task(t, "reject", actor=cast.office)
    # a task added later becomes an item of its own
    start = reviewed.text.index("去年全市")
    added = actions.add_task(reviewed, start, reviewed.text.index("。", start) + 1,
                             actor=cast.office)
    actions.edit_task(added, actor=cast.office, units=[], values={
        "lead_unit": cast.county_a, "deadline": date(reviewed.year, 12, 1)})
    assert len(actions.convert(reviewed, actor=cast.office, now=timezone.now())) == 1
    assert Item.objects.count() == 6


def test_admin_reviews_but_does_not_issue(cast, login, reviewed):
    with pytest.raises(PermissionDenied):
        actions.convert(reviewed, actor=cast.admin, now=timezone.now())
    c = login(cast.admin)
    assert c.post(reverse("ingestion:convert", args=[reviewed.pk])).status_code == 403
    html = c.get(reverse("ingestion:document", args=[reviewed.pk])).content.decode()
    assert 'id="convert-form"' not in html and 'id="add-task-form"' in html


def test_source_link_opens_the_highlighted_sentence(cast, login, reviewed):
    actions.convert(reviewed, actor=cast.office, now=timezone.now())
    item = Item.objects.get(title__startswith="甲区教育局")
    url = (reverse("ingestion:document", args=[item.source_document_id])
           + f"?highlight={item.source_start}-{item.source_end}")
    # the county head sees the item, so he may read its source (without the review tools)
    r = login(cast.county_head).get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert '<span class="anchor" id="highlight"></span>' in html
    assert 'id="highlight-note"' in html and 'id="convert-card"' not in html
    hl = html.split('id="highlight"></span>')[1]
    assert "甲区教育局要在本学期末前实现课后服务全覆盖。" in hl.split("</a>")[0]
    t = reviewed.tasks.get(item_id=item.pk)
    assert f'href="{reverse("assignments:item", args=[item.pk])}"' in login(
        cast.office).get(reverse("ingestion:document", args=[reviewed.pk])).content.decode()
    assert t.get_absolute_url().endswith(f"#card-{t.pk}")
    # a bad highlight is ignored
    assert login(cast.office).get(reverse("ingestion:document", args=[reviewed.pk])
                                  + "?highlight=9-2x").status_code == 200


def test_a_second_conversion_with_a_stale_list_creates_nothing(cast, reviewed, monkeypatch):
    actions.convert(reviewed, actor=cast.office, now=timezone.now())
    assert Item.objects.count() == 5
    # As if a second request had read the tasks before the first one converted them.
    monkeypatch.setattr(actions, "convertible", lambda d: d.tasks.exclude(
        state=TaskState.REJECTED).order_by("start"))
    with pytest.raises(ValidationError):
        actions.convert(reviewed, actor=cast.office, now=timezone.now())
    assert Item.objects.count() == 5
