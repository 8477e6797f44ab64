"""Headings: markers of every kind, nesting levels, run-in headings, lost markers."""

import pytest

from ingestion.parser import parse_text


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(h["level"], h["number"], h["text"]) for h in parse_text(text)["outline"]]


def test_three_levels_of_standalone_and_run_in_headings():
    text = (
        "关于推进集团化办学的实施意见\n"
        "一、总体要求\n"
        "坚持公平优先，推动优质资源共享。\n"
        "二、主要措施\n"
        "（一）组建教育集团。各县区教育局要在城区学校中遴选龙头学校。\n"
        "1.明确集团章程。各集团要制定章程。\n"
        "2、建立联席会议制度。集团每学期至少召开两次联席会议。\n"
        "（二）推进师资流动\n"
        "集团内教师交流比例不低于10%。\n"
    )
    assert outline(text) == [
        (1, "一、", "总体要求"),
        (1, "二、", "主要措施"),
        (2, "（一）", "组建教育集团"),
        (3, "1.", "明确集团章程"),
        (3, "2、", "建立联席会议制度"),
        (2, "（二）", "推进师资流动"),
    ]


@pytest.mark.parametrize(
    ("line", "number", "body"),
    [
        ("(一)抓好校园安全", "(一)", "抓好校园安全"),
        ("（三）抓好校园安全", "（三）", "抓好校园安全"),
        ("(2)落实值班制度", "(2)", "落实值班制度"),
        ("3.规范办学行为", "3.", "规范办学行为"),
        ("4、规范办学行为", "4、", "规范办学行为"),
        ("②完善考核办法", "②", "完善考核办法"),
        ("1）完善考核办法", "1）", "完善考核办法"),
        ("⑵完善考核办法", "⑵", "完善考核办法"),
        ("三．完善考核办法", "三．", "完善考核办法"),
    ],
)
def test_marker_kinds(line, number, body):
    heads = parse_text(f"标题行文字示例\n{line}\n正文内容在这里。\n")["outline"]
    assert [(h["number"], h["text"]) for h in heads] == [(number, body)]


def test_ordinal_run_in_headings_take_the_first_sentence():
    text = (
        "同志们：\n"
        "一是加强组织领导。局党组要定期研究部署。\n"
        "二是强化督促检查。督查组要每月通报一次进展。\n"
    )
    assert outline(text) == [(1, "一是", "加强组织领导"), (1, "二是", "强化督促检查")]


def test_yao_shi_yao_di_and_sequence_markers():
    text = (
        "一要提高认识，把安全放在首位。全体干部要绷紧安全这根弦。\n"
        "二要压实责任。\n"
        "第一，完善制度。要修订应急预案。\n"
        "第二个方面，加强演练。各校每学期开展两次疏散演练。\n"
        "首先，摸清底数。要逐校建立台账。\n"
        "其次，补齐短板。要加大投入。\n"
    )
    got = outline(text)
    assert (1, "一要", "提高认识，把安全放在首位") in got
    assert (1, "二要", "压实责任") in got
    assert any(n == "第一，" and t == "完善制度" for _, n, t in got)
    assert any(n == "第二个方面，" and t == "加强演练" for _, n, t in got)
    assert any(n == "首先，" and t == "摸清底数" for _, n, t in got)
    assert any(n == "其次，" for _, n, t in got)


def test_level_is_nesting_depth_not_marker_type():
    text = "一、加强领导\n1、成立专班\n专班由分管领导牵头。\n2、明确分工\n二、强化保障\n"
    assert outline(text) == [
        (1, "一、", "加强领导"),
        (2, "1、", "成立专班"),
        (2, "2、", "明确分工"),
        (1, "二、", "强化保障"),
    ]


def test_inline_ordinals_are_not_headings():
    text = (
        "一、存在的问题\n主要表现在：一是经费投入不足。二是师资结构不合理。三是信息化水平不高。\n"
    )
    assert outline(text) == [(1, "一、", "存在的问题")]


def test_run_in_marker_after_a_broken_line_is_not_a_heading():
    # a stray line break lands just before "一要"; the line continues the sentence above
    text = "一、工作要求\n各学校要按照全市统\n一要求做好招生工作。\n"
    assert outline(text) == [(1, "一、", "工作要求")]


def test_list_whose_first_number_was_lost_is_repaired():
    text = (
        "（一）深化课程改革\n"
        "加强课堂教学改革。要推广小组合作学习。\n"
        "2推进作业管理改革。要控制作业总量。\n"
        "3加强教研工作。\n"
    )
    assert outline(text) == [
        (1, "（一）", "深化课程改革"),
        (2, "", "加强课堂教学改革"),
        (2, "2", "推进作业管理改革"),
        (2, "3", "加强教研工作"),
    ]


def test_number_marker_without_its_digit():
    text = "一、重点任务\n、开展安全排查。要逐校检查。\n2、完善应急预案。\n"
    got = outline(text)
    assert got[1] == (2, "、", "开展安全排查")
    assert got[2] == (2, "2、", "完善应急预案")


def test_a_number_with_a_unit_at_line_start_is_not_a_heading():
    text = "二、基本情况\n3所学校完成改造。\n2016年全县投入资金800万元。\n"
    assert outline(text) == [(1, "二、", "基本情况")]


def test_heading_start_is_the_marker_offset():
    text = "标题\n\n  二、加强队伍建设\n"
    h = parse_text(text)["outline"][0]
    assert text[h["start"] :].startswith("二、加强队伍建设")


def test_paragraph_listing_its_own_siblings_is_an_inline_list():
    text = "二、存在的问题\n一是经费保障不到位；二是师资配备不均衡。对此要高度重视。\n"
    assert outline(text) == [(1, "二、", "存在的问题")]


def test_part_headings():
    text = "第一部分 总体要求\n要坚持问题导向。\n第二部分 重点任务\n一、加强党建\n"
    assert outline(text) == [
        (1, "第一部分 ", "总体要求"),
        (1, "第二部分 ", "重点任务"),
        (2, "一、", "加强党建"),
    ]


def test_grade_lists_are_not_headings():
    text = "一、重点工作\n一、二年级不布置书面家庭作业。\n二、保障措施\n"
    assert outline(text) == [(1, "一、", "重点工作"), (1, "二、", "保障措施")]
