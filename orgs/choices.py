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
SUBTREE_ROLES = {Role.UNIT_HEAD, Role.OFFICE, Role.ADMIN, Role.AUDITOR, Role.DEPT_HEAD,
                 Role.DISCIPLINE}
# Held in a bureau's department (e.g. 督查室 in 办公室), these roles act for the whole bureau.
BUREAU_WIDE_ROLES = {Role.OFFICE, Role.ADMIN, Role.AUDITOR, Role.DISCIPLINE}
# Roles whose visibility comes from their assigned regions (领导包片 / supervised units).
REGION_ROLES = {Role.LEADER, Role.SUPERVISOR, Role.DISCIPLINE}


class RegionKind(models.TextChoices):
    LEAD = "lead", _("Leader's region (包片)")
    SUPERVISE = "supervise", _("Supervised units")


REELECTION_WARNING_DAYS = 90


# The words offices write in spreadsheets. The first word of each entry is the one exports use;
# imports also accept the others, the code and the UI label in any language.
UNIT_KIND_WORDS = {
    UnitKind.CITY_BUREAU: ["市教育局", "市级教育局"],
    UnitKind.COUNTY_BUREAU: ["县区教育局", "区教育局", "县教育局"],
    UnitKind.DEPARTMENT: ["科室", "股室", "局机关科室"],
    UnitKind.SCHOOL: ["学校", "小学", "中学", "初中", "高中", "九年一贯制学校"],
    UnitKind.KINDERGARTEN: ["幼儿园"],
    UnitKind.COLLEGE: ["高校", "学院", "职业院校"],
    UnitKind.OTHER: ["其他"],
}
ROLE_WORDS = {
    Role.LEADER: ["局领导", "局长", "书记", "副局长", "分管领导"],
    Role.DEPT_HEAD: ["科室负责人", "科长", "股长"],
    Role.UNIT_HEAD: ["单位负责人", "校长", "园长", "院长"],
    Role.OFFICE: ["督查室", "督查专干", "办公室"],
    Role.BRANCH_SECRETARY: ["支部书记", "党支部书记"],
    Role.STAFF: ["工作人员", "教师", "职工", "科员"],
    Role.MEMBER: ["党员"],
    Role.SUPERVISOR: ["督导", "督学", "督导组"],
    Role.DISCIPLINE: ["纪检", "纪检监察员"],
    Role.OBSERVER: ["特邀监督员", "人大代表", "家长代表", "媒体"],
    Role.EVALUATOR: ["评估员", "第三方评估"],
    Role.AUDITOR: ["审计员"],
    Role.ADMIN: ["系统管理员", "管理员"],
}
