"""Notifications: the inbox, and deliveries over e-mail and webhooks with retries."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from inbox.actions import attempt, notify
from inbox.models import Delivery, DeliveryStatus, Notification, WebhookEndpoint


class Receiver:
    """A local HTTP server that answers with the statuses it is given, recording each request."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.requests = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), json.loads(body)))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_inbox_and_unread_count(cast, login):
    notify([cast.staff], "请签收督办事项", body="详见事项", url="/inbox/")
    c = login(cast.staff)
    r = c.get("/")
    assert 'id="unread-count">1<' in r.content.decode()
    n = Notification.objects.get(recipient=cast.staff)
    r = c.post(f"/inbox/{n.pk}/open/")
    assert r.status_code == 302
    assert Notification.objects.get(pk=n.pk).read_at is not None
    assert 'id="unread-count">0<' in c.get("/").content.decode()


def test_nobody_opens_anothers_notification(cast, login):
    notify([cast.staff], "私人消息")
    n = Notification.objects.get(recipient=cast.staff)
    assert login(cast.member).post(f"/inbox/{n.pk}/open/").status_code == 404


def test_email_channel(cast, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cast.staff.email = "staff@example.cn"
    cast.staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([cast.staff], "逾期提醒", body="事项已逾期")
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "逾期提醒"
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_webhook_delivers_signed_json(cast, django_capture_on_commit_callbacks):
    with Receiver([200]) as hook:
        WebhookEndpoint.objects.create(name="短信网关", url=hook.url, secret="s3cret")
        with django_capture_on_commit_callbacks(execute=True):
            notify([cast.staff], "督办提醒", body="三天后到期")
    headers, payload = hook.requests[0]
    assert payload["title"] == "督办提醒" and payload["recipient"]["phone"] == cast.staff.phone
    assert headers["X-Duban-Signature"].startswith("sha256=")
    d = Delivery.objects.get()
    assert d.status == DeliveryStatus.SENT and d.tries.get().ok


def test_webhook_retries_with_backoff_and_records_each_attempt(cast):
    with Receiver([500, 503, 200]) as hook:
        WebhookEndpoint.objects.create(name="企业微信", url=hook.url)
        notify([cast.staff], "督办提醒")
        d = Delivery.objects.get()
        now = timezone.now()
        assert attempt(d.pk, now=now) == DeliveryStatus.PENDING
        d.refresh_from_db()
        assert d.next_attempt_at == now + timedelta(minutes=1)
        assert attempt(d.pk, now=now) is None  # not due yet: nothing sent
        later = now + timedelta(minutes=1)
        assert attempt(d.pk, now=later) == DeliveryStatus.PENDING
        d.refresh_from_db()
        assert d.next_attempt_at == later + timedelta(minutes=2)
        assert attempt(d.pk, now=later + timedelta(minutes=2)) == DeliveryStatus.SENT
    assert [t.ok for t in d.tries.all()] == [False, False, True]
    assert "HTTP 500" in d.tries.first().detail
    assert len(hook.requests) == 3


def test_webhook_gives_up_after_max_attempts(cast, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    WebhookEndpoint.objects.create(name="坏网关", url="http://127.0.0.1:9/unreachable")
    notify([cast.staff], "督办提醒")
    d = Delivery.objects.get()
    now = timezone.now()
    attempt(d.pk, now=now)
    attempt(d.pk, now=now + timedelta(hours=1))
    d.refresh_from_db()
    assert d.status == DeliveryStatus.FAILED and d.tries.count() == 2


def test_deliver_command_is_safe_to_run_twice(cast):
    with Receiver([200, 200]) as hook:
        WebhookEndpoint.objects.create(name="网关", url=hook.url)
        notify([cast.staff], "一")
        call_command("deliver")
        call_command("deliver")
    assert len(hook.requests) == 1


@pytest.mark.django_db
def test_inbox_query_count(cast, login, django_assert_max_num_queries):
    for i in range(40):
        notify([cast.staff], f"消息{i}")
    c = login(cast.staff)
    with django_assert_max_num_queries(10):
        assert c.get("/inbox/").status_code == 200
