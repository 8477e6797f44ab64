import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve duban with gunicorn (the production WSGI server)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("DUBAN_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("DUBAN_WORKERS", 3)))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("DUBAN_THREADS", 4)))

    def handle(self, *args, **opts):
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        argv = [gunicorn, "duban.wsgi:application", "--bind", opts["bind"],
                "--workers", str(opts["workers"]), "--threads", str(opts["threads"]),
                "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1"]
        self.stdout.write(f"serving on http://{opts['bind']}", ending="\n")
        self.stdout.flush()
        os.execv(gunicorn, argv)
