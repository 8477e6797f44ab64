"""Tasks: the actionable directives of a speech or plan, one sentence or ;-clause each.

Each section gets a mode from its heading and from the lead-in sentence that introduces its
group of headings: ``review`` (what was done), ``problem``, ``meaning`` (why it matters) or
``directive`` (what to do).  In a directive section every sentence that reads as a directive
is a task unless it is rhetoric, history, a definition, a statistic, an attitude-only
exhortation or a lead-in.  Elsewhere only a concrete target with a deadline, or a 请… request,
is a task.  Headings are tasks when they carry a deadline or name their agent.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from . import deadlines, owners
from .layout import Paragraph
from .outline import Heading

REVIEW, PROBLEM, MEANING, DIRECTIVE = "review", "problem", "meaning", "directive"
NEUTRAL = "neutral"  # the text before the first heading
FLAT = "flat"  # a text without any heading

_HEAD_REVIEW = re.compile(
    r"回顾|基本情况|主要成绩|成效|成绩|做法|经验|体会|取得(了|的)|进展|有新|开展情况|完成情况|工作情况|总结"
)
# a heading that asks for results ("确保…取得实效") is not a review of results
_HEAD_ASKS = re.compile(r"确保|力争|务求|争取|(?<![主重需纲只首提])要(?![求素点])")
_HEAD_PROBLEM = re.compile(
    r"存在.{0,8}问题|问题.{0,4}不足|不足|差距|短板|薄弱环节|面临的.{0,6}(问题|困难)"
)
_HEAD_MEANING = re.compile(
    r"^这是|意义|重要性|必要性|紧迫性|站位|思想认识|提高认识|统一思想"
    # framing sections of a plan: principles and targets, not assignments
    r"|^(指导思想|基本原则|总体要求|总体思路|工作思路|工作目标|总体目标|主要目标|发展目标|目标任务)$"
)
_HEAD_DIRECTIVE = re.compile(
    r"任务|要求|安排|部署|措施|意见|重点|做好|抓好|扎实|推进|加强|实施|开展|组织|落实|建立|完善|确保|强化|"
    r"深化|提升|提高|推动|着力|规范|保障|坚持|优化|注重|实施|聚焦|力戒|营造|发展|建设|"
    r"下一步|下步|今后|打算|计划|思路"
)
_LEAD_REVIEW = re.compile(r"做法|经验|体会|成效|成绩|表现在|体现在|情况|回顾|取得")
_LEAD_DIRECTIVE = re.compile(r"做好|抓好|工作|意见|要求|任务|强调|部署|安排|几点|措施|建议")
_LEADIN = re.compile(r"(以下|如下|下面)")
# "重点抓好四项工程", "抓好三个环节": a sentence that announces the headings that follow
_ANNOUNCE = re.compile(
    r"(抓好|做好|突出|把握|实施|推进|强调|讲)[^,。;]{0,2}[一二两三四五六七八九十几]+(项|个|方面|点|件|大|条)"
    r"[\u4e00-\u9fff]{0,4}(?:[:。]?$|,确保)"
)

# --- sentence level -----------------------------------------------------------------------
_MODAL = re.compile(
    r"(?<![重主需纲只首提摘紧必概简扼])要(?![求素点件闻害领务紧])|必须|务必|须|应当|应该|(?<![适相反响对])应(?![用急该对])"
    r"|(?<![即])将(?![来近军])|确保|不得|严禁|禁止|杜绝|请|力争|争取|负责|切实|坚决|决不"
)
_ADVERB_START = re.compile(
    r"^(?:进一步|继续|切实|积极|全面|大力|着力|坚决|深入|扎实|认真|努力|重点|尤其要|特别要|同时|此外|另外|"
    r"主动|及时|定期|经常性地|有计划|严格|依法|加快|加大|持续|不断|抓紧|尽快|率先|全力|稳步|适度|统一|分类|"
    r"充分|高度重视并|按照|根据|围绕|结合|针对|通过|借助|依托|利用|以|在|对于|对|为|把|将|用|要|由)"
)
_VERB_START = re.compile(
    r"^(?:加强|推进|深化|完善|建立|健全|落实|开展|实施|组织|召开|制定|推动|强化|提高|提升|规范|抓好|做好|办好|"
    r"新建|改建|扩建|改扩建|新增|建成|招聘|"
    r"搞好|扩大|坚持|突出|明确|创新|构建|发挥|鼓励|引导|支持|扶持|巩固|优化|整合|统筹|探索|培养|促进|确保|"
    r"保障|解决|防止|杜绝|贯彻|选派|发展|聚焦|畅通|设立|开通|组建|编印|举办|选取|修订|出台|采取|实行|推行|"
    r"推广|搭建|打造|建设|配齐|开齐|开足|严把|把好|抓|树立|弘扬|倡导|宣传|挖掘|回应|关注|简化|减少|严控|"
    r"增强|形成|营造|注重|力戒|做到|实现|完成|启动|部署|研究|细化|压实|夯实|拓展|丰富|提供|保证|维护|化解|"
    r"排查|整治|治理|清理|纠正|查处|追究|督促|检查|评估|考核|审核|审批|申报|报送|上报|征求|召集|收集|梳理|"
    r"调整|配备|补充|招聘|培训|轮训|安排|协调|指导|帮助|推荐|申请|争创|创建|评选|表彰|奖励|处理|严肃|"
    r"请|务必|必须|不得|严禁|禁止|继续|进一步)"
)
# a topic then an adverb of effort: 小学阶段重点强化…, 各地要…
_TOPIC_THEN_ACT = re.compile(r"^[^,;]{1,8}?(?:重点|着力|大力|切实|全面|进一步|认真|积极|努力)")
_ASPECT_LE = re.compile(r"(?<![为除])了(?![解然结如不得])")
_PAST = re.compile(r"已经|已(?![知有])|以来|去年|前段时间|过去|曾经|此前")
_DEFINITION = re.compile(
    r"^即[:,]?|^也就是|就是要|就是|就必须|才能|是[:]|为[:]|总的要求是|总体思路是"
)
_STATEMENT_START = re.compile(
    r"^(?:应该说|可以说|当前,|目前,|近年来|多年来|近期以来|近一段时间|总之|但是?|然而|这些|这|那|同志们|"
    r"我们有|下面|今天|据统计|数据显示|从.{0,12}(?:看|来看),)"
    # reported words of leaders and documents: 总书记强调,…
    r"|^[^,]{0,12}(?:总书记|主席|总理|同志|领导|中央|文件|纲要|意见)[^,]{0,6}(?:指出|强调|讲到|提出)"
    r"|^[市区县省州][委政][府]?(?:、[市区县省州][委政][府]?)?[^,]{0,6}(?:高度|十分|非常)(?:重视|关注)"
)
_RHETORIC = re.compile(r"何在|难道|岂|吗[?!]|呢[?!]|[?]$")
_EVALUATIVE = re.compile(
    r"十分(繁重|艰巨|重要|必要|紧迫|严峻|突出)|很大|很重|严峻|不容乐观|至关重要|正在|关键在于|在于|重在"
)
_EXTERNAL = re.compile(r"^(?:[^,]{0,4},)?(?:全国|国家|中央|国务院|省委|省政府|省教育厅|省)")
_ATTITUDE = re.compile(
    r"下功夫|下好.{0,2}功夫|落脚点|转化为|核心在|关键在|精气神|政治站位|统一思想|提高认识|增强.{0,8}意识|"
    r"引起.{0,8}重视|高度重视|加以改进|坚持.{0,6}导向|贯穿.{0,6}始终|充分认识|深刻认识|清醒认识|"
    r"深刻领会|准确把握|(?:增强|强化|树立)[^,。]{0,4}(?:责任感|使命感|紧迫感)|"
    r"清醒地?(?:看到|认识到|意识到)"
)
_OBJECT = re.compile(
    r"会议|生活会|座谈会|推进会|例会|大会|方案|计划|清单|机制|制度|检查|督查|督导|培训|文件|活动|"
    r"台账|平台|专栏|队伍|体系|工程|项目|报告|规划|标准|考核|评估|验收|整治|行动|调研|宣讲|案例|材料|"
    r"课程|资金|经费|学校|幼儿园|网络|数据库|档案|阵地|热线|渠道|办法|细则|目标|指标"
)
_IS = re.compile(r"(?<![就还或而总但于凡只正更也都一二三四五六七八九十要])是(?!否|非|[:])")
_REQUEST = re.compile(r"(?<=[,;:])\s*请")


@dataclass
class Section:
    """A heading with its mode and whether it has child headings."""

    mode: str
    has_children: bool


def _head_mode(text: str) -> str | None:
    if _HEAD_REVIEW.search(text) and not _HEAD_ASKS.search(text):
        return REVIEW
    if _HEAD_PROBLEM.search(text) and not re.match(r"^(解决|着力|整改|破解|补齐)", text):
        return PROBLEM
    if _HEAD_MEANING.search(text):
        return MEANING
    return None


def _lead_mode(sentence: str) -> str | None:
    """Mode announced by a lead-in; None when it announces both (工作情况和工作安排)."""
    review = bool(_LEAD_REVIEW.search(sentence) or _ASPECT_LE.search(sentence))
    directive = bool(_LEAD_DIRECTIVE.search(sentence))
    if review == directive:
        return None
    return REVIEW if review else DIRECTIVE


def section_modes(
    s: str, heads: list[Heading], paras: list[Paragraph], root: str = DIRECTIVE
) -> list[Section]:
    """Mode of every heading: own wording first, then the lead-in of its group, then its parent.

    ``root`` is the mode of a top-level heading that says nothing of itself (see ``doc_mode``).
    A section told in the past tense (most sentences with 了) is a review whatever its heading.
    """
    modes: list[Section] = []
    open_heads: list[int] = []  # the chain of headings enclosing the current one
    group_first: dict[int, int] = {}  # level -> first heading of the current sibling group
    for k, h in enumerate(heads):
        while open_heads and heads[open_heads[-1]].level >= h.level:
            open_heads.pop()
        parent = open_heads[-1] if open_heads else None
        for lvl in [x for x in group_first if x > h.level]:
            del group_first[lvl]
        if h.level not in group_first or h.value == 1:
            group_first[h.level] = k  # a list that restarts at 1 is a new group
        first_sibling = group_first[h.level]
        open_heads.append(k)
        lead = _leadin_before(s, heads, paras, first_sibling, parent)
        mode = _head_mode(h.text)
        if mode is None and parent is not None and modes[parent].mode != DIRECTIVE:
            mode = modes[parent].mode
        if mode is None and lead:
            mode = _lead_mode(lead)
        if mode is None and _HEAD_DIRECTIVE.search(h.text):
            mode = DIRECTIVE
        if mode is None:
            mode = modes[parent].mode if parent is not None else root
        has_children = k + 1 < len(heads) and heads[k + 1].level > h.level
        if mode == DIRECTIVE and not has_children and _told_in_past(s, heads, paras, k):
            mode = REVIEW
        modes.append(Section(mode, has_children))
    return modes


_REPORT_TITLE = re.compile(r"汇报|总结|经验|做法|情况|材料|事迹|成效|纪实|巡礼")
_DIRECTIVE_TITLE = re.compile(
    r"讲话|讲稿|通知|方案|要点|意见|计划|安排|部署|决定|办法|细则|规定|动员"
)
PAST_SHARE = 0.6


def doc_mode(title: str | None) -> str:
    """Default mode of top-level sections: review for reports (经验材料, 情况汇报), else directive."""
    if title and _REPORT_TITLE.search(title) and not _DIRECTIVE_TITLE.search(title):
        return REVIEW
    return DIRECTIVE


def _told_in_past(s: str, heads: list[Heading], paras: list[Paragraph], k: int) -> bool:
    """True when at least 3 sentences of a section's own text and most of them use 了."""
    h = heads[k]
    stop = heads[k + 1].para if k + 1 < len(heads) else len(paras)
    sents = [
        (a, b)
        for p in range(h.para, max(stop, h.para + 1))
        for a, b in paras[p].sentences
        if a >= h.text_end
    ]
    if len(sents) < 3:
        return False
    past = sum(1 for a, b in sents if _ASPECT_LE.search(s, a, b))
    return past / len(sents) >= PAST_SHARE


def _leadin_before(
    s: str, heads: list[Heading], paras: list[Paragraph], k: int, parent: int | None
) -> str | None:
    """The last sentence before heading ``k`` when it introduces the headings that follow."""
    pi = heads[k].para
    lo_para = heads[parent].para if parent is not None else -1
    for p in range(pi - 1, lo_para, -1):
        sents = paras[p].sentences
        if not sents:
            continue
        a, b = sents[-1]
        sent = s[a:b]
        if sent.rstrip().endswith(":") or _LEADIN.search(sent):
            return sent
        return None
    return None


@dataclass
class _Ctx:
    text: str
    s: str
    year: int | None
    date: str | None
    digit_loss: bool


def _owners_and_deadline(c: _Ctx, a: int, b: int) -> tuple[list[str], deadlines.Deadline | None]:
    return owners.find(c.text, c.s, a, b), deadlines.find(c.s, a, b, c.year, c.date, c.digit_loss)


def _task(c: _Ctx, a: int, b: int, own: list[str], dl: deadlines.Deadline | None) -> dict[str, Any]:
    return {
        "text": c.text[a:b],
        "owners": own,
        "deadline": dl.iso if dl else None,
        "deadline_text": c.text[dl.start : dl.end] if dl else None,
        "section": None,
        "source": {"start": a, "end": b},
    }


def _is_history(sent: str, own: list[str]) -> bool:
    if _ASPECT_LE.search(sent) and not ("已" in sent and own):
        return True
    if _PAST.search(sent) and not own:
        return True
    return bool(re.match(r"^(去年|目前|近年来|多年来)", sent))


_DUTY_MODAL = re.compile(r"(?<![重主需纲只首提摘紧必概])要(?![求素点])|必须|务必|应当")


def _main_is(sent: str) -> bool:
    """True when the sentence's main verb is 是 followed by a description, not an action."""
    m = _IS.search(sent)
    if not m:
        return False
    before = sent[: m.start()]
    if _MODAL.search(before):
        return False
    rest = sent[m.end() :]
    comma = rest.find(",")
    if comma >= 0 and _DUTY_MODAL.search(rest, comma):
        return False  # 校长是第一责任人,要亲自部署: a role, then a directive
    return not _VERB_START.match(rest.lstrip())


def directive_sentence(sent: str, own: list[str], has_deadline: bool) -> bool:
    """True when a sentence of a directive section assigns work (the rules of the module doc)."""
    body = sent.strip()
    if not body:
        return False
    if (
        body.endswith(":")
        or _LEADIN.search(body)
        and re.search(r"方面|几点|工作|意见|环节|步骤", body)
    ):
        return False
    if _ANNOUNCE.search(body):
        return False
    if _DEFINITION.search(body) or _STATEMENT_START.match(body) or _RHETORIC.search(body):
        return False
    if _is_history(body, own):
        return False
    if _EVALUATIVE.search(body) and not _MODAL.search(body):
        return False
    if _main_is(body) and not own:
        return False
    if re.match(r"^把", body) and "作为" in body and not _MODAL.search(body):
        return False
    if _EXTERNAL.match(body) and not re.search(r"要|必须|务必", body):
        return False
    if _ATTITUDE.search(body) and not _OBJECT.search(_ATTITUDE.sub("", body)):
        return False
    if body.endswith("!") and not _MODAL.search(body):
        return False
    if own or has_deadline or _MODAL.search(body):
        return True
    if _ADVERB_START.match(body) or _TOPIC_THEN_ACT.match(body):
        return True
    bare = re.sub(r"“[^”]*”|《[^》]*》", "X", body)  # quoted slogans and titles are not clauses
    clauses = [c.strip() for c in re.split(r"[,;:]", bare)]
    if any(_VERB_START.match(c) for c in clauses if c):
        return True
    m = _IS.search(body)
    return bool(m and _VERB_START.match(body[m.end() :].lstrip()))


def _plain_target(sent: str) -> bool:
    """A sentence outside directive sections that still sets a dated target (not history)."""
    return not (_ASPECT_LE.search(sent) or _PAST.search(sent))


def extract(
    text: str,
    s: str,
    paras: list[Paragraph],
    heads: list[Heading],
    closing_from: int | None,
    title: str | None,
    year: int | None,
    date: str | None,
    digit_loss: bool,
) -> list[dict[str, Any]]:
    """All tasks of the document in order, with owners, deadlines and sections."""
    c = _Ctx(text, s, year, date, digit_loss)
    modes = section_modes(s, heads, paras, doc_mode(title))
    head_at_para = {h.para: k for k, h in enumerate(heads)}
    out: list[dict[str, Any]] = []
    cur: int | None = None  # index of the heading whose section we are in
    list_lead_task: bool | None = None
    for pi, p in enumerate(paras):
        if pi in head_at_para:
            cur = head_at_para[pi]
        h = heads[cur] if cur is not None and heads[cur].para <= pi else None
        sec = modes[cur] if h is not None and cur is not None else None
        mode = sec.mode if sec else (NEUTRAL if heads else FLAT)
        intro = bool(sec and sec.has_children)
        closing = closing_from is not None and p.start >= closing_from
        for a, b in p.sentences:
            if h is not None and h.para == pi and a < h.text_end:
                # the heading sentence: a task only when it is dated or names its agent
                ta = h.text_start
                tb = h.text_end
                if tb <= ta:
                    continue
                own, dl = _owners_and_deadline(c, ta, tb)
                if (own or (dl and dl.firm)) and not closing:
                    out.append(_task(c, ta, tb, own, dl))
                continue
            sent = s[a:b]
            dl = deadlines.find(c.s, a, b, c.year, c.date, c.digit_loss)
            # owners are looked up only where they can decide or be reported
            own = (
                owners.find(c.text, c.s, a, b) if mode in (DIRECTIVE, FLAT) and not closing else []
            )
            is_task = False
            if closing:
                is_task = False
            elif mode == DIRECTIVE and intro:
                # the text that opens a section with sub-headings is mostly framing;
                # keep what names its agent or a deadline
                is_task = bool(own or dl) and directive_sentence(sent, own, dl is not None)
            elif mode == DIRECTIVE:
                inline = re.match(r"^[二三四五六七八九十]是", sent.strip())
                if inline and list_lead_task is False:
                    is_task = False
                else:
                    is_task = directive_sentence(sent, own, dl is not None)
                if re.search(r"[:,]一是", sent):
                    list_lead_task = is_task
            elif mode == FLAT:
                # a text without headings: directives that name their agent or use a modal
                is_task = bool(own or _DUTY_MODAL.search(sent)) and directive_sentence(
                    sent, own, dl is not None
                )
            elif dl is not None and dl.firm and _plain_target(sent):
                is_task = True
                own = owners.find(c.text, c.s, a, b)
            if not is_task and not closing:
                m = _REQUEST.search(sent)
                if m or sent.lstrip().startswith("请"):
                    ra = a + (m.end() - 1 if m else len(sent) - len(sent.lstrip()))
                    own2, dl2 = _owners_and_deadline(c, ra, b)
                    out.append(_task(c, ra, b, own2, dl2))
                    continue
            if is_task:
                out.append(_task(c, a, b, own, dl))
    starts = [h.start for h in heads]
    for t in out:
        k = bisect.bisect_right(starts, t["source"]["start"]) - 1
        t["section"] = k if k >= 0 else None
    return out
