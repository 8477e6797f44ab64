"""The document's year, date and number (文号), and the meaning of year tokens under digit loss."""

from __future__ import annotations

import re

from .markers import CN_DIGITS

_DOC_NO_RE = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,10}[〔\[【(]\s*(\d{4})\s*[〕\]】)]\s*\d{1,4}\s*号"
)
_CN_DATE_RE = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a date standing alone on its line, or opening a subtitle (——2016年3月5日在…上的讲话)
_DATE_LINE_RE = re.compile(r"^[\s(\[【—-]*(.{8,16}?日)(?:[\s)\]】]*$|(?=在|于).{0,40}讲话)")
# statements that name the working year: 部署2016年工作 / 2016年重点工作任务 / 2016年工作要点
_PLAN_YEAR_RES = [
    re.compile(r"部署(\d{2,4})年"),
    re.compile(
        r"(?<!\d)(\d{2,4})年(?:全[市区县州省盟旗]|全系统|教育系统|全局|我[市区县局])?[^。;\n]{0,16}?"
        r"(?:重点工作|工作要点|工作任务|主要任务|工作计划|工作安排|工作思路|总体思路|工作目标|工作部署)"
    ),
    # the yearly meeting that deploys the year's work: 2026年全市教育工作会议
    re.compile(
        r"(?<!\d)(\d{2,4})年(?:全[市区县州省盟旗]|全系统)[^。;\n]{0,12}?工作(?:会议|大会|会)"
    ),
]
_REVIEW_YEAR_RE = re.compile(
    r"(?:回顾|总结)(?:一下)?(\d{2,4})年|(?<!\d)(\d{2,4})年度?(?:工作)?(?:总结|简要回顾|回顾)"
)
_BODY_YEAR_RE = re.compile(r"(?<![\d.])(\d{2,4})年")


def year_candidates(token: str, digit_loss: bool) -> list[int]:
    """Years a written year token can stand for (several under digit-one loss)."""
    if len(token) == 4 and token[:2] in ("19", "20"):
        return [int(token)]
    if not digit_loss or not token.isdigit():
        return []
    out = []
    # put back the lost 1s: each candidate inserts 4 - len(token) ones
    need = 4 - len(token)
    if need <= 0:
        return []

    def fill(rest: str, k: int, acc: str) -> None:
        if k == 0:
            cand = acc + rest
            if cand[:2] in ("19", "20") and cand.isdigit():
                out.append(int(cand))
            return
        for i in range(len(rest) + 1):
            fill(rest[i:], k - 1, acc + rest[:i] + "1")

    fill(token, need, "")
    return sorted(set(y for y in out if 1949 <= y <= 2099))


def best_year(token: str, digit_loss: bool) -> int | None:
    """The most likely year for a token: written as is, else the earliest plausible repair."""
    c = year_candidates(token, digit_loss)
    if not c:
        return None
    if len(token) == 4:
        return c[0]
    # "206" is 2016 rather than 2061: prefer 201x/20x1 within this century's first decades
    c.sort(key=lambda y: (y > 2040, y))
    return c[0]


def doc_number(text: str, s: str, body_lo: int, body_hi: int) -> str | None:
    """The 文号 such as X教〔2016〕12号 near the top of the body, as written."""
    m = _DOC_NO_RE.search(s, body_lo, min(body_hi, body_lo + 800))
    return text[m.start() : m.end()] if m else None


def _cn_int(tok: str) -> int:
    table = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    table["零"] = 0
    if "十" in tok:
        a, _, b = tok.partition("十")
        return (table.get(a, 1) if a else 1) * 10 + (table.get(b, 0) if b else 0)
    return int("".join(str(table[c]) for c in tok))


def doc_date(s: str, lines_text: list[str]) -> str | None:
    """The date the text states on a line of its own or in a subtitle (speech or notice date)."""
    for line in lines_text:
        m = _DATE_LINE_RE.match(line)
        if not m:
            continue
        inner = m.group(1)
        d = _DATE_RE.fullmatch(inner.strip())
        if d:
            y, mo, da = int(d.group(1)), int(d.group(2)), int(d.group(3))
        else:
            c = _CN_DATE_RE.fullmatch(inner.strip())
            if not c or any(ch not in CN_DIGITS + "〇" for ch in c.group(1)):
                continue
            y, mo, da = _cn_int(c.group(1)), _cn_int(c.group(2)), _cn_int(c.group(3))
        if 1949 <= y <= 2099 and 1 <= mo <= 12 and 1 <= da <= 31:
            return f"{y:04d}-{mo:02d}-{da:02d}"
    return None


def doc_year(
    body: str,
    stamps: list[tuple[str, str, str]],
    digit_loss: bool,
    date: str | None,
) -> int | None:
    """The year relative deadlines resolve against, or None when the text gives no evidence.

    Evidence, strongest first: a statement of the working year (部署2016年工作任务), the year
    after a reviewed year (回顾2015年工作), the stated date, and a hosting site's date stamp
    when the body's own years agree with it (none later, one within three years before).
    """
    # the working year is the latest one the text plans for (总结2025年…部署2026年…)
    planned = [
        y
        for rx in _PLAN_YEAR_RES
        for m in rx.finditer(body)
        if (y := best_year(m.group(1), digit_loss))
    ]
    reviewed = [
        y + 1
        for m in _REVIEW_YEAR_RE.finditer(body)
        if (y := best_year(m.group(1) or m.group(2), digit_loss))
    ]
    if planned or reviewed:
        return max(planned + reviewed)
    if date:
        return int(date[:4])
    mentions = [year_candidates(t, digit_loss) for t in _BODY_YEAR_RE.findall(body)]
    mentions = [c for c in mentions if c]
    for ys, _mo, _d in stamps:
        for y in year_candidates(ys, digit_loss):
            if not mentions:
                continue
            if all(min(c) <= y for c in mentions) and any(
                y - 3 <= v <= y for c in mentions for v in c
            ):
                return y
    return None
