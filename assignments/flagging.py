"""Green / yellow / red from an item's dates and progress. Pure logic: no Django import.

An open item is red when it is overdue or two reports are missing; yellow when its deadline is
within the warning window and its progress is behind the straight line from issue to
deadline, or one report is missing; green otherwise. Items no longer waiting on their owner
(reported, finished, suspended, cancelled) are green.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

GREEN, YELLOW, RED = "green", "yellow", "red"
RANK = {GREEN: 0, YELLOW: 1, RED: 2}
FLAGGED = frozenset({"issued", "signed", "in_progress"})  # work still to do by the owner


def worst(flags) -> str:
    """The worst of some flags (green when there are none)."""
    out = GREEN
    for f in flags:
        if f and RANK[f] > RANK[out]:
            out = f
    return out


def on_track_until(issued_on: date, deadline: date, progress: int) -> date:
    """The day on which `progress` percent is exactly on the straight line."""
    total = max(0, (deadline - issued_on).days)
    return issued_on + timedelta(days=total * max(0, min(progress, 100)) // 100)


def next_report_due(issued_on: date, last_report_on: date | None, period: int | None):
    """When the next regular report is due (None without a cadence)."""
    if not period:
        return None
    return (last_report_on or issued_on) + timedelta(days=period)


@dataclass(frozen=True)
class Facts:
    state: str
    deadline: date
    on_track_until: date
    next_report_due: date | None
    period: int | None

    def missed_reports(self, today: date) -> int:
        if self.next_report_due is None or not self.period or today <= self.next_report_due:
            return 0
        # Reports fall due on next_report_due, then every period; each passed one is missed.
        return 1 + ((today - self.next_report_due).days - 1) // self.period

    def flag(self, today: date, window_end: date) -> str:
        """`window_end`: the date N working days after today (the yellow window)."""
        if self.state not in FLAGGED:  # reported, finished, suspended or cancelled
            return GREEN
        missed = self.missed_reports(today)
        if today > self.deadline or missed >= 2:
            return RED
        if missed >= 1 or (self.deadline <= window_end and self.on_track_until < today):
            return YELLOW
        return GREEN
