"""Pages of the rectification ledgers. Every read goes through permissions, every write
through actions."""

from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from duban.spreadsheets import SpreadsheetError, open_workbook, xlsx_response

from . import actions, forms, importing, stats
from . import permissions as perms
from .choices import (
    ALLOWED,
    EXPORT_SYNC_LIMIT,
    CaseState,
    ExportState,
    ListType,
    ReinspectionOutcome,
    State,
    verbs_from,
)
from .exports import ledger_xlsx
from .filters import filtered_items, params_of
from .jobs import export_ledger
from .models import (
    Checklist,
    ChecklistAnswer,
    Evidence,
    ExportJob,
    Item,
    Measure,
    Reinspection,
)
from .report import ledger_report

PAGE_SIZE = 50
EVENT_LABELS = {
    "rectification.item.created": gettext_lazy("put on the list"),
    "rectification.item.edited": pgettext_lazy("rectification", "edited"),
    "rectification.item.progress": gettext_lazy("reported progress"),
    "rectification.item.imported": gettext_lazy("imported from a ledger"),
    "rectification.measure.added": gettext_lazy("added a measure"),
    "rectification.measure.state": gettext_lazy("changed a measure"),
    "rectification.evidence.added": gettext_lazy("uploaded evidence"),
    "rectification.reinspection.scheduled": gettext_lazy("scheduled a re-inspection"),
    "rectification.reinspection.done": gettext_lazy("recorded a re-inspection"),
    **{f"rectification.item.{verb}": step.label for verb, step in ALLOWED.items()},
}


def _today():
    return timezone.localdate()


def _fail(request, exc):
    messages.error(request, str(exc))


# --- The ledger ------------------------------------------------------------------------------
@login_required
def ledger(request):
    form = forms.LedgerFilterForm(request.GET or None, user=request.user)
    params = params_of(form)
    qs = (filtered_items(request.user, params, _today())
          .select_related("lead_unit", "owner").order_by("-found_on", "-id"))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    today = _today()
    lists = {k: str(v) for k, v in ListType.choices}  # translated once, not per row
    states = {k: str(v) for k, v in State.choices}
    rows = [(i, i.flag(today), i.is_overdue(today), lists[i.list_type], states[i.state])
            for i in page]
    query = request.GET.urlencode()
    return render(request, "rectification/ledger.html", {
        "form": form, "page": page, "rows": rows, "query": query, "overdue_label": _("overdue"),
        "can_create": True,
        "can_import": perms.can_create_general(request.user),
        "can_admin_checklists": perms.can_admin_checklists(request.user),
    })


@login_required
def item_create(request):
    today = _today()
    form = forms.ItemForm(request.POST or None, user=request.user,
                          initial={"found_on": today, "deadline": today + timedelta(days=30),
                                   "owner": request.user.phone})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        co_units = data.pop("co_units") or []
        try:
            item = actions.create_item(request.user, today=today, co_units=co_units,
                                       raised_by=request.user, **data)
        except (actions.ActionError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The item is on the list; its owner has been told."))
            return redirect(item)
    return render(request, "rectification/item_form.html", {"form": form, "creating": True})


@login_required
def item_edit(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not perms.is_manager(request.user, item):
        raise PermissionDenied
    initial = {f: getattr(item, f) for f in actions.EDITABLE}
    for f in ("owner", "responsible_leader"):
        initial[f] = getattr(item, f).phone if getattr(item, f) else ""
    initial["co_units"] = list(item.co_units.all())
    form = forms.ItemForm(request.POST or None, user=request.user, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        co_units = data.pop("co_units")
        if item.is_personal or data.get("owner") is None:
            data.pop("owner", None)
        try:
            actions.edit_item(item, request.user, version=int(request.POST.get("version", 0)),
                              co_units=co_units, **data)
        except (actions.ActionError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect(item)
    return render(request, "rectification/item_form.html", {"form": form, "item": item})


@login_required
def item_detail(request, pk):
    user = request.user
    item = perms.get_item_for_user(user, pk)
    measures = list(item.measures.select_related("owner"))
    evidence = list(item.evidence.select_related("uploaded_by", "measure"))
    history = [(e, EVENT_LABELS.get(e.action, e.action), _describe(e.changes))
               for e in AuditEvent.objects.filter(object_type="rectification.item",
                                                  object_id=str(item.pk)).order_by("at", "id")]
    steps = [(verb, ALLOWED[verb]) for verb in verbs_from(item.state)
             if perms.passes_gate(user, item, ALLOWED[verb].gate) and verb != "reopen"]
    reinspections = list(item.reinspections.select_related("inspector"))
    source_link = _source_link(item)
    is_inspector = perms.is_inspector(user, item)
    works_on_item = perms.can_work_on(user, item)
    can_work = works_on_item and not item.is_closed
    # someone who owns a measure but not the item (e.g. of a co-operating unit) files evidence
    # for their own measures only
    owns_measure = any(m.owner_id == user.pk for m in measures)
    return render(request, "rectification/item_detail.html", {
        "item": item, "measures": measures, "evidence": evidence, "history": history,
        "steps": steps, "reinspections": reinspections,
        "pending_reinspection": next((r for r in reinspections
                                      if r.outcome == ReinspectionOutcome.PENDING), None),
        "co_units": list(item.co_units.all()), "source_link": source_link,
        "can_work": can_work, "can_edit": perms.is_manager(user, item) and not item.is_closed,
        "can_add_evidence": can_work or (owns_measure and not item.is_closed),
        "can_reinspect": is_inspector and item.is_closed,
        "can_write_case": perms.can_write_case(user, item),
        "today": _today(), "flag": item.flag(_today()),
        "step_form": forms.StepForm(initial={"version": item.version}),
        "progress_form": forms.ProgressForm(initial={"version": item.version,
                                                     "text": item.progress}),
        "measure_form": forms.MeasureForm(user=user, item=item,
                                          initial={"deadline": item.deadline,
                                                   "owner": item.owner.phone}),
        "evidence_form": forms.EvidenceForm(item=item,
                                            measure_owner=None if works_on_item else user),
        "schedule_form": forms.ScheduleReinspectionForm(
            user=user, initial={"scheduled_on": _today() + timedelta(days=30),
                                "inspector": user.phone}),
        "result_form": forms.ReinspectionResultForm(initial={"version": item.version}),
        "measure_states": Measure._meta.get_field("state").choices,
    })


CHANGE_LABELS = {
    "reason": gettext_lazy("Reason"), "measure": gettext_lazy("Measure"),
    "evidence": gettext_lazy("Evidence"), "inspector": gettext_lazy("Inspector"),
    "scheduled_on": gettext_lazy("Date"), "result": gettext_lazy("What the re-inspection found"),
    "outcome": ReinspectionOutcome, "row": gettext_lazy("Row"),
}


def _describe(changes: dict) -> list[tuple]:
    """Audit changes as (label, old, new) in words: field names and state codes translated."""
    out = []
    for name, change in (changes or {}).items():
        old, new = change if isinstance(change, list) and len(change) == 2 else (None, change)
        label, choices = CHANGE_LABELS.get(name, name), {}
        if label is ReinspectionOutcome:
            label, choices = Reinspection._meta.get_field("outcome").verbose_name, dict(
                ReinspectionOutcome.choices)
        elif name not in CHANGE_LABELS:
            try:
                field = Item._meta.get_field(name)
            except FieldDoesNotExist:
                pass
            else:
                label, choices = field.verbose_name, dict(field.choices or [])
        out.append((label, choices.get(old, old), choices.get(new, new)))
    return out


def _source_link(item):
    """(label, url) of the originating record, when there is one to show."""
    if item.source_type == "rectification.checklistanswer" and item.source_id.isdigit():
        answer = (ChecklistAnswer.objects.filter(pk=int(item.source_id))
                  .select_related("assignment__checklist").first())
        if answer is not None:
            return (answer.assignment.checklist.title,
                    reverse("rectification:checklist_answer", args=[answer.assignment_id]))
    if item.assignment_item_id:
        try:
            url = reverse("assignments:item", args=[item.assignment_item_id])
        except NoReverseMatch:
            url = ""
        return (_("Supervision item #%(n)s") % {"n": item.assignment_item_id}, url)
    return None


@login_required
@require_POST
def item_step(request, pk, verb):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.StepForm(request.POST)
    if verb not in ALLOWED or verb == "reopen":
        raise Http404
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page and try again."))
        return redirect(item)
    try:
        actions.transition(item, verb, request.user, version=form.cleaned_data["version"],
                           reason=form.cleaned_data["reason"], today=_today())
    except (actions.ActionError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": ALLOWED[verb].label})
    return redirect(item)


@login_required
@require_POST
def item_progress(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.ProgressForm(request.POST)
    if form.is_valid():
        try:
            actions.report_progress(item, request.user, text=form.cleaned_data["text"],
                                    version=form.cleaned_data["version"])
        except (actions.ActionError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Progress saved; whoever raised the problem is told."))
    else:
        messages.error(request, _("Write what has been done."))
    return redirect(item)


@login_required
@require_POST
def measure_add(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.MeasureForm(request.POST, user=request.user, item=item)
    if form.is_valid():
        try:
            actions.add_measure(item, request.user, **form.cleaned_data)
        except (actions.ActionError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Measure added."))
    else:
        errors = [f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()]
        messages.error(request, _("The measure was not added. %(errors)s")
                       % {"errors": " ".join(errors)})
    return redirect(item)


@login_required
@require_POST
def measure_state(request, pk):
    measure = get_object_or_404(Measure, pk=pk)
    item = perms.get_item_for_user(request.user, measure.item_id)
    try:
        actions.set_measure_state(measure, request.user, state=request.POST.get("state", ""),
                                  today=_today())
    except (actions.ActionError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect(item)


@login_required
@require_POST
def evidence_add(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.EvidenceForm(
        request.POST, request.FILES, item=item,
        measure_owner=None if perms.can_work_on(request.user, item) else request.user)
    if form.is_valid():
        try:
            actions.add_evidence(item, request.user, upload=form.cleaned_data["file"],
                                 measure=form.cleaned_data["measure"],
                                 note=form.cleaned_data["note"])
        except (actions.ActionError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Evidence uploaded."))
    elif "measure" in form.errors:
        messages.error(request, _("Choose the measure (one of yours) the evidence is for."))
    else:
        messages.error(request, _("Choose a file to upload."))
    return redirect(item)


@login_required
def evidence_file(request, pk):
    ev = get_object_or_404(Evidence, pk=pk)
    perms.get_item_for_user(request.user, ev.item_id)  # 404 for whoever may not see the item
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.name)


# --- Re-inspection ---------------------------------------------------------------------------
@login_required
@require_POST
def reinspection_schedule(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.ScheduleReinspectionForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            actions.schedule_reinspection(item, request.user, **form.cleaned_data)
        except (actions.ActionError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Re-inspection scheduled; the inspector is told."))
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect(item)


@login_required
@require_POST
def reinspection_result(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    form = forms.ReinspectionResultForm(request.POST)
    pending = None
    if request.POST.get("reinspection"):
        pending = get_object_or_404(Reinspection, pk=request.POST["reinspection"], item=item)
    if form.is_valid():
        try:
            actions.record_reinspection(item, request.user, result=form.cleaned_data["result"],
                                        reopen=form.cleaned_data["reopen"], today=_today(),
                                        reinspection=pending,
                                        version=form.cleaned_data["version"])
        except (actions.ActionError, PermissionDenied) as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("Re-inspection recorded."))
    else:
        messages.error(request, _("Write what the re-inspection found."))
    return redirect(item)


# --- Exports and import ------------------------------------------------------------------------
@login_required
def export_xlsx(request):
    form = forms.LedgerFilterForm(request.GET or None, user=request.user)
    params = params_of(form)
    qs = filtered_items(request.user, params, _today())
    if qs.count() > EXPORT_SYNC_LIMIT:
        job = ExportJob.objects.create(requested_by=request.user, params=params)
        export_ledger.enqueue(job.pk)
        return redirect("rectification:export_job", pk=job.pk)
    return xlsx_response(f"整改台账-{_today():%Y%m%d}.xlsx", ledger_xlsx(qs))


@login_required
def export_job(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user)
    template = ("rectification/_export_status.html" if request.htmx
                else "rectification/export_job.html")
    return render(request, template, {"job": job, "running": job.state in (
        ExportState.QUEUED, ExportState.RUNNING)})


@login_required
def export_download(request, pk):
    job = get_object_or_404(ExportJob, pk=pk, requested_by=request.user, state=ExportState.DONE)
    return FileResponse(job.file.open("rb"), as_attachment=True,
                        filename=f"整改台账-{job.created_at:%Y%m%d}-{job.pk}.xlsx")


@login_required
def report_docx(request):
    form = forms.LedgerFilterForm(request.GET or None, user=request.user)
    qs = filtered_items(request.user, params_of(form), _today())
    issuer = request.user.unit.name if request.user.unit else ""
    content = ledger_report(qs, issuer=issuer, today=_today())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-"
                            "officedocument.wordprocessingml.document")
    response["Content-Disposition"] = ("attachment; filename*=UTF-8''"
                                       + quote(f"整改落实情况报告-{_today():%Y%m%d}.docx"))
    return response


@login_required
def import_ledger(request):
    if not perms.can_create_general(request.user):
        raise PermissionDenied
    form = forms.ImportForm(request.POST or None, request.FILES or None,
                            initial={"found_on": _today()})
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            wb = open_workbook(d["file"])
            plan = importing.plan_import(wb, actor=request.user, list_type=d["list_type"],
                                         source=d["source"], found_on=d["found_on"])
        except SpreadsheetError as exc:
            form.add_error("file", str(exc))
        else:
            if plan.ok:
                n = importing.apply_import(plan, actor=request.user, list_type=d["list_type"],
                                           source=d["source"], found_on=d["found_on"],
                                           today=_today())
                messages.success(request, pgettext("rectification", "%(n)s item(s) imported.")
                                 % {"n": n})
                return redirect("rectification:ledger")
            context["errors"] = plan.errors
            messages.error(request, _("Nothing was saved: %(n)s row problem(s) found. Fix them "
                                      "in the file and upload it again.")
                           % {"n": len(plan.errors)})
    return render(request, "rectification/import.html", context)


# --- Statistics ------------------------------------------------------------------------------
@login_required
def statistics(request):
    form = forms.LedgerFilterForm(request.GET or None, user=request.user)
    qs = filtered_items(request.user, params_of(form), _today())
    tables = stats.all_tables(qs, request.user, _today())
    charts = [
        (_("By unit"), stats.bar_option(_("Sign-off and overdue by unit"), tables["unit"]),
         tables["unit"]),
        (_("By list"), stats.bar_option(_("By list type"), tables["list_type"]),
         tables["list_type"]),
        (_("By source"), stats.bar_option(_("By source"), tables["source"]), tables["source"]),
        (_("By category"), stats.bar_option(_("By category"), tables["category"]),
         tables["category"]),
    ]
    return render(request, "rectification/stats.html", {
        "form": form, "total": tables["total"], "charts": charts})


# --- Public progress page (no login) ----------------------------------------------------------
def public(request):
    qs = (perms.public_items().select_related("lead_unit")
          .only("pk", "category", "source", "state", "found_on", "deadline", "public_summary",
                "signed_off_on", "lead_unit__name")
          .order_by("-found_on", "-id"))
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rectification/public.html", {"page": page})


# --- Checklists ------------------------------------------------------------------------------
@login_required
def checklists(request):
    user = request.user
    mine = list(perms.assignments_to_answer(user).select_related("checklist", "unit")
                .order_by("deadline", "id")[:100])
    lists = []
    if perms.can_admin_checklists(user):
        lists = list(Checklist.objects.annotate(
            n_points=Count("points", distinct=True),
            n_assigned=Count("assignments", distinct=True),
            n_answered=Count("assignments", filter=Q(assignments__answered_at__isnull=False),
                             distinct=True)).order_by("-id")[:100])
    return render(request, "rectification/checklists.html", {
        "to_answer": mine, "lists": lists, "can_admin": perms.can_admin_checklists(user)})


@login_required
def checklist_create(request):
    if not perms.can_admin_checklists(request.user):
        raise PermissionDenied
    form = forms.ChecklistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            c = actions.create_checklist(request.user, title=d["title"],
                                         description=d["description"], category=d["category"],
                                         points=actions.parse_points(d["points"]))
        except actions.ActionError as exc:
            form.add_error("points", str(exc))
        else:
            return redirect("rectification:checklist", pk=c.pk)
    return render(request, "rectification/checklist_form.html", {"form": form})


@login_required
def checklist_detail(request, pk):
    if not perms.can_admin_checklists(request.user):
        raise PermissionDenied
    checklist = get_object_or_404(Checklist, pk=pk)
    form = forms.AssignForm(request.POST or None, user=request.user,
                            initial={"deadline": _today() + timedelta(days=14)})
    if request.method == "POST" and form.is_valid():
        units = list(form.cleaned_data["units"])
        if form.cleaned_data["with_children"]:
            q = Q()
            for u in units:
                q |= Q(path__startswith=u.path)
            units = list(perms.ledger_units(request.user).filter(q).order_by("path"))
        try:
            made = actions.assign_checklist(checklist, request.user, units=units,
                                            deadline=form.cleaned_data["deadline"],
                                            today=_today())
        except actions.ActionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Sent to %(n)s unit(s).") % {"n": len(made)})
            return redirect("rectification:checklist", pk=checklist.pk)
    assignments = Paginator(checklist.assignments.select_related("unit", "answered_by")
                            .annotate(problems=Count("answers", filter=Q(answers__ok=False)))
                            .order_by("unit__path"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rectification/checklist_detail.html", {
        "checklist": checklist, "points": checklist.points.all(), "form": form,
        "page": assignments})


@login_required
def checklist_answer(request, pk):
    assignment = perms.get_assignment_for_user(request.user, pk)
    can_answer = perms.can_answer(request.user, assignment) and assignment.answered_at is None
    if request.method == "POST" and not can_answer:
        raise PermissionDenied
    points = list(assignment.checklist.points.all())
    answers = list(assignment.answers.select_related("point", "item"))
    form = forms.AnswerForm(request.POST or None, points=points,
                            initial={"rectify_by": _today() + timedelta(days=30)})
    if request.method == "POST" and form.is_valid():
        try:
            items = actions.answer_checklist(assignment, request.user, answers=form.answers(),
                                             rectify_by=form.cleaned_data["rectify_by"],
                                             today=_today())
        except (actions.ActionError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Answered: %(n)s problem(s) are now on the ledger.")
                             % {"n": len(items)})
            return redirect("rectification:checklist_answer", pk=assignment.pk)
    return render(request, "rectification/checklist_answer.html", {
        "assignment": assignment, "form": form, "answers": answers, "can_answer": can_answer})


# --- The case library ------------------------------------------------------------------------
@login_required
def cases(request):
    form = forms.CaseSearchForm(request.GET or None)
    qs = perms.cases_visible_to(request.user)
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(Q(title__icontains=d["q"]) | Q(what_happened__icontains=d["q"])
                           | Q(lesson__icontains=d["q"]))
        if d["category"]:
            qs = qs.filter(category=d["category"])
        if d["state"]:
            qs = qs.filter(state=d["state"])
    page = Paginator(qs.order_by("-published_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    categories = (perms.cases_visible_to(request.user).values_list("category", flat=True)
                  .distinct().order_by("category")[:50])
    return render(request, "rectification/cases.html", {"form": form, "page": page,
                                                        "categories": categories})


@login_required
def case_create(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not perms.can_write_case(request.user, item):
        raise PermissionDenied
    form = forms.CaseForm(request.POST or None, initial={"category": item.category})
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.write_case(item, request.user, **form.cleaned_data)
        except (actions.ActionError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The case is written and waits for approval."))
            return redirect("rectification:case", pk=case.pk)
    return render(request, "rectification/case_form.html", {"form": form, "item": item})


@login_required
def case_detail(request, pk):
    case = perms.get_case_for_user(request.user, pk)
    form = None
    if case.written_by_id == request.user.pk and case.state != CaseState.PUBLISHED:
        form = forms.CaseForm(request.POST or None, initial={
            f: getattr(case, f) for f in actions.CASE_TEXT})
        if request.method == "POST" and form.is_valid():
            try:
                actions.edit_case(case, request.user, **form.cleaned_data)
            except (actions.ActionError, PermissionDenied) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Saved and sent for approval again."))
                return redirect("rectification:case", pk=case.pk)
    return render(request, "rectification/case_detail.html", {
        "case": case, "form": form, "can_approve": perms.can_approve_case(request.user, case),
        "return_form": forms.ReturnForm()})


@login_required
@require_POST
def case_review(request, pk, decision):
    case = perms.get_case_for_user(request.user, pk)
    try:
        if decision == "approve":
            actions.approve_case(case, request.user, today=_today())
            messages.success(request, _("The case is published in the library."))
        else:
            actions.return_case(case, request.user, reason=request.POST.get("reason", ""))
            messages.success(request, _("The case was sent back to its writer."))
    except (actions.ActionError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("rectification:case", pk=case.pk)

