from django.core.cache import cache
from django.db import transaction

from audit.actions import record

from .models import CACHE_KEY, SpecialDay


def set_day(day, kind: str, name: str, *, actor) -> SpecialDay:
    with transaction.atomic():
        obj = SpecialDay.objects.filter(date=day).first()
        old = (obj.kind, obj.name) if obj else None
        if obj is None:
            obj = SpecialDay.objects.create(date=day, kind=kind, name=name)
        else:
            obj.kind, obj.name = kind, name
            obj.save()
        record(actor, "calendar.day_set", obj, changes={"day": [old, [kind, name]]})
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))
    return obj


def remove_day(obj: SpecialDay, *, actor) -> None:
    with transaction.atomic():
        record(actor, "calendar.day_removed", obj, changes={"day": [[obj.kind, obj.name], None]})
        obj.delete()
        transaction.on_commit(lambda: cache.delete(CACHE_KEY))
