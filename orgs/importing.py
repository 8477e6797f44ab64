"""Units and people from a workbook: validate every row first, then save all or nothing."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from duban.spreadsheets import read_sheet

from . import actions
from .choices import ROLE_WORDS, UNIT_KIND_WORDS, Role, UnitKind
from .models import Membership, Person, Unit
from .permissions import sees_unit

UNIT_SHEET, PEOPLE_SHEET = "单位", "人员"
UNIT_HEADERS = ["单位编码", "单位名称", "上级单位编码", "单位类型"]
PEOPLE_HEADERS = ["姓名", "手机号", "工号", "所属单位编码", "角色", "职务", "邮箱"]
PHONE_RE = re.compile(r"^1\d{10}$")
SPLIT_RE = re.compile(r"[、,，;；\s]+")


def _words(choices, words) -> dict[str, str]:
    """Accept a choice by its code, a spreadsheet word, or its UI label in either language."""
    out = {}
    for value, label in choices:
        out[value.lower()] = value
        for lang in ("zh-hans", "en"):
            with translation.override(lang):
                out[str(label).strip().lower()] = value
        for word in words[value]:
            out[word] = value
    return out


def sheet_word(words, value) -> str:
    """The word exports write for a choice."""
    return words[value][0]


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str


@dataclass
class ImportPlan:
    units: list[dict] = field(default_factory=list)     # in an order where parents come first
    people: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def plan_import(wb, *, actor) -> ImportPlan:
    """Check both sheets against the database and the actor's scope; nothing is written."""
    plan = ImportPlan()
    kinds = _words(UnitKind.choices, UNIT_KIND_WORDS)
    roles = _words(Role.choices, ROLE_WORDS)
    unit_rows = read_sheet(wb, UNIT_SHEET, UNIT_HEADERS) if UNIT_SHEET in wb.sheetnames else []
    people_rows = read_sheet(wb, PEOPLE_SHEET, PEOPLE_HEADERS) if PEOPLE_SHEET in wb.sheetnames \
        else []
    if UNIT_SHEET not in wb.sheetnames and PEOPLE_SHEET not in wb.sheetnames:
        read_sheet(wb, UNIT_SHEET, UNIT_HEADERS)  # raises the "no such sheet" error

    def err(sheet, row, column, message):
        plan.errors.append(RowError(sheet, row, column, message))

    existing = {u.code: u for u in Unit.objects.filter(
        code__in=[r["单位编码"] for _, r in unit_rows]
        + [r["上级单位编码"] for _, r in unit_rows]
        + [r["所属单位编码"] for _, r in people_rows]
    )}
    in_file: dict[str, dict] = {}
    for n, r in unit_rows:
        code, name, parent, kind = r["单位编码"], r["单位名称"], r["上级单位编码"], r["单位类型"]
        if not code:
            err(UNIT_SHEET, n, "单位编码", _("The unit code is empty."))
            continue
        if code in in_file:
            err(UNIT_SHEET, n, "单位编码",
                _("Unit code %(code)s appears twice in the file (first in row %(row)s).")
                % {"code": code, "row": in_file[code]["row"]})
            continue
        if not name:
            err(UNIT_SHEET, n, "单位名称", _("The unit name is empty."))
        kind_value = kinds.get(kind.lower())
        if kind_value is None:
            err(UNIT_SHEET, n, "单位类型", _("Unknown unit type “%(value)s”. Use one of: %(list)s.")
                % {"value": kind, "list": "、".join(w[0] for w in UNIT_KIND_WORDS.values())})
        in_file[code] = {"row": n, "code": code, "name": name, "parent": parent,
                         "kind": kind_value}
    # parents: must exist in the database or in the file; order parents first; no cycles
    ordered: list[dict] = []
    state: dict[str, int] = {}

    def visit(code, chain=()):
        if state.get(code) == 2:
            return True
        if code in chain:
            err(UNIT_SHEET, in_file[code]["row"], "上级单位编码",
                _("Unit %(code)s is its own ancestor.") % {"code": code})
            return False
        u = in_file[code]
        parent = u["parent"]
        if parent:
            if parent in in_file:
                if not visit(parent, (*chain, code)):
                    return False
            elif parent not in existing:
                err(UNIT_SHEET, u["row"], "上级单位编码",
                    _("Unknown parent unit “%(code)s”: it is neither in the system nor in this "
                      "file.") % {"code": parent})
                return False
            elif not sees_unit(actor, existing[parent]):
                err(UNIT_SHEET, u["row"], "上级单位编码",
                    _("Parent unit “%(code)s” is outside the units you manage.") % {"code": parent})
                return False
        elif code not in existing and not actor.is_superuser:
            err(UNIT_SHEET, u["row"], "上级单位编码", _("A new unit needs a parent unit code."))
            return False
        if code in existing and not sees_unit(actor, existing[code]):
            err(UNIT_SHEET, u["row"], "单位编码",
                _("Unit “%(code)s” is outside the units you manage.") % {"code": code})
            return False
        state[code] = 2
        ordered.append(u)
        return True

    for code in list(in_file):
        visit(code)
    plan.units = ordered

    phones: dict[str, int] = {}
    staff_nos: dict[str, int] = {}
    known_people = {p.phone: p for p in Person.objects.filter(
        phone__in=[r["手机号"] for _, r in people_rows])}
    staff_owners = dict(Person.objects.filter(
        staff_no__in=[r["工号"] for _, r in people_rows if r["工号"]]).values_list("staff_no",
                                                                                 "phone"))
    for n, r in people_rows:
        name, phone, staff_no, unit_code = r["姓名"], r["手机号"], r["工号"], r["所属单位编码"]
        if not name:
            err(PEOPLE_SHEET, n, "姓名", _("The name is empty."))
        if not PHONE_RE.match(phone):
            err(PEOPLE_SHEET, n, "手机号",
                _("“%(value)s” is not an 11-digit mobile number.") % {"value": phone})
        elif phone in phones:
            err(PEOPLE_SHEET, n, "手机号", _("Phone %(phone)s appears twice in the file (first in "
                                             "row %(row)s).") % {"phone": phone, "row": phones[phone]})
        else:
            phones[phone] = n
        if staff_no:
            if staff_no in staff_nos:
                err(PEOPLE_SHEET, n, "工号", _("Staff number %(no)s appears twice in the file.")
                    % {"no": staff_no})
            elif staff_owners.get(staff_no, phone) != phone:
                err(PEOPLE_SHEET, n, "工号",
                    _("Staff number %(no)s already belongs to someone else.") % {"no": staff_no})
            staff_nos[staff_no] = n
        if unit_code not in in_file and unit_code not in existing:
            err(PEOPLE_SHEET, n, "所属单位编码",
                _("Unknown unit “%(code)s”: it is neither in the system nor in this file.")
                % {"code": unit_code})
        elif unit_code in existing and not sees_unit(actor, existing[unit_code]):
            err(PEOPLE_SHEET, n, "所属单位编码",
                _("Unit “%(code)s” is outside the units you manage.") % {"code": unit_code})
        role_values = []
        for part in (p for p in SPLIT_RE.split(r["角色"]) if p):
            value = roles.get(part.lower())
            if value is None:
                err(PEOPLE_SHEET, n, "角色", _("Unknown role “%(value)s”. Use one of: %(list)s.")
                    % {"value": part, "list": "、".join(w[0] for w in ROLE_WORDS.values())})
            else:
                role_values.append(value)
        if phone in known_people and known_people[phone].unit and not sees_unit(
                actor, known_people[phone].unit):
            err(PEOPLE_SHEET, n, "手机号",
                _("Phone %(phone)s belongs to a person outside the units you manage.")
                % {"phone": phone})
        plan.people.append({"row": n, "name": name, "phone": phone, "staff_no": staff_no or None,
                            "unit": unit_code, "roles": role_values, "title": r["职务"],
                            "email": r["邮箱"]})
    return plan


@transaction.atomic
def apply_import(plan: ImportPlan, *, actor) -> dict[str, int]:
    """Save a checked plan; rows identical to what is stored change nothing."""
    assert plan.ok, "apply_import needs a plan without errors"
    counts = {"units_created": 0, "units_updated": 0, "people_created": 0, "people_updated": 0,
              "roles_added": 0}
    units = {u.code: u for u in Unit.objects.filter(code__in=[u["code"] for u in plan.units]
                                                    + [p["unit"] for p in plan.people]
                                                    + [u["parent"] for u in plan.units])}
    for row in plan.units:
        parent = units.get(row["parent"]) if row["parent"] else None
        unit = units.get(row["code"])
        if unit is None:
            unit = actions.create_unit(actor=actor, parent=parent, code=row["code"],
                                       name=row["name"], kind=row["kind"])
            counts["units_created"] += 1
        else:
            changed = actions.update_unit(unit, actor=actor, name=row["name"], kind=row["kind"])
            if parent and unit.parent_path != parent.path:
                actions.move_unit(unit, parent, actor=actor)
                unit.refresh_from_db()
                changed = True
            counts["units_updated"] += bool(changed)
        units[row["code"]] = unit
    people = {p.phone: p for p in Person.objects.filter(phone__in=[p["phone"] for p in plan.people])}
    held = set(Membership.objects.filter(person__in=people.values())
               .values_list("person_id", "unit_id", "role"))
    for row in plan.people:
        unit = units[row["unit"]]
        fields = {"name": row["name"], "staff_no": row["staff_no"], "unit": unit,
                  "title": row["title"], "email": row["email"]}
        person = people.get(row["phone"])
        if person is None:
            person = actions.create_person(actor=actor, phone=row["phone"], **fields)
            counts["people_created"] += 1
        elif actions.update_person(person, actor=actor, **fields):
            counts["people_updated"] += 1
        for role in row["roles"]:
            if (person.pk, unit.pk, role) not in held:
                actions.add_membership(person, unit, role, actor=actor)
                held.add((person.pk, unit.pk, role))
                counts["roles_added"] += 1
    return counts


def template_rows():
    """The downloadable template: headers and one example row per sheet."""
    return [
        (UNIT_SHEET, UNIT_HEADERS, [["C01-S900", "示例实验小学", "C01", "学校"]]),
        (PEOPLE_SHEET, PEOPLE_HEADERS,
         [["张三", "13900000000", "T900001", "C01-S900", "校长、党员", "校长", ""]]),
    ]


def export_rows(units, people):
    parent_codes = {}
    by_path = {u.path: u.code for u in units}
    for u in units:
        parent_codes[u.pk] = by_path.get(u.parent_path, "")
    roles = {}
    for m in Membership.objects.filter(person__in=people).values_list("person_id", "role"):
        roles.setdefault(m[0], []).append(sheet_word(ROLE_WORDS, m[1]))
    return [
        (UNIT_SHEET, UNIT_HEADERS,
         [[u.code, u.name, parent_codes[u.pk], sheet_word(UNIT_KIND_WORDS, u.kind)] for u in units]),
        (PEOPLE_SHEET, PEOPLE_HEADERS,
         [[p.name, p.phone, p.staff_no or "", p.unit.code if p.unit else "",
           "、".join(roles.get(p.pk, [])), p.title, p.email] for p in people]),
    ]
