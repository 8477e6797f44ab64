"""Pages of 督办: to-do, office board, items and their actions, dashboards, weekly dispatch,
Excel import and export, summons."""

import json
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Q, Value, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from duban.spreadsheets import SpreadsheetError, build_workbook, open_workbook, xlsx_response
from orgs.choices import RegionKind, Role
from orgs.models import Person, Region, Unit
from workdays.models import load as load_calendar

from . import actions, dispatch, ledger, summons
from . import permissions as perms
from .choices import ACTIVE_STATES, ALLOWED, NEEDS_REASON, ReportState, State, Verb
from .forms import (
    BoardFilterForm,
    DecomposeForm,
    ExtensionForm,
    FollowUpForm,
    ImportForm,
    ItemForm,
    MilestoneForm,
    PlanForm,
    ReasonForm,
    ReportForm,
    ReviewForm,
    SummonsForm,
)
from .models import (
    Evidence,
    ExtensionRequest,
    Item,
    Milestone,
    ProgressReport,
    Summons,
    flag_counts_by_unit,
    flag_q,
    flags_for,
    on_time_rates,
    rate,
    unit_flag,
    worst_below,
)

PAGE_SIZE = 50


def _today():
    return timezone.localdate()


def _errors(exc: ValidationError) -> str:
    return "；".join(exc.messages)


# --- To-do ----------------------------------------------------------------------------------

def todo_querysets(user):
    """(to sign, to report, to review) for the user."""
    mine = perms.visible_to(user)
    heads = [p for r, p, _k in perms._memberships(user) if r == Role.UNIT_HEAD]
    acting = Q(owner=user)
    for p in heads:
        acting |= Q(lead_unit__path__startswith=p, owner__isnull=True)
    to_sign = mine.filter(acting, state=State.ISSUED)
    to_report = mine.filter(acting, state__in=(State.SIGNED, State.IN_PROGRESS))
    review_q = Q(issuer=user)
    if user.has_role(Role.OFFICE, Role.SUPERVISOR):
        review_q |= perms.unit_scope_q(user, "lead_unit")
    to_review = mine.filter(review_q, state=State.REPORTED).exclude(owner=user)
    reports = (ProgressReport.objects.filter(state=ReportState.SUBMITTED, is_final=False,
                                             item__in=mine.filter(review_q).exclude(owner=user)
                                             .values("pk")))
    return to_sign, to_report, to_review, reports


@login_required
def todo(request):
    today, cal = _today(), load_calendar()
    to_sign, to_report, to_review, reports = todo_querysets(request.user)
    sections = []
    for key, title, qs in [("sign", _("To sign for"), to_sign),
                           ("report", _("To report on"), to_report),
                           ("review", _("To verify"), to_review)]:
        rows = list(qs.for_list().order_by("deadline", "id")[:PAGE_SIZE])
        flags = flags_for(rows, today, cal)
        sections.append((key, title, [(i, flags[i.pk]) for i in rows]))
    report_rows = list(reports.select_related("item", "author").order_by("submitted_at")[:50])
    pending_ext = list(ExtensionRequest.objects.filter(
        state="pending", item__in=perms.visible_to(request.user).filter(issuer=request.user)
        .values("pk")).select_related("item", "requested_by")[:50])
    return render(request, "assignments/todo.html", {
        "sections": sections, "reports": report_rows, "extensions": pending_ext,
        "today": today})


# --- Office board ---------------------------------------------------------------------------

def board_queryset(request):
    form = BoardFilterForm(request.GET or None, user=request.user)
    qs = perms.visible_to(request.user)
    today, cal = _today(), load_calendar()
    if form.is_valid():
        d = form.cleaned_data
        if d["q"]:
            qs = qs.filter(title__icontains=d["q"])
        if d["flag"]:
            qs = qs.filter(flag_q(d["flag"], today, cal))
        if d["state"]:
            qs = qs.filter(state=d["state"])
        if d["unit"]:
            qs = qs.filter(lead_unit__path__startswith=d["unit"].path)
        if d["leader"]:
            qs = qs.filter(responsible_leader=d["leader"])
        if d["source"]:
            qs = qs.filter(source=d["source"])
        if d["category"]:
            qs = qs.filter(category=d["category"])
        if d["due_from"]:
            qs = qs.filter(deadline__gte=d["due_from"])
        if d["due_to"]:
            qs = qs.filter(deadline__lte=d["due_to"])
        if d["top"]:
            qs = qs.filter(parent__isnull=True)
    return form, qs


@login_required
def board(request):
    if not perms.can_see_board(request.user):
        raise PermissionDenied
    form, qs = board_queryset(request)
    today, cal = _today(), load_calendar()
    live = Case(When(state__in=ACTIVE_STATES, then=Value(0)), default=Value(1))
    page = Paginator(qs.for_list().order_by(live, "deadline", "id"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = list(page)
    flags = flags_for(rows, today, cal)
    below = worst_below(rows, today, cal)
    parts = dict(Item.objects.filter(parent__in=rows).values("parent").annotate(n=Count("pk"))
                 .values_list("parent", "n"))
    return render(request, "assignments/board.html", {
        "form": form, "page": page, "today": today,
        "rows": [(i, flags[i.pk], below[i.pk], parts.get(i.pk, 0)) for i in rows],
        "can_issue": perms.can_issue(request.user),
        "query": request.GET.urlencode()})


@login_required
def board_export(request):
    if not perms.can_see_board(request.user):
        raise PermissionDenied
    _form, qs = board_queryset(request)
    rows = ledger.export_rows(qs.order_by("lead_unit__path", "deadline", "id")[:20000],
                              _today(), load_calendar())
    return xlsx_response("督办台账.xlsx", build_workbook([("督办台账", ledger.EXPORT_HEADERS,
                                                             rows)]))


@login_required
@require_POST
def board_remind(request):
    if not perms.can_issue(request.user):
        raise PermissionDenied
    ids = [int(i) for i in request.POST.getlist("items") if i.isdigit()]
    items = list(perms.visible_to(request.user).filter(pk__in=ids)
                 .select_related("owner", "lead_unit"))
    n = actions.nudge(items, actor=request.user, now=timezone.now())
    messages.success(request, _("Reminder sent to %(n)s person(s).") % {"n": n})
    return redirect(request.POST.get("next") or "assignments:board")


# --- Items ----------------------------------------------------------------------------------

@login_required
def item_create(request):
    if not perms.can_issue(request.user):
        raise PermissionDenied
    form = ItemForm(request.POST or None, user=request.user,
                    initial={"responsible_leader": request.user
                             if request.user.has_role(Role.LEADER) else None})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        co = data.pop("co_units", [])
        try:
            item = actions.create_item(actor=request.user, now=timezone.now(), co_units=co,
                                       **data)
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Item issued."))
            return redirect(item)
    return render(request, "assignments/item_form.html", {"form": form, "item": None})


def _attach(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for f, errs in exc.error_dict.items():
            form.add_error(f if f in form.fields else None, errs)
    else:
        form.add_error(None, exc)


@login_required
def item_edit(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not perms.manages(request.user, item):
        raise PermissionDenied
    form = ItemForm(request.POST or None, instance=Item.objects.get(pk=item.pk),
                    user=request.user, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k in actions.EDITABLE}
        try:
            actions.edit_item(item, actor=request.user, now=timezone.now(),
                              version=form.cleaned_data["version"] or 0, values=values)
        except actions.Conflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Item saved."))
            return redirect(item)
    return render(request, "assignments/item_form.html", {"form": form, "item": item})


ACTION_LABELS = {
    "item.issue": gettext_lazy("issued"),
    "item.edit": gettext_lazy("edited"),
    "item.decompose": gettext_lazy("decomposed into parts"),
    "item.plan": gettext_lazy("scheduled milestones"),
    "item.milestone": gettext_lazy("changed a milestone"),
    "item.report": gettext_lazy("reported progress"),
    "item.report_accept": gettext_lazy("accepted a report"),
    "item.report_return": gettext_lazy("returned a report"),
    "item.extension_request": gettext_lazy("requested an extension"),
    "item.extension_approve": gettext_lazy("approved the extension"),
    "item.extension_refuse": gettext_lazy("refused the extension"),
    "item.nudge": gettext_lazy("reminded"),
    **{f"item.{v.value}": v.label for v in Verb},
}

VERB_BUTTONS = [Verb.SIGN, Verb.START, Verb.VERIFY, Verb.RETURN, Verb.CLOSE, Verb.SUSPEND,
                Verb.RESUME, Verb.CANCEL]


@login_required
def item_detail(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    user, today, cal = request.user, _today(), load_calendar()
    verbs = [(v, Verb(v).label, v in NEEDS_REASON) for v in VERB_BUTTONS
             if (item.state, v) in ALLOWED
             and perms.may(user, item, v)]
    parts = list(item.parts.select_related("lead_unit", "owner").order_by("lead_unit__path"))
    part_flags = worst_below(parts, today, cal)
    reports = list(item.reports.select_related("author", "reviewer")
                   .prefetch_related("evidence")[:30])
    timeline = [(e, ACTION_LABELS.get(e.action, e.action)) for e in AuditEvent.objects.filter(
        object_type="assignments.item", object_id=str(item.pk)).order_by("-at", "-id")[:100]]
    ancestors = []
    p = item.parent
    while p is not None and len(ancestors) < 5:
        ancestors.insert(0, p)
        p = p.parent
    return render(request, "assignments/item_detail.html", {
        "item": item, "today": today, "flag": item.flag(today, cal),
        "flag_below": item.flag_below(today, cal), "expected": item.expected_progress(today),
        "missed": item.missed_reports(today), "verbs": verbs, "ancestors": ancestors,
        "parts": [(p, part_flags[p.pk]) for p in parts], "reports": reports,
        "co_units": list(item.co_units.all()),
        "milestones": list(item.milestones.all()), "timeline": timeline,
        "extensions": list(item.extensions.select_related("requested_by")[:10]),
        "acts": perms.acts_for(user, item), "manages": perms.manages(user, item),
        "reviews": perms.reviews(user, item),
        "can_decompose": perms.can_decompose(user, item),
        "report_form": ReportForm(), "extension_form": ExtensionForm(),
        "plan_form": PlanForm(), "review_form": ReviewForm(),
    })


@login_required
@require_POST
def item_act(request, pk, verb):
    item = perms.get_item_for_user(request.user, pk)
    if verb not in Verb.values:
        raise Http404
    if not perms.may(request.user, item, verb):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        actions.transition(item, verb, actor=request.user, now=timezone.now(),
                           reason=form.cleaned_data.get("reason", ""),
                           version=form.cleaned_data.get("version") or item.version)
    except actions.Conflict as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Done: %(verb)s.") % {"verb": Verb(verb).label})
    return redirect(item)


@login_required
def decompose(request, pk):
    """Two steps: choose units and people; then set each part's owner and deadline."""
    item = perms.get_item_for_user(request.user, pk)
    if not perms.can_decompose(request.user, item):
        raise PermissionDenied
    if request.method == "POST" and "row_unit" in request.POST:
        return _decompose_confirm(request, item)
    form = DecomposeForm(request.POST or None, user=request.user, item=item)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        units = list(d["units"])
        if d["all_counties"]:
            from orgs.choices import UnitKind

            units += list(perms.issuable_units(request.user).filter(
                kind=UnitKind.COUNTY_BUREAU).exclude(pk__in=[item.lead_unit_id]
                                                      + [u.pk for u in units]))
        heads = actions.unit_heads([u.pk for u in units])
        rows = [(u, (heads.get(u.pk) or [None])[0], f"{item.title}（{u.name}）") for u in units]
        rows += [(p.unit, p, f"{item.title}（{p.name}）") for p in d["people"]]
        if not rows:
            form.add_error(None, _("Choose at least one unit or person."))
        else:
            return _decompose_rows(request, item, rows, d["deadline"])
    return render(request, "assignments/decompose.html", {"form": form, "item": item})


def _decompose_rows(request, item, rows, deadline, error=None):
    """Step two: one line per part, with its owner (people of that unit) and its deadline."""
    people = {}
    for p in (Person.objects.filter(perms.unit_scope_q(request.user, "unit"))
              .filter(unit__in=[u for u, _o, _t in rows]).order_by("name")):
        people.setdefault(p.unit_id, []).append(p)
    lines = [{"unit": u, "owner": o, "title": t, "deadline": deadline,
              "people": people.get(u.pk, [])} for u, o, t in rows]
    return render(request, "assignments/decompose_parts.html",
                  {"item": item, "lines": lines, "error": error})


def _decompose_confirm(request, item):
    units = request.POST.getlist("row_unit")
    owners = request.POST.getlist("row_owner")
    deadlines = request.POST.getlist("row_deadline")
    titles = request.POST.getlist("row_title")
    if not (len(units) == len(owners) == len(deadlines) == len(titles)):
        raise PermissionDenied
    by_pk = perms.issuable_units(request.user).in_bulk([int(u) for u in units if u.isdigit()])
    owner_objs = Person.objects.select_related("unit").in_bulk(
        [int(o) for o in owners if o.isdigit()])
    parts, rows, error = [], [], None
    for u, o, d, t in zip(units, owners, deadlines, titles, strict=True):
        unit = by_pk.get(int(u)) if u.isdigit() else None
        if unit is None:
            raise Http404
        owner = owner_objs.get(int(o)) if o.isdigit() else None
        try:
            due = date.fromisoformat(d)
        except ValueError:
            due, error = None, _("Give every part a deadline.")
        parts.append(actions.Part(unit=unit, owner=owner, deadline=due, title=t.strip()[:300]))
        rows.append((unit, owner, t))
    if error is None:
        try:
            created = actions.decompose(item, parts, actor=request.user, now=timezone.now())
        except ValidationError as exc:
            error = _errors(exc)
        else:
            messages.success(request, _("%(n)s part(s) issued.") % {"n": len(created)})
            return redirect(item)
    return _decompose_rows(request, item, rows, item.deadline, error)


@login_required
@require_POST
def plan(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not (perms.manages(request.user, item) or perms.acts_for(request.user, item)):
        raise PermissionDenied
    form = PlanForm(request.POST)
    if form.is_valid():
        actions.plan_milestones(item, form.cleaned_data["steps"], actor=request.user,
                                now=timezone.now())
        messages.success(request, _("Milestones scheduled back from the deadline."))
    else:
        messages.error(request, "；".join(e for errs in form.errors.values() for e in errs))
    return redirect(item)


@login_required
@require_POST
def milestone_edit(request, pk):
    ms = get_object_or_404(Milestone, pk=pk)
    item = perms.get_item_for_user(request.user, ms.item_id)
    if not (perms.manages(request.user, item) or perms.acts_for(request.user, item)):
        raise PermissionDenied
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            actions.edit_milestone(ms, actor=request.user, now=timezone.now(),
                                   **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _errors(exc))
    else:
        messages.error(request, _("Give the step a name and a date."))
    return redirect(item)


@login_required
def report(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not perms.acts_for(request.user, item):
        raise PermissionDenied
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            actions.submit_report(item, actor=request.user, now=timezone.now(), text=d["text"],
                                  percent=d["percent"], metric_value=d["metric_value"],
                                  files=d["files"], final=d["final"],
                                  client_token=d["client_token"])
        except actions.Conflict as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _attach(form, exc)
        else:
            messages.success(request, _("Report submitted."))
            return redirect(item)
    return render(request, "assignments/report_form.html", {"form": form, "item": item})


@login_required
@require_POST
def review(request, pk):
    rep = get_object_or_404(ProgressReport, pk=pk)
    item = perms.get_item_for_user(request.user, rep.item_id)
    rep.item = item
    if not perms.reviews(request.user, item):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        actions.review_report(rep, actor=request.user, now=timezone.now(),
                              accept=request.POST.get("decision") == "accept",
                              comment=form.cleaned_data.get("comment", ""))
    except (actions.Conflict, ValidationError) as exc:
        messages.error(request, str(exc) if isinstance(exc, actions.Conflict) else _errors(exc))
    else:
        messages.success(request, _("Review saved."))
    return redirect(item)


@login_required
def evidence(request, pk):
    """An evidence file, for those who see its item; sent as a download, never inline."""
    ev = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    perms.get_item_for_user(request.user, ev.report.item_id)
    return FileResponse(ev.file.open("rb"), as_attachment=True, filename=ev.original_name)


@login_required
@require_POST
def extension_request(request, pk):
    item = perms.get_item_for_user(request.user, pk)
    if not perms.acts_for(request.user, item):
        raise PermissionDenied
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid new deadline."))
        return redirect(item)
    try:
        actions.request_extension(item, actor=request.user, now=timezone.now(),
                                  **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        messages.success(request, _("Extension requested."))
    return redirect(item)


@login_required
@require_POST
def extension_decide(request, pk):
    ext = get_object_or_404(ExtensionRequest, pk=pk)
    item = perms.get_item_for_user(request.user, ext.item_id)
    ext.item = item
    if not perms.manages(request.user, item):
        raise PermissionDenied
    try:
        actions.decide_extension(ext, actor=request.user, now=timezone.now(),
                                 approve=request.POST.get("decision") == "approve",
                                 note=request.POST.get("note", "")[:1000])
    except (actions.Conflict, ValidationError) as exc:
        messages.error(request, str(exc) if isinstance(exc, actions.Conflict) else _errors(exc))
    else:
        messages.success(request, _("Decision saved."))
    return redirect(item)


# --- Dashboards -----------------------------------------------------------------------------

def _chart_flags(rows):
    """An ECharts option: stacked bars of flags by unit. rows: [(name, counts)]."""
    names = [n for n, _c in rows]
    series = []
    for key, label, colour in [("red", _("Red"), "#cf222e"), ("yellow", _("Yellow"), "#bf8700"),
                               ("green", _("Green"), "#1a7f37")]:
        series.append({"name": label, "type": "bar", "stack": "f", "color": colour,
                       "data": [(c or {}).get(key, 0) for _n, c in rows]})
    return json.dumps({"tooltip": {"trigger": "axis"}, "legend": {},
                       "grid": {"left": 40, "right": 10, "bottom": 80},
                       "xAxis": {"type": "category", "data": names,
                                 "axisLabel": {"rotate": 30, "interval": 0}},
                       "yAxis": {"type": "value"}, "series": series}, ensure_ascii=False)


def _chart_completion(items, today):
    """Items finished per week over the last 12 weeks, against items due."""
    start = dispatch.week_of(today) - timedelta(weeks=11)
    done = dict(items.filter(finished_on__gte=start).values_list("finished_on")
                 .annotate(n=Count("pk")).order_by())
    due = dict(items.filter(deadline__gte=start, deadline__lte=today)
                .values_list("deadline").annotate(n=Count("pk")).order_by())
    weeks = [start + timedelta(weeks=i) for i in range(12)]

    def per_week(counts):
        out = [0] * 12
        for d, n in counts.items():
            i = (d - start).days // 7
            if 0 <= i < 12:
                out[i] += n
        return out

    return json.dumps({"tooltip": {"trigger": "axis"}, "legend": {},
                       "xAxis": {"type": "category",
                                 "data": [f"{w.month}/{w.day}" for w in weeks]},
                       "yAxis": {"type": "value"},
                       "series": [{"name": _("Finished"), "type": "line",
                                   "data": per_week(done)},
                                  {"name": _("Falling due"), "type": "bar",
                                   "data": per_week(due)}]}, ensure_ascii=False)


def _unit_rows(user, units, items, today, cal):
    """[(unit, counts, flag, on-time rate)] for child units, two grouped queries."""
    out = []
    by_depth: dict[int, list[Unit]] = {}
    for u in units:
        by_depth.setdefault(u.depth, []).append(u)
    counts, rates = {}, {}
    for depth in by_depth:
        counts.update(flag_counts_by_unit(items, depth, today, cal))
        rates.update(on_time_rates(items, depth, today))
    for u in units:
        c = counts.get(u.path)
        out.append((u, c or {"red": 0, "yellow": 0, "green": 0, "total": 0}, unit_flag(c),
                    rate(rates.get(u.path, (0, 0)))))
    return out


@login_required
def unit_dashboard(request, pk):
    unit = _visible_unit(request.user, pk)
    today, cal = _today(), load_calendar()
    items = perms.visible_to(request.user).filter(lead_unit__path__startswith=unit.path)
    children = list(perms.issuable_units(request.user).filter(
        path__startswith=unit.path, depth=unit.depth + 1).order_by("path"))
    rows = _unit_rows(request.user, children, items, today, cal)
    own = _unit_rows(request.user, [unit], items, today, cal)[0]
    red = list(items.filter(flag_q("red", today, cal)).for_list().order_by("deadline")[:20])
    return render(request, "assignments/unit_dashboard.html", {
        "unit": unit, "rows": rows, "own": own, "red": red, "today": today,
        "flags_chart": _chart_flags([(u.short_name or u.name, c) for u, c, _f, _r in rows]),
        "completion_chart": _chart_completion(items, today)})


def _visible_unit(user, pk):
    """A unit the user sees for supervision work (orgs' scope plus the office's bureau)."""
    try:
        return perms.issuable_units(user).get(pk=pk)
    except (Unit.DoesNotExist, ValueError):
        raise Http404 from None


@login_required
def leader_dashboard(request):
    if not request.user.has_role(Role.LEADER, Role.SUPERVISOR):
        raise PermissionDenied
    today, cal = _today(), load_calendar()
    regions = list(Region.objects.filter(person=request.user).select_related("unit")
                   .order_by("unit__path"))
    units = [r.unit for r in regions]
    if len(units) == 1:  # one region: show the units just under it
        units = list(Unit.objects.filter(path__startswith=units[0].path,
                                         depth=units[0].depth + 1).order_by("path")) or units
    items = perms.visible_to(request.user)
    rows = _unit_rows(request.user, units, items, today, cal)
    mine = items.filter(responsible_leader=request.user)
    red = list(items.filter(flag_q("red", today, cal)).for_list().order_by("deadline")[:20])
    return render(request, "assignments/leader_dashboard.html", {
        "regions": regions, "rows": rows, "red": red, "today": today,
        "lead_count": mine.filter(state__in=ACTIVE_STATES).count(),
        "kinds": dict(RegionKind.choices),
        "flags_chart": _chart_flags([(u.short_name or u.name, c) for u, c, _f, _r in rows]),
        "completion_chart": _chart_completion(items, today)})


# --- Weekly dispatch ------------------------------------------------------------------------

def _week(request) -> date:
    try:
        d = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        d = _today()
    return dispatch.week_of(d)


def _dispatch_rows(request, monday):
    if not perms.can_see_board(request.user):
        raise PermissionDenied
    return dispatch.build(perms.visible_to(request.user), monday, _today())


@login_required
def weekly(request):
    monday = _week(request)
    rows = _dispatch_rows(request, monday)
    return render(request, "assignments/weekly.html", {
        "rows": rows, "monday": monday, "title": dispatch.title_for(monday),
        "prev": monday - timedelta(weeks=1), "next": monday + timedelta(weeks=1),
        "week_end": monday + timedelta(days=6)})


@login_required
def weekly_xlsx(request):
    monday = _week(request)
    rows = _dispatch_rows(request, monday)
    return xlsx_response(f"周调度-{monday.isoformat()}.xlsx", dispatch.xlsx(rows, monday))


@login_required
def weekly_docx(request):
    monday = _week(request)
    rows = _dispatch_rows(request, monday)
    from urllib.parse import quote

    response = HttpResponse(dispatch.docx(rows, monday), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{quote(f'周调度-{monday.isoformat()}.docx')}")
    return response


# --- Excel import ---------------------------------------------------------------------------

@login_required
def import_ledger(request):
    if not perms.can_issue(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "headers": ledger.HEADERS}
    if request.method == "POST" and form.is_valid():
        try:
            wb = open_workbook(form.cleaned_data["file"])
            plan_ = ledger.plan_import(wb, actor=request.user, today=_today())
        except SpreadsheetError as exc:
            form.add_error("file", str(exc))
        else:
            if plan_.ok:
                try:
                    created = ledger.apply_import(plan_, actor=request.user, now=timezone.now())
                except ValidationError as exc:
                    form.add_error(None, _errors(exc))
                else:
                    messages.success(request, _("%(n)s item(s) imported.") % {"n": len(created)})
                    return redirect("assignments:board")
            else:
                context["errors"] = plan_.errors
                messages.error(request, _("Nothing was saved: %(n)s problem(s) found. Fix them "
                                          "in the file and upload it again.")
                               % {"n": len(plan_.errors)})
    return render(request, "assignments/import.html", context)


@login_required
def import_template(request):
    if not perms.can_issue(request.user):
        raise PermissionDenied
    sample = [[1, "新建幼儿园8所", "示范市教育局基础教育科", "", "", "", "2026-08-31", ""]]
    return xlsx_response("督办台账导入模板.xlsx",
                         build_workbook([("督办台账", ledger.HEADERS, sample)]))


# --- Summons (约谈) -------------------------------------------------------------------------

def _may_summon(user):
    return user.has_role(Role.OFFICE, Role.LEADER, Role.DISCIPLINE)


@login_required
def summons_list(request):
    if not perms.can_see_board(request.user):
        raise PermissionDenied
    today, cal = _today(), load_calendar()
    form = SummonsForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if not _may_summon(request.user):
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            red_items = list(perms.visible_to(request.user).filter(
                flag_q("red", today, cal), lead_unit__path__startswith=d["unit"].path)[:50])
            try:
                actions.summon(d["unit"], actor=request.user, now=timezone.now(),
                               reason=d["reason"], date=d["date"], items=red_items)
            except ValidationError as exc:
                _attach(form, exc)
            else:
                messages.success(request, _("Summons recorded."))
                return redirect("assignments:summons")
    summonses = (Summons.objects.filter(perms.unit_scope_q(request.user, "unit"))
                 .select_related("unit", "created_by").annotate(n=Count("items"))[:100])
    # Units red at the end of several of the last weeks: candidates for a talk.
    candidates = summons.candidates(perms.visible_to(request.user), today, cal)
    return render(request, "assignments/summons.html", {
        "form": form, "summonses": summonses, "candidates": candidates,
        "weeks": summons.SUMMONS_WEEKS, "red_weeks": summons.SUMMONS_RED_WEEKS,
        "may_summon": _may_summon(request.user), "follow_form": FollowUpForm()})


@login_required
@require_POST
def summons_follow_up(request, pk):
    s = get_object_or_404(Summons.objects.filter(perms.unit_scope_q(request.user, "unit")), pk=pk)
    if not _may_summon(request.user):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if form.is_valid():
        actions.follow_up_summons(s, actor=request.user, now=timezone.now(),
                                  **form.cleaned_data)
        messages.success(request, _("Follow-up saved."))
    return redirect("assignments:summons")

