"""Quantities written with Arabic digits: 75.36%, 600多人次, 12余万元, 45天, 1—2个.

Dates, years, times, ordinals, numbers inside names or quoted slogans and heading markers
are not quantities.  Values are the digits as written (no repair of lost digits).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

_UNITS = sorted(
    """个百分点 百分点 万人次 人次 万元 亿元 千元 万人 余人 平方米 公里 千米 课时 学时 小时 分钟 个月
    元 人 名 所 个 项 次 期 份 篇 条 块 幅 家 件 起 天 年 周 分 字 座 间 台 套 册 本 节 门 场 批 类
    种 位 户 辆 亩 米 吨 万 亿 倍 岁 班 张 部 支 处 轮 层 栋 箱 件 届 % ‰""".split(),
    key=len,
    reverse=True,
)
_UNIT_RE = re.compile("|".join(re.escape(u) for u in _UNITS))
_NUM_RE = re.compile(r"(?<![\d.A-Za-z+])\d+(?:\.\d+)?")
_RANGE_SEP = "—–-~至到"
_NAME_AFTER = ("中学", "小学", "中", "小", "号", "路", "号楼", "级部")
_DATE_AFTER = set("月日号时点:/")


def _value(digits: str, unit: str) -> float | int:
    v = float(digits)
    if unit == "%":
        return v / 100
    if unit == "‰":
        return v / 1000
    return int(v) if v.is_integer() else v


def quoted_spans(s: str) -> list[tuple[int, int]]:
    """Spans inside “…” quotes (a quote left open closes at the line end)."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(s)
    while True:
        a = s.find("“", i)
        if a < 0:
            return out
        b = a + 1
        while b < n and s[b] not in "”\n“":
            b += 1
        out.append((a + 1, b))
        i = b + 1 if b < n and s[b] == "”" else b


class _Spans:
    """Sorted, non-overlapping spans with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]


def extract(
    text: str,
    s: str,
    regions: list[tuple[int, int]],
    skip: list[tuple[int, int]],
    digit_loss: bool,
) -> list[dict[str, Any]]:
    """Numbers inside the body ``regions``, leaving out the ``skip`` spans (markers, chrome)."""
    quotes = _Spans(quoted_spans(s))
    skipped = _Spans(skip)
    out: list[dict[str, Any]] = []
    for lo, hi in regions:
        for m in _NUM_RE.finditer(s, lo, hi):
            a, b = m.start(), m.end()
            if a in skipped or a in quotes:
                continue
            item = _read(text, s, a, b, hi, digit_loss)
            if item:
                out.append(item)
    return out


def _is_year(digits: str, after: str, digit_loss: bool) -> bool:
    if "." in digits:
        return False
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return (
            after[:1] in ("年", "-", "—", "~", "至", "到", "/", ".", "级", "届") or after[:1] == ""
        )
    if digit_loss and digits.startswith("20") and len(digits) in (2, 3):
        return after[:1] in ("年", "-", "—", "/", "届", "级")
    return False


def _read(text: str, s: str, a: int, b: int, hi: int, digit_loss: bool) -> dict[str, Any] | None:
    digits = s[a:b]
    before = s[a - 1] if a > 0 else ""
    after = s[b : min(hi, b + 3)]
    if (
        before == "第"
        or before in "+*"
        or after[:1] in ("+", "*")
        or (after[:1].isascii() and after[:1].isalpha())
    ):
        return None
    if before in "/-:" and a >= 2 and s[a - 2].isdigit():
        return None  # tail of a date or time
    if _is_year(digits, after, digit_loss):
        return None
    if after[:1] in _DATE_AFTER:
        return None  # a month, day, hour or part of a date
    if after.startswith("年级"):
        return None
    if any(after.startswith(x) for x in _NAME_AFTER) and not after.startswith(("小时",)):
        return None
    # a range 1—2个: the first number takes the unit of the second
    if after[:1] and after[0] in _RANGE_SEP:
        m2 = re.match(r"(\d+(?:\.\d+)?)(余|多)?", s[b + 1 : hi])
        if m2:
            u = _UNIT_RE.match(s, b + 1 + m2.end(), hi)
            if u:
                return {
                    "text": text[a:b],
                    "value": _value(digits, u.group()),
                    "unit": u.group(),
                    "start": a,
                }
    q = b
    if q < hi and s[q] in "余多":
        q += 1
    u = _UNIT_RE.match(s, q, hi)
    if not u:
        return None
    unit = u.group()
    if unit == "年" and len(digits) >= 3 and "." not in digits:
        return None  # a year written without its century, or a date fragment
    if unit in ("分",) and a >= 1 and s[a - 1] == "点":
        return None
    return {"text": text[a : u.end()], "value": _value(digits, unit), "unit": unit, "start": a}
