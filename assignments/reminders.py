"""Who is owed which reminder today, and sending them as one daily digest per person.

Safe to run twice and at the same time: a reminder is a row with a unique key (item, person,
kind, date), inserted with conflicts ignored; a digest is claimed by inserting the one
(person, date) row, and only the run that inserted it sends it.
"""

import uuid
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inbox.actions import notify
from orgs.choices import Role
from orgs.models import Membership, Person
from workdays.models import load as load_calendar

from .choices import (
    ACTIVE_STATES,
    CADENCE_DAYS,
    ESCALATION_STEP_WORKDAYS,
    SIGN_WITHIN_WORKDAYS,
    ReminderKind,
    State,
)
from .models import Digest, Item, Reminder

K = ReminderKind
ESCALATION = [K.OVERDUE_OWNER, K.OVERDUE_HEAD, K.OVERDUE_LEADER]


def owed(today: date, cal, items=None, step=ESCALATION_STEP_WORKDAYS):
    """[(item id, person id, kind, date)] of every reminder owed on `today`."""
    rows = (items if items is not None else Item.objects.all()).filter(
        state__in=ACTIVE_STATES).values_list(
        "id", "state", "issued_on", "deadline", "owner_id", "lead_unit_id",
        "responsible_leader_id", "next_report_due", "report_cadence")
    rows = list(rows)
    heads: dict[int, list[int]] = defaultdict(list)
    for unit_id, person_id in Membership.objects.filter(
            role=Role.UNIT_HEAD, unit_id__in={r[5] for r in rows if r[4] is None or
                                              r[3] < today}).values_list("unit_id", "person_id"):
        heads[unit_id].append(person_id)
    out = []
    one_day = timedelta(days=1)
    for pk, state, issued_on, deadline, owner, unit, leader, nrd, cadence in rows:
        owners = [owner] if owner else heads.get(unit, [])
        add = lambda people, kind, d, pk=pk: out.extend(  # noqa: E731
            (pk, p, kind, d) for p in people if p)
        if state == State.ISSUED:
            sign_due = cal.add_workdays(issued_on, SIGN_WITHIN_WORKDAYS)
            if today > sign_due:
                add(owners, K.SIGN, sign_due)
        period = CADENCE_DAYS.get(cadence)
        if nrd and period and today > nrd:
            missed = 1 + ((today - nrd).days - 1) // period
            add(owners, K.REPORT, nrd + timedelta(days=period * (missed - 1)))
        if today <= deadline:
            if (deadline - today).days <= 1:
                add(owners, K.BEFORE_1, deadline - one_day)
            elif cal.workdays_between(today, deadline) <= 3:
                add(owners, K.BEFORE_3, cal.add_workdays(deadline, -3))
            continue
        late = cal.workdays_between(deadline, today)
        if late < 1:
            continue
        steps = min(3, 1 + (late - 1) // step)
        targets = [owners, heads.get(unit, []), [leader]]
        for s in range(steps):
            add(targets[s], ESCALATION[s], cal.add_workdays(deadline, 1 + s * step))
    return out


def claim_digests(person_ids, today: date, run: str) -> set[int]:
    """Insert today's digest rows; the people whose row this run inserted."""
    Digest.objects.bulk_create([Digest(person_id=p, date=today, run=run) for p in person_ids],
                               ignore_conflicts=True, batch_size=500)
    return set(Digest.objects.filter(date=today, run=run).values_list("person_id", flat=True))


def run(now, *, cal=None, items=None) -> dict:
    """Record the reminders owed at `now` and send each person one digest. Returns counts."""
    cal = cal or load_calendar()
    today = timezone.localdate(now)
    token = uuid.uuid4().hex
    due = owed(today, cal, items)
    Reminder.objects.bulk_create(
        [Reminder(item_id=i, person_id=p, kind=k, date=d, created_at=now) for i, p, k, d in due],
        ignore_conflicts=True, batch_size=1000)
    waiting = set(Reminder.objects.filter(digest_on__isnull=True)
                  .values_list("person_id", flat=True).distinct())
    claimed = claim_digests(waiting, today, token) if waiting else set()
    if not claimed:
        return {"owed": len(due), "digests": 0}
    claimed_list = sorted(claimed)
    for chunk in range(0, len(claimed_list), 500):
        Reminder.objects.filter(digest_on__isnull=True,
                                person_id__in=claimed_list[chunk:chunk + 500]).update(
            digest_on=today)
    lines: dict[int, list[str]] = defaultdict(list)
    rows = (Reminder.objects.filter(digest_on=today, person_id__in=claimed_list)
            .order_by("person_id", "item__deadline", "kind")
            .values_list("person_id", "kind", "item_id", "item__title", "item__deadline"))
    labels = dict(ReminderKind.choices)
    for person_id, kind, item_id, title, deadline in rows:
        lines[person_id].append(
            _("· [%(kind)s] %(title)s (deadline %(d)s) /assignments/items/%(pk)s/")
            % {"kind": labels[kind], "title": title, "d": deadline, "pk": item_id})
    people = Person.objects.in_bulk(list(lines))
    with transaction.atomic():
        for person_id, body in lines.items():
            notify([people[person_id]],
                   _("Supervision reminders for %(d)s: %(n)s") % {"d": today, "n": len(body)},
                   body="\n".join(body), url="/assignments/todo/", kind="assignments.digest")
    return {"owed": len(due), "digests": len(lines)}
