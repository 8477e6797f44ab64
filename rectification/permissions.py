"""Who sees and who may change which ledger item. Every view, export and search goes through here.

General lists (leadership, department): a unit sees its subtree's items (orgs scope), leaders
their regions, supervisors their units; a supervision office in a bureau department sees the
whole bureau; the owner, the person who raised it and the responsible leader see it too.
A co-operating unit (配合单位) of a general item is treated as the lead unit for reading: whoever
sees that unit (its own people, the heads above it, leaders and supervisors of its region, the
office) sees the item. Co-operating gives no power over the item: steps, edits and sign-off
follow the lead unit only; a measure's owner works on their own measure.
A PERSONAL list item is visible only to the person, the Party branch secretary of the person's
unit and discipline inspectors covering that unit — nobody else, whatever their rank.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import Http404

from orgs.choices import Role, UnitKind
from orgs.models import Membership
from orgs.permissions import scope, unit_q

from .choices import CaseState, Gate, ListType
from .models import Case, ChecklistAssignment, Item, Measure

MANAGER_ROLES = {Role.UNIT_HEAD, Role.DEPT_HEAD, Role.OFFICE, Role.ADMIN, Role.LEADER,
                 Role.SUPERVISOR, Role.DISCIPLINE}
INSPECTOR_ROLES = {Role.OFFICE, Role.SUPERVISOR, Role.LEADER, Role.DISCIPLINE}
CASE_WRITER_ROLES = {Role.OFFICE, Role.SUPERVISOR, Role.DISCIPLINE}
CASE_APPROVER_ROLES = {Role.LEADER, Role.OFFICE, Role.DISCIPLINE}
CHECKLIST_ADMIN_ROLES = {Role.OFFICE, Role.ADMIN}


def _bureau_path(path: str, kind: str) -> str:
    """A bureau department's office/discipline work covers its whole bureau (the parent)."""
    return path[:-4] if kind == UnitKind.DEPARTMENT and len(path) > 4 else path


class Powers:
    """What a person's memberships mean for ledgers; built once per request (one query)."""

    def __init__(self, user):
        self.user = user
        self.roles: set[str] = set()
        self.office_paths: set[str] = set()
        self.discipline_paths: set[str] = set()
        self.secretary_units: set[int] = set()
        self.head_paths: set[str] = set()
        self.leader_units: set[int] = set()
        if not getattr(user, "is_authenticated", False):
            return
        for role, unit_id, path, kind in Membership.objects.filter(person=user).values_list(
                "role", "unit_id", "unit__path", "unit__kind"):
            self.roles.add(role)
            if role == Role.OFFICE:
                self.office_paths.add(_bureau_path(path, kind))
            elif role == Role.DISCIPLINE:
                self.discipline_paths.add(_bureau_path(path, kind))
            elif role == Role.BRANCH_SECRETARY:
                self.secretary_units.add(unit_id)
            elif role in (Role.UNIT_HEAD, Role.DEPT_HEAD):
                self.head_paths.add(path)
            elif role == Role.LEADER:
                self.leader_units.add(unit_id)
        if Role.DISCIPLINE in self.roles:
            self.discipline_paths.update(scope(user)[0])  # their regions

    def has(self, *roles) -> bool:
        return bool(self.roles & set(roles))

    def covers(self, paths, unit) -> bool:
        return any(unit.path.startswith(p) for p in paths)


def powers(user) -> Powers:
    cached = getattr(user, "_rect_powers", None)
    if cached is None:
        cached = Powers(user)
        if getattr(user, "is_authenticated", False):
            user._rect_powers = cached
    return cached


def _paths_q(field: str, paths) -> Q:
    key = f"{field}__path__startswith" if field else "path__startswith"
    return reduce(or_, [Q(**{key: p}) for p in sorted(paths)], Q(pk__in=[]))


def _unit_ids(q: Q):
    """A subquery of unit ids: the database evaluates it once instead of joining every row."""
    from orgs.models import Unit

    return Unit.objects.filter(q).values("pk")


def co_operated_q(units: Q) -> Q:
    """A Q over Item keeping items that one of the `units` (a Q over Unit) co-operates on: one
    subquery over the link table, so no join and no duplicate rows (no DISTINCT needed)."""
    return Q(pk__in=Item.co_units.through.objects.filter(unit_id__in=_unit_ids(units))
             .values("item_id"))


def visible_q(user) -> Q:
    """A Q over Item keeping what the user may see."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    pw = powers(user)
    # orgs scope already makes an office held in a bureau department bureau-wide
    seen_units = unit_q(user)
    general = (Q(lead_unit_id__in=_unit_ids(seen_units)) | co_operated_q(seen_units)
               | Q(owner=user) | Q(raised_by=user) | Q(responsible_leader=user)
               | Q(pk__in=Measure.objects.filter(owner=user).values("item_id")))
    personal = Q(person=user)
    if pw.discipline_paths:
        personal |= Q(lead_unit_id__in=_unit_ids(_paths_q("", pw.discipline_paths)))
    if pw.secretary_units:
        personal |= Q(lead_unit_id__in=sorted(pw.secretary_units))
    # co-operating units and measure owners widen only the general lists, never a personal one
    return (~Q(list_type=ListType.PERSONAL) & general) | (Q(list_type=ListType.PERSONAL) & personal)


def visible_to(user):
    return Item.objects.filter(visible_q(user))


def get_item_for_user(user, pk) -> Item:
    try:
        return visible_to(user).select_related(
            "lead_unit", "owner", "person", "raised_by", "responsible_leader").get(pk=pk)
    except (Item.DoesNotExist, ValueError):
        raise Http404 from None


def sees_item(user, item: Item) -> bool:
    return visible_to(user).filter(pk=item.pk).exists()


# --- Who may do what to an item -------------------------------------------------------------
def is_personal_overseer(user, item: Item) -> bool:
    """The branch secretary of the person's unit or a discipline inspector covering it."""
    pw = powers(user)
    return (item.lead_unit_id in pw.secretary_units
            or pw.covers(pw.discipline_paths, item.lead_unit))


def is_manager(user, item: Item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    pw = powers(user)
    if item.is_personal:
        return is_personal_overseer(user, item)
    if not pw.has(*MANAGER_ROLES):
        return False
    paths, singles = scope(user)
    return (item.lead_unit_id in singles or pw.covers(paths, item.lead_unit)
            or pw.covers(pw.office_paths, item.lead_unit))


def is_unit_reviewer(user, item: Item) -> bool:
    """The head of the lead unit or of a unit above it, or a leader of the lead unit itself (a
    bureau's own leadership list). Personal list: the branch secretary of the person's unit, or
    a discipline inspector where that unit has no branch secretary."""
    if not getattr(user, "is_authenticated", False) or user.pk == item.owner_id:
        return False
    pw = powers(user)
    if item.is_personal:
        if user.pk == item.person_id:
            return False
        if item.lead_unit_id in pw.secretary_units:
            return True
        return (pw.covers(pw.discipline_paths, item.lead_unit)
                and not Membership.objects.filter(unit_id=item.lead_unit_id,
                                                  role=Role.BRANCH_SECRETARY).exists())
    return pw.covers(pw.head_paths, item.lead_unit) or item.lead_unit_id in pw.leader_units


def is_office_reviewer(user, item: Item) -> bool:
    """The supervision office covering the unit (personal list: discipline inspectors)."""
    if not getattr(user, "is_authenticated", False) or user.pk == item.owner_id:
        return False
    pw = powers(user)
    if item.is_personal:
        return pw.covers(pw.discipline_paths, item.lead_unit) and user.pk != item.person_id
    return pw.covers(pw.office_paths, item.lead_unit)


def is_inspector(user, item: Item) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if item.is_personal:
        return is_personal_overseer(user, item) and user.pk != item.person_id
    return powers(user).has(*INSPECTOR_ROLES) and is_manager(user, item)


def passes_gate(user, item: Item, gate: str) -> bool:
    if gate == Gate.MANAGER:
        return is_manager(user, item)
    if gate == Gate.OWNER:
        return user.pk == item.owner_id or is_manager(user, item)
    if gate == Gate.UNIT_REVIEWER:
        return is_unit_reviewer(user, item)
    if gate == Gate.OFFICE_REVIEWER:
        return is_office_reviewer(user, item)
    if gate == Gate.INSPECTOR:
        return is_inspector(user, item)
    return False


def can_work_on(user, item: Item) -> bool:
    """May add measures, evidence and progress."""
    return user.pk in (item.owner_id, item.person_id) or is_manager(user, item)


def can_create_general(user) -> bool:
    return getattr(user, "is_authenticated", False) and powers(user).has(*MANAGER_ROLES)


def may_file_for(user, list_type: str, unit, person=None) -> bool:
    """May the user put an item on this list of this unit (or this person)?"""
    if not getattr(user, "is_authenticated", False) or unit is None:
        return False
    pw = powers(user)
    if list_type == ListType.PERSONAL:
        if person is None or person.unit_id != unit.pk:
            return False
        return (person.pk == user.pk or unit.pk in pw.secretary_units
                or pw.covers(pw.discipline_paths, unit))
    if not pw.has(*MANAGER_ROLES):
        return False
    paths, singles = scope(user)
    return unit.pk in singles or pw.covers(paths, unit) or pw.covers(pw.office_paths, unit)


# --- Checklists ------------------------------------------------------------------------------
def can_admin_checklists(user) -> bool:
    return getattr(user, "is_authenticated", False) and powers(user).has(*CHECKLIST_ADMIN_ROLES)


def assignments_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return ChecklistAssignment.objects.none()
    pw = powers(user)
    return ChecklistAssignment.objects.filter(unit_q(user, "unit")
                                              | _paths_q("unit", pw.office_paths))


def can_answer(user, assignment: ChecklistAssignment) -> bool:
    """The unit's head, department head or branch secretary (or a head above it)."""
    pw = powers(user)
    return (pw.covers(pw.head_paths, assignment.unit)
            or assignment.unit_id in pw.secretary_units)


def assignments_to_answer(user):
    """Unanswered checklists the user may answer (the same rule as can_answer, in SQL)."""
    pw = powers(user)
    q = _paths_q("unit", pw.head_paths)
    if pw.secretary_units:
        q |= Q(unit_id__in=sorted(pw.secretary_units))
    return ChecklistAssignment.objects.filter(q, answered_at__isnull=True)


def get_assignment_for_user(user, pk) -> ChecklistAssignment:
    try:
        return assignments_visible_to(user).select_related("checklist", "unit").get(pk=pk)
    except (ChecklistAssignment.DoesNotExist, ValueError):
        raise Http404 from None


# --- Cases -----------------------------------------------------------------------------------
def can_write_case(user, item: Item) -> bool:
    return (item.is_closed and powers(user).has(*CASE_WRITER_ROLES)
            and sees_item(user, item) and user.pk not in (item.owner_id, item.person_id))


def can_approve_case(user, case: Case) -> bool:
    return (case.state == CaseState.PENDING and user.pk != case.written_by_id
            and powers(user).has(*CASE_APPROVER_ROLES))


def cases_visible_to(user):
    """Published cases are for everyone signed in (warning education); drafts for their
    writer and the approvers."""
    if not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    q = Q(state=CaseState.PUBLISHED) | Q(written_by=user)
    if powers(user).has(*CASE_APPROVER_ROLES):
        q |= Q(state=CaseState.PENDING)
    return Case.objects.filter(q)


def get_case_for_user(user, pk) -> Case:
    try:
        return cases_visible_to(user).get(pk=pk)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None


def ledger_units(user):
    """Units whose items the user may see or file (orgs scope plus an office's whole bureau)."""
    from orgs.models import Unit

    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    pw = powers(user)
    return Unit.objects.filter(unit_q(user) | _paths_q("", pw.office_paths)
                               | _paths_q("", pw.discipline_paths))


def public_items():
    """What the public progress page shows: published items of the general lists only."""
    return Item.objects.filter(is_public=True).exclude(list_type=ListType.PERSONAL)
