import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from duban.spreadsheets import build_workbook, xlsx_response
from orgs.permissions import can_read_audit

from .forms import AuditFilterForm
from .permissions import visible_to

HEADERS = ["时间", "操作人", "单位", "操作", "对象类型", "对象编号", "对象", "变更", "地址"]


def _filtered(request):
    if not can_read_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    qs = visible_to(request.user).select_related("unit")
    if form.is_valid():
        qs = form.apply(qs)
    return form, qs


@login_required
def event_list(request):
    form, qs = _filtered(request)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {"form": form, "page": page})


@login_required
def export(request):
    form, qs = _filtered(request)
    rows = (
        [timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"), e.actor_name,
         e.unit.name if e.unit else "", e.action, e.object_type, e.object_id, e.object_repr,
         json.dumps(e.changes, ensure_ascii=False), e.ip or ""]
        for e in qs[:100_000]
    )
    return xlsx_response("审计日志.xlsx", build_workbook([("审计日志", HEADERS, rows)]))
