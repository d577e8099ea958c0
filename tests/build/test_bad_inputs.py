"""Hostile and odd inputs: every file is accounted for, none stops the build or harms the others."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, UsageError, build
from pipeline.build.process import Limits
from tests.build.helpers import read_jsonl

GOOD_PLAN = (
    "某市改善医疗服务行动计划\n"
    "一、主要任务\n"
    "（一）推进预约诊疗。到2025年，二级以上医院预约诊疗率达到90%以上。（市卫生健康委牵头，市医保局配合）\n"
    "（二）加强急诊急救。2024年6月底前，平均急救反应时间控制在12分钟以内。\n"
)


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


@pytest.fixture()
def hostile_dir(tmp_path: Path) -> Path:
    root = tmp_path / "raw"
    _write(root / "good.txt", GOOD_PLAN)
    _write(root / "good_copy.txt", GOOD_PLAN)  # duplicate bytes
    _write(root / "empty.txt", b"")
    _write(root / "binary.txt", bytes(range(256)) * 64)
    _write(root / "nul_bytes.txt", "第一段。\x00\x00\n" + GOOD_PLAN.replace("某市", "另一市"))
    _write(root / "table.xls", b"\xd0\xcf\x11\xe0 not really excel")
    _write(root / "truncated.docx", b"PK\x03\x04 truncated")
    _write(root / "truncated.pdf", b"%PDF-1.4\n1 0 obj\n<<")
    _write(root / "no_body.html", "<html><head><title>x</title></head></html>")
    deep = "<div>" * 5000 + "深层嵌套的文字。" + "</div>" * 5000
    _write(root / "deep.html", f"<html><body>{deep}</body></html>")
    _write(
        root / "no_numbering.txt",
        "本文没有任何编号。各单位要切实做好医疗服务工作，确保群众满意。\n",
    )
    _write(root / "long_line.txt", "加强医疗服务。" * 20000)
    _write(root / "mixed.txt", GOOD_PLAN.encode("utf-8") + "繁體中文的醫院".encode("big5"))
    loop = root / "loop"
    loop.mkdir()
    os.symlink(root, loop / "back_to_root")
    return root


def _by_path(report: dict) -> dict[str, dict]:
    return {entry["path"]: entry for entry in report["files"]}


def test_every_file_is_accounted_for_and_totals_add_up(hostile_dir: Path, tmp_path: Path) -> None:
    report = build([hostile_dir], tmp_path / "out", BuildOptions(use_cache=False, quiet=True))
    totals = report["totals"]
    assert totals["files"] == totals["ok"] + totals["skipped"] + totals["error"]
    entries = _by_path(report)
    assert entries["good.txt"]["status"] == "ok"
    assert entries["good_copy.txt"]["status"] == "skipped"
    assert "duplicate of good.txt" in entries["good_copy.txt"]["message"]
    assert entries["empty.txt"]["status"] == "error"
    assert "empty" in entries["empty.txt"]["message"]
    assert entries["table.xls"]["status"] == "skipped"
    assert "unsupported file type '.xls'" in entries["table.xls"]["message"]
    assert entries["binary.txt"]["status"] == "error"
    assert entries["truncated.docx"]["status"] == "error"
    assert "zip" in entries["truncated.docx"]["message"]
    assert entries["truncated.pdf"]["status"] == "error"
    for name in ("no_numbering.txt", "long_line.txt", "nul_bytes.txt", "mixed.txt"):
        assert entries[name]["status"] == "ok", entries[name]
    assert any("symlink loop" in p["message"] for p in report["discovery_problems"])
    # the symlink loop did not make any file be counted twice
    assert len(report["files"]) == len({e["path"] for e in report["files"]})


def test_bad_files_do_not_change_the_good_documents_output(
    hostile_dir: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "alone"
    _write(alone / "good.txt", GOOD_PLAN)
    build([alone], tmp_path / "out_alone", BuildOptions(use_cache=False, quiet=True))
    build([hostile_dir], tmp_path / "out_all", BuildOptions(use_cache=False, quiet=True))
    good_alone = [d for d in read_jsonl(tmp_path / "out_alone" / "documents.jsonl")]
    good_mixed = [
        d
        for d in read_jsonl(tmp_path / "out_all" / "documents.jsonl")
        if d["source"]["path"] == "good.txt"
    ]
    assert good_alone == good_mixed
    tasks_alone = read_jsonl(tmp_path / "out_alone" / "tasks.jsonl")
    tasks_mixed = [
        t
        for t in read_jsonl(tmp_path / "out_all" / "tasks.jsonl")
        if t["doc_id"] == good_alone[0]["doc_id"]
    ]
    assert tasks_alone == tasks_mixed and tasks_alone


def test_size_and_time_limits_are_reported_not_fatal(raw_dir: Path, tmp_path: Path) -> None:
    seed = sorted(raw_dir.glob("002_*"))[0]
    report = build(
        [seed],
        tmp_path / "small",
        BuildOptions(use_cache=False, quiet=True, limits=Limits(max_bytes=1000)),
    )
    entry = report["files"][0]
    assert entry["status"] == "error" and "size limit" in entry["message"]

    report = build(
        [seed],
        tmp_path / "slow",
        BuildOptions(use_cache=False, quiet=True, limits=Limits(timeout_s=0.0005)),
    )
    entry = report["files"][0]
    assert entry["status"] == "error" and "time limit" in entry["message"]


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="input not found"):
        build([tmp_path / "nope"], tmp_path / "out", BuildOptions(quiet=True))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    locked = _write(root / "locked.txt", GOOD_PLAN)
    locked.chmod(0)
    try:
        report = build([root], tmp_path / "out", BuildOptions(use_cache=False, quiet=True))
    finally:
        locked.chmod(0o644)
    assert "permission denied" in report["files"][0]["message"]


def test_truncated_docx_made_from_a_real_one_is_an_error(tmp_path: Path) -> None:
    docx = tmp_path / "raw" / "real.docx"
    docx.parent.mkdir()
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document>" * 10)
    data = docx.read_bytes()
    docx.write_bytes(data[: len(data) // 2])
    report = build([docx.parent], tmp_path / "out", BuildOptions(use_cache=False, quiet=True))
    assert report["files"][0]["status"] == "error"
    assert report["files"][0]["message"]


@pytest.mark.slow
def test_a_50mb_text_file_neither_hangs_nor_harms_the_build(tmp_path: Path) -> None:
    """A 50 MB file is either built or stopped by the time limit; the other file is built."""
    root = tmp_path / "raw"
    root.mkdir()
    line = "（一）加强医疗服务。各医院要改善服务流程，提高群众满意度。\n"
    n = 50 * 1024 * 1024 // len(line.encode("utf-8")) + 1
    (root / "huge.txt").write_text(
        "某县医疗服务行动计划\n一、主要任务\n" + line * n, encoding="utf-8"
    )
    _write(root / "small.txt", GOOD_PLAN)
    report = build(
        [root],
        tmp_path / "out",
        BuildOptions(
            use_cache=False, quiet=True, limits=Limits(max_bytes=60 * 1024 * 1024, timeout_s=20)
        ),
    )
    entries = _by_path(report)
    huge = entries["huge.txt"]
    assert huge["status"] == "ok" or "time limit" in huge["message"]
    assert entries["small.txt"]["status"] == "ok"


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_incompatible_model_is_a_usage_error_before_any_file_is_read(
    tmp_path: Path, jobs: int
) -> None:
    raw = tmp_path / "raw"
    _write(raw / "good.txt", GOOD_PLAN)
    model = _write(
        tmp_path / "model.json", '{"format": "planminer-task-classifier", "format_version": 999}'
    )
    with pytest.raises(UsageError, match=r"cannot be used: .*format_version 999"):
        build([raw], tmp_path / "out", BuildOptions(quiet=True, model_path=model, jobs=jobs))
    assert not (tmp_path / "out" / "documents.jsonl").exists()


def test_a_resource_that_fails_to_load_fails_each_file_and_a_bad_model_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.resources import Resources

    def broken(self: Resources) -> None:
        raise RuntimeError("region table unreadable")

    monkeypatch.setattr(Resources, "regions", property(broken))
    raw = tmp_path / "raw"
    _write(raw / "good.txt", GOOD_PLAN)
    report = build([raw], tmp_path / "out", BuildOptions(quiet=True, use_cache=False))
    (entry,) = report["files"]
    assert entry["status"] == "error" and "region table unreadable" in entry["message"]

    model = _write(
        tmp_path / "model.json", '{"format": "planminer-task-classifier", "format_version": 999}'
    )
    with pytest.raises(UsageError, match="cannot be used"):
        build([raw], tmp_path / "out2", BuildOptions(quiet=True, model_path=model))
