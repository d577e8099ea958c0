"""Inter-annotator agreement on the taxonomy labels (Cohen's kappa).

``python -m pipeline.classify.agreement [FIRST] [SECOND]`` compares two
annotation files unit by unit (matched on ``id``) and reports

* Cohen's kappa on the **primary** code (nominal, all codes as categories);
* per-code **binary** kappa (code present or not in each unit's label set),
  and their mean over codes that either annotator used;
* raw agreement, and the units where the primary codes differ.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path

from pipeline.classify.data import ANNOTATIONS_DIR, LABELS_PATH, read_annotations


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two equally long rating sequences.

    Returns 1.0 when both raters always agree on a single category (expected
    agreement 1: kappa is undefined, but the raters cannot disagree).
    """
    if len(a) != len(b):
        raise ValueError("rating sequences differ in length")
    n = len(a)
    if n == 0:
        raise ValueError("no ratings")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca.keys() | cb.keys()) / (n * n)
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def per_code_kappa(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> dict[str, float]:
    """Binary kappa (code in the label set or not) for every code either rater used."""
    codes = sorted({c for ls in a for c in ls} | {c for ls in b for c in ls})
    return {c: cohen_kappa([c in x for x in a], [c in y for y in b]) for c in codes}


def compare(first: Path, second: Path) -> dict:
    """Agreement statistics between two annotation files over their shared unit ids."""
    a = {r.id: r for r in read_annotations(first)}
    b = {r.id: r for r in read_annotations(second)}
    ids = [i for i in b if i in a]
    if not ids:
        raise ValueError(f"no shared unit ids between {first} and {second}")
    la = [a[i].labels for i in ids]
    lb = [b[i].labels for i in ids]
    pa = [x[0] for x in la]
    pb = [y[0] for y in lb]
    per = per_code_kappa(la, lb)
    return {
        "n": len(ids),
        "primary_kappa": cohen_kappa(pa, pb),
        "primary_agreement": sum(x == y for x, y in zip(pa, pb, strict=True)) / len(ids),
        "mean_code_kappa": sum(per.values()) / len(per),
        "per_code_kappa": per,
        "exact_set_agreement": sum(set(x) == set(y) for x, y in zip(la, lb, strict=True))
        / len(ids),
        "disagreements": [
            (i, a[i].labels, b[i].labels, a[i].text[:60])
            for i in ids
            if a[i].labels[0] != b[i].labels[0]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Cohen's kappa between two taxonomy annotation files.")
    ap.add_argument("first", nargs="?", type=Path, default=LABELS_PATH)
    ap.add_argument(
        "second", nargs="?", type=Path, default=ANNOTATIONS_DIR / "labels_second_pass.jsonl"
    )
    args = ap.parse_args(argv)
    if not args.second.is_file():
        print(f"no second annotation file at {args.second}; nothing to compare")
        return 0
    res = compare(args.first, args.second)
    print(f"units annotated twice: {res['n']}")
    print(
        f"primary code: kappa {res['primary_kappa']:.3f}, raw agreement {res['primary_agreement']:.3f}"
    )
    print(
        f"per-code binary kappa, mean over {len(res['per_code_kappa'])} codes used: {res['mean_code_kappa']:.3f}"
    )
    print(f"identical label sets: {res['exact_set_agreement']:.3f}")
    for code, k in sorted(res["per_code_kappa"].items(), key=lambda kv: kv[1]):
        print(f"  {code:24s} {k:6.3f}")
    print("primary-code disagreements (id: first / second):")
    for i, x, y, t in res["disagreements"]:
        print(f"  {i}: {','.join(x)} / {','.join(y)}  {t}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
