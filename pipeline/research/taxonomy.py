"""The taxonomy as the research layer needs it: code order, code names, national measures.

The taxonomy (``pipeline/data/taxonomy.toml``) belongs to the classifier and is read through
``pipeline.classify.taxonomy``.  Its per-code ``crosswalk`` lists, for each national framework
(e.g. ``ygfw_2018`` = 进一步改善医疗服务行动计划（2018-2020）), the framework measures the code
expresses; inverting it gives the measures a regional plan can take up or leave out.

The research layer must work on a corpus before the classifier exists, so every function here
falls back to "no taxonomy" (empty results / None) instead of failing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

DEFAULT_FRAMEWORK = "ygfw_2018"


@dataclass(frozen=True)
class Measure:
    """One measure of a national framework and the taxonomy codes that express it."""

    id: str
    name: str
    codes: tuple[str, ...]


@functools.cache
def _taxonomy() -> Any | None:
    try:
        from pipeline.classify.taxonomy import load_taxonomy

        return load_taxonomy()
    except (ImportError, OSError, ValueError):
        return None


def taxonomy_codes() -> tuple[str, ...]:
    """Codes in the taxonomy's canonical order (empty when there is no taxonomy)."""
    tax = _taxonomy()
    return tuple(tax.code_list) if tax else ()


def code_names() -> dict[str, str]:
    """code -> Chinese name (e.g. telemedicine -> 远程医疗); empty without a taxonomy."""
    tax = _taxonomy()
    return {c: code.name for c, code in tax.codes.items()} if tax else {}


def frameworks() -> list[str]:
    """Cross-walk keys whose entries are measure names (numeric schemes such as CAP excluded)."""
    tax = _taxonomy()
    if not tax:
        return []
    keys: dict[str, bool] = {}
    for code in tax.codes.values():
        for key, values in code.crosswalk.items():
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                keys.setdefault(key, True)
            else:
                keys[key] = False
    return [k for k, ok in keys.items() if ok]


def national_measures(framework: str = DEFAULT_FRAMEWORK) -> list[Measure] | None:
    """Measures of ``framework`` with the codes mapped to each, in taxonomy order; None if absent."""
    tax = _taxonomy()
    if not tax or framework not in frameworks():
        return None
    codes_of: dict[str, list[str]] = {}
    for c, code in tax.codes.items():
        for name in code.crosswalk.get(framework, []):
            codes_of.setdefault(name, []).append(c)
    return [
        Measure(f"{framework}:{i + 1}", name, tuple(codes))
        for i, (name, codes) in enumerate(codes_of.items())
    ] or None
