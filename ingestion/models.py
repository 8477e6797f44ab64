"""Uploaded speeches and plans, and the tasks the parser proposes from them for review."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import OPEN_TASK_STATES, DocumentState, TaskState


class Document(models.Model):
    """A speech or plan as uploaded (file or pasted text), its decoded text and parse result."""

    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    text = models.TextField(_("text"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    parsed = models.JSONField(default=dict, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuing unit")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"))
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=DocumentState.choices,
        default=DocumentState.DRAFT,
        db_index=True,
    )
    parent_item_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "sha256"], name="ingestion_document_unique_hash"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ingestion:document", args=[self.pk])

    @property
    def audit_unit(self):
        return self.unit

    @property
    def warnings(self) -> list[dict]:
        return list(self.parsed.get("warnings") or [])

    @property
    def outline(self) -> list[dict]:
        return list(self.parsed.get("outline") or [])


class ProposedTask(models.Model):
    """A directive found in a document: reviewed, corrected, then turned into a 督办 item."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveIntegerField(default=0)
    text = models.TextField(_("task"))
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    section = models.CharField(_("section"), max_length=300, blank=True)
    owners_text = models.CharField(_("owners as written"), max_length=300, blank=True)
    lead_unit = models.ForeignKey(
        "orgs.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead unit"),
    )
    units = models.ManyToManyField(
        "orgs.Unit", through="TaskUnit", related_name="+", verbose_name=_("responsible units")
    )
    leader_hint = models.CharField(_("role named"), max_length=60, blank=True)
    responsible_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("responsible leader"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=60, blank=True)
    metric = models.CharField(_("metric"), max_length=100, blank=True)
    metric_unit = models.CharField(pgettext_lazy("unit of a figure", "measure"), max_length=20,
                                   blank=True)
    target_value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=TaskState.choices,
        default=TaskState.PROPOSED,
        db_index=True,
    )
    item_id = models.IntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposed task")
        verbose_name_plural = _("proposed tasks")
        ordering = ["document_id", "start", "end", "id"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return f"{self.document.get_absolute_url()}#card-{self.pk}"

    @property
    def audit_unit(self):
        return self.document.unit

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_TASK_STATES


class TaskUnit(models.Model):
    """A unit mapped to a task's owner phrase, with how sure the mapping is (1 = confirmed)."""

    task = models.ForeignKey(ProposedTask, on_delete=models.CASCADE, related_name="mappings")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    confidence = models.FloatField(default=1.0)
    phrase = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-confidence", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="ingestion_taskunit_unique")
        ]

    def __str__(self):
        return f"{self.unit} ({self.confidence:.2f})"
