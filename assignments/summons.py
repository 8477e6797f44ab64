"""约谈 candidates: units whose items were red again and again, week after week.

A unit is a candidate when at least one item it leads was red at the end of at least
`SUMMONS_RED_WEEKS` of the last `SUMMONS_WEEKS` finished weeks. Red-ness at the end of a past
week is rebuilt from stored data by `history` (no snapshot job): the item was still waiting on
its owner then and either its deadline then had passed or two regular reports were missing
(counted from the reports submitted by then). Approximations are those of `history`: the
report cadence and the lead unit are taken as they are now.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q

from orgs.models import Unit

from . import history
from .models import flag_q

# Four weeks is about a month, the usual reporting period, and two red week-ends out of four
# means a red flag that stayed or came back, not a single lapse put right within the week.
SUMMONS_WEEKS = 4
SUMMONS_RED_WEEKS = 2


@dataclass
class Candidate:
    unit_id: int
    name: str
    weeks: list[bool]   # red at the end of each week, oldest first
    red_now: int        # red items today

    @property
    def red_weeks(self) -> int:
        return sum(self.weeks)


def week_ends(today: date, weeks: int = SUMMONS_WEEKS) -> list[datetime]:
    """The ends (first moment of the next Monday) of the last `weeks` finished weeks, oldest
    first. The current week is not finished and is left out."""
    monday = today - timedelta(days=today.weekday())
    return [history.cut_at(monday - timedelta(weeks=k)) for k in range(weeks - 1, -1, -1)]


def red_weeks_by_unit(items, today: date) -> dict[int, list[bool]]:
    """{lead unit id: [red at the end of each of the last SUMMONS_WEEKS weeks]} for the units
    with a red item at the end of at least one of them — five queries."""
    cuts = week_ends(today)
    first, last = cuts[0], cuts[-1]
    could_be_red = Q(deadline__lt=last.date()) | history.changed_deadline_since(first)
    for cut in cuts:
        could_be_red |= history.missed_two_q(cut)
    pool = (items.filter(created_at__lt=last).exclude(history.settled_before(first))
            .filter(could_be_red))
    out: dict[int, list[bool]] = {}
    for past in history.load(pool, cuts):
        for k, cut in enumerate(cuts):
            if past.is_red(cut):
                out.setdefault(past.lead_unit_id, [False] * len(cuts))[k] = True
    return out


def candidates(items, today: date, cal, limit: int = 20) -> list[Candidate]:
    """Units with repeated red flags, most weeks red first, then most red items today."""
    weeks = {u: w for u, w in red_weeks_by_unit(items, today).items()
             if sum(w) >= SUMMONS_RED_WEEKS}
    if not weeks:
        return []
    names = dict(Unit.objects.filter(pk__in=list(weeks)).values_list("pk", "name"))
    now = dict(items.filter(flag_q("red", today, cal), lead_unit__in=list(weeks))
               .values("lead_unit").annotate(n=Count("pk")).values_list("lead_unit", "n")
               .order_by())
    out = [Candidate(u, names.get(u, ""), w, now.get(u, 0)) for u, w in weeks.items()]
    out.sort(key=lambda c: (-c.red_weeks, -c.red_now, c.name))
    return out[:limit]
