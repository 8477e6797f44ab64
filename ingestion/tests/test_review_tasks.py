"""Reviewing proposed tasks: edit, accept, reject, restore, split, merge, add, figures."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from ingestion import actions, rendering
from ingestion.choices import TaskState
from ingestion.models import ProposedTask


def task(doc, start_words):
    return doc.tasks.get(text__startswith=start_words)


def test_edit_corrects_owners_deadline_and_target(cast, doc):
    t = task(doc, "各县区教育局")
    actions.edit_task(t, actor=cast.office, units=[cast.school_a1], values={
        "text": t.text, "lead_unit": cast.county_b, "responsible_leader": cast.leader,
        "deadline": date(doc.year, 7, 15), "metric": "新建幼儿园", "metric_unit": "所",
        "target_value": Decimal("6")})
    t.refresh_from_db()
    assert t.state == TaskState.ACCEPTED and t.lead_unit == cast.county_b
    assert {m.unit: m.confidence for m in t.mappings.all()} == {cast.county_b: 1.0,
                                                                cast.school_a1: 1.0}
    assert t.deadline == date(doc.year, 7, 15) and t.responsible_leader == cast.leader
    ev = AuditEvent.objects.get(action="ingestion.task.edit")
    assert "units" in ev.changes and "deadline" in ev.changes and ev.unit == cast.city


def test_edit_refuses_units_outside_the_reviewers_scope(cast, make_doc):
    doc = make_doc(actor=cast.leader)  # the deputy follows county A only
    t = task(doc, "各学校")
    with pytest.raises(ValidationError):
        actions.edit_task(t, actor=cast.leader, units=[cast.school_b1],
                          values={"lead_unit": cast.school_a1})


def test_edit_refuses_empty_text(cast, doc):
    with pytest.raises(ValidationError):
        actions.edit_task(task(doc, "各学校"), actor=cast.office, values={"text": "  "})


def test_edit_view(cast, login, doc):
    t = task(doc, "各学校")
    c = login(cast.office)
    url = reverse("ingestion:task_edit", args=[t.pk])
    page = c.get(url).content.decode()
    # the parser's suggestion is preselected
    assert f'<option value="{cast.school_a1.pk}" selected>' in page
    assert f'name="keep" value="{cast.school_b1.pk}"' in page
    assert page.split(f'name="keep" value="{cast.school_b1.pk}"')[1].split(">")[0].count(
        "checked") == 1
    r = c.post(url, {"text": t.text, "lead_unit": cast.school_b1.pk,
                     "units": [cast.school_a1.pk, cast.school_a2.pk],
                     "deadline": f"{doc.year}-05-08", "responsible_leader": cast.director.pk})
    assert r.status_code == 302 and r.url.endswith(f"#card-{t.pk}")
    t.refresh_from_db()
    assert t.lead_unit == cast.school_b1 and t.deadline == date(doc.year, 5, 8)
    assert set(t.units.all()) == {cast.school_a1, cast.school_a2, cast.school_b1}
    # unticking a unit found by the parser drops it
    r = c.post(url, {"text": t.text, "lead_unit": cast.school_b1.pk,
                     "keep": [cast.school_a1.pk], "deadline": f"{doc.year}-05-08"})
    assert r.status_code == 302
    assert set(t.units.all()) == {cast.school_a1, cast.school_b1}


def test_accept_reject_restore(cast, login, doc):
    t = task(doc, "各学校")
    c = login(cast.office)
    c.post(reverse("ingestion:task_step", args=[t.pk, "reject"]))
    t.refresh_from_db()
    assert t.state == TaskState.REJECTED
    # a rejected task cannot be edited until restored
    with pytest.raises(ValidationError):
        actions.edit_task(t, actor=cast.office, values={"text": "x"})
    c.post(reverse("ingestion:task_step", args=[t.pk, "restore"]))
    c.post(reverse("ingestion:task_step", args=[t.pk, "accept"]))
    t.refresh_from_db()
    assert t.state == TaskState.ACCEPTED
    assert [e.action for e in AuditEvent.objects.order_by("id")][-3:] == [
        "ingestion.task.reject", "ingestion.task.restore", "ingestion.task.accept"]
    assert c.post(reverse("ingestion:task_step", args=[t.pk, "delete"])).status_code == 403


def test_split_at_a_clause(cast, login, doc):
    t = task(doc, "各县区教育局")
    points = actions.split_points(t)
    assert points and doc.text[points[0] - 1] == "，"
    r = login(cast.office).post(reverse("ingestion:task_split", args=[t.pk]),
                                {"at": points[0]})
    assert r.status_code == 302
    t.refresh_from_db()
    second = ProposedTask.objects.get(document=doc, start=points[0])
    assert t.text == "各县区教育局要在6月底前完成新建幼儿园选址，"
    assert second.text == "年底前新建幼儿园6所。"
    assert doc.text[t.start:t.end] + doc.text[second.start:second.end] == \
        "各县区教育局要在6月底前完成新建幼儿园选址，年底前新建幼儿园6所。"
    assert set(second.units.all()) == {cast.county_a, cast.county_b}
    assert second.order == t.order + 1


def test_split_outside_the_task_is_refused(cast, doc):
    t = task(doc, "各学校")
    for at in (t.start, t.end, t.end + 5, 0):
        with pytest.raises(ValidationError):
            actions.split_task(t, at, actor=cast.office)
    assert doc.tasks.count() == 6


def test_merge_with_next(cast, login, doc):
    first, second = task(doc, "市教育局各科室"), task(doc, "甲区教育局")
    r = login(cast.office).post(reverse("ingestion:task_merge", args=[first.pk]))
    assert r.status_code == 302
    first.refresh_from_db()
    assert not ProposedTask.objects.filter(pk=second.pk).exists()
    assert first.start < first.end and first.end == second.end
    assert first.text == doc.text[first.start:first.end]
    assert set(first.units.all()) == {cast.office_dept, cast.county_a}
    assert first.deadline == second.deadline  # the later of the two
    assert first.owners_text == "市教育局各科室、甲区教育局"
    assert list(doc.tasks.values_list("order", flat=True)) == list(range(5))


def test_merge_the_last_task_is_refused(cast, doc):
    last = doc.tasks.order_by("-start").first()
    with pytest.raises(ValidationError):
        actions.merge_with_next(last, actor=cast.office)


def test_add_a_task_from_a_selection(cast, login, doc):
    text = doc.text
    start = text.index("去年全市新增学位")
    end = text.index("。", start) + 1
    r = login(cast.office).post(reverse("ingestion:task_add", args=[doc.pk]),
                                {"start": start - 1, "end": end})  # the newline is trimmed
    assert r.status_code == 302
    t = doc.tasks.get(start=start)
    assert t.text == "去年全市新增学位2400个。" and t.end == end
    assert t.state == TaskState.ACCEPTED and t.section == "扩大学前教育资源"


def test_add_a_task_maps_its_owners(cast, doc):
    text = doc.text
    start = text.index("各学校要")
    t = actions.add_task(doc, start, text.index("。", start) + 1, actor=cast.office)
    assert set(t.units.all()) == {cast.school_a1, cast.school_b1}
    assert t.deadline == date(doc.year, 4, 30)


@pytest.mark.parametrize("start, end", [(5, 5), (10, 3), (-1, 4), (0, 10**6)])
def test_add_a_task_needs_a_passage(cast, doc, start, end):
    with pytest.raises(ValidationError):
        actions.add_task(doc, start, end, actor=cast.office)


def test_figures_become_targets(cast, login, doc):
    t = task(doc, "各县区教育局")
    figures = actions.figures(t)
    assert [(f["text"], f["metric"], f["unit"]) for f in figures] == [("6所", "新建幼儿园", "所")]
    login(cast.office).post(reverse("ingestion:task_target", args=[t.pk]),
                            {"figure": figures[0]["key"]})
    t.refresh_from_db()
    assert (t.metric, t.metric_unit, t.target_value) == ("新建幼儿园", "所", Decimal("6.00"))
    pct = task(doc, "乙县教育局")
    f = actions.figures(pct)[0]
    actions.use_figure(pct, f["key"], actor=cast.office)
    pct.refresh_from_db()
    assert (pct.metric, pct.metric_unit, pct.target_value) == ("改造率", "%", Decimal("95.00"))
    with pytest.raises(ValidationError):
        actions.use_figure(pct, "n0", actor=cast.office)  # 2400个 is not in this task


def test_non_reviewers_cannot_write(cast, doc):
    t = task(doc, "各学校")
    for person in (cast.auditor, cast.county_head, cast.staff):
        with pytest.raises(PermissionDenied):
            actions.step_task(t, "reject", actor=person)
        with pytest.raises(PermissionDenied):
            actions.add_task(doc, 0, 5, actor=person)


def test_text_is_escaped_and_offsets_survive(cast):
    text = "标题\r\n一、<b>要求</b>\r\n各学校要做好A&B工作。\r\n"
    start = text.index("各学校")
    end = text.index("。") + 1
    html = rendering.render(text, rendering.heading_spans(
        text, [{"level": 1, "number": "一、", "text": "<b>要求</b>", "start": 4}])
        + [rendering.Span(start, end, "task", "7", "t"),
           rendering.Span(start, start + 3, "highlight", "", "hl")])
    assert "<b>" not in html and "&lt;b&gt;" in html and "A&amp;B" in html
    assert "\r" not in html and html.count("&#13;") == 3
    assert '<span class="anchor" id="task-7"></span>' in html
    assert '<span class="anchor" id="highlight"></span>' in html
    assert '<span class="anchor" id="h-0"></span>' in html
    assert 'href="#card-7"' in html


def test_review_page_shows_text_tasks_and_warnings(cast, login, make_doc):
    text = ("返回首页 > 新闻中心\n关于做好校园安全工作的讲话\n各学校要在4月30日前完成排查。\n"
            "上一篇：某某\n下一篇：某某\n免责声明：本文由某某网收集整理\n")
    doc = make_doc(text=text)
    html = login(cast.office).get(reverse("ingestion:document", args=[doc.pk])).content.decode()
    assert 'id="warnings"' in html and "page_chrome" in html
    t = doc.tasks.get()
    assert f'id="task-{t.pk}"' in html and f'id="card-{t.pk}"' in html
    assert 'id="add-task-form"' in html and 'id="convert-form"' in html


def test_hostile_text_is_escaped_on_the_page(cast, login, make_doc):
    doc = make_doc(text="通知<script>alert(1)</script>\n各学校要在6月底前完成<b>自查</b>&整改。\n")
    html = login(cast.office).get(reverse("ingestion:document", args=[doc.pk])).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>自查</b>" not in html


def test_pages_in_english(cast, login, doc):
    c = login(cast.office)
    c.cookies["django_language"] = "en"
    html = c.get(reverse("ingestion:document", args=[doc.pk]),
                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Create 督办 items" in html and "Add a task" in html
    html = c.get(reverse("ingestion:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Speeches and plans" in html


def test_pages_in_chinese_by_default(cast, login, doc):
    c = login(cast.office)
    assert "讲话与方案" in c.get(reverse("ingestion:list")).content.decode()
    assert "生成督办事项" in c.get(reverse("ingestion:document", args=[doc.pk])).content.decode()
