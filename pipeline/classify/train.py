"""Train the task classifier on all annotations and write it with its model card.

``python -m pipeline.classify.train --out models/`` fits
:class:`pipeline.classify.model.TaskClassifier` on every unit of
``corpus/annotations/labels.jsonl`` (synthetic units included), saves
``models/task_classifier.json`` and writes ``models/MODEL_CARD.md`` with the
data, features, version, date and the grouped cross-validation metrics of
:mod:`pipeline.classify.evaluate` (``--no-cv`` skips them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.classify.data import LABELS_PATH, ROOT, read_annotations
from pipeline.classify.model import MODEL_FILENAME, TaskClassifier, file_sha256
from pipeline.classify.taxonomy import load_taxonomy
from pipeline.structure.segment import USERDICT


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def model_card(
    model: TaskClassifier, meta: dict[str, Any], cv: dict[str, Any] | None, agreement: dict | None
) -> str:
    """Markdown model card: what the model is, what it was trained on, how well it does."""
    d = meta
    lines = [
        "# Model card: PlanMiner task classifier",
        "",
        f"- file: `{MODEL_FILENAME}` (format `planminer-task-classifier` v1, JSON, no pickle)",
        f"- trained: {d['trained_at']}; pipeline {d['pipeline_version']}; taxonomy {model.taxonomy.version}",
        f"- training data: `{d['training_data']['path']}` sha256 `{d['training_data']['sha256'][:16]}…`, "
        f"{d['training_data']['n_units']} units from {d['training_data']['n_documents']} documents "
        f"({d['training_data']['by_source']})",
        f"- jieba user dictionary sha256 `{d['userdict_sha256'][:16]}…`",
        f"- training time: {d['fit_seconds']} s",
        "",
        "## What it does",
        "Tags a plan unit with codes of the common taxonomy (`pipeline/data/taxonomy.toml`): a list of",
        "`{code, score}` sorted by score, at least one code, `other` when no code passes its threshold.",
        "Intended for Chinese government health-service plans and for telling non-health text apart (`other`).",
        "",
        "## Features and model",
        f"- jieba words (domain dictionary, numbers -> `<num>`) TF-IDF: {len(model.features.words.vocabulary)} terms (min_df 2)",
        f"- character 1–3-grams (digits -> 0) TF-IDF: {len(model.features.chars.vocabulary)} terms (min_df 2)",
        f"- cue counts: log(1 + cue phrases found) per code from the taxonomy, plus total; weight {model.cue_weight}",
        f"- one-vs-rest LogisticRegression per code (liblinear, C={model.C}, class_weight='balanced'), `other` as a code",
        "- scores: Platt scaling per code fitted on out-of-fold decision values (GroupKFold by document, 5 folds),",
        f"  averaged (weight {model.primary_weight}) with a multinomial LogisticRegression of the primary code",
        "  (same features, class_weight='balanced'); the ranking of codes therefore favours the likely primary code",
        "- thresholds: per code, the F1-maximising score on the same out-of-fold blended scores (0.5 when < 3 positives)",
        "- output: codes passing their threshold, best first, at most 4; `other` never combined with a health code;",
        "  nothing passing -> `other` with score max(p_other, 1 - max p_health)",
        "",
        "| code | threshold | Platt a | Platt b | training units |",
        "|---|---|---|---|---|",
    ]
    counts = d["training_data"]["code_counts"]
    for j, code in enumerate(model.codes):
        lines.append(
            f"| {code} | {model.thresholds[j]:.2f} | {model.platt_a[j]:.3f} | {model.platt_b[j]:.3f} | {counts.get(code, 0)} |"
        )
    if cv:
        m, b = cv["model"], cv["baseline"]
        lines += [
            "",
            "## Quality (grouped cross-validation)",
            f"`python -m pipeline.classify.evaluate`: {cv['n_splits']}-fold GroupKFold by source document, "
            f"{m.n} held-out real units from {cv['n_documents']} documents (synthetic units only ever train).",
            "",
            "| | micro P | micro R | micro F1 | macro F1 | primary-code accuracy |",
            "|---|---|---|---|---|---|",
            f"| classifier | {m.micro_p:.3f} | {m.micro_r:.3f} | {m.micro_f1:.3f} | {m.macro_f1:.3f} | {m.primary_accuracy:.3f} |",
            f"| keyword baseline | {b.micro_p:.3f} | {b.micro_r:.3f} | {b.micro_f1:.3f} | {b.macro_f1:.3f} | {b.primary_accuracy:.3f} |",
            "",
            "The baseline uses the same taxonomy cues, which were written by the annotator who also labelled",
            "the data, so it is not cross-validated in any sense and is, if anything, flattered.",
            "",
            "| code | P | R | F1 | n | baseline F1 |",
            "|---|---|---|---|---|---|",
        ]
        bf = {s.code: s.f1 for s in b.per_code}
        for s in m.per_code:
            lines.append(
                f"| {s.code} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.support} | {bf[s.code]:.3f} |"
            )
    if agreement:
        lines += [
            "",
            "## Label quality",
            f"{agreement['n']} units labelled independently by a second annotator: Cohen's kappa on the primary code "
            f"{agreement['primary_kappa']:.3f} (raw agreement {agreement['primary_agreement']:.3f}); "
            f"mean per-code binary kappa {agreement['mean_code_kappa']:.3f} (`python -m pipeline.classify.agreement`).",
        ]
    lines += [
        "",
        "## Limits",
        "- Several hundred units from 5 seed plans and 2024 city work reports; one seed (001, an aggregator page) is",
        "  a large share of the conduct/regulation examples, so that code is weaker on unseen documents.",
        "- Units are lines/sentences cut by a simple splitter for annotation; the structure stage's units may be",
        "  longer or shorter. Scores are calibrated on this data only.",
        "- Single first annotator; see GUIDELINES.md for the primary-code and multi-label rules.",
        "",
    ]
    return "\n".join(lines)


def train(labels_path: Path, out_dir: Path, run_cv: bool = True) -> tuple[Path, dict[str, Any]]:
    taxonomy = load_taxonomy()
    ann = read_annotations(labels_path)
    started = time.perf_counter()
    model = TaskClassifier(taxonomy=taxonomy).fit(
        [a.text for a in ann], [a.labels for a in ann], [a.doc for a in ann]
    )
    fit_seconds = round(time.perf_counter() - started, 1)
    from pipeline.version import __version__

    model.metadata = {
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "pipeline_version": __version__,
        "fit_seconds": fit_seconds,
        "userdict_sha256": file_sha256(USERDICT) if USERDICT.is_file() else "none",
        "training_data": {
            "path": _rel(labels_path),
            "sha256": file_sha256(labels_path),
            "n_units": len(ann),
            "n_documents": len({a.doc for a in ann}),
            "by_source": dict(Counter(a.source for a in ann)),
            "code_counts": dict(Counter(c for a in ann for c in a.labels)),
        },
    }
    cv = None
    if run_cv:
        from pipeline.classify.evaluate import run

        cv = run(labels_path)
        model.metadata["cv"] = {
            "model": cv["model"].as_dict(),
            "baseline": cv["baseline"].as_dict(),
        }
    agreement = None
    second = labels_path.parent / "labels_second_pass.jsonl"
    if second.is_file():
        from pipeline.classify.agreement import compare

        res = compare(labels_path, second)
        agreement = {
            k: res[k] for k in ("n", "primary_kappa", "primary_agreement", "mean_code_kappa")
        }
        model.metadata["agreement"] = agreement
    out_dir.mkdir(parents=True, exist_ok=True)
    path = model.save(out_dir / MODEL_FILENAME)
    (out_dir / "MODEL_CARD.md").write_text(
        model_card(model, model.metadata, cv, agreement), encoding="utf-8"
    )
    return path, model.metadata


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Train the task classifier and write models/task_classifier.json + MODEL_CARD.md"
    )
    ap.add_argument("--labels", type=Path, default=LABELS_PATH)
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument(
        "--no-cv", action="store_true", help="skip the grouped cross-validation in the model card"
    )
    args = ap.parse_args(argv)
    path, meta = train(args.labels, args.out, run_cv=not args.no_cv)
    print(
        f"wrote {path} ({path.stat().st_size // 1024} KiB) and {args.out / 'MODEL_CARD.md'}; fit {meta['fit_seconds']} s"
    )
    if "cv" in meta:
        m, b = meta["cv"]["model"], meta["cv"]["baseline"]
        print(
            f"grouped CV: micro F1 {m['micro_f1']} (baseline {b['micro_f1']}), macro F1 {m['macro_f1']} (baseline {b['macro_f1']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
