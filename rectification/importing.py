"""Importing an existing 整改台账 from the export's .xlsx layout: every row is checked first and
nothing is saved while any row is wrong."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.actions import record
from duban.spreadsheets import read_sheet
from orgs.models import Person

from . import actions
from . import permissions as perms
from .choices import State
from .exports import HEADERS
from .forms import leader_choices

REQUIRED = ["问题", "责任单位（牵头/配合）", "责任人", "完成时限"]
MEASURE_SPLIT = re.compile(r"^\s*\d+\s*[.、．]\s*")


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Plan:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def parse_date(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def split_units(text: str) -> tuple[str, list[str]]:
    """“牵头：A\\n配合：B、C” (or just “A”) → ("A", ["B", "C"])."""
    lead, co = "", []
    for part in re.split(r"[\n;；]", text):
        part = part.strip()
        if not part:
            continue
        m = re.match(r"^(牵头|配合)\s*[:：]\s*(.*)$", part)
        if m and m.group(1) == "配合":
            co += [x.strip() for x in re.split(r"[、,，]", m.group(2)) if x.strip()]
        elif m:
            lead = m.group(2).strip()
        elif not lead:
            lead = part
    return lead, co


def parse_measures(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = MEASURE_SPLIT.sub("", line).strip()
        line = re.sub(r"（[^（）]*，\d{4}年\d{1,2}月\d{1,2}日）(（已完成）)?$", "", line).strip()
        if line:
            out.append(line)
    return out


def plan_import(wb, *, actor, list_type: str, source: str, found_on: date) -> Plan:
    plan = Plan()
    units = {u.name: u for u in perms.ledger_units(actor)}
    people_qs = Person.objects.filter(unit__in=perms.ledger_units(actor), is_active=True)

    leaders_qs = leader_choices(actor)

    def person(name: str, row: int, column: str, unit=None, among=people_qs):
        if not name:
            return None
        qs = among.filter(Q(name=name) | Q(phone=name))
        if unit is not None and qs.filter(unit=unit).exists():
            qs = qs.filter(unit=unit)
        found = list(qs[:2])
        if len(found) == 1:
            return found[0]
        plan.errors.append(RowError(row, column, _("No person “%(n)s” in the units you may file "
                                                   "for.") % {"n": name} if not found else
                                    _("Several people are called “%(n)s”; write the phone "
                                      "number instead.") % {"n": name}))
        return None

    for number, values in read_sheet(wb, None, HEADERS):
        before = len(plan.errors)
        for col in REQUIRED:
            if not values[col]:
                plan.errors.append(RowError(number, col, _("This column may not be empty.")))
        lead_name, co_names = split_units(values["责任单位（牵头/配合）"])
        lead = units.get(lead_name)
        if lead_name and lead is None:
            plan.errors.append(RowError(number, "责任单位（牵头/配合）",
                                        _("No unit “%(n)s” among the units you may file for.")
                                        % {"n": lead_name}))
        co = []
        for n in co_names:
            if n in units:
                co.append(units[n])
            else:
                plan.errors.append(RowError(number, "责任单位（牵头/配合）",
                                            _("No co-operating unit “%(n)s” among the units you "
                                              "may file for.") % {"n": n}))
        owner = person(values["责任人"], number, "责任人", lead)
        leader = person(values["责任领导"], number, "责任领导", among=leaders_qs)
        deadline = parse_date(values["完成时限"]) if values["完成时限"] else None
        if values["完成时限"] and deadline is None:
            plan.errors.append(RowError(number, "完成时限", _("“%(v)s” is not a date (write "
                                                          "2026-05-17 or 2026年5月17日).")
                                        % {"v": values["完成时限"]}))
        elif deadline and deadline < found_on:
            plan.errors.append(RowError(number, "完成时限", _("The deadline is earlier than the "
                                                          "date the problems were found.")))
        signed = values["是否销号"] in ("是", "已销号", "Y", "y", "yes")
        if values["是否销号"] not in ("", "是", "否", "已销号", "未销号", "Y", "N", "y", "n",
                                      "yes", "no"):
            plan.errors.append(RowError(number, "是否销号", _("Write 是 or 否.")))
        if lead is not None and not perms.may_file_for(actor, list_type, lead):
            plan.errors.append(RowError(number, "责任单位（牵头/配合）",
                                        _("You may not file items for this unit.")))
        if len(plan.errors) == before:
            plan.rows.append({"row": number, "problem": values["问题"], "goal": values["整改目标"],
                              "measures": parse_measures(values["整改措施"]), "lead_unit": lead,
                              "co_units": co, "owner": owner, "responsible_leader": leader,
                              "deadline": deadline, "progress": values["整改进展"],
                              "signed": signed})
    if not plan.errors and not plan.rows:
        plan.errors.append(RowError(0, "", _("The sheet has no rows to import.")))
    return plan


def apply_import(plan: Plan, *, actor, list_type: str, source: str, found_on: date,
                 today: date) -> int:
    """Save every planned row in one transaction; returns the number of items created."""
    from .models import Item, Measure

    with transaction.atomic():
        for r in plan.rows:
            item = actions.create_item(
                actor, today=today, co_units=r["co_units"], notify_owner=False,
                list_type=list_type, source=source, problem=r["problem"], goal=r["goal"],
                category=_("Imported"), lead_unit=r["lead_unit"], owner=r["owner"],
                responsible_leader=r["responsible_leader"], found_on=found_on,
                deadline=r["deadline"], progress=r["progress"], raised_by=actor)
            Measure.objects.bulk_create([Measure(item=item, text=t, owner=r["owner"],
                                                 deadline=r["deadline"]) for t in r["measures"]])
            target = State.SIGNED_OFF if r["signed"] else State.RECTIFYING
            Item.objects.filter(pk=item.pk).update(
                state=target, signed_off_on=today if r["signed"] else None)
            record(actor, "rectification.item.imported", item,
                   changes={"state": [State.FOUND, target], "row": [None, r["row"]]})
    return len(plan.rows)

