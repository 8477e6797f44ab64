"""Pages of the whole product: home, login and password, unit switcher, search."""

from datetime import date
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from audit.actions import write_generation
from orgs import actions as org_actions
from orgs.forms import LoginForm
from orgs.models import Membership, PartyOrg
from orgs.permissions import unit_q, visible_people, visible_units

from .pagecache import FRESH_FROM

# Apps that put a card on the home page provide `dashboard.cards(request) -> [(template, ctx)]`.
DASHBOARD_APPS = ["assignments", "rectification"]
# Apps whose records the header search finds provide `search.results(user, q) -> [(text, url)]`.
SEARCH_APPS = [("assignments", gettext_lazy("Supervision items")),
               ("rectification", gettext_lazy("Rectification items"))]


def today() -> date:
    return timezone.localdate()


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        if request.GET.get("next") and not request.user.is_authenticated:
            messages.info(request, _("Log in to continue. If your session ended (30 minutes "
                                     "without activity), nothing you saved before is lost."))
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        person = form.get_user()
        login(self.request, person)
        org_actions.login_succeeded(person)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            max_failures=settings.LOGIN_MAX_FAILURES,
            lock_minutes=settings.LOGIN_LOCKOUT_MINUTES,
            **kwargs,
        )


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        org_actions.logged_out(request.user)
    logout(request)
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        org_actions.change_password(self.request.user, form.cleaned_data["new_password1"],
                                    actor=self.request.user)
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect("home")


@login_required
def home(request):
    units = visible_units(request.user)
    due = (
        PartyOrg.objects.filter(unit_q(request.user, "unit"))
        .filter(term_end__lte=today().replace(year=today().year + 1))
        .select_related("unit")
        .order_by("term_end")
    )
    due = [(org, org.days_left(today())) for org in due[:50] if org.reelection_due(today())][:10]
    cards = []
    for app in DASHBOARD_APPS:
        cards.extend(_cards(request, app))
    return render(request, "duban/home.html", {
        "unit_count": units.count(),
        "people_count": visible_people(request.user).count(),
        "reelection_due": due,
        "today": today(),
        "cards": cards,
    })


def _cards(request, app):
    """An app's home cards, kept a short while per person: they are counts over whole ledgers,
    the costliest part of the home page, and a minute-old count is fine on a dashboard, but
    never one older than the person's own last write (see duban.pagecache.FRESH_FROM)."""
    seconds = settings.DUBAN_HOME_CARD_SECONDS
    key = f"home-cards:{app}:{request.user.pk}:{request.LANGUAGE_CODE}"
    kept = cache.get(key) if seconds else None
    if kept is not None and kept[0] >= request.session.get(FRESH_FROM, 0):
        return kept[1]
    generation = write_generation() if seconds else 0
    cards = import_module(f"{app}.dashboard").cards(request)
    if seconds:
        cache.set(key, (generation, cards), seconds)
    return cards


@login_required
@require_POST
def switch_unit(request):
    unit_id = request.POST.get("unit", "")
    if unit_id.isdigit() and Membership.objects.filter(person=request.user,
                                                       unit_id=int(unit_id)).exists():
        request.session["active_unit_id"] = int(unit_id)
    return redirect(request.headers.get("Referer") or "home")


@login_required
def search(request):
    q = request.GET.get("q", "").strip()[:50]
    units = people = []
    groups = []
    if q:
        units = visible_units(request.user).filter(name__icontains=q).order_by("path")[:20]
        people = (visible_people(request.user).filter(name__icontains=q)
                  .select_related("unit")[:20])
        groups = [(label, import_module(f"{app}.search").results(request.user, q))
                  for app, label in SEARCH_APPS]
    return render(request, "duban/search.html",
                  {"q": q, "units": units, "people": people, "groups": groups})


def csrf_failure(request, reason=""):
    return render(request, "duban/csrf_failure.html", status=403)
