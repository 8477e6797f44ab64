"""Who sees which units, in one place. Every view, export and search goes through here.

A person sees the units they belong to. Holding a subtree role (unit head, supervision office,
department head, administrator, auditor, discipline inspector) in a unit opens its whole
subtree; office, administrator, auditor and discipline roles held in a bureau's department act
for the whole bureau. Leaders and supervisors also see the subtrees of their regions. The
public (anonymous) sees no unit.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import Http404

from .choices import BUREAU_WIDE_ROLES, SUBTREE_ROLES, Role, UnitKind
from .models import Membership, Person, Region, Unit


def scope(user) -> tuple[frozenset[str], frozenset[int]]:
    """(subtree root paths, single unit ids) the user may see; cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset(), frozenset()
    cached = getattr(user, "_duban_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        roots = frozenset(Unit.get_root_nodes().values_list("path", flat=True))
        result = (roots, frozenset())
    else:
        paths: set[str] = set()
        singles: set[int] = set()
        if user.unit_id:
            singles.add(user.unit_id)
        for role, unit_id, path, kind in Membership.objects.filter(person=user).values_list(
            "role", "unit_id", "unit__path", "unit__kind"
        ):
            if role in BUREAU_WIDE_ROLES and kind == UnitKind.DEPARTMENT:
                paths.add(path[: -Unit.steplen])
            elif role in SUBTREE_ROLES:
                paths.add(path)
            else:
                singles.add(unit_id)
        paths.update(Region.objects.filter(person=user).values_list("unit__path", flat=True))
        result = (_minimal(paths), frozenset(singles))
    user._duban_scope = result
    return result


def _minimal(paths: set[str]) -> frozenset[str]:
    """Drop paths that lie inside another path of the set."""
    kept: list[str] = []
    for p in sorted(paths):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return frozenset(kept)


def unit_q(user, field: str = "") -> Q:
    """A Q that keeps rows whose unit (reached by `field`, '' for Unit itself) the user sees."""
    prefix = f"{field}__" if field else ""
    paths, singles = scope(user)
    parts = [Q(**{f"{prefix}path__startswith": p}) for p in paths]
    if singles:
        parts.append(Q(**{f"{prefix}pk__in": sorted(singles)}))
    if not parts:
        return Q(pk__in=[])
    return reduce(or_, parts)


def visible_units(user):
    return Unit.objects.filter(unit_q(user))


def get_unit_for_user(user, pk) -> Unit:
    try:
        return visible_units(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError):
        raise Http404 from None


def sees_unit(user, unit: Unit) -> bool:
    paths, singles = scope(user)
    return unit.pk in singles or any(unit.path.startswith(p) for p in paths)


def visible_people(user):
    """People whose own unit the user sees, plus the user themself."""
    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return Person.objects.filter(unit_q(user, "unit") | Q(pk=user.pk))


def get_person_for_user(user, pk) -> Person:
    try:
        return visible_people(user).get(pk=pk)
    except (Person.DoesNotExist, ValueError):
        raise Http404 from None


def can_administer(user) -> bool:
    """May import units and people and edit the calendar."""
    return user.is_authenticated and user.has_role(Role.ADMIN)


def can_read_audit(user) -> bool:
    return user.is_authenticated and user.has_role(Role.AUDITOR, Role.ADMIN)
