"""The 整改台账 .xlsx in the layout offices use, written fast (openpyxl write-only mode)."""

import io
from collections.abc import Callable

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from .choices import MeasureState, State
from .models import Item, Measure

HEADERS = ["序号", "问题", "整改目标", "整改措施", "责任领导", "责任单位（牵头/配合）", "责任人",
           "完成时限", "整改进展", "是否销号"]
WIDTHS = [6, 40, 30, 46, 10, 26, 10, 13, 30, 9]
CHUNK = 2000


def cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def measure_lines(measures) -> str:
    lines = []
    for i, m in enumerate(measures, start=1):
        mark = "（已完成）" if m.state == MeasureState.DONE else ""
        lines.append(f"{i}. {m.text}（{m.owner.name}，{cn_date(m.deadline)}）{mark}")
    return "\n".join(lines)


def units_text(item: Item) -> str:
    text = f"牵头：{item.lead_unit.name}"
    co = [u.name for u in item.co_units.all()]
    if co:
        text += "\n配合：" + "、".join(co)
    return text


def progress_text(item: Item) -> str:
    state = State(item.state).label
    return f"{state}。{item.progress}" if item.progress else str(state)


def row_of(n: int, item: Item) -> list:
    return [n, item.problem, item.goal, measure_lines(item.measures.all()),
            item.responsible_leader.name if item.responsible_leader else "", units_text(item),
            item.owner.name, item.deadline, progress_text(item),
            "是" if item.state == State.SIGNED_OFF else "否"]


def iter_items(qs):
    """Items with everything a row needs, fetched in chunks (few queries, bounded memory)."""
    ids = list(qs.order_by("lead_unit__path", "deadline", "id").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        rows = (Item.objects.filter(pk__in=part)
                .select_related("lead_unit", "owner", "responsible_leader")
                .prefetch_related(Prefetch("measures", Measure.objects.select_related("owner")),
                                  "co_units"))
        by_id = {i.pk: i for i in rows}
        yield len(ids), [by_id[pk] for pk in part]


def ledger_xlsx(qs, progress: Callable[[int, int], None] | None = None) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Rectification ledger")[:31])
    for i, w in enumerate(WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = w
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="EEF1F4")
    head = []
    for h in HEADERS:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill = bold, fill
        c.alignment = Alignment(horizontal="center", vertical="center")
        head.append(c)
    ws.append(head)
    n = 0
    for total, items in iter_items(qs):
        for item in items:
            n += 1
            row = row_of(n, item)
            date_cell = WriteOnlyCell(ws, value=row[7])
            date_cell.number_format = "yyyy-mm-dd"
            row[7] = date_cell
            ws.append(row)
        if progress:
            progress(n, total)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
