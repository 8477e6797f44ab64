"""The command line: JSON that matches the contract, a text summary, errors on stderr."""

import json
import subprocess
import sys
from pathlib import Path

from ingestion.parser.cli import main

CONTRACT_KEYS = {
    "title",
    "doc_number",
    "date",
    "year",
    "outline",
    "tasks",
    "numbers",
    "formulas",
    "warnings",
}
TASK_KEYS = {"text", "owners", "deadline", "deadline_text", "section", "source"}
SPEECH = (
    "在全区教育工作会议上的讲话\n"
    "一、重点任务\n"
    "各学校要在9月底前完成安全自查；区教育局将组织抽查。\n"
)


def write(tmp_path: Path) -> Path:
    path = tmp_path / "speech.txt"
    path.write_text(SPEECH, encoding="utf-8")
    return path


def test_json_output_is_the_contract_object(tmp_path, capsys):
    assert main(["parse", str(write(tmp_path)), "--year", "2026"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == CONTRACT_KEYS
    assert out["year"] == 2026
    assert all(set(t) == TASK_KEYS for t in out["tasks"])
    assert out["tasks"][0]["deadline"] == "2026-09-30"


def test_json_keeps_chinese_readable(tmp_path, capsys):
    main([str(write(tmp_path))])
    raw = capsys.readouterr().out
    assert "各学校" in raw and "\\u" not in raw
    assert raw.startswith("{\n  ")  # indent=2


def test_text_summary(tmp_path, capsys):
    assert main([str(write(tmp_path)), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "在全区教育工作会议上的讲话" in out
    assert "一、重点任务" in out
    assert "各学校" in out and "区教育局" in out


def test_errors_go_to_stderr_with_status_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main([str(empty)]) == 2
    err = capsys.readouterr()
    assert err.out == ""
    assert "文件为空" in err.err and "empty" in err.err
    assert main(["--format", "xml", str(empty)]) == 2


def test_module_entry_point(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "ingestion.parser", str(write(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert run.returncode == 0, run.stderr
    assert set(json.loads(run.stdout)) == CONTRACT_KEYS
