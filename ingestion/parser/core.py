"""``parse_text``: one pass over a decoded text producing the contract object."""

from __future__ import annotations

import bisect
import re
from typing import Any

from . import chrome as chrome_mod
from . import dating, defects, formulas, numbers, tasks
from .layout import Line, fold, split_lines
from .outline import Heading, body_lines, build_headings, build_paragraphs

_CLOSING = re.compile(r"^(同志们|各位同志|同志们、朋友们)[,!]")


def parse_text(text: str, *, year: int | None = None) -> dict[str, Any]:
    """Parse a decoded speech or plan into the contract object (see CONTRACT.md).

    ``year`` overrides the year found in the text (relative deadlines resolve against it).
    """
    return parse(text, year=year)


def parse(
    text: str, *, year: int | None = None, heading_hints: dict[int, int] | None = None
) -> dict[str, Any]:
    """``parse_text`` with optional heading hints {line start offset: level} from a .docx."""
    if not isinstance(text, str):
        raise TypeError("parse_text expects str")
    s = fold(text)
    lines = split_lines(s)
    ch = chrome_mod.detect(text, s, lines)
    hints = heading_hints or {}
    title_hint = next((i for i, ln in enumerate(lines) if hints.get(ln.start) == 0), None)
    if title_hint is not None and title_hint != ch.title_line:
        ch.retitle(text, lines, title_hint)
    hint_lines = {i: hints[ln.start] for i, ln in enumerate(lines) if hints.get(ln.start)}
    paras, markers = build_paragraphs(s, lines, ch, set(hint_lines))
    styled = {pi: hint_lines[p.lines[0]] for pi, p in enumerate(paras) if p.lines[0] in hint_lines}
    heads = build_headings(text, s, paras, markers, styled)
    body = body_lines(lines, ch)
    regions = _regions(lines, body, ch.spans)

    loss_at = defects.digit_one_loss(s, regions, {lines[i].lo for i in body})
    digit_loss = loss_at is not None
    title_fold = fold(ch.title) if ch.title else ""
    body_text = "\n".join([title_fold] + [s[a:b] for a, b in regions])
    date = dating.doc_date(s, [s[lines[i].lo : lines[i].hi] for i in (body[:6] + body[-4:])])
    found_year = dating.doc_year(body_text, ch.stamps, digit_loss, date)
    the_year = year if year is not None else found_year
    lo = lines[body[0]].lo if body else 0
    hi = lines[body[-1]].hi if body else 0

    closing_from = None
    last_head = heads[-1].start if heads else -1
    for p in paras:
        if p.start > last_head and _CLOSING.match(s[p.start : p.end]):
            closing_from = p.start
            break

    marker_spans = [(h.start, h.text_start) for h in heads]
    result = {
        "title": ch.title,
        "doc_number": dating.doc_number(text, s, lo, hi),
        "date": date,
        "year": the_year,
        "outline": [h.as_dict() for h in heads],
        "tasks": tasks.extract(
            text, s, paras, heads, closing_from, ch.title, the_year, date, digit_loss
        ),
        "numbers": numbers.extract(text, s, regions, marker_spans, digit_loss),
        "formulas": formulas.extract(text, s, regions),
        "warnings": _warnings(s, lines, ch, body, heads, regions, loss_at),
    }
    return result


def _regions(
    lines: list[Line], body: list[int], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Content spans of the body lines, inline watermarks cut out."""
    out = []
    for i in body:
        ln = lines[i]
        a, b = ln.lo, ln.hi
        for x, y in spans:
            if a <= x < b:
                out.append((a, x))
                a = y
        if a < b:
            out.append((a, b))
    return out


def _warnings(
    s: str,
    lines: list[Line],
    ch: chrome_mod.Chrome,
    body: list[int],
    heads: list[Heading],
    regions: list[tuple[int, int]],
    loss_at: int | None,
) -> list[dict[str, Any]]:
    out = [defects.warn("page_chrome", msg, start) for start, msg in ch.blocks]
    if loss_at is not None:
        out.append(
            defects.warn(
                "digit_one_loss",
                "every digit '1' seems to be missing "
                "(e.g. a three-digit year); numbers are kept as written",
                loss_at,
            )
        )
    starts = [ln.start for ln in lines]
    head_lines = set()
    for h in heads:
        i = bisect.bisect_right(starts, h.start) - 1
        if h.text_end >= lines[i].hi:  # a heading standing alone on its line
            head_lines.add(i)
    skip = set(ch.lines)
    if ch.title_line is not None:
        skip.add(ch.title_line)
    at = defects.stray_linebreak(s, lines, skip, head_lines, ch.spans)
    if at is not None:
        out.append(defects.warn("stray_linebreak", "a line break cuts a sentence", at))
    title_region = []
    if ch.title_line is not None:
        title_region = [(lines[ch.title_line].lo, lines[ch.title_line].hi)]
    at = defects.placeholders(s, title_region + regions)
    if at is not None:
        out.append(
            defects.warn("placeholder", "anonymised or removed names (xx, *, empty list items)", at)
        )
    for at, name in defects.garbled(s, regions):
        out.append(
            defects.warn("garbled", f"characters that do not belong to the text: {name}", at)
        )
    at = defects.truncated(s, lines, body)
    if at is not None:
        out.append(defects.warn("truncated", "the text stops in the middle of a sentence", at))
    if "\ufffd" in s:
        out.append(
            defects.warn("encoding", "undecodable bytes were replaced (U+FFFD)", s.index("\ufffd"))
        )
    out.sort(key=lambda w: (w["start"] is None, w["start"] or 0))
    return out
