"""kill -9 in the middle of a build leaves the previous corpus intact and the cache usable."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build

PLAN = "{name}医疗服务行动计划\n一、主要任务\n" + "".join(
    f"（{n}）推进第{i}项工作。到2025年，覆盖率达到{80 + i}%以上。（{{name}}卫生健康委牵头，{{name}}医保局配合）\n"
    for i, n in enumerate("一二三四五六七八九十", start=1)
)


def _make_corpus(root: Path, n: int) -> None:
    root.mkdir(parents=True)
    for i in range(n):
        name = f"第{i}市"
        (root / f"plan_{i:04d}.txt").write_text(PLAN.format(name=name) * 3, encoding="utf-8")


@pytest.mark.slow
def test_kill_9_mid_build_keeps_previous_corpus_and_next_build_completes(tmp_path: Path) -> None:
    small, big = tmp_path / "small", tmp_path / "big"
    _make_corpus(small, 2)
    _make_corpus(big, 400)
    out, cache = tmp_path / "structured", tmp_path / "cache"
    build([small], out, BuildOptions(cache_dir=cache, quiet=True))
    before = {name: (out / name).read_bytes() for name in ("documents.jsonl", "tasks.jsonl")}

    cmd = [
        sys.executable,
        "-m",
        "pipeline",
        "build",
        str(big),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
        "-q",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    cached_entries = 0
    while time.monotonic() < deadline and proc.poll() is None:
        cached_entries = sum(1 for _ in cache.rglob("*.jsonl"))
        if cached_entries >= 5:  # mid-build: some results cached, outputs still being written
            break
        time.sleep(0.05)
    assert proc.poll() is None, (
        "the build finished before it could be interrupted; make the corpus bigger"
    )
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    for name, content in before.items():
        assert (out / name).read_bytes() == content, f"{name} was damaged by the interrupted build"

    report = build([big], out, BuildOptions(cache_dir=cache, quiet=True))
    assert report["totals"]["ok"] == 400
    assert 0 < report["totals"]["cached"] < 400
    clean = tmp_path / "clean"
    build([big], clean, BuildOptions(use_cache=False, quiet=True))
    for name in ("documents.jsonl", "tasks.jsonl"):
        assert (out / name).read_bytes() == (clean / name).read_bytes()
    assert not list(out.glob(".*.tmp")), "stale temporary files left in the output directory"
