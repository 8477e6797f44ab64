"""The permission matrix: every cast person against every page and export of one general item
and one personal item. Personal list items reach only the person, the branch secretary of the
person's unit and discipline inspectors — by page, list, search, filter, export or URL guessing."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from rectification.choices import ListType, State
from rectification.models import Evidence

from .conftest import TODAY

# orgs scope: office, admin, auditor and discipline held in the bureau's department are bureau-wide
SEES_GENERAL = {"director", "leader", "office", "auditor", "admin", "discipline", "county_head",
                "school_head", "staff", "secretary", "member"}
SEES_PERSONAL = {"member", "secretary", "discipline"}
EVERYONE = ["director", "leader", "office", "auditor", "admin", "discipline", "supervisor",
            "county_head", "school_head", "school_head_a2", "school_head_b1", "staff",
            "secretary", "member", "observer"]
GENERAL_TEXT = "食堂台账不全"
PERSONAL_TEXT = "个人作风问题：迟到早退"


@pytest.fixture
def general(make_item):
    return make_item(state=State.RECTIFYING, raised_by=None)


@pytest.fixture
def personal(personal_item, cast):
    from .conftest import walk_to

    return walk_to(personal_item, State.RECTIFYING, cast)


def _xlsx_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    wb = load_workbook(io.BytesIO(content))
    return "\n".join(str(c.value) for row in wb.active.iter_rows() for c in row if c.value)


def _docx_text(response) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.mark.parametrize("who", EVERYONE)
def test_general_item_matrix(cast, login, general, who):
    c = login(getattr(cast, who))
    sees = who in SEES_GENERAL
    r = c.get(reverse("rectification:item", args=[general.pk]))
    assert r.status_code == (200 if sees else 404)
    listed = GENERAL_TEXT in c.get(reverse("rectification:ledger")).content.decode()
    assert listed == sees
    assert (GENERAL_TEXT in _xlsx_text(c.get(reverse("rectification:export")))) == sees
    assert (GENERAL_TEXT in _docx_text(c.get(reverse("rectification:report")))) == sees
    edit = c.get(reverse("rectification:item_edit", args=[general.pk])).status_code
    managers = {"director", "leader", "office", "admin", "discipline", "county_head",
                "school_head"}
    assert edit == (200 if who in managers else 403 if sees else 404)


@pytest.mark.parametrize("who", EVERYONE)
def test_personal_item_reaches_only_person_secretary_discipline(cast, login, personal, who):
    c = login(getattr(cast, who))
    sees = who in SEES_PERSONAL
    Evidence.objects.create(item=personal, name="e.png", kind="image", uploaded_by=cast.member,
                            file="rectification/e.png")
    ev = personal.evidence.first()
    # page and URL guessing
    assert c.get(reverse("rectification:item", args=[personal.pk])).status_code == (
        200 if sees else 404)
    if not sees:
        assert c.get(reverse("rectification:evidence_file", args=[ev.pk])).status_code == 404
        for name in ("item_edit", "case_create"):
            assert c.get(reverse(f"rectification:{name}", args=[personal.pk])).status_code == 404
        for name, data in (("item_progress", {"text": "x", "version": 1}),
                           ("measure_add", {"text": "x", "deadline": "2026-06-01"}),
                           ("reinspection_result", {"result": "x", "version": 1})):
            assert c.post(reverse(f"rectification:{name}", args=[personal.pk]),
                          data).status_code == 404
        r = c.post(reverse("rectification:item_step", args=[personal.pk, "request_signoff"]),
                   {"version": personal.version})
        assert r.status_code == 404
    # list, search, filters
    ledger = reverse("rectification:ledger")
    for query in ("", "?q=迟到", f"?list_type={ListType.PERSONAL}", "?category=作风纪律",
                  f"?unit={cast.school_a1.pk}", "?state=rectifying"):
        assert (PERSONAL_TEXT in c.get(ledger + query).content.decode()) == sees, query
    # exports and statistics
    assert (PERSONAL_TEXT in _xlsx_text(c.get(reverse("rectification:export")))) == sees
    assert (PERSONAL_TEXT in _docx_text(c.get(reverse("rectification:report")))) == sees
    stats = c.get(reverse("rectification:stats") + f"?list_type={ListType.PERSONAL}")
    assert stats.status_code == 200
    assert stats.context["total"].total == (1 if sees else 0)
    # the public never sees it
    assert PERSONAL_TEXT not in login(None).get(reverse("rectification:public")).content.decode()


def test_personal_item_person_owner_rules(cast, personal):
    from rectification.permissions import visible_to

    assert personal.owner == cast.member and personal.lead_unit == cast.school_a1
    assert not personal.is_public
    assert list(visible_to(cast.school_head).filter(pk=personal.pk)) == []


def test_anonymous_is_sent_to_login(login, general):
    c = login(None)
    for url in (reverse("rectification:ledger"), reverse("rectification:item", args=[general.pk]),
                reverse("rectification:export"), reverse("rectification:stats"),
                reverse("rectification:cases"), reverse("rectification:checklists")):
        r = c.get(url)
        assert r.status_code == 302 and "/login/" in r["Location"]


@pytest.mark.parametrize("who", EVERYONE)
def test_admin_pages_matrix(cast, login, who):
    c = login(getattr(cast, who))
    checklist_admin = who in {"office", "admin"}
    assert c.get(reverse("rectification:checklist_create")).status_code == (
        200 if checklist_admin else 403)
    can_import = who in {"director", "leader", "office", "admin", "discipline", "supervisor",
                         "county_head", "school_head", "school_head_a2", "school_head_b1"}
    assert c.get(reverse("rectification:import")).status_code == (200 if can_import else 403)


def test_export_job_belongs_to_its_requester(cast, login):
    from rectification.models import ExportJob

    job = ExportJob.objects.create(requested_by=cast.office, params={})
    assert login(cast.office).get(reverse("rectification:export_job",
                                          args=[job.pk])).status_code == 200
    assert login(cast.director).get(reverse("rectification:export_job",
                                            args=[job.pk])).status_code == 404
    assert login(cast.director).get(reverse("rectification:export_download",
                                            args=[job.pk])).status_code == 404


def test_today_is_fixed():
    assert TODAY.year == 2026
