from .navigation import entries_for


def layout(request):
    """What the base layout needs on every page: navigation, unread count, unit switcher."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from inbox.models import unread_count
    from orgs.models import Membership

    memberships = list(
        Membership.objects.filter(person=user).select_related("unit").order_by("unit__path")
    )
    if not hasattr(user, "_role_cache"):  # Person.role_set() then needs no query of its own
        user._role_cache = {m.role for m in memberships}
    units = {m.unit_id: m.unit for m in memberships}
    active_id = request.session.get("active_unit_id")
    active = units.get(active_id) or (memberships[0].unit if memberships else None)
    current = request.resolver_match.view_name if request.resolver_match else ""
    return {
        "nav": [(label, url, name == current) for label, url, name in entries_for(user)],
        "unread_count": unread_count(user),
        "switch_units": list(units.values()),
        "active_unit": active,
    }
