"""Pages of the rectification ledgers."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from .permissions import get_item_for_user


@login_required
def ledger(request):
    return HttpResponse("")


@login_required
def item_detail(request, pk):
    get_item_for_user(request.user, pk)
    return HttpResponse("")
