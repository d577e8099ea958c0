"""Precision/recall of :func:`find_agencies` on ``corpus/annotations/agencies.jsonl``.

Run ``python -m pipeline.extract.agency_eval [--show dev|test] [path]``.  An extracted agency
counts as correct when its (canonical, role) pair matches an expected one (multiset match, so
an agency listed twice must be found twice); level agreement is reported separately over the
matched pairs.  Tune rules on ``dev`` only; ``test`` measures generalisation.

Annotation format (one JSON object per line): ``id``; ``source`` (a ``corpus/raw`` path, a
``../shared/corpora/...`` path, or ``synthetic``); ``split`` (``dev``/``test``; the test items
were fixed by position before the first evaluation, items added later are all ``dev``);
``text`` (one unit); ``first_listed_leads`` and ``doc_level`` (the arguments the build passes);
``expected``: ``[{name, canonical, role, level}]`` as a careful reader lists them, ``[]`` for
units that mention agencies without assigning work.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.extract.agencies import find_agencies

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "corpus" / "annotations" / "agencies.jsonl"


@dataclass
class Score:
    """Counts for one split."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    level_ok: int = 0
    items: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_items(path: Path = DEFAULT_PATH) -> list[dict]:
    """The annotated units, one dict per JSON line."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score_item(item: dict, score: Score) -> None:
    """Add one unit's matches and mismatches to ``score``."""
    found = find_agencies(
        item["text"], doc_level=item.get("doc_level"), first_listed_leads=item["first_listed_leads"]
    )
    got = Counter((a.canonical, a.role) for a in found)
    want = Counter((e["canonical"], e["role"]) for e in item["expected"])
    tp = sum((got & want).values())
    score.items += 1
    score.tp += tp
    score.fp += sum((got - want).values())
    score.fn += sum((want - got).values())
    want_levels = Counter((e["canonical"], e["role"], e["level"]) for e in item["expected"])
    got_levels = Counter((a.canonical, a.role, a.level) for a in found)
    score.level_ok += sum((want_levels & got_levels).values())
    if got != want:
        score.errors.append(f"{item['id']}: missing {dict(want - got)} extra {dict(got - want)}")


def evaluate(path: Path = DEFAULT_PATH) -> dict[str, Score]:
    """Scores per split."""
    scores: dict[str, Score] = {}
    for item in load_items(path):
        score_item(item, scores.setdefault(item["split"], Score()))
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--show", choices=("dev", "test"), help="list the mismatching units")
    args = parser.parse_args(argv)
    scores = evaluate(args.path)
    print("split  units   tp  fp  fn  precision  recall  level_ok/tp")
    for split in ("dev", "test"):
        s = scores.get(split, Score())
        print(
            f"{split:5} {s.items:6} {s.tp:4} {s.fp:3} {s.fn:3}  {s.precision:9.3f} {s.recall:7.3f}"
            f"  {s.level_ok}/{s.tp}"
        )
    if args.show:
        for line in scores.get(args.show, Score()).errors:
            print(line)


if __name__ == "__main__":
    main()
