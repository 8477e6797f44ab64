"""Owners of a task: the units or roles named as the agent of a directive.

The agent is the noun phrase that opens a clause and is followed by a modal or an action
(各县区教育局要…, 市教育局将…, 班子成员每人联系…), or the unit after 由 (由市教育局牵头).
Pronouns (我们, 大家) and objects of 引导/鼓励/指导/组织 are never owners.  Compound subjects
are split (市教育局和四个区政府 → both).  Owners are copied from the input as written.
"""

from __future__ import annotations

import re

_SUFFIXES = sorted(
    """教育局 局 厅 委 院 学校 校 中学 小学 幼儿园 园 单位 部门 党组 党委 党总支 党工委 党支部 支部
    党组织 基层组织 团组织 政府 委员会 办公室 办 中心 站 队 督导组 工作组 小组 组 科室 股室 处室 科 股 处 室
    成员 同志 党员 干部 教职工 职工 教师 老师 校长 园长 书记 局长 主任 负责人 领导 一把手 人员 班子
    机关 系统 员 督学 县 区 市 州 旗 镇 乡 街道""".split(),
    key=len,
    reverse=True,
)
_SUFFIX_RE = re.compile("(?:" + "|".join(_SUFFIXES) + ")$")
# cheap filters for the subject search: how an agent phrase ends, how a marker begins
_SUFFIX_LAST = {suf[-1] for suf in _SUFFIXES} | set(")”\"'")
_GENERIC_PLACES = {
    "城区",
    "校区",
    "社区",
    "辖区",
    "园区",
    "片区",
    "学区",
    "市区",
    "县区",
    "地区",
    "山区",
    "景区",
    "全区",
    "全市",
    "全县",
    "全州",
    "本区",
    "本市",
    "本县",
    "该区",
    "该市",
    "该县",
    "郊区",
    "矿区",
}
_BAD_START = re.compile(
    r"^(在|对|按照|根据|通过|围绕|结合|针对|为|把|将|以|要|从|由|向|与|和|及|让|使|请|经|据|如|若|凡|当|这|那|"
    r"其|该|此|本|我|你|他|她|它|加强|推进|建立|完善|落实|开展|组织|引导|鼓励|指导|支持|坚持|强化|深化|提高|"
    r"提升|做好|抓好|确保|实现|形成|构建|推动|促进|切实|认真|积极|进一步|继续|同时|并|还|也|但|而|就|才|都|"
    r"协调|会同|联合|配合|督促|要求|带领|动员|依托|利用|借助|发挥|吸纳|选派|邀请|协助|帮助|"
    r"充分|加大|加快|深入|扎实|严格|全面|大力|着力|努力|有|是)"
)
_PRONOUN = re.compile(r"我们|大家|你们|他们|咱们|自己|各位|同志们|人人")
_FILLER = re.compile(
    r"(?:同时|此外|另外|下一步|今年|年内|近期|当前|目前|首先|其次|再次|最后|特别是|尤其是|为此|因此|对此|然后|"
    r"并且|而且|还要|同样|请)\s*"
)
_SELF_TARGET = re.compile(r"(?:我|全)[市区县州省](?:应有|要有|将有|力争|确保|要确保|要力争)")
_MARK = re.compile(
    r"(?:都|也|还|均|亦|要|必须|须|需要|需|应当|应该|应|将|务必|负责|已经|已|要求|带头|着重|重点|每人|牵头|"
    r"会同|切实|认真|积极|全面|主动|率先|统一|一律|不得|严禁|成立|建立|制定|组织|开展|召开|启动|实施|推进|"
    r"落实|加强|完善|出台|印发|举办|研究|部署|通过|完成|实现|达到|做好|抓好|坚持|深入|进一步|定期|及时|严格|"
    r"按时|是(?=[^,;。]{0,12}责任(?:人|主体))|(在|对|从|按照|根据|向|与|结合|围绕|针对|于))"
)
# a role followed by a short verb ends the clause: 领导干部带头学, 全体教职工沉浸学
_ROLE_SHORT = re.compile(
    r"(党员|干部|教职工|职工|教师|老师|成员|人员|校长|园长|书记|班子)([\u4e00-\u9fff]{0,2}[学做干抓改查讲评管带读练写议])$"
)
_DISTRIBUTIVE = re.compile(r"^(各|每个|每一个|每名|每位|全体|所有)[\u4e00-\u9fff“”()]{1,10}$")
_MODAL_MARK = re.compile(r"(都|也|还|均)?(要|必须|须|应当|应该|应|务必|负责)")
_MODAL_INSIDE = re.compile(r"(?<![主重纲需只首提摘紧必概])要(?![求素点])|必须|务必|应当|(?<!即)将")
_MARK_FIRST = set(
    "都也还均亦要必须需应将务负已带着重每牵会切认积全主率统一不严成建制组开召启实推落加完出印举研部通达做抓坚深进定及按在对从根向与结围针于是"
)
_LATER_MODAL = re.compile(r"要|必须|须|应|将|务必|负责|已|通过|完成")
_BY = re.compile(r"由([^,;:。由]{2,20}?)(?=牵头|负责|组织|实施|统筹)")
_SPLIT = re.compile(r"以及|、|和|与|及")
_CLAUSE_END = re.compile(r"[,;:。!?]")
MAX_NP = 30


def _core(np: str) -> str:
    """The phrase with trailing quotes and a trailing bracketed note removed (各校(单位) → 各校)."""
    core = np
    if core.endswith(")") and "(" in core:
        core = core[: core.rindex("(")]
    return core.strip("“”\"'")


def is_agent(np: str) -> bool:
    """True when a phrase names a unit or role (ends with an agent word, no pronoun, no verb)."""
    if len(np) < 2 or len(np) > MAX_NP or "\n" in np or "的" in np or " " in np:
        return False
    if _BAD_START.match(np) or _PRONOUN.search(np) or re.search(r"[,;:。!?]", np):
        return False
    if re.search(
        r"(?<=.)(对|在|从|向|把|将|被|按照|根据|通过|围绕|针对|为)", re.sub(r"“[^”]*”", "", np)
    ):
        return False
    core = _core(np)
    if core.endswith(("动员", "全员")):
        return False
    if _MODAL_INSIDE.search(re.sub(r"“[^”]*”", "", core)):
        return False  # 局党组要组织…干部: the subject ends before its modal
    if len(core) < 2 or core in _GENERIC_PLACES:
        return False
    return _SUFFIX_RE.search(core) is not None


def _agents(np: str, modal: bool) -> list[str] | None:
    """The agents a subject names: each part of a compound, or the whole phrase.

    Before a modal, a distributive subject (各…, 每个…, 全体…) is an agent whatever its head
    noun (各学校食堂要…).
    """
    parts = [p for p in _SPLIT.split(np)]
    if len(parts) > 1 and all(is_agent(p) for p in parts):
        return parts
    if is_agent(np):
        return [np]
    if (
        modal
        and _DISTRIBUTIVE.match(np)
        and len(np) <= 12
        and not re.search(r"[的\n都也还均必]", np)
    ):
        if not _PRONOUN.search(np) and not re.search(r"[,;:。!?]", np):
            return [np]
    return None


def _subject(clause: str) -> tuple[int, list[str]] | None:
    """(offset, agents) of the agent phrase opening a clause, if there is one."""
    k = 0
    request = clause.startswith("请")
    for _ in range(3):
        m = _FILLER.match(clause, k) or _SELF_TARGET.match(clause, k)
        if not m or m.end() == k:
            break
        k = m.end()
    limit = min(len(clause), k + MAX_NP)
    for distributive in (False, True):
        if distributive and clause[k : k + 1] not in ("各", "每", "全", "所"):
            break
        for e in range(limit, k + 1, -1):
            if clause[e : e + 1] not in _MARK_FIRST:
                continue
            if not distributive and clause[e - 1] not in _SUFFIX_LAST:
                continue
            np = clause[k:e]
            mk = _MARK.match(clause, e)
            if not mk:
                continue
            if mk.group(1) and not request and not _LATER_MODAL.search(clause, mk.end()):
                continue
            agents = _agents(np, distributive and bool(_MODAL_MARK.match(clause, e)))
            if agents:
                return k, agents
    m = _ROLE_SHORT.search(clause, k)
    if m and 3 <= m.start(2) - k <= 12:
        np = clause[k : m.start(2)]
        if is_agent(np):
            return k, [np]
    return None


def find(text: str, s: str, lo: int, hi: int) -> list[str]:
    """Owners named in the span ``[lo, hi)`` of the folded text, as written in ``text``."""
    out: list[str] = []
    pos = lo
    while pos < hi:
        m = _CLAUSE_END.search(s, pos, hi)
        end = m.start() if m else hi
        a = pos
        while a < end and s[a] in " \n":
            a += 1
        clause = s[a:end]
        hit = _subject(clause)
        if hit:
            k, agents = hit
            cur = a + k
            for ag in agents:
                j = s.find(ag, cur, end)
                if j >= 0:
                    out.append(text[j : j + len(ag)])
                    cur = j + len(ag)
        for b in _BY.finditer(clause):
            if is_agent(b.group(1)):
                j = a + b.start(1)
                out.append(text[j : j + len(b.group(1))])
        pos = end + 1
    return list(dict.fromkeys(out))
