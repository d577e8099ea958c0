"""End-to-end behaviour of `build` on the sample corpus: contract, provenance, determinism, cache."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest

from pipeline.build import BuildOptions, build
from tests.build.helpers import read_jsonl

SCHEMAS = Path(__file__).resolve().parents[2] / "pipeline" / "schemas"


@pytest.fixture(scope="module")
def seed_build(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed") / "structured"
    build([raw_dir], out, BuildOptions(use_cache=False, quiet=True))
    return out


def test_seeds_give_thirteen_documents_and_every_file_is_ok(seed_build: Path) -> None:
    report = json.loads((seed_build / "build_report.json").read_text(encoding="utf-8"))
    assert report["totals"]["files"] == 5
    assert report["totals"]["ok"] == 5
    docs = read_jsonl(seed_build / "documents.jsonl")
    assert len(docs) == 13  # seed 001 splits into its nine articles
    assert len({d["doc_id"] for d in docs}) == 13
    parts = sorted(d["source"]["part"] for d in docs if d["source"]["path"].startswith("001_"))
    assert parts == list(range(1, 10))
    assert report["totals"]["documents"] == 13
    assert report["totals"]["tasks"] == sum(d["n_tasks"] for d in docs)


def test_outputs_follow_the_json_schemas(seed_build: Path) -> None:
    doc_schema = json.loads((SCHEMAS / "documents.schema.json").read_text(encoding="utf-8"))
    task_schema = json.loads((SCHEMAS / "tasks.schema.json").read_text(encoding="utf-8"))
    for doc in read_jsonl(seed_build / "documents.jsonl"):
        jsonschema.validate(doc, doc_schema)
    tasks = read_jsonl(seed_build / "tasks.jsonl")
    assert tasks, "the seed plans must yield units"
    for task in tasks:
        jsonschema.validate(task, task_schema)


def test_every_span_points_at_its_text(seed_build: Path) -> None:
    texts = {d["doc_id"]: d["text"] for d in read_jsonl(seed_build / "documents.jsonl")}
    for task in read_jsonl(seed_build / "tasks.jsonl"):
        text = texts[task["doc_id"]]
        start, end = task["span"]
        assert text[start:end] == task["text"]
        for kind in ("deadlines", "targets", "agencies"):
            for item in task[kind]:
                s, e = item["span"]
                assert start <= s <= e <= end, (kind, item)
                if "text" in item:
                    assert text[s:e] == item["text"]
                else:
                    assert text[s:e] == item["name"]


def test_builds_are_byte_identical_whatever_the_jobs(
    raw_dir: Path, seed_build: Path, tmp_path: Path
) -> None:
    out = tmp_path / "structured"
    build([raw_dir], out, BuildOptions(jobs=2, use_cache=False, quiet=True))
    for name in ("documents.jsonl", "tasks.jsonl"):
        assert (out / name).read_bytes() == (seed_build / name).read_bytes()


def test_a_pool_that_cannot_fork_gives_the_same_bytes(
    raw_dir: Path, seed_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off Linux the parent does not preload: each worker loads its own resources.
    monkeypatch.setattr(sys, "platform", "darwin")
    out = tmp_path / "structured"
    build([raw_dir], out, BuildOptions(jobs=2, use_cache=False, quiet=True))
    for name in ("documents.jsonl", "tasks.jsonl"):
        assert (out / name).read_bytes() == (seed_build / name).read_bytes()


def test_unchanged_rebuild_is_served_from_cache_and_a_change_is_redone(
    raw_dir: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir, raw)
    out = tmp_path / "structured"
    options = BuildOptions(cache_dir=tmp_path / "cache", quiet=True)
    first = build([raw], out, options)
    first_docs = (out / "documents.jsonl").read_bytes()
    assert first["totals"]["cached"] == 0
    second = build([raw], out, options)
    assert second["totals"]["cached"] == 5
    assert (out / "documents.jsonl").read_bytes() == first_docs

    changed = sorted(raw.glob("003_*"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = build([raw], out, options)
    assert third["totals"]["cached"] == 4
    redone = [f for f in third["files"] if not f["cached"]]
    assert [f["path"] for f in redone] == [changed.name]
    assert (
        redone[0]["sha256"]
        != next(f for f in first["files"] if f["path"] == changed.name)["sha256"]
    )


def test_a_damaged_cache_entry_is_a_miss_not_an_error(raw_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "structured"
    build([raw_dir], out, BuildOptions(cache_dir=cache, quiet=True))
    expected = (out / "tasks.jsonl").read_bytes()
    entries = sorted(cache.rglob("*.jsonl"))
    entries[0].write_text('{"key": "something else"}', encoding="utf-8")
    entries[1].write_text("[1, 2", encoding="utf-8")
    entries[2].write_text(json.dumps({"key": entries[2].stem, "format": 2}), encoding="utf-8")
    entries[3].write_bytes(entries[3].read_bytes()[:-10])  # cut short
    report = build([raw_dir], out, BuildOptions(cache_dir=cache, quiet=True))
    assert report["totals"]["cached"] == 1 and report["totals"]["ok"] == 5
    assert (out / "tasks.jsonl").read_bytes() == expected


def test_a_cache_hit_gives_back_the_lines_exactly(tmp_path: Path) -> None:
    from pipeline.build.cache import ResultCache
    from pipeline.build.process import FileResult

    # raw line separators other than \n must survive: they are not line ends in JSONL
    lines = (
        '{"doc_id": "a", "text": "第一行\r“引号”\u2028\x85"}\n'.encode(),
        b'{"task_id": "a-1"}\n{"task_id": "a-2"}\n',
    )
    cache = ResultCache(tmp_path)
    result = FileResult(
        "a\u2028b.txt", "ok", None, "0" * 64, rendered=lines, doc_ids=["a"], n_tasks=2
    )
    cache.put("k" * 64, result)
    hit = cache.get("k" * 64)
    assert hit is not None and hit.cached
    assert hit.jsonl() == lines and hit.doc_ids == ["a"] and hit.n_tasks == 2
    assert cache.get("j" * 64) is None
