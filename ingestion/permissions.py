"""Who may upload and review documents, and who sees which. Every view goes through here.

The supervision office, bureau leaders and administrators upload and review. A document
belongs to its issuing unit and is seen by whoever sees that unit (a parent unit sees its
subtree, the office its whole bureau); whoever sees a 督办 item made from a document may also
read the document (its "source" link), without the review tools.
"""

from django.db.models import Q
from django.http import Http404

from assignments import permissions as assignment_perms
from orgs.choices import Role, UnitKind

from .models import Document, ProposedTask

REVIEWER_ROLES = (Role.OFFICE, Role.LEADER, Role.ADMIN)


def can_review(user) -> bool:
    """May upload documents and review their tasks."""
    return bool(getattr(user, "is_authenticated", False)) and user.has_role(*REVIEWER_ROLES)


def can_convert(user) -> bool:
    """May turn reviewed tasks into 督办 items (issuing them)."""
    return assignment_perms.can_issue(user)


def in_scope(user):
    """Documents of the units the user sees."""
    if not getattr(user, "is_authenticated", False) or assignment_perms._outsider(user):
        return Document.objects.none()
    return Document.objects.filter(assignment_perms.unit_scope_q(user, "unit"))


def visible_to(user):
    """Documents the user may read: those in scope and the sources of items they see."""
    if not getattr(user, "is_authenticated", False):
        return Document.objects.none()
    sources = (assignment_perms.visible_to(user).filter(source_document_id__isnull=False)
               .values("source_document_id"))
    if assignment_perms._outsider(user):  # observers read only what their items point to
        return Document.objects.filter(pk__in=sources)
    return Document.objects.filter(assignment_perms.unit_scope_q(user, "unit")
                                   | Q(pk__in=sources))


def get_document_for_user(user, pk) -> Document:
    try:
        return visible_to(user).select_related("unit", "uploaded_by").get(pk=pk)
    except (Document.DoesNotExist, ValueError):
        raise Http404 from None


def may_review(user, document) -> bool:
    return can_review(user) and assignment_perms.sees(user, document.unit)


def get_task_for_user(user, pk) -> ProposedTask:
    try:
        task = ProposedTask.objects.select_related("document", "document__unit").get(pk=pk)
    except (ProposedTask.DoesNotExist, ValueError):
        raise Http404 from None
    if not visible_to(user).filter(pk=task.document_id).exists():
        raise Http404
    return task


def issuing_unit(user):
    """The unit a user's uploads belong to: their unit, or the bureau of their department."""
    unit = user.unit
    if unit is not None and unit.kind == UnitKind.DEPARTMENT and unit.depth > 1:
        return type(unit).objects.filter(path=unit.parent_path).first() or unit
    return unit
