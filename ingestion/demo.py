"""Demo documents for the demo city (orgs.demo): one speech under review, and one short plan
already turned into 督办 items so the "source" link has somewhere to go. Run once; a no-op
when documents exist. The texts are made up for the demo."""

from datetime import datetime, time

from django.utils import timezone

from orgs.demo import CITY_CODE
from orgs.models import Person, Unit

from . import actions
from .models import Document


def _speech(year: int) -> str:
    return f"""在{year}年全市教育工作会议上的讲话
（{year}年1月8日）
同志们：
这次会议的主要任务是，总结去年工作，部署{year}年全市教育重点任务。下面，我讲三个方面的意见。
一、坚持优先发展，扩大优质资源供给
去年全市新增公办学位4800个，新建、改扩建幼儿园15所，学生体质健康达标率达到93.6%。
（一）加快学前教育普惠发展。各县区教育局要在3月底前报送新建幼儿园项目清单，年底前新建公办幼儿园10所。
（二）推进义务教育优质均衡。东城区教育局、西城区教育局要在6月底前完成优质均衡发展自评，其余县区年底前制定达标方案。
二、守牢安全底线，建设平安校园
各学校要在每学期开学前完成一次校舍安全隐患排查，建立隐患整改台账。
市教育局安全稳定科要在4月15日前牵头制定校园安全专项整治方案，9月30日前组织一次全市督查。
三、转变工作作风，确保任务落地
市教育局各科室要在2月底前将本科室年度任务分解到岗、落实到人。分管领导要每月听取分管领域重点任务进展情况。
督查室要建立周调度、月通报制度，每月5日前通报上月任务完成情况。
同志们，新的一年任务繁重，希望大家真抓实干，确保各项工作落到实处。
"""


def _plan(year: int) -> str:
    return f"""关于做好{year}年春季学期课后服务工作的通知
一、工作目标
南湖区教育局要在4月30日前实现义务教育学校课后服务全覆盖。
青河县教育局要在5月底前完成课后服务收费标准核定工作。
二、工作要求
市教育局基础教育科要在6月15日前对各县区课后服务开展情况进行一次专项督查。
"""


def seed(size: str = "demo", *, now=None) -> int:
    """Create the demo documents once; returns how many were made."""
    if Document.objects.exists():
        return 0
    city = Unit.objects.filter(code=CITY_CODE).first()
    office = Person.objects.filter(title="督查室主任", unit__path__startswith=city.path) \
        .order_by("id").first() if city else None
    if office is None:
        return 0
    now = now or timezone.now()
    year = timezone.localdate(now).year + 1
    stamp = timezone.make_aware(datetime.combine(timezone.localdate(now), time(9)))
    actions.create_document(actor=office, now=stamp, reading=actions.read_pasted(_speech(year)))
    plan = actions.create_document(actor=office, now=stamp,
                                   reading=actions.read_pasted(_plan(year), year=year))
    try:
        actions.convert(plan, actor=office, now=now)
    except Exception:  # noqa: BLE001 - the demo stays usable with a draft plan
        pass
    return 2
