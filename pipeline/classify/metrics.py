"""Multi-label metrics for taxonomy codes (pure functions over label lists)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class CodeScore:
    code: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0


@dataclass
class Report:
    per_code: list[CodeScore]
    micro_p: float
    micro_r: float
    micro_f1: float
    macro_f1: float  # over codes with support > 0
    primary_accuracy: float
    confusion: Counter  # (gold primary, predicted primary) -> count
    n: int

    def as_dict(self) -> dict:
        return {
            "n_units": self.n,
            "micro_precision": round(self.micro_p, 4),
            "micro_recall": round(self.micro_r, 4),
            "micro_f1": round(self.micro_f1, 4),
            "macro_f1": round(self.macro_f1, 4),
            "primary_accuracy": round(self.primary_accuracy, 4),
            "per_code": {
                s.code: {
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                    "f1": round(s.f1, 4),
                    "support": s.support,
                }
                for s in self.per_code
            },
        }


def score(
    gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], codes: Sequence[str]
) -> Report:
    """Micro/macro F1 over code sets, per-code P/R/F1, primary (first code) accuracy and confusion."""
    if len(gold) != len(pred):
        raise ValueError("gold and pred differ in length")
    per = {c: CodeScore(c, 0, 0, 0) for c in codes}
    confusion: Counter = Counter()
    correct = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for c in codes:
            if c in gs and c in ps:
                per[c].tp += 1
            elif c in ps:
                per[c].fp += 1
            elif c in gs:
                per[c].fn += 1
        gp, pp = (g[0] if g else None), (p[0] if p else None)
        confusion[(gp, pp)] += 1
        correct += gp == pp
    tp = sum(s.tp for s in per.values())
    fp = sum(s.fp for s in per.values())
    fn = sum(s.fn for s in per.values())
    micro_p = tp / (tp + fp) if tp + fp else 0.0
    micro_r = tp / (tp + fn) if tp + fn else 0.0
    micro_f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    supported = [s for s in per.values() if s.support > 0]
    macro_f1 = sum(s.f1 for s in supported) / len(supported) if supported else 0.0
    return Report(
        per_code=list(per.values()),
        micro_p=micro_p,
        micro_r=micro_r,
        micro_f1=micro_f1,
        macro_f1=macro_f1,
        primary_accuracy=correct / len(gold) if gold else 0.0,
        confusion=confusion,
        n=len(gold),
    )
