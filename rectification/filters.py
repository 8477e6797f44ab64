"""The ledger's filters, shared by the page, the exports and the background export job."""

from datetime import date

from django.db.models import Q

from orgs.models import Unit

from . import permissions as perms
from .choices import OPEN_STATES, ListType, Source, State
from .models import Measure


def filtered_items(user, params: dict, today: date):
    """Items the user sees, narrowed by the ledger filters (already validated strings)."""
    qs = perms.visible_to(user)
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(problem__icontains=q) | Q(category__icontains=q))
    if params.get("list_type") in ListType.values:
        qs = qs.filter(list_type=params["list_type"])
    state = params.get("state")
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state in State.values:
        qs = qs.filter(state=state)
    if params.get("source") in Source.values:
        qs = qs.filter(source=params["source"])
    if params.get("category"):
        qs = qs.filter(category=params["category"].strip())
    unit_id = str(params.get("unit") or "")
    if unit_id.isdigit():
        unit = perms.ledger_units(user).filter(pk=int(unit_id)).values_list("path", flat=True)
        path = unit.first()
        # a unit's items are those it leads or co-operates on (配合), within what the user sees
        qs = (qs.filter(Q(lead_unit_id__in=Unit.objects.filter(path__startswith=path)
                          .values("pk"))
                        | perms.co_operated_q(Q(path__startswith=path)))
              if path else qs.none())
    if params.get("mine") in (True, "on", "1", "true"):
        qs = qs.filter(Q(owner=user) | Q(pk__in=Measure.objects.filter(owner=user)
                                         .values("item_id")))
    if params.get("overdue") in (True, "on", "1", "true"):
        qs = qs.filter(state__in=OPEN_STATES, deadline__lt=today)
    return qs


def params_of(form) -> dict:
    """The cleaned filter values as plain strings (storable in a job's params)."""
    if not form.is_valid():
        return {}
    return {k: ("1" if v is True else str(v)) for k, v in form.cleaned_data.items()
            if v not in (None, "", False)}

