"""Every write of the ingestion app: uploading a document, reviewing its proposed tasks, and
turning them into 督办 items. Each action checks the actor, works in one transaction and writes
its audit rows there."""

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assignments import actions as assignment_actions
from assignments import permissions as assignment_perms
from assignments.choices import Source
from audit.actions import diff, record
from orgs.choices import Role
from orgs.models import Person

from . import owners
from . import permissions as perms
from .choices import ALLOWED, MAX_TEXT_CHARS, DocumentState, TaskState, may_step
from .models import Document, ProposedTask, TaskUnit
from .parser import ParseInputError, read_text
from .parser import core as parser_core


class DuplicateDocument(Exception):
    """The same file (same hash) was already uploaded for this unit."""

    def __init__(self, document):
        self.document = document
        super().__init__(_("This document was already uploaded on %(when)s as “%(title)s”.")
                         % {"when": timezone.localtime(document.created_at).strftime("%Y-%m-%d"),
                            "title": document.title})


def input_error_message(exc: ParseInputError) -> str:
    """The parser's bilingual message in the user's language."""
    return exc.zh if (get_language() or "").startswith("zh") else exc.en


def max_upload_bytes() -> int:
    return int(getattr(settings, "DUBAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


# --- Reading the input -----------------------------------------------------------------------

@dataclass
class Reading:
    """What an upload or a pasted text became: bytes hashed, text decoded, parse result."""

    data: bytes
    text: str
    parsed: dict
    filename: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_upload(upload, *, year=None) -> Reading:
    """Decode and parse an uploaded file; ParseInputError (user-ready) when it cannot be read."""
    limit = max_upload_bytes()
    if upload.size is not None and upload.size > limit:
        raise ParseInputError(
            f"文件过大（{upload.size / 2**20:.1f} MB），上限为 {limit / 2**20:.0f} MB。",
            f"The file is too large ({upload.size / 2**20:.1f} MB); "
            f"the limit is {limit / 2**20:.0f} MB.")
    upload.seek(0)
    data = upload.read(limit + 1)
    text, hints = read_text(data, filename=upload.name, max_bytes=limit)
    parsed = parser_core.parse(text, year=year, heading_hints=hints)
    return Reading(data=data, text=text, parsed=parsed, filename=upload.name)


def read_pasted(text: str, *, year=None) -> Reading:
    if not text.strip():
        raise ParseInputError("粘贴的文字为空。", "The pasted text is empty.")
    if len(text) > MAX_TEXT_CHARS:
        raise ParseInputError(f"粘贴的文字过长（上限 {MAX_TEXT_CHARS} 字）。",
                              f"The pasted text is too long (at most {MAX_TEXT_CHARS} "
                              "characters).")
    return Reading(data=text.encode("utf-8"), text=text,
                   parsed=parser_core.parse(text, year=year))


def find_duplicate(unit, sha256: str):
    return Document.objects.filter(unit=unit, sha256=sha256).first()


# --- Proposals from the parse result ---------------------------------------------------------

def candidate_units(actor, unit) -> list[owners.UnitRef]:
    """Units of the issuing unit's subtree the actor may assign work to."""
    return owners.unit_refs(assignment_perms.issuable_units(actor)
                            .filter(path__startswith=unit.path))


def leaders_of(unit) -> list[Person]:
    """Leaders of the issuing unit (for roles such as 分管领导, 局长)."""
    return list(Person.objects.filter(memberships__role=Role.LEADER, memberships__unit=unit,
                                      is_active=True).distinct().order_by("name"))


def _section_title(parsed: dict, index) -> str:
    outline = parsed.get("outline") or []
    if isinstance(index, int) and 0 <= index < len(outline):
        return (outline[index].get("text") or "")[:300]
    return ""


def _section_for(parsed: dict, start: int) -> str:
    last = None
    for i, h in enumerate(parsed.get("outline") or []):
        if h.get("start", 0) <= start:
            last = i
    return _section_title(parsed, last)


def _mapping(phrases, refs, root_path, leaders, memo=None):
    """({unit pk: (confidence, phrase)}, lead unit pk, role hint, leader) for owner phrases."""
    mapped, roles = owners.map_owners(phrases, refs, root_path, memo)
    lead = _first_in_tree(mapped, refs) if mapped else None
    hint = "、".join(roles)[:60]
    leader = owners.leader_for_role(roles[0], leaders) if roles else None
    return mapped, lead, hint, leader


def _apply_mapping(task, phrases, refs, root_path, leaders) -> None:
    mapped, lead, hint, leader = _mapping(phrases, refs, root_path, leaders)
    _insert_mappings((task.pk, pk, conf, phrase[:100]) for pk, (conf, phrase) in mapped.items())
    task.lead_unit_id, task.leader_hint, task.responsible_leader = lead, hint, leader


def _first_in_tree(mapped, refs) -> int:
    """The most certain unit, the first in tree order among equals (refs are in tree order)."""
    best = max(conf for conf, _ in mapped.values())
    return next((r.pk for r in refs if mapped.get(r.pk, (0.0,))[0] == best),
                max(mapped, key=lambda pk: mapped[pk][0]))


def _parse_date(value):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _propose(document, actor) -> None:
    """The parser's tasks as proposals, with their owners mapped: a few bulk inserts."""
    refs = candidate_units(actor, document.unit)
    leaders = leaders_of(document.unit)
    text = document.text
    tasks, mappings, memo = [], [], {}
    for t in document.parsed.get("tasks") or []:
        src = t.get("source") or {}
        start, end = int(src.get("start", 0)), int(src.get("end", 0))
        if not (0 <= start < end <= len(text)):
            continue
        phrases = t.get("owners") or []
        mapped, lead, hint, leader = _mapping(phrases, refs, document.unit.path, leaders, memo)
        tasks.append(ProposedTask(
            document=document, order=len(tasks), text=text[start:end], start=start, end=end,
            section=_section_title(document.parsed, t.get("section")),
            owners_text="、".join(phrases)[:300], lead_unit_id=lead, leader_hint=hint,
            responsible_leader=leader, deadline=_parse_date(t.get("deadline")),
            deadline_text=(t.get("deadline_text") or "")[:60]))
        mappings.append(mapped)
    ProposedTask.objects.bulk_create(tasks, batch_size=500)
    _insert_mappings((task.pk, pk, conf, phrase[:100])
                     for task, mapped in zip(tasks, mappings, strict=True)
                     for pk, (conf, phrase) in mapped.items())


def _insert_mappings(rows) -> None:
    """(task id, unit id, confidence, phrase) rows straight into the table.

    A speech whose tasks name 各学校 maps each of them to every school: ~200,000 rows for a
    48 KB speech over a city of 2,000 units. Django's bulk_create spent ~8 s building model
    objects and statements for them; PostgreSQL's COPY and SQLite's executemany take a
    fraction of that. Same rows, same transaction.
    """
    table = TaskUnit._meta.db_table
    columns = "task_id, unit_id, confidence, phrase"
    connection = connections[router.db_for_write(TaskUnit)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)",
                               list(rows))


def create_document(*, actor, now, reading: Reading, title="", year=None, unit=None) -> Document:
    """Store an uploaded or pasted document and the tasks the parser proposes from it."""
    if not perms.can_review(actor):
        raise PermissionDenied
    unit = unit or perms.issuing_unit(actor)
    if unit is None or not assignment_perms.sees(actor, unit):
        raise PermissionDenied
    duplicate = find_duplicate(unit, reading.sha256)
    if duplicate is not None:
        raise DuplicateDocument(duplicate)
    title = (title or reading.parsed.get("title") or reading.filename
             or reading.text.strip().splitlines()[0])[:300]
    try:
        with transaction.atomic():
            doc = Document(title=title, original_name=reading.filename[:255],
                           sha256=reading.sha256, text=reading.text,
                           year=year or reading.parsed.get("year"), parsed=reading.parsed,
                           unit=unit, uploaded_by=actor, created_at=now)
            if reading.filename:
                doc.file.save(reading.filename, ContentFile(reading.data), save=False)
            doc.save()
            _propose(doc, actor)
            record(actor, "ingestion.document.upload", doc, changes={
                "title": [None, doc.title], "sha256": [None, doc.sha256],
                "tasks": [None, doc.tasks.count()]})
    except IntegrityError:  # the same file, uploaded at the same moment by someone else
        duplicate = find_duplicate(unit, reading.sha256)
        if duplicate is None:
            raise
        raise DuplicateDocument(duplicate) from None
    return doc


# --- Reviewing tasks -------------------------------------------------------------------------

def _check(actor, task, verb) -> None:
    if not perms.may_review(actor, task.document):
        raise PermissionDenied
    if not may_step(task.state, verb):
        raise ValidationError(_("This task is %(state)s and cannot be changed that way.")
                              % {"state": task.get_state_display()})


def _renumber(document) -> None:
    for n, t in enumerate(document.tasks.order_by("start", "end", "id").only("pk", "order")):
        if t.order != n:
            ProposedTask.objects.filter(pk=t.pk).update(order=n)


def edit_task(task, *, actor, values: dict, units=None) -> ProposedTask:
    """Save a reviewer's corrections: text, lead and other units (confirmed), leader, deadline,
    target. The task counts as accepted afterwards."""
    _check(actor, task, "edit")
    allowed = set(assignment_perms.issuable_units(actor).values_list("pk", flat=True))
    lead = values.get("lead_unit")
    chosen = [u for u in (units or []) if lead is None or u.pk != lead.pk]
    outside = [u.name for u in ([lead] if lead else []) + chosen if u.pk not in allowed]
    if outside:
        raise ValidationError(_("%(units)s is outside the units you may assign work to.")
                              % {"units": "、".join(outside)})
    fields = ["text", "lead_unit", "responsible_leader", "deadline", "metric", "metric_unit",
              "target_value"]
    new = {f: values[f] for f in fields if f in values}
    if "text" in new and not (new["text"] or "").strip():
        raise ValidationError(_("The task text cannot be empty."))
    with transaction.atomic():
        changes = diff(task, new)
        old_units = sorted(task.mappings.values_list("unit_id", flat=True))
        for f, v in new.items():
            setattr(task, f, v)
        task.state = ALLOWED["edit"][1]
        task.save()
        if units is not None:
            keep = {u.pk for u in chosen} | ({lead.pk} if lead else set())
            task.mappings.exclude(unit_id__in=keep).delete()
            existing = set(task.mappings.values_list("unit_id", flat=True))
            task.mappings.filter(unit_id__in=keep).update(confidence=1.0)
            TaskUnit.objects.bulk_create([TaskUnit(task=task, unit_id=pk, confidence=1.0,
                                                   phrase=_("chosen by the reviewer"))
                                          for pk in keep - existing])
            if sorted(keep) != old_units:
                changes["units"] = [old_units, sorted(keep)]
        record(actor, "ingestion.task.edit", task, changes=changes)
    return task


def step_task(task, verb: str, *, actor) -> ProposedTask:
    """Accept, reject or restore a task (see choices.ALLOWED)."""
    if verb not in ("accept", "reject", "restore"):
        raise ValueError(verb)
    _check(actor, task, verb)
    with transaction.atomic():
        old = task.state
        task.state = ALLOWED[verb][1]
        task.save(update_fields=["state"])
        record(actor, f"ingestion.task.{verb}", task, changes={"state": [old, task.state]})
    return task


_CLAUSE_END = re.compile(r"[。；;！!？?，,]")


def split_points(task) -> list[int]:
    """Offsets (into the document text) after each clause end inside the task span."""
    text = task.document.text
    points = []
    for m in _CLAUSE_END.finditer(text, task.start, task.end):
        at = m.end()
        if task.start < at < task.end and text[at:task.end].strip():
            points.append(at)
    return points


def _copy_units(source, target) -> None:
    TaskUnit.objects.bulk_create([TaskUnit(task=target, unit_id=m.unit_id,
                                           confidence=m.confidence, phrase=m.phrase)
                                  for m in source.mappings.all()])


def split_task(task, at: int, *, actor) -> ProposedTask:
    """Split a task in two at a document offset; both halves keep the owners and deadline."""
    _check(actor, task, "split")
    text = task.document.text
    if not (task.start < at < task.end) or not text[task.start:at].strip() \
            or not text[at:task.end].strip():
        raise ValidationError(_("Split the task at a point inside its text."))
    with transaction.atomic():
        old_end = task.end
        task.end = at
        task.text = text[task.start:at].strip()
        task.save()
        second = ProposedTask.objects.create(
            document=task.document, order=task.order + 1, text=text[at:old_end].strip(),
            start=at, end=old_end, section=task.section, owners_text=task.owners_text,
            lead_unit=task.lead_unit, leader_hint=task.leader_hint,
            responsible_leader=task.responsible_leader, deadline=task.deadline,
            deadline_text=task.deadline_text, state=task.state)
        _copy_units(task, second)
        _renumber(task.document)
        record(actor, "ingestion.task.split", task,
               changes={"end": [old_end, at], "new_task": [None, second.pk]})
    return second


def next_task(task):
    return (task.document.tasks.filter(start__gte=task.start).exclude(pk=task.pk)
            .exclude(state=TaskState.CONVERTED).order_by("start", "end", "id").first())


def merge_with_next(task, *, actor) -> ProposedTask:
    """Merge a task with the one after it: one span, the owners of both, the later deadline."""
    _check(actor, task, "merge")
    other = next_task(task)
    if other is None or not other.is_open:
        raise ValidationError(_("There is no open task after this one to merge with."))
    text = task.document.text
    with transaction.atomic():
        old = (task.start, task.end)
        task.start, task.end = min(task.start, other.start), max(task.end, other.end)
        task.text = text[task.start:task.end].strip()
        if other.deadline and (task.deadline is None or other.deadline > task.deadline):
            task.deadline, task.deadline_text = other.deadline, other.deadline_text
        task.owners_text = "、".join(p for p in dict.fromkeys(
            (task.owners_text + "、" + other.owners_text).split("、")) if p)[:300]
        task.lead_unit = task.lead_unit or other.lead_unit
        task.responsible_leader = task.responsible_leader or other.responsible_leader
        task.leader_hint = task.leader_hint or other.leader_hint
        for f in ("metric", "metric_unit", "target_value"):
            if not getattr(task, f) and getattr(other, f):
                setattr(task, f, getattr(other, f))
        task.save()
        mine = set(task.mappings.values_list("unit_id", flat=True))
        TaskUnit.objects.bulk_create([TaskUnit(task=task, unit_id=m.unit_id,
                                               confidence=m.confidence, phrase=m.phrase)
                                      for m in other.mappings.all() if m.unit_id not in mine])
        record(actor, "ingestion.task.merge", task,
               changes={"span": [list(old), [task.start, task.end]],
                        "merged_task": [other.pk, None]})
        other.delete()
        _renumber(task.document)
    return task


def add_task(document, start: int, end: int, *, actor) -> ProposedTask:
    """A task the parser missed: the reviewer selected its sentence in the text."""
    if not perms.may_review(actor, document):
        raise PermissionDenied
    text = document.text
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise ValidationError(_("Select a passage of the document text first."))
    # Trim the selection to its visible characters so the span matches the text.
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    piece = text[start:end]
    found = parser_core.parse(piece, year=document.year)
    phrases = [p for t in found.get("tasks") or [] for p in t.get("owners") or []]
    deadlines = [t for t in found.get("tasks") or [] if t.get("deadline")]
    with transaction.atomic():
        task = ProposedTask.objects.create(
            document=document, text=piece, start=start, end=end,
            section=_section_for(document.parsed, start),
            owners_text="、".join(dict.fromkeys(phrases))[:300],
            deadline=_parse_date(deadlines[0]["deadline"]) if deadlines else None,
            deadline_text=(deadlines[0].get("deadline_text") or "")[:60] if deadlines else "",
            state=TaskState.ACCEPTED)
        _apply_mapping(task, list(dict.fromkeys(phrases)),
                       candidate_units(actor, document.unit), document.unit.path,
                       leaders_of(document.unit))
        task.save()
        _renumber(document)
        record(actor, "ingestion.task.add", task, changes={"span": [None, [start, end]]})
    return task


# --- Figures as targets ----------------------------------------------------------------------

_METRIC_TAIL = re.compile(r"(?:达到|达|实现|超过|不少于|不低于|提高到|提升到|提高至|提升至|增至|"
                          r"控制在|保持在|为|至|到)$")
_METRIC_HEAD = re.compile(r"^.*?(?:前|内|要|将|力争|确保|争取|再|共|累计)")


def metric_before(text: str, start: int, floor: int) -> str:
    """A name for the figure at `start`: the words of its clause before it (新建幼儿园 in
    “年底前新建幼儿园8所”)."""
    clause = re.split(r"[，。；、：,;:\s]", text[floor:start])[-1]
    clause = _METRIC_TAIL.sub("", clause)
    shorter = _METRIC_HEAD.sub("", clause)
    return (shorter or clause)[:100]


def _numbers_by_start(document) -> tuple[list[int], list[tuple[int, dict]]]:
    """The parser's numbers sorted by offset, kept on the document for the page's tasks."""
    cached = getattr(document, "_numbers_by_start", None)
    if cached is None:
        rows = sorted(((i, n) for i, n in enumerate(document.parsed.get("numbers") or [])
                       if isinstance(n.get("start"), int)), key=lambda r: r[1]["start"])
        cached = ([n["start"] for _i, n in rows], rows)
        document._numbers_by_start = cached
    return cached


def figures(task) -> list[dict]:
    """Numbers and numbered formulas the parser found inside the task's span."""
    parsed, text = task.document.parsed, task.document.text
    out = []
    starts, rows = _numbers_by_start(task.document)
    for i, n in rows[bisect_left(starts, task.start):bisect_left(starts, task.end)]:
        if task.start <= n.get("start", -1) < task.end:
            value = n.get("value")
            unit = n.get("unit") or ""
            if unit == "%" and isinstance(value, (int, float)):
                value = round(value * 100, 4)
            out.append({"key": f"n{i}", "text": n.get("text", ""), "value": value, "unit": unit,
                        "metric": metric_before(text, n["start"], task.start)})
    for i, f in enumerate(parsed.get("formulas") or []):
        if task.start <= f.get("start", -1) < task.end:
            out.append({"key": f"f{i}", "text": f.get("text", ""), "value": f.get("count"),
                        "unit": "项", "metric": f.get("text", "")[:100]})
    return out


def use_figure(task, key: str, *, actor) -> ProposedTask:
    """Make a figure found in the task its target (metric, measure, value)."""
    _check(actor, task, "target")
    figure = next((f for f in figures(task) if f["key"] == key), None)
    if figure is None:
        raise ValidationError(_("That figure is not part of this task."))
    try:
        value = Decimal(str(figure["value"])).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError):
        raise ValidationError(_("That figure has no value that can be a target.")) from None
    return edit_task(task, actor=actor, values={
        "metric": figure["metric"] or figure["text"], "metric_unit": figure["unit"][:20],
        "target_value": value})


# --- Creating the 督办 items -----------------------------------------------------------------

def convertible(document):
    return document.tasks.filter(state__in=ALLOWED["convert"][0]).order_by("start", "end", "id")


def _missing(task) -> list[str]:
    missing = []
    if task.lead_unit_id is None and not list(task.mappings.all()):
        missing.append(_("a responsible unit"))
    if task.deadline is None:
        missing.append(_("a deadline"))
    return missing


def item_title(task) -> str:
    return task.text.strip().rstrip("。；;")[:300] or task.text[:300]


def convert(document, *, actor, now, with_parent=False) -> list:
    """Create one 督办 item per open (proposed or accepted) task, all in one transaction; with
    `with_parent` they become parts of one item named after the document. Returns the items."""
    if not perms.may_review(actor, document) or not perms.can_convert(actor):
        raise PermissionDenied
    tasks = list(convertible(document).select_related("lead_unit")
                 .prefetch_related("mappings__unit"))
    if not tasks:
        raise ValidationError(_("There is no open task to turn into an item."))
    problems = [_("Task %(n)s needs %(what)s.") % {"n": t.order + 1, "what": "、".join(m)}
                for t in tasks if (m := _missing(t))]
    if problems:
        raise ValidationError(problems)
    items = []
    with transaction.atomic():
        parent = None
        if with_parent:
            parent = assignment_actions.create_item(
                actor=actor, now=now, title=document.title[:300], source=Source.DOCUMENT,
                description=_("Tasks of the document “%(t)s”.") % {"t": document.title},
                lead_unit=document.unit, deadline=max(t.deadline for t in tasks),
                source_document_id=document.pk, notify_owner=False)
        for t in tasks:
            # Claim the task first: a second click or a second reviewer finds it taken.
            claimed = ProposedTask.objects.filter(
                pk=t.pk, state__in=ALLOWED["convert"][0]).update(state=TaskState.CONVERTED)
            if claimed != 1:
                raise ValidationError(_("Task %(n)s was changed or converted by someone else "
                                        "meanwhile. Reload the page.") % {"n": t.order + 1})
            units = [m.unit for m in t.mappings.all()]
            lead = t.lead_unit or units[0]
            item = assignment_actions.create_item(
                actor=actor, now=now, parent=parent,
                co_units=[u for u in units if u.pk != lead.pk],
                title=item_title(t), source=Source.DOCUMENT,
                description=_("From “%(doc)s”: %(text)s") % {"doc": document.title,
                                                            "text": t.text},
                lead_unit=lead, responsible_leader=t.responsible_leader, deadline=t.deadline,
                metric=t.metric, metric_unit=t.metric_unit, target_value=t.target_value,
                source_document_id=document.pk, source_start=t.start, source_end=t.end)
            old = t.state
            t.state, t.item_id = TaskState.CONVERTED, item.pk
            t.save(update_fields=["state", "item_id"])
            record(actor, "ingestion.task.convert", t,
                   changes={"state": [old, t.state], "item": [None, item.pk]})
            items.append(item)
        old_state = document.state
        document.state = DocumentState.CONVERTED
        if parent is not None:
            document.parent_item_id = parent.pk
        document.save(update_fields=["state", "parent_item_id"])
        record(actor, "ingestion.document.convert", document,
               changes={"state": [old_state, document.state], "items": [None, len(items)],
                        "parent_item": [None, parent.pk if parent else None]})
    return items
