"""Heading markers at the start of a line: 一、 (一) 1、 1. (1) ① 一是 一要 第一, 首先, …"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零一二两三四五六七八九十"
_CN = "[一二三四五六七八九十]{1,3}"
# a bare number glued to text ("2要…", a "2." whose dot was lost) is a marker only when the
# next character cannot be a unit, date part or further digit
_NOT_AFTER_BARE = set(
    "年月日号时点分秒个所名人项次期份篇条块幅家件起天周万亿元岁倍余多届级类种位户台套本节门场批米亩吨"
)

_PATTERNS: list[tuple[str, re.Pattern[str], bool]] = [
    # (kind, pattern, strong) — strong markers start a heading even inside a running paragraph
    # "一、二年级…" lists grades, it is not a heading
    ("cn", re.compile(rf"({_CN})\s*(?:、|\.(?!\d))\s*(?![一二三四五六七八九十]+[、年至])"), True),
    ("pcn", re.compile(rf"\(\s*({_CN})\s*\)\s*[、.]?\s*"), True),
    ("pnum", re.compile(r"\(\s*(\d{0,2})\s*\)\s*[、.]?\s*"), True),
    ("num", re.compile(r"(\d{1,2})\s*[、.](?!\d)\s*"), True),
    ("num", re.compile(r"()[、.](?=[\u4e00-\u9fff“\"《(])"), True),  # "1、" whose digit was lost
    ("circ", re.compile(r"([①-⑳])\s*"), True),
    ("rnum", re.compile(r"(\d{1,2})\)\s*"), True),  # 1) / 1）
    ("pcirc", re.compile(r"([⑴-⒇])\s*"), True),
    ("ord_shi", re.compile(rf"({_CN})是(?![否非])"), False),
    ("ord_yao", re.compile(rf"({_CN})要(?![求素点件闻害领])"), False),
    ("part", re.compile(rf"第({_CN})(?:部分|章|篇)\s*[,、:.]?\s*"), True),
    ("di", re.compile(rf"第({_CN})(?:个[\u4e00-\u9fff]{{1,4}})?\s*[,、:]\s*"), False),
    ("seq", re.compile(r"(首先|其次|再次|最后)\s*[,:]\s*"), False),
]
_BARE = re.compile(r"(\d{1,2})(?=[\u4e00-\u9fff])")


@dataclass
class Marker:
    """A heading marker found at ``start``; the heading text begins at ``end``."""

    kind: str
    start: int
    end: int
    value: int | None
    strong: bool


def cn_value(token: str) -> int | None:
    """Value of a small Chinese numeral such as 三, 十二, 二十一 (None if not one)."""
    digits = {
        "零": 0,
        "一": 1,
        "二": 2,
        "两": 2,
        "三": 3,
        "四": 4,
        "五": 5,
        "六": 6,
        "七": 7,
        "八": 8,
        "九": 9,
    }
    if not token:
        return None
    if token == "十":
        return 10
    if "十" in token:
        a, _, b = token.partition("十")
        tens = digits.get(a, 1) if a else 1
        ones = digits.get(b, 0) if b else 0
        if (a and a not in digits) or (b and b not in digits):
            return None
        return tens * 10 + ones
    if len(token) == 1 and token in digits:
        return digits[token]
    return None


def _value(kind: str, token: str) -> int | None:
    if kind in ("num", "pnum"):
        return int(token) if token.isdigit() else None
    if kind == "circ":
        return ord(token) - ord("①") + 1
    if kind == "rnum":
        return int(token)
    if kind == "pcirc":
        return ord(token) - ord("⑴") + 1
    if kind == "seq":
        return {"首先": 1, "其次": 2, "再次": 3, "最后": 9}[token]
    return cn_value(token)


def marker_at(s: str, pos: int, hi: int) -> Marker | None:
    """The heading marker starting exactly at ``pos`` in the folded text, if any."""
    for kind, pat, strong in _PATTERNS:
        m = pat.match(s, pos, hi)
        if m and m.end() < hi:
            return Marker(kind, pos, m.end(), _value(kind, m.group(1)), strong)
    m = _BARE.match(s, pos, hi)
    if m and m.end() < hi and s[m.end()] not in _NOT_AFTER_BARE:
        v = int(m.group(1))
        if 1 <= v <= 20:
            return Marker("num", pos, m.end(), v, True)
    return None
