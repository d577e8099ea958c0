"""Grouped cross-validation of the task classifier against the keyword baseline.

``python -m pipeline.classify.evaluate`` splits the annotated units into
folds by source document (``GroupKFold``: no document is in both train and
test), fits a fresh classifier on each training side and scores the held-out
units.  Synthetic units (written by the annotator for rare codes) are only
ever used for training, never scored.  Prints micro/macro F1, per-code
P/R/F1, primary-code accuracy and the most frequent primary-code confusions,
for the model and for :class:`pipeline.classify.baseline.KeywordBaseline`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sklearn.model_selection import GroupKFold

from pipeline.classify.baseline import KeywordBaseline
from pipeline.classify.data import LABELS_PATH, Annotation, read_annotations
from pipeline.classify.metrics import Report, score
from pipeline.classify.model import TaskClassifier
from pipeline.classify.taxonomy import load_taxonomy


def grouped_cv_predictions(
    annotations: Sequence[Annotation],
    make_model: Callable[[], Any],
    n_splits: int = 5,
) -> tuple[list[Annotation], list[list[str]]]:
    """Held-out predicted code lists for every non-synthetic unit (folds grouped by ``doc``)."""
    real = [a for a in annotations if a.source != "synthetic"]
    synthetic = [a for a in annotations if a.source == "synthetic"]
    groups = [a.doc for a in real]
    k = min(n_splits, len(set(groups)))
    preds: list[list[str] | None] = [None] * len(real)
    for train_idx, test_idx in GroupKFold(n_splits=k).split(real, groups=groups):
        train = [real[i] for i in train_idx] + synthetic
        model = make_model().fit(
            [a.text for a in train], [a.labels for a in train], [a.doc for a in train]
        )
        labels = model.predict([real[i].text for i in test_idx])
        for i, ls in zip(test_idx, labels, strict=True):
            preds[i] = [lab.code for lab in ls]
    return real, [p or [] for p in preds]


def format_report(name: str, rep: Report, codes: Sequence[str], top_confusions: int = 12) -> str:
    lines = [
        f"== {name}: {rep.n} held-out units ==",
        f"micro P/R/F1 {rep.micro_p:.3f} / {rep.micro_r:.3f} / {rep.micro_f1:.3f}   "
        f"macro F1 {rep.macro_f1:.3f}   primary-code accuracy {rep.primary_accuracy:.3f}",
        f"{'code':24s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}",
    ]
    for s in rep.per_code:
        lines.append(f"{s.code:24s} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.support:5d}")
    errors = [(k, v) for k, v in rep.confusion.items() if k[0] != k[1]]
    errors.sort(key=lambda kv: -kv[1])
    lines.append(
        f"most frequent primary-code confusions (gold -> predicted), of {sum(v for _, v in errors)} errors:"
    )
    for (g, p), v in errors[:top_confusions]:
        lines.append(f"  {v:4d}  {g} -> {p}")
    return "\n".join(lines)


def confusion_table(rep: Report, codes: Sequence[str]) -> str:
    """Tab-separated primary-code confusion matrix (rows gold, columns predicted)."""
    head = "gold\\pred\t" + "\t".join(codes)
    rows = [head]
    for g in codes:
        rows.append(g + "\t" + "\t".join(str(rep.confusion.get((g, p), 0)) for p in codes))
    return "\n".join(rows)


def run(labels_path: Path = LABELS_PATH, n_splits: int = 5) -> dict[str, Any]:
    """Cross-validate model and baseline; returns both reports as dicts plus the Report objects."""
    taxonomy = load_taxonomy()
    codes = taxonomy.code_list
    annotations = read_annotations(labels_path)
    started = time.perf_counter()
    real, model_pred = grouped_cv_predictions(
        annotations, lambda: TaskClassifier(taxonomy=taxonomy), n_splits
    )
    seconds = time.perf_counter() - started
    gold = [a.labels for a in real]
    baseline_pred = [
        [lab.code for lab in ls] for ls in KeywordBaseline(taxonomy).predict([a.text for a in real])
    ]
    model_rep = score(gold, model_pred, codes)
    base_rep = score(gold, baseline_pred, codes)
    return {
        "codes": codes,
        "n_documents": len({a.doc for a in real}),
        "n_splits": n_splits,
        "cv_seconds": round(seconds, 1),
        "model": model_rep,
        "baseline": base_rep,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=LABELS_PATH)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the metrics as JSON here")
    ap.add_argument(
        "--confusion", type=Path, help="write the model's primary-code confusion matrix (TSV) here"
    )
    args = ap.parse_args(argv)
    res = run(args.labels, args.folds)
    codes = res["codes"]
    print(
        f"grouped {args.folds}-fold CV by document: {res['model'].n} units from {res['n_documents']} documents "
        f"(synthetic units train only), {res['cv_seconds']} s\n"
    )
    print(format_report("classifier", res["model"], codes))
    print()
    print(format_report("keyword baseline", res["baseline"], codes))
    m, b = res["model"], res["baseline"]
    print(
        f"\nclassifier vs baseline: micro F1 {m.micro_f1:.3f} vs {b.micro_f1:.3f}, macro F1 {m.macro_f1:.3f} vs "
        f"{b.macro_f1:.3f}, primary accuracy {m.primary_accuracy:.3f} vs {b.primary_accuracy:.3f}"
    )
    if args.json:
        payload = {k: v for k, v in res.items() if k not in ("model", "baseline")}
        payload["model"], payload["baseline"] = m.as_dict(), b.as_dict()
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    if args.confusion:
        args.confusion.write_text(confusion_table(m, codes) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
