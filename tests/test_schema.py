"""Tests for pipeline/schema.py: the JSON conversion of the output records."""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from typing import Any, NamedTuple

from pipeline.schema import (
    Agency,
    Deadline,
    Document,
    Label,
    Period,
    Quality,
    Region,
    Source,
    Target,
    Task,
    to_json_dict,
)


def _generic(obj: Any) -> Any:
    """The plain recursive conversion to_json_dict replaced (kept as the reference)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _generic(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [_generic(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _generic(v) for k, v in obj.items()}
    return obj


def _document() -> Document:
    return Document(
        doc_id="d1",
        source=Source(path="a.docx", sha256="0" * 64, format="docx"),
        text="一、加强组织领导。",
        issuers=["某市人民政府"],
        region=Region(name="某市", level="city"),
        period=Period(start_year=2024, end_year=2025),
        portal={"索引号": "1"},
        quality=Quality(lost_chars=1, warnings=["w"]),
        n_chars=9,
    )


def _task() -> Task:
    return Task(
        task_id="d1-1",
        doc_id="d1",
        seq=1,
        kind="task",
        heading_path=["一、加强组织领导"],
        number="一",
        text="到2025年底覆盖率达到95%。",
        span=(0, 16),
        labels=[Label("health_services", 0.9)],
        deadlines=[Deadline("2025年底", (1, 7), None, "2025-12-31", "by")],
        targets=[Target("达到95%", (10, 15), "覆盖率", ">=", 95.0, unit="%", year=2025)],
        agencies=[Agency("市卫健委", "卫生健康委员会", "lead", "city", (0, 4), "市")],
    )


def test_records_convert_exactly_like_the_generic_recursion() -> None:
    # to_json_dict caches field names per class for speed; the JSON (key order
    # included) must be what the generic conversion gives.
    for record in (_document(), _task(), [_task(), _task()], Region()):
        fast, slow = to_json_dict(record), _generic(record)
        assert fast == slow
        assert json.dumps(fast, ensure_ascii=False) == json.dumps(slow, ensure_ascii=False)


def test_spans_become_lists_and_other_values_pass_through() -> None:
    class Pair(NamedTuple):
        a: int
        b: int

    values: list[Any] = [
        (1, 2),
        Pair(1, 2),
        OrderedDict(x=(1, 2)),
        {"k": [Label("c", 0.5)]},
        Label,  # a dataclass *class* is not converted
        None,
        True,
        1.5,
        "文本",
    ]
    for value in values:
        assert to_json_dict(value) == _generic(value)
    assert to_json_dict(_task())["span"] == [0, 16]
    assert to_json_dict(Label) is Label
