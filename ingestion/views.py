"""Pages of the ingestion app: the document list, upload, and the review screen where proposed
tasks are corrected and turned into 督办 items. Reads go through permissions, writes through
actions."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import actions, forms, rendering
from . import permissions as perms
from .choices import TaskState
from .models import ProposedTask, TaskUnit
from .parser import ParseInputError

PAGE_SIZE = 30
SHOWN_UNITS = 8  # a collective owner (各学校) may stand for hundreds of units
WARNING_LABELS = {
    "page_chrome": gettext_lazy("Page chrome of a website (navigation, disclaimers) was found "
                                "and left out of the tasks."),
    "digit_one_loss": gettext_lazy("The digit 1 seems to be lost throughout this copy (2015 "
                                   "reads 205): check every figure and date against the "
                                   "original."),
    "stray_linebreak": gettext_lazy("A line break cuts a sentence in two."),
    "placeholder": gettext_lazy("Names were anonymised or removed (xx, *, empty list items)."),
    "truncated": gettext_lazy("The text stops in the middle of a sentence: the copy may be "
                              "incomplete."),
    "encoding": gettext_lazy("Some characters could not be decoded."),
    "garbled": gettext_lazy("Characters that do not belong to the text were found."),
}
_HIGHLIGHT = re.compile(r"^(\d+)-(\d+)$")


def _fail(request, exc):
    if isinstance(exc, ValidationError):
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.error(request, str(exc))


def _require_reviewer(user):
    if not perms.can_review(user):
        raise PermissionDenied


# --- List and upload -------------------------------------------------------------------------

@login_required
def document_list(request):
    _require_reviewer(request.user)
    qs = (perms.in_scope(request.user).select_related("unit", "uploaded_by")
          .annotate(n_tasks=Count("tasks"),
                    n_open=Count("tasks", filter=Q(tasks__state__in=[TaskState.PROPOSED,
                                                                     TaskState.ACCEPTED])),
                    n_items=Count("tasks", filter=Q(tasks__state=TaskState.CONVERTED)))
          .defer("text", "parsed"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(title__icontains=q)
    page = Paginator(qs.order_by("-created_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "ingestion/list.html", {"page": page, "q": q})


@login_required
def upload(request):
    _require_reviewer(request.user)
    posted = request.method == "POST"
    form = forms.UploadForm(request.POST if posted else None, request.FILES if posted else None)
    duplicate = None
    if posted and form.is_valid():
        d = form.cleaned_data
        try:
            if d["file"]:
                reading = actions.read_upload(d["file"], year=d["year"])
            else:
                reading = actions.read_pasted(d["text"], year=d["year"])
            doc = actions.create_document(actor=request.user, now=timezone.now(),
                                          reading=reading, title=d["title"], year=d["year"])
        except ParseInputError as exc:
            form.add_error("file" if d["file"] else "text", actions.input_error_message(exc))
        except actions.DuplicateDocument as exc:
            duplicate = exc.document
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The document was read: %(n)s tasks proposed. Check "
                                        "them, then create the 督办 items.")
                             % {"n": doc.tasks.count()})
            return redirect(doc)
    return render(request, "ingestion/upload.html", {
        "form": form, "duplicate": duplicate,
        "max_mb": actions.max_upload_bytes() // 2**20}, status=400 if form.errors else 200)


# --- The review screen -----------------------------------------------------------------------

def _highlight(request, text):
    m = _HIGHLIGHT.match(request.GET.get("highlight", ""))
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if 0 <= start < end <= len(text) else None


def _task_rows(doc, tasks, reviewing):
    rows = []
    for n, t in enumerate(tasks):
        rows.append({
            "task": t, "mappings": t.shown_mappings,
            "more": t.n_units - len(t.shown_mappings),
            "figures": actions.figures(t) if reviewing and t.is_open else [],
            "split_points": [(at, doc.text[max(t.start, at - 12):at])
                             for at in actions.split_points(t)] if reviewing and t.is_open
            else [],
            "has_next": any(o.is_open and o.start >= t.start for o in tasks[n + 1:]),
        })
    return rows


@login_required
def document(request, pk):
    doc = perms.get_document_for_user(request.user, pk)
    reviewing = perms.may_review(request.user, doc)
    shown = TaskUnit.objects.select_related("unit").order_by("-confidence", "unit__path")
    tasks = list(doc.tasks.select_related("lead_unit", "responsible_leader")
                 .annotate(n_units=Count("mappings"))
                 .prefetch_related(Prefetch("mappings", queryset=shown[:SHOWN_UNITS],
                                            to_attr="shown_mappings"))
                 .order_by("start", "end", "id"))
    highlight = _highlight(request, doc.text)
    spans = rendering.heading_spans(doc.text, doc.outline)
    for t in tasks:
        spans.append(rendering.Span(t.start, t.end, "task", str(t.pk), f"t t-{t.state}"))
    if highlight:
        spans.append(rendering.Span(*highlight, "highlight", "", "hl"))
    warnings = [{"code": w.get("code"), "label": WARNING_LABELS.get(w.get("code"), w.get("code")),
                 "message": w.get("message", ""), "start": w.get("start"),
                 "excerpt": doc.text[w["start"]:w["start"] + 24]
                 if isinstance(w.get("start"), int) else ""} for w in doc.warnings]
    open_tasks = [t for t in tasks if t.is_open]
    return render(request, "ingestion/document.html", {
        "doc": doc, "text_html": rendering.render(doc.text, spans, link_tasks=reviewing),
        "rows": _task_rows(doc, tasks, reviewing) if reviewing else [],
        "outline": [{"i": i, **h} for i, h in enumerate(doc.outline)],
        "warnings": warnings, "reviewing": reviewing, "highlight": highlight,
        "can_convert": reviewing and perms.can_convert(request.user),
        "n_open": len(open_tasks), "n_rejected": sum(t.state == TaskState.REJECTED
                                                       for t in tasks),
        "convert_form": forms.ConvertForm(), "add_form": forms.AddTaskForm(),
        "formulas": doc.parsed.get("formulas") or [],
    })


def _review_task(request, pk):
    task = perms.get_task_for_user(request.user, pk)
    if not perms.may_review(request.user, task.document):
        raise PermissionDenied
    return task


def _back(task_or_doc):
    if isinstance(task_or_doc, ProposedTask):
        return redirect(f"{reverse('ingestion:document', args=[task_or_doc.document_id])}"
                        f"#card-{task_or_doc.pk}")
    return redirect(task_or_doc)


@login_required
def task_edit(request, pk):
    task = _review_task(request, pk)
    if not task.is_open:
        messages.error(request, _("This task can no longer be changed."))
        return _back(task)
    mappings = list(task.mappings.select_related("unit"))
    initial = {"text": task.text, "lead_unit": task.lead_unit,
               "keep": [m.unit for m in mappings if m.unit_id != task.lead_unit_id],
               "responsible_leader": task.responsible_leader, "deadline": task.deadline,
               "metric": task.metric, "metric_unit": task.metric_unit,
               "target_value": task.target_value}
    form = forms.TaskForm(request.POST if request.method == "POST" else None,
                          user=request.user, task=task, initial=initial)
    if request.method == "POST" and form.is_valid():
        units = form.chosen_units()
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("keep", "units")}
        try:
            actions.edit_task(task, actor=request.user, values=data, units=units)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Task %(n)s saved.") % {"n": task.order + 1})
            return _back(task)
    return render(request, "ingestion/task_form.html", {
        "task": task, "form": form, "mappings": mappings, "doc": task.document,
        "figures": actions.figures(task)})


@login_required
@require_POST
def task_step(request, pk, verb):
    task = _review_task(request, pk)
    if verb not in ("accept", "reject", "restore"):
        raise PermissionDenied
    try:
        actions.step_task(task, verb, actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
    return _back(task)


@login_required
@require_POST
def task_split(request, pk):
    task = _review_task(request, pk)
    form = forms.SplitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where to split the task."))
        return _back(task)
    try:
        second = actions.split_task(task, form.cleaned_data["at"], actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
        return _back(task)
    messages.success(request, _("The task was split in two."))
    return _back(second)


@login_required
@require_POST
def task_merge(request, pk):
    task = _review_task(request, pk)
    try:
        actions.merge_with_next(task, actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The task was merged with the next one."))
    return _back(task)


@login_required
@require_POST
def task_target(request, pk):
    task = _review_task(request, pk)
    try:
        actions.use_figure(task, request.POST.get("figure", ""), actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("The figure is now the task's target."))
    return _back(task)


@login_required
@require_POST
def task_add(request, pk):
    doc = perms.get_document_for_user(request.user, pk)
    if not perms.may_review(request.user, doc):
        raise PermissionDenied
    form = forms.AddTaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Select a passage of the document text first."))
        return _back(doc)
    try:
        task = actions.add_task(doc, form.cleaned_data["start"], form.cleaned_data["end"],
                                actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
        return _back(doc)
    messages.success(request, _("Task added from the selected passage."))
    return _back(task)


@login_required
@require_POST
def convert(request, pk):
    doc = perms.get_document_for_user(request.user, pk)
    if not perms.may_review(request.user, doc) or not perms.can_convert(request.user):
        raise PermissionDenied
    form = forms.ConvertForm(request.POST)
    form.is_valid()
    try:
        items = actions.convert(doc, actor=request.user, now=timezone.now(),
                                with_parent=form.cleaned_data.get("with_parent", False))
    except ValidationError as exc:
        _fail(request, exc)
        return _back(doc)
    messages.success(request, format_html(
        "{} <a href=\"{}\">{}</a>",
        _("%(n)s 督办 items were created.") % {"n": len(items)},
        reverse("assignments:board"), _("Open the supervision board")))
    return _back(doc)
