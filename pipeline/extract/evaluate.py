"""Precision/recall of each extractor on the annotated sets in corpus/annotations/.

Each annotation line holds a text and the records a careful reader expects
from it (see corpus/annotations/README.md).  A predicted record counts as
correct when it equals an expected one on the extractor's key fields; each
expected record can be matched once.  `strict` keys are what a
researcher compares on; `full` adds the verbatim indicator and year of a target and
the level of an agency; `lenient` keys only ask that the right thing was found.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.schema import to_json_dict

KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "deadlines": {
        "strict": ("text", "start", "end", "kind", "recurrence"),
        "lenient": ("start", "end"),
    },
    "targets": {
        "strict": ("comparator", "value", "value_max", "unit"),
        "lenient": ("value",),
        "full": ("comparator", "value", "value_max", "unit", "indicator", "year"),
    },
    "agencies": {
        "strict": ("canonical", "role"),
        "lenient": ("canonical",),
        "full": ("canonical", "role", "level"),
    },
}


def _norm(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, int) and not isinstance(value, bool):
        return round(float(value), 6)
    return value


def _key(record: dict[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(_norm(record.get(f)) for f in fields)


def _predict(extractor: str, item: dict[str, Any]) -> list[dict[str, Any]]:
    text = item["text"]
    if extractor == "deadlines":
        from pipeline.extract.deadlines import find_deadlines

        ref = item.get("ref_date")
        return to_json_dict(
            find_deadlines(text, ref_date=dt.date.fromisoformat(ref) if ref else None)
        )
    if extractor == "targets":
        from pipeline.extract.targets import find_targets

        return to_json_dict(find_targets(text, ref_year=item.get("ref_year")))
    from pipeline.extract.agencies import find_agencies

    return to_json_dict(
        find_agencies(
            text,
            doc_level=item.get("doc_level"),
            first_listed_leads=bool(item.get("first_listed_leads", False)),
        )
    )


def mismatches(
    items: list[dict[str, Any]], extractor: str, predictions: list[list[dict[str, Any]]]
) -> list[str]:
    """One readable line per item whose strict records differ: what was missed, what was spurious."""
    fields = KEYS[extractor]["strict"]
    lines = []
    for item, predicted in zip(items, predictions, strict=True):
        expected = Counter(_key(r, fields) for r in item.get("expected", []))
        found = Counter(_key(r, fields) for r in predicted)
        missed, spurious = expected - found, found - expected
        if missed or spurious:
            lines.append(
                f"{item.get('id')}: {item['text'][:60]}\n    missed:   {sorted(missed.elements(), key=str)}"
                f"\n    spurious: {sorted(spurious.elements(), key=str)}"
            )
    return lines


def score(
    items: list[dict[str, Any]],
    extractor: str,
    predict: Callable[[str, dict[str, Any]], list[dict[str, Any]]],
    with_errors: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {"items": len(items)}
    predictions = [predict(extractor, item) for item in items]
    if with_errors:
        out["errors"] = mismatches(items, extractor, predictions)
    for mode, fields in KEYS[extractor].items():
        tp = fp = fn = 0
        for item, predicted in zip(items, predictions, strict=True):
            expected = Counter(_key(r, fields) for r in item.get("expected", []))
            for record in predicted:
                k = _key(record, fields)
                if expected[k] > 0:
                    expected[k] -= 1
                    tp += 1
                else:
                    fp += 1
            fn += sum(expected.values())
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[mode] = {"tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
                     "recall": round(recall, 3), "f1": round(f1, 3)}  # fmt: skip
    return out


def load_items(path: Path, split: str) -> list[dict[str, Any]]:
    items = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                if split == "all" or item.get("split") == split:
                    items.append(item)
    return items


def evaluate_all(
    annotations: Path, split: str = "all", with_errors: bool = False
) -> dict[str, Any]:
    """Scores per extractor and split, for every annotated set that exists."""
    results: dict[str, Any] = {}
    for extractor in KEYS:
        path = annotations / f"{extractor}.jsonl"
        if not path.is_file():
            continue
        items = load_items(path, "all")
        present = sorted({item.get("split", "dev") for item in items})
        splits = present if split == "all" else [split]
        results[extractor] = {
            s: score(load_items(path, s), extractor, _predict, with_errors) for s in splits
        }
    return results


def format_table(results: dict[str, Any]) -> str:
    lines = [
        f"{'extractor':<10} {'split':<5} {'items':>5} {'mode':<8} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"
    ]
    for extractor, by_split in results.items():
        for split, figures in by_split.items():
            for mode in KEYS[extractor]:
                f = figures[mode]
                lines.append(
                    f"{extractor:<10} {split:<5} {figures['items']:>5} {mode:<8} {f['precision']:>6.3f} "
                    f"{f['recall']:>6.3f} {f['f1']:>6.3f}  {f['tp']}/{f['fp']}/{f['fn']}"
                )
    for extractor, by_split in results.items():
        for split, figures in by_split.items():
            for error in figures.get("errors", []):
                lines.append(f"[{extractor}/{split}] {error}")
    return "\n".join(lines)
