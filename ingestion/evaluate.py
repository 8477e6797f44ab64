"""Score the parser on the shared dev corpus, clean and under each kind of noise.

usage: python -m ingestion.evaluate [--shared PATH] [--strict]

The shared kit (``../shared`` next to the repository, or $DUBAN_SHARED) holds the seed texts,
their gold annotations, ``corpus/score.py`` and ``corpus/noise.py``.  This module parses every
seed, prints score.py's table, builds the noisy variants with noise.py (chrome, digit1, width,
linebreaks), scores them too and prints clean against each variant per field, with the quality
targets marked met or missed.  Exit status is 0 unless ``--strict`` and a target is missed.
Imports only the pure parser and the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ingestion.parser import parse_text

KINDS = ("chrome", "digit1", "width", "linebreaks")
F1_FIELDS = ("outline", "tasks", "numbers", "formulas", "warnings")
ACC_FIELDS = ("owners", "deadlines", "deadlines_found", "title", "year")
TARGETS = {
    "outline": 0.95,
    "tasks": 0.80,
    "owners": 0.85,
    "deadlines": 0.95,
    "numbers": 0.90,
    "formulas": 0.90,
}
MAX_NOISE_DROP = 0.03
LOSS = "digit_one_loss"


def default_shared() -> Path:
    """$DUBAN_SHARED, else ``../shared`` relative to the repository root."""
    env = os.environ.get("DUBAN_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1].parent / "shared"


def headline(micro: dict, field: str) -> float:
    """The one figure of a field: F1 for matched lists, accuracy for the rest."""
    x = micro[field]
    return float(x["f1"] if field in F1_FIELDS else x["acc"])


def predict(text_dir: Path, pred_dir: Path, suffix: str = "") -> dict[str, dict]:
    """Parse every ``*{suffix}.txt`` in ``text_dir`` into ``pred_dir``; return the predictions."""
    pred_dir.mkdir(parents=True, exist_ok=True)
    out = {}
    for path in sorted(text_dir.glob(f"*{suffix}.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            result = parse_text(f.read())
        (pred_dir / (path.stem + ".json")).write_text(
            json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        out[path.stem] = result
    return out


def score(score_py: Path, gold_dir: Path, pred_dir: Path) -> dict:
    """Run score.py in JSON mode and return its report."""
    run = subprocess.run(
        [sys.executable, str(score_py), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0 and not run.stdout:
        raise RuntimeError(run.stderr.strip() or "score.py failed")
    return json.loads(run.stdout)


def make_variants(noise_py: Path, gold_dir: Path, seeds: Path, kind: str, out: Path) -> None:
    """Write every seed's variant of ``kind`` (text and remapped gold) into ``out``."""
    for gold in sorted(gold_dir.glob("*.json")):
        text = seeds / (gold.stem + ".txt")
        if not text.exists():
            continue
        run = subprocess.run(
            [sys.executable, str(noise_py), str(gold), str(text), "--kind", kind, str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            print(f"  noise.py failed for {gold.name} ({kind}): {run.stdout.strip()}")


def loss_flags(preds: dict[str, dict], gold_dir: Path) -> tuple[int, int]:
    """(files whose digit_one_loss prediction agrees with the gold, files)."""
    ok = 0
    for stem, pred in preds.items():
        gold = json.loads((gold_dir / (stem + ".json")).read_text(encoding="utf-8"))
        want = any(w.get("code") == LOSS for w in gold.get("warnings", []))
        got = any(w.get("code") == LOSS for w in pred.get("warnings", []))
        ok += want == got
    return ok, len(preds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m ingestion.evaluate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--shared", type=Path, default=None, help="path of the shared kit")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args(argv)
    shared = a.shared or default_shared()
    corpus, seeds = shared / "corpus", shared / "seeds"
    gold_dir, score_py, noise_py = corpus / "dev", corpus / "score.py", corpus / "noise.py"
    missing = [p for p in (seeds, gold_dir, score_py, noise_py) if not p.exists()]
    if missing:
        print(f"shared kit not found ({', '.join(str(p) for p in missing)}); nothing to evaluate.")
        print("Pass --shared PATH or set DUBAN_SHARED to the directory with corpus/ and seeds/.")
        return 0

    with tempfile.TemporaryDirectory(prefix="duban-eval-") as tmp:
        root = Path(tmp)
        clean_pred = root / "clean"
        preds = predict(seeds, clean_pred)
        table = subprocess.run(
            [sys.executable, str(score_py), str(gold_dir), str(clean_pred)],
            capture_output=True,
            text=True,
            check=False,
        )
        print("== score.py, clean dev set ==")
        print(table.stdout.rstrip())
        reports = {"clean": score(score_py, gold_dir, clean_pred)["micro"]}
        loss = {"clean": loss_flags(preds, gold_dir)}
        for kind in KINDS:
            vdir = root / kind
            make_variants(noise_py, gold_dir, seeds, kind, vdir)
            vpred = root / (kind + "-pred")
            vpreds = predict(vdir, vpred, suffix="__" + kind)
            reports[kind] = score(score_py, vdir, vpred)["micro"]
            loss[kind] = loss_flags(vpreds, vdir)

    missed = print_tables(reports, loss)
    return 1 if a.strict and missed else 0


def print_tables(reports: dict[str, dict], loss: dict[str, tuple[int, int]]) -> list[str]:
    """Print clean against every variant per field and the targets; return the missed ones."""
    clean = reports["clean"]
    print()
    print("== clean vs noisy variants (micro; delta = variant - clean) ==")
    head = f"{'field':<16}{'clean':>8}" + "".join(f"{k:>20}" for k in KINDS)
    print(head)
    missed: list[str] = []
    for field in F1_FIELDS + ACC_FIELDS:
        c = headline(clean, field)
        cells = []
        for kind in KINDS:
            v = headline(reports[kind], field)
            d = v - c
            flag = "" if d >= -MAX_NOISE_DROP else " !"
            cells.append(f"{v:.3f} ({d:+.3f}){flag}")
            if d < -MAX_NOISE_DROP:
                missed.append(f"{kind}: {field} drops {d:+.3f}")
        print(f"{field:<16}{c:>8.3f}" + "".join(f"{x:>20}" for x in cells))
    print()
    print("== targets ==")
    for field, want in TARGETS.items():
        got = headline(clean, field)
        ok = got >= want
        if not ok:
            missed.append(f"{field} {got:.3f} < {want}")
        print(f"{field:<16} {got:.3f} >= {want:.2f}   {'met' if ok else 'MISSED'}")
    for kind, (ok_n, n) in loss.items():
        good = ok_n == n
        if not good:
            missed.append(f"digit_one_loss wrong on {n - ok_n} {kind} file(s)")
        what = "flagged on every affected file" if kind == "digit1" else "agrees with gold"
        print(f"{LOSS} ({kind:<10}) {ok_n}/{n} {what}   {'met' if good else 'MISSED'}")
    noisy_ok = not any(m.split(":")[0] in KINDS for m in missed)
    print(
        f"noise robustness: every variant within {MAX_NOISE_DROP} of clean   "
        f"{'met' if noisy_ok else 'MISSED'}"
    )
    if missed:
        print("missed: " + "; ".join(missed))
    return missed


if __name__ == "__main__":
    sys.exit(main())
