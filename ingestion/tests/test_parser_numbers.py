"""Numbers written with Arabic digits, per GUIDE §5, and numbered slogans per GUIDE §6."""

import pytest

from ingestion.parser import parse_text


def numbers(text: str) -> list[tuple[str, float, str]]:
    return [(n["text"], n["value"], n["unit"]) for n in parse_text(text)["numbers"]]


def test_quantities_with_qualifiers_and_units():
    text = "全年培训教师600多人次，资助学生200余人，落实资金12余万元，学位增加3600个。\n"
    assert numbers(text) == [
        ("600多人次", 600, "人次"),
        ("200余人", 200, "人"),
        ("12余万元", 12, "万元"),
        ("3600个", 3600, "个"),
    ]


def test_percentages_are_divided_by_100():
    got = numbers("入园率达到97.5%，巩固率达到100%。\n")
    assert got == [("97.5%", 0.975, "%"), ("100%", 1.0, "%")]


def test_durations_count_and_ranges_give_two_entries():
    got = numbers("经过45天的集中整治，制定5年规划，每人联系1—2个学校，3年内不得评优。\n")
    assert got == [
        ("45天", 45, "天"),
        ("5年", 5, "年"),
        ("1", 1, "个"),
        ("2个", 2, "个"),
        ("3年", 3, "年"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "两本书已发放到位。",  # Chinese numerals
        "会议于3月24日召开。",  # dates
        "2016年全市教育工作会议召开。",  # years
        "发布时间：2013/12/4 19:52:14",  # stamps
        "市33中学扩建工程开工。",  # part of a name
        "推进“2+1”工程和“98分流”改革。",  # quoted names
        "第3期简报已印发。",  # ordinals
    ],
)
def test_non_quantities(text):
    assert numbers(f"标题\n{text}\n") == []


def test_heading_ordinals_are_not_numbers():
    assert numbers("一、工作要求\n1.加强领导。\n2、落实责任。\n(3)严格考核。\n") == []


def test_start_is_the_first_digit_and_values_as_written():
    text = "标题\n共有02所学校，近500万元资金，00余名教师。\n"
    got = parse_text(text)["numbers"]
    assert [(n["value"], text[n["start"]]) for n in got] == [(2, "0"), (500, "5"), (0, "0")]


def test_full_width_digits():
    got = numbers("新建幼儿园８所，投入资金１２００万元。\n")
    assert [(v, u) for _, v, u in got] == [(8, "所"), (1200, "万元")]


def formulas(text: str) -> dict[str, dict]:
    return {f["text"]: f for f in parse_text(text)["formulas"]}


def test_quoted_numeral_slogans_with_counts():
    f = formulas(
        "标题\n深入开展“三严三实”专题教育，落实“两免一补”政策，坚持“五个一”工作机制，"
        "防止“四风”反弹，推进“两为主、两纳入”。\n"
    )
    assert {k: v["count"] for k, v in f.items()} == {
        "三严三实": 6,
        "两免一补": 3,
        "五个一": 5,
        "四风": 4,
        "两为主、两纳入": 4,
    }


def test_excluded_expressions():
    f = formulas(
        "标题\n实行“一票否决”，落实“一岗双责”，开展“一校一品”创建，编制“十四五”规划，"
        "开展“百日攻坚”行动，组织“十万师生健步走”，严格落实“第一议题”制度，"
        "重点抓好三项举措。\n"
    )
    assert f == {}


def test_unquoted_established_slogans_and_spelled_out_items():
    f = formulas(
        "标题\n严格落实三会一课制度。\n"
        "创建学习型、服务型、创新型的三型机关。\n"
        "要以“双减”为抓手，落实“三个到位”，即思想到位、措施到位、责任到位。\n"
    )
    assert f["三会一课"]["count"] == 4
    assert f["三型机关"]["items"] == ["学习型", "服务型", "创新型"]
    assert f["双减"]["count"] == 2
    assert f["三个到位"]["items"] == ["思想到位", "措施到位", "责任到位"]


def test_each_formula_once_at_its_first_occurrence():
    text = "标题\n落实“三个清单”。要把“三个清单”管理落到实处。\n"
    got = parse_text(text)["formulas"]
    assert len(got) == 1
    assert text[got[0]["start"] :].startswith("三个清单")


def test_formula_whose_opening_quote_was_lost():
    f = formulas("标题\n以十不准”为抓手，规范教师从教行为。\n")
    assert f["十不准"]["count"] == 10


def test_items_spelled_out_next_to_a_formula():
    f = formulas(
        "标题\n"
        "坚持“三不放过”，即原因不查清不放过、责任不落实不放过、整改不到位不放过。\n"
        "推行“四查四改”——查作风改作风、查纪律改纪律、查服务改服务、查效能改效能；\n"
        "建立“双提醒”机制，既提醒当事人，又提醒所在单位。\n"
        "以读好书、写好字、说好话为主的“三好”活动深入开展。\n"
        "完善督导、督学、监测三位一体的体系。\n"
        "落实“三重一大”事项，均做到集体研究，民主决策。\n"
    )
    assert f["三不放过"]["items"] == ["原因不查清不放过", "责任不落实不放过", "整改不到位不放过"]
    assert (f["四查四改"]["count"], len(f["四查四改"]["items"])) == (4, 4)
    assert f["双提醒"]["items"] == ["提醒当事人", "提醒所在单位"]
    assert f["三好"]["items"] == ["读好书", "写好字", "说好话"]
    assert (f["三位一体"]["count"], f["三位一体"]["items"]) == (3, ["督导", "督学", "监测"])
    assert f["三重一大"]["items"] == []  # what follows is not a list of its items
