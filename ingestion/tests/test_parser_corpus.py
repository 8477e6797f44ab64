"""The dev corpus of the shared kit scored with its own score.py against the quality targets."""

import importlib.util
import json
import os
from pathlib import Path

import pytest

from ingestion.parser import parse_text

SHARED = Path(
    os.environ.get("DUBAN_SHARED") or Path(__file__).resolve().parents[2].parent / "shared"
)
TARGETS = {
    "outline": 0.95,
    "tasks": 0.80,
    "owners": 0.85,
    "deadlines": 0.95,
    "numbers": 0.90,
    "formulas": 0.90,
}


def _score_module():
    path = SHARED / "corpus" / "score.py"
    if not path.exists() or not (SHARED / "seeds").is_dir():
        pytest.skip(
            f"shared kit not found at {SHARED} (set DUBAN_SHARED); corpus targets not checked"
        )
    spec = importlib.util.spec_from_file_location("duban_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dev_corpus_meets_the_targets():
    score = _score_module()
    per_file = {}
    for gold_path in sorted((SHARED / "corpus" / "dev").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = SHARED / "seeds" / (gold_path.stem + ".txt")
        with open(seed, encoding="utf-8", newline="") as f:
            pred = parse_text(f.read())
        per_file[gold_path.name] = score.score_file(gold, pred)
        want_loss = any(w["code"] == "digit_one_loss" for w in gold["warnings"])
        got_loss = any(w["code"] == "digit_one_loss" for w in pred["warnings"])
        assert want_loss == got_loss, gold_path.name
    assert per_file
    micro = score.micro(per_file)
    for field, target in TARGETS.items():
        assert score.headline(micro, field) >= target, (field, micro[field])
