"""Precision/recall of :func:`find_targets` on ``corpus/annotations/targets.jsonl``.

Usage: ``python -m pipeline.extract.eval_targets [--split dev|test|all] [--errors]``

A predicted target matches an expected one when comparator, value, value_max
and unit agree (values to 1e-6); each expected record is matched at most once.
Indicator, text and year are reported separately as agreement rates over the
matched pairs, because their boundaries are a matter of taste the score should
not hide behind.  Tune rules on ``dev`` only; ``test`` was split off (by a hash
of the sentence) before the rules were tuned on the annotations.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.targets import find_targets
from pipeline.schema import Target

ANNOTATIONS = Path(__file__).resolve().parents[2] / "corpus" / "annotations" / "targets.jsonl"


def _key_equal(pred: Target, exp: dict) -> bool:
    def same(a: float | None, b: float | None) -> bool:
        return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-6)

    return (
        pred.comparator == exp["comparator"]
        and same(pred.value, exp["value"])
        and same(pred.value_max, exp.get("value_max"))
        and pred.unit == exp["unit"]
    )


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    indicator_same: int = 0
    year_same: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(rows: list[dict]) -> Score:
    """Score the extractor on annotation rows (see ``corpus/annotations/targets.md``)."""
    score = Score()
    for row in rows:
        preds = find_targets(row["text"], ref_year=row.get("ref_year"))
        unmatched = list(row["expected"])
        for p in preds:
            hit = next((e for e in unmatched if _key_equal(p, e)), None)
            if hit is None:
                score.fp += 1
                score.errors.append(
                    f"FP {row['id']}: {p.text} [{p.comparator} {p.value} {p.value_max} {p.unit}]"
                )
                continue
            unmatched.remove(hit)
            score.tp += 1
            score.indicator_same += p.indicator == hit["indicator"]
            score.year_same += p.year == hit.get("year")
        for e in unmatched:
            score.fn += 1
            score.errors.append(
                f"FN {row['id']}: {e['text']} [{e['comparator']} {e['value']} {e.get('value_max')} {e['unit']}]"
            )
    return score


def load_rows(path: Path = ANNOTATIONS) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--path", type=Path, default=ANNOTATIONS)
    args = ap.parse_args(argv)
    rows = load_rows(args.path)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    for split in splits:
        part = [r for r in rows if r["split"] == split]
        s = evaluate(part)
        n_exp = s.tp + s.fn
        print(
            f"targets {split:4s} items={len(part):3d} expected={n_exp:3d} tp={s.tp} fp={s.fp} fn={s.fn} "
            f"P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"indicator={s.indicator_same}/{s.tp} year={s.year_same}/{s.tp}"
        )
        if args.errors:
            for e in s.errors:
                print("   ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
