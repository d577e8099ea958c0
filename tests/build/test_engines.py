"""Engines: results in input order, rendered in the workers, byte-identical whatever the engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build, default_model_path
from pipeline.build.discover import discover
from pipeline.build.engines import ordered_window, preload_resources, run_one, worker_resources
from pipeline.build.process import Limits, process_file


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


def test_run_one_sends_the_rendered_lines_of_process_file(raw_dir: Path) -> None:
    model = str(default_model_path())
    item = discover([raw_dir]).files[0]
    sent = run_one(item, model, Limits())
    direct = process_file(item, worker_resources(model))
    assert sent.status == direct.status == "ok"
    assert sent.jsonl() == direct.jsonl()
    assert sent.documents == [] and sent.tasks == []  # only the rendered lines travel
    assert sent.doc_ids == direct.doc_ids and sent.n_tasks == direct.n_tasks
    assert sent.timings["write"] >= 0


def test_preload_resources_loads_the_memoised_worker_resources() -> None:
    model = str(default_model_path())
    preload_resources(model)
    loaded = vars(worker_resources(model))  # cached properties live in the instance dict
    assert {"regions", "classifier"} <= loaded.keys()
    # the classifier is ready to predict (its segmenter loaded), with no jieba Tokenizer loaded
    assert loaded["classifier"]._segmenter is not None
    assert "tokenizer" not in loaded
