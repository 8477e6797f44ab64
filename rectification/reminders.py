"""Reminders of the rectification ledgers, sent as one digest per person and day.

Who is told what (`duban remind_rectification`, daily; nothing is sent on a non-working day,
what fell due then goes out on the next working day):

- the owner of a measure that is not done, on an item not signed off: 3 working days before
  its deadline, on the last working day before it, and on the first working day it is late;
- once the measure is ESCALATE_AFTER_WORKDAYS working days late: the item's owner and
  responsible leader (not the measure's owner; when that leaves nobody, the heads of the lead
  unit); for a personal list item the branch secretary of the person's unit, nobody else;
- when a scheduled re-inspection (回头看) of a signed-off item falls due and has no result:
  the person who scheduled it and its inspector.

Each step is sent once. Safe to run twice and at the same time: a reminder is a row with a
unique key (measure or re-inspection, kind, person, date) inserted with conflicts ignored; a
digest is claimed by inserting the one (person, date) row, and only the run that inserted it
sends it. The candidates are found with a handful of set-based queries whatever the size of the
ledger: measures due within 3 working days, and overdue measures whose next step has not been
recorded yet.
"""

import uuid
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inbox.actions import notify
from orgs.choices import Role
from orgs.models import Membership, Person
from workdays.models import load as load_calendar

from .choices import (
    ESCALATE_AFTER_WORKDAYS,
    OPEN_STATES,
    ListType,
    MeasureState,
    ReinspectionOutcome,
    ReminderKind,
    State,
)
from .models import Measure, Reinspection, Reminder, ReminderDigest

K = ReminderKind
KIND = "rectification.digest"
MAX_LINES = 50
# the order of a digest: the most pressing first
ORDER = [K.MEASURE_ESCALATED, K.MEASURE_OVERDUE, K.MEASURE_BEFORE_1, K.MEASURE_BEFORE_3,
         K.REINSPECTION_DUE]

# Reminders still worth sending: the measure is not done and its item not signed off, or the
# re-inspection still has no result and its item is still signed off.
LIVE = ((Q(measure__isnull=False) & ~Q(measure__state=MeasureState.DONE)
         & Q(item__state__in=OPEN_STATES))
        | (Q(reinspection__isnull=False) & Q(reinspection__outcome=ReinspectionOutcome.PENDING)
           & Q(item__state=State.SIGNED_OFF)))

MEASURE_FIELDS = ["id", "item_id", "deadline", "owner_id", "item__owner_id",
                  "item__responsible_leader_id", "item__lead_unit_id", "item__list_type"]


def _late_by_at_least(today: date, n: int, cal) -> date:
    """Deadlines before the returned day are at least n working days late on `today`."""
    return cal.add_workdays(today + timedelta(days=1), -n)


def _recorded(kind) -> Exists:
    return Exists(Reminder.objects.filter(measure_id=OuterRef("pk"), kind=kind))


def owed(today: date, cal, *, escalate_after: int = ESCALATE_AFTER_WORKDAYS):
    """[(item id, measure id, re-inspection id, person id, kind, date)] owed on `today`."""
    out = []
    open_measures = Measure.objects.filter(item__state__in=OPEN_STATES).exclude(
        state=MeasureState.DONE)

    # before the deadline: a few days' worth of measures
    for m in open_measures.filter(deadline__gte=today,
                                  deadline__lte=cal.add_workdays(today, 3)).values(
            *MEASURE_FIELDS):
        d1 = cal.add_workdays(m["deadline"], -1)
        d3 = cal.add_workdays(m["deadline"], -3)
        if d1 <= today:
            out.append((m["item_id"], m["id"], None, m["owner_id"], K.MEASURE_BEFORE_1, d1))
        elif d3 <= today:
            out.append((m["item_id"], m["id"], None, m["owner_id"], K.MEASURE_BEFORE_3, d3))

    # after it: only measures whose next step is not recorded yet
    late_1 = _late_by_at_least(today, 1, cal)
    late_n = _late_by_at_least(today, escalate_after, cal)
    late = list(open_measures.filter(deadline__lt=late_1).filter(
        ~_recorded(K.MEASURE_OVERDUE)
        | (Q(deadline__lt=late_n) & ~_recorded(K.MEASURE_ESCALATED))).values(*MEASURE_FIELDS))
    escalate = [m for m in late if m["deadline"] < late_n]
    overseers = _overseers({m["item__lead_unit_id"] for m in escalate})
    for m in late:
        out.append((m["item_id"], m["id"], None, m["owner_id"], K.MEASURE_OVERDUE,
                    cal.add_workdays(m["deadline"], 1)))
    for m in escalate:
        when = cal.add_workdays(m["deadline"], escalate_after)
        for person_id in _escalate_to(m, overseers):
            out.append((m["item_id"], m["id"], None, person_id, K.MEASURE_ESCALATED, when))

    # re-inspections that fell due and have no result yet
    for pk, item_id, on, inspector, scheduler in (
            Reinspection.objects.filter(outcome=ReinspectionOutcome.PENDING,
                                        scheduled_on__lte=today, item__state=State.SIGNED_OFF)
            .filter(~Exists(Reminder.objects.filter(reinspection_id=OuterRef("pk"),
                                                    kind=K.REINSPECTION_DUE)))
            .values_list("pk", "item_id", "scheduled_on", "inspector_id", "created_by_id")):
        for person_id in dict.fromkeys((inspector, scheduler)):
            out.append((item_id, None, pk, person_id, K.REINSPECTION_DUE, on))
    return out


def _overseers(unit_ids) -> dict[tuple[int, str], list[int]]:
    """{(unit id, "heads" | "secretaries"): [person id]} for the lead units of escalations."""
    found: dict[tuple[int, str], list[int]] = defaultdict(list)
    if not unit_ids:
        return found
    for unit_id, role, person_id in Membership.objects.filter(
            unit_id__in=sorted(unit_ids),
            role__in=[Role.UNIT_HEAD, Role.DEPT_HEAD, Role.BRANCH_SECRETARY]).values_list(
            "unit_id", "role", "person_id"):
        found[(unit_id, "secretaries" if role == Role.BRANCH_SECRETARY else "heads")].append(
            person_id)
    return found


def _escalate_to(m: dict, overseers) -> list[int]:
    """Who hears of a measure still late: see the module's docstring."""
    unit = m["item__lead_unit_id"]
    if m["item__list_type"] == ListType.PERSONAL:  # its small circle only
        people = overseers.get((unit, "secretaries"), [])
    else:
        people = [m["item__owner_id"], m["item__responsible_leader_id"]]
        if not [p for p in people if p and p != m["owner_id"]]:
            people = overseers.get((unit, "heads"), [])
    return [p for p in dict.fromkeys(people) if p and p != m["owner_id"]]


def claim_digests(person_ids, today: date, run: str) -> set[int]:
    """Insert today's digest rows; the people whose row this run inserted."""
    ReminderDigest.objects.bulk_create(
        [ReminderDigest(person_id=p, date=today, run=run) for p in person_ids],
        ignore_conflicts=True, batch_size=500)
    return set(ReminderDigest.objects.filter(date=today, run=run)
               .values_list("person_id", flat=True))


def _d(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _line(kind, labels, item_id, problem, list_type, text, deadline, scheduled_on) -> str:
    url = reverse("rectification:item", args=[item_id])
    if list_type == ListType.PERSONAL:  # digests leave by e-mail and webhook: number only
        problem = _("personal rectification item #%(pk)s") % {"pk": item_id}
        text = ""
    else:
        problem = problem.replace("\n", " ")[:30]
    if kind == K.REINSPECTION_DUE:
        return (_("· [%(kind)s] %(problem)s (scheduled for %(d)s) %(url)s")
                % {"kind": labels[kind], "problem": problem, "d": _d(scheduled_on), "url": url})
    what = f"{text.replace(chr(10), ' ')[:40]} — {problem}" if text else problem
    return (_("· [%(kind)s] %(what)s (deadline %(d)s) %(url)s")
            % {"kind": labels[kind], "what": what, "d": _d(deadline), "url": url})


def run(today: date, *, cal=None, now=None,
        escalate_after: int = ESCALATE_AFTER_WORKDAYS) -> dict:
    """Record the reminders owed on `today` and send each person one digest. Returns counts."""
    cal = cal or load_calendar()
    if not cal.is_workday(today):
        return {"owed": 0, "digests": 0, "workday": False}
    now = now or timezone.now()
    due = owed(today, cal, escalate_after=escalate_after)
    Reminder.objects.bulk_create(
        [Reminder(item_id=i, measure_id=m, reinspection_id=r, person_id=p, kind=k, date=d,
                  created_at=now) for i, m, r, p, k, d in due],
        ignore_conflicts=True, batch_size=1000)
    waiting = set(Reminder.objects.filter(LIVE, digest_on__isnull=True, person__is_active=True)
                  .values_list("person_id", flat=True).distinct())
    claimed = sorted(claim_digests(waiting, today, uuid.uuid4().hex)) if waiting else []
    if not claimed:
        return {"owed": len(due), "digests": 0, "workday": True}
    for start in range(0, len(claimed), 500):
        Reminder.objects.filter(LIVE, digest_on__isnull=True,
                                person_id__in=claimed[start:start + 500]).update(digest_on=today)
    labels = dict(ReminderKind.choices)
    rank = {k: i for i, k in enumerate(ORDER)}
    found: dict[int, list[tuple]] = defaultdict(list)
    for start in range(0, len(claimed), 500):
        for person_id, *row in (
                Reminder.objects.filter(digest_on=today, person_id__in=claimed[start:start + 500])
                .values_list("person_id", "kind", "item_id", "item__problem", "item__list_type",
                             "measure__text", "measure__deadline", "reinspection__scheduled_on")):
            found[person_id].append(row)
    people = Person.objects.in_bulk(list(found))
    ledger = reverse("rectification:ledger")
    sent = 0
    with transaction.atomic():
        for person_id, rows in found.items():
            rows.sort(key=lambda r: (rank[r[0]], r[5] or r[6] or today, r[1]))
            lines = [_line(kind, labels, item_id, problem, list_type, text or "", deadline,
                           scheduled_on)
                     for kind, item_id, problem, list_type, text, deadline, scheduled_on
                     in rows[:MAX_LINES]]
            if len(rows) > MAX_LINES:
                lines.append(_("… and %(n)s more: %(url)s")
                             % {"n": len(rows) - MAX_LINES, "url": ledger})
            items = {r[1] for r in rows}
            url = reverse("rectification:item", args=[rows[0][1]]) if len(items) == 1 else ledger
            notify([people[person_id]],
                   _("Rectification reminders for %(d)s: %(n)s") % {"d": _d(today), "n": len(rows)},
                   body="\n".join(lines), url=url, kind=KIND)
            sent += 1
    return {"owed": len(due), "digests": sent, "workday": True}
