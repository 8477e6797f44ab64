"""Command line: ``duban parse FILE [--year 2026] [--format json|text]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from .errors import ParseInputError
from .reading import parse_file


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="duban parse",
        description="解析讲话稿或工作方案 / Parse a speech or work plan (.txt .docx .pdf .html).",
    )
    ap.add_argument("file", help="the file to parse")
    ap.add_argument(
        "--year",
        type=int,
        default=None,
        help="year that relative deadlines resolve against (overrides the text)",
    )
    ap.add_argument(
        "--format",
        choices=("json", "text"),
        default="json",
        help="json: the contract object; text: a readable summary",
    )
    return ap


def summary(result: dict[str, Any]) -> str:
    """A human-readable summary: title, year, outline tree, tasks, warnings."""
    out = [
        f"标题 Title: {result.get('title') or '—'}",
        f"文号 Number: {result.get('doc_number') or '—'}    日期 Date: {result.get('date') or '—'}"
        f"    年度 Year: {result.get('year') or '—'}",
        "",
        f"提纲 Outline ({len(result['outline'])})",
    ]
    for h in result["outline"]:
        out.append(f"{'  ' * h['level']}{h['number']}{h['text']}")
    out += ["", f"任务 Tasks ({len(result['tasks'])})"]
    for k, t in enumerate(result["tasks"], 1):
        owners = "；".join(t["owners"]) or "—"
        due = t["deadline"] or "—"
        if t["deadline_text"]:
            due += f" ({t['deadline_text']})"
        text = " ".join(t["text"].split())
        out.append(f"{k:>3}. {text}")
        out.append(f"     责任 owners: {owners}    期限 deadline: {due}")
    out += [
        "",
        f"数字 Numbers: {len(result['numbers'])}    提法 Formulas: "
        + ("、".join(f["text"] for f in result["formulas"]) or "—"),
    ]
    out += ["", f"提示 Warnings ({len(result['warnings'])})"]
    for w in result["warnings"]:
        where = "" if w["start"] is None else f" @{w['start']}"
        out.append(f"  [{w['code']}]{where} {w['message']}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the command; return 0 on success, 2 on unreadable input or bad arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 and args[0] == "parse":
        args = args[1:]
    ap = _parser()
    try:
        a = ap.parse_args(args)
    except SystemExit as e:
        return int(e.code or 0) if e.code in (0, None) else 2
    try:
        result = parse_file(a.file, year=a.year)
    except ParseInputError as e:
        print(str(e), file=sys.stderr)
        return 2
    out = (
        json.dumps(result, ensure_ascii=False, indent=2) if a.format == "json" else summary(result)
    )
    try:
        print(out)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
