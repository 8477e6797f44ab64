"""The Excel ledger offices already keep (序号, 任务, 牵头单位, 配合单位, 责任领导, 责任人,
完成时限, 进展): import with every row checked before anything is saved, export with the
computed flag and progress."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from duban.spreadsheets import read_sheet
from orgs.choices import Role
from orgs.models import Person

from . import actions
from . import permissions as perms
from .choices import State
from .models import Item, flags_for

HEADERS = ["序号", "任务", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限", "进展"]
EXPORT_HEADERS = HEADERS + ["状态", "标志", "进度（%）"]
FLAG_LABELS = {"green": "绿", "yellow": "黄", "red": "红"}
DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Plan:
    rows: list = field(default_factory=list)  # (row number, create_item kwargs, co_units)
    errors: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse_date(text: str) -> date | None:
    m = DATE_RE.match(text or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def plan_import(wb, *, actor, today: date) -> Plan:
    """Check every row; nothing is written."""
    if not perms.can_issue(actor):
        raise PermissionDenied
    plan = Plan()
    units = {}
    for u in perms.issuable_units(actor).only("pk", "name", "short_name", "path"):
        units.setdefault(u.name, u)
        if u.short_name:
            units.setdefault(u.short_name, u)
    people = Person.objects.filter(perms.unit_scope_q(actor, "unit")).select_related("unit")
    by_name: dict[str, list[Person]] = {}
    for p in people:
        by_name.setdefault(p.name, []).append(p)
    leaders: dict[str, list[Person]] = {}
    for p in Person.objects.filter(memberships__role=Role.LEADER).distinct():
        leaders.setdefault(p.name, []).append(p)

    for number, row in read_sheet(wb, None, HEADERS):
        errs = []

        def err(col, msg, errs=errs, number=number):
            errs.append(RowError(number, col, msg))

        title = row["任务"]
        if not title:
            err("任务", _("The task is empty."))
        unit = units.get(row["牵头单位"])
        if not row["牵头单位"]:
            err("牵头单位", _("Give the lead unit."))
        elif unit is None:
            err("牵头单位", _("“%(u)s” is not a unit you may assign work to.")
                % {"u": row["牵头单位"]})
        co = []
        for name in filter(None, (n.strip() for n in re.split(r"[、，,;；\s]+",
                                                              row["配合单位"]))):
            if name in units:
                co.append(units[name])
            else:
                err("配合单位", _("“%(u)s” is not a unit you may assign work to.") % {"u": name})
        leader = None
        if row["责任领导"]:
            found = leaders.get(row["责任领导"], [])
            if len(found) != 1:
                err("责任领导", _("No single bureau leader is called “%(n)s”.")
                    % {"n": row["责任领导"]})
            else:
                leader = found[0]
        owner = None
        if row["责任人"]:
            found = [p for p in by_name.get(row["责任人"], [])
                     if unit is None or p.unit.path.startswith(unit.path)]
            if len(found) != 1:
                err("责任人", _("No single person called “%(n)s” works in the lead unit.")
                    % {"n": row["责任人"]})
            else:
                owner = found[0]
        deadline = parse_date(row["完成时限"])
        if deadline is None:
            err("完成时限", _("“%(v)s” is not a date (write 2026-08-31).")
                % {"v": row["完成时限"]})
        elif deadline < today:
            err("完成时限", _("The deadline %(d)s is in the past.") % {"d": deadline})
        if errs:
            plan.errors += errs
        else:
            plan.rows.append((number, dict(title=title[:300], lead_unit=unit, owner=owner,
                                           responsible_leader=leader, deadline=deadline,
                                           progress_note=row["进展"]), co))
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(0, "", _("The sheet has no rows.")))
    return plan


def apply_import(plan: Plan, *, actor, now) -> list[Item]:
    """Create every planned item in one transaction: all or nothing."""
    created = []
    with transaction.atomic():
        for number, kwargs, co in plan.rows:
            try:
                created.append(actions.create_item(actor=actor, now=now, co_units=co, **kwargs))
            except ValidationError as exc:
                raise ValidationError(_("Row %(n)s: %(e)s") % {
                    "n": number, "e": "; ".join(exc.messages)}) from exc
    return created


def export_rows(items, today, cal):
    """Rows of the ledger layout plus state, flag and progress (items: a queryset)."""
    items = list(items.select_related("lead_unit", "owner", "responsible_leader")
                 .prefetch_related("co_units"))
    flags = flags_for(items, today, cal)
    for n, i in enumerate(items, start=1):
        yield [n, i.title, i.lead_unit.name, "、".join(u.name for u in i.co_units.all()),
               i.responsible_leader.name if i.responsible_leader else "",
               i.owner.name if i.owner else "", i.deadline.isoformat(), i.progress_note,
               str(State(i.state).label), FLAG_LABELS[flags[i.pk]], i.progress]


