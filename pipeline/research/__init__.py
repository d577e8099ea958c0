"""Research layer: load a built corpus as DataFrames, compare plans, search, export, report.

>>> from pipeline.research import load_corpus, targets_table
>>> c = load_corpus("corpus/structured")            # doctest: +SKIP
>>> targets_table(c, "床护比")                        # doctest: +SKIP

Names are imported on first use (PEP 562), so that `planminer build`, which
registers the research sub-commands, does not pay for pandas and matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "agency_involvement": "compare",
    "coverage_matrix": "compare",
    "deadline_timeline": "compare",
    "framework_gap": "compare",
    "framework_gap_summary": "compare",
    "shared_indicators": "compare",
    "targets_table": "compare",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "write_duckdb": "export",
    "write_parquet": "export",
    "kwic": "kwic",
    "write_report": "report",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'pipeline.research' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pipeline.research.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
