"""Demo and benchmark ledgers on the generated city: deterministic, bulk-inserted, run once.

size "demo": ~400 items across the three lists in every state, a 五查五看 checklist sent to a
county's schools (some answered), a few typical cases. size "bench": 50,000 items over the
2,000-unit bench city.
"""

import random
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from audit.actions import record
from orgs.choices import Role, UnitKind
from orgs.models import Membership, Unit

from .choices import CaseState, Kind, ListType, MeasureState, RiskLevel, Source, State
from .models import (
    Case,
    Checklist,
    ChecklistAssignment,
    ChecklistPoint,
    Evidence,
    Item,
    Measure,
)

PROBLEMS = {
    "作风纪律": ["上班时间脱岗离岗，工作纪律松弛", "会议纪律不严，请销假制度执行不到位"],
    "师德师风": ["个别教师语言粗暴，变相体罚学生", "教师在校外机构兼职取酬"],
    "食品安全": ["食堂进货查验台账记录不全", "食品留样不足48小时"],
    "校园安全": ["消防通道堆放杂物", "校门口上下学时段无护导值守"],
    "财务管理": ["公务接待无公函、无清单", "食堂账目未按月公示"],
    "有偿补课": ["在职教师组织有偿补课", "假期违规举办收费补习班"],
    "收受礼品": ["教师节收受家长礼品礼金", "逢年过节收受购物卡"],
    "办事效率": ["学籍转接办理时间过长", "群众来电无人接听、推诿扯皮"],
}
GOALS = ["建立长效机制，杜绝同类问题再次发生", "问题清零，制度完善，群众满意",
         "整改到位并经回头看无反弹"]
MEASURES = ["召开专题会议，逐条对照整改", "修订完善相关管理制度", "开展全员警示教育",
            "建立台账，专人负责，定期检查", "约谈相关责任人，限期整改到位"]
RISKS = [("物资采购", "采购程序不规范、围标串标"), ("招生入学", "违规择校、暗箱操作"),
         ("项目审批", "审批环节过多、吃拿卡要"), ("资金拨付", "资金拨付不及时、挤占挪用")]
FIVE_FIVE = [
    ("check", "理想信念是否坚定"), ("check", "宗旨意识是否牢固"),
    ("check", "工作作风是否扎实"), ("check", "纪律规矩是否严明"),
    ("check", "廉洁自律是否过硬"), ("look", "学生和家长是否满意"),
    ("look", "教育教学质量是否提升"), ("look", "校园安全是否有保障"),
    ("look", "制度执行是否到位"), ("look", "问题整改是否见效"),
]
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
       b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
       b"\x00\x00IEND\xaeB`\x82")
STATE_ORDER = [State.FOUND, State.CONFIRMED, State.RECTIFYING, State.SIGNOFF_REQUESTED,
               State.UNIT_HEAD_APPROVED, State.SIGNED_OFF]
SIZES = {"demo": 400, "bench": 50_000}


def _people_by(role):
    """{unit id: [person id]} for a role."""
    out: dict[int, list[int]] = {}
    for unit_id, person_id in Membership.objects.filter(role=role).values_list("unit_id",
                                                                              "person_id"):
        out.setdefault(unit_id, []).append(person_id)
    return out


def seed(size: str = "demo", *, today: date | None = None) -> int:
    """Create the ledgers once (no-op when items exist); returns the number of items made."""
    if Item.objects.exists():
        return 0
    today = today or date.today()
    rng = random.Random(2026)
    n_items = SIZES[size]
    with transaction.atomic():
        made = _items(rng, n_items, today)
        if size == "demo":
            _checklist(rng, today)
            _cases(today)
        record(None, "rectification.demo.generated", None, object_type="rectification.item",
               changes={"items": [0, made], "size": [None, size]})
    return made


def _insert(model, rows: list[dict]):
    """Plain INSERTs of ready rows (executemany): bulk_create builds an object per row, which
    dominates the 50,000-item bench seed. Missing fields take their defaults."""
    fields = [f for f in model._meta.concrete_fields
              if not (f.primary_key and rows and f.attname not in rows[0])]
    defaults = {f.attname: f.get_default() for f in fields}
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    names = [f.attname for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, [tuple(r.get(n, defaults[n]) for n in names)
                                     for r in rows[start:start + 5000]])
        # explicit ids leave PostgreSQL's sequence behind: move it past them
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _items(rng, n_items: int, today: date) -> int:
    units = list(Unit.objects.values_list("pk", "kind", "path"))
    by_kind: dict[str, list[int]] = {}
    for pk, kind, _path in units:
        by_kind.setdefault(kind, []).append(pk)
    heads, staff = _people_by(Role.UNIT_HEAD), _people_by(Role.STAFF)
    dept_heads = _people_by(Role.DEPT_HEAD)
    leaders = [p for ps in _people_by(Role.LEADER).values() for p in ps]
    raisers = ([p for ps in _people_by(Role.SUPERVISOR).values() for p in ps]
               + [p for ps in _people_by(Role.OFFICE).values() for p in ps])
    schools = [u for u in by_kind.get(UnitKind.SCHOOL, []) + by_kind.get(UnitKind.KINDERGARTEN, [])
               + by_kind.get(UnitKind.COUNTY_BUREAU, []) if heads.get(u)]
    depts = [u for u in by_kind.get(UnitKind.DEPARTMENT, []) if dept_heads.get(u)]
    staffed = [u for u in staff if staff[u]]
    if not schools or not raisers:
        return 0
    categories = list(PROBLEMS)
    sources, kinds, levels = Source.values, Kind.values, RiskLevel.values
    now = timezone.now()
    first_id = (Item.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    late = {State.SIGNOFF_REQUESTED, State.UNIT_HEAD_APPROVED, State.SIGNED_OFF}
    working = late | {State.RECTIFYING}
    path = default_storage.save("rectification/demo/evidence.png", ContentFile(PNG))
    items, measures, evidence = [], [], []
    for i in range(n_items):
        pk = first_id + i
        r = i % 10
        list_type = (ListType.PERSONAL if r < 2 else ListType.DEPARTMENT if r < 4 and depts
                     else ListType.LEADERSHIP)
        category = categories[rng.randrange(len(categories))]
        age = rng.randint(0, 300)
        found = today - timedelta(days=age)
        # older problems are more often closed: the ledger of a bureau that works
        state = (State.SIGNED_OFF if age > 120 and rng.random() < 0.7
                 else STATE_ORDER[i % len(STATE_ORDER)])
        source = sources[rng.randrange(len(sources))]
        deadline = found + timedelta(days=rng.randint(10, 150))
        item = {"id": pk, "list_type": list_type, "source": source, "category": category,
                "problem": rng.choice(PROBLEMS[category]), "goal": rng.choice(GOALS),
                "kind": kinds[i % 3], "found_on": found, "deadline": deadline, "state": state,
                "raised_by_id": rng.choice(raisers), "created_at": now, "updated_at": now,
                "responsible_leader_id": rng.choice(leaders) if leaders else None}
        if list_type == ListType.PERSONAL:
            unit = rng.choice(staffed)
            person = rng.choice(staff[unit])
            item.update(lead_unit_id=unit, person_id=person, owner_id=person, raised_by_id=None,
                        problem="个人对照检查：" + item["problem"])
        elif list_type == ListType.DEPARTMENT:
            unit = rng.choice(depts)
            point, risk = rng.choice(RISKS)
            item.update(lead_unit_id=unit, owner_id=rng.choice(dept_heads[unit]),
                        risk_point=point, category="廉政风险", problem=f"{point}环节存在{risk}风险",
                        risk_level=levels[i % 3], prevention="实行集体决策、全程留痕、定期公开")
        else:
            unit = rng.choice(schools)
            item.update(lead_unit_id=unit, owner_id=rng.choice(staff.get(unit) or heads[unit]))
            if source == Source.PUBLIC_REPORT or i % 7 == 0:
                item.update(is_public=True, public_summary=f"群众反映：{item['problem']}")
        if state == State.SIGNED_OFF:
            item["signed_off_on"] = min(today, deadline)
        if state in working:
            item["progress"] = "已完成整改措施" + ("，正在巩固提升" if state != State.SIGNED_OFF
                                              else "")
        items.append(item)
        done = state in late
        for k in range(1 + i % 2):
            measures.append({"item_id": pk, "text": MEASURES[(i + k) % len(MEASURES)],
                             "owner_id": item["owner_id"], "deadline": deadline,
                             "state": MeasureState.DONE if done else MeasureState.DOING,
                             "done_on": min(today, deadline) if done else None})
        if done:
            evidence.append({"item_id": pk, "file": path, "name": "整改照片.png", "kind": "image",
                             "note": "", "uploaded_by_id": item["owner_id"], "uploaded_at": now})
    _insert(Item, items)
    _insert(Measure, measures)
    _insert(Evidence, evidence)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Item, Measure, Evidence]):
            cursor.execute(sql)
        for model in (Item, Measure, Evidence):  # fresh statistics for the query planner
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return len(items)


def _checklist(rng, today: date):
    from . import actions

    office = Membership.objects.filter(role=Role.OFFICE, unit__kind=UnitKind.DEPARTMENT) \
        .select_related("person").first()
    if office is None:
        return
    checklist = Checklist.objects.create(
        title="“五查五看”自查清单", category="五查五看", created_by=office.person,
        description="对照“五查五看”逐项自查，发现问题即列入整改台账。")
    ChecklistPoint.objects.bulk_create([ChecklistPoint(checklist=checklist, number=i, kind=k,
                                                       text=t)
                                        for i, (k, t) in enumerate(FIVE_FIVE, start=1)])
    county = Unit.objects.filter(kind=UnitKind.COUNTY_BUREAU).order_by("path").first()
    schools = list(Unit.objects.filter(path__startswith=county.path, depth=county.depth + 1)
                   .order_by("path")[:10])
    assignments = ChecklistAssignment.objects.bulk_create([
        ChecklistAssignment(checklist=checklist, unit=u, deadline=today + timedelta(days=14),
                            assigned_by=office.person) for u in schools])
    points = list(checklist.points.all())
    for a in assignments[:3]:
        head = Membership.objects.filter(role=Role.UNIT_HEAD, unit=a.unit).first()
        if head is None:
            continue
        answers = {p.pk: (True, "") if rng.random() < 0.7 else (False, "自查发现落实不到位")
                   for p in points}
        actions.answer_checklist(a, head.person, answers=answers,
                                 rectify_by=today + timedelta(days=30), today=today)


def _cases(today: date):
    closed = list(Item.objects.filter(state=State.SIGNED_OFF).exclude(
        list_type=ListType.PERSONAL).order_by("id")[:4])
    writer = Membership.objects.filter(role=Role.SUPERVISOR).select_related("person").first()
    approver = Membership.objects.filter(role=Role.LEADER).select_related("person").first()
    if writer is None or approver is None:
        return
    for n, item in enumerate(closed):
        Case.objects.create(
            item=item, title=f"某校{item.category}问题典型案例", category=item.category,
            what_happened=f"某校存在“{item.problem}”的问题，经督查发现。",
            rule_broken="违反《中小学教师职业道德规范》和学校管理有关规定。",
            handling="责令限期整改，对相关责任人进行约谈，并在全系统通报。",
            lesson="要把纪律挺在前面，抓早抓小，防微杜渐。",
            state=CaseState.PUBLISHED if n < 3 else CaseState.PENDING,
            written_by=writer.person, approved_by=approver.person if n < 3 else None,
            published_on=today if n < 3 else None)


