"""Kinds of units, party organisations and roles, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CITY_BUREAU = "city_bureau", _("City education bureau")
    COUNTY_BUREAU = "county_bureau", _("County/district education bureau")
    DEPARTMENT = "department", _("Bureau department")
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    COLLEGE = "college", _("College")
    OTHER = "other", _("Other unit")


class PartyOrgKind(models.TextChoices):
    COMMITTEE = "committee", _("Party committee (党委)")
    GENERAL_BRANCH = "general_branch", _("General Party branch (党总支)")
    BRANCH = "branch", _("Party branch (党支部)")


class Role(models.TextChoices):
    LEADER = "leader", _("Bureau leader")
    DEPT_HEAD = "dept_head", _("Department head")
    UNIT_HEAD = "unit_head", _("Unit head")
    OFFICE = "office", _("Supervision office")
    BRANCH_SECRETARY = "branch_secretary", _("Party branch secretary")
    STAFF = "staff", _("Staff")
    MEMBER = "member", _("Party member")
    SUPERVISOR = "supervisor", _("Supervisor")
    DISCIPLINE = "discipline", _("Discipline inspector")
    OBSERVER = "observer", _("Outside observer")
    EVALUATOR = "evaluator", _("Evaluator")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


# Roles that see the whole subtree of the unit they hold the role in.
SUBTREE_ROLES = {Role.UNIT_HEAD, Role.OFFICE, Role.ADMIN, Role.AUDITOR, Role.DEPT_HEAD}
# Roles whose visibility comes from their assigned regions (领导包片 / supervised units).
REGION_ROLES = {Role.LEADER, Role.SUPERVISOR, Role.DISCIPLINE}


class RegionKind(models.TextChoices):
    LEAD = "lead", _("Leader's region (包片)")
    SUPERVISE = "supervise", _("Supervised units")


REELECTION_WARNING_DAYS = 90
