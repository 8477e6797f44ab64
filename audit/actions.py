"""Writing audit rows. Every action elsewhere calls `record` inside its own transaction."""

from datetime import date, datetime
from decimal import Decimal

from django.db import connections, models, router, transaction
from django.db.models import F

from .context import current_ip
from .models import AuditEvent, WriteCounter


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
    event = AuditEvent.objects.create(
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
    _count_write_on_commit()
    return event


def diff(obj, new_values: dict) -> dict:
    """{field: [old, new]} for the fields whose value would change."""
    out = {}
    for field, new in new_values.items():
        old = getattr(obj, field)
        if old != new:
            out[field] = [_plain(old), _plain(new)]
    return out


def bump_write_counter() -> None:
    """Runs after a transaction that wrote audit rows has committed (its own statement)."""
    counter = WriteCounter.objects.filter(pk=1)
    if not counter.update(value=F("value") + 1):  # no row yet (a fresh or flushed database)
        _, created = WriteCounter.objects.get_or_create(pk=1, defaults={"value": 1})
        if not created:
            counter.update(value=F("value") + 1)


def _count_write_on_commit() -> None:
    using = router.db_for_write(AuditEvent)
    pending = connections[using].run_on_commit
    if not any(func is bump_write_counter for _, func, _ in pending):
        transaction.on_commit(bump_write_counter, using=using)


def write_generation(using: str | None = None) -> int:
    """The counter's value as the database behind `using` (a replica, say) has it now.

    Plain SQL: this runs on every page the page cache serves, and the ORM would spend longer
    building the query than the database spends answering it.
    """
    connection = connections[using or router.db_for_read(WriteCounter)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {WriteCounter._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
