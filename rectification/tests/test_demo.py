"""The demo seed: deterministic, every state, all three lists where the city has them, once."""

from rectification import demo
from rectification.choices import State
from rectification.models import Case, ChecklistAssignment, Item

from .conftest import TODAY


def test_demo_seed(cast):
    made = demo.seed("demo", today=TODAY)
    assert made == 400 and Item.objects.count() >= 400
    assert set(Item.objects.values_list("state", flat=True)) == set(State.values)
    assert {"leadership", "personal"} <= set(Item.objects.values_list("list_type", flat=True))
    assert Item.objects.filter(list_type="personal", is_public=True).count() == 0
    assert ChecklistAssignment.objects.exists() and Case.objects.exists()
    assert demo.seed("demo", today=TODAY) == 0
