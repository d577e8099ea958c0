"""The extractor evaluator counts matches on key fields, each expected record once."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.extract.evaluate import evaluate_all, score


def _fixed(predictions: dict[str, list[dict]]):
    return lambda extractor, item: predictions[item["id"]]


def test_strict_and_lenient_precision_recall() -> None:
    items = [
        {"id": "a", "text": "x", "expected": [{"canonical": "财政局", "role": "lead"}]},
        {"id": "b", "text": "y", "expected": []},
    ]
    predictions = {
        "a": [{"canonical": "财政局", "role": "responsible"}],  # right agency, wrong role
        "b": [{"canonical": "公安局", "role": "lead"}],  # nothing was expected
    }
    result = score(items, "agencies", _fixed(predictions))
    strict = result["strict"]
    assert (strict["tp"], strict["fp"], strict["fn"], strict["precision"]) == (0, 2, 1, 0.0)
    assert (
        result["lenient"]["tp"] == 1
        and result["lenient"]["fp"] == 1
        and result["lenient"]["fn"] == 0
    )


def test_an_expected_record_is_matched_only_once() -> None:
    items = [
        {
            "id": "a",
            "text": "x",
            "expected": [{"comparator": ">=", "value": 95, "value_max": None, "unit": "%"}],
        }
    ]
    twice = {"a": [{"comparator": ">=", "value": 95.0, "value_max": None, "unit": "%"}] * 2}
    result = score(items, "targets", _fixed(twice))
    assert (result["strict"]["tp"], result["strict"]["fp"]) == (1, 1)


def test_every_split_present_is_scored(tmp_path: Path) -> None:
    lines = [
        {"id": "1", "split": "dev", "text": "到2025年底前完成。", "expected": []},
        {"id": "2", "split": "blind", "text": "无。", "expected": []},
    ]
    (tmp_path / "deadlines.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    results = evaluate_all(tmp_path)
    assert sorted(results["deadlines"]) == ["blind", "dev"]
    assert (
        results["deadlines"]["dev"]["strict"]["fp"] == 1
    )  # 到2025年底前 is a deadline nobody listed


def test_mismatches_name_what_was_missed_and_what_was_spurious() -> None:
    items = [{"id": "a", "text": "句子", "expected": [{"canonical": "财政局", "role": "lead"}]}]
    result = score(
        items,
        "agencies",
        _fixed({"a": [{"canonical": "公安局", "role": "lead"}]}),
        with_errors=True,
    )
    (line,) = result["errors"]
    assert "missed:   [('财政局', 'lead')]" in line and "spurious: [('公安局', 'lead')]" in line
