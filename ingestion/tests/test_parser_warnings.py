"""Warnings: page chrome, digit-one loss, stray line breaks, placeholders, garbled text;
and robustness to full-width/half-width mixtures."""

from ingestion.parser import parse_text

CLEAN = (
    "在全市教育工作会议上的讲话\n"
    "同志们：\n"
    "部署2016年工作任务。去年全市新建学校11所，投入资金1.2亿元，入园率达到91%。\n"
    "一、重点任务\n"
    "（一）推进学校建设。各县区教育局要在10月底前完成12所学校的改扩建，"
    "确保2017年全部投入使用。\n"
    "（二）加强教师培训。全年培训教师1500余人次，每人每年不少于72学时。\n"
)


def codes(text: str) -> set[str]:
    return {w["code"] for w in parse_text(text)["warnings"]}


def test_clean_text_has_no_warnings():
    assert codes(CLEAN) == set()


def test_every_one_removed_is_flagged_and_clean_text_is_not():
    damaged = CLEAN.replace("1", "")
    r = parse_text(damaged)
    loss = [w for w in r["warnings"] if w["code"] == "digit_one_loss"]
    assert len(loss) == 1
    assert 0 <= loss[0]["start"] < len(damaged)
    assert "digit_one_loss" not in codes(CLEAN)
    # the meaning survives: 206年 → 2016, "0月底前" → 10月底前
    assert r["year"] == 2016
    assert [t["deadline"] for t in r["tasks"]] == ["2016-10-31"]


def test_text_without_any_digit_one_is_not_flagged():
    assert "digit_one_loss" not in codes("标题\n全县共有学校25所，教师3200名，学生4.6万人。\n")


def test_page_chrome_blocks():
    text = (
        "返回首页 | 站内搜索 | 网站地图\n"
        "您当前的位置：首页 >> 讲话稿\n"
        "在全县教育工作会议上的讲话\n"
        "发布时间：2020-03-02  浏览次数：328\n"
        "同志们：\n"
        "今年要重点抓好校园安全工作。全体教师要牢记安全责任。教育之家\n"
        "上一篇：关于做好春季开学工作的通知\n"
        "下一篇：全县教育系统党建工作要点\n"
        "免责声明：本站文章来源于网络。\n"
    )
    r = parse_text(text)
    chrome = [w for w in r["warnings"] if w["code"] == "page_chrome"]
    assert len(chrome) >= 3  # header block, watermark, footer block
    assert r["title"] == "在全县教育工作会议上的讲话"
    assert r["numbers"] == []  # 328 views is chrome
    starts = {text[w["start"] :][:4] for w in chrome}
    assert "返回首页" in starts and "教育之家" in starts and "上一篇：" in starts


def test_stray_linebreak():
    text = "标题行\n一、工作要求\n各学校要认真做好开学前的校舍安全检查，并建立隐患整\n改台账。\n"
    w = [x for x in parse_text(text)["warnings"] if x["code"] == "stray_linebreak"]
    assert w and text[w[0]["start"]] == "\n"
    assert "stray_linebreak" not in codes("标题行\n一、工作要求\n各学校要建立台账。\n")


def test_placeholders():
    assert "placeholder" in codes("标题\n副市长王xx同志出席会议。\n")
    assert "placeholder" in codes("标题\n学习《*市教育发展规划》。\n")
    assert "placeholder" in codes("标题\n会议传达了，、等领导同志的讲话精神。\n")
    assert "placeholder" not in codes("标题\n副市长王明同志出席会议。\n")


def test_garbled():
    assert "garbled" in codes("标题\n時(shí)間紧迫，要抓紧落实。\n")
    assert "garbled" in codes("标题\n会议于2024327召开。\n")
    assert "garbled" in codes("标题\n各校要在10月10前报送材料。\n")
    assert "garbled" in codes("标题\n鍏充簬鈥滀簲鏌モ€濈殑閫氱煡\n")
    assert "garbled" not in codes("标题\n会议于2024年3月27日召开，资金20240万元。\n")


def test_warning_codes_are_from_the_contract():
    allowed = {
        "page_chrome",
        "digit_one_loss",
        "stray_linebreak",
        "placeholder",
        "truncated",
        "encoding",
        "garbled",
    }
    for text in (
        CLEAN,
        CLEAN.replace("1", ""),
        "标题\n王xx要在5月10前完成，",
        "标题\n\ufffd\ufffd乱码",
    ):
        assert codes(text) <= allowed


def test_truncated_text():
    assert "truncated" in codes(
        "标题\n一、工作要求\n各学校要认真落实校园安全责任制，加强门卫管理，"
    )


SWAPS = str.maketrans(",:;()!?，：；（）！？", "，：；（）！？,:;()!?")


def test_full_and_half_width_mixtures_give_the_same_reading():
    text = (
        "一、重点工作\n"
        "(一)抓好安全。各学校要在9月10日前完成自查；市教育局将组织抽查。\n"
        "（二）落实“三个到位”，即思想到位、措施到位、责任到位，覆盖率达到95%。\n"
    )
    swapped = text.translate(SWAPS)
    assert len(swapped) == len(text)
    a, b = parse_text(text, year=2026), parse_text(swapped, year=2026)
    assert [(h["level"], h["start"]) for h in a["outline"]] == [
        (h["level"], h["start"]) for h in b["outline"]
    ]
    assert [(t["source"], t["owners"], t["deadline"]) for t in a["tasks"]] == [
        (t["source"], t["owners"], t["deadline"]) for t in b["tasks"]
    ]
    assert [(n["start"], n["value"]) for n in a["numbers"]] == [
        (n["start"], n["value"]) for n in b["numbers"]
    ]
    assert [f["text"] for f in a["formulas"]] == [f["text"] for f in b["formulas"]]
    for t in b["tasks"]:
        assert swapped[t["source"]["start"] : t["source"]["end"]] == t["text"]


def test_lost_list_numbers_on_indented_lines_are_a_sign_of_digit_loss():
    text = (
        "标题\n　　一、重点工作\n　　、加强安全管理。各校要配齐保安2名。\n　　2、完善应急预案。\n"
    )
    assert "digit_one_loss" in codes(text)


def test_year_from_the_meeting_name():
    assert parse_text("——在2026年全市教育工作会议上的讲话\n")["year"] == 2026
    assert parse_text("在2025年工作总结暨2026年工作部署会上的讲话\n")["year"] == 2026


def test_a_site_name_line_is_chrome_not_the_title():
    r = parse_text("公文易文秘资源网\n在全县教师节表彰大会上的讲话\n同志们：\n")
    assert r["title"] == "在全县教师节表彰大会上的讲话"
    assert "page_chrome" in {w["code"] for w in r["warnings"]}


def test_stray_linebreak_early_in_a_sentence_but_not_after_a_name_line():
    assert "stray_linebreak" in codes(
        "标题行\n为切实做好春季学期校\n园安全工作，现将有关事项通知如下：\n"
    )
    assert "stray_linebreak" not in codes(
        "在全县教育工作会议上的讲话\n县教育局局长 王某\n今天，我们召开会议。\n"
    )


def test_replacement_characters_are_an_encoding_problem():
    assert codes("标题\n各学校要\ufffd\ufffd建立台账。\n") == {"encoding"}
