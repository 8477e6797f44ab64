"""Tasks: which sentences are directives, their spans, ；-splitting and sections."""

from ingestion.parser import parse_text

PLAN = (
    "全区教育系统安全工作会议讲话\n"
    "同志们：\n"
    "今天召开这次会议，主要是部署下一阶段安全工作。下面，我讲两点意见。\n"
    "一、前一阶段工作回顾\n"
    "去年以来，全区共排查隐患120处，整改完成率达到96%。各学校都建立了安全台账。\n"
    "二、下一阶段重点任务\n"
    "（一）抓好隐患排查\n"
    "各学校要每月开展一次安全检查；各县区教育局要建立隐患整改台账；"
    "市教育局将组织专项督查。\n"
    "安全工作是一项长期任务。\n"
    "（二）加强应急演练\n"
    "要完善应急预案，每学期至少组织两次疏散演练。\n"
    "同志们，安全工作责任重大，让我们共同努力！\n"
)


def test_directives_are_tasks_and_history_is_not():
    tasks = parse_text(PLAN)["tasks"]
    texts = [t["text"] for t in tasks]
    assert "各学校要每月开展一次安全检查；" in texts
    assert "各县区教育局要建立隐患整改台账；" in texts
    assert "市教育局将组织专项督查。" in texts
    assert "要完善应急预案，每学期至少组织两次疏散演练。" in texts
    assert not any("去年以来" in t or "建立了安全台账" in t for t in texts)
    assert not any("长期任务" in t for t in texts)  # a statement, not a directive
    assert not any("共同努力" in t for t in texts)  # the closing words


def test_task_text_is_the_source_span():
    r = parse_text(PLAN)
    for t in r["tasks"]:
        assert PLAN[t["source"]["start"] : t["source"]["end"]] == t["text"]


def test_section_is_the_last_heading_before_the_task():
    r = parse_text(PLAN)
    heads = r["outline"]
    for t in r["tasks"]:
        sec = t["section"]
        assert sec is not None
        assert heads[sec]["start"] <= t["source"]["start"]
        if sec + 1 < len(heads):
            assert heads[sec + 1]["start"] > t["source"]["start"]
    drill = next(t for t in r["tasks"] if "疏散演练" in t["text"])
    assert heads[drill["section"]]["text"] == "加强应急演练"


def test_bare_imperatives_in_a_work_plan_section():
    text = (
        "一、今年主要工作\n"
        "（一）提升课堂质量\n"
        "推广分层教学。完善教研制度，健全听评课机制。"
        "初中阶段重点抓好学科融合；小学阶段着力培养阅读习惯。\n"
    )
    texts = [t["text"] for t in parse_text(text)["tasks"]]
    assert texts == [
        "推广分层教学。",
        "完善教研制度，健全听评课机制。",
        "初中阶段重点抓好学科融合；",
        "小学阶段着力培养阅读习惯。",
    ]


def test_attitude_only_definitions_and_rhetoric_are_not_tasks():
    text = (
        "一、做好下半年工作\n"
        "全体干部要进一步提高政治站位，增强责任意识。\n"
        "所谓“三个到位”，就是要思想到位、措施到位、责任到位。\n"
        "总的要求是：稳中求进、提质增效。\n"
        "这样的问题不解决，怎么向群众交代？\n"
        "总书记强调，要把教育摆在优先发展的战略位置。\n"
        "我们必须清醒地看到工作中存在的差距。\n"
        "要在11月底前完成校舍维修项目验收。\n"
    )
    texts = [t["text"] for t in parse_text(text)["tasks"]]
    assert texts == ["要在11月底前完成校舍维修项目验收。"]


def test_review_and_problem_sections_keep_only_dated_targets():
    text = (
        "一、存在的主要问题\n"
        "部分学校安全意识淡薄，要高度重视。"
        "城北新区两所学校计划在9月底前建成投用，目前进度滞后。\n"
        "二、过去一年主要成绩\n"
        "全县组织了三次联合检查，要求各校完成整改。\n"
    )
    texts = [t["text"] for t in parse_text(text)["tasks"]]
    assert texts == ["城北新区两所学校计划在9月底前建成投用，目前进度滞后。"]


def test_heading_is_a_task_when_dated_or_naming_its_agent():
    text = (
        "二、近期重点工作\n"
        "1.各县区教育局要建立校舍安全台账。\n"
        "2.召开家长座谈会（6月30日前完成）。\n"
        "3.加强家校沟通\n"
        "要畅通家长反映问题的渠道。\n"
    )
    tasks = parse_text(text)["tasks"]
    texts = [t["text"] for t in tasks]
    assert "各县区教育局要建立校舍安全台账。" in texts
    assert "召开家长座谈会（6月30日前完成）。" in texts
    assert "加强家校沟通" not in texts
    first = tasks[texts.index("各县区教育局要建立校舍安全台账。")]
    assert first["owners"] == ["各县区教育局"]
    assert first["section"] == 1


def test_semicolons_split_tasks_in_both_widths():
    for semi in ("；", ";"):
        text = f"一、工作要求\n要加强统筹{semi}要压实责任{semi}要严格考核。\n"
        texts = [t["text"] for t in parse_text(text)["tasks"]]
        assert texts == [f"要加强统筹{semi}", f"要压实责任{semi}", "要严格考核。"]


def test_request_clause_is_a_task_even_in_the_preamble():
    text = (
        "同志们：\n"
        "上周，市政府印发了《校园安全三年行动方案》，请各单位认真抓好落实。下面我讲三点。\n"
        "一、提高认识\n"
    )
    tasks = parse_text(text)["tasks"]
    assert [t["text"] for t in tasks] == ["请各单位认真抓好落实。"]
    assert tasks[0]["owners"] == ["各单位"]


def test_a_sentence_broken_by_a_stray_line_break_stays_one_task():
    text = "一、工作安排\n各学校要在开学前完成校舍安全检\n\n查，并建立整改台账。\n"
    tasks = parse_text(text)["tasks"]
    assert len(tasks) == 1
    assert tasks[0]["text"] == "各学校要在开学前完成校舍安全检\n\n查，并建立整改台账。"


def test_experience_report_has_no_tasks():
    text = (
        "我们的主要做法是：\n"
        "一、强化学习制度\n"
        "我们坚持每周集中学习一次，要求每名党员撰写学习笔记。\n"
        "二、加强队伍建设\n"
        "通过组织专题培训，提升了干部的业务能力。\n"
    )
    assert parse_text(text)["tasks"] == []


def test_framing_sections_of_a_plan_hold_no_tasks():
    text = (
        "一、指导思想\n"
        "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针。\n"
        "二、工作目标\n"
        "全县学前三年毛入园率达到92%以上。\n"
        "三、主要任务\n"
        "新建公办幼儿园5所，新增学位1200个。\n"
    )
    texts = [t["text"] for t in parse_text(text)["tasks"]]
    assert texts == ["新建公办幼儿园5所，新增学位1200个。"]


def test_report_titles_and_past_tense_sections_are_reviews():
    text = (
        "县实验小学关于开展书香校园建设工作的情况汇报\n"
        "一、加强组织领导\n"
        "学校成立了读书活动领导小组，制定了实施方案。\n"
        "二、丰富读书活动\n"
        "坚持每天晨读20分钟，每学期开展一次读书节活动。\n"
        "三、下一步打算\n"
        "我们将继续完善阅读评价机制，力争在年底前建成智慧图书馆。\n"
    )
    texts = [t["text"] for t in parse_text(text)["tasks"]]
    assert texts == ["我们将继续完善阅读评价机制，力争在年底前建成智慧图书馆。"]
    past = (
        "一、主要工作\n"
        "（一）课程建设\n"
        "我们开发了校本课程12门。组建了课程研发团队。编写了配套教材。\n"
    )
    assert parse_text(past)["tasks"] == []


def test_text_without_headings_keeps_directives_with_agents_or_modals():
    text = (
        "关于报送学生体质健康数据的通知\n"
        "各县区教育局：\n"
        "现将有关事项通知如下。各学校要于5月10日前报送测试数据。各县区教育局要加强审核把关。"
        "去年全市学生体质合格率达到92%。我们要高度重视。\n"
    )
    tasks = parse_text(text)["tasks"]
    assert [(t["text"], t["owners"]) for t in tasks] == [
        ("各学校要于5月10日前报送测试数据。", ["各学校"]),
        ("各县区教育局要加强审核把关。", ["各县区教育局"]),
    ]
