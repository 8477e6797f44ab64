"""Defects of the input reported as warnings (digit-one loss, stray line breaks, placeholders…).

Named ``defects`` rather than ``warnings`` so it never shadows the standard-library module.
"""

from __future__ import annotations

import re
from typing import Any

from .layout import CLOSERS, END, Line, is_cjk

# Signs that the digit 1 was deleted everywhere: years with three digits (205年), numbers with
# a leading zero or a zero count (02所, 0期), percentages over 100 without a point (7536%),
# ranges with no start (联系—2个), dates with an empty month (205年月, 去年月份), stamps
# such as 203/2/4, and numbered lines whose number vanished ("、加强…").
_LOSS_SIGNS = [  # the first (a three-digit year) is strong evidence on its own
    re.compile(r"(?<![\d.])20\d(?=年|[/-]\d)"),
    re.compile(r"(?<![\d.])0\d*(?![.\d])(?=[余多]?[个所名人项次期件篇条块幅家起天元万亿%]|月份)"),
    re.compile(r"(?<![\d.])[2-9]\d{2,}%"),
    re.compile(r"(?<=[\u4e00-\u9fff])[—–~-](?=\d+[个所名人项次天年])"),
    re.compile(r"\d年月|(?<=年)月份|\d月日"),
]
# at the start of a line: a list number that lost its digit ("、加强…", "()…", "0.…")
_LOSS_LINE_SIGNS = re.compile(r"[、.](?=[\u4e00-\u9fff])|\(\)|0[、.](?=[\u4e00-\u9fff])")
# a hosting site's date stamp with a three-digit year (205-03-09)
_LOSS_STAMP = re.compile(r"(?<![\d.])20\d(?=[-/.]\d)")
_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:xx|XX|Xx|××|xxx|XXX)(?![A-Za-z])|[《\u4e00-\u9fff]\*+(?=[\u4e00-\u9fff])"
    r"|(?<=[,、])、|[,]、等|某某|□□"
)
_PINYIN = re.compile(r"[\u4e00-\u9fff][(]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)]")
_MERGED_DATE = re.compile(r"(?<![\d.])(?:19|20)\d{5,6}(?![\d.%万亿元人名个所年月])")
_BROKEN_DATE = re.compile(r"(?<!\d)\d{1,2}月\d{1,2}(?=前|之前|以前)")
_MOJIBAKE = re.compile(
    r"锟斤拷|烫烫|屯屯|[鈥銆锛][\u4e00-\u9fff]?|[ÃÂâ][\x80-\xbf€‚„…†‡‰‹›‘’“”•–—]"
)


def warn(code: str, message: str, start: int | None) -> dict[str, Any]:
    """A warning object of the contract."""
    return {"code": code, "message": message, "start": start}


def digit_one_loss(s: str, regions: list[tuple[int, int]], line_starts: set[int]) -> int | None:
    """Offset of the first sign that every digit 1 was deleted from the body, or None.

    The body must hold no 1 at all; the signs are looked for in the body, plus damaged date
    stamps anywhere (chrome is often added by the hosting site, before or after the damage).
    """
    if any("1" in s[a:b] for a, b in regions):
        return None
    weak = [
        m.start() for rx in _LOSS_SIGNS[1:] for a, b in regions for m in [rx.search(s, a, b)] if m
    ]
    strong = [m.start() for a, b in regions for m in [_LOSS_SIGNS[0].search(s, a, b)] if m]
    strong += [a for a, _ in regions if a in line_starts and _LOSS_LINE_SIGNS.match(s, a)]
    if "1" not in s:
        stamp = _LOSS_STAMP.search(s)
        if stamp:
            strong.append(stamp.start())
    if not strong and sum(ch.isdigit() for a, b in regions for ch in s[a:b]) < 3:
        return None
    firsts = strong + weak
    return min(firsts) if firsts else None


def stray_linebreak(
    s: str, lines: list[Line], skip: set[int], headings: set[int], cut: list[tuple[int, int]]
) -> int | None:
    """Offset of the first line break that cuts a sentence of running prose.

    ``cut`` are inline chrome spans (a watermark glued to a line end is not prose).
    """
    body = [i for i, ln in enumerate(lines) if not ln.blank and i not in skip]
    for a, b in zip(body, body[1:], strict=False):
        la, lb = lines[a], lines[b]
        if a in headings or b in headings:
            continue
        hi = next((x for x, y in cut if la.lo <= x < la.hi), la.hi)
        if hi <= la.lo:
            continue
        last, first = s[hi - 1], s[lb.lo]
        if not (is_cjk(last) and is_cjk(first)):
            continue
        # running prose: marks inside the cut line, or a long unspaced line whose continuation
        # has them (a name line such as "县教育局局长 王某" has neither)
        first_part = s[la.lo : hi]
        prose = any(c in ",。;" for c in first_part) or (
            len(first_part) >= 8
            and " " not in first_part
            and any(c in ",。;" for c in s[lb.lo : lb.hi])
        )
        if prose:
            return hi
    return None


def placeholders(s: str, regions: list[tuple[int, int]]) -> int | None:
    """Offset of the first anonymised or removed name (xx, ＊市, “,、等”)."""
    for lo, hi in regions:
        m = _PLACEHOLDER.search(s, lo, hi)
        if m:
            return m.start()
    return None


def garbled(s: str, regions: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """First case of each kind of foreign characters: pinyin readings, merged dates, mojibake."""
    out = []
    for name, rx in (
        ("injected pinyin reading", _PINYIN),
        ("merged date", _MERGED_DATE),
        ("broken date", _BROKEN_DATE),
        ("mojibake", _MOJIBAKE),
    ):
        hit = next(
            (
                m.start()
                for lo, hi in regions
                for m in rx.finditer(s, lo, hi)
                if name != "merged date" or _date_like(m.group())
            ),
            None,
        )
        if hit is not None:
            out.append((hit, name))
    return out


def _date_like(digits: str) -> bool:
    """True when 7 or 8 digits read as a year, month and day run together (2024327)."""
    rest = digits[4:]
    for k in (1, 2):
        m, d = rest[:k], rest[k:]
        if (
            m
            and d
            and len(d) <= 2
            and 1 <= int(m) <= 12
            and 1 <= int(d) <= 31
            and not d.startswith("0" * len(d))
        ):
            return True
    return False


def truncated(s: str, lines: list[Line], body: list[int]) -> int | None:
    """Offset of a body that stops mid-sentence (its last line ends on a comma or in a word)."""
    if not body:
        return None
    ln = lines[body[-1]]
    j = ln.hi
    while j > ln.lo and s[j - 1] in CLOSERS:
        j -= 1
    last = s[j - 1] if j > ln.lo else ""
    if last in END or last in ":!":
        return None
    prose = sum(c in ",。" for c in s[ln.lo : ln.hi]) >= 2 and ln.hi - ln.lo >= 40
    if last in ",、" or (is_cjk(last) and prose):
        return ln.hi - 1
    return None
