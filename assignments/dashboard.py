"""The home page card: my to-do counts and the red items I can see."""

from django.utils import timezone

from workdays.models import load as load_calendar

from . import permissions as perms
from .models import flag_q


def cards(request):
    if not request.user.is_authenticated:
        return []
    from .views import todo_querysets

    to_sign, to_report, to_review, reports = todo_querysets(request.user)
    today = timezone.localdate()
    red = perms.visible_to(request.user).filter(flag_q("red", today, load_calendar())).count()
    return [("assignments/card.html", {
        "sign": to_sign.count(), "report": to_report.count(),
        "review": to_review.count() + reports.count(), "red": red,
        "board": perms.can_see_board(request.user)})]
