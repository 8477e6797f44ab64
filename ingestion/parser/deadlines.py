"""Time phrases that limit an action (8月底前, 5月17日前, 年底前, 2017年…) and their ISO dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .dating import best_year

_Y = r"(\d{2,4})年"
_PHRASES: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(_Y + r"(\d{1,2})月(\d{1,2})日(?:前|之前|以前|止|为止)")),
    ("ym_end", re.compile(_Y + r"(\d{1,2})月(?:底|末)(?:前|之前|以前)?")),
    ("md", re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})月(\d{1,2})日(?:前|之前|以前|止|为止)")),
    ("md_done", re.compile(r"(?<=[于至到在])(\d{1,2})月(\d{1,2})日(?=完成|前|截止)")),
    ("m_end", re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})月(?:底|末)(?:前|之前|以前)?")),
    ("m_part", re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})月(上旬|中旬|下旬)(?:前|之前|以前|末)?")),
    ("y_end", re.compile(r"(?<![\d每])" + _Y + r"(?:底|末)(?:前|之前|以前)?")),
    ("y_half", re.compile(r"(?<![\d每])" + _Y + r"(上半年|下半年)")),
    (
        "y_by",
        re.compile(
            r"(?:(?<=截至)|(?<=截止)|(?<=确保)|(?<=力争)|(?<=争取)|(?<=[到至在于]))(\d{2,4})年(?![\d月级度])"
        ),
    ),
    (
        "year_end",
        re.compile(r"(?<![\d每明去])(?:年底|年末|年内|本年度内?|今年内|今年年底)(?:前|之前|以前)?"),
    ),
    ("half", re.compile(r"(?<![\d年每])(上半年|下半年)")),
    ("term", re.compile(r"本学期(?:内|末|结束前)?")),
    ("next_week", re.compile(r"下周")),
    ("this_month", re.compile(r"本月(?:底|末|内)(?:前)?")),
    # 今年 limits an action only at the head of a clause ("今年,要…", "今年各学校都要…")
    ("this_year", re.compile(r"今年(?![的和与以是底末内上下\d])")),
    # digit-one loss: "9月日前" was 9月1日前 (or 11日), "9月0日前" was 9月10日前
    ("md_loss", re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})月(0?)日(?:前|之前|以前)")),
    ("quarter", re.compile(r"(?:第)?([一二三四1-4])季度(?:末|内|前|底)?")),
    (
        "m_before",
        re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})月份?(?:前|之前|以前)(?![往进列期提面沿景途任身夕])"),
    ),
    # school-calendar events: kept as written, no date can be given
    (
        "event",
        re.compile(
            r"(?:春季|秋季)?(?:开学|放假|寒假|暑假|期末|学期末)(?:前|之前|以前)(?![往进列期提面沿景途任身夕])"
        ),
    ),
]


# every phrase above contains one of these: a cheap test before trying them all
_ANY_TIME = re.compile(r"月|年|学期|周|季度|前")
# a literal every match of a kind contains (skips hopeless patterns quickly)
_NEEDS = {
    "md_loss": "日",
    "quarter": "季度",
    "m_before": "月",
    "event": "前",
    "ymd": "日",
    "ym_end": "月",
    "md": "日",
    "md_done": "日",
    "m_end": "月",
    "m_part": "旬",
    "y_end": "年",
    "y_half": "半年",
    "y_by": "年",
    "year_end": "年",
    "half": "半年",
    "term": "学期",
    "next_week": "下周",
    "this_month": "本月",
    "this_year": "今年",
}
_WITH_YEAR = frozenset({"y_by", "y_end", "y_half", "ymd", "ym_end"})
_VAGUE = frozenset(
    {"event", "term", "this_year", "half", "y_half", "y_by", "this_month", "next_week"}
)
_MODIFIES_NOUN = re.compile(r"\s*(的|重点|主要|工作|任务|目标|计划|安排|要点|和|与|以来|是|以前)")


@dataclass
class Deadline:
    """A deadline phrase at ``[start, end)`` of the folded text and its ISO date (or None)."""

    start: int
    end: int
    iso: str | None
    kind: str

    @property
    def firm(self) -> bool:
        """True for a phrase that names a date or the year's end (not 今年, 下半年, 本学期)."""
        return self.kind not in _VAGUE


def _last_day(y: int, m: int) -> str | None:
    if not (1 <= m <= 12):
        return None
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _resolve(
    kind: str, g: tuple[str, ...], year: int | None, date: str | None, digit_loss: bool
) -> str | None:
    """ISO date of a phrase; under digit-one loss a month written "0" is October."""
    if digit_loss and kind in ("md", "md_done", "m_end", "m_part") and g[0] == "0":
        g = ("10",) + tuple(g[1:])
    if digit_loss and kind in ("ymd", "ym_end") and g[1] == "0":
        g = (g[0], "10") + tuple(g[2:])

    def yr(tok: str) -> int | None:
        return best_year(tok, digit_loss)

    if kind == "ymd":
        y = yr(g[0])
        return _ymd(y, int(g[1]), int(g[2])) if y else None
    if kind == "ym_end":
        y = yr(g[0])
        return _last_day(y, int(g[1])) if y else None
    if kind in ("y_end", "y_by"):
        y = yr(g[0])
        return f"{y:04d}-12-31" if y else None
    if kind == "y_half":
        y = yr(g[0])
        if not y:
            return None
        return f"{y:04d}-06-30" if g[1] == "上半年" else f"{y:04d}-12-31"
    if kind in ("this_week", "next_week", "this_month", "term"):
        return _from_date(kind, date)
    if year is None:
        return None
    if kind in ("md", "md_done"):
        return _ymd(year, int(g[0]), int(g[1]))
    if kind == "m_end":
        return _last_day(year, int(g[0]))
    if kind == "m_part":
        m = int(g[0])
        if not 1 <= m <= 12:
            return None
        if g[1] == "下旬":
            return _last_day(year, m)
        return _ymd(year, m, 10 if g[1] == "上旬" else 20)
    if kind == "half":
        return f"{year:04d}-06-30" if g[0] == "上半年" else f"{year:04d}-12-31"
    if kind in ("year_end", "this_year"):
        return f"{year:04d}-12-31"
    if kind == "md_loss":
        return _ymd(year, int(g[0]) or 10, 10 if g[1] else 1)
    if kind == "quarter":
        q = "一二三四".find(g[0]) + 1 or int(g[0])
        return _last_day(year, q * 3)
    if kind == "m_before":
        m = int(g[0])
        return _last_day(year, m - 1) if 2 <= m <= 12 else None
    return None


def _from_date(kind: str, date: str | None) -> str | None:
    """Phrases anchored on the day of the text (下周, 本月底, 本学期) need its stated date."""
    if not date:
        return None
    d = dt.date.fromisoformat(date)
    if kind == "next_week":
        return (d + dt.timedelta(days=13 - d.weekday())).isoformat()
    if kind == "this_month":
        return _last_day(d.year, d.month)
    # school terms: spring term ends in July, autumn term at the end of January
    if 2 <= d.month <= 7:
        return f"{d.year:04d}-07-31"
    y = d.year + 1 if d.month >= 8 else d.year
    return f"{y:04d}-01-31"


def find(
    s: str, lo: int, hi: int, year: int | None, date: str | None, digit_loss: bool
) -> Deadline | None:
    """The most specific deadline phrase inside ``s[lo:hi]``, resolved where the text allows."""
    if not _ANY_TIME.search(s, lo, hi):
        return None
    found: list[tuple[int, int, str, tuple[str, ...]]] = []
    span = s[lo:hi]
    for kind, rx in _PHRASES:
        if _NEEDS[kind] not in span:
            continue
        for m in rx.finditer(s, lo, hi):
            if kind == "this_year" and not _clause_head(s, lo, m.start()):
                continue
            if kind == "md_loss" and not digit_loss:
                continue
            if kind in _VAGUE and _MODIFIES_NOUN.match(s, m.end()):
                continue  # 本学期重点任务, 今年确定的目标: the phrase names a period, not a limit
            if kind in _WITH_YEAR and not _year_ok(m.group(1), digit_loss):
                continue
            a = m.start()
            while a < m.end() and s[a] in " \n":
                a += 1
            found.append((a, m.end(), kind, m.groups()))
            break
    if not found:
        return None
    # the most specific phrase that resolves; else the most specific one, unresolved
    for a, b, kind, groups in found:
        iso = _resolve(kind, groups, year, date, digit_loss)
        if iso:
            return Deadline(a, b, iso, kind)
    a, b, kind, groups = found[0]
    return Deadline(a, b, None, kind)


def _year_ok(tok: str, digit_loss: bool) -> bool:
    return best_year(tok, digit_loss) is not None


def _clause_head(s: str, lo: int, pos: int) -> bool:
    """True when ``pos`` opens a clause (only spaces between it and a comma or the start)."""
    k = pos - 1
    while k >= lo and s[k] in " \n":
        k -= 1
    return k < lo or s[k] in ",;:。"
