"""States, kinds and the one ALLOWED transitions table of the rectification ledger."""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ListType(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership problem list")
    DEPARTMENT = "department", _("Department risk list")
    PERSONAL = "personal", _("Personal rectification list")


class Source(models.TextChoices):
    SELF_INSPECTION = "self_inspection", _("Self-inspection")
    OPINION = "opinion", _("Solicited opinion")
    PUBLIC_REPORT = "public_report", pgettext_lazy("rectification", "Public report")
    SUPERVISION = "supervision", _("Supervision visit")
    AUDIT = "audit", _("Audit")
    EVALUATION = "evaluation", _("Evaluation result")


class Kind(models.TextChoices):
    IMMEDIATE = "immediate", _("Rectify immediately")
    DEADLINE = "deadline", _("Rectify by the deadline")
    ONGOING = "ongoing", _("Keep up long-term")


class RiskLevel(models.TextChoices):
    HIGH = "high", pgettext_lazy("rectification", "High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class State(models.TextChoices):
    FOUND = "found", _("Found")
    CONFIRMED = "confirmed", _("Confirmed")
    RECTIFYING = "rectifying", _("Being rectified")
    SIGNOFF_REQUESTED = "signoff_requested", _("Sign-off requested")
    UNIT_HEAD_APPROVED = "unit_head_approved", _("Approved by the unit head")
    SIGNED_OFF = "signed_off", _("Signed off")


OPEN_STATES = [s for s in State if s != State.SIGNED_OFF]


class Gate(models.TextChoices):
    """Who may take a step (see permissions.passes_gate)."""

    MANAGER = "manager", _("a manager of the unit")
    OWNER = "owner", _("the owner or a manager")
    UNIT_REVIEWER = "unit_reviewer", _("the unit head")
    OFFICE_REVIEWER = "office_reviewer", _("the supervision office")
    INSPECTOR = "inspector", _("an inspector")


class Transition(NamedTuple):
    source: str
    target: str
    gate: str
    needs_reason: bool
    label: object


# The one table: verb → (from, to, who, reason required, button label). Nothing else moves state.
ALLOWED: dict[str, Transition] = {
    "confirm": Transition(State.FOUND, State.CONFIRMED, Gate.MANAGER, False,
                          _("Confirm the problem")),
    "start": Transition(State.CONFIRMED, State.RECTIFYING, Gate.OWNER, False,
                        _("Start rectifying")),
    "request_signoff": Transition(State.RECTIFYING, State.SIGNOFF_REQUESTED, Gate.OWNER, False,
                                  _("Request sign-off")),
    "approve": Transition(State.SIGNOFF_REQUESTED, State.UNIT_HEAD_APPROVED, Gate.UNIT_REVIEWER,
                          False, _("Approve (unit head)")),
    "return_by_unit": Transition(State.SIGNOFF_REQUESTED, State.RECTIFYING, Gate.UNIT_REVIEWER,
                                 True, _("Send back (unit head)")),
    "sign_off": Transition(State.UNIT_HEAD_APPROVED, State.SIGNED_OFF, Gate.OFFICE_REVIEWER,
                           False, _("Sign off")),
    "return_by_office": Transition(State.UNIT_HEAD_APPROVED, State.RECTIFYING,
                                   Gate.OFFICE_REVIEWER, True, _("Send back (office)")),
    "reopen": Transition(State.SIGNED_OFF, State.RECTIFYING, Gate.INSPECTOR, True,
                         _("Reopen after re-inspection")),
}


def verbs_from(state: str) -> list[str]:
    return [verb for verb, t in ALLOWED.items() if t.source == state]


class MeasureState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("rectification", "Planned")
    DOING = "doing", pgettext_lazy("rectification", "In progress")
    DONE = "done", _("Done")


class ReinspectionOutcome(models.TextChoices):
    PENDING = "pending", _("Scheduled")
    HOLDS = "holds", _("Rectification holds")
    REOPENED = "reopened", _("Problem came back: reopened")


class ReminderKind(models.TextChoices):
    """What `remind_rectification` tells someone (see reminders.py)."""

    MEASURE_BEFORE_3 = "measure_before_3", _("Measure due in 3 working days")
    MEASURE_BEFORE_1 = "measure_before_1", _("Measure due by the next working day")
    MEASURE_OVERDUE = "measure_overdue", _("Measure overdue")
    MEASURE_ESCALATED = "measure_escalated", _("Measure still overdue (escalated)")
    REINSPECTION_DUE = "reinspection_due", _("Re-inspection (回头看) due")


# An overdue measure is escalated to the item's owner and responsible leader once it is this
# many working days late (its owner was reminded on the first working day late).
ESCALATE_AFTER_WORKDAYS = 3


class PointKind(models.TextChoices):
    CHECK = "check", _("Check (查)")
    LOOK = "look", _("Look (看)")


class CaseState(models.TextChoices):
    DRAFT = "draft", _("Draft (sent back)")
    PENDING = "pending", _("Awaiting approval")
    PUBLISHED = "published", _("Published")


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# Exports above this many rows go to the background worker; smaller ones are sent at once.
EXPORT_SYNC_LIMIT = 10_000
