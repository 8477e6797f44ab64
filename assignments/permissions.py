"""Who sees which 督办 items and who may do what with them. Every view and export uses this.

Items are seen through their lead unit (orgs.permissions.unit_q: a unit sees its subtree, a
leader his regions, a supervisor the supervised units; the supervision office (督查室) held in a
bureau's department covers the whole bureau), plus the items one issued, owns, leads or
co-operates on.
"""

from django.db.models import Q
from django.http import Http404

from orgs.choices import Role
from orgs.models import Membership, Unit
from orgs.permissions import sees_unit, unit_q

from .choices import Verb
from .models import Item

ISSUER_ROLES = (Role.OFFICE, Role.LEADER)
BOARD_ROLES = (Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.UNIT_HEAD, Role.DEPT_HEAD,
               Role.ADMIN, Role.AUDITOR, Role.DISCIPLINE)
OUTSIDE_ROLES = {Role.OBSERVER, Role.EVALUATOR}


def _memberships(user) -> list[tuple[str, str, str]]:
    """(role, unit path, unit kind) of the user's roles, cached on the user."""
    cached = getattr(user, "_assign_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(person=user)
                      .values_list("role", "unit__path", "unit__kind"))
        user._assign_memberships = cached
    return cached


def unit_scope_q(user, field: str = "") -> Q:
    """Units (through `field`) the user sees for supervision work."""
    return unit_q(user, field)


def sees(user, unit) -> bool:
    return sees_unit(user, unit)


def issuable_units(user):
    """Units the user may assign work to: the units they see."""
    if not getattr(user, "is_authenticated", False):
        return Unit.objects.none()
    return Unit.objects.filter(unit_scope_q(user))


def _outsider(user) -> bool:
    roles = {r for r, _p, _k in _memberships(user)}
    return not user.is_superuser and bool(roles) and roles <= OUTSIDE_ROLES


def visible_to(user):
    """The items the user may see."""
    if not getattr(user, "is_authenticated", False):
        return Item.objects.none()
    co_op = Item.co_units.through.objects.filter(unit_q(user, "unit")).values("item_id")
    q = (unit_scope_q(user, "lead_unit") | Q(issuer=user) | Q(owner=user)
         | Q(responsible_leader=user) | Q(pk__in=co_op))
    qs = Item.objects.filter(q)
    if _outsider(user):
        qs = qs.filter(is_public=True)
    return qs


def get_item_for_user(user, pk) -> Item:
    try:
        return visible_to(user).select_related(
            "lead_unit", "owner", "issuer", "responsible_leader", "parent").get(pk=pk)
    except (Item.DoesNotExist, ValueError):
        raise Http404 from None


def can_issue(user) -> bool:
    return user.is_authenticated and user.has_role(*ISSUER_ROLES)


def can_see_board(user) -> bool:
    return user.is_authenticated and user.has_role(*BOARD_ROLES)


def acts_for(user, item) -> bool:
    """The owner, or a head of the lead unit (or of a unit above it), acts for the item."""
    if not user.is_authenticated:
        return False
    if user.pk == item.owner_id or user.is_superuser:
        return True
    return any(role == Role.UNIT_HEAD and item.lead_unit.path.startswith(path)
               for role, path, _k in _memberships(user))


def manages(user, item) -> bool:
    """The issuer, or the supervision office over the lead unit."""
    if not user.is_authenticated:
        return False
    if user.pk == item.issuer_id or user.is_superuser:
        return True
    return user.has_role(Role.OFFICE) and sees(user, item.lead_unit)


def reviews(user, item) -> bool:
    """Checks reports and verifies: a manager or a supervisor over the unit, never the owner."""
    if not user.is_authenticated or user.pk == item.owner_id:
        return False
    return manages(user, item) or (user.has_role(Role.SUPERVISOR) and sees(user, item.lead_unit))


def can_decompose(user, item) -> bool:
    return item.is_open and (manages(user, item) or acts_for(user, item))


VERB_CHECK = {
    Verb.SIGN: acts_for, Verb.START: acts_for, Verb.REPORT_DONE: acts_for,
    Verb.VERIFY: reviews, Verb.RETURN: reviews, Verb.CLOSE: reviews,
    Verb.SUSPEND: manages, Verb.RESUME: manages, Verb.CANCEL: manages,
}


def may(user, item, verb) -> bool:
    return VERB_CHECK[verb](user, item)
