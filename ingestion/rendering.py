"""The document text as HTML with its headings, proposed tasks and a highlighted passage
marked in place. Spans come from offsets into the original text; every piece of text is
escaped, and a carriage return is written as &#13; so the browser keeps it (offsets read back
from a selection then still index the original text)."""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # "task", "heading" or "highlight"
    key: str  # task pk, heading index
    css: str = ""


def _piece(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


def heading_spans(text: str, outline: list[dict]) -> list[Span]:
    out = []
    for i, h in enumerate(outline):
        start = h.get("start")
        if not isinstance(start, int) or not 0 <= start < len(text):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        words = h.get("text") or ""
        at = text.find(words, start, line_end) if words else -1
        end = line_end if at < 0 else at + len(words)
        if end < line_end and text[end] in "。.：:":
            end += 1
        if end > start:
            out.append(Span(start, end, "heading", str(i), f"h h{h.get('level', 1)}"))
    return out


def render(text: str, spans: list[Span], *, link_tasks: bool = True) -> SafeString:
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starting: dict[int, list[Span]] = {}
    for s in spans:
        starting.setdefault(s.start, []).append(s)
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for s in starting.get(a, []):
            anchor = {"task": "task-", "heading": "h-", "highlight": "highlight"}[s.kind]
            ident = anchor if s.kind == "highlight" else f"{anchor}{s.key}"
            parts.append(f'<span class="anchor" id="{ident}"></span>')
        covering = [s for s in spans if s.start <= a and b <= s.end]
        piece = _piece(text[a:b])
        if not covering:
            parts.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for s in covering for c in s.css.split()))
        tasks = [s for s in covering if s.kind == "task"]
        if tasks and link_tasks:
            parts.append(f'<a class="{classes}" href="#card-{tasks[0].key}" '
                         f'data-task="{tasks[0].key}">{piece}</a>')
        else:
            parts.append(f'<span class="{classes}">{piece}</span>')
    return mark_safe("".join(parts))  # noqa: S308 - every text piece is escaped above
