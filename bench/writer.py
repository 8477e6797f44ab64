"""Writes while the bench reads: one audited change every `interval` seconds until stopped.

    .venv/bin/python bench/writer.py INTERVAL   (started by bench/run.py with the bench's env)

Each write is a real action (a person's title changes), so it commits an audit row, moves the
write counter and so drops every page the cache kept. Prints how many writes it made on exit.
"""

import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")


def main() -> None:
    import django

    django.setup()
    from orgs.actions import update_person
    from orgs.models import Person

    interval = float(sys.argv[1])
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    admin = Person.objects.filter(is_superuser=True).first() or Person.objects.first()
    person = Person.objects.exclude(pk=admin.pk).order_by("pk").first()
    writes = 0
    while not stop:
        update_person(person, actor=admin, title=f"基准测试 {writes % 2}")
        writes += 1
        time.sleep(interval)
    print(writes, flush=True)


if __name__ == "__main__":
    main()
