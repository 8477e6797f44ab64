"""States, verbs and the ALLOWED transitions of a 督办 item, in one table."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    SPEECH = "speech", _("Leader's speech")
    MEETING = "meeting", _("Meeting decision")
    DOCUMENT = "document", _("Document")
    ABOVE = "above", _("Instruction from above (上级交办)")
    PUBLIC = "public", _("Public report")
    VISIT = "visit", _("Supervision visit")


class Priority(models.IntegerChoices):
    NORMAL = 2, _("Normal")
    HIGH = 1, _("High")
    URGENT = 0, _("Urgent")


class Cadence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    NONE = "none", _("No regular report")


CADENCE_DAYS = {Cadence.WEEKLY: 7, Cadence.MONTHLY: 30}


class State(models.TextChoices):
    ISSUED = "issued", _("Issued")
    SIGNED = "signed", _("Signed for")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED = "reported", _("Reported done")
    VERIFIED = "verified", _("Verified")
    CLOSED = "closed", _("Closed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class Verb(models.TextChoices):
    SIGN = "sign", _("Sign for")
    START = "start", _("Start work")
    REPORT_DONE = "report_done", _("Report done")
    VERIFY = "verify", _("Verify")
    RETURN = "return", _("Return")
    CLOSE = "close", _("Close")
    SUSPEND = "suspend", _("Suspend")
    RESUME = "resume", _("Resume")
    CANCEL = "cancel", _("Cancel")


S, V = State, Verb
_LIVE = (S.ISSUED, S.SIGNED, S.IN_PROGRESS, S.REPORTED)
# (state, verb) -> new state. Anything not here is forbidden.
ALLOWED: dict[tuple[str, str], str] = {
    (S.ISSUED, V.SIGN): S.SIGNED,
    (S.SIGNED, V.START): S.IN_PROGRESS,
    (S.SIGNED, V.REPORT_DONE): S.REPORTED,
    (S.IN_PROGRESS, V.REPORT_DONE): S.REPORTED,
    (S.REPORTED, V.VERIFY): S.VERIFIED,
    (S.REPORTED, V.RETURN): S.IN_PROGRESS,
    (S.VERIFIED, V.RETURN): S.IN_PROGRESS,
    (S.VERIFIED, V.CLOSE): S.CLOSED,
    **{(s, V.SUSPEND): S.SUSPENDED for s in _LIVE},
    (S.SUSPENDED, V.RESUME): S.IN_PROGRESS,
    **{(s, V.CANCEL): S.CANCELLED for s in (*_LIVE, S.SUSPENDED)},
}
# Verbs that need a written reason.
NEEDS_REASON = {V.RETURN, V.SUSPEND, V.CANCEL}

OPEN_STATES = (S.ISSUED, S.SIGNED, S.IN_PROGRESS, S.REPORTED)  # counted, flagged, reminded
DONE_STATES = (S.VERIFIED, S.CLOSED)
ACTIVE_STATES = (S.ISSUED, S.SIGNED, S.IN_PROGRESS)  # work still to do by the owner


def next_state(state: str, verb: str) -> str | None:
    return ALLOWED.get((state, verb))


class ReportState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


REPORT_ALLOWED = {
    (ReportState.SUBMITTED, "accept"): ReportState.ACCEPTED,
    (ReportState.SUBMITTED, "return"): ReportState.RETURNED,
}


class ExtensionState(models.TextChoices):
    PENDING = "pending", _("Waiting for decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


EXTENSION_ALLOWED = {
    (ExtensionState.PENDING, "approve"): ExtensionState.APPROVED,
    (ExtensionState.PENDING, "refuse"): ExtensionState.REFUSED,
}


class Flag(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


FLAG_RANK = {Flag.GREEN: 0, Flag.YELLOW: 1, Flag.RED: 2}


class ReminderKind(models.TextChoices):
    SIGN = "sign", _("Not yet signed for")
    REPORT = "report", _("Progress report due")
    BEFORE_3 = "before_3", _("Deadline in 3 working days")
    BEFORE_1 = "before_1", _("Deadline tomorrow")
    OVERDUE_OWNER = "overdue_1", _("Overdue")
    OVERDUE_HEAD = "overdue_2", _("Overdue, escalated to the unit head")
    OVERDUE_LEADER = "overdue_3", _("Overdue, escalated to the responsible leader")


class SummonsState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Talk held")
    FOLLOWING = "following", _("Following up")
    CLOSED = "closed", _("Closed")


class EvidenceKind(models.TextChoices):
    IMAGE = "image", _("Image")
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word document")
    XLSX = "xlsx", _("Excel workbook")
    OFFICE = "office", _("Office file")


# Rules, in working days.
SIGN_WITHIN_WORKDAYS = 2
YELLOW_WINDOW_WORKDAYS = 5
ESCALATION_STEP_WORKDAYS = 3
