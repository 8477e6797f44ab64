"""Mapping owner phrases as written (各县区教育局, 市教育局各科室, 各学校, 局机关, 分管领导, a named
unit) to units of the organisation tree, each with a confidence between 0 and 1.

The matching itself is plain Python over `UnitRef` rows (`map_owner`, `map_owners`); the
helpers at the end load those rows for a user and a document with one query each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgs.choices import Role, UnitKind

STEP = 4  # treebeard path step of orgs.Unit

# Confidence of each kind of match.
EXACT = 1.0
SHORT_EXACT = 0.95
COLLECTIVE = 0.9
BUREAU = 0.85
CONTAINS_ONE = 0.75
CONTAINS_MANY = 0.5
INSIDE = 0.6
VAGUE_COLLECTIVE = 0.5
MAX_CONTAINS = 5

# Roles: the phrase names a person, not a unit (→ the responsible-leader field).
_ROLE = re.compile(r"^(?:市教育局|局|市局)?(?:分管(?:局)?领导|主要领导|局领导|班子成员|领导班子|分管副局长|"
                   r"副局长|局长|党委书记|党组书记|书记|一把手|主要负责同志|分管负责同志)(?:同志)?$")
_COLLECTIVE_HEAD = re.compile(r"^(?:全市|全县|全区|市教育局|县教育局|区教育局|教育系统|系统|局机关|市局|市|县|区|局)?"
                              r"(?:各|所有|全体|各级各类)")
_COUNTY = re.compile(r"(?:县|区|旗)[^校园]*教育(?:局|行政部门)|县区|区县|县市区")
_DEPARTMENT = re.compile(r"科室|股室|处室|机关")
_KINDERGARTEN = re.compile(r"幼儿园|园所")
_COLLEGE = re.compile(r"高校|高等学校|院校|大学|学院")
_SCHOOL = re.compile(r"学校|中小学|中学|小学|校$|各校")
_ALL_KINDS = re.compile(r"各级各类")
_CITY_BUREAU = {"市教育局", "市局", "本局", "局党委", "局党组", "市教育局党委", "市教育局党组",
                "教育局", "市教育局机关"}
_AGENCY = {"局机关", "机关", "机关各科室", "局机关各科室", "机关各处室"}
_NOISE = re.compile(r"[\s“”\"'（）()]")


@dataclass(frozen=True)
class UnitRef:
    pk: int
    name: str
    short_name: str
    kind: str
    path: str


@dataclass
class OwnerMatch:
    """Units an owner phrase stands for ({pk: confidence}) or the role it names."""

    phrase: str
    units: dict[int, float] = field(default_factory=dict)
    role: str = ""

    def add(self, pks, confidence: float) -> None:
        for pk in pks:
            self.units[pk] = max(confidence, self.units.get(pk, 0.0))


def _clean(phrase: str) -> str:
    return _NOISE.sub("", phrase or "")


def _parent_kind(u: UnitRef, by_path: dict[str, UnitRef]) -> str | None:
    parent = by_path.get(u.path[:-STEP])
    return parent.kind if parent else None


def _collective_kinds(p: str) -> tuple[set[str], float]:
    """The kinds of unit a collective phrase (各…) stands for, and how sure that is."""
    if _ALL_KINDS.search(p) and (_SCHOOL.search(p) or p.endswith("单位")):
        return {UnitKind.SCHOOL, UnitKind.KINDERGARTEN, UnitKind.COLLEGE}, COLLECTIVE
    if _COUNTY.search(p):
        return {UnitKind.COUNTY_BUREAU}, COLLECTIVE
    if _DEPARTMENT.search(p):
        return {UnitKind.DEPARTMENT}, COLLECTIVE
    kinds: set[str] = set()
    if _KINDERGARTEN.search(p):
        kinds.add(UnitKind.KINDERGARTEN)
    if _COLLEGE.search(p):
        kinds.add(UnitKind.COLLEGE)
    if _SCHOOL.search(_COLLEGE.sub("", p)):
        kinds.add(UnitKind.SCHOOL)
    if kinds:
        return kinds, COLLECTIVE
    if p.endswith("单位") or p.endswith("部门"):
        return {UnitKind.COUNTY_BUREAU, UnitKind.DEPARTMENT, UnitKind.SCHOOL,
                UnitKind.KINDERGARTEN, UnitKind.COLLEGE}, VAGUE_COLLECTIVE
    return set(), 0.0


def map_owner(phrase: str, units: list[UnitRef], root_path: str = "") -> OwnerMatch:
    """Map one owner phrase to units under `root_path` (the issuing unit's subtree)."""
    p = _clean(phrase)
    match = OwnerMatch(phrase=phrase)
    if not p:
        return match
    scope = [u for u in units if u.path.startswith(root_path)]
    by_path = {u.path: u for u in units}
    if _ROLE.match(p):
        match.role = p
        return match
    # A named unit, by its full or short name.
    exact = [u.pk for u in scope if u.name == p]
    if exact:
        match.add(exact, EXACT)
        return match
    short = [u.pk for u in scope if u.short_name and u.short_name == p]
    if short:
        match.add(short, SHORT_EXACT)
        return match
    if p in _AGENCY or (p.startswith(("局机关", "机关")) and _DEPARTMENT.search(p)):
        match.add([u.pk for u in scope if u.kind == UnitKind.DEPARTMENT
                   and u.path[:-STEP] == root_path], COLLECTIVE)
        return match
    if p in _CITY_BUREAU:
        match.add([u.pk for u in scope if u.kind == UnitKind.CITY_BUREAU], BUREAU)
        return match
    if _COLLECTIVE_HEAD.match(p):
        kinds, confidence = _collective_kinds(p)
        picked = [u for u in scope if u.kind in kinds]
        if UnitKind.DEPARTMENT in kinds and p.startswith("市"):
            picked = [u for u in picked if _parent_kind(u, by_path) == UnitKind.CITY_BUREAU]
        if picked:
            match.add([u.pk for u in picked], confidence)
            return match
    # A unit whose name contains the phrase (甲区教育局 for 甲区), or the other way round.
    if len(p) >= 2:
        containing = [u.pk for u in scope if p in u.name or (u.short_name and p in u.short_name)]
        if 0 < len(containing) <= MAX_CONTAINS:
            match.add(containing, CONTAINS_ONE if len(containing) == 1 else CONTAINS_MANY)
            return match
        inside = [u for u in scope if len(u.name) >= 2 and u.name in p]
        inside += [u for u in scope if len(u.short_name) >= 2 and u.short_name in p]
        if inside:
            longest = max(len(u.name) if u.name in p else len(u.short_name) for u in inside)
            match.add([u.pk for u in inside
                       if max(len(u.name) if u.name in p else 0,
                              len(u.short_name) if u.short_name in p else 0) == longest], INSIDE)
    return match


def map_owners(phrases, units: list[UnitRef], root_path: str = "",
               memo: dict[str, OwnerMatch] | None = None,
               ) -> tuple[dict[int, tuple[float, str]], list[str]]:
    """({unit pk: (confidence, phrase)}, [roles]) for all owner phrases of a task.

    `memo` keeps each phrase's match across the tasks of one document: a speech names the
    same owners (各县区教育局, 各学校) again and again, and each match scans the whole tree.
    """
    out: dict[int, tuple[float, str]] = {}
    roles: list[str] = []
    for phrase in phrases:
        if memo is None:
            m = map_owner(phrase, units, root_path)
        elif phrase in memo:
            m = memo[phrase]
        else:
            m = memo[phrase] = map_owner(phrase, units, root_path)
        if m.role and m.role not in roles:
            roles.append(m.role)
        for pk, conf in m.units.items():
            if conf > out.get(pk, (0.0, ""))[0]:
                out[pk] = (conf, phrase)
    return out, roles


# --- Loading the tree ------------------------------------------------------------------------

def unit_refs(queryset) -> list[UnitRef]:
    """UnitRef rows of a Unit queryset (one query), in tree order."""
    rows = queryset.filter(is_active=True).order_by("path").values_list(
        "pk", "name", "short_name", "kind", "path")
    return [UnitRef(*row) for row in rows]


def leader_for_role(role: str, leaders) -> object | None:
    """The one leader whose position is written as the role (局长 → the 局长), else None."""
    exact = [p for p in leaders if p.title == role]
    if len(exact) == 1:
        return exact[0]
    named = [p for p in leaders if p.title and role in p.title]
    return named[0] if len(named) == 1 else None


LEADER_ROLES = (Role.LEADER,)
