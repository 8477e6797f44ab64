"""A generated city for the demo and the benchmarks: deterministic for a given size and seed.

Bulk inserts with treebeard-compatible materialised paths, so a 2,000-unit city with 30,000
people builds in seconds. One audit row records each generation.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction

from audit.actions import record

from .choices import PartyOrgKind, RegionKind, Role, UnitKind
from .models import Membership, PartyOrg, Person, Region, Unit

DEMO_PASSWORD = "Duban#2026"
CITY_CODE = "C01"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁琳晨欣雪梅海波建国志红文博思雨子涵一鸣佳怡嘉欣晓东春生立新"
COUNTIES = ["东城区", "西城区", "南湖区", "北山区", "青河县", "白水县", "临江县", "石门县",
            "新安区", "长宁区", "平川县", "兴隆县", "永和县", "安远县", "清水县", "云台区"]
DEPARTMENTS = ["办公室（督查室）", "基础教育科", "学前教育科", "职业与成人教育科", "人事科",
               "计划财务科", "安全稳定科", "教育督导室", "纪检监察室", "机关党委"]
SCHOOL_KINDS = [("小学", UnitKind.SCHOOL), ("中学", UnitKind.SCHOOL), ("幼儿园", UnitKind.KINDERGARTEN),
                ("实验小学", UnitKind.SCHOOL), ("第二中学", UnitKind.SCHOOL), ("中心幼儿园", UnitKind.KINDERGARTEN)]
TOWNS = "城关 河东 河西 新桥 马场 柳树 枫林 青石 高坪 双龙 三合 五里 白沙 红旗 和平 团结 永安 太平 金山 银湖".split()


def _step(i: int) -> str:
    out = ""
    for _ in range(4):
        i, r = divmod(i, 36)
        out = ALPHABET[r] + out
    return out


@dataclass
class CitySize:
    counties: int = 6
    schools_per_county: int = 33
    staff_per_school: int = 3
    seed: int = 2026


DEMO = CitySize()
BENCH = CitySize(counties=16, schools_per_county=123, staff_per_school=12)


class Namer:
    def __init__(self, rng):
        self.rng = rng
        self.n = 0

    def person(self) -> str:
        self.n += 1
        given = self.rng.choice(GIVEN) + (self.rng.choice(GIVEN) if self.rng.random() < 0.6 else "")
        return self.rng.choice(SURNAMES) + given

    def phone(self) -> str:
        return f"138{self.n:08d}"


def city_exists() -> bool:
    return Unit.objects.filter(code=CITY_CODE).exists()


@transaction.atomic
def build_city(size: CitySize = DEMO, *, today: date | None = None) -> dict:
    """Create the city (no-op when it exists); returns the demo logins by role label."""
    if city_exists():
        return demo_logins()
    today = today or date.today()
    rng = random.Random(size.seed)
    namer = Namer(rng)
    password = make_password(DEMO_PASSWORD)
    units: list[Unit] = []

    def unit(parent, index, code, name, kind):
        path = (parent.path if parent else "") + _step(index)
        u = Unit(path=path, depth=(parent.depth + 1 if parent else 1), numchild=0, code=code,
                 name=name, kind=kind)
        if parent:
            parent.numchild += 1
        units.append(u)
        return u

    city = unit(None, 1, CITY_CODE, "示范市教育局", UnitKind.CITY_BUREAU)
    index = 0
    depts = []
    for i, name in enumerate(DEPARTMENTS, start=1):
        index += 1
        depts.append(unit(city, index, f"{CITY_CODE}-D{i:02d}", f"示范市教育局{name}",
                          UnitKind.DEPARTMENT))
    index += 1
    college = unit(city, index, f"{CITY_CODE}-X01", "示范市职业技术学院", UnitKind.COLLEGE)
    counties, schools = [], []
    for c in range(size.counties):
        index += 1
        county_name = COUNTIES[c % len(COUNTIES)] + ("" if c < len(COUNTIES) else str(c))
        county = unit(city, index, f"{CITY_CODE}-K{c + 1:02d}", f"{county_name}教育局",
                      UnitKind.COUNTY_BUREAU)
        counties.append(county)
        for s in range(size.schools_per_county):
            town = TOWNS[s % len(TOWNS)]
            suffix, kind = SCHOOL_KINDS[(s // len(TOWNS) + s) % len(SCHOOL_KINDS)]
            extra = "" if s < len(TOWNS) * len(SCHOOL_KINDS) else f"第{s}"
            schools.append(unit(county, s + 1, f"{county.code}-S{s + 1:03d}",
                                f"{county_name}{town}{extra}{suffix}", kind))
    Unit.objects.bulk_create(units, batch_size=1000)
    by_code = {u.code: u for u in Unit.objects.filter(code__in=[u.code for u in units])}

    people: list[Person] = []
    roles: list[tuple[int, str, str]] = []  # (person index, unit code, role)

    def person(u, title, *role_list, name=None):
        p = Person(name=name or namer.person(), phone=namer.phone(), title=title,
                   unit=by_code[u.code], password=password, must_change_password=False,
                   staff_no=f"T{namer.n:07d}")
        people.append(p)
        for r in role_list:
            roles.append((len(people) - 1, u.code, r))
        return len(people) - 1

    # The city bureau and its people in every role
    director = person(city, "局长", Role.LEADER, Role.MEMBER)
    secretary = person(city, "党委书记", Role.LEADER, Role.MEMBER)
    deputies = [person(city, "分管副局长", Role.LEADER, Role.MEMBER) for _ in range(3)]
    person(depts[0], "督查室主任", Role.OFFICE, Role.MEMBER)
    person(depts[0], "督查室科员", Role.OFFICE)
    for d in depts[1:]:
        person(d, "科长", Role.DEPT_HEAD, Role.MEMBER)
        person(d, "科员", Role.STAFF)
    supervisor = person(depts[7], "督学", Role.SUPERVISOR, Role.MEMBER)
    person(depts[8], "纪检监察员", Role.DISCIPLINE, Role.MEMBER)
    person(depts[0], "审计员", Role.AUDITOR)
    person(depts[0], "系统管理员", Role.ADMIN)
    person(city, "人大代表（特邀监督员）", Role.OBSERVER)
    person(city, "第三方评估员", Role.EVALUATOR)
    person(college, "院长", Role.UNIT_HEAD, Role.MEMBER)
    county_heads = []
    for k in counties:
        county_heads.append(person(k, "局长", Role.UNIT_HEAD, Role.MEMBER))
        person(k, "督查专干", Role.OFFICE, Role.MEMBER)
        person(k, "责任督学", Role.SUPERVISOR)
    school_heads, school_staff = [], []
    for s in schools:
        head_title = "园长" if s.kind == UnitKind.KINDERGARTEN else "校长"
        school_heads.append(person(s, head_title, Role.UNIT_HEAD, Role.MEMBER))
        person(s, "党支部书记", Role.BRANCH_SECRETARY, Role.MEMBER)
        for i in range(size.staff_per_school):
            school_staff.append(person(s, "教师", Role.STAFF,
                                       *((Role.MEMBER,) if i % 2 == 0 else ())))
    Person.objects.bulk_create(people, batch_size=2000)
    saved = dict(Person.objects.filter(phone__in=[p.phone for p in people])
                 .values_list("phone", "pk"))
    pk_of = [saved[p.phone] for p in people]
    Membership.objects.bulk_create(
        [Membership(person_id=pk_of[i], unit_id=by_code[code].pk, role=r) for i, code, r in roles],
        batch_size=5000,
    )
    # Regions: the director follows the whole city, each deputy two or three counties (包片)
    regions = [Region(person_id=pk_of[director], unit_id=by_code[CITY_CODE].pk)]
    regions.append(Region(person_id=pk_of[secretary], unit_id=by_code[CITY_CODE].pk))
    for i, k in enumerate(counties):
        regions.append(Region(person_id=pk_of[deputies[i % len(deputies)]], unit_id=by_code[k.code].pk))
        if i < 2:
            regions.append(Region(person_id=pk_of[supervisor], unit_id=by_code[k.code].pk,
                                  kind=RegionKind.SUPERVISE))
    Region.objects.bulk_create(regions)
    # Party organisations: terms of 3 or 5 years; some end soon (换届 due)
    orgs = []
    for _n, u in enumerate(units):
        if u.kind == UnitKind.DEPARTMENT:
            continue
        kind = (PartyOrgKind.COMMITTEE if u.kind in (UnitKind.CITY_BUREAU, UnitKind.COUNTY_BUREAU)
                else PartyOrgKind.BRANCH)
        years = 5 if kind == PartyOrgKind.COMMITTEE else 3
        end = today + timedelta(days=rng.randint(-20, 3 * 365))
        start = end.replace(year=end.year - years) if not (end.month == 2 and end.day == 29) \
            else end - timedelta(days=365 * years)
        label = {PartyOrgKind.COMMITTEE: "党委", PartyOrgKind.BRANCH: "党支部"}[kind]
        orgs.append(PartyOrg(unit_id=by_code[u.code].pk, kind=kind, name=f"中共{u.name}{label}",
                             term_start=start, term_end=end))
    PartyOrg.objects.bulk_create(orgs, batch_size=2000)
    record(None, "demo.generated", by_code[CITY_CODE],
           changes={"units": [0, len(units)], "people": [0, len(people)]})
    return demo_logins()


LOGIN_ROLES = [
    ("系统管理员 administrator", "系统管理员"),
    ("局长 bureau director (leader)", "局长"),
    ("分管副局长 deputy director (leader, 包片)", "分管副局长"),
    ("督查室 supervision office", "督查室主任"),
    ("督学 supervisor", "督学"),
    ("审计员 auditor", "审计员"),
    ("县区教育局长 county bureau head", None),
    ("校长 school head", "校长"),
    ("教师 staff", "教师"),
]


def demo_logins() -> dict[str, str]:
    """{role label: phone} for one person of each role in the demo city."""
    out = {}
    for label, title in LOGIN_ROLES:
        qs = Person.objects.filter(unit__code__startswith=CITY_CODE)
        if title is None:
            qs = qs.filter(title="局长", unit__kind=UnitKind.COUNTY_BUREAU)
        else:
            qs = qs.filter(title=title)
        phone = qs.order_by("id").values_list("phone", flat=True).first()
        if phone:
            out[label] = phone
    return out
