"""Paragraphs and headings: which lines belong together, which paragraphs open a section.

A heading starts a line and carries a marker (see ``markers``).  Its level is the nesting depth
of its marker kind, found with a stack: a kind seen before closes the deeper levels, a new kind
opens one.  A numbered list whose "1" was lost (digit-one loss) is repaired: when a list starts
at "2", the paragraph just before it is the lost first item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .chrome import Chrome
from .layout import CLOSERS, END, Line, Paragraph, sentence_spans
from .markers import Marker, marker_at

_HEAD_END = frozenset("。!?")
MAX_LOST_HEADING = 30  # a lost-marker heading is a short topic sentence


@dataclass
class Heading:
    """One outline entry plus what the other passes need to know about it."""

    level: int
    number: str
    text: str
    start: int
    kind: str
    para: int  # index of the paragraph it opens
    value: int | None  # the marker's ordinal (1 for 一、/(一)/1./一是), None when unknown
    text_start: int
    text_end: int  # end of the heading sentence, closing mark included

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "number": self.number, "text": self.text, "start": self.start}


def body_lines(lines: list[Line], chrome: Chrome) -> list[int]:
    """Indices of the non-blank lines that belong to the body (not chrome, not the title)."""
    return [
        i
        for i, ln in enumerate(lines)
        if not ln.blank and i not in chrome.lines and i != chrome.title_line
    ]


def _effective_hi(ln: Line, chrome: Chrome) -> int:
    """End of a line's content with an inline watermark cut off."""
    for a, _b in chrome.spans:
        if ln.lo <= a < ln.hi:
            return a
    return ln.hi


def _ends_paragraph(s: str, lo: int, hi: int) -> bool:
    """True when a line's last character closes its paragraph (a closing mark or a colon)."""
    j = hi
    while j > lo and s[j - 1] in CLOSERS:
        j -= 1
    return j > lo and (s[j - 1] in END or s[j - 1] == ":")


def build_paragraphs(
    s: str, lines: list[Line], chrome: Chrome, hinted: set[int] | None = None
) -> tuple[list[Paragraph], dict[int, Marker]]:
    """Group body lines into paragraphs; return them with the marker of each opening line.

    ``hinted`` lines (headings by style in a .docx) always stand as paragraphs of their own.
    """
    hinted = hinted or set()
    body = body_lines(lines, chrome)
    paras: list[Paragraph] = []
    markers: dict[int, Marker] = {}
    prev_continues = False
    for i in body:
        ln = lines[i]
        hi = _effective_hi(ln, chrome)
        if hi <= ln.lo:
            continue
        mk = marker_at(s, ln.lo, hi)
        standalone = mk is not None and not any(s[k] in _HEAD_END for k in range(mk.end, hi))
        if prev_continues and not (mk and mk.strong) and i not in hinted:
            paras[-1].end = hi
            paras[-1].lines.append(i)
        else:
            paras.append(Paragraph(ln.lo, hi, [i]))
            if mk:
                markers[len(paras) - 1] = mk
        opened = markers.get(len(paras) - 1)
        is_heading_line = opened is not None and paras[-1].lines == [i] and standalone
        prev_continues = (
            not is_heading_line and i not in hinted and not _ends_paragraph(s, ln.lo, hi)
        )
    for p in paras:
        p.sentences = sentence_spans(s, p.start, p.end)
    return paras, markers


def _first_sentence_end(s: str, lo: int, hi: int) -> tuple[int, int]:
    """(end of heading text, end of heading sentence) for a heading starting at ``lo``."""
    for k in range(lo, hi):
        if s[k] in _HEAD_END:
            e = k + 1
            while e < hi and s[e] in CLOSERS:
                e += 1
            return k, e
    k = hi
    return k, k


_NEXT_ORDINAL = {"ord_shi": "{}是", "ord_yao": "{}要", "di": "第{}(?:个|,|、)"}
_CN_NEXT = "一二三四五六七八九十"


def _inline_list(s: str, p: Paragraph, mk: Marker) -> bool:
    """True when a paragraph that opens with 一是/一要/第一 also holds 二是…: a list, not a head."""
    pattern = _NEXT_ORDINAL.get(mk.kind)
    if pattern is None or mk.value is None or not 1 <= mk.value < len(_CN_NEXT):
        return False
    return re.search(pattern.format(_CN_NEXT[mk.value]), s[mk.end : p.end]) is not None


def build_headings(
    text: str,
    s: str,
    paras: list[Paragraph],
    markers: dict[int, Marker],
    styled: dict[int, int] | None = None,
) -> list[Heading]:
    """Turn marked paragraphs into outline headings with nesting levels.

    ``styled`` maps paragraphs without a marker to the level of their heading style (.docx).
    """
    styled = styled or {}
    heads: list[Heading] = []
    stack: list[str] = []
    last_head_para = -1

    def add(pi: int, mk: Marker | None, kind: str) -> None:
        p = paras[pi]
        start = mk.start if mk else p.start
        tstart = mk.end if mk else p.start
        tend, send = _first_sentence_end(s, tstart, p.end)
        body = text[tstart:tend].rstrip()
        if kind in stack:
            del stack[stack.index(kind) + 1 :]
        else:
            stack.append(kind)
        level = min(len(stack), 4)
        value = mk.value if mk else (1 if kind == "num" else None)
        heads.append(Heading(level, text[start:tstart], body, start, kind, pi, value, tstart, send))

    for pi in range(len(paras)):
        mk = markers.get(pi)
        if mk is None:
            if pi in styled:
                add(pi, None, f"style{styled[pi]}")
                last_head_para = pi
            continue
        if _inline_list(s, paras[pi], mk):
            continue
        if mk.kind == "seq" and mk.value != 1 and "seq" not in stack:
            continue  # 其次/最后 only continue a sequence opened by 首先
        if (
            mk.kind == "num"
            and mk.value is not None
            and mk.value >= 2
            and "num" not in stack
            and pi - 1 > last_head_para
            and pi - 1 not in markers
        ):
            prev = paras[pi - 1]
            tend, _ = _first_sentence_end(s, prev.start, prev.end)
            if 2 <= tend - prev.start <= MAX_LOST_HEADING and tend < prev.end:
                add(pi - 1, None, "num")
        add(pi, mk, mk.kind)
        last_head_para = pi
    return heads
