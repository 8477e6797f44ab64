"""The home page card: my items to rectify, what waits for my review, overdue in my view."""

from django.db.models import Count, Q
from django.utils import timezone

from .choices import OPEN_STATES, State
from .permissions import powers, visible_to


def cards(request):
    user = request.user
    today = timezone.localdate()
    pw = powers(user)
    counts = visible_to(user).aggregate(
        mine=Count("id", filter=Q(owner=user, state__in=OPEN_STATES)),
        overdue=Count("id", filter=Q(state__in=OPEN_STATES, deadline__lt=today)),
        signed=Count("id", filter=Q(state=State.SIGNED_OFF)),
        total=Count("id"),
        review=Count("id", filter=Q(state=State.SIGNOFF_REQUESTED)
                     if pw.head_paths or pw.secretary_units else Q(pk__in=[])),
        signoff=Count("id", filter=Q(state=State.UNIT_HEAD_APPROVED)
                      if pw.office_paths or pw.discipline_paths else Q(pk__in=[])),
    )
    counts["rate"] = round(100 * counts["signed"] / counts["total"], 1) if counts["total"] else 0
    return [("rectification/_card.html", counts)]
