"""Deadlines: the phrase as written, resolved only when the year (or the date) is evidenced."""

import pytest

from ingestion.parser import parse_text


def first_task(body: str, *, header: str = "", year: int | None = None) -> dict:
    text = f"{header}一、工作安排\n{body}\n"
    tasks = parse_text(text, year=year)["tasks"]
    assert tasks, body
    return tasks[0]


@pytest.mark.parametrize(
    ("body", "phrase", "iso"),
    [
        ("各学校要在5月17日前完成自查。", "5月17日前", "2026-05-17"),
        ("各县区要于8月底前完成校舍维修。", "8月底前", "2026-08-31"),
        ("年底前，要全面完成学位扩容任务。", "年底前", "2026-12-31"),
        ("要在年内建成智慧校园平台。", "年内", "2026-12-31"),
        ("上半年要完成教师招聘工作。", "上半年", "2026-06-30"),
        ("下半年要启动新校区建设。", "下半年", "2026-12-31"),
        ("各校要在9月中旬前完成分班。", "9月中旬前", "2026-09-20"),
        ("今年，要重点推进集团化办学。", "今年", "2026-12-31"),
        ("要确保在2027年底前全部通过验收。", "2027年底前", "2027-12-31"),
        ("力争到2028年，全县义务教育学校全部达标。", "2028年", "2028-12-31"),
        ("各校要在第三季度末完成设备采购。", "第三季度末", "2026-09-30"),
        ("各校要在9月前完成教室改造。", "9月前", "2026-08-31"),
    ],
)
def test_phrases_resolve_against_an_evidenced_year(body, phrase, iso):
    task = first_task(body, header="部署2026年教育工作任务。\n")
    assert task["deadline_text"] == phrase
    assert task["deadline"] == iso


def test_without_year_evidence_the_deadline_stays_null():
    task = first_task("各学校要在5月17日前完成自查。")
    assert task["deadline_text"] == "5月17日前"
    assert task["deadline"] is None


def test_explicit_year_resolves_without_document_year():
    task = first_task("要确保在2027年底前全部通过验收。")
    assert task["deadline"] == "2027-12-31"


def test_year_argument_overrides():
    task = first_task("各县区要于8月底前完成校舍维修。", year=2030)
    assert task["deadline"] == "2030-08-31"


def test_term_and_next_week_need_the_date_of_the_text():
    header = "在秋季开学工作会议上的讲话\n（2025年9月3日）\n"
    term = first_task("本学期内，要实现课后服务全覆盖。", header=header)
    assert (term["deadline_text"], term["deadline"]) == ("本学期内", "2026-01-31")
    week = first_task("各校要在下周完成开学安全检查。", header=header)
    assert (week["deadline_text"], week["deadline"]) == ("下周", "2025-09-14")
    undated = first_task("各校要在下周完成开学安全检查。", header="部署2025年工作。\n")
    assert (undated["deadline_text"], undated["deadline"]) == ("下周", None)


def test_phrases_that_only_name_a_period_are_not_deadlines():
    r = parse_text(
        "部署2026年教育工作任务。\n一、工作安排\n要对照今年确定的目标任务逐项推进。\n"
        "要认真办好2026年教育宣传周活动。\n要每月报送一次工作进展。\n"
    )
    assert [t["deadline_text"] for t in r["tasks"]] == [None, None, None]


def test_year_evidence_from_the_text_and_page_stamps():
    assert parse_text("回顾2015年工作，部署新一年任务。")["year"] == 2016
    assert parse_text("部署2016年工作任务。")["year"] == 2016
    stamped = "发布时间:2014-03-02\n标题在此\n2012年以来，我们坚持开展读书活动。\n"
    assert parse_text(stamped)["year"] == 2014
    # an upload stamp alone is not evidence
    assert parse_text("时间:2022-12-05 10:16:00\n标题在此\n今年要抓好三项工作。\n")["year"] is None


def test_digit_one_loss_years_keep_their_meaning():
    text = (
        "部署206年工作任务，回顾205年工作。\n"
        "一、重点任务\n"
        "截止206年底，四方湖区、北山区通过评估验收。\n"
        "东城县在207年通过国家验收。\n"
        "全市投入资金208万元，新建学校20所，改造0所。\n"
    )
    r = parse_text(text)
    assert r["year"] == 2016
    assert any(w["code"] == "digit_one_loss" for w in r["warnings"])
    by_text = {t["deadline_text"]: t for t in r["tasks"]}
    assert by_text["206年底"]["deadline"] == "2016-12-31"
    assert by_text["206年底"]["owners"] == ["四方湖区", "北山区"]
    assert by_text["207年"]["deadline"] == "2017-12-31"
    assert by_text["207年"]["owners"] == ["东城县"]


def test_stated_date_of_the_document():
    r = parse_text(
        "关于做好暑期安全工作的通知\n市教〔2026〕15号\n正文。\n市教育局\n2026年6月28日\n"
    )
    assert r["date"] == "2026-06-28"
    assert r["year"] == 2026
    assert r["doc_number"] == "市教〔2026〕15号"


def test_school_calendar_events_are_kept_without_a_date():
    task = first_task("各校要在开学前完成校舍安全排查。", header="部署2026年工作。\n")
    assert (task["deadline_text"], task["deadline"]) == ("开学前", None)


def test_date_in_a_subtitle_line():
    r = parse_text("标题\n——2016年3月5日在全市教育工作会议上的讲话\n同志们：\n")
    assert (r["date"], r["year"]) == ("2016-03-05", 2016)
    assert parse_text("标题\n会议于2024年3月27日召开。\n")["date"] is None


def test_document_number_above_the_title():
    r = parse_text("市教〔2026〕15号\n关于做好暑期安全工作的通知\n各学校：\n")
    assert (r["title"], r["doc_number"]) == ("关于做好暑期安全工作的通知", "市教〔2026〕15号")


def test_day_lost_with_its_ones():
    text = "部署209年工作任务。\n一、重点工作\n各学校要在9月日前完成改造，在0月0日前完成验收。\n"
    r = parse_text(text)
    assert any(w["code"] == "digit_one_loss" for w in r["warnings"])
    assert r["tasks"][0]["deadline"] == "2019-09-01"
    assert r["tasks"][0]["deadline_text"] == "9月日前"
