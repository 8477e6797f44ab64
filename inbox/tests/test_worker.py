"""The background worker: `duban worker` is django-tasks' database worker."""

import pytest

from duban.cli import main as duban_main
from inbox.actions import notify
from inbox.models import Delivery, DeliveryStatus, WebhookEndpoint
from inbox.tests.test_inbox import Receiver


@pytest.mark.django_db(transaction=True)
def test_worker_runs_queued_deliveries(cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    with Receiver([200]) as hook:
        WebhookEndpoint.objects.create(name="钉钉", url=hook.url)
        notify([cast.staff], "周调度提醒")  # outside an atomic block: enqueued at once
        assert DBTaskResult.objects.count() == 1
        assert Delivery.objects.get().status == DeliveryStatus.PENDING
        duban_main(["duban", "worker", "--batch", "--no-startup-delay", "--no-reload"])
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert len(hook.requests) == 1
