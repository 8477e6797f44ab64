"""Backward scheduling (倒排工期): milestone due dates counted back from a deadline in working
days. Pure logic: the working-day calendar is passed in."""

from __future__ import annotations

from datetime import date

# A typical build project; each step with the working days it needs.
DEFAULT_STEPS: list[tuple[str, int]] = [
    ("制定方案", 10),
    ("招标采购", 20),
    ("施工建设", 60),
    ("竣工验收", 10),
]


def previous_workday(cal, d: date) -> date:
    while not cal.is_workday(d):
        d = d.fromordinal(d.toordinal() - 1)
    return d


def schedule_backwards(deadline: date, steps, cal) -> list[tuple[str, date]]:
    """[(name, due date)] in order: the last step is due on the deadline (or the working day
    before it), each earlier step is due its successor's length in working days earlier."""
    due = previous_workday(cal, deadline)
    out: list[tuple[str, date]] = []
    for name, days in reversed(list(steps)):
        out.append((name, due))
        due = cal.add_workdays(due, -int(days))
    out.reverse()
    return out
