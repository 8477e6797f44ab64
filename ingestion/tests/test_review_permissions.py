"""Who may open and use each page: reviewers, people who only read, and everyone else."""

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.models import Item
from ingestion import actions
from ingestion.models import Document

REVIEWERS = {"office", "director", "leader", "admin"}
# Bureau-wide roles of the office department see the city's documents, read-only.
READERS = {"auditor", "discipline"}
OTHERS = {"supervisor", "county_head", "school_head", "school_head_a2", "school_head_b1",
          "staff", "secretary", "member", "observer"}


def test_the_cast_is_covered(cast):
    assert REVIEWERS | READERS | OTHERS == set(cast.people())


@pytest.mark.parametrize("who", sorted(REVIEWERS | READERS | OTHERS))
def test_list_and_upload(cast, login, who):
    c = login(cast.people()[who])
    expected = 200 if who in REVIEWERS else 403
    assert c.get(reverse("ingestion:list")).status_code == expected
    assert c.get(reverse("ingestion:upload")).status_code == expected


def test_anonymous_is_sent_to_login(cast, doc, login):
    c = login(None)
    for url in (reverse("ingestion:list"), reverse("ingestion:upload"),
                reverse("ingestion:document", args=[doc.pk])):
        r = c.get(url)
        assert r.status_code == 302 and "/login/" in r.url


@pytest.mark.parametrize("who", sorted(REVIEWERS | READERS | OTHERS))
def test_document_page(cast, login, doc, who):
    r = login(cast.people()[who]).get(reverse("ingestion:document", args=[doc.pk]))
    if who in OTHERS:
        assert r.status_code == 404
        return
    assert r.status_code == 200
    assert ('id="add-task-form"' in r.content.decode()) == (who in REVIEWERS)


def _posts(doc):
    t = doc.tasks.get(text__startswith="各学校")
    return [
        (reverse("ingestion:task_edit", args=[t.pk]), {"text": t.text}),
        (reverse("ingestion:task_step", args=[t.pk, "accept"]), {}),
        (reverse("ingestion:task_step", args=[t.pk, "reject"]), {}),
        (reverse("ingestion:task_split", args=[t.pk]), {"at": t.start + 3}),
        (reverse("ingestion:task_merge", args=[t.pk]), {}),
        (reverse("ingestion:task_target", args=[t.pk]), {"figure": "n0"}),
        (reverse("ingestion:task_add", args=[doc.pk]), {"start": 0, "end": 5}),
        (reverse("ingestion:convert", args=[doc.pk]), {}),
    ]


@pytest.mark.parametrize("who", sorted(READERS | OTHERS))
def test_writes_are_refused(cast, login, doc, who):
    c = login(cast.people()[who])
    for url, data in _posts(doc):
        r = c.post(url, data)
        assert r.status_code == (403 if who in READERS else 404), url
    assert doc.tasks.count() == 6 and not doc.tasks.exclude(state="proposed").exists()


@pytest.mark.parametrize("who", sorted(REVIEWERS))
def test_writes_allowed_for_reviewers(cast, login, doc, who):
    c = login(cast.people()[who])
    for url, data in _posts(doc)[:-1]:
        assert c.post(url, data).status_code == 302, url
    expected = 403 if who == "admin" else 302
    assert c.post(reverse("ingestion:convert", args=[doc.pk])).status_code == expected


def test_get_on_post_only_pages(cast, login, doc):
    t = doc.tasks.first()
    c = login(cast.office)
    assert c.get(reverse("ingestion:task_merge", args=[t.pk])).status_code == 405
    assert c.get(reverse("ingestion:convert", args=[doc.pk])).status_code == 405


def test_reviewer_outside_the_unit_gets_404(cast, login, make_doc):
    # A document of county B: the deputy director (county A only) does not see it.
    doc = make_doc(actor=cast.office, unit=cast.county_b)
    assert doc.unit == cast.county_b
    c = login(cast.leader)
    assert c.get(reverse("ingestion:document", args=[doc.pk])).status_code == 404
    t = doc.tasks.first()
    assert c.post(reverse("ingestion:task_step", args=[t.pk, "reject"])).status_code == 404
    assert doc.title not in c.get(reverse("ingestion:list")).content.decode()
    assert login(cast.director).get(reverse("ingestion:document", args=[doc.pk])).status_code \
        == 200


def test_missing_document_is_404(cast, login):
    c = login(cast.office)
    assert c.get(reverse("ingestion:document", args=[999])).status_code == 404
    assert c.post(reverse("ingestion:task_step", args=[999, "accept"])).status_code == 404


def test_item_viewers_read_the_source(cast, login, doc):
    actions.step_task(doc.tasks.get(text__startswith="分管领导"), "reject", actor=cast.office)
    actions.convert(doc, actor=cast.office, now=timezone.now())
    url = reverse("ingestion:document", args=[doc.pk])
    # the school head of A1 sees the 各学校 item (co-operating unit), hence its source
    assert Item.objects.filter(co_units=cast.school_a1).exists() or Item.objects.filter(
        lead_unit=cast.school_a1).exists()
    assert login(cast.school_head).get(url).status_code == 200
    assert login(cast.member).get(url).status_code == 200  # sees the item of his school
    assert login(cast.school_head_a2).get(url).status_code == 404  # a kindergarten: no item
    assert login(cast.observer).get(url).status_code == 404  # items not public


def _docs(cast, n, first=0):
    for i in range(first, first + n):
        actions.create_document(actor=cast.office, now=timezone.now(), reading=actions.read_pasted(
            f"第{i}号通知\n各学校要在{2030 + i % 3}年6月底前完成自查。\n甲区教育局要在年底前完成整改。\n"))


def test_list_query_count(cast, login, django_assert_max_num_queries):
    c = login(cast.office)
    _docs(cast, 3)
    with django_assert_max_num_queries(14):
        r = c.get(reverse("ingestion:list"))
    assert r.content.decode().count('href="/documents/') >= 3
    _docs(cast, 20, first=3)
    with django_assert_max_num_queries(14):
        r = c.get(reverse("ingestion:list"))
    assert Document.objects.count() == 23
    assert r.status_code == 200 and 'class="pager"' not in r.content.decode()


def test_review_page_query_count(cast, login, doc, django_assert_max_num_queries):
    c = login(cast.office)
    with django_assert_max_num_queries(16):
        c.get(reverse("ingestion:document", args=[doc.pk]))
    start = doc.text.index("去年")
    for _ in range(3):
        actions.add_task(doc, start, start + 8, actor=cast.office)
    with django_assert_max_num_queries(16):
        assert c.get(reverse("ingestion:document", args=[doc.pk])).status_code == 200


def test_list_pages(cast, login, settings):
    _docs(cast, 35)
    c = login(cast.office)
    r = c.get(reverse("ingestion:list"))
    assert 'class="pager"' in r.content.decode()
    assert c.get(reverse("ingestion:list") + "?page=2").status_code == 200
    assert "第7号通知" in c.get(reverse("ingestion:list") + "?q=第7号").content.decode()
