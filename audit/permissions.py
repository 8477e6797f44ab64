from django.db.models import Q

from orgs.permissions import can_read_audit, unit_q

from .models import AuditEvent


def visible_to(user):
    """Auditors see events in their units' subtree, and events tied to no unit if they see all."""
    if not can_read_audit(user):
        return AuditEvent.objects.none()
    if user.is_superuser:
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(unit_q(user, "unit") | Q(actor__in=_people(user)))


def _people(user):
    from orgs.permissions import visible_people

    return visible_people(user).values("pk")
