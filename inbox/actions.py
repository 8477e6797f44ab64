"""Sending notifications: the inbox row at once, outside channels after the commit."""

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .channels import CHANNELS, ChannelError
from .models import Delivery, DeliveryAttempt, DeliveryStatus, Notification, WebhookEndpoint


def notify(recipients, title: str, *, body: str = "", url: str = "", kind: str = "general"):
    """Put a notification in each recipient's inbox and queue its outside deliveries."""
    endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
    created = []
    for person in {p.pk: p for p in recipients if p is not None}.values():
        n = Notification.objects.create(recipient=person, title=title[:200], body=body,
                                        url=url, kind=kind)
        deliveries = []
        if person.email:
            deliveries.append(Delivery(notification=n, channel="email"))
        deliveries += [Delivery(notification=n, channel="webhook", endpoint=e) for e in endpoints]
        Delivery.objects.bulk_create(deliveries)
        created.append(n)
    if created and (endpoints or any(n.recipient.email for n in created)):
        from .jobs import deliver_pending

        transaction.on_commit(lambda: deliver_pending.enqueue())
    return created


def mark_read(person, ids=None) -> int:
    qs = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def claim(delivery_id: int, now) -> bool:
    """Take a due delivery for sending; False when another worker has it or it is not due."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=DeliveryStatus.SENDING, attempts=F("attempts") + 1)
    )


def attempt(delivery_id: int, *, now=None) -> str | None:
    """Try one delivery once if it is due; record the attempt; schedule a retry on failure."""
    now = now or timezone.now()
    if not claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("notification__recipient", "endpoint").get(
        pk=delivery_id
    )
    try:
        CHANNELS[delivery.channel].send(delivery)
    except ChannelError as exc:
        DeliveryAttempt.objects.create(delivery=delivery, ok=False, detail=str(exc))
        if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        else:
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now + delivery.backoff()
    else:
        DeliveryAttempt.objects.create(delivery=delivery, ok=True)
        delivery.status = DeliveryStatus.SENT
    delivery.save(update_fields=["status", "next_attempt_at"])
    return delivery.status


def due_delivery_ids(now) -> list[int]:
    return list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .values_list("pk", flat=True)[:1000]
    )
