from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from orgs.permissions import can_administer

from . import actions
from .forms import SpecialDayForm
from .models import SpecialDay


@login_required
def calendar(request):
    if not can_administer(request.user):
        raise PermissionDenied
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year
    form = SpecialDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        actions.set_day(d["date"], d["kind"], d["name"], actor=request.user)
        messages.success(request, _("Saved."))
        return redirect(f"{request.path}?year={d['date'].year}")
    days = SpecialDay.objects.filter(date__year=year)
    return render(request, "workdays/calendar.html",
                  {"form": form, "days": days, "year": year, "years": range(year - 1, year + 2)})


@login_required
@require_POST
def remove(request, pk):
    if not can_administer(request.user):
        raise PermissionDenied
    day = get_object_or_404(SpecialDay, pk=pk)
    actions.remove_day(day, actor=request.user)
    messages.success(request, _("Removed."))
    return redirect(f"/calendar/?year={day.date.year}")
