"""The demo documents: one speech under review and one plan already turned into items."""

from assignments.models import Item
from ingestion import demo
from ingestion.choices import DocumentState
from ingestion.models import Document
from orgs import demo as orgs_demo


def test_seed_once(db):
    assert demo.seed() == 0  # no demo city yet
    orgs_demo.build_city(orgs_demo.DEMO)
    assert demo.seed() == 2
    assert demo.seed() == 0
    speech, plan = Document.objects.order_by("pk")
    assert speech.state == DocumentState.DRAFT and speech.tasks.count() >= 5
    assert plan.state == DocumentState.CONVERTED
    items = Item.objects.filter(source_document_id=plan.pk)
    assert items.count() == plan.tasks.count() == 3
    for item in items:
        assert plan.text[item.source_start:item.source_end] == item.title + "。"
