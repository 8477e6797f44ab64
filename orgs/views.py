"""Pages of the organisation: unit tree, units, people, import and export."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from duban.spreadsheets import SpreadsheetError, build_workbook, open_workbook, xlsx_response

from . import actions, importing
from .choices import Role
from .forms import ImportForm, PeopleFilterForm, UnitFilterForm
from .models import Membership, PartyOrg, Person, Region, Unit
from .permissions import (
    can_administer,
    get_person_for_user,
    get_unit_for_user,
    scope,
    sees_unit,
    unit_q,
    visible_people,
    visible_units,
)

PAGE_SIZE = 50


@login_required
def tree(request):
    """The visible part of the tree: each scope root with its children; deeper levels on demand."""
    form = UnitFilterForm(request.GET or None)
    units = visible_units(request.user)
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["kind"]):
        if form.cleaned_data["q"]:
            units = units.filter(name__icontains=form.cleaned_data["q"])
        if form.cleaned_data["kind"]:
            units = units.filter(kind=form.cleaned_data["kind"])
        page = Paginator(units.order_by("path"), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "orgs/unit_search.html", {"form": form, "page": page})
    paths, singles = scope(request.user)
    roots = list(Unit.objects.filter(Q(path__in=paths) | Q(pk__in=singles)).order_by("path"))
    roots = [r for r in roots if not any(r.path.startswith(p) and r.path != p for p in paths)]
    children = _children_of(request.user, [r for r in roots if r.path in paths])
    return render(request, "orgs/tree.html", {"form": form, "roots": roots, "children": children})


def _children_of(user, parents):
    """{parent path: [child units]} for parents whose subtree the user sees."""
    if not parents:
        return {}
    q = Q()
    for p in parents:
        q |= Q(path__startswith=p.path, depth=p.depth + 1)
    out: dict[str, list[Unit]] = {p.path: [] for p in parents}
    for child in Unit.objects.filter(q).filter(unit_q(user)).order_by("path"):
        out[child.parent_path].append(child)
    return out


@login_required
def unit_children(request, pk):
    unit = get_unit_for_user(request.user, pk)
    kids = _children_of(request.user, [unit]).get(unit.path, [])
    return render(request, "orgs/_children.html", {"units": kids})


@login_required
def unit_detail(request, pk):
    unit = get_unit_for_user(request.user, pk)
    ancestors = [a for a in unit.ancestors() if sees_unit(request.user, a)]
    children = (visible_units(request.user).filter(path__startswith=unit.path,
                                                   depth=unit.depth + 1).order_by("path"))
    people = (Person.objects.filter(unit=unit).order_by("name")
              .prefetch_related("memberships"))
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    party_org = PartyOrg.objects.filter(unit=unit).select_related("secretary").first()
    today = timezone.localdate()
    return render(request, "orgs/unit_detail.html", {
        "unit": unit, "ancestors": ancestors, "children": children, "page": page,
        "party_org": party_org,
        "reelection_due": party_org.reelection_due(today) if party_org else False,
        "days_left": party_org.days_left(today) if party_org else None,
        "subtree_size": unit.subtree().count(),
        "can_admin": can_administer(request.user),
    })


@login_required
def people(request):
    form = PeopleFilterForm(request.GET or None)
    qs = visible_people(request.user).select_related("unit")
    if form.is_valid():
        q = form.cleaned_data["q"]
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(phone__startswith=q) | Q(staff_no=q))
        if form.cleaned_data["role"]:
            qs = qs.filter(memberships__role=form.cleaned_data["role"]).distinct()
        if form.cleaned_data["unit"]:
            unit = get_unit_for_user(request.user, form.cleaned_data["unit"])
            qs = qs.filter(unit__path__startswith=unit.path)
    page = Paginator(qs.order_by("name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    roles = {}
    for pid, role in Membership.objects.filter(person__in=[p.pk for p in page]).values_list(
            "person_id", "role"):
        roles.setdefault(pid, []).append(role)
    rows = [(p, [Role(r).label for r in roles.get(p.pk, [])]) for p in page]
    return render(request, "orgs/people.html", {"form": form, "page": page, "rows": rows,
                                                "can_admin": can_administer(request.user)})


@login_required
def person_detail(request, pk):
    person = get_person_for_user(request.user, pk)
    memberships = person.memberships.select_related("unit").order_by("unit__path")
    regions = Region.objects.filter(person=person).select_related("unit")
    return render(request, "orgs/person_detail.html", {
        "person": person, "memberships": memberships, "regions": regions,
        "can_admin": can_administer(request.user) and person.pk != request.user.pk,
    })


@login_required
@require_POST
def reset_password(request, pk):
    if not can_administer(request.user):
        raise PermissionDenied
    person = get_person_for_user(request.user, pk)
    temporary = f"Db{secrets.token_urlsafe(9)}#7"
    actions.change_password(person, temporary, actor=request.user)
    messages.success(request, _("Temporary password for %(name)s: %(pw)s — it is shown only "
                                "once; they must change it when they log in.")
                     % {"name": person.name, "pw": temporary})
    return redirect("orgs:person", pk=person.pk)


@login_required
@require_POST
def unlock(request, pk):
    if not can_administer(request.user):
        raise PermissionDenied
    person = get_person_for_user(request.user, pk)
    actions.unlock(person, actor=request.user)
    messages.success(request, _("%(name)s can log in again.") % {"name": person.name})
    return redirect("orgs:person", pk=person.pk)


@login_required
def import_people(request):
    if not can_administer(request.user):
        raise PermissionDenied
    context = {"form": ImportForm()}
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            try:
                wb = open_workbook(form.cleaned_data["file"])
                plan = importing.plan_import(wb, actor=request.user)
            except SpreadsheetError as exc:
                form.add_error("file", str(exc))
            else:
                if plan.ok:
                    counts = importing.apply_import(plan, actor=request.user)
                    context["counts"] = counts
                    messages.success(request, _("Import finished: nothing was wrong in the file."))
                else:
                    context["errors"] = plan.errors
                    messages.error(request, _("Nothing was saved: %(n)s row problem(s) found. Fix "
                                              "them in the file and upload it again.")
                                   % {"n": len(plan.errors)})
    return render(request, "orgs/import.html", context)


@login_required
def import_template(request):
    if not can_administer(request.user):
        raise PermissionDenied
    return xlsx_response("单位与人员导入模板.xlsx", build_workbook(importing.template_rows()))


@login_required
def export(request):
    units = visible_units(request.user).order_by("path")
    people = visible_people(request.user).select_related("unit").order_by("unit__path", "name")
    return xlsx_response("单位与人员.xlsx", build_workbook(importing.export_rows(units, people)))
