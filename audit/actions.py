"""Writing audit rows. Every action elsewhere calls `record` inside its own transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from .context import current_ip
from .models import AuditEvent


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def record(actor, action: str, obj=None, *, changes=None, unit=None, object_type=None,
           object_id=None, object_repr=None) -> AuditEvent:
    """Append one audit row: who did `action` to `obj` and what changed ({field: [old, new]})."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:200]
        if unit is None:
            unit = getattr(obj, "audit_unit", None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(getattr(actor, "name", "") or "")[:100] if actor else "",
        unit=unit,
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_repr=object_repr or "",
        changes=_plain(changes or {}),
        ip=current_ip.get(),
    )


def diff(obj, new_values: dict) -> dict:
    """{field: [old, new]} for the fields whose value would change."""
    out = {}
    for field, new in new_values.items():
        old = getattr(obj, field)
        if old != new:
            out[field] = [_plain(old), _plain(new)]
    return out
