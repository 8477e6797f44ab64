"""Delivery channels behind one interface: `send(delivery) -> None`, raising ChannelError."""

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import send_mail


class ChannelError(Exception):
    pass


def _payload(notification) -> dict:
    person = notification.recipient
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "recipient": {"name": person.name, "phone": person.phone, "email": person.email},
        "created_at": notification.created_at.isoformat(),
    }


class EmailChannel:
    name = "email"

    def send(self, delivery) -> None:
        n = delivery.notification
        try:
            send_mail(n.title, f"{n.body}\n\n{n.url}".strip(), None, [n.recipient.email])
        except Exception as exc:  # any SMTP failure is a failed attempt, retried later
            raise ChannelError(str(exc)[:300]) from exc


class WebhookChannel:
    name = "webhook"

    def send(self, delivery) -> None:
        endpoint = delivery.endpoint
        body = json.dumps(_payload(delivery.notification), ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "X-Duban-Delivery": str(delivery.pk)}
        if endpoint.secret:
            sig = hmac.new(endpoint.secret.encode(), body, hashlib.sha256).hexdigest()
            headers["X-Duban-Signature"] = f"sha256={sig}"
        req = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as resp:
                if not 200 <= resp.status < 300:
                    raise ChannelError(f"HTTP {resp.status}")
        except urllib.error.HTTPError as exc:
            raise ChannelError(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise ChannelError(str(exc)[:300]) from exc


CHANNELS = {c.name: c for c in (EmailChannel(), WebhookChannel())}
