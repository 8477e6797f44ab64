"""督办 items in the global search: only those the searcher may see."""

from .permissions import visible_to


def results(user, q: str, limit: int = 20):
    items = visible_to(user).filter(title__icontains=q).order_by("deadline")[:limit]
    return [(item.title, item.get_absolute_url()) for item in items]
