"""The shape of a document: a same-length normalised view, its lines, paragraphs, sentences.

Every rule in the parser matches against ``Doc.s``, a copy of the input in which full-width
punctuation, digits and letters are folded to their ASCII forms and every line-break character
becomes ``\\n``.  The folding is one character for one character, so an offset into ``Doc.s``
is also an offset into the original text, and all output is sliced from the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FOLD = {
    "，": ",",
    "：": ":",
    "；": ";",
    "（": "(",
    "）": ")",
    "！": "!",
    "？": "?",
    "％": "%",
    "．": ".",
    "－": "-",
    "～": "~",
    "＋": "+",
    "／": "/",
    "＊": "*",
    "＂": '"',
    "＜": "<",
    "＞": ">",
    "［": "[",
    "］": "]",
    "｜": "|",
    "\u3000": " ",
    "\xa0": " ",
    "\t": " ",
    "\ufeff": " ",
    "\u200b": " ",
    "\r": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x85": "\n",
    "\u2028": "\n",
    "\u2029": "\n",
}
_FOLD.update({chr(0xFF10 + i): str(i) for i in range(10)})
_FOLD.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
_FOLD.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
_TABLE = str.maketrans(_FOLD)

#: characters that close a sentence (after folding)
END = frozenset("。!?;")
#: characters absorbed into a sentence right after its closing mark
CLOSERS = frozenset("”’」』)》〉\"'")
SPACE = frozenset(" \n")


def fold(text: str) -> str:
    """Return the same-length normalised copy of ``text`` (see the module docstring)."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out


def is_cjk(ch: str) -> bool:
    """True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


@dataclass
class Line:
    """One line of the input: ``[start, end)`` without its newline, and its content bounds."""

    start: int
    end: int
    lo: int  # first non-space character (== end for a blank line)
    hi: int  # one past the last non-space character

    @property
    def blank(self) -> bool:
        return self.lo >= self.hi


def split_lines(s: str) -> list[Line]:
    """Split the folded text into lines with their content bounds."""
    lines = []
    pos = 0
    n = len(s)
    while pos <= n:
        nl = s.find("\n", pos)
        end = n if nl < 0 else nl
        lo = pos
        while lo < end and s[lo] == " ":
            lo += 1
        hi = end
        while hi > lo and s[hi - 1] == " ":
            hi -= 1
        lines.append(Line(pos, end, lo, hi))
        if nl < 0:
            break
        pos = nl + 1
    return lines


@dataclass
class Paragraph:
    """A run of body lines read as one paragraph, with its sentence spans."""

    start: int
    end: int
    lines: list[int]
    sentences: list[tuple[int, int]] = field(default_factory=list)


_SENT_END = re.compile("[。!?;][" + re.escape("".join(sorted(CLOSERS))) + "]*")


def sentence_spans(s: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Split ``s[lo:hi]`` at 。!?; (closing quotes absorbed); leading spaces and newlines skipped."""
    out = []
    i = lo
    for m in _SENT_END.finditer(s, lo, hi):
        a = i
        while a < m.start() and s[a] in SPACE:
            a += 1
        if a < m.start() or s[a] in END:
            out.append((a, m.end()))
        i = m.end()
    a = i
    while a < hi and s[a] in SPACE:
        a += 1
    b = hi
    while b > a and s[b - 1] in SPACE:
        b -= 1
    if a < b:
        out.append((a, b))
    return out
