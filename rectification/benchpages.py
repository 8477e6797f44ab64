"""What `make bench` loads and times for the rectification ledgers (see bench/run.py)."""

import time

from django.utils import timezone


def pages(logins):
    """[(name, url, phone)]: the filtered ledger (50 rows), an item page, the statistics."""
    from orgs.models import Person

    from . import permissions as perms

    office = logins.get("督查室 supervision office")
    head = logins.get("县区教育局长 county bureau head") or logins.get("校长 school head")
    out = []
    if office:
        out.append(("rectification: ledger, open + overdue, 50 rows",
                    "/rectification/?state=open&overdue=on", office))
        out.append(("rectification: ledger, leadership list, source filter",
                    "/rectification/?list_type=leadership&source=public_report", office))
        person = Person.objects.get(phone=office)
        item = perms.visible_to(person).order_by("id").values_list("pk", flat=True).first()
        if item is not None:
            out.append(("rectification: item page", f"/rectification/{item}/", office))
    if head:
        out.append(("rectification: ledger (county head)", "/rectification/?state=rectifying",
                    head))
    return out


def timings():
    """[(name, seconds, target seconds)]: a 10,000-row 整改台账 .xlsx export."""
    from .exports import ledger_xlsx
    from .models import Item

    ids = list(Item.objects.order_by("id").values_list("pk", flat=True)[:10_000])
    start = time.perf_counter()
    ledger_xlsx(Item.objects.filter(pk__in=ids) if len(ids) < 900 else
                Item.objects.filter(pk__gte=ids[0], pk__lte=ids[-1]))
    seconds = time.perf_counter() - start
    out = [("rectification: 10,000-row ledger .xlsx export", seconds, 5.0)]
    from .report import ledger_report

    start = time.perf_counter()
    ledger_report(Item.objects.all(), issuer="示范市教育局", today=timezone.localdate())
    out.append(("rectification: 整改落实情况报告 .docx over the whole city",
                time.perf_counter() - start, 5.0))
    out.append(("rectification: remind_rectification, first run over the whole city (every "
                "late measure at once; rolled back)", _time_reminders(), 20.0))
    return out


class _Undo(Exception):
    pass


def _time_reminders() -> float:
    """A reminder run (queries, reminder rows, digests) where nothing was sent before: the worst
    day. Undone afterwards, so the bench city is left as it was."""
    from django.db import transaction

    from workdays.models import load

    from .reminders import run

    cal = load()
    today = cal.next_workday(timezone.localdate())
    start = time.perf_counter()
    try:
        with transaction.atomic():
            run(today, cal=cal)
            raise _Undo
    except _Undo:
        pass
    return time.perf_counter() - start
