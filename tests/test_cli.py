"""The command line: both entry points, help on every sub-command, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main, make_parser

PLAN = (
    "某县医疗服务工作方案\n一、主要任务\n（一）推进分级诊疗。到2025年，县域内就诊率达到90%以上。\n"
)


def _subcommands() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = _subcommands()
    assert "build" in names and "eval" in names
    for name in names:
        with pytest.raises(SystemExit) as exc:
            main([name, "--help"])
        assert exc.value.code == 0
        assert "usage: planminer" in capsys.readouterr().out


def test_python_m_pipeline_is_the_same_program(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "plan.txt").write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "build",
            str(tmp_path / "raw"),
            "--out",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # quiet and not a TTY: no progress bar, no summary
    report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
    assert report["totals"]["ok"] == 1


def test_errors_exit_zero_unless_strict(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.txt").write_text(PLAN, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    assert main(["build", str(raw), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert main(["build", str(raw), "--out", str(tmp_path / "b"), "--quiet", "--strict"]) == 1


def test_missing_input_and_bad_options_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 2
    assert "input not found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "0"])
    assert exc.value.code == 2


def test_python_m_pipeline_build_reports_and_exits_with_its_status(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "plan.txt").write_text(PLAN, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    command = [sys.executable, "-m", "pipeline", "build", str(raw), "--out", str(tmp_path / "o")]
    proc = subprocess.run([*command, "--strict", "--jobs", "2"], capture_output=True, text=True)
    assert proc.returncode == 1
    # the summary printed just before the fast exit is not lost
    assert "2 files: 1 ok, 0 skipped, 1 errors" in proc.stderr
    assert "error: empty.txt: empty file" in proc.stderr


def test_exit_without_teardown_runs_exit_handlers_and_keeps_the_status() -> None:
    probe = (
        "import atexit, sys\n"
        "atexit.register(print, 'handler ran')\n"
        "from pipeline.cli import exit_without_teardown\n"
        "print('buffered', end=' ')\n"
        "exit_without_teardown(3)\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 3
    assert proc.stdout == "buffered handler ran\n"
