"""Problem lists and rectification ledgers: items, measures, evidence, re-inspections,
self-inspection checklists, the case library and background exports."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import (
    CaseState,
    ExportState,
    Kind,
    ListType,
    MeasureState,
    PointKind,
    ReinspectionOutcome,
    ReminderKind,
    RiskLevel,
    Source,
    State,
)

PERSON = settings.AUTH_USER_MODEL


class Item(models.Model):
    """One problem on a list (问题清单) and its rectification (整改台账 row)."""

    list_type = models.CharField(_("list"), max_length=12, choices=ListType.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # The originating record, when there is one (generic, so other apps need no import here).
    source_type = models.CharField(_("source record type"), max_length=80, blank=True)
    source_id = models.CharField(_("source record id"), max_length=40, blank=True)
    assignment_item_id = models.BigIntegerField(_("supervision item id"), null=True, blank=True,
                                                db_index=True)
    problem = models.TextField(_("problem"))
    category = models.CharField(_("category"), max_length=40, db_index=True)
    goal = models.TextField(_("rectification goal"), blank=True)
    kind = models.CharField(pgettext_lazy("rectification", "kind"), max_length=10,
                            choices=Kind.choices, default=Kind.DEADLINE)
    responsible_leader = models.ForeignKey(PERSON, verbose_name=_("responsible leader"),
                                           null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+")
    lead_unit = models.ForeignKey("orgs.Unit", verbose_name=_("lead unit"),
                                  on_delete=models.PROTECT, related_name="rectification_items")
    co_units = models.ManyToManyField("orgs.Unit", verbose_name=_("co-operating units"),
                                      blank=True, related_name="+")
    owner = models.ForeignKey(PERSON, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")
    person = models.ForeignKey(PERSON, verbose_name=_("person (personal list)"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(PERSON, verbose_name=_("raised by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    # Department risk list (科室风险清单)
    risk_point = models.CharField(_("risk point"), max_length=200, blank=True)
    risk_level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices,
                                  blank=True)
    prevention = models.TextField(_("prevention measures"), blank=True)

    found_on = models.DateField(_("found on"))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices,
                             default=State.FOUND)
    progress = models.TextField(pgettext_lazy("rectification", "progress"), blank=True)
    is_public = models.BooleanField(_("published"), default=False)
    public_summary = models.TextField(
        _("public summary"), blank=True,
        help_text=_("What may be published: no names, phone numbers or other personal data."))
    signed_off_on = models.DateField(_("signed off on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ledger item")
        verbose_name_plural = _("ledger items")
        ordering = ["-found_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("found_on")),
                                   name="rect_deadline_not_before_found"),
            models.CheckConstraint(condition=~Q(list_type="personal") | Q(person__isnull=False),
                                   name="rect_personal_has_person"),
        ]
        indexes = [
            models.Index(fields=["lead_unit", "state"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["list_type", "state"]),
            models.Index(fields=["is_public", "state"]),
            models.Index(fields=["-found_on", "-id"], name="rect_item_ledger_order"),
            models.Index(fields=["source", "list_type"], name="rect_item_source"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.problem[:40]}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("rectification:item", args=[self.pk])

    @property
    def audit_unit(self):
        return self.lead_unit

    @property
    def is_personal(self) -> bool:
        return self.list_type == ListType.PERSONAL

    @property
    def is_closed(self) -> bool:
        return self.state == State.SIGNED_OFF

    def is_overdue(self, today: date) -> bool:
        return self.state != State.SIGNED_OFF and self.deadline < today

    def flag(self, today: date) -> str:
        if self.state == State.SIGNED_OFF:
            return "green"
        if self.deadline < today:
            return "red"
        return "yellow" if (self.deadline - today).days <= 7 else "green"



class Measure(models.Model):
    """One rectification measure (整改措施) of an item, with its own owner and deadline."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField(pgettext_lazy("rectification", "measure"))
    owner = models.ForeignKey(PERSON, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=MeasureState.choices,
                             default=MeasureState.PLANNED)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("rectification", "measure")
        verbose_name_plural = _("measures")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["deadline", "state"], name="rect_measure_due")]

    def __str__(self):
        return self.text[:60]

    @property
    def audit_unit(self):
        return self.item.lead_unit


class Evidence(models.Model):
    """A file proving the rectification (照片, 文件, 台账). Served only through a checked view."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="evidence")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="evidence", verbose_name=_("measure"))
    file = models.FileField(_("file"), upload_to="rectification/evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("file kind"), max_length=10)
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.name


class Reinspection(models.Model):
    """A look back (回头看) at a signed-off item, scheduled or ad hoc."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reinspections")
    scheduled_on = models.DateField(_("scheduled for"), null=True, blank=True)
    ad_hoc = models.BooleanField(_("ad hoc"), default=False)
    inspector = models.ForeignKey(PERSON, verbose_name=_("inspector"), on_delete=models.PROTECT,
                                  related_name="+")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    outcome = models.CharField(pgettext_lazy("rectification", "outcome"), max_length=10,
                               choices=ReinspectionOutcome.choices,
                               default=ReinspectionOutcome.PENDING)
    created_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("re-inspection")
        verbose_name_plural = _("re-inspections")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.item_id} {self.get_outcome_display()}"

    @property
    def reopened(self) -> bool:
        return self.outcome == ReinspectionOutcome.REOPENED


class Checklist(models.Model):
    """A self-inspection checklist such as 五查五看."""

    title = models.CharField(pgettext_lazy("rectification", "title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category of the items it finds"), max_length=40)
    created_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["-id"]

    def __str__(self):
        return self.title


class ChecklistPoint(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=6, choices=PointKind.choices, default=PointKind.CHECK)
    text = models.CharField(_("point"), max_length=300)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["checklist", "number"],
                                               name="rect_point_number")]

    def __str__(self):
        return self.text


class ChecklistAssignment(models.Model):
    """A checklist sent to one unit, to answer by a deadline."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="assignments")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    deadline = models.DateField(_("deadline"))
    assigned_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    answered_by = models.ForeignKey(PERSON, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("checklist assignment")
        verbose_name_plural = _("checklist assignments")
        ordering = ["deadline", "id"]
        constraints = [models.UniqueConstraint(fields=["checklist", "unit"],
                                               name="rect_checklist_unit_once")]

    def __str__(self):
        return f"{self.checklist} → {self.unit}"

    @property
    def audit_unit(self):
        return self.unit


class ChecklistAnswer(models.Model):
    assignment = models.ForeignKey(ChecklistAssignment, on_delete=models.CASCADE,
                                   related_name="answers")
    point = models.ForeignKey(ChecklistPoint, on_delete=models.PROTECT, related_name="+")
    ok = models.BooleanField(_("no problem"))
    note = models.TextField(_("note"), blank=True)
    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "point"],
                                               name="rect_answer_once")]

    def __str__(self):
        return f"{self.point_id}: {'ok' if self.ok else self.note[:40]}"


class Case(models.Model):
    """A typical case (典型问题案例) written anonymously from a closed item."""

    item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="cases")
    title = models.CharField(pgettext_lazy("rectification", "title"), max_length=120)
    category = models.CharField(_("category"), max_length=40, db_index=True)
    what_happened = models.TextField(_("what happened"))
    rule_broken = models.TextField(_("rule broken"))
    handling = models.TextField(_("handling"))
    lesson = models.TextField(_("lesson"))
    state = models.CharField(_("state"), max_length=10, choices=CaseState.choices,
                             default=CaseState.PENDING)
    written_by = models.ForeignKey(PERSON, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(PERSON, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    published_on = models.DateField(_("published on"), null=True, blank=True)
    return_reason = models.TextField(_("reason sent back"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return self.title


class ExportJob(models.Model):
    """A large ledger export run by the background worker."""

    requested_by = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=ExportState.choices,
                             default=ExportState.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="rectification/exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"export {self.pk} {self.state}"

    @property
    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


class Reminder(models.Model):
    """One reminder owed to one person about one measure or one re-inspection. The unique key
    (subject, kind, person, date) makes `remind_rectification` idempotent; `digest_on` is set
    when the reminder went out in that day's digest."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    reinspection = models.ForeignKey(Reinspection, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    date = models.DateField(help_text="the day the step fell due (part of the key)")
    created_at = models.DateTimeField()
    digest_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(measure__isnull=False, reinspection__isnull=True)
                           | Q(measure__isnull=True, reinspection__isnull=False)),
                name="rect_reminder_one_subject"),
            models.UniqueConstraint(fields=["measure", "kind", "person", "date"],
                                    condition=Q(measure__isnull=False),
                                    name="rect_reminder_measure_once"),
            models.UniqueConstraint(fields=["reinspection", "kind", "person", "date"],
                                    condition=Q(reinspection__isnull=False),
                                    name="rect_reminder_reinspection_once"),
        ]
        indexes = [models.Index(fields=["digest_on", "person"], name="rect_reminder_waiting")]

    def __str__(self):
        return f"{self.kind} {self.date} → {self.person_id}"


class ReminderDigest(models.Model):
    """The one rectification digest a person gets on a day, claimed by inserting this row."""

    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    run = models.CharField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "date"],
                                               name="rect_one_digest_a_day")]

    def __str__(self):
        return f"{self.person_id} {self.date}"
