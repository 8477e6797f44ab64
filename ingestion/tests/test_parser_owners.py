"""Owners: the named agent of a directive, copied as written; never pronouns or objects."""

import pytest

from ingestion.parser import parse_text


def owners_of(sentence: str) -> list[str]:
    text = f"一、重点工作\n{sentence}\n"
    tasks = parse_text(text)["tasks"]
    assert tasks, f"no task found in {sentence!r}"
    return tasks[0]["owners"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("各县区教育局要于年底前完成薄弱学校改造。", ["各县区教育局"]),
        ("市教育局各科室要按照职责分工抓好落实。", ["市教育局各科室"]),
        ("各学校要建立课后服务台账。", ["各学校"]),
        ("局机关要带头落实中央八项规定精神。", ["局机关"]),
        ("分管领导要定期听取工作汇报。", ["分管领导"]),
        ("各校（园）要配齐专职保安。", ["各校（园）"]),
        ("县教育督导室负责组织开学专项督导。", ["县教育督导室"]),
        ("今年各中小学都要开设心理健康课程。", ["各中小学"]),
        ("王局长要亲自过问重点项目进展。", ["王局长"]),
        ("每一名班主任都要每学期家访一次。", ["每一名班主任"]),
    ],
)
def test_single_owner(sentence, expected):
    assert owners_of(sentence) == expected


def test_compound_subject_lists_each_agent():
    assert owners_of("市教育局和各区政府要共同制定学位扩容计划。") == ["市教育局", "各区政府"]
    assert owners_of("财务科、基建科要联合开展项目审计。") == ["财务科", "基建科"]


def test_unit_with_a_bracketed_scope_stays_whole():
    assert owners_of("市、县（区）教育行政部门要建立督办台账。") == ["市、县（区）教育行政部门"]


def test_several_clauses_each_with_an_agent():
    got = owners_of(
        "各级党组织要履行主体责任，党组织书记要履行第一责任人职责，班子成员要落实一岗双责。"
    )
    assert got == ["各级党组织", "党组织书记", "班子成员"]


@pytest.mark.parametrize(
    "sentence",
    [
        "我们要认真抓好各项任务落实。",
        "大家要进一步统一思想，明确任务分工，建立工作台账。",
        "要指导基层党组织制定学习计划。",
        "要组织党员教师开展志愿服务活动。",
        "鼓励社会力量参与建设普惠性幼儿园。",
    ],
)
def test_pronouns_and_objects_are_not_owners(sentence):
    assert owners_of(sentence) == []


def test_request_names_its_addressee():
    text = "一、有关要求\n请各县区教育局于5月10日前报送统计表。\n"
    task = parse_text(text)["tasks"][0]
    assert task["owners"] == ["各县区教育局"]


def test_by_unit_takes_the_lead():
    assert owners_of("建立联席会议制度，由市教育局牵头，每季度召开一次。") == ["市教育局"]


def test_owners_not_inherited_from_the_previous_sentence():
    text = "一、重点工作\n各学校要完善食堂管理制度。要落实陪餐制度。\n"
    tasks = parse_text(text)["tasks"]
    assert [t["owners"] for t in tasks] == [["各学校"], []]


def test_owner_is_copied_as_written_in_full_width():
    text = "一、重点工作\n市、县（区）教育局要在６月底前完成自查。\n"
    task = parse_text(text, year=2026)["tasks"][0]
    assert task["owners"] == ["市、县（区）教育局"]
    assert task["deadline"] == "2026-06-30"


def test_subject_stops_before_its_modal():
    assert owners_of("上半年，局党组要组织全系统党员干部开展一次警示教育。") == ["局党组"]


def test_role_named_as_first_responsible_then_a_directive():
    assert owners_of("校长是学校安全工作第一责任人，要亲自研究部署安全工作。") == ["校长"]
    assert owners_of("驾驶员必须持证上岗。") == ["驾驶员"]
