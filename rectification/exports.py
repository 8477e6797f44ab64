"""The 整改台账 .xlsx in the layout offices use, built from plain values (no model objects) and
written by openpyxl's streaming mode, so 10,000 rows take seconds."""

from collections import defaultdict
from collections.abc import Callable

from django.utils.translation import gettext as _

from duban.spreadsheets import build_workbook

from .choices import MeasureState, State
from .models import Item, Measure

HEADERS = ["序号", "问题", "整改目标", "整改措施", "责任领导", "责任单位（牵头/配合）", "责任人",
           "完成时限", "整改进展", "是否销号"]
WIDTHS = [6, 40, 30, 46, 10, 26, 10, 13, 30, 9]
CHUNK = 2000
FIELDS = ["pk", "problem", "goal", "responsible_leader__name", "lead_unit__name", "owner__name",
          "deadline", "state", "progress"]


def cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def measure_lines(measures) -> str:
    """measures: [(text, owner name, deadline, state)]."""
    lines = []
    for i, (text, owner, deadline, state) in enumerate(measures, start=1):
        mark = "（已完成）" if state == MeasureState.DONE else ""
        lines.append(f"{i}. {text}（{owner}，{cn_date(deadline)}）{mark}")
    return "\n".join(lines)


def _labels():
    return {s.value: str(s.label) for s in State}


def iter_rows(qs):
    """(total, [row]) per chunk: items with their measures and co-operating units, as values."""
    ids = list(qs.order_by("lead_unit__path", "deadline", "id").values_list("pk", flat=True))
    labels = _labels()
    n = 0
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        items = {r[0]: r for r in Item.objects.filter(pk__in=part).values_list(*FIELDS)}
        measures = defaultdict(list)
        for item_id, *m in (Measure.objects.filter(item_id__in=part)
                            .order_by("item_id", "deadline", "id")
                            .values_list("item_id", "text", "owner__name", "deadline", "state")):
            measures[item_id].append(m)
        co = defaultdict(list)
        for item_id, name in (Item.co_units.through.objects.filter(item_id__in=part)
                              .order_by("item_id", "unit__path")
                              .values_list("item_id", "unit__name")):
            co[item_id].append(name)
        rows = []
        for pk in part:
            _pk, problem, goal, leader, lead, owner, deadline, state, progress = items[pk]
            n += 1
            units = f"牵头：{lead}" + (("\n配合：" + "、".join(co[pk])) if co[pk] else "")
            label = labels.get(state, state)
            rows.append([n, problem, goal, measure_lines(measures[pk]), leader or "", units,
                         owner, deadline, f"{label}。{progress}" if progress else label,
                         "是" if state == State.SIGNED_OFF else "否"])
        yield len(ids), rows


def ledger_xlsx(qs, progress: Callable[[int, int], None] | None = None) -> bytes:
    def rows():
        for total, chunk in iter_rows(qs):
            yield from chunk
            if progress:
                progress(chunk[-1][0] if chunk else 0, total)

    return build_workbook([(str(_("Rectification ledger")), HEADERS, rows(), WIDTHS)])
