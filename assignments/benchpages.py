"""What `make bench` loads and times for 督办 (see bench/run.py)."""

import time

from django.utils import timezone


def pages(logins):
    """[(name, url, phone)]: my to-do, the office board filtered to 50 rows, an item."""
    from orgs.models import Person

    from . import permissions as perms
    from .models import Item

    office = logins.get("督查室 supervision office")
    head = logins.get("校长 school head") or logins.get("县区教育局长 county bureau head")
    out = []
    if head:
        out.append(("assignments: my to-do (school head)", "/assignments/todo/", head))
    county = logins.get("县区教育局长 county bureau head")
    if county:
        out.append(("assignments: my to-do (county head)", "/assignments/todo/", county))
    if office:
        out.append(("assignments: office board, red, 50 rows", "/assignments/?flag=red", office))
        out.append(("assignments: office board, open, 50 rows", "/assignments/?state=in_progress",
                    office))
        person = Person.objects.get(phone=office)
        item = (perms.visible_to(person).filter(parent__isnull=False, parts__isnull=False)
                .order_by("id").first() or Item.objects.order_by("id").first())
        if item is not None:
            out.append(("assignments: item detail", f"/assignments/items/{item.pk}/", office))
    return out


def timings():
    """[(name, seconds, target seconds)]: `remind` over the whole city, the weekly dispatch."""
    from workdays.models import load

    from . import dispatch, reminders
    from .models import Item

    now = timezone.now()
    today = timezone.localdate(now)
    out = []
    start = time.perf_counter()
    reminders.run(now, cal=load())
    out.append(("assignments: duban remind over the whole city", time.perf_counter() - start,
                10.0))
    start = time.perf_counter()
    monday = dispatch.week_of(today)
    rows = dispatch.build(Item.objects.all(), monday, today)
    dispatch.xlsx(rows, monday)
    dispatch.docx(rows, monday)
    out.append(("assignments: weekly dispatch for the city (page data, .xlsx, .docx)",
                time.perf_counter() - start, 3.0))
    return out
