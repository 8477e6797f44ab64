"""Ledger items in the global search, through the same visibility as the ledger (personal
items stay with the person, their branch secretary and discipline inspectors)."""

from .permissions import visible_to


def results(user, q: str, limit: int = 20):
    items = visible_to(user).filter(problem__icontains=q).order_by("-id")[:limit]
    return [(item.problem[:80], item.get_absolute_url()) for item in items]
