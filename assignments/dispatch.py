"""The weekly dispatch (周调度): per unit, what moved, what is late, what is due next week —
generated from the data, as a page, an .xlsx and a .docx."""

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.models import AuditEvent
from orgs.models import Unit

from . import history
from .choices import ACTIVE_STATES, Verb
from .models import ProgressReport


def week_of(d: date) -> date:
    """The Monday of d's week."""
    return d - timedelta(days=d.weekday())


@dataclass
class UnitWeek:
    unit: Unit
    moved: list = field(default_factory=list)      # (item title, what happened)
    late: list = field(default_factory=list)       # (item title, deadline, progress)
    due_next: list = field(default_factory=list)   # (item title, deadline, progress)


def _moved_label(verb: str) -> str:
    return {
        Verb.VERIFY: _("verified"),
        Verb.CLOSE: pgettext("dispatch", "closed"),
        Verb.RETURN: pgettext("dispatch", "returned for more work"),
        Verb.SUSPEND: pgettext("dispatch", "suspended"),
        Verb.RESUME: pgettext("dispatch", "resumed"),
        Verb.CANCEL: pgettext("dispatch", "cancelled"),
    }[verb]


# Transitions listed under "moved" (sign and start are routine; a report of completion is
# listed through its final report).
MOVED_VERBS = (Verb.VERIFY, Verb.CLOSE, Verb.RETURN, Verb.SUSPEND, Verb.RESUME, Verb.CANCEL)


def build(items, monday: date, today: date, depth: int = 2) -> list[UnitWeek]:
    """Rows for the week starting `monday`, grouped under the lead unit's ancestor at `depth`.
    The page, the .xlsx and the .docx all show these rows.

    Moved: the progress reports submitted and the transitions recorded (verified, closed,
    returned, suspended, resumed, cancelled) during the week.

    Late and due next week:
    - for the current week (it has not ended by `today`), the live state: open items past
      their deadline today, open items whose deadline falls next week;
    - for a past week, the world as it stood at the end of that week (midnight after its
      Sunday), rebuilt by `history`: items created by then, still waiting on their owner then
      (not yet reported done, verified or closed, nor suspended or cancelled), with the
      deadline in force then (approved extensions and deadline edits made later are undone)
      and the progress last reported by then. Items created after the week do not appear.
    """
    end = monday + timedelta(days=7)
    start_dt, end_dt = history.cut_at(monday), history.cut_at(end)
    prefix_len = depth * 4
    buckets: dict[str, dict[str, list]] = defaultdict(lambda: {"moved": [], "late": [],
                                                               "due_next": []})

    def add(path, kind, row):
        buckets[path[:prefix_len]][kind].append(row)

    scoped = items.filter(lead_unit__depth__gte=depth)
    labels: dict = {}  # (final, percent) -> what: one translation per kind, not per report

    def label(final, percent):
        if (final, percent) not in labels:
            labels[final, percent] = _("reported done") if final else (
                _("progress report, %(p)s%%") % {"p": percent} if percent is not None
                else _("progress report"))
        return labels[final, percent]

    reports = (ProgressReport.objects.filter(item__in=scoped.values("pk"),
                                             submitted_at__gte=start_dt, submitted_at__lt=end_dt)
               .values_list("item__lead_unit__path", "item__title", "percent", "is_final")
               .order_by("item__lead_unit__path", "submitted_at"))
    for path, title, percent, final in reports:
        add(path, "moved", (title, label(final, percent)))
    # Then, per unit, the transitions of the week in the order they happened.
    steps = list(AuditEvent.objects.filter(
        object_type=history.ITEM_TYPE, action__in=[f"item.{v}" for v in MOVED_VERBS],
        at__gte=start_dt, at__lt=end_dt, object_id__in=history.ids_as_text(scoped))
        .values_list("object_id", "action").order_by("at", "id"))
    if steps:
        about = {str(pk): (path, title) for pk, path, title in scoped.filter(
            pk__in={int(oid) for oid, _a in steps}).values_list("pk", "lead_unit__path",
                                                                "title")}
        for oid, action in steps:
            if oid in about:
                path, title = about[oid]
                add(path, "moved", (title, _moved_label(action.removeprefix("item."))))

    if end > today:
        open_items = scoped.filter(state__in=ACTIVE_STATES)
        fields = ("title", "deadline", "progress", "lead_unit__path")
        for row in open_items.filter(deadline__lt=today).values(*fields).order_by("deadline",
                                                                                  "id"):
            add(row["lead_unit__path"], "late", (row["title"], row["deadline"], row["progress"]))
        for row in open_items.filter(deadline__gte=end, deadline__lt=end + timedelta(days=7)) \
                .values(*fields).order_by("deadline", "id"):
            add(row["lead_unit__path"], "due_next",
                (row["title"], row["deadline"], row["progress"]))
    else:
        for kind, rows in _as_it_stood(scoped, end).items():
            for path, row in rows:
                add(path, kind, row)

    units = {u.path: u for u in Unit.objects.filter(path__in=list(buckets))}
    out = []
    for path in sorted(buckets):
        if path not in units:
            continue
        b = buckets[path]
        out.append(UnitWeek(units[path], b["moved"], b["late"], b["due_next"]))
    return out


def _as_it_stood(scoped, end: date) -> dict[str, list]:
    """{"late": [(path, row)], "due_next": [...]} at the first moment of `end` (a Monday)."""
    cut = history.cut_at(end)
    after = end + timedelta(days=7)
    candidates = (scoped.filter(created_at__lt=cut).exclude(history.settled_before(cut))
                  .filter(Q(deadline__lt=after) | history.changed_deadline_since(cut)))
    late, due_next = [], []
    for p in history.load(candidates, [cut], progress=True):
        if p.phase(cut) != history.ACTIVE:
            continue
        deadline = p.deadline_at(cut)
        if deadline < end:
            late.append((deadline, p.id, p.path, (p.title, deadline, p.progress[cut])))
        elif deadline < after:
            due_next.append((deadline, p.id, p.path, (p.title, deadline, p.progress[cut])))
    late.sort(key=lambda r: r[:2])
    due_next.sort(key=lambda r: r[:2])
    return {"late": [(path, row) for _d, _i, path, row in late],
            "due_next": [(path, row) for _d, _i, path, row in due_next]}


def title_for(monday: date) -> str:
    day = f"{monday.year}年{monday.month}月{monday.day}日"
    return _("Weekly dispatch, week of %(d)s") % {"d": day}


def xlsx(rows: list[UnitWeek], monday: date) -> bytes:
    from duban.spreadsheets import build_workbook

    summary = [(r.unit.name, len(r.moved), len(r.late), len(r.due_next)) for r in rows]
    detail = []
    for r in rows:
        detail += [(r.unit.name, _("Moved"), t, w, "") for t, w in r.moved]
        detail += [(r.unit.name, _("Late"), t, str(d), f"{p}%") for t, d, p in r.late]
        detail += [(r.unit.name, _("Due next week"), t, str(d), f"{p}%") for t, d, p in r.due_next]
    return build_workbook([
        (_("Summary"), [_("Unit"), _("Moved"), _("Late"), _("Due next week")], summary),
        (_("Details"), [_("Unit"), _("Kind"), _("Item"), _("What / deadline"), _("Progress")],
         detail),
    ])


# GB/T 9704-like layout: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
# title in 小标宋 二号 (22 pt), headings 黑体 三号, body 仿宋 三号 (16 pt), 28.95 pt line pitch.
TITLE_FONT, HEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312"


def _font(run, name, size):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def docx(rows: list[UnitWeek], monday: date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)

    def para(text, font, size, *, center=False, indent=True):
        p = doc.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28.95)
        p.paragraph_format.space_after = Pt(0)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        _font(p.add_run(text), font, size)
        return p

    para(title_for(monday), TITLE_FONT, 22, center=True)
    para("", BODY_FONT, 16, indent=False)
    late_total = sum(len(r.late) for r in rows)
    moved_total = sum(len(r.moved) for r in rows)
    para(_("This week %(m)s items moved; %(l)s items are late; %(n)s items fall due next week.")
         % {"m": moved_total, "l": late_total, "n": sum(len(r.due_next) for r in rows)},
         BODY_FONT, 16)
    numerals = "一二三四五六七八九十"
    for n, r in enumerate(rows):
        label = numerals[n] if n < 10 else str(n + 1)
        para(f"{label}、{r.unit.name}", HEADING_FONT, 16)
        if r.moved:
            para(_("Moved: ") + "；".join(f"{t}（{w}）" for t, w in r.moved) + "。", BODY_FONT, 16)
        if r.late:
            para(_("Late: ") + "；".join(f"{t}（{_('deadline')} {d}，{p}%）"
                                         for t, d, p in r.late) + "。", BODY_FONT, 16)
        if r.due_next:
            para(_("Due next week: ") + "；".join(f"{t}（{d}）" for t, d, _p in r.due_next) + "。",
                 BODY_FONT, 16)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
