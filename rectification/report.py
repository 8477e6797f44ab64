"""The 整改落实情况报告 (.docx) generated from the ledger: numbers, then each unit's signed-off
and open items. Never typed again by hand."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from . import docx_layout
from .choices import OPEN_STATES, ListType, Source, State
from .exports import cn_date

MAX_UNITS = 60
MAX_LISTED = 30


def _rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def ledger_report(qs, *, issuer: str, today: date) -> bytes:
    totals = qs.aggregate(
        total=Count("id"), signed=Count("id", filter=Q(state=State.SIGNED_OFF)),
        overdue=Count("id", filter=Q(state__in=OPEN_STATES, deadline__lt=today)))
    total, signed, overdue = totals["total"], totals["signed"], totals["overdue"]
    intro = [
        f"截至{cn_date(today)}，整改台账共列问题{total}项，已整改销号{signed}项，销号率"
        f"{_rate(signed, total)}；尚未销号{total - signed}项，其中超过完成时限{overdue}项。",
    ]
    by_list = dict(qs.values_list("list_type").annotate(n=Count("id")).order_by())
    parts = [f"{ListType(k).label}{v}项" for k, v in sorted(by_list.items())]
    if parts:
        intro.append("按清单分：" + "，".join(parts) + "。")
    by_source = dict(qs.values_list("source").annotate(n=Count("id")).order_by())
    parts = [f"{Source(k).label}{v}项" for k, v in sorted(by_source.items(), key=lambda kv: -kv[1])]
    if parts:
        intro.append("按问题来源分：" + "，".join(parts) + "。")

    units = list(qs.values("lead_unit_id", "lead_unit__name", "lead_unit__path")
                 .annotate(total=Count("id"),
                           signed=Count("id", filter=Q(state=State.SIGNED_OFF)),
                           overdue=Count("id", filter=Q(state__in=OPEN_STATES,
                                                        deadline__lt=today)))
                 .order_by("lead_unit__path")[:MAX_UNITS + 1])
    shown = units[:MAX_UNITS]
    rows = defaultdict(list)
    for r in (qs.filter(lead_unit_id__in=[u["lead_unit_id"] for u in shown])
              .order_by("lead_unit_id", "state", "deadline", "id")
              .values("lead_unit_id", "problem", "state", "deadline", "signed_off_on")):
        rows[r["lead_unit_id"]].append(r)
    unit_sections = []
    for u in shown:
        items = rows[u["lead_unit_id"]]
        done = [r for r in items if r["state"] == State.SIGNED_OFF]
        open_ = [r for r in items if r["state"] != State.SIGNED_OFF]
        paras = [f"共{u['total']}项，已销号{u['signed']}项，未销号{u['total'] - u['signed']}项"
                 f"（其中逾期{u['overdue']}项），销号率{_rate(u['signed'], u['total'])}。"]
        if done:
            paras.append("已销号问题：" + "；".join(
                f"{i}. {_short(r['problem'])}（{cn_date(r['signed_off_on'])}销号）"
                for i, r in enumerate(done[:MAX_LISTED], start=1)) + _more(done) + "。")
        if open_:
            paras.append("未销号问题：" + "；".join(
                f"{i}. {_short(r['problem'])}（{State(r['state']).label}，完成时限"
                f"{cn_date(r['deadline'])}{'，已逾期' if r['deadline'] < today else ''}）"
                for i, r in enumerate(open_[:MAX_LISTED], start=1)) + _more(open_) + "。")
        unit_sections.append(docx_layout.Section(u["lead_unit__name"], paras))
    unit_part = docx_layout.Section("各单位整改情况", subsections=unit_sections)
    if len(units) > MAX_UNITS:
        unit_part.paragraphs.append(f"以下列出前{MAX_UNITS}个单位，其余单位情况见整改台账。")
    next_steps = docx_layout.Section("下一步工作", [
        f"对尚未销号的{total - signed}项问题继续挂账督办，逾期的{overdue}项由督查室逐项"
        "跟踪、限期整改到位；对已销号问题适时开展“回头看”，防止问题反弹。"])
    lead = ["根据整改台账数据，现将问题整改落实情况报告如下。"]
    return docx_layout.build("整改落实情况报告", issuer, cn_date(today), lead,
                             [docx_layout.Section("总体情况", intro), unit_part, next_steps])


def _short(text: str) -> str:
    text = text.replace("\n", " ")
    return text[:40] + ("…" if len(text) > 40 else "")


def _more(rows) -> str:
    return f"；等共{len(rows)}项" if len(rows) > MAX_LISTED else ""
