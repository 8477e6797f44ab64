"""How 督办 items stood at a past moment, rebuilt from what is already stored (no snapshots).

The weekly dispatch for a past week and the summons (约谈) candidates ask the same question:
at the end of some week, which items were still waiting on their owner, what was their
deadline, when had they last reported? The answers come from a few set-based queries per
call (`load`), then plain Python per item.

**Phase.** At a moment an item is ACTIVE (issued, signed for or in progress: waiting on its
owner — the states that can be late or flagged), DONE (reported done, verified or closed — like
the flags, a reported item no longer counts against its owner) or PAUSED (suspended or
cancelled). The phase at a moment is the last of these timestamped facts before it, starting
from ACTIVE at `created_at`:

- each final progress report (报结) made the item DONE at its `submitted_at`; a final report
  that was returned made it ACTIVE again at its `reviewed_at`;
- the audit rows of the transitions that change the phase (report done, return, suspend,
  resume, cancel), at their `at` (the moment the action wrote them);
- two anchors from the item row, true by construction: its current state has held since
  `updated_at` at the latest (every action stamps it), and a reported, verified or closed item
  has been done since the day of `reported_on` (set on every report of completion).

**Deadline.** The deadline in force at a moment is the current one unless it changed later:
then it is the old value of the first later change. Changes are the approved extensions
(dated by the request's `decided_at`) and edits of the deadline (dated by their audit row);
the old value comes from the audit row of each change.

**Reports.** Two regular reports are missed by a moment when none was submitted in the two
report periods before it (returned reports count, as they do for the live `last_report_on`),
so the missed-report half of the red flag is rebuilt too; the progress at a moment is the
percent of the last report not returned by then.

Approximations: the report cadence and the lead unit are taken as they are now (edits of these
are not replayed); without an audit row for a transition (items loaded in bulk), an item's
phase comes from the other facts only.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from audit.models import AuditEvent

from .choices import CADENCE_DAYS, ExtensionState, ReportState, State, Verb
from .models import ExtensionRequest, ProgressReport

ACTIVE, DONE, PAUSED = "active", "done", "paused"
PHASE = {State.ISSUED: ACTIVE, State.SIGNED: ACTIVE, State.IN_PROGRESS: ACTIVE,
         State.REPORTED: DONE, State.VERIFIED: DONE, State.CLOSED: DONE,
         State.SUSPENDED: PAUSED, State.CANCELLED: PAUSED}
DONE_STATES = tuple(s for s, p in PHASE.items() if p == DONE)
PAUSED_STATES = tuple(s for s, p in PHASE.items() if p == PAUSED)
# Transitions that move an item from one phase to another (sign and start stay ACTIVE,
# verify and close stay DONE).
PHASE_ACTIONS = [f"item.{v}" for v in (Verb.REPORT_DONE, Verb.RETURN, Verb.SUSPEND,
                                       Verb.RESUME, Verb.CANCEL)]
DEADLINE_ACTIONS = ["item.edit", "item.extension_approve"]
ITEM_TYPE = "assignments.item"


def cut_at(day: date) -> datetime:
    """The first moment of `day` in the current time zone: the end of the day before.

    Every moment ("cut") given to this module is made here, so `cut.date()` is its day."""
    return datetime.combine(day, time.min, timezone.get_current_timezone())


def ids_as_text(items):
    """A subquery of the items' ids as audit `object_id` text."""
    return items.annotate(sid=Cast("pk", output_field=CharField())).values("sid")


def changed_deadline_since(cut: datetime) -> Q:
    """Items whose deadline changed at or after `cut` (their deadline then may differ)."""
    extended = ExtensionRequest.objects.filter(state=ExtensionState.APPROVED,
                                               decided_at__gte=cut).values("item_id")
    edited = (AuditEvent.objects.filter(object_type=ITEM_TYPE, action__in=DEADLINE_ACTIONS,
                                        at__gte=cut)
              .annotate(iid=Cast("object_id", output_field=BigIntegerField())).values("iid"))
    return Q(pk__in=extended) | Q(pk__in=edited)


def settled_before(cut: datetime) -> Q:
    """Items certainly not ACTIVE at `cut` and ever since: done since before it, or suspended or
    cancelled with no write since (the anchors above). Exclude them before `load`."""
    return (Q(state__in=DONE_STATES, reported_on__lt=cut.date())
            | Q(state__in=PAUSED_STATES, updated_at__lt=cut))


@dataclass
class Past:
    """One item's history, loaded for some moments (`cuts`) by `load`."""

    id: int
    title: str
    lead_unit_id: int
    path: str
    created_at: datetime
    deadline: date
    facts: list = field(default_factory=list)       # (when, rank, phase), sorted
    changes: list = field(default_factory=list)     # (when, deadline before), sorted
    missed_two: dict = field(default_factory=dict)  # cut -> two regular reports missed then
    progress: dict = field(default_factory=dict)    # cut -> percent last reported by then

    def phase(self, cut: datetime) -> str | None:
        """ACTIVE / DONE / PAUSED at `cut`; None when the item did not exist yet."""
        if self.created_at >= cut:
            return None
        out = ACTIVE
        for when, _rank, phase in self.facts:
            if when >= cut:
                break
            out = phase
        return out

    def deadline_at(self, cut: datetime) -> date:
        for when, before in self.changes:
            if when >= cut:
                return before
        return self.deadline

    def is_late(self, cut: datetime) -> bool:
        """Waiting on its owner at `cut` with the deadline then already passed."""
        return self.phase(cut) == ACTIVE and self.deadline_at(cut) < cut.date()

    def is_red(self, cut: datetime) -> bool:
        """The red flag as it stood at `cut`: late, or two regular reports missed."""
        return self.phase(cut) == ACTIVE and (self.deadline_at(cut) < cut.date()
                                              or self.missed_two[cut])


def _parse_day(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def missed_two_q(cut: datetime) -> Q:
    """Items that had missed two regular reports by the day of `cut`, in SQL.

    As in `flagging.Facts`, with the last report then (or the issue day) as the start: two
    reports are missed on day d when that start is before d - 2 periods, i.e. the item was
    issued before that day and no report was submitted between that day and `cut` (returned
    reports count, as they do for `Item.last_report_on`)."""
    day = cut.date()
    q = Q(pk__in=[])
    for cadence, period in CADENCE_DAYS.items():
        since = day - timedelta(days=2 * period)
        recent = ProgressReport.objects.filter(item=OuterRef("pk"), submitted_at__gte=cut_at(since),
                                               submitted_at__lt=cut)
        q |= Q(report_cadence=cadence, issued_on__lt=since) & ~Exists(recent)
    return q


def _progress_at(cut: datetime):
    """The percent of the last report submitted before `cut` and not returned by then."""
    last = (ProgressReport.objects.filter(item=OuterRef("pk"), submitted_at__lt=cut,
                                          percent__isnull=False)
            .exclude(state=ReportState.RETURNED, reviewed_at__lt=cut)
            .order_by("-submitted_at", "-id").values("percent")[:1])
    return Coalesce(Subquery(last), Value(0))


def load(items, cuts: list[datetime], *, progress: bool = False) -> list[Past]:
    """The history of `items` (a queryset, already narrowed to the candidates) at the moments
    `cuts`: four queries, whatever the number of items. `progress` also loads the percent
    reported by each moment."""
    before = max(cuts)
    annotations = {}
    for k, cut in enumerate(cuts):
        annotations[f"missed_{k}"] = ExpressionWrapper(missed_two_q(cut),
                                                       output_field=BooleanField())
        if progress:
            annotations[f"progress_{k}"] = _progress_at(cut)
    rows = list(items.annotate(**annotations).values(
        "id", "title", "lead_unit_id", "lead_unit__path", "created_at", "deadline", "state",
        "reported_on", "updated_at", *annotations).order_by())
    if not rows:
        return []
    out: dict[int, Past] = {}
    for r in rows:
        p = Past(r["id"], r["title"], r["lead_unit_id"], r["lead_unit__path"], r["created_at"],
                 r["deadline"])
        for k, cut in enumerate(cuts):
            p.missed_two[cut] = bool(r[f"missed_{k}"])
            if progress:
                p.progress[cut] = r[f"progress_{k}"]
        phase = PHASE.get(r["state"], ACTIVE)
        # The anchors win a tie with another fact at the same moment (rank 1).
        p.facts.append((r["updated_at"], 1, phase))
        if phase == DONE and r["reported_on"]:
            p.facts.append((cut_at(r["reported_on"]), 1, DONE))
        out[p.id] = p
    ids = items.values("pk")
    returned_at = Case(When(state=ReportState.RETURNED, then=F("reviewed_at")), default=None)
    for item_id, submitted, returned in (
            ProgressReport.objects.filter(item__in=ids, is_final=True, submitted_at__lt=before)
            .annotate(returned_at=returned_at)
            .values_list("item_id", "submitted_at", "returned_at")):
        p = out[item_id]
        p.facts.append((submitted, 0, DONE))
        if returned:
            p.facts.append((returned, 0, ACTIVE))
    extended = defaultdict(dict)  # item id -> {new deadline: decided_at}
    for item_id, new, decided in (ExtensionRequest.objects.filter(
            item__in=ids, state=ExtensionState.APPROVED, decided_at__isnull=False)
            .values_list("item_id", "new_deadline", "decided_at")):
        extended[item_id][new] = decided
    for oid, action, at, changes in (
            AuditEvent.objects.filter(object_type=ITEM_TYPE,
                                      action__in=PHASE_ACTIONS + DEADLINE_ACTIONS,
                                      object_id__in=ids_as_text(items))
            .values_list("object_id", "action", "at", "changes").order_by("at", "id")):
        p = out.get(int(oid))
        if p is None or not isinstance(changes, dict):
            continue
        if action in PHASE_ACTIONS:
            new_state = (changes.get("state") or [None, None])[-1]
            if new_state in PHASE:
                p.facts.append((at, 0, PHASE[new_state]))
        elif isinstance(changes.get("deadline"), list):
            old, new = (_parse_day(v) for v in changes["deadline"][:2])
            if old is None:
                continue
            when = extended[p.id].get(new, at) if action == "item.extension_approve" else at
            p.changes.append((when, old))
    for p in out.values():
        p.facts.sort(key=lambda f: f[:2])
        p.changes.sort(key=lambda c: c[0])
    return list(out.values())
