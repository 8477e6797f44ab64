"""Deterministic 督办 items for the demo city (orgs.demo): top items issued by the office,
decomposed to county bureaus and schools, with progress reports in every state.

size "demo": about 300 items; size "bench": 20,000 items and about 100,000 reports, by
bulk inserts level by level (tops, county parts, school parts, reports).
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from audit.actions import record
from orgs.choices import Role, UnitKind
from orgs.demo import CITY_CODE
from orgs.models import Membership, Person, Unit

from .choices import Cadence, ReportState, Source, State
from .models import Item, ProgressReport

SIZES = {"demo": (300, 3), "bench": (20000, 6)}  # (items, reports per reporting item)
TITLES = [
    ("新建、改扩建公办幼儿园", "学前教育", "所"), ("义务教育优质均衡发展国家督导评估", "均衡发展", "项"),
    ("消除义务教育大班额", "基础教育", "个"), ("校园安全隐患排查整治", "安全稳定", "处"),
    ("农村学校寄宿条件改善", "基础教育", "所"), ("教师培训全覆盖", "队伍建设", "人"),
    ("智慧校园建设", "信息化", "所"), ("校舍维修加固", "计划财务", "栋"),
    ("课后服务提质扩面", "基础教育", "所"), ("控辍保学专项行动", "基础教育", "人"),
    ("职业院校产教融合项目", "职业教育", "个"), ("学生体质健康监测", "体卫艺", "校"),
    ("食堂明厨亮灶改造", "安全稳定", "所"), ("家庭经济困难学生资助", "资助", "人"),
    ("校园周边环境综合治理", "安全稳定", "处"), ("教育经费“三个增长”落实", "计划财务", "项"),
]
SOURCES = [Source.SPEECH, Source.MEETING, Source.DOCUMENT, Source.ABOVE, Source.PUBLIC,
           Source.VISIT]
TEXTS = ["已完成方案制定并报局审核", "招标采购程序已启动", "主体工程完工，进入内部装修阶段",
         "已组织专项检查，发现问题已建立台账", "完成阶段性任务，正在整理佐证材料",
         "召开专题推进会，明确责任分工", "资金已拨付到位，工程按计划推进"]


def _aware(d: date, hour=9):
    return timezone.make_aware(datetime.combine(d, time(hour)))


def _insert_reports(items, reviewer_id) -> int:
    """Insert the planned reports with executemany: 100,000 rows without model overhead."""
    adapt = connection.ops.adapt_datetimefield_value
    stamps: dict[tuple[date, int], object] = {}

    def stamp(d, hour):
        if (d, hour) not in stamps:
            stamps[(d, hour)] = adapt(_aware(d, hour))
        return stamps[(d, hour)]

    fields = ["item_id", "author_id", "text", "percent", "is_final", "submitted_at", "state",
              "reviewer_id", "reviewed_at", "reviewer_comment", "client_token"]
    table = connection.ops.quote_name(ProgressReport._meta.db_table)
    sql = (f"INSERT INTO {table} ({', '.join(fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    rows = []
    for item in items:
        for k, when, pct, final, state in item.planned:
            reviewed = state != ReportState.SUBMITTED
            rows.append((item.pk, item.owner_id, TEXTS[(item.pk + k) % len(TEXTS)], pct, final,
                         stamp(when, 10), state, reviewer_id if reviewed else None,
                         stamp(when, 16) if reviewed else None, "", f"seed-{k}"))
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[i:i + 5000])
    return len(rows)


@transaction.atomic
def seed(size: str = "demo", *, today: date | None = None) -> int:
    """Create the items once (no-op when there are any); returns how many were made."""
    if Item.objects.exists():
        return 0
    target, reports_each = SIZES[size]
    today = today or timezone.localdate()
    rng = random.Random(20260517)
    city = Unit.objects.filter(code=CITY_CODE).first()
    if city is None:
        return 0
    counties = list(Unit.objects.filter(path__startswith=city.path,
                                        kind=UnitKind.COUNTY_BUREAU).order_by("path"))
    schools: dict[str, list[Unit]] = {}
    for s in Unit.objects.filter(path__startswith=city.path, depth=3).order_by("path"):
        schools.setdefault(s.path[:8], []).append(s)
    office = Person.objects.filter(title="督查室主任", unit__path__startswith=city.path) \
        .order_by("id").first()
    leaders = list(Person.objects.filter(title="分管副局长").order_by("id"))
    heads = dict(Membership.objects.filter(role__in=(Role.UNIT_HEAD, Role.DEPT_HEAD))
                 .order_by("-id")
                 .values_list("unit_id", "person_id"))
    depts = list(Unit.objects.filter(path__startswith=city.path, kind=UnitKind.DEPARTMENT)
                 .order_by("path"))
    if office is None or not counties:
        return 0

    def facts(item, parent=None):
        """Dates, state and progress that tell a plausible story."""
        start = today - timedelta(days=rng.randint(5, 150))
        length = rng.randint(20, 200)
        deadline = start + timedelta(days=length)
        if parent is not None:
            start = max(start, parent.issued_on)
            deadline = min(parent.deadline, max(start + timedelta(days=10), deadline))
        item.issued_on, item.deadline = start, deadline
        elapsed = max(0, min(100, (today - start).days * 100 // max(1, length)))
        roll = rng.random()
        if deadline < today:
            if roll < 0.65:
                item.state = State.CLOSED if roll < 0.4 else State.VERIFIED
                item.finished_on = deadline - timedelta(days=rng.randint(-8, 20))
                item.reported_on = item.finished_on
                item.progress = 100
            elif roll < 0.7:
                item.state = State.REPORTED
                item.reported_on = today - timedelta(days=rng.randint(0, 5))
                item.progress = 100
            else:
                item.state = State.IN_PROGRESS
                item.progress = rng.randint(30, 90)
        else:
            if (today - start).days < 3 and roll < 0.6:
                item.state = State.ISSUED
            elif roll < 0.1:
                item.state = State.SIGNED
            elif roll < 0.15:
                item.state = State.REPORTED
                item.reported_on = today
            elif roll < 0.17:
                item.state = State.SUSPENDED
            else:
                item.state = State.IN_PROGRESS
            item.progress = 100 if item.state == State.REPORTED else max(
                0, min(100, elapsed + rng.randint(-35, 20)))
        if item.state != State.ISSUED:
            item.signed_on = start + timedelta(days=rng.randint(0, 3))
        item.created_at = item.updated_at = _aware(start)
        return item

    def make(title, unit, owner, parent=None, n=0):
        t = parent or None
        base = TITLES[n % len(TITLES)] if t is None else None
        item = Item(
            title=title, lead_unit=unit, owner_id=owner, issuer=office,
            responsible_leader=(t.responsible_leader if t else rng.choice(leaders or [office])),
            source=t.source if t else SOURCES[n % len(SOURCES)],
            category=t.category if t else base[1],
            metric=t.metric if t else base[0], metric_unit=t.metric_unit if t else base[2],
            target_value=rng.randint(2, 20), priority=rng.choice([0, 1, 2, 2, 2]),
            is_public=rng.random() < 0.3, parent=t,
            report_cadence=Cadence.WEEKLY if rng.random() < 0.3 else Cadence.MONTHLY,
            lineage=(f"{t.lineage}{t.pk}/" if t else "/"))
        return plan_reports(facts(item, t))

    def plan_reports(item):
        """Decide the item's reports now, so its facts are set before it is inserted."""
        item.planned = []
        if item.state in (State.ISSUED, State.SUSPENDED) or item.owner_id is None:
            item.refresh_facts()
            return item
        count = rng.randint(max(0, reports_each - 3), reports_each + 3)
        span = max(1, (min(today, item.reported_on or today) - item.issued_on).days)
        days = sorted(rng.sample(range(span), k=min(count, span)))
        for k, offset in enumerate(days):
            last = k == len(days) - 1
            final = last and item.state in (State.REPORTED, State.VERIFIED, State.CLOSED)
            when = item.issued_on + timedelta(days=offset)
            pct = 100 if final else min(item.progress, (k + 1) * item.progress // len(days))
            if last and item.state != State.VERIFIED and item.state != State.CLOSED:
                state = ReportState.SUBMITTED
            else:
                state = rng.choice([ReportState.ACCEPTED] * 5 + [ReportState.RETURNED])
            item.planned.append((k, when, pct, final, state))
            item.last_report_on = when
        item.refresh_facts()
        return item

    tops, total = [], 0
    n = 0
    # Each top goes to 2..all counties, each county part to 0..3 schools (1.2 on average
    # after trimming): enough rows to trim to the target.
    per_top = 1 + (2 + len(counties)) / 2 * 2.2
    wanted_tops = max(1, int(target / per_top))
    while len(tops) < wanted_tops:
        name, _cat, unit_word = TITLES[n % len(TITLES)]
        year_no = n // len(TITLES) + 1
        dept = depts[1 + n % (len(depts) - 1)] if len(depts) > 1 else city
        tops.append(make(f"{name}（第{year_no}批）", dept, heads.get(dept.pk), n=n))
        n += 1
    Item.objects.bulk_create(tops, batch_size=1000)
    total = len(tops)
    county_parts = []
    for top in tops:
        picked = rng.sample(counties, k=min(len(counties), rng.randint(2, len(counties))))
        for c in picked:
            county_parts.append(make(f"{top.title}（{c.name}）", c, heads.get(c.pk), parent=top))
    county_parts = county_parts[: max(0, target - total)]
    Item.objects.bulk_create(county_parts, batch_size=1000)
    total += len(county_parts)
    school_parts = []
    left = target - total
    for part in county_parts:
        if len(school_parts) >= left:
            break
        options = schools.get(part.lead_unit.path, [])
        for s in rng.sample(options, k=min(len(options), rng.randint(0, 3))):
            school_parts.append(make(f"{part.title[:200]}（{s.name}）", s, heads.get(s.pk),
                                     parent=part))
    school_parts = school_parts[:left]
    Item.objects.bulk_create(school_parts, batch_size=1000)
    items = tops + county_parts + school_parts

    count = _insert_reports(items, office.pk)
    record(None, "demo.assignments", city, changes={"items": [0, len(items)],
                                                    "reports": [0, count]})
    return len(items)
