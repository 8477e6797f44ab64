"""States of uploaded documents and proposed tasks, and the one ALLOWED table of task steps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Under review")
    CONVERTED = "converted", _("Items created")


class TaskState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    CONVERTED = "converted", _("Item created")


OPEN_TASK_STATES = (TaskState.PROPOSED, TaskState.ACCEPTED)

# verb: (states it may start from, state it leads to; None keeps the state)
ALLOWED = {
    "accept": (OPEN_TASK_STATES, TaskState.ACCEPTED),
    "edit": (OPEN_TASK_STATES, TaskState.ACCEPTED),
    "reject": (OPEN_TASK_STATES, TaskState.REJECTED),
    "restore": ((TaskState.REJECTED,), TaskState.PROPOSED),
    "split": (OPEN_TASK_STATES, None),
    "merge": (OPEN_TASK_STATES, None),
    "target": (OPEN_TASK_STATES, TaskState.ACCEPTED),
    "convert": (OPEN_TASK_STATES, TaskState.CONVERTED),
}


def may_step(state: str, verb: str) -> bool:
    return state in ALLOWED[verb][0]


# Upper bound of a pasted text, in characters (files are bounded by DUBAN_MAX_UPLOAD_BYTES).
MAX_TEXT_CHARS = 2_000_000
