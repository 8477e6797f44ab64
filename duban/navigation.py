"""The main navigation, by role. An entry whose page is not installed is left out."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from orgs.choices import Role

EVERYONE = None
# (label, url name, roles that see it — None for every signed-in person)
ENTRIES = [
    (_("Home"), "home", EVERYONE),
    (_("To-do"), "assignments:todo", EVERYONE),
    (_("Supervision"), "assignments:board",
     {Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.UNIT_HEAD, Role.DEPT_HEAD, Role.ADMIN,
      Role.AUDITOR, Role.DISCIPLINE}),
    (_("Weekly dispatch"), "assignments:weekly",
     {Role.OFFICE, Role.LEADER, Role.SUPERVISOR, Role.UNIT_HEAD, Role.ADMIN}),
    (_("Rectification"), "rectification:ledger", EVERYONE),
    (_("Documents"), "ingestion:list", {Role.OFFICE, Role.LEADER, Role.ADMIN}),
    (_("Organisation"), "orgs:tree", EVERYONE),
    (_("People"), "orgs:people", EVERYONE),
    (_("Audit log"), "audit:list", {Role.AUDITOR, Role.ADMIN}),
    (_("Calendar"), "workdays:calendar", {Role.ADMIN}),
]


def entries_for(user) -> list[tuple[str, str]]:
    out = []
    for label, name, roles in ENTRIES:
        if roles is not None and not user.has_role(*roles):
            continue
        try:
            out.append((label, reverse(name), name))
        except NoReverseMatch:
            continue
    return out
