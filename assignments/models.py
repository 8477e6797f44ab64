"""督办 items, their parts, milestones, progress reports, evidence, reminders and summons.

Flags are computed from the dates and progress kept on each item (`facts()`), never typed;
`flag_q()` gives the same rules as a database filter for lists.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import flagging
from .choices import (
    ACTIVE_STATES,
    CADENCE_DAYS,
    DONE_STATES,
    YELLOW_WINDOW_WORKDAYS,
    Cadence,
    EvidenceKind,
    ExtensionState,
    Priority,
    ReminderKind,
    ReportState,
    Source,
    State,
    SummonsState,
)


class ItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=ACTIVE_STATES)

    def flagged(self, flag: str, today: date, cal):
        return self.filter(flag_q(flag, today, cal))

    def for_list(self):
        """The unit joined (scope filters use it anyway); owners and leaders fetched for the
        page's rows only. Joining them too made PostgreSQL join every matching item before
        sorting and cutting to a page (board: 190 → 60 ms over 10,000 items)."""
        return self.select_related("lead_unit").prefetch_related("owner", "responsible_leader")


def window_end(today: date, cal) -> date:
    return cal.add_workdays(today, YELLOW_WINDOW_WORKDAYS)


def _missed_q(today: date, at_least: int) -> Q:
    """Items with at least `at_least` missed regular reports."""
    q = Q(pk__in=[])
    for cadence, period in CADENCE_DAYS.items():
        q |= Q(report_cadence=cadence,
               next_report_due__lt=today - timedelta(days=period * (at_least - 1)))
    return q


def flag_q(flag: str, today: date, cal) -> Q:
    """A filter with exactly the rules of `flagging.Facts.flag`."""
    active = Q(state__in=ACTIVE_STATES)
    red = active & (Q(deadline__lt=today) | _missed_q(today, 2))
    yellow = active & ~red & (
        _missed_q(today, 1) | Q(deadline__lte=window_end(today, cal), on_track_until__lt=today))
    if flag == flagging.RED:
        return red
    if flag == flagging.YELLOW:
        return yellow
    return ~red & ~yellow


class Item(models.Model):
    """A 督办 item, or a part of one (`parent`) assigned to a unit or a person."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description / target"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices,
                              default=Source.DOCUMENT)
    category = models.CharField(_("category"), max_length=60, blank=True, db_index=True)
    lead_unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("lead unit"))
    co_units = models.ManyToManyField("orgs.Unit", blank=True, related_name="+",
                                      verbose_name=_("co-operating units"))
    responsible_leader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+",
                                           verbose_name=_("responsible leader"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("person responsible"))
    issuer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("issued by"))
    issued_on = models.DateField(_("issued on"))
    deadline = models.DateField(_("deadline"), db_index=True)
    priority = models.PositiveSmallIntegerField(_("priority"), choices=Priority.choices,
                                                default=Priority.NORMAL)
    is_public = models.BooleanField(_("progress is public"), default=False)
    report_cadence = models.CharField(_("reports"), max_length=10, choices=Cadence.choices,
                                      default=Cadence.MONTHLY)
    metric = models.CharField(_("metric"), max_length=100, blank=True,
                              help_text=_("e.g. 新建幼儿园"))
    metric_unit = models.CharField(_("measure"), max_length=20, blank=True,
                                   help_text=_("e.g. 所"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2,
                                       null=True, blank=True)
    current_value = models.DecimalField(_("current value"), max_digits=14, decimal_places=2,
                                        null=True, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="parts", verbose_name=_("part of"))
    lineage = models.CharField(max_length=200, default="/", db_index=True,
                               help_text="/ancestor ids/ — descendants share this prefix")
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.ISSUED, db_index=True)
    state_reason = models.TextField(_("reason"), blank=True)
    version = models.PositiveIntegerField(default=1)
    # Facts kept up to date by the actions, for flags and reminders.
    progress = models.PositiveSmallIntegerField(_("progress %"), default=0)
    last_report_on = models.DateField(null=True, blank=True)
    on_track_until = models.DateField(null=True, blank=True, db_index=True)
    next_report_due = models.DateField(null=True, blank=True, db_index=True)
    signed_on = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    progress_note = models.TextField(_("latest progress"), blank=True)
    # Where the item came from in a parsed speech or plan (ingestion app).
    source_document_id = models.IntegerField(null=True, blank=True, db_index=True)
    source_start = models.PositiveIntegerField(null=True, blank=True)
    source_end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision item")
        verbose_name_plural = _("supervision items")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["state", "deadline"]),
                   models.Index(fields=["owner", "state"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assignments:item", args=[self.pk])

    @property
    def audit_unit(self):
        return self.lead_unit

    @property
    def period(self) -> int | None:
        return CADENCE_DAYS.get(self.report_cadence)

    @property
    def is_open(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_done(self) -> bool:
        return self.state in DONE_STATES

    def refresh_facts(self) -> None:
        """Recompute the derived dates from deadline, progress and the last report."""
        self.on_track_until = flagging.on_track_until(self.issued_on, self.deadline,
                                                      self.progress)
        self.next_report_due = flagging.next_report_due(self.issued_on, self.last_report_on,
                                                        self.period)

    def facts(self) -> flagging.Facts:
        return flagging.Facts(self.state, self.deadline,
                              self.on_track_until or self.issued_on, self.next_report_due,
                              self.period)

    def flag(self, today: date, cal) -> str:
        return self.facts().flag(today, window_end(today, cal))

    def flag_below(self, today: date, cal) -> str:
        """The worst flag of this item and every part below it."""
        return worst_below([self], today, cal)[self.pk]

    def missed_reports(self, today: date) -> int:
        return self.facts().missed_reports(today) if self.is_open else 0

    def expected_progress(self, today: date) -> int:
        total = (self.deadline - self.issued_on).days
        if total <= 0:
            return 100
        return max(0, min(100, (today - self.issued_on).days * 100 // total))

    def is_overdue(self, today: date) -> bool:
        return self.is_open and today > self.deadline


def flags_for(items, today: date, cal) -> dict[int, str]:
    """{item id: flag} for rows already fetched (no query)."""
    end = window_end(today, cal)
    return {i.pk: i.facts().flag(today, end) for i in items}


def worst_below(items, today: date, cal, max_depth: int = 6) -> dict[int, str]:
    """{item id: worst flag of the item and all its parts} for a page of items: one indexed
    query per level of parts below the page."""
    items = list(items)
    end = window_end(today, cal)
    out = {i.pk: i.facts().flag(today, end) for i in items}
    top_of = {i.pk: i.pk for i in items}  # part id -> the page item it lies under
    level = list(top_of)
    fields = ["id", "parent_id", "state", "deadline", "on_track_until", "next_report_due",
              "report_cadence", "issued_on"]
    for _depth in range(max_depth):
        if not level:
            break
        rows = list(Item.objects.filter(parent_id__in=level).values(*fields))
        level = []
        for row in rows:
            top = top_of[row["parent_id"]]
            top_of[row["id"]] = top
            level.append(row["id"])
            if row["state"] in ACTIVE_STATES:
                f = flagging.Facts(row["state"], row["deadline"],
                                   row["on_track_until"] or row["issued_on"],
                                   row["next_report_due"],
                                   CADENCE_DAYS.get(row["report_cadence"])).flag(today, end)
                out[top] = flagging.worst([out[top], f])
    return out


class Milestone(models.Model):
    """A step of a backward-scheduled plan (倒排工期)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("step"), max_length=100)
    due = models.DateField(_("due"))
    done_at = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.name

    @property
    def audit_unit(self):
        return self.item.lead_unit


class ProgressReport(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("author"))
    text = models.TextField(_("progress"))
    percent = models.PositiveSmallIntegerField(_("percent done"), null=True, blank=True)
    metric_value = models.DecimalField(_("value reached"), max_digits=14, decimal_places=2,
                                       null=True, blank=True)
    is_final = models.BooleanField(_("reports the item done"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices,
                             default=ReportState.SUBMITTED)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    client_token = models.CharField(max_length=64)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [models.UniqueConstraint(fields=["item", "client_token"],
                                               name="one_report_per_submit")]
        indexes = [models.Index(fields=["item", "state"]),
                   models.Index(fields=["state", "submitted_at"])]

    def __str__(self):
        return f"{self.item} · {self.submitted_at:%Y-%m-%d}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name


class ExtensionRequest(models.Model):
    """申请延期: the owner asks, the issuer approves or refuses."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    new_deadline = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    state = models.CharField(_("state"), max_length=20, choices=ExtensionState.choices,
                             default=ExtensionState.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self):
        return f"{self.item} → {self.new_deadline}"


class Reminder(models.Model):
    """One reminder owed to one person about one item; the unique key makes `remind`
    idempotent. `digest_on` is set when it went out in that day's digest."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    date = models.DateField(help_text="the date the reminder is about (a step's start)")
    created_at = models.DateTimeField()
    digest_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person", "kind", "date"],
                                               name="one_reminder")]
        indexes = [models.Index(fields=["person", "digest_on"])]

    def __str__(self):
        return f"{self.kind} {self.date} → {self.person_id}"


class Digest(models.Model):
    """The one reminder digest a person gets on a day (claimed by insert)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="+")
    date = models.DateField()
    run = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "date"], name="one_digest")]

    def __str__(self):
        return f"{self.person_id} {self.date}"


class Summons(models.Model):
    """约谈: a talk with a unit's head about repeated red flags, and its follow-up."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    reason = models.TextField(_("reason"))
    date = models.DateField(_("date of the talk"))
    items = models.ManyToManyField(Item, blank=True, related_name="summonses",
                                   verbose_name=_("items concerned"))
    outcome = models.TextField(_("outcome"), blank=True)
    state = models.CharField(_("follow-up"), max_length=20, choices=SummonsState.choices,
                             default=SummonsState.PLANNED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("summons (约谈)")
        verbose_name_plural = _("summonses (约谈)")

    def __str__(self):
        return f"{self.unit} · {self.date}"

    @property
    def audit_unit(self):
        return self.unit


# --- Figures over many items ----------------------------------------------------------------

def flag_counts_by_unit(items, depth: int, today: date, cal) -> dict[str, dict[str, int]]:
    """{unit path at `depth`: {"red": n, "yellow": n, "green": n, "total": n}} for open items,
    grouped under the lead unit's ancestor at `depth` — in one query."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    length = depth * 4
    rows = (items.filter(state__in=ACTIVE_STATES, lead_unit__depth__gte=depth)
            .annotate(prefix=Substr("lead_unit__path", 1, length))
            .values("prefix")
            .annotate(red=Count("pk", filter=flag_q(flagging.RED, today, cal)),
                      yellow=Count("pk", filter=flag_q(flagging.YELLOW, today, cal)),
                      total=Count("pk"))
            .order_by())
    out = {}
    for r in rows:
        out[r["prefix"]] = {"red": r["red"], "yellow": r["yellow"],
                            "green": r["total"] - r["red"] - r["yellow"], "total": r["total"]}
    return out


def unit_flag(counts: dict[str, int] | None) -> str:
    """A unit shows the worst flag of the open items below it."""
    if not counts:
        return flagging.GREEN
    if counts["red"]:
        return flagging.RED
    return flagging.YELLOW if counts["yellow"] else flagging.GREEN


def on_time_q(today: date) -> tuple[Q, Q]:
    """(on time, late): finished by the deadline / finished late or open and overdue."""
    done = Q(state__in=DONE_STATES)
    on_time = done & Q(finished_on__lte=models.F("deadline"))
    late = (done & Q(finished_on__gt=models.F("deadline"))) | (
        Q(state__in=ACTIVE_STATES) & Q(deadline__lt=today))
    return on_time, late


def on_time_rates(items, depth: int, today: date) -> dict[str, tuple[int, int]]:
    """{unit path at depth: (on time, late)}; the rate is on time / (on time + late)."""
    from django.db.models import Count
    from django.db.models.functions import Substr

    on_time, late = on_time_q(today)
    rows = (items.filter(lead_unit__depth__gte=depth)
            .annotate(prefix=Substr("lead_unit__path", 1, depth * 4)).values("prefix")
            .annotate(ok=Count("pk", filter=on_time), late=Count("pk", filter=late)).order_by())
    return {r["prefix"]: (r["ok"], r["late"]) for r in rows}


def rate(pair) -> int | None:
    ok, late = pair
    return None if ok + late == 0 else round(ok * 100 / (ok + late))
