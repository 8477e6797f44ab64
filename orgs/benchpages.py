"""Pages and timings of the organisation for `make bench` (see bench/run.py).

Runs inside Django against the bench city (orgs.demo.BENCH); `logins` is demo_logins().
"""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .demo import CITY_CODE
from .models import Person, Unit
from .permissions import visible_people

DIRECTOR = "局长 bureau director (leader)"
SCHOOL_HEAD = "校长 school head"


def pages(logins: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(name, url, phone of the person who loads it; None = anonymous)."""
    director = logins[DIRECTOR]
    county = Unit.objects.filter(code=f"{CITY_CODE}-K01").values_list("pk", flat=True).first()
    teacher = (Person.objects.filter(title="教师", unit__code__startswith=f"{CITY_CODE}-K08")
               .order_by("id").values_list("pk", flat=True).first())
    out: list[tuple[str, str, str | None]] = [
        ("login page", "/login/", None),
        ("home dashboard", "/", director),
        ("unit tree", "/orgs/", director),
        ("unit detail (county)", f"/orgs/units/{county}/", director),
        ("people ?q=王&page=3", "/orgs/people/?q=%E7%8E%8B&page=3", director),
        ("people page 200", "/orgs/people/?page=200", director),
        ("person detail", f"/orgs/people/{teacher}/", director),
    ]
    if SCHOOL_HEAD in logins:
        out.append(("unit tree (school head)", "/orgs/", logins[SCHOOL_HEAD]))
    return out


def _best_of(fn, n: int = 5) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def timings() -> list[tuple[str, float, float]]:
    """(name, seconds, target seconds): the tree and scope queries at 2,000 units."""
    city = Unit.objects.get(code=CITY_CODE)
    with CaptureQueriesContext(connection) as ctx:
        size = len(list(city.subtree()))
    if len(ctx.captured_queries) != 1:
        raise AssertionError(f"subtree took {len(ctx.captured_queries)} queries, not 1")
    director = Person.objects.filter(title="局长", unit=city).order_by("id").first()
    county = Unit.objects.get(code=f"{CITY_CODE}-K01")
    return [
        (f"subtree of the city ({size} units, 1 query)",
         _best_of(lambda: list(city.subtree())), 0.05),
        ("subtree of a county (1 query)", _best_of(lambda: list(county.subtree())), 0.01),
        ("count people the director sees",
         _best_of(lambda: visible_people(Person.objects.get(pk=director.pk)).count()), 0.05),
    ]
