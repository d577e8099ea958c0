"""The Dask engine runs the same per-file function and writes byte-identical JSONL."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.build.engines import ordered_window


class _Later:
    def __init__(self, value: int, log: list[str]) -> None:
        self.value, self.log = value, log

    def result(self) -> int:
        self.log.append(f"result {self.value}")
        return self.value


def test_ordered_window_keeps_order_and_bounds_work_in_flight() -> None:
    log: list[str] = []

    def submit(i: int) -> _Later:
        log.append(f"submit {i}")
        return _Later(i, log)

    assert list(ordered_window(range(5), submit, window=2)) == [0, 1, 2, 3, 4]
    # never more than two submitted and not yet collected
    in_flight = 0
    for entry in log:
        in_flight += 1 if entry.startswith("submit") else -1
        assert in_flight <= 2


@pytest.mark.slow
def test_dask_engine_output_is_byte_identical_to_local(raw_dir: Path, tmp_path: Path) -> None:
    local, dask = tmp_path / "local", tmp_path / "dask"
    build([raw_dir], local, BuildOptions(use_cache=False, quiet=True))
    report = build(
        [raw_dir], dask, BuildOptions(engine="dask", jobs=2, use_cache=False, quiet=True)
    )
    assert report["engine"] == "dask" and report["totals"]["ok"] == 5
    for name in ("documents.jsonl", "tasks.jsonl"):
        assert (dask / name).read_bytes() == (local / name).read_bytes()
