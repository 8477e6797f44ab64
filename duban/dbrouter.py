"""Reads in safe (GET/HEAD) requests go to a read replica when one is configured.

Everything else — writes, migrations, reads inside POST requests, background jobs — uses the
primary, so a request never reads its own write from a lagging replica. Deployments that read
right after a redirect should run replicas with synchronous_commit=remote_apply (docs/deploy.md).
"""

import contextvars
import random

from django.conf import settings

use_replica = contextvars.ContextVar("use_replica", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if use_replica.get():
            replicas = [alias for alias in settings.DATABASES if alias.startswith("replica")]
            if replicas:
                return random.choice(replicas)
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Marks safe-method requests as allowed to read from a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = use_replica.set(request.method in ("GET", "HEAD"))
        try:
            return self.get_response(request)
        finally:
            use_replica.reset(token)
