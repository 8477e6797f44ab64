"""Numbered slogans (提法): “三个坚持”, “两学一做”, 三会一课, 四型机关 …

A formula is a fixed expression whose Chinese numeral counts a set of items.  Found: quoted
numeral-led expressions, a small list of established slogans written without quotes, and
unquoted numeral terms whose items are listed right next to them.  Left out: distributive
一X一Y forms, ordinals, plan periods (十三五), durations and quantities (百日, 十万…).
"""

from __future__ import annotations

import re
from typing import Any

from .markers import cn_value

_LEAD = "两三四五六七八九十双"
_NUMERAL = "一二两三四五六七八九十双"
# established slogans that are routinely written without quotes
ESTABLISHED = (
    "三会一课",
    "三位一体",
    "五位一体",
    "三严三实",
    "两学一做",
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "四个全面",
    "三重一大",
    "两免一补",
    "四风",
)
_NOT_FORMULA = [
    re.compile(r"^十[一二三四五六七八九]五"),  # plan periods 十三五, 十二五规划
    re.compile(rf"^[{_NUMERAL}]+[万千百亿]"),  # quantities 十万…, 三百…
    re.compile(rf"^[{_NUMERAL}]+(日|天|年|周|月|小时|周年|分钟|岁|倍|成)"),  # durations
    re.compile(r"^第"),
]
# unquoted terms that name a set spelled out next to them
_LISTED_TERM = re.compile(
    rf"(?<![{_NUMERAL}第])([{_LEAD}])(型[\u4e00-\u9fff]{{2}}|结合|关注|到位|统一|融合|联动)"
)
_MAX_LEN = 8


def _shape_ok(t: str) -> bool:
    """True when a quoted expression reads as a numbered slogan."""
    if not t or t[0] not in _LEAD:
        return False
    parts = re.split(r"[、,]", t)
    if any(not p for p in parts):
        return False
    if len(parts) == 1 and len(t) > _MAX_LEN:
        return False
    if any(len(p) > 6 for p in parts) and len(parts) > 1:
        return False
    for p in parts:
        if p[0] not in _NUMERAL:
            return False
        if any(rx.search(p) for rx in _NOT_FORMULA):
            return False
    return all("\u4e00" <= c <= "\u9fff" for p in parts for c in p)


def count_of(t: str) -> int:
    """Sum of the numerals that count items (a numeral right after 个 is part of an item, and
    一体 in 三位一体 is what the items make, not one more item)."""
    total = 0
    for m in re.finditer(rf"[{_NUMERAL}]+", t):
        if m.start() > 0 and t[m.start() - 1] == "个":
            continue
        if t.startswith("一体", m.start()):
            continue
        tok = m.group().replace("双", "二")
        v = cn_value(tok)
        if v is None:
            v = sum(cn_value(c.replace("双", "二")) or 0 for c in tok)
        total += v
    return total


# after a formula: a short noun may follow (“三评”机制), then what introduces its items;
# group 1 is set for a firm introducer (即, ——, :) that may open a ;- or ,-separated list
_AFTER_INTRO = re.compile(r"”?[\u4e00-\u9fff]{0,4}?(?:[,。]?(即[:,]?|——|:)|,)")
# words that open a list but are not part of its first item
_LIST_OPENERS = re.compile(r"^(?:针对|即|既|又)")
# where the item list before a formula starts: after the last of these words or marks
_BEFORE_CUT = re.compile(
    r".*(?:以|把|做|是|为|要|完善|建立|构建|推进|坚持|实施|落实|开展|建设|打造|形成|创建|争创|创办)"
)
MAX_ITEM = 40


def _trim_item(item: str, last: bool, first_clause: bool = False) -> str:
    """An item without list openers; the last one without what follows the list; only the
    first clause when the list's items are long (a:带头学,…;b:系统学,…)."""
    item = item.strip(' “”"')
    item = _LIST_OPENERS.sub("", item)
    if last:
        item = re.split(r",|等", item, maxsplit=1)[0]
    if first_clause:
        item = item.split(",", 1)[0]
    return item.strip(' “”"')


def _list_after(s: str, text: str, end: int, hi: int, n: int) -> list[str]:
    """A 、-list of exactly ``n`` short items within the next sentence or so (构建三结合…。要…家庭、社会、学校…)."""
    window = s[end : min(hi, end + 60)]
    item = r"[\u4e00-\u9fff]{1,8}"
    m = re.search(rf"({item})" + rf"、({item})" * (n - 1) + r"(?!、)", window)
    if not m:
        return []
    parts = list(m.groups())
    mids = parts[1:-1] or parts[1:]
    width = max(len(p) for p in mids)
    parts[0] = parts[0][-width:]
    parts[-1] = parts[-1][:width]
    return _as_written(text, s, end, min(hi, end + 60), parts)


def _items_after(s: str, end: int, hi: int, sizes: set[int]) -> tuple[int, list[str]] | None:
    """Items spelled out right after a formula: “X”,即:a、b、c / “X”——a、b / “X”:a;b;c /
    “X”机制,既a,又b."""
    m = _AFTER_INTRO.match(s, end, hi)
    if not m:
        return None
    firm = m.group(1) is not None
    lo = m.end()
    stop = lo
    while stop < hi and s[stop] not in "。\n":
        stop += 1
    seg = s[lo:stop]
    head = seg.split(";", 1)[0]
    tries = [(seg.split(";"), False)] if firm and ";" in seg else []
    tries.append((head.split("、"), True))
    if firm or re.match(r"既[^,]+,又", head):
        tries.append((head.split(","), False))
    for parts, cut_last in tries:
        if cut_last and any("," in p for p in parts[:-1]):
            continue  # a 、-list does not run across clauses
        if len(parts) in sizes:
            long = any(len(p) > MAX_ITEM for p in parts)
            items = [
                _trim_item(p, cut_last and k == len(parts) - 1, long) for k, p in enumerate(parts)
            ]
            if all(2 <= len(x) <= MAX_ITEM for x in items):
                return lo, items
    return None


def _items_before(s: str, start: int, lo: int, sizes: set[int]) -> tuple[int, list[str]] | None:
    """Items listed right before a formula: 以a、b、c为主的“X” / a、b、c的X / a、b、cX."""
    back = start
    while back > lo and s[back - 1] in '“"':
        back -= 1
    for tail in ("为主的", "的", "等"):
        if s.endswith(tail, lo, back):
            back -= len(tail)
            break
    seg_lo = back
    while seg_lo > lo and s[seg_lo - 1] not in "。,:;\n":
        seg_lo -= 1
    parts = s[seg_lo:back].split("、")
    if len(parts) not in sizes or len(parts) < 2:
        return None
    head = _BEFORE_CUT.match(parts[0])
    if head:
        parts[0] = parts[0][head.end() :]
    width = max(len(p) for p in parts[1:])
    if len(parts[0]) > width + 2:
        parts[0] = parts[0][-width:]
    if all(1 <= len(x) <= 20 for x in parts):
        return seg_lo, parts
    return None


def _items_near(s: str, text: str, start: int, end: int, n: int, lo: int, hi: int) -> list[str]:
    """Items spelled out next to a formula, as written; [] when the text does not list them.

    The list must hold as many items as the formula counts (or as its first numeral: 五查五看).
    """
    sizes = {n}
    twin = re.match(r"([两三四五六七八九十])[\u4e00-\u9fff]\1[\u4e00-\u9fff]$", s[start:end])
    if twin:  # 五查五看: five pairs
        sizes.add(cn_value(twin.group(1)) or n)
    found = _items_after(s, end, hi, sizes) or _items_before(s, start, lo, sizes)
    if found:
        at, parts = found
        return _as_written(text, s, at, hi, parts)
    return []


def _as_written(text: str, s: str, lo: int, hi: int, parts: list[str]) -> list[str]:
    """Map folded item strings back to the original characters."""
    out = []
    pos = lo
    for p in parts:
        k = s.find(p, pos, hi)
        if k < 0:
            out.append(p)
            continue
        out.append(text[k : k + len(p)])
        pos = k + len(p)
    return out


def extract(text: str, s: str, regions: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Formulas in the body ``regions``: each distinct text once, at its first occurrence."""
    found: dict[str, int] = {}
    spans: dict[str, tuple[int, int, int, int]] = {}

    def add(t: str, a: int, lo: int, hi: int) -> None:
        if t not in found or a < found[t]:
            found[t] = a
            spans[t] = (a, a + len(t), lo, hi)

    for lo, hi in regions:
        seg = s[lo:hi]
        # quoted expressions (an opening quote may have been lost: 以十不准”为…)
        for m in re.finditer(r"“([^“”\n]{1,16})”", seg):
            t = m.group(1).strip()
            if _shape_ok(t):
                add(t, lo + m.start(1) + m.group(1).index(t), lo, hi)
        for m in re.finditer(r"(?<![“\u4e00-\u9fff])([\u4e00-\u9fff]{1,9})”", seg):
            run = m.group(1)
            if "“" in seg[max(0, m.start() - 20) : m.start()]:
                continue
            for k in range(len(run)):
                if (
                    run[k] in _LEAD
                    and (k == 0 or run[k - 1] not in _NUMERAL)
                    and _shape_ok(run[k:])
                ):
                    add(run[k:], lo + m.start(1) + k, lo, hi)
                    break
        for term in ESTABLISHED:
            k = seg.find(term)
            if k >= 0:
                add(term, lo + k, lo, hi)
        for m in _LISTED_TERM.finditer(seg):
            t = m.group()
            n = cn_value(t[0].replace("双", "二")) or 0
            a = lo + m.start()
            if n >= 2 and (
                _items_near(s, text, a, a + len(t), n, lo, hi)
                or _list_after(s, text, a + len(t), hi, n)
            ):
                add(t, a, lo, hi)
    out = []
    for t, a in sorted(found.items(), key=lambda kv: kv[1]):
        n = count_of(t)
        _, e, lo, hi = spans[t]
        items = _items_near(s, text, a, e, n, lo, hi) if n >= 2 else []
        if not items and _LISTED_TERM.fullmatch(t):
            items = _list_after(s, text, e, hi, n)
        out.append(
            {"text": text[a : a + len(t)], "count": len(items) or n, "items": items, "start": a}
        )
    return out
