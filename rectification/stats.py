"""Statistics of the ledgers: sign-off rate and overdue items by unit, source, category and list
type, with the ECharts options that draw them."""

import json
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from orgs.models import Unit

from . import permissions as perms
from .choices import OPEN_STATES, ListType, Source, State


@dataclass
class Row:
    key: str
    label: str
    total: int
    signed: int
    overdue: int

    @property
    def rate(self) -> float:
        return round(100 * self.signed / self.total, 1) if self.total else 0.0

    @property
    def open(self) -> int:
        return self.total - self.signed


def _counts(today: date):
    return {"total": Count("id"), "signed": Count("id", filter=Q(state=State.SIGNED_OFF)),
            "overdue": Count("id", filter=Q(state__in=OPEN_STATES, deadline__lt=today))}


def totals(qs, today: date) -> Row:
    r = qs.aggregate(**_counts(today))
    return Row("all", _("All"), r["total"], r["signed"], r["overdue"])


def by_field(qs, field: str, today: date, labels=None, limit: int = 30) -> list[Row]:
    rows = qs.values(field).annotate(**_counts(today)).order_by("-total")[:limit]
    return [Row(r[field], str(labels(r[field]) if labels else r[field]), r["total"], r["signed"],
                r["overdue"]) for r in rows]


def by_unit(qs, user, today: date, limit: int = 40) -> list[Row]:
    """Grouped by the units one level below the top of what the user sees."""
    top = perms.ledger_units(user).order_by("depth").values_list("depth", flat=True).first()
    if top is None:
        return []
    width = 4 * (top + 1)
    rows = list(qs.annotate(prefix=Substr("lead_unit__path", 1, width)).values("prefix")
                .annotate(**_counts(today)).order_by("-total")[:limit])
    names = dict(Unit.objects.filter(path__in=[r["prefix"] for r in rows])
                 .values_list("path", "name"))
    return [Row(r["prefix"], names.get(r["prefix"], "?"), r["total"], r["signed"], r["overdue"])
            for r in rows]


def all_tables(qs, user, today: date) -> dict:
    return {
        "total": totals(qs, today),
        "unit": by_unit(qs, user, today),
        "source": by_field(qs, "source", today, lambda k: Source(k).label),
        "category": by_field(qs, "category", today, limit=15),
        "list_type": by_field(qs, "list_type", today, lambda k: ListType(k).label),
    }


def bar_option(title: str, rows: list[Row]) -> str:
    """Stacked bars (signed off / open, of which overdue) and the sign-off rate as a line."""
    labels = [r.label for r in rows]
    option = {
        "title": {"text": title, "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 24},
        "grid": {"top": 64, "left": 48, "right": 48, "bottom": 80},
        "xAxis": {"type": "category", "data": labels,
                  "axisLabel": {"rotate": 30 if len(labels) > 6 else 0, "interval": 0}},
        "yAxis": [{"type": "value", "name": pgettext("rectification", "Items")},
                  {"type": "value", "name": "%", "max": 100}],
        "series": [
            {"name": _("Signed off"), "type": "bar", "stack": "n",
             "data": [r.signed for r in rows], "itemStyle": {"color": "#1a7f37"}},
            {"name": _("Open, on time"), "type": "bar", "stack": "n",
             "data": [r.open - r.overdue for r in rows], "itemStyle": {"color": "#bf8700"}},
            {"name": pgettext("rectification", "Overdue"), "type": "bar", "stack": "n",
             "data": [r.overdue for r in rows], "itemStyle": {"color": "#cf222e"}},
            {"name": _("Sign-off rate"), "type": "line", "yAxisIndex": 1,
             "data": [r.rate for r in rows], "itemStyle": {"color": "#0969da"}},
        ],
    }
    return json.dumps(option, ensure_ascii=False)
