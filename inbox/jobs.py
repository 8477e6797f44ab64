"""Background work of the inbox, run by `duban worker` (django-tasks database backend)."""

from django.utils import timezone
from django_tasks import task

from .actions import attempt, due_delivery_ids


@task()
def deliver_pending() -> int:
    """Send every due delivery once; returns how many were tried."""
    now = timezone.now()
    ids = due_delivery_ids(now)
    for pk in ids:
        attempt(pk, now=now)
    return len(ids)
