"""Parser speed and memory on a ~40 KB speech: median/p95 of 20 runs and peak memory.

usage: python bench/parser_bench.py [--shared PATH] [--runs 20]

The speech is the five seed texts of the shared kit concatenated (``../shared`` next to the
repository, or $DUBAN_SHARED); without the kit, a generated text of the genre of the same size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingestion.parser import parse_text  # noqa: E402

TARGET_BYTES = 40 * 1024
TARGET_MS = 100.0
TARGET_MB = 100.0


def seed_speech(shared: Path) -> str | None:
    """The seed texts joined and cut at a line end near 40 KB (UTF-8), or None without the kit."""
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        return None
    joined = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    while len(joined.encode("utf-8")) < TARGET_BYTES:
        joined += "\n" + joined
    return _cut(joined)


def _cut(text: str) -> str:
    """The longest prefix ending at a line end whose UTF-8 size stays within ~40 KB."""
    out, size = [], 0
    for line in text.split("\n"):
        size += len(line.encode("utf-8")) + 1
        if size > TARGET_BYTES and out:
            break
        out.append(line)
    return "\n".join(out)


def generated_speech() -> str:
    """A made-up speech of the genre (review, problems, tasks), repeated to ~40 KB."""
    cn = "一二三四五六七八九十"
    out = ["在全市教育工作会议上的讲话", "同志们：", "下面，我讲三点意见。"]
    k = 0
    while len("\n".join(out).encode("utf-8")) < TARGET_BYTES:
        out.append(f"{cn[k % 10]}、过去一年工作回顾")
        out.append(
            f"过去一年，全市新建学校{k + 3}所，培训教师{1200 + k}余人次，入园率达到9{k % 10}.5%。"
            "各地认真落实“三会一课”制度，取得了明显成效。教育是国之大计、党之大计。"
        )
        out.append("存在的问题主要是：一是经费保障不足；二是师资结构不合理。对此，我们要高度重视。")
        for j in range(3):
            out.append(
                f"（{cn[j]}）加强校园安全管理。各县区教育局要在{j + 5}月底前完成隐患排查，"
                "建立整改台账；市教育局将组织专项督查。要严格执行“一岗双责”，"
                "切实提高安全意识。安全工作是一项长期任务。"
            )
        k += 1
    return _cut("\n".join(out))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    default = os.environ.get("DUBAN_SHARED") or str(ROOT.parent / "shared")
    ap.add_argument("--shared", default=default)
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args(argv)
    text = seed_speech(Path(a.shared))
    source = "seed texts" if text else "generated text"
    text = text or generated_speech()
    size_kb = len(text.encode("utf-8")) / 1024

    parse_text(text)  # warm up regex caches
    times = []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        parse_text(text)
        times.append((time.perf_counter() - t0) * 1000)
    tracemalloc.start()
    parse_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    median = statistics.median(times)
    p95 = sorted(times)[max(0, int(round(0.95 * len(times))) - 1)]
    peak_mb = peak / 2**20
    rows = [
        ("input", f"{size_kb:.1f} KB ({source})", "~40 KB", "yes"),
        ("median parse time", f"{median:.1f} ms", f"< {TARGET_MS:.0f} ms", median < TARGET_MS),
        ("p95 parse time", f"{p95:.1f} ms", f"< {TARGET_MS:.0f} ms", p95 < TARGET_MS),
        ("peak memory", f"{peak_mb:.1f} MB", f"< {TARGET_MB:.0f} MB", peak_mb < TARGET_MB),
    ]
    print(f"{'figure':<20} | {'measured':<28} | {'target':<10} | ok")
    print("-" * 70)
    for name, got, want, ok in rows:
        flag = ok if isinstance(ok, str) else ("yes" if ok else "NO")
        print(f"{name:<20} | {got:<28} | {want:<10} | {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
